"""A stand-in for terraform-provider-aws's ``aws_appfabric_app_authorization_connection``.

The real AWS provider cannot be had on this machine (no registry access). This plugin serves that
resource's published schema (``app_bundle_arn``, ``app_authorization_arn``, ``auth_request { code,
redirect_uri }``, ``timeouts { create }``; computed ``id``, ``app``, ``tenant``) and its create —
Connect with the code, then read app and tenant — against the emulator, through the same
go-plugin server as the real provider. State keeps the code in plain text, as the real one does.
Run by the mirror's launcher as ``python -m tests.terraform.standin_aws``.
"""

from __future__ import annotations

import json
from typing import Any

import boto3

from appfabric_connect.terraform import terraform_blocks as b
from appfabric_connect.terraform.proto import tfplugin6_pb2 as tf
from appfabric_connect.terraform.proto import tfplugin6_pb2_grpc
from appfabric_connect.terraform.server import main
from appfabric_connect.terraform.values import decode, encode
from appfabric_connect.unknown import UNKNOWN

TYPE = "aws_appfabric_app_authorization_connection"
TENANTS = ["list", ["object", {"tenant_display_name": b.STRING, "tenant_identifier": b.STRING}]]
RESOURCE = b.Block(
    attributes=(
        b.Attr("id", b.STRING, "", computed=True),
        b.Attr("app", b.STRING, "", computed=True),
        b.Attr("app_authorization_arn", b.STRING, "", required=True),
        b.Attr("app_bundle_arn", b.STRING, "", required=True),
        b.Attr("tenant", TENANTS, "", computed=True),
    ),
    blocks=(
        b.Nested(
            "auth_request",
            b.Block(
                (
                    b.Attr("code", b.STRING, "", required=True),
                    b.Attr("redirect_uri", b.STRING, "", required=True),
                )
            ),
        ),
        b.Nested("timeouts", b.Block((b.Attr("create", b.STRING, "", optional=True),)), "single"),
    ),
)
PROVIDER = b.Block((b.Attr("region", b.STRING, "", optional=True),))


class StandIn(tfplugin6_pb2_grpc.ProviderServicer):  # type: ignore[misc]  # generated
    def GetProviderSchema(self, request: Any, context: Any) -> Any:
        response = tf.GetProviderSchema.Response(provider=b.schema(PROVIDER))
        response.resource_schemas[TYPE].CopyFrom(b.schema(RESOURCE))
        return response

    def GetMetadata(self, request: Any, context: Any) -> Any:
        return tf.GetMetadata.Response(resources=[tf.GetMetadata.ResourceMetadata(type_name=TYPE)])

    def ValidateProviderConfig(self, request: Any, context: Any) -> Any:
        return tf.ValidateProviderConfig.Response()

    def ConfigureProvider(self, request: Any, context: Any) -> Any:
        return tf.ConfigureProvider.Response()

    def ValidateResourceConfig(self, request: Any, context: Any) -> Any:
        return tf.ValidateResourceConfig.Response()

    def UpgradeResourceState(self, request: Any, context: Any) -> Any:
        state = RESOURCE.conform(json.loads(request.raw_state.json or b"{}"))
        return tf.UpgradeResourceState.Response(upgraded_state=encode(state))

    def ReadResource(self, request: Any, context: Any) -> Any:
        return tf.ReadResource.Response(new_state=request.current_state)

    def PlanResourceChange(self, request: Any, context: Any) -> Any:
        prior, proposed = decode(request.prior_state), decode(request.proposed_new_state)
        if proposed is not None and prior is None:
            proposed.update(id=UNKNOWN, app=UNKNOWN, tenant=UNKNOWN)
        return tf.PlanResourceChange.Response(planned_state=encode(proposed))

    def ApplyResourceChange(self, request: Any, context: Any) -> Any:
        prior, planned = decode(request.prior_state), decode(request.planned_state)
        if planned is None or prior is not None:  # delete is a no-op, as in the real one
            return tf.ApplyResourceChange.Response(new_state=request.planned_state)
        client = boto3.client("appfabric")
        ids = {
            "appBundleIdentifier": planned["app_bundle_arn"],
            "appAuthorizationIdentifier": planned["app_authorization_arn"],
        }
        request_ = planned["auth_request"][0]
        client.connect_app_authorization(
            **ids, authRequest={"code": request_["code"], "redirectUri": request_["redirect_uri"]}
        )
        found = client.get_app_authorization(**ids)["appAuthorization"]
        planned.update(
            id=found["appAuthorizationArn"],
            app=found["app"],
            tenant=[
                {
                    "tenant_display_name": found["tenant"]["tenantDisplayName"],
                    "tenant_identifier": found["tenant"]["tenantIdentifier"],
                }
            ],
        )
        return tf.ApplyResourceChange.Response(new_state=encode(planned))


if __name__ == "__main__":
    main(StandIn)
