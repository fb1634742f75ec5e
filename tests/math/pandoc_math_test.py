"""qadeck's math spans against pandoc's: every case of pandoc_battery.json is read by `pandoc -f
markdown+tex_math_single_backslash -t json` (its Math nodes) and by `qadeck inspect --format
json` (its "math"), and the two lists of (display, TeX) must agree, TeX compared with its
white space collapsed (pandoc folds the spaces of inline math).

The battery's cases come from the math tests of md4c, commonmark-hs, markdown-it-texmath and
micromark-extension-math, and from qadeck's own (see SOURCES.md). A case where qadeck reads the
math differently on purpose is in KEPT with its reason; the test fails on any other
difference, and on a KEPT case that has come to agree. Run by hand with

    python3 tests/math/pandoc_math_test.py --qadeck build/bin/qadeck
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
QADECK = None

# What MathJax (Anki's renderer, and the one qadeck's math rules follow) reads differently
# from pandoc, keyed by the case's Markdown.
KEPT = {
    # Text-mode groups: pandoc 2.17 skips the braces of `\text{` alone (written just so);
    # MathJax, which counts every brace, reads one formula, and so does qadeck for the
    # text-mode commands (`\text`, `\textbf`, `\mbox`, …) with spaces allowed before `{`.
    "$\\text {a $b$ c}$": "MathJax: one formula; pandoc wants `{` right after `\\text`",
    "$\\textbf{a $b$ c}$": "MathJax: one formula; pandoc skips the braces of `\\text` only",
    "$\\mbox{if $x$}$": "MathJax: one formula; pandoc skips the braces of `\\text` only",
    # Display math across a blank line: pandoc ends it there; qadeck reads it as MathJax on a
    # web page does, so that math.blank-line can report the blank line.
    "$$\nx = 1\n\ny = 2\n$$": "display math across a blank line, reported as math.blank-line",
    "$$x\n\ny$$": "display math across a blank line, reported as math.blank-line",
    # pandoc 2.17 applies the `$` rules inside `\(…\)` too (a space before a `$` fails the
    # span; later pandoc versions dropped that); MathJax reads one formula.
    "\\(a $b$ c\\)": "MathJax: one formula; pandoc 2.17 applies its `$` rules inside",
    # MathJax typesets nothing inside <code> and <pre>; pandoc reads Markdown in raw HTML.
    "<code>$a$</code>": "MathJax skips <code>",
    # A bare URL's `$` is part of the URL (a GFM autolink), not math.
    "http://example.com/$a$": "a bare URL's `$`",
    # A lone carriage return: pandoc drops it, HTML (and qadeck) take it as white space.
    "a $b\nc\rd\r\ne$ f": "a lone carriage return is white space",
}


def collapse(tex):
    return " ".join(tex.split())


def pandoc_math(markdown):
    result = subprocess.run(
        ["pandoc", "-f", "markdown+tex_math_single_backslash", "-t", "json"],
        input=markdown, capture_output=True, text=True, check=True, timeout=60)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Math":
                kind, tex = node["c"]
                found.append((kind["t"] == "DisplayMath", collapse(tex)))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(result.stdout)["blocks"])
    return found


def qadeck_math(markdown, folder, index):
    path = os.path.join(folder, f"case{index}.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(markdown)
    result = subprocess.run([QADECK, "inspect", "--format", "json", path],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"qadeck inspect failed on {markdown!r}: {result.stderr}")
    return [(m["display"], collapse(m["tex"])) for m in json.loads(result.stdout)["math"]]


class PandocMath(unittest.TestCase):
    def test_battery(self):
        if shutil.which("pandoc") is None:
            self.fail("pandoc is not installed (ci/setup --test installs it)")
        cases = json.loads((HERE / "pandoc_battery.json").read_text(encoding="utf-8"))
        self.assertGreaterEqual(len(cases), 150)
        markdowns = [c["markdown"] for c in cases]
        self.assertEqual(len(set(markdowns)), len(markdowns), "the battery repeats a case")
        with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(2) as pool:
            theirs = list(pool.map(pandoc_math, markdowns))
            ours = list(pool.map(qadeck_math, markdowns, [folder] * len(cases),
                                 range(len(cases))))
        problems = []
        agree = 0
        for case, p, q in zip(cases, theirs, ours):
            md = case["markdown"]
            if p == q:
                agree += 1
                if md in KEPT:
                    problems.append(f"now agrees, drop it from KEPT: {md!r}")
            elif md not in KEPT:
                problems.append(f"{case['source']}: {md!r}\n    pandoc: {p}\n    qadeck: {q}")
        for md in KEPT:
            if md not in markdowns:
                problems.append(f"KEPT names no case of the battery: {md!r}")
        print(f"{len(cases)} cases: {agree} agree with pandoc, {len(KEPT)} kept differences",
              file=sys.stderr)
        self.assertFalse(problems, "\n".join(problems))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--qadeck", required=True)
    args, rest = parser.parse_known_args()
    QADECK = os.path.abspath(args.qadeck)
    unittest.main(argv=[sys.argv[0]] + rest)
