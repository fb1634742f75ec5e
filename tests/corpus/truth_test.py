#!/usr/bin/env python3
"""Recall and precision of the content rules on generated corpora.

Generates corpora with ../shared/tools/gen_corpus.py (benign look-alikes included with
--traps), lints them with every rule, and checks that each injected defect of a kind the
content rules cover is reported on its line by the rule that covers it, and that nothing
else is reported. The one exception is structure.duplicate-question: the generator draws
questions from a finite pool, so a question can repeat by chance; such a finding is checked
to be a real repeat instead.

With --styles (a comma list for gen_corpus.py: html-bold,bold,heading,list,details, one drawn
per section), the truth also lists every question, and `qadeck inspect --format json` must
find each on its line with its number, and nothing else.

usage: truth_test.py --qadeck BIN --generator gen_corpus.py --seed S [--defect-rate R]
                     [--styles S1,S2,...]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

RULE_OF_KIND = {
    "numbering_gap": "numbering.gap",
    "numbering_duplicate": "numbering.duplicate",
    "numbering_out_of_order": "numbering.order",
    "answer_cjk": "language.mismatch",
    "stray_translation": "language.mixed",
    "unbalanced_dollar": "math.unbalanced-dollar",
    "unbalanced_display": "math.unclosed-display",
    "unmatched_left_right": "math.left-right",
    "unclosed_b": "html.unclosed",
    "stray_p_close": "html.unexpected-close",
    "missing_solution_prefix": "structure.answer-label",
    "empty_list_item": "structure.empty-list-item",
    "duplicate_toc": "structure.duplicate-toc",
}
QUESTION = re.compile(r"<b>\d+\. (.*?)(</b>|<br>)")


def question_at(path, line):
    with open(path, encoding="utf-8") as f:
        text = f.read().split("\n")[line - 1]
    m = QUESTION.search(text)
    return m.group(1).strip().lower() if m else None


def check_items(qadeck, corpus, truth, questions):
    """Whether `qadeck inspect` finds exactly the truth's questions; prints what differs."""
    expected = {(i["file"], i["line"], i["number"]) for i in truth["items"]}
    got = set()
    for name in sorted({i["file"] for i in truth["items"]}):
        run = subprocess.run([qadeck, "inspect", os.path.join(corpus, name), "--format", "json"],
                             capture_output=True, text=True, timeout=60)
        if run.returncode != 0:
            print(run.stderr)
            print("FAIL: qadeck inspect exited %d on %s" % (run.returncode, name))
            return 1
        for item in json.loads(run.stdout)["items"]:
            got.add((name, item["line"], item["number"]))
            questions[(name, item["line"])] = item["question"].strip().lower()
    missing = sorted(expected - got)
    extra = sorted(got - expected)
    print("%d questions in the truth, %d found" % (len(expected), len(expected & got)))
    for m in missing[:20]:
        print("  question missing: %s:%d number %s" % m)
    for e in extra[:20]:
        print("  not a question: %s:%d number %s" % e)
    return len(missing) + len(extra)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qadeck", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--defect-rate", type=float, default=0.02)
    ap.add_argument("--styles")
    args = ap.parse_args()
    styles = ["--styles", args.styles] if args.styles else []

    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        subprocess.run([sys.executable, args.generator, "--out", corpus, "--files", "4",
                        "--questions", "300", "--seed", str(args.seed), "--defect-rate",
                        str(args.defect_rate), "--traps", "--kinds", ",".join(RULE_OF_KIND),
                        *styles],
                       check=True, stdout=subprocess.DEVNULL)
        run = subprocess.run([args.qadeck, "lint", corpus, "--format", "json"],
                             capture_output=True, text=True, timeout=120)
        if run.returncode not in (0, 1):
            print(run.stderr)
            print("FAIL: qadeck exited %d" % run.returncode)
            return 1
        truth = json.load(open(os.path.join(corpus, "truth.json"), encoding="utf-8"))
        questions = {}  # (file, line) -> question text, from the model
        if args.styles:
            failures = check_items(args.qadeck, corpus, truth, questions)
            if failures:
                print("FAIL")
                return 1
        expected = {(d["file"], d["line"], RULE_OF_KIND[d["kind"]]) for d in truth["defects"]}
        got = set()
        chance_repeats = 0
        for d in json.loads(run.stdout)["diagnostics"]:
            key = (os.path.basename(d["path"]), d["line"], d["rule"])
            if d["rule"] == "structure.duplicate-question" and key not in expected:
                # The message names the first asking's line: check it is the same question.
                # In another file of the run: "same question as PATH:LINE".
                name = os.path.basename(d["path"])
                other = re.search(r"same question as (.+):(\d+)$", d["message"])
                if other:
                    first_path, first = other.group(1), int(other.group(2))
                else:
                    first_path, first = d["path"], int(re.search(r"line (\d+)", d["message"]).group(1))
                first_name = os.path.basename(first_path)
                if args.styles:
                    same = questions.get((first_name, first)) == questions.get((name, d["line"]))
                else:
                    if not os.path.isabs(first_path):
                        first_path = os.path.join(os.path.dirname(d["path"]), first_name)
                    same = question_at(first_path, first) == question_at(d["path"], d["line"])
                if same:
                    chance_repeats += 1
                    continue
            got.add(key)
        missing = sorted(expected - got)
        extra = sorted(got - expected)
        print("seed %d: %d defects, %d found, %d chance repeats of a question" %
              (args.seed, len(expected), len(expected & got), chance_repeats))
        for m in missing:
            print("  missing: %s:%d %s" % m)
        for e in extra:
            print("  unexpected: %s:%d %s" % e)
        if missing or extra:
            print("FAIL")
            return 1
        print("1 passed, 0 failed")
        return 0


if __name__ == "__main__":
    sys.exit(main())
