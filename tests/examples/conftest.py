"""Runs an example's `__main__.py` under Pulumi's mocks, with its stack config and exports."""

from __future__ import annotations

import json
import runpy
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml
from pulumi.runtime import rpc

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ACCOUNT = "123456789012"
BUNDLE_UUID = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
BUNDLE_ARN = f"arn:aws:appfabric:us-east-1:{ACCOUNT}:appbundle/{BUNDLE_UUID}"
CONNECTION = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
APP_BUNDLE = "aws:appfabric/appBundle:AppBundle"
APP_AUTHORIZATION = "aws:appfabric/appAuthorization:AppAuthorization"


def authorization_arn(name: str, bundle_arn: str = BUNDLE_ARN) -> str:
    """A stable, valid authorization ARN for a mocked AppAuthorization named ``name``."""
    digits = f"{zlib.crc32(name.encode()):012d}"
    return f"{bundle_arn}/appauthorization/5a6b7c8d-9e0f-4a1b-8c2d-{digits}"


class Mocks(pulumi.runtime.Mocks):
    """Answers for pulumi-aws's AppFabric resources and the AppAuthorizationConnection."""

    def __init__(self) -> None:
        self.registered: list[pulumi.runtime.MockResourceArgs] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.registered.append(args)
        inputs = args.inputs
        if args.typ == APP_BUNDLE:
            return BUNDLE_UUID, {**inputs, "arn": BUNDLE_ARN}
        if args.typ == APP_AUTHORIZATION:
            arn = authorization_arn(args.name, rpc.unwrap_rpc_secret(inputs["appBundleArn"]))
            auth_url = f"https://slack.com/oauth/v2/authorize?client_id=x&state={args.name}"
            return arn, {**inputs, "arn": arn, "authUrl": auth_url}
        if args.typ == CONNECTION:
            arn = inputs["app_authorization_identifier"]
            outputs = {"status": "Connected", "app_authorization_arn": arn, "auth_url": None}
            return arn, {**inputs, **outputs}
        raise AssertionError(f"unexpected resource {args.typ}")

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected call {args.token}")

    def of_type(self, typ: str) -> list[pulumi.runtime.MockResourceArgs]:
        return [r for r in self.registered if r.typ == typ]

    def inputs(self, typ: str, name: str) -> dict[str, Any]:
        return next(r.inputs for r in self.of_type(typ) if r.name == name)


@dataclass
class Run:
    """An example run under mocks: its registrations and its stack outputs (`pulumi.export`)."""

    mocks: Mocks
    exports: dict[str, Any] = field(default_factory=dict)

    def then(self, check: Callable[[dict[str, Any]], None]) -> pulumi.Output[None]:
        """Calls ``check`` with the resolved exports, once every resource is registered."""
        return pulumi.Output.from_input(self.exports).apply(check)


def project_name(example: str) -> str:
    return str(yaml.safe_load((EXAMPLES / example / "Pulumi.yaml").read_text())["name"])


@pytest.fixture
def run_example(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Run]]:
    """run_example(name, config={key: value}, secrets={key: value}) → Run.

    Keys without a namespace belong to the example's project; objects are JSON-encoded.
    """

    def run(
        example: str, config: dict[str, Any] | None = None, secrets: dict[str, Any] | None = None
    ) -> Run:
        project = project_name(example)
        mocks = Mocks()
        pulumi.runtime.set_mocks(mocks, project=project, stack="dev", preview=False)

        def full(key: str) -> str:
            return key if ":" in key else f"{project}:{key}"

        def text(value: Any) -> str:
            return value if isinstance(value, str) else json.dumps(value)

        values = {full(k): text(v) for k, v in {**(config or {}), **(secrets or {})}.items()}
        pulumi.runtime.set_all_config(values, [full(k) for k in secrets or {}])
        result = Run(mocks)
        monkeypatch.setattr(pulumi, "export", result.exports.__setitem__)
        runpy.run_path(str(EXAMPLES / example / "__main__.py"), run_name="__main__")
        return result

    yield run
    pulumi.runtime.set_all_config({}, [])


def is_secret(value: Any) -> bool:
    return bool(rpc.is_rpc_secret(value))


def unsecret(value: Any) -> Any:
    return rpc.unwrap_rpc_secret(value)
