"""A write interrupted half-way never leaves a mix: qadeck killed while `lint --fix` rewrites
a file (at random moments, and right before the rename that puts the new file in place), or
a write that fails for lack of space, leaves the user's file byte for byte either as it was
or as the fix makes it.

check_interrupted_writes() takes any command that replaces one file; export commands get the
same checks (ExportInterrupted) once `qadeck export` exists."""

import os
import random
import resource
import shutil
import signal
import subprocess
import time

import qadeck_e2e as q


def big_fixable(sections):
    """A document with a fixable gap in every section (~150 bytes each)."""
    return "".join(f"## {s}. Section {s}\n\n<b>1. Question {s}a?</b><br>\nAnswer {s}.\n\n"
                   f"<b>3. Question {s}b?</b><br>\nAnother answer.\n\n"
                   for s in range(1, sections + 1))


def temp_files(folder, name):
    """The temporary files qadeck's atomic writes leave for `name` when killed."""
    return [f for f in os.listdir(folder) if f.startswith(f".{name}.qadeck-")]


class Writes:
    """Runs `argv` (a command that replaces `target`) and interrupts it in several ways."""

    def __init__(self, test, argv, target, cwd, env):
        self.test, self.argv, self.target, self.cwd, self.env = test, argv, target, cwd, env
        self.folder, self.name = os.path.split(target)
        self.old = q.read_bytes(target)
        # What an uninterrupted run writes.
        completed = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=q.TIMEOUT * 4)
        test.assertIn(completed.returncode, (0, 1), f"{argv} failed uninterrupted")
        self.new = q.read_bytes(target)
        test.assertNotEqual(self.old, self.new, "the command did not change the file")
        self.restore()

    def restore(self):
        with open(self.target, "wb") as f:
            f.write(self.old)
        for t in temp_files(self.folder, self.name):
            os.remove(os.path.join(self.folder, t))

    def check(self, what):
        data = q.read_bytes(self.target)
        self.test.assertIn(data, (self.old, self.new),
                           f"{what}: the file is neither the old nor the new content "
                           f"({len(data)} bytes; old {len(self.old)}, new {len(self.new)})")
        return "old" if data == self.old else "new"

    def run_for(self):
        start = time.monotonic()
        subprocess.run(self.argv, cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=q.TIMEOUT * 4)
        self.restore()
        return time.monotonic() - start

    def random_kills(self, count, seed=6):
        """SIGKILL at random moments over a whole run; returns the outcomes seen."""
        duration = self.run_for()
        rng = random.Random(seed)
        seen = []
        for i in range(count):
            proc = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                proc.wait(timeout=rng.uniform(0, duration * 1.2))
            except subprocess.TimeoutExpired:
                proc.kill()
            proc.wait()
            seen.append(self.check(f"kill {i}"))
            self.restore()
        return seen

    def kill_before_rename(self):
        """Runs the command under strace, which holds every rename for a minute; once the
        temporary file holds all the new bytes, kills the command while it waits to rename
        it: the file must be the old one, and the temporary file all that is left over."""
        proc = subprocess.Popen(
            ["strace", "-f", "-qq", "-o", "/dev/null",
             "-e", "trace=rename,renameat,renameat2",
             "-e", "inject=rename,renameat,renameat2:delay_enter=60000000", *self.argv],
            cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True)
        deadline = time.monotonic() + q.TIMEOUT * 2
        try:
            while True:
                complete = [t for t in temp_files(self.folder, self.name)
                            if os.path.getsize(os.path.join(self.folder, t)) == len(self.new)]
                if complete:
                    break
                if proc.poll() is not None:
                    self.test.fail(f"the command ended before the rename: "
                                   f"{proc.stderr.read().decode(errors='replace')}")
                if time.monotonic() > deadline:
                    self.test.fail("the new content never appeared in a temporary file")
                time.sleep(0.005)
            # The write is done; give the process time to reach the (delayed) rename.
            time.sleep(0.2)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stderr.close()
        self.test.assertEqual(self.check("killed before the rename"), "old")
        left = temp_files(self.folder, self.name)
        self.test.assertEqual(len(left), 1, left)
        self.test.assertEqual(q.read_bytes(os.path.join(self.folder, left[0])), self.new)
        self.restore()

    def failing_write(self):
        """The file size limit (RLIMIT_FSIZE) set below the new file's size, and SIGXFSZ
        ignored: the write fails with EFBIG, as on a full disk. The command must say so, name
        the file, leave it as it was and clean up its temporary file."""
        limit = max(1, len(self.new) // 2)

        def limit_writes():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

        completed = subprocess.run(self.argv, cwd=self.cwd, env=self.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   preexec_fn=limit_writes, timeout=q.TIMEOUT * 4)
        stderr = completed.stderr.decode("utf-8", "replace")
        self.test.assertEqual(completed.returncode, 2, stderr)
        self.test.assertIn(self.name, stderr)
        self.test.assertEqual(self.check("failed write"), "old")
        self.test.assertEqual(temp_files(self.folder, self.name), [])


def check_interrupted_writes(test, argv, target, cwd, env, kills=12):
    w = Writes(test, argv, target, cwd, env)
    seen = w.random_kills(kills)
    if shutil.which("strace"):
        w.kill_before_rename()
    w.failing_write()
    return seen


class FixInterrupted(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        self.target = q.write(self.path("qa.md"), big_fixable(4000))  # ~600 KB
        self.env = q.base_env()

    def argv(self):
        return [q.QADECK, "lint", "--fix", "--no-cache", "--quiet", "qa.md"]

    def test_random_kills_leave_old_or_new(self):
        seen = Writes(self, self.argv(), self.target, self.tmp, self.env).random_kills(12)
        # Not asserted (timing decides), but shown: which outcomes the kills produced.
        print(f"random kills: {seen.count('old')} old, {seen.count('new')} new")

    @q.unittest.skipUnless(shutil.which("strace"), "strace is not installed (ci/setup has it)")
    def test_kill_before_the_rename_leaves_the_old_file(self):
        Writes(self, self.argv(), self.target, self.tmp, self.env).kill_before_rename()

    def test_a_failing_write_leaves_the_old_file(self):
        Writes(self, self.argv(), self.target, self.tmp, self.env).failing_write()


class ExportInterrupted(q.QadeckTestCase):
    """The same checks for `qadeck export`, whose outputs are replaced as files are by
    --fix. (The PDF's own failure case, pandoc dying half way, is in tests/export/test_export_pdf.py.)"""

    def setUp(self):
        super().setUp()
        q.write(self.path("content", "qa.md"), big_fixable(2000).replace("<b>3.", "<b>2."))
        # A pinned time makes every run write the same bytes, so "new" is one known content.
        self.env = dict(q.base_env(), SOURCE_DATE_EPOCH="1700000000")

    def check_format(self, fmt, name):
        target = self.path("out", name)
        # An older export to replace, so that "old" is a real file.
        q.write(target, b"an older export\n")
        check_interrupted_writes(self, [q.QADECK, "export", fmt, "content", "-o", target],
                                 target, self.tmp, self.env, kills=6)

    def test_json(self):
        self.check_format("json", "deck.json")

    def test_anki(self):
        self.check_format("anki", "deck.apkg")


if __name__ == "__main__":
    q.main()
