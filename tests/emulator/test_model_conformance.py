"""The emulator against botocore's AppFabric model: routes, status codes, output and errors."""

from __future__ import annotations

import json
import re

import botocore.session
import pytest
from botocore.validate import ParamValidator

from appfabric_connect.emulator import service_model
from appfabric_connect.emulator.models import AppFabricBackend
from appfabric_connect.emulator.responses import AppFabricResponse
from appfabric_connect.emulator.urls import match_route, routes

from .helpers import CONSOLE_REDIRECT, capture, raw

MODEL = botocore.session.get_session().get_service_model("appfabric")
REQUIRED_OPERATIONS = {
    "CreateAppBundle",
    "GetAppBundle",
    "ListAppBundles",
    "DeleteAppBundle",
    "CreateAppAuthorization",
    "GetAppAuthorization",
    "ListAppAuthorizations",
    "UpdateAppAuthorization",
    "DeleteAppAuthorization",
    "ConnectAppAuthorization",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
}


def _example_path(uri: str) -> str:
    return re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", uri.split("?")[0])


def test_route_table_has_every_modeled_operation_with_its_method_and_uri():
    table = {r.operation: (r.method, r.uri, r.response_code) for r in routes()}
    expected = {
        name: (
            MODEL.operation_model(name).http["method"],
            MODEL.operation_model(name).http["requestUri"],
            MODEL.operation_model(name).http.get("responseCode", 200),
        )
        for name in MODEL.operation_names
    }
    assert table == expected


@pytest.mark.parametrize("operation", MODEL.operation_names)
def test_each_modeled_request_line_routes_to_its_operation(operation):
    http = MODEL.operation_model(operation).http
    matched = match_route(http["method"], _example_path(http["requestUri"]))
    assert matched is not None
    assert matched[0].operation == operation


def test_every_required_operation_is_implemented_and_only_modeled_ones_are():
    handlers = AppFabricResponse(AppFabricBackend())
    implemented = {name for name in MODEL.operation_names if handlers.handler(name) is not None}
    assert implemented >= REQUIRED_OPERATIONS
    assert implemented <= set(MODEL.operation_names)


def _check_output(operation: str, status: int, body: bytes) -> None:
    op = MODEL.operation_model(operation)
    assert status == op.http.get("responseCode", 200), operation
    if status == 204:
        assert body == b""
        return
    value = json.loads(body)
    report = ParamValidator().validate(value, op.output_shape)
    assert not report.has_errors(), (operation, report.generate_report())
    assert service_model.validate(op.output_shape, value) == [], operation


def test_every_implemented_operation_answers_what_the_model_says(
    appfabric, emulator_control, bundle_arn
):
    with capture(appfabric) as captured:
        bundle = appfabric.get_app_bundle(appBundleIdentifier=bundle_arn)["appBundle"]["arn"]
        appfabric.list_app_bundles()
        oauth = appfabric.create_app_authorization(
            appBundleIdentifier=bundle,
            app="SLACK",
            authType="oauth2",
            credential={"oauth2Credential": {"clientId": "c", "clientSecret": "s"}},
            tenant={"tenantIdentifier": "t", "tenantDisplayName": "T"},
            tags=[{"key": "k", "value": "v"}],
        )["appAuthorization"]
        ids = {
            "appBundleIdentifier": bundle,
            "appAuthorizationIdentifier": oauth["appAuthorizationArn"],
        }
        appfabric.get_app_authorization(**ids)
        appfabric.list_app_authorizations(appBundleIdentifier=bundle, maxResults=1)
        code = emulator_control.obtain_code(oauth["authUrl"])
        appfabric.connect_app_authorization(
            **ids, authRequest={"redirectUri": CONSOLE_REDIRECT, "code": code}
        )
        appfabric.update_app_authorization(
            **ids, tenant={"tenantIdentifier": "u", "tenantDisplayName": "U"}
        )
        appfabric.tag_resource(resourceArn=bundle, tags=[{"key": "a", "value": "b"}])
        appfabric.list_tags_for_resource(resourceArn=bundle)
        appfabric.untag_resource(resourceArn=bundle, tagKeys=["a"])
        appfabric.delete_app_authorization(**ids)
        appfabric.delete_app_bundle(appBundleIdentifier=bundle)
        appfabric.create_app_bundle()
    seen = {name for name, _, _ in captured.responses}
    assert seen == REQUIRED_OPERATIONS
    for name, status, body in captured.responses:
        _check_output(name, status, body)


def test_timestamps_are_serialized_in_the_model_timestamp_format(
    appfabric, oauth2_authorization, bundle_arn
):
    assert MODEL.shape_for("DateTime").serialization["timestampFormat"] == "iso8601"
    with capture(appfabric) as captured:
        appfabric.get_app_authorization(
            appBundleIdentifier=bundle_arn,
            appAuthorizationIdentifier=oauth2_authorization["appAuthorizationArn"],
        )
    auth = json.loads(captured.responses[0][2])["appAuthorization"]
    for member in ("createdAt", "updatedAt"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", auth[member])


def _errors(
    appfabric_factory, emulator_control, bundle_arn, make_authorization
) -> dict[str, tuple[int, dict, bytes]]:
    url = emulator_control.url
    make_authorization("apiKey", "ASANA")
    bundle_id = bundle_arn.rsplit("/", 1)[1]
    missing = "00000000-0000-4000-8000-000000000000"
    found = {
        "AccessDeniedException": raw(url, "GET", "/appbundles", region=None),
        "ValidationException": raw(url, "GET", "/appbundles/nope"),
        "ResourceNotFoundException": raw(url, "GET", f"/appbundles/{missing}"),
        "ConflictException": raw(url, "DELETE", f"/appbundles/{bundle_id}"),
        "ServiceQuotaExceededException": raw(url, "POST", "/appbundles", body={}),
    }
    emulator_control.set_faults(throttle_rate=1.0)
    found["ThrottlingException"] = raw(url, "GET", "/appbundles")
    emulator_control.set_faults(throttle_rate=0.0, error_rate=1.0)
    found["InternalServerException"] = raw(url, "GET", "/appbundles")
    return found


def test_every_modeled_error_has_its_status_header_and_members(
    appfabric_factory, emulator_control, bundle_arn, make_authorization
):
    found = _errors(appfabric_factory, emulator_control, bundle_arn, make_authorization)
    assert set(found) == {shape.name for shape in MODEL.error_shapes}
    for name, (status, headers, body) in found.items():
        shape = MODEL.shape_for(name)
        assert status == shape.metadata["error"]["httpStatusCode"], name
        assert headers["x-amzn-errortype"] == name
        value = json.loads(body)
        report = ParamValidator().validate(value, shape)
        assert not report.has_errors(), (name, report.generate_report())
        header_members = {
            member.serialization["name"].lower()
            for member in shape.members.values()
            if member.serialization.get("location") == "header"
        }
        assert header_members <= set(headers), name
