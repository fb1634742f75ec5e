"""The command line itself: exit codes, --fail-on, --select/--ignore, --help and --version."""

import json

import qadeck_e2e as q

NUMBERING_RULES = {"numbering.gap", "numbering.duplicate", "numbering.order"}


class ExitCodes(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("clean.md"), q.CLEAN)
        q.write(self.path("notes.md"), q.DEFECTS)

    def test_clean_file_exits_0(self):
        self.assertExit(self.qadeck("lint", "clean.md"), 0)

    def test_findings_exit_1(self):
        self.assertExit(self.qadeck("lint", "notes.md"), 1)
        self.assertExit(self.qadeck("lint", "clean.md", "notes.md"), 1)

    def test_empty_folder_exits_2(self):
        # A warning that fails the run at the default --fail-on (see test_cli_output.NoMarkdown).
        q.write(self.path("empty", "notes.txt"), "not markdown\n")
        self.assertExit(self.qadeck("lint", "empty"), 2)

    def test_unknown_option_exits_2(self):
        for args in (["lint", "--no-such-option", "clean.md"], ["inspect", "--bogus", "clean.md"],
                     ["rules", "--bogus"]):
            result = self.qadeck(*args)
            self.assertExit(result, 2)
            self.assertIn(args[1], result.stderr)
            self.assertEqual(result.stdout, "", result)
        result = self.qadeck("--bogus")
        self.assertExit(result, 2)
        self.assertTrue(result.stderr.strip(), result)

    def test_bad_option_values_exit_2(self):
        for args in (["--format", "xml"], ["--fail-on", "sometimes"], ["--color", "maybe"],
                     ["--jobs", "many"], ["--style", "fancy"]):
            result = self.qadeck("lint", *args, "clean.md")
            self.assertExit(result, 2)
            self.assertTrue(result.stderr.strip(), result)
            self.assertEqual(result.stdout, "", result)

    def test_unknown_subcommand_or_none_exits_2(self):
        self.assertExit(self.qadeck("frobnicate"), 2)
        self.assertExit(self.qadeck(), 2)

    def test_unknown_rule_in_select_exits_2(self):
        for option in ("--select", "--ignore"):
            result = self.qadeck("lint", "notes.md", option, "numbering.nope")
            self.assertExit(result, 2)
            self.assertIn("numbering.nope", result.stderr)
            result = self.qadeck("lint", "notes.md", option, "nosuchcategory")
            self.assertExit(result, 2)
            self.assertIn("nosuchcategory", result.stderr)

    def test_partial_category_name_is_not_a_prefix(self):
        # Prefixes are whole categories: "numb" is neither an id nor a category.
        self.assertExit(self.qadeck("lint", "notes.md", "--select", "numb"), 2)
        self.assertExit(self.qadeck("lint", "notes.md", "--select", "numbering.ga"), 2)

    def test_missing_file_exits_2_naming_it(self):
        result = self.qadeck("lint", "no-such-file.md")
        self.assertExit(result, 2)
        self.assertIn("no-such-file.md", result.stderr)

    def test_missing_file_beside_a_good_one(self):
        # The error wins over findings, and the good file is still linted.
        result = self.qadeck("lint", "--format", "json", "notes.md", "gone.md", *q.NUMBERING)
        self.assertExit(result, 2)
        self.assertIn("gone.md", result.stderr)
        self.assertEqual(len(json.loads(result.stdout)["diagnostics"]), 3)

    def test_missing_file_for_inspect_exits_2(self):
        result = self.qadeck("inspect", "no-such-file.md")
        self.assertExit(result, 2)
        self.assertIn("no-such-file.md", result.stderr)

    def test_folder_given_to_inspect_exits_2(self):
        # A folder where a file is expected is an I/O error, not an empty document.
        q.write(self.path("dir.md", "inner.txt"), "x")
        result = self.qadeck("inspect", "dir.md")
        self.assertExit(result, 2)
        self.assertIn("dir.md", result.stderr)

    def test_default_path_is_content(self):
        q.write(self.path("project", "content", "qa.md"), q.DEFECTS)
        q.write(self.path("project", "other.md"), q.DEFECTS)
        result = self.qadeck("lint", "--format", "json", cwd=self.path("project"))
        self.assertExit(result, 1)
        paths = {d["path"] for d in json.loads(result.stdout)["diagnostics"]}
        self.assertEqual(paths, {"content/qa.md"})
        # No content/ folder and no paths: an error, not a silent success.
        result = self.qadeck("lint", cwd=self.path("project", "content"))
        self.assertExit(result, 2)
        self.assertIn("content", result.stderr)


class FailOn(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("clean.md"), q.CLEAN)
        q.write(self.path("notes.md"), q.DEFECTS)  # errors only: every numbering rule is an error

    def test_errors_fail_at_every_level(self):
        for level in ("error", "warning", "info"):
            self.assertExit(self.qadeck("lint", "--fail-on", level, "notes.md"), 1)

    def test_clean_passes_at_every_level(self):
        for level in ("error", "warning", "info"):
            self.assertExit(self.qadeck("lint", "--fail-on", level, "clean.md"), 0)

    def test_fail_on_does_not_hide_diagnostics(self):
        result = self.qadeck("lint", "--fail-on", "error", "--format", "json", "notes.md",
                             *q.NUMBERING)
        self.assertEqual(len(json.loads(result.stdout)["diagnostics"]), 3)


class Selection(q.QadeckTestCase):
    """notes.md has one finding of each numbering rule; other rules may find more."""

    def setUp(self):
        super().setUp()
        q.write(self.path("notes.md"), q.DEFECTS)

    def rules_reported(self, *args, code=None):
        # The path comes first here; test_options_before_the_path covers the other order.
        result = self.qadeck("lint", "notes.md", "--format", "json", *args)
        if code is not None:
            self.assertExit(result, code)
        return {d["rule"] for d in json.loads(result.stdout)["diagnostics"]}

    def numbering_reported(self, *args, code=None):
        return {r for r in self.rules_reported(*args, code=code) if r.startswith("numbering.")}

    def test_no_selection_runs_everything(self):
        self.assertEqual(self.numbering_reported(code=1), NUMBERING_RULES)

    def test_select_by_id(self):
        self.assertEqual(self.rules_reported("--select", "numbering.gap", code=1),
                         {"numbering.gap"})

    def test_select_by_category(self):
        self.assertEqual(self.rules_reported("--select", "numbering", code=1), NUMBERING_RULES)
        self.assertEqual(self.rules_reported("--select", "numbering.", code=1), NUMBERING_RULES)

    def test_select_every_category(self):
        listed = [r["id"] for r in json.loads(self.qadeck("rules", "--format", "json").stdout)]
        for category in sorted({rule.split(".")[0] for rule in listed}):
            with self.subTest(category=category):
                reported = self.rules_reported("--select", category)
                self.assertTrue(all(r.startswith(category + ".") for r in reported), reported)

    def test_select_comma_list_and_repeated(self):
        want = {"numbering.gap", "numbering.order"}
        self.assertEqual(self.rules_reported("--select", "numbering.gap,numbering.order"), want)
        self.assertEqual(
            self.rules_reported("--select", "numbering.gap", "--select", "numbering.order"), want)

    def test_ignore_by_id(self):
        self.assertEqual(self.numbering_reported("--ignore", "numbering.duplicate", code=1),
                         {"numbering.gap", "numbering.order"})

    def test_ignore_comma_list(self):
        self.assertEqual(
            self.numbering_reported("--ignore", "numbering.duplicate,numbering.order", code=1),
            {"numbering.gap"})

    def test_ignore_by_category(self):
        self.assertEqual(self.numbering_reported("--ignore", "numbering"), set())
        self.assertEqual(
            self.rules_reported("--select", "numbering", "--ignore", "numbering", code=0), set())

    def test_ignore_wins_over_select(self):
        self.assertEqual(
            self.rules_reported("--select", "numbering", "--ignore", "numbering.gap", code=1),
            {"numbering.duplicate", "numbering.order"})
        self.assertEqual(
            self.rules_reported("--select", "numbering.gap", "--ignore", "numbering", code=0),
            set())

    def test_options_before_the_path(self):
        # `--select ID PATH`, the usual order: the path is a path, not a second rule id
        # (--select takes one comma list per occurrence).
        for option, want in (("--select", {"numbering.gap"}),
                             ("--ignore", NUMBERING_RULES - {"numbering.gap"})):
            result = self.qadeck("lint", "--format", "json", option, "numbering.gap", "notes.md")
            self.assertExit(result, 1)
            reported = {d["rule"] for d in json.loads(result.stdout)["diagnostics"]}
            self.assertEqual({r for r in reported if r.startswith("numbering.")}, want)

    def test_selection_in_human_output(self):
        result = self.qadeck("lint", "notes.md", "--select", "numbering.order")
        self.assertExit(result, 1)
        self.assertIn("[numbering.order]", result.stdout)
        self.assertNotIn("[numbering.gap]", result.stdout)


class HelpAndVersion(q.QadeckTestCase):
    def test_version(self):
        result = self.qadeck("--version")
        self.assertExit(result, 0)
        self.assertRegex(result.stdout.strip(), r"\d+\.\d+\.\d+")

    def test_help_on_every_subcommand(self):
        for args in (["--help"], ["lint", "--help"], ["inspect", "--help"], ["rules", "--help"],
                     ["-h"], ["lint", "-h"]):
            result = self.qadeck(*args)
            self.assertExit(result, 0)
            self.assertIn("Usage", result.stdout)
        lint_help = self.qadeck("lint", "--help").stdout
        for option in ("--format", "--select", "--ignore", "--fail-on", "--jobs", "--fix",
                       "--quiet", "--color", "--stdin", "--stdin-filename"):
            self.assertIn(option, lint_help)
        top = self.qadeck("--help").stdout
        for command in ("lint", "inspect", "rules"):
            self.assertIn(command, top)


if __name__ == "__main__":
    q.main()
