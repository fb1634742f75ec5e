"""Link checking end to end: `qadeck lint --links all` against ../shared/tools/link_server.py
(a local HTTP server on 127.0.0.1), the cache, --links off/local, the config's `links`
settings, exit codes and the progress bar."""

import json
import os
import pty
import subprocess
import sys
import time
import urllib.request

import qadeck_e2e as q


class LinkServer:
    """../shared/tools/link_server.py on a free port, stopped by close()."""

    def __init__(self, *args):
        script = os.path.join(q.SHARED_DIR, "tools", "link_server.py")
        self.proc = subprocess.Popen([sys.executable, script, "--port", "0", "--timeout", "110",
                                      *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            self.close()
            raise RuntimeError(f"link_server.py did not start: {line!r}")
        self.base = f"http://127.0.0.1:{int(line.split()[1])}"

    def stats(self):
        with urllib.request.urlopen(self.base + "/__stats", timeout=10) as r:
            return json.load(r)

    def total(self):
        return self.stats()["total"]

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def private_cache(case):
    """The environment for `case`'s runs: a cache of its own, in its scratch folder."""
    return q.base_env(XDG_CACHE_HOME=case.path("cache"))


def findings(result):
    """(line, rule) of each diagnostic of a --format json run, sorted."""
    data = json.loads(result.stdout)
    return sorted((d["line"], d["rule"]) for d in data["diagnostics"])


def document(base):
    """A document with one link of each kind the server knows, and two anchors."""
    return (
        "# Links\n"                                              # 1
        "\n"                                                     # 2
        "## Section one\n"                                       # 3
        "\n"                                                     # 4
        f"- [ok]({base}/ok/a) and again <{base}/ok/a>\n"         # 5
        f"- [missing]({base}/missing/a)\n"                       # 6
        f"- [redirect]({base}/redirect/a)\n"                     # 7
        f"- [rate-limited]({base}/ratelimit/a)\n"                # 8
        f"- [slow]({base}/slow/a)\n"                             # 9
        "- [anchor](#section-one) [no anchor](#section-two)\n"   # 10
        f"- ![image]({base}/missing/image.png)\n"                # 11
        "\n"
        f"[ref]: {base}/missing/ref\n"                           # 13
    )


EXPECTED = [(6, "link.broken"), (10, "link.anchor"), (11, "link.broken"), (13, "link.broken")]


class ExternalLinks(q.QadeckTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = LinkServer()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def lint(self, *args, **kwargs):
        return self.qadeck("lint", *args, env=private_cache(self), **kwargs)

    def test_broken_links_and_anchors_with_lines_then_the_cache(self):
        q.write(self.path("doc.md"), document(self.server.base))
        before = self.server.total()
        result = self.lint("doc.md", "--links", "all", "--format", "json")
        self.assertExit(result, 1)
        self.assertEqual(findings(result), EXPECTED, result)
        used = self.server.total() - before
        # 7 unique URLs; HEAD each, GET after each 404, one 429 retried, one redirect hop.
        self.assertGreaterEqual(used, 7)
        self.assertLessEqual(used, 7 + 3 + 1 + 1)
        data = json.loads(result.stdout)
        missing = [d for d in data["diagnostics"] if d["line"] == 6][0]
        self.assertEqual(missing["column"], 13)
        self.assertIn("404", missing["message"])
        self.assertEqual(result.stderr, "", "no progress bar when stderr is not a terminal")

        # Within the cache's age, the second run asks the server nothing.
        before = self.server.total()
        again = self.lint("doc.md", "--links", "all", "--format", "json")
        self.assertExit(again, 1)
        self.assertEqual(findings(again), EXPECTED)
        self.assertEqual(self.server.total(), before)

        # --no-cache asks again.
        uncached = self.lint("doc.md", "--links", "all", "--format", "json", "--no-cache")
        self.assertEqual(findings(uncached), EXPECTED)
        self.assertGreater(self.server.total(), before)

    def test_corrupt_cache_is_ignored(self):
        q.write(self.path("cache", "qadeck", "links.json"), "{ not json")
        q.write(self.path("doc.md"), f"[x]({self.server.base}/missing/corrupt)\n")
        result = self.lint("doc.md", "--links", "all", "--format", "json")
        self.assertExit(result, 1)
        self.assertEqual(findings(result), [(1, "link.broken")])
        with open(self.path("cache", "qadeck", "links.json"), encoding="utf-8") as f:
            self.assertIn(f"{self.server.base}/missing/corrupt", json.load(f)["entries"])

    def test_offline_by_default_and_off(self):
        q.write(self.path("doc.md"), document(self.server.base))
        before = self.server.total()
        local = self.lint("doc.md", "--format", "json")
        self.assertEqual(findings(local), [(10, "link.anchor")])
        self.assertEqual(findings(self.lint("doc.md", "--links", "local", "--format", "json")),
                         [(10, "link.anchor")])
        off = self.lint("doc.md", "--links", "off", "--format", "json")
        self.assertExit(off, 0)
        self.assertEqual(findings(off), [])
        self.assertEqual(self.server.total(), before, "no request without --links all")

    def test_unreachable_is_a_warning(self):
        port = self.server.base.rsplit(":", 1)[1]
        q.write(self.path("doc.md"), "[refused](http://127.0.0.1:1/nothing)\n\n"
                                     f"[ok]({self.server.base}/ok/w)\n")
        result = self.lint("doc.md", "--links", "all", "--format", "json")
        self.assertExit(result, 1)
        diagnostics = json.loads(result.stdout)["diagnostics"]
        self.assertEqual([(d["line"], d["rule"], d["severity"]) for d in diagnostics],
                         [(1, "link.unreachable", "warning")])
        self.assertNotIn(port, diagnostics[0]["message"])
        self.assertExit(self.lint("doc.md", "--links", "all", "--fail-on", "error"), 0)

    def test_config_turns_checks_on_and_excludes(self):
        q.write(self.path(".qadeck.yml"),
                "links:\n"
                "  check: all\n"
                "  timeout: 5s\n"
                "  per-host: 4\n"
                f"  exclude: ['{self.server.base}/missing/excluded*']\n"
                "  accept: [200-299, 404]\n")
        q.write(self.path("doc.md"), f"[a]({self.server.base}/missing/excluded-1)\n\n"
                                     f"[b]({self.server.base}/missing/accepted)\n\n"
                                     f"[c]({self.server.base}/ratelimit/config)\n")
        before = self.server.stats()["by_prefix"].get("/missing", 0)
        result = self.lint("doc.md", "--format", "json")
        self.assertExit(result, 0)
        self.assertEqual(findings(result), [])
        # The excluded URL was never fetched; the accepted 404 was.
        self.assertEqual(self.server.stats()["by_prefix"].get("/missing", 0) - before, 2)
        # --links overrides the config.
        self.assertExit(self.lint("doc.md", "--links", "off"), 0)

    def test_bad_links_config_is_a_located_error(self):
        q.write(self.path(".qadeck.yml"), "links:\n  check: sometimes\n")
        q.write(self.path("doc.md"), "# x\n")
        result = self.lint("doc.md")
        self.assertExit(result, 2)
        self.assertIn(".qadeck.yml:2:10", result.stderr)
        q.write(self.path(".qadeck.yml"), "links:\n  timeout: soon\n")
        self.assertIn(".qadeck.yml:2:12", self.lint("doc.md").stderr)
        q.write(self.path(".qadeck.yml"), "links:\n  retires: 3\n")
        self.assertIn("unknown links setting 'retires'", self.lint("doc.md").stderr)

    def test_stdin(self):
        text = f"[gone]({self.server.base}/missing/stdin)\n"
        result = self.lint("--stdin", "--stdin-filename", "notes.md", "--links", "all",
                           "--format", "json", input=text)
        self.assertExit(result, 1)
        self.assertEqual(findings(result), [(1, "link.broken")])

    def test_progress_bar_on_a_terminal(self):
        q.write(self.path("doc.md"), document(self.server.base))
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([q.QADECK, "lint", "doc.md", "--links", "all", "--no-cache",
                                     "--format", "json"], cwd=self.tmp, env=private_cache(self),
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
            os.close(slave)
            slave = None
            stdout, _ = proc.communicate(timeout=q.TIMEOUT)
            seen = b""
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(b"checking links", seen)
        self.assertTrue(seen.endswith(b"\r\x1b[K"), seen[-40:])
        # The findings on stdout are untouched by it.
        self.assertEqual(sorted((d["line"], d["rule"]) for d in json.loads(stdout)["diagnostics"]),
                         EXPECTED)


class RateLimitedServer(q.QadeckTestCase):
    """A server that answers 429 (Retry-After: 1) twice per path before 200."""

    @classmethod
    def setUpClass(cls):
        cls.server = LinkServer("--ratelimit-hits", "2")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def lint(self, *args, **kwargs):
        return self.qadeck("lint", *args, env=private_cache(self), **kwargs)

    def test_retries_until_it_answers(self):
        q.write(self.path("doc.md"),
                "".join(f"- [r{i}]({self.server.base}/ratelimit/p{i})\n" for i in range(20)) +
                f"- [gone]({self.server.base}/missing/x)\n")
        start = time.monotonic()
        result = self.lint("doc.md", "--links", "all", "--format", "json")
        elapsed = time.monotonic() - start
        self.assertExit(result, 1)
        self.assertEqual(findings(result), [(21, "link.broken")])
        # Two waits of one second, the twenty paths waiting side by side.
        self.assertGreaterEqual(elapsed, 2.0)
        self.assertLess(elapsed, 10.0)
        self.assertEqual(self.server.stats()["by_prefix"]["/ratelimit"], 60)


class SlugStyles(q.QadeckTestCase):
    """links.slugs: chosen per file (github-pages inside a Jekyll site), or set by config;
    inspect's "anchors" show the ids."""

    HEADING = "# a -- b\n\n[link](#a--b)\n"

    def anchors(self, path, *args):
        result = self.qadeck("inspect", path, "--format", "json", *args)
        self.assertExit(result, 0)
        return [(a["id"], a["source"]) for a in json.loads(result.stdout)["anchors"]]

    def test_default_by_site_and_front_matter(self):
        q.write(self.path("plain", "a.md"), self.HEADING)
        q.write(self.path("site", "_config.yml"), "title: x\n")
        q.write(self.path("site", "docs", "a.md"), self.HEADING)
        q.write(self.path("page", "a.md"), "---\nlayout: post\n---\n" + self.HEADING)
        self.assertEqual(self.anchors("plain/a.md"), [("a----b", "heading")])
        self.assertEqual(self.anchors("site/docs/a.md"), [("a--b", "heading")])
        self.assertEqual(self.anchors("page/a.md"), [("a--b", "heading")])
        # The link lands on Pages' id only.
        plain = self.qadeck("lint", "plain/a.md", "--select", "link.anchor")
        self.assertExit(plain, 1)
        self.assertIn("no heading or id 'a--b'", plain.stdout)
        self.assertExit(self.qadeck("lint", "site/docs/a.md", "--select", "link.anchor"), 0)

    def test_config_sets_the_style(self):
        q.write(self.path("_config.yml"), "title: x\n")
        q.write(self.path("a.md"), "# a -- b {#x}\n")
        for style, expected in [("github", [("a----b-x", "heading")]),
                                ("github-pages", [("x", "explicit")]),
                                ("kramdown", [("x", "explicit")]),
                                ("auto", [("x", "explicit")])]:
            q.write(self.path(".qadeck.yml"), f"links:\n  slugs: {style}\n")
            self.assertEqual(self.anchors("a.md"), expected, style)
        q.write(self.path(".qadeck.yml"), "links:\n  slugs: gitlab\n")
        bad = self.qadeck("inspect", "a.md", "--format", "json")
        self.assertExit(bad, 2)
        self.assertIn(".qadeck.yml:2:10", bad.stderr)
        self.assertIn("github-pages", bad.stderr)


if __name__ == "__main__":
    q.main()
