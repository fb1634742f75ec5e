"""What a user meets around the linter: `qadeck --version`, the shell completions (run by
bash and fish themselves; zsh checks the syntax), the man page (rendered by man), and git
refusing a checkout owned by another user."""

import gzip
import json
import os
import re
import shutil
import subprocess

import qadeck_e2e as q


def build_dir():
    return os.path.dirname(os.path.dirname(q.QADECK))


def static_build():
    """Whether the build links libstdc++ and the parser libraries statically."""
    with open(os.path.join(build_dir(), "CMakeCache.txt"), encoding="utf-8") as f:
        return re.search(r"^QADECK_STATIC_LIBS:BOOL=(ON|TRUE|1)$", f.read(), re.M) is not None


def subcommands():
    """The subcommands `qadeck --help` lists: what the completions must offer."""
    help_text = q.run(["--help"]).stdout
    listing = help_text[help_text.index("Subcommands:"):]
    return sorted(re.findall(r"^  (\S+)", listing, re.M))


class Version(q.QadeckTestCase):
    def version(self, **env):
        result = self.qadeck("--version", env=q.base_env(**env))
        self.assertExit(result, 0)
        return result.stdout.splitlines()

    def test_names_the_version_commit_and_libraries(self):
        lines = self.version()
        with open(os.path.join(q.SOURCE_DIR, "CMakeLists.txt"), encoding="utf-8") as f:
            project = re.search(r"project\(qadeck VERSION (\S+)", f.read()).group(1)
        self.assertEqual(lines[0], f"qadeck {project}")
        self.assertRegex(lines[1], r"^commit ([0-9a-f]{12}(-modified)?|unknown)$")
        if q.git_available() and lines[1] != "commit unknown":
            head = subprocess.run(["git", "-C", q.SOURCE_DIR, "rev-parse", "--short=12", "HEAD"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True, timeout=q.TIMEOUT)
            if head.returncode == 0:
                # The commit of the build: the tree may have moved on since, not back.
                self.assertRegex(lines[1], r"^commit [0-9a-f]{12}")
        with open(os.path.join(q.SOURCE_DIR, "third-party", "tree-sitter-markdown",
                               "package.json"), encoding="utf-8") as f:
            grammar = json.load(f)["version"]
        self.assertRegex(lines[2], r"^tree-sitter \d+\.\d+\.\d+, grammar tree-sitter-markdown "
                         + re.escape(grammar) + "$")
        cmark = subprocess.run(["pkg-config", "--modversion", "libcmark-gfm"],
                               stdout=subprocess.PIPE, text=True, timeout=q.TIMEOUT)
        self.assertEqual(lines[3], f"cmark-gfm {cmark.stdout.strip()}")
        self.assertRegex(lines[4], r"^link checking: (yes \(libcurl/[0-9.]+\)|no \(.+\))$")

    def test_says_whether_pdf_export_can_run(self):
        tools = self.path("tools")
        os.makedirs(tools)
        self.assertEqual(self.version(PATH=tools)[5],
                         "pdf export: no (pandoc is not installed; see qadeck(1))")
        for name in ("pandoc", "xelatex"):
            q.write(os.path.join(tools, name), "#!/bin/sh\nexit 0\n", mode=0o755)
        self.assertEqual(self.version(PATH=tools)[5],
                         f"pdf export: yes ({tools}/pandoc, {tools}/xelatex)")
        os.remove(os.path.join(tools, "xelatex"))
        self.assertEqual(self.version(PATH=tools)[5],
                         "pdf export: no (xelatex is not installed; see qadeck(1))")

    def loaded(self, *args, text=q.CLEAN):
        """The libraries the dynamic loader opened for `qadeck ARGS` (LD_DEBUG=libs)."""
        result = self.qadeck(*args, input=text, env=q.base_env(LD_DEBUG="libs"))
        self.assertIn(result.returncode, (0, 1), repr(result))
        return set(re.findall(r"calling init: \S*/(lib[^/\s]+?)\.so", result.stderr))

    def test_lint_loads_no_library_only_export_or_link_checks_need(self):
        # Every library loaded costs every run its relocation: the hook's lint loads neither
        # libcurl (--version looks for it) nor the Anki export's SQLite and libzip, which
        # pull in libcrypto; export loads those two when it writes a package.
        export_only = {"libcurl", "libsqlite3", "libzip", "libcrypto"}
        self.assertEqual(self.loaded("lint", "--stdin") & export_only, set())
        self.assertEqual(self.loaded("--help") & export_only, set())
        # cld2 is compiled in: a lint whose answers are long enough for it to detect their
        # language loads no libcld2, nor (in a static build) the shared libstdc++ it would need.
        prose = ("<b>1. What does a language detector need?</b><br>\n"
                 "It needs a few sentences of ordinary prose, written in one language, before "
                 "its guess about that language can be trusted at all.\n")
        detecting = self.loaded("lint", "--stdin", "--select", "language", text=prose)
        self.assertNotIn("libcld2", detecting)
        if static_build():
            self.assertNotIn("libstdc++", detecting)
        self.assertIn("libcurl", self.loaded("--version"))
        q.write(self.path("notes.md"), q.CLEAN)
        self.assertLessEqual({"libsqlite3", "libzip"},
                             self.loaded("export", "anki", "notes.md", "-o", "notes.apkg"))
        self.assertTrue(os.path.isfile(self.path("notes.apkg")))


class Completions(q.QadeckTestCase):
    def script(self, shell):
        result = self.qadeck("completion", shell)
        self.assertExit(result, 0)
        return q.write(self.path(f"completion.{shell}"), result.stdout)

    def bash(self, line):
        """What bash offers for `line` (the last word is being completed)."""
        words = line.split(" ")
        program = (f'source "$1"; COMP_WORDS=({" ".join(repr(w) for w in words)}); '
                   f"COMP_CWORD={len(words) - 1}; _qadeck; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        result = subprocess.run(["bash", "--norc", "-c", program, "bash", self.script("bash")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                timeout=q.TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return sorted(filter(None, result.stdout.splitlines()))

    def fish(self, line):
        if not shutil.which("fish"):
            self.fail("fish is missing: run ci/setup --test")
        result = subprocess.run(
            ["fish", "--no-config", "-c", f'source $argv[1]; complete -C "{line}"',
             self.script("fish")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=q.TIMEOUT,
            cwd=self.tmp, env=q.base_env(HOME=self.tmp, XDG_CONFIG_HOME=self.tmp))
        self.assertEqual(result.returncode, 0, result.stderr)
        return sorted(line.split("\t")[0] for line in result.stdout.splitlines() if line)

    def test_bash(self):
        names = subcommands()
        self.assertIn("completion", names)
        self.assertEqual([w for w in self.bash("qadeck ") if not w.startswith("-")], names)
        self.assertEqual(self.bash("qadeck li"), ["lint"])
        self.assertIn("--format", self.bash("qadeck lint --fo"))
        self.assertEqual(self.bash("qadeck lint --format "), ["github", "human", "json", "sarif"])
        self.assertEqual(self.bash("qadeck lint -j 4 --fail-on w"), ["warning"])
        self.assertEqual(self.bash("qadeck export "), ["anki", "json", "pdf"])
        self.assertEqual(self.bash("qadeck export --title x "), ["anki", "json", "pdf"])
        self.assertEqual(self.bash("qadeck export pdf "), [])  # file names: bash's default
        self.assertEqual(self.bash("qadeck completion "), ["bash", "fish", "zsh"])

    def test_fish(self):
        self.assertEqual([w for w in self.fish("qadeck ") if not w.startswith("-")],
                         subcommands())
        self.assertEqual(self.fish("qadeck lint --format "), ["github", "human", "json", "sarif"])
        self.assertIn("--changed-since", self.fish("qadeck lint --ch"))
        self.assertEqual(self.fish("qadeck export "), ["anki", "json", "pdf"])
        q.write(self.path("notes.md"), q.CLEAN)
        self.assertIn("notes.md", self.fish("qadeck export anki "))
        self.assertEqual(self.fish("qadeck completion "), ["bash", "fish", "zsh"])

    def test_zsh_parses_it(self):
        # Driving zsh's completion system needs a terminal (zpty); its parser is checked here.
        if not shutil.which("zsh"):
            self.fail("zsh is missing: run ci/setup --test")
        script = self.script("zsh")
        result = subprocess.run(["zsh", "-n", script], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, timeout=q.TIMEOUT)
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        with open(script, encoding="utf-8") as f:
            text = f.read()
        self.assertTrue(text.startswith("#compdef qadeck\n"))
        for name in subcommands():
            self.assertIn(f"\n        {name})\n", text)
        self.assertIn("'--format[Output format]:value:(human json sarif github)'", text)

    def test_the_build_installs_what_the_command_prints(self):
        folder = os.path.join(build_dir(), "tools", "qadeck", "completions")
        for shell, name in (("bash", "qadeck"), ("zsh", "_qadeck"), ("fish", "qadeck.fish")):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                self.assertEqual(f.read(), self.qadeck("completion", shell).stdout)

    def test_an_unknown_shell_is_a_usage_error(self):
        result = self.qadeck("completion", "tcsh")
        self.assertExit(result, 2)
        self.assertIn("tcsh", result.stderr)


class ManPage(q.QadeckTestCase):
    def test_man_renders_it(self):
        page = os.path.join(build_dir(), "tools", "qadeck", "qadeck.1.gz")
        if not os.path.exists(page):
            self.fail(f"{page} is missing: pandoc makes it (ci/setup --package)")
        with gzip.open(page, "rt", encoding="utf-8") as f:
            self.assertIn(".TH \"QADECK\" \"1\"", f.read())
        result = subprocess.run(["man", "--warnings", "-l", page], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, timeout=q.TIMEOUT,
                                env=q.base_env(MANWIDTH="100", MAN_KEEP_FORMATTING="0"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        text = re.sub(".\b", "", result.stdout)
        for command in subcommands():
            self.assertIn(f"qadeck {command}", text)
        self.assertIn("EXIT STATUS", text)


class Setup(q.QadeckTestCase):
    def test_the_grammar_comes_from_the_configured_registry_and_is_checked(self):
        # A copy of ci/setup in a scratch checkout, pointed at a registry on 127.0.0.1 that
        # serves a tarball other than the pinned one: it must be refused by its hash.
        from test_action import Server
        shutil.copytree(os.path.join(q.SOURCE_DIR, "ci"), self.path("checkout", "ci"))
        www = self.path("www")
        tarball = os.path.join(www, "@tree-sitter-grammars", "tree-sitter-markdown", "-",
                               "tree-sitter-markdown-0.3.2.tgz")
        q.write(tarball, b"not the grammar")
        server = Server(www)
        self.addCleanup(server.close)
        env = q.base_env(npm_config_registry=server.url + "/", PATH="/usr/sbin:/usr/bin:/sbin:/bin")
        env.pop("NPM_CONFIG_REGISTRY", None)
        result = subprocess.run([self.path("checkout", "ci", "setup")], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                timeout=q.TIMEOUT)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(server.requested,
                         ["/@tree-sitter-grammars/tree-sitter-markdown/-/tree-sitter-markdown-0.3.2.tgz"])
        self.assertIn("ci/setup: integrity check failed for "
                      "@tree-sitter-grammars/tree-sitter-markdown@0.3.2", result.stderr)
        self.assertFalse(os.path.exists(self.path("checkout", "third-party")))


class Install(q.QadeckTestCase):
    def test_cmake_install_honours_the_prefix(self):
        prefix = self.path("prefix")
        result = subprocess.run(["cmake", "--install", build_dir(), "--prefix", prefix],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                timeout=q.TIMEOUT)
        self.assertEqual(result.returncode, 0, result.stdout)
        installed = sorted(os.path.relpath(os.path.join(folder, f), prefix)
                           for folder, _, files in os.walk(prefix) for f in files)
        # A static build carries the notices of the libraries linked into it.
        notices = [f"share/doc/qadeck/linked/{package}.copyright" for package in
                   ("libcmark-gfm-dev", "libgumbo-dev", "libtree-sitter-dev", "libyaml-cpp-dev")]
        self.assertEqual(installed, sorted(["bin/qadeck",
                                            "share/bash-completion/completions/qadeck",
                                            "share/fish/vendor_completions.d/qadeck.fish",
                                            "share/man/man1/qadeck.1.gz",
                                            "share/zsh/vendor-completions/_qadeck",
                                            "share/doc/qadeck/linked/cld2.LICENSE",
                                            *(notices if static_build() else [])]))
        version = subprocess.run([os.path.join(prefix, "bin", "qadeck"), "--version"],
                                 stdout=subprocess.PIPE, text=True, timeout=q.TIMEOUT)
        self.assertEqual(version.stdout.splitlines()[0], q.run(["--version"]).stdout.splitlines()[0])


class DubiousOwnership(q.QadeckTestCase):
    """GitHub's container jobs: root, a checkout owned by another uid, a HOME without git
    configuration. git refuses the repository; qadeck must say so in git's words instead of
    linting what git ignores, or calling it "not a work tree"."""

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("needs root, to give the checkout to another user")
        if not q.git_available():
            self.fail("git is missing: run ci/setup")
        self.repo = self.path("checkout")
        os.makedirs(self.repo)
        q.git(self.repo, "init", "-q")
        q.write(os.path.join(self.repo, "notes.md"), q.CLEAN)
        q.write(os.path.join(self.repo, "ignored.md"), q.GAP)
        q.write(os.path.join(self.repo, ".gitignore"), "ignored.md\n")
        q.git(self.repo, "add", "-A")
        q.git(self.repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
        for folder, _, files in os.walk(self.repo):
            for name in [folder, *(os.path.join(folder, f) for f in files)]:
                os.lchown(name, 1001, 1001)
        self.home = self.path("home")
        os.makedirs(self.home)
        real = os.path.realpath(self.repo)
        self.expected = (f"git refused: detected dubious ownership in repository at '{real}' "
                         f"(run: git config --global --add safe.directory {real})")

    def lint(self, *args):
        return self.qadeck("lint", *args, *q.NUMBERING, cwd=self.repo,
                           env=q.base_env(HOME=self.home, XDG_CONFIG_HOME=self.home))

    def test_a_folder_walk_says_why(self):
        result = self.lint(".")
        self.assertExit(result, 2)
        self.assertIn(f"qadeck: .: {self.expected}\n", result.stderr)
        self.assertNotIn("ignored.md", result.stdout)

    def test_changed_since_says_why(self):
        result = self.lint("--changed-since", "HEAD", "notes.md")
        self.assertExit(result, 2)
        self.assertIn(f"qadeck: --changed-since: {self.expected}\n", result.stderr)
        self.assertNotIn("not in one", result.stderr)

    def test_the_suggested_command_lifts_it(self):
        subprocess.run(["git", "config", "--global", "--add", "safe.directory",
                        os.path.realpath(self.repo)], check=True, timeout=q.TIMEOUT,
                       env=q.base_env(HOME=self.home, XDG_CONFIG_HOME=self.home))
        result = self.lint(".")
        self.assertExit(result, 0)
        self.assertEqual(result.stderr, "")
        result = self.lint("--changed-since", "HEAD", ".")
        self.assertExit(result, 0)


if __name__ == "__main__":
    q.main()
