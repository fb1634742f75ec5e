"""`qadeck rules [ID]` and `qadeck inspect FILE [--format json]`."""

import json
import os

import qadeck_e2e as q

RULES = ["numbering.duplicate", "numbering.gap", "numbering.order"]

SMALL = (
    "---\n"
    "title: Small\n"
    "---\n"
    "\n"
    "# Small\n"
    "\n"
    "## 1. Basics\n"
    "\n"
    "<b>1. What is A?</b><br>\n"
    "A is a.\n"
    "More about A.\n"
    "\n"
    "<b>2. What is B?</b><br>\n"
    "B is b.\n"
    "\n"
    "## 2. More\n"
    "\n"
    "**1.1 What is C?**\n"
    "\n"
    "C is c.\n"
)


class Rules(q.QadeckTestCase):
    def test_lists_the_rules(self):
        result = self.qadeck("rules")
        self.assertExit(result, 0)
        listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
        for rule in RULES:
            self.assertIn(rule, listed)
        self.assertEqual(listed, sorted(listed), "rules are listed in id order")
        for line in result.stdout.splitlines():
            self.assertGreater(len(line.split()), 2, f"no summary: {line!r}")

    def test_lists_the_rules_as_json(self):
        result = self.qadeck("rules", "--format", "json")
        self.assertExit(result, 0)
        listed = json.loads(result.stdout)
        self.assertIsInstance(listed, list)
        ids = [r["id"] for r in listed]
        for rule in RULES:
            self.assertIn(rule, ids)
        for r in listed:
            self.assertIsInstance(r.get("summary"), str, r)
            self.assertIn(r.get("severity"), ("off", "info", "warning", "error"), r)
        human_ids = [line.split()[0] for line in self.qadeck("rules").stdout.splitlines()]
        self.assertEqual(ids, human_ids)

    def test_doc_page(self):
        result = self.qadeck("rules", "numbering.gap")
        self.assertExit(result, 0)
        self.assertTrue(result.stdout.startswith("# numbering.gap"), result)
        for heading in ("What it finds", "Why", "Bad", "Good", "Fix", "Options"):
            self.assertIn(heading, result.stdout)
        source = os.path.join(q.SOURCE_DIR, "rules", "numbering", "gap.md")
        if os.path.exists(source):
            with open(source, encoding="utf-8") as f:
                self.assertEqual(result.stdout, f.read())

    def test_every_listed_rule_has_a_doc_page(self):
        listed = json.loads(self.qadeck("rules", "--format", "json").stdout)
        for r in listed:
            with self.subTest(rule=r["id"]):
                result = self.qadeck("rules", r["id"])
                self.assertExit(result, 0)
                self.assertTrue(result.stdout.startswith("# " + r["id"]), result)

    def test_unknown_rule(self):
        for name in ("numbering.nope", "x", "../numbering/gap"):
            with self.subTest(name=name):
                result = self.qadeck("rules", name)
                self.assertExit(result, 2)
                self.assertIn(name, result.stderr)
                self.assertEqual(result.stdout, "")


class Inspect(q.QadeckTestCase):
    ITEM_KEYS = {"section", "number", "question", "line", "answer_line", "answer_end_line", "lang"}

    def inspect_json(self, name):
        result = self.qadeck("inspect", "--format", "json", name)
        self.assertExit(result, 0)
        doc = json.loads(result.stdout)
        self.assertTrue({"version", "path", "lang", "sections", "items"} <= set(doc), doc)
        self.assertEqual(doc["version"], 1)
        self.assertIsInstance(doc["lang"], str)
        for s in doc["sections"]:
            self.assertTrue({"number", "title", "line"} <= set(s), s)
            self.assertIsInstance(s["line"], int)
            self.assertGreaterEqual(s["line"], 1)
        for item in doc["items"]:
            self.assertTrue(self.ITEM_KEYS <= set(item), item)
            self.assertTrue(item["section"] is None or
                            0 <= item["section"] < len(doc["sections"]), item)
            self.assertTrue(item["number"] is None or isinstance(item["number"], str), item)
            self.assertIsInstance(item["question"], str)
            self.assertIsInstance(item["lang"], str)
            for key in ("line", "answer_line", "answer_end_line"):
                self.assertTrue(item[key] is None or
                                (isinstance(item[key], int) and item[key] >= 1), item)
        return doc

    def test_json_schema_and_values(self):
        q.write(self.path("small.md"), SMALL)
        doc = self.inspect_json("small.md")
        self.assertEqual(doc["path"], "small.md")
        self.assertEqual([(s["number"], s["title"], s["line"]) for s in doc["sections"]],
                         [("1", "Basics", 7), ("2", "More", 16)])
        self.assertEqual(
            [(i["section"], i["number"], i["question"], i["line"], i["answer_line"],
              i["answer_end_line"]) for i in doc["items"]],
            [(0, "1", "What is A?", 9, 10, 11),
             (0, "2", "What is B?", 13, 14, 14),
             (1, "1.1", "What is C?", 18, 20, 20)])
        self.assertEqual(doc["lang"], "en")

    def test_number_as_written(self):
        q.write(self.path("n.md"), "**01. First?**\n\nA.\n\n**02. Second?**\n\nB.\n")
        doc = self.inspect_json("n.md")
        self.assertEqual([i["number"] for i in doc["items"]], ["01", "02"])

    def test_empty_and_unnumbered(self):
        q.write(self.path("empty.md"), "")
        doc = self.inspect_json("empty.md")
        self.assertEqual((doc["sections"], doc["items"]), ([], []))

    def test_human(self):
        q.write(self.path("small.md"), SMALL)
        result = self.qadeck("inspect", "small.md")
        self.assertExit(result, 0)
        self.assertIn("What is A?", result.stdout)
        self.assertIn("Basics", result.stdout)

    def test_seed(self):
        seed = os.path.join(q.SHARED_DIR, "seed", "deep-learning-qa.md")
        if not os.path.exists(seed):
            self.skipTest("the shared seed is not available")
        doc = self.inspect_json(seed)
        self.assertEqual([i["number"] for i in doc["items"]], [str(n) for n in range(1, 26)])
        self.assertEqual(doc["lang"], "en")
        self.assertTrue(all(i["answer_line"] for i in doc["items"]))


class InspectMath(q.QadeckTestCase):
    def test_math_spans_in_document_order(self):
        q.write(self.path("m.md"), "# Title\n\nLet $a$ be\n$$\nx^2\n$$\n\n> $b$ and \\(c\\)\n")
        result = self.qadeck("inspect", "--format", "json", "m.md")
        self.assertExit(result, 0)
        self.assertEqual(json.loads(result.stdout)["math"], [
            {"line": 3, "column": 5, "end_line": 3, "end_column": 8, "display": False,
             "tex": "a"},
            {"line": 4, "column": 1, "end_line": 6, "end_column": 3, "display": True,
             "tex": "\nx^2\n"},
            {"line": 8, "column": 3, "end_line": 8, "end_column": 6, "display": False,
             "tex": "b"},
            {"line": 8, "column": 11, "end_line": 8, "end_column": 16, "display": False,
             "tex": "c"},
        ])


if __name__ == "__main__":
    q.main()
