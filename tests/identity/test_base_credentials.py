"""The base identity: static keys from stack config, else the profile from the shared files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from appfabric_connect.emulator import EmulatorControl
from tests.identity.conftest import Configured, api_key_inputs, signers
from tests.support.appfabric import TEST_ACCESS_KEY

if TYPE_CHECKING:
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef


def test_static_keys_from_stack_config_win_over_the_environment(
    configured: Configured,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    emulator_control.reset_calls()
    prov = configured({"aws:accessKey": "AKIASTACKCONFIG", "aws:secretKey": "stack-secret"})
    prov.create(api_key_inputs(api_key_authorization))
    assert signers(emulator_control) == {"AKIASTACKCONFIG"}


def test_the_profile_is_read_from_the_configured_shared_files(
    configured: Configured,
    emulator_control: EmulatorControl,
    api_key_authorization: AppAuthorizationTypeDef,
    tmp_path: Path,
) -> None:
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[deployer]\naws_access_key_id = AKIAFROMPROFILE\naws_secret_access_key = p-secret\n"
    )
    config = tmp_path / "config"
    config.write_text("[profile deployer]\nregion = us-east-1\n")
    emulator_control.reset_calls()
    prov = configured(
        {
            "aws:profile": "deployer",
            "aws:sharedCredentialsFiles": [str(credentials)],
            "aws:sharedConfigFiles": [str(config)],
        }
    )
    prov.create(api_key_inputs(api_key_authorization))
    assert signers(emulator_control) == {"AKIAFROMPROFILE"} != {TEST_ACCESS_KEY}
