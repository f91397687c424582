"""``aws:allowedAccountIds`` / ``aws:forbiddenAccountIds``: one GetCallerIdentity per identity."""

from __future__ import annotations

import threading

import botocore.exceptions
import botocore.session

from .identity import ConfigurationError, sts_client
from .settings import AwsSettings

_accounts: dict[AwsSettings, str] = {}
_lock = threading.Lock()


class AccountNotAllowed(ConfigurationError):
    """The credentials belong to an account the stack config rules out."""


def check(settings: AwsSettings, session: botocore.session.Session) -> None:
    """Raises unless the session's account is allowed; asks STS once per process and identity."""
    if not (settings.checks_account or settings.validate_credentials):
        return
    account = account_of(settings, session)
    if settings.allowed_account_ids and account not in settings.allowed_account_ids:
        raise AccountNotAllowed(
            f"AWS account {account} is not in {settings.named('allowed_account_ids')} "
            f"({', '.join(settings.allowed_account_ids)}): no AppFabric call was made."
        )
    if account in settings.forbidden_account_ids:
        raise AccountNotAllowed(
            f"AWS account {account} is in {settings.named('forbidden_account_ids')}: "
            "no AppFabric call was made."
        )


def account_of(settings: AwsSettings, session: botocore.session.Session) -> str:
    key = settings.identity()
    with _lock:
        account = _accounts.get(key)
        if account is None:
            account = _accounts[key] = _caller_account(settings, session)
        return account


def clear_accounts() -> None:
    with _lock:
        _accounts.clear()


def _caller_account(settings: AwsSettings, session: botocore.session.Session) -> str:
    try:
        answer = sts_client(settings, session).get_caller_identity()
    except botocore.exceptions.ClientError as error:
        code = error.response.get("Error", {}).get("Code", "Unknown")
        raise ConfigurationError(
            f"STS GetCallerIdentity refused the AWS credentials: {code}."
        ) from None
    except botocore.exceptions.BotoCoreError as error:
        raise ConfigurationError(f"STS GetCallerIdentity failed: {error}") from None
    return str(answer["Account"])
