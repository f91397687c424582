"""The ``AppAuthorizationConnection`` resource, in pulumi-aws's shape."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, Unpack, overload

import pulumi
import pulumi._types
from pulumi.dynamic import Resource

from ... import schema
from ...naming import snake
from . import pulumi_aws_args
from .args import (
    AppAuthorizationConnectionArgs,
    AppAuthorizationConnectionArgsDict,
    AppAuthorizationConnectionKwargs,
    AppAuthorizationConnectionTenant,
    AuthRequestArgs,
    AuthRequestArgsDict,
)
from .provider import AppAuthorizationConnectionProvider
from .resource_outputs import AppAuthorizationConnectionOutputs

__all__ = [
    "AppAuthorizationConnection",
    "AppAuthorizationConnectionArgs",
    "AppAuthorizationConnectionArgsDict",
    "AppAuthorizationConnectionTenant",
    "AuthRequestArgs",
    "AuthRequestArgsDict",
]

IMPORT_REFUSED = (
    "`import_` does not work for Python dynamic providers (pulumi/pulumi#16175). Write an import "
    "file with `appfabric-connect import-file --bundle ARN` and run `pulumi import --file "
    "import.json`, or declare the connection without `import_` and without `auth_request`: "
    "`pulumi up` adopts an authorization that is already Connected."
)


class AppAuthorizationConnection(
    AppAuthorizationConnectionOutputs,
    Resource,
    module="appfabric",
    name="AppAuthorizationConnection",
):
    """An AppFabric app authorization, connected; its ``status`` is refreshed on every read.

    The resource id is the app authorization ARN. Deleting the resource leaves the authorization
    as it is (AppFabric has no disconnect API). pulumi-aws's argument names (``app_bundle_arn``,
    ``app_authorization_arn``, ``timeouts``) are accepted too and mean the same. Its typed
    outputs (``status``, ``tenant``, …) are ``AppAuthorizationConnectionOutputs``' getters,
    which scripts/gen-args writes from schema.py.
    """

    @overload
    def __init__(
        self,
        resource_name: str,
        args: AppAuthorizationConnectionArgs | AppAuthorizationConnectionArgsDict,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[AppAuthorizationConnectionKwargs],
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        given, opts = _arguments(args, kwargs)
        for name in given:
            if name not in KEYWORDS:
                raise TypeError(_unexpected(name))
        if opts.import_ is not None:
            # Pulumi quirk (pulumi/pulumi#16175): on import the engine calls Read with no
            # properties at all, so the Python dynamic-provider server cannot find its provider.
            raise pulumi.RunError(f"{resource_name}: {IMPORT_REFUSED}")
        props = pulumi_aws_args.inputs(given)
        props["aws"] = aws_config(props["aws"])
        if opts.id is None and opts.urn is None:
            for name in schema.REQUIRED_INPUTS:
                if props[name] is None:
                    raise TypeError(f"Missing required property '{name}'")
        for output in schema.OUTPUT_NAMES:
            props.setdefault(output, None)
        super().__init__(AppAuthorizationConnectionProvider(), resource_name, props, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> AppAuthorizationConnection:
        """Looks up an existing connection by its app authorization ARN (one read, no connect)."""
        return AppAuthorizationConnection(
            resource_name, opts=pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        )


# Every argument the resource takes: its inputs, and pulumi-aws's names for some of them.
KEYWORDS = tuple(AppAuthorizationConnectionKwargs.__annotations__)


def _unexpected(name: str) -> str:
    """A misspelt argument's error, as Python words it for a keyword argument it does not take."""
    close = difflib.get_close_matches(name, KEYWORDS, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (arguments: {', '.join(KEYWORDS)})"
    return f"AppAuthorizationConnection got an unexpected keyword argument '{name}'{hint}"


def aws_config(value: Any) -> Any:
    """The ``aws`` input as plain dicts, its keys and tokens made secrets."""
    if value is None:
        return None
    if isinstance(value, pulumi.Output):
        return pulumi.Output.secret(value.apply(aws_config))
    plain = _plain(value, schema.AWS_CONFIG_FIELDS)
    for name, fields in _OBJECTS.items():
        entry = plain.get(name)
        if isinstance(entry, list | tuple):
            plain[name] = [_plain(item, fields) for item in entry]
        elif entry is not None and not isinstance(entry, pulumi.Output):
            plain[name] = _plain(entry, fields)
    return plain


_OBJECTS = {prop.name: prop.fields for prop in schema.AWS_CONFIG_FIELDS if prop.fields}


def _plain(value: Any, fields: tuple[schema.Property, ...]) -> Any:
    """An Args object or a dict (snake_case or camelCase keys) as a dict, its secrets wrapped."""
    if isinstance(value, Mapping):
        plain = {snake(str(key)): item for key, item in value.items()}
    elif pulumi._types.is_input_type(type(value)):
        plain = {field.name: pulumi_aws_args.field(value, field.name) for field in fields}
    else:
        return value  # check names what it should be
    for field in fields:
        if field.secret and plain.get(field.name) is not None:
            plain[field.name] = pulumi.Output.secret(plain[field.name])
    return plain


def _arguments(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[dict[str, Any], pulumi.ResourceOptions]:
    """The keyword arguments and options of either form: (args, opts) or (opts, **kwargs)."""
    positional = list(args)
    given = dict(kwargs)
    resource_args = given.pop("args", None)
    if positional and not isinstance(positional[0], pulumi.ResourceOptions):
        resource_args = positional.pop(0)
    if positional:
        given["opts"] = positional.pop(0)
    if positional:
        raise TypeError("AppAuthorizationConnection takes (resource_name, args, opts)")
    opts = given.pop("opts", None) or pulumi.ResourceOptions()
    if not isinstance(opts, pulumi.ResourceOptions):
        raise TypeError("Expected resource options to be a ResourceOptions instance")
    if resource_args is not None:
        given = {**_as_dict(resource_args), **given}
    return given, opts


def _as_dict(resource_args: Any) -> dict[str, Any]:
    """An Args object (ours, or pulumi-aws's ``AppAuthorizationConnectionArgs``) or ArgsDict."""
    if isinstance(resource_args, dict):
        return dict(resource_args)
    if pulumi._types.is_input_type(type(resource_args)):
        return dict(vars(resource_args))
    raise TypeError(
        "args must be an AppAuthorizationConnectionArgs or AppAuthorizationConnectionArgsDict, "
        f"got {type(resource_args).__name__}"
    )
