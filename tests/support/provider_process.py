"""Drives a real ``python -m pulumi.dynamic`` provider process over gRPC, as the engine does."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Mapping
from typing import Any, Self

import grpc
from pulumi.dynamic import ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from appfabric_connect import AppAuthorizationConnectionProvider

TYPE = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"
PROJECT = "appfabric-connect"
DEFAULT_STACK = "test"


def urn(name: str, stack: str = DEFAULT_STACK) -> str:
    """The URN the engine gives a connection resource called ``name`` in ``stack``."""
    return f"urn:pulumi:{stack}::{PROJECT}::{TYPE}::{name}"


def to_struct(values: Mapping[str, Any]) -> Any:
    """``values`` as the protobuf ``Struct`` the engine sends, serialized on a private loop.

    ``asyncio.run`` would leave the calling thread without a current event loop afterwards,
    and Pulumi's mocks need the main thread's; a runner given a loop factory never makes its
    loop current.
    """
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        return runner.run(rpc.serialize_properties(dict(values), {}))


def from_struct(struct: Any) -> dict[str, Any]:
    """The plain values of a provider's answer, without the ``__provider`` blob."""
    values = dict(rpc.deserialize_properties(struct))
    values.pop("__provider", None)
    return values


class ProviderProcess:
    """One dynamic-provider process (4 gRPC worker threads, like the one the engine spawns).

    ``provider`` replaces the real provider by another one (its module must be importable in
    the provider process: ``env`` can set PYTHONPATH).
    """

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        *,
        provider: ResourceProvider | None = None,
        stack: str = DEFAULT_STACK,
    ) -> None:
        self._argv = [sys.executable, "-u", "-m", "pulumi.dynamic"]
        self._env = {**os.environ, **(env or {})}
        self._stack = stack
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: Any = None
        self.blob = serialize_provider(provider or AppAuthorizationConnectionProvider())

    def start(self) -> None:
        self._process = subprocess.Popen(
            self._argv, stdout=subprocess.PIPE, env=self._env, stdin=subprocess.DEVNULL
        )
        try:
            assert self._process.stdout is not None
            port = int(self._process.stdout.readline().decode().strip())
            self._channel = grpc.insecure_channel(f"127.0.0.1:{port}")
            grpc.channel_ready_future(self._channel).result(timeout=30)
        except BaseException:
            self.stop()
            raise
        self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)

    def stop(self) -> None:
        if self._channel is not None:
            self._channel.close()
        if self._process is not None:
            self._process.kill()
            self._process.wait()
        self._process = self._channel = self._stub = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self._process is not None, "not started"
        return self._process.pid

    def configure(self, config: Mapping[str, str]) -> None:
        self._stub.Configure(provider_pb2.ConfigureRequest(args=to_struct(config)))

    def check(self, name: str, news: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The checked inputs, and the reason of each check failure."""
        request = provider_pb2.CheckRequest(
            urn=self._urn(name), olds=to_struct({}), news=self._props(news)
        )
        response = self._stub.Check(request)
        return from_struct(response.inputs), [failure.reason for failure in response.failures]

    def create(self, name: str, inputs: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        request = provider_pb2.CreateRequest(urn=self._urn(name), properties=self._props(inputs))
        response = self._stub.Create(request)
        return response.id, from_struct(response.properties)

    def read(self, name: str, id_: str, state: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        request = provider_pb2.ReadRequest(
            id=id_, urn=self._urn(name), properties=self._props(state)
        )
        response = self._stub.Read(request)
        return response.id, from_struct(response.properties)

    def diff(
        self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> tuple[bool, list[str]]:
        """Whether anything changes, and the properties whose change replaces the resource."""
        request = provider_pb2.DiffRequest(
            id=id_, urn=self._urn(name), olds=self._props(olds), news=self._props(news)
        )
        response = self._stub.Diff(request)
        return response.changes == provider_pb2.DiffResponse.DIFF_SOME, list(response.replaces)

    def update(
        self, name: str, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> dict[str, Any]:
        request = provider_pb2.UpdateRequest(
            id=id_, urn=self._urn(name), olds=self._props(olds), news=self._props(news)
        )
        return from_struct(self._stub.Update(request).properties)

    def _urn(self, name: str) -> str:
        return urn(name, self._stack)

    def _props(self, values: Mapping[str, Any]) -> Any:
        return to_struct({**values, "__provider": self.blob})
