"""The OAuth code through the provider package: a secret in state, never in outputs or logs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.support.pulumi_project import EXAMPLES, PulumiProject

pytestmark = pytest.mark.e2e

PROGRAMS = Path(__file__).parent / "programs"
SECRET_SIG = "4dabf18193072939515e22adb298388d"  # the engine's marker of a secret value
MakeProject = Callable[[Path, str], PulumiProject]


@pytest.fixture
def slack(make_authorization: Callable[..., Any]) -> dict[str, Any]:
    """A PendingConnect oauth2 SLACK authorization."""
    return dict(make_authorization("oauth2", "SLACK"))


def _connect(
    make: MakeProject,
    source: Path,
    bundle_arn: str,
    slack: Mapping[str, Any],
    code: str,
    secret: bool,
) -> PulumiProject:
    stack = make(source, "project")
    stack.set_config({"bundleArn": bundle_arn, "authorizationArn": slack["appAuthorizationArn"]})
    if secret:
        stack.set_secret("code", code)
    else:
        stack.cli.config_set("code", code)
        stack.codes.append(code)
    stack.up()
    return stack


def test_an_oauth2_code_from_secret_config_connects_and_is_nowhere_in_plain_text(
    make_package_project: MakeProject,
    bundle_arn: str,
    slack: dict[str, Any],
    obtain_code: Callable[[Mapping[str, Any]], str],
) -> None:
    code = obtain_code(slack)

    stack = _connect(make_package_project, EXAMPLES / "yaml-oauth2", bundle_arn, slack, code, True)

    outputs = stack.outputs()
    assert outputs["status"] == "Connected"
    assert outputs["codeFingerprint"] and code not in outputs["codeFingerprint"]
    stack.export()  # its output is searched too
    assert stack.leaks([code]) == []


def test_a_code_given_in_plain_text_is_kept_secret_in_state_by_the_schema(
    make_package_project: MakeProject,
    bundle_arn: str,
    slack: dict[str, Any],
    obtain_code: Callable[[Mapping[str, Any]], str],
) -> None:
    code = obtain_code(slack)

    stack = _connect(
        make_package_project, PROGRAMS / "yaml-plain-code", bundle_arn, slack, code, False
    )

    (resource,) = stack.resources()
    assert SECRET_SIG in resource["inputs"]["authRequest"]["code"]
    assert "code" not in resource["outputs"].get("authRequest", {})
    # (the update history records the plain config itself; the state must not hold it)
    assert [path for path in stack.leaks([code]) if "/.pulumi/stacks/" in path] == []
