"""The schema a plan's first start serves without the lifecycle is the provider's own."""

from __future__ import annotations

import subprocess
import sys

from appfabric_connect.terraform import schema_rpc
from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.provider import Provider


def test_the_schema_is_the_provider_s() -> None:
    expected = Provider().GetProviderSchema(tf.GetProviderSchema.Request(), None)
    assert schema_rpc.provider_schema() == expected


def test_the_metadata_is_the_provider_s() -> None:
    expected = Provider().GetMetadata(tf.GetMetadata.Request(), None)
    assert schema_rpc.metadata() == expected


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
