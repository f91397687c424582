"""Moving from pulumi-aws: a program keeps its arguments and swaps only the class."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws
import pytest

from appfabric_connect import AppAuthorizationConnection, AppAuthorizationConnectionProvider
from appfabric_connect.durations import go_duration_seconds
from tests.support.mocks import Mocks, is_secret, pulumi_test, unsecret

PULUMI_AWS_CONNECTION = "aws:appfabric/appAuthorizationConnection:AppAuthorizationConnection"
REDIRECT_URI = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"
CODE = "c0de-from-the-consent-page"
BUNDLE = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
AUTHORIZATION = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"


class PulumiAwsMocks(Mocks):
    """The project's mocks, answering pulumi-aws's AppAuthorizationConnection too."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        if args.typ == PULUMI_AWS_CONNECTION:
            self.registered.append(args)
            return str(args.inputs["appAuthorizationArn"]), dict(args.inputs)
        return super().new_resource(args)


@pytest.fixture
def mocks() -> PulumiAwsMocks:
    mocks = PulumiAwsMocks()
    pulumi.runtime.set_mocks(mocks, project="project", stack="dev", preview=False)
    return mocks


def pulumi_aws_program(
    connection_class: Any, name: str, slack: Any, auth_request: Any, timeouts: Any
) -> Any:
    """A program written for pulumi-aws; ``connection_class`` is the only thing swapped."""
    return connection_class(
        name,
        app_bundle_arn=slack.app_bundle_arn,
        app_authorization_arn=slack.arn,
        auth_request=auth_request,
        timeouts=timeouts,
    )


def bundle_and_authorization() -> aws.appfabric.AppAuthorization:
    """What both programs connect: one bundle and authorization, so that their ARNs compare."""
    bundle = aws.appfabric.AppBundle("bundle")
    return aws.appfabric.AppAuthorization(
        "slack",
        app_bundle_arn=bundle.arn,
        app="SLACK",
        auth_type="oauth2",
        credential={"oauth2_credential": {"client_id": "id", "client_secret": "secret"}},
        tenants=[{"tenant_display_name": "Acme", "tenant_identifier": "T0123"}],
    )


AUTH_REQUESTS: dict[str, Callable[[], Any]] = {
    "Args": lambda: aws.appfabric.AppAuthorizationConnectionAuthRequestArgs(
        code=CODE, redirect_uri=REDIRECT_URI
    ),
    "ArgsDict": lambda: {"code": CODE, "redirect_uri": REDIRECT_URI},
    "camelCase dict": lambda: {"code": CODE, "redirectUri": REDIRECT_URI},
}
TIMEOUTS: dict[str, Callable[[], Any]] = {
    "dict": lambda: {"create": "1h30m"},
    "Args": lambda: aws.appfabric.AppAuthorizationConnectionTimeoutsArgs(create="1h30m"),
}


def _plain(value: Any) -> Any:
    return unsecret(value)


@pytest.mark.parametrize("timeouts_form", TIMEOUTS)
@pytest.mark.parametrize("auth_request_form", AUTH_REQUESTS)
@pulumi_test
def test_a_pulumi_aws_program_gives_our_provider_what_it_declared(
    mocks: PulumiAwsMocks, auth_request_form: str, timeouts_form: str
) -> Any:
    slack = bundle_and_authorization()

    def run(connection_class: Any, name: str) -> Any:
        auth_request, timeouts = AUTH_REQUESTS[auth_request_form](), TIMEOUTS[timeouts_form]()
        return pulumi_aws_program(connection_class, name, slack, auth_request, timeouts)

    theirs = run(aws.appfabric.AppAuthorizationConnection, "theirs")
    ours = run(AppAuthorizationConnection, "ours")

    def check(_: Any) -> None:
        declared = mocks.inputs("theirs", PULUMI_AWS_CONNECTION)
        received = mocks.inputs(
            "ours", "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
        )
        auth_request = _plain(declared["authRequest"])
        assert is_secret(received["auth_request"])
        assert {
            "app_bundle_identifier": received["app_bundle_identifier"],
            "app_authorization_identifier": received["app_authorization_identifier"],
            "auth_request": _plain(received["auth_request"]),
            "connect_timeout": received["connect_timeout"],
        } == {
            "app_bundle_identifier": declared["appBundleArn"],
            "app_authorization_identifier": declared["appAuthorizationArn"],
            "auth_request": {
                "redirect_uri": auth_request["redirectUri"],
                "code": auth_request["code"],
            },
            "connect_timeout": go_duration_seconds(declared["timeouts"]["create"]),
        }
        assert received["connect_timeout"] == 5400
        assert not {"app_bundle_arn", "app_authorization_arn", "timeouts"} & set(received)
        assert (
            AppAuthorizationConnectionProvider().check({}, _unsecret_all(received)).failures == []
        )

    return pulumi.Output.all(theirs.id, ours.id).apply(check)


def _unsecret_all(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in inputs.items() if k != "__provider"}


@pulumi_test
def test_pulumi_awss_args_class_is_accepted_as_the_args(mocks: PulumiAwsMocks) -> Any:
    bundle = (
        "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    )
    arn = f"{bundle}/appauthorization/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
    args = aws.appfabric.AppAuthorizationConnectionArgs(
        app_bundle_arn=bundle,
        app_authorization_arn=arn,
        timeouts=aws.appfabric.AppAuthorizationConnectionTimeoutsArgs(create="45s"),
    )
    connection = AppAuthorizationConnection("from-args", args)  # type: ignore[call-overload]

    def check(_: Any) -> None:
        received = mocks.inputs("from-args")
        assert (received["app_bundle_identifier"], received["app_authorization_identifier"]) == (
            bundle,
            arn,
        )
        assert received["connect_timeout"] == 45

    return connection.id.apply(check)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"app_bundle_arn": BUNDLE},
            (
                "app_bundle_arn",
                "app_bundle_arn and app_bundle_identifier are the same input: give one",
            ),
        ),
        (
            {"app_authorization_arn": AUTHORIZATION},
            (
                "app_authorization_arn",
                "app_authorization_arn and app_authorization_identifier are the same input: "
                "give one",
            ),
        ),
        (
            {"timeouts": {"create": "30m"}, "connect_timeout": 60},
            (
                "timeouts.create",
                "timeouts.create and connect_timeout are the same input: give one",
            ),
        ),
        (
            {"timeouts": {"create": "half an hour"}},
            ("timeouts.create", "must be a Go duration such as 30m or 1h30m, got 'half an hour'"),
        ),
    ],
)
@pulumi_test
def test_both_names_of_one_input_reach_check_which_says_so_in_one_line(
    mocks: PulumiAwsMocks, given: dict[str, Any], expected: tuple[str, str]
) -> Any:
    connection = AppAuthorizationConnection(
        "both", app_bundle_identifier=BUNDLE, app_authorization_identifier=AUTHORIZATION, **given
    )

    def check(_: Any) -> None:
        received = _unsecret_all(mocks.inputs("both"))
        failures = AppAuthorizationConnectionProvider().check({}, received).failures or []
        assert [(f.property, f.reason) for f in failures] == [expected]

    return connection.id.apply(check)
