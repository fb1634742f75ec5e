"""The pre-commit hooks (.pre-commit-hooks.yaml) run for real: Debian's pre-commit runs
`pre-commit try-repo` of this repository against a scratch git repository with a staged
broken Q&A file, offline, with the qadeck under test first on PATH (the hooks use
`language: system`)."""

import os
import shutil
import subprocess

import qadeck_e2e as q

MANIFEST = ".pre-commit-hooks.yaml"


def hook_repo(scratch):
    """The repository try-repo gets: this one when it is a git work tree that tracks the
    manifest (try-repo then also picks up uncommitted edits to it); else a repository made of
    the manifest alone, committed, for a source tree that is not a clone."""
    tracked = subprocess.run(["git", "-C", q.SOURCE_DIR, "ls-files", "--error-unmatch", MANIFEST],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=q.base_env())
    if tracked.returncode == 0:
        return q.SOURCE_DIR
    repo = os.path.join(scratch, "hook-repo")
    os.makedirs(repo)
    shutil.copy(os.path.join(q.SOURCE_DIR, MANIFEST), repo)
    q.git(repo, "init", "-q")
    q.git(repo, "add", MANIFEST)
    q.git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "hooks")
    return repo


@q.unittest.skipUnless(shutil.which("pre-commit") and q.git_available(),
                       "pre-commit or git is not installed (ci/setup installs both)")
class PreCommit(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        self.hooks = hook_repo(self.tmp)
        self.repo = self.path("work")
        os.makedirs(self.repo)
        q.git(self.repo, "init", "-q")
        # No network: pre-commit only clones the local hook repository, and a `system` hook
        # installs nothing.
        self.env = q.base_env(
            PATH=os.path.dirname(q.QADECK) + os.pathsep + os.environ.get("PATH", ""),
            PRE_COMMIT_HOME=self.path("pre-commit-home"),
            XDG_CACHE_HOME=self.path("cache"),
            http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")

    def stage(self, name, text):
        q.write(os.path.join(self.repo, name), text)
        q.git(self.repo, "add", name)

    def try_repo(self, hook):
        completed = subprocess.run(
            ["pre-commit", "try-repo", self.hooks, hook, "--color", "never"], cwd=self.repo,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=self.env, timeout=120)
        return completed.returncode, completed.stdout.decode("utf-8", "replace")

    def test_lint_hook_fails_with_the_findings_then_passes(self):
        self.stage("notes/qa.md", q.GAP)
        self.stage("readme.txt", "<b>3. not Markdown, not linted</b>\n")
        code, output = self.try_repo("qadeck")
        self.assertEqual(code, 1, output)
        self.assertRegex(output, r"qadeck lint\.+Failed")
        self.assertRegex(output, r"(?m)^notes/qa\.md:4:4: error: .*\[numbering\.gap\]")
        self.assertNotIn("readme.txt", output)
        self.stage("notes/qa.md", q.GAP.replace("<b>3.", "<b>2."))
        code, output = self.try_repo("qadeck")
        self.assertEqual(code, 0, output)
        self.assertRegex(output, r"qadeck lint\.+Passed")

    def test_fix_hook_fixes_the_file_and_fails_once(self):
        self.stage("qa.md", q.GAP)
        code, output = self.try_repo("qadeck-fix")
        # pre-commit fails a hook that modified files, so the fix can be reviewed and staged.
        self.assertEqual(code, 1, output)
        self.assertIn("files were modified by this hook", output)
        self.assertEqual(q.read_bytes(os.path.join(self.repo, "qa.md")).decode(),
                         q.GAP.replace("<b>3.", "<b>2."))
        q.git(self.repo, "add", "qa.md")
        code, output = self.try_repo("qadeck-fix")
        self.assertEqual(code, 0, output)

    def test_nothing_staged_is_skipped(self):
        code, output = self.try_repo("qadeck")
        self.assertEqual(code, 0, output)
        self.assertRegex(output, r"qadeck lint\.+\(no files to check\)Skipped")


if __name__ == "__main__":
    q.main()
