"""Who signs: each source of the base identity, by role chain, by front end, against STS."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pulumi.dynamic import Config, ConfigureRequest
from pulumi.provider.experimental.property_value import PropertyValue

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.pulumi.package.connection import PackageConnection
from tests.identity.conftest import ROLE_ONE, ROLE_TWO, signers
from tests.support.container_credentials import (
    CONTAINER_ACCESS_KEY,
    ContainerCredentials,
    container_credentials,
)
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

__all__ = ["container_credentials"]

ENV_ACCESS_KEY = "AKIAPIPELINEENVKEYS"
ENV_SECRET_KEY = "pipeline-env-secret-key-must-never-leak"
PROFILE_ACCESS_KEY = "AKIAPROFILESTATICKEY"
PROFILE_ROLE = "arn:aws:iam::333333333333:role/profile-deployer"
WEB_ROLE = "arn:aws:iam::444444444444:role/github-oidc"
DEFAULT_ACCOUNT = "123456789012"  # moto's STS answers it for keys that are not a role session

CREDENTIALS_FILE = f"""\
[static]
aws_access_key_id = {PROFILE_ACCESS_KEY}
aws_secret_access_key = profile-secret-key

[base]
aws_access_key_id = {PROFILE_ACCESS_KEY}
aws_secret_access_key = profile-secret-key
"""
CONFIG_FILE = f"""\
[profile static]
region = us-east-1

[profile chained]
role_arn = {PROFILE_ROLE}
source_profile = base
role_session_name = from-profile
"""
# Every variable through which botocore finds credentials: each case sets only its own.
CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
)


@dataclass(frozen=True)
class Source:
    """Where the first hop's identity comes from, as a pipeline configures it. ``{tmp}`` and
    ``{container}`` in values stand for the test's directory and the container endpoint."""

    settings: Mapping[str, Any]  # provider settings: pulumi-aws's names, without the prefix
    env: Mapping[str, str]
    base_key: str | None  # the access key of the base identity (None: a web identity token)
    own_role: str | None = None  # the role the source itself assumes (a profile's, OIDC's)

    @property
    def identity(self) -> str:
        """The identity that signs when no role follows: a role ARN, else an access key."""
        identity = self.own_role or self.base_key
        assert identity is not None
        return identity


ENV_KEYS = {"AWS_ACCESS_KEY_ID": ENV_ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": ENV_SECRET_KEY}
SHARED_FILES = {
    "AWS_SHARED_CREDENTIALS_FILE": "{tmp}/credentials",
    "AWS_CONFIG_FILE": "{tmp}/config",
}
SOURCES = {
    "config keys": Source(
        {"accessKey": BASE_ACCESS_KEY, "secretKey": BASE_SECRET_KEY}, {}, BASE_ACCESS_KEY
    ),
    "env keys": Source({}, ENV_KEYS, ENV_ACCESS_KEY),
    "env keys and session token": Source(
        {}, {**ENV_KEYS, "AWS_SESSION_TOKEN": "pipeline-session-token"}, ENV_ACCESS_KEY
    ),
    "AWS_PROFILE": Source({}, {**SHARED_FILES, "AWS_PROFILE": "static"}, PROFILE_ACCESS_KEY),
    "aws:profile and shared files": Source(
        {
            "profile": "static",
            "sharedCredentialsFiles": ["{tmp}/credentials"],
            "sharedConfigFiles": ["{tmp}/config"],
        },
        {},
        PROFILE_ACCESS_KEY,
    ),
    "a profile with role_arn and source_profile": Source(
        {}, {**SHARED_FILES, "AWS_PROFILE": "chained"}, PROFILE_ACCESS_KEY, PROFILE_ROLE
    ),
    "web identity from the environment": Source(
        {},
        {
            "AWS_WEB_IDENTITY_TOKEN_FILE": "{tmp}/oidc-token",
            "AWS_ROLE_ARN": WEB_ROLE,
            "AWS_ROLE_SESSION_NAME": "github-actions",
        },
        None,
        WEB_ROLE,
    ),
    "aws:assumeRoleWithWebIdentity": Source(
        {"assumeRoleWithWebIdentity": {"roleArn": WEB_ROLE, "webIdentityTokenFile": "{tmp}/oidc"}},
        {},
        None,
        WEB_ROLE,
    ),
    "container credentials endpoint": Source(
        {}, {"AWS_CONTAINER_CREDENTIALS_FULL_URI": "{container}"}, CONTAINER_ACCESS_KEY
    ),
}
CHAINS: dict[str, tuple[str, ...]] = {
    "no role": (),
    "one role": (ROLE_TWO,),
    "two roles": (ROLE_ONE, ROLE_TWO),
}
ACCOUNTS = {
    ROLE_TWO: "222222222222",
    PROFILE_ROLE: "333333333333",
    WEB_ROLE: "444444444444",
}


def _through_dynamic_resource(
    settings: Mapping[str, Any], authorization: AppAuthorizationTypeDef
) -> None:
    """Configure (stack config ``aws:*``, JSON like the CLI's), create, then refresh."""
    raw = {f"aws:{k}": v if isinstance(v, str) else json.dumps(v) for k, v in settings.items()}
    prov = AppAuthorizationConnectionProvider()
    prov.configure(ConfigureRequest(Config(raw, "project")))
    created = prov.create(
        {
            "app_bundle_identifier": authorization["appBundleArn"],
            "app_authorization_identifier": authorization["appAuthorizationArn"],
        }
    )
    prov.read(created.id, created.outs or {})


def _property(value: Any) -> PropertyValue:
    if isinstance(value, Mapping):
        return PropertyValue({k: _property(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return PropertyValue([_property(v) for v in value])
    return PropertyValue(value)


def _through_provider_package(
    settings: Mapping[str, Any], authorization: AppAuthorizationTypeDef
) -> None:
    """Configure (the provider's own settings), create, then refresh."""
    connection = PackageConnection()
    connection.configure({k: _property(v) for k, v in settings.items()})
    inputs = {
        "appBundleIdentifier": PropertyValue(authorization["appBundleArn"]),
        "appAuthorizationIdentifier": PropertyValue(authorization["appAuthorizationArn"]),
    }
    resource_id, state = connection.create(inputs)
    connection.read(resource_id, state, inputs)


FrontEnd = Callable[[Mapping[str, Any], "AppAuthorizationTypeDef"], None]
FRONT_ENDS: dict[str, FrontEnd] = {
    "dynamic resource": _through_dynamic_resource,
    "provider package": _through_provider_package,
}


def _filled(value: Any, places: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**places)
    if isinstance(value, Mapping):
        return {k: _filled(v, places) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, places) for v in value]
    return value


@pytest.fixture
def arrange(
    aws_env: str,
    sts: Sts,
    container_credentials: ContainerCredentials,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[Source], Callable[[Mapping[str, Any]], dict[str, Any]]]:
    """``arrange(source)(more settings)``: the environment set as the source needs it (and
    nothing else that botocore reads for credentials); returns the provider settings."""
    (tmp_path / "credentials").write_text(CREDENTIALS_FILE)
    (tmp_path / "config").write_text(CONFIG_FILE)
    (tmp_path / "oidc-token").write_text("eyJhbGciOiJSUzI1NiJ9.github-oidc.signature")
    (tmp_path / "oidc").write_text("eyJhbGciOiJSUzI1NiJ9.configured-oidc.signature")
    places = {"tmp": str(tmp_path), "container": container_credentials.url}

    def for_source(source: Source) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        for name in CREDENTIAL_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
        monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
        # botocore's own providers (a profile's role, OIDC from the environment) reach STS here.
        monkeypatch.setenv("AWS_ENDPOINT_URL_STS", sts.url)
        for name, value in source.env.items():
            monkeypatch.setenv(name, _filled(value, places))

        def settings(more: Mapping[str, Any]) -> dict[str, Any]:
            base = {"region": "us-east-1", "endpoints": [{"sts": sts.url}]}
            return {**base, **_filled(dict(source.settings), places), **more}

        return settings

    return for_source


@pytest.mark.parametrize("front_end", FRONT_ENDS.values(), ids=FRONT_ENDS.keys())
@pytest.mark.parametrize("chain", CHAINS.values(), ids=CHAINS.keys())
@pytest.mark.parametrize("source", SOURCES.values(), ids=SOURCES.keys())
def test_appfabric_and_the_account_check_are_signed_by_the_final_identity(
    source: Source,
    chain: Sequence[str],
    front_end: FrontEnd,
    arrange: Callable[[Source], Callable[[Mapping[str, Any]], dict[str, Any]]],
    sts: Sts,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    final = chain[-1] if chain else source.identity
    settings = arrange(source)(
        {
            "assumeRoles": [{"roleArn": role} for role in chain],
            "allowedAccountIds": [ACCOUNTS.get(final, DEFAULT_ACCOUNT)],
        }
    )
    emulator_control.reset_calls()

    front_end(settings, api_key_authorization)

    def identity_of(key: str | None) -> str | None:
        return (sts.role_of(key) or key) if key else None

    calls = sts.calls()
    assert {identity_of(key) for key in signers(emulator_control)} == {final}
    checks = [identity_of(c.access_key) for c in calls if c.action == "GetCallerIdentity"]
    assert checks == [final]
    # Each AssumeRole is signed by the hop before it: the base identity signs only the first.
    hops = [identity_of(c.access_key) for c in calls if c.action == "AssumeRole"]
    expected_hops = [source.base_key] if source.own_role and source.base_key else []
    expected_hops += [source.identity, *chain[:-1]] if chain else []
    assert hops == expected_hops
    if source.base_key is not None and source.base_key != final:
        assert [c.action for c in calls if c.access_key == source.base_key] == ["AssumeRole"]
    web = [c.access_key for c in calls if c.action == "AssumeRoleWithWebIdentity"]
    assert web == ([None] if source.base_key is None else [])
