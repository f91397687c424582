"""A real STS for the tests: moto's server on a free loopback port, and what it was asked."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import pytest
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

STS_REGION = "us-east-1"
BASE_ACCESS_KEY = "AKIASTSBASEIDENTITY"
BASE_SECRET_KEY = "sts-base-secret-key-3f9a1c-must-never-leak"
TRUST_NOBODY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
ALLOW_ASSUME_ANY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}],
    }
)


@dataclass(frozen=True)
class Sts:
    """moto's server, reached over HTTP exactly as botocore reaches AWS STS."""

    url: str

    def _open(self, path: str, data: bytes | None = None) -> bytes:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method="POST" if data is not None else "GET",
            headers={"Content-Type": "text/plain"},  # moto reads the raw body, not a form
        )
        with opener.open(request, timeout=10) as response:
            return bytes(response.read())

    def reset(self) -> None:
        self._open("/moto-api/reset", b"")

    def assumed_roles(self) -> list[dict[str, str]]:
        """Every role session STS handed out, in order: access_key_id, role_arn, …"""
        data = json.loads(self._open("/moto-api/data.json"))
        return list(data.get("sts", {}).get("AssumedRole", []))

    def role_of(self, access_key_id: str) -> str | None:
        """The role ARN whose session the access key belongs to (None: not a role session)."""
        for role in self.assumed_roles():
            if role["access_key_id"] == access_key_id:
                return str(role["role_arn"])
        return None

    def client(
        self, access_key: str = BASE_ACCESS_KEY, secret_key: str = BASE_SECRET_KEY
    ) -> object:
        return boto3.client(
            "sts",
            endpoint_url=self.url,
            region_name=STS_REGION,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
        )

    @contextlib.contextmanager
    def enforcing_iam(self) -> Iterator[None]:
        """moto checks IAM policies and trust relationships (it allows everything otherwise)."""
        previous = json.loads(self._open("/moto-api/reset-auth", b"0"))
        try:
            yield
        finally:
            count = previous["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"]
            self._open("/moto-api/reset-auth", count.encode())

    def locked_role(self) -> tuple[str, str, str]:
        """(access key, secret key, role ARN): an IAM user allowed to call AssumeRole, and a
        role whose trust policy does not name that user, so STS refuses it (AccessDenied)."""
        iam = boto3.client(
            "iam",
            endpoint_url=self.url,
            region_name=STS_REGION,
            aws_access_key_id=BASE_ACCESS_KEY,
            aws_secret_access_key=BASE_SECRET_KEY,
        )
        iam.create_user(UserName="pipeline")
        iam.put_user_policy(
            UserName="pipeline", PolicyName="assume", PolicyDocument=ALLOW_ASSUME_ANY
        )
        key = iam.create_access_key(UserName="pipeline")["AccessKey"]
        role = iam.create_role(RoleName="locked", AssumeRolePolicyDocument=TRUST_NOBODY)["Role"]
        return key["AccessKeyId"], key["SecretAccessKey"], role["Arn"]


@pytest.fixture(scope="session")
def sts_server() -> Iterator[Sts]:
    """moto's server for the whole session, on a free port of 127.0.0.1."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield Sts(f"http://{host}:{port}")
    finally:
        server.stop()


@pytest.fixture
def sts(sts_server: Sts) -> Sts:
    """The session's STS, forgetting every role session, user and role of earlier tests."""
    sts_server.reset()
    return sts_server
