"""Builds the VS Code extension (editors/vscode) as its users get it: compiled with tsc and
packaged with vsce, offline, from the build tools ci/setup pins in ci/oracles/vscode-extension
(installed into third-party/vscode-extension/node_modules). Checks that the extension's own
package.json asks for the same versions, and that the .vsix (a zip) holds the compiled
extension and its runtime dependency, vscode-languageclient, without the build tools. VS Code
itself cannot run here."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

parser = argparse.ArgumentParser()
parser.add_argument("--source-dir", required=True)
args = parser.parse_args()
scale = float(os.environ.get("QADECK_TIME_SCALE", "1"))


def fail(message):
    print("vscode test: " + message)
    sys.exit(1)


extension = os.path.join(args.source_dir, "editors", "vscode")
oracle = os.path.join(args.source_dir, "ci", "oracles", "vscode-extension", "package.json")
modules = os.path.join(args.source_dir, "third-party", "vscode-extension", "node_modules")
if not os.path.isdir(modules):
    fail(f"{modules} is missing: run ci/setup --test")

with open(os.path.join(extension, "package.json"), encoding="utf-8") as f:
    manifest = json.load(f)
with open(oracle, encoding="utf-8") as f:
    pinned = json.load(f)["dependencies"]
wanted = {**manifest["dependencies"], **manifest["devDependencies"]}
if wanted != pinned:
    fail(f"editors/vscode/package.json asks for {wanted}, ci/setup pins {pinned}")

with tempfile.TemporaryDirectory() as tmp:
    work = os.path.join(tmp, "vscode")
    shutil.copytree(extension, work, ignore=shutil.ignore_patterns("out", "node_modules", "*.vsix"))
    shutil.copytree(modules, os.path.join(work, "node_modules"), symlinks=True)
    bin_dir = os.path.join(work, "node_modules", ".bin")
    vsix = os.path.join(tmp, "qadeck.vsix")
    env = dict(os.environ, npm_config_offline="true", HOME=tmp)
    for argv in ([os.path.join(bin_dir, "tsc"), "-p", "."],
                 [os.path.join(bin_dir, "vsce"), "package", "--skip-license", "-o", vsix]):
        run = subprocess.run(argv, cwd=work, env=env, stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=120 * scale)
        if run.returncode != 0:
            fail(f"{' '.join(argv)} failed ({run.returncode}):\n" +
                 run.stdout.decode(errors="replace") + run.stderr.decode(errors="replace"))
    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        packaged = json.loads(z.read("extension/package.json"))
        compiled = z.read("extension/out/extension.js").decode()
    for name in ("extension.vsixmanifest", "extension/out/extension.js",
                 "extension/node_modules/vscode-languageclient/node.js"):
        if name not in names:
            fail(f"{name} is not in the .vsix")
    if any(n.startswith(("extension/node_modules/typescript/", "extension/node_modules/@vscode/vsce/",
                         "extension/src/")) for n in names):
        fail("the .vsix holds build tools or sources")
    if packaged["main"] != "./out/extension.js" or '"server"' not in compiled:
        fail("the packaged extension does not start `qadeck server`")
    print(f"vscode test: ok ({len(names)} files in the .vsix)")
