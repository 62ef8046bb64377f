# housing_areas: two extensions in one repository (as h3 and h3_postgis):
#   housing_areas          C types, rules, classification, history, tallies,
#                          disclosure; needs no PostGIS
#   housing_areas_postgis  SQL only: tables, area status, spatial analyses,
#                          map outputs, GIS and BI views; requires
#                          housing_areas and postgis
# Each install script is assembled from the numbered files of its folder in
# sql/, in the order of the data flow.  Released install scripts and update
# scripts live, frozen, in sql/releases and sql/updates; the update scripts
# of the unreleased version are built from their templates in sql/updates
# (*.sql.in) and the numbered files by sql/build-update.py (python3).
#
# Targets beyond PGXS: `make test` and `make demo` (the README's commands;
# they install what is missing first), `make unit`, `make docs`,
# `make federation` (postgres_fdw across throwaway clusters, also a step of
# make test), `make hostile` (hostile calls of every function and sqlsmith;
# not part of make test) and `make test-matrix` (the regression suite on
# every supported PostgreSQL major, in Debian chroots; needs root).

EXTENSION    = housing_areas housing_areas_postgis
# the version lives in each control file only
version_of   = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(1).control)
CORE_VERSION = $(call version_of,housing_areas)
GIS_VERSION  = $(call version_of,housing_areas_postgis)
CORE_SQL     = $(sort $(wildcard sql/housing_areas/[0-9]*.sql))
GIS_SQL      = $(sort $(wildcard sql/housing_areas_postgis/[0-9]*.sql))

CORE_OBJS    = src/core/ha_error.o src/core/ha_number.o src/core/ha_kv.o \
               src/core/indicators.o src/core/tally.o src/core/rules.o \
               src/core/history.o src/core/rulelang.o src/core/builtin_rules.o \
               src/core/distance.o src/core/twins.o
MODULE_big   = housing_areas
OBJS         = $(CORE_OBJS) src/housing_areas.o src/indicators.o src/tally.o \
               src/classify.o src/rulesets.o src/twins.o
# server headers as system headers: -Wextra stays on for our code only
PG_CPPFLAGS  = -I$(srcdir)/src -isystem $(includedir_server)

# the unreleased version's update scripts: template + sources (one definition each)
UPDATE_BUILT = $(patsubst sql/updates/%.in,%,$(wildcard sql/updates/*.sql.in))
DATA_built   = housing_areas--$(CORE_VERSION).sql housing_areas_postgis--$(GIS_VERSION).sql \
               $(UPDATE_BUILT)
DATA         = $(wildcard sql/releases/*.sql) $(wildcard sql/releases/*.control) \
               $(wildcard sql/updates/*.sql)
EXTRA_CLEAN  = test/out src/core/builtin_rules.c

# pg_regress: test/sql/*.sql against test/expected/*.out, both extensions loaded
REGRESS      = $(patsubst test/sql/%.sql,%,$(sort $(wildcard test/sql/*.sql)))
REGRESS_OPTS = --inputdir=test --outputdir=test/out --load-extension=postgis \
               --load-extension=housing_areas --load-extension=housing_areas_postgis

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
	@echo "  Install postgresql-server-dev-NN (Debian), or point PG_CONFIG at" >&2
	@echo "  the right pg_config: make PG_CONFIG=/usr/lib/postgresql/NN/bin/pg_config" >&2
	@echo "  'make test' and 'make demo' install what is missing by themselves." >&2
	@exit 1
endif

# $(1): extension, $(2): version; the numbered files follow as prerequisites
define assemble
	@printf '%s\n' "-- $(1) $(2): generated from sql/$(1)/*.sql; edit those files" \
		'\echo Use "CREATE EXTENSION $(1) CASCADE" to load this file. \quit' > $@
	cat $(filter %.sql,$^) >> $@
endef

# every object follows every header of ours (few and small): a changed
# struct must never meet an object compiled against the old one
$(OBJS): $(wildcard src/*.h src/core/*.h)

# twins.c computes distances bit for bit as the SQL does: no fused multiply-add
src/core/twins.o: CFLAGS += -ffp-contract=off
src/core/twins.bc: BITCODE_CFLAGS += -ffp-contract=off

# the rule text, built into the library: the .so reads no file at run time
src/core/builtin_rules.c: src/core/builtin.rules src/core/embed-rules.sh
	sh src/core/embed-rules.sh src/core/builtin.rules $@

# the folders too: a numbered file removed or renamed (git mv, a checkout)
# changes no file that is left, only its folder
housing_areas--$(CORE_VERSION).sql: $(CORE_SQL) sql/housing_areas housing_areas.control
	$(call assemble,housing_areas,$(CORE_VERSION))

housing_areas_postgis--$(GIS_VERSION).sql: $(GIS_SQL) sql/housing_areas_postgis housing_areas_postgis.control
	$(call assemble,housing_areas_postgis,$(GIS_VERSION))

# an update script of the unreleased version: its template with each
# directive replaced by the definition in the numbered files
housing_areas--%.sql: sql/updates/housing_areas--%.sql.in $(CORE_SQL) sql/housing_areas sql/build-update.py
	python3 sql/build-update.py $< $@

housing_areas_postgis--%.sql: sql/updates/housing_areas_postgis--%.sql.in $(GIS_SQL) sql/housing_areas_postgis \
		sql/build-update.py
	python3 sql/build-update.py $< $@

.PHONY: test test-matrix demo unit docs federation hostile
test:
	@bash test/run-tests.sh

test-matrix:
	@bash test/matrix.sh

demo:
	@bash test/demo.sh $(DEMO_ARGS)

unit:
	@bash test/run-unit.sh

docs:
	@bash test/docs.sh --write

federation:
	@bash test/federation.sh $(FEDERATION_ARGS)

hostile:
	@bash test/hostile.sh $(HOSTILE_ARGS)
