"""An environment for subprocesses that must not reach the network: every Python process started
with it refuses to open a socket to anything but a local address (a ``sitecustomize`` on its
path), and git and pip are pointed at a proxy that does not exist."""

from __future__ import annotations

import os
from pathlib import Path

SITECUSTOMIZE = """\
import socket

_connect = socket.socket.connect


def _refuse(*args, **kwargs):
    raise OSError("network access refused by the resilint test suite")


def _local_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost")):
        return _connect(self, address)
    if self.family == socket.AF_UNIX:
        return _connect(self, address)
    _refuse()


socket.socket.connect = _local_only
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def offline_env(directory: Path, **extra: str) -> dict[str, str]:
    """``os.environ`` for a subprocess with no network, its ``sitecustomize`` in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(directory), env.get("PYTHONPATH")]))
    nowhere = "http://127.0.0.1:9"  # the discard port: nothing listens there
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = nowhere
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    env["PIP_NO_INDEX"] = "1"
    env["GIT_ALLOW_PROTOCOL"] = "file"
    env.pop("GITHUB_ACTIONS", None)
    return env
