"""Emulator state: bundles, authorizations, codes; idempotency, paging and the --state file."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..aws.arn import authorization_uuid, bundle_arn, bundle_uuid
from .codes import CodeStore
from .exceptions import ConflictException, ValidationException

# Inferred: the API reference gives no default page size; the model's maximum is used.
DEFAULT_MAX_RESULTS = 100
STATE_VERSION = 1


@dataclass
class AppBundle:
    uuid: str
    region: str
    account: str
    seq: int
    created_at: float
    customer_managed_key_arn: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def arn(self) -> str:
        return bundle_arn(self.region, self.account, self.uuid)


@dataclass
class AppAuthorization:
    """Credentials are kept only as a SHA-256 digest: never returned, logged or persisted."""

    uuid: str
    bundle_uuid: str
    bundle_arn: str
    seq: int
    app: str
    tenant: dict[str, str]
    auth_type: str
    client_id: str | None
    credential_sha256: str
    status: str
    created_at: float
    updated_at: float
    persona: str = "admin"
    connects_at: float | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def arn(self) -> str:
        return f"{self.bundle_arn}/appauthorization/{self.uuid}"


Record = TypeVar("Record", AppBundle, AppAuthorization)


def sha256(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


class Store:
    """All state behind one lock; saved to the --state file (if any) after each change."""

    def __init__(self, state_file: str | os.PathLike[str] | None = None) -> None:
        self.state_file = Path(state_file) if state_file is not None else None
        self.lock = threading.RLock()
        self.bundles: dict[str, AppBundle] = {}
        self.authorizations: dict[str, AppAuthorization] = {}
        self.codes = CodeStore()
        self._idempotency: dict[str, tuple[str, str]] = {}
        self._seq = 0
        if self.state_file is not None and self.state_file.exists():
            self._load(self.state_file)

    def bundle(self, identifier: str) -> AppBundle | None:
        """The app bundle named by its UUID or its ARN."""
        bundle = self.bundles.get(bundle_uuid(identifier))
        return bundle if bundle is not None and identifier in (bundle.uuid, bundle.arn) else None

    def authorization(self, identifier: str) -> AppAuthorization | None:
        """The app authorization named by its UUID or its ARN."""
        auth = self.authorizations.get(authorization_uuid(identifier))
        return auth if auth is not None and identifier in (auth.uuid, auth.arn) else None

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def replayed(
        self, key: str | None, fingerprint: str, table: Mapping[str, Record]
    ) -> Record | None:
        """The record an earlier call with this idempotency `key` made, if it still exists."""
        known = self._idempotency.get(key) if key is not None else None
        if known is None or known[1] not in table:
            return None
        record = table[known[1]]
        if known[0] != fingerprint:
            # Inferred: reusing a clientToken with different parameters is a conflict.
            raise ConflictException(
                "The client token was already used with different parameters",
                record.arn,
                type(record).__name__,
            )
        return record

    def created(
        self, table: dict[str, Record], record: Record, key: str | None, fingerprint: str
    ) -> Record:
        """Adds a new ``record`` to ``table``, remembered under its idempotency ``key``, and
        saves; a copy of it, for the caller."""
        table[record.uuid] = record
        if key is not None:
            self._idempotency[key] = (fingerprint, record.uuid)
        self.save()
        return dataclasses.replace(record)

    def clear(self) -> None:
        with self.lock:
            self.bundles.clear()
            self.authorizations.clear()
            self.codes.clear()
            self._idempotency.clear()
            self.save()

    def save(self) -> None:
        if self.state_file is None:
            return
        directory = self.state_file.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.state_file.name}.", dir=directory)
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(self._state(), handle, indent=1, sort_keys=True)
            os.replace(tmp, self.state_file)
        except BaseException:
            os.unlink(tmp)
            raise

    def _state(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "seq": self._seq,
            "bundles": [dataclasses.asdict(b) for b in self.bundles.values()],
            "authorizations": [dataclasses.asdict(a) for a in self.authorizations.values()],
            "codes": self.codes.to_json(),
            "idempotency": {key: list(value) for key, value in self._idempotency.items()},
        }

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text())
            if data.get("version") != STATE_VERSION:
                raise ValueError(f"unsupported version {data.get('version')!r}")
            self._seq = int(data["seq"])
            self.bundles = {b["uuid"]: AppBundle(**b) for b in data["bundles"]}
            self.authorizations = {a["uuid"]: AppAuthorization(**a) for a in data["authorizations"]}
            self.codes.load_json(data["codes"])
            self._idempotency = {k: (v[0], v[1]) for k, v in data["idempotency"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"{path}: not a usable emulator state file ({e})") from None


def idempotency_key(region: str, operation: str, client_token: str | None) -> str | None:
    return f"{region}|{operation}|{client_token}" if client_token is not None else None


def page(
    records: list[Record], max_results: int | None, next_token: str | None
) -> tuple[list[Record], str | None]:
    """One page of `records` in creation order, and the token of the next page (or None)."""
    records = sorted(records, key=lambda record: record.seq)
    if next_token is not None:
        after = _decode_token(next_token)
        records = [record for record in records if record.seq > after]
    limit = max_results or DEFAULT_MAX_RESULTS
    first = records[:limit]
    token = _encode_token(first[-1].seq) if len(records) > limit else None
    return [dataclasses.replace(record) for record in first], token


def _encode_token(seq: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": seq}).encode()).decode()


def _decode_token(token: str) -> int:
    try:
        after = json.loads(base64.urlsafe_b64decode(token.encode()))["after"]
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise ValidationException.for_field("nextToken", "Member must be a valid token") from None
    if not isinstance(after, int):
        raise ValidationException.for_field("nextToken", "Member must be a valid token")
    return after
