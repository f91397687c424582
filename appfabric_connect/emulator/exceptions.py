"""AppFabric errors, one class per error shape of the model, and AWS's validation messages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from ..aws.model import Violation

SERVICE_CODE = "appfabric"
_MESSAGES = {
    "required": "Member must not be null",
    "one_member": "Member must have exactly one member set",
    "pattern": "Member must satisfy regular expression pattern: {limit}",
    "min_length": "Member must have length greater than or equal to {limit}",
    "max_length": "Member must have length less than or equal to {limit}",
    "min_value": "Member must have value greater than or equal to {limit}",
    "max_value": "Member must have value less than or equal to {limit}",
}


@dataclass(frozen=True)
class FieldError:
    """One entry of a ValidationException's fieldList."""

    name: str
    message: str


class AppFabricError(Exception):
    """Base of every modeled AppFabric error; `code` is the error shape's name."""

    code: ClassVar[str] = "AppFabricError"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def members(self) -> dict[str, Any]:
        """The error's modeled members, by their wire names."""
        return {"message": self.message}


class ValidationException(AppFabricError):
    code = "ValidationException"

    def __init__(
        self,
        message: str,
        reason: str = "fieldValidationFailed",
        field_list: Iterable[FieldError] = (),
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.field_list = tuple(field_list)

    @classmethod
    def for_fields(cls, errors: Iterable[FieldError]) -> ValidationException:
        errors = list(errors)
        count = len(errors)
        detail = "; ".join(
            f"Value at '{e.name}' failed to satisfy constraint: {e.message}" for e in errors
        )
        plural = "error" if count == 1 else "errors"
        return cls(
            f"{count} validation {plural} detected: {detail}", "fieldValidationFailed", errors
        )

    @classmethod
    def for_field(cls, name: str, message: str) -> ValidationException:
        return cls.for_fields([FieldError(name, message)])

    @classmethod
    def for_violations(cls, violations: Iterable[Violation]) -> ValidationException:
        """AWS's wording for each broken model constraint; values are never echoed."""
        return cls.for_fields(FieldError(v.path or "body", _message(v)) for v in violations)

    def members(self) -> dict[str, Any]:
        out: dict[str, Any] = {"message": self.message, "reason": self.reason}
        if self.field_list:
            out["fieldList"] = [{"name": f.name, "message": f.message} for f in self.field_list]
        return out


class AccessDeniedException(AppFabricError):
    code = "AccessDeniedException"


class _ResourceError(AppFabricError):
    def __init__(self, message: str, resource_id: str, resource_type: str) -> None:
        super().__init__(message)
        self.resource_id = resource_id
        self.resource_type = resource_type

    def members(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "resourceId": self.resource_id,
            "resourceType": self.resource_type,
        }


class ResourceNotFoundException(_ResourceError):
    code = "ResourceNotFoundException"


class ConflictException(_ResourceError):
    code = "ConflictException"


class ServiceQuotaExceededException(_ResourceError):
    code = "ServiceQuotaExceededException"

    def __init__(self, message: str, resource_id: str, resource_type: str, quota_code: str) -> None:
        super().__init__(message, resource_id, resource_type)
        self.quota_code = quota_code

    def members(self) -> dict[str, Any]:
        return {**super().members(), "serviceCode": SERVICE_CODE, "quotaCode": self.quota_code}


class ThrottlingException(AppFabricError):
    code = "ThrottlingException"

    def __init__(self, message: str, quota_code: str, retry_after_seconds: int = 0) -> None:
        super().__init__(message)
        self.quota_code = quota_code
        self.retry_after_seconds = retry_after_seconds

    def members(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "serviceCode": SERVICE_CODE,
            "quotaCode": self.quota_code,
            "retryAfterSeconds": self.retry_after_seconds,
        }


class InternalServerException(AppFabricError):
    code = "InternalServerException"

    def __init__(self, message: str, retry_after_seconds: int = 0) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds

    def members(self) -> dict[str, Any]:
        return {"message": self.message, "retryAfterSeconds": self.retry_after_seconds}


def _message(violation: Violation) -> str:
    limit = violation.limit
    if violation.rule == "type":
        return f"Member must be {'an' if limit == 'integer' else 'a'} {limit}"
    if violation.rule == "enum":
        return f"Member must satisfy enum value set: [{', '.join(limit)}]"
    return _MESSAGES[violation.rule].format(limit=limit)
