"""Runs neovim_test.lua in a headless Neovim against a copy of the workspace."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--qadeck", required=True)
args = parser.parse_args()
scale = float(os.environ.get("QADECK_TIME_SCALE", "1"))
with tempfile.TemporaryDirectory() as tmp:
    root = os.path.join(tmp, "workspace")
    shutil.copytree(os.path.join(here, "workspace"), root)
    # External links are checked, and the link cache knows one is broken (what a run of
    # `qadeck lint --links all` would have stored).
    with open(os.path.join(root, ".qadeck.yml"), "w", encoding="utf-8") as f:
        f.write("links:\n  check: all\n")
    os.makedirs(os.path.join(tmp, "cache", "qadeck"))
    with open(os.path.join(tmp, "cache", "qadeck", "links.json"), "w", encoding="utf-8") as f:
        json.dump({"version": 1, "entries": {"https://gone.example.invalid/page": {
            "checked": int(time.time()), "status": 404, "failure": "none"}}}, f)
    env = dict(os.environ, QADECK=os.path.abspath(args.qadeck), NOTES=os.path.join(root, "notes.md"),
               XDG_CACHE_HOME=os.path.join(tmp, "cache"), XDG_STATE_HOME=os.path.join(tmp, "state"),
               XDG_DATA_HOME=os.path.join(tmp, "data"), XDG_CONFIG_HOME=os.path.join(tmp, "config"))
    try:
        run = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n",
                              "-c", "luafile " + os.path.join(here, "neovim_test.lua")],
                             env=env, cwd=root, stdin=subprocess.DEVNULL, capture_output=True,
                             timeout=60 * scale)
    except subprocess.TimeoutExpired:
        print("neovim test: Neovim did not finish within its time")
        sys.exit(1)
    sys.stdout.write(run.stdout.decode(errors="replace"))
    sys.stderr.write(run.stderr.decode(errors="replace"))
    print("neovim test:", "ok" if run.returncode == 0 else f"failed (exit {run.returncode})")
    sys.exit(run.returncode)
