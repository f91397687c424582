"""AppFabric clients: settings from stack config, cached per process, never pickled.

botocore (about 0.1 s to import) is imported by the first client or region lookup only: a
plugin's schema, validation and plan never make one, and start without them.
"""

from __future__ import annotations

import functools
import importlib
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

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


# As many as a plugin runs operations at once (each front end's MAX_OPERATIONS): past its pool,
# urllib3 opens a connection per call and drops it after, with a warning each.
POOL_CONNECTIONS = 64

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

    core = botocore.session.Session()  # reads settings only: no model, no shared loader
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


# botocore's imports in its own order, a step each (none above about 25 ms of CPU here).
_PRELOAD_MODULES = (
    "http.client",
    "importlib.metadata",
    "urllib3",
    "botocore.compat",
    "botocore.utils",
    "botocore.docs",
    "botocore.client",
    "botocore.session",
)
_PRELOAD_DATA = ("endpoints", "partitions")  # a session's endpoint resolver reads these
_PRELOAD_SERVICES = ("appfabric", "sts")


def preload_steps() -> list[Callable[[], None]]:
    """What a first client would load: botocore, and AppFabric's and STS's models read into this
    process's data loader (0.15-0.2 s of CPU here). A warm parent takes these steps, in order,
    before the starts it forks make their first client (about 10 ms then). It takes one at a
    time (the largest, botocore's endpoints file, about 50 ms), and forks a start that comes in
    between without waiting for the rest: the child loads what it needs of them, if anything
    (a plan without refresh needs none). No call, no credential read (the keys below are
    placeholders; the clients are dropped)."""
    sessions: list[botocore.session.Session] = []

    def new_session() -> None:
        import botocore.session

        from .identity import share_data_loader

        session = botocore.session.Session()
        share_data_loader(session)
        sessions.append(session)

    def read_data(name: str) -> None:
        sessions[0].get_component("data_loader").load_data(name)

    def new_client(service: str) -> None:
        sessions[0].create_client(
            service,
            region_name="us-east-1",
            aws_access_key_id="preload",
            aws_secret_access_key="preload",
        )

    imports = [functools.partial(_import, name) for name in _PRELOAD_MODULES]
    data = [functools.partial(read_data, name) for name in _PRELOAD_DATA]
    clients = [functools.partial(new_client, service) for service in _PRELOAD_SERVICES]
    return [*imports, new_session, *data, *clients]


def _import(name: str) -> None:
    importlib.import_module(name)


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
    from botocore.config import Config

    from . import retries

    # botocore's, not boto3's: a boto3 Session would append its own data path to the session's
    # data loader, which every session of the process shares (identity.share_data_loader).
    new = session.create_client(
        "appfabric",
        region_name=region,
        # None lets boto3 use AWS_ENDPOINT_URL_APPFABRIC / AWS_ENDPOINT_URL itself.
        endpoint_url=settings.endpoint_url,
        verify=transport.verify(settings),
        config=transport.client_config(settings, settings.endpoint_url).merge(
            Config(
                connect_timeout=10,
                read_timeout=60,
                max_pool_connections=POOL_CONNECTIONS,
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
    return cast("AppFabricClient", new)
