"""`qadeck lint --fix`: safe fixes rewrite the file in place (byte-exact), a second run
changes nothing, permissions survive, unsafe fixes and other files are left alone."""

import json
import os
import stat
import subprocess
import time
import unittest

import qadeck_e2e as q

# A gap (question 3 after 1), a duplicate (3 again) and a section number that skips ahead
# (section 3 after 1): all safely fixable.
FIXABLE = (
    "# Notes\n"
    "\n"
    "## 1. Basics\n"
    "\n"
    "<b>1. What is A?</b><br>\n"
    "A.\n"
    "\n"
    "<b>3. What is B?</b><br>\n"
    "B.\n"
    "\n"
    "<b>3. What is C?</b><br>\n"
    "C.\n"
    "\n"
    "<b>4. What is D?</b><br>\n"
    "D.\n"
    "\n"
    "## 3. More\n"
    "\n"
    "**1. What is E?**\n"
    "\n"
    "E.\n"
)

# Renumbering from B on (2, 3, 4) fixes the gap and the duplicate at once.
FIXED = (FIXABLE.replace("<b>3. What is B?", "<b>2. What is B?")
         .replace("## 3. More", "## 2. More"))

# Numbers going backwards: the fix is unsafe, so --fix must not apply it.
UNSAFE_ONLY = "**5. A?**\n\nA.\n\n**7. B?**\n\nB.\n\n**6. C?**\n\nC.\n"


class Fix(q.QadeckTestCase):
    def listing(self):
        return sorted(os.listdir(self.tmp))

    def test_renumbers_in_place(self):
        target = q.write(self.path("qa.md"), FIXABLE)
        before = self.qadeck("lint", "--format", "json", "qa.md", *q.NUMBERING)
        self.assertExit(before, 1)
        self.assertEqual(len(json.loads(before.stdout)["diagnostics"]), 3, before)
        result = self.qadeck("lint", "--fix", "qa.md", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertEqual(q.read_bytes(target).decode("utf-8"), FIXED)
        self.assertEqual(self.listing(), ["qa.md"], "temporary files left behind")
        # What remains is reported, here nothing.
        self.assertNotIn("[numbering.", result.stdout)

    def test_second_fix_changes_nothing(self):
        target = q.write(self.path("qa.md"), FIXABLE)
        self.assertExit(self.qadeck("lint", "--fix", "qa.md", *q.NUMBERING), 0)
        after_first = os.stat(target)
        content = q.read_bytes(target)
        result = self.qadeck("lint", "--fix", "qa.md", *q.NUMBERING)
        self.assertExit(result, 0)
        after_second = os.stat(target)
        self.assertEqual(q.read_bytes(target), content)
        # Not even rewritten with the same bytes.
        self.assertEqual((after_first.st_ino, after_first.st_mtime_ns),
                         (after_second.st_ino, after_second.st_mtime_ns))
        self.assertEqual(self.listing(), ["qa.md"])

    def test_permissions_kept(self):
        for mode in (0o640, 0o600, 0o755, 0o444):
            with self.subTest(mode=oct(mode)):
                target = q.write(self.path(f"qa-{mode:o}.md"), FIXABLE)
                os.chmod(target, mode)
                self.assertExit(self.qadeck("lint", "--fix", target, *q.NUMBERING), 0)
                self.assertEqual(q.read_bytes(target).decode("utf-8"), FIXED)
                self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), mode)

    def test_unsafe_fix_not_applied(self):
        target = q.write(self.path("qa.md"), UNSAFE_ONLY)
        result = self.qadeck("lint", "--fix", "qa.md", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertIn("[numbering.order]", result.stdout)
        self.assertEqual(q.read_bytes(target).decode("utf-8"), UNSAFE_ONLY)

    def test_reports_what_remains(self):
        # 1 3 3 2: the 2 goes backwards (not a swap), so no safe renumbering of the run is
        # possible; all three findings remain, and the file is left alone.
        target = q.write(self.path("qa.md"), q.DEFECTS)
        result = self.qadeck("lint", "--fix", "--format", "json", "qa.md", *q.NUMBERING)
        self.assertExit(result, 1)
        rules = [d["rule"] for d in json.loads(result.stdout)["diagnostics"]]
        self.assertEqual(rules, ["numbering.gap", "numbering.duplicate", "numbering.order"], result)
        self.assertEqual(q.read_bytes(target).decode("utf-8"), q.DEFECTS)

    def test_unsafe_fixes_renumber_positionally(self):
        target = q.write(self.path("qa.md"), q.DEFECTS)
        result = self.qadeck("lint", "--fix", "--unsafe-fixes", "--format", "json", "qa.md",
                             *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertEqual(json.loads(result.stdout)["diagnostics"], [])
        fixed = q.read_bytes(target).decode("utf-8")
        for n, letter in enumerate("ABCD", 1):
            self.assertIn(f"<b>{n}. What is {letter}?</b>", fixed)

    def test_unsafe_fixes_need_fix_or_diff(self):
        q.write(self.path("qa.md"), q.DEFECTS)
        self.assertExit(self.qadeck("lint", "--unsafe-fixes", "qa.md"), 2)

    def test_a_swap_inside_a_gap_run_stays_consistent(self):
        # The held-out corpus case: a gap before 44 45 46 47 49 48 50. The safe fix renumbers
        # the whole run and keeps the swapped pair swapped; it never leaves 48 50 behind.
        numbers = [1, 2, 4, 5, 7, 6, 8]
        text = "".join(f"**{n}. Question {i}?**\n\nAnswer {i}.\n\n" for i, n in enumerate(numbers))
        target = q.write(self.path("qa.md"), text)
        result = self.qadeck("lint", "--fix", "--format", "json", "qa.md", *q.NUMBERING)
        self.assertExit(result, 1)
        diagnostics = json.loads(result.stdout)["diagnostics"]
        self.assertEqual([d["message"] for d in diagnostics],
                         ["questions 6 and 5 are out of order"])
        fixed = q.read_bytes(target).decode("utf-8")
        self.assertEqual([int(line[2:line.index(".")]) for line in fixed.splitlines()
                          if line.startswith("**")], [1, 2, 3, 4, 6, 5, 7])
        again = self.qadeck("lint", "--fix", "--unsafe-fixes", "qa.md", *q.NUMBERING)
        self.assertExit(again, 0)
        fixed = q.read_bytes(target).decode("utf-8")
        self.assertEqual([int(line[2:line.index(".")]) for line in fixed.splitlines()
                          if line.startswith("**")], [1, 2, 3, 4, 5, 6, 7])

    def test_diff_prints_what_fix_would_write(self):
        target = q.write(self.path("qa.md"), FIXABLE)
        result = self.qadeck("lint", "--diff", "qa.md", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertEqual(q.read_bytes(target).decode("utf-8"), FIXABLE)
        # The diff applies with patch(1) and gives what --fix writes.
        patched = q.write(self.path("patched", "qa.md"), FIXABLE)
        applied = subprocess.run(["patch", "-s", "-p1", "-d", os.path.dirname(patched)],
                                 input=result.stdout, text=True, capture_output=True)
        self.assertEqual(applied.returncode, 0, applied.stderr)
        self.assertEqual(q.read_bytes(patched).decode("utf-8"), FIXED)
        self.assertTrue(result.stdout.startswith("--- a/qa.md\n+++ b/qa.md\n@@ "), result.stdout)

    def test_diff_of_a_clean_file_is_empty(self):
        q.write(self.path("qa.md"), FIXED)
        result = self.qadeck("lint", "--diff", "qa.md", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertEqual(result.stdout, "")

    def test_only_selected_rules_fix(self):
        target = q.write(self.path("qa.md"), FIXABLE)
        self.qadeck("lint", "qa.md", "--fix", "--select", "numbering.order")
        self.assertEqual(q.read_bytes(target).decode("utf-8"), FIXABLE)

    def test_clean_and_other_files_untouched(self):
        clean = q.write(self.path("docs", "clean.md"), q.CLEAN)
        text = q.write(self.path("docs", "notes.txt"), FIXABLE)
        q.write(self.path("docs", "qa.md"), FIXABLE)
        before = {p: os.stat(p).st_mtime_ns for p in (clean, text)}
        self.assertExit(self.qadeck("lint", "--fix", "docs", *q.NUMBERING), 0)
        self.assertEqual(q.read_bytes(self.path("docs", "qa.md")).decode("utf-8"), FIXED)
        self.assertEqual({p: os.stat(p).st_mtime_ns for p in (clean, text)}, before)
        self.assertEqual(sorted(os.listdir(self.path("docs"))), ["clean.md", "notes.txt", "qa.md"])

    def test_crlf_and_bom_kept(self):
        crlf = FIXABLE.replace("\n", "\r\n").encode("utf-8")
        target = q.write(self.path("crlf.md"), b"\xef\xbb\xbf" + crlf)
        self.assertExit(self.qadeck("lint", "--fix", "crlf.md", *q.NUMBERING), 0)
        self.assertEqual(q.read_bytes(target),
                         b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8"))

    def test_fix_through_a_symlink(self):
        # The link stays a link, and the file it points to gets the fix.
        real = q.write(self.path("real.md"), FIXABLE)
        os.symlink("real.md", self.path("link.md"))
        self.qadeck("lint", "--fix", "link.md")
        self.assertTrue(os.path.islink(self.path("link.md")), "--fix replaced the symlink")
        self.assertEqual(q.read_bytes(real).decode("utf-8"), FIXED)

    def test_symlink_out_of_the_linted_folder_is_not_written(self):
        outside = q.write(self.path("outside", "real.md"), FIXABLE)
        os.makedirs(self.path("docs"))
        os.symlink(outside, self.path("docs", "link.md"))
        result = self.qadeck("lint", "--fix", "docs", *q.NUMBERING)
        self.assertExit(result, 2)
        self.assertIn(os.path.join("docs", "link.md"), result.stderr)
        self.assertIn(os.path.realpath(outside), result.stderr)
        self.assertIn("outside the paths being linted", result.stderr)
        self.assertEqual(q.read_bytes(outside).decode("utf-8"), FIXABLE)
        # Named on the command line, the link is what the user asked to fix.
        self.assertExit(self.qadeck("lint", "--fix", "docs/link.md", *q.NUMBERING), 0)
        self.assertEqual(q.read_bytes(outside).decode("utf-8"), FIXED)

    @unittest.skipUnless(os.geteuid() == 0, "only root can give a file to someone else")
    def test_root_fixing_keeps_owner_and_group(self):
        target = q.write(self.path("qa.md"), FIXABLE)
        os.chown(target, 65534, 65534)
        self.assertExit(self.qadeck("lint", "--fix", "qa.md", *q.NUMBERING), 0)
        st = os.stat(target)
        self.assertEqual((st.st_uid, st.st_gid), (65534, 65534))
        self.assertEqual(q.read_bytes(target).decode("utf-8"), FIXED)

    def test_lines_appended_while_fixing_are_never_lost(self):
        # A large file whose fix takes a while, appended to line by line while --fix runs:
        # either the fix lands before the first append, or qadeck leaves the file alone.
        big = FIXABLE + "".join(f"\n<b>{n}. What is Q{n}?</b><br>\nA {n}.\n" for n in range(5, 40000))
        target = q.write(self.path("big.md"), big)
        proc = subprocess.Popen([q.QADECK, "lint", "--fix", "--no-cache", "big.md", *q.NUMBERING],
                                cwd=self.tmp, env=q.base_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        appended = []
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            line = f"appended line {len(appended)}\n"
            with open(target, "a", encoding="utf-8") as f:
                f.write(line)
            appended.append(line)
            time.sleep(0.002)
        _, err = proc.communicate(timeout=120)
        text = q.read_bytes(target).decode("utf-8")
        self.assertGreater(len(appended), 0)
        lost = [line for line in appended if line not in text]
        self.assertEqual(lost, [], err.decode("utf-8", "replace")[-400:])
        if "changed while fixing; run again" in err.decode("utf-8"):
            self.assertEqual(proc.returncode, 2)
            self.assertEqual(text, big + "".join(appended))

    def test_stdin_fix_does_not_write_the_named_file(self):
        target = q.write(self.path("qa.md"), q.CLEAN)
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "qa.md", "--fix",
                             input=FIXABLE)
        self.assertIn(result.returncode, (0, 1, 2), result)
        self.assertEqual(q.read_bytes(target).decode("utf-8"), q.CLEAN)
        self.assertEqual(self.listing(), ["qa.md"])


if __name__ == "__main__":
    q.main()
