"""Pulumi's mocks for programs: pulumi-aws's AppFabric resources and the connection, recorded."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ParamSpec, cast

import pulumi
import pytest
from pulumi.runtime import rpc

from appfabric_connect import schema

P = ParamSpec("P")
ACCOUNT = "123456789012"
BUNDLE_UUID = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
BUNDLE_ARN = f"arn:aws:appfabric:us-east-1:{ACCOUNT}:appbundle/{BUNDLE_UUID}"
CONNECTION = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
APP_BUNDLE = "aws:appfabric/appBundle:AppBundle"
APP_AUTHORIZATION = "aws:appfabric/appAuthorization:AppAuthorization"
AWS_PROVIDER = "pulumi:providers:aws"
TENANT = {"tenant_identifier": "T0123", "tenant_display_name": "Acme"}


def pulumi_test(test: Callable[P, Any]) -> Callable[P, None]:
    """``pulumi.runtime.test``, typed: runs ``test`` and waits for every output it leaves."""
    return cast(Callable[P, None], pulumi.runtime.test(test))  # type: ignore[no-untyped-call]


def authorization_arn(name: str, bundle_arn: str = BUNDLE_ARN) -> str:
    """A stable, valid authorization ARN for a mocked AppAuthorization named ``name``."""
    digits = f"{zlib.crc32(name.encode()):012d}"
    return f"{bundle_arn}/appauthorization/5a6b7c8d-9e0f-4a1b-8c2d-{digits}"


def consent_url(name: str) -> str:
    """The ``authUrl`` the mocked AppAuthorization called ``name`` answers."""
    return f"https://slack.com/oauth/v2/authorize?client_id=x&state={name}"


def connection_auth_url(name: str) -> str:
    """The ``auth_url`` of a mocked connection called ``name`` that is not Connected."""
    return f"https://slack.com/oauth/v2/authorize?client_id=x&state={name}-again"


class Mocks(pulumi.runtime.Mocks):
    """Answers for pulumi-aws's AppFabric resources and the AppAuthorizationConnection.

    A connection answers the status given for its name in ``statuses`` (else ``Connected``),
    app ``SLACK``, tenant ``TENANT``, its authorization identifier as ARN, an ``auth_url``
    (``connection_auth_url``) while not Connected, and ``"<output> of <name>"`` for the rest.
    """

    def __init__(self, statuses: Mapping[str, str] | None = None) -> None:
        self.statuses = dict(statuses or {})
        self.registered: list[pulumi.runtime.MockResourceArgs] = []
        self.answered: dict[str, dict[str, Any]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        inputs = args.inputs
        if args.typ == APP_BUNDLE:
            return BUNDLE_UUID, {**inputs, "arn": BUNDLE_ARN}
        if args.typ == APP_AUTHORIZATION:
            bundle = str(rpc.unwrap_rpc_secret(inputs["appBundleArn"]))
            arn = authorization_arn(args.name, bundle)
            return arn, {**inputs, "arn": arn, "authUrl": consent_url(args.name)}
        if args.typ == CONNECTION:
            arn = str(inputs.get("app_authorization_identifier") or args.resource_id)
            status = self.statuses.get(args.name, "Connected")
            outputs: dict[str, Any] = {
                name: f"{name} of {args.name}" for name in schema.OUTPUT_NAMES
            }
            outputs |= {
                "status": status,
                "app": "SLACK",
                "tenant": TENANT,
                "app_authorization_arn": arn,
                "auth_url": None if status == "Connected" else connection_auth_url(args.name),
            }
            self.answered[args.name] = outputs
            return arn, {**inputs, **outputs}
        if args.typ == AWS_PROVIDER:
            return f"{args.name}-provider-id", dict(inputs)
        raise AssertionError(f"unexpected resource {args.typ}")

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected call {args.token}")

    def of_type(self, typ: str) -> list[pulumi.runtime.MockResourceArgs]:
        return [r for r in self.registered if r.typ == typ]

    def names(self, typ: str = CONNECTION) -> list[str]:
        return [r.name for r in self.of_type(typ)]

    def inputs(self, name: str, typ: str = CONNECTION) -> dict[str, Any]:
        """The inputs the program gave the resource of type ``typ`` called ``name``."""
        return dict(next(r.inputs for r in self.of_type(typ) if r.name == name))

    def outputs(self, name: str) -> dict[str, Any]:
        """The outputs the mocks answered for the connection called ``name``."""
        return self.answered[name]


@dataclass
class MockedStack:
    """A program run under mocks: its registrations and its stack outputs (``pulumi.export``)."""

    mocks: Mocks
    exports: dict[str, Any] = field(default_factory=dict)

    def then(self, check: Callable[[dict[str, Any]], None]) -> pulumi.Output[None]:
        """Calls ``check`` with the resolved exports, once every resource is registered."""
        return pulumi.Output.from_input(self.exports).apply(check)


# What the ``pulumi_mocks`` and ``run_example`` fixtures are: they set a program's run up.
MockedRun = Callable[..., MockedStack]


def mocked_stack(
    monkeypatch: pytest.MonkeyPatch,
    project: str = "project",
    config: Mapping[str, Any] | None = None,
    secrets: Mapping[str, Any] | None = None,
    statuses: Mapping[str, str] | None = None,
) -> MockedStack:
    """Sets up Pulumi's mocks and stack config for a program about to run.

    Config keys without a namespace belong to ``project``; objects are JSON-encoded.
    """
    stack = MockedStack(Mocks(statuses))
    pulumi.runtime.set_mocks(stack.mocks, project=project, stack="dev", preview=False)

    def full(key: str) -> str:
        return key if ":" in key else f"{project}:{key}"

    def text(value: Any) -> str:
        return value if isinstance(value, str) else json.dumps(value)

    values = {full(k): text(v) for k, v in {**(config or {}), **(secrets or {})}.items()}
    pulumi.runtime.set_all_config(values, [full(k) for k in secrets or {}])
    monkeypatch.setattr(pulumi, "export", stack.exports.__setitem__)
    return stack


def is_secret(value: Any) -> bool:
    return bool(rpc.is_rpc_secret(value))


def unsecret(value: Any) -> Any:
    return rpc.unwrap_rpc_secret(value)
