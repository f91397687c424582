"""App authorizations: create, idempotency, quota, get, list and pagination, update, delete."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.seed import DEMO_API_KEY, DEMO_CLIENT_SECRET, seed_authorization

from .helpers import capture, code_of, connect_oauth, error, ids_of, status_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import (
        AppAuthorizationTypeDef,
        CreateAppAuthorizationResponseTypeDef,
        CredentialTypeDef,
        TenantTypeDef,
    )

UUID = r"[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}"
OAUTH2: CredentialTypeDef = {
    "oauth2Credential": {"clientId": "cid", "clientSecret": "top-secret-client-secret"}
}
TENANT: TenantTypeDef = {"tenantIdentifier": "T1", "tenantDisplayName": "Tenant one"}


def test_new_oauth2_authorization_is_pending_connect_admin_with_auth_url(
    appfabric: AppFabricClient, bundle_arn: str, emulator: EmulatorServer
) -> None:
    response = appfabric.create_app_authorization(
        appBundleIdentifier=bundle_arn,
        app="SLACK",
        authType="oauth2",
        credential=OAUTH2,
        tenant=TENANT,
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    auth = response["appAuthorization"]
    assert re.fullmatch(
        rf"{re.escape(bundle_arn)}/appauthorization/{UUID}", auth["appAuthorizationArn"]
    )
    assert auth["appBundleArn"] == bundle_arn
    assert (auth["app"], auth["authType"], auth["tenant"]) == ("SLACK", "oauth2", TENANT)
    assert auth["status"] == "PendingConnect"
    assert auth["persona"] == "admin"
    assert auth["createdAt"] == auth["updatedAt"]
    uuid_part = auth["appAuthorizationArn"].rsplit("/", 1)[1]
    assert auth["authUrl"].startswith(f"{emulator.url}/oauth2/authorize?client_id=cid&")
    assert f"app_authorization={uuid_part}" in auth["authUrl"]
    assert "response_type=code" in auth["authUrl"]


def test_new_api_key_authorization_has_no_auth_url(
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    assert api_key_authorization["authType"] == "apiKey"
    assert api_key_authorization["status"] == "PendingConnect"
    assert "authUrl" not in api_key_authorization


def test_credentials_are_never_returned(appfabric: AppFabricClient, bundle_arn: str) -> None:
    with capture(appfabric) as captured:
        oauth = seed_authorization(appfabric, bundle_arn, "oauth2", "SLACK")
        key = seed_authorization(appfabric, bundle_arn, "apiKey", "ASANA")
        for auth in (oauth, key):
            appfabric.get_app_authorization(**ids_of(bundle_arn, auth))
            appfabric.update_app_authorization(**ids_of(bundle_arn, auth), tenant=TENANT)
        appfabric.list_app_authorizations(appBundleIdentifier=bundle_arn)
    assert len(captured.responses) == 7
    for _, _, body in captured.responses:
        assert DEMO_CLIENT_SECRET.encode() not in body
        assert DEMO_API_KEY.encode() not in body
        assert b"credential" not in body


def test_create_authorization_with_same_client_token_returns_same_one(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    token = str(uuid.uuid4())

    def create() -> AppAuthorizationTypeDef:
        return appfabric.create_app_authorization(
            appBundleIdentifier=bundle_arn,
            app="SLACK",
            authType="oauth2",
            credential=OAUTH2,
            tenant=TENANT,
            clientToken=token,
        )["appAuthorization"]

    first, second = create(), create()
    assert first["appAuthorizationArn"] == second["appAuthorizationArn"]
    listed = appfabric.list_app_authorizations(appBundleIdentifier=bundle_arn)
    assert len(listed["appAuthorizationSummaryList"]) == 1


def test_reusing_client_token_for_another_authorization_conflicts(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    token = str(uuid.uuid4())

    def create(app: str) -> CreateAppAuthorizationResponseTypeDef:
        return appfabric.create_app_authorization(
            appBundleIdentifier=bundle_arn,
            app=app,
            authType="oauth2",
            credential=OAUTH2,
            tenant=TENANT,
            clientToken=token,
        )

    first = create("SLACK")
    with pytest.raises(appfabric.exceptions.ConflictException) as excinfo:
        create("OKTA")
    assert error(excinfo)["resourceId"] == first["appAuthorization"]["appAuthorizationArn"]
    assert error(excinfo)["resourceType"] == "AppAuthorization"


def test_create_authorization_in_unknown_bundle_is_not_found(appfabric: AppFabricClient) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException) as excinfo:
        appfabric.create_app_authorization(
            appBundleIdentifier=missing,
            app="SLACK",
            authType="oauth2",
            credential=OAUTH2,
            tenant=TENANT,
        )
    assert error(excinfo)["resourceId"] == missing
    assert error(excinfo)["resourceType"] == "AppBundle"


def test_credential_of_the_wrong_kind_for_auth_type_is_rejected(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        appfabric.create_app_authorization(
            appBundleIdentifier=bundle_arn,
            app="ASANA",
            authType="apiKey",
            credential=OAUTH2,
            tenant=TENANT,
        )
    assert error(excinfo)["reason"] == "fieldValidationFailed"
    assert [f["name"] for f in error(excinfo)["fieldList"]] == ["credential"]


def test_fifty_first_authorization_in_a_bundle_exceeds_the_quota(
    appfabric: AppFabricClient,
    bundle_arn: str,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    for index in range(50):
        make_authorization("apiKey", "ASANA", tenant_id=f"tenant-{index}")
    with pytest.raises(appfabric.exceptions.ServiceQuotaExceededException) as excinfo:
        make_authorization("apiKey", "ASANA", tenant_id="one-too-many")
    body = error(excinfo)
    assert body["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert (body["resourceId"], body["resourceType"]) == (bundle_arn, "AppBundle")
    assert body["serviceCode"] == "appfabric"


def test_get_authorization_by_arn_or_uuid(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    arn = oauth2_authorization["appAuthorizationArn"]
    for bundle in (bundle_arn, bundle_arn.rsplit("/", 1)[1]):
        for ident in (arn, arn.rsplit("/", 1)[1]):
            got = appfabric.get_app_authorization(
                appBundleIdentifier=bundle, appAuthorizationIdentifier=ident
            )
            assert got["appAuthorization"]["appAuthorizationArn"] == arn


def test_authorization_under_another_bundle_is_not_found(
    appfabric: AppFabricClient, appfabric_factory: Callable[..., AppFabricClient], bundle_arn: str
) -> None:
    west = appfabric_factory("us-west-2")
    west_bundle = west.create_app_bundle()["appBundle"]["arn"]
    west_auth = seed_authorization(west, west_bundle, "apiKey", "ASANA")
    ident = west_auth["appAuthorizationArn"].rsplit("/", 1)[1]
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException) as excinfo:
        appfabric.get_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=ident
        )
    assert error(excinfo)["resourceId"] == ident
    assert error(excinfo)["resourceType"] == "AppAuthorization"


def test_authorization_arn_naming_another_bundle_is_not_found(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    arn = oauth2_authorization["appAuthorizationArn"]
    other_bundle = str(uuid.uuid4())
    wrong = arn.replace(bundle_arn.rsplit("/", 1)[1], other_bundle)
    with pytest.raises(ClientError) as excinfo:
        appfabric.get_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=wrong
        )
    assert code_of(excinfo) == "ResourceNotFoundException"


def test_get_unknown_authorization_is_not_found(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException) as excinfo:
        appfabric.get_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=missing
        )
    assert error(excinfo)["resourceId"] == missing


def test_list_authorizations_paginates_with_max_results_and_next_token(
    appfabric: AppFabricClient,
    bundle_arn: str,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    created = [
        make_authorization("apiKey", "ASANA", tenant_id=f"t{i}")["appAuthorizationArn"]
        for i in range(5)
    ]
    seen: list[str] = []
    token, pages = "", 0
    while True:
        if token:
            page = appfabric.list_app_authorizations(
                appBundleIdentifier=bundle_arn, maxResults=2, nextToken=token
            )
        else:
            page = appfabric.list_app_authorizations(appBundleIdentifier=bundle_arn, maxResults=2)
        pages += 1
        seen += [s["appAuthorizationArn"] for s in page["appAuthorizationSummaryList"]]
        token = page.get("nextToken", "")
        if not token:
            break
    assert pages == 3
    assert seen == created


def test_list_authorizations_paginator_returns_every_summary(
    appfabric: AppFabricClient,
    bundle_arn: str,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    for i in range(3):
        make_authorization("apiKey", "ASANA", tenant_id=f"t{i}")
    paginator = appfabric.get_paginator("list_app_authorizations")
    pages = list(
        paginator.paginate(appBundleIdentifier=bundle_arn, PaginationConfig={"PageSize": 1})
    )
    assert sum(len(p["appAuthorizationSummaryList"]) for p in pages) == 3
    summary = pages[0]["appAuthorizationSummaryList"][0]
    assert set(summary) == {
        "appAuthorizationArn",
        "appBundleArn",
        "app",
        "tenant",
        "status",
        "updatedAt",
    }


def test_list_app_bundles_honours_max_results(appfabric: AppFabricClient) -> None:
    appfabric.create_app_bundle()
    page = appfabric.list_app_bundles(maxResults=1)
    assert len(page["appBundleSummaryList"]) == 1
    assert "nextToken" not in page


def test_invalid_next_token_is_a_validation_error(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        appfabric.list_app_authorizations(appBundleIdentifier=bundle_arn, nextToken="garbage!")
    assert [f["name"] for f in error(excinfo)["fieldList"]] == ["nextToken"]


def test_update_of_a_connected_authorization_returns_it_to_pending_connect(
    appfabric: AppFabricClient, bundle_arn: str, api_key_authorization: AppAuthorizationTypeDef
) -> None:
    ids = ids_of(bundle_arn, api_key_authorization)
    assert (
        appfabric.connect_app_authorization(**ids)["appAuthorizationSummary"]["status"]
        == "Connected"
    )
    updated = appfabric.update_app_authorization(
        **ids, credential={"apiKeyCredential": {"apiKey": "new"}}
    )
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert updated["appAuthorization"]["status"] == "PendingConnect"
    assert status_of(appfabric, bundle_arn, api_key_authorization) == "PendingConnect"


def test_update_changes_the_tenant_and_updated_at(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    ids = ids_of(bundle_arn, oauth2_authorization)
    updated = appfabric.update_app_authorization(**ids, tenant=TENANT)["appAuthorization"]
    assert updated["tenant"] == TENANT
    assert updated["updatedAt"] >= oauth2_authorization["updatedAt"]
    assert updated["createdAt"] == oauth2_authorization["createdAt"]


def test_delete_authorization_answers_204_and_removes_it(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    ids = ids_of(bundle_arn, oauth2_authorization)
    with capture(appfabric) as captured:
        appfabric.delete_app_authorization(**ids)
    assert captured.responses == [("DeleteAppAuthorization", 204, b"")]
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException):
        appfabric.get_app_authorization(**ids)
    appfabric.delete_app_bundle(appBundleIdentifier=bundle_arn)


def test_delete_unknown_authorization_is_not_found(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        appfabric.delete_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=str(uuid.uuid4())
        )
    assert code_of(excinfo) == "ResourceNotFoundException"


def test_connect_api_key_authorization_needs_no_auth_request(
    appfabric: AppFabricClient, bundle_arn: str, api_key_authorization: AppAuthorizationTypeDef
) -> None:
    response = appfabric.connect_app_authorization(
        appBundleIdentifier=bundle_arn,
        appAuthorizationIdentifier=api_key_authorization["appAuthorizationArn"],
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["appAuthorizationSummary"]["status"] == "Connected"
    assert status_of(appfabric, bundle_arn, api_key_authorization) == "Connected"


def test_connect_oauth2_without_auth_request_is_a_validation_error(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    with pytest.raises(appfabric.exceptions.ValidationException) as excinfo:
        appfabric.connect_app_authorization(
            appBundleIdentifier=bundle_arn,
            appAuthorizationIdentifier=oauth2_authorization["appAuthorizationArn"],
        )
    assert error(excinfo)["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert [f["name"] for f in error(excinfo)["fieldList"]] == ["authRequest"]
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "PendingConnect"


def test_connect_on_a_connected_authorization_with_a_new_code_stays_connected(
    appfabric: AppFabricClient,
    emulator_control: EmulatorControl,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    assert (
        connect_oauth(appfabric, emulator_control, bundle_arn, oauth2_authorization) == "Connected"
    )
    assert (
        connect_oauth(appfabric, emulator_control, bundle_arn, oauth2_authorization) == "Connected"
    )
    assert status_of(appfabric, bundle_arn, oauth2_authorization) == "Connected"


def test_connect_unknown_authorization_is_not_found(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException):
        appfabric.connect_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=str(uuid.uuid4())
        )
