"""A host name that does not resolve: link.broken only when the DNS says the name does not
exist, link.unreachable with one "network looks down" line when no resolver answers. Each case
runs qadeck inside a user, mount and network namespace whose only resolver is dns_sandbox.py's
(NXDOMAIN, SERVFAIL, silence, or nothing on port 53), so no network is used; where the machine
does not allow unprivileged namespaces the tests are skipped."""

import functools
import os
import shutil
import subprocess
import sys

import qadeck_e2e as q

SANDBOX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dns_sandbox.py")

DOC = ("# Links\n\n<b>1. Where?</b><br>\n"
       "See [a](http://gone.invalid/x) and [b](https://also-gone.invalid/).\n")


@functools.lru_cache(maxsize=None)
def namespaces_work():
    if not shutil.which("unshare") or not shutil.which("mount"):
        return False
    try:
        done = subprocess.run(["unshare", "-rmn", sys.executable, SANDBOX, "none", "true"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=q.TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


class DnsFailures(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        if not namespaces_work():
            self.skipTest("no unprivileged user and network namespaces (unshare -rmn)")
        q.write(self.path("links.md"), DOC)

    def lint(self, mode):
        completed = subprocess.run(
            ["unshare", "-rmn", sys.executable, SANDBOX, mode, q.QADECK, "lint", "links.md",
             "--links", "all", "--no-cache", "--select", "link", "--format", "json"],
            cwd=self.tmp, env=q.base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            timeout=q.TIMEOUT)
        return q.Result(["lint", "(dns: " + mode + ")"], completed)

    def rules(self, result):
        import json
        return sorted(d["rule"] for d in json.loads(result.stdout)["diagnostics"])

    def test_nxdomain_is_broken(self):
        result = self.lint("nxdomain")
        self.assertExit(result, 1)
        self.assertEqual(self.rules(result), ["link.broken", "link.broken"], result)
        self.assertIn("host not found", result.stdout)
        self.assertNotIn("network looks down", result.stderr)

    def test_no_answer_is_unreachable_with_one_line(self):
        for mode in ("servfail", "silent", "none"):
            with self.subTest(mode=mode):
                result = self.lint(mode)
                self.assertExit(result, 1)
                self.assertEqual(self.rules(result), ["link.unreachable", "link.unreachable"],
                                 result)
                self.assertEqual(result.stderr.count("the network looks down"), 1, result)
                self.assertIn("2 host names", result.stderr)
                self.assertIn("no name server could say whether gone.invalid exists",
                              result.stdout)


if __name__ == "__main__":
    q.main()
