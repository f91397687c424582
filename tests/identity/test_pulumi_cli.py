"""Through the real Pulumi CLI: pulumi-aws's identity config, set as a pipeline would set it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pytest

from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_demo
from tests.identity.conftest import ROLE_ONE, ROLE_TWO
from tests.support.pulumi_project import PulumiProject, combined
from tests.support.sts import BASE_ACCESS_KEY, BASE_SECRET_KEY, Sts

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient

pytestmark = pytest.mark.e2e


def test_a_two_role_chain_from_stack_config_signs_every_call_and_the_key_stays_secret(
    make_project: Callable[..., PulumiProject],
    appfabric: AppFabricClient,
    obtain_code: Callable[[Mapping[str, Any]], str],
    emulator_control: EmulatorControl,
    sts: Sts,
) -> None:
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
