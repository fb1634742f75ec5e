#!/usr/bin/env python3
"""Differential tests of qadeck's fragment ids (`inspect --format json`'s "anchors") against
the renderers that make them.

  github-slugger-fixtures  github-slugger's fixtures, whose expected slugs were captured from
                           github.com, as one document of headings (style github)
  github                   the heading battery, rendered by cmark-gfm (GitHub's Markdown
                           parser, through libcmark-gfm) and slugged by github-slugger, npm
  github-pages             the battery and the fixtures through kramdown with its GFM parser,
                           configured as Jekyll does (GitHub Pages' default)
  kramdown                 the battery through kramdown with its own input
  markdownlint             markdownlint's MD051 fixture: the links it marks broken ({MD051})
                           against those link.anchor reports (style github)

Each compares the ids of each document, in order; a difference that stays is listed below in
KNOWN with its reason, and a listed case that agrees again fails too (the list stays true).

usage: anchor_oracles_test.py --qadeck BIN --third-party DIR CHECK
"""
import argparse
import concurrent.futures
import ctypes
import ctypes.util
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (check, the case's first line, or the fixture's name) -> why qadeck differs there.
KNOWN = {
    ("github-slugger-fixtures", "Unassigned"):
        "U+3174F and U+31F7B were unassigned when github.com's slugs were captured (Unicode 13);"
        " Unicode 15 made them CJK ideographs (Extension H), which qadeck keeps as letters",
    ("github-pages (github-slugger's fixtures)", "Unassigned"):
        "the same two ideographs: Debian's Ruby 3.1 has Unicode 13, where they are unassigned",
}
LINE_LINKS = ("GitHub's line anchors exist in a file's source view (?plain=1), not on the"
              " rendered page a heading link leads to; markdownlint accepts them")
CASE = ("github.com's page script finds a user-content- id whatever the fragment's case;"
        " markdownlint compares case")
KRAMDOWN_ID = "github.com renders {#id} as heading text (github-slugger's fixtures agree)"
for line in ["[Valid](#L7)", "[Valid](#L30-L31)", "[Valid](#L3C24-L88)",
             "[Valid](#L304-L314C98)", "[Valid](#L200C4-L3244C2)"]:
    KNOWN[("markdownlint", line)] = LINE_LINKS
for line in ["[Invalid](#hrefandid) {MD051}", "[Title](#Valid-Fragments) {MD051}",
             "[ALL CAPS](#NAMEDLINK) {MD051}", "[Multi-line {MD051}](#NAMEDLINK",
             "[mixedref]: #idLINK \"{MD051}\"", "[Invalid](#L12-not-a-line-link) {MD051}"]:
    KNOWN[("markdownlint", line)] = CASE
for line in ["[Valid](#named-fragment)", "[Valid](#another_fragment_123)",
             "[Valid](#closed-atx)", "[Valid](#setext)"]:
    KNOWN[("markdownlint", line)] = KRAMDOWN_ID
KNOWN[("markdownlint", "[Invalid](#myname) {MD051}")] = (
    "HTML finds a fragment in an <a name> whether or not the element also has an id")
KNOWN[("markdownlint", "[Invalid](#ToP) {MD051}")] = (
    "HTML matches the fragment 'top' without regard to case")


def battery():
    with open(os.path.join(HERE, "headings.txt"), encoding="utf-8") as f:
        text = f.read()
    # Each case ends with a newline, as files do.
    return [case + "\n" for case in text.split("\n%%%\n")[1:]]


def escape_markdown(text):
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def fixtures():
    with open(os.path.join(HERE, "github-slugger-fixtures.json"), encoding="utf-8") as f:
        return json.load(f)


def fixture_document(cases):
    lines = [c.get("markdownOverwrite") or "# " + escape_markdown(c["input"]) for c in cases]
    return "\n\n".join(lines) + "\n"


class Qadeck:
    """Runs `qadeck inspect --format json` under a slug style and reads its anchors."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir

    def anchors(self, documents, style):
        config = os.path.join(self.workdir, style + ".yml")
        with open(config, "w", encoding="utf-8") as f:
            f.write("links:\n  slugs: %s\n" % style)

        def one(index):
            path = os.path.join(self.workdir, "%s-%d.md" % (style, index))
            with open(path, "w", encoding="utf-8") as f:
                f.write(documents[index])
            out = subprocess.run([self.binary, "inspect", path, "--format", "json", "--config",
                                  config], capture_output=True, text=True, check=True).stdout
            return [a["id"] for a in json.loads(out)["anchors"]]

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            return list(pool.map(one, range(len(documents))))


class CmarkHeadings(html.parser.HTMLParser):
    """The text content of cmark-gfm's own headings (those with data-sourcepos: raw HTML has
    none) and every id in the HTML, in document order, cmark's footnote ids aside."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []  # ("heading", text) or ("html", id)
        self.heading = None  # the open heading's tag
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.heading is None and re.fullmatch(r"h[1-6]", tag) and "data-sourcepos" in attrs:
            self.heading = tag
            self.text = ""
            self.items.append(("heading", None))
        for name in ("id", "name"):
            value = attrs.get(name)
            if value and (name == "id" or tag == "a") and not re.fullmatch(r"fn(ref)?-\d+(-\d+)?",
                                                                            value):
                self.items.append(("html", value))

    def handle_endtag(self, tag):
        if tag == self.heading:
            index = max(i for i, item in enumerate(self.items) if item == ("heading", None))
            self.items[index] = ("heading", self.text)
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None:
            self.text += data


def cmark_html(markdown):
    name = ctypes.util.find_library("cmark-gfm")
    if not name:
        raise SystemExit("libcmark-gfm not found (ci/setup installs it)")
    lib = ctypes.CDLL(name)
    lib.cmark_markdown_to_html.restype = ctypes.c_char_p
    lib.cmark_markdown_to_html.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
    sourcepos, footnotes, unsafe = 1 << 1, 1 << 13, 1 << 17
    data = markdown.encode("utf-8")
    return lib.cmark_markdown_to_html(data, len(data), sourcepos | footnotes | unsafe).decode()


def github_oracle(documents, third_party):
    parsed = []
    for md in documents:
        p = CmarkHeadings()
        p.feed(cmark_html(md))
        p.close()
        parsed.append(p.items)
    texts = [[t for kind, t in items if kind == "heading"] for items in parsed]
    modules = os.path.join(third_party, "github-slugger", "node_modules")
    if not os.path.isdir(modules):
        raise SystemExit("github-slugger is not installed in %s (run ci/setup --test)" % modules)
    slugs = json.loads(subprocess.run(
        ["node", os.path.join(HERE, "github_slugger.mjs"), modules], input=json.dumps(texts),
        capture_output=True, text=True, check=True).stdout)
    out = []
    for items, doc_slugs in zip(parsed, slugs):
        it = iter(doc_slugs)
        ids = [next(it) if kind == "heading" else value for kind, value in items]
        out.append([i for i in ids if i])
    return out


def kramdown_oracle(documents, input_format):
    result = subprocess.run(["ruby", os.path.join(HERE, "kramdown_ids.rb"), input_format],
                            input=json.dumps(documents), capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def compare(check, documents, ours, theirs):
    """Prints the comparison; returns the number of failures."""
    agree = 0
    failures = 0
    seen_known = set()
    for md, mine, oracle in zip(documents, ours, theirs):
        key = (check, md.split("\n", 1)[0])
        if mine == oracle:
            agree += 1
            if key in KNOWN:
                print("STALE %s: %r agrees now; remove it from KNOWN" % key)
                failures += 1
            continue
        if key in KNOWN:
            seen_known.add(key)
            print("known %s: %r: qadeck %s, oracle %s (%s)" % (key[0], key[1], mine, oracle,
                                                                KNOWN[key]))
            continue
        failures += 1
        print("DIFF %s: %r\n  qadeck %s\n  oracle %s" % (check, md, mine, oracle))
    print("%s: %d of %d documents agree, %d known differences, %d failures"
          % (check, agree, len(documents), len(seen_known), failures))
    return failures


def compare_fixtures(check, qadeck, style, theirs):
    """github-slugger's fixtures as one document, compared heading by heading."""
    ours = qadeck.anchors([fixture_document(fixtures())], style)[0]
    if len(ours) != len(theirs):
        print("%s: qadeck gives %d ids, the oracle %d" % (check, len(ours), len(theirs)))
        return 1
    return compare(check, [c["name"] for c in fixtures()], [[o] for o in ours],
                   [[t] for t in theirs])


def markdownlint_check(qadeck_binary, workdir):
    """markdownlint's MD051 fixture: the lines it marks {MD051} against link.anchor's."""
    with open(os.path.join(HERE, "markdownlint-link-fragments.md.txt"), encoding="utf-8") as f:
        text = f.read()
    path = os.path.join(workdir, "link-fragments.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    config = os.path.join(workdir, "github.yml")
    with open(config, "w", encoding="utf-8") as f:
        f.write("links:\n  slugs: github\n")
    out = subprocess.run([qadeck_binary, "lint", path, "--select", "link.anchor", "--config",
                          config, "--format", "json"], capture_output=True, text=True).stdout
    reported = {d["line"] for d in json.loads(out)["diagnostics"]}
    lines = text.split("\n")
    # A marker on a link's own line, on the line after it (a multi-line link) or on its
    # reference definition marks that link.
    expected = {i + 1 for i, line in enumerate(lines) if "{MD051}" in line}
    failures = 0
    agree = 0
    seen_known = 0
    linked = [i + 1 for i, line in enumerate(lines) if re.search(r"\]\(#|\]\[|^\[\w+\]: #", line)]
    for line in linked:
        mine = line in reported
        theirs = line in expected
        key = ("markdownlint", lines[line - 1])
        if mine == theirs:
            agree += 1
            if key in KNOWN:
                print("STALE %s: %r agrees now; remove it from KNOWN" % key)
                failures += 1
        elif key in KNOWN:
            seen_known += 1
            print("known markdownlint: line %d %r (%s)" % (line, lines[line - 1], KNOWN[key]))
        else:
            failures += 1
            print("DIFF markdownlint: line %d %r: qadeck %s, markdownlint %s"
                  % (line, lines[line - 1], "reports" if mine else "accepts",
                     "reports" if theirs else "accepts"))
    print("markdownlint: %d of %d link lines agree, %d known differences, %d failures"
          % (agree, len(linked), seen_known, failures))
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qadeck", required=True)
    parser.add_argument("--third-party", required=True)
    parser.add_argument("check", choices=["github-slugger-fixtures", "github", "github-pages",
                                          "kramdown", "markdownlint"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        qadeck = Qadeck(os.path.abspath(args.qadeck), workdir)
        cases = battery()
        if args.check == "github-slugger-fixtures":
            failures = compare_fixtures(args.check, qadeck, "github",
                                        [c["expected"] for c in fixtures()])
        elif args.check == "github":
            failures = compare(args.check, cases, qadeck.anchors(cases, "github"),
                               github_oracle(cases, args.third_party))
        elif args.check == "github-pages":
            failures = compare(args.check, cases, qadeck.anchors(cases, "github-pages"),
                               kramdown_oracle(cases, "GFM"))
            failures += compare_fixtures(
                args.check + " (github-slugger's fixtures)", qadeck, "github-pages",
                kramdown_oracle([fixture_document(fixtures())], "GFM")[0])
        elif args.check == "kramdown":
            failures = compare(args.check, cases, qadeck.anchors(cases, "kramdown"),
                               kramdown_oracle(cases, "kramdown"))
        else:
            failures = markdownlint_check(os.path.abspath(args.qadeck), workdir)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
