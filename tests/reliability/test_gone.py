"""Gone: the authorization or its bundle deleted out of band → read drops it, no crash."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appfabric_connect import AppAuthorizationConnectionProvider
from tests.reliability.helpers import inputs
from tests.support.provider_process import ProviderProcess

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient


def delete_authorization(appfabric: AppFabricClient, authorization: Any) -> None:
    appfabric.delete_app_authorization(
        appBundleIdentifier=authorization["appBundleArn"],
        appAuthorizationIdentifier=authorization["appAuthorizationArn"],
    )


def test_read_returns_an_empty_id_when_the_authorization_was_deleted_out_of_band(
    prov: AppAuthorizationConnectionProvider,
    appfabric: AppFabricClient,
    api_key_authorization: Any,
) -> None:
    created = prov.create(inputs(api_key_authorization))
    delete_authorization(appfabric, api_key_authorization)
    result = prov.read(created.id, dict(created.outs or {}))
    assert not result.id
    assert not result.outs


def test_read_returns_an_empty_id_when_the_bundle_was_deleted_out_of_band(
    prov: AppAuthorizationConnectionProvider,
    appfabric: AppFabricClient,
    api_key_authorization: Any,
) -> None:
    created = prov.create(inputs(api_key_authorization))
    delete_authorization(appfabric, api_key_authorization)
    appfabric.delete_app_bundle(appBundleIdentifier=api_key_authorization["appBundleArn"])
    result = prov.read(created.id, dict(created.outs or {}))
    assert not result.id
    assert not result.outs


def test_refresh_through_a_provider_process_drops_a_deleted_bundle(
    aws_env: str,
    appfabric: AppFabricClient,
    api_key_authorization: Any,
) -> None:
    with ProviderProcess() as process:
        id_, outs = process.create("gone", inputs(api_key_authorization))
        delete_authorization(appfabric, api_key_authorization)
        appfabric.delete_app_bundle(appBundleIdentifier=api_key_authorization["appBundleArn"])
        read_id, read_outs = process.read("gone", id_, outs)
    assert id_ == api_key_authorization["appAuthorizationArn"]
    assert read_id == ""
    assert read_outs == {}
