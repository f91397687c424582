"""``tfplugin6.Provider``: the provider's schema and configuration RPCs, with its resource's
(``resource``) and data source's (``data_source``)."""

from __future__ import annotations

import logging
from typing import Any

from .. import __version__
from . import diagnostics as diag
from . import schema_rpc
from .data_source import DataSourceRPCs
from .lifecycle_adapter import Connections
from .proto import tfplugin6_pb2 as tf
from .proto import tfplugin6_pb2_grpc
from .resource import ResourceRPCs
from .values import decode

log = logging.getLogger(__name__)


class Provider(ResourceRPCs, DataSourceRPCs, tfplugin6_pb2_grpc.ProviderServicer):  # type: ignore[misc]
    """One provider configuration's resource and data source."""

    def __init__(self) -> None:
        self.connections = Connections()

    # --- schema and configuration -----------------------------------------------------------

    def GetMetadata(self, request: Any, context: Any) -> tf.GetMetadata.Response:
        return schema_rpc.metadata()

    def GetProviderSchema(self, request: Any, context: Any) -> tf.GetProviderSchema.Response:
        return schema_rpc.provider_schema()

    def GetResourceIdentitySchemas(self, request: Any, context: Any) -> Any:
        return tf.GetResourceIdentitySchemas.Response()

    def GetFunctions(self, request: Any, context: Any) -> Any:
        return tf.GetFunctions.Response()

    def ValidateProviderConfig(self, request: Any, context: Any) -> Any:
        problems = self.connections.provider_problems(decode(request.config) or {})
        return tf.ValidateProviderConfig.Response(diagnostics=diag.problems(problems))

    def ConfigureProvider(self, request: Any, context: Any) -> Any:
        problems = self.connections.configure(decode(request.config) or {})
        log.debug(
            "configured for Terraform %s (provider %s)", request.terraform_version, __version__
        )
        found = [p for p in problems if p.path]
        diagnostics = diag.problems(found) + [
            diag.error("No AWS credentials", p.message) for p in problems if not p.path
        ]
        return tf.ConfigureProvider.Response(diagnostics=diagnostics)

    def StopProvider(self, request: Any, context: Any) -> Any:
        """Ctrl-C: operations in flight finish (a Connect is never cut short, so its outcome is
        recorded); the process ends with go-plugin's Shutdown."""
        return tf.StopProvider.Response()
