"""AWS settings (the schema's names, pulumi-aws's meaning) read into AwsSettings' fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .. import schema
from ..naming import camel
from ..problems import Path, Problem, Spelling
from ..quoting import quoted
from .config_values import Reader
from .model import botocore_data
from .once import once
from .settings import RETRY_MODES, STACK_CONFIG, AssumeRole, Secret, WebIdentity

# Settings of pulumi-aws's ProviderArgs that do not touch an AppFabric connection's identity,
# account or endpoint: accepted, and listed in the README as not applicable.
NOT_APPLICABLE = (
    "default_tags",
    "ignore_tags",
    "s3_use_path_style",
    "s3_us_east1_regional_endpoint",
    "skip_metadata_api_check",
    "skip_requesting_account_id",
    "tag_policy_compliance",
    "token_bucket_rate_limiter_capacity",
    "user_agents",
)
# Settings that would change the identity and that this provider does not implement.
UNSUPPORTED = ("ec2_metadata_service_endpoint", "ec2_metadata_service_endpoint_mode")


def read(
    values: Mapping[str, Any], spelling: Spelling = STACK_CONFIG
) -> tuple[dict[str, Any], list[Problem]]:
    """AwsSettings keyword arguments from settings by the schema's names (nested objects too),
    and every problem with them, their paths spelled by ``spelling`` in the reasons."""
    r = Reader(values, spelling)
    for key in values:
        if key in UNSUPPORTED:
            r.fail(key, "is not supported by appfabric-connect (it would change the identity)")
        elif key not in _KNOWN:
            r.fail(key, "is not a pulumi-aws provider setting that appfabric-connect knows")
    endpoints = _endpoints(r)
    shared_config = _one_file(r, "shared_config_files")
    shared_credentials = _one_file(r, "shared_credentials_files")
    settings: dict[str, Any] = {
        "region": r.string("region"),
        "profile": r.string("profile"),
        "shared_config_file": shared_config,
        "shared_credentials_file": shared_credentials,
        "access_key": r.secret("access_key"),
        "secret_key": r.secret("secret_key"),
        "token": r.secret("token"),
        "assume_roles": _assume_roles(r),
        "web_identity": _web_identity(r),
        "sts_endpoint": endpoints.get("sts"),
        "sts_region": r.string("sts_region"),
        "allowed_account_ids": r.accounts("allowed_account_ids"),
        "forbidden_account_ids": r.accounts("forbidden_account_ids"),
        "validate_credentials": r.boolean("skip_credentials_validation") is False,
        "ca_bundle": r.string("custom_ca_bundle"),
        "insecure": bool(r.boolean("insecure")),
        "http_proxy": r.string("http_proxy"),
        "https_proxy": r.string("https_proxy"),
        "no_proxy": r.string("no_proxy"),
        "use_fips_endpoint": r.boolean("use_fips_endpoint"),
        "use_dualstack_endpoint": r.boolean("use_dualstack_endpoint"),
    }
    if bool(settings["access_key"]) != bool(settings["secret_key"]):
        key_pair = f"{r.name('access_key')} and {r.name('secret_key')} must be set together"
        r.fail("secret_key" if settings["access_key"] else "access_key", key_pair)
    if settings["allowed_account_ids"] and settings["forbidden_account_ids"]:
        r.fail("forbidden_account_ids", f"cannot be set with {r.name('allowed_account_ids')}")
    retry_mode = r.string("retry_mode")
    if retry_mode is not None and retry_mode not in RETRY_MODES:
        r.fail("retry_mode", f"must be one of {', '.join(RETRY_MODES)}")
        retry_mode = None
    settings["retry_mode"] = retry_mode
    settings["max_attempts"] = r.integer("max_retries")
    settings["endpoint_url"] = endpoints.get("appfabric")
    if not r.boolean("skip_region_validation"):
        for key in ("region", "sts_region"):
            region = r.string(key)
            if region and not _known_region(region):
                skip = r.name("skip_region_validation")
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
            r.fail(("endpoints", index), "must be an object such as {sts: URL}")
            continue
        for service in ("appfabric", "sts"):
            key: Path = ("endpoints", index, service)
            url = r.string(key, entry.get(service), given=True)
            if url and not _http_url(url):
                r.fail(
                    key,
                    f"must be an http:// or https:// URL such as {_URL_EXAMPLE}, got {quoted(url)}",
                )
            elif url:
                found[service] = url
    return found


# An endpoint as botocore takes it: scheme, host and optional port (and path).
_URL_EXAMPLE = "http://127.0.0.1:4599"


def _http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # a bad port raises ValueError
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url


# arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME, as IAM and STS's AssumeRole take it.
_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+")
_ROLE_EXAMPLE = "arn:aws:iam::123456789012:role/NAME"


def _role_arn(r: Reader, key: Path, value: Any) -> str | None:
    """The role ARN at ``key``: required, and an IAM role's ARN."""
    role_arn = r.string(key, value, given=True)
    if not role_arn:
        r.fail(key, "is required: the ARN of the IAM role to assume")
        return None
    if not _ROLE_ARN.fullmatch(role_arn):
        r.fail(key, f"must be an IAM role ARN such as {_ROLE_EXAMPLE}, got {quoted(role_arn)}")
        return None
    return role_arn


def _one_file(r: Reader, key: str) -> str | None:
    files = r.strings(key)
    if len(files) > 1:
        r.fail(key, "takes one file here (botocore reads one config and one credentials file)")
    return files[0] if files else None


def _assume_roles(r: Reader) -> tuple[AssumeRole, ...]:
    chain, single = r.raw("assume_roles"), r.raw("assume_role")
    if chain is not None and single is not None:
        r.fail(
            "assume_role", f"cannot be set with {r.name('assume_roles')}: put the role in the list"
        )
    key, entries = ("assume_roles", chain) if chain is not None else ("assume_role", single)
    if entries is None:
        return ()
    if key == "assume_role":
        entries = [entries]
    if not isinstance(entries, list):
        r.fail(key, "must be a list of {roleArn, …} objects")
        return ()
    roles = [
        _role(r, (key,) if key == "assume_role" else (key, i), e) for i, e in enumerate(entries)
    ]
    return tuple(role for role in roles if role is not None)


def _role(r: Reader, key: Path, entry: Any) -> AssumeRole | None:
    if not isinstance(entry, dict):
        r.fail(key, "must be an object with a roleArn")
        return None
    _unknown_fields(r, key, entry, _ROLE_FIELDS)
    role_arn = _role_arn(r, (*key, "role_arn"), entry.get("role_arn"))
    if not role_arn:
        return None
    tags = entry.get("tags") or {}
    if not isinstance(tags, dict):
        r.fail((*key, "tags"), "must be an object of tag names and values")
        tags = {}

    def text(name: str) -> str | None:
        return r.string((*key, name), entry.get(name), given=True)

    def texts(name: str) -> tuple[str, ...]:
        return r.strings((*key, name), entry.get(name), given=True)

    return AssumeRole(
        role_arn=role_arn,
        session_name=text("session_name"),
        external_id=text("external_id"),
        duration_seconds=r.duration((*key, "duration"), entry.get("duration")),
        policy=text("policy"),
        policy_arns=texts("policy_arns"),
        tags=tuple(sorted((str(k), str(v)) for k, v in tags.items())),
        transitive_tag_keys=texts("transitive_tag_keys"),
        source_identity=text("source_identity"),
    )


def _web_identity(r: Reader) -> WebIdentity | None:
    name = "assume_role_with_web_identity"
    key: Path = (name,)
    entry = r.raw(name)
    if entry is None:
        return None
    if not isinstance(entry, dict):
        r.fail(key, "must be an object with a roleArn and a webIdentityToken(File)")
        return None
    _unknown_fields(r, key, entry, _WEB_FIELDS)
    role_arn = _role_arn(r, (*key, "role_arn"), entry.get("role_arn"))
    token = r.string((*key, "web_identity_token"), entry.get("web_identity_token"), given=True)
    token_file = r.string(
        (*key, "web_identity_token_file"), entry.get("web_identity_token_file"), given=True
    )
    if not token and not token_file:
        r.fail((*key, "web_identity_token_file"), "or webIdentityToken is required")
    if not role_arn or not (token or token_file):
        return None
    return WebIdentity(
        role_arn=role_arn,
        session_name=r.string((*key, "session_name"), entry.get("session_name"), given=True),
        token=Secret(token) if token else None,
        token_file=token_file,
        duration_seconds=r.duration((*key, "duration"), entry.get("duration")),
        policy=r.string((*key, "policy"), entry.get("policy"), given=True),
        policy_arns=r.strings((*key, "policy_arns"), entry.get("policy_arns"), given=True),
    )


def _unknown_fields(r: Reader, key: Path, entry: Mapping[str, Any], known: tuple[str, ...]) -> None:
    for name in entry:
        if name not in known:
            fields = ", ".join(r.spelling.name(field) for field in known)
            r.fail((*key, name), f"is not a field of {r.spelling.bare(key)} (fields: {fields})")


@once
def _regions() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    partitions = botocore_data("endpoints")["partitions"]
    known = frozenset(region for p in partitions for region in p["regions"])
    patterns = tuple(re.compile(p["regionRegex"]) for p in partitions)
    return known, patterns


def _known_region(region: str) -> bool:
    """A region in botocore's endpoint data. Its partitions' patterns are not enough: aws's
    matches any ``us-…-1`` (a misspelt ``us-eest-1`` too); a region botocore does not list yet
    needs skip_region_validation, as terraform-provider-aws's does."""
    known, _patterns = _regions()
    return region in known


def _names(fields: tuple[schema.Property, ...]) -> tuple[str, ...]:
    return tuple(field.name for field in fields)


_ROLE_FIELDS = _names(schema.ASSUME_ROLE_FIELDS)
_WEB_FIELDS = _names(schema.WEB_IDENTITY_FIELDS)
# pulumi-aws's older forms of the schema's settings, still read.
OLDER_FORMS = {"assume_role": "one role, read as `aws:assumeRoles` of one"}
# The settings this provider reads: the schema's, and pulumi-aws's older forms of them.
SUPPORTED = (
    *_names(schema.AWS_CONFIG_FIELDS),
    *_names(schema.PROVIDER_ONLY_AWS_FIELDS),
    *OLDER_FORMS,
)
_KNOWN = frozenset((*SUPPORTED, *NOT_APPLICABLE, *UNSUPPORTED))
# Objects whose fields are the schema's (a role's ``tags`` are the user's names, kept as given).
OBJECTS = {"assume_roles": _ROLE_FIELDS, "assume_role": _ROLE_FIELDS}
OBJECTS["assume_role_with_web_identity"] = _WEB_FIELDS

# The settings a resource's own `aws` input may give (the schema's AWS_CONFIG_FIELDS: identity,
# account and endpoints), and the AwsSettings fields each one sets: its own name, but for these.
_SETTINGS_FIELDS = {
    "shared_config_files": ("shared_config_file",),
    "shared_credentials_files": ("shared_credentials_file",),
    "assume_role_with_web_identity": ("web_identity",),
    "endpoints": ("endpoint_url", "sts_endpoint"),
}
RESOURCE_KEYS: dict[str, tuple[str, ...]] = {
    field.name: _SETTINGS_FIELDS.get(field.name, (field.name,))
    for field in schema.AWS_CONFIG_FIELDS
}
# The resource's `aws` input: its settings named as the dynamic resource's inputs.
RESOURCE_INPUT = Spelling("aws.", camel_case=False)


def read_resource(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The AwsSettings fields that a resource's ``aws`` input (the schema's names, or
    pulumi-aws's camelCase ones) gives, and every problem with it, at ``("aws", …)``."""
    given = schema_names({str(k): v for k, v in values.items() if v is not None})
    names = ", ".join(RESOURCE_KEYS)
    problems = [
        Problem(("aws", key), f"is not a setting of `aws` (settings: {names})")
        for key in given
        if key not in RESOURCE_KEYS
    ]
    known = {key: v for key, v in given.items() if key in RESOURCE_KEYS}
    settings, found = read(known, RESOURCE_INPUT)
    fields = {
        field: settings[field]
        for key in known
        for field in RESOURCE_KEYS[key]
        if key != "endpoints" or settings[field] is not None  # an endpoint not given stays
    }
    return fields, problems + [Problem(("aws", *p.path), p.reason) for p in found]


def schema_names(values: Mapping[str, Any]) -> dict[str, Any]:
    """Settings by pulumi-aws's camelCase names (or already the schema's) by the schema's names,
    their objects' fields too (but a role's ``tags``, which are the user's)."""
    found: dict[str, Any] = {}
    for key, value in values.items():
        name = _SNAKE.get(key, key)
        if name in OBJECTS and isinstance(value, list):
            value = [_fields(item) for item in value]
        elif name in OBJECTS:
            value = _fields(value)
        found[name] = value
    return found


def _fields(entry: Any) -> Any:
    if not isinstance(entry, Mapping):
        return entry
    return {_SNAKE.get(str(key), str(key)): value for key, value in entry.items()}


# pulumi-aws's camelCase names of every setting and field this module knows → the schema's.
_SNAKE = {camel(name): name for name in (*_KNOWN, *_ROLE_FIELDS, *_WEB_FIELDS)}
