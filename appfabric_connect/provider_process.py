"""Drives a real ``python -m pulumi.dynamic`` provider process over gRPC, as the engine does."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import grpc
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from .provider import AppAuthorizationConnectionProvider

TYPE = "pulumi-python:dynamic/appfabric:AppAuthorizationConnection"


class ProviderProcess:
    """One dynamic-provider process (4 gRPC worker threads, like the one the engine spawns)."""

    def __init__(self, env: Mapping[str, str] | None = None, python: str = sys.executable) -> None:
        self._argv = [python, "-u", "-m", "pulumi.dynamic"]
        self._env = {**os.environ, **(env or {})}
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: Any = None
        self.blob = serialize_provider(AppAuthorizationConnectionProvider())

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

    def __enter__(self) -> ProviderProcess:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def configure(self, config: Mapping[str, str]) -> None:
        self._stub.Configure(provider_pb2.ConfigureRequest(args=_struct(dict(config))))

    def create(self, name: str, inputs: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        props = _struct({**inputs, "__provider": self.blob})
        response = self._stub.Create(provider_pb2.CreateRequest(urn=_urn(name), properties=props))
        return response.id, _plain(response.properties)

    def read(self, name: str, id_: str, state: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        props = _struct({**state, "__provider": self.blob})
        response = self._stub.Read(
            provider_pb2.ReadRequest(id=id_, urn=_urn(name), properties=props)
        )
        return response.id, _plain(response.properties)


def _urn(name: str) -> str:
    return f"urn:pulumi:bench::appfabric-connect::{TYPE}::{name}"


def _struct(values: dict[str, Any]) -> Any:
    return asyncio.run(rpc.serialize_properties(values, {}))


def _plain(struct: Any) -> dict[str, Any]:
    values = dict(rpc.deserialize_properties(struct))
    values.pop("__provider", None)
    return values
