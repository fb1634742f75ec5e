"""The composite action's shell steps (action.yml), run here as the runner would run them, as
far as that goes without GitHub: the GITHUB_* variables set, the `${{ … }}` expressions
filled in, the release served from 127.0.0.1, and apt-get, sudo and cmake --install replaced
by stand-ins that record what they were asked and unpack the .deb into a scratch folder
(nothing is installed on this machine)."""

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading

import yaml

import qadeck_e2e as q

STAND_INS = {
    # apt-get: record the command; `install X.deb` unpacks X.deb under $PREFIX.
    "apt-get": """#!/bin/sh
echo "apt-get $*" >> "$STAND_IN_LOG"
for arg in "$@"; do
  case "$arg" in *.deb) dpkg-deb -x "$arg" "$PREFIX" ;; esac
done
""",
    "sudo": '#!/bin/sh\necho "sudo $*" >> "$STAND_IN_LOG"\nexec "$@"\n',
    # cmake --install BUILD --prefix P: link BUILD's qadeck into $PREFIX/P/bin.
    "cmake": """#!/bin/sh
echo "cmake $*" >> "$STAND_IN_LOG"
mkdir -p "$PREFIX/usr/local/bin"
ln -sf "$2/bin/qadeck" "$PREFIX/usr/local/bin/qadeck"
""",
}

# ci/setup and ci/build of an action checked out from a branch: record, and "build" by
# linking the qadeck under test into build/bin.
SOURCE_BUILD = {
    "ci/setup": '#!/bin/sh\necho "ci/setup $*" >> "$STAND_IN_LOG"\n',
    "ci/build": """#!/bin/sh
echo "ci/build $*" >> "$STAND_IN_LOG"
mkdir -p "$(dirname "$0")/../build/bin"
ln -sf "$QADECK_UNDER_TEST" "$(dirname "$0")/../build/bin/qadeck"
""",
}


def load_action():
    with open(os.path.join(q.SOURCE_DIR, "action.yml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def project_version():
    with open(os.path.join(q.SOURCE_DIR, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(qadeck VERSION (\S+)", f.read()).group(1)


class Server:
    """Serves a folder on 127.0.0.1 and records the paths asked for."""

    def __init__(self, folder):
        self.requested = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self):
                server.requested.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=folder))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class ActionSteps(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        self.action = load_action()
        self.version = project_version()
        self.log = self.path("stand-ins.log")
        self.prefix = self.path("root")
        self.home = self.path("home")
        os.makedirs(self.home)
        stand_ins = self.path("stand-ins")
        for name, text in STAND_INS.items():
            q.write(os.path.join(stand_ins, name), text, mode=0o755)
        self.path_dirs = [stand_ins, os.path.join(self.prefix, "usr", "bin"),
                          os.path.join(self.prefix, "usr", "local", "bin"),
                          "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        # The release: a .deb holding the qadeck under test, where GitHub serves a release's
        # files: SERVER/OWNER/NAME/releases/download/TAG/FILE.
        arch = subprocess.run(["dpkg", "--print-architecture"], stdout=subprocess.PIPE,
                              text=True, check=True, timeout=q.TIMEOUT).stdout.strip()
        self.deb = f"qadeck_{self.version}_{arch}.deb"
        package = self.path("package")
        os.makedirs(os.path.join(package, "DEBIAN"))
        os.makedirs(os.path.join(package, "usr", "bin"))
        shutil.copy(q.QADECK, os.path.join(package, "usr", "bin", "qadeck"))
        q.write(os.path.join(package, "DEBIAN", "control"),
                f"Package: qadeck\nVersion: {self.version}\nArchitecture: {arch}\n"
                "Maintainer: test <test@example.org>\nDescription: test\n")
        www = self.path("www")
        release = os.path.join(www, "qadeck", "qadeck", "releases", "download", f"v{self.version}")
        os.makedirs(release)
        subprocess.run(["dpkg-deb", "-Zgzip", "-z1", "--root-owner-group", "-b", package,
                        os.path.join(release, self.deb)],
                       check=True, stdout=subprocess.DEVNULL, timeout=q.TIMEOUT)
        self.server = Server(www)
        self.addCleanup(self.server.close)
        # The user's repository: one document with a numbering gap.
        self.workspace = self.path("workspace")
        q.write(os.path.join(self.workspace, "content", "notes.md"), q.GAP)

    def action_path(self, ref):
        """The action as the runner checks it out: _actions/OWNER/NAME/REF."""
        path = self.path("_actions", "qadeck", "qadeck", ref)
        if os.path.lexists(path):
            return path
        if ref.startswith("v"):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.symlink(q.SOURCE_DIR, path)
        else:
            for name, text in SOURCE_BUILD.items():
                q.write(os.path.join(path, name), text, mode=0o755)
        return path

    def run_steps(self, ref, inputs=None, head_repository="qadeck/notes", actor="someone"):
        """Runs the shell steps in order as the runner would: after a failure, only those
        whose condition has always(). Returns each step's (id or name, exit code, output),
        the `uses:` steps that would have run, and the steps' outputs."""
        values = {name: spec.get("default", "") for name, spec in self.action["inputs"].items()}
        values.update(inputs or {})
        outputs = {}
        github = {"event.pull_request.head.repo.full_name": head_repository}
        ran, used = [], []
        failed = False
        for step in self.action["runs"]["steps"]:
            key = step.get("id", step.get("name"))
            if failed and "always()" not in step.get("if", ""):
                continue
            if "uses" in step:
                condition = step.get("if", "")
                match = re.fullmatch(r"always\(\) && steps\.(\w+)\.outputs\.(\w+) == '(\w+)'",
                                     condition)
                self.assertIsNotNone(match, f"cannot evaluate {condition!r}")
                if outputs.get(match.group(1), {}).get(match.group(2)) == match.group(3):
                    used.append(step["uses"])
                continue

            def fill(text):
                def value(m):
                    expression = m.group(1).strip()
                    if expression.startswith("inputs."):
                        return values[expression[len("inputs."):]]
                    if expression.startswith("steps."):
                        _, step_id, _, name = expression.split(".")
                        return outputs.get(step_id, {}).get(name, "")
                    if expression.startswith("github."):
                        return github[expression[len("github."):]]
                    self.fail(f"the test does not know the expression {expression!r}")
                return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

            output_file = self.path(f"output-{key}")
            open(output_file, "w").close()
            env = q.base_env(
                HOME=self.home, PATH=":".join(self.path_dirs), PREFIX=self.prefix,
                STAND_IN_LOG=self.log, QADECK_UNDER_TEST=q.QADECK,
                XDG_CACHE_HOME=self.path("cache"), CI="true", GITHUB_ACTIONS="true",
                GITHUB_ACTION_PATH=self.action_path(ref) if not ran else self.action_dir,
                GITHUB_OUTPUT=output_file, GITHUB_WORKSPACE=self.workspace,
                GITHUB_SERVER_URL=self.server.url, GITHUB_REPOSITORY="qadeck/notes",
                GITHUB_ACTOR=actor, GITHUB_EVENT_NAME="pull_request")
            self.action_dir = env["GITHUB_ACTION_PATH"]
            for name, text in step.get("env", {}).items():
                env[name] = fill(text)
            self.assertEqual(step["shell"], "bash")
            # The runner's own command line for `shell: bash`.
            script = q.write(self.path(f"step-{key}.sh"), fill(step["run"]))
            completed = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=self.workspace,
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                timeout=q.TIMEOUT)
            with open(output_file, encoding="utf-8") as f:
                outputs[key] = dict(line.split("=", 1) for line in f.read().splitlines() if line)
            ran.append((key, completed.returncode, completed.stdout))
            failed = failed or completed.returncode != 0
        return ran, used, outputs

    def stand_in_log(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as f:
            return f.read().splitlines()

    def test_pinned_to_a_tag_it_installs_the_release(self):
        ran, used, outputs = self.run_steps(f"v{self.version}", {"sarif": "qadeck.sarif"})
        install, lint = ran
        self.assertEqual(install[1], 0, install[2])
        self.assertEqual(self.server.requested,
                         [f"/qadeck/qadeck/releases/download/v{self.version}/{self.deb}"])
        installs = [line for line in self.stand_in_log() if line.startswith("apt-get install")]
        self.assertEqual(len(installs), 1, self.stand_in_log())
        self.assertIn("--no-install-recommends", installs[0])
        self.assertTrue(installs[0].endswith("/" + self.deb), installs[0])
        self.assertFalse(any("ci/" in line for line in self.stand_in_log()))
        self.assertEqual(outputs["install"]["qadeck"],
                         os.path.join(self.prefix, "usr", "bin", "qadeck"))
        self.assertIn(f"qadeck {self.version}\n", install[2])
        # git may now read the checkout, whoever owns it.
        config = subprocess.run(["git", "config", "--global", "--get-all", "safe.directory"],
                                env=q.base_env(HOME=self.home), stdout=subprocess.PIPE,
                                text=True, timeout=q.TIMEOUT)
        self.assertEqual(config.stdout.splitlines(), [self.workspace])
        # The findings fail the step, as annotations, after the SARIF was written.
        self.assertEqual(lint[1], 1, lint[2])
        self.assertRegex(lint[2], r"::error file=content/notes\.md,line=4,.*numbering\.gap")
        self.assertIn('"version": "2.1.0"', q.read_bytes(
            os.path.join(self.workspace, "qadeck.sarif")).decode())
        self.assertEqual(outputs["lint"], {"upload": "true"})
        self.assertEqual(used, ["github/codeql-action/upload-sarif@v3"])

    def test_nothing_for_pdf_unless_asked(self):
        pdf = ("pandoc", "texlive-xetex", "fonts-noto-cjk")
        self.run_steps(f"v{self.version}")
        self.assertFalse(any(p in line for line in self.stand_in_log() for p in pdf))
        os.remove(self.log)
        shutil.rmtree(self.prefix)
        ran, _, _ = self.run_steps(f"v{self.version}", {"export": "pdf"})
        self.assertEqual(ran[0][1], 0, ran[0][2])
        installs = [line for line in self.stand_in_log() if line.startswith("apt-get install")]
        self.assertTrue(all(p in installs[-1] for p in pdf), installs)
        self.assertIn("--no-install-recommends", installs[-1])

    def test_a_fork_skips_the_upload_with_a_notice(self):
        ran, used, outputs = self.run_steps(f"v{self.version}", {"sarif": "qadeck.sarif"},
                                            head_repository="someone/notes")
        lint = ran[1]
        self.assertIn("::notice::qadeck: not uploading qadeck.sarif", lint[2])
        self.assertRegex(lint[2], r"::error file=content/notes\.md")
        self.assertEqual(outputs["lint"], {"upload": "false"})
        self.assertEqual(used, [])
        ran, used, _ = self.run_steps(f"v{self.version}", {"sarif": "qadeck.sarif"},
                                      head_repository="qadeck/notes", actor="dependabot[bot]")
        self.assertIn("::notice::", ran[1][2])
        self.assertEqual(used, [])

    def test_a_branch_builds_from_source(self):
        ran, _, outputs = self.run_steps("main")
        install = ran[0]
        self.assertEqual(install[1], 0, install[2])
        self.assertIn("::notice::qadeck is not pinned to a release tag (main)", install[2])
        self.assertEqual(self.server.requested, [])
        log = self.stand_in_log()
        self.assertIn("ci/setup ", log)
        self.assertIn("ci/build -DQADECK_BUILD_TESTS=OFF", log)
        self.assertFalse(any(line.startswith("apt-get install") for line in log), log)
        self.assertEqual(outputs["install"]["qadeck"],
                         os.path.join(self.prefix, "usr", "local", "bin", "qadeck"))
        self.assertEqual(ran[1][1], 1, ran[1][2])


if __name__ == "__main__":
    q.main()
