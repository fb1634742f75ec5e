#!/usr/bin/env python3
"""The server's diagnostics after edits equal those of a fresh lint of the same text.

The server keeps what each open document's lints computed (its LintMemo: parsed chunks, the
language of each piece of prose) and reuses it on the next edit. This test makes seeded random
edits, incremental as an editor sends them, to the seed and to a generated document, and after
each one compares the published diagnostics with those `qadeck lint --stdin` gives for the
edited text, which keeps no memo: a memo that went stale would show as a difference.

usage: edit_consistency_test.py --qadeck BIN --shared DIR
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp_client  # noqa: E402

TIMEOUT_S = 60 * float(os.environ.get("QADECK_TIME_SCALE", "1"))
EDITS = 24
# What the edits insert: letters, line breaks, and the marks that change the structure (code
# fences, math, bold questions, HTML, numbers, a heading, CJK prose).
SNIPPETS = ["x", " ", "\n", "\n\n", "`", "```\n", "$", "$$\n", "**", "<b>", "</b>", "1. ",
            "## 3. Heading\n", "<details>", "这是一个中文句子，用来测试语言检测。", "(", ")",
            "**12. What is a question?**\n\nAn answer.\n\n", "[a](#missing)", "<script>x</script>"]


def position(text, index):
    """The LSP position (UTF-16 units) of Python string index `index`."""
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": len(text[start:index].encode("utf-16-le")) // 2}


SEVERITIES = {1: "error", 2: "warning", 3: "info"}


def from_lsp(text, diagnostics):
    """The published diagnostics as the CLI reports them: 1-based lines, columns in code points."""
    lines = text.split("\n")

    def column(line, character):
        units = 0
        for i, ch in enumerate(lines[line] if line < len(lines) else ""):
            if units >= character:
                return i + 1
            units += 2 if ord(ch) > 0xFFFF else 1
        return len(lines[line]) + 1 if line < len(lines) else 1

    out = []
    for d in diagnostics:
        start, end = d["range"]["start"], d["range"]["end"]
        out.append((start["line"] + 1, column(start["line"], start["character"]), end["line"] + 1,
                    column(end["line"], end["character"]), d["code"], SEVERITIES[d["severity"]],
                    d["message"]))
    return out


def fresh_lint(qadeck, folder, path, text):
    """What `qadeck lint` reports for the text, linted as `path`."""
    run = subprocess.run([qadeck, "lint", "--stdin", "--stdin-filename", path, "--format", "json",
                          "--no-cache", "--links", "local"], input=text.encode(), cwd=folder,
                         capture_output=True, timeout=TIMEOUT_S)
    if run.returncode not in (0, 1):
        raise RuntimeError(f"qadeck lint failed: {run.stderr.decode(errors='replace')}")
    return [(d["line"], d["column"], d["end_line"], d["end_column"], d["rule"], d["severity"],
             d["message"]) for d in json.loads(run.stdout)["diagnostics"]]


class Session:
    def __init__(self, qadeck, folder, path, text):
        self.server = lsp_client.Server([qadeck, "server"], cwd=folder,
                                        env=dict(os.environ, XDG_CACHE_HOME=os.path.join(folder, "cache")))
        self.uri = "file://" + path
        self.version = 0
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": "file://" + folder, "capabilities": {},
                              "initializationOptions": {"debounceMs": 0}}})
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": self.uri, "languageId": "markdown",
                                               "version": 0, "text": text}}})

    def send(self, message):
        self.server.send(message)

    def diagnostics(self):
        """The diagnostics published for the current version."""
        while True:
            m = self.server.receive(TIMEOUT_S)
            if m is None:
                raise RuntimeError("qadeck server exited: " + self.server.stderr.decode(errors="replace"))
            if m.get("method") == "textDocument/publishDiagnostics" and \
                    m["params"]["uri"] == self.uri and m["params"].get("version") == self.version:
                return m["params"]["diagnostics"]

    def change(self, start, end, new_text):
        self.version += 1
        self.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                   "params": {"textDocument": {"uri": self.uri, "version": self.version},
                              "contentChanges": [{"range": {"start": start, "end": end},
                                                  "text": new_text}]}})

    def close(self):
        self.server.kill()


def check(qadeck, folder, name, text, rng):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    edited = Session(qadeck, folder, path, text)
    failures = 0
    try:
        if from_lsp(text, edited.diagnostics()) != fresh_lint(qadeck, folder, path, text):
            raise RuntimeError(f"{name}: the server and qadeck lint disagree before any edit")
        for n in range(EDITS):
            # An insertion, a deletion, or a replacement, somewhere in the text.
            begin = rng.randrange(len(text) + 1)
            end = begin if rng.random() < 0.5 else min(len(text), begin + rng.randrange(1, 80))
            new_text = rng.choice(SNIPPETS) if rng.random() < 0.8 or end == begin else ""
            edited.change(position(text, begin), position(text, end), new_text)
            text = text[:begin] + new_text + text[end:]
            got = from_lsp(text, edited.diagnostics())
            want = fresh_lint(qadeck, folder, path, text)
            if got != want:
                failures += 1
                missing = [d for d in want if d not in got]
                extra = [d for d in got if d not in want]
                print(f"{name}, edit {n}: {len(got)} diagnostics after the edit, {len(want)} "
                      f"from a fresh lint; missing {missing[:3]}, extra {extra[:3]}")
    finally:
        edited.close()
    print(f"{name}: {EDITS} edits, {failures} differing from a fresh lint")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qadeck", required=True)
    parser.add_argument("--shared", required=True)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="qadeck-edit-consistency-")
    try:
        with open(os.path.join(args.shared, "seed", "deep-learning-qa.md"), encoding="utf-8") as f:
            seed = f.read()
        generated = os.path.join(folder, "generated")
        subprocess.run([sys.executable, os.path.join(args.shared, "tools", "gen_corpus.py"),
                        "--out", generated, "--files", "1", "--questions", "300", "--seed", "7",
                        "--defect-rate", "0.05"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(generated, "qa-0000.md"), encoding="utf-8") as f:
            corpus = f.read()
        rng = random.Random(15)
        failures = check(args.qadeck, folder, "seed.md", seed, rng)
        failures += check(args.qadeck, folder, "generated.md", corpus, rng)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
