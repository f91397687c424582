"""The plugin's start: only grpc before the handshake, go-plugin's services loaded by their first
call, and the server certificate kept like a key."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from appfabric_connect.terraform import server
from appfabric_connect.terraform.proto import grpc_controller_pb2
from tests.support.imports import imported_by


def test_the_handshake_waits_for_no_protobuf_msgpack_or_tempfile() -> None:
    late = ("google.protobuf", "msgpack", "tempfile", "cryptography", "botocore", "boto3")

    assert imported_by("import appfabric_connect.terraform.server", late) == []


def test_what_the_warm_parent_will_load_is_not_loaded_before_the_handshake() -> None:
    # What a cold start makes, before its handshake, for its warm parent.
    plan = "from appfabric_connect.terraform import server\nserver.warm_plugin()"
    late = ("appfabric_connect.core", "appfabric_connect.aws", "google.protobuf", "botocore")

    assert imported_by(plan, late) == []


class Call:
    def __init__(self, method: str) -> None:
        self.method = method


def test_go_plugin_s_controller_answers_shutdown_with_an_empty_message_and_stops() -> None:
    stop = threading.Event()
    controller, stdio, broker = server.go_plugin_services(stop)

    assert controller.service(Call("/plugin.GRPCStdio/StreamStdio")) is None
    assert controller.service(Call("/tfplugin6.Provider/GetProviderSchema")) is None
    handler = controller.service(Call("/plugin.GRPCController/Shutdown"))
    answer = handler.unary_unary(b"", None)

    assert stop.is_set()
    assert answer == grpc_controller_pb2.Empty().SerializeToString()
    assert handler.request_deserializer is None and handler.response_serializer is None
    assert stdio.service(Call("/plugin.GRPCStdio/StreamStdio")).unary_stream is not None
    assert broker.service(Call("/plugin.GRPCBroker/StartStream")).stream_stream is not None


def test_a_start_asked_for_the_schema_alone_never_imports_protobuf() -> None:
    # What a plan's first start serves: go-plugin's stdio and controller, and the schema.
    serve = (
        "import threading\n"
        "from appfabric_connect.terraform import server\n"
        "class Call:\n"
        "    def __init__(self, method): self.method = method\n"
        "stop = threading.Event()\n"
        "for handler in (server.LazyProvider(), *server.go_plugin_services(stop)):\n"
        "    for method in ('/tfplugin6.Provider/GetProviderSchema',\n"
        "                   '/tfplugin6.Provider/GetMetadata',\n"
        "                   '/plugin.GRPCController/Shutdown'):\n"
        "        found = handler.service(Call(method))\n"
        "        if found is not None:\n"
        "            found.unary_unary(b'', None)\n"
    )

    assert imported_by(serve, ("google.protobuf", "appfabric_connect.core")) == []


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "tls"
    monkeypatch.setenv(server.CERT_DIR_ENV, str(directory))
    return directory


def der(made: tuple[bytes, bytes, bytes]) -> bytes:
    return made[2]


def test_a_second_start_uses_the_kept_certificate(kept: Path) -> None:
    assert der(server.certificate()) == der(server.certificate())


def test_the_kept_key_is_readable_by_its_owner_alone(kept: Path) -> None:
    server.certificate()

    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert stat.S_IMODE((kept / server.CERT_FILE).stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in (kept / server.CERT_FILE).read_bytes()


@pytest.mark.parametrize(("what", "mode"), [("file", 0o644), ("directory", 0o755)])
def test_a_kept_certificate_others_may_read_is_not_used(kept: Path, what: str, mode: int) -> None:
    first = der(server.certificate())
    (kept / server.CERT_FILE if what == "file" else kept).chmod(mode)

    assert der(server.certificate()) != first


def test_an_empty_cache_setting_keeps_no_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(server.CERT_DIR_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    assert der(server.certificate()) != der(server.certificate())
    assert list(tmp_path.iterdir()) == []


def test_a_week_old_certificate_is_made_anew(kept: Path) -> None:
    first = der(server.certificate())
    old = (kept / server.CERT_FILE).stat().st_mtime - server.CERT_MAX_AGE_S - 1
    os.utime(kept / server.CERT_FILE, (old, old))

    assert der(server.certificate()) != first


def test_the_socket_directory_is_the_user_s_alone_under_tmpdir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))

    made = [Path(server.socket_directory()) for _ in range(2)]

    assert made[0] != made[1]
    assert all(path.parent == tmp_path and path.name.startswith("plugin") for path in made)
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o700 for path in made)


def test_a_tmpdir_that_does_not_exist_falls_back_as_tempfile_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "gone"))

    made = Path(server.socket_directory())

    assert made.is_dir() and made.name.startswith("plugin")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    made.rmdir()
