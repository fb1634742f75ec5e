"""Which configuration files are read: the four names and their order, the warning for one
ignored beside another, duplicate keys and tab indentation named as such, and the folder
`qadeck init` makes its starter lint."""

import os

import qadeck_e2e as q

NAMES = [".qadeck.yml", ".qadeck.yaml", os.path.join(".config", "qadeck.yml"),
         os.path.join(".config", "qadeck.yaml")]


class ConfigFileNames(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("notes", "gap.md"), q.GAP)

    def lint(self):
        return self.qadeck("lint", "notes", *q.NUMBERING)

    def test_each_name_is_read(self):
        self.assertExit(self.lint(), 1)
        for name in NAMES:
            with self.subTest(name=name):
                q.write(self.path(name), "rules:\n  numbering.gap: off\n")
                result = self.lint()
                self.assertExit(result, 0)
                self.assertEqual(result.stderr, "")
                os.remove(self.path(name))

    def test_config_folder_file_governs_the_folder_above_it(self):
        # paths and override globs are relative to the project folder, not to .config/.
        q.write(self.path(".config", "qadeck.yml"),
                "paths: [notes]\noverrides:\n  - files: [\"notes/*\"]\n    rules:\n"
                "      numbering.gap: off\n")
        # (Relative to .config/, `notes` would be missing: exit 2.)
        self.assertExit(self.qadeck("lint", *q.NUMBERING), 0)

    def test_the_first_name_wins_and_the_others_are_warned_about(self):
        for used, ignored in zip(NAMES, NAMES[1:]):
            with self.subTest(used=used, ignored=ignored):
                q.write(self.path(used), "rules:\n  numbering.gap: off\n")
                q.write(self.path(ignored), "rules:\n  numbering.gap: error\n")
                result = self.lint()
                self.assertExit(result, 0)
                warnings = [line for line in result.stderr.splitlines() if "warning" in line]
                self.assertEqual(len(warnings), 1, result)
                self.assertIn(os.path.join(self.tmp, ignored) + ": ignored, as " +
                              os.path.join(self.tmp, used) + " in the same folder is used",
                              warnings[0])
                os.remove(self.path(used))
                os.remove(self.path(ignored))

    def test_one_warning_per_ignored_file_however_many_files_it_would_govern(self):
        for i in range(5):
            q.write(self.path("notes", f"more{i}.md"), q.CLEAN)
        q.write(self.path(".qadeck.yml"), "{}\n")
        q.write(self.path(".qadeck.yaml"), "{}\n")
        result = self.lint()
        self.assertEqual(result.stderr.count("ignored"), 1, result)

    def test_duplicate_keys_are_errors_with_line_and_column(self):
        cases = {
            "rules:\n  numbering.gap: off\n  numbering.gap: error\n":
                ".qadeck.yml:3:3: duplicate key 'numbering.gap' (first at line 2)",
            "lang: en\nrules: {}\nlang: zh\n": ".qadeck.yml:3:1: duplicate key 'lang' (first at line 1)",
        }
        for text, expected in cases.items():
            with self.subTest(config=text):
                q.write(self.path(".qadeck.yml"), text)
                result = self.lint()
                self.assertExit(result, 2)
                self.assertIn(expected, result.stderr)
                self.assertEqual(result.stdout, "")

    def test_a_tab_in_indentation_is_named(self):
        q.write(self.path(".qadeck.yml"), "rules:\n  numbering: info\n\tnumbering.gap: off\n")
        result = self.lint()
        self.assertExit(result, 2)
        self.assertIn(".qadeck.yml:3:1: not valid YAML: tab character at line 3 column 1; "
                      "YAML indents with spaces", result.stderr)


class InitStarter(q.QadeckTestCase):
    def test_starter_lints_the_whole_folder(self):
        # Markdown wherever it lies in a notes folder, none of it under content/.
        q.write(self.path("algebra", "groups.md"), q.GAP)
        q.write(self.path("README.md"), q.CLEAN)
        self.assertExit(self.qadeck("init"), 0)
        with open(self.path(".qadeck.yml"), encoding="utf-8") as f:
            self.assertIn('paths:\n  - "."\n', f.read())
        result = self.qadeck("lint", *q.NUMBERING)
        self.assertExit(result, 1)
        self.assertIn("algebra/groups.md:4:", result.stdout)

    def test_an_existing_config_of_another_name_counts(self):
        q.write(self.path(".config", "qadeck.yml"), "lang: en\n")
        result = self.qadeck("init")
        self.assertExit(result, 2)
        self.assertIn(os.path.join(".config", "qadeck.yml") + " exists already", result.stderr)
        self.assertFalse(os.path.exists(self.path(".qadeck.yml")))
        # --force replaces that file rather than adding a second one beside it to be ignored.
        self.assertExit(self.qadeck("init", "--force"), 0)
        self.assertFalse(os.path.exists(self.path(".qadeck.yml")))
        with open(self.path(".config", "qadeck.yml"), encoding="utf-8") as f:
            self.assertIn('paths:\n  - "."\n', f.read())


if __name__ == "__main__":
    q.main()
