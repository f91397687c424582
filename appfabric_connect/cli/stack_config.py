"""The stack config ``authorize`` writes to: which ``connections`` entry (via the Pulumi CLI)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..aws import arn
from .errors import CliError
from .pulumi_runner import PulumiCli, PulumiCliError

CONNECTIONS_KEY = "connections"
_T = TypeVar("_T")


@dataclass(frozen=True)
class ConfigTarget:
    """Where the code (and the redirect URI, for a ``connections`` entry) goes."""

    code_path: str
    redirect_path: str | None = None
    configured_redirect_uri: str | None = None
    label: str = ""


def pulumi_call(what: Callable[[], _T], secret: str | None = None) -> _T:
    """Runs a Pulumi CLI call; a failure becomes one CliError line that never holds ``secret``."""
    try:
        return what()
    except FileNotFoundError:
        raise CliError(
            "the Pulumi CLI (`pulumi`) is not on PATH: install it "
            "(https://www.pulumi.com/docs/install/) or add it to PATH"
        ) from None
    except PulumiCliError as error:
        raise _failure(error, secret) from None


def _failure(error: PulumiCliError, secret: str | None = None) -> CliError:
    lines = [line.strip() for line in (error.stderr or error.stdout or "").splitlines()]
    last = next((line for line in reversed(lines) if line), f"exit code {error.returncode}")
    message = f"`pulumi {' '.join(error.args_[:2])}` failed: {last}"
    return CliError(message.replace(secret, "***") if secret else message)


def stack_settings(cli: PulumiCli) -> dict[str, str]:
    """The stack's plain (non-secret) config values by full key, e.g. ``aws:region``."""
    result = pulumi_call(lambda: cli.run("config", "--json"))
    try:
        config = json.loads(result.stdout or "{}")
    except ValueError:
        raise CliError("`pulumi config --json` did not print JSON") from None
    plain = {key: entry for key, entry in config.items() if isinstance(entry, dict)}
    return {
        key: entry["value"]
        for key, entry in plain.items()
        if not entry.get("secret") and isinstance(entry.get("value"), str)
    }


def connections(cli: PulumiCli) -> list[Any]:
    """The ``connections`` list of the stack config (codes dropped at once); [] if unset."""
    args = ("config", "get", CONNECTIONS_KEY, "--json")
    result = pulumi_call(lambda: cli.run(*args, check=False))
    if result.returncode != 0:
        if "not found" in (result.stderr or ""):
            return []
        raise _failure(PulumiCliError(args, result))
    try:
        parsed = json.loads(result.stdout)
        value = parsed["objectValue"] if "objectValue" in parsed else json.loads(parsed["value"])
    except (ValueError, KeyError, TypeError):
        raise CliError(f"config `{CONNECTIONS_KEY}` is not a JSON list") from None
    if not isinstance(value, list):
        raise CliError(f"config `{CONNECTIONS_KEY}` must be a list, got {type(value).__name__}")
    return [_plain(entry) for entry in value]


def _plain(entry: Any) -> Any:
    """Only what finding the entry needs: codes and other secrets are not ours to hold on to."""
    if not isinstance(entry, dict):
        return entry
    kept = {key: entry[key] for key in ("name", "app_authorization_identifier") if key in entry}
    auth_request = entry.get("auth_request")
    if isinstance(auth_request, dict) and "redirect_uri" in auth_request:
        kept["auth_request"] = {"redirect_uri": auth_request["redirect_uri"]}
    return kept


def find_connection(entries: list[Any], authorization: str, name: str | None) -> ConfigTarget:
    """The entry named ``name``, or else the one whose app_authorization_identifier matches."""
    uuid = arn.authorization_uuid(authorization)
    matches: list[tuple[int, dict[str, Any]]] = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        configured = entry.get("app_authorization_identifier")
        same = isinstance(configured, str) and arn.authorization_uuid(configured) == uuid
        if name is not None and entry.get("name") == name:
            if isinstance(configured, str) and not same:
                raise CliError(
                    f"config `{CONNECTIONS_KEY}[{index}]` ({name}) is for app authorization "
                    f"{configured}, not {authorization}"
                )
            matches.append((index, entry))
        elif name is None and same:
            matches.append((index, entry))
    if not matches:
        wanted = f"named {name!r}" if name else f"for app authorization {authorization}"
        raise CliError(
            f"no entry of config `{CONNECTIONS_KEY}` {wanted}: add one (name, "
            "app_bundle_identifier, app_authorization_identifier) or give the config key of the "
            "code with --config-path"
        )
    if len(matches) > 1:
        names = ", ".join(str(entry.get("name")) for _, entry in matches)
        raise CliError(
            f"several entries of config `{CONNECTIONS_KEY}` are for {authorization} ({names}): "
            "choose one with --connection NAME"
        )
    index, entry = matches[0]
    auth_request = entry.get("auth_request")
    redirect = auth_request.get("redirect_uri") if isinstance(auth_request, dict) else None
    base = f"{CONNECTIONS_KEY}[{index}].auth_request"
    return ConfigTarget(
        code_path=f"{base}.code",
        redirect_path=f"{base}.redirect_uri",
        configured_redirect_uri=redirect if isinstance(redirect, str) else None,
        label=f"{CONNECTIONS_KEY}[{index}] ({entry.get('name')})",
    )
