"""What the export end-to-end tests share, on top of tests/e2e/qadeck_e2e.py."""

import atexit
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))

import qadeck_e2e as q  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BILINGUAL = os.path.join(HERE, "fixtures", "bilingual.md")


def seed():
    return os.path.join(q.SHARED_DIR, "seed", "deep-learning-qa.md")


def content():
    """A fresh copy of the repository's content/: an export writes the identity file beside
    the project it reads, and tests must neither change the repository nor share that file."""
    root = tempfile.mkdtemp(prefix="qadeck-content-")
    atexit.register(shutil.rmtree, root, True)
    shutil.copytree(os.path.join(q.SOURCE_DIR, "content"), os.path.join(root, "content"))
    return os.path.join(root, "content")


def apkg_check(path, expect_notes=None):
    """Runs the shared verifier in --strict mode; returns (exit code, output)."""
    argv = [sys.executable, os.path.join(q.SHARED_DIR, "tools", "apkg_check.py"), "--strict", path]
    if expect_notes is not None:
        argv += ["--expect-notes", str(expect_notes)]
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    return done.returncode, done.stdout.decode("utf-8", "replace")


def generate_corpus(out, files, questions, seed_value, defect_rate=0.0):
    """A generated corpus; returns the number of questions it holds."""
    subprocess.run([sys.executable, os.path.join(q.SHARED_DIR, "tools", "gen_corpus.py"),
                    "--out", out, "--files", str(files), "--questions", str(questions),
                    "--seed", str(seed_value), "--defect-rate", str(defect_rate)],
                   check=True, stdout=subprocess.DEVNULL, timeout=120)
    with open(os.path.join(out, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    return sum(entry["questions"] for entry in truth["files"])


class Apkg:
    """An exported package opened for reading: its members and its collection."""

    def __init__(self, path):
        with zipfile.ZipFile(path) as zf:
            self.members = {name: zf.read(name) for name in zf.namelist()}
        self._dir = tempfile.TemporaryDirectory(prefix="qadeck-apkg-")
        db = os.path.join(self._dir.name, "collection.anki2")
        with open(db, "wb") as f:
            f.write(self.members["collection.anki2"])
        self.db = sqlite3.connect(db)

    def close(self):
        self.db.close()
        self._dir.cleanup()

    def notes(self):
        """guid -> {id, mid, mod, fields}"""
        out = {}
        for guid, nid, mid, mod, flds in self.db.execute(
                "select guid, id, mid, mod, flds from notes"):
            out[guid] = {"id": nid, "mid": mid, "mod": mod, "fields": flds.split("\x1f")}
        return out

    def models(self):
        return json.loads(self.db.execute("select models from col").fetchone()[0])


def pdf_text(path):
    """The PDF's text (pdftotext), NFKC-normalised so that math italic letters read as letters."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], stdout=subprocess.PIPE,
                          check=True, timeout=60)
    return unicodedata.normalize("NFKC", done.stdout.decode("utf-8"))


def squeeze(text):
    """Letters and digits only, lower case: what survives line breaking and hyphenation."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())
