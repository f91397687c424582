"""The provider plugin's ResourceProvider service: ``server`` serves it, loaded after the port."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import grpc
import grpc.aio
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime import proto
from pulumi.runtime.proto import provider_pb2_grpc

from ... import __version__
from ..messages import ConnectionFailed, ProviderBug
from . import engine_log
from .connection import PackageConnection
from .pulumi_schema import schema_json

# Why this serves the gRPC protocol itself rather than through pulumi.provider.experimental's
# framework (whose PropertyValue it does use): a failure must reach the user as the one line
# ConnectionFailed says (context.abort with the message alone); each operation runs in a thread
# of its own, so N connects wait at once under `pulumi up --parallel N`; and each warning is
# attributed to the resource whose operation logged it (engine_log.attributed, by URN).

# Each create may wait minutes for PendingConnect → Connected: one thread per operation in
# flight, so `pulumi up --parallel N` runs N connects at once.
MAX_OPERATIONS = 64

_Result = TypeVar("_Result")
unmarshal = PropertyValue.unmarshal_map
marshal = PropertyValue.marshal_map
# google.protobuf ships no type stubs (types-protobuf is not a dependency).
Empty: Any = importlib.import_module("google.protobuf.empty_pb2").Empty
DIFF_NONE = proto.DiffResponse.DIFF_NONE
DIFF_SOME = proto.DiffResponse.DIFF_SOME


class ConnectionServicer(provider_pb2_grpc.ResourceProviderServicer):
    """Serves GetSchema, Configure and the resource's Check/Diff/Create/Read/Update/Delete."""

    def __init__(self) -> None:
        self.connection = PackageConnection()
        self._pool = ThreadPoolExecutor(MAX_OPERATIONS, thread_name_prefix="operation")

    async def _run(
        self,
        context: grpc.aio.ServicerContext[Any, Any],
        work: Callable[[], _Result],
        urn: str = "",
    ) -> _Result:
        """``work`` in a thread; a failure ends the call with its one-line message.

        Its warnings go to the engine attached to ``urn``, the resource operated on (none: the
        provider's own, e.g. Configure's).
        """
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._pool, engine_log.attributed(urn, work)
            )
        except (ConnectionFailed, ProviderBug) as error:
            await context.abort(grpc.StatusCode.UNKNOWN, str(error))
            raise  # abort raises; this line is for type checkers

    async def GetPluginInfo(self, request: Any, context: Any) -> proto.PluginInfo:
        return proto.PluginInfo(version=__version__)

    async def GetSchema(self, request: Any, context: Any) -> proto.GetSchemaResponse:
        return proto.GetSchemaResponse(schema=schema_json())

    async def CheckConfig(self, request: Any, context: Any) -> proto.CheckResponse:
        checked = await self._run(
            context, lambda: self.connection.check_config(unmarshal(request.news))
        )
        return proto.CheckResponse(
            inputs=request.news,
            failures=[proto.CheckFailure(property=p, reason=r) for p, r in checked.failures],
        )

    async def DiffConfig(self, request: Any, context: Any) -> proto.DiffResponse:
        same = unmarshal(request.olds) == unmarshal(request.news)
        return proto.DiffResponse(changes=DIFF_NONE if same else DIFF_SOME)

    async def Configure(self, request: Any, context: Any) -> proto.ConfigureResponse:
        await self._run(context, lambda: self.connection.configure(unmarshal(request.args)))
        return proto.ConfigureResponse(acceptSecrets=True, supportsPreview=False)

    async def _on_resource(
        self,
        context: grpc.aio.ServicerContext[Any, Any],
        request: Any,
        operation: Callable[..., _Result],
        *fields: str,
    ) -> _Result:
        """``operation`` of the request's resource, given the request's ``fields`` in order: its
        ``id`` as it is, each other field unmarshalled (in the operation's thread)."""

        def work() -> _Result:
            return operation(
                *(
                    request.id if name == "id" else unmarshal(getattr(request, name))
                    for name in fields
                )
            )

        return await self._run(context, work, urn=request.urn)

    async def Check(self, request: Any, context: Any) -> proto.CheckResponse:
        checked = await self._on_resource(context, request, self.connection.check, "olds", "news")
        return proto.CheckResponse(
            inputs=marshal(checked.inputs),
            failures=[proto.CheckFailure(property=p, reason=r) for p, r in checked.failures],
        )

    async def Diff(self, request: Any, context: Any) -> proto.DiffResponse:
        diffed = await self._on_resource(
            context, request, self.connection.diff, "id", "olds", "news"
        )
        return proto.DiffResponse(
            changes=DIFF_SOME if diffed.changes else DIFF_NONE,
            replaces=diffed.replaces,
            deleteBeforeReplace=diffed.delete_before_replace,
        )

    async def Create(self, request: Any, context: Any) -> proto.CreateResponse:
        resource_id, outputs = await self._on_resource(
            context, request, self.connection.create, "properties"
        )
        return proto.CreateResponse(id=resource_id, properties=marshal(outputs))

    async def Read(self, request: Any, context: Any) -> proto.ReadResponse:
        found = await self._on_resource(
            context, request, self.connection.read, "id", "properties", "inputs"
        )
        return proto.ReadResponse(
            id=found.resource_id, properties=marshal(found.properties), inputs=marshal(found.inputs)
        )

    async def Update(self, request: Any, context: Any) -> proto.UpdateResponse:
        outputs = await self._on_resource(
            context, request, self.connection.update, "id", "olds", "news"
        )
        return proto.UpdateResponse(properties=marshal(outputs))

    async def Delete(self, request: Any, context: Any) -> Any:
        await self._on_resource(context, request, self.connection.delete, "id", "properties")
        return Empty()

    async def Cancel(self, request: Any, context: Any) -> Any:
        return Empty()

    def finish(self) -> None:
        """Waits for the operations still running; starts no other."""
        self._pool.shutdown(wait=True)


def method_handlers(engine: str | None) -> tuple[grpc.GenericRpcHandler, ConnectionServicer]:
    """The ResourceProvider service's handlers and their servicer, after the engine log is
    installed (its warnings: ``warning: ...`` under their resource)."""
    engine_log.install(engine)
    captured: list[grpc.GenericRpcHandler] = []

    class Collect:  # the generated code's view of a server
        def add_generic_rpc_handlers(self, handlers: tuple[grpc.GenericRpcHandler, ...]) -> None:
            captured.extend(handlers)

    servicer = ConnectionServicer()
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, Collect())
    (handler,) = captured
    return handler, servicer
