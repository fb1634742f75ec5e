"""The sarif and github output formats of real lint runs.

SARIF is validated against the published SARIF 2.1.0 JSON schema, which ci/setup fetches into
third-party/sarif/ (no network here): a missing schema fails, it does not skip. Run as
    python3 report_test.py --qadeck PATH [--shared DIR] [--source-dir DIR]
                           [--sarif-schema FILE] [unittest args…]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import jsonschema

QADECK = ""
SHARED_DIR = ""
SOURCE_DIR = ""
SCHEMA_PATH = ""

TIMEOUT = 60

HELP_BASE = "https://github.com/qadeck/qadeck/blob/main/rules/"
LEVELS = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}

# The e2e tests' sample documents: DEFECTS has a gap (line 6), a duplicate (line 9) and a
# number that goes backwards (line 12), the first two with safe fixes; CLEAN has none.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from qadeck_e2e import CLEAN, DEFECTS  # noqa: E402

# One gap: question 3 right after question 1, on line 4.
GAP = "<b>1. A?</b><br>\nx\n\n<b>3. B?</b><br>\ny\n"

NUMBERING = ("--select", "numbering")

# What the SARIF writer may put in an artifact URI: unreserved characters, '/', escapes.
URI = re.compile(r"^(file://)?([A-Za-z0-9._~/-]|%[0-9A-F]{2})+$")


def env():
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e["TERM"] = "dumb"
    e["GIT_CEILING_DIRECTORIES"] = os.path.dirname(tempfile.gettempdir().rstrip("/")) or "/"
    return e


class Run:
    def __init__(self, args, completed):
        self.args = args
        self.returncode = completed.returncode
        self.stdout = completed.stdout.decode("utf-8")
        self.stderr = completed.stderr.decode("utf-8", "replace")

    def __repr__(self):
        return (f"qadeck {' '.join(self.args)} -> exit {self.returncode}\n"
                f"--- stdout (first 2000 chars) ---\n{self.stdout[:2000]}\n"
                f"--- stderr (first 2000 chars) ---\n{self.stderr[:2000]}")


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def utf16_position(data, offset):
    """(line, column) of a byte offset as the SARIF writer counts them: 1-based, columns in
    UTF-16 code units, after a byte order mark, the last line taking the end of the file."""
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A and i + 1 < len(data)]
    line0 = max(i for i, s in enumerate(starts) if s <= offset)
    start = starts[line0]
    if line0 == 0 and data.startswith(b"\xef\xbb\xbf") and offset >= 3:
        start = 3
    text = data[start:offset].decode("utf-8")
    return line0 + 1, len(text.encode("utf-16-le")) // 2 + 1


class ReportTestCase(unittest.TestCase):
    maxDiff = 4000

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="qadeck-report-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def qadeck(self, *args, cwd=None, input=None):
        completed = subprocess.run(
            [QADECK, *args], cwd=cwd or self.tmp,
            input=input.encode("utf-8") if input is not None else None,
            stdin=None if input is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), timeout=TIMEOUT)
        self.assertGreaterEqual(completed.returncode, 0, f"killed: {args}")
        return Run(list(args), completed)

    def lint(self, fmt, *args, cwd=None, input=None, exits=(0, 1)):
        run = self.qadeck("lint", *args, "--format", fmt, cwd=cwd, input=input)
        self.assertIn(run.returncode, exits, repr(run))
        return run

    def sarif(self, *args, **kwargs):
        run = self.lint("sarif", *args, **kwargs)
        try:
            return json.loads(run.stdout), run
        except ValueError as e:
            self.fail(f"not JSON: {e}\n{run!r}")

    def diagnostics(self, *args, **kwargs):
        return json.loads(self.lint("json", *args, **kwargs).stdout)["diagnostics"]


class SarifSchema(ReportTestCase):
    """Real runs validate against the published SARIF 2.1.0 schema."""

    _validator = None

    def validator(self):
        if SarifSchema._validator is None:
            if not os.path.isfile(SCHEMA_PATH):
                self.fail(f"the SARIF 2.1.0 schema is missing ({SCHEMA_PATH}): run ci/setup, "
                          "which fetches it, or pass --sarif-schema FILE "
                          "(CMake: -DQADECK_SARIF_SCHEMA=FILE)")
            with open(SCHEMA_PATH, encoding="utf-8") as f:
                schema = json.load(f)
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
            SarifSchema._validator = cls(schema, format_checker=checker)
        return SarifSchema._validator

    def assertValid(self, log, what):
        errors = sorted(self.validator().iter_errors(log), key=lambda e: list(e.absolute_path))
        if errors:
            self.fail(f"{what}: {len(errors)} schema violations, the first:\n" + "\n".join(
                f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
                for e in errors[:5]))
        for result in log["runs"][0]["results"]:
            for location in result["locations"]:
                uri = location["physicalLocation"]["artifactLocation"]["uri"]
                self.assertRegex(uri, URI, what)

    def test_seed(self):
        seed = os.path.join(SHARED_DIR, "seed", "deep-learning-qa.md")
        self.assertTrue(os.path.isfile(seed), f"the seed is missing: {seed}")
        folder, name = os.path.split(os.path.abspath(seed))
        log, _ = self.sarif(name, cwd=folder)
        self.assertValid(log, "the seed")
        self.assertEqual(len(log["runs"][0]["results"]), len(self.diagnostics(name, cwd=folder)))

    def test_rule_fixtures_with_fixes(self):
        # Every rule's fixtures at once: many results, many with safe and unsafe fixes.
        shutil.copytree(os.path.join(SOURCE_DIR, "tests", "fixtures", "rules"), self.path("rules"))
        log, _ = self.sarif("rules")
        self.assertValid(log, "the rule fixtures")
        results = log["runs"][0]["results"]
        with_fixes = [r for r in results if r.get("fixes")]
        self.assertGreater(len(with_fixes), 10, "expected fixable findings in the fixtures")
        self.assertGreater(len({r["ruleId"] for r in results}), 10)

    def test_odd_paths_and_text(self):
        write(self.path("sub dir", "中文 %#,:.md"), "😀 " + DEFECTS)
        write(self.path("bom-crlf.md"), ("\ufeff" + GAP).replace("\n", "\r\n"))
        log, _ = self.sarif(".", *NUMBERING)
        self.assertValid(log, "odd paths")
        uris = sorted({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                       for r in log["runs"][0]["results"]})
        self.assertEqual(uris, ["bom-crlf.md", "sub%20dir/%E4%B8%AD%E6%96%87%20%25%23%2C%3A.md"])
        absolute, _ = self.sarif(self.path("bom-crlf.md"), *NUMBERING)
        self.assertValid(absolute, "an absolute path")
        location = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        self.assertTrue(location["artifactLocation"]["uri"].startswith("file:///"), location)
        self.assertNotIn("uriBaseId", location["artifactLocation"])

    def test_stdin(self):
        log, _ = self.sarif("--stdin", "--stdin-filename", "notes/q&a.md", *NUMBERING, input=GAP)
        self.assertValid(log, "standard input")
        self.assertEqual(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                         ["artifactLocation"]["uri"], "notes/q%26a.md")

    def test_clean_file_has_empty_results(self):
        write(self.path("clean.md"), CLEAN)
        log, run = self.sarif("clean.md", *NUMBERING, exits=(0,))
        self.assertValid(log, "a clean file")
        self.assertEqual(log["runs"][0]["results"], [], repr(run))
        self.assertEqual(run.stderr, "")


class SarifContent(ReportTestCase):
    """What the SARIF says: the registry's rules, the json format's findings, the fixes."""

    def test_rules_match_the_registry(self):
        log, _ = self.sarif("--stdin", input=CLEAN)
        driver = log["runs"][0]["tool"]["driver"]
        registry = json.loads(self.qadeck("rules", "--format", "json").stdout)
        self.assertEqual([r["id"] for r in driver["rules"]], [r["id"] for r in registry])
        for rule, info in zip(driver["rules"], registry):
            category, name = info["id"].split(".", 1)
            self.assertEqual(rule["shortDescription"]["text"], info["summary"])
            self.assertEqual(rule["defaultConfiguration"]["level"], LEVELS[info["severity"]])
            self.assertEqual(rule["properties"]["fixable"], info["fixable"])
            self.assertEqual(rule["properties"]["tags"], [category])
            self.assertEqual(rule["helpUri"], f"{HELP_BASE}{category}/{name}.md")
            self.assertTrue(os.path.isfile(os.path.join(SOURCE_DIR, "rules", category,
                                                        f"{name}.md")), rule["helpUri"])
            doc = self.qadeck("rules", info["id"]).stdout
            self.assertEqual(rule["help"]["markdown"], doc)
            if "fullDescription" in rule:
                self.assertTrue(rule["fullDescription"]["text"].strip(), info["id"])
                self.assertNotIn("\n", rule["fullDescription"]["text"])

    def test_driver(self):
        log, _ = self.sarif("--stdin", input=CLEAN)
        self.assertEqual(log["version"], "2.1.0")
        run = log["runs"][0]
        self.assertEqual(run["columnKind"], "utf16CodeUnits")
        driver = run["tool"]["driver"]
        self.assertEqual(driver["name"], "qadeck")
        # `qadeck --version` starts with "qadeck VERSION".
        self.assertEqual(driver["version"], self.qadeck("--version").stdout.split()[1])

    def test_results_agree_with_json(self):
        write(self.path("notes.md"), DEFECTS)
        log, run = self.sarif("notes.md", *NUMBERING)
        self.assertEqual(run.returncode, 1)
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        results = log["runs"][0]["results"]
        expected = self.diagnostics("notes.md", *NUMBERING)
        self.assertEqual(len(results), 3)
        self.assertEqual(len(results), len(expected))
        for r, d in zip(results, expected):
            self.assertEqual(r["ruleId"], d["rule"])
            self.assertEqual(rules[r["ruleIndex"]]["id"], d["rule"])
            self.assertEqual(r["level"], LEVELS[d["severity"]])
            self.assertEqual(r["message"]["text"], d["message"])
            location = r["locations"][0]["physicalLocation"]
            self.assertEqual(location["artifactLocation"],
                             {"uri": "notes.md", "uriBaseId": "%SRCROOT%"})
            self.assertEqual(location["region"],
                             {"startLine": d["line"], "startColumn": d["column"],
                              "endLine": d["end_line"], "endColumn": d["end_column"]})
            self.assertEqual("fixes" in r, "fix" in d)
            if "fix" in d:
                fix = r["fixes"][0]
                self.assertEqual(fix["description"]["text"], d["fix"]["title"])
                self.assertEqual(fix["properties"]["applicability"], d["fix"]["applicability"])
                self.assertEqual([x["insertedContent"]["text"]
                                  for x in fix["artifactChanges"][0]["replacements"]],
                                 [e["replacement"] for e in d["fix"]["edits"]])

    def test_columns_count_utf16_code_units(self):
        # 😀 takes two UTF-16 code units and one code point; 中 one of each.
        write(self.path("notes.md"), GAP.replace("<b>3.", "<p title=\"😀中\"><b>3."))
        [r] = self.sarif("notes.md", *NUMBERING)[0]["runs"][0]["results"]
        [d] = self.diagnostics("notes.md", *NUMBERING)
        region = r["locations"][0]["physicalLocation"]["region"]
        self.assertEqual((region["startLine"], region["startColumn"]), (d["line"], d["column"] + 1))
        self.assertEqual(region["endColumn"], d["end_column"] + 1)

    def test_fixes_reproduce_the_fixtures(self):
        # Applying the SARIF fixes (safe ones, non-overlapping, until none is left) turns each
        # rule fixture into its <case>.fixed.md, as `--fix` does; and every replacement's
        # lines and columns name the same bytes as its byteOffset and byteLength.
        fixtures = os.path.join(SOURCE_DIR, "tests", "fixtures", "rules")
        checked = 0
        for rule in sorted(os.listdir(fixtures)):
            for name in sorted(os.listdir(os.path.join(fixtures, rule))):
                if not name.endswith(".fixed.md"):
                    continue
                case = name[:-len(".fixed.md")]
                with self.subTest(rule=rule, case=case):
                    target = self.path(f"{case}.md")
                    shutil.copyfile(os.path.join(fixtures, rule, f"{case}.md"), target)
                    self.apply_sarif_fixes(target, rule)
                    self.assertEqual(read_bytes(target),
                                     read_bytes(os.path.join(fixtures, rule, name)))
                    checked += 1
        self.assertGreater(checked, 10)

    def apply_sarif_fixes(self, target, rule):
        for _ in range(10):
            data = read_bytes(target)
            log, _ = self.sarif(os.path.basename(target), "--select", rule)
            edits = []
            for result in log["runs"][0]["results"]:
                for fix in result.get("fixes", []):
                    replacements = fix["artifactChanges"][0]["replacements"]
                    for x in replacements:
                        deleted = x["deletedRegion"]
                        begin, end = deleted["byteOffset"], deleted["byteOffset"] + deleted["byteLength"]
                        self.assertEqual(utf16_position(data, begin),
                                         (deleted["startLine"], deleted["startColumn"]))
                        self.assertEqual(utf16_position(data, end),
                                         (deleted["endLine"], deleted["endColumn"]))
                    if fix["properties"]["applicability"] != "safe":
                        continue
                    spans = [(x["deletedRegion"]["byteOffset"],
                              x["deletedRegion"]["byteOffset"] + x["deletedRegion"]["byteLength"],
                              x["insertedContent"]["text"].encode("utf-8")) for x in replacements]
                    if any(b < e2 and b2 < e or (b == e == b2 == e2)
                           for b, e, _ in spans for b2, e2, _ in edits):
                        continue
                    edits.extend(spans)
            if not edits:
                return
            for begin, end, text in sorted(edits, reverse=True):
                data = data[:begin] + text + data[end:]
            write(target, data)
        self.fail(f"fixes still pending after 10 passes: {target}")


class GithubOutput(ReportTestCase):
    """Workflow commands: exact lines, GitHub's escaping, the json format's findings."""

    def test_exact_line(self):
        write(self.path("q,a:1%.md"), GAP)
        run = self.lint("github", "q,a:1%.md", *NUMBERING)
        self.assertEqual(run.returncode, 1)
        self.assertEqual(run.stdout,
                         "::error file=q%2Ca%3A1%25.md,line=4,col=4,endLine=4,endColumn=5,"
                         "title=numbering.gap::question 3 skips ahead: expected 2\n")
        self.assertEqual(run.stderr, "")

    def test_lines_agree_with_json(self):
        write(self.path("notes.md"), "😀 " + DEFECTS)
        run = self.lint("github", "notes.md", *NUMBERING)
        expected = [
            f"::{COMMANDS[d['severity']]} file=notes.md,line={d['line']},col={d['column']},"
            f"endLine={d['end_line']},endColumn={d['end_column']},title={d['rule']}::"
            + d["message"].replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            for d in self.diagnostics("notes.md", *NUMBERING)]
        self.assertEqual(len(expected), 3)
        self.assertEqual(run.stdout.splitlines(), expected)

    def test_clean_file_prints_nothing(self):
        write(self.path("clean.md"), CLEAN)
        run = self.lint("github", "clean.md", *NUMBERING, exits=(0,))
        self.assertEqual(run.stdout, "")

    def test_unknown_format_is_a_usage_error(self):
        run = self.qadeck("lint", "--stdin", "--format", "gitlab", input=CLEAN)
        self.assertEqual(run.returncode, 2, repr(run))


def main():
    global QADECK, SHARED_DIR, SOURCE_DIR, SCHEMA_PATH
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--qadeck", default="")
    parser.add_argument("--shared", default="")
    parser.add_argument("--source-dir", default="")
    parser.add_argument("--sarif-schema", default="")
    options, rest = parser.parse_known_args()
    repo = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    QADECK = os.path.abspath(options.qadeck or os.path.join(repo, "build", "bin", "qadeck"))
    SHARED_DIR = os.path.abspath(options.shared or os.path.join(repo, "..", "shared"))
    SOURCE_DIR = os.path.abspath(options.source_dir or repo)
    SCHEMA_PATH = os.path.abspath(options.sarif_schema or os.path.join(
        repo, "third-party", "sarif", "sarif-schema-2.1.0.json"))
    if not os.access(QADECK, os.X_OK):
        sys.exit(f"qadeck binary not found: {QADECK} (pass --qadeck PATH)")
    unittest.main(module="__main__", argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
