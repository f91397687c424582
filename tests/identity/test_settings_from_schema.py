"""Every identity setting of the schema is read: none is accepted and then silently ignored."""

from __future__ import annotations

from typing import Any

import pytest

from appfabric_connect import schema
from appfabric_connect.aws import provider_args
from appfabric_connect.naming import camel

ROLE = "arn:aws:iam::111111111111:role/deployer"
# One value per pulumi-aws setting, and the settings it needs beside it to mean anything.
SAMPLES: dict[str, tuple[Any, dict[str, Any]]] = {
    "region": ("eu-west-1", {}),
    "profile": ("ci", {}),
    "sharedConfigFiles": (["/tmp/config"], {}),
    "sharedCredentialsFiles": (["/tmp/credentials"], {}),
    "accessKey": ("AKIDEXAMPLE", {"secretKey": "s"}),
    "secretKey": ("s", {"accessKey": "AKIDEXAMPLE"}),
    "token": ("t", {}),
    "assumeRoles": ([{"roleArn": ROLE}], {}),
    "assumeRole": ({"roleArn": ROLE}, {}),
    "assumeRoleWithWebIdentity": ({"roleArn": ROLE, "webIdentityToken": "jwt"}, {}),
    "endpoints": ([{"appfabric": "http://127.0.0.1:1", "sts": "http://127.0.0.1:2"}], {}),
    "stsRegion": ("eu-west-2", {}),
    "allowedAccountIds": (["111111111111"], {}),
    "forbiddenAccountIds": (["222222222222"], {}),
    "customCaBundle": ("/tmp/ca.pem", {}),
    "httpProxy": ("http://proxy:3128", {}),
    "httpsProxy": ("http://proxy:3128", {}),
    "noProxy": ("localhost", {}),
    "insecure": (True, {}),
    "useFipsEndpoint": (True, {}),
    "useDualstackEndpoint": (True, {}),
    "maxRetries": (3, {}),
    "retryMode": ("adaptive", {}),
    "skipCredentialsValidation": (False, {}),
    "skipRegionValidation": (True, {"region": "moon-base-1"}),
}


def test_the_settings_read_are_the_schemas_identity_fields_and_pulumi_aws_assume_role() -> None:
    fields = (*schema.AWS_CONFIG_FIELDS, *schema.PROVIDER_ONLY_AWS_FIELDS)

    assert set(provider_args.SUPPORTED) == {f.name for f in fields} | {"assume_role"}
    assert set(SAMPLES) == {camel(name) for name in provider_args.SUPPORTED}, (
        "give a new setting a sample here"
    )


def read(values: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """What the core reads from pulumi-aws's settings (by its camelCase names)."""
    return provider_args.read(provider_args.schema_names(values))


@pytest.mark.parametrize("key", SAMPLES)
def test_each_setting_changes_what_is_read(key: str) -> None:
    value, beside = SAMPLES[key]

    without = read(beside)
    given = read({**beside, key: value})

    assert given[1] == [] or key == "skipRegionValidation", given[1]
    assert given != without, f"aws:{key} was accepted and ignored"


@pytest.mark.parametrize("prop", schema.AWS_CONFIG_FIELDS, ids=lambda prop: prop.name)
def test_a_resources_aws_input_takes_each_identity_field_of_the_schema(
    prop: schema.Property,
) -> None:
    value, beside = SAMPLES[camel(prop.name)]

    fields, problems = provider_args.read_resource({prop.name: value, **beside})

    assert problems == []
    assert set(provider_args.RESOURCE_KEYS[prop.name]) <= set(fields)
