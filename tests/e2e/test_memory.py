"""Peak memory of a lint per input byte, on a generated file of a few megabytes.

DESIGN.md sets at most 16 bytes of peak RSS per input byte on one large file (ci/bench
`memory` measures that); the budget here is generous so that no machine's noise fails it,
and still far below what a whole parse tree held at once took (35 bytes per byte)."""

import os
import subprocess
import sys
import unittest

import qadeck_e2e as q

BUDGET = 30  # bytes of peak RSS per input byte
# --fix keeps the document of the text before a pass and of the text after it, to compare
# their findings: twice a lint's.
FIX_BUDGET = 2 * BUDGET
QUESTIONS = 30000  # about 4 MB: qadeck's own few MB at start-up weigh little


def peak_rss_bytes(argv, cwd):
    """Runs argv and returns (exit code, its peak RSS in bytes), from wait4."""
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=devnull,
                                stderr=devnull, env=q.base_env())
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss * 1024


@unittest.skipIf(os.environ.get("QADECK_SANITIZED") == "1",
                 "the sanitizers' shadow memory and quarantine are no measure of qadeck's")
class MemoryPerByte(q.QadeckTestCase):
    def generate(self):
        out = self.path("corpus")
        subprocess.run([sys.executable, os.path.join(q.SHARED_DIR, "tools", "gen_corpus.py"),
                        "--out", out, "--files", "1", "--questions", str(QUESTIONS),
                        "--seed", "7", "--defect-rate", "0.001"],
                       check=True, stdout=subprocess.DEVNULL, timeout=q.TIMEOUT)
        return os.path.join(out, "qa-0000.md")

    def check(self, *args, budget=BUDGET):
        path = self.generate()
        size = os.path.getsize(path)
        code, peak = peak_rss_bytes([q.QADECK, "lint", path, "--no-cache", "--links", "local",
                                     "--format", "json", *args], self.tmp)
        self.assertIn(code, (0, 1), f"qadeck lint {' '.join(args)} exited {code}")
        # This process's own peak counts in the child's until its exec: an upper bound then.
        per_byte = peak / size
        self.assertLessEqual(per_byte, budget,
                             f"peak RSS {peak / 2**20:.1f} MiB for {size / 1e6:.1f} MB: "
                             f"{per_byte:.1f} bytes per byte, budget {budget}")

    def test_lint(self):
        self.check()

    def test_fix(self):
        self.check("--fix", budget=FIX_BUDGET)


if __name__ == "__main__":
    q.main()
