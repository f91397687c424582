"""App bundles: create, idempotency, quota, get, list, delete, tags."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from .helpers import capture, code_of, error

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

BUNDLE_ARN = re.compile(
    r"arn:aws:appfabric:us-east-1:123456789012:appbundle/"
    r"[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}"
)


def test_create_app_bundle_answers_201_with_arn_of_region_and_account(
    appfabric: AppFabricClient,
) -> None:
    response = appfabric.create_app_bundle()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert BUNDLE_ARN.fullmatch(response["appBundle"]["arn"])
    assert "customerManagedKeyArn" not in response["appBundle"]


def test_customer_managed_key_uuid_becomes_kms_key_arn(appfabric: AppFabricClient) -> None:
    key = str(uuid.uuid4())
    bundle = appfabric.create_app_bundle(customerManagedKeyIdentifier=key)["appBundle"]
    assert bundle["customerManagedKeyArn"] == f"arn:aws:kms:us-east-1:123456789012:key/{key}"


def test_create_app_bundle_with_same_client_token_returns_same_bundle(
    appfabric: AppFabricClient,
) -> None:
    token = str(uuid.uuid4())
    first = appfabric.create_app_bundle(clientToken=token)["appBundle"]["arn"]
    second = appfabric.create_app_bundle(clientToken=token)["appBundle"]["arn"]
    assert first == second
    assert len(appfabric.list_app_bundles()["appBundleSummaryList"]) == 1


def test_reusing_client_token_with_other_parameters_conflicts(appfabric: AppFabricClient) -> None:
    token = str(uuid.uuid4())
    arn = appfabric.create_app_bundle(clientToken=token)["appBundle"]["arn"]
    with pytest.raises(appfabric.exceptions.ConflictException) as excinfo:
        appfabric.create_app_bundle(clientToken=token, tags=[{"key": "k", "value": "v"}])
    assert error(excinfo)["resourceId"] == arn
    assert error(excinfo)["resourceType"] == "AppBundle"


def test_second_app_bundle_in_a_region_exceeds_the_quota(appfabric: AppFabricClient) -> None:
    arn = appfabric.create_app_bundle()["appBundle"]["arn"]
    with pytest.raises(appfabric.exceptions.ServiceQuotaExceededException) as excinfo:
        appfabric.create_app_bundle()
    body = error(excinfo)
    assert body["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert body["resourceId"] == arn
    assert body["resourceType"] == "AppBundle"
    assert body["serviceCode"] == "appfabric"
    assert body["quotaCode"]


def test_app_bundle_quota_is_per_region(
    appfabric: AppFabricClient, appfabric_factory: Callable[..., AppFabricClient]
) -> None:
    appfabric.create_app_bundle()
    west = appfabric_factory("us-west-2")
    arn = west.create_app_bundle()["appBundle"]["arn"]
    assert arn.startswith("arn:aws:appfabric:us-west-2:123456789012:appbundle/")


@pytest.mark.parametrize(
    ("region", "partition"), [("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")]
)
def test_arns_name_the_partition_of_their_region(
    appfabric_factory: Callable[..., AppFabricClient], region: str, partition: str
) -> None:
    client = appfabric_factory(region)
    key = str(uuid.uuid4())
    bundle = client.create_app_bundle(customerManagedKeyIdentifier=key)["appBundle"]
    assert bundle["arn"].startswith(f"arn:{partition}:appfabric:{region}:123456789012:appbundle/")
    assert bundle["customerManagedKeyArn"] == f"arn:{partition}:kms:{region}:123456789012:key/{key}"
    assert client.get_app_bundle(appBundleIdentifier=bundle["arn"])["appBundle"] == bundle


def test_get_app_bundle_by_arn_or_uuid(appfabric: AppFabricClient, bundle_arn: str) -> None:
    bundle_id = bundle_arn.rsplit("/", 1)[1]
    assert (
        appfabric.get_app_bundle(appBundleIdentifier=bundle_arn)["appBundle"]["arn"] == bundle_arn
    )
    assert appfabric.get_app_bundle(appBundleIdentifier=bundle_id)["appBundle"]["arn"] == bundle_arn


def test_get_unknown_app_bundle_is_not_found_with_resource_members(
    appfabric: AppFabricClient,
) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException) as excinfo:
        appfabric.get_app_bundle(appBundleIdentifier=missing)
    body = error(excinfo)
    assert body["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert body["resourceId"] == missing
    assert body["resourceType"] == "AppBundle"


def test_app_bundle_arn_of_another_account_is_not_found(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    foreign = bundle_arn.replace("123456789012", "210987654321")
    with pytest.raises(ClientError) as excinfo:
        appfabric.get_app_bundle(appBundleIdentifier=foreign)
    assert code_of(excinfo) == "ResourceNotFoundException"


def test_list_app_bundles_shows_only_the_request_region(
    appfabric: AppFabricClient, appfabric_factory: Callable[..., AppFabricClient], bundle_arn: str
) -> None:
    west = appfabric_factory("us-west-2")
    west.create_app_bundle()
    listed = appfabric.list_app_bundles()["appBundleSummaryList"]
    assert listed == [{"arn": bundle_arn}]


def test_delete_app_bundle_answers_204_and_removes_it(
    appfabric: AppFabricClient, bundle_arn: str
) -> None:
    with capture(appfabric) as captured:
        appfabric.delete_app_bundle(appBundleIdentifier=bundle_arn)
    assert captured.responses == [("DeleteAppBundle", 204, b"")]
    assert appfabric.list_app_bundles()["appBundleSummaryList"] == []


def test_delete_app_bundle_with_authorizations_conflicts(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    with pytest.raises(appfabric.exceptions.ConflictException) as excinfo:
        appfabric.delete_app_bundle(appBundleIdentifier=bundle_arn)
    body = error(excinfo)
    assert body["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert body["resourceId"] == bundle_arn
    assert body["resourceType"] == "AppBundle"


def test_delete_unknown_app_bundle_is_not_found(appfabric: AppFabricClient) -> None:
    with pytest.raises(ClientError) as excinfo:
        appfabric.delete_app_bundle(appBundleIdentifier=str(uuid.uuid4()))
    assert code_of(excinfo) == "ResourceNotFoundException"


def test_tags_can_be_added_listed_and_removed(
    appfabric: AppFabricClient, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    for arn in (bundle_arn, oauth2_authorization["appAuthorizationArn"]):
        appfabric.tag_resource(resourceArn=arn, tags=[{"key": "a", "value": "1"}])
        appfabric.tag_resource(resourceArn=arn, tags=[{"key": "b", "value": "2"}])
        appfabric.untag_resource(resourceArn=arn, tagKeys=["a"])
        assert appfabric.list_tags_for_resource(resourceArn=arn)["tags"] == [
            {"key": "b", "value": "2"}
        ]


def test_tags_given_at_create_are_listed(appfabric: AppFabricClient) -> None:
    arn = appfabric.create_app_bundle(tags=[{"key": "team", "value": "sec"}])["appBundle"]["arn"]
    assert appfabric.list_tags_for_resource(resourceArn=arn)["tags"] == [
        {"key": "team", "value": "sec"}
    ]


def test_tagging_unknown_resource_is_not_found(appfabric: AppFabricClient) -> None:
    arn = f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{uuid.uuid4()}"
    with pytest.raises(appfabric.exceptions.ResourceNotFoundException) as excinfo:
        appfabric.list_tags_for_resource(resourceArn=arn)
    assert error(excinfo)["resourceId"] == arn
