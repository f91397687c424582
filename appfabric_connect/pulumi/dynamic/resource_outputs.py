# Generated from schema.py by scripts/gen-args — do not edit.
"""The typed, documented outputs of ``AppAuthorizationConnection``: a class it inherits."""

from typing import Any

import pulumi

from .args import AppAuthorizationConnectionTenant


class AppAuthorizationConnectionOutputs:
    """The outputs of ``AppAuthorizationConnection``: the inputs it echoes, then what AppFabric
    reads back"""

    @property
    @pulumi.getter
    def app_bundle_identifier(self) -> pulumi.Output[str]:
        """app bundle ARN or UUID"""
        return _output(self, "app_bundle_identifier")

    @property
    @pulumi.getter
    def app_authorization_identifier(self) -> pulumi.Output[str]:
        """app authorization ARN (of that bundle) or UUID"""
        return _output(self, "app_authorization_identifier")

    @property
    @pulumi.getter
    def region(self) -> pulumi.Output[str]:
        """AWS region; default: the ARNs' region, then `aws:region`, then boto3's chain
        (`AWS_DEFAULT_REGION`, profile), then `AWS_REGION`"""
        return _output(self, "region")

    @property
    @pulumi.getter
    def app_authorization_arn(self) -> pulumi.Output[str]:
        """the app authorization ARN; the resource id"""
        return _output(self, "app_authorization_arn")

    @property
    @pulumi.getter
    def app_bundle_arn(self) -> pulumi.Output[str]:
        """the app bundle ARN"""
        return _output(self, "app_bundle_arn")

    @property
    @pulumi.getter
    def app(self) -> pulumi.Output[str]:
        """the application, e.g. `SLACK`"""
        return _output(self, "app")

    @property
    @pulumi.getter
    def tenant(self) -> pulumi.Output[AppAuthorizationConnectionTenant]:
        """the application tenant: `tenant_identifier` and `tenant_display_name`"""
        return _output(self, "tenant")

    @property
    @pulumi.getter
    def status(self) -> pulumi.Output[str]:
        """the authorization's status, read back on every refresh"""
        return _output(self, "status")

    @property
    @pulumi.getter
    def updated_at(self) -> pulumi.Output[str]:
        """when the authorization last changed (ISO 8601)"""
        return _output(self, "updated_at")

    @property
    @pulumi.getter
    def created_at(self) -> pulumi.Output[str | None]:
        """when the authorization was created (ISO 8601); filled by the first refresh when Connect
        answered `Connected` at once"""
        return _output(self, "created_at")

    @property
    @pulumi.getter
    def auth_type(self) -> pulumi.Output[str | None]:
        """`oauth2` or `apiKey`"""
        return _output(self, "auth_type")

    @property
    @pulumi.getter
    def persona(self) -> pulumi.Output[str]:
        """always `admin`"""
        return _output(self, "persona")

    @property
    @pulumi.getter
    def auth_url(self) -> pulumi.Output[str | None]:
        """the app's OAuth consent URL, only while the authorization is not `Connected` (it embeds a
        fresh state parameter on every read)"""
        return _output(self, "auth_url")

    @property
    @pulumi.getter
    def code_fingerprint(self) -> pulumi.Output[str | None]:
        """a salted SHA-256 of the last OAuth code used, never the code"""
        return _output(self, "code_fingerprint")

    @property
    @pulumi.getter
    def connected_at(self) -> pulumi.Output[str | None]:
        """the authorization's `updatedAt` when this connection's last create or update left it
        `Connected` (ISO 8601); a refresh keeps it, so a connect in flight that a refresh saw is
        still told from this connection's own"""
        return _output(self, "connected_at")


def _output(resource: Any, name: str) -> pulumi.Output[Any]:
    value: pulumi.Output[Any] = pulumi.get(resource, name)
    return value
