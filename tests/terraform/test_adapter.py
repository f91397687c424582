"""The lifecycle adapter's rendering for Terraform users, and the wire values (no CLI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import botocore.session
import msgpack
import pytest

from appfabric_connect.aws.settings import AwsSettings
from appfabric_connect.cli.main import main
from appfabric_connect.core import Action, Failure, Remedy, messages, statuses
from appfabric_connect.core.target import Target
from appfabric_connect.problems import Path as SettingPath
from appfabric_connect.terraform import terraform_schema as schema
from appfabric_connect.terraform.diagnostics import TERRAFORM, Invalid
from appfabric_connect.terraform.lifecycle_adapter import SETTINGS, Connections
from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.provider import Provider
from appfabric_connect.terraform.values import decode, encode
from appfabric_connect.unknown import UNKNOWN

STATUSES = [statuses.CONNECTED, statuses.PENDING_CONNECT, *sorted(statuses.FAILED)]
REMEDIES = [
    Remedy(Action.FIX_STATUS, status=status, auth_type=kind, auth_url="https://x")
    for status in STATUSES
    for kind in ("oauth2", "apiKey")
] + [
    Remedy(Action.NEW_CODE, property_name="auth_request.code", auth_url="https://x"),
    Remedy(Action.WAIT_LONGER, property_name="connect_timeout"),
    Remedy(Action.SET_REGION, property_name="region", setting="tf:region"),
]


@pytest.mark.parametrize(
    "remedy", REMEDIES, ids=lambda r: f"{r.action.value}-{r.status}-{r.auth_type}"
)
def test_every_remedy_reads_in_terraform_words(remedy: Remedy) -> None:
    message = Failure("Something failed.", remedy).render(TERRAFORM)
    assert "pulumi" not in message.lower() and "stack" not in message
    if remedy.action is Action.NEW_CODE or (
        remedy.auth_type == "oauth2" and remedy.status != statuses.CONNECTED
    ):
        assert "auth_request.code_wo_version" in message and "https://x" in message
    if remedy.action is not Action.SET_REGION and remedy.status != statuses.CONNECTED:
        assert "terraform apply" in message


@pytest.mark.parametrize(
    ("key", "path"),
    [
        (("assume_roles", 1, "role_arn"), "assume_role[1].role_arn"),
        (
            ("assume_role_with_web_identity", "web_identity_token_file"),
            "assume_role_with_web_identity[0].web_identity_token_file",
        ),
        (("endpoints", 0, "sts"), "endpoints[0].sts"),
        (("sts_region",), "sts_region"),
    ],
)
def test_setting_paths_are_spelled_as_terraform_attribute_paths(
    key: SettingPath, path: str
) -> None:
    assert SETTINGS(key) == path


def test_setting_names_in_messages_are_terraform_names() -> None:
    settings = AwsSettings(spelling=SETTINGS)
    names = [settings.named(key) for key in ("assume_roles", "access_key", "secret_key")]
    assert names == ["`assume_role`", "`access_key`", "`secret_key`"]


def test_unknown_values_cross_the_wire_as_msgpack_extension_0() -> None:
    packed = encode({"status": UNKNOWN}).msgpack
    assert msgpack.unpackb(packed)["status"] == msgpack.ExtType(0, b"\x00")
    assert decode(tf.DynamicValue(msgpack=packed)) == {"status": UNKNOWN}


def test_upgrade_resource_state_fills_every_attribute_and_drops_unknown_ones() -> None:
    raw = {"id": "arn:x", "status": "Connected", "gone": 1, "auth_request": [{"code_wo": "c"}]}
    request = tf.UpgradeResourceState.Request(
        type_name=schema.RESOURCE, raw_state=tf.RawState(json=json.dumps(raw).encode())
    )
    upgraded = decode(Provider().UpgradeResourceState(request, None).upgraded_state)
    assert set(upgraded) == set(schema.RESOURCE_BLOCK.names())
    assert upgraded["status"] == "Connected"
    assert upgraded["auth_request"][0]["code_wo"] is None  # write-only: never in state


def test_provider_problems_name_each_bad_attribute_once() -> None:
    problems = Connections.provider_problems(
        {"retry_mode": "fast", "assume_role": [{"session_name": "ci"}], "region": "us-east-1"}
    )
    assert sorted(p.path for p in problems) == ["assume_role[0].role_arn", "retry_mode"]


def test_unknown_identifiers_pass_validation_until_apply() -> None:
    config = {"app_bundle_arn": UNKNOWN, "app_authorization_arn": UNKNOWN, "auth_request": []}
    assert Connections().resource_problems(config) == []


def test_terraform_mirror_dev_overrides_writes_an_executable_launcher(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["terraform-mirror", "--dev-overrides", str(tmp_path)]) == 0
    launcher = tmp_path / "terraform-provider-appfabricconnect"
    assert os.access(launcher, os.X_OK)
    text = launcher.read_text()
    assert "from appfabric_connect.terraform import main" in text
    assert f"APPFABRIC_CONNECT_PYTHON:={sys.executable}" in text.replace("'", "")
    assert f'"appfabric-connect/appfabricconnect" = "{tmp_path}"' in capsys.readouterr().out


def test_failure_after_a_code_reads_in_terraform_words() -> None:
    hints = TERRAFORM.hints("")
    to = Target(None, "us-east-1", "b-uuid", "a-uuid", hints, TERRAFORM)  # type: ignore[arg-type]
    authorization = {"status": "ConnectionValidationFailed", "app": "SLACK", "authUrl": "https://x"}
    failure = messages.failed_after_code(to, authorization)
    message = failure.render(TERRAFORM)
    assert "pulumi" not in message.lower() and "stack" not in message
    assert "auth_request.code_wo_version" in message


@pytest.mark.parametrize(
    ("create", "problem"),
    [
        ("30m", None),
        ("1h30m", None),
        ("1.5h", None),
        ("0s", 'must be a duration such as "30m" or "1h30m", got "0s"'),
        ("5 minutes", 'must be a duration such as "30m" or "1h30m", got "5 minutes"'),
    ],
)
def test_timeouts_are_positive_go_durations(create: str, problem: str | None) -> None:
    config = {
        "app_bundle_arn": "arn:aws:appfabric:us-east-1:123456789012:appbundle/b",
        "app_authorization_arn": (
            "arn:aws:appfabric:us-east-1:123456789012:appbundle/b/appauthorization/a"
        ),
        "timeouts": {"create": create},
    }
    found = [p for p in Connections().resource_problems(config) if p.path.startswith("timeouts")]
    assert found == ([] if problem is None else [Invalid("timeouts.create", problem)])


KEYS = {"AWS_ACCESS_KEY_ID": "AKIAPIPELINE", "AWS_SECRET_ACCESS_KEY": "pipeline-secret"}


@pytest.mark.parametrize(
    ("settings", "environ", "found"),
    [
        (AwsSettings(), KEYS, True),
        (AwsSettings(), {**KEYS, "AWS_PROFILE": "ci"}, False),  # botocore checks it exists
        (AwsSettings(), {**KEYS, "AWS_DEFAULT_PROFILE": "ci"}, False),
        (AwsSettings(profile="ci"), KEYS, False),  # an explicit profile drops the env keys
        (AwsSettings(), {"AWS_ACCESS_KEY_ID": "AKIAPIPELINE"}, False),
        (AwsSettings(), {**KEYS, "AWS_SECRET_ACCESS_KEY": ""}, False),
        (AwsSettings(), {}, False),
    ],
    ids=["env-keys", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "profile", "no-secret", "empty", "none"],
)
def test_the_environment_s_keys_are_the_source_only_where_botocore_takes_them_first(
    settings: AwsSettings,
    environ: dict[str, str],
    found: bool,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    assert settings.source_in_environment(environ) is found
    if found:  # botocore's own chain agrees: the environment's keys, first
        credentials = botocore.session.Session().get_credentials()
        assert credentials is not None and credentials.method == "env"


def test_a_provider_configured_by_environment_keys_loads_no_botocore_session() -> None:
    code = (
        "import sys\n"
        "from appfabric_connect.terraform.lifecycle_adapter import Connections\n"
        "assert Connections().configure({'region': 'us-east-1'}) == []\n"
        "print('botocore.session' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    done = subprocess.run(
        [sys.executable, "-c", code], env={**env, **KEYS}, capture_output=True, text=True
    )
    assert done.stdout.strip() == "False", done.stderr
