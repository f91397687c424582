"""pulumi-aws's provider settings (``aws:*`` stack config), with its meaning, as AwsSettings."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .. import schema
from ..naming import camel, snake
from ..quoting import quoted
from .config_values import Problem, Reader
from .model import botocore_data
from .once import once
from .settings import RETRY_MODES, AssumeRole, Secret, WebIdentity

# Keys of pulumi-aws's ProviderArgs that do not touch an AppFabric connection's identity,
# account or endpoint: accepted, and listed in the README as not applicable.
NOT_APPLICABLE = (
    "defaultTags",
    "ignoreTags",
    "s3UsePathStyle",
    "s3UsEast1RegionalEndpoint",
    "skipMetadataApiCheck",
    "skipRequestingAccountId",
    "tagPolicyCompliance",
    "tokenBucketRateLimiterCapacity",
    "userAgents",
)
# Keys that would change the identity and that this provider does not implement.
UNSUPPORTED = ("ec2MetadataServiceEndpoint", "ec2MetadataServiceEndpointMode")


def read(
    values: Mapping[str, Any], prefix: str = "aws:", spell: Callable[[str], str] = str
) -> tuple[dict[str, Any], list[Problem]]:
    """AwsSettings keyword arguments from pulumi-aws settings, and every problem with them."""
    r = Reader(values, prefix, spell)
    for key in values:
        if key in UNSUPPORTED:
            r.fail(key, "is not supported by appfabric-connect (it would change the identity)")
        elif key not in _KNOWN:
            r.fail(key, "is not a pulumi-aws provider setting that appfabric-connect knows")
    endpoints = _endpoints(r)
    shared_config = _one_file(r, "sharedConfigFiles")
    shared_credentials = _one_file(r, "sharedCredentialsFiles")
    settings: dict[str, Any] = {
        "region": r.string("region"),
        "profile": r.string("profile"),
        "shared_config_file": shared_config,
        "shared_credentials_file": shared_credentials,
        "access_key": r.secret("accessKey"),
        "secret_key": r.secret("secretKey"),
        "token": r.secret("token"),
        "assume_roles": _assume_roles(r),
        "web_identity": _web_identity(r),
        "sts_endpoint": endpoints.get("sts"),
        "sts_region": r.string("stsRegion"),
        "allowed_account_ids": r.accounts("allowedAccountIds"),
        "forbidden_account_ids": r.accounts("forbiddenAccountIds"),
        "validate_credentials": r.boolean("skipCredentialsValidation") is False,
        "ca_bundle": r.string("customCaBundle"),
        "insecure": bool(r.boolean("insecure")),
        "http_proxy": r.string("httpProxy"),
        "https_proxy": r.string("httpsProxy"),
        "no_proxy": r.string("noProxy"),
        "use_fips_endpoint": r.boolean("useFipsEndpoint"),
        "use_dualstack_endpoint": r.boolean("useDualstackEndpoint"),
    }
    if bool(settings["access_key"]) != bool(settings["secret_key"]):
        key_pair = f"{r.name('accessKey')} and {r.name('secretKey')} must be set together"
        r.fail("secretKey" if settings["access_key"] else "accessKey", key_pair)
    if settings["allowed_account_ids"] and settings["forbidden_account_ids"]:
        r.fail("forbiddenAccountIds", f"cannot be set with {r.name('allowedAccountIds')}")
    retry_mode = r.string("retryMode")
    if retry_mode is not None and retry_mode not in RETRY_MODES:
        r.fail("retryMode", f"must be one of {', '.join(RETRY_MODES)}")
        retry_mode = None
    settings["retry_mode"] = retry_mode
    settings["max_attempts"] = r.integer("maxRetries")
    settings["endpoint_url"] = endpoints.get("appfabric")
    if not r.boolean("skipRegionValidation"):
        for key in ("region", "stsRegion"):
            region = r.string(key)
            if region and not _known_region(region):
                skip = r.name("skipRegionValidation")
                r.fail(
                    key,
                    f"{quoted(region)} is not an AWS region "
                    f"(set {skip} to true for one botocore does not know yet)",
                )
    return settings, r.problems


def _endpoints(r: Reader) -> dict[str, str]:
    value = r.raw("endpoints")
    if value is None:
        return {}
    entries = value if isinstance(value, list) else [value]
    found: dict[str, str] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            r.fail(f"endpoints[{index}]", "must be an object such as {sts: URL}")
            continue
        for service in ("appfabric", "sts"):
            url = r.string(f"endpoints[{index}].{service}", entry.get(service), given=True)
            if url:
                found[service] = url
    return found


def _one_file(r: Reader, key: str) -> str | None:
    files = r.strings(key)
    if len(files) > 1:
        r.fail(key, "takes one file here (botocore reads one config and one credentials file)")
    return files[0] if files else None


def _assume_roles(r: Reader) -> tuple[AssumeRole, ...]:
    chain, single = r.raw("assumeRoles"), r.raw("assumeRole")
    if chain is not None and single is not None:
        r.fail(
            "assumeRole", f"cannot be set with {r.name('assumeRoles')}: put the role in the list"
        )
    key, entries = ("assumeRoles", chain) if chain is not None else ("assumeRole", single)
    if entries is None:
        return ()
    if key == "assumeRole":
        entries = [entries]
    if not isinstance(entries, list):
        r.fail(key, "must be a list of {roleArn, …} objects")
        return ()
    roles = [
        _role(r, key if key == "assumeRole" else f"{key}[{i}]", e) for i, e in enumerate(entries)
    ]
    return tuple(role for role in roles if role is not None)


def _role(r: Reader, key: str, entry: Any) -> AssumeRole | None:
    if not isinstance(entry, dict):
        r.fail(key, "must be an object with a roleArn")
        return None
    _unknown_fields(r, key, entry, _ROLE_FIELDS)
    role_arn = r.string(f"{key}.roleArn", entry.get("roleArn"), given=True)
    if not role_arn:
        r.fail(f"{key}.roleArn", "is required: the ARN of the IAM role to assume")
        return None
    tags = entry.get("tags") or {}
    if not isinstance(tags, dict):
        r.fail(f"{key}.tags", "must be an object of tag names and values")
        tags = {}
    return AssumeRole(
        role_arn=role_arn,
        session_name=r.string(f"{key}.sessionName", entry.get("sessionName"), given=True),
        external_id=r.string(f"{key}.externalId", entry.get("externalId"), given=True),
        duration_seconds=r.duration(f"{key}.duration", entry.get("duration")),
        policy=r.string(f"{key}.policy", entry.get("policy"), given=True),
        policy_arns=r.strings(f"{key}.policyArns", entry.get("policyArns"), given=True),
        tags=tuple(sorted((str(k), str(v)) for k, v in tags.items())),
        transitive_tag_keys=r.strings(
            f"{key}.transitiveTagKeys", entry.get("transitiveTagKeys"), given=True
        ),
        source_identity=r.string(f"{key}.sourceIdentity", entry.get("sourceIdentity"), given=True),
    )


def _web_identity(r: Reader) -> WebIdentity | None:
    key = "assumeRoleWithWebIdentity"
    entry = r.raw(key)
    if entry is None:
        return None
    if not isinstance(entry, dict):
        r.fail(key, "must be an object with a roleArn and a webIdentityToken(File)")
        return None
    _unknown_fields(r, key, entry, _WEB_FIELDS)
    role_arn = r.string(f"{key}.roleArn", entry.get("roleArn"), given=True)
    token = r.string(f"{key}.webIdentityToken", entry.get("webIdentityToken"), given=True)
    token_file = r.string(
        f"{key}.webIdentityTokenFile", entry.get("webIdentityTokenFile"), given=True
    )
    if not role_arn:
        r.fail(f"{key}.roleArn", "is required: the ARN of the IAM role to assume")
    if not token and not token_file:
        r.fail(f"{key}.webIdentityTokenFile", "or webIdentityToken is required")
    if not role_arn or not (token or token_file):
        return None
    return WebIdentity(
        role_arn=role_arn,
        session_name=r.string(f"{key}.sessionName", entry.get("sessionName"), given=True),
        token=Secret(token) if token else None,
        token_file=token_file,
        duration_seconds=r.duration(f"{key}.duration", entry.get("duration")),
        policy=r.string(f"{key}.policy", entry.get("policy"), given=True),
        policy_arns=r.strings(f"{key}.policyArns", entry.get("policyArns"), given=True),
    )


def _unknown_fields(r: Reader, key: str, entry: Mapping[str, Any], known: tuple[str, ...]) -> None:
    for name in entry:
        if name not in known:
            fields = ", ".join(r.spell(field) for field in known)
            r.fail(f"{key}.{name}", f"is not a field of {r.spell(key)} (fields: {fields})")


@once
def _regions() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    partitions = botocore_data("endpoints")["partitions"]
    known = frozenset(region for p in partitions for region in p["regions"])
    patterns = tuple(re.compile(p["regionRegex"]) for p in partitions)
    return known, patterns


def _known_region(region: str) -> bool:
    known, patterns = _regions()
    return region in known or any(p.match(region) for p in patterns)


def _camel_names(fields: tuple[schema.Property, ...]) -> tuple[str, ...]:
    return tuple(camel(field.name) for field in fields)


_ROLE_FIELDS = _camel_names(schema.ASSUME_ROLE_FIELDS)
_WEB_FIELDS = _camel_names(schema.WEB_IDENTITY_FIELDS)
# pulumi-aws's older forms of the schema's settings, still read.
OLDER_FORMS = {"assumeRole": "one role, read as `aws:assumeRoles` of one"}
# pulumi-aws's settings that this provider reads: the schema's, and their older forms.
SUPPORTED = (
    *_camel_names(schema.AWS_CONFIG_FIELDS),
    *_camel_names(schema.PROVIDER_ONLY_AWS_FIELDS),
    *OLDER_FORMS,
)
_KNOWN = frozenset((*SUPPORTED, *NOT_APPLICABLE, *UNSUPPORTED))

# The settings a resource's own `aws` input may give (the schema's AWS_CONFIG_FIELDS: identity,
# account and endpoints), by pulumi-aws's name, and the AwsSettings fields each one sets: its own
# name, but for these.
_SETTINGS_FIELDS = {
    "shared_config_files": ("shared_config_file",),
    "shared_credentials_files": ("shared_credentials_file",),
    "assume_role_with_web_identity": ("web_identity",),
    "endpoints": ("endpoint_url", "sts_endpoint"),
}
RESOURCE_KEYS: dict[str, tuple[str, ...]] = {
    camel(field.name): _SETTINGS_FIELDS.get(field.name, (field.name,))
    for field in schema.AWS_CONFIG_FIELDS
}


def read_resource(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The AwsSettings fields that a resource's ``aws`` input (pulumi-aws's ``ProviderArgs``
    names, snake_case) gives, and every problem with it, named ``aws.<key>``."""
    given = {camel(str(k)): v for k, v in values.items() if v is not None}
    names = ", ".join(snake(key) for key in RESOURCE_KEYS)
    problems = [
        Problem(f"aws.{snake(key)}", f"is not a setting of `aws` (settings: {names})")
        for key in given
        if key not in RESOURCE_KEYS
    ]
    known = {key: _camel_fields(key, v) for key, v in given.items() if key in RESOURCE_KEYS}
    settings, found = read(known, "aws.", snake)
    fields = {
        field: settings[field]
        for key in known
        for field in RESOURCE_KEYS[key]
        if key != "endpoints" or settings[field] is not None  # an endpoint not given stays
    }
    return fields, problems + found


def _camel_fields(key: str, value: Any) -> Any:
    """The objects of ``assumeRoles`` and ``assumeRoleWithWebIdentity`` with camelCase fields
    (a role's ``tags`` are the user's names, kept as they are)."""
    if key == "assumeRoles" and isinstance(value, list):
        return [_camel_fields("assumeRoleWithWebIdentity", entry) for entry in value]
    if key == "assumeRoleWithWebIdentity" and isinstance(value, Mapping):
        return {camel(str(name)): field for name, field in value.items() if field is not None}
    return value
