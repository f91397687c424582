"""Handlers of the AppFabric operations: validated parameters in, output structures out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore import xform_name

from .consent import auth_url
from .models import AppFabricBackend
from .store import AppAuthorization, AppBundle

Params = dict[str, Any]
Output = dict[str, Any]
Handler = Callable[[Params, "RequestContext"], Output]


@dataclass(frozen=True)
class RequestContext:
    region: str
    host: str


def _tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"key": key, "value": value} for key, value in tags.items()]


def _bundle(bundle: AppBundle) -> Output:
    return {"arn": bundle.arn, "customerManagedKeyArn": bundle.customer_managed_key_arn}


def _summary(auth: AppAuthorization) -> Output:
    return {
        "appAuthorizationArn": auth.arn,
        "appBundleArn": auth.bundle_arn,
        "app": auth.app,
        "tenant": auth.tenant,
        "status": auth.status,
        "updatedAt": auth.updated_at,
    }


def _authorization(auth: AppAuthorization, ctx: RequestContext) -> Output:
    out = {
        **_summary(auth),
        "authType": auth.auth_type,
        "createdAt": auth.created_at,
        "persona": auth.persona,
    }
    if auth.auth_type == "oauth2" and auth.client_id is not None:
        out["authUrl"] = auth_url(ctx.host, auth.client_id, auth.uuid)
    return out


class AppFabricResponse:
    """One method per implemented operation, named as botocore names the client method."""

    def __init__(self, backend: AppFabricBackend) -> None:
        self.backend = backend

    def handler(self, operation: str) -> Handler | None:
        """The method answering `operation`, or None if the emulator does not implement it."""
        method: Handler | None = getattr(self, xform_name(operation), None)
        return method

    def create_app_bundle(self, params: Params, ctx: RequestContext) -> Output:
        bundle = self.backend.create_app_bundle(
            ctx.region,
            params.get("clientToken"),
            params.get("customerManagedKeyIdentifier"),
            params.get("tags"),
        )
        return {"appBundle": _bundle(bundle)}

    def get_app_bundle(self, params: Params, ctx: RequestContext) -> Output:
        return {
            "appBundle": _bundle(
                self.backend.get_app_bundle(ctx.region, params["appBundleIdentifier"])
            )
        }

    def list_app_bundles(self, params: Params, ctx: RequestContext) -> Output:
        bundles, token = self.backend.list_app_bundles(
            ctx.region, params.get("maxResults"), params.get("nextToken")
        )
        return {"appBundleSummaryList": [{"arn": b.arn} for b in bundles], "nextToken": token}

    def delete_app_bundle(self, params: Params, ctx: RequestContext) -> Output:
        self.backend.delete_app_bundle(ctx.region, params["appBundleIdentifier"])
        return {}

    def create_app_authorization(self, params: Params, ctx: RequestContext) -> Output:
        auth = self.backend.create_app_authorization(
            ctx.region,
            params["appBundleIdentifier"],
            params["app"],
            params["credential"],
            params["tenant"],
            params["authType"],
            params.get("clientToken"),
            params.get("tags"),
        )
        return {"appAuthorization": _authorization(auth, ctx)}

    def get_app_authorization(self, params: Params, ctx: RequestContext) -> Output:
        auth = self.backend.get_app_authorization(
            ctx.region, params["appBundleIdentifier"], params["appAuthorizationIdentifier"]
        )
        return {"appAuthorization": _authorization(auth, ctx)}

    def list_app_authorizations(self, params: Params, ctx: RequestContext) -> Output:
        auths, token = self.backend.list_app_authorizations(
            ctx.region,
            params["appBundleIdentifier"],
            params.get("maxResults"),
            params.get("nextToken"),
        )
        return {"appAuthorizationSummaryList": [_summary(a) for a in auths], "nextToken": token}

    def update_app_authorization(self, params: Params, ctx: RequestContext) -> Output:
        auth = self.backend.update_app_authorization(
            ctx.region,
            params["appBundleIdentifier"],
            params["appAuthorizationIdentifier"],
            params.get("credential"),
            params.get("tenant"),
        )
        return {"appAuthorization": _authorization(auth, ctx)}

    def delete_app_authorization(self, params: Params, ctx: RequestContext) -> Output:
        self.backend.delete_app_authorization(
            ctx.region, params["appBundleIdentifier"], params["appAuthorizationIdentifier"]
        )
        return {}

    def connect_app_authorization(self, params: Params, ctx: RequestContext) -> Output:
        auth = self.backend.connect_app_authorization(
            ctx.region,
            params["appBundleIdentifier"],
            params["appAuthorizationIdentifier"],
            params.get("authRequest"),
        )
        return {"appAuthorizationSummary": _summary(auth)}

    def tag_resource(self, params: Params, ctx: RequestContext) -> Output:
        self.backend.tag_resource(ctx.region, params["resourceArn"], params["tags"])
        return {}

    def untag_resource(self, params: Params, ctx: RequestContext) -> Output:
        self.backend.untag_resource(ctx.region, params["resourceArn"], params["tagKeys"])
        return {}

    def list_tags_for_resource(self, params: Params, ctx: RequestContext) -> Output:
        tags = self.backend.list_tags_for_resource(ctx.region, params["resourceArn"])
        return {"tags": _tag_list(tags)}
