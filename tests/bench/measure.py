#!/usr/bin/env python3
"""The measurements behind ci/bench: qadeck against its peers, side by side in one run.

ci/bench prepares the scratch folder DIR first: DIR/corpus (with truth.json), DIR/seed, the
peers under DIR/peers and the peer configuration. This script runs the tools, prints a table
of figures, ratios and targets (DESIGN.md, "Performance"), and writes DIR/results.json.

It exits 0 when a target is missed (the table says so), 1 when a tool fails to run.
Each measurement is one function in MEASUREMENTS; add new ones there.
"""
import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

MARKDOWNLINT = "markdownlint-cli2"
SEED = "seed/deep-learning-qa.md"
SEED_RUNS_QADECK = 20
SEED_RUNS_PEER = 5


class ToolFailed(Exception):
    pass


@dataclass
class Run:
    argv: list
    exit_code: int  # negative: killed by that signal
    wall_s: float
    max_rss_kib: int
    rss_floor_kib: int  # the measuring process's own peak: see run()
    kept: str = field(repr=False)  # the stream that is not discarded; not in results.json

    def record(self):
        return {"argv": self.argv, "exit_code": self.exit_code, "wall_s": round(self.wall_s, 4),
                "max_rss_kib": self.max_rss_kib, "rss_floor_kib": self.rss_floor_kib}

    def failure(self, message):
        """ToolFailed with the message, the command and the end of what the tool printed."""
        tail = "\n".join(self.kept.rstrip().splitlines()[-10:])
        return ToolFailed(f"{message}\n  {' '.join(self.argv)}" + (f"\n{tail}" if tail else ""))


@dataclass
class Row:
    measure: str
    qadeck: float
    peer_name: str
    peer: float
    ratio: float
    op: str  # ">=" or "<="
    target: float
    note: str = ""

    @property
    def passed(self):
        return self.ratio >= self.target if self.op == ">=" else self.ratio <= self.target


@dataclass
class Context:
    dir: str
    qadeck: str
    qadeck_flags: list


def run(argv, cwd=None, discard="stdout"):
    """Runs argv once and returns its exit code, wall time and peak RSS.

    `discard` names the stream the tool prints its findings on: it goes to /dev/null so that
    neither tool pays for writing them anywhere. The other stream is kept for checks and for
    error messages (in a file, which cannot fill up and block the child as a pipe can).

    The kernel counts in a child's peak RSS the memory of the process that forked it, up to
    its exec: a figure at or below this process's own peak (rss_floor_kib) is an upper bound.
    """
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as kept:
        streams = {"stdout": devnull, "stderr": kept}
        if discard == "stderr":
            streams = {"stdout": kept, "stderr": devnull}
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, **streams)
        # os.wait4 rather than proc.wait(): it also returns the child's resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        kept.seek(0)
        return Run(argv, proc.returncode, wall, usage.ru_maxrss, floor,
                   kept.read().decode("utf-8", "replace"))


def describe_exit(code):
    return f"killed by signal {-code}" if code < 0 else f"exited {code}"


def probe_qadeck_flags(qadeck, probe_file):
    """The flags for a cold, offline lint that this build of qadeck accepts.

    --no-cache and --links arrive after the first lint works. A build that rejects them
    (exit 2) has neither a cache nor a link checker, so the plain lint is already cold
    and offline.
    """
    full = ["--format", "json", "--no-cache", "--links", "off"]
    probe = run([qadeck, "lint", probe_file, *full])
    if probe.exit_code != 2:
        return full
    first_line = (probe.kept.strip().splitlines() or ["(no message)"])[0]
    print(f"note: qadeck rejects --no-cache/--links ({first_line}); measuring the plain lint",
          file=sys.stderr)
    return ["--format", "json"]


def qadeck_lint(ctx, paths):
    r = run([ctx.qadeck, "lint", *paths, *ctx.qadeck_flags])
    # 1 means it found problems, which the corpus has on purpose.
    if r.exit_code not in (0, 1):
        raise r.failure(f"qadeck {describe_exit(r.exit_code)}:")
    return r


def markdownlint(ctx, glob, expected_files):
    binary = os.path.join(ctx.dir, "peers", "node_modules", ".bin", MARKDOWNLINT)
    # Findings go to stderr; the progress and the summary to stdout.
    r = run([binary, glob], cwd=ctx.dir, discard="stderr")
    # It exits 1 whenever it finds problems, which its default rules do on every file here;
    # its summary, not its exit code, shows that it linted everything.
    if (r.exit_code < 0 or f"Linting: {expected_files} file(s)" not in r.kept
            or "Summary:" not in r.kept):
        raise r.failure(f"{MARKDOWNLINT} {describe_exit(r.exit_code)} without linting "
                        f"{expected_files} file(s), in {ctx.dir}:")
    return r


def progress(label, r):
    print(f"{label}: {r.wall_s:.3f} s, {r.max_rss_kib / 1024:.1f} MiB, {describe_exit(r.exit_code)}",
          file=sys.stderr)


def measure_corpus(ctx):
    """Cold lint of the reference corpus, all rules, no network.

    "Cold" means without qadeck's cache: both tools read the files from the page cache.
    """
    with open(os.path.join(ctx.dir, "corpus", "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    megabytes = truth["meta"]["total_bytes"] / 1e6
    q = qadeck_lint(ctx, [os.path.join(ctx.dir, "corpus")])
    progress("corpus, qadeck", q)
    p = markdownlint(ctx, "corpus/**/*.md", len(truth["files"]))
    progress(f"corpus, {MARKDOWNLINT}", p)
    q_speed, p_speed = megabytes / q.wall_s, megabytes / p.wall_s
    q_rss, p_rss = q.max_rss_kib / 1024, p.max_rss_kib / 1024
    rss_note = ""
    if q.max_rss_kib <= q.rss_floor_kib:
        rss_note = (f"qadeck's peak RSS is at most {q_rss:.1f} MiB, this script's own: "
                    "the kernel counts the parent's memory in a child's peak until its exec")
    rows = [
        Row("corpus throughput (MB/s)", q_speed, MARKDOWNLINT, p_speed, q_speed / p_speed, ">=", 10),
        Row("corpus peak RSS (MiB)", q_rss, MARKDOWNLINT, p_rss, q_rss / p_rss, "<=", 0.25, rss_note),
    ]
    runs = {"corpus_bytes": truth["meta"]["total_bytes"], "qadeck": q.record(),
            MARKDOWNLINT: p.record()}
    return rows, runs


def measure_seed(ctx):
    """Lint of the seed alone: what a pre-commit hook pays, mostly start-up.

    Repeated, and the median taken, because a single run of a few milliseconds is noise.
    """
    q = [qadeck_lint(ctx, [os.path.join(ctx.dir, SEED)]) for _ in range(SEED_RUNS_QADECK)]
    q_median = statistics.median(r.wall_s for r in q)
    print(f"seed, qadeck: median {q_median * 1000:.1f} ms of {len(q)} runs", file=sys.stderr)
    p = [markdownlint(ctx, SEED, 1) for _ in range(SEED_RUNS_PEER)]
    p_median = statistics.median(r.wall_s for r in p)
    print(f"seed, {MARKDOWNLINT}: median {p_median * 1000:.1f} ms of {len(p)} runs", file=sys.stderr)
    rows = [Row("seed median wall (ms)", q_median * 1000, MARKDOWNLINT, p_median * 1000,
                p_median / q_median, ">=", 30)]
    runs = {"qadeck": [r.record() for r in q], MARKDOWNLINT: [r.record() for r in p]}
    return rows, runs


MEASUREMENTS = {
    "corpus": measure_corpus,
    "seed": measure_seed,
}


def num(value):
    """Three significant digits without an exponent: 1068, 535, 0.502, 0.0110."""
    if value == 0:
        return "0"
    return f"{value:.{max(0, 2 - math.floor(math.log10(abs(value))))}f}"


def print_table(rows):
    """One table; a header line starts each group of rows that compares with the same peer."""
    line = "{:<26} {:>9} {:>18} {:>9} {:>10}  {}"
    peer_name = None
    for row in rows:
        if row.peer_name != peer_name:
            peer_name = row.peer_name
            print("\n" + line.format("measure", "qadeck", peer_name, "ratio", "target", "result"))
        target = f"{row.op} {row.target:g}x"
        print(line.format(row.measure, num(row.qadeck), num(row.peer), num(row.ratio) + "x", target,
                          "PASS" if row.passed else "MISS"))
    for row in rows:
        if row.note:
            print(f"note: {row.note}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the measurement names and exit")
    parser.add_argument("--dir", help="the scratch folder prepared by ci/bench")
    parser.add_argument("--qadeck", help="the qadeck binary")
    parser.add_argument("names", nargs="*", metavar="NAME", help="measurements to run (default: all)")
    args = parser.parse_args()
    if args.list:
        print("\n".join(MEASUREMENTS))
        return 0
    if not args.dir or not args.qadeck:
        parser.error("--dir and --qadeck are required")
    unknown = [n for n in args.names if n not in MEASUREMENTS]
    if unknown:
        parser.error(f"unknown measurement(s) {', '.join(unknown)}; known: {', '.join(MEASUREMENTS)}")

    try:
        ctx = Context(args.dir, args.qadeck,
                      probe_qadeck_flags(args.qadeck, os.path.join(args.dir, SEED)))
        rows, results = [], {"qadeck_flags": ctx.qadeck_flags, "measurements": {}}
        for name in args.names or MEASUREMENTS:
            measure_rows, runs = MEASUREMENTS[name](ctx)
            rows += measure_rows
            results["measurements"][name] = {
                "rows": [dict(vars(r), passed=r.passed) for r in measure_rows], "runs": runs}
    except ToolFailed as e:
        print(f"ci/bench: {e}", file=sys.stderr)
        return 1

    print_table(rows)
    path = os.path.join(args.dir, "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
