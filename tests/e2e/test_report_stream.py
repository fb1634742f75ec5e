"""The report is printed file by file, each file's findings as soon as they are final (the
questions a file repeats from the files before it included), and then dropped. The output
must be what the same run printed when the whole run was held and printed at the end: the
files under tests/fixtures/reports/cross-file/ are that output, made by the build before the
report streamed, on the corpus of cross_file_corpus.py, for every format.

After a change that means to change this output (a rule's message, a new finding), remake
them with
    QADECK_REGENERATE=1 python3 tests/e2e/test_report_stream.py --qadeck build/bin/qadeck
and read the diff."""

import json
import os
import shutil
import sys

import qadeck_e2e as q

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cross_file_corpus  # noqa: E402

# The structure rules compare across files; numbering gives fixable findings. Other rules
# would tie these files to how other rules word their messages.
SELECT = ("--select", "structure,numbering", "--links", "local", "--color", "never")

# Fixture name -> the options of the run (after `lint corpus`).
RUNS = {
    "human.txt": (),
    "human-quiet.txt": ("--quiet",),
    "json.json": ("--format", "json"),
    "sarif.json": ("--format", "sarif"),
    "github.txt": ("--format", "github"),
    "statistics.txt": ("--statistics",),
    "statistics.json": ("--statistics", "--format", "json"),
    "show-fixes.txt": ("--show-fixes",),
}

# SARIF's driver lists every rule with its doc page, which this test is not about: it
# compares (and keeps) from here on, the results.
SARIF_RESULTS = b'      "columnKind"'


def fixture_dir():
    return os.path.join(q.SOURCE_DIR, "tests", "fixtures", "reports", "cross-file")


def compared(name, data):
    if name == "sarif.json":
        at = data.find(SARIF_RESULTS)
        return data[at:] if at >= 0 else data
    return data


class ReportStream(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        cross_file_corpus.generate(self.path("corpus"))
        self.env = q.base_env(XDG_CACHE_HOME=self.path("cache"))
        with open(os.path.join(fixture_dir(), "exit-codes.json"), encoding="utf-8") as f:
            self.codes = json.load(f)

    def lint(self, *args, cwd=None):
        return self.qadeck("lint", "corpus", *SELECT, *args, cwd=cwd, env=self.env)

    def expected(self, name):
        return q.read_bytes(os.path.join(fixture_dir(), name))

    def assertReport(self, name, result):
        self.assertEqual(result.returncode, self.codes[name], repr(result))
        self.assertEqual(compared(name, result.stdout_bytes).decode("utf-8", "replace"),
                         compared(name, self.expected(name)).decode("utf-8", "replace"),
                         f"qadeck {' '.join(result.args)}")

    def test_every_format_is_as_before(self):
        for name, args in RUNS.items():
            with self.subTest(name):
                self.assertReport(name, self.lint("--no-cache", *args))

    def test_one_thread_and_many_give_the_same_report(self):
        for jobs in ("1", "3", "8"):
            with self.subTest(jobs=jobs):
                self.assertReport("json.json", self.lint("--no-cache", "--jobs", jobs, "--format", "json"))
                self.assertReport("human.txt", self.lint("--no-cache", "--jobs", jobs))

    def test_the_fix_list_beside_json_goes_to_standard_error(self):
        result = self.lint("--no-cache", "--format", "json", "--show-fixes")
        self.assertReport("json.json", result)
        self.assertEqual(result.stderr, self.expected("show-fixes-json.stderr").decode("utf-8"))

    def test_the_cache_gives_the_same_cross_file_findings(self):
        # Cold (fills the cache), warm (replays the report), after an edit (one file linted
        # again, the others from their entries: the findings across files are made anew).
        self.assertReport("json.json", self.lint("--format", "json"))
        self.assertReport("json.json", self.lint("--format", "json"))
        with open(self.path("corpus", "qa-03.md"), "ab") as f:
            f.write(b"\n")
        self.assertReport("json.json", self.lint("--format", "json"))
        self.assertReport("human.txt", self.lint())

    def test_an_output_file_holds_the_same_report(self):
        out = self.path("report.json")
        result = self.lint("--no-cache", "--format", "json", "--output-file", out)
        self.assertEqual(result.returncode, self.codes["json.json"], repr(result))
        self.assertEqual(result.stdout, "")
        self.assertEqual(q.read_bytes(out).decode("utf-8"),
                         self.expected("json.json").decode("utf-8"))

    def test_fix_reports_what_remains(self):
        result = self.lint("--no-cache", "--fix")
        self.assertReport("fix.txt", result)
        self.assertEqual(result.stderr, self.expected("fix.stderr").decode("utf-8"))


def regenerate():
    """Writes the fixtures from the binary given: run it with the build before a change."""
    import tempfile
    tmp = tempfile.mkdtemp(prefix="qadeck-regenerate-")
    try:
        cross_file_corpus.generate(os.path.join(tmp, "corpus"))
        env = q.base_env(XDG_CACHE_HOME=os.path.join(tmp, "cache"))
        out = fixture_dir()
        os.makedirs(out, exist_ok=True)
        codes = {}

        def keep(name, args, stderr_name=None, corpus_copy=False):
            cwd = tmp
            if corpus_copy:
                cwd = os.path.join(tmp, "fix")
                shutil.copytree(os.path.join(tmp, "corpus"), os.path.join(cwd, "corpus"))
            r = q.run(["lint", "corpus", *SELECT, *args], cwd=cwd, env=env)
            codes[name] = r.returncode
            with open(os.path.join(out, name), "wb") as f:
                f.write(compared(name, r.stdout_bytes))
            if stderr_name:
                with open(os.path.join(out, stderr_name), "wb") as f:
                    f.write(r.stderr_bytes)

        for name, args in RUNS.items():
            keep(name, ("--no-cache", *args))
        keep("json.json", ("--no-cache", "--format", "json", "--show-fixes"),
             "show-fixes-json.stderr")
        keep("fix.txt", ("--no-cache", "--fix"), "fix.stderr", corpus_copy=True)
        with open(os.path.join(out, "exit-codes.json"), "w", encoding="utf-8") as f:
            json.dump(codes, f, indent=2, sort_keys=True)
            f.write("\n")
    finally:
        shutil.rmtree(tmp, True)


if __name__ == "__main__":
    if os.environ.get("QADECK_REGENERATE") == "1":
        sys.argv.append("--")  # main() parses the options; regenerate() needs them parsed
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--qadeck", required=True)
        parser.add_argument("--source-dir", default="")
        options, _ = parser.parse_known_args()
        q.QADECK = os.path.abspath(options.qadeck)
        q.SOURCE_DIR = options.source_dir or os.path.normpath(
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
        regenerate()
    else:
        q.main()
