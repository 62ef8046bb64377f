#!/usr/bin/env python3
"""The definitions of this version of every view and function of
housing_areas_postgis, as the category-enum block of
sql/updates/housing_areas_postgis--0.2.0--0.3.0.sql re-creates them (the
INSERT between the lines "-- category sources: begin" and "-- category
sources: end"), generated from sql/housing_areas_postgis/*.sql.

    python3 test/category-sources.py          # exit 1 when the copy is stale
    python3 test/category-sources.py --write  # replace the copy
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
# every file after the tables (10-model.sql): the views and functions of all
# of them can be built on the column
SOURCES = sorted(n for n in os.listdir(os.path.join(ROOT, 'sql/housing_areas_postgis'))
                 if n.endswith('.sql') and n > '10-model.sql')
UPDATE = os.path.join(ROOT, 'sql/updates/housing_areas_postgis--0.2.0--0.3.0.sql')
BEGIN, END = '-- category sources: begin', '-- category sources: end'


def statements():
    """(qualified name, CREATE statement) of each view and function, in file order."""
    seen = set()
    for name in SOURCES:
        lines = open(os.path.join(ROOT, 'sql/housing_areas_postgis', name)).read().split('\n')
        i = 0
        while i < len(lines):
            m = re.match(r'^CREATE (?:OR REPLACE )?(VIEW|FUNCTION|TYPE) ([A-Za-z_.]+)', lines[i])
            if not m:
                i += 1
                continue
            kind, obj = m.group(1), m.group(2)
            if '.' not in obj:
                obj = 'housing_areas.' + obj
            j, atomic, quoted = i, False, False
            while True:
                atomic = atomic or 'BEGIN ATOMIC' in lines[j]
                # a body between $$ ends with the line that closes it
                if lines[j].count('$$') % 2:
                    quoted = not quoted
                s = lines[j].strip()
                if not quoted and ((s == 'END;') if atomic else (s.endswith(';') and not s.startswith('--'))):
                    break
                j += 1
            if kind != 'TYPE':
                if obj in seen:
                    sys.exit('%s is defined twice (overloads are not supported here)' % obj)
                seen.add(obj)
                stmt = '\n'.join(lines[i:j + 1])
                if '$src$' in stmt:
                    sys.exit('%s contains $src$' % obj)
                yield obj, stmt
            i = j + 1


def block():
    rows = ["\t('%s', $src$%s$src$)" % (obj, stmt) for obj, stmt in statements()]
    return ('INSERT INTO housing_areas_private.category_update_source (name, create_command) VALUES\n'
            + ',\n'.join(rows) + ';')


def main():
    text = open(UPDATE).read()
    a, b = text.index(BEGIN + '\n') + len(BEGIN) + 1, text.index(END)
    new = text[:a] + block() + '\n' + text[b:]
    if new == text:
        return 0
    if '--write' in sys.argv[1:]:
        open(UPDATE, 'w').write(new)
        print('wrote the category sources of %s' % os.path.relpath(UPDATE, ROOT))
        return 0
    print('the category sources of %s are stale: run python3 test/category-sources.py --write'
          % os.path.relpath(UPDATE, ROOT), file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main())
