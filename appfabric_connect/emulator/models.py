"""In-memory state of the emulated AppFabric service: app bundles, app authorizations, faults."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
import os
import random
import re
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .exceptions import (
    ConflictException,
    FieldError,
    InternalServerException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ThrottlingException,
    ValidationException,
)
from .faults import Faults
from .oauth import CODE_TTL_S, CodeRejected, CodeStore, ConsentError

DEFAULT_ACCOUNT = "123456789012"
MAX_APP_BUNDLES_PER_REGION = 1
MAX_AUTHORIZATIONS_PER_BUNDLE = 50
# Inferred: the API reference gives no default page size; the model's maximum is used.
DEFAULT_MAX_RESULTS = 100
STATE_VERSION = 1

UUID_RE = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")
_UUID = UUID_RE.pattern
ARN_RE = re.compile(
    rf"arn:(?P<partition>[^:]+):appfabric:(?P<region>[^:]+):(?P<account>\d{{12}}):"
    rf"appbundle/(?P<bundle>{_UUID})(?:/appauthorization/(?P<authorization>{_UUID}))?"
)


def partition_for(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _sha256(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


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
        partition = partition_for(self.region)
        return f"arn:{partition}:appfabric:{self.region}:{self.account}:appbundle/{self.uuid}"


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


_T = TypeVar("_T", AppBundle, AppAuthorization)


def _tags(tag_list: Iterable[Mapping[str, str]] | None) -> dict[str, str]:
    return {tag["key"]: tag["value"] for tag in tag_list or ()}


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


def _page(
    items: list[_T], max_results: int | None, next_token: str | None
) -> tuple[list[_T], str | None]:
    items = sorted(items, key=lambda item: item.seq)
    if next_token is not None:
        after = _decode_token(next_token)
        items = [item for item in items if item.seq > after]
    limit = max_results or DEFAULT_MAX_RESULTS
    page = items[:limit]
    token = _encode_token(page[-1].seq) if len(items) > limit else None
    return [dataclasses.replace(item) for item in page], token


class AppFabricBackend:
    """All emulator state behind one lock; optionally saved to a JSON file after each change."""

    def __init__(
        self,
        account: str = DEFAULT_ACCOUNT,
        state_file: str | os.PathLike[str] | None = None,
        code_ttl_s: float = CODE_TTL_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.account = account
        self.state_file = Path(state_file) if state_file is not None else None
        self.code_ttl_s = code_ttl_s
        self.clock = clock
        self._lock = threading.RLock()
        self.bundles: dict[str, AppBundle] = {}
        self.authorizations: dict[str, AppAuthorization] = {}
        self.codes = CodeStore()
        self._idempotency: dict[str, tuple[str, str]] = {}
        self._seq = 0
        self.faults = Faults()
        self.random = random.Random()
        self.calls: Counter[str] = Counter()
        if self.state_file is not None and self.state_file.exists():
            self._load(self.state_file)

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

    def _save(self) -> None:
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

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _settle(self, auth: AppAuthorization) -> AppAuthorization:
        """Finish a delayed connect (control API `connect_delay_s`) once its time has come."""
        if auth.connects_at is not None and self.clock() >= auth.connects_at:
            auth.status, auth.updated_at, auth.connects_at = "Connected", auth.connects_at, None
        return auth

    def _find_bundle(self, region: str, identifier: str) -> AppBundle:
        bundle: AppBundle | None
        if UUID_RE.fullmatch(identifier):
            bundle = self.bundles.get(identifier)
        else:
            parsed = ARN_RE.fullmatch(identifier)
            is_bundle = parsed is not None and parsed["authorization"] is None
            bundle = self.bundles.get(parsed["bundle"]) if parsed and is_bundle else None
            if bundle is not None and bundle.arn != identifier:
                bundle = None
        if bundle is None or bundle.region != region or bundle.account != self.account:
            # Inferred: the resourceType values "AppBundle" and "AppAuthorization".
            raise ResourceNotFoundException(
                f"App bundle {identifier} does not exist", identifier, "AppBundle"
            )
        return bundle

    def _find_authorization(
        self, region: str, bundle_identifier: str, identifier: str
    ) -> AppAuthorization:
        bundle = self._find_bundle(region, bundle_identifier)
        auth: AppAuthorization | None
        if UUID_RE.fullmatch(identifier):
            auth = self.authorizations.get(identifier)
        else:
            parsed = ARN_RE.fullmatch(identifier)
            found = parsed["authorization"] if parsed is not None else None
            auth = self.authorizations.get(found) if found is not None else None
            if auth is not None and auth.arn != identifier:
                auth = None
        if auth is None or auth.bundle_uuid != bundle.uuid:
            raise ResourceNotFoundException(
                f"App authorization {identifier} does not exist in app bundle {bundle.arn}",
                identifier,
                "AppAuthorization",
            )
        return self._settle(auth)

    def _check_idempotency(self, key: str, fingerprint: str, store: Mapping[str, _T]) -> _T | None:
        known = self._idempotency.get(key)
        if known is None or known[1] not in store:
            return None
        resource = store[known[1]]
        if known[0] != fingerprint:
            # Inferred: reusing a clientToken with different parameters is a conflict.
            raise ConflictException(
                "The client token was already used with different parameters",
                resource.arn,
                type(resource).__name__,
            )
        return resource

    def create_app_bundle(
        self,
        region: str,
        client_token: str | None = None,
        customer_managed_key_identifier: str | None = None,
        tags: Iterable[Mapping[str, str]] | None = None,
    ) -> AppBundle:
        tag_map = _tags(tags)
        fingerprint = _sha256([customer_managed_key_identifier, tag_map])
        key = f"{region}|CreateAppBundle|{client_token}"
        with self._lock:
            if client_token is not None:
                existing = self._check_idempotency(key, fingerprint, self.bundles)
                if existing is not None:
                    return dataclasses.replace(existing)
            in_region = [
                b for b in self.bundles.values() if b.region == region and b.account == self.account
            ]
            if len(in_region) >= MAX_APP_BUNDLES_PER_REGION:
                # resourceId/quotaCode values are inferred; the quota itself is documented.
                raise ServiceQuotaExceededException(
                    f"Only {MAX_APP_BUNDLES_PER_REGION} app bundle is allowed per account "
                    f"per Region",
                    in_region[0].arn,
                    "AppBundle",
                    "AppBundlesPerRegion",
                )
            cmk = customer_managed_key_identifier
            if cmk is not None and not cmk.startswith("arn:"):
                cmk = f"arn:{partition_for(region)}:kms:{region}:{self.account}:key/{cmk}"
            bundle = AppBundle(
                uuid=str(uuid.uuid4()),
                region=region,
                account=self.account,
                seq=self._next_seq(),
                created_at=self.clock(),
                customer_managed_key_arn=cmk,
                tags=tag_map,
            )
            self.bundles[bundle.uuid] = bundle
            if client_token is not None:
                self._idempotency[key] = (fingerprint, bundle.uuid)
            self._save()
            return dataclasses.replace(bundle)

    def get_app_bundle(self, region: str, identifier: str) -> AppBundle:
        with self._lock:
            return dataclasses.replace(self._find_bundle(region, identifier))

    def list_app_bundles(
        self, region: str, max_results: int | None = None, next_token: str | None = None
    ) -> tuple[list[AppBundle], str | None]:
        with self._lock:
            mine = [
                b for b in self.bundles.values() if b.region == region and b.account == self.account
            ]
            return _page(mine, max_results, next_token)

    def delete_app_bundle(self, region: str, identifier: str) -> None:
        with self._lock:
            # ResourceNotFoundException is not modeled for DeleteAppBundle; the emulator
            # answers it anyway for an unknown bundle (inferred).
            bundle = self._find_bundle(region, identifier)
            if any(a.bundle_uuid == bundle.uuid for a in self.authorizations.values()):
                raise ConflictException(
                    "The app bundle still has app authorizations; delete them first",
                    bundle.arn,
                    "AppBundle",
                )
            del self.bundles[bundle.uuid]
            self._save()

    @staticmethod
    def _credential(auth_type: str, credential: Mapping[str, Any]) -> tuple[str | None, str]:
        """The clientId (oauth2) and the credential's digest; the union must match authType."""
        member = "oauth2Credential" if auth_type == "oauth2" else "apiKeyCredential"
        if member not in credential:
            # Inferred: a credential of the wrong kind for authType is a validation error.
            raise ValidationException.for_field(
                "credential", f"Member must be {member} for authType {auth_type}"
            )
        client_id = credential[member].get("clientId") if auth_type == "oauth2" else None
        return client_id, _sha256(credential)

    def create_app_authorization(
        self,
        region: str,
        bundle_identifier: str,
        app: str,
        credential: Mapping[str, Any],
        tenant: Mapping[str, str],
        auth_type: str,
        client_token: str | None = None,
        tags: Iterable[Mapping[str, str]] | None = None,
    ) -> AppAuthorization:
        client_id, credential_sha256 = self._credential(auth_type, credential)
        tag_map = _tags(tags)
        with self._lock:
            bundle = self._find_bundle(region, bundle_identifier)
            fingerprint = _sha256([bundle.uuid, app, credential_sha256, tenant, auth_type, tag_map])
            key = f"{region}|CreateAppAuthorization|{client_token}"
            if client_token is not None:
                existing = self._check_idempotency(key, fingerprint, self.authorizations)
                if existing is not None:
                    return dataclasses.replace(self._settle(existing))
            count = sum(a.bundle_uuid == bundle.uuid for a in self.authorizations.values())
            if count >= MAX_AUTHORIZATIONS_PER_BUNDLE:
                raise ServiceQuotaExceededException(
                    f"An app bundle can have at most {MAX_AUTHORIZATIONS_PER_BUNDLE} "
                    f"app authorizations",
                    bundle.arn,
                    "AppBundle",
                    "AppAuthorizationsPerAppBundle",
                )
            now = self.clock()
            auth = AppAuthorization(
                uuid=str(uuid.uuid4()),
                bundle_uuid=bundle.uuid,
                bundle_arn=bundle.arn,
                seq=self._next_seq(),
                app=app,
                tenant=dict(tenant),
                auth_type=auth_type,
                client_id=client_id,
                credential_sha256=credential_sha256,
                status="PendingConnect",
                created_at=now,
                updated_at=now,
                tags=tag_map,
            )
            self.authorizations[auth.uuid] = auth
            if client_token is not None:
                self._idempotency[key] = (fingerprint, auth.uuid)
            self._save()
            return dataclasses.replace(auth)

    def get_app_authorization(
        self, region: str, bundle_identifier: str, identifier: str
    ) -> AppAuthorization:
        with self._lock:
            return dataclasses.replace(
                self._find_authorization(region, bundle_identifier, identifier)
            )

    def list_app_authorizations(
        self,
        region: str,
        bundle_identifier: str,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> tuple[list[AppAuthorization], str | None]:
        with self._lock:
            bundle = self._find_bundle(region, bundle_identifier)
            mine = [
                self._settle(a)
                for a in self.authorizations.values()
                if a.bundle_uuid == bundle.uuid
            ]
            return _page(mine, max_results, next_token)

    def update_app_authorization(
        self,
        region: str,
        bundle_identifier: str,
        identifier: str,
        credential: Mapping[str, Any] | None = None,
        tenant: Mapping[str, str] | None = None,
    ) -> AppAuthorization:
        with self._lock:
            auth = self._find_authorization(region, bundle_identifier, identifier)
            if credential is not None:
                auth.client_id, auth.credential_sha256 = self._credential(
                    auth.auth_type, credential
                )
            if tenant is not None:
                auth.tenant = dict(tenant)
            if auth.status == "Connected" or auth.connects_at is not None:
                auth.status, auth.connects_at = "PendingConnect", None
            auth.updated_at = self.clock()
            self._save()
            return dataclasses.replace(auth)

    def delete_app_authorization(
        self, region: str, bundle_identifier: str, identifier: str
    ) -> None:
        with self._lock:
            auth = self._find_authorization(region, bundle_identifier, identifier)
            del self.authorizations[auth.uuid]
            self.codes.revoke(auth.uuid)
            self._save()

    def connect_app_authorization(
        self,
        region: str,
        bundle_identifier: str,
        identifier: str,
        auth_request: Mapping[str, str] | None = None,
    ) -> AppAuthorization:
        with self._lock:
            auth = self._find_authorization(region, bundle_identifier, identifier)
            now = self.clock()
            if auth.auth_type == "oauth2":
                if auth_request is None:
                    raise ValidationException.for_field(
                        "authRequest", "Member must not be null for an oauth2 app authorization"
                    )
                try:
                    self.codes.redeem(
                        auth_request["code"],
                        auth.uuid,
                        auth.client_id or "",
                        auth_request["redirectUri"],
                        now,
                    )
                except CodeRejected as e:
                    # Inferred: a bad, expired or spent code leaves the authorization
                    # ConnectionValidationFailed — except a replay of a code already presented
                    # to a Connected authorization (a client retrying a Connect it did not see
                    # answered): it is refused, and the working connection is left alone.
                    if not (e.replayed and auth.status == "Connected"):
                        auth.status, auth.connects_at, auth.updated_at = (
                            "ConnectionValidationFailed",
                            None,
                            now,
                        )
                        self._save()
                    raise ValidationException(
                        e.message, "fieldValidationFailed", [FieldError(e.field, e.message)]
                    ) from None
            # apiKey: the key was given at create time; an authRequest is ignored (inferred).
            # A Connected authorization is re-validated and stays Connected (inferred).
            delay = self.faults.connect_delay_s
            if delay > 0:
                auth.status, auth.connects_at = "PendingConnect", now + delay
            else:
                auth.status, auth.connects_at = "Connected", None
            auth.updated_at = now
            self._save()
            return dataclasses.replace(auth)

    def _find_arn(self, region: str, arn: str) -> AppBundle | AppAuthorization:
        parsed = ARN_RE.fullmatch(arn)
        resource: AppBundle | AppAuthorization | None = None
        if parsed is not None:
            if parsed["authorization"] is None:
                resource = self.bundles.get(parsed["bundle"])
            else:
                resource = self.authorizations.get(parsed["authorization"])
        if resource is None or resource.arn != arn or parsed is None or parsed["region"] != region:
            raise ResourceNotFoundException(f"Resource {arn} does not exist", arn, "Resource")
        return resource

    def tag_resource(self, region: str, arn: str, tags: Iterable[Mapping[str, str]]) -> None:
        with self._lock:
            resource = self._find_arn(region, arn)
            resource.tags = {**resource.tags, **_tags(tags)}
            self._save()

    def untag_resource(self, region: str, arn: str, tag_keys: Iterable[str]) -> None:
        with self._lock:
            resource = self._find_arn(region, arn)
            drop = set(tag_keys)
            resource.tags = {k: v for k, v in resource.tags.items() if k not in drop}
            self._save()

    def list_tags_for_resource(self, region: str, arn: str) -> dict[str, str]:
        with self._lock:
            return dict(self._find_arn(region, arn).tags)

    def _consent_authorization(self, authorization: str, client_id: str) -> AppAuthorization:
        auth = self.authorizations.get(authorization)
        if auth is None or auth.auth_type != "oauth2":
            raise ConsentError("invalid_request", "unknown app_authorization")
        if auth.client_id != client_id:
            raise ConsentError("invalid_client", "client_id does not match the app authorization")
        return auth

    def consent_region(self, authorization: str, client_id: str) -> str:
        with self._lock:
            auth = self._consent_authorization(authorization, client_id)
            return self.bundles[auth.bundle_uuid].region

    def issue_code(self, authorization: str, client_id: str, redirect_uri: str) -> str:
        with self._lock:
            auth = self._consent_authorization(authorization, client_id)
            code = self.codes.issue(
                auth.uuid, client_id, redirect_uri, self.clock(), self.code_ttl_s
            )
            self._save()
            return code

    def reset(self) -> None:
        with self._lock:
            self.bundles.clear()
            self.authorizations.clear()
            self.codes.clear()
            self._idempotency.clear()
            self.faults = Faults()
            self.random = random.Random()
            self.calls.clear()
            self._save()

    def set_status(self, identifier: str, status: str) -> AppAuthorization:
        """Force an authorization's status (simulated service-side drift); KeyError if unknown."""
        parsed = ARN_RE.fullmatch(identifier)
        key = parsed["authorization"] if parsed is not None else identifier
        with self._lock:
            auth = self.authorizations.get(key or "")
            if auth is None or (parsed is not None and auth.arn != identifier):
                raise KeyError(identifier)
            auth.status, auth.connects_at, auth.updated_at = status, None, self.clock()
            self._save()
            return dataclasses.replace(auth)

    def set_faults(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.faults = self.faults.updated(changes)
            if "seed" in changes:
                self.random = random.Random(self.faults.seed)
            return self.faults.as_dict()

    def get_faults(self) -> dict[str, Any]:
        with self._lock:
            return self.faults.as_dict()

    def record_call(self, operation: str) -> None:
        with self._lock:
            self.calls[operation] += 1

    def call_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self.calls)

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    def latency_s(self) -> float:
        return self.faults.latency_ms / 1000.0

    def draw_fault(self) -> ThrottlingException | InternalServerException | None:
        """A random throttle or server error per the fault settings (the request is not applied)."""
        with self._lock:
            faults = self.faults
            if faults.throttle_rate > 0 and self.random.random() < faults.throttle_rate:
                # serviceCode/quotaCode values are inferred.
                return ThrottlingException("Rate exceeded", "RequestsPerSecond", 0)
            if faults.error_rate > 0 and self.random.random() < faults.error_rate:
                return InternalServerException("Internal server error (injected fault)", 0)
            return None

    def take_ambiguous_connect(self) -> bool:
        with self._lock:
            if self.faults.ambiguous_connects <= 0:
                return False
            self.faults.ambiguous_connects -= 1
            return True
