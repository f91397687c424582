"""The warm parent's own rules, in process: what a start sends it, and when it ends unasked."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from appfabric_connect.warm import parent
from appfabric_connect.warm.client import Request


def test_a_request_keeps_its_arguments_and_environment_as_sent() -> None:
    sent = Request(
        "package",
        "1.2.3",
        sys.executable,
        "/work dir",
        ["127.0.0.1:1", "-v=9", "a=b", ""],
        {"AWS_REGION": "eu-west-1", "EMPTY": "", "WITH": "x=y"},
    )

    got = Request.decode(sent.encode())

    assert (got.plugin, got.version, got.executable, got.directory) == (
        "package",
        "1.2.3",
        sys.executable,
        "/work dir",
    )
    assert got.arguments == ["127.0.0.1:1", "-v=9", "a=b", ""]
    assert got.environment == {"AWS_REGION": "eu-west-1", "EMPTY": "", "WITH": "x=y"}


@pytest.mark.parametrize(
    "data", [b"", b"package\x001.2.3", b"p\x00v\x00e\x00d\x00x", b"p\x00v\x00e\x00d\x003\x00a"]
)
def test_what_is_not_a_request_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a request"):
        Request.decode(data)


def _never(watch: Callable[[], None], exit_now: Callable[[int], NoReturn]) -> None:
    raise AssertionError("no start came")


@pytest.fixture
def listening() -> Iterator[tuple[socket.socket, str]]:
    directory = tempfile.mkdtemp(prefix="warm", dir="/tmp")
    path = os.path.join(directory, "warm.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    yield listener, path
    listener.close()
    for name in os.listdir(directory):
        os.unlink(os.path.join(directory, name))
    os.rmdir(directory)


def serve_until_idle(listening: tuple[socket.socket, str], plugin: parent.Plugin) -> bool:
    """The warm parent's loop for ``plugin``, its engine alive, until it ends for want of a start
    (IDLE_S): True when it did within 10 s."""
    listener, path = listening
    engine = os.pidfd_open(os.getpid())  # an engine that lives on
    try:
        forks = parent.Forks(plugin, listener, path, os.stat(path).st_ino, engine)
        serving = threading.Thread(target=forks.serve, daemon=True)
        serving.start()
        serving.join(timeout=10)  # serve returns once it stops accepting and has no child
    finally:
        os.close(engine)
    return not serving.is_alive()


def test_a_warm_parent_with_no_start_for_its_idle_time_ends_and_removes_its_socket(
    listening: tuple[socket.socket, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parent, "IDLE_S", 0.5)
    loads: list[str] = []
    plugin = parent.Plugin("test", "0", (lambda: loads.append("loaded"),), _never)
    began = time.monotonic()

    assert serve_until_idle(listening, plugin), "it never ended"
    assert time.monotonic() - began >= 0.5
    assert loads == ["loaded"]
    assert not Path(listening[1]).exists()


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every load due at once, and the loop ends 0.3 s after its last start."""
    monkeypatch.setattr(parent, "IDLE_S", 0.3)
    monkeypatch.setattr(parent, "LATER_S", 0.0)


@pytest.mark.usefixtures("quick")
def test_a_load_split_in_steps_lets_a_start_in_between_its_steps(
    listening: tuple[socket.socket, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    done: list[str] = []
    start = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)

    def served(self: parent.Forks) -> bool:
        self.listener.accept()[0].close()
        done.append("start")
        return True

    def step_a() -> None:
        done.append("a")
        start.connect(listening[1])  # a start comes while step a runs

    def split() -> list[Callable[[], None]]:
        done.append("split")
        return [step_a, lambda: done.append("b")]

    monkeypatch.setattr(parent.Forks, "start_one", served)
    with start:
        ended = serve_until_idle(listening, parent.Plugin("test", "0", (split,), _never))

    assert ended, "it never ended"
    assert done == ["split", "a", "start", "b"]  # the start waited for one step, not for "b"


@pytest.mark.usefixtures("quick")
def test_a_load_that_fails_is_tried_once_and_the_next_one_still_runs(
    listening: tuple[socket.socket, str],
) -> None:
    done: list[str] = []

    def failing() -> None:
        done.append("failing")
        raise ImportError("a module the warm parent cannot load")

    plugin = parent.Plugin("test", "0", (failing, lambda: done.append("next")), _never)

    assert serve_until_idle(listening, plugin), "it never ended"
    assert done == ["failing", "next"]
