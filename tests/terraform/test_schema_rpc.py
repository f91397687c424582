"""The schema: served without the lifecycle, and asked for once per plan, not once per start."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from appfabric_connect.terraform import schema_rpc
from appfabric_connect.terraform.server import LazyProvider, own_log_level
from tests.terraform.conftest import engine_or_skip
from tests.terraform.workspace import Workspace

# The plugin's debug line (TF_LOG=debug) for each GetProviderSchema it answers.
ASKED = "received GetProviderSchema"


def test_the_schema_and_metadata_tell_the_engine_it_need_not_ask_each_start_again() -> None:
    assert schema_rpc.provider_schema().server_capabilities.get_provider_schema_optional
    assert schema_rpc.metadata().server_capabilities.get_provider_schema_optional


@pytest.mark.parametrize(
    ("method", "message"),
    [
        (schema_rpc.GET_PROVIDER_SCHEMA, schema_rpc.provider_schema),
        (schema_rpc.GET_METADATA, schema_rpc.metadata),
    ],
)
def test_a_first_start_answers_the_schema_calls_with_the_messages_bytes(
    method: str, message: Callable[[], Any]
) -> None:
    class Call:
        def __init__(self, method: str) -> None:
            self.method = method

    handler = LazyProvider().service(Call(method))
    answer = handler.unary_unary(b"", None)

    assert handler.response_serializer is None
    assert type(message()).FromString(answer) == message()


def test_serving_the_schema_leaves_the_lifecycle_unimported() -> None:
    code = (
        "import sys\n"
        "from appfabric_connect.terraform.server import LazyProvider\n"
        "class Call:\n"
        "    method = '/tfplugin6.Provider/GetProviderSchema'\n"
        "handler = LazyProvider().service(Call())\n"
        "handler.unary_unary(None, None)\n"
        "print(sorted(m for m in sys.modules if m.startswith('appfabric_connect.core')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


def test_go_plugin_s_calls_pass_the_provider_by_without_loading_the_lifecycle() -> None:
    code = (
        "import sys\n"
        "from appfabric_connect.terraform.server import LazyProvider\n"
        "class Call:\n"
        "    method = '/plugin.GRPCController/Shutdown'\n"
        "print(LazyProvider().service(Call()))\n"
        "print(sorted(m for m in sys.modules if m.startswith('appfabric_connect.core')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.split() == ["None", "[]"]


@pytest.mark.terraform
@pytest.mark.e2e
@pytest.mark.parametrize("engine_name", ["terraform", "tofu"])
def test_a_plan_asks_for_the_schema_once_though_it_starts_the_plugin_three_times(
    asana_applied: Workspace, engine_name: str
) -> None:
    asana_applied.engine = engine_or_skip(engine_name)

    planned = asana_applied.run("plan", "-no-color", "-input=false", TF_LOG="debug")

    assert "No changes" in planned.stdout
    assert planned.stderr.count("received ValidateProviderConfig") >= 2  # a start per walk
    assert planned.stderr.count(ASKED) == 1


@pytest.mark.parametrize(
    ("environ", "level"),
    [
        ({}, logging.INFO),
        ({"TF_LOG": "info"}, logging.INFO),
        ({"TF_LOG": "debug"}, logging.DEBUG),
        ({"TF_LOG": "TRACE"}, logging.DEBUG),
        ({"TF_LOG": "trace", "TF_LOG_PROVIDER": "warn"}, logging.INFO),
        ({"TF_LOG_PROVIDER": "debug"}, logging.DEBUG),
    ],
)
def test_the_plugin_logs_each_call_at_tf_log_debug_or_trace_as_terraform_plugin_go_does(
    environ: dict[str, str], level: int
) -> None:
    assert own_log_level(environ) == level
