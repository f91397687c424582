"""ValidationException wording: AWS's message for each broken constraint of the model."""

from __future__ import annotations

import pytest

from appfabric_connect.aws.model import Violation
from appfabric_connect.emulator.exceptions import FieldError, ValidationException


@pytest.mark.parametrize(
    ("violation", "message"),
    [
        (Violation("app", "required"), "Member must not be null"),
        (Violation("tenant", "type", "structure"), "Member must be a structure"),
        (Violation("maxResults", "type", "integer"), "Member must be an integer"),
        (Violation("tagKeys", "type", "list"), "Member must be a list"),
        (Violation("credential", "one_member"), "Member must have exactly one member set"),
        (
            Violation("app", "max_length", 255),
            "Member must have length less than or equal to 255",
        ),
        (
            Violation("app", "min_length", 1),
            "Member must have length greater than or equal to 1",
        ),
        (
            Violation("maxResults", "max_value", 100),
            "Member must have value less than or equal to 100",
        ),
        (
            Violation("maxResults", "min_value", 1),
            "Member must have value greater than or equal to 1",
        ),
        (
            Violation("resourceArn", "pattern", "arn:.+"),
            "Member must satisfy regular expression pattern: arn:.+",
        ),
        (
            Violation("authType", "enum", ["oauth2", "apiKey"]),
            "Member must satisfy enum value set: [oauth2, apiKey]",
        ),
    ],
)
def test_each_broken_constraint_has_the_aws_message(violation: Violation, message: str) -> None:
    error = ValidationException.for_violations([violation])
    assert error.field_list == (FieldError(violation.path, message),)
    assert error.message == (
        f"1 validation error detected: Value at '{violation.path}' failed to satisfy "
        f"constraint: {message}"
    )


def test_a_broken_request_body_is_reported_as_body() -> None:
    error = ValidationException.for_violations([Violation("", "type", "structure")])
    assert error.field_list == (FieldError("body", "Member must be a structure"),)


def test_several_broken_constraints_are_counted_and_all_listed() -> None:
    error = ValidationException.for_violations(
        [Violation("app", "required"), Violation("tenant", "required")]
    )
    assert error.message.startswith("2 validation errors detected: ")
    assert [field.name for field in error.field_list] == ["app", "tenant"]
