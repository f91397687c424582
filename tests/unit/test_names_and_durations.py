"""One conversion between camelCase and snake_case, and one Go-duration parser (pulumi-aws's)."""

from __future__ import annotations

import pytest

from appfabric_connect import schema
from appfabric_connect.durations import go_duration_seconds, role_duration_seconds
from appfabric_connect.naming import camel, snake


@pytest.mark.parametrize(
    "name", [*schema.INPUT_NAMES, *schema.OUTPUT_NAMES, *schema.AWS_CONFIG_NAMES]
)
def test_every_schema_name_goes_to_camel_case_and_back(name: str) -> None:
    assert snake(camel(name)) == name


def test_snake_case_keeps_a_path_s_indexes_and_a_snake_case_name() -> None:
    assert snake("assumeRoles[0].roleArn") == "assume_roles[0].role_arn"
    assert snake("app_bundle_identifier") == "app_bundle_identifier"


def test_a_misspelt_key_keeps_its_letters_in_snake_case() -> None:
    assert snake("Region") == "Region"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30m", 1800), ("1h30m", 5400), ("1.5h", 5400), (".5h", 1800), ("-1m", -60), ("0", 0)],
)
def test_go_durations_parse_as_go_does(text: str, seconds: float) -> None:
    assert go_duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["", "30", "1d", "1h 30m", "h"])
def test_what_go_refuses_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        go_duration_seconds(text)


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("12h", 43200), ("1h30m", 5400), ("3600s", 3600)]
)
def test_a_role_session_lasts_15m_to_12h(text: str, seconds: int) -> None:
    assert role_duration_seconds(text) == seconds


@pytest.mark.parametrize("text", ["14m59s", "12h1s", "5m", "-1h", "an hour"])
def test_a_role_session_outside_15m_to_12h_or_not_a_duration_is_refused(text: str) -> None:
    assert role_duration_seconds(text) is None
