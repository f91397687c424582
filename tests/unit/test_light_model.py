"""Validation reads AppFabric's model without botocore's classes, and finds what they find."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from botocore.model import Shape

from appfabric_connect.aws import model
from appfabric_connect.aws.model import ModelShape, appfabric_model, input_member, violations

OPERATIONS = tuple(appfabric_model().operation_names)


def _same(light: ModelShape, botocore_shape: Shape, path: str, depth: int = 0) -> None:
    assert light.name == botocore_shape.name, path
    assert light.type_name == botocore_shape.type_name, path
    assert light.metadata == botocore_shape.metadata, path
    if depth > 8:  # recursive shapes: deep enough
        return
    if light.type_name == "structure":
        members: Any = getattr(botocore_shape, "members")  # noqa: B009
        assert list(light.members) == list(members), path
        assert light.required_members == list(getattr(botocore_shape, "required_members")), path  # noqa: B009
        assert light.is_tagged_union == bool(getattr(botocore_shape, "is_tagged_union")), path  # noqa: B009
        for name, member in light.members.items():
            _same(member, members[name], f"{path}.{name}", depth + 1)
    elif light.type_name == "list":
        _same(light.member, getattr(botocore_shape, "member"), f"{path}[]", depth + 1)  # noqa: B009
    elif light.type_name == "map":
        _same(light.key, getattr(botocore_shape, "key"), f"{path}.key", depth + 1)  # noqa: B009
        _same(light.value, getattr(botocore_shape, "value"), f"{path}.value", depth + 1)  # noqa: B009


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_input_shape_reads_as_botocore_resolves_it(operation: str) -> None:
    shape = appfabric_model().operation_model(operation).input_shape
    assert shape is not None
    _same(input_member(operation), shape, operation)


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"appBundleIdentifier": "x" * 2000, "appAuthorizationIdentifier": "NOT-A-UUID"},
        {"appBundleIdentifier": 7, "appAuthorizationIdentifier": None, "authRequest": {}},
        {"authRequest": {"redirectUri": "", "code": 5}, "tenant": {"x": 1}},
    ],
)
def test_violations_are_the_same_on_either_shape(value: dict[str, Any]) -> None:
    operation = "ConnectAppAuthorization"
    botocore_shape = appfabric_model().operation_model(operation).input_shape
    assert botocore_shape is not None
    assert violations(input_member(operation), value) == violations(botocore_shape, value)


def test_timestamp_members_are_botocore_s() -> None:
    shape: Any = appfabric_model().shape_for("AppAuthorization")
    expected = {name for name, m in shape.members.items() if m.type_name == "timestamp"}
    assert model.timestamp_members("AppAuthorization") == expected


CODE = """
import sys
import {module}
{after}
heavy = sorted(m for m in ("boto3", "botocore.session", "botocore.model", "cryptography", "pulumi")
               if m in sys.modules)
print(",".join(heavy))
"""


@pytest.mark.parametrize(
    ("module", "after"),
    [
        # The Terraform plugin's start, schema and offline validation.
        (
            "appfabric_connect.terraform.provider",
            "from appfabric_connect import core\n"
            "from appfabric_connect.terraform.provider import Provider\n"
            "Provider().GetProviderSchema(None, None)\n"
            "core.check(core.ProviderConfig(None), {'app_bundle_identifier': 'a' * 36})\n"
            "core.read_config({'region': 'us-east-1'}, None)",
        ),
        # Each plugin until its handshake: the lifecycle loads after it.
        ("appfabric_connect.terraform.server", ""),
        ("appfabric_connect.pulumi.package.server", ""),
    ],
)
def test_a_plugin_starts_without_boto3_cryptography_or_the_pulumi_sdk(
    module: str, after: str
) -> None:
    found = subprocess.run(
        [sys.executable, "-c", CODE.format(module=module, after=after)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert found == ""


def test_botocore_data_is_what_botocore_s_session_loads() -> None:
    import botocore.session

    expected = botocore.session.get_session().get_data("endpoints")
    assert model.botocore_data("endpoints") == expected
