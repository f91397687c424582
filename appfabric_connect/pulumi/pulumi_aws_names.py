"""pulumi-aws's names for the resource's inputs, as a Pulumi program may give them to check."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..problems import Problem
from ..quoting import quoted
from ..schema import AWS_ALIASES, INPUTS, by_name


def pulumi_aws_names(news: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """``news`` without pulumi-aws's names of our inputs (``app_bundle_arn``, ``timeouts``), and
    a problem for each one given: they reach check only when the resource could not map them
    onto ours."""
    found: list[Problem] = []
    for alias, ours in AWS_ALIASES.items():
        if news.get(alias) is None:
            continue
        name = by_name(INPUTS)[ours].aws_name
        path = tuple(name.split("."))
        if news.get(ours) is not None:
            found.append(Problem(path, f"{name} and {ours} are the same input: give one"))
        elif alias == "timeouts":
            create = news[alias].get("create") if isinstance(news[alias], Mapping) else None
            found.append(
                Problem(path, f"must be a Go duration such as 30m or 1h30m, got {quoted(create)}")
            )
        else:
            found.append(Problem(path, f"is pulumi-aws's name for {ours}: give {ours} instead"))
    return {key: value for key, value in news.items() if key not in AWS_ALIASES}, found
