#!/usr/bin/env python3
"""Tests of the documentation's links (run by test/run-unit.sh; TAP lines
like the C unit tests): every relative link of README.md, CHANGELOG.md and
docs/*.md names a file of the tree, every #anchor a heading of its file (as
GitHub makes anchors), and the README starts with its two commands."""
import os
import re
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
# the number of checks (test/lib.sh reads it: the unit step's plan)
PLAN = 5
failed = 0
ran = 0
LINK = re.compile(r'!?\[[^\]]*\]\(([^()\s]+)\)')
FENCE = re.compile(r'^\s*(```|~~~)')


def check(name, ok, detail=''):
    """Print the TAP line of one check."""
    global failed, ran
    ran += 1
    print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else ' # ' + detail.strip()))
    failed += not ok


def prose_lines(path):
    """The lines of a Markdown file outside fenced code blocks."""
    inside = False
    with open(path, encoding='utf-8') as f:
        for line in f:
            if FENCE.match(line):
                inside = not inside
            elif not inside:
                yield line.rstrip('\n')


def anchors(path):
    """The anchors GitHub gives the headings of a Markdown file."""
    seen = {}
    result = set()
    for line in prose_lines(path):
        m = re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
        if not m:
            continue
        text = re.sub(r'`|\*\*|__', '', m.group(1)).lower()
        slug = re.sub(r'[^\w\- ]', '', text).replace(' ', '-')
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        result.add(slug if n == 0 else '%s-%d' % (slug, n))
    return result


def broken_links(paths, base=ROOT):
    """Each relative link of the files that names no file or no heading."""
    problems = []
    for path in paths:
        for number, line in enumerate(prose_lines(path), 1):
            for target in LINK.findall(line):
                if re.match(r'^[a-z]+:', target):
                    continue
                file_part, _, anchor = target.partition('#')
                full = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
                where = '%s: %s' % (os.path.relpath(path, base), target)
                if not os.path.exists(full):
                    problems.append(where + ' (no such file)')
                elif anchor and full.endswith('.md') and anchor not in anchors(full):
                    problems.append(where + ' (no such heading)')
    return problems


def documents():
    """README.md, CHANGELOG.md and every file of docs/ that is Markdown."""
    docs = os.path.join(ROOT, 'docs')
    return [os.path.join(ROOT, 'README.md'), os.path.join(ROOT, 'CHANGELOG.md')] + \
        sorted(os.path.join(docs, n) for n in os.listdir(docs) if n.endswith('.md'))


def test_checker():
    """The checker finds a missing file and a missing heading, and passes a good link."""
    with tempfile.TemporaryDirectory() as d:
        doc = os.path.join(d, 'a.md')
        with open(doc, 'w') as f:
            f.write('# Top `code` here\n\n## Two: words\n\n```\n# not a heading\n```\n'
                    '[ok](#top-code-here) [ok](a.md#two-words) [bad](b.md) [bad](#not-a-heading)\n'
                    '[web](https://example.org/x.md)\n')
        found = broken_links([doc], d)
    check('links: the checker reports a link to a missing file',
          any('b.md (no such file)' in p for p in found), repr(found))
    check('links: the checker reports a missing heading, not one inside a code block, and passes good links',
          found == ['a.md: b.md (no such file)', 'a.md: #not-a-heading (no such heading)'], repr(found))


def test_documents():
    """The project's own documents have no broken link."""
    problems = broken_links(documents())
    check('links: every relative link of README.md, CHANGELOG.md and docs/*.md names a file and a heading',
          not problems, '; '.join(problems))


def test_readme_commands():
    """The README's first code block holds its two commands, demo and tests."""
    text = open(os.path.join(ROOT, 'README.md'), encoding='utf-8').read()
    m = re.search(r'```[a-z]*\n(.*?)```', text, re.S)
    first = m.group(1) if m else ''
    check('links: the README\'s first code block holds make demo and make test',
          re.search(r'^make demo\b', first, re.M) is not None and re.search(r'^make test\b', first, re.M) is not None,
          first)
    check('links: the README names the user guide, the reference, the rule language, performance and decisions',
          all('(docs/%s)' % n in text for n in ('guide.md', 'reference.md', 'rule-language.md', 'performance.md',
                                                 'decisions.md')))


if __name__ == '__main__':
    for t in (test_checker, test_documents, test_readme_commands):
        t()
    if ran != PLAN:
        print('# %d checks ran, PLAN says %d' % (ran, PLAN))
    sys.exit(1 if failed or ran != PLAN else 0)
