"""Outputs are read back from AppFabric's authorization by their schema entries alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.model import StructureShape

from appfabric_connect import schema
from appfabric_connect.aws.model import appfabric_model
from appfabric_connect.core import outputs as core_outputs
from appfabric_connect.core.outputs import outputs, read_back
from appfabric_connect.naming import camel
from appfabric_connect.schema import STRING, Property
from tests.unit.aws_stub import authorization

AUTHORIZATION = authorization("PendingConnect")["appAuthorization"]
READ_BACK = tuple(prop for prop in schema.OUTPUTS if not prop.from_core)
UPDATED = datetime(2026, 12, 5, 1, 2, 3, tzinfo=UTC)


@pytest.mark.parametrize("prop", READ_BACK, ids=lambda prop: prop.name)
def test_an_output_read_from_appfabric_names_a_member_of_its_authorization_shape(
    prop: Property,
) -> None:
    shape = appfabric_model().shape_for("AppAuthorization")
    assert isinstance(shape, StructureShape)
    member = shape.members.get(camel(prop.name))

    assert member is not None, f"{camel(prop.name)} is not in botocore's AppAuthorization"
    if prop.fields:
        assert isinstance(member, StructureShape)
        assert {camel(field.name) for field in prop.fields} <= set(member.members)


@pytest.mark.parametrize(
    ("answer", "name", "expected"),
    [
        ({"app": "SLACK"}, "app", "SLACK"),
        ({"updatedAt": UPDATED}, "updated_at", "2026-12-05T01:02:03+00:00"),
        ({}, "created_at", None),
        ({}, "persona", "admin"),
        ({"status": "PendingConnect", "authUrl": "https://x/a"}, "auth_url", "https://x/a"),
        ({"status": "Connected", "authUrl": "https://x/a"}, "auth_url", None),
        (
            {"tenant": {"tenantIdentifier": "T1", "tenantDisplayName": "One"}},
            "tenant",
            {"tenant_identifier": "T1", "tenant_display_name": "One"},
        ),
        ({}, "tenant", {"tenant_identifier": None, "tenant_display_name": None}),
    ],
    ids=[
        "a string",
        "a timestamp as ISO 8601",
        "a missing timestamp",
        "a default",
        "the authUrl before Connected",
        "no authUrl once Connected",
        "an object's fields",
        "a missing object",
    ],
)
def test_an_output_is_read_back_as_its_schema_entry_says(
    answer: dict[str, Any], name: str, expected: Any
) -> None:
    prop = schema.by_name(schema.OUTPUTS)[name]

    assert read_back(prop, answer) == expected


def test_an_output_added_to_the_schema_is_read_back_with_no_other_edit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    added = Property("app_display_name", STRING, "the application's display name")
    monkeypatch.setattr(schema, "OUTPUTS", (*schema.OUTPUTS, added))
    monkeypatch.setattr(schema, "OUTPUT_NAMES", (*schema.OUTPUT_NAMES, added.name))

    outs = outputs({}, "us-east-1", {**AUTHORIZATION, "appDisplayName": "Slack"}, None)

    assert outs["app_display_name"] == "Slack"


def test_the_core_computes_only_the_outputs_the_schema_marks_from_core() -> None:
    computed = {prop.name for prop in schema.OUTPUTS if prop.from_core}
    outs = outputs({}, "us-east-1", AUTHORIZATION, "fp", "2026-01-01T00:00:00+00:00")

    assert computed == {"code_fingerprint", "connected_at"}
    assert outs["code_fingerprint"] == "fp"
    assert outs["connected_at"] == "2026-01-01T00:00:00+00:00"
    assert list(outs) == [*schema.ECHOED_INPUTS, *schema.OUTPUT_NAMES]


def test_a_schema_entry_marked_until_connected_is_the_only_one_dropped_once_connected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = replace(schema.by_name(schema.OUTPUTS)["app"], until_connected=True)
    monkeypatch.setattr(
        schema, "OUTPUTS", tuple(app if p.name == "app" else p for p in schema.OUTPUTS)
    )

    outs = core_outputs.outputs({}, "us-east-1", {**AUTHORIZATION, "status": "Connected"}, None)

    assert outs["app"] is None
    assert outs["app_authorization_arn"] == AUTHORIZATION["appAuthorizationArn"]
