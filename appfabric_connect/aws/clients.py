"""boto3 clients for AppFabric: settings from stack config, cached per process, never pickled.

boto3 and botocore (about 0.15 s to import) are imported by the first client or region lookup
only: a plugin's schema, validation and plan never make one, and start without them.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from .. import schema
from . import transport
from .once import once
from .settings import (
    AwsSettings,
    ConfigurationError,
)

if TYPE_CHECKING:
    import botocore.session
    from mypy_boto3_appfabric import AppFabricClient


CONFIG_ENDPOINT = schema.setting_key("endpoint")
CONFIG_CONNECT_TIMEOUT = schema.setting_key("connect_timeout")
USER_AGENT = transport.USER_AGENT


_clients: dict[tuple[AwsSettings, str], AppFabricClient] = {}
_lock = threading.Lock()


def default_region(settings: AwsSettings) -> str | None:
    """``aws:region``, then boto3's chain (AWS_DEFAULT_REGION, the profile), then AWS_REGION."""
    if settings.region:
        return settings.region
    environment = tuple(os.environ.get(name) for name in _REGION_ENV)
    return _chain_region(
        settings.profile, settings.shared_config_file, environment, settings.named("profile")
    )


_REGION_ENV = ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE")


@once
def _chain_region(
    profile: str | None, config_file: str | None, _env: tuple[str | None, ...], named: str
) -> str | None:
    # Cached per profile and environment: a boto3 Session costs ~15 ms, and diff asks per resource.
    import boto3
    import botocore.exceptions
    import botocore.session

    core = botocore.session.Session()
    if config_file:
        core.set_config_variable("config_file", config_file)
    try:
        region = boto3.session.Session(botocore_session=core, profile_name=profile).region_name
    except botocore.exceptions.ProfileNotFound as error:
        raise ConfigurationError(f"{error}: fix {named} or AWS_PROFILE") from None
    # boto3 ignores AWS_REGION, which pulumi-aws and the other AWS SDKs read.
    return region or os.environ.get("AWS_REGION") or None


def client(settings: AwsSettings, region: str) -> AppFabricClient:
    """A client for ``region``, created once per process and settings (clients are thread-safe).

    Its identity is resolved first (roles assumed, the account checked against
    ``aws:allowedAccountIds``): a failure there is a ConfigurationError, before any AppFabric call.
    """
    key = (settings, region)
    with _lock:
        cached = _clients.get(key)
        if cached is None:
            from . import account_guard, identity

            session = identity.session(settings)
            account_guard.check(settings, session)
            cached = _clients[key] = _new_client(settings, session, region)
        return cached


def clear_clients() -> None:
    """Forgets every client, session and checked account of this process."""
    from . import account_guard, identity

    with _lock:
        _clients.clear()
    identity.clear_sessions()
    account_guard.clear_accounts()


def _new_client(
    settings: AwsSettings, session: botocore.session.Session, region: str
) -> AppFabricClient:
    import boto3
    from botocore.config import Config

    from . import retries

    new = boto3.session.Session(botocore_session=session).client(
        "appfabric",
        region_name=region,
        # None lets boto3 use AWS_ENDPOINT_URL_APPFABRIC / AWS_ENDPOINT_URL itself.
        endpoint_url=settings.endpoint_url,
        verify=transport.verify(settings),
        config=transport.client_config(settings, settings.endpoint_url).merge(
            Config(
                connect_timeout=10,
                read_timeout=60,
                max_pool_connections=16,
                # check() has validated every input against this same model before any call;
                # botocore's second pass costs ~0.3 ms of CPU per call under the provider's GIL.
                parameter_validation=False,
            )
        ),
    )
    new.meta.events.register(
        "needs-retry.appfabric.ConnectAppAuthorization", retries.no_blind_connect_retry
    )
    new.meta.events.register_first("needs-retry.appfabric", retries.honour_retry_after)
    return new
