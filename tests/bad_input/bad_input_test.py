"""Pathological input (DESIGN.md, "Bad input"): every input gets either a result or a clear
error naming the file; nothing crashes, nothing hangs, no file is left half-written.

Each test_<case> generates its input into a scratch folder at run time (nothing big is
committed) and runs qadeck on every file: `lint --format json` and `inspect --format json`;
for small inputs also `lint` (human), `lint --stdin` and `lint --fix` on a copy (the
megabyte inputs skip some of these to keep the suite fast). Each run must
  - finish within its time budget (see budget()),
  - not die by a signal, and not report an internal error,
  - exit 0 or 1 with a well-formed result, or exit 2 with an error that names the file;
and afterwards the input folder must hold exactly the files it held before, unchanged, and
the --fix copy must be alone in its folder and either untouched or valid UTF-8.

Usage: python3 bad_input_test.py --qadeck build/bin/qadeck [BadInput.test_<case>]
"""

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import scaling_inputs  # noqa: E402  (the bench's module, next door)

QADECK = ""
# A hang detector, not a speed test (speed is ci/bench's job). The budget per run grows with
# the input: 10 s plus 5 s per megabyte, at most QADECK_BAD_INPUT_BUDGET (60 s). Linear work
# takes a small fraction of that even on a busy 2-core machine (the 10 MB inputs take a few
# seconds); work that is quadratic in the input does not.
BUDGET = float(os.environ.get("QADECK_BAD_INPUT_BUDGET", "60"))


# Sanitizer builds run several times slower (tests/CMakeLists.txt sets the scale).
SCALE = float(os.environ.get("QADECK_TIME_SCALE", "1"))


def budget(size):
    return SCALE * min(BUDGET, 10 + 5 * size / 1_000_000)

BOM = b"\xef\xbb\xbf"
MB = 1_000_000


def qa(middle, first=1, second=3):
    """`middle` between two questions; the second number skips ahead, so a document that is
    parsed all the way through has one numbering.gap finding on the second question."""
    if isinstance(middle, str):
        middle = middle.encode("utf-8")
    return (f"<b>{first}. What comes first?</b><br>\nThe first answer.\n\n".encode() + middle +
            f"\n\n<b>{second}. What comes next?</b><br>\nThe next answer.\n".encode())


def env():
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e["TERM"] = "dumb"
    e["GIT_CEILING_DIRECTORIES"] = os.path.dirname(tempfile.gettempdir().rstrip("/")) or "/"
    return e


def snapshot(folder):
    """Every file under folder (hidden ones too) with a hash of its bytes."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return out


def is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


class Run:
    def __init__(self, args, cwd, returncode, stdout, stderr):
        self.args, self.cwd = args, cwd
        self.returncode, self.stdout_bytes = returncode, stdout
        self.stdout = stdout.decode("utf-8", "replace")
        self.stderr = stderr.decode("utf-8", "replace")

    def describe(self):
        code = self.returncode
        how = f"exit {code}" if code >= 0 else f"killed by {signal.Signals(-code).name}"
        return (f"`qadeck {' '.join(self.args)}` (in {self.cwd}): {how}\n"
                f"stdout: {self.stdout[:600]!r}\nstderr: {self.stderr[:600]!r}")


class BadInput(unittest.TestCase):
    maxDiff = 2000

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="qadeck-bad-input-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.input_dir = os.path.join(self.tmp, "input")
        self.fix_dir = os.path.join(self.tmp, "fix")
        os.makedirs(self.input_dir)
        os.makedirs(self.fix_dir)

    # ---- running qadeck -------------------------------------------------------------------

    def qadeck(self, args, cwd, stdin=None, size=0, limit=None):
        """Runs qadeck on an input of `size` bytes; fails on a hang, a crash or an internal
        error. `limit` replaces the budget that the size gives."""
        limit = budget(size) if limit is None else SCALE * limit
        try:
            completed = subprocess.run(
                [QADECK, *args], cwd=cwd, env=env(), input=stdin,
                stdin=None if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=limit)
        except subprocess.TimeoutExpired:
            self.fail(f"`qadeck {' '.join(args)}` (in {cwd}) on {size:,} bytes did not finish "
                      f"within {limit:g} s (a hang, or work quadratic in the input)")
        run = Run(args, cwd, completed.returncode, completed.stdout, completed.stderr)
        self.assertGreaterEqual(run.returncode, 0, "crashed: " + run.describe())
        self.assertNotIn("internal error", run.stderr, run.describe())
        return run

    def accept(self, run, names, line_count=None):
        """A result (exit 0/1) or a clear error naming one of `names` (exit 2)."""
        self.assertIn(run.returncode, (0, 1, 2), run.describe())
        if run.returncode == 2:
            self.assertTrue(any(n in run.stderr for n in names),
                            f"the error does not name {names}: " + run.describe())
            return None
        if "--format" in run.args and "json" in run.args:
            try:
                doc = json.loads(run.stdout)
            except ValueError as e:
                self.fail(f"not JSON ({e}): " + run.describe())
            if line_count is not None:
                for d in doc.get("diagnostics", []):
                    self.assertTrue(1 <= d["line"] <= d["end_line"] <= line_count + 1, d)
                    self.assertGreaterEqual(d["column"], 1, d)
            return doc
        return run.stdout

    # ---- the per-case check -----------------------------------------------------------------

    def check(self, files, heavy=False, fix=None):
        """Writes `files` (name -> bytes) into input/, runs qadeck on each, and returns
        {name: {"lint": json-or-None, "inspect": json-or-None, "fixed": bytes-or-None}}.
        A heavy case (megabytes) runs only `lint --format json` and `inspect --format json`,
        and `lint --fix` only if asked; a light one runs everything."""
        if fix is None:
            fix = not heavy
        # A fresh input folder per call, so a folder run sees only these files.
        shutil.rmtree(self.input_dir)
        os.makedirs(self.input_dir)
        for name, data in files.items():
            with open(os.path.join(self.input_dir, name), "wb") as f:
                f.write(data)
        before = snapshot(self.input_dir)
        results = {}
        completed = 0
        for name, data in files.items():
            # Filled in as the runs succeed; the case's own checks skip what a failure left out.
            results[name] = {"lint": None, "inspect": None, "fixed": None}
            # One subtest per file: a crash on one file does not hide what the others do.
            with self.subTest(file=name):
                self.check_file(name, data, heavy, fix, results[name])
                completed += 1
        # The whole folder at once (several files per run), unless a file already failed.
        if not heavy and len(files) > 1 and completed == len(files):
            with self.subTest(folder="input"):
                self.accept(self.qadeck(["lint", "--format", "json", "input"], self.tmp,
                                        size=sum(len(d) for d in files.values())),
                            [os.path.join("input", n) for n in files])
        self.assertEqual(snapshot(self.input_dir), before,
                         "qadeck changed, added or left files next to its input")
        return results

    def check_file(self, name, data, heavy, fix, out):
        path = os.path.join("input", name)
        # An upper bound on the line count, whether a lone CR ends a line or not.
        lines = data.count(b"\n") + data.count(b"\r") + 1
        names = [path, name]
        size = len(data)
        out["lint"] = self.accept(
            self.qadeck(["lint", "--format", "json", path], self.tmp, size=size), names, lines)
        out["inspect"] = self.accept(
            self.qadeck(["inspect", "--format", "json", path], self.tmp, size=size), names)
        if not heavy:
            self.accept(self.qadeck(["lint", path], self.tmp, size=size), names)
            self.accept(self.qadeck(["lint", "--stdin", "--stdin-filename", name, "--format",
                                     "json"], self.tmp, stdin=data, size=size), [name], lines)
        if fix:
            out["fixed"] = self.check_fix(name, data)

    def check_fix(self, name, data):
        for leftover in os.listdir(self.fix_dir):  # from a file that failed before
            os.remove(os.path.join(self.fix_dir, leftover))
        target = os.path.join(self.fix_dir, name)
        with open(target, "wb") as f:
            f.write(data)
        run = self.qadeck(["lint", "--fix", "--format", "json", name], self.fix_dir,
                          size=len(data))
        self.accept(run, [name])
        self.assertEqual(sorted(os.listdir(self.fix_dir)), [name],
                         "--fix left files behind: " + run.describe())
        with open(target, "rb") as f:
            fixed = f.read()
        if run.returncode == 2:
            self.assertEqual(fixed, data, "--fix failed but changed the file: " + run.describe())
        elif is_utf8(data):
            self.assertTrue(is_utf8(fixed), "--fix wrote invalid UTF-8")
        os.remove(target)
        return fixed

    def result(self, results, name, key):
        """The lint or inspect JSON of a file that is valid input and must have a result."""
        value = results[name][key]
        self.assertIsNotNone(value, f"no {key} result for {name}, which is valid input")
        return value

    def check_scaling(self, case, rule, expected=None, limit=None):
        """Lints scaling_inputs' `case` at its count n once (`lint --format json`) within
        `limit` seconds (by default the budget its size gives) and expects `expected` (by
        default n) findings of `rule`, and no others."""
        generate, n = scaling_inputs.CASES[case]
        data = generate(n)
        path = os.path.join(self.input_dir, case + ".md")
        with open(path, "wb") as f:
            f.write(data)
        doc = self.accept(self.qadeck(["lint", "--format", "json", path], self.tmp,
                                      size=len(data), limit=limit), [path])
        self.assertIsNotNone(doc, f"no lint result for {case}")
        rules = {d["rule"] for d in doc["diagnostics"]}
        self.assertLessEqual(rules, {rule}, f"{case}: other findings")
        self.assertEqual(len(doc["diagnostics"]), n if expected is None else expected,
                         f"{case}: {rule} findings")

    def gap_lines(self, lint_doc):
        return [(d["line"], d["column"]) for d in lint_doc["diagnostics"]
                if d["rule"] == "numbering.gap"]

    # ---- the cases ------------------------------------------------------------------------

    def test_empty(self):
        r = self.check({"empty.md": b"", "blank.md": b"\n\n\n", "spaces.md": b"   \t  "})
        for name in r:
            self.assertEqual(self.gap_lines(self.result(r, name, "lint")), [])
            self.assertEqual(self.result(r, name, "inspect")["items"], [])

    def test_invalid_utf8(self):
        files = {
            "lone-byte.md": qa(b"caf\xe9 au lait"),                 # Latin-1
            "bad-continuation.md": qa(b"\xc3\x28 and \xa0\xa1"),
            "overlong.md": qa(b"\xc0\xaf\xe0\x80\xaf"),
            "surrogate.md": qa(b"\xed\xa0\x80"),
            "truncated-at-end.md": qa(b"x") + b"\xe4\xb8",
            "in-number.md": b"<b>1\xff. Q?</b><br>\nA.\n\n<b>2. R?</b><br>\nB.\n",
            "random.md": bytes((i * 37 + 11) % 256 for i in range(20000)),
        }
        r = self.check(files)
        # A finding at the byte, the rest linted, and --fix leaves the file as it was.
        for name, data in files.items():
            if b"\0" in data:
                continue
            lint = self.result(r, name, "lint")
            encoding = [d for d in lint["diagnostics"] if d["rule"] == "structure.encoding"]
            self.assertTrue(encoding, name)
            if r[name]["fixed"] is not None:
                self.assertEqual(r[name]["fixed"], data, name)
        first = [d for d in self.result(r, "lone-byte.md", "lint")["diagnostics"]
                 if d["rule"] == "structure.encoding"][0]
        self.assertEqual((first["line"], first["column"]), (4, 4))
        self.assertEqual([line for line, _ in self.gap_lines(self.result(r, "lone-byte.md", "lint"))],
                         [6])

    def test_nul_bytes(self):
        self.check({
            "nul.md": qa(b"before\x00after"),
            "nul-first.md": b"\x00" + qa("x"),
            "all-nul.md": b"\x00" * 4096,
        })

    def test_bom(self):
        r = self.check({
            "bom.md": BOM + qa("x"),
            "bom-only.md": BOM,
            "bom-front-matter.md": BOM + b"---\nlang: zh\n---\n" + qa("x"),
            "double-bom.md": BOM + BOM + qa("x"),
        })
        # Positions do not count the BOM: the questions are on lines 1 and 6, column 4.
        self.assertEqual(self.gap_lines(self.result(r, "bom.md", "lint")), [(6, 4)])
        items = self.result(r, "bom.md", "inspect")["items"]
        self.assertEqual([(i["line"], i["question"]) for i in items],
                         [(1, "What comes first?"), (6, "What comes next?")])
        # The fix keeps the BOM.
        self.assertEqual(r["bom.md"]["fixed"], (BOM + qa("x")).replace(b"<b>3.", b"<b>2."))
        self.assertEqual(self.result(r, "bom-front-matter.md", "inspect")["lang"], "zh",
                         "front matter after a BOM was not read")

    def test_crlf(self):
        crlf = qa("x\r\ny").replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        r = self.check({
            "crlf.md": crlf,
            "crlf-front-matter.md": b"---\r\ntitle: T\r\n---\r\n" + crlf,
            "mixed.md": qa("one\r\ntwo\nthree\r\n"),
            "cr-only.md": qa("x").replace(b"\n", b"\r"),
        })
        # Lines as a reader counts them: 1 first question, 2 answer, 3 blank, 4 x, 5 y, 6 blank,
        # 7 next question; no "\r" in the question text.
        lint = self.result(r, "crlf.md", "lint")
        self.assertEqual([(d["line"], d["column"], d["end_line"], d["end_column"])
                          for d in lint["diagnostics"]], [(7, 4, 7, 5)])
        self.assertEqual([(i["line"], i["answer_line"], i["answer_end_line"], i["question"])
                          for i in self.result(r, "crlf.md", "inspect")["items"]],
                         [(1, 2, 5, "What comes first?"), (7, 8, 8, "What comes next?")])
        # The fix keeps the CRLF line endings.
        self.assertEqual(r["crlf.md"]["fixed"], crlf.replace(b"<b>3.", b"<b>2."))
        self.assertEqual(self.gap_lines(self.result(r, "crlf-front-matter.md", "lint")),
                         [(10, 4)])
        self.assertEqual(self.gap_lines(self.result(r, "mixed.md", "lint")), [(9, 4)])

    def test_long_line_prose(self):
        # A 10 MB paragraph on one line, then the question with the gap.
        sentence = b"The quick brown fox jumps over the lazy dog, $x_1$ and `code`. "
        line = sentence * (10 * MB // len(sentence))
        r = self.check({"long-prose.md": qa(line)}, heavy=True)
        self.assertEqual(self.gap_lines(self.result(r, "long-prose.md", "lint")), [(6, 4)])
        self.assertEqual(len(self.result(r, "long-prose.md", "inspect")["items"]), 2)

    def test_long_line_cheap_tokens(self):
        # Questions 1 and 2, then question 4 on line 9 after a ten-megabyte attribute: the
        # finding itself sits ten million columns into its line.
        far = (qa(b"x", second=2) + b"\n<p title=\"" + b"y" * (10 * MB) +
               b"\"><b>4. Far away?</b><br>\nThe far answer.\n")
        r = self.check({"far-column.md": far}, heavy=True, fix=True)
        self.assertEqual(self.gap_lines(self.result(r, "far-column.md", "lint")),
                         [(9, 10 * MB + 16)])
        # The fix lands ten megabytes into the file, and nothing else changes.
        self.assertEqual(r["far-column.md"]["fixed"], far.replace(b"<b>4. Far", b"<b>3. Far"))
        # The human excerpt of that line is cut, not ten megabytes long.
        run = self.qadeck(["lint", "--stdin", "--stdin-filename", "far.md"], self.tmp,
                          stdin=far, size=len(far))
        self.accept(run, ["far.md"])
        for line in run.stdout.splitlines():
            self.assertLess(len(line), 10_000, "an excerpt line is not shortened")
        blob = b"".join(b"%08x" % i for i in range(10 * MB // 8))
        self.check({
            "data-uri.md": qa(b"![plot](data:image/png;base64," + blob + b")"),
            "one-word.md": qa(b"x" * (10 * MB)),
        }, heavy=True)

    def test_nested_tags(self):
        n = 10_000
        r = self.check({
            "closed.md": qa("<b>" * n + "deep" + "</b>" * n),
            "unclosed.md": qa("<b>" * n + "deep"),
            "closes-only.md": qa("</b>" * n),
            "misnested.md": qa("<b><i>" * (n // 2) + "x" + "</b></i>" * (n // 2)),
            "block-lines.md": qa("<div>\n" * n + "deep\n" + "</div>\n" * n),
            "spans.md": qa('<span title="a">' * n),
        })
        for name, out in r.items():
            if out["lint"] is not None and name != "block-lines.md":
                self.assertEqual(len(self.gap_lines(out["lint"])), 1, name)

    def test_html_block_tags(self):
        # HTML blocks are read as a browser reads them: attributes, comments, raw text, script
        # escapes and svg nesting, each many times over in one block.
        n = 10_000
        self.check({
            "attributes.md": qa("<div " + "a " * n + 'b="' + "c " * n + '">x</div>'),
            "duplicate-attributes.md": qa("<div " + "a=1 " * n + ">x</div>"),
            "comments.md": qa("<div>" + "<!-- -- -" * n),
            "script-escapes.md": qa("<div><script>" + "<!--<script>" * n + "</script>" * n),
            "raw-text.md": qa("<div><title>" + "</titl" * n),
            "svg.md": qa("<div>" + "<svg><foreignObject>" * n + "</svg>" * n),
            "slashes.md": qa("<div" + "/" * n + ">x</div>"),
        })

    def test_nested_brackets(self):
        n = 10_000
        self.check({
            "balanced.md": qa("[" * n + "x" + "]" * n),
            "open.md": qa("[" * n + "x"),
            "close.md": qa("]" * n),
            "links.md": qa("[" * n + "x" + "](u)" * n),
            "images.md": qa("![" * n + "x"),
            "parens.md": qa("[x](" + "(" * n + ")"),
            "math-braces.md": qa("$" + "{" * n + "x" + "}" * n + "$"),
            "backticks.md": qa("`" * n + "x"),
        })

    def test_delimiter_runs(self):
        # Long runs of one emphasis or strike-through character in a paragraph (an ASCII-art
        # rule, a redacted line). 60,000 characters take a few milliseconds when the work is
        # linear in them, and minutes when it is quadratic.
        n = 60_000
        self.check({"delimiter-runs.md": qa("".join(
            f"A paragraph {c * n} ends here.\n\n" for c in "*_~"))})

    def test_unclosed_inline_math_runs(self):
        # Many `$`, `\(` or `\[` that open math and never close, in one paragraph (prices
        # written without a digit next to the dollar, a pasted shell transcript).
        self.check({
            "dollar-openers.md": qa("$a " * 150_000),
            "paren-openers.md": qa("\\( x " * 80_000),
        })

    def test_nested_block_quotes(self):
        n = 10_000
        self.check({
            "quotes.md": qa(">" * n + " deep"),
            "quotes-spaced.md": qa("> " * n + "deep"),
            "quote-lines.md": qa("".join(">" * i + " x\n" for i in range(1, 300))),
        })

    def test_nested_list_items(self):
        n = 10_000
        self.check({
            "bullets.md": qa("- " * n + "deep"),
            "ordered.md": qa("1. " * n + "deep"),
            "mixed.md": qa("- 1. * " * (n // 3) + "deep"),
            "indented.md": qa("".join("  " * i + "- item\n" for i in range(1000))),
        })

    def test_unclosed_display_math(self):
        # `$$` at the top, never closed, then about 5 MB of questions; the last one skips a
        # number, so a document read to the end has exactly that finding.
        count = 50_000
        body = "".join(f"<b>{i}. Question {i}: what is $x_{{{i}}}$?</b><br>\n"
                       f"Answer {i}, with $a + b$ and {{braces}} and \\(x\\).\n\n"
                       for i in range(1, count))
        body += f"<b>{count + 1}. The last question?</b><br>\nThe end.\n"
        text = ("$$\n\n" + body).encode()
        self.assertGreater(len(text), 5 * MB)
        r = self.check({"unclosed-display.md": text}, heavy=True)
        gaps = self.gap_lines(self.result(r, "unclosed-display.md", "lint"))
        self.assertEqual(gaps, [(text.count(b"\n") - 1, 4)])
        # An unclosed `$$` is literal text (pandoc): it does not swallow the questions after it.
        self.assertEqual(len(self.result(r, "unclosed-display.md", "inspect")["items"]), count)
        self.check({
            "unclosed-bracket.md": qa("\\[\n" + "a\n" * 1000),
            "unclosed-paren.md": qa("\\( x " * 1000),
            "dollars.md": qa("$" * 10_000),
            "unclosed-env.md": qa("$$\\begin{aligned}" * 1000),
        })

    def test_front_matter_not_yaml(self):
        r = self.check({
            "bad-yaml.md": b"---\ntitle: [unclosed\n\tkey: : :\n  - - {\n---\n" + qa("x"),
            "unclosed.md": b"---\ntitle: never closed\n" + qa("x"),
            "binary.md": b"---\n\x01\x02\x03: \x7f\n---\n" + qa("x"),
            "toml.md": b"+++\ntitle = \"T\"\n+++\n" + qa("x"),
            "tabs.md": b"---\n\t\t\t\n---\n" + qa("x"),
            "alias-bomb.md": b"---\na0: &a0 [x, x]\n" +
                             b"".join(b"a%d: &a%d [*a%d, *a%d]\n" % (i, i, i - 1, i - 1)
                                      for i in range(1, 40)) + b"---\n" + qa("x"),
            "deep.md": b"---\nk: " + b"[" * 10_000 + b"\n---\n" + qa("x"),
            "only.md": b"---\n---\n",
        })
        # The document after the bad front matter is still read, with its own line numbers.
        self.assertEqual([i["line"] for i in self.result(r, "bad-yaml.md", "inspect")["items"]],
                         [6, 11])

    def test_config_with_unknown_keys(self):
        # Config files are not read yet; this only checks that their presence breaks nothing.
        # Once they are, an unknown key is an error naming the config file.
        project = os.path.join(self.tmp, "project")
        content = os.path.join(project, "content")
        os.makedirs(content)
        with open(os.path.join(project, ".qadeck.yml"), "w") as f:
            f.write("paths: [content]\nlang: en\nfrobnicate: true\n"
                    "rules:\n  numbering.gap:\n    severity: loud\n    colour: blue\n"
                    "nested:\n  deeper: {a: [1, 2, {b: c}]}\n")
        with open(os.path.join(content, ".qadeck.yml"), "wb") as f:
            f.write(b"\t: [ not yaml\n\x00")
        with open(os.path.join(content, "qa.md"), "wb") as f:
            f.write(qa("x"))
        before = snapshot(project)
        names = [".qadeck.yml", "qa.md"]
        for args in (["lint"], ["lint", "content"], ["lint", "content/qa.md"], ["lint", "."],
                     ["lint", "--format", "json", "content/qa.md"],
                     ["inspect", "content/qa.md"]):
            self.accept(self.qadeck(args, project), names)
        self.accept(self.qadeck(["lint", "--stdin", "--stdin-filename", "content/qa.md"],
                                project, stdin=qa("x")), names)
        self.assertEqual(snapshot(project), before)

    def test_unicode_oddities(self):
        r = self.check({
            # Columns count code points: 😀 is one column, not four.
            "emoji-column.md": qa("x", second=2) +
                               "\n<p title=\"😀é中\"><b>5. Far?</b><br>\nAnswer.\n".encode(),
            "line-separator.md": qa("a\u2028b\u2029c\u0085d"),
            "rtl.md": qa("\u202eevil\u202c \u200f\u200b\ufeff"),
            "combining.md": qa("e" + "\u0301" * 5000),
            "noncharacters.md": qa("\uffff\ufffe\U0010ffff"),
        })
        self.assertEqual(self.gap_lines(self.result(r, "emoji-column.md", "lint")), [(9, 19)])

    def test_many_lines(self):
        r = self.check({
            "blank-lines.md": qa("\n" * 200_000),
            "tiny-lines.md": qa("x\n" * 200_000),
        }, heavy=True)
        for name in r:
            self.assertEqual(self.gap_lines(self.result(r, name, "lint")), [(200_006, 4)], name)

    # The rows of the scaling table (issue "linear in every input"), at the counts of
    # scaling_inputs.CASES. The four that were quadratic get 30 s, some ten times what the
    # linear code takes (8 to 10 billion instructions, a few seconds) where the old code took
    # minutes (200 to 1,200 billion), so a regression to quadratic fails however noisy the
    # machine; the three that were linear get the budget their size gives.

    def test_scaling_findings_on_one_long_line(self):
        self.check_scaling("long_line_findings", "html.unexpected-close", limit=30)

    def test_scaling_left_delimiters(self):
        self.check_scaling("left_delimiters", "math.left-right", limit=30)

    def test_scaling_open_braces(self):
        self.check_scaling("open_braces", "math.braces", limit=30)

    def test_scaling_unclosed_tags(self):
        self.check_scaling("unclosed_tags", "html.unclosed", limit=30)

    def test_scaling_questions(self):
        self.check_scaling("questions", None, expected=0)

    def test_scaling_identical_headings(self):
        self.check_scaling("identical_headings", "link.anchor", expected=1)

    def test_scaling_links_to_a_missing_anchor(self):
        self.check_scaling("missing_anchor_links", "link.anchor")

    # Three more that were quadratic, each a search that failed and was made again from every
    # later opener: from n = 10,000 to 20,000 the old code's CPU time grew 3.6 to 3.9x (to 2.1,
    # 0.57 and 1.2 s), so at these counts (200,000) it would take about a minute or more; linear
    # code takes under a second.

    def test_scaling_unclosed_comments(self):
        self.check_scaling("unclosed_comments", None, expected=0, limit=30)

    def test_scaling_text_in_unclosed_dollar(self):
        self.check_scaling("text_in_unclosed_dollar", "math.unbalanced-dollar", expected=1,
                           limit=30)

    def test_scaling_unclosed_link_destinations(self):
        self.check_scaling("unclosed_link_destinations", None, expected=0, limit=30)

def main():
    global QADECK
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--qadeck", default=os.environ.get("QADECK", ""))
    options, rest = parser.parse_known_args()
    if not options.qadeck:
        here = os.path.dirname(os.path.abspath(__file__))
        options.qadeck = os.path.join(here, "..", "..", "build", "bin", "qadeck")
    QADECK = os.path.abspath(options.qadeck)
    if not os.access(QADECK, os.X_OK):
        sys.exit(f"qadeck binary not found: {QADECK} (pass --qadeck PATH)")
    unittest.main(module="__main__", argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
