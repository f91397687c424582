"""Through the real Pulumi CLI: pulumi-aws's identity config, set as a pipeline would set it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_demo
from tests.identity.conftest import ROLE_ONE, ROLE_TWO
from tests.support.pulumi_project import PulumiProject, combined
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts, StsCall

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

pytestmark = pytest.mark.e2e

PIPELINE_ACCESS_KEY = "AKIAPIPELINERUNNER"
PIPELINE_SECRET_KEY = "pipeline-runner-secret-must-never-leak"


def pipeline_credentials(env: dict[str, str]) -> None:
    """The runner's own identity in the environment, as a CI secret or an OIDC action sets it."""
    env.update(AWS_ACCESS_KEY_ID=PIPELINE_ACCESS_KEY, AWS_SECRET_ACCESS_KEY=PIPELINE_SECRET_KEY)


def demo_stack(
    make_project: Callable[..., PulumiProject],
    appfabric: AppFabricClient,
    obtain_code: Callable[[Mapping[str, Any]], str],
) -> PulumiProject:
    """The root program's stack with the demo's slack (oauth2, its code set) and asana (apiKey)."""
    seeded = seed_demo(appfabric)
    stack = make_project()
    stack.set_connections(
        seeded.bundle_arn,
        [
            ("slack", seeded.oauth2_authorization["appAuthorizationArn"], True),
            ("asana", seeded.api_key_authorization["appAuthorizationArn"], False),
        ],
    )
    stack.set_code(0, obtain_code(seeded.oauth2_authorization))
    return stack


def destroy(stack: PulumiProject) -> None:
    """``destroy`` with a refresh first, so that it too calls AppFabric."""
    stack.cli.run("destroy", "--yes", "--skip-preview", "--refresh")


def assert_signed_by_the_last_role(
    callers: list[dict[str, str]], sts_calls: list[StsCall], sts: Sts
) -> None:
    """Every AppFabric call and account check by ROLE_TWO; the runner's key signs AssumeRoles."""
    assert {c["operation"] for c in callers} >= {"ConnectAppAuthorization", "GetAppAuthorization"}
    assert {sts.role_of(c["accessKeyId"]) for c in callers} == {ROLE_TWO}
    checks = {sts.role_of(c.access_key or "") for c in sts_calls if c.action == "GetCallerIdentity"}
    assert checks == {ROLE_TWO}
    by_runner = {c.action for c in sts_calls if c.access_key == PIPELINE_ACCESS_KEY}
    assert by_runner == {"AssumeRole"}


def test_env_keys_and_a_two_role_chain_sign_up_refresh_and_destroy_as_the_last_role(
    make_project: Callable[..., PulumiProject],
    appfabric: AppFabricClient,
    obtain_code: Callable[[Mapping[str, Any]], str],
    emulator_control: EmulatorControl,
    sts: Sts,
) -> None:
    stack = demo_stack(make_project, appfabric, obtain_code)
    pipeline_credentials(stack.cli.env)
    stack.set_config(
        {
            "aws:assumeRoles[0].roleArn": ROLE_ONE,
            "aws:assumeRoles[1].roleArn": ROLE_TWO,
            "aws:endpoints[0].sts": sts.url,
            "aws:allowedAccountIds[0]": "222222222222",
        }
    )
    emulator_control.reset_calls()

    stack.up()
    stack.refresh()
    assert stack.statuses() == {"slack": "Connected", "asana": "Connected"}
    destroy(stack)

    assert stack.resources() == []
    assert_signed_by_the_last_role(emulator_control.callers(), sts.calls(), sts)
    assert stack.leaks([PIPELINE_SECRET_KEY]) == []


def test_a_two_role_chain_from_stack_config_signs_every_call_and_the_key_stays_secret(
    make_project: Callable[..., PulumiProject],
    appfabric: AppFabricClient,
    obtain_code: Callable[[Mapping[str, Any]], str],
    emulator_control: EmulatorControl,
    sts: Sts,
) -> None:
    stack = demo_stack(make_project, appfabric, obtain_code)
    stack.set_config(
        {
            "aws:accessKey": BASE_ACCESS_KEY,
            "aws:assumeRoles[0].roleArn": ROLE_ONE,
            "aws:assumeRoles[0].sessionName": "pipeline",
            "aws:assumeRoles[1].roleArn": ROLE_TWO,
            "aws:endpoints[0].sts": sts.url,
            "aws:allowedAccountIds[0]": "222222222222",
        }
    )
    stack.set_secret("aws:secretKey", BASE_SECRET_KEY)
    emulator_control.reset_calls()

    stack.up()
    stack.refresh()

    assert stack.statuses() == {"slack": "Connected", "asana": "Connected"}
    callers = emulator_control.callers()
    assert {c["operation"] for c in callers} >= {"ConnectAppAuthorization", "GetAppAuthorization"}
    assert {sts.role_of(c["accessKeyId"]) for c in callers} == {ROLE_TWO}
    assert stack.leaks([BASE_SECRET_KEY]) == []
    assert BASE_SECRET_KEY not in str(stack.export())


def test_an_unsupported_identity_key_fails_preview_in_one_line(
    make_project: Callable[..., PulumiProject], appfabric: AppFabricClient
) -> None:
    seeded = seed_demo(appfabric)
    stack = make_project()
    stack.set_connections(
        seeded.bundle_arn, [("asana", seeded.api_key_authorization["appAuthorizationArn"], False)]
    )
    stack.set_config({"aws:ec2MetadataServiceEndpoint": "http://169.254.169.254"})
    result = stack.preview(check=False)
    assert result.returncode != 0
    # The engine words a check failure as "property KEY value … has a problem: REASON".
    assert (
        "property aws:ec2MetadataServiceEndpoint value {<nil>} has a problem: is not supported "
        "by appfabric-connect (it would change the identity)\n"
    ) in combined(result)
