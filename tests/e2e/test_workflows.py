"""The GitHub workflows (.github/workflows/*.yml) and the composite action (action.yml) are
valid: @action-validator/cli, which ci/setup installs pinned into third-party/, checks each
against the schemas GitHub publishes, offline. Then a few facts the content check relies on."""

import glob
import os
import subprocess
import tempfile

import yaml

import qadeck_e2e as q


def validator():
    return os.path.join(q.SOURCE_DIR, "third-party", "action-validator", "node_modules", ".bin",
                        "action-validator")


def validate(path):
    """Exit code and output of the validator on one file. It tells an action from a workflow
    by the file name (action.yml / action.yaml)."""
    completed = subprocess.run([validator(), path], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=q.base_env(), timeout=60)
    return completed.returncode, completed.stdout.decode("utf-8", "replace")


def load(relative):
    with open(os.path.join(q.SOURCE_DIR, relative), encoding="utf-8") as f:
        return yaml.safe_load(f)


def steps_text(workflow, job):
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", ""))
                     for step in workflow["jobs"][job]["steps"])


class Workflows(q.QadeckTestCase):
    def setUp(self):
        super().setUp()
        if not os.access(validator(), os.X_OK):
            self.fail(f"{validator()} is missing: run ci/setup")

    def files(self):
        found = sorted(glob.glob(os.path.join(q.SOURCE_DIR, ".github", "workflows", "*.yml")))
        return found + [os.path.join(q.SOURCE_DIR, "action.yml")]

    def test_every_workflow_and_the_action_are_valid(self):
        names = [os.path.relpath(f, q.SOURCE_DIR) for f in self.files()]
        self.assertEqual(names, [".github/workflows/ci.yml", ".github/workflows/content.yml",
                                 ".github/workflows/release.yml", "action.yml"])
        for path in self.files():
            code, output = validate(path)
            self.assertEqual(code, 0, f"{path}:\n{output}")

    def test_the_validator_rejects_broken_files(self):
        # So that a pass above means something: a misspelt key, a wrong type, and a composite
        # action step without its required shell are each caught.
        broken = {
            "misspelt.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n"
                            "      - run: echo\n",
            "wrong-type.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                              "      - run: echo\n        timeout-minutes: soon\n",
            "action.yml": "name: a\ndescription: b\nruns:\n  using: composite\n  steps:\n"
                          "    - run: echo hi\n",
        }
        for name, text in broken.items():
            with tempfile.TemporaryDirectory() as folder:
                path = q.write(os.path.join(folder, name), text)
                code, output = validate(path)
                self.assertNotEqual(code, 0, f"{name} passed:\n{output}")

    def test_ci_runs_the_test_suite_and_the_sanitizers(self):
        ci = load(".github/workflows/ci.yml")
        self.assertIn("pull_request", ci[True])  # PyYAML reads the key `on` as True
        self.assertIn("push", ci[True])
        runs = [steps_text(ci, job) for job in ci["jobs"]]
        self.assertTrue(any("ci/test" in r and "--sanitize" not in r for r in runs), runs)
        self.assertTrue(any("ci/test --sanitize" in r for r in runs), runs)

    def test_content_lints_what_changed_and_exports_on_main(self):
        content = load(".github/workflows/content.yml")
        lint = steps_text(content, "lint")
        self.assertIn('--changed-since "$BASE"', lint)
        self.assertIn("--format sarif", lint)
        self.assertIn("--format github", lint)
        self.assertIn("github/codeql-action/upload-sarif", lint)
        self.assertEqual(
            [s["env"]["BASE"] for s in content["jobs"]["lint"]["steps"] if "BASE" in s.get("env", {})],
            ["${{ github.event.pull_request.base.sha }}"] * 2)
        self.assertIn("security-events", content["jobs"]["lint"]["permissions"])
        export = steps_text(content, "export")
        for fmt in ("anki", "json", "pdf"):
            self.assertIn(f"qadeck export {fmt} content -o out/", export)
        self.assertIn("refs/heads/main", content["jobs"]["export"]["if"])

    def test_the_action_is_composite(self):
        action = load("action.yml")
        self.assertEqual(action["runs"]["using"], "composite")
        self.assertTrue(all(step.get("shell") == "bash" for step in action["runs"]["steps"]
                            if "run" in step))

    def test_every_container_job_marks_its_checkout_safe(self):
        # Container jobs run as root over a checkout another user owns: without this, git
        # (and so qadeck's folder walk and --changed-since) refuses the repository.
        for name in ("ci", "content", "release"):
            workflow = load(f".github/workflows/{name}.yml")
            for job_name, job in workflow["jobs"].items():
                runs = [str(step.get("run", "")) for step in job["steps"]]
                uses = [i for i, step in enumerate(job["steps"]) if "actions/checkout" in
                        str(step.get("uses", ""))]
                safe = [i for i, run in enumerate(runs) if
                        'git config --global --add safe.directory "$GITHUB_WORKSPACE"' in run]
                self.assertTrue(uses and safe and safe[0] > uses[0], f"{name}: {job_name}")

    def test_werror_only_in_qadecks_own_ci(self):
        for script in ("ci/build", "ci/test"):
            with open(os.path.join(q.SOURCE_DIR, script), encoding="utf-8") as f:
                self.assertNotIn("${CI", f.read(), script)
        ci = load(".github/workflows/ci.yml")
        for job in ci["jobs"].values():
            self.assertEqual([s["env"] for s in job["steps"] if "ci/test" in str(s.get("run"))],
                             [{"QADECK_WERROR": "ON"}])

    def test_the_lint_job_builds_no_tests_and_installs_no_pdf_tools(self):
        content = load(".github/workflows/content.yml")
        self.assertIn("ci/setup && ci/build -DQADECK_BUILD_TESTS=OFF", steps_text(content, "lint"))

    def test_release_packages_a_version_tag(self):
        release = load(".github/workflows/release.yml")
        self.assertEqual(release[True], {"push": {"tags": ["v*"]}})
        job = release["jobs"]["package"]
        self.assertEqual(job["permissions"], {"contents": "write"})
        text = steps_text(release, "package")
        self.assertIn("ci/package", text)
        self.assertIn("softprops/action-gh-release", text)
        files = [s["with"]["files"] for s in job["steps"] if "with" in s and "files" in s["with"]]
        self.assertEqual(files, ["build-package/dist/qadeck_*.deb\n"
                                 "build-package/dist/qadeck-*.tar.gz\n"])


if __name__ == "__main__":
    q.main()
