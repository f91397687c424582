"""boto3 against the emulator over HTTP: every modeled operation and error, as the model says."""

from __future__ import annotations

import datetime
import json
import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import botocore
import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import Shape, StructureShape
from botocore.validate import ParamValidator

from appfabric_connect.aws.model import violations
from appfabric_connect.emulator import EmulatorControl
from appfabric_connect.emulator.seed import seed_authorization, seed_bundle

from .helpers import CONSOLE_REDIRECT, capture, error, ids_of

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef, TagTypeDef, TenantTypeDef

MODEL = botocore.session.get_session().get_service_model("appfabric")
TAGS: list[TagTypeDef] = [{"key": "team", "value": "security"}]
TENANT: TenantTypeDef = {"tenantIdentifier": "t", "tenantDisplayName": "T"}

Factory = Callable[..., "AppFabricClient"]
Call = Callable[["AppFabricClient", EmulatorControl], object]
Provoke = Callable[[Factory, EmulatorControl], tuple["AppFabricClient", Callable[[], object]]]


def _authorization(client: AppFabricClient) -> tuple[str, AppAuthorizationTypeDef]:
    bundle = seed_bundle(client)
    return bundle, seed_authorization(client, bundle, "oauth2", "SLACK")


def _create_app_bundle(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.create_app_bundle(
        clientToken=str(uuid.uuid4()), customerManagedKeyIdentifier=str(uuid.uuid4()), tags=TAGS
    )


def _get_app_bundle(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.get_app_bundle(appBundleIdentifier=seed_bundle(client))


def _list_app_bundles(client: AppFabricClient, control: EmulatorControl) -> object:
    seed_bundle(client)
    return client.list_app_bundles(maxResults=1)


def _delete_app_bundle(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.delete_app_bundle(appBundleIdentifier=seed_bundle(client))


def _create_app_authorization(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.create_app_authorization(
        appBundleIdentifier=seed_bundle(client),
        app="SLACK",
        authType="oauth2",
        credential={"oauth2Credential": {"clientId": "c", "clientSecret": "s"}},
        tenant=TENANT,
        clientToken=str(uuid.uuid4()),
        tags=TAGS,
    )


def _get_app_authorization(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.get_app_authorization(**ids_of(*_authorization(client)))


def _list_app_authorizations(client: AppFabricClient, control: EmulatorControl) -> object:
    bundle, _ = _authorization(client)
    seed_authorization(client, bundle, "apiKey", "ASANA")
    return client.list_app_authorizations(appBundleIdentifier=bundle, maxResults=1)


def _update_app_authorization(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.update_app_authorization(**ids_of(*_authorization(client)), tenant=TENANT)


def _delete_app_authorization(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.delete_app_authorization(**ids_of(*_authorization(client)))


def _connect_app_authorization(client: AppFabricClient, control: EmulatorControl) -> object:
    bundle, auth = _authorization(client)
    code = control.obtain_code(auth["authUrl"])
    return client.connect_app_authorization(
        **ids_of(bundle, auth), authRequest={"redirectUri": CONSOLE_REDIRECT, "code": code}
    )


def _tag_resource(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.tag_resource(resourceArn=seed_bundle(client), tags=TAGS)


def _untag_resource(client: AppFabricClient, control: EmulatorControl) -> object:
    return client.untag_resource(resourceArn=seed_bundle(client), tagKeys=["team"])


def _list_tags_for_resource(client: AppFabricClient, control: EmulatorControl) -> object:
    _, auth = _authorization(client)
    client.tag_resource(resourceArn=auth["appAuthorizationArn"], tags=TAGS)
    return client.list_tags_for_resource(resourceArn=auth["appAuthorizationArn"])


IMPLEMENTED: dict[str, Call] = {
    "CreateAppBundle": _create_app_bundle,
    "GetAppBundle": _get_app_bundle,
    "ListAppBundles": _list_app_bundles,
    "DeleteAppBundle": _delete_app_bundle,
    "CreateAppAuthorization": _create_app_authorization,
    "GetAppAuthorization": _get_app_authorization,
    "ListAppAuthorizations": _list_app_authorizations,
    "UpdateAppAuthorization": _update_app_authorization,
    "DeleteAppAuthorization": _delete_app_authorization,
    "ConnectAppAuthorization": _connect_app_authorization,
    "TagResource": _tag_resource,
    "UntagResource": _untag_resource,
    "ListTagsForResource": _list_tags_for_resource,
}
NOT_IMPLEMENTED = sorted(set(MODEL.operation_names) - set(IMPLEMENTED))


def _assert_modeled_output(operation: str, status: int, body: bytes) -> None:
    model = MODEL.operation_model(operation)
    assert status == model.http.get("responseCode", 200), operation
    if status == 204:
        assert body == b"", operation
        return
    value = json.loads(body)
    assert model.output_shape is not None
    report = ParamValidator().validate(value, model.output_shape)
    assert not report.has_errors(), (operation, report.generate_report())
    assert violations(model.output_shape, value) == [], operation


@pytest.mark.parametrize("operation", sorted(IMPLEMENTED))
def test_implemented_operation_answers_its_modeled_status_and_output(
    operation: str, appfabric: AppFabricClient, emulator_control: EmulatorControl
) -> None:
    assert operation in MODEL.operation_names
    with capture(appfabric) as captured:
        IMPLEMENTED[operation](appfabric, emulator_control)
    assert captured.responses[-1][0] == operation
    for name, status, body in captured.responses:
        _assert_modeled_output(name, status, body)


def _example(shape: Shape) -> Any:
    """A value of `shape` with its required members only (client-side validation is off)."""
    if isinstance(shape, StructureShape):
        names = shape.required_members or list(shape.members)[:1]
        return {name: _example(shape.members[name]) for name in names}
    examples: dict[str, Any] = {
        "list": [],
        "map": {},
        "integer": 1,
        "long": 1,
        "boolean": False,
        "timestamp": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    }
    if shape.type_name in examples:
        return examples[shape.type_name]
    return shape.enum[0] if shape.enum else str(uuid.uuid4())  # type: ignore[attr-defined]


@pytest.mark.parametrize("operation", NOT_IMPLEMENTED)
def test_operation_the_emulator_does_not_implement_is_an_unknown_operation(
    operation: str, appfabric_factory: Factory, emulator_control: EmulatorControl
) -> None:
    client = appfabric_factory(parameter_validation=False)
    call = getattr(client, xform_name(operation))
    shape = MODEL.operation_model(operation).input_shape
    assert shape is not None
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        call(**_example(shape))
    assert error(excinfo)["reason"] == "unknownOperation"
    assert error(excinfo)["message"] == (
        f"Operation {operation} is not supported by the AppFabric emulator"
    )
    assert emulator_control.calls() == {operation: 1}


def _access_denied(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    client = factory(signature_version=botocore.UNSIGNED)
    return client, client.list_app_bundles


def _conflict(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    client = factory()
    bundle, _ = _authorization(client)
    return client, lambda: client.delete_app_bundle(appBundleIdentifier=bundle)


def _internal_server(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    control.set_faults(error_rate=1.0)
    client = factory(max_attempts=1)
    return client, client.list_app_bundles


def _not_found(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    client = factory()
    return client, lambda: client.get_app_bundle(appBundleIdentifier=str(uuid.uuid4()))


def _quota_exceeded(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    client = factory()
    seed_bundle(client)
    return client, client.create_app_bundle


def _throttling(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    control.set_faults(throttle_rate=1.0)
    client = factory(max_attempts=1)
    return client, client.list_app_bundles


def _validation(factory: Factory, control: EmulatorControl) -> tuple[AppFabricClient, Any]:
    client = factory(parameter_validation=False)
    return client, lambda: client.list_app_bundles(maxResults=1000)


PROVOKE: dict[str, Provoke] = {
    "AccessDeniedException": _access_denied,
    "ConflictException": _conflict,
    "InternalServerException": _internal_server,
    "ResourceNotFoundException": _not_found,
    "ServiceQuotaExceededException": _quota_exceeded,
    "ThrottlingException": _throttling,
    "ValidationException": _validation,
}


@pytest.mark.parametrize("code", sorted(shape.name for shape in MODEL.error_shapes))
def test_each_modeled_error_parses_in_boto3_as_its_exception_class_with_its_members(
    code: str, appfabric_factory: Factory, emulator_control: EmulatorControl
) -> None:
    client, call = PROVOKE[code](appfabric_factory, emulator_control)
    with pytest.raises(ClientError) as excinfo:
        call()
    assert type(excinfo.value) is getattr(client.exceptions, code)
    shape = MODEL.shape_for(code)
    assert isinstance(shape, StructureShape)
    response: dict[str, Any] = dict(excinfo.value.response)
    assert (
        response["ResponseMetadata"]["HTTPStatusCode"]
        == (shape.metadata["error"]["httpStatusCode"])
    )
    members = {name: response[name] for name in shape.members if name in response}
    report = ParamValidator().validate(members, shape)
    assert not report.has_errors(), (code, report.generate_report())
    assert violations(shape, members) == [], code


def test_timestamps_are_serialized_in_the_model_timestamp_format(
    appfabric: AppFabricClient, oauth2_authorization: AppAuthorizationTypeDef, bundle_arn: str
) -> None:
    assert MODEL.shape_for("DateTime").serialization["timestampFormat"] == "iso8601"
    with capture(appfabric) as captured:
        appfabric.get_app_authorization(**ids_of(bundle_arn, oauth2_authorization))
    auth = json.loads(captured.responses[0][2])["appAuthorization"]
    for member in ("createdAt", "updatedAt"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", auth[member])
