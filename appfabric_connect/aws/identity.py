"""The botocore session of an identity: static keys, profile, web identity, then the role chain."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import botocore.exceptions
import botocore.session
from botocore.config import Config
from botocore.credentials import (
    AssumeRoleCredentialFetcher,
    AssumeRoleWithWebIdentityCredentialFetcher,
    CredentialProvider,
    Credentials,
    DeferredRefreshableCredentials,
    FileWebIdentityTokenLoader,
)
from botocore.loaders import Loader, create_loader

from . import transport
from .once import once
from .settings import AssumeRole, AwsSettings, ConfigurationError

__all__ = ["ConfigurationError", "IdentityError", "clear_sessions", "session", "sts_client"]


class IdentityError(ConfigurationError):
    """The identity could not be had: a role not assumed, a token not read."""


_sessions: dict[AwsSettings, botocore.session.Session] = {}
_lock = threading.Lock()


def session(settings: AwsSettings) -> botocore.session.Session:
    """The session of ``settings``' identity, built once per process (one AssumeRole per hop)."""
    key = settings.identity()
    with _lock:
        cached = _sessions.get(key)
        if cached is None:
            cached = _sessions[key] = _build(key)
        return cached


def clear_sessions() -> None:
    with _lock:
        _sessions.clear()


def share_data_loader(core: botocore.session.Session) -> None:
    """Gives ``core``, once its config file and profile are set, this process's data loader for
    its data path, shared by every such session. botocore quirk: each session reads the JSON
    models (the service, its endpoint rules, partitions, retry and default settings) anew,
    about 50 ms of CPU for its first client; shared, they are read once per process (or once
    before a warm parent's fork, ``clients.preload_steps``)."""
    try:
        data_path = core.get_config_variable("data_path")  # reads the session's config
    except botocore.exceptions.BotoCoreError:  # e.g. a missing profile: reported as before
        return
    core.register_component("data_loader", _data_loader(data_path))


@once
def _data_loader(data_path: str | None) -> Loader:
    return create_loader(data_path)


def sts_client(settings: AwsSettings, core: botocore.session.Session, **kwargs: Any) -> Any:
    """An STS client of ``settings``: `aws:endpoints` sts, `aws:stsRegion`, same transport."""
    config = transport.client_config(settings, settings.sts_endpoint)
    given = kwargs.pop("config", None)
    return core.create_client(
        "sts",
        region_name=_sts_region(settings, core),
        endpoint_url=settings.sts_endpoint,  # None: boto3 reads AWS_ENDPOINT_URL_STS itself
        verify=transport.verify(settings),
        config=config.merge(given) if isinstance(given, Config) else config,
        **kwargs,
    )


def has_source_credentials(settings: AwsSettings) -> bool:
    """Whether the identity's first hop has credentials, as botocore resolves them (static keys,
    environment, shared files and profile, container or instance metadata), without any AWS
    call; a web identity counts (its token is read when it is used). Raises ConfigurationError
    for a profile that is not found."""
    if settings.web_identity is not None or _static_credentials(settings) is not None:
        return True
    return _configured_session(settings).get_credentials() is not None


def _build(settings: AwsSettings) -> botocore.session.Session:
    static = _static_credentials(settings)
    if not settings.web_identity and not settings.assume_roles:
        core = _configured_session(settings)
        if static is not None:
            core.set_credentials(static.access_key, static.secret_key, static.token)
        return core
    # botocore quirk: Session.get_credentials() caches what it resolves on the session, and
    # every client the session creates afterwards signs with it, whatever provider is added
    # later. The first hop's source identity (env keys, a profile, a container endpoint) is
    # therefore resolved on a session of its own, which only ever creates STS clients; the
    # session returned has the chain's final identity ahead of its resolver before anything
    # asks it for credentials.
    source = _configured_session(settings)
    credentials = (
        _web_identity(settings, source)
        if settings.web_identity
        else static or source.get_credentials()
    )
    for step, role in enumerate(settings.assume_roles, start=1):
        if credentials is None:
            raise IdentityError(
                f"Cannot assume role {role.role_arn} ({settings.named('assume_roles')} step "
                f"{step} of {len(settings.assume_roles)}): no AWS credentials to assume it "
                f"with. Set {settings.named('access_key')} / {settings.named('secret_key')}, "
                f"{settings.named('profile')}, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
            )
        credentials = _assume_role(settings, source, credentials, role, step)
    assert credentials is not None  # a web identity, or at least one role
    core = _configured_session(settings)
    core.get_component("credential_provider").providers.insert(0, _Given(credentials))
    if core.get_credentials() is not credentials:
        raise RuntimeError(
            "botocore: the AWS session does not sign with the role chain's final identity"
        )
    return core


def _configured_session(settings: AwsSettings) -> botocore.session.Session:
    """A botocore session with the settings' shared files and profile, no credentials yet."""
    core = botocore.session.Session()
    if settings.shared_config_file:
        core.set_config_variable("config_file", settings.shared_config_file)
    if settings.shared_credentials_file:
        core.set_config_variable("credentials_file", settings.shared_credentials_file)
    if settings.profile:
        core.set_config_variable("profile", settings.profile)
        try:
            core.get_scoped_config()
        except botocore.exceptions.ProfileNotFound as error:
            raise ConfigurationError(
                f"{error}: fix {settings.named('profile')} or AWS_PROFILE"
            ) from None
    share_data_loader(core)
    return core


def _static_credentials(settings: AwsSettings) -> Credentials | None:
    """``aws:accessKey`` / ``aws:secretKey`` / ``aws:token``: ahead of every other source."""
    if not (settings.access_key and settings.secret_key):
        return None
    token = settings.token.reveal() if settings.token else None
    return Credentials(settings.access_key.reveal(), settings.secret_key.reveal(), token)


def _assume_role(
    settings: AwsSettings,
    core: botocore.session.Session,
    source: Credentials,
    role: AssumeRole,
    step: int,
) -> Credentials:
    fetcher = AssumeRoleCredentialFetcher(
        _creator(settings, core), source, role.role_arn, extra_args=role.request()
    )
    where = f"{settings.named('assume_roles')} step {step} of {len(settings.assume_roles)}"
    return _fetched(fetcher.fetch_credentials, "assume-role", f"role {role.role_arn} ({where})")


def _web_identity(settings: AwsSettings, core: botocore.session.Session) -> Credentials:
    web = settings.web_identity
    assert web is not None
    token = web.token
    loader: Callable[[], str]
    if token is not None:
        loader = token.reveal
    elif web.token_file:
        loader = FileWebIdentityTokenLoader(web.token_file)
    else:
        raise IdentityError(
            f"{settings.named('assume_role_with_web_identity')} needs webIdentityToken or "
            "webIdentityTokenFile"
        )
    fetcher = AssumeRoleWithWebIdentityCredentialFetcher(
        _creator(settings, core), loader, web.role_arn, extra_args=web.request()
    )
    named = settings.named("assume_role_with_web_identity")
    what = f"role {web.role_arn} with a web identity ({named})"
    return _fetched(fetcher.fetch_credentials, "assume-role-with-web-identity", what)


def _fetched(fetch: Callable[[], dict[str, Any]], method: str, what: str) -> Credentials:
    """Refreshable credentials (botocore renews them before expiry), fetched once right now."""
    credentials = DeferredRefreshableCredentials(refresh_using=fetch, method=method)
    try:
        credentials.get_frozen_credentials()
    except botocore.exceptions.ClientError as error:
        code = error.response.get("Error", {}).get("Code", "Unknown")
        raise IdentityError(f"Cannot assume {what}: STS {code}.") from None
    except (botocore.exceptions.BotoCoreError, OSError) as error:
        raise IdentityError(f"Cannot assume {what}: {error}") from None
    return credentials


def _creator(settings: AwsSettings, core: botocore.session.Session) -> Callable[..., Any]:
    def create(service: str, **kwargs: Any) -> Any:
        assert service == "sts"
        return sts_client(settings, core, **kwargs)

    return create


def _sts_region(settings: AwsSettings, core: botocore.session.Session) -> str:
    # pulumi-aws: STS in aws:stsRegion, else aws:region; botocore's chain, then us-east-1.
    region = settings.sts_region or settings.region or core.get_config_variable("region")
    return str(region or "us-east-1")


class _Given(CredentialProvider):
    """Hands botocore credentials already made, ahead of its own chain."""

    METHOD = "appfabric-connect"

    def __init__(self, credentials: Credentials) -> None:
        super().__init__()
        self._credentials = credentials

    def load(self) -> Credentials:
        return self._credentials
