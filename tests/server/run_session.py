"""Plays a recorded JSON-RPC session against `qadeck server` and checks its answers.

A session file (sessions/*.json) copies a workspace folder into a temporary one and lists
steps, played in order:
  {"send": MESSAGE}               a message to the server
  {"send_together": [MESSAGE, ...]}  messages in one write: the server reads them at once
  {"raw": "TEXT"}                 bytes to the server as they are (bad framing, bad JSON)
  {"expect": MESSAGE}             the server's next message must match MESSAGE
  {"write": {"path": P, "text": T}}  replace a workspace file on disk (P may lead out of
                                     the workspace, as "../cache/…"; its folders are made)
  {"close": true}                 close the server's input (the client went away)
  {"exit": CODE}                  the server must exit with CODE and have nothing left to say
Matching: an object matches when each of its keys matches (other keys are ignored), a list
when it has as many elements and each matches, "${ANY}" matches anything, a string starting
with "re:" is a regular expression the whole string must match, and anything else must be
equal. "${ROOT}" stands for the workspace's file:// URI, "${ROOT_PATH}" for its path, and
"${REPEAT:N:TEXT}" for TEXT written N times (a huge document), "${FILE:P}" for the text of the
workspace file P as the session starts, "${NOW}" for the time in whole seconds since the epoch.
Every message the server sends must be expected: an unexpected one fails the session.
"""

import argparse
import json
import os
import queue
import re
import shutil
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp_client  # noqa: E402

TIMEOUT_S = 10 * float(os.environ.get("QADECK_TIME_SCALE", "1"))


def substitute(value, root):
    if isinstance(value, str):
        uri = "file://" + urllib.parse.quote(root)
        value = re.sub(r"\$\{FILE:(.*?)\}", lambda m: open(os.path.join(root, m.group(1)), encoding="utf-8").read(), value)
        value = re.sub(r"\$\{REPEAT:(\d+):(.*?)\}", lambda m: m.group(2) * int(m.group(1)), value, flags=re.S)
        value = value.replace("${NOW}", str(int(time.time())))
        return value.replace("${ROOT_PATH}", root).replace("${ROOT}", uri)
    if isinstance(value, list):
        return [substitute(v, root) for v in value]
    if isinstance(value, dict):
        return {substitute(k, root): substitute(v, root) for k, v in value.items()}
    return value


def mismatch(expected, actual, where="$"):
    """Where `actual` fails to match `expected`, or None."""
    if expected == "${ANY}":
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{where}: expected an object, got {json.dumps(actual)[:200]}"
        for key, value in expected.items():
            if key not in actual:
                return f"{where}.{key}: missing"
            problem = mismatch(value, actual[key], f"{where}.{key}")
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return f"{where}: expected {len(expected)} elements, got {json.dumps(actual)[:300]}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            problem = mismatch(e, a, f"{where}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(expected, str) and expected.startswith("re:"):
        if isinstance(actual, str) and re.fullmatch(expected[3:], actual, re.S):
            return None
        return f"{where}: {json.dumps(actual)[:200]} does not match /{expected[3:]}/"
    if expected != actual or type(expected) is not type(actual):
        return f"{where}: expected {json.dumps(expected)}, got {json.dumps(actual)[:200]}"
    return None


def start(session_path, qadeck, tmp):
    """The session, its workspace copied into `tmp`, and the server running in it."""
    with open(session_path, encoding="utf-8") as f:
        session = json.load(f)
    here = os.path.dirname(os.path.abspath(session_path))
    root = os.path.join(tmp, "workspace")
    shutil.copytree(os.path.join(here, "..", session.get("workspace", "workspace")), root)
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    server = lsp_client.Server([qadeck, "server", *session.get("args", [])], cwd=root, env=env)
    return session, root, server


def act(server, step, root):
    """Plays a step that sends or changes something; False for the other kinds."""
    if "send" in step:
        server.send(step["send"])
    elif "send_together" in step:
        server.send_raw(b"".join(lsp_client.frame(m) for m in step["send_together"]))
    elif "raw" in step:
        server.send_raw(step["raw"].encode())
    elif "write" in step:
        path = os.path.join(root, step["write"]["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(step["write"]["text"])
    elif "close" in step:
        server.close_input()
    else:
        return False
    return True


def play(session_path, qadeck):
    with tempfile.TemporaryDirectory() as tmp:
        session, root, server = start(session_path, qadeck, tmp)
        try:
            for number, step in enumerate(substitute(session["steps"], root), 1):
                if act(server, step, root):
                    continue
                if "expect" in step:
                    try:
                        message = server.receive(TIMEOUT_S)
                    except queue.Empty:
                        return f"step {number}: no message within {TIMEOUT_S} s"
                    if message is None:
                        return f"step {number}: the server closed its output"
                    problem = mismatch(step["expect"], message)
                    if problem:
                        return f"step {number}: {problem}\n  message: {json.dumps(message)[:1500]}"
                elif "exit" in step:
                    try:
                        code = server.wait(TIMEOUT_S)
                    except Exception:
                        return f"step {number}: the server did not exit"
                    left = server.receive(TIMEOUT_S)
                    if left is not None:
                        return f"step {number}: unexpected message {json.dumps(left)[:500]}"
                    if code != step["exit"]:
                        return f"step {number}: exit code {code}, expected {step['exit']}"
                else:
                    return f"step {number}: unknown step {step}"
        finally:
            server.kill()
            if server.stderr:
                sys.stderr.write(server.stderr.decode(errors="replace"))
    return None


def record(session_path, qadeck):
    """Plays the session's sends and prints it with the server's answers as its expects (to
    be reviewed, and made general where an answer may vary, before it is kept)."""
    steps = []
    with tempfile.TemporaryDirectory() as tmp:
        session, root, server = start(session_path, qadeck, tmp)
        uri = "file://" + urllib.parse.quote(root)
        for step in session["steps"]:
            if "expect" in step:
                continue
            if "exit" in step:
                steps.append({"exit": server.wait(TIMEOUT_S)})
                continue
            steps.append(step)
            act(server, substitute(step, root), root)
            while True:
                try:
                    message = server.receive(1.0)
                except queue.Empty:
                    break
                if message is None:
                    break
                text = json.dumps(message).replace(uri, "${ROOT}").replace(root, "${ROOT_PATH}")
                steps.append({"expect": json.loads(text)})
        server.kill()
    print("{")
    for key, value in session.items():
        if key != "steps":
            print(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    print(' "steps": [')
    print(",\n".join("  " + json.dumps(step, ensure_ascii=False) for step in steps))
    print(" ]\n}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qadeck", required=True)
    parser.add_argument("--record", action="store_true")
    parser.add_argument("sessions", nargs="+")
    args = parser.parse_args()
    if args.record:
        for path in args.sessions:
            record(path, args.qadeck)
        return 0
    failed = 0
    for path in args.sessions:
        problem = play(path, args.qadeck)
        print(f"{'FAIL' if problem else 'ok'}  {os.path.basename(path)}")
        if problem:
            print("  " + problem)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
