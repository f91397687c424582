"""The 13 AppFabric operations over the store (one module per service, as moto: ~340 lines)."""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..aws.arn import partition_for, region_of
from .codes import CodeRejected
from .exceptions import (
    ConflictException,
    FieldError,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ValidationException,
)
from .faults import Faults
from .store import AppAuthorization, AppBundle, Store, idempotency_key, page, sha256

DEFAULT_ACCOUNT = "123456789012"
MAX_APP_BUNDLES_PER_REGION = 1
MAX_AUTHORIZATIONS_PER_BUNDLE = 50


def _tags(tag_list: Iterable[Mapping[str, str]] | None) -> dict[str, str]:
    return {tag["key"]: tag["value"] for tag in tag_list or ()}


def _credential(auth_type: str, credential: Mapping[str, Any]) -> tuple[str | None, str]:
    """The clientId (oauth2) and the credential's digest; the union must match authType."""
    member = "oauth2Credential" if auth_type == "oauth2" else "apiKeyCredential"
    if member not in credential:
        # Inferred: a credential of the wrong kind for authType is a validation error.
        raise ValidationException.for_field(
            "credential", f"Member must be {member} for authType {auth_type}"
        )
    client_id = credential[member].get("clientId") if auth_type == "oauth2" else None
    return client_id, sha256(credential)


class AppFabricBackend:
    """One account's app bundles and authorizations; each method is one AppFabric operation."""

    def __init__(
        self,
        account: str = DEFAULT_ACCOUNT,
        store: Store | None = None,
        faults: Faults | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.account = account
        self.store = store if store is not None else Store()
        self.faults = faults if faults is not None else Faults()
        self.clock = clock

    def _settle(self, auth: AppAuthorization) -> AppAuthorization:
        """Finish a delayed connect (fault `connect_delay_s`) once its time has come."""
        if auth.connects_at is not None and self.clock() >= auth.connects_at:
            auth.status, auth.updated_at, auth.connects_at = "Connected", auth.connects_at, None
        return auth

    def _find_bundle(self, region: str, identifier: str) -> AppBundle:
        bundle = self.store.bundle(identifier)
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
        auth = self.store.authorization(identifier)
        if auth is None or auth.bundle_uuid != bundle.uuid:
            raise ResourceNotFoundException(
                f"App authorization {identifier} does not exist in app bundle {bundle.arn}",
                identifier,
                "AppAuthorization",
            )
        return self._settle(auth)

    def _find_arn(self, region: str, arn: str) -> AppBundle | AppAuthorization:
        resource = self.store.bundle(arn) or self.store.authorization(arn)
        if resource is None or resource.arn != arn or region_of(arn) != region:
            raise ResourceNotFoundException(f"Resource {arn} does not exist", arn, "Resource")
        return resource

    def _in_region(self, region: str) -> list[AppBundle]:
        bundles = self.store.bundles.values()
        return [b for b in bundles if b.region == region and b.account == self.account]

    def create_app_bundle(
        self,
        region: str,
        client_token: str | None = None,
        customer_managed_key_identifier: str | None = None,
        tags: Iterable[Mapping[str, str]] | None = None,
    ) -> AppBundle:
        store = self.store
        tag_map = _tags(tags)
        fingerprint = sha256([customer_managed_key_identifier, tag_map])
        key = idempotency_key(region, "CreateAppBundle", client_token)
        with store.lock:
            existing = store.replayed(key, fingerprint, store.bundles)
            if existing is not None:
                return dataclasses.replace(existing)
            in_region = self._in_region(region)
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
                seq=store.next_seq(),
                created_at=self.clock(),
                customer_managed_key_arn=cmk,
                tags=tag_map,
            )
            return store.created(store.bundles, bundle, key, fingerprint)

    def get_app_bundle(self, region: str, identifier: str) -> AppBundle:
        with self.store.lock:
            return dataclasses.replace(self._find_bundle(region, identifier))

    def list_app_bundles(
        self, region: str, max_results: int | None = None, next_token: str | None = None
    ) -> tuple[list[AppBundle], str | None]:
        with self.store.lock:
            return page(self._in_region(region), max_results, next_token)

    def delete_app_bundle(self, region: str, identifier: str) -> None:
        store = self.store
        with store.lock:
            # ResourceNotFoundException is not modeled for DeleteAppBundle; the emulator
            # answers it anyway for an unknown bundle (inferred).
            bundle = self._find_bundle(region, identifier)
            if any(a.bundle_uuid == bundle.uuid for a in store.authorizations.values()):
                raise ConflictException(
                    "The app bundle still has app authorizations; delete them first",
                    bundle.arn,
                    "AppBundle",
                )
            del store.bundles[bundle.uuid]
            store.save()

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
        store = self.store
        client_id, credential_sha256 = _credential(auth_type, credential)
        tag_map = _tags(tags)
        with store.lock:
            bundle = self._find_bundle(region, bundle_identifier)
            fingerprint = sha256([bundle.uuid, app, credential_sha256, tenant, auth_type, tag_map])
            key = idempotency_key(region, "CreateAppAuthorization", client_token)
            existing = store.replayed(key, fingerprint, store.authorizations)
            if existing is not None:
                return dataclasses.replace(self._settle(existing))
            count = sum(a.bundle_uuid == bundle.uuid for a in store.authorizations.values())
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
                seq=store.next_seq(),
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
            return store.created(store.authorizations, auth, key, fingerprint)

    def get_app_authorization(
        self, region: str, bundle_identifier: str, identifier: str
    ) -> AppAuthorization:
        with self.store.lock:
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
        with self.store.lock:
            bundle = self._find_bundle(region, bundle_identifier)
            mine = [
                self._settle(a)
                for a in self.store.authorizations.values()
                if a.bundle_uuid == bundle.uuid
            ]
            return page(mine, max_results, next_token)

    def update_app_authorization(
        self,
        region: str,
        bundle_identifier: str,
        identifier: str,
        credential: Mapping[str, Any] | None = None,
        tenant: Mapping[str, str] | None = None,
    ) -> AppAuthorization:
        with self.store.lock:
            auth = self._find_authorization(region, bundle_identifier, identifier)
            if credential is not None:
                auth.client_id, auth.credential_sha256 = _credential(auth.auth_type, credential)
            if tenant is not None:
                auth.tenant = dict(tenant)
            if auth.status == "Connected" or auth.connects_at is not None:
                auth.status, auth.connects_at = "PendingConnect", None
            auth.updated_at = self.clock()
            self.store.save()
            return dataclasses.replace(auth)

    def delete_app_authorization(
        self, region: str, bundle_identifier: str, identifier: str
    ) -> None:
        store = self.store
        with store.lock:
            auth = self._find_authorization(region, bundle_identifier, identifier)
            del store.authorizations[auth.uuid]
            store.codes.revoke(auth.uuid)
            store.save()

    def connect_app_authorization(
        self,
        region: str,
        bundle_identifier: str,
        identifier: str,
        auth_request: Mapping[str, str] | None = None,
    ) -> AppAuthorization:
        store = self.store
        with store.lock:
            auth = self._find_authorization(region, bundle_identifier, identifier)
            now = self.clock()
            if auth.auth_type == "oauth2":
                self._redeem(auth, auth_request, now)
            # apiKey: the key was given at create time; an authRequest is ignored (inferred).
            # A Connected authorization is re-validated and stays Connected (inferred).
            delay = self.faults.connect_delay_s
            if delay > 0:
                auth.status, auth.connects_at = "PendingConnect", now + delay
            else:
                auth.status, auth.connects_at = "Connected", None
            auth.updated_at = now
            store.save()
            return dataclasses.replace(auth)

    def _redeem(
        self, auth: AppAuthorization, auth_request: Mapping[str, str] | None, now: float
    ) -> None:
        if auth_request is None:
            raise ValidationException.for_field(
                "authRequest", "Member must not be null for an oauth2 app authorization"
            )
        try:
            self.store.codes.redeem(
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
                self.store.save()
            raise ValidationException(
                e.message, "fieldValidationFailed", [FieldError(e.field, e.message)]
            ) from None

    def tag_resource(self, region: str, arn: str, tags: Iterable[Mapping[str, str]]) -> None:
        with self.store.lock:
            resource = self._find_arn(region, arn)
            resource.tags = {**resource.tags, **_tags(tags)}
            self.store.save()

    def untag_resource(self, region: str, arn: str, tag_keys: Iterable[str]) -> None:
        with self.store.lock:
            resource = self._find_arn(region, arn)
            drop = set(tag_keys)
            resource.tags = {k: v for k, v in resource.tags.items() if k not in drop}
            self.store.save()

    def list_tags_for_resource(self, region: str, arn: str) -> dict[str, str]:
        with self.store.lock:
            return dict(self._find_arn(region, arn).tags)
