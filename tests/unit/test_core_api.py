"""The core: imported without Pulumi, called with plain values, failing with remedies as data."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

import pytest
from botocore.stub import Stubber

from appfabric_connect import core
from appfabric_connect.aws.failures import Hints
from appfabric_connect.core.fingerprint import fingerprint
from appfabric_connect.pulumi.messages import PULUMI
from tests.unit.aws_stub import (
    AUTH_URL,
    AUTHORIZATION,
    AUTHORIZATION_ARN,
    BUNDLE,
    CODE,
    oauth_inputs,
    summary,
)

# Imports every module of the packages named on its command line while `import pulumi` fails.
WITHOUT_PULUMI = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class NoPulumi:
        def find_spec(self, name, path=None, target=None):
            if name == "pulumi" or name.startswith("pulumi."):
                raise ImportError(f"{name} is not importable here")

    sys.meta_path.insert(0, NoPulumi())
    for package in sys.argv[1:]:
        module = importlib.import_module(package)
        for found in pkgutil.walk_packages(module.__path__, f"{package}."):
            importlib.import_module(found.name)
    print("imported", sorted(name for name in sys.modules if name.startswith("pulumi")))
    """
)


class TerraformWords:
    """A front end that is not Pulumi: its own words for every remedy and setting."""

    def remedy(self, remedy: core.Remedy) -> str:
        return f"{remedy.action.name} {remedy.property_name} at {remedy.auth_url}"

    def hints(self, setting_prefix: str) -> Hints:
        return Hints(profile="the profile argument", region="the region", endpoint="endpoint")


def spent_code_state() -> dict[str, Any]:
    state = {
        **oauth_inputs(),
        "status": "PendingConnect",
        "auth_type": "oauth2",
        "app": "SLACK",
        "auth_url": AUTH_URL,
        "code_fingerprint": fingerprint(CODE),
    }
    del state["auth_request"]
    return state


def test_the_core_aws_and_emulator_import_where_pulumi_cannot() -> None:
    packages = ["appfabric_connect.core", "appfabric_connect.aws", "appfabric_connect.emulator"]
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PULUMI, *packages], capture_output=True, text=True
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported []"


def test_the_boundary_check_fails_for_a_module_that_imports_pulumi() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PULUMI, "appfabric_connect.provider"],
        capture_output=True,
        text=True,
    )

    assert "ImportError: pulumi is not importable here" in done.stderr


def test_a_spent_code_fails_with_a_new_code_remedy_naming_the_input(stubber: Stubber) -> None:
    config = core.ProviderConfig(TerraformWords())
    with pytest.raises(core.Failure) as raised:
        core.update(config, spent_code_state(), oauth_inputs())

    remedy = raised.value.remedy
    assert remedy is not None
    assert (remedy.action, remedy.property_name, remedy.auth_url) == (
        core.Action.NEW_CODE,
        "auth_request.code",
        AUTH_URL,
    )
    assert remedy.authorize_command == (
        f"python -m appfabric_connect authorize --bundle {BUNDLE} --authorization {AUTHORIZATION}"
    )


def test_a_front_end_words_the_remedy_its_own_way(stubber: Stubber) -> None:
    config = core.ProviderConfig(TerraformWords())
    with pytest.raises(core.Failure) as raised:
        core.update(config, spent_code_state(), oauth_inputs())

    message = raised.value.render(config.words)
    assert message.endswith(f"a new code is needed. NEW_CODE auth_request.code at {AUTH_URL}")
    assert "pulumi" not in message


def test_pulumi_words_a_new_code_remedy_as_config_set_and_pulumi_up(stubber: Stubber) -> None:
    config = core.ProviderConfig(PULUMI)
    with pytest.raises(core.Failure) as raised:
        core.update(config, spent_code_state(), oauth_inputs())

    message = raised.value.render(PULUMI)
    assert f"a new code is needed. Open {AUTH_URL} in a browser" in message
    assert "(`pulumi config set --secret --path ...`), then run `pulumi up`" in message


def test_a_create_returns_the_arn_as_id_and_plain_outputs(stubber: Stubber) -> None:
    inputs = oauth_inputs()
    del inputs["auth_request"]
    stubber.add_response("connect_app_authorization", summary("Connected"))

    created = core.create(core.ProviderConfig(TerraformWords()), inputs)

    assert created.id == AUTHORIZATION_ARN
    assert created.outputs["status"] == "Connected"
