#!/usr/bin/env python3
"""Tests of sql/build-update.py (run by test/run-unit.sh; TAP lines like
the C unit tests): a template that names a missing object, repeats a
directive or holds a malformed one fails the build with its line; the real
templates build, twice the same."""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
BUILD = os.path.join(ROOT, 'sql', 'build-update.py')
# the number of checks (test/lib.sh reads it: the unit step's plan)
PLAN = 12
failed = 0
ran = 0


def build(template_text, extension='housing_areas_postgis'):
    """(exit status, stderr, output) of a build of template_text."""
    with tempfile.TemporaryDirectory() as d:
        template = os.path.join(d, extension + '--0.2.0--0.3.0.sql.in')
        output = os.path.join(d, 'out.sql')
        with open(template, 'w') as f:
            f.write(template_text)
        r = subprocess.run([sys.executable, BUILD, template, output], capture_output=True, text=True)
        text = open(output).read() if os.path.exists(output) else None
        return r.returncode, r.stderr, text


def check(name, ok, detail=''):
    """Print the TAP line of one check."""
    global failed, ran
    ran += 1
    print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else ' # ' + detail.strip()))
    failed += not ok


def fails(name, template_text, message):
    """A build of template_text must fail, writing no output, with message."""
    rc, err, text = build(template_text)
    check(name, rc != 0 and text is None and message in err and ':%d:' % template_text.count('\n') in err,
          'rc %d, output %s, stderr %r' % (rc, 'written' if text is not None else 'none', err))


def test_good():
    """A directive gives the statement of the sources, its comments, its rows."""
    rc, err, text = build('-- @create TABLE housing_areas.country\n-- @rows TABLE housing_areas.country\n')
    check('build: @create and @rows of country', rc == 0 and text.count('CREATE TABLE country') == 1
          and 'COMMENT ON COLUMN country.membership' in text and "('DK', 'Denmark', 'EU', NULL)" in text, err)


def test_missing():
    """An object the sources do not have."""
    fails('build: a missing table', '-- @create TABLE housing_areas.nocountry\n', 'no TABLE housing_areas.nocountry')
    fails('build: a function without its argument types',
          '-- @create FUNCTION housing_areas.allocation_check\n', 'no FUNCTION')
    fails('build: a function with other argument types (an overload the sources lack)',
          '-- @create FUNCTION housing_areas.allocation_check(integer, date, json)\n', 'no FUNCTION')
    fails('build: rows of a table without INSERT', '-- @rows TABLE housing_areas.area\n', 'no INSERT INTO')


def test_malformed():
    """What looks like a directive but is not one is no comment."""
    fails('build: a directive without its argument', '-- @create\n', 'not a directive')
    fails('build: a directive without the space', '--@create TABLE housing_areas.country\n', 'not a directive')
    fails('build: a directive in upper case', '-- @CREATE TABLE housing_areas.country\n', 'not a directive')
    fails('build: an unknown directive', '-- @crate TABLE housing_areas.country\n', 'unknown directive')


def test_repeated():
    """The same object created or its rows inserted twice."""
    fails('build: @create twice', '-- @create TABLE housing_areas.country\n-- @create-only TABLE housing_areas.country\n',
          'again (first at line 1)')
    fails('build: @rows twice', '-- @rows TABLE housing_areas.country\n-- @rows  TABLE  housing_areas.country\n',
          'again (first at line 1)')


def test_templates():
    """The real templates build, and the same bytes twice (one check for all:
    a release removes them)."""
    folder = os.path.join(ROOT, 'sql', 'updates')
    problems = []
    for name in sorted(n for n in os.listdir(folder) if n.endswith('.sql.in')):
        outs = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as d:
                r = subprocess.run([sys.executable, BUILD, os.path.join(folder, name), os.path.join(d, 'o.sql')],
                                   capture_output=True, text=True)
                outs.append(open(os.path.join(d, 'o.sql'), 'rb').read() if r.returncode == 0 else None)
        if outs[0] is None or outs[0] != outs[1]:
            problems.append(name + (' fails' if outs[0] is None else ' differs between two builds'))
    check('build: the templates of sql/updates build, the same bytes twice', not problems, ', '.join(problems))


if __name__ == '__main__':
    for t in (test_good, test_missing, test_malformed, test_repeated, test_templates):
        t()
    if ran != PLAN:
        print('# %d checks ran, PLAN says %d' % (ran, PLAN))
    sys.exit(1 if failed or ran != PLAN else 0)
