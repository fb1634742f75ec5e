"""Where input comes from and where output goes: --stdin, folder walking (git ignores),
--jobs determinism, and a reader that closes the pipe early."""

import json
import os
import subprocess
import tempfile
import unittest

import qadeck_e2e as q


def many_findings(n):
    """A document with n gap findings: n sections, each with questions 1 and 3. (One long run
    of gaps would make every fix renumber the rest of the file: quadratic JSON.)"""
    return "".join(f"## {s}. Section {s}\n\n<b>1. Question {s}a?</b><br>\nAnswer.\n\n"
                   f"<b>3. Question {s}b?</b><br>\nAnswer.\n\n" for s in range(1, n + 1))


class Stdin(q.QadeckTestCase):
    def test_named_stdin_human(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "notes/qa.md", *q.NUMBERING,
                             input=q.GAP)
        self.assertExit(result, 1)
        self.assertRegex(result.stdout, r"(?m)^notes/qa\.md:4:4: error: .*\[numbering\.gap\]")

    def test_named_stdin_json(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", "--format", "json",
                             *q.NUMBERING, input=q.DEFECTS)
        self.assertExit(result, 1)
        doc = json.loads(result.stdout)
        self.assertEqual([(d["path"], d["line"], d["rule"]) for d in doc["diagnostics"]],
                         [("qa.md", 6, "numbering.gap"), ("qa.md", 9, "numbering.duplicate"),
                          ("qa.md", 12, "numbering.order")])
        self.assertEqual(doc["summary"]["files"], 1)

    def test_stdin_clean(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", input=q.CLEAN)
        self.assertExit(result, 0)

    def test_stdin_filename_need_not_exist(self):
        # The name is only a label (and, later, picks the config): nothing is read from it.
        q.write(self.path("qa.md"), q.DEFECTS)
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", input=q.CLEAN)
        self.assertExit(result, 0)

    def test_stdin_without_a_name(self):
        result = self.qadeck("lint", "--stdin", "--format", "json", *q.NUMBERING, input=q.GAP)
        self.assertExit(result, 1)
        paths = {d["path"] for d in json.loads(result.stdout)["diagnostics"]}
        self.assertEqual(len(paths), 1)
        self.assertTrue(paths.pop())

    def test_stdin_empty(self):
        self.assertExit(self.qadeck("lint", "--stdin", "--stdin-filename", "e.md", input=b""), 0)

    def test_stdin_invalid_utf8_is_a_finding_at_the_byte(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "bad.md",
                             input=b"<b>1. A\xff</b><br>\n")
        self.assertExit(result, 1)
        self.assertIn("bad.md:1:8: error: a byte that is not UTF-8", result.stdout)

    def test_stdin_binary_names_the_input(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "bad.md",
                             input=b"<b>1. A\x00</b><br>\n")
        self.assertExit(result, 2)
        self.assertIn("bad.md", result.stderr)

    def test_stdin_select(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", "--format", "json",
                             "--ignore", "numbering.gap", input=q.DEFECTS)
        self.assertEqual({d["rule"] for d in json.loads(result.stdout)["diagnostics"]},
                         {"numbering.duplicate", "numbering.order"})


@unittest.skipUnless(q.git_available(), "git is not installed")
class FolderWalk(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        os.makedirs(self.repo)
        q.git(self.repo, "init", "-q")
        files = {
            "a.md": q.GAP,
            "b.markdown": q.GAP,
            "notes.txt": q.GAP,
            "README.MDX": q.GAP,
            "sub/c.md": q.GAP,
            "sub/deeper/d.md": q.GAP,
            "sub/local-ignored.md": q.GAP,
            "sub/.gitignore": "local-ignored.md\n",
            "with space é.md": q.GAP,
            "ignored.md": q.GAP,
            "build/e.md": q.GAP,
            "drafts/f.markdown": q.GAP,
            ".gitignore": "ignored.md\nbuild/\n*.markdown\n!b.markdown\n",
        }
        for name, text in files.items():
            q.write(os.path.join(self.repo, name), text)
        # A tracked file counts even where it is not ignored; commit one to cover --cached.
        q.git(self.repo, "add", "a.md")

    def linted(self, *args, cwd=None):
        result = self.qadeck("lint", "--format", "json", *args, *q.NUMBERING, cwd=cwd)
        self.assertIn(result.returncode, (0, 1), result)
        doc = json.loads(result.stdout)
        paths = {d["path"] for d in doc["diagnostics"]}
        # Every file here has exactly one finding, so summary.files must match.
        self.assertEqual(doc["summary"]["files"], len(paths), result)
        return paths

    def test_walks_markdown_skipping_git_ignores(self):
        self.assertEqual(self.linted("repo"), {
            "repo/a.md", "repo/b.markdown", "repo/sub/c.md", "repo/sub/deeper/d.md",
            "repo/with space é.md"})

    def test_walk_from_inside_the_repo(self):
        self.assertEqual(self.linted(".", cwd=self.repo), {
            "a.md", "b.markdown", "sub/c.md", "sub/deeper/d.md", "with space é.md"})

    def test_walk_a_subfolder(self):
        # The root .gitignore and sub/.gitignore both apply to a walk of sub/.
        self.assertEqual(self.linted("repo/sub"), {"repo/sub/c.md", "repo/sub/deeper/d.md"})
        self.assertEqual(self.linted("repo/sub/"), {"repo/sub/c.md", "repo/sub/deeper/d.md"})

    def test_explicit_files_are_linted_even_if_ignored(self):
        self.assertEqual(self.linted("repo/ignored.md", "repo/build/e.md"),
                         {"repo/ignored.md", "repo/build/e.md"})

    def test_file_and_folder_overlap_counted_once(self):
        self.assertEqual(self.linted("repo/sub", "repo/sub/c.md"),
                         {"repo/sub/c.md", "repo/sub/deeper/d.md"})

    def test_outside_git(self):
        # Not in a work tree: every *.md and *.markdown counts.
        plain = self.path("plain")
        for name in ("x.md", "y.markdown", "z.txt", "n/w.md"):
            q.write(os.path.join(plain, name), q.GAP)
        self.assertEqual(self.linted("plain"), {"plain/x.md", "plain/y.markdown", "plain/n/w.md"})


class Jobs(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        for i in range(40):
            q.write(self.path("docs", f"d{i % 7}", f"f{i:02}.md"), many_findings(5 + i % 11))
        q.write(self.path("docs", "clean.md"), q.CLEAN)
        q.write(self.path("docs", "bad.md"), b"\xff\xfe not utf-8 and a NUL \x00\n")

    def test_same_output_for_any_job_count(self):
        for fmt in ("human", "json"):
            outputs = {}
            for jobs in ("1", "2", "8"):
                result = self.qadeck("lint", "docs", "--jobs", jobs, "--format", fmt)
                outputs[jobs] = (result.returncode, result.stdout, result.stderr)
            default = self.qadeck("lint", "docs", "--format", fmt)
            outputs["default"] = (default.returncode, default.stdout, default.stderr)
            with self.subTest(format=fmt):
                self.assertEqual(outputs["1"][0], 2)  # bad.md is an error
                self.assertIn("bad.md", outputs["1"][2])
                for jobs in ("2", "8", "default"):
                    self.assertEqual(outputs[jobs], outputs["1"], f"--jobs {jobs}")

    def test_fix_with_jobs(self):
        copies = {}
        for jobs in ("1", "2"):
            folder = self.path(f"fix{jobs}")
            for i in range(12):
                q.write(os.path.join(folder, f"f{i:02}.md"), many_findings(3 + i))
            self.qadeck("lint", "--fix", "--jobs", jobs, folder)
            copies[jobs] = {name: q.read_bytes(os.path.join(folder, name))
                            for name in sorted(os.listdir(folder))}
        self.assertEqual(copies["1"], copies["2"])
        self.assertEqual(len(copies["1"]), 12)
        for name, data in copies["1"].items():
            self.assertNotIn(b"<b>3. ", data, f"{name} was not fixed")


class BrokenPipe(q.QadeckTestCase):
    """`qadeck lint big-folder | head -1`: qadeck stops quietly when the reader goes away."""

    @classmethod
    def setUpClass(cls):
        # Shared by the tests (nothing writes to it): about 450 KB of human output, far more
        # than a pipe buffer holds.
        cls.shared = tempfile.TemporaryDirectory(prefix="qadeck-e2e-pipe-")
        for i in range(20):
            q.write(os.path.join(cls.shared.name, "big", f"f{i:03}.md"), many_findings(200))
        q.write(os.path.join(cls.shared.name, "long.md"), many_findings(3000))

    @classmethod
    def tearDownClass(cls):
        cls.shared.cleanup()

    def setUp(self):
        super().setUp()
        self.tmp = self.shared.name

    def read_one_line(self, *args):
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen([q.QADECK, *args], cwd=self.tmp, env=q.base_env(),
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
            first = proc.stdout.readline()
            proc.stdout.close()
            try:
                proc.wait(timeout=q.TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                self.fail("qadeck did not stop after the pipe closed")
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
        self.assertTrue(first, "no output at all")
        self.assertGreaterEqual(proc.returncode, 0, f"killed by signal {-proc.returncode}")
        self.assertEqual(stderr, "", "error text on stderr after a broken pipe")
        return proc.returncode

    def test_lint_human(self):
        self.assertIn(self.read_one_line("lint", "big"), (0, 1))

    def test_lint_json(self):
        self.assertIn(self.read_one_line("lint", "--format", "json", "big"), (0, 1))

    def test_lint_jobs_1(self):
        self.assertIn(self.read_one_line("lint", "--jobs", "1", "big"), (0, 1))

    def test_inspect(self):
        self.assertIn(self.read_one_line("inspect", "long.md"), (0, 1))
        self.assertIn(self.read_one_line("inspect", "--format", "json", "long.md"), (0, 1))

    def test_through_a_shell_pipe(self):
        # The literal shell form, with pipefail so qadeck's own status shows.
        with tempfile.TemporaryFile() as err:
            script = 'set -o pipefail; "$0" lint big | head -1 >/dev/null'
            completed = subprocess.run(["bash", "-c", script, q.QADECK], cwd=self.tmp,
                                       env=q.base_env(), stderr=err, timeout=q.TIMEOUT)
            err.seek(0)
            self.assertEqual(err.read(), b"")
        self.assertIn(completed.returncode, (0, 1))


if __name__ == "__main__":
    q.main()
