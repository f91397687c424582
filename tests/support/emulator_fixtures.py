"""Emulator fixtures: one AppFabric emulator per session, reset per test, boto3 clients, codes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.loaders import Loader

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.seed import AuthType, seed_authorization, seed_bundle
from tests.support.appfabric import REDIRECT_URI, TEST_ACCESS_KEY, TEST_SECRET_KEY

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef


@pytest.fixture(scope="session")
def _botocore_loader() -> Loader:
    """One data loader for every client: models are parsed once, clients cost milliseconds."""
    loader: Loader = botocore.session.get_session().get_component("data_loader")
    return loader


@pytest.fixture(scope="session")
def emulator() -> Iterator[EmulatorServer]:
    """A running emulator on a free port, shared by the whole session."""
    with EmulatorServer(port=0) as server:
        yield server


@pytest.fixture
def emulator_control(emulator: EmulatorServer) -> EmulatorControl:
    """The control client of the session emulator, after a reset: every test starts clean."""
    control = EmulatorControl(emulator.url)
    control.reset()
    return control


@pytest.fixture
def aws_env(emulator_control: EmulatorControl, monkeypatch: pytest.MonkeyPatch) -> str:
    """Environment that points boto3 at the emulator with fake credentials; returns its URL."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", TEST_SECRET_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL_APPFABRIC", emulator_control.url)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance metadata off-machine
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    return emulator_control.url


@pytest.fixture
def appfabric_factory(aws_env: str, _botocore_loader: Loader) -> Callable[..., AppFabricClient]:
    """Makes boto3 AppFabric clients against the emulator.

    `factory(region="us-east-1", max_attempts=None, **config)`: a fresh session (so the
    environment is read again); `max_attempts=1` disables retries; other keyword arguments
    go to botocore's Config (e.g. `parameter_validation=False`).
    """

    def make(
        region: str = "us-east-1", max_attempts: int | None = None, **config: Any
    ) -> AppFabricClient:
        if max_attempts is not None:
            config["retries"] = {"total_max_attempts": max_attempts}
        session = botocore.session.get_session()
        session.register_component("data_loader", _botocore_loader)
        return boto3.session.Session(botocore_session=session).client(
            "appfabric", region_name=region, config=Config(**config)
        )

    return make


@pytest.fixture
def appfabric(appfabric_factory: Callable[..., AppFabricClient]) -> AppFabricClient:
    """A boto3 AppFabric client (us-east-1, default retries) against the emulator."""
    return appfabric_factory()


@pytest.fixture
def bundle_arn(appfabric: AppFabricClient) -> str:
    """The ARN of a fresh app bundle."""
    return seed_bundle(appfabric)


@pytest.fixture
def make_authorization(
    appfabric: AppFabricClient, bundle_arn: str
) -> Callable[..., AppAuthorizationTypeDef]:
    """Creates app authorizations in `bundle_arn`: make(auth_type="oauth2", app="SLACK", ...)."""

    def make(auth_type: AuthType = "oauth2", app: str = "SLACK", **kwargs: Any) -> Any:
        return seed_authorization(appfabric, bundle_arn, auth_type, app, **kwargs)

    return make


@pytest.fixture
def oauth2_authorization(
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> AppAuthorizationTypeDef:
    """A PendingConnect oauth2 SLACK app authorization."""
    return make_authorization("oauth2", "SLACK")


@pytest.fixture
def api_key_authorization(
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> AppAuthorizationTypeDef:
    """A PendingConnect apiKey ASANA app authorization."""
    return make_authorization("apiKey", "ASANA")


@pytest.fixture
def obtain_code(emulator_control: EmulatorControl) -> Callable[[Mapping[str, Any]], str]:
    """Approves an oauth2 authorization at its authUrl like a browser; returns the code."""

    def obtain(authorization: Mapping[str, Any]) -> str:
        return emulator_control.obtain_code(str(authorization["authUrl"]), REDIRECT_URI)

    return obtain
