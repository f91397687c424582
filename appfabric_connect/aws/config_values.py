"""Typed values of AWS settings: objects, lists, booleans, accounts, durations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..durations import role_duration_seconds
from ..problems import Path, Problem, Spelling
from ..quoting import quoted
from .settings import Secret


class Reader:
    """Reads one mapping of AWS settings by the schema's names, collecting problems, which
    name settings as the front end spells them."""

    def __init__(self, values: Mapping[str, Any], spelling: Spelling) -> None:
        self.values = values
        self.spelling = spelling
        self.problems: list[Problem] = []

    def name(self, *path: str | int) -> str:
        """``path`` as the user wrote it: ``aws:assumeRoles[0]`` or ``assume_role[0]``."""
        return self.spelling(path)

    def fail(self, path: Path | str, reason: str) -> None:
        where = (path,) if isinstance(path, str) else path
        self.problems.append(Problem(where, reason, setting=True))

    def raw(self, key: str) -> Any:
        """``key``'s value; an empty string is not given."""
        value = self.values.get(key)
        return None if value == "" else value

    def string(self, key: Path | str, value: Any = None, *, given: bool = False) -> str | None:
        value = value if given else self.raw(str(key))
        if value is None or isinstance(value, str):
            return value
        self.fail(key, f"must be a string, got {quoted(value)}")
        return None

    def boolean(self, key: str) -> bool | None:
        value = self.raw(key)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        self.fail(key, f"must be true or false, got {quoted(value)}")
        return None

    def integer(self, key: str) -> int | None:
        value = self.raw(key)
        if value is None:
            return None
        try:
            number = int(str(value))
        except ValueError:
            number = 0
        if number <= 0:
            self.fail(key, f"must be a positive whole number, got {quoted(value)}")
            return None
        return number

    def strings(
        self, key: Path | str, value: Any = None, *, given: bool = False
    ) -> tuple[str, ...]:
        value = value if given else self.raw(str(key))
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            self.fail(key, f"must be a list of strings, got {quoted(value)}")
            return ()
        return tuple(str(v) for v in value)

    def accounts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        # Pulumi quirk: `pulumi config set --path 'aws:allowedAccountIds[0]' 012345678901`
        # stores a number, so its leading zeros are lost on the way: pad numbers back.
        if isinstance(value, list):
            value = [str(v).zfill(12) if isinstance(v, int) else v for v in value]
        ids = self.strings(key, value, given=True)
        for account in ids:
            if not re.fullmatch(r"\d{12}", account):
                self.fail(key, f"must hold 12-digit AWS account IDs, got {quoted(account)}")
        return ids

    def secret(self, key: str) -> Secret | None:
        value = self.values.get(key)  # as given: a key is never JSON, nor shown
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(key, "must be a string")
            return None
        return Secret(value)

    def duration(self, key: Path, value: Any) -> int | None:
        """A Go duration ("1h", "15m", "3600s", "1h30m"), between 15 minutes and 12 hours."""
        if value is None or value == "":
            return None
        seconds = role_duration_seconds(str(value))
        if seconds is not None:
            return seconds
        self.fail(key, f'must be a duration between 15m and 12h such as "1h", got {quoted(value)}')
        return None
