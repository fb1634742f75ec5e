"""`qadeck export pdf`: pandoc and xelatex make the PDF; its text (pdftotext) must hold every
question, the math and the Chinese. These tests run xelatex and take seconds each: ctest
labels them "pdf" and runs the classes in parallel."""

import os
import shutil
import signal
import stat
import subprocess
import time
import unicodedata
import xml.etree.ElementTree as ET

import export_e2e as e
from export_e2e import q


def flatten(text):
    """NFKC (as pdf_text gives it: math italic as letters, full-width punctuation as ASCII),
    without white space, which line breaking moves."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def fake_program(path, script):
    q.write(path, "#!/bin/sh\n" + script)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)


class PdfSeed(q.QadeckTestCase):
    def test_every_question_the_math_and_the_chinese(self):
        result = self.qadeck("export", "pdf", e.seed(), "-o", "seed.pdf", "--keep-intermediate",
                             timeout=300)
        self.assertExit(result, 0)
        self.assertTrue(q.read_bytes(self.path("seed.pdf")).startswith(b"%PDF"))
        text = e.pdf_text(self.path("seed.pdf"))
        squeezed = e.squeeze(text)
        inspected = self.qadeck("inspect", e.seed(), "--format", "json")
        import json
        items = json.loads(inspected.stdout)["items"]
        self.assertEqual(len(items), 25)
        for item in items:
            self.assertIn(e.squeeze(item["number"] + ". " + item["question"]), squeezed,
                          item["question"])
        # The display math of question 25, typeset (math italic reads as letters after NFKC).
        flat = flatten(text)
        self.assertIn("w=w−", flat)
        self.assertIn("2αw=(1−2α)w−", flat)
        self.assertIn("▿", flat)
        # The Chinese answers and the stray Chinese line of the seed.
        self.assertIn("输入遮挡", flat)
        self.assertIn("激活最大化", flat)
        self.assertIn(flatten("比较批处理，小批处理和随机梯度下降"), flat)
        # The intermediate was kept, and keeps the math as written.
        with open(self.path("seed.pandoc.md"), encoding="utf-8") as f:
            intermediate = f.read()
        self.assertIn("$$w = w - \\triangledown C(w) - 2\\alpha w", intermediate)
        self.assertIn("CJKmainfont: Noto Serif CJK SC", intermediate)


class PdfBilingual(q.QadeckTestCase):
    def test_english_chinese_and_math(self):
        result = self.qadeck("export", "pdf", e.BILINGUAL, "-o", "b.pdf", timeout=300)
        self.assertExit(result, 0)
        self.assertFalse(os.path.exists(self.path("b.pandoc.md")))
        flat = flatten(e.pdf_text(self.path("b.pdf")))
        for phrase in ("Bilingual notes 双语笔记", "1 Optimisation 优化", "2 Regularisation 正则化",
                       "1. What does gradient descent do? 梯度下降做什么？",
                       "2. Why normalise the inputs? 为什么要归一化输入？",
                       "3. What is weight decay? 什么是权重衰减？",
                       "中文：沿着梯度的反方向更新参数。",
                       "中文：损失曲面更圆，一个学习率适用于所有方向。",
                       "中文：在损失中加入权重的平方范数，每一步都会缩小权重。",
                       "θ←θ−η∇θL", "κ=λmaxλmin"):
            self.assertIn(flatten(phrase), flat)


LINKS = (
    "# Links\n"
    "\n"
    "## 1 Basics\n"
    "\n"
    "### 1. What is <i>this</i> H<sub>2</sub>O?\n"
    "\n"
    "See [the other file](other.md#part), [the section](#1-basics), <kbd>Ctrl</kbd>,\n"
    "x<sup>a b</sup>, <mark>hot</mark>, <code>int</code>, <em>stressed</em> and\n"
    "<a href=\"other.md\">more</a>.\n"
    "\n"
    "### 2. What links to the first question?\n"
    "\n"
    "[Back to it](#1-what-is-this-h2o).\n"
)


def pdf_runs(path):
    """The PDF's text runs as pdftohtml -xml reads them: (text, font family, size, bold,
    italic, link target)."""
    done = subprocess.run(["pdftohtml", "-xml", "-stdout", "-i", path], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, check=True, timeout=60)
    root = ET.fromstring(done.stdout)
    fonts = {f.get("id"): (f.get("family").split("+")[-1], int(f.get("size")))
             for f in root.iter("fontspec")}
    runs = []
    for t in root.iter("text"):
        family, size = fonts[t.get("font")]
        link = next((a.get("href") for a in t.iter("a")), None)
        runs.append(("".join(t.itertext()).strip(), family, size, t.find(".//b") is not None,
                     t.find(".//i") is not None, link))
    return runs


class PdfLinksAndInline(q.QadeckTestCase):
    def test_inline_formatting_and_links_survive(self):
        q.write(self.path("notes.md"), LINKS)
        q.write(self.path("other.md"), "## part\n")
        q.write(self.path(".qadeck.yml"),
                "export:\n  base_url: https://example.org/repo/blob/main\n")
        result = self.qadeck("export", "pdf", "notes.md", "-o", "notes.pdf", timeout=300)
        self.assertExit(result, 0)
        runs = {r[0]: r for r in pdf_runs(self.path("notes.pdf"))}
        body = runs["See"][2]
        self.assertTrue(runs["this"][4], runs["this"])            # <i>
        self.assertTrue(runs["stressed"][4], runs["stressed"])    # <em>
        self.assertTrue(runs["hot"][3], runs["hot"])              # <mark>: bold
        self.assertIn("Mono", runs["Ctrl"][1])                    # <kbd>
        self.assertIn("Mono", runs["int"][1])                     # <code>
        self.assertLess(runs["2"][2], body)                       # <sub>
        self.assertLess(runs["a b"][2], body)                     # <sup>, its space kept
        # A relative .md link points under base_url; same-document anchors stay in the PDF.
        self.assertEqual(runs["the other file"][5], "https://example.org/repo/blob/main/other.md#part")
        self.assertEqual(runs["more"][5], "https://example.org/repo/blob/main/other.md")
        for name in ("the section", "Back to it"):
            target = runs[name][5]
            self.assertTrue(target and target.startswith("notes.html#"), runs[name])

    def test_without_base_url_md_links_are_plain_text(self):
        q.write(self.path("notes.md"), LINKS)
        q.write(self.path("other.md"), "## part\n")
        self.assertExit(self.qadeck("export", "pdf", "notes.md", "-o", "notes.pdf", timeout=300), 0)
        runs = {r[0]: r for r in pdf_runs(self.path("notes.pdf"))}
        texts = " ".join(runs)
        self.assertIn("the other file", texts)
        self.assertFalse(any(r[5] and "other.md" in r[5] for r in runs.values()), runs)


class PdfReproducible(q.QadeckTestCase):
    def test_pinned_time_gives_identical_bytes(self):
        env = q.base_env(SOURCE_DATE_EPOCH="1700000000")
        for name in ("a.pdf", "b.pdf"):
            self.assertExit(self.qadeck("export", "pdf", e.content(), "-o", name, "-q", env=env,
                                        timeout=300), 0)
        self.assertEqual(q.read_bytes(self.path("a.pdf")), q.read_bytes(self.path("b.pdf")))


class PdfTools(q.QadeckTestCase):
    """What happens without pandoc or xelatex, or when pandoc fails: no xelatex runs here."""

    def bin_with(self, **programs):
        folder = self.path("bin")
        os.makedirs(folder, exist_ok=True)
        for name, script in programs.items():
            fake_program(os.path.join(folder, name), script)
        return folder

    def test_missing_pandoc_says_what_to_install(self):
        folder = self.bin_with(xelatex="exit 0\n")
        result = self.qadeck("export", "pdf", e.seed(), "-o", "x.pdf", "-q",
                             env=q.base_env(PATH=folder))
        self.assertExit(result, 2)
        self.assertIn("pandoc is not installed", result.stderr)
        self.assertIn("apt-get install pandoc", result.stderr)
        self.assertFalse(os.path.exists(self.path("x.pdf")))

    def test_missing_xelatex_says_what_to_install(self):
        folder = self.bin_with(pandoc="exit 0\n")
        result = self.qadeck("export", "pdf", e.seed(), "-o", "x.pdf", "-q",
                             env=q.base_env(PATH=folder))
        self.assertExit(result, 2)
        self.assertIn("xelatex", result.stderr)
        self.assertIn("texlive-xetex", result.stderr)

    def test_failing_pandoc_leaves_the_earlier_pdf_untouched(self):
        # A pandoc that writes half a PDF where it was told to, then fails.
        folder = self.bin_with(
            xelatex="exit 0\n",
            pandoc='for a in "$@"; do case "$a" in --output=*) printf "%%PDF-1.5 half" '
                   '> "${a#--output=}";; esac; done\necho "! LaTeX Error: boom" >&2\nexit 43\n')
        q.write(self.path("x.pdf"), b"%PDF earlier")
        result = self.qadeck("export", "pdf", e.seed(), "-o", "x.pdf", "-q",
                             env=q.base_env(PATH=folder))
        self.assertExit(result, 2)
        self.assertIn("pandoc failed (exit 43)", result.stderr)
        self.assertIn("LaTeX Error: boom", result.stderr)
        self.assertEqual(q.read_bytes(self.path("x.pdf")), b"%PDF earlier")
        self.assertEqual(sorted(os.listdir(self.tmp)), ["bin", "x.pdf"])

    def test_pandoc_gets_the_intermediate_and_the_engine(self):
        folder = self.bin_with(
            xelatex="exit 0\n",
            pandoc='echo "$@" > "$ARGS"\nfor a in "$@"; do case "$a" in --output=*) '
                   'printf "%%PDF-1.5 fake" > "${a#--output=}";; *.md) /bin/cp "$a" "$COPY";; esac; '
                   'done\n')
        env = q.base_env(PATH=folder, ARGS=self.path("args"), COPY=self.path("copy.md"))
        result = self.qadeck("export", "pdf", e.seed(), "-o", "x.pdf", "--keep-intermediate",
                             env=env)
        self.assertExit(result, 0)
        with open(self.path("args"), encoding="utf-8") as f:
            args = f.read()
        self.assertIn("--pdf-engine=xelatex", args)
        self.assertIn("--resource-path=", args)
        self.assertEqual(q.read_bytes(self.path("copy.md")), q.read_bytes(self.path("x.pandoc.md")))
        self.assertEqual(q.read_bytes(self.path("x.pdf")), b"%PDF-1.5 fake")

    def test_pandoc_gets_no_raw_tex_and_xelatex_no_shell_escape(self):
        folder = self.bin_with(xelatex="exit 0\n",
                               pandoc='echo "$@" > "$ARGS"\n/usr/bin/env > "$ENVOUT"\nexit 1\n')
        env = q.base_env(PATH=folder, ARGS=self.path("args"), ENVOUT=self.path("env"),
                         openin_any="a")
        self.qadeck("export", "pdf", e.seed(), "-o", "x.pdf", "-q", "--force", env=env)
        with open(self.path("args"), encoding="utf-8") as f:
            args = f.read()
        self.assertIn("--from=markdown-raw_tex-raw_attribute", args)
        self.assertIn("--pdf-engine-opt=-no-shell-escape", args)
        with open(self.path("env"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertIn("openin_any=p", lines)
        self.assertIn("openout_any=p", lines)
        self.assertNotIn("openin_any=a", lines)


class PdfRawTex(q.QadeckTestCase):
    """Author TeX beyond math never runs: raw TeX in prose and ```{=latex} blocks stay text, math
    with file primitives is refused (--force too), and what gets past both meets xelatex with
    kpathsea's paranoid file access."""

    SECRET = "SECRETTOKEN4711"

    def setUp(self):
        super().setUp()
        self.secret = self.path("secret.tex")
        q.write(self.secret, self.SECRET + "\n")

    def leaked(self, pdf):
        text = e.pdf_text(pdf)
        found = [self.SECRET] if self.SECRET in text else []
        try:
            with open("/etc/hostname", encoding="utf-8") as f:
                host = f.read().strip()
        except OSError:
            host = ""
        # Only a name no template word could be: the test machine's is a long random one.
        if len(host) >= 8 and host in text:
            found.append("/etc/hostname")
        if "root:x:0:0" in text:
            found.append("/etc/passwd")
        return found

    def test_raw_tex_and_latex_blocks_stay_text(self):
        q.write(self.path("doc.md"),
                "# Raw TeX\n\n**1. What does the file say?**\n\n"
                f"Nothing: \\input{{{self.secret}}} and \\input{{/etc/hostname}} are text.\n\n"
                "```{=latex}\n"
                "\\catcode`\\^^M=13 \\input{/etc/passwd} \\input{" + self.secret + "}\n"
                "```\n\n**2. And math?**\n\nOnly $\\frac{1}{2}$.\n")
        result = self.qadeck("export", "pdf", "doc.md", "-o", "doc.pdf", timeout=300)
        self.assertExit(result, 0)
        self.assertEqual(self.leaked(self.path("doc.pdf")), [])
        text = e.pdf_text(self.path("doc.pdf"))
        self.assertIn("\\input{/etc/hostname}", text)  # shown as written
        self.assertIn("catcode", text)

    def test_file_primitives_in_math_are_refused_even_with_force(self):
        q.write(self.path("doc.md"),
                "# Math\n\n**1. What does the file say?**\n\n"
                f"It says $\\input{{{self.secret}}}$ and $\\input{{/etc/hostname}}$.\n")
        lint = self.qadeck("lint", "doc.md")
        self.assertExit(lint, 1)
        self.assertIn("[math.unsafe-command]", lint.stdout)
        for force in ([], ["--force"]):
            result = self.qadeck("export", "pdf", "doc.md", "-o", "doc.pdf", *force, timeout=300)
            self.assertExit(result, 1)
            self.assertIn("`\\input` reads a file", result.stderr)
            self.assertFalse(os.path.exists(self.path("doc.pdf")))
        # Turning the rule off does not turn the refusal off.
        q.write(self.path(".qadeck.yml"), "rules:\n  math.unsafe-command: off\n")
        result = self.qadeck("export", "pdf", "doc.md", "-o", "doc.pdf", timeout=300)
        self.assertExit(result, 1)
        self.assertIn("qadeck: error: doc.md:5: `\\input` reads a file", result.stderr)
        self.assertIn("refused, with --force too", result.stderr)
        self.assertFalse(os.path.exists(self.path("doc.pdf")))

    def test_math_outside_cards_meets_paranoid_file_access(self):
        # A section title is no card: its math reaches xelatex, whose kpathsea refuses the
        # absolute path.
        q.write(self.path("doc.md"),
                f"# Titles\n\n## 1. Basics $\\input{{{self.secret}}}$\n\n"
                "**1. A question?**\n\nAn answer.\n\n**2. Another?**\n\nAnother answer.\n")
        result = self.qadeck("export", "pdf", "doc.md", "-o", "doc.pdf", "--force",
                             "--keep-intermediate", timeout=300)
        with open(self.path("doc.pandoc.md"), encoding="utf-8") as f:
            self.assertIn("$\\input{" + self.secret + "}$", f.read())
        self.assertExit(result, 2)
        self.assertIn("openin_any = p", result.stderr)
        self.assertFalse(os.path.exists(self.path("doc.pdf")))


class PdfInterrupted(q.QadeckTestCase):
    """SIGINT or SIGTERM while pandoc runs: the scratch folder goes, and pandoc with it."""

    def test_signals_leave_nothing_behind(self):
        folder = self.path("bin")
        os.makedirs(folder)
        ready = self.path("pandoc-started")
        # A pandoc that fills its working folder, says so, and waits to be interrupted.
        fake_program(os.path.join(folder, "pandoc"),
                     "mkdir -p tex2pdf/sub && echo x > tex2pdf/sub/deck.tex && touch " + ready +
                     "\nexec sleep 60\n")
        fake_program(os.path.join(folder, "xelatex"), "exit 0\n")
        tmp = self.path("tmp")
        os.makedirs(tmp)
        env = q.base_env(PATH=folder + os.pathsep + os.environ.get("PATH", ""), TMPDIR=tmp)
        for sig in (signal.SIGINT, signal.SIGTERM):
            if os.path.exists(ready):
                os.remove(ready)
            proc = subprocess.Popen([q.QADECK, "export", "pdf", e.seed(), "-o", "x.pdf", "-q"],
                                    cwd=self.path(), env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            for _ in range(600):
                if os.path.exists(ready) or proc.poll() is not None:
                    break
                time.sleep(0.05)
            self.assertTrue(os.path.exists(ready), "the fake pandoc never started")
            self.assertTrue(os.listdir(tmp))
            proc.send_signal(sig)
            proc.communicate(timeout=30)
            self.assertEqual(proc.returncode, -sig)
            self.assertEqual(os.listdir(tmp), [], sig)
            self.assertFalse(os.path.exists(self.path("x.pdf")))


if __name__ == "__main__":
    if shutil.which("pdftotext") is None:
        raise SystemExit("pdftotext is missing; run ci/setup")
    q.main()
