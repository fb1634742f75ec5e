"""Cards run no code: injection vectors collected from public lists (fixtures/xss-vectors,
see its SOURCES.md), each placed in every context a card has, exported, and checked by the
tools that decide: DOMPurify (nothing we keep is something it removes) and headless Chromium
(loaded, hovered and clicked, a card runs no script, requests only its own media and navigates
only where a click on one of its links goes). html.unsafe reports every document whose export
leaves something out."""

import json
import os
import re
import shutil
import subprocess
import tempfile

import export_e2e as e
from export_e2e import q

VECTORS = os.path.join(e.HERE, "fixtures", "xss-vectors", "vectors.jsonl")
ORACLES = os.path.join(e.HERE, "card_oracles")
CONTEXTS = ("prose", "html-block", "question")
# The export's note for a card whose HTML lost something (deck_builder.cpp).
LEFT_OUT = re.compile(r"^qadeck: warning: (.+?):\d+: left out \d+ unsafe HTML construct", re.M)


def vectors():
    with open(VECTORS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def document(vector, context):
    """A document of two questions whose first holds the vector in the given context."""
    if context == "prose":
        first = f"**1. What does this do?**\n\nIt is {vector}\n"
    elif context == "html-block":
        first = f"<p>\n<b>1. What does this do?</b><br>\n{vector}<br><br>\n</p>\n"
    else:
        first = f"**1. What does {vector} do?**\n\nSomething.\n"
    return f"# Vectors\n\n{first}\n**2. And this?**\n\nNothing.\n"


def oracle_modules(name):
    modules = os.path.join(q.SOURCE_DIR, "third-party", name, "node_modules")
    if not os.path.isdir(modules):
        raise RuntimeError(f"the {name} oracle is not installed: run ci/setup --test")
    return modules


class Corpus:
    """The vectors in every context, one document each, exported once (forced past lint)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="qadeck-vectors-")
        self.docs = os.path.join(self.dir, "docs")
        os.mkdir(self.docs)
        self.vectors = vectors()
        for i, v in enumerate(self.vectors):
            for context in CONTEXTS:
                q.write(os.path.join(self.docs, f"{i:03d}-{context}.md"), document(v["html"], context))

    def close(self):
        shutil.rmtree(self.dir, True)

    def export(self, fmt, out):
        result = q.run(["export", fmt, "docs", "-o", out, "--force"], cwd=self.dir,
                       timeout=300)
        if result.returncode != 0:
            raise AssertionError(f"export {fmt} failed: {result!r}")
        return result

    def cards(self):
        """From the Anki package: per card, its document and its front and back as the note
        type lays them out; and the package's css and media folder."""
        self.export("anki", "deck.apkg")
        apkg = e.Apkg(os.path.join(self.dir, "deck.apkg"))
        try:
            model = next(iter(apkg.models().values()))
            template = model["tmpls"][0]
            media_dir = os.path.join(self.dir, "media")
            os.mkdir(media_dir)
            for index, name in json.loads(apkg.members["media"]).items():
                with open(os.path.join(media_dir, name), "wb") as f:
                    f.write(apkg.members[index])
            names = [f["name"] for f in model["flds"]]
            cards = []
            for guid, note in sorted(apkg.notes().items(), key=lambda g: (g[1]["fields"][3], g[0])):
                fields = dict(zip(names, note["fields"]))
                front = fill(template["qfmt"], fields)
                back = fill(template["afmt"], dict(fields, FrontSide=front))
                doc = os.path.basename(fields["Source"].rsplit(":", 1)[0])
                cards.append({"id": f"{fields['Source']} {guid}", "doc": doc,
                              "front": front, "back": back,
                              "fields": [fields["Front"], fields["Back"]]})
            return cards, model["css"], media_dir
        finally:
            apkg.close()


def fill(template, fields):
    """An Anki template filled in: {{#F}}…{{/F}} kept when F is not empty, {{F}} replaced."""
    def section(m):
        return m.group(2) if fields.get(m.group(1)) else ""
    text = re.sub(r"\{\{#(\w+)\}\}(.*?)\{\{/\1\}\}", section, template, flags=re.S)
    return re.sub(r"\{\{(\w+)\}\}", lambda m: fields.get(m.group(1), ""), text)


def chromium_report(cards, css, media_dir, workdir):
    """What each card did in headless Chromium (see card_oracles/chromium_cards.js)."""
    spec = os.path.join(workdir, "cards.json")
    with open(spec, "w", encoding="utf-8") as f:
        json.dump({"css": css, "media_dir": media_dir, "batch": 150,
                   "cards": [{"id": c["id"], "front": c["front"], "back": c["back"]}
                             for c in cards]}, f)
    done = subprocess.run(["node", os.path.join(ORACLES, "chromium_cards.js"),
                           oracle_modules("puppeteer-core"), spec],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if done.returncode != 0:
        raise AssertionError("chromium_cards.js failed:\n" + done.stderr.decode("utf-8", "replace"))
    return json.loads(done.stdout)


def misbehaving(report):
    """The entries of a Chromium report that ran a script, opened a dialog, requested or
    navigated to something not theirs, or kept a forbidden element or attribute."""
    return {k: v for k, v in report.items() if any(v[key] for key in v)}


def dompurify_removals(fragments):
    """Per fragment, what DOMPurify (default configuration, jsdom) removes from it."""
    done = subprocess.run(["node", os.path.join(ORACLES, "dompurify_check.js"),
                           oracle_modules("dompurify")],
                          input=json.dumps(fragments).encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if done.returncode != 0:
        raise AssertionError("dompurify_check.js failed:\n" + done.stderr.decode("utf-8", "replace"))
    return json.loads(done.stdout)


class CardVectors(q.QadeckTestCase):
    @classmethod
    def setUpClass(cls):
        cls.corpus = Corpus()
        cls.cards, cls.css, cls.media = cls.corpus.cards()

    @classmethod
    def tearDownClass(cls):
        cls.corpus.close()

    def test_the_corpus_is_what_the_lists_hold(self):
        self.assertGreaterEqual(len(self.corpus.vectors), 150)
        documents = [n for n in os.listdir(self.corpus.docs) if n.endswith(".md")]
        self.assertEqual(len(documents), 3 * len(self.corpus.vectors))
        self.assertGreaterEqual(len(self.cards), 2 * 3 * len(self.corpus.vectors))

    def test_dompurify_removes_nothing_we_keep(self):
        fragments = [(c["id"], which, html) for c in self.cards
                     for which, html in zip(("front", "back"), c["fields"])]
        removals = dompurify_removals([html for _, _, html in fragments])
        kept = [f"{card} {which}: {removed} in {html[:200]!r}"
                for (card, which, html), removed in zip(fragments, removals) if removed]
        self.assertEqual(kept, [], f"{len(kept)} fields keep what DOMPurify removes")

    def test_cards_run_no_script_in_chromium(self):
        report = chromium_report(self.cards, self.css, self.media, self.corpus.dir)
        self.assertEqual(len([k for k in report if not k.startswith("batch ")]), len(self.cards))
        self.assertEqual(misbehaving(report), {})

    def test_html_unsafe_reports_every_document_whose_export_changes(self):
        result = self.corpus.export("json", "deck.json")
        changed = {os.path.basename(p) for p in LEFT_OUT.findall(result.stderr)}
        lint = q.run(["lint", "docs", "--select", "html.unsafe", "--format",
                      "json", "--no-cache"], cwd=self.corpus.dir, timeout=300)
        self.assertIn(lint.returncode, (0, 1), repr(lint))
        reported = {os.path.basename(d["path"]) for d in json.loads(lint.stdout)["diagnostics"]}
        self.assertTrue(changed, "no vector was left out: the corpus tests nothing")
        self.assertEqual(sorted(changed - reported), [], "exported changed, lint quiet")
        self.assertEqual(sorted(reported - changed), [], "lint reported, export unchanged")


class TitlesAreText(q.QadeckTestCase):
    """HTML in the front-matter title and in headings becomes the text a browser shows, in
    the JSON title, deck and section title and in the Anki deck names."""

    DOCUMENT = (
        "---\n"
        "title: \"<img src=x onerror=alert(1)>Intro &amp; <b>more</b>\"\n"
        "---\n\n"
        "## <b>Basics</b> <script>alert(2)</script>\n\n"
        "<b>1. Q?</b><br>\nA.\n\n<b>2. R?</b><br>\nB.\n")

    def test_json_and_anki_hold_text(self):
        q.write(self.path("t.md"), self.DOCUMENT)
        self.assertExit(self.qadeck("export", "json", "t.md", "-o", "t.json", "--force"), 0)
        with open(self.path("t.json"), encoding="utf-8") as f:
            deck = json.load(f)
        self.assertEqual(deck["title"], "Intro & more")
        self.assertEqual({c["deck"] for c in deck["cards"]}, {"Intro & more::Basics"})
        self.assertEqual({c["section"]["title"] for c in deck["cards"]}, {"Basics"})
        self.assertExit(self.qadeck("export", "anki", "t.md", "-o", "t.apkg", "--force"), 0)
        apkg = e.Apkg(self.path("t.apkg"))
        try:
            decks = json.loads(apkg.db.execute("select decks from col").fetchone()[0])
        finally:
            apkg.close()
        names = sorted(d["name"] for d in decks.values())
        self.assertIn("Intro & more::Basics", names)
        self.assertFalse([n for n in names if "<" in n], names)


if __name__ == "__main__":
    q.main()
