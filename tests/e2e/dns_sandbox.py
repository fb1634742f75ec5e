"""Runs a command where the system resolver is one this script controls, without the network:
inside a user, mount and network namespace (`unshare -rmn python3 dns_sandbox.py MODE CMD…`),
it brings up the loopback interface, puts a resolv.conf naming 127.0.0.1 over
/etc/resolv.conf, and in some modes answers DNS queries on 127.0.0.1:53 itself:

  nxdomain  every name does not exist (RCODE 3), as the DNS says of a name in .invalid
  servfail  every query fails (RCODE 2), as a resolver that cannot reach the zone answers
  silent    queries are received and never answered (a resolver that times out)
  none      nothing listens on port 53 (no resolver at all)

The command's exit code is this script's; its output passes through."""

import fcntl
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading

SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1


def loopback_up():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def serve(sock, rcode):
    while True:
        query, client = sock.recvfrom(512)
        if len(query) < 12 or rcode is None:
            continue
        ident, flags = struct.unpack("!HH", query[:4])
        # QR set, the query's opcode and RD kept, RA set, no answers; the question copied.
        reply_flags = 0x8000 | (flags & 0x7900) | 0x0080 | rcode
        header = struct.pack("!HHHHHH", ident, reply_flags, 1, 0, 0, 0)
        end = 12
        while end < len(query) and query[end] != 0:
            end += query[end] + 1
        sock.sendto(header + query[12:end + 5], client)


def main():
    mode, command = sys.argv[1], sys.argv[2:]
    loopback_up()
    conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
    # One try of one second: the silent mode must not hold the test for long.
    conf.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
    conf.close()
    subprocess.run(["mount", "--bind", conf.name, "/etc/resolv.conf"], check=True)
    if mode != "none":
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 53))
        rcode = {"nxdomain": 3, "servfail": 2, "silent": None}[mode]
        threading.Thread(target=serve, args=(sock, rcode), daemon=True).start()
    completed = subprocess.run(command)
    os.unlink(conf.name)
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()
