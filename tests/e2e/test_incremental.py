"""Incremental runs: the lint cache ($XDG_CACHE_HOME/qadeck/lint), --changed-since REV, and
--stdin --stdin-filename NAME with --fix."""

import json
import os

import qadeck_e2e as q
from test_fix import FIXABLE, FIXED


class Cache(q.QadeckTestCase):
    """Every run here has a cache folder of its own, so what is in it is this test's doing."""

    def setUp(self):
        super().setUp()
        self.cache = self.path("cache")
        self.env = q.base_env(XDG_CACHE_HOME=self.cache)
        os.makedirs(self.path("docs"))

    def lint(self, *args):
        return self.qadeck("lint", *args, env=self.env)

    def entries(self):
        folder = os.path.join(self.cache, "qadeck", "lint")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    def test_a_warm_run_prints_what_the_cold_one_did(self):
        q.write(self.path("docs", "a.md"), q.DEFECTS)
        q.write(self.path("docs", "b.md"), q.CLEAN)
        for fmt in ("human", "json", "sarif", "github"):
            cold = self.qadeck("lint", "docs", "--format", fmt, "--no-cache", env=self.env)
            first = self.lint("docs", "--format", fmt)
            warm = self.lint("docs", "--format", fmt)
            self.assertExit(cold, 1)
            for run in (first, warm):
                self.assertEqual((run.returncode, run.stdout, run.stderr),
                                 (cold.returncode, cold.stdout, cold.stderr), fmt)
        self.assertTrue(self.entries())

    def test_an_edited_rerun_prints_what_an_uncached_run_does(self):
        """A re-run after an edit writes the unchanged files' parts of the last report again:
        in every format, the whole output is still byte for byte an uncached run's, including
        when the edit makes or removes a question repeated in a later file (whose own part
        then changes though the file did not)."""
        first = q.write(self.path("docs", "a.md"), "# A\n\n1. **What is a lock?**\n\nA.\n")
        q.write(self.path("docs", "b.md"), q.DEFECTS)
        q.write(self.path("docs", "c.md"), "# C\n\n1. **What is a queue?**\n\nA list.\n")
        q.write(self.path("docs", "d.md"), q.GAP)
        edits = [
            ("a.md", "# A\n\n1. **What is a queue?**\n\nA.\n"),  # c.md now repeats it
            ("b.md", q.CLEAN),
            ("a.md", "# A\n\n1. **What is a lock?**\n\nA.\n"),  # and no longer
            ("d.md", q.GAP.replace("3. B", "2. B")),
        ]
        formats = [["--format", f] for f in ("human", "json", "sarif", "github")]
        formats += [["--quiet"], ["--statistics"], ["--format", "json", "--show-fixes"]]
        for flags in formats:
            q.write(first, "# A\n\n1. **What is a lock?**\n\nA.\n")
            self.lint("docs", *flags)
            for name, text in edits:
                q.write(self.path("docs", name), text)
                cached = self.lint("docs", *flags)
                uncached = self.qadeck("lint", "docs", *flags, "--no-cache", env=self.env)
                self.assertEqual((cached.returncode, cached.stdout, cached.stderr),
                                 (uncached.returncode, uncached.stdout, uncached.stderr),
                                 (flags, name))
            q.write(self.path("docs", "b.md"), q.DEFECTS)
            q.write(self.path("docs", "d.md"), q.GAP)

    def test_another_selection_is_not_served_from_the_cache(self):
        """Two selections of one rule each, both at `error`: the entry the first leaves (no
        findings) must not answer for the second."""
        q.write(self.path("docs", "a.md"), "# T\n\n1. Q?\n\nA $\\foo$.\n")
        self.assertExit(self.lint("docs", "--select", "structure.encoding"), 0)
        second = self.lint("docs", "--select", "math.unknown-command")
        self.assertExit(second, 1)
        self.assertIn("[math.unknown-command]", second.stdout)

    def test_no_cache_neither_reads_nor_writes(self):
        q.write(self.path("docs", "a.md"), q.DEFECTS)
        self.assertExit(self.lint("docs", "--no-cache"), 1)
        self.assertEqual(self.entries(), [])

    def test_an_edit_is_seen(self):
        target = q.write(self.path("docs", "a.md"), q.DEFECTS)
        # Other questions than a.md's will have: the same ones would be duplicates of it.
        q.write(self.path("docs", "b.md"), q.CLEAN.replace("What is", "Who is"))
        self.assertExit(self.lint("docs"), 1)
        q.write(target, q.CLEAN)
        self.assertExit(self.lint("docs"), 0)
        # Same size, one byte different.
        q.write(target, q.CLEAN.replace("<b>2.", "<b>3."))
        result = self.lint("docs", "--format", "json")
        self.assertExit(result, 1)
        self.assertEqual([d["rule"] for d in json.loads(result.stdout)["diagnostics"]],
                         ["numbering.gap"])

    def test_a_changed_link_target_is_seen(self):
        """link.anchor and link.file read other files: a cached finding (or its absence) must
        follow them, whether the linking file is linted alone or with its target."""
        q.write(self.path("docs", "a.md"),
                q.CLEAN + "\nSee [the notes](b.md#notes) and [the figure](fig.png).\n")
        target = q.write(self.path("docs", "b.md"), "# Notes\n\nText.\n")
        figure = q.write(self.path("docs", "fig.png"), b"png")

        def rules(*paths):
            result = self.lint(*paths, "--format", "json")
            return sorted(d["rule"] for d in json.loads(result.stdout)["diagnostics"])

        for paths in (["docs/a.md"], ["docs"]):
            q.write(target, "# Notes\n\nText.\n")
            q.write(figure, b"png")
            self.assertEqual(rules(*paths), [], paths)
            self.assertEqual(rules(*paths), [], paths)
            q.write(target, "# Other\n\nText.\n")
            self.assertEqual(rules(*paths), ["link.anchor"], paths)
            os.remove(figure)
            self.assertEqual(rules(*paths), ["link.anchor", "link.file"], paths)
            self.assertEqual(rules(*paths), ["link.anchor", "link.file"], paths)

    def test_a_config_change_is_seen(self):
        q.write(self.path("docs", "a.md"), q.DEFECTS)
        self.assertExit(self.lint("docs"), 1)
        q.write(self.path(".qadeck.yml"), "rules:\n  numbering: off\n")
        result = self.lint("docs", "--format", "json")
        self.assertEqual([d["rule"] for d in json.loads(result.stdout)["diagnostics"]
                          if d["rule"].startswith("numbering")], [])
        os.remove(self.path(".qadeck.yml"))
        self.assertExit(self.lint("docs", "--select", "numbering"), 1)

    def test_corrupt_or_stale_entries_are_ignored(self):
        target = q.write(self.path("docs", "a.md"), q.DEFECTS)
        q.write(self.path("docs", "b.md"), q.GAP)
        expected = self.qadeck("lint", "docs", "--format", "json", "--no-cache", env=self.env)
        self.assertExit(self.lint("docs", "--format", "json"), 1)
        folder = os.path.join(self.cache, "qadeck", "lint")
        entries = self.entries()
        self.assertGreaterEqual(len(entries), 3)  # two files and the report
        # Every entry cut in half, then every entry's bytes scrambled, then every entry
        # swapped with another: each run still prints exactly what a run without cache does.
        originals = {e: q.read_bytes(os.path.join(folder, e)) for e in entries}
        damages = [
            {e: data[:len(data) // 2] for e, data in originals.items()},
            {e: bytes(b ^ 0x55 for b in data) for e, data in originals.items()},
            {e: originals[entries[(i + 1) % len(entries)]] for i, e in enumerate(entries)},
            {e: b"" for e in entries},
        ]
        for damage in damages:
            for name, data in damage.items():
                q.write(os.path.join(folder, name), data)
            result = self.lint("docs", "--format", "json")
            self.assertEqual((result.returncode, result.stdout),
                             (expected.returncode, expected.stdout))
        # An entry made for other content is stale: an edit back and forth is still right.
        q.write(target, q.CLEAN)
        self.lint("docs")
        q.write(target, q.DEFECTS)
        result = self.lint("docs", "--format", "json")
        self.assertEqual(result.stdout, expected.stdout)

    def test_fix_after_a_cached_lint_still_fixes(self):
        target = q.write(self.path("docs", "a.md"), FIXABLE)
        self.assertExit(self.lint("docs"), 1)
        self.assertExit(self.lint("docs"), 1)
        self.lint("docs", "--fix")
        self.assertEqual(q.read_bytes(target).decode("utf-8"), FIXED)
        # And the cache knows the fixed file: a plain lint reports what --fix left.
        after_fix = self.lint("docs", "--format", "json")
        uncached = self.qadeck("lint", "docs", "--format", "json", "--no-cache", env=self.env)
        self.assertEqual(after_fix.stdout, uncached.stdout)

    def test_an_unwritable_cache_only_costs_time(self):
        q.write(self.path("docs", "a.md"), q.DEFECTS)
        q.write(self.cache, "a file where the cache folder should be")
        result = self.lint("docs")
        self.assertExit(result, 1)
        self.assertEqual(result.stderr, "")

    def test_unreadable_files_are_reported_every_time(self):
        q.write(self.path("docs", "a.md"), q.CLEAN)
        q.write(self.path("docs", "bad.md"), b"<b>1. A\x00</b>\n")
        for _ in range(2):
            result = self.lint("docs")
            self.assertExit(result, 2)
            self.assertIn("bad.md", result.stderr)


@q.unittest.skipUnless(q.git_available(), "git is not installed")
class ChangedSince(q.QadeckTestCase):
    """A git repository whose every file has one numbering.gap finding, so the files in the
    report are the files linted."""

    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        files = {
            "content/a.md": q.GAP + "\n[see c](c.md#answer)\n",
            "content/b.md": q.GAP,
            "content/c.md": q.GAP,
            "content/sub/d.md": q.GAP + "\n[back to c][c]\n\n[c]: ../c.md\n",
            "content/e.md": q.GAP + "\n[image](img/x.png)\n",
            "content/img/x.png": "not really an image",
            "notes.txt": "not Markdown\n",
        }
        for name, text in files.items():
            q.write(os.path.join(self.repo, name), text)
        q.git(self.repo, "init", "-q")
        q.git(self.repo, "add", ".")
        q.git(self.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")

    def linted(self, *args, cwd=None):
        result = self.qadeck("lint", "--format", "json", *q.NUMBERING, *args,
                             cwd=cwd or self.repo)
        self.assertIn(result.returncode, (0, 1), result)
        return sorted({d["path"] for d in json.loads(result.stdout)["diagnostics"]})

    def test_nothing_changed_lints_nothing(self):
        self.assertEqual(self.linted("content", "--changed-since", "HEAD"), [])

    def test_a_changed_file_and_the_files_linking_into_it(self):
        q.write(os.path.join(self.repo, "content", "c.md"), q.GAP + "\nedited\n")
        self.assertEqual(self.linted("content", "--changed-since", "HEAD"),
                         ["content/a.md", "content/c.md", "content/sub/d.md"])

    def test_staged_untracked_and_ignored_files(self):
        q.write(os.path.join(self.repo, "content", "b.md"), q.GAP + "\nstaged\n")
        q.git(self.repo, "add", "content/b.md")
        q.write(os.path.join(self.repo, "content", "new.md"), q.GAP)
        q.write(os.path.join(self.repo, ".gitignore"), "content/ignored.md\n")
        q.write(os.path.join(self.repo, "content", "ignored.md"), q.GAP)
        self.assertEqual(self.linted("content", "--changed-since", "HEAD"),
                         ["content/b.md", "content/new.md"])

    def test_a_removed_target_relints_what_links_to_it(self):
        os.remove(os.path.join(self.repo, "content", "img", "x.png"))
        self.assertEqual(self.linted("content", "--changed-since", "HEAD"), ["content/e.md"])

    def test_commits_since_a_revision_count(self):
        q.write(os.path.join(self.repo, "content", "b.md"), q.GAP + "\ncommitted\n")
        q.git(self.repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "b")
        self.assertEqual(self.linted("content", "--changed-since", "HEAD~1"), ["content/b.md"])
        self.assertEqual(self.linted("content", "--changed-since", "HEAD"), [])

    def test_only_within_the_paths_asked_for(self):
        q.write(os.path.join(self.repo, "content", "c.md"), q.GAP + "\nedited\n")
        self.assertEqual(self.linted("content/sub", "--changed-since", "HEAD"),
                         ["content/sub/d.md"])

    def test_from_a_subfolder(self):
        q.write(os.path.join(self.repo, "content", "b.md"), q.GAP + "\nedited\n")
        self.assertEqual(self.linted(".", "--changed-since", "HEAD",
                                     cwd=os.path.join(self.repo, "content")), ["b.md"])

    def test_an_unknown_revision_is_an_error(self):
        result = self.qadeck("lint", "content", "--changed-since", "no-such-branch",
                             cwd=self.repo)
        self.assertExit(result, 2)
        self.assertIn("no-such-branch", result.stderr)

    def test_outside_a_repository_is_an_error(self):
        os.makedirs(self.path("plain"))
        q.write(self.path("plain", "a.md"), q.GAP)
        result = self.qadeck("lint", ".", "--changed-since", "HEAD", cwd=self.path("plain"))
        self.assertExit(result, 2)
        self.assertIn("git", result.stderr)


class StdinFix(q.QadeckTestCase):
    def test_fixed_text_on_stdout_and_the_report_on_stderr(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", "--fix",
                             "--format", "json", input=FIXABLE)
        self.assertEqual(result.stdout, FIXED)
        report = json.loads(result.stderr)
        self.assertTrue(all(d["path"] == "qa.md" for d in report["diagnostics"]))
        self.assertFalse(any(d["rule"].startswith("numbering") for d in report["diagnostics"]))

    def test_nothing_to_fix_echoes_the_input(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", "--fix",
                             *q.NUMBERING, input=q.CLEAN)
        self.assertExit(result, 0)
        self.assertEqual(result.stdout, q.CLEAN)

    def test_undecodable_input_prints_nothing_on_stdout(self):
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "bad.md", "--fix",
                             input=b"<b>1. A\x00</b><br>\n")
        self.assertExit(result, 2)
        self.assertEqual(result.stdout_bytes, b"")
        self.assertIn("bad.md", result.stderr)

    def test_invalid_utf8_is_linted_and_echoed_unfixed(self):
        data = b"<b>1. A\xff</b><br>\nA.\n\n<b>3. B?</b><br>\nB.\n"
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "bad.md", "--fix",
                             input=data)
        self.assertExit(result, 1)
        self.assertEqual(result.stdout_bytes, data)
        self.assertIn("bad.md: not fixed: it holds bytes that are not UTF-8", result.stderr)
        self.assertIn("bad.md:1:8: error: a byte that is not UTF-8", result.stderr)
        self.assertIn("[numbering.gap]", result.stderr)

    def test_the_name_picks_the_config(self):
        q.write(self.path("drafts", ".qadeck.yml"), "rules:\n  numbering: off\n")
        quiet = self.qadeck("lint", "--stdin", "--stdin-filename", "drafts/qa.md",
                            *q.NUMBERING, input=q.GAP)
        self.assertExit(quiet, 0)
        loud = self.qadeck("lint", "--stdin", "--stdin-filename", "final/qa.md", *q.NUMBERING,
                           input=q.GAP)
        self.assertExit(loud, 1)

    def test_the_name_picks_the_overrides(self):
        q.write(self.path(".qadeck.yml"),
                "overrides:\n  - files: [\"drafts/*\"]\n    rules: {numbering.gap: off}\n")
        self.assertExit(self.qadeck("lint", "--stdin", "--stdin-filename", "drafts/qa.md",
                                    *q.NUMBERING, input=q.GAP), 0)
        self.assertExit(self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md",
                                    *q.NUMBERING, input=q.GAP), 1)

    def test_with_changed_since_is_a_usage_error(self):
        result = self.qadeck("lint", "--stdin", "--changed-since", "HEAD", input=q.GAP)
        self.assertExit(result, 2)


def output_question(code):
    return ("# JavaScript\n\n###### 1. What's the output?\n\n```javascript\n" + code +
            "\n```\n\n<details><summary>Answer</summary>\n\nIt prints.\n\n</details>\n")


class DuplicatesAcrossFiles(q.QadeckTestCase):
    """A question in two files of one run becomes two cards of one deck: it is reported at the
    later file, from the lint cache too, since a cached file is not parsed again."""

    FIRST = ("# Threads\n\n1. **What is a mutex?**\n\nA lock.\n\n"
             "2. **What is a thread?**\n\nA path of execution.\n")
    SECOND = ("# More\n\n1. **What is a semaphore?**\n\nA counter.\n\n"
              "2. **What is a mutex?**\n\nA lock.\n")
    FINDING = ("notes/b.md:7:6: warning: same question as notes/a.md:3 "
               "[structure.duplicate-question]")

    def setUp(self):
        super().setUp()
        self.env = q.base_env(XDG_CACHE_HOME=self.path("cache"))
        os.makedirs(self.path("notes"))

    def lint(self, *paths):
        return self.qadeck("lint", *(paths or ("notes",)), env=self.env)

    def test_found_then_from_the_cache_then_gone(self):
        q.write(self.path("notes", "a.md"), self.FIRST)
        q.write(self.path("notes", "b.md"), self.SECOND)
        first = self.lint()
        self.assertExit(first, 1)
        self.assertIn(self.FINDING, first.stdout)
        # Reported at the later path whatever order the paths are given in.
        self.assertIn(self.FINDING, self.lint("notes/b.md", "notes/a.md").stdout)
        # A new file makes a new run: a.md and b.md now come from their cache entries.
        q.write(self.path("notes", "c.md"), self.FIRST.replace("mutex", "queue").replace("thread", "heap"))
        cached = self.lint()
        self.assertExit(cached, 1)
        self.assertIn(self.FINDING, cached.stdout)
        q.write(self.path("notes", "b.md"), self.SECOND.replace("mutex", "monitor"))
        changed = self.lint()
        self.assertExit(changed, 0)
        self.assertNotIn("structure.duplicate-question", changed.stdout)
        # a.md is still from its cache entry; the other side of the pair changed.
        q.write(self.path("notes", "b.md"), self.SECOND)
        self.assertIn(self.FINDING, self.lint().stdout)

    def test_export_reports_it_too(self):
        q.write(self.path("notes", "a.md"), self.FIRST)
        q.write(self.path("notes", "b.md"), self.SECOND)
        result = self.qadeck("export", "json", "notes", "-o", "-", env=self.env)
        self.assertExit(result, 0)
        self.assertIn(self.FINDING, result.stderr)

    def test_quiet_when_the_code_differs(self):
        q.write(self.path("notes", "a.md"), output_question("console.log(typeof null);"))
        q.write(self.path("notes", "b.md"), output_question("console.log(0.1 + 0.2);"))
        self.assertExit(self.lint(), 0)
        q.write(self.path("notes", "b.md"), output_question("console.log(typeof null);"))
        self.assertIn("notes/b.md:3:11: warning: same question as notes/a.md:3 "
                      "[structure.duplicate-question]", self.lint().stdout)

    def test_a_repeat_within_the_later_file_is_reported_once(self):
        q.write(self.path("notes", "a.md"), self.FIRST)
        q.write(self.path("notes", "b.md"), self.SECOND + "\n3. **What is a mutex?**\n\nStill a lock.\n")
        out = self.lint().stdout
        self.assertEqual(out.count("structure.duplicate-question"), 2, out)
        self.assertIn(self.FINDING, out)
        self.assertIn("notes/b.md:11:6: warning: question 3 repeats question 2 (line 7)", out)

    def test_near_duplicates_across_files(self):
        q.write(self.path("notes", "a.md"), self.FIRST)
        q.write(self.path("notes", "b.md"), self.SECOND.replace("What is a mutex", "What is mutex"))
        near = ("notes/b.md:7:6: warning: nearly the same question as notes/a.md:3 "
                "[structure.similar-question]")
        first = self.lint()
        self.assertExit(first, 1)
        self.assertIn(near, first.stdout)
        self.assertNotIn("structure.duplicate-question", first.stdout)
        # Both files from their cache entries now.
        self.assertIn(near, self.lint().stdout)
        result = self.qadeck("export", "json", "notes", "-o", "-", env=self.env)
        self.assertExit(result, 0)
        self.assertIn(near, result.stderr)
        # With the threshold of the configuration.
        q.write(self.path("notes", "b.md"), self.SECOND.replace("a mutex", "a mutax"))
        self.assertExit(self.lint(), 0)
        q.write(self.path(".qadeck.yml"),
                "rules:\n  structure.similar-question: {severity: warning, threshold: 0.5}\n")
        self.assertIn("notes/b.md:7:6: warning: nearly the same question as notes/a.md:3 "
                      "[structure.similar-question]", self.lint().stdout)

    def test_a_suppression_comment_silences_it_where_it_is_reported(self):
        silenced = self.SECOND.replace(
            "2. **What is a mutex?**",
            "<!-- qadeck-disable-next-line structure.duplicate-question -->\n"
            "2. **What is a mutex?**")
        q.write(self.path("notes", "a.md"), self.FIRST)
        q.write(self.path("notes", "b.md"), silenced)
        for run in ("parsed", "cached"):
            with self.subTest(run):
                result = self.lint()
                self.assertExit(result, 0)
                self.assertEqual(result.stdout, "No problems found in 2 files.\n",
                                 "nothing reported, not even the comment")
        # Only the rule it names: a near-duplicate there is still reported.
        q.write(self.path("notes", "b.md"), silenced.replace("What is a mutex", "What is mutex"))
        self.assertIn("notes/b.md:8:6: warning: nearly the same question as notes/a.md:3 "
                      "[structure.similar-question]", self.lint().stdout)
        q.write(self.path("notes", "b.md"), self.SECOND.replace(
            "2. **What is a mutex?**",
            "<!-- qadeck-disable structure -->\n2. **What is mutex?**"))
        self.assertExit(self.lint(), 0)
        # A comment at the first question silences nothing at the repeat.
        q.write(self.path("notes", "a.md"), self.FIRST.replace(
            "1. **What is a mutex?**",
            "<!-- qadeck-disable-next-line structure.duplicate-question -->\n"
            "1. **What is a mutex?**"))
        q.write(self.path("notes", "b.md"), self.SECOND)
        result = self.lint()
        self.assertIn("notes/b.md:7:6: warning: same question as notes/a.md:4 "
                      "[structure.duplicate-question]", result.stdout)
        self.assertNotIn("suppression.unused", result.stdout)
        exported = self.qadeck("export", "json", "notes", "-o", "-", env=self.env)
        self.assertIn("same question as notes/a.md:4", exported.stderr)

    def test_a_comment_that_disables_a_rule_of_no_question_is_still_unused(self):
        q.write(self.path("notes", "a.md"), self.FIRST)
        q.write(self.path("notes", "b.md"), self.SECOND.replace(
            "A counter.", "<!-- qadeck-disable-next-line structure.duplicate-question -->\n"
                          "A counter.\n"))
        result = self.lint()
        self.assertIn("[suppression.unused]", result.stdout)


if __name__ == "__main__":
    q.main()
