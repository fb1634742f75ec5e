"""qadeck's TeX rules against MathJax (as Anki loads it) and KaTeX, run with node.

The formulas are every math span `qadeck inspect` finds in ../shared/realworld and the seed,
and mutations of them made with a fixed seed: a brace deleted or inserted, `\\right` or
`\\end{…}` dropped, a command misspelt, an unknown command or environment put in. Each is
written to a document as Anki writes math (`\\(…\\)`, `\\[…\\]`), linted with the math rules, and
typeset by MathJax and KaTeX (render_check.js). A formula is flagged when qadeck reports it and
wrong when MathJax fails on it (an error, or an undefined command that Anki shows in red): the
two must agree, but for the cases in KEPT, each with its reason. KaTeX is not what Anki runs,
so its verdicts are a second opinion: every formula where KaTeX and qadeck disagree must be one
of the kinds listed in KATEX_KEPT, each with its reason.

Also checks that rules/math/mathjax_commands.cpp is what gen_mathjax_commands.js writes from
the pinned mathjax-full. Run by hand with

    python3 tests/math/renderer_math_test.py --qadeck build/bin/qadeck --shared ../shared \\
        --source-dir .
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARGS = None

# Formulas where qadeck's verdict and MathJax's differ on purpose, by their TeX.
KEPT = {
}


# Formulas written for the TeX tokenizer and math.unknown-command: comments, \verb, exact
# environment names, commands MathJax lacks, and what a document defines.
# Where KaTeX and qadeck (which follows MathJax, as Anki runs it) disagree: a substring of the
# formula, and why. A disagreement of no listed kind fails the test, and so does a kind that no
# longer occurs.
KATEX_KEPT = [
    ("\\begin{eqnarray}", "KaTeX has no eqnarray environment; MathJax's ams package has it"),
    ("\\qadeckundefined", "KaTeX reads control words inside \\text; MathJax (and Anki) do not"),
    ("\\text{\\nothing", "KaTeX reads control words inside \\text; MathJax (and Anki) do not"),
    ("\\text \\nothing", "KaTeX reads control words inside \\text; MathJax (and Anki) do not"),
    ("\\verb*", "KaTeX has \\verb*; MathJax 3.2.2 does not, so the braces after it count"),
    ("\\DeclareMathOperator", "KaTeX lacks \\DeclareMathOperator; MathJax's ams package has it"),
    ("\\newenvironment", "KaTeX lacks \\newenvironment; MathJax's newcommand package has it"),
    ("\\ce{", "KaTeX lacks mhchem's \\ce, which Anki loads"),
    ("\\bm{", "KaTeX has \\bm; MathJax 3.2.2 as Anki loads it does not (the card shows it red)"),
]

OWN = [
    ("50%{", False),
    ("\\frac{1}{2} % note {", True),
    ("a % comment }\nb", True),
    ("50\\% {", False),
    ("\\verb|{|", False),
    ("\\verb*+}+ x", False),
    ("\\begin{ matrix } a \\end{ matrix }", True),
    ("\\begin{matrix} a \\end{matrix}", True),
    ("\\lefteqn{x} = 1", True),
    ("\\fracx", False),
    ("\\begin{foo} a \\end{foo}", True),
    ("\\newcommand{\\RR}{\\mathbb{R}} \\RR^n", False),
    ("\\def\\eps{\\varepsilon} \\eps", False),
    ("\\DeclareMathOperator{\\Var}{Var} \\Var(X)", False),
    ("\\newenvironment{mine}{[}{]} \\begin{mine} x \\end{mine}", True),
    ("\\text{\\nothing here}", False),
    ("\\text \\nothing + x", False),
    ("\\mbox{a} \\undefinedafter", False),
    ("\\ce{H2O} + \\cancel{x} + \\bbox[red]{y} + \\coloneqq", False),
    ("\\begin{CD} A @>>> B \\end{CD}", True),
    ("\\left( x \\right.", False),
    ("\\left( x", False),
    ("\\operatorname{tr}(A) \\mathbb{R} \\boldsymbol{w} \\bm{x}", False),
]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def oracle(name):
    folder = Path(ARGS.source_dir) / "third-party" / name
    if not (folder / "node_modules" / name).is_dir():
        raise unittest.SkipTest(f"the {name} oracle is not installed (ci/setup --test)")
    return str(folder)


def real_formulas():
    files = sorted(Path(ARGS.shared, "realworld").glob("*.md"))
    files.append(Path(ARGS.shared, "seed", "deep-learning-qa.md"))
    seen = {}
    for f in files:
        if not f.exists():
            continue
        result = run([ARGS.qadeck, "inspect", "--format", "json", str(f)])
        if result.returncode != 0:
            raise AssertionError(f"qadeck inspect failed on {f}: {result.stderr}")
        for m in json.loads(result.stdout)["math"]:
            tex = m["tex"].strip()
            # Written back between \( \) or \[ \], a formula must not close early or span a
            # blank line.
            if (not tex or "$" in tex or "\\)" in tex or "\\]" in tex or "\n\n" in tex
                    or re.search(r"\n[ \t]*\n", tex)):
                continue
            seen.setdefault(tex, m["display"])
    return [(tex, display) for tex, display in seen.items()]


CONTROL_WORD = re.compile(r"\\([A-Za-z]+)")


def unescaped(tex, chars):
    out = []
    i = 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        if tex[i] in chars:
            out.append(i)
        i += 1
    return out


def mutations(tex, rng):
    """Mutants of one formula: (kind, tex)."""
    out = []
    braces = unescaped(tex, "{}")
    if braces:
        i = rng.choice(braces)
        out.append(("delete brace", tex[:i] + tex[i + 1:]))
        j = rng.choice([k for k in range(len(tex) + 1) if k == 0 or tex[k - 1] != "\\"])
        out.append(("insert brace", tex[:j] + "{" + tex[j:]))
    rights = [m for m in re.finditer(r"\\right(?![A-Za-z])", tex)]
    if rights:
        m = rng.choice(rights)
        out.append(("drop \\right", tex[:m.start()] + tex[m.end():]))
    ends = [m for m in re.finditer(r"\\end\{[^{}]*\}", tex)]
    if ends:
        m = rng.choice(ends)
        out.append(("drop \\end", tex[:m.start()] + tex[m.end():]))
    words = [m for m in CONTROL_WORD.finditer(tex)
             if m.group(1) not in ("begin", "end", "left", "right")]
    if words:
        m = rng.choice(words)
        out.append(("misspell", tex[:m.end()] + "q" + tex[m.end():]))
    k = rng.choice([k for k in range(len(tex) + 1) if k == 0 or tex[k - 1] != "\\"])
    out.append(("unknown command", tex[:k] + " \\qadeckundefined " + tex[k:]))
    envs = [m for m in re.finditer(r"\\begin\{([^{}]*)\}", tex)]
    if envs:
        name = rng.choice(envs).group(1)
        out.append(("unknown environment", tex.replace("{" + name + "}", "{qadeckenv}")))
    return out


def lint_flags(formulas, folder):
    """Which formulas the math rules report, by index."""
    lines = []
    starts = []
    for tex, display in formulas:
        starts.append(len(lines) + 1)
        open_, close = ("\\[", "\\]") if display else ("\\(", "\\)")
        body = (open_ + tex + close).split("\n")
        lines.extend(body)
        lines.append("")
    path = os.path.join(folder, "formulas.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    result = run([ARGS.qadeck, "lint", "--no-cache", "--format", "json", "--select", "math",
                  path])
    if result.returncode not in (0, 1):
        raise AssertionError(f"qadeck lint failed: {result.stderr}")
    flags = [[] for _ in formulas]
    import bisect
    for d in json.loads(result.stdout)["diagnostics"]:
        index = bisect.bisect_right(starts, d["line"]) - 1
        flags[index].append(d["rule"])
    return flags


def render(formulas):
    payload = json.dumps([{"tex": t, "display": d} for t, d in formulas])
    result = run(["node", str(HERE / "render_check.js"), oracle("mathjax-full"),
                  oracle("katex")], input=payload)
    if result.returncode != 0:
        raise AssertionError(f"render_check.js failed: {result.stderr}")
    return json.loads(result.stdout)


class Renderers(unittest.TestCase):
    def test_generated_command_lists_are_current(self):
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "mathjax_commands.cpp")
            result = run(["node", str(Path(ARGS.source_dir, "rules/math/gen_mathjax_commands.js")),
                          oracle("mathjax-full"), out])
            self.assertEqual(result.returncode, 0, result.stderr)
            committed = Path(ARGS.source_dir, "rules/math/mathjax_commands.cpp").read_text()
            self.assertEqual(Path(out).read_text(), committed,
                             "rules/math/mathjax_commands.cpp is stale: run "
                             "gen_mathjax_commands.js again")

    def test_rules_agree_with_mathjax(self):
        originals = real_formulas()
        self.assertGreater(len(originals), 200)
        rng = random.Random(12)
        mutants = []
        for tex, display in originals:
            for kind, m in mutations(tex, rng):
                mutants.append((kind, m, display))
        formulas = originals + [(m, d) for _, m, d in mutants] + OWN
        kinds = (["original"] * len(originals) + [k for k, _, _ in mutants] +
                 ["own"] * len(OWN))
        # Each formula once: a mutation can give another formula of the set.
        unique = {}
        for (tex, display), kind in zip(formulas, kinds):
            unique.setdefault((tex, display), kind)
        formulas = list(unique)
        kinds = list(unique.values())
        with tempfile.TemporaryDirectory() as folder:
            flags = lint_flags(formulas, folder)
        verdicts = render(formulas)
        problems = []
        tally = {}
        katex_agree = 0
        katex_kinds = set()
        for (tex, display), kind, flag, verdict in zip(formulas, kinds, flags, verdicts):
            wrong = verdict["mathjax"] is not None
            flagged = bool(flag)
            t = tally.setdefault(kind, [0, 0])
            t[0] += 1
            katex_agree += flagged == (verdict["katex"] is not None)
            if flagged != (verdict["katex"] is not None):
                kind_of = [p for p, _ in KATEX_KEPT if p in tex]
                katex_kinds.update(kind_of)
                if not kind_of:
                    problems.append(f"KaTeX disagrees: {tex!r}\n    KaTeX: {verdict['katex']}\n"
                                    f"    qadeck: {flag}")
            if flagged == wrong:
                t[1] += 1
                if tex in KEPT:
                    problems.append(f"now agrees, drop it from KEPT: {tex!r}")
            elif tex not in KEPT:
                problems.append(f"{kind}: {tex!r}\n    MathJax: {verdict['mathjax']}\n"
                                f"    qadeck: {flag}")
        for pattern, _ in KATEX_KEPT:
            if pattern not in katex_kinds:
                problems.append(f"KaTeX now agrees, drop {pattern!r} from KATEX_KEPT")
        total = sum(t[0] for t in tally.values())
        agree = sum(t[1] for t in tally.values())
        print(f"{total} formulas ({len(originals)} real): {agree} agree with MathJax, "
              f"{katex_agree} with KaTeX", file=sys.stderr)
        for kind, (n, a) in sorted(tally.items()):
            print(f"  {kind}: {a} of {n} agree with MathJax", file=sys.stderr)
        self.assertFalse(problems, "\n".join(problems))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--qadeck", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--source-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    ARGS.qadeck = os.path.abspath(ARGS.qadeck)
    unittest.main(argv=[sys.argv[0]] + rest)
