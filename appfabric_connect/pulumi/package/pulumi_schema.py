"""The Pulumi package schema of ``appfabric-connect``, generated from ``schema.py``."""

from __future__ import annotations

import json
from typing import Any

from ... import __version__, schema
from ...naming import camel
from ...schema import LIST, OBJECT, STRING, Property
from .names import PACKAGE, RESOURCE_TOKEN

# The provider's settings: stack config `appfabric-connect:<name>`, or an explicit provider's
# arguments. pulumi-aws's settings (`region`, `assumeRoles`, …) mean what `aws:<name>` means to the
# dynamic resource; the schema's OWN_SETTINGS are the dynamic resource's `appfabric-connect:*` keys.
CONFIG = (*schema.AWS_CONFIG_FIELDS, *schema.PROVIDER_ONLY_AWS_FIELDS, *schema.OWN_SETTINGS)
# pulumi-aws's names for the provider's object types (`pulumi_aws.ProviderAssumeRoleArgs`, …).
PROVIDER_TYPES = {
    schema.ASSUME_ROLE: "ProviderAssumeRole",
    schema.WEB_IDENTITY: "ProviderAssumeRoleWithWebIdentity",
    schema.ENDPOINT: "ProviderEndpoint",
}

# The inputs of the package's resource: identity there is the provider's configuration.
INPUTS = tuple(prop for prop in schema.INPUTS if not prop.dynamic_only)

GO_IMPORT_BASE = "github.com/appfabric-connect/pulumi-appfabric-connect/sdk/go/appfabricconnect"
DESCRIPTION = (
    "Connects an AWS AppFabric app authorization (ConnectAppAuthorization), reports its status "
    "as an output, and reconnects in place after drift. The OAuth code is a secret; outputs hold "
    "only a salted fingerprint of it."
)


def type_token(prop: Property) -> str:
    """An object's type token: ``auth_request`` → ``…:index:AuthRequest``."""
    name = camel(prop.name)
    return f"{PACKAGE}:index:{PROVIDER_TYPES.get(prop.type_name) or name[:1].upper() + name[1:]}"


def type_spec(prop: Property) -> dict[str, Any]:
    if prop.type == LIST:
        item = {"$ref": f"#/types/{type_token(prop)}"} if prop.fields else {"type": STRING}
        return {"type": "array", "items": item}
    if prop.fields:
        return {"$ref": f"#/types/{type_token(prop)}"}
    if prop.type == OBJECT:  # names and values, e.g. a role's session tags
        return {"type": "object", "additionalProperties": {"type": STRING}}
    return {"type": prop.type}


def property_spec(prop: Property) -> dict[str, Any]:
    spec = {**type_spec(prop), "description": prop.pulumi_doc}
    if prop.secret:
        spec["secret"] = True
    return spec


def properties(props: tuple[Property, ...]) -> dict[str, Any]:
    return {camel(prop.name): property_spec(prop) for prop in props}


def required(props: tuple[Property, ...]) -> list[str]:
    return [camel(prop.name) for prop in props if prop.required]


def object_types(props: tuple[Property, ...]) -> dict[str, Any]:
    """Every object type that ``props`` use (lists of objects too), nested ones included."""
    found: dict[str, Any] = {}
    for prop in props:
        if prop.fields:
            found[type_token(prop)] = {
                "type": "object",
                "description": prop.pulumi_doc,
                "properties": properties(prop.fields),
                "required": required(prop.fields),
            }
            found.update(object_types(prop.fields))
    return found


def package_schema() -> dict[str, Any]:
    """The schema ``GetSchema`` answers and ``pulumi package gen-sdk`` reads."""
    echoed = tuple(prop for prop in INPUTS if prop.name in schema.ECHOED_INPUTS)
    outputs = (*echoed, *schema.OUTPUTS)
    return {
        "name": PACKAGE,
        "displayName": "AppFabric Connect",
        "version": __version__,
        "description": "AWS AppFabric app-authorization connections, with status and drift.",
        "keywords": ["pulumi", "aws", "appfabric", "category/cloud"],
        "license": "Apache-2.0",
        "config": {"variables": properties(CONFIG)},
        "provider": {
            "description": "The appfabric-connect provider: where and as whom to connect.",
            "inputProperties": properties(CONFIG),
            "properties": properties(CONFIG),
        },
        "resources": {
            RESOURCE_TOKEN: {
                "description": DESCRIPTION,
                "inputProperties": properties(INPUTS),
                "requiredInputs": required(INPUTS),
                "properties": properties(outputs),
                "required": required(outputs),
            }
        },
        "types": object_types((*INPUTS, *schema.OUTPUTS, *CONFIG)),
        "language": {
            "python": {
                "packageName": "pulumi_appfabric_connect",
                "respectSchemaVersion": True,
                "pyproject": {"enabled": True},
            },
            "nodejs": {"packageName": "@appfabric-connect/pulumi", "respectSchemaVersion": True},
            "go": {"importBasePath": GO_IMPORT_BASE, "respectSchemaVersion": True},
            "csharp": {
                "rootNamespace": "Pulumi",
                "namespaces": {PACKAGE: "AppFabricConnect"},
                "respectSchemaVersion": True,
            },
        },
    }


def schema_json() -> str:
    return json.dumps(package_schema(), indent=2)
