#!/usr/bin/env python3
"""Build the update script of an unreleased version from its template and
the install sources, so that each definition is written once: in
sql/<extension>/NN-*.sql.

    python3 sql/build-update.py sql/updates/EXT--A--B.sql.in EXT--A--B.sql
    python3 sql/build-update.py --list EXT   # the names a directive may take

The template is SQL as an update script holds it (table changes, data
migration, checks that stop an update, the category-enum machinery), and
directives, each a line of its own that the build replaces:

    -- @create KIND NAME          the CREATE statement of that object as the
    -- @replace KIND NAME         install sources write it, followed by the
                                  COMMENT statements that follow it there
                                  (for a table, also its CREATE INDEX);
                                  @replace turns CREATE into CREATE OR
                                  REPLACE (an object 0.2.0 has already)
    -- @create-only KIND NAME     the statement without its comments
    -- @replace-only KIND NAME
    -- @comments KIND NAME        only what follows it
    -- @comment TARGET            one COMMENT statement of the sources, by
                                  its target: FUNCTION name(types), COLUMN
                                  schema.table.column, CONSTRAINT name ON
                                  schema.table, VIEW name ...
    -- @rows TABLE NAME           the INSERT statements of the sources into
                                  that table (the rows of a lookup table)
    -- @dump NAME...              the pg_extension_config_dump() calls of
                                  the sources for these tables and sequences
    -- @add COLUMN S.TABLE.COLUMN ALTER TABLE ... ADD COLUMN, or ADD
    -- @add CONSTRAINT NAME ON S.TABLE   CONSTRAINT, with the column or
                                  constraint as the CREATE TABLE in the
                                  sources writes it
    -- @definitions TABLE         an INSERT of (ord, kind, name, args (a
                                  function's argument types),
                                  create_command) into TABLE: every view and
                                  function of the sources after 10-model.sql
                                  with its comments, in file order (the last
                                  block of housing_areas_postgis creates or
                                  replaces each from it)

KIND is FUNCTION, AGGREGATE, VIEW, TABLE, INDEX, TRIGGER, TYPE ...; NAME is
qualified (housing_areas.x, housing_areas_private.y), a function's with its
argument types as its COMMENT ON FUNCTION in the sources writes them, e.g.
`-- @create FUNCTION housing_areas.list_distance(indicators, integer)`.
The extension (and so the folder of its sources) is the part of the
template's file name before "--".
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
DIRECTIVE = re.compile(r'^-- @([a-z-]+)\s+(.*?)\s*$')
# what looks like a directive (a line of the template that no rule of SQL
# starts so): one not in the form above is an error, never a comment
LOOKS_LIKE_DIRECTIVE = re.compile(r'^\s*--\s*@')
HEAD = re.compile(r'^CREATE\s+(?:OR\s+REPLACE\s+|UNIQUE\s+)?(FUNCTION|AGGREGATE|PROCEDURE|VIEW|MATERIALIZED\s+VIEW|TABLE|INDEX|'
                  r'TYPE|OPERATOR\s+CLASS|OPERATOR\s+FAMILY|OPERATOR|SCHEMA|DOMAIN|CAST|(?:CONSTRAINT\s+)?TRIGGER)'
                  r'\s+([A-Za-z0-9_."]+|[^\s(]+)')


def statements(text):
    """(start, end) offsets of each SQL statement of text, comments outside
    statements skipped; quotes, dollar quotes and BEGIN ATOMIC bodies kept
    whole."""
    out, i, n, start, atomic, prev = [], 0, len(text), None, 0, ''
    word = re.compile(r'[A-Za-z_][A-Za-z_0-9]*')
    while i < n:
        c = text[i]
        if text.startswith('--', i):
            j = text.find('\n', i)
            i = n if j < 0 else j + 1
            continue
        if text.startswith('/*', i):
            i = text.index('*/', i) + 2
            continue
        if c.isspace():
            i += 1
            continue
        if start is None:
            start = i
        if c == "'" or c == '"':
            j = i + 1
            while True:
                j = text.index(c, j)
                if text.startswith(c + c, j):
                    j += 2
                    continue
                break
            i = j + 1
            continue
        if c == '$' and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            m = re.match(r'\$([A-Za-z_][A-Za-z_0-9]*)?\$', text[i:])
            if m:
                i = text.index(m.group(0), i + len(m.group(0))) + len(m.group(0))
                continue
        if c.isalpha() or c == '_':
            m = word.match(text, i)
            w = m.group(0).upper()
            if w == 'ATOMIC' and prev == 'BEGIN':
                atomic += 1
            elif atomic and w == 'CASE':
                atomic += 1
            elif atomic and w == 'END':
                atomic -= 1
            prev = w
            i = m.end()
            continue
        if c == ';' and not atomic:
            out.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        sys.exit('a statement without its final ";" at offset %d' % start)
    return out


def qualify(name):
    """name with its schema (housing_areas where the sources leave it out)."""
    name = name.replace('"', '')
    return name if '.' in name else 'housing_areas.' + name


TYPE_ALIASES = {'int': 'integer', 'int4': 'integer', 'int8': 'bigint', 'int2': 'smallint',
                'float8': 'double precision', 'float4': 'real', 'bool': 'boolean',
                'varchar': 'character varying', 'timestamptz': 'timestamp with time zone'}
TYPE_WORDS = re.compile(r'^(double precision|character varying|timestamp with(out)? time zone|'
                        r'time with(out)? time zone|bit varying)\b')


def split_top(text):
    """text split at its commas outside parentheses."""
    parts, depth, cur = [], 0, ''
    for c in text:
        if c == ',' and depth == 0:
            parts.append(cur)
            cur = ''
            continue
        depth += (c == '(') - (c == ')')
        cur += c
    return parts + [cur] if cur.strip() else parts


def signature(rest):
    """The argument types, as "(t1, t2)", of the parameter list that opens
    rest (what follows a function's name in its CREATE statement)."""
    depth, i = 0, 0
    for i, c in enumerate(rest):
        depth += (c == '(') - (c == ')')
        if depth == 0 and c == ')':
            break
    types = []
    for p in split_top(rest[rest.index('(') + 1:i]):
        p = re.split(r'\s+DEFAULT\s+|\s*=\s*', ' '.join(p.split()), maxsplit=1, flags=re.I)[0]
        words = p.split(' ')
        if words[0].upper() in ('IN', 'OUT', 'INOUT', 'VARIADIC'):
            if words[0].upper() == 'OUT':
                continue
            words = words[1:]
        t = ' '.join(words)
        if len(words) > 1 and not TYPE_WORDS.match(t.lower()):
            t = ' '.join(words[1:])
        types.append(t)
    return '(' + ', '.join(types) + ')'


def norm_type(t):
    """A type name in one spelling: lower case, aliases resolved."""
    t = ' '.join(t.lower().replace('"', '').split())
    arr = ''
    while t.endswith('[]'):
        t, arr = t[:-2].strip(), arr + '[]'
    t = TYPE_ALIASES.get(t, t)
    if '.' in t and t.split('.')[0] in ('housing_areas', 'pg_catalog', 'public'):
        t = t.split('.', 1)[1]
    return t + arr


def norm(kind, name):
    """The key of an object: kind and qualified name, a function's with its
    argument types as written, without spaces, in lower case."""
    kind = ' '.join(kind.upper().split())
    m = re.match(r'([^(]*?)\s*(\((.*)\))?$', name.strip(), re.S)
    args = ''
    if m.group(2):
        args = '(' + ','.join(norm_type(t) for t in split_top(m.group(3))) + ')'
    return kind + ' ' + qualify(m.group(1).strip().lower()) + args


def sources(extension):
    """The statements of the install sources of extension: a dict from key to
    (statement, its comments, file), and the list of (file, statement) in order."""
    folder = os.path.join(ROOT, 'sql', extension)
    index, order, notes = {}, [], {}
    for f in sorted(n for n in os.listdir(folder) if re.match(r'\d+-.*\.sql$', n)):
        text = open(os.path.join(folder, f)).read()
        stmts = [text[a:b] for a, b in statements(text)]
        for k, s in enumerate(stmts):
            order.append((f, s))
            m = re.match(r"SELECT\s+pg_catalog\.pg_extension_config_dump\('([^']+)'", s)
            if m:
                notes['DUMP ' + m.group(1).lower()] = s
                continue
            m = re.match(r'INSERT\s+INTO\s+([A-Za-z0-9_."]+)', s)
            if m:
                notes.setdefault('ROWS ' + qualify(m.group(1).lower()), []).append(s)
                continue
            key = comment_key(s)
            if key:
                if key in notes:
                    sys.exit('%s: a second %s' % (f, s.split(' IS')[0]))
                notes[key] = s
            m = HEAD.match(s)
            if not m:
                continue
            kind, name = ' '.join(m.group(1).split()).replace('CONSTRAINT TRIGGER', 'TRIGGER'), m.group(2)
            if kind == 'TYPE' and re.match(r'CREATE\s+TYPE\s+\S+\s*;$', s):
                continue  # a shell type, completed by its full CREATE TYPE
            # what follows it: its comments, and a table's indexes
            comments = []
            for t in stmts[k + 1:]:
                if not (t.startswith('COMMENT ON') or kind == 'TABLE' and re.match(
                        r'CREATE\s+(UNIQUE\s+)?INDEX\s+\S+\s+ON\s+%s\b' % re.escape(name), t)):
                    break
                comments.append(t)
            if kind in ('FUNCTION', 'AGGREGATE', 'PROCEDURE'):
                name += signature(s[m.end():])
            elif kind == 'OPERATOR':
                args = [re.search(r'\b%sARG\s*=\s*([^,)\s]+)' % side, s, re.I) for side in ('LEFT', 'RIGHT')]
                name += '(%s)' % ', '.join(a.group(1) if a else 'NONE' for a in args)
            key = kind + ' ' + name if kind == 'SCHEMA' else norm(kind, name)
            if key in index:
                sys.exit('%s: %s is created twice in the sources' % (f, key))
            index[key] = (s, comments, f)
    return index, order, notes


def comment_key(stmt):
    """The key of the object a COMMENT statement is on (as norm() makes it,
    a column as COLUMN schema.table.column, a constraint as CONSTRAINT name
    ON schema.table), or None for another statement."""
    m = re.match(r'COMMENT\s+ON\s+(MATERIALIZED\s+VIEW|OPERATOR\s+CLASS|[A-Z]+)\s+(.*?)\s+IS\s', stmt, re.S)
    return m and target_key(m.group(1), m.group(2))


def target_key(kind, what):
    """norm() of the target of a COMMENT statement or an @comment directive."""
    kind = ' '.join(kind.upper().split())
    if kind == 'COLUMN':
        what = what.strip().lower().replace('"', '')
        return 'COLUMN ' + (what if what.count('.') == 2 else 'housing_areas.' + what)
    if kind == 'CONSTRAINT':
        name, table = re.split(r'\s+ON\s+', what.strip(), flags=re.I)
        return 'CONSTRAINT %s ON %s' % (name.lower(), qualify(table.lower()))
    if kind == 'OPERATOR CLASS':
        what = re.sub(r'\s+USING\s+.*', '', what, flags=re.S)
    if kind == 'SCHEMA':
        return 'SCHEMA ' + what.strip()
    return norm(kind, what)


def table_element(index, table, what, name):
    """The column or constraint name of table as its CREATE TABLE in the
    sources writes it (a constraint of a column included), without comments."""
    stmt = index['TABLE ' + qualify(table.lower())][0]
    stmt = re.sub(r'--[^\n]*', '', stmt)
    start = stmt.index('(') + 1
    depth, parts, cur = 0, [], start
    for i in range(start, len(stmt)):
        c = stmt[i]
        if c == '(':
            depth += 1
        elif c == ')':
            if depth == 0:
                parts.append((cur, i))
                break
            depth -= 1
        elif c == ',' and depth == 0:
            parts.append((cur, i))
            cur = i + 1
    for a, b in parts:
        part = ' '.join(stmt[a:b].split())
        if what == 'COLUMN' and part.split(' ')[0].lower() == name.lower():
            return part
        m = re.search(r'\bCONSTRAINT\s+%s\s+' % re.escape(name), part, re.I)
        if what == 'CONSTRAINT' and m:
            rest = part[m.start():]
            k = re.match(r'CONSTRAINT\s+\S+\s+CHECK\s*\(', rest, re.I)
            if not k:
                return rest
            depth = 0
            for i in range(k.end() - 1, len(rest)):
                depth += (rest[i] == '(') - (rest[i] == ')')
                if depth == 0:
                    return rest[:i + 1]
    sys.exit('no %s %s in the CREATE TABLE of %s' % (what.lower(), name, table))


def definitions(order, table):
    """The INSERT of every view and function of the files after 10-model.sql
    into table (ord, kind, name, args, create_command), each statement with the
    COMMENT statements that follow it."""
    rows, seen = [], set()
    for k, (f, s) in enumerate(order):
        m = HEAD.match(s)
        if f <= '10-model.sql' or not m or m.group(1) not in ('FUNCTION', 'VIEW'):
            continue
        obj = qualify(m.group(2))
        if obj in seen:
            sys.exit('%s is defined twice (overloads are not supported by @definitions)' % obj)
        seen.add(obj)
        comments = []
        for f2, t in order[k + 1:]:
            if f2 != f or not t.startswith('COMMENT ON'):
                break
            comments.append(t)
        command = '\n'.join([s] + comments)
        if '$src$' in command:
            sys.exit('%s contains $src$' % obj)
        args = "'%s'" % signature(s[m.end():]).replace("'", "''") if m.group(1) == 'FUNCTION' else 'NULL'
        rows.append("\t(%d, '%s', '%s', %s, $src$%s$src$)" % (len(rows) + 1, m.group(1).lower(), obj, args, command))
    return 'INSERT INTO %s (ord, kind, name, args, create_command) VALUES\n%s;' % (table, ',\n'.join(rows))


def build(template, extension):
    """The update script: template with each directive replaced."""
    index, order, notes = sources(extension)
    out, done = [], {}
    for n, line in enumerate(open(template).read().split('\n'), 1):
        where = '%s:%d' % (os.path.relpath(template, ROOT), n)
        m = DIRECTIVE.match(line)
        if not m:
            if LOOKS_LIKE_DIRECTIVE.match(line):
                sys.exit('%s: not a directive: %r (a directive is "-- @name ARGUMENT", in lower case, '
                         'on a line of its own)' % (where, line))
            out.append(line)
            continue
        what, arg = m.group(1), m.group(2)
        # what creates or inserts, twice, would fail in the update or repeat rows
        once = {'create': 'create', 'create-only': 'create', 'rows': 'rows', 'add': 'add',
                'dump': 'dump', 'definitions': 'definitions'}.get(what)
        if once:
            key = (once, ' '.join(arg.split()).lower())
            if key in done:
                sys.exit('%s: @%s %s again (first at line %d)' % (where, what, arg, done[key]))
            done[key] = n
        if what == 'definitions':
            out.append(definitions(order, arg))
            continue
        if what == 'comment':
            m = re.match(r'(MATERIALIZED VIEW|OPERATOR CLASS|[A-Z]+)\s+(.+)$', arg)
            key = m and target_key(m.group(1), m.group(2))
            if key not in notes:
                sys.exit('%s: no COMMENT ON %s in sql/%s/*.sql' % (where, arg, extension))
            out.append(notes[key])
            continue
        if what == 'dump':
            for rel in arg.split():
                if 'DUMP ' + rel.lower() not in notes:
                    sys.exit('%s: no pg_extension_config_dump of %s in sql/%s/*.sql' % (where, rel, extension))
                out.append(notes['DUMP ' + rel.lower()])
            continue
        if what == 'add':
            m = re.match(r'COLUMN\s+(?:(\w+)\.)?(\w+)\.(\w+)$|CONSTRAINT\s+(\w+)\s+ON\s+(?:(\w+)\.)?(\w+)$', arg)
            if not m:
                sys.exit('%s: @add COLUMN schema.table.column or @add CONSTRAINT name ON schema.table' % where)
            if m.group(3):
                table, part = m.group(2), table_element(index, m.group(2), 'COLUMN', m.group(3))
                out.append('ALTER TABLE %s ADD COLUMN %s;' % (table, part))
            else:
                table, part = m.group(6), table_element(index, m.group(6), 'CONSTRAINT', m.group(4))
                out.append('ALTER TABLE %s ADD %s;' % (table, part))
            continue
        if what == 'rows':
            m = re.match(r'TABLE\s+(\S+)$', arg)
            key = m and 'ROWS ' + qualify(m.group(1).lower())
            if key not in notes:
                sys.exit('%s: no INSERT INTO %s in sql/%s/*.sql' % (where, arg, extension))
            out.extend(notes[key])
            continue
        if what not in ('create', 'replace', 'create-only', 'replace-only', 'comments'):
            sys.exit('%s: unknown directive @%s' % (where, what))
        m = re.match(r'(MATERIALIZED VIEW|OPERATOR CLASS|OPERATOR FAMILY|[A-Z]+)\s+(.+)$', arg)
        key = m and (m.group(1) + ' ' + m.group(2) if m.group(1) == 'SCHEMA' else norm(m.group(1), m.group(2)))
        if key not in index:
            sys.exit('%s: no %s in sql/%s/*.sql (python3 sql/build-update.py --list %s)'
                     % (where, arg, extension, extension))
        stmt, comments, _ = index[key]
        if what == 'comments':
            out.extend(comments)
            continue
        if what.startswith('replace'):
            stmt = re.sub(r'^CREATE\s+(?!OR\s+REPLACE)', 'CREATE OR REPLACE ', stmt)
        out.append(stmt)
        if not what.endswith('-only'):
            out.extend(comments)
    return '\n'.join(out)


def main(argv):
    """Build the script named by argv, or list the names of an extension."""
    if len(argv) == 2 and argv[0] == '--list':
        index, _, notes = sources(argv[1])
        print('\n'.join(sorted(index)))
        print('\n'.join(('ROWS OF ' + k[5:]) if k.startswith('ROWS ') else
                        ('CONFIG DUMP OF ' + k[5:]) if k.startswith('DUMP ') else ('COMMENT ON ' + k)
                        for k in sorted(notes)))
        return 0
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    template, output = argv
    base = os.path.basename(template)
    if not base.endswith('.sql.in') or '--' not in base:
        sys.exit('%s: a template is named EXTENSION--FROM--TO.sql.in' % template)
    extension = base.split('--')[0]
    text = ('-- %s: generated from %s and sql/%s/*.sql by sql/build-update.py; edit those\n'
            % (base[:-3], os.path.relpath(template, ROOT), extension)) + build(template, extension)
    tmp = output + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
    os.replace(tmp, output)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
