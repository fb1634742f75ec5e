"""`qadeck export`: the command line, the Anki and JSON exports, and what a failed export
leaves behind. The PDF export has its own module (test_export_pdf.py): it runs xelatex."""

import json
import os
import resource
import signal
import subprocess
import time

import export_e2e as e
from export_e2e import q

# One error (html.unsafe) in an otherwise fine document.
UNSAFE = (
    "# Notes\n"
    "\n"
    "<b>1. What is A?</b><br>\n"
    "A is <img src=\"a.png\" onerror=\"alert(1)\">.<br><br>\n"
    "\n"
    "<b>2. What is B?</b><br>\n"
    "B is b. <script>alert(2)</script><br><br>\n"
)


def sde(seconds):
    return q.base_env(SOURCE_DATE_EPOCH=str(seconds))


class ExportCommandLine(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("notes.md"), q.CLEAN)

    def test_exports_and_exits_0(self):
        for fmt, out in (("anki", "deck.apkg"), ("json", "deck.json")):
            result = self.qadeck("export", fmt, "notes.md", "-o", out)
            self.assertExit(result, 0)
            self.assertEqual(result.stdout, "")
            self.assertIn(f"wrote 2 cards to {out}", result.stderr)
            self.assertTrue(os.path.getsize(self.path(out)) > 0)

    def test_quiet_prints_nothing(self):
        result = self.qadeck("export", "json", "notes.md", "-o", "deck.json", "--quiet")
        self.assertExit(result, 0)
        self.assertEqual((result.stdout, result.stderr), ("", ""))

    def test_usage_errors_exit_2(self):
        for args in (["export"], ["export", "csv", "notes.md", "-o", "x"],
                     ["export", "anki", "notes.md"], ["export", "anki", "--schema"],
                     ["export", "json", "notes.md", "-o", "x.json", "--keep-intermediate"],
                     ["export", "anki", "notes.md", "-o", "x.apkg", "--bogus"]):
            result = self.qadeck(*args)
            self.assertExit(result, 2)
            self.assertTrue(result.stderr.strip(), result)
        self.assertFalse(os.path.exists(self.path("x")))

    def test_json_to_standard_output(self):
        for out in ("-", "/dev/stdout"):
            result = self.qadeck("export", "json", "notes.md", "-o", out)
            self.assertExit(result, 0)
            self.assertEqual(json.loads(result.stdout)["format"], "qadeck-cards")
            self.assertIn("to standard output", result.stderr)
        self.assertFalse(os.path.exists(self.path("-")))
        result = self.qadeck("export", "anki", "notes.md", "-o", "-")
        self.assertExit(result, 2)
        self.assertIn("needs a file name", result.stderr)

    def test_a_missing_extension_is_added(self):
        for fmt, ext in (("anki", ".apkg"), ("json", ".json")):
            result = self.qadeck("export", fmt, "notes.md", "-o", "deck")
            self.assertExit(result, 0)
            self.assertIn("to deck" + ext, result.stderr)
            self.assertTrue(os.path.exists(self.path("deck" + ext)))
        self.assertFalse(os.path.exists(self.path("deck")))

    def test_a_missing_folder_is_named(self):
        result = self.qadeck("export", "anki", "notes.md", "-o", "nodir/x.apkg")
        self.assertExit(result, 2)
        self.assertIn("the folder nodir does not exist", result.stderr)

    def test_missing_input_exits_2_naming_it(self):
        result = self.qadeck("export", "json", "gone.md", "-o", "deck.json")
        self.assertExit(result, 2)
        self.assertIn("gone.md", result.stderr)
        self.assertFalse(os.path.exists(self.path("deck.json")))

    def test_help_lists_the_options(self):
        result = self.qadeck("export", "--help")
        self.assertExit(result, 0)
        for option in ("--output", "--force", "--keep-intermediate", "--schema", "--title"):
            self.assertIn(option, result.stdout)

    def test_schema_is_the_repositorys_file(self):
        result = self.qadeck("export", "json", "--schema")
        self.assertExit(result, 0)
        with open(os.path.join(q.SOURCE_DIR, "tools", "export", "schema", "cards.schema.json"),
                  encoding="utf-8") as f:
            self.assertEqual(result.stdout, f.read())

    def test_default_paths_come_from_the_configuration(self):
        q.write(self.path("project", ".qadeck.yml"), "paths: [notes]\n")
        q.write(self.path("project", "notes", "a.md"), q.CLEAN)
        result = self.qadeck("export", "json", "-o", "deck.json", cwd=self.path("project"))
        self.assertExit(result, 0)
        with open(self.path("project", "deck.json"), encoding="utf-8") as f:
            cards = json.load(f)["cards"]
        self.assertEqual([c["source"]["path"] for c in cards], ["notes/a.md", "notes/a.md"])


class LintStopsExport(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        q.write(self.path("unsafe.md"), UNSAFE)

    def test_errors_stop_the_export(self):
        for fmt in ("anki", "json", "pdf"):
            out = self.path("deck." + fmt)
            result = self.qadeck("export", fmt, "unsafe.md", "-o", out)
            self.assertExit(result, 1)
            self.assertIn("[html.unsafe]", result.stderr)
            self.assertIn("--force", result.stderr)
            self.assertFalse(os.path.exists(out), fmt)

    def test_errors_leave_an_earlier_export_untouched(self):
        q.write(self.path("deck.apkg"), b"earlier export")
        result = self.qadeck("export", "anki", "unsafe.md", "-o", "deck.apkg")
        self.assertExit(result, 1)
        self.assertEqual(q.read_bytes(self.path("deck.apkg")), b"earlier export")

    def test_a_file_without_questions_gives_no_cards_and_says_so(self):
        q.write(self.path("README.md"), "# Tool\n\n## Installation\n\n1. Clone it\n2. Run make\n\n"
                "## Usage\n\nRun it.\n\n## License\n\nMIT.\n")
        q.write(self.path("notes.md"), q.CLEAN)
        result = self.qadeck("export", "json", "README.md", "notes.md", "-o", "deck.json")
        self.assertExit(result, 0)
        self.assertIn("README.md: no questions found (structure.no-questions)", result.stderr)
        cards = json.loads(q.read_bytes(self.path("deck.json")))["cards"]
        self.assertEqual(len(cards), 2)
        self.assertTrue(all(c["source"]["path"].endswith("notes.md") for c in cards))

    def test_details_answers_are_whole_and_their_headings_no_decks(self):
        q.write(self.path("js.md"), "# JS\n\n###### 1. What's the output?\n\n```js\nf()\n```\n\n"
                "<details><summary><b>Answer</b></summary>\n<p>\n\n#### Answer: D\n\n"
                "It logs **1**.\n\n</p>\n</details>\n\n"
                "###### 2. What does it print?\n\n<details><summary><b>Answer</b></summary>\n\n"
                "#### Answer: A\n\n</details>\n")
        result = self.qadeck("export", "json", "js.md", "-o", "deck.json")
        self.assertExit(result, 0)
        cards = json.loads(q.read_bytes(self.path("deck.json")))["cards"]
        self.assertEqual([c["deck"] for c in cards], ["JS", "JS"])
        self.assertIn("Answer: D", cards[0]["answer"]["markdown"])
        self.assertIn("It logs **1**.", cards[0]["answer"]["markdown"])
        self.assertIn("f()", cards[0]["answer"]["markdown"])

    def test_warnings_do_not_stop_it(self):
        result = self.qadeck("export", "anki", e.seed(), "-o", "seed.apkg")
        self.assertExit(result, 0)
        self.assertIn("warning", result.stderr)
        self.assertIn("wrote 25 cards", result.stderr)

    def test_force_exports_without_the_unsafe_html(self):
        result = self.qadeck("export", "anki", "unsafe.md", "-o", "deck.apkg", "--force")
        self.assertExit(result, 0)
        self.assertIn("left out", result.stderr)
        code, report = e.apkg_check(self.path("deck.apkg"), 2)
        self.assertEqual(code, 0, report)
        apkg = e.Apkg(self.path("deck.apkg"))
        self.addCleanup(apkg.close)
        for note in apkg.notes().values():
            html = "\x1f".join(note["fields"]).lower()
            for bad in ("<script", "onerror", "alert(2)", "javascript:"):
                self.assertNotIn(bad, html)
        result = self.qadeck("export", "json", "unsafe.md", "-o", "deck.json", "--force")
        self.assertExit(result, 0)
        with open(self.path("deck.json"), encoding="utf-8") as f:
            for card in json.load(f)["cards"]:
                for part in ("question", "answer"):
                    self.assertNotIn("<script", card[part]["html"])
                    self.assertNotIn("onerror", card[part]["html"])


class AnkiExport(q.QadeckTestCase):
    def test_seed_passes_apkg_check(self):
        self.assertExit(self.qadeck("export", "anki", e.seed(), "-o", "seed.apkg"), 0)
        code, report = e.apkg_check(self.path("seed.apkg"), 25)
        self.assertEqual(code, 0, report)

    def test_content_passes_apkg_check(self):
        self.assertExit(self.qadeck("export", "anki", e.content(), "-o", "content.apkg"), 0)
        code, report = e.apkg_check(self.path("content.apkg"), 25)
        self.assertEqual(code, 0, report)

    def test_generated_corpus_passes_apkg_check(self):
        count = e.generate_corpus(self.path("corpus"), 4, 60, 11)
        self.assertExit(self.qadeck("export", "anki", "corpus", "-o", "corpus.apkg", "-q"), 0)
        code, report = e.apkg_check(self.path("corpus.apkg"), count)
        self.assertEqual(code, 0, report)

    def test_generated_corpus_with_defects_forced(self):
        e.generate_corpus(self.path("corpus"), 3, 80, 5, defect_rate=0.05)
        result = self.qadeck("export", "anki", "corpus", "-o", "corpus.apkg")
        self.assertExit(result, 1)
        self.assertExit(self.qadeck("export", "anki", "corpus", "-o", "corpus.apkg", "-q",
                                    "--force"), 0)
        self.assertExit(self.qadeck("export", "json", "corpus", "-o", "corpus.json", "-q",
                                    "--force"), 0)
        with open(self.path("corpus.json"), encoding="utf-8") as f:
            count = len(json.load(f)["cards"])
        code, report = e.apkg_check(self.path("corpus.apkg"), count)
        self.assertEqual(code, 0, report)

    def test_pinned_time_gives_identical_bytes(self):
        for name in ("a.apkg", "b.apkg"):
            self.assertExit(self.qadeck("export", "anki", e.seed(), "-o", name, "-q",
                                        env=sde(1700000000)), 0)
        self.assertEqual(q.read_bytes(self.path("a.apkg")), q.read_bytes(self.path("b.apkg")))

    def test_bad_source_date_epoch_exits_2(self):
        result = self.qadeck("export", "anki", e.seed(), "-o", "x.apkg", env=sde("yesterday"))
        self.assertExit(result, 2)
        self.assertIn("SOURCE_DATE_EPOCH", result.stderr)

    def test_unpinned_time_is_now(self):
        before = int(time.time())
        self.assertExit(self.qadeck("export", "anki", e.content(), "-o", "now.apkg", "-q"), 0)
        apkg = e.Apkg(self.path("now.apkg"))
        self.addCleanup(apkg.close)
        mods = {n["mod"] for n in apkg.notes().values()}
        self.assertEqual(len(mods), 1)
        self.assertTrue(before <= mods.pop() <= int(time.time()) + 1)

    def test_reexport_after_editing_an_answer_updates_the_same_notes(self):
        with open(e.seed(), encoding="utf-8") as f:
            text = f.read()
        # The repository sits elsewhere the second time: nothing may depend on the path.
        q.write(self.path("one", "deep-learning-qa.md"), text)
        self.assertExit(self.qadeck("export", "anki", "one/deep-learning-qa.md", "-o",
                                    "first.apkg", "-q", env=sde(1700000000)), 0)
        old = "Solution: No, it is recommended to try a logarithmic scale"
        self.assertIn(old, text)
        edited = text.replace(old, "Solution: No: try a logarithmic scale instead")
        q.write(self.path("two", "moved", "deep-learning-qa.md"), edited)
        self.assertExit(self.qadeck("export", "anki", "two/moved/deep-learning-qa.md", "-o",
                                    "second.apkg", "-q", env=sde(1700003600)), 0)
        first, second = e.Apkg(self.path("first.apkg")), e.Apkg(self.path("second.apkg"))
        self.addCleanup(first.close)
        self.addCleanup(second.close)
        before, after = first.notes(), second.notes()
        self.assertEqual(len(before), 25)
        self.assertEqual(set(before), set(after), "the GUIDs changed")
        self.assertEqual(list(first.models()), list(second.models()), "the model id changed")
        changed = [g for g in before if before[g]["fields"][1] != after[g]["fields"][1]]
        self.assertEqual(len(changed), 1)
        self.assertIn("try a logarithmic scale instead", after[changed[0]]["fields"][1])
        for guid in before:
            self.assertEqual(before[guid]["mid"], after[guid]["mid"])
            self.assertGreater(after[guid]["mod"], before[guid]["mod"])

    def test_explicit_ids_survive_rewording(self):
        doc = ("<b>1. What is A?</b><br> <!-- qadeck-id: what-is-a -->\nA.<br><br>\n\n"
               "<b>2. What is B?</b><br>\nB.<br><br>\n")
        q.write(self.path("n.md"), doc)
        self.assertExit(self.qadeck("export", "json", "n.md", "-o", "1.json", "-q"), 0)
        q.write(self.path("n.md"), doc.replace("What is A?", "What, exactly, is A?")
                                      .replace("What is B?", "What, exactly, is B?"))
        self.assertExit(self.qadeck("export", "json", "n.md", "-o", "2.json", "-q"), 0)
        with open(self.path("1.json"), encoding="utf-8") as f1, \
                open(self.path("2.json"), encoding="utf-8") as f2:
            one, two = json.load(f1)["cards"], json.load(f2)["cards"]
        self.assertEqual(one[0]["explicit_id"], "what-is-a")
        self.assertEqual(one[0]["id"], two[0]["id"])
        self.assertNotEqual(one[1]["id"], two[1]["id"])
        # The comment is not a suppression directive: lint says nothing about it.
        result = self.qadeck("lint", "n.md")
        self.assertExit(result, 0)

    def test_a_duplicate_explicit_id_stops_the_export(self):
        doc = ("<b>1. A?</b><br> <!-- qadeck-id: same -->\nA.<br><br>\n\n"
               "<b>2. B?</b><br> <!-- qadeck-id: same -->\nB.<br><br>\n")
        q.write(self.path("n.md"), doc)
        result = self.qadeck("export", "anki", "n.md", "-o", "n.apkg")
        self.assertExit(result, 1)
        self.assertIn("qadeck-id 'same'", result.stderr)
        self.assertFalse(os.path.exists(self.path("n.apkg")))

    def test_images_are_packed(self):
        q.write(self.path("img", "plot one.png"), b"\x89PNG\r\n\x1a\nplot")
        q.write(self.path("n.md"), "<b>1. Q?</b><br>\n![plot](img/plot%20one.png)<br><br>\n\n"
                                   "<b>2. R?</b><br>\n<img src=\"img/plot one.png\"><br><br>\n")
        self.assertExit(self.qadeck("export", "anki", "n.md", "-o", "n.apkg", "-q"), 0)
        code, report = e.apkg_check(self.path("n.apkg"), 2)
        self.assertEqual(code, 0, report)
        apkg = e.Apkg(self.path("n.apkg"))
        self.addCleanup(apkg.close)
        media = json.loads(apkg.members["media"])
        self.assertEqual(list(media), ["0"])
        self.assertRegex(media["0"], r"^plot-one-[0-9a-f]{10}\.png$")
        self.assertEqual(apkg.members["0"], b"\x89PNG\r\n\x1a\nplot")

    def test_files_outside_the_project_are_found_and_never_packed(self):
        q.write(self.path("img", "ok.png"), b"\x89PNG\r\n\x1a\nok")
        os.symlink("/etc/hostname", self.path("img", "host.png"))
        up = "../" * 12
        q.write(self.path("n.md"),
                "<b>1. Q?</b><br>\n<img src=\"/etc/passwd\"><br><br>\n\n"
                f"<b>2. R?</b><br>\n![x]({up}etc/hostname)<br><br>\n\n"
                "<b>3. S?</b><br>\n![through a symlink](img/host.png)<br><br>\n\n"
                "<b>4. T?</b><br>\n![inside](img/ok.png)<br><br>\n")
        lint = self.qadeck("lint", "n.md", "--select", "link.file")
        self.assertExit(lint, 1)
        self.assertEqual(lint.stdout.count("is outside the project"), 3, lint.stdout)
        self.assertIn("n.md:2:", lint.stdout)
        self.assertIn("n.md:5:", lint.stdout)
        self.assertIn("n.md:8:", lint.stdout)
        self.assertNotIn("n.md:11:", lint.stdout)
        result = self.qadeck("export", "anki", "n.md", "-o", "n.apkg", "--force")
        self.assertExit(result, 0)
        self.assertEqual(result.stderr.count("is outside the project; not packed"), 3, result.stderr)
        apkg = e.Apkg(self.path("n.apkg"))
        self.addCleanup(apkg.close)
        media = json.loads(apkg.members["media"])
        self.assertEqual(len(media), 1, media)
        self.assertRegex(media["0"], r"^ok-[0-9a-f]{10}\.png$")
        with open("/etc/passwd", "rb") as f:
            passwd = f.read()
        for name, data in apkg.members.items():
            self.assertNotIn(passwd[:64], data, name)
        self.assertNotIn("/etc/passwd", "".join(
            "".join(n["fields"]) for n in apkg.notes().values()))

    def test_the_project_root_is_the_config_folder(self):
        q.write(self.path(".qadeck.yml"), "paths: [docs]\n")
        q.write(self.path("img", "ok.png"), b"\x89PNG\r\n\x1a\nok")
        q.write(self.path("docs", "n.md"), "<b>1. Q?</b><br>\n![up](../img/ok.png)<br><br>\n\n"
                                           "<b>2. R?</b><br>\n![out](../../x.png)<br><br>\n")
        lint = self.qadeck("lint", "docs/n.md", "--select", "link.file")
        self.assertExit(lint, 1)
        self.assertIn("docs/n.md:5:", lint.stdout)
        self.assertIn("'../../x.png' is outside the project", lint.stdout)
        self.assertNotIn("ok.png", lint.stdout)


class JsonExport(q.QadeckTestCase):
    def validate(self, path):
        import jsonschema
        schema = json.loads(self.qadeck("export", "json", "--schema").stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        jsonschema.Draft202012Validator(schema).validate(data)
        return data

    def test_seed_validates(self):
        self.assertExit(self.qadeck("export", "json", e.seed(), "-o", "seed.json"), 0)
        data = self.validate(self.path("seed.json"))
        self.assertEqual(len(data["cards"]), 25)
        self.assertEqual({c["lang"] for c in data["cards"]}, {"en", "zh"})
        last = data["cards"][-1]
        self.assertEqual(last["number"], "25")
        self.assertIn("$$w = w - \\triangledown C(w)", last["answer"]["markdown"])
        self.assertIn("\\[w = w - \\triangledown C(w)", last["answer"]["html"])

    def test_content_and_a_corpus_validate(self):
        self.assertExit(self.qadeck("export", "json", e.content(), "-o", "content.json"), 0)
        self.assertEqual(len(self.validate(self.path("content.json"))["cards"]), 25)
        count = e.generate_corpus(self.path("corpus"), 3, 50, 3)
        self.assertExit(self.qadeck("export", "json", "corpus", "-o", "corpus.json", "-q"), 0)
        self.assertEqual(len(self.validate(self.path("corpus.json"))["cards"]), count)

    def test_bilingual_fixture_validates(self):
        self.assertExit(self.qadeck("export", "json", e.BILINGUAL, "-o", "b.json"), 0)
        data = self.validate(self.path("b.json"))
        self.assertEqual([c["deck"] for c in data["cards"]],
                         ["Bilingual notes 双语笔记::Optimisation 优化"] * 2 +
                         ["Bilingual notes 双语笔记::Regularisation 正则化"])

    def test_ids_match_the_anki_guids(self):
        self.assertExit(self.qadeck("export", "json", e.seed(), "-o", "s.json", "-q"), 0)
        self.assertExit(self.qadeck("export", "anki", e.seed(), "-o", "s.apkg", "-q"), 0)
        with open(self.path("s.json"), encoding="utf-8") as f:
            cards = json.load(f)["cards"]
        apkg = e.Apkg(self.path("s.apkg"))
        self.addCleanup(apkg.close)
        self.assertEqual({c["anki_guid"] for c in cards}, set(apkg.notes()))
        self.assertEqual(len({c["id"] for c in cards}), 25)

    def test_same_input_gives_the_same_bytes(self):
        for name in ("a.json", "b.json"):
            self.assertExit(self.qadeck("export", "json", e.seed(), "-o", name, "-q"), 0)
        self.assertEqual(q.read_bytes(self.path("a.json")), q.read_bytes(self.path("b.json")))


def limit_file_size(limit):
    """A preexec_fn: files the child writes may not grow past `limit` bytes, and writing past
    it fails with EFBIG (instead of the SIGXFSZ that would kill it): a disk that fills up in
    the middle of an export, which works whoever runs the test, root included."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


class FailedExportKeepsEarlierFile(q.QadeckTestCase):
    def run_limited(self, *args):
        done = subprocess.run([q.QADECK, *args], cwd=self.tmp, env=q.base_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              preexec_fn=limit_file_size(4096), timeout=q.TIMEOUT)
        return done.returncode, done.stderr.decode("utf-8", "replace")

    def test_a_write_that_fails_midway_leaves_the_earlier_file(self):
        for fmt, name in (("anki", "deck.apkg"), ("json", "deck.json")):
            q.write(self.path(name), b"earlier export")
            code, stderr = self.run_limited("export", fmt, e.seed(), "-o", name, "-q")
            self.assertEqual(code, 2, stderr)
            self.assertIn(name, stderr)
            self.assertEqual(q.read_bytes(self.path(name)), b"earlier export")
            self.assertEqual(sorted(os.listdir(self.tmp)), [name], "a temporary file was left")
            os.remove(self.path(name))

    def test_an_unwritable_destination_leaves_nothing(self):
        q.write(self.path("file"), "not a folder\n")
        result = self.qadeck("export", "json", e.seed(), "-o", "file/deck.json")
        self.assertExit(result, 2)
        self.assertIn("file/deck.json", result.stderr)


if __name__ == "__main__":
    q.main()
