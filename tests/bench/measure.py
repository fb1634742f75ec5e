#!/usr/bin/env python3
"""The measurements behind ci/bench: qadeck against its peers, side by side in one run.

ci/bench prepares the scratch folder DIR first: DIR/corpus (with truth.json), DIR/seed, the
peers under DIR/peers and the peer configuration. This script runs the tools, prints a table
of figures, ratios and targets (DESIGN.md, "Performance"), and writes DIR/results.json.

It exits 0 when a target is missed (the table says so, FAIL), 1 when a tool fails to run.
Each measurement is one function in MEASUREMENTS; add new ones there. A measurement returns
Rows: a ratio to a peer, or target() for a figure against a fixed limit.
"""
import argparse
import hashlib
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field

MARKDOWNLINT = "markdownlint-cli2"
# Debian's `time` package: the exact peak RSS of a command (see run()).
GNU_TIME = "/usr/bin/time"
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
    op: str  # ">=" or "<=", or "" for a figure printed without a target
    target: float
    note: str = ""
    absolute: bool = False  # a figure against a limit, not a ratio to a peer: see target()

    @property
    def passed(self):
        if not self.op:
            return None
        return self.ratio >= self.target if self.op == ">=" else self.ratio <= self.target


def target(measure, value, limit, better="lower", note=""):
    """A target on a figure of qadeck's own (a time, a ratio between its own runs), not on a
    ratio to a peer: passes when value <= limit, or >= limit with better="higher"."""
    op = {"lower": "<=", "higher": ">="}[better]
    return Row(measure, value, "limit", limit, value, op, limit, note, absolute=True)


@dataclass
class Context:
    dir: str
    qadeck: str
    qadeck_flags: list
    shared: str = ""  # the shared folder with tools/ (the link measurement needs it)


def run(argv, cwd=None, discard="stdout", env=None, exact_rss=False):
    """Runs argv once and returns its exit code, wall time and peak RSS.

    `discard` names the stream the tool prints its findings on: it goes to /dev/null so that
    neither tool pays for writing them anywhere. The other stream is kept for checks and for
    error messages (in a file, which cannot fill up and block the child as a pipe can).

    The kernel counts in a child's peak RSS the memory of the process that forked it, up to
    its exec: a figure at or below this process's own peak (rss_floor_kib) is an upper bound.
    With `exact_rss`, the command runs under GNU time, a small process that forks it and reads
    its own peak: exact, for about a millisecond more of wall time, so only the rows that report
    memory take it.
    """
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_file = None
    if exact_rss:
        peak_file = tempfile.NamedTemporaryFile(prefix="qadeck-bench-rss-", delete=False)
        peak_file.close()
        argv_run = [GNU_TIME, "-f", "%M", "-o", peak_file.name, "--", *argv]
        # GNU time's own memory at the fork, a megabyte or two, is all that is left of the floor.
        floor = 0
    else:
        argv_run = argv
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as kept:
        streams = {"stdout": devnull, "stderr": kept}
        if discard == "stderr":
            streams = {"stdout": kept, "stderr": devnull}
        start = time.perf_counter()
        proc = subprocess.Popen(argv_run, cwd=cwd, env=env, stdin=subprocess.DEVNULL, **streams)
        # os.wait4 rather than proc.wait(): it also returns the child's resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak, code = usage.ru_maxrss, proc.returncode
        if peak_file is not None:
            peak, code = exact_peak(peak_file.name, peak, code)
        kept.seek(0)
        return Run(argv, code, wall, peak, floor,
                   kept.read().decode("utf-8", "replace"))


def exact_peak(path, peak, code):
    """The peak (KiB) and exit code GNU time wrote: the peak on its last line, and before it,
    for a command killed by a signal, "Command terminated by signal N" (time then exits 128+N).
    """
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    finally:
        os.remove(path)
    if lines and lines[-1].strip().isdigit():
        peak = int(lines[-1])
    killed = re.search(r"terminated by signal (\d+)", "\n".join(lines))
    return peak, -int(killed.group(1)) if killed else code


def describe_exit(code):
    return f"killed by signal {-code}" if code < 0 else f"exited {code}"


def probe_qadeck_flags(qadeck, probe_file):
    """The flags for a cold, offline lint that this build of qadeck accepts.

    --no-cache and --links arrived after the first lint worked. A build that rejects --links
    (exit 2) has no link checker, so its lint is already offline; one that rejects --no-cache
    too has no cache, so its lint is already cold.
    """
    # --links local: every rule, links to files and anchors included, and no network.
    full = ["--format", "json", "--no-cache", "--links", "local"]
    probe = run([qadeck, "lint", probe_file, *full])
    if probe.exit_code != 2:
        return full
    first_line = (probe.kept.strip().splitlines() or ["(no message)"])[0]
    print(f"note: qadeck rejects --no-cache/--links ({first_line}); measuring the plain lint",
          file=sys.stderr)
    return ["--format", "json"]


def qadeck_lint(ctx, paths, flags=None, env=None, exact_rss=False):
    r = run([ctx.qadeck, "lint", *paths, *(ctx.qadeck_flags if flags is None else flags)], env=env,
            exact_rss=exact_rss)
    # 1 means it found problems, which the corpus has on purpose.
    if r.exit_code not in (0, 1):
        raise r.failure(f"qadeck {describe_exit(r.exit_code)}:")
    return r


def markdownlint(ctx, glob, expected_files, exact_rss=False):
    binary = os.path.join(ctx.dir, "peers", "node_modules", ".bin", MARKDOWNLINT)
    # Findings go to stderr; the progress and the summary to stdout.
    r = run([binary, glob], cwd=ctx.dir, discard="stderr", exact_rss=exact_rss)
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
    q = qadeck_lint(ctx, [os.path.join(ctx.dir, "corpus")], exact_rss=True)
    progress("corpus, qadeck", q)
    p = markdownlint(ctx, "corpus/**/*.md", len(truth["files"]), exact_rss=True)
    progress(f"corpus, {MARKDOWNLINT}", p)
    q_speed, p_speed = megabytes / q.wall_s, megabytes / p.wall_s
    q_rss, p_rss = q.max_rss_kib / 1024, p.max_rss_kib / 1024
    rss_note = ""
    if q.max_rss_kib <= q.rss_floor_kib:
        rss_note = (f"qadeck's peak RSS is at most {q_rss:.1f} MiB, this script's own: "
                    "the kernel counts the parent's memory in a child's peak until its exec")
    rows = [
        Row("corpus throughput (MB/s)", q_speed, MARKDOWNLINT, p_speed, q_speed / p_speed, ">=", 30),
        Row("corpus peak RSS (MiB)", q_rss, MARKDOWNLINT, p_rss, q_rss / p_rss, "<=", 0.1, rss_note),
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
                p_median / q_median, ">=", 100)]
    runs = {"qadeck": [r.record() for r in q], MARKDOWNLINT: [r.record() for r in p]}
    return rows, runs


EXPORT_RUNS = 3
APKG_PEER = "anki-apkg-export"


def apkg_check(ctx, path, notes):
    """The shared verifier, --strict: (passed, its last line)."""
    r = run([sys.executable, os.path.join(ctx.dir, "tools", "apkg_check.py"), "--strict", path,
             "--expect-notes", str(notes)], discard="stderr")
    lines = r.kept.strip().splitlines() or ["(no output)"]
    problems = [line for line in lines if line.startswith("ERROR")]
    summary = lines[-1] + (f" (first: {problems[0]})" if problems else "")
    return r.exit_code == 0, summary


def median_run(label, argv, runs, ok_codes=(0,)):
    """Runs argv `runs` times; the median run, after checking every exit code."""
    results = []
    for _ in range(runs):
        r = run(argv)
        if r.exit_code not in ok_codes:
            raise r.failure(f"{label} {describe_exit(r.exit_code)}:")
        results.append(r)
    results.sort(key=lambda r: r.wall_s)
    middle = results[len(results) // 2]
    print(f"{label}: median {middle.wall_s:.3f} s of {runs} runs", file=sys.stderr)
    return middle, results


def corpus_cards(corpus):
    with open(os.path.join(corpus, "truth.json"), encoding="utf-8") as f:
        return sum(entry["questions"] for entry in json.load(f)["files"])


def measure_export(ctx):
    """Exports of 10,000 generated cards to .apkg and JSON (targets: under a second each);
    anki-apkg-export on the same cards (speed, and apkg_check --strict on both packages); the
    PDF of the seed against bare pandoc on the same intermediate (target: at most 1.2x).

    The peer gets the cards' rendered HTML from qadeck's JSON export, so its time leaves out
    reading, linting and rendering the Markdown, which qadeck's includes. It runs out of memory
    (sql.js's fixed heap) before 1,000 cards: it is tried on the 10,000 once, and compared on
    a 500-card corpus.
    """
    out = os.path.join(ctx.dir, "export")
    os.makedirs(out, exist_ok=True)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "anki_apkg_export.js")
    modules = os.path.join(ctx.dir, "peers", "node_modules")

    def qadeck_exports(corpus, stem):
        apkg, cards_json = os.path.join(out, stem + ".apkg"), os.path.join(out, stem + ".json")
        cards = corpus_cards(corpus)
        a, a_all = median_run(f"export anki {cards} cards, qadeck",
                              [ctx.qadeck, "export", "anki", corpus, "-o", apkg, "-q"], EXPORT_RUNS)
        j, j_all = median_run(f"export json {cards} cards, qadeck",
                              [ctx.qadeck, "export", "json", corpus, "-o", cards_json, "-q"],
                              EXPORT_RUNS)
        ok, check = apkg_check(ctx, apkg, cards)
        print(f"apkg_check --strict, qadeck, {cards} cards: {check}", file=sys.stderr)
        if not ok:
            raise ToolFailed(f"qadeck's package of {cards} cards fails apkg_check --strict: {check}")
        return cards, apkg, cards_json, (a, a_all), (j, j_all), check

    big, _, big_json, (q_apkg, q_apkg_all), (q_json, q_json_all), q_check = qadeck_exports(
        os.path.join(ctx.dir, "export-corpus"), "qadeck-10k")
    peer_big = run(["node", script, modules, big_json, os.path.join(out, "peer-10k.apkg")])
    # The reason it gives, past the deprecation notices sql.js prints first.
    reasons = [line for line in peer_big.kept.splitlines()
               if line.strip() and "deprecated" not in line] or ["no message"]
    peer_big_note = (f"{APKG_PEER} on {big} cards: {describe_exit(peer_big.exit_code)} after "
                     f"{peer_big.wall_s:.1f} s" +
                     ("" if peer_big.exit_code == 0 else f" ({reasons[0][:100]}…)"))
    print(peer_big_note, file=sys.stderr)

    small, _, small_json, (q_small, q_small_all), _, q_small_check = qadeck_exports(
        os.path.join(ctx.dir, "export-corpus-500"), "qadeck-500")
    peer_small = os.path.join(out, "peer-500.apkg")
    p_small, p_small_all = median_run(f"export anki {small} cards, {APKG_PEER}",
                                      ["node", script, modules, small_json, peer_small],
                                      EXPORT_RUNS)
    p_ok, p_check = apkg_check(ctx, peer_small, small)
    print(f"apkg_check --strict, {APKG_PEER}, {small} cards: {p_check}", file=sys.stderr)

    seed_pdf = os.path.join(out, "seed.pdf")
    intermediate = os.path.join(out, "seed.pandoc.md")
    q_pdf, q_pdf_all = median_run("export pdf of the seed, qadeck",
                                  [ctx.qadeck, "export", "pdf", os.path.join(ctx.dir, SEED),
                                   "-o", seed_pdf, "-q", "--keep-intermediate"], EXPORT_RUNS)
    p_pdf, p_pdf_all = median_run("pdf of the seed, bare pandoc",
                                  ["pandoc", intermediate, "--from=markdown",
                                   "--pdf-engine=xelatex", "-o", os.path.join(out, "pandoc.pdf")],
                                  EXPORT_RUNS)

    rows = [
        target(f"apkg, {big} cards (s)", q_apkg.wall_s, 1),
        target(f"json, {big} cards (s)", q_json.wall_s, 1),
        Row(f"apkg, {small} cards (s)", q_small.wall_s, APKG_PEER, p_small.wall_s,
            p_small.wall_s / q_small.wall_s, ">=", 1,
            f"apkg_check --strict on {small} cards: qadeck passes ({q_small_check}); "
            f"{APKG_PEER} {'passes' if p_ok else 'FAILS'} ({p_check}). {peer_big_note}. "
            f"qadeck's time includes reading, linting and rendering the Markdown; "
            f"{APKG_PEER} gets the rendered HTML"),
        Row("pdf of the seed (s)", q_pdf.wall_s, "bare pandoc", p_pdf.wall_s,
            q_pdf.wall_s / p_pdf.wall_s, "<=", 1.2),
    ]
    runs = {"cards": big,
            "qadeck_apkg": [r.record() for r in q_apkg_all],
            "qadeck_json": [r.record() for r in q_json_all],
            "apkg_check": {"qadeck": q_check, f"qadeck {small}": q_small_check,
                           f"{APKG_PEER} {small}": p_check},
            f"{APKG_PEER}_{big}": peer_big.record(),
            f"qadeck_apkg_{small}": [r.record() for r in q_small_all],
            f"{APKG_PEER}_{small}": [r.record() for r in p_small_all],
            "qadeck_pdf": [r.record() for r in q_pdf_all],
            "pandoc_pdf": [r.record() for r in p_pdf_all]}
    return rows, runs


LINKINATOR = "linkinator"
LINK_CHECK = "markdown-link-check"
LINKS = 1000


class LinkServer:
    """../shared/tools/link_server.py on a free port of 127.0.0.1, for one measurement."""

    def __init__(self, shared, *args):
        script = os.path.join(shared, "tools", "link_server.py")
        self.proc = subprocess.Popen([sys.executable, script, "--port", "0", "--timeout", "900",
                                      *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            self.close()
            raise ToolFailed(f"link_server.py did not start: {line!r}")
        self.base = f"http://127.0.0.1:{int(line.split()[1])}"

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as r:
            return r.read()

    def reset(self):
        self.get("/__reset")

    def requests(self):
        return json.loads(self.get("/__stats"))["total"]

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def link_truth(truth):
    """(line, rule) of every finding qadeck must report: links to /missing/ and missing anchors."""
    rule = {"missing": "link.broken", "anchor_missing": "link.anchor"}
    return {(link["line"], rule[link["kind"]]) for link in truth["links"] if link["kind"] in rule}


def qadeck_links(ctx, folder, env):
    r = run([ctx.qadeck, "lint", "links.md", "--links", "all", "--format", "json"], cwd=folder,
            discard="stderr", env=env, exact_rss=True)
    if r.exit_code not in (0, 1):
        raise r.failure(f"qadeck {describe_exit(r.exit_code)}:")
    try:
        diagnostics = json.loads(r.kept)["diagnostics"]
    except (ValueError, KeyError) as e:
        raise r.failure(f"qadeck printed no JSON report ({e}):")
    found = {(d["line"], d["rule"]) for d in diagnostics if d["rule"].startswith("link.")}
    return r, found


def peer_links(ctx, name, argv, folder):
    binary = os.path.join(ctx.dir, "peers", "node_modules", ".bin", name)
    # Both print their findings on stdout, which is kept to count them.
    r = run([binary, *argv], cwd=folder, discard="stderr", exact_rss=True)
    if r.exit_code not in (0, 1):
        raise r.failure(f"{name} {describe_exit(r.exit_code)}:")
    return r


def linkinator_broken(r):
    """The broken URLs linkinator reports, fragments of links.md written as `#id`."""
    try:
        links = json.loads(r.kept)["links"]
    except (ValueError, KeyError):
        return set()
    return {l["url"].replace("links.md#", "#") for l in links if l["state"] == "BROKEN"}


def link_check_broken(r):
    return {m.group(1) for m in re.finditer(r"\[✖\] (\S+)", r.kept)}


def measure_links(ctx):
    """Link checking: 1000 links (gen_corpus.py --links-file) served by link_server.py, checked by
    qadeck (cold, then from its cache), linkinator and markdown-link-check, side by side; once
    with the server as it is, once answering 429 (Retry-After: 1) twice per rate-limited path.

    qadeck must report exactly the truth's broken links and missing anchors, with their lines, in
    both of its runs, be faster than linkinator, and its cached run must make no request.
    """
    if not ctx.shared:
        raise ToolFailed("the links measurement needs --shared (the folder with tools/)")
    generator = os.path.join(ctx.shared, "tools", "gen_corpus.py")
    rows, runs = [], {}
    for label, server_args in (("plain", []), ("429x2", ["--ratelimit-hits", "2"])):
        with LinkServer(ctx.shared, *server_args) as server:
            folder = os.path.join(ctx.dir, "links", label)
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            subprocess.run([sys.executable, generator, "--links-file",
                            os.path.join(folder, "links.md"), "--links", str(LINKS), "--seed", "1",
                            "--link-base", server.base], check=True, stdout=subprocess.DEVNULL)
            with open(os.path.join(folder, "links.md.truth.json"), encoding="utf-8") as f:
                truth = json.load(f)
            want = link_truth(truth)
            # A cache of its own, empty for the cold run.
            env = dict(os.environ, XDG_CACHE_HOME=os.path.join(folder, "cache"))

            server.reset()
            cold, cold_found = qadeck_links(ctx, folder, env)
            cold_requests = server.requests()
            progress(f"links {label}, qadeck cold ({cold_requests} requests)", cold)
            server.reset()
            cached, cached_found = qadeck_links(ctx, folder, env)
            cached_requests = server.requests()
            progress(f"links {label}, qadeck cached ({cached_requests} requests)", cached)

            server.reset()
            lk = peer_links(ctx, LINKINATOR, ["links.md", "--markdown", "--retry",
                                              "--check-fragments", "--format", "json"], folder)
            lk_requests = server.requests()
            progress(f"links {label}, {LINKINATOR} ({lk_requests} requests)", lk)
            server.reset()
            mlc = peer_links(ctx, LINK_CHECK, ["--retry", "--quiet", "links.md"], folder)
            mlc_requests = server.requests()
            progress(f"links {label}, {LINK_CHECK} ({mlc_requests} requests)", mlc)

        exact = cold_found == want and cached_found == want
        note = ""
        if not exact:
            note = (f"links {label}: qadeck missed {sorted(want - cold_found)[:5]} and reported "
                    f"{sorted(cold_found - want)[:5]} (cold); cached run "
                    f"{'exact' if cached_found == want else 'differs'}")
        truth_urls = set(truth["broken_urls"])
        peers_note = (f"links {label}: of {len(truth_urls)} broken URLs, {LINKINATOR} reports "
                      f"{len(linkinator_broken(lk) & truth_urls)} (+{len(linkinator_broken(lk) - truth_urls)} "
                      f"others), {LINK_CHECK} {len(link_check_broken(mlc) & truth_urls)} "
                      f"(+{len(link_check_broken(mlc) - truth_urls)}); qadeck's cached run took "
                      f"{cached.wall_s:.3f} s")
        rows += [
            Row(f"links {label}: findings", len(cold_found), "truth (line, rule)", len(want),
                1.0 if exact else 0.0, ">=", 1, note),
            Row(f"links {label}: wall (s)", cold.wall_s, LINKINATOR, lk.wall_s,
                lk.wall_s / cold.wall_s, ">=", 1, peers_note),
            Row(f"links {label}: wall (s)", cold.wall_s, LINK_CHECK, mlc.wall_s,
                mlc.wall_s / cold.wall_s, ">=", 1),
            Row(f"links {label}: requests", cached_requests, "qadeck cold run", cold_requests,
                cached_requests / max(cold_requests, 1), "<=", 0),
        ]
        runs[label] = {
            "links": len(truth["links"]), "unique_urls": truth["summary"]["unique_urls"],
            "expected_findings": len(want), "qadeck_cold_findings": len(cold_found),
            "qadeck_cached_findings": len(cached_found), "exact": exact,
            "requests": {"qadeck_cold": cold_requests, "qadeck_cached": cached_requests,
                         LINKINATOR: lk_requests, LINK_CHECK: mlc_requests},
            "qadeck_cold": cold.record(), "qadeck_cached": cached.record(),
            LINKINATOR: lk.record(), LINK_CHECK: mlc.record(),
        }
    return rows, runs


CACHE_WARM_RUNS = 5


def measure_cache(ctx):
    """An unchanged re-run of the corpus with the lint cache, against the cold run.

    The cache lives in DIR/cache, emptied first, so the priming run starts from nothing. Then
    one file is edited (and restored) to show what a re-run costs when something changed; that
    figure is reported, without a target.
    """
    cache_dir = os.path.join(ctx.dir, "cache")
    shutil.rmtree(cache_dir, ignore_errors=True)
    env = dict(os.environ, XDG_CACHE_HOME=cache_dir)
    corpus = os.path.join(ctx.dir, "corpus")
    cached_flags = [f for f in ctx.qadeck_flags if f != "--no-cache"]
    if cached_flags == ctx.qadeck_flags:
        raise ToolFailed("this qadeck has no --no-cache: there is no cache to measure")
    cold = qadeck_lint(ctx, [corpus])
    progress("corpus cold (--no-cache), qadeck", cold)
    # The priming run and one warm run print their reports to files, compared after: a cache
    # that is fast but wrong is no result.
    prime = run([ctx.qadeck, "lint", corpus, *cached_flags], env=env, discard="stderr")
    progress("corpus, first run filling the cache", prime)
    warm = [qadeck_lint(ctx, [corpus], flags=cached_flags, env=env) for _ in range(CACHE_WARM_RUNS)]
    warm_median = statistics.median(r.wall_s for r in warm)
    print(f"corpus warm: median {warm_median * 1000:.1f} ms of {len(warm)} runs", file=sys.stderr)
    check = run([ctx.qadeck, "lint", corpus, *cached_flags], env=env, discard="stderr")
    if (prime.exit_code, prime.kept) != (check.exit_code, check.kept) or prime.exit_code not in (0, 1):
        raise check.failure("a cached run reported something else than the run that filled it:")
    edited = sorted(os.listdir(corpus))[0]
    path = os.path.join(corpus, edited)
    with open(path, "rb") as f:
        original = f.read()
    try:
        with open(path, "ab") as f:
            f.write(b"\nOne more line.\n")
        one_edit = qadeck_lint(ctx, [corpus], flags=cached_flags, env=env)
    finally:
        with open(path, "wb") as f:
            f.write(original)
    progress(f"corpus after editing {edited}", one_edit)
    rows = [Row("corpus re-run, cache (s)", warm_median, "qadeck --no-cache", cold.wall_s,
                cold.wall_s / warm_median, ">=", 100,
                f"after editing one file of the corpus, a cached run took {one_edit.wall_s:.2f} s "
                f"(the other files are not parsed, but every diagnostic is printed again)")]
    runs = {"cold": cold.record(), "prime": prime.record(), "warm": [r.record() for r in warm],
            "one_file_edited": one_edit.record()}
    return rows, runs


SCALING_RUNS = 3


def measure_scaling(ctx):
    """Each input of tests/bench/scaling_inputs.py at n and 2n (n: the count the bad-input
    tests use), linted cold to JSON: the median time and peak RSS of SCALING_RUNS runs each,
    and their ratios. Linear cost doubles (ratio 2); quadratic cost quadruples.
    """
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import scaling_inputs

    folder = os.path.join(ctx.dir, "scaling")
    os.makedirs(folder, exist_ok=True)
    rows, runs = [], {}
    for name, (generate, n) in scaling_inputs.CASES.items():
        figures = {}
        for count in (n, 2 * n):
            path = os.path.join(folder, f"{name}-{count}.md")
            with open(path, "wb") as f:
                f.write(generate(count))
            measured = [qadeck_lint(ctx, [path], exact_rss=True) for _ in range(SCALING_RUNS)]
            figures[count] = (statistics.median(r.wall_s for r in measured),
                              statistics.median(r.max_rss_kib for r in measured) / 1024,
                              os.path.getsize(path))
            runs[f"{name}-{count}"] = [r.record() for r in measured]
            os.remove(path)
        (t1, m1, size1), (t2, m2, size2) = figures[n], figures[2 * n]
        print(f"scaling {name}: n={n:,} ({size1 / 1e6:.2f} MB) {t1:.3f} s {m1:.0f} MiB; "
              f"2n ({size2 / 1e6:.2f} MB) {t2:.3f} s {m2:.0f} MiB", file=sys.stderr)
        # Under 3: linear with room for noise; quadratic cost gives 4.
        rows.append(Row(f"{name} (s)", t2, "the same at n", t1, t2 / t1, "<=", 3,
                        f"{name}: peak RSS {m1:.0f} MiB at n={n:,}, {m2:.0f} MiB at 2n "
                        f"({m2 / m1:.2f}x)"))
    return rows, runs


HOOK_RUNS_QADECK = 20
HOOK_RUNS_PEER = 5


def measure_hook(ctx):
    """What the pre-commit hook pays: `qadeck lint` on the staged files of a repository where
    the seed is the one staged file, as the `qadeck` hook of .pre-commit-hooks.yaml runs it
    (human output, the cache on), beside markdownlint-cli2 on the same file. Both without
    pre-commit itself, whose own start-up is the same for any hook. qadeck is measured cold
    (the first commit: an empty cache) and warm (a re-commit of the unchanged file).
    """
    repo = os.path.join(ctx.dir, "hook-repo")
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(repo)
    shutil.copy(os.path.join(ctx.dir, SEED), repo)
    git = ["git", "-C", repo]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    staged = subprocess.run([*git, "diff", "--cached", "--name-only", "-z"], check=True,
                            stdout=subprocess.PIPE).stdout.decode().strip("\0").split("\0")
    cache_dir = os.path.join(repo, ".cache")
    env = dict(os.environ, XDG_CACHE_HOME=cache_dir)

    def hook():
        r = run([ctx.qadeck, "lint", *staged], cwd=repo, env=env)
        if r.exit_code not in (0, 1):
            raise r.failure(f"qadeck {describe_exit(r.exit_code)}:")
        return r

    cold = []
    for _ in range(HOOK_RUNS_QADECK):
        shutil.rmtree(cache_dir, ignore_errors=True)
        cold.append(hook())
    warm = [hook() for _ in range(HOOK_RUNS_QADECK)]
    cold_median = statistics.median(r.wall_s for r in cold)
    warm_median = statistics.median(r.wall_s for r in warm)
    print(f"hook, qadeck: median {cold_median * 1000:.1f} ms cold, {warm_median * 1000:.1f} ms "
          f"warm, of {len(cold)} runs each", file=sys.stderr)
    p = [markdownlint(ctx, SEED, 1) for _ in range(HOOK_RUNS_PEER)]
    p_median = statistics.median(r.wall_s for r in p)
    print(f"hook, {MARKDOWNLINT}: median {p_median * 1000:.1f} ms of {len(p)} runs",
          file=sys.stderr)
    rows = [
        Row("hook, seed staged (ms)", cold_median * 1000, MARKDOWNLINT, p_median * 1000,
            p_median / cold_median, ">=", 100),
        Row("hook, seed re-staged (ms)", warm_median * 1000, MARKDOWNLINT, p_median * 1000,
            p_median / warm_median, ">=", 150),
    ]
    runs = {"staged": staged, "qadeck_cold": [r.record() for r in cold],
            "qadeck_warm": [r.record() for r in warm], MARKDOWNLINT: [r.record() for r in p]}
    return rows, runs


STARTUP_RUNS = 100


def measure_startup(ctx):
    """qadeck's start-up: `qadeck --help`, which loads the binary and its libraries, parses the
    command line and prints, and nothing else (target: under 2 ms). `qadeck --version` is
    printed beside it without a target: it opens libcurl on purpose, to say whether link
    checks can run, and that costs more than the rest of the start-up together.
    """
    figures = {}
    for label, args in (("help", ["--help"]), ("version", ["--version"])):
        label_runs = []
        for _ in range(STARTUP_RUNS):
            r = run([ctx.qadeck, *args])
            if r.exit_code != 0:
                raise r.failure(f"qadeck {describe_exit(r.exit_code)}:")
            label_runs.append(r)
        figures[label] = (statistics.median(r.wall_s for r in label_runs) * 1000, label_runs)
        print(f"start-up, qadeck {args[0]}: median {figures[label][0]:.2f} ms of "
              f"{STARTUP_RUNS} runs", file=sys.stderr)
    rows = [target("start-up, --help (ms)", figures["help"][0], 2,
                   note=f"qadeck --version (which opens libcurl): median "
                        f"{figures['version'][0]:.2f} ms of {STARTUP_RUNS} runs")]
    runs = {label: [r.record() for r in label_runs] for label, (_, label_runs) in figures.items()}
    return rows, runs


CMARK_GFM = "cmark-gfm"


def run_parallel(argvs):
    """Runs every argv at once; (the wall time until the last ends, the largest peak RSS in
    KiB, the exit codes)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        procs = [subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=devnull,
                                  stderr=subprocess.DEVNULL) for argv in argvs]
        results = [os.wait4(proc.pid, 0) for proc in procs]
    wall = time.perf_counter() - start
    return (wall, max(usage.ru_maxrss for _, _, usage in results),
            [os.waitstatus_to_exitcode(status) for _, status, _ in results])


def measure_floor(ctx):
    """The parse floor: Debian's cmark-gfm binary (with the GFM extensions) parsing the
    reference corpus and rendering it to HTML, one process per core, each given an equal
    share of the files (which it reads as one document), beside qadeck's cold lint of the same
    corpus. Printed as qadeck's throughput over the floor's, without a target.
    """
    binary = shutil.which(CMARK_GFM)
    if not binary:
        raise ToolFailed(f"{CMARK_GFM} is missing: run ci/setup --test")
    corpus = os.path.join(ctx.dir, "corpus")
    with open(os.path.join(corpus, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    files = sorted(os.path.join(corpus, entry["file"]) for entry in truth["files"])
    cores = os.cpu_count() or 1
    extensions = [a for e in ("table", "strikethrough", "autolink", "tagfilter", "tasklist")
                  for a in ("-e", e)]
    argvs = [[binary, *extensions, *files[i::cores]] for i in range(cores)]
    floor_wall, floor_rss, codes = run_parallel(argvs)
    if any(code != 0 for code in codes):
        raise ToolFailed(f"{CMARK_GFM} failed on the corpus: exit codes {codes}")
    print(f"corpus, {CMARK_GFM} x{cores}: {floor_wall:.3f} s, {floor_rss / 1024:.1f} MiB each "
          "at most", file=sys.stderr)
    q = qadeck_lint(ctx, [corpus])
    progress("corpus, qadeck", q)
    megabytes = truth["meta"]["total_bytes"] / 1e6
    q_speed, floor_speed = megabytes / q.wall_s, megabytes / floor_wall
    rows = [Row("corpus throughput (MB/s)", q_speed, f"floor: {CMARK_GFM} x{cores}", floor_speed,
                q_speed / floor_speed, "", 0)]
    runs = {"cores": cores, "qadeck": q.record(),
            CMARK_GFM: {"wall_s": round(floor_wall, 4), "max_rss_kib": floor_rss}}
    return rows, runs


SERVER_EDITS = 200
SERVER_BIG_EDITS = 20
SERVER_MEMORY_EDITS = 10_000
SERVER_BIG_BYTES = 1 << 20


def measure_server(ctx):
    """`qadeck server` as an editor drives it: edits of the seed sent one by one as
    incremental didChange notifications, each waited for until its publishDiagnostics comes
    back. The figure is the server's own CPU time (user + system, from /proc) per edit, which
    the machine's load does not inflate as it does wall time: 200 edits of the seed (target
    at most 10 ms each), 20 of a 1 MB document made of seed copies (under 100 ms), and the
    resident memory over 10,000 edits of the seed (flat: at most 10% above what it is after
    the first 1,000). Debouncing is off (debounceMs 0), so that every edit is linted.
    """
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
    import lsp_client  # noqa: E402  (the recorded sessions' client)

    with open(os.path.join(ctx.dir, SEED), encoding="utf-8") as f:
        seed = f.read()
    big = seed * (SERVER_BIG_BYTES // len(seed) + 1)
    folder = tempfile.mkdtemp(prefix="server-", dir=ctx.dir)
    tick = os.sysconf("SC_CLK_TCK")

    def cpu_s(pid):
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    def rss_kib(pid):
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

    def session(name, text):
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        server = lsp_client.Server([ctx.qadeck, "server"], cwd=folder,
                                   env=dict(os.environ, XDG_CACHE_HOME=os.path.join(folder, "cache")))
        uri = "file://" + path
        server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": "file://" + folder, "capabilities": {},
                                "initializationOptions": {"debounceMs": 0}}})
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                     "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 0,
                                                 "text": text}}})
        lines = text.split("\n")
        state = {"version": 0}

        def edit():
            # Typing a letter at the end of a line, then deleting it: the text stays the seed.
            state["version"] += 1
            v = state["version"]
            line = (v // 2 * 7) % len(lines)
            column = len(lines[line].encode("utf-16-le")) // 2
            if v % 2:
                change = {"range": {"start": {"line": line, "character": column},
                                    "end": {"line": line, "character": column}}, "text": "x"}
            else:
                line = ((v - 1) // 2 * 7) % len(lines)
                column = len(lines[line].encode("utf-16-le")) // 2
                change = {"range": {"start": {"line": line, "character": column},
                                    "end": {"line": line, "character": column + 1}}, "text": ""}
            server.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": v},
                                    "contentChanges": [change]}})
            while True:
                m = server.receive(60)
                if m is None:
                    raise ToolFailed(f"qadeck server exited: {server.stderr.decode(errors='replace')}")
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v:
                    return

        # The answer to initialize and the diagnostics of the open come first.
        while True:
            m = server.receive(60)
            if m is None:
                raise ToolFailed("qadeck server exited during initialize")
            if m.get("method") == "textDocument/publishDiagnostics":
                break
        return server, edit

    def per_edit_ms(name, text, edits):
        server, edit = session(name, text)
        try:
            edit()  # the first edit warms the allocator and the caches
            before = cpu_s(server.proc.pid)
            start = time.monotonic()
            for _ in range(edits):
                edit()
            cpu = (cpu_s(server.proc.pid) - before) / edits * 1000
            wall = (time.monotonic() - start) / edits * 1000
        finally:
            server.kill()
        return cpu, wall

    seed_cpu, seed_wall = per_edit_ms("seed.md", seed, SERVER_EDITS)
    big_cpu, big_wall = per_edit_ms("big.md", big, SERVER_BIG_EDITS)
    server, edit = session("memory.md", seed)
    try:
        for _ in range(SERVER_MEMORY_EDITS // 10):
            edit()
        rss_early = rss_kib(server.proc.pid)
        for _ in range(SERVER_MEMORY_EDITS - SERVER_MEMORY_EDITS // 10):
            edit()
        rss_late = rss_kib(server.proc.pid)
    finally:
        server.kill()
    shutil.rmtree(folder, ignore_errors=True)
    growth = rss_late / rss_early

    checks = [
        (f"seed, CPU per edit: {seed_cpu:.2f} ms ({seed_wall:.2f} ms wall), {SERVER_EDITS} edits",
         seed_cpu <= 10),
        (f"1 MB ({len(big) >> 10} KiB), CPU per edit: {big_cpu:.1f} ms ({big_wall:.1f} ms wall), "
         f"{SERVER_BIG_EDITS} edits", big_cpu < 100),
        (f"RSS after {SERVER_MEMORY_EDITS // 10} edits {rss_early} KiB, after "
         f"{SERVER_MEMORY_EDITS} {rss_late} KiB ({(growth - 1) * 100:+.1f}%)", growth <= 1.10),
    ]
    for text, passed in checks:
        print(f"server, {text}: {'PASS' if passed else 'FAIL'}", file=sys.stderr)
    target_note = "server: the peer column is the target; ratio = qadeck / target"
    rows = [
        Row("server, edit, seed (ms)", seed_cpu, "target", 10, seed_cpu / 10, "<=", 1, target_note),
        Row("server, edit, 1 MB (ms)", big_cpu, "target", 100, big_cpu / 100, "<=", 1),
        Row("server, RSS growth", growth, "target", 1.10, growth / 1.10, "<=", 1),
    ]
    runs = {"seed_cpu_ms": seed_cpu, "seed_wall_ms": seed_wall, "big_bytes": len(big),
            "big_cpu_ms": big_cpu, "big_wall_ms": big_wall, "rss_early_kib": rss_early,
            "rss_late_kib": rss_late, "memory_edits": SERVER_MEMORY_EDITS}
    return rows, runs


LARGE_QUESTIONS = 200000  # one file of about 28 MB
LARGE_ARGS = ["--files", "1", "--questions", str(LARGE_QUESTIONS), "--seed", "42",
              "--defect-rate", "0.001"]
FIX_RUNS = 3


def large_file(ctx):
    """One generated file of LARGE_QUESTIONS questions in DIR/large, made once (and again when
    the generator changes)."""
    if not ctx.shared:
        raise ToolFailed("the large file needs --shared (the folder with tools/)")
    out = os.path.join(ctx.dir, "large")
    path = os.path.join(out, "qa-0000.md")
    generator = os.path.join(ctx.shared, "tools", "gen_corpus.py")
    with open(generator, "rb") as f:
        stamp = " ".join(LARGE_ARGS) + " " + hashlib.sha256(f.read()).hexdigest()
    stamp_path = os.path.join(ctx.dir, "large.stamp")
    if not os.path.exists(path) or not os.path.exists(stamp_path) or \
            open(stamp_path, encoding="utf-8").read() != stamp:
        print(f"generating {path}", file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, generator, "--out", out, *LARGE_ARGS], check=True,
                       stdout=subprocess.DEVNULL)
        with open(stamp_path, "w", encoding="utf-8") as f:
            f.write(stamp)
    return path


def measure_memory(ctx):
    """Peak RSS per input byte of a cold lint of one large file (target: at most 16)."""
    path = large_file(ctx)
    size = os.path.getsize(path)
    q = qadeck_lint(ctx, [path], exact_rss=True)
    progress(f"large file ({size / 1e6:.1f} MB), qadeck", q)
    per_byte = q.max_rss_kib * 1024 / size
    rows = [Row("large file peak RSS (B/byte)", per_byte, "limit (B/byte)", 16, per_byte, "<=", 16,
                f"{size / 1e6:.1f} MB, {LARGE_QUESTIONS} questions: {q.max_rss_kib / 1024:.0f} MiB "
                f"in {q.wall_s:.1f} s")]
    return rows, {"bytes": size, "qadeck": q.record()}


def measure_fix(ctx):
    """`lint --fix` against a lint of the same large file with one safe fix in it: a second
    table of contents (structure.duplicate-toc), put halfway. Median wall time of FIX_RUNS
    runs each, on a fresh copy every time (target: at most 1.5x)."""
    with open(large_file(ctx), encoding="utf-8") as f:
        text = f.read()
    half = text.index("\n\n", len(text) // 2) + 2
    text = text[:half] + "* TOC\n{:toc}\n\n" + text[half:]
    work = os.path.join(ctx.dir, "fix")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "qa.md")

    def fresh():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    lints, fixes = [], []
    for _ in range(FIX_RUNS):
        fresh()
        lints.append(qadeck_lint(ctx, [path]))
        fresh()
        fixes.append(qadeck_lint(ctx, [path, "--fix"]))
    with open(path, encoding="utf-8") as f:
        fixed = f.read()
    if fixed == text:
        raise ToolFailed(f"qadeck lint --fix did not change {path}")
    lint_s = statistics.median(r.wall_s for r in lints)
    fix_s = statistics.median(r.wall_s for r in fixes)
    print(f"fix, qadeck: median {fix_s:.2f} s against a lint's {lint_s:.2f} s", file=sys.stderr)
    rows = [Row("fix / lint, one fix (s)", fix_s, "lint (s)", lint_s, fix_s / lint_s, "<=", 1.5,
                f"{len(text) / 1e6:.1f} MB, {LARGE_QUESTIONS} questions")]
    return rows, {"lint": [r.record() for r in lints], "fix": [r.record() for r in fixes]}


MEASUREMENTS = {
    "corpus": measure_corpus,
    "seed": measure_seed,
    "export": measure_export,
    "links": measure_links,
    "cache": measure_cache,
    "hook": measure_hook,
    "startup": measure_startup,
    "floor": measure_floor,
    "server": measure_server,
    "scaling": measure_scaling,
    "memory": measure_memory,
    "fix": measure_fix,
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
        limit = f"{row.op} {row.target:g}" + ("" if row.absolute else "x") if row.op else "-"
        ratio = "" if row.absolute else num(row.ratio) + "x"
        result = {True: "PASS", False: "FAIL", None: ""}[row.passed]
        print(line.format(row.measure, num(row.qadeck), num(row.peer), ratio, limit, result))
    for row in rows:
        if row.note:
            print(f"note: {row.note}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the measurement names and exit")
    parser.add_argument("--dir", help="the scratch folder prepared by ci/bench")
    parser.add_argument("--qadeck", help="the qadeck binary")
    parser.add_argument("--shared", default="", help="the shared folder with tools/ (for links)")
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
                      probe_qadeck_flags(args.qadeck, os.path.join(args.dir, SEED)),
                      os.path.abspath(args.shared) if args.shared else "")
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
