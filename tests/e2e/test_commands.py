"""Subcommands and options as a new user types them: a mistyped subcommand, a rule category
given to `rules`, the table `rules` prints, --select/--ignore lists beside paths, and --stdin
given a path."""

import json

import qadeck_e2e as q


class MistypedSubcommand(q.QadeckTestCase):
    def test_did_you_mean(self):
        for typed, meant in (("lnt", "lint"), ("exprt", "export"), ("rule", "rules"),
                             ("inspcet", "inspect")):
            with self.subTest(typed=typed):
                result = self.qadeck(typed, "x.md")
                self.assertExit(result, 2)
                self.assertEqual(result.stdout, "")
                self.assertIn(f"unknown command '{typed}'; did you mean '{meant}'?",
                              result.stderr)

    def test_no_suggestion_for_a_distant_word(self):
        result = self.qadeck("frobnicate")
        self.assertExit(result, 2)
        self.assertIn("unknown command 'frobnicate'", result.stderr)
        self.assertNotIn("did you mean", result.stderr)

    def test_known_subcommands_and_options_still_parse(self):
        self.assertExit(self.qadeck("--version"), 0)
        self.assertExit(self.qadeck("--help"), 0)
        self.assertExit(self.qadeck("rules"), 0)


class RulesByCategory(q.QadeckTestCase):
    def test_category_lists_its_rules(self):
        result = self.qadeck("rules", "numbering")
        self.assertExit(result, 0)
        listed = [line.split()[0] for line in result.stdout.splitlines()]
        self.assertEqual(listed, ["numbering.duplicate", "numbering.gap", "numbering.order"])

    def test_category_as_json(self):
        everything = json.loads(self.qadeck("rules", "--format", "json").stdout)
        result = self.qadeck("rules", "math", "--format", "json")
        self.assertExit(result, 0)
        self.assertEqual(json.loads(result.stdout),
                         [r for r in everything if r["id"].startswith("math.")])

    def test_every_category_of_the_list(self):
        everything = json.loads(self.qadeck("rules", "--format", "json").stdout)
        categories = sorted({r["id"].split(".")[0] for r in everything})
        listed = []
        for category in categories:
            result = self.qadeck("rules", category, "--format", "json")
            self.assertExit(result, 0)
            listed += [r["id"] for r in json.loads(result.stdout)]
        self.assertEqual(listed, [r["id"] for r in everything])

    def test_a_typo_gets_a_suggestion(self):
        for typed, meant in (("numbring", "numbering"), ("numbering.gpa", "numbering.gap")):
            with self.subTest(typed=typed):
                result = self.qadeck("rules", typed)
                self.assertExit(result, 2)
                self.assertIn(f"unknown rule or category '{typed}'; did you mean '{meant}'?",
                              result.stderr)


class RulesTable(q.QadeckTestCase):
    def test_columns_are_aligned(self):
        result = self.qadeck("rules")
        self.assertExit(result, 0)
        lines = result.stdout.splitlines()
        rules = json.loads(self.qadeck("rules", "--format", "json").stdout)
        self.assertEqual(len(lines), len(rules))
        # The severity and the summary each start in one column on every line.
        severity_at = {line.index(r["severity"], len(r["id"])) for line, r in zip(lines, rules)}
        summary_at = {line.index(r["summary"]) for line, r in zip(lines, rules)}
        self.assertEqual(len(severity_at), 1, result.stdout)
        self.assertEqual(len(summary_at), 1, result.stdout)
        for line, r in zip(lines, rules):
            self.assertEqual("fix" in line[:min(summary_at)].split(), r["fixable"], line)


class SelectBesidePaths(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("gap.md"), q.GAP)

    def test_a_name_after_select_is_a_path(self):
        result = self.qadeck("lint", "--select", "math", "link")
        self.assertExit(result, 2)
        self.assertIn("'link' is read as a path", result.stderr)
        self.assertIn("--select math,link", result.stderr)
        self.assertIn("link: no such file or folder", result.stderr)

    def test_the_path_after_a_selection_is_linted(self):
        result = self.qadeck("lint", "--select", "numbering", "gap.md")
        self.assertExit(result, 1)
        self.assertIn("gap.md:4:", result.stdout)
        self.assertNotIn("read as a path", result.stderr)
        result = self.qadeck("lint", "--ignore", "numbering.gap,numbering.order", "--ignore",
                             "math", "gap.md", "--select", "numbering")
        self.assertExit(result, 0)

    def test_a_file_named_like_a_rule_is_no_mistake(self):
        q.write(self.path("link"), "")
        result = self.qadeck("lint", "--select", "math", "link")
        self.assertNotIn("read as a path", result.stderr)


class StdinWithAPath(q.QadeckTestCase):
    def test_is_an_error(self):
        q.write(self.path("notes.md"), q.GAP)
        result = self.qadeck("lint", "--stdin", "notes.md", input=q.CLEAN)
        self.assertExit(result, 2)
        self.assertEqual(result.stdout, "")
        self.assertIn("--stdin lints standard input and takes no paths (got 'notes.md')",
                      result.stderr)
        self.assertIn("--stdin-filename", result.stderr)

    def test_stdin_filename_names_the_text(self):
        q.write(self.path("sub", ".qadeck.yml"), "rules:\n  numbering.gap: off\n")
        result = self.qadeck("lint", "--stdin", "--stdin-filename", "sub/notes.md",
                             *q.NUMBERING, input=q.GAP)
        self.assertExit(result, 0)
        self.assertExit(self.qadeck("lint", "--stdin", *q.NUMBERING, input=q.GAP), 1)


if __name__ == "__main__":
    q.main()
