"""Configuration: `.qadeck.yml` found by walking up, --config, overrides, `qadeck init`, and
located errors for unknown keys and bad values."""

import json
import os

import qadeck_e2e as q


class Config(q.QadeckTestCase):
    def test_init_writes_a_starter_that_loads(self):
        result = self.qadeck("init")
        self.assertExit(result, 0)
        self.assertTrue(os.path.exists(self.path(".qadeck.yml")))
        again = self.qadeck("init")
        self.assertExit(again, 2)
        self.assertIn("exists already", again.stderr)
        self.assertExit(self.qadeck("init", "--force"), 0)
        q.write(self.path("content", "clean.md"), q.CLEAN)
        # The starter lints its whole folder when no path is given.
        self.assertExit(self.qadeck("lint"), 0)

    def test_found_by_walking_up_and_severity_off(self):
        q.write(self.path(".qadeck.yml"), "rules:\n  numbering.gap: off\n")
        q.write(self.path("docs", "deep", "gap.md"), q.GAP)
        result = self.qadeck("lint", "docs", *q.NUMBERING)
        self.assertExit(result, 0)
        # Without the config, the gap is reported.
        os.remove(self.path(".qadeck.yml"))
        self.assertExit(self.qadeck("lint", "docs", *q.NUMBERING), 1)

    def test_category_severity_and_fail_on(self):
        q.write(self.path(".qadeck.yml"), "rules:\n  numbering: info\n")
        q.write(self.path("gap.md"), q.GAP)
        result = self.qadeck("lint", "gap.md", "--format", "json", *q.NUMBERING)
        self.assertExit(result, 0)
        self.assertIn('"severity":"info"', result.stdout)
        self.assertExit(self.qadeck("lint", "gap.md", "--fail-on", "info", *q.NUMBERING), 1)

    def test_overrides_by_glob(self):
        q.write(self.path(".qadeck.yml"),
                "overrides:\n  - files: [\"drafts/*\"]\n    rules:\n      numbering: off\n")
        q.write(self.path("drafts", "a", "gap.md"), q.GAP)
        q.write(self.path("final", "gap.md"), q.GAP)
        result = self.qadeck("lint", ".", "--format", "json", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertIn("final/gap.md", result.stdout)
        self.assertNotIn("drafts", result.stdout)

    def test_explicit_config(self):
        q.write(self.path("other.yml"), "rules:\n  numbering.gap: off\n")
        q.write(self.path("gap.md"), q.GAP)
        self.assertExit(self.qadeck("lint", "gap.md", "--config", "other.yml", *q.NUMBERING), 0)

    def test_paths_from_config(self):
        q.write(self.path(".qadeck.yml"), "paths: [notes]\n")
        q.write(self.path("notes", "gap.md"), q.GAP)
        result = self.qadeck("lint", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertIn("notes/gap.md:4:", result.stdout)

    def test_errors_name_the_file_line_and_column(self):
        q.write(self.path("gap.md"), q.GAP)
        cases = {
            "foo: 1\n": ":1:1: unknown key 'foo'",
            "rules:\n  numbering.gapp: error\n": ":2:3: unknown rule or category 'numbering.gapp'",
            "rules:\n  numbering.gap: loud\n": ":2:18: severity must be",
            "rules:\n  numbering.gap:\n    width: 3\n": ":3:5: rule numbering.gap has no option 'width'",
            "rules:\n  structure.similar-question:\n    threshold: 0.9\n":
                ":3:5: rule structure.similar-question needs a severity",
            "style: fancy\n": ":1:8: style must be",
            "overrides:\n  - rules: {}\n": ":2:5: an override needs `files`",
            "rules: [\n": "not valid YAML",
        }
        for text, expected in cases.items():
            with self.subTest(config=text):
                q.write(self.path(".qadeck.yml"), text)
                result = self.qadeck("lint", "gap.md")
                self.assertExit(result, 2)
                self.assertIn(".qadeck.yml" + expected if expected.startswith(":") else expected,
                              result.stderr)

    def test_config_language_declares_the_document(self):
        # An English document declared Chinese by config: its answers are then foreign.
        q.write(self.path(".qadeck.yml"), "lang: zh\n")
        q.write(self.path("doc.md"), q.CLEAN)
        result = self.qadeck("inspect", "doc.md", "--format", "json")
        self.assertExit(result, 0)
        self.assertIn('"lang": "zh"', result.stdout)


class MathMacros(q.QadeckTestCase):
    def test_configured_macros_are_known_commands(self):
        q.write(self.path("m.md"), "The reals $\\RR^n$ and $\\norm{x}$.\n")
        result = self.qadeck("lint", "--select", "math.unknown-command", "--format", "json",
                             "m.md")
        self.assertExit(result, 1)
        self.assertEqual(len(json.loads(result.stdout)["diagnostics"]), 2)
        q.write(self.path(".qadeck.yml"), 'math:\n  macros: [RR, "\\\\norm"]\n')
        result = self.qadeck("lint", "--select", "math.unknown-command", "m.md")
        self.assertExit(result, 0)


if __name__ == "__main__":
    q.main()
