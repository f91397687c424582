"""What the core reports: a failure (what failed, which property, a remedy as data), a problem."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from ..aws.failures import Hints


class Action(enum.Enum):
    """What the user has to do, whatever front end words it."""

    NEW_CODE = "new_code"  # approve the app at auth_url, set the code as property_name, apply
    FIX_STATUS = "fix_status"  # what `status` asks of an authorization of `auth_type`, then apply
    WAIT_LONGER = "wait_longer"  # raise property_name (the timeout) or check the app, apply again
    SET_REGION = "set_region"  # set property_name (the region) or `setting`, or AWS_REGION


@dataclass(frozen=True)
class Remedy:
    """What to do about a failure, as data: each front end renders it in its own words."""

    action: Action
    property_name: str | None = None  # the input the user sets, e.g. ``auth_request.code``
    setting: str | None = None  # the provider setting that would do, e.g. ``aws:region``
    auth_url: str | None = None  # where the app is approved (oauth2)
    status: str | None = None  # FIX_STATUS: the authorization's status
    auth_type: str | None = None  # FIX_STATUS: oauth2 or apiKey
    bundle: str | None = None  # NEW_CODE: the bundle's UUID, for the authorize command
    authorization: str | None = None  # NEW_CODE: the authorization's UUID, likewise


class Words(Protocol):
    """How a front end says what to do: a remedy, where each AWS setting is set, its name for
    what declares a connection (``stack``) and for each input."""

    @property
    def stack(self) -> str: ...

    def remedy(self, remedy: Remedy) -> str: ...

    def hints(self, setting_prefix: str) -> Hints: ...

    def input_name(self, name: str) -> str: ...


class Failure(Exception):
    """A connection that could not be made: ``what`` happened, and ``remedy``, to be worded.

    ``str()`` is ``what`` alone; a front end shows ``render(its_words)``.
    """

    def __init__(self, what: str, remedy: Remedy | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.remedy = remedy

    @property
    def property_name(self) -> str | None:
        """The input the remedy asks the user to set, if any."""
        return self.remedy.property_name if self.remedy else None

    def render(self, words: Words) -> str:
        """``what`` and the remedy in ``words``: a new sentence after a period, else a clause."""
        if self.remedy is None:
            return self.what
        todo = words.remedy(self.remedy)
        return f"{self.what} {sentence(todo) if self.what.endswith('.') else todo}"


def sentence(text: str) -> str:
    """``text`` with its first letter capitalized, for a message that starts with it."""
    return text[:1].upper() + text[1:]
