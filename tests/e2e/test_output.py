"""Output formats: human (location, source line, caret, summary), json (DESIGN.md's schema,
sorted), and color (NO_COLOR, --color)."""

import json
import os
import pty
import re
import subprocess

import qadeck_e2e as q

HEADER = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info): "
                    r"(?P<message>.+) \[(?P<rule>[a-z]+\.[a-z-]+)\]( \(fixable\))?$")
SUMMARY = re.compile(r"^Found (?P<counts>.+) in (?P<with_findings>\d+) of (?P<files>\d+) files?"
                     r"(; .*)?\.$")


class HumanOutput(q.QadeckTestCase):
    def lint_defects(self, *extra):
        q.write(self.path("notes.md"), q.DEFECTS)
        return self.qadeck("lint", "notes.md", *extra, *q.NUMBERING)

    def test_diagnostic_lines(self):
        result = self.lint_defects()
        self.assertExit(result, 1)
        headers = [HEADER.match(line) for line in result.stdout.splitlines()]
        headers = [m for m in headers if m]
        self.assertEqual(
            [(m["path"], int(m["line"]), int(m["col"]), m["severity"], m["rule"]) for m in headers],
            [("notes.md", 6, 4, "error", "numbering.gap"),
             ("notes.md", 9, 4, "error", "numbering.duplicate"),
             ("notes.md", 12, 4, "error", "numbering.order")], result)
        for m in headers:
            self.assertTrue(m["message"].strip(), result)

    def test_source_line_and_caret(self):
        result = self.lint_defects()
        lines = result.stdout.splitlines()
        source = q.DEFECTS.splitlines()
        checked = 0
        for i, line in enumerate(lines):
            m = HEADER.match(line)
            if not m:
                continue
            excerpt, caret = lines[i + 1], lines[i + 2]
            source_line = source[int(m["line"]) - 1]
            # The excerpt shows the source line; the caret sits under column `col`.
            self.assertEqual(excerpt.strip(), source_line.strip(), result)
            indent = excerpt.index(source_line)
            self.assertEqual(caret.strip(), "^", result)
            self.assertEqual(caret.index("^") - indent + 1, int(m["col"]), result)
            checked += 1
        self.assertEqual(checked, 3, result)

    def test_column_counts_code_points_and_the_caret_cells(self):
        # Wide characters before the number: the column counts code points, the caret cells.
        text = ('<p title="中文"><b>1. A?</b><br>\nx\n\n'
                '<p title="中文"><b>3. B?</b><br>\ny\n')
        q.write(self.path("utf8.md"), text)
        result = self.qadeck("lint", "utf8.md", "--format", "json", *q.NUMBERING)
        diagnostics = json.loads(result.stdout)["diagnostics"]
        self.assertEqual([(d["line"], d["column"], d["end_column"]) for d in diagnostics],
                         [(4, 18, 19)], result)
        human = self.qadeck("lint", "utf8.md", *q.NUMBERING).stdout.splitlines()
        self.assertRegex(human[0], r"^utf8\.md:4:18: ")
        self.assertEqual(human[2].index("^") - human[1].index("<p") + 1, 18 + 2, human)

    def test_summary_line(self):
        result = self.lint_defects()
        last = result.stdout.rstrip("\n").splitlines()[-1]
        m = SUMMARY.search(last)
        self.assertTrue(m, f"no summary line: {last!r}")
        self.assertEqual((m["counts"], m["with_findings"], m["files"]), ("3 errors", "1", "1"),
                         last)

    def test_summary_line_when_clean(self):
        q.write(self.path("a.md"), q.CLEAN)
        q.write(self.path("b.md"), q.CLEAN)
        result = self.qadeck("lint", "a.md", "b.md", *q.NUMBERING)
        self.assertExit(result, 0)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 1, result)
        self.assertRegex(lines[0], r"\b2 files\b")

    def test_quiet_prints_diagnostics_only(self):
        result = self.lint_defects("--quiet")
        self.assertExit(result, 1)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 3, result)
        for line in lines:
            self.assertRegex(line, HEADER)
        clean = q.write(self.path("clean.md"), q.CLEAN)
        self.assertEqual(self.qadeck("lint", "--quiet", clean, *q.NUMBERING).stdout, "")

    def test_nothing_on_stderr_for_findings(self):
        result = self.lint_defects()
        self.assertEqual(result.stderr, "", result)


class JsonOutput(q.QadeckTestCase):
    DIAGNOSTIC_KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "severity",
                       "message"}

    def check_schema(self, doc):
        self.assertEqual(set(doc), {"version", "diagnostics", "summary"})
        self.assertEqual(doc["version"], 1)
        self.assertIsInstance(doc["diagnostics"], list)
        for d in doc["diagnostics"]:
            self.assertTrue(self.DIAGNOSTIC_KEYS <= set(d) <= self.DIAGNOSTIC_KEYS | {"fix"}, d)
            for key in ("path", "rule", "severity", "message"):
                self.assertIsInstance(d[key], str, d)
            for key in ("line", "column", "end_line", "end_column"):
                self.assertIsInstance(d[key], int, d)
                self.assertGreaterEqual(d[key], 1, d)
            self.assertLessEqual((d["line"], d["column"]), (d["end_line"], d["end_column"]), d)
            self.assertIn(d["severity"], ("error", "warning", "info"), d)
            self.assertRegex(d["rule"], r"^[a-z]+\.[a-z-]+$")
            if "fix" in d:
                self.assertIsInstance(d["fix"], dict, d)
        summary = doc["summary"]
        self.assertEqual(set(summary), {"files", "files_with_findings", "errors", "warnings",
                                        "infos", "fixable"})
        for key in summary:
            self.assertIsInstance(summary[key], int)
        for severity in ("error", "warning", "info"):
            self.assertEqual(summary[severity + "s"],
                             sum(d["severity"] == severity for d in doc["diagnostics"]))
        self.assertEqual(summary["fixable"], sum(
            d.get("fix", {}).get("applicability") == "safe" for d in doc["diagnostics"]))
        self.assertEqual(summary["files_with_findings"],
                         len({d["path"] for d in doc["diagnostics"]}))

    def lint_json(self, *args, code=1):
        result = self.qadeck("lint", "--format", "json", *args, *q.NUMBERING)
        self.assertExit(result, code)
        try:
            doc = json.loads(result.stdout)
        except ValueError as e:
            self.fail(f"not JSON: {e}\n{result!r}")
        self.check_schema(doc)
        return doc

    def test_schema_and_values(self):
        q.write(self.path("notes.md"), q.DEFECTS)
        doc = self.lint_json("notes.md")
        self.assertEqual(
            [(d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["rule"],
              d["severity"]) for d in doc["diagnostics"]],
            [("notes.md", 6, 4, 6, 5, "numbering.gap", "error"),
             ("notes.md", 9, 4, 9, 5, "numbering.duplicate", "error"),
             ("notes.md", 12, 4, 12, 5, "numbering.order", "error")])
        self.assertEqual(doc["summary"], {"files": 1, "files_with_findings": 1, "errors": 3,
                                          "warnings": 0, "infos": 0, "fixable": 0})
        # The safe fixes carry a fix; the fix of the unsafe one is marked as such.
        self.assertIn("fix", doc["diagnostics"][0])

    def test_clean_file(self):
        q.write(self.path("clean.md"), q.CLEAN)
        doc = self.lint_json("clean.md", code=0)
        self.assertEqual(doc["diagnostics"], [])
        self.assertEqual(doc["summary"], {"files": 1, "files_with_findings": 0, "errors": 0,
                                          "warnings": 0, "infos": 0, "fixable": 0})

    def test_sorted_by_path_position_rule(self):
        for name in ("b.md", "a.md", "sub/c.md", "a-b.md", "Z.md"):
            q.write(self.path(name), q.DEFECTS)
        # Given out of order, on purpose, and once as a folder.
        doc = self.lint_json("sub", "b.md", "a.md", "Z.md", "a-b.md")
        keys = [(d["path"], d["line"], d["column"], d["rule"]) for d in doc["diagnostics"]]
        self.assertEqual(len(keys), 15)
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(doc["summary"]["files"], 5)

    def test_stdout_is_only_json(self):
        q.write(self.path("notes.md"), q.DEFECTS)
        result = self.qadeck("lint", "--format", "json", "--fix", "notes.md")
        json.loads(result.stdout)  # "applied N fixes" and the like go to stderr
        self.assertFalse(result.stdout.lstrip().startswith("qadeck:"), result)

    def test_non_ascii_path_and_message(self):
        q.write(self.path("问题 1.md"), q.DEFECTS)
        doc = self.lint_json("问题 1.md")
        self.assertEqual({d["path"] for d in doc["diagnostics"]}, {"问题 1.md"})


class Color(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("notes.md"), q.DEFECTS)

    def test_never(self):
        result = self.qadeck("lint", "--color", "never", "notes.md")
        self.assertExit(result, 1)
        self.assertNoEscapes(result.stdout)
        self.assertNoEscapes(result.stderr, "stderr")

    def test_always(self):
        result = self.qadeck("lint", "--color", "always", "notes.md")
        self.assertExit(result, 1)
        self.assertIn("\x1b[", result.stdout)
        # The words stay intact around the color codes.
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
        self.assertEqual(plain, self.qadeck("lint", "--color", "never", "notes.md").stdout)

    def test_auto_is_plain_when_piped(self):
        self.assertNoEscapes(self.qadeck("lint", "notes.md").stdout)

    def test_no_color_env(self):
        env = q.base_env(NO_COLOR="1", TERM="xterm-256color")
        self.assertNoEscapes(self.qadeck("lint", "notes.md", env=env).stdout)
        self.assertNoEscapes(self.qadeck("lint", "--color", "auto", "notes.md", env=env).stdout)

    def test_json_never_colored(self):
        result = self.qadeck("lint", "--color", "always", "--format", "json", "notes.md")
        self.assertNoEscapes(result.stdout)
        json.loads(result.stdout)

    def run_on_terminal(self, env):
        """Runs `qadeck lint notes.md` with stdout on a pseudo-terminal; returns what it wrote."""
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([q.QADECK, "lint", "notes.md"], cwd=self.tmp, env=env,
                                    stdin=subprocess.DEVNULL, stdout=slave,
                                    stderr=subprocess.PIPE)
            os.close(slave)
            slave = None
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            proc.wait(timeout=q.TIMEOUT)
            proc.stderr.close()
            self.assertGreaterEqual(proc.returncode, 0)
            return b"".join(chunks).decode("utf-8", "replace")
        finally:
            os.close(master)
            if slave is not None:
                os.close(slave)

    def test_auto_on_terminal(self):
        self.assertIn("\x1b[", self.run_on_terminal(q.base_env(TERM="xterm-256color")))

    def test_no_color_on_terminal(self):
        out = self.run_on_terminal(q.base_env(TERM="xterm-256color", NO_COLOR="1"))
        self.assertIn("numbering.gap", out)
        self.assertNoEscapes(out)


if __name__ == "__main__":
    q.main()
