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

# Imports every module of the package named first on its command line, but for the modules (and
# packages) named after it, while `import pulumi` fails; prints the modules it imported.
WITHOUT_PULUMI = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class NoPulumi:
        def find_spec(self, name, path=None, target=None):
            if name == "pulumi" or name.startswith("pulumi."):
                raise ImportError(f"{name} is not importable here")

    sys.meta_path.insert(0, NoPulumi())
    package, skipped = sys.argv[1], tuple(sys.argv[2:])
    imported = []

    def walk(name):
        if name in skipped or name.startswith(tuple(f"{skip}." for skip in skipped)):
            return
        module = importlib.import_module(name)
        imported.append(name)
        for found in pkgutil.iter_modules(getattr(module, "__path__", []), f"{name}."):
            walk(found.name)

    walk(package)
    print("imported", sorted(name for name in sys.modules if name.startswith("pulumi")))
    print(*imported, sep="\\n")
    """
)
# The Pulumi front ends, and the alias Pulumi state pickles the provider under; the Terraform
# plugin's ``__main__`` starts the plugin when imported.
PULUMI_FRONT_ENDS = ["appfabric_connect.pulumi", "appfabric_connect.provider"]
RUNS_WHEN_IMPORTED = ["appfabric_connect.terraform.__main__"]


class TerraformWords:
    """A front end that is not Pulumi: its own words for every remedy and setting."""

    def remedy(self, remedy: core.Remedy) -> str:
        return f"{remedy.action.name} {remedy.property_name} at {remedy.auth_url}"

    stack = "configuration"

    def hints(self, setting_prefix: str) -> Hints:
        return Hints(profile="the profile argument", region="the region", endpoint="endpoint")

    def input_name(self, name: str) -> str:
        return name


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


def test_every_module_but_the_pulumi_front_ends_imports_where_pulumi_cannot() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_PULUMI,
            "appfabric_connect",
            *PULUMI_FRONT_ENDS,
            *RUNS_WHEN_IMPORTED,
        ],
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    found, *imported = done.stdout.splitlines()
    assert found == "imported []"
    for package in ("core", "aws", "emulator", "cli", "terraform", "schema", "engine_watch"):
        assert f"appfabric_connect.{package}" in imported
    assert len(imported) > 50
    assert not [name for name in imported if name.startswith(tuple(PULUMI_FRONT_ENDS))]


def test_the_boundary_check_fails_for_a_module_that_imports_pulumi() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_PULUMI, "appfabric_connect", *RUNS_WHEN_IMPORTED],
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
    assert (remedy.bundle, remedy.authorization) == (BUNDLE, AUTHORIZATION)


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
