"""`python -m appfabric_connect authorize` on the emulator's consent flow, with a fake Pulumi."""

from __future__ import annotations

import io
import socket
import threading
import time
import urllib.request
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from appfabric_connect.cli.errors import CliError
from appfabric_connect.cli.main import main
from appfabric_connect.cli.pulumi_runner import PulumiCli
from appfabric_connect.cli.stack_config import connections, pulumi_call
from tests.support.appfabric import REDIRECT_URI
from tests.support.browser import browser_redirect, printed_auth_url
from tests.support.cli import Result

from .conftest import FakePulumi

if TYPE_CHECKING:
    from mypy_boto3_appfabric import AppFabricClient
    from mypy_boto3_appfabric.type_defs import AppAuthorizationTypeDef

CODE_KEY = "connections[1].auth_request.code"


def _argv(bundle_arn: str, authorization: AppAuthorizationTypeDef, *extra: str) -> list[str]:
    arn = authorization["appAuthorizationArn"]
    return ["authorize", "--bundle", bundle_arn, "--authorization", arn, *extra]


def _entries(bundle_arn: str, authorization: AppAuthorizationTypeDef, **slack: Any) -> list[Any]:
    return [
        {"name": "asana", "app_bundle_identifier": bundle_arn},
        {
            "name": "slack",
            "app_bundle_identifier": bundle_arn,
            "app_authorization_identifier": authorization["appAuthorizationArn"],
            **slack,
        },
    ]


def _connect(
    appfabric: AppFabricClient, bundle_arn: str, arn: str, redirect_uri: str, code: str
) -> str:
    """Redeems the stored code as `pulumi up` would; returns the authorization's status."""
    answer = appfabric.connect_app_authorization(
        appBundleIdentifier=bundle_arn,
        appAuthorizationIdentifier=arn,
        authRequest={"redirectUri": redirect_uri, "code": code},
    )
    return answer["appAuthorizationSummary"]["status"]


@pytest.fixture
def slack(
    fake_pulumi: FakePulumi, bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> AppAuthorizationTypeDef:
    """An oauth2 SLACK authorization, the second `connections` entry of the fake stack."""
    fake_pulumi.connections = _entries(bundle_arn, oauth2_authorization)
    return oauth2_authorization


def test_authorize_stores_the_code_as_a_secret_at_the_entry_of_the_authorization(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    appfabric: AppFabricClient,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, slack))

    assert result.code == 0, result.err
    stored = fake_pulumi.set_at(CODE_KEY)
    assert stored["secret"] is True
    assert stored["path"] is True
    arn = slack["appAuthorizationArn"]
    assert _connect(appfabric, bundle_arn, arn, REDIRECT_URI, stored["value"]) == "Connected"


def test_authorize_never_prints_the_code(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, slack))

    code = fake_pulumi.set_at(CODE_KEY)["value"]
    assert result.code == 0
    assert code not in result.output
    assert "pulumi up" in result.out


def test_authorize_sets_appfabrics_redirect_uri_when_the_entry_has_none(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    run_cli(*_argv(bundle_arn, slack))

    redirect = fake_pulumi.set_at("connections[1].auth_request.redirect_uri")
    assert redirect == {
        "key": "connections[1].auth_request.redirect_uri",
        "value": REDIRECT_URI,
        "secret": False,
        "path": True,
    }


def test_authorize_sends_the_entrys_redirect_uri_to_the_consent_page_and_keeps_it(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    appfabric: AppFabricClient,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    mine = "https://appfabric.example.com/oauth2/callback"
    fake_pulumi.connections = _entries(
        bundle_arn, oauth2_authorization, auth_request={"redirect_uri": mine}
    )

    result = run_cli(*_argv(bundle_arn, oauth2_authorization))

    assert result.code == 0, result.err
    assert "redirect_uri=https%3A%2F%2Fappfabric.example.com" in printed_auth_url(result.out)
    assert [s["key"] for s in fake_pulumi.sets] == [CODE_KEY]
    code = fake_pulumi.set_at(CODE_KEY)["value"]
    arn = oauth2_authorization["appAuthorizationArn"]
    assert _connect(appfabric, bundle_arn, arn, mine, code) == "Connected"


def test_authorize_adds_a_given_redirect_uri_to_the_auth_url_and_the_entry(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    mine = "https://appfabric.example.com/cb"

    result = run_cli(*_argv(bundle_arn, slack, "--redirect-uri", mine))

    assert result.code == 0, result.err
    assert "redirect_uri=https%3A%2F%2Fappfabric.example.com%2Fcb" in printed_auth_url(result.out)
    assert fake_pulumi.set_at("connections[1].auth_request.redirect_uri")["value"] == mine


def test_authorize_finds_the_entry_by_connection_name(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    fake_pulumi.connections = [
        {"name": "asana"},
        {"name": "slack-eng", "app": "SLACK"},  # e.g. examples/multi-tenant: no identifier yet
    ]

    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--connection", "slack-eng"))

    assert result.code == 0, result.err
    assert fake_pulumi.set_at(CODE_KEY)["secret"]


def test_authorize_stores_the_code_at_an_explicit_config_path(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--config-path", "slackCode"))

    assert result.code == 0, result.err
    assert [(s["key"], s["secret"]) for s in fake_pulumi.sets] == [("slackCode", True)]
    assert f"redirect_uri={REDIRECT_URI}" in result.out


def test_authorize_takes_region_and_endpoint_from_the_stack_config(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    monkeypatch: pytest.MonkeyPatch,
    aws_env: str,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    for name in ("AWS_ENDPOINT_URL_APPFABRIC", "AWS_DEFAULT_REGION", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    fake_pulumi.settings = {"aws:region": "us-east-1", "appfabric-connect:endpoint": aws_env}
    uuids = [
        bundle_arn.rsplit("/", 1)[1],
        slack["appAuthorizationArn"].rsplit("/", 1)[1],
    ]

    result = run_cli("authorize", "--bundle", uuids[0], "--authorization", uuids[1])

    assert result.code == 0, result.err


def test_authorize_rejects_a_redirect_from_another_consent_attempt(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    appfabric: AppFabricClient,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    def stale_tab(_printed: str) -> str:
        earlier = appfabric.get_app_authorization(
            appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=slack["appAuthorizationArn"]
        )["appAuthorization"]["authUrl"]  # a fresh state each read
        return browser_redirect(earlier)

    result = run_cli(*_argv(bundle_arn, slack), paste=stale_tab)

    assert result.code == 1
    assert "`state` does not match" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert fake_pulumi.sets == []


def test_authorize_rejects_a_redirect_without_the_state_it_sent(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    def stripped_state(printed: str) -> str:
        redirect = browser_redirect(printed)
        return redirect.split("&state=")[0].split("?state=")[0]

    result = run_cli(*_argv(bundle_arn, slack), paste=stripped_state)

    assert result.code == 1
    assert "`state` does not match" in result.err
    assert fake_pulumi.sets == []


def test_authorize_rejects_a_project_directory_that_does_not_exist(
    run_cli: Callable[..., Result], bundle_arn: str, slack: AppAuthorizationTypeDef
) -> None:
    result = run_cli(*_argv(bundle_arn, slack), "--cwd", "/nonexistent/project")

    assert result.code == 2
    assert "--cwd /nonexistent/project: no such directory" in result.err


def test_authorize_reports_that_the_app_was_not_approved(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    def denied(_printed: str) -> str:
        return f"{REDIRECT_URI}?error=access_denied&error_description=User+said+no"

    result = run_cli(*_argv(bundle_arn, slack), paste=denied)

    assert result.code == 1
    assert "error=access_denied (User said no)" in result.err
    assert fake_pulumi.sets == []


def test_authorize_asks_for_the_whole_address_when_the_paste_has_no_code(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, slack), paste=lambda _: REDIRECT_URI)

    assert result.code == 1
    assert "no `code` parameter" in result.err


def test_authorize_fails_when_nothing_is_pasted(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, slack), paste=None)

    assert result.code == 1
    assert "no redirect URL was given" in result.err


def test_authorize_refuses_an_api_key_authorization(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    api_key_authorization: AppAuthorizationTypeDef,
) -> None:
    fake_pulumi.connections = _entries(bundle_arn, api_key_authorization)

    result = run_cli(*_argv(bundle_arn, api_key_authorization))

    assert result.code == 1
    assert "uses apiKey: it needs no OAuth code; run `pulumi up`" in result.err


def test_authorize_fails_when_no_connections_entry_is_for_the_authorization(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    fake_pulumi.connections = [{"name": "asana"}]

    result = run_cli(*_argv(bundle_arn, oauth2_authorization))

    assert result.code == 1
    assert "no entry of config `connections` for app authorization" in result.err
    assert "--config-path" in result.err


def test_authorize_fails_when_the_stack_has_no_connections(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--connection", "slack"))

    assert result.code == 1
    assert "no entry of config `connections` named 'slack'" in result.err


def test_authorize_fails_when_the_named_entry_is_for_another_authorization(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
    make_authorization: Callable[..., AppAuthorizationTypeDef],
) -> None:
    other = make_authorization("oauth2", "OKTA")

    result = run_cli(*_argv(bundle_arn, other, "--connection", "slack"))

    assert result.code == 1
    assert "connections[1]` (slack) is for app authorization" in result.err


def test_authorize_reports_an_unknown_authorization_in_one_line(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
    appfabric: AppFabricClient,
) -> None:
    appfabric.delete_app_authorization(
        appBundleIdentifier=bundle_arn, appAuthorizationIdentifier=slack["appAuthorizationArn"]
    )

    result = run_cli(*_argv(bundle_arn, slack))

    assert result.code == 1
    assert result.err.startswith(
        "python -m appfabric_connect authorize: error: GetAppAuthorization failed: "
        "ResourceNotFoundException"
    )
    assert len(result.err.strip().splitlines()) == 1


def test_authorize_keeps_the_code_out_of_a_failing_config_set(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    slack = oauth2_authorization
    fake_pulumi.connections = _entries(
        bundle_arn, slack, auth_request={"redirect_uri": REDIRECT_URI}
    )
    fake_pulumi.fail_set_with = "error: cannot set value "  # the fake appends the value

    result = run_cli(*_argv(bundle_arn, slack))

    assert result.code == 1
    assert "`pulumi config set` failed: error: cannot set value ***" in result.err
    assert "Traceback" not in result.err


def test_authorize_fails_in_one_line_when_pulumi_is_not_installed(
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    bundle_arn: str,
    oauth2_authorization: AppAuthorizationTypeDef,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # the real PulumiCli, and no `pulumi` to run

    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--cwd", str(tmp_path)))

    assert result.code == 1
    assert "the Pulumi CLI (`pulumi`) is not on PATH" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_authorize_keeps_no_secret_it_reads_from_the_stack_config(fake_pulumi: FakePulumi) -> None:
    fake_pulumi.connections = [
        {
            "name": "slack",
            "client_secret": "slack-secret",
            "auth_request": {"redirect_uri": REDIRECT_URI, "code": "spent-code"},
        },
        {"name": "asana", "api_key": "asana-token"},
    ]

    assert connections(fake_pulumi) == [  # type: ignore[arg-type]
        {"name": "slack", "auth_request": {"redirect_uri": REDIRECT_URI}},
        {"name": "asana"},
    ]


def test_pulumi_call_scrubs_a_secret_that_pulumi_echoes_in_its_error(tmp_path: Path) -> None:
    echoing = tmp_path / "pulumi"
    echoing.write_text('#!/bin/sh\necho "error: cannot set value $(cat)" >&2\nexit 255\n')
    echoing.chmod(0o755)
    cli = PulumiCli(tmp_path, executable=str(echoing))

    with pytest.raises(CliError) as failure:
        pulumi_call(lambda: cli.config_set("x", "s3cr3t", secret=True), "s3cr3t")

    assert str(failure.value) == "`pulumi config set` failed: error: cannot set value ***"


# --listen ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_authorize_receives_the_redirect_on_the_listen_port(
    fake_pulumi: FakePulumi,
    appfabric: AppFabricClient,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = _free_port()
    # An https redirect URI that a tunnel or reverse proxy forwards to 127.0.0.1:PORT.
    redirect_uri = "https://dev.example.com/appfabric/callback"
    out, err = io.StringIO(), io.StringIO()
    codes: list[int] = []
    argv = _argv(bundle_arn, slack, "--redirect-uri", redirect_uri, "--listen", str(port))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def authorize() -> None:
        with redirect_stdout(out), redirect_stderr(err):
            codes.append(main(argv))

    thread = threading.Thread(target=authorize)
    thread.start()
    deadline = time.monotonic() + 10
    while "Waiting up to" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.02)
    location = urlsplit(browser_redirect(printed_auth_url(out.getvalue())))
    assert f"{location.scheme}://{location.netloc}{location.path}" == redirect_uri
    forwarded = f"http://127.0.0.1:{port}{location.path}?{location.query}"
    with urllib.request.urlopen(forwarded, timeout=10) as page:  # what the tunnel delivers
        assert b"You can close this tab" in page.read()
    thread.join(timeout=10)

    assert codes == [0], err.getvalue()
    code = fake_pulumi.set_at(CODE_KEY)["value"]
    assert code not in out.getvalue() + err.getvalue()
    arn = slack["appAuthorizationArn"]
    assert _connect(appfabric, bundle_arn, arn, redirect_uri, code) == "Connected"


def test_authorize_listen_needs_a_redirect_uri(
    run_cli: Callable[..., Result], bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    result = run_cli(*_argv(bundle_arn, oauth2_authorization, "--listen", "8765"))

    assert result.code == 2
    assert "--listen needs --redirect-uri" in result.err


def test_authorize_listen_rejects_a_local_redirect_uri_on_another_port(
    run_cli: Callable[..., Result], bundle_arn: str, oauth2_authorization: AppAuthorizationTypeDef
) -> None:
    argv = ["--redirect-uri", "http://localhost:9000/cb", "--listen", "8765"]

    result = run_cli(*_argv(bundle_arn, oauth2_authorization, *argv))

    assert result.code == 2
    assert "does not reach --listen port 8765" in result.err


def test_authorize_warns_that_connect_rejects_an_http_redirect_uri(
    run_cli: Callable[..., Result],
    fake_pulumi: FakePulumi,
    bundle_arn: str,
    slack: AppAuthorizationTypeDef,
) -> None:
    result = run_cli(*_argv(bundle_arn, slack, "--redirect-uri", "http://localhost:8765/cb"))

    assert "accepts only https redirect URIs" in result.err


# usage -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["authorize", "--bundle", "b"], "the following arguments are required: --authorization"),
        (
            ["authorize", "--bundle", "nope", "--authorization", "nope"],
            "--bundle must be an AppFabric ARN or a lowercase UUID",
        ),
        (
            [
                "authorize",
                "--bundle",
                "b",
                "--authorization",
                "a",
                "--connection",
                "x",
                "--config-path",
                "y",
            ],
            "not allowed with argument --connection",
        ),
    ],
)
def test_authorize_usage_errors_exit_2_in_one_line(
    run_cli: Callable[..., Result], argv: list[str], expected: str
) -> None:
    result = run_cli(*argv)

    assert result.code == 2
    assert expected in result.err
    assert len(result.err.strip().splitlines()) == 1
