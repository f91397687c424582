"""How a client reaches its endpoint: proxies, CA bundle, FIPS / dual-stack, retries."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .settings import AwsSettings

if TYPE_CHECKING:
    from botocore.config import Config

USER_AGENT = "appfabric-connect"


def client_config(settings: AwsSettings, endpoint_url: str | None = None) -> Config:
    """botocore's Config for one client of ``settings``, whose endpoint is ``endpoint_url``."""
    from botocore.config import Config  # with the client: botocore is slow to import

    options: dict[str, object] = {
        "retries": {"mode": settings.retry_mode, "total_max_attempts": settings.max_attempts},
        "user_agent_extra": USER_AGENT,
    }
    proxies = _proxies(settings, endpoint_url)
    if proxies:
        options["proxies"] = proxies
    if settings.use_fips_endpoint is not None:
        options["use_fips_endpoint"] = settings.use_fips_endpoint
    if settings.use_dualstack_endpoint is not None:
        options["use_dualstack_endpoint"] = settings.use_dualstack_endpoint
    return Config(**options)  # type: ignore[arg-type]


def verify(settings: AwsSettings) -> bool | str | None:
    """``aws:insecure`` turns TLS verification off; ``aws:customCaBundle`` replaces the CAs."""
    if settings.insecure:
        return False
    return settings.ca_bundle


def _proxies(settings: AwsSettings, endpoint_url: str | None) -> dict[str, str]:
    from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined]

    proxies = {
        scheme: url
        for scheme, url in (("http", settings.http_proxy), ("https", settings.https_proxy))
        if url
    }
    host = urlsplit(endpoint_url).hostname if endpoint_url else None
    # botocore applies NO_PROXY from the environment only, never to proxies given in its Config.
    bypassed = bool(host and settings.no_proxy) and proxy_bypass_environment(
        str(host), {"no": str(settings.no_proxy)}
    )
    return {} if bypassed else proxies
