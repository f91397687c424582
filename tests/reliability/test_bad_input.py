"""Bad input: check and diff answer every input with CheckFailures or a DiffResult, offline."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import CheckFailure, DiffResult
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from appfabric_connect import AppAuthorizationConnectionProvider
from appfabric_connect.aws import clients
from appfabric_connect.core.fingerprint import fingerprint
from appfabric_connect.schema import AUTH_REQUEST_NAMES, INPUT_NAMES
from tests.support.appfabric import REDIRECT_URI

BUNDLE = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
OTHER_BUNDLE = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
AUTHORIZATION = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"
BUNDLE_ARN = f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{BUNDLE}"
AUTHORIZATION_ARN = f"{BUNDLE_ARN}/appauthorization/{AUTHORIZATION}"
CODE_MARK = "SeCrEtCoDe"  # every generated code carries it; no failure may show it
REPLACEABLE = {"app_bundle_identifier", "app_authorization_identifier", "region"}

unknown = st.builds(Unknown) | st.just(UNKNOWN)
huge = st.integers(1_000, 5_000).map(lambda n: "ä" * n) | st.just("x" * 3000)
junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.text(alphabet=st.characters(min_codepoint=0x80), max_size=20)
    | st.just("")
    | huge
    | unknown,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=5,
)
identifier = (
    st.sampled_from(
        [
            BUNDLE,
            AUTHORIZATION,
            BUNDLE_ARN,
            AUTHORIZATION_ARN,
            BUNDLE.upper(),
            f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{OTHER_BUNDLE}",
            f"arn:aws:appfabric:us-east-1:123456789012:appbundle/{OTHER_BUNDLE}"
            f"/appauthorization/{AUTHORIZATION}",
            AUTHORIZATION_ARN.replace("us-east-1", "eu-west-1"),  # region mismatch with the bundle
            AUTHORIZATION_ARN.replace("123456789012", "210987654321"),  # account mismatch
            "arn:aws:s3:::my-bucket",
            "arn:aws:iam::123456789012:role/appfabric",
            f"arn:aws:appfabric:moon-1:123456789012:appbundle/{BUNDLE}",
            f"arn:aws:appfabric:us-east-1:12345:appbundle/{BUNDLE}",
            "arn:",
            "not-an-identifier",
        ]
    )
    | junk
)
redirect_uri = (
    st.sampled_from(
        [
            REDIRECT_URI,
            REDIRECT_URI.replace("https://", "http://"),
            "http://localhost:8080/callback",
            "ftp://example.com/",
            "https://",
            "https://例え.jp/コールバック",
            "https://example.com/" + "a" * 1100,
        ]
    )
    | junk
)
code = (
    st.text(max_size=40).map(lambda s: CODE_MARK + s)
    | st.integers(2_100, 4_000).map(lambda n: CODE_MARK + "c" * n)
    | st.just("")
    | junk.filter(lambda v: not isinstance(v, str))
)
auth_request = junk | st.fixed_dictionaries(
    {},
    optional={
        "redirect_uri": redirect_uri,
        "code": code,
        "redirect_url": redirect_uri,  # a typo
        "state": junk,
    },
)
region = st.sampled_from(["us-east-1", "eu-west-1", "US-EAST-1", "moon", ""]) | junk
connect_timeout = (
    st.sampled_from([0, -1, 0.001, 30, 86_400, 86_401, 1e308, float("nan"), float("inf"), True])
    | junk
)
known_inputs = st.fixed_dictionaries(
    {},
    optional={
        "app_bundle_identifier": identifier,
        "app_authorization_identifier": identifier,
        "auth_request": auth_request,
        "region": region,
        "connect_timeout": connect_timeout,
    },
)
extra_inputs = st.dictionaries(
    st.sampled_from(["app_bundle_identifer", "authRequest", "code", "status", "région", "x" * 300])
    | st.text(min_size=1, max_size=12),
    junk,
    max_size=2,
).map(lambda d: {k: v for k, v in d.items() if k not in INPUT_NAMES and k != "__provider"})
news_strategy = st.builds(lambda known, extra: {**extra, **known}, known_inputs, extra_inputs)


def real_outputs(status: str, auth_type: str) -> dict[str, Any]:
    """Outputs shaped like create's (what the engine passes to diff as olds)."""
    return {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN,
        "region": "us-east-1",
        "app_authorization_arn": AUTHORIZATION_ARN,
        "app_bundle_arn": BUNDLE_ARN,
        "app": "SLACK" if auth_type == "oauth2" else "ASANA",
        "tenant": {"tenant_identifier": "T0123", "tenant_display_name": "Acme"},
        "status": status,
        "updated_at": "2026-11-28T12:00:00+00:00",
        "created_at": "2026-11-28T11:00:00+00:00",
        "auth_type": auth_type,
        "persona": "admin",
        "auth_url": None if status == "Connected" else "https://slack.com/oauth?state=1",
        "code_fingerprint": fingerprint(CODE_MARK + "old") if auth_type == "oauth2" else None,
    }


olds_strategy = st.builds(
    real_outputs,
    st.sampled_from(["Connected", "PendingConnect", "TokenAutoRotationFailed"]),
    st.sampled_from(["oauth2", "apiKey"]),
)


@pytest.fixture(scope="module")
def offline() -> Any:
    """No AWS client may be made (so no API call), whatever check and diff are given."""

    def no_client(*_: Any) -> Any:
        raise AssertionError("check and diff must not call AWS")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clients, "client", no_client)
        patch.setenv("AWS_DEFAULT_REGION", "us-east-1")
        patch.setenv("AWS_ACCESS_KEY_ID", "AKIAOFFLINE")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "offline-secret")
        patch.delenv("AWS_PROFILE", raising=False)
        yield


def allowed_properties(news: dict[str, Any]) -> set[str]:
    names = set(INPUT_NAMES) | {f"auth_request.{field}" for field in AUTH_REQUEST_NAMES}
    names |= {_as_shown(name) for name in news}
    request = news.get("auth_request")
    if isinstance(request, dict):
        names |= {f"auth_request.{_as_shown(name)}" for name in request}
    return names


def _as_shown(name: str) -> str:
    """A property name as check names it: an unknown one is cut to its first 80 characters."""
    return name if len(name) <= 80 else f"{name[:80]}…"


CORPUS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_check_answers_any_input_with_check_failures_naming_a_property(offline: None) -> None:
    cases: list[int] = []

    @CORPUS
    @given(news=news_strategy, olds=olds_strategy)
    def check(news: dict[str, Any], olds: dict[str, Any]) -> None:
        cases.append(1)
        result = AppAuthorizationConnectionProvider().check(olds, {**news, "__provider": "blob"})
        allowed = allowed_properties(news)
        for failure in result.failures or []:
            assert isinstance(failure, CheckFailure)
            assert failure.property in allowed, failure
            assert isinstance(failure.reason, str)
            assert failure.reason
            assert "\n" not in failure.reason
            assert CODE_MARK not in failure.reason, "a failure shows the OAuth code"

    check()
    assert len(cases) >= 200


def test_diff_answers_any_input_without_an_exception(offline: None) -> None:
    cases: list[int] = []

    @CORPUS
    @given(news=news_strategy, olds=olds_strategy)
    def diff(news: dict[str, Any], olds: dict[str, Any]) -> None:
        cases.append(1)
        result = AppAuthorizationConnectionProvider().diff(AUTHORIZATION_ARN, olds, news)
        assert isinstance(result, DiffResult)
        assert isinstance(result.changes, bool)
        assert set(result.replaces or []) <= REPLACEABLE

    diff()
    assert len(cases) >= 200


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("app_bundle_identifer", "app_bundle_identifier"),
        ("appAuthorizationIdentifier", "app_authorization_identifier"),
        ("connect_timout", "connect_timeout"),
    ],
)
def test_check_rejects_an_unknown_extra_input_and_suggests_the_known_one(
    offline: None, typo: str, meant: str
) -> None:
    news = {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN,
        typo: "value",
    }
    failures = AppAuthorizationConnectionProvider().check({}, news).failures or []
    assert [(f.property, f.reason) for f in failures] == [
        (typo, f"is not a known property; did you mean '{meant}'?")
    ]


def test_check_rejects_an_unknown_auth_request_field(offline: None) -> None:
    news = {
        "app_bundle_identifier": BUNDLE_ARN,
        "app_authorization_identifier": AUTHORIZATION_ARN,
        "auth_request": {"redirect_url": "https://example.com/cb", "code": "c0de"},
    }
    failures = AppAuthorizationConnectionProvider().check({}, news).failures or []
    assert (
        "auth_request.redirect_url",
        "is not a known property; did you mean 'redirect_uri'?",
    ) in [(f.property, f.reason) for f in failures]
