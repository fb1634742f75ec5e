"""Decks that survive real life, checked with Anki's own importer (../shared/tools/anki_import.py):
the identity file keeps notes across edits, moves and removals, and unchanged notes stay
unchanged in Anki."""

import json
import os
import shutil
import subprocess
import sys

import export_e2e as e
from export_e2e import q

DOC = (
    "# Basics\n"
    "\n"
    "## 1 Linear algebra\n"
    "\n"
    "**1. What is a vector space over a field?**\n"
    "\n"
    "A set closed under addition and scalar multiplication, with the usual axioms.\n"
    "\n"
    "**2. What is the rank of a matrix?**\n"
    "\n"
    "The dimension of the space spanned by its columns.\n"
    "\n"
    "**3. What does an eigenvector of a linear map satisfy?**\n"
    "\n"
    "It is a non-zero vector v with Av = λv for some scalar λ.\n"
    "\n"
    "**4. What is the trace of a square matrix?**\n"
    "\n"
    "The sum of its diagonal entries, which is also the sum of its eigenvalues.\n"
)


def anki_import(*packages, review=0):
    argv = [sys.executable, os.path.join(q.SHARED_DIR, "tools", "anki_import.py"), "--json"]
    if review:
        argv += ["--review", str(review)]
    done = subprocess.run(argv + list(packages), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=120)
    if done.returncode != 0:
        raise AssertionError(done.stderr.decode("utf-8", "replace"))
    return json.loads(done.stdout)


def counts(report):
    return [(i["added"], i["updated"], i["identical"]) for i in report["imports"]]


def setup_project(case):
    """A project (a git-less folder with a .qadeck.yml) holding one document."""
    case.project = case.path("checkout-a")
    os.makedirs(os.path.join(case.project, "notes"))
    q.write(os.path.join(case.project, ".qadeck.yml"), "paths: [notes]\n")
    write_doc(case, DOC)
    case.time = 1700000000


def write_doc(case, text, project=None):
    q.write(os.path.join(project or case.project, "notes", "basics.md"), text)


def export(case, name, project=None, *extra, code=0):
    """Exports the project; each export 100 s after the last."""
    case.time += 100
    result = case.qadeck("export", "anki", "-o", case.path(name), *extra,
                         cwd=project or case.project,
                         env=q.base_env(SOURCE_DATE_EPOCH=str(case.time)))
    case.assertExit(result, code)
    return result


def ids(case, project=None):
    with open(os.path.join(project or case.project, "qadeck-ids.json"), encoding="utf-8") as f:
        return json.load(f)["notes"]


class AnkiImportKeepsHistory(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        setup_project(self)

    def test_answer_edit_from_another_checkout_updates_one_note(self):
        export(self, "1.apkg")
        other = self.path("elsewhere", "checkout-b")
        shutil.copytree(self.project, other)
        write_doc(self, DOC.replace("with the usual axioms", "satisfying the vector space axioms"),
                       project=other)
        export(self, "2.apkg", other)
        report = anki_import(self.path("1.apkg"), self.path("2.apkg"), review=4)
        self.assertEqual(counts(report), [(4, 0, 0), (0, 1, 3)])
        self.assertEqual(len(report["notes"]), 4)
        self.assertEqual(report["revlog"], 4)
        # Reviewed once, 'good': in learning (queue 1), not new (queue 0) again.
        self.assertTrue(all(c["reps"] == 1 and c["queue"] == 1 for c in report["cards"]),
                        report["cards"])
        sources = {n["fields"][3] for n in report["notes"]}
        self.assertEqual(sources, {"notes/basics.md"})
        edited = [n for n in report["notes"] if "vector space axioms" in n["fields"][1]]
        self.assertEqual(len(edited), 1)

    def test_same_commit_gives_the_same_bytes_from_any_checkout(self):
        # The identity file committed, then exports at other times from two checkouts.
        export(self, "0.apkg")
        other = self.path("elsewhere", "checkout-b")
        shutil.copytree(self.project, other)
        for name, project in (("1.apkg", self.project), ("2.apkg", other)):
            self.assertExit(self.qadeck("export", "anki", "-o", self.path(name), "-q",
                                        cwd=project), 0)
        self.assertEqual(q.read_bytes(self.path("0.apkg")), q.read_bytes(self.path("1.apkg")))
        self.assertEqual(q.read_bytes(self.path("1.apkg")), q.read_bytes(self.path("2.apkg")))

    def test_question_typo_fix_updates_the_same_note(self):
        export(self, "1.apkg")
        write_doc(self, DOC.replace("rank of a matrix", "rank of a matrx"))
        before = ids(self)
        export(self, "2.apkg")
        self.assertEqual(set(before), set(ids(self)))
        report = anki_import(self.path("1.apkg"), self.path("2.apkg"), review=4)
        self.assertEqual(counts(report), [(4, 0, 0), (0, 1, 3)])
        self.assertEqual(report["revlog"], 4)
        self.assertTrue(all(c["reps"] == 1 and c["queue"] == 1 for c in report["cards"]))
        self.assertTrue(any("matrx" in n["fields"][0] for n in report["notes"]))

    def test_removed_question_is_tagged(self):
        export(self, "1.apkg")
        write_doc(self, DOC.split("**4.")[0])
        result = export(self, "2.apkg")
        self.assertIn("1 note was removed from the source; in Anki search tag:qadeck::removed",
                      result.stderr)
        report = anki_import(self.path("1.apkg"), self.path("2.apkg"), review=4)
        self.assertEqual(counts(report), [(4, 0, 0), (0, 1, 3)])
        tagged = [n for n in report["notes"] if "qadeck::removed" in n["tags"]]
        self.assertEqual(len(tagged), 1)
        self.assertIn("trace", tagged[0]["fields"][0])
        self.assertIn("Removed from the source", tagged[0]["fields"][0])
        self.assertEqual(report["revlog"], 4)
        # Sent again, unchanged, until keep_removed exports have passed; then forgotten.
        export(self, "3.apkg")
        self.assertEqual(counts(anki_import(self.path("2.apkg"), self.path("3.apkg"))),
                         [(4, 0, 0), (0, 0, 4)])
        export(self, "4.apkg")
        self.assertEqual(len(ids(self)), 4)
        export(self, "5.apkg")
        self.assertEqual(len(ids(self)), 3)

    def test_prune_forgets_removed_at_once(self):
        export(self, "1.apkg")
        write_doc(self, DOC.split("**4.")[0])
        result = export(self, "2.apkg", None, "--prune")
        self.assertIn("1 note was removed", result.stderr)
        self.assertEqual(len(ids(self)), 3)

    def test_swapped_questions_keep_their_guids(self):
        export(self, "1.apkg")
        parts = DOC.split("**")
        q2 = "**2." + DOC.split("**2.")[1].split("**3.")[0]
        q3 = "**3." + DOC.split("**3.")[1].split("**4.")[0]
        swapped = DOC.replace(q2 + q3, q3.replace("**3.", "**2.") + q2.replace("**2.", "**3."))
        self.assertNotEqual(swapped, DOC, parts)
        write_doc(self, swapped)
        export(self, "2.apkg")
        report = anki_import(self.path("1.apkg"), self.path("2.apkg"), review=4)
        self.assertEqual(counts(report), [(4, 0, 0), (0, 2, 2)])
        self.assertEqual(len(report["notes"]), 4)
        self.assertEqual(report["revlog"], 4)
        rank = [n for n in report["notes"] if "rank" in n["fields"][0]][0]
        self.assertTrue(rank["fields"][0].startswith("3. "), rank)

    def test_new_section_is_a_new_sub_deck(self):
        export(self, "1.apkg")
        write_doc(self, DOC + "\n## 2 Calculus\n\n**5. What is a derivative?**\n\n"
                             "The limit of the difference quotient.\n")
        export(self, "2.apkg")
        report = anki_import(self.path("1.apkg"), self.path("2.apkg"), review=4)
        self.assertEqual(counts(report), [(4, 0, 0), (1, 0, 4)])
        self.assertIn("Basics::Calculus", report["decks"])
        self.assertEqual(report["revlog"], 4)

    def test_packages_pass_apkg_check(self):
        export(self, "1.apkg")
        write_doc(self, DOC.split("**4.")[0].replace("rank of", "rank of a"))
        export(self, "2.apkg")
        for name in ("1.apkg", "2.apkg"):
            code, output = e.apkg_check(self.path(name))
            self.assertEqual(code, 0, output)


class IdentityFileBehaviour(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        setup_project(self)

    def test_locked_fails_when_the_file_would_change(self):
        export(self, "1.apkg", None, "--locked", code=1)
        self.assertFalse(os.path.exists(self.path("1.apkg")))
        export(self, "1.apkg")
        export(self, "2.apkg", None, "--locked")
        write_doc(self, DOC.replace("diagonal entries", "diagonal elements"))
        result = export(self, "3.apkg", None, "--locked", code=1)
        self.assertIn("qadeck-ids.json would change", result.stderr)
        self.assertFalse(os.path.exists(self.path("3.apkg")))

    def test_corrupt_file_is_an_error_not_a_reset(self):
        export(self, "1.apkg")
        path = os.path.join(self.project, "qadeck-ids.json")
        text = open(path, encoding="utf-8").read()
        q.write(path, "<<<<<<< HEAD\n" + text)
        result = export(self, "2.apkg", code=2)
        self.assertIn("qadeck-ids.json: not a valid identity file", result.stderr)
        self.assertTrue(open(path, encoding="utf-8").read().startswith("<<<<<<<"))

    def test_file_is_sorted_one_note_a_line(self):
        export(self, "1.apkg")
        lines = open(os.path.join(self.project, "qadeck-ids.json"), encoding="utf-8").read().splitlines()
        self.assertEqual(len(lines), 6)
        keys = [line.split('"')[1] for line in lines[1:5]]
        self.assertEqual(keys, sorted(keys))

    def test_ids_command_shows_a_rename(self):
        export(self, "1.apkg")
        write_doc(self, DOC.replace("rank of a matrix", "rank of a matrx"))
        result = self.qadeck("ids", cwd=self.project)
        self.assertExit(result, 0)
        self.assertIn("renamed", result.stdout)
        self.assertIn("answer unchanged", result.stdout)
        self.assertIn("notes/basics.md:9", result.stdout)

    def test_json_ids_follow_the_identity_file(self):
        export(self, "1.apkg")
        before = {n["question"]: k for k, n in ids(self).items()}
        write_doc(self, DOC.replace("rank of a matrix", "rank of a matrx"))
        result = self.qadeck("export", "json", "-o", "-", "-q", cwd=self.project)
        self.assertExit(result, 0)
        cards = json.loads(result.stdout)["cards"]
        rank = [c for c in cards if "matrx" in c["question"]["markdown"]][0]
        self.assertEqual(rank["id"], before["what is the rank of a matrix?"])
        self.assertEqual(rank["source"]["path"], "notes/basics.md")

    def test_ids_off_writes_no_file(self):
        q.write(os.path.join(self.project, ".qadeck.yml"), "paths: [notes]\nexport:\n  ids: off\n")
        export(self, "1.apkg")
        self.assertFalse(os.path.exists(os.path.join(self.project, "qadeck-ids.json")))

    def test_explicit_id_wins(self):
        write_doc(self, DOC.replace("**2. What is the rank",
                                   "<!-- qadeck-id: rank -->\n**2. What is the rank"))
        export(self, "1.apkg")
        write_doc(self, DOC.replace("**2. What is the rank of a matrix?**",
                                   "<!-- qadeck-id: rank -->\n**2. How is rank defined?**"))
        export(self, "2.apkg")
        self.assertEqual(counts(anki_import(self.path("1.apkg"), self.path("2.apkg"))),
                         [(4, 0, 0), (0, 1, 3)])


if __name__ == "__main__":
    q.main()
