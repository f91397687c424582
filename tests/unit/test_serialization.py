"""The pickled provider: small, by reference, and free of clients and credentials."""

from __future__ import annotations

import base64
import importlib

import dill
import pytest
from botocore.stub import Stubber
from pulumi.dynamic import Config, ConfigureRequest
from pulumi.dynamic.dynamic import serialize_provider

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.provider import KEPT, kept_for_state
from tests.unit.aws_stub import CODE, connect_params, oauth_inputs, read_first, summary


def blob(provider: AppAuthorizationConnectionProvider) -> bytes:
    return base64.b64decode(serialize_provider(provider))


def test_the_serialized_provider_is_under_2_kib() -> None:
    assert len(serialize_provider(AppAuthorizationConnectionProvider())) < 2048


def test_the_provider_is_pickled_by_reference_to_its_module() -> None:
    assert b"appfabric_connect.provider" in blob(AppAuthorizationConnectionProvider())
    restored = dill.loads(blob(AppAuthorizationConnectionProvider()))
    assert type(restored) is AppAuthorizationConnectionProvider


def test_the_provider_holds_no_client_or_secret_after_use(
    stubber: Stubber, prov: AppAuthorizationConnectionProvider
) -> None:
    prov.configure(ConfigureRequest(Config({"aws:region": "us-east-1"}, "p")))
    read_first(stubber)
    stubber.add_response("connect_app_authorization", summary("Connected"), connect_params())
    prov.create(oauth_inputs())
    data = blob(prov)
    assert len(data) < 2048
    for leak in (CODE.encode(), b"unit-secret-key", b"AKIAUNITTEST", b"botocore"):
        assert leak not in data


def test_the_serialized_provider_is_not_forced_secret() -> None:
    assert AppAuthorizationConnectionProvider.serialize_as_secret_always is False


def test_the_pickled_path_keeps_only_the_names_0_1_0_state_holds() -> None:
    class Newcomer:
        pass

    with pytest.raises(TypeError, match="not one of the names kept for state"):
        kept_for_state(Newcomer)
    assert Newcomer.__module__ == __name__


@pytest.mark.parametrize("name", sorted(KEPT))
def test_each_kept_name_resolves_to_its_class_at_the_pickled_path(name: str) -> None:
    kept = getattr(importlib.import_module("appfabric_connect.provider"), name)

    assert kept.__module__ == "appfabric_connect.provider"
    assert kept is getattr(importlib.import_module(KEPT[name]), name)
