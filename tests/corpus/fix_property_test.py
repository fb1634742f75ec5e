#!/usr/bin/env python3
"""Fixes never make a file worse: a property test over generated corpora and real files.

For every file of one input set (a corpus made by gen_corpus.py, or the public files of a
folder, the shared realworld one or tests/realworld/collected, copied to a scratch folder
first), with every rule enabled:
- `lint --fix` leaves no rule with more findings than before, in any file;
- `lint --fix --unsafe-fixes` leaves no numbering finding;
- fixing again (either way) changes nothing;
- what `lint --fix` reports is exactly what a fresh lint of the fixed files reports (every
  diagnostic, message, span and fix): its last pass, which reuses what the earlier passes
  computed from text the fixes did not change (the lint memo), misses and adds nothing.
It prints the files, the fixes applied and the fixes the engine refused.

usage: fix_property_test.py --qadeck BIN (--generator gen_corpus.py --seed S
                            [--styles LIST] [--defect-rate R] [--questions N] | --files DIR)
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def lint(qadeck, folder, *flags):
    run = subprocess.run([qadeck, "lint", folder, "--format", "json", "--no-cache", *flags],
                         capture_output=True, text=True, timeout=300)
    if run.returncode not in (0, 1):
        raise SystemExit("FAIL: qadeck lint %s exited %d\n%s" % (" ".join(flags), run.returncode,
                                                               run.stderr))
    diagnostics = json.loads(run.stdout)["diagnostics"]
    counts = collections.defaultdict(collections.Counter)
    for d in diagnostics:
        counts[os.path.relpath(d["path"], folder)][d["rule"]] += 1
    applied = re.search(r"applied (\d+) fix", run.stderr)
    refused = re.search(r"refused (\d+)", run.stderr)
    return (counts, int(applied.group(1)) if applied else 0,
            int(refused.group(1)) if refused else 0, diagnostics)


def snapshot(folder):
    out = {}
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".md"):
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    out[os.path.relpath(path, folder)] = f.read()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qadeck", required=True)
    ap.add_argument("--generator")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--styles")
    ap.add_argument("--defect-rate", type=float, default=0.02)
    ap.add_argument("--questions", type=int, default=150, help="per generated file")
    ap.add_argument("--files", help="a folder of Markdown files, copied before fixing")
    args = ap.parse_args()

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "source")
        if args.files:
            os.makedirs(source)
            for name in sorted(os.listdir(args.files)):
                if name.endswith(".md") and name != "SOURCES.md":
                    shutil.copy(os.path.join(args.files, name), source)
            label = os.path.basename(os.path.normpath(args.files))
        else:
            command = [sys.executable, args.generator, "--out", source, "--files", "4",
                       "--questions", str(args.questions), "--seed", str(args.seed), "--defect-rate",
                       str(args.defect_rate)]
            if args.styles:
                command += ["--styles", args.styles]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            label = "seed %d%s" % (args.seed, " styles " + args.styles if args.styles else "")
        before, _, _, _ = lint(args.qadeck, source)
        original = snapshot(source)

        totals = {}
        for mode, flags in (("safe", ["--fix"]), ("unsafe", ["--fix", "--unsafe-fixes"])):
            work = os.path.join(tmp, mode)
            shutil.copytree(source, work)
            after, applied, refused, reported = lint(args.qadeck, work, *flags)
            totals[mode] = (applied, refused)
            _, _, _, fresh = lint(args.qadeck, work)
            if reported != fresh:
                missed = [d for d in fresh if d not in reported]
                added = [d for d in reported if d not in fresh]
                failures.append("%s reports otherwise than a fresh lint of the fixed files: "
                                "%d missed, %d added, first %s" %
                                (" ".join(flags), len(missed), len(added),
                                 json.dumps((missed or added or [None])[0])))
            for path in sorted(original):
                for rule, n in sorted(after[path].items()):
                    if mode == "safe" and n > before[path][rule]:
                        failures.append("%s: --fix raised %s from %d to %d" %
                                        (path, rule, before[path][rule], n))
                    if mode == "unsafe" and rule.startswith("numbering."):
                        failures.append("%s: %d %s left after --unsafe-fixes" % (path, n, rule))
            fixed = snapshot(work)
            again, applied_again, _, _ = lint(args.qadeck, work, *flags)
            if snapshot(work) != fixed or applied_again:
                changed = sorted(p for p in fixed if snapshot(work)[p] != fixed[p])
                failures.append("%s twice changes %s" % (" ".join(flags), ", ".join(changed)))
            if {p: c for p, c in again.items() if c} != {p: c for p, c in after.items() if c}:
                failures.append("%s twice reports differently" % " ".join(flags))

    print("%s: %d files; --fix applied %d fixes, refused %d; --fix --unsafe-fixes applied %d, "
          "refused %d" % (label, len(original), *totals["safe"], *totals["unsafe"]))
    for f in failures:
        print("  " + f)
    if failures:
        print("FAIL")
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
