"""Runs one of the seed's socket programs, unchanged, on another port than the one it hard-codes.

    python3 seed_run.py SCRIPT PORT

The seed's programs (seed_reverse/*.py, verbatim from "An Introduction to Asyncio") bind and
connect to ('localhost', 6789). So that tests can run them beside other builds, this wrapper
redirects that port to PORT before running SCRIPT as __main__; nothing else changes. A server
run with PORT 0 gets a free port and announces it on stderr as "seed_run: listening on PORT".
"""
import runpy
import socket
import sys

SEED_PORT = 6789
script, port = sys.argv[1], int(sys.argv[2])


def _redirect(address):
    if isinstance(address, tuple) and len(address) >= 2 and address[1] == SEED_PORT:
        return (address[0], port) + tuple(address[2:])
    return address


_bind, _connect, _listen = socket.socket.bind, socket.socket.connect, socket.socket.listen


def bind(self, address):
    return _bind(self, _redirect(address))


def connect(self, address):
    return _connect(self, _redirect(address))


def listen(self, *backlog):
    _listen(self, *backlog)
    print("seed_run: listening on", self.getsockname()[1], file=sys.stderr, flush=True)


socket.socket.bind, socket.socket.connect, socket.socket.listen = bind, connect, listen
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
