"""The data source ``appfabricconnect_app_authorization``: its tfplugin6 RPCs."""

from __future__ import annotations

from typing import Any

from . import diagnostics as diag
from . import terraform_schema as s
from .lifecycle_adapter import Connections, Failure
from .proto import tfplugin6_pb2 as tf
from .values import decode, encode


class DataSourceRPCs:
    """The data source's half of ``tfplugin6.Provider`` (the provider's ``connections``)."""

    connections: Connections

    def ValidateDataResourceConfig(self, request: Any, context: Any) -> Any:
        problems = self.connections.resource_problems(decode(request.config) or {})
        return tf.ValidateDataResourceConfig.Response(diagnostics=diag.problems(problems))

    def ReadDataSource(self, request: Any, context: Any) -> Any:
        config = decode(request.config) or {}
        response = tf.ReadDataSource.Response()
        try:
            outcome = self.connections.lookup(config)
        except Failure as error:
            response.diagnostics.append(diag.error("Cannot read the app authorization", str(error)))
            return response
        response.diagnostics.extend(diag.warnings(outcome.warnings))
        found = {k: v for k, v in outcome.value.items() if k not in s.SCHEMAS.configured}
        state = s.DATA_SOURCE_BLOCK.conform({**config, **found})
        response.state.CopyFrom(encode(state))
        return response
