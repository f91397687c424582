"""Each front end's words: the same sentences, its own command, names and settings."""

from __future__ import annotations

import pytest

from appfabric_connect.core import statuses
from appfabric_connect.core.messages import STATUS_REMEDIES, Action, FrontEndWords, Remedy
from appfabric_connect.pulumi.messages import PULUMI
from appfabric_connect.terraform.diagnostics import TERRAFORM

FRONT_ENDS = {"pulumi": PULUMI, "terraform": TERRAFORM}
STATUSES = (
    statuses.CONNECTED,
    statuses.PENDING_CONNECT,
    statuses.CONNECTION_VALIDATION_FAILED,
    statuses.TOKEN_AUTO_ROTATION_FAILED,
)


def test_every_status_has_a_remedy_for_each_auth_type() -> None:
    assert set(STATUS_REMEDIES) == set(STATUSES)


@pytest.mark.parametrize("words", FRONT_ENDS.values(), ids=list(FRONT_ENDS))
@pytest.mark.parametrize("status", STATUSES[1:])
@pytest.mark.parametrize("auth_type", ["oauth2", "apiKey"])
def test_a_status_remedy_names_the_front_ends_own_command(
    words: FrontEndWords, status: str, auth_type: str
) -> None:
    remedy = words.status_remedy(status, auth_type)

    assert words.apply in remedy
    assert "{" not in remedy


def test_a_new_code_remedy_names_the_authorize_command_only_when_it_knows_the_authorization() -> (
    None
):
    known = Remedy(Action.NEW_CODE, bundle="b-uuid", authorization="a-uuid")
    unknown = Remedy(Action.NEW_CODE)

    assert PULUMI.remedy(known).endswith(
        "`python -m appfabric_connect authorize --bundle b-uuid --authorization a-uuid` does all "
        "but the last step."
    )
    assert PULUMI.remedy(unknown).endswith("then run `pulumi up`.")


def test_terraform_names_no_authorize_command_it_writes_pulumi_stack_config() -> None:
    known = Remedy(Action.NEW_CODE, bundle="b-uuid", authorization="a-uuid")

    assert "authorize" not in TERRAFORM.remedy(known)
    assert "code_wo_version" in TERRAFORM.remedy(known)
