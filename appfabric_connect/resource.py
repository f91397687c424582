"""The ``AppAuthorizationConnection`` resource and its ``AuthRequestArgs``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi.dynamic import Resource

from . import schema
from .provider import AppAuthorizationConnectionProvider


@dataclass
class AuthRequestArgs:
    """The OAuth2 ``authRequest``: the redirect URI and the code the app's consent page returned."""

    redirect_uri: pulumi.Input[str]
    code: pulumi.Input[str]


class AppAuthorizationConnection(Resource, module="appfabric", name="AppAuthorizationConnection"):
    """An AppFabric app authorization, connected; its ``status`` is refreshed on every read.

    The resource id is the app authorization ARN. Deleting the resource leaves the authorization
    as it is (AppFabric has no disconnect API).
    """

    app_bundle_identifier: pulumi.Output[str]
    app_authorization_identifier: pulumi.Output[str]
    region: pulumi.Output[str]
    app_authorization_arn: pulumi.Output[str]
    app_bundle_arn: pulumi.Output[str]
    app: pulumi.Output[str]
    tenant: pulumi.Output[dict[str, str]]
    status: pulumi.Output[str]
    updated_at: pulumi.Output[str]
    created_at: pulumi.Output[str | None]
    auth_type: pulumi.Output[str]
    persona: pulumi.Output[str]
    auth_url: pulumi.Output[str | None]
    code_fingerprint: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        *,
        app_bundle_identifier: pulumi.Input[str] | None = None,
        app_authorization_identifier: pulumi.Input[str] | None = None,
        auth_request: pulumi.Input[AuthRequestArgs | dict[str, Any]] | None = None,
        region: pulumi.Input[str] | None = None,
        connect_timeout: pulumi.Input[float] | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        if opts is not None and opts.import_ is not None:
            # Pulumi quirk (pulumi/pulumi#16175): on import the engine calls Read with no
            # properties at all, so the Python dynamic-provider server cannot find its provider.
            raise pulumi.RunError(
                f"{resource_name}: `import_` does not work for Python dynamic providers "
                "(pulumi/pulumi#16175). Declare the connection without `import_` and without "
                "`auth_request`: `pulumi up` adopts an authorization that is already Connected."
            )
        props: dict[str, Any] = {
            "app_bundle_identifier": app_bundle_identifier,
            "app_authorization_identifier": app_authorization_identifier,
            "auth_request": _secret_code(auth_request),
            "region": region,
            "connect_timeout": connect_timeout,
        }
        for output in schema.OUTPUT_NAMES:
            props.setdefault(output, None)
        super().__init__(AppAuthorizationConnectionProvider(), resource_name, props, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> AppAuthorizationConnection:
        """Looks up an existing connection by its app authorization ARN (one read, no connect)."""
        return AppAuthorizationConnection(
            resource_name, opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        )


def _secret_code(auth_request: Any) -> Any:
    """The auth request as a plain dict whose ``code`` is always a Pulumi secret."""
    if auth_request is None:
        return None
    if isinstance(auth_request, AuthRequestArgs):
        return {
            "redirect_uri": auth_request.redirect_uri,
            "code": pulumi.Output.secret(auth_request.code),
        }
    if isinstance(auth_request, dict):
        if "code" not in auth_request:
            return auth_request
        return {**auth_request, "code": pulumi.Output.secret(auth_request["code"])}
    return pulumi.Output.secret(auth_request)
