"""The lint command's report as users of ruff and markdownlint-cli2 expect it: carets in the
right terminal cell, a summary that counts files and fixes, --statistics, --output-file,
--exit-zero, --show-fixes, a warning for a folder without Markdown, and --watch."""

import ctypes
import ctypes.util
import json
import os
import select
import signal
import subprocess
import time

import qadeck_e2e as q


def glibc_wcwidth():
    """glibc's wcwidth() in a UTF-8 locale: what a terminal built on it gives a character."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.setlocale.restype = ctypes.c_char_p
    if not libc.setlocale(6, b"C.UTF-8"):  # LC_ALL
        return None
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    return lambda ch: max(libc.wcwidth(ch), 0)


class Carets(q.QadeckTestCase):
    """The caret sits under the cell where the finding starts, as glibc's wcwidth() counts
    cells: CJK and emoji take two, combining marks and the zero width joiner none."""

    LINES = [
        "<b>1. 中文问题是什么？这里有一个公式 $\\foo$</b><br>",
        "<b>1. 😀 emoji 👍🏽 and 👨‍👩‍👧 $\\foo$</b><br>",
        "<b>1. Cafe\u0301 na\u0308ive e\u0301\u0301 $\\foo$</b><br>",
        "<b>1. ｆｕｌｌ　ｗｉｄｔｈ 한국어 かな $\\foo$</b><br>",
    ]

    def test_caret_cells_match_wcwidth(self):
        width = glibc_wcwidth()
        if width is None:
            self.skipTest("no C.UTF-8 locale")
        for i, line in enumerate(self.LINES):
            q.write(self.path(f"d{i}.md"), f"# T\n\n{line}\nx\n")
        result = self.qadeck("lint", ".", "--select", "math.unknown-command", "--no-cache")
        self.assertExit(result, 1)
        out = result.stdout.splitlines()
        found = 0
        for n, text in enumerate(out):
            if "[math.unknown-command]" not in text:
                continue
            column = int(text.split(":")[2])
            source, caret = out[n + 1][2:], out[n + 2][2:]
            self.assertTrue(caret.endswith("^"), caret)
            expected = sum(width(ch) for ch in source[:column - 1])
            self.assertEqual(len(caret) - 1, expected, f"{source!r}: caret {caret!r}")
            self.assertEqual(set(caret[:-1]), set(" ") if expected else set())
            found += 1
        self.assertEqual(found, len(self.LINES), result)


class Summary(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("docs", "gap.md"), q.GAP)
        q.write(self.path("docs", "a.md"), q.CLEAN)
        q.write(self.path("docs", "b.md"), q.CLEAN.replace("What is", "Who is"))

    def test_counts_files_with_findings_and_fixable(self):
        result = self.qadeck("lint", "docs", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertEqual(result.stdout.splitlines()[-1],
                         "Found 1 error in 1 of 3 files; 1 fixable with --fix.")

    def test_unsafe_fixes_are_counted_apart(self):
        q.write(self.path("docs", "a.md"), q.DEFECTS)  # three unsafe fixes
        last = self.qadeck("lint", "docs", *q.NUMBERING).stdout.splitlines()[-1]
        self.assertEqual(last, "Found 4 errors in 2 of 3 files; 1 fixable with --fix, "
                               "3 more with --fix --unsafe-fixes.")
        os.remove(self.path("docs", "gap.md"))
        last = self.qadeck("lint", "docs", *q.NUMBERING).stdout.splitlines()[-1]
        self.assertEqual(last, "Found 3 errors in 1 of 2 files; "
                               "3 fixable with --fix --unsafe-fixes.")

    def test_json_summary(self):
        result = self.qadeck("lint", "docs", "--format", "json", *q.NUMBERING)
        self.assertEqual(json.loads(result.stdout)["summary"],
                         {"files": 3, "files_with_findings": 1, "errors": 1, "warnings": 0,
                          "infos": 0, "fixable": 1})

    def test_no_problems_is_never_said_when_the_run_failed(self):
        for args in (["docs/a.md", "missing.md"], ["docs/a.md", "--config", "missing.yml"]):
            result = self.qadeck("lint", *args, *q.NUMBERING)
            self.assertExit(result, 2)
            self.assertNotIn("No problems", result.stdout + result.stderr, result)
        result = self.qadeck("lint", "docs/a.md", "missing.md", *q.NUMBERING)
        self.assertIn("the run failed", result.stdout)


class NoMarkdown(q.QadeckTestCase):
    """ruff warns "No Python files found" and exits 0; qadeck warns too, and at the default
    --fail-on (warning) exits 2, since a folder without Markdown is most often a wrong path."""

    def setUp(self):
        super().setUp()
        q.write(self.path("empty", "notes.txt"), "not Markdown\n")
        q.write(self.path("docs", "a.md"), q.CLEAN)

    def test_a_folder_without_markdown_is_a_warning_that_fails(self):
        for paths in (["empty"], ["docs", "empty"]):
            result = self.qadeck("lint", *paths, *q.NUMBERING)
            self.assertExit(result, 2)
            self.assertIn("warning: no Markdown files", result.stderr)
            self.assertIn("empty", result.stderr)
            self.assertNotIn("No problems", result.stdout)

    def test_fail_on_error_lets_it_pass(self):
        result = self.qadeck("lint", "empty", "--fail-on", "error", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertIn("warning: no Markdown files", result.stderr)

    def test_a_folder_with_markdown_is_not_warned_about(self):
        result = self.qadeck("lint", "docs", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertEqual(result.stderr, "")


class Statistics(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("a.md"), q.DEFECTS)
        q.write(self.path("b.md"), q.GAP)

    def test_per_rule_counts_most_frequent_first(self):
        result = self.qadeck("lint", "a.md", "b.md", "--statistics", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertEqual(result.stdout.splitlines(), [
            "2  numbering.gap        [*]",
            "1  numbering.duplicate",
            "1  numbering.order",
        ])

    def test_json(self):
        result = self.qadeck("lint", "a.md", "b.md", "--statistics", "--format", "json",
                             *q.NUMBERING)
        self.assertEqual(json.loads(result.stdout), [
            {"rule": "numbering.gap", "count": 2, "fixable": True},
            {"rule": "numbering.duplicate", "count": 1, "fixable": False},
            {"rule": "numbering.order", "count": 1, "fixable": False},
        ])

    def test_nothing_found(self):
        q.write(self.path("c.md"), q.CLEAN)
        result = self.qadeck("lint", "c.md", "--statistics", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertEqual(result.stdout, "")


class OutputFile(q.QadeckTestCase):
    def test_the_report_goes_to_the_file(self):
        q.write(self.path("a.md"), q.GAP)
        expected = self.qadeck("lint", "a.md", "--format", "json", *q.NUMBERING).stdout
        q.write(self.path("report.json"), "old")
        for _ in range(2):  # the second run replays the report from the cache
            result = self.qadeck("lint", "a.md", "--format", "json", "--output-file",
                                 "report.json", *q.NUMBERING)
            self.assertExit(result, 1)
            self.assertEqual(result.stdout, "")
            with open(self.path("report.json"), encoding="utf-8") as f:
                self.assertEqual(f.read(), expected)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["a.md", "report.json"])

    def test_no_colour_in_the_file(self):
        q.write(self.path("a.md"), q.GAP)
        self.qadeck("lint", "a.md", "--color", "always", "-o", "out.txt", *q.NUMBERING)
        with open(self.path("out.txt"), encoding="utf-8") as f:
            self.assertNoEscapes(f.read())

    def test_an_unwritable_file_is_an_error_naming_it(self):
        q.write(self.path("a.md"), q.GAP)
        result = self.qadeck("lint", "a.md", "-o", "no/such/folder/out.txt", *q.NUMBERING)
        self.assertExit(result, 2)
        self.assertIn("no/such/folder/out.txt", result.stderr)


class ExitZero(q.QadeckTestCase):
    def test_findings_exit_zero_errors_still_two(self):
        q.write(self.path("a.md"), q.GAP)
        result = self.qadeck("lint", "a.md", "--exit-zero", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertIn("[numbering.gap]", result.stdout)
        self.assertExit(self.qadeck("lint", "a.md", "--exit-zero", "--diff", *q.NUMBERING), 0)
        self.assertExit(self.qadeck("lint", "a.md", "missing.md", "--exit-zero", *q.NUMBERING), 2)


class ShowFixes(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("a.md"), q.GAP)
        q.write(self.path("b.md"), q.CLEAN)

    def test_fixes_available(self):
        result = self.qadeck("lint", "a.md", "b.md", "--show-fixes", "-q", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertTrue(result.stdout.endswith(
            "Fixable with --fix: 1 finding:\n- a.md:\n    1 × numbering.gap\n"), result)

    def test_fixes_applied(self):
        result = self.qadeck("lint", "a.md", "b.md", "--fix", "--show-fixes", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertTrue(result.stdout.endswith(
            "Fixed 1 finding:\n- a.md:\n    1 × numbering.gap\n"), result)

    def test_machine_formats_stay_parseable(self):
        for _ in range(2):  # the second run with the report in the cache
            result = self.qadeck("lint", "a.md", "--show-fixes", "--format", "json",
                                 *q.NUMBERING, env=q.base_env(XDG_CACHE_HOME=self.path("c")))
            json.loads(result.stdout)
            self.assertIn("Fixable with --fix", result.stderr)


class Watch(q.QadeckTestCase):
    """--watch lints, then lints again when a file changes, until SIGINT."""

    def read_until(self, proc, stream, needle, seen, deadline):
        while needle not in seen[stream]:
            left = deadline - time.monotonic()
            self.assertGreater(left, 0, f"no {needle!r} in {seen!r}")
            pipe = proc.stdout if stream == "out" else proc.stderr
            ready, _, _ = select.select([pipe], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(pipe.fileno(), 65536)
                self.assertTrue(chunk, f"qadeck ended early: {seen!r}")
                seen[stream] += chunk.decode("utf-8", "replace")

    def test_relints_a_changed_file_and_stops_on_sigint(self):
        q.write(self.path("docs", "a.md"), q.CLEAN)
        proc = subprocess.Popen(
            [q.QADECK, "lint", "docs", "--watch", *q.NUMBERING], cwd=self.tmp,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=q.base_env(XDG_CACHE_HOME=self.path("cache")))
        self.addCleanup(proc.kill)
        seen = {"out": "", "err": ""}
        deadline = time.monotonic() + q.TIMEOUT
        self.read_until(proc, "out", "No problems found in 1 file.", seen, deadline)
        self.read_until(proc, "err", "watching for changes", seen, deadline)
        # As an editor saves: a new file renamed over the old one.
        q.write(self.path("docs", "a.md.tmp"), q.GAP)
        os.replace(self.path("docs", "a.md.tmp"), self.path("docs", "a.md"))
        self.read_until(proc, "out", "[numbering.gap]", seen, deadline)
        # A new folder is watched too.
        os.makedirs(self.path("docs", "sub"))
        time.sleep(0.3)
        q.write(self.path("docs", "sub", "b.md"), q.CLEAN)
        self.read_until(proc, "out", "in 1 of 2 files", seen, deadline)
        proc.send_signal(signal.SIGINT)
        self.assertIn(proc.wait(timeout=q.TIMEOUT), (0, 130))
        proc.stdout.close()
        proc.stderr.close()

    def test_relints_when_a_configuration_above_changes(self):
        # The linted folder is docs/; the configurations that govern it live above it.
        q.write(self.path("proj", "docs", "a.md"), q.GAP)
        proc = subprocess.Popen(
            [q.QADECK, "lint", "docs", "--watch", *q.NUMBERING], cwd=self.path("proj"),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=q.base_env(XDG_CACHE_HOME=self.path("cache")))
        self.addCleanup(proc.kill)
        seen = {"out": "", "err": ""}
        deadline = time.monotonic() + q.TIMEOUT

        def next_run(needle):
            seen["out"] = ""
            self.read_until(proc, "out", needle, seen, deadline)

        self.read_until(proc, "out", "[numbering.gap]", seen, deadline)
        self.read_until(proc, "err", "watching for changes", seen, deadline)
        # A configuration created in the folder above, as an editor saves it.
        q.write(self.path("proj", ".qadeck.yml.tmp"), "rules:\n  numbering.gap: off\n")
        os.replace(self.path("proj", ".qadeck.yml.tmp"), self.path("proj", ".qadeck.yml"))
        next_run("No problems found in 1 file.")
        # A Markdown file above the linted folder is not linted: it starts no run.
        q.write(self.path("proj", "README.md"), q.GAP)
        # Edited in place, two levels up (a nearer one wins, so this one first goes away).
        os.remove(self.path("proj", ".qadeck.yml"))
        next_run("[numbering.gap]")
        q.write(self.path(".qadeck.yml"), "rules:\n  numbering.gap: warning\n")
        next_run("warning: ")
        # In a .config/ folder made after the watch began.
        os.makedirs(self.path("proj", ".config"))
        q.write(self.path("proj", ".config", "qadeck.yml"), "rules:\n  numbering: off\n")
        next_run("No problems found in 1 file.")
        self.assertNotIn("README.md", seen["out"])
        proc.send_signal(signal.SIGINT)
        self.assertIn(proc.wait(timeout=q.TIMEOUT), (0, 130))
        proc.stdout.close()
        proc.stderr.close()


if __name__ == "__main__":
    q.main()
