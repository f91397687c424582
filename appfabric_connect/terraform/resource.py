"""The resource ``appfabricconnect_app_authorization_connection``: its tfplugin6 RPCs.

Terraform's rules live here — planned values for computed attributes, write-only attributes null
in plan and state, requires_replace — and the lifecycle's decisions come from
``lifecycle_adapter``: when to reconnect or replace, and every AWS call.
"""

from __future__ import annotations

import json
from typing import Any

from .. import schema as spec
from ..unknown import UNKNOWN, is_unknown
from . import diagnostics as diag
from . import terraform_schema as s
from .lifecycle_adapter import Connections, Failure, auth_request_of, code_of, code_wo_raised
from .proto import tfplugin6_pb2 as tf
from .values import decode, encode

AWS_RESOURCE = "aws_appfabric_app_authorization_connection"  # terraform-provider-aws's

# Computed attributes whose value a reconnect changes (the schema's), and all of them (a create
# or replace).
RECONNECTED = tuple(s.SCHEMAS.outputs[p.name] for p in spec.OUTPUTS if p.changes_on_connect)
_COMPUTED = tuple(a.name for a in s.RESOURCE_BLOCK.attributes if a.computed)


class ResourceRPCs:
    """The resource's half of ``tfplugin6.Provider`` (the provider's ``connections``)."""

    connections: Connections

    def ValidateResourceConfig(self, request: Any, context: Any) -> Any:
        config = decode(request.config) or {}
        found = diag.problems(self.connections.resource_problems(config))
        auth = auth_request_of(config)
        if auth.get("code") is not None and auth.get("code_wo") is not None:
            found.append(
                diag.error(
                    "Conflicting OAuth codes",
                    "auth_request[0].code and auth_request[0].code_wo are the same code: give "
                    "one (code_wo keeps it out of plan and state).",
                    "auth_request[0].code_wo",
                )
            )
        if auth.get("code_wo") is not None and auth.get("code_wo_version") is None:
            found.append(
                diag.error(
                    "Missing auth_request[0].code_wo_version",
                    "auth_request[0].code_wo needs code_wo_version: Terraform never stores a "
                    "write-only value, so raising the version is what sends a new code.",
                    "auth_request[0].code_wo_version",
                )
            )
        wo_allowed = request.client_capabilities.write_only_attributes_allowed
        if auth.get("code_wo") is not None and not wo_allowed:
            found.append(
                diag.error(
                    "Write-only attributes need Terraform 1.11 or later",
                    "auth_request[0].code_wo is write-only: use auth_request[0].code instead "
                    "on this Terraform version.",
                    "auth_request[0].code_wo",
                )
            )
        return tf.ValidateResourceConfig.Response(diagnostics=found)

    def UpgradeResourceState(self, request: Any, context: Any) -> Any:
        raw = json.loads(request.raw_state.json or b"null") or {}
        state = s.RESOURCE_BLOCK.write_only_nulled(s.RESOURCE_BLOCK.conform(raw))
        return tf.UpgradeResourceState.Response(upgraded_state=encode(state))

    def PlanResourceChange(self, request: Any, context: Any) -> Any:
        prior = decode(request.prior_state)
        proposed = decode(request.proposed_new_state)
        config = decode(request.config) or {}
        if proposed is None:  # destroy
            return tf.PlanResourceChange.Response(planned_state=request.proposed_new_state)
        planned = s.RESOURCE_BLOCK.write_only_nulled(s.RESOURCE_BLOCK.conform(proposed))
        response = tf.PlanResourceChange.Response()
        if prior is None:
            unknown: tuple[str, ...] = _COMPUTED
        else:
            try:
                plan = self.connections.plan(prior, config)
            except Failure as error:
                response.diagnostics.append(diag.error("Cannot plan the connection", str(error)))
                return response
            rotated = code_wo_raised(prior, config)
            if rotated and code_of(config) is None:
                response.diagnostics.append(
                    diag.error(
                        "Missing auth_request[0].code_wo",
                        "auth_request[0].code_wo_version changed but auth_request[0].code_wo "
                        "is null: a changed version sends a new code, so give the new code as "
                        "code_wo on this run (e.g. TF_VAR_<its variable>), or keep "
                        "code_wo_version as it was.",
                        "auth_request[0].code_wo",
                    )
                )
                return response
            if plan.replace:
                unknown = _COMPUTED
                for name in plan.replace:
                    response.requires_replace.append(diag.attribute_path(name))
            elif plan.reconnect or rotated:
                unknown = RECONNECTED
            else:
                unknown = ()
        for name in unknown:
            if name != "region" or config.get("region") is None:
                planned[name] = UNKNOWN
        response.planned_state.CopyFrom(encode(planned))
        return response

    def ApplyResourceChange(self, request: Any, context: Any) -> Any:
        prior = decode(request.prior_state)
        planned = decode(request.planned_state)
        config = decode(request.config) or {}
        response = tf.ApplyResourceChange.Response()
        if planned is None:  # destroy: AppFabric has no disconnect; the authorization stays
            response.new_state.CopyFrom(encode(None))
            return response
        reconnect = prior is None or is_unknown(planned.get("status"))
        if not reconnect:  # e.g. new timeouts, or an identifier given as ARN instead of UUID
            response.new_state.CopyFrom(request.planned_state)
            return response
        try:
            if prior is None:
                outcome = self.connections.create(config)
            else:
                outcome = self.connections.update(prior, config)
        except Failure as error:
            response.diagnostics.append(
                diag.error("Cannot connect the app authorization", str(error))
            )
            if prior is not None:
                response.new_state.CopyFrom(encode(prior))
            return response
        response.diagnostics.extend(diag.warnings(outcome.warnings))
        new = {
            **planned,
            **{k: v for k, v in outcome.value.items() if is_unknown(planned.get(k))},
        }
        if code_of(config) is None:  # nothing sent: the last code's fingerprint still holds
            new["code_fingerprint"] = (prior or {}).get("code_fingerprint")
        response.new_state.CopyFrom(encode(s.RESOURCE_BLOCK.write_only_nulled(new)))
        return response

    def ReadResource(self, request: Any, context: Any) -> Any:
        state = decode(request.current_state)
        response = tf.ReadResource.Response()
        try:
            outcome = self.connections.read(state)
        except Failure as error:
            response.diagnostics.append(diag.error("Cannot read the app authorization", str(error)))
            response.new_state.CopyFrom(request.current_state)
            return response
        response.diagnostics.extend(diag.warnings(outcome.warnings))
        if outcome.value is None:  # deleted out of band: Terraform plans to create it again
            response.new_state.CopyFrom(encode(None))
            return response
        found = outcome.value
        new = dict(state)
        new.update({name: found.get(name) for name in s.SCHEMAS.read_back})
        for name in s.SCHEMAS.configured:
            new[name] = state.get(name) or found.get(name)  # as configured; import: the ARN
        response.new_state.CopyFrom(encode(s.RESOURCE_BLOCK.write_only_nulled(new)))
        return response

    def ImportResourceState(self, request: Any, context: Any) -> Any:
        response = tf.ImportResourceState.Response()
        if not (request.id.startswith("arn:") and "/appauthorization/" in request.id):
            response.diagnostics.append(
                diag.error(
                    "Import by the app authorization ARN",
                    f"The import ID must be an app authorization ARN "
                    "(arn:aws:appfabric:REGION:ACCOUNT:appbundle/UUID/appauthorization/UUID), "
                    f"got {request.id!r}.",
                )
            )
            return response
        state = s.RESOURCE_BLOCK.conform({"id": request.id, "app_authorization_arn": request.id})
        response.imported_resources.append(
            tf.ImportResourceState.ImportedResource(type_name=s.RESOURCE, state=encode(state))
        )
        return response

    def MoveResourceState(self, request: Any, context: Any) -> Any:
        """``moved {}`` from terraform-provider-aws: its state, its code fingerprinted."""
        response = tf.MoveResourceState.Response()
        if request.source_type_name != AWS_RESOURCE or not request.source_provider_address.endswith(
            "/hashicorp/aws"
        ):
            response.diagnostics.append(
                diag.error(
                    "Cannot move this resource here",
                    f"{s.RESOURCE} can be moved from hashicorp/aws's {AWS_RESOURCE} only, not "
                    f"from {request.source_provider_address}'s {request.source_type_name}.",
                )
            )
            return response
        source = json.loads(request.source_state.json or b"{}")
        state = s.RESOURCE_BLOCK.conform(self.connections.moved(source))
        response.target_state.CopyFrom(encode(s.RESOURCE_BLOCK.write_only_nulled(state)))
        return response
