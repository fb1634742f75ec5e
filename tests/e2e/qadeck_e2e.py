"""Shared helpers for the end-to-end tests: run the qadeck binary, make scratch folders.

Every test module is run as
    python3 test_x.py --qadeck PATH [--shared DIR] [--source-dir DIR] [unittest args…]
so that ctest can run one TestCase class per test (`… test_x.py --qadeck … ClassName`).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

# Filled in by main() from the command line.
QADECK = os.environ.get("QADECK", "")
SHARED_DIR = ""
SOURCE_DIR = ""

# Long enough for a loaded 2-core machine, short enough that a hang fails quickly.
TIMEOUT = 30

# A document with one finding of each numbering rule: a gap (line 6), a duplicate (line 9)
# and a number that goes backwards (line 12). Only the first two have safe fixes.
DEFECTS = (
    "# Notes\n"
    "\n"
    "<b>1. What is A?</b><br>\n"
    "A is a.\n"
    "\n"
    "<b>3. What is B?</b><br>\n"
    "B is b.\n"
    "\n"
    "<b>3. What is C?</b><br>\n"
    "C.\n"
    "\n"
    "<b>2. What is D?</b><br>\n"
    "D.\n"
)

CLEAN = (
    "# Notes\n"
    "\n"
    "<b>1. What is A?</b><br>\n"
    "A is a.\n"
    "\n"
    "<b>2. What is B?</b><br>\n"
    "B is b.\n"
)

# Appended to a lint command line (after the paths) where a test is about the numbering
# rules' findings, so that rules added later do not change what it sees.
NUMBERING = ("--select", "numbering")

# One gap: question 3 right after question 1, on line 4.
GAP = "<b>1. A?</b><br>\nx\n\n<b>3. B?</b><br>\ny\n"


class Result:
    """The outcome of one qadeck run, with stdout and stderr decoded as UTF-8."""

    def __init__(self, args, completed):
        self.args = args
        self.returncode = completed.returncode
        self.stdout_bytes = completed.stdout
        self.stderr_bytes = completed.stderr
        self.stdout = completed.stdout.decode("utf-8", "replace")
        self.stderr = completed.stderr.decode("utf-8", "replace")

    def __repr__(self):
        return (f"qadeck {' '.join(self.args)} -> exit {self.returncode}\n"
                f"--- stdout (first 2000 chars) ---\n{self.stdout[:2000]}\n"
                f"--- stderr (first 2000 chars) ---\n{self.stderr[:2000]}")


def base_env(**extra):
    """An environment that does not depend on the caller's: no NO_COLOR, a dumb terminal,
    a private cache, and git never looks above the scratch folders."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("CLICOLOR_FORCE", None)
    env["TERM"] = "dumb"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CEILING_DIRECTORIES"] = os.path.dirname(tempfile.gettempdir().rstrip("/")) or "/"
    env.update(extra)
    return env


def run(args, cwd=None, input=None, env=None, timeout=TIMEOUT):
    if isinstance(input, str):
        input = input.encode("utf-8")
    completed = subprocess.run(
        [QADECK, *args], cwd=cwd, input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env if env is not None else base_env(), timeout=timeout)
    return Result(args, completed)


def write(path, text, mode=None):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)
    return path


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def git_available():
    return shutil.which("git") is not None


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, env=base_env(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=TIMEOUT)


class QadeckTestCase(unittest.TestCase):
    """A test case with a scratch folder (self.tmp) removed afterwards."""

    maxDiff = 4000

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="qadeck-e2e-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def qadeck(self, *args, cwd=None, **kwargs):
        """Runs qadeck in the scratch folder (by default) and checks it was not killed."""
        result = run(list(args), cwd=cwd or self.tmp, **kwargs)
        self.assertGreaterEqual(result.returncode, 0,
                                f"qadeck was killed by signal {-result.returncode}\n{result!r}")
        return result

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code, repr(result))

    def assertNoEscapes(self, text, what="output"):
        self.assertNotIn("\x1b", text, f"{what} contains escape codes: {text[:300]!r}")


def main():
    global QADECK, SHARED_DIR, SOURCE_DIR
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--qadeck", default=QADECK)
    parser.add_argument("--shared", default="")
    parser.add_argument("--source-dir", default="")
    options, rest = parser.parse_known_args()
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", ".."))
    QADECK = os.path.abspath(options.qadeck or os.path.join(repo, "build", "bin", "qadeck"))
    SHARED_DIR = options.shared or os.path.join(repo, "..", "shared")
    SOURCE_DIR = options.source_dir or repo
    if not os.access(QADECK, os.X_OK):
        sys.exit(f"qadeck binary not found: {QADECK} (pass --qadeck PATH)")
    unittest.main(module="__main__", argv=[sys.argv[0], *rest], verbosity=2)
