"""Every message a user can read, rendered by each front end: remedies, problems and failures.

``python -m tests.docs.messages`` rewrites ``messages_golden.json`` after a deliberate change of
wording; ``test_messages_golden`` fails on any other.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pulumi.provider.experimental.property_value import PropertyValue

from appfabric_connect.aws.failures import Hints
from appfabric_connect.core import messages, statuses
from appfabric_connect.core.messages import Action, Failure, FrontEndWords, Remedy
from appfabric_connect.core.target import Target
from appfabric_connect.naming import camel, snake
from appfabric_connect.pulumi.dynamic.provider import AppAuthorizationConnectionProvider
from appfabric_connect.pulumi.messages import PULUMI
from appfabric_connect.pulumi.package.connection import PackageConnection
from appfabric_connect.terraform.diagnostics import TERRAFORM
from appfabric_connect.terraform.lifecycle_adapter import Connections

GOLDEN = Path(__file__).with_name("messages_golden.json")

BUNDLE = "11111111-2222-4333-8444-555555555555"
AUTHORIZATION = "66666666-7777-4888-9999-aaaaaaaaaaaa"
BUNDLE_ARN = f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{BUNDLE}"
AUTHORIZATION_ARN = f"{BUNDLE_ARN}/appauthorization/{AUTHORIZATION}"
URL = "https://slack.com/oauth/v2/authorize?client_id=x&state=s"
STATUSES = (
    statuses.CONNECTED,
    statuses.PENDING_CONNECT,
    statuses.CONNECTION_VALIDATION_FAILED,
    statuses.TOKEN_AUTO_ROTATION_FAILED,
    "SomethingNew",
)


def remedies() -> Iterator[Remedy]:
    for url, ids in itertools.product((None, URL), (False, True)):
        yield Remedy(
            Action.NEW_CODE,
            property_name="auth_request.code",
            auth_url=url,
            bundle=BUNDLE if ids else None,
            authorization=AUTHORIZATION if ids else None,
        )
    for status, auth_type, url in itertools.product(
        STATUSES, ("oauth2", "apiKey", None), (None, URL)
    ):
        yield Remedy(Action.FIX_STATUS, status=status, auth_type=auth_type, auth_url=url)
    yield Remedy(Action.WAIT_LONGER, property_name="connect_timeout")
    for setting in ("aws:region", None):
        yield Remedy(Action.SET_REGION, property_name="region", setting=setting)


def _target(words: FrontEndWords) -> Target:
    hints = Hints(profile="P", region="R", endpoint="E")
    return Target(None, "us-east-1", BUNDLE, AUTHORIZATION, hints, words)  # type: ignore[arg-type]


def failures(words: FrontEndWords) -> Iterator[Failure]:
    to = _target(words)
    for status, auth_type in itertools.product(STATUSES, ("oauth2", "apiKey")):
        authorization = {"status": status, "authType": auth_type, "app": "SLACK", "authUrl": URL}
        yield messages.status_failure(to, authorization)
        yield messages.failed_after_code(to, authorization)
        yield messages.still_pending(to, authorization, 300)
    for url in (None, URL):
        yield Failure("Something failed.", messages.new_code(to, url))
        yield Failure("Something failed:", messages.new_code(to, url))


# Bad inputs of the resource, by the core's names (the dynamic resource's).
BAD_INPUTS: tuple[dict[str, Any], ...] = (
    {},
    {"app_bundle_identifier": "not-an-id", "app_authorization_identifier": 42},
    {"app_bundle_identifier": BUNDLE_ARN, "app_authorization_identifier": "x" * 1200},
    {
        "app_bundle_identifier": "22222222-2222-4333-8444-555555555555",
        "app_authorization_identifier": AUTHORIZATION_ARN,
    },
    {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN.replace("us-east-1", "eu-west-1"),
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "region": "Mars",
    },
    {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN,
        "region": "eu-west-1",
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "auth_request": {"redirect_uri": "http://example.com/cb", "code": 42},
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "auth_request": {"redirect_uri": "https://x.example/cb#frag", "code": "c" * 3000},
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "auth_request": {"redirect_uri": None, "cod": "x"},
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "auth_request": 7,
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "connect_timeout": 0,
    },
    {
        "app_bundle_identifier": BUNDLE,
        "app_authorization_identifier": AUTHORIZATION,
        "connect_timeout": "soon",
        "regoin": "us-east-1",
    },
)

# Bad settings, by pulumi-aws's names (stack config ``aws:*``).
BAD_SETTINGS: tuple[dict[str, Any], ...] = (
    {"region": "us-eest-1"},
    {"region": "Mars", "skipRegionValidation": True},
    {"accessKey": "AKIAEXAMPLE"},
    {"assumeRoles": [{"sessionName": "s"}, {"roleArn": "not-an-arn", "duration": "9d"}]},
    {"assumeRoleWithWebIdentity": {"roleArn": "arn:aws:iam::123456789012:role/r"}},
    {"endpoints": [{"appfabric": "localhost:4599"}]},
    {"allowedAccountIds": ["12"], "forbiddenAccountIds": ["123456789012"]},
    {"maxRetries": -1, "retryMode": "fast", "insecure": "maybe"},
    {"ec2MetadataServiceEndpoint": "http://x", "notASetting": 1},
    {"sharedConfigFiles": ["a", "b"]},
    {"assumeRoles": [{"roleArn": "arn:aws:iam::123456789012:role/r", "tags": "x"}]},
    {"stsRegion": "nowhere-1", "useFipsEndpoint": "perhaps", "profile": 3},
)


def _dynamic_check(inputs: Mapping[str, Any]) -> list[str]:
    found = AppAuthorizationConnectionProvider().check({}, dict(inputs)).failures or []
    return [f"{f.property}: {f.reason}" for f in found]


def _dynamic_config(settings: Mapping[str, Any]) -> list[str]:
    provider = AppAuthorizationConnectionProvider()
    provider.configure_from(_StackConfig({f"aws:{k}": _text(v) for k, v in settings.items()}))
    valid = {"app_bundle_identifier": BUNDLE, "app_authorization_identifier": AUTHORIZATION}
    return [f"{f.property}: {f.reason}" for f in provider.check({}, valid).failures or []]


class _StackConfig:
    """Stack config as the dynamic-provider server hands it over (values as text)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._props = values

    def get(self, key: str) -> Any:
        return self._props.get(key)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _package_check(inputs: Mapping[str, Any]) -> list[str]:
    news = {camel(k): PropertyValue(_property(v)) for k, v in inputs.items()}
    checked = PackageConnection().check({}, news)
    return [f"{path}: {reason}" for path, reason in checked.failures]


def _property(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {camel(k): PropertyValue(_property(v)) for k, v in value.items()}
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _package_config(settings: Mapping[str, Any]) -> list[str]:
    args = {k: PropertyValue(_setting(v)) for k, v in settings.items()}
    return [f"{path}: {reason}" for path, reason in PackageConnection().check_config(args).failures]


def _setting(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: PropertyValue(_setting(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [PropertyValue(_setting(v)) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _terraform_check(inputs: Mapping[str, Any]) -> list[str]:
    config: dict[str, Any] = {
        "app_bundle_arn": inputs.get("app_bundle_identifier"),
        "app_authorization_arn": inputs.get("app_authorization_identifier"),
        "region": inputs.get("region"),
    }
    request = inputs.get("auth_request")
    if isinstance(request, Mapping):
        config["auth_request"] = [
            {"redirect_uri": request.get("redirect_uri"), "code": request.get("code")}
        ]
    if "connect_timeout" in inputs:
        config["timeouts"] = {"create": str(inputs["connect_timeout"])}
    return [f"{p.path}: {p.message}" for p in Connections().resource_problems(config)]


_TF_SETTINGS = {
    "skipRegionValidation": "skip_region_validation",
    "accessKey": "access_key",
    "assumeRoles": "assume_role",
    "assumeRoleWithWebIdentity": "assume_role_with_web_identity",
    "allowedAccountIds": "allowed_account_ids",
    "forbiddenAccountIds": "forbidden_account_ids",
    "maxRetries": "max_retries",
    "retryMode": "retry_mode",
    "sharedConfigFiles": "shared_config_files",
}


def _terraform_config(settings: Mapping[str, Any]) -> list[str]:
    config: dict[str, Any] = {}
    for key, value in settings.items():
        name = _TF_SETTINGS.get(key, snake(key))
        if isinstance(value, Mapping):
            value = [{snake(k): v for k, v in value.items()}]
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            value = [{snake(k): v for k, v in item.items()} for item in value]
        config[name] = value
    return [f"{p.path}: {p.message}" for p in Connections.provider_problems(config)]


def render() -> dict[str, Any]:
    """Every message, by front end and kind, in a stable order."""
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    words = {"pulumi": PULUMI, "terraform": TERRAFORM}
    return {
        "remedies": {
            "pulumi": [PULUMI.remedy(r) for r in remedies()],
            "terraform": [TERRAFORM.remedy(r) for r in remedies()],
        },
        "failures": {name: [f.render(say) for f in failures(say)] for name, say in words.items()},
        "problems": {
            "dynamic": [_dynamic_check(i) for i in BAD_INPUTS],
            "package": [_package_check(i) for i in BAD_INPUTS],
            "terraform": [_terraform_check(i) for i in BAD_INPUTS],
        },
        "settings": {
            "dynamic": [_dynamic_config(s) for s in BAD_SETTINGS],
            "package": [_package_config(s) for s in BAD_SETTINGS],
            "terraform": [_terraform_config(s) for s in BAD_SETTINGS],
        },
    }


def count(found: Any) -> int:
    if isinstance(found, str):
        return 1
    if isinstance(found, Mapping):
        return sum(count(v) for v in found.values())
    return sum(count(v) for v in found)


if __name__ == "__main__":
    rendered = render()
    GOLDEN.write_text(json.dumps(rendered, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {count(rendered)} messages to {GOLDEN}")
