"""examples/multi-account under mocks: each account's resources and connection, with its role."""

from __future__ import annotations

from typing import Any

from tests.support.mocks import (
    APP_AUTHORIZATION,
    APP_BUNDLE,
    AWS_PROVIDER,
    MockedRun,
    pulumi_test,
    unsecret,
)

EXAMPLE = "multi-account"
ROLES = {
    "prod": "arn:aws:iam::111111111111:role/deployer",
    "staging": "arn:aws:iam::222222222222:role/deployer",
}
CONFIG = {
    "aws:region": "us-east-1",
    "accounts": [
        {"name": name, "roleArn": role, "tenantId": f"tenant-{name}"}
        for name, role in ROLES.items()
    ],
}
SECRETS = {"prodAsanaToken": "prod-token", "stagingAsanaToken": "staging-token"}


@pulumi_test
def test_each_connection_carries_its_accounts_role_as_its_own_identity(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        for name, role in ROLES.items():
            aws = unsecret(run.mocks.inputs(name)["aws"])
            assert aws["region"] == "us-east-1"
            assert [hop["role_arn"] for hop in aws["assume_roles"]] == [role]

    return run.then(check)


@pulumi_test
def test_each_accounts_pulumi_aws_resources_use_that_accounts_provider(
    run_example: MockedRun,
) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS)

    def check(_: dict[str, Any]) -> None:
        for typ in (APP_BUNDLE, APP_AUTHORIZATION):
            for resource in run.mocks.of_type(typ):
                assert f"::{resource.name}::" in (resource.provider or ""), resource.provider
        assert sorted(r.name for r in run.mocks.of_type(AWS_PROVIDER)) == sorted(ROLES)

    return run.then(check)


@pulumi_test
def test_each_connection_is_exported_under_its_accounts_name(run_example: MockedRun) -> Any:
    run = run_example(EXAMPLE, CONFIG, SECRETS, statuses={"staging": "PendingConnect"})

    def check(exports: dict[str, Any]) -> None:
        assert exports["prod"]["status"] == "Connected"
        assert exports["staging"]["status"] == "PendingConnect"

    return run.then(check)
