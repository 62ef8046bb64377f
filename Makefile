# housing_areas: PGXS build, plus the bootstrap targets behind the README's
# two commands (`make demo`, `make test`), which work before PostgreSQL's
# development files exist: they install what is missing and call back here.

EXTENSION    = housing_areas
EXTVERSION   = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

# SQL objects per module, in dependency order; assembled into one script
SQL_MODULES  = src/indicators.sql src/tally.sql src/disclosure.sql src/classify.sql \
               src/spatial.sql

CORE_OBJS    = src/core/ha_error.o src/core/ha_number.o src/core/ha_kv.o \
               src/core/indicators.o src/core/tally.o src/core/rules.o \
               src/core/history.o
MODULE_big   = $(EXTENSION)
OBJS         = $(CORE_OBJS) src/housing_areas.o src/indicators.o src/tally.o \
               src/classify.o
# server headers as system headers: -Wextra stays on for our code only
PG_CPPFLAGS  = -I$(srcdir)/src -isystem $(includedir_server)

DATA_built   = $(EXTENSION)--$(EXTVERSION).sql
# released install scripts (frozen) and the update scripts between versions
DATA         = $(wildcard src/releases/$(EXTENSION)--*.sql) \
               $(wildcard src/updates/$(EXTENSION)--*--*.sql)
EXTRA_CLEAN  = test/out test/unit/*.bin

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --outputdir=test/out --load-extension=postgis \
               --load-extension=$(EXTENSION)

PG_CONFIG   ?= pg_config
PGXS        := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
PG_INCLUDE  := $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)

.DEFAULT_GOAL := all

# Debian's client package ships pgxs.mk without the server headers: need both
ifneq ($(and $(wildcard $(PGXS)),$(wildcard $(PG_INCLUDE)/postgres.h)),)
include $(PGXS)
else
all install installcheck clean:
	@echo "housing_areas: PostgreSQL server development files not found." >&2
	@echo "  '$(PG_CONFIG) --pgxs' gave '$(PGXS)' and the server headers" >&2
	@echo "  ('$(PG_INCLUDE)/postgres.h') must exist too." >&2
	@echo "  Install postgresql-server-dev-15 (Debian), or point PG_CONFIG at" >&2
	@echo "  the right pg_config: make PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config" >&2
	@echo "  'make test' and 'make demo' install what is missing by themselves." >&2
	@exit 1
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_MODULES) $(EXTENSION).control
	@printf '%s\n' "-- housing_areas $(EXTVERSION): generated from src/*.sql; edit those files" \
		'\echo Use "CREATE EXTENSION housing_areas CASCADE" to load this file. \quit' > $@
	cat $(SQL_MODULES) >> $@

.PHONY: test demo unit
test:
	@bash test/run-tests.sh

demo:
	@bash test/demo.sh $(DEMO_ARGS)

unit:
	@bash test/run-unit.sh
