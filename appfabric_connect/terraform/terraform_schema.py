"""The provider's Terraform schemas, derived at import from ``appfabric_connect.schema``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import schema as spec
from ..schema import Property
from .terraform_blocks import (
    BOOL,
    NUMBER,
    STRING,
    STRING_MAP,
    STRING_SET,
    STRINGS,
    Attr,
    Block,
    Nested,
)

RESOURCE = "appfabricconnect_app_authorization_connection"
DATA_SOURCE = "appfabricconnect_app_authorization"
SCHEMA_VERSION = 0

_PROVIDER_DESCRIPTION = (
    "AWS AppFabric app-authorization connections, with status and drift detection."
)
_RESOURCE_DESCRIPTION = "Connects an AppFabric app authorization and reports its status."
_DATA_SOURCE_DESCRIPTION = "Status and details of any app authorization, managed here or not."
# Blocks Terraform makes of a nested name ("timeouts.create"), which the schema has no doc for.
_SINGLE_BLOCK_DESCRIPTIONS = {
    "timeouts": "How long create and update wait for `Connected` (Go durations, e.g. `30m`).",
}
# The data source's own attributes: what a read of any authorization tells.
_DATA_SOURCE_ONLY = (
    Attr("connected", BOOL, "`true` when `status` is `Connected`.", computed=True),
    Attr("remedy", STRING, "What to do about the status.", computed=True),
)


@dataclass(frozen=True)
class Divergence:
    """How Terraform has one property of ``appfabric_connect.schema``, where it differs."""

    name: str = ""  # Terraform's name
    type: Any = None  # Terraform's type (a cty type)
    max_items: int = 0  # of a list of objects, as a block
    optional: bool = False  # although the schema requires it
    description: str = ""  # where the schema's doc speaks Pulumi
    also: tuple[Attr, ...] = ()  # Terraform-only attributes beside it
    resource_only: bool = False  # not the data source's: no read finds it


_AS_IS = Divergence()

# Where Terraform differs from the schema: "provider.<path>" for the provider block's settings,
# "resource.<path>" for the resource's inputs and outputs (the schema's names).
DIVERGENCES = {
    # terraform-provider-aws: one `assume_role` block per role of the chain
    "provider.assume_roles": Divergence(name="assume_role"),
    # terraform-provider-aws: one `endpoints` block, its attributes the services' URLs
    "provider.endpoints": Divergence(max_items=1),
    # terraform-provider-aws's sets (the shared files stay lists: their order is the lookup's)
    "provider.allowed_account_ids": Divergence(type=STRING_SET),
    "provider.forbidden_account_ids": Divergence(type=STRING_SET),
    "provider.assume_roles.policy_arns": Divergence(type=STRING_SET),
    "provider.assume_roles.transitive_tag_keys": Divergence(type=STRING_SET),
    "provider.assume_role_with_web_identity.policy_arns": Divergence(type=STRING_SET),
    "provider.region": Divergence(
        description="AWS region (else AWS_REGION / AWS_DEFAULT_REGION, profile)."
    ),
    "resource.region": Divergence(
        description="AWS region; default: the ARNs', then the provider's."
    ),
    "resource.auth_request": Divergence(
        description="oauth2 only: the redirect URI and the code from the consent page."
    ),
    # optional: write-only attributes (Terraform 1.11+) give the code out of plan and state, and
    # one is never stored, so raising its version is what sends a new one
    "resource.auth_request.code": Divergence(
        optional=True,
        description="OAuth code (kept in state, sensitive); prefer code_wo.",
        also=(
            Attr(
                "code_wo",
                STRING,
                "OAuth code, write-only (Terraform >= 1.11): never in plan or state.",
                optional=True,
                sensitive=True,
                write_only=True,
            ),
            Attr("code_wo_version", NUMBER, "Change it to send a new code_wo.", optional=True),
        ),
    ),
    # terraform-plugin-framework-timeouts: Go durations in a `timeouts` block, with `update`
    "resource.connect_timeout": Divergence(
        type=STRING,
        description="How long to wait for Connected (Go duration).",
        also=(Attr("update", STRING, "How long a reconnect waits for Connected.", optional=True),),
    ),
    # Terraform's resource id
    "resource.app_authorization_arn": Divergence(name="id"),
    "resource.code_fingerprint": Divergence(resource_only=True),
    "resource.connected_at": Divergence(resource_only=True),
}

# cty has one number type
_TYPES = {spec.STRING: STRING, spec.NUMBER: NUMBER, spec.INTEGER: NUMBER, spec.BOOLEAN: BOOL}


@dataclass(frozen=True)
class Schemas:
    """The provider block, resource and data source, and how their names map onto the schema's."""

    provider: Block
    resource: Block
    data_source: Block
    settings: dict[str, Property]  # provider block attribute or block → the schema's setting
    paths: dict[str, str]  # the schema's input path → the resource's (`auth_request[0].code`)
    echoed: dict[str, str]  # input that is an output too → its attribute
    outputs: dict[str, str]  # output with an attribute of its own → that attribute
    read_back: tuple[str, ...]  # computed attributes that every read fills
    configured: tuple[str, ...]  # identifiers kept as configured (ARN or UUID)


def description(doc: str) -> str:
    """A schema doc as a sentence for Terraform, naming terraform-provider-aws for pulumi-aws."""
    text = doc.replace("pulumi-aws", "terraform-provider-aws")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _type(prop: Property, divergence: Divergence = _AS_IS) -> Any:
    if divergence.type is not None:
        return divergence.type
    if prop.type == spec.OBJECT and prop.fields:
        # a computed object is a list of one, as terraform-provider-aws's `tenant`
        return ["list", ["object", {field.name: _type(field) for field in prop.fields}]]
    if prop.type == spec.OBJECT:
        return STRING_MAP
    if prop.type == spec.LIST:
        return STRINGS
    return _TYPES[prop.type]


class _Walk:
    """Terraform attributes and blocks of the schema's properties, and the path of each."""

    def __init__(self, scope: str, echoed: tuple[str, ...] = ()) -> None:
        self.scope = scope
        self.echoed = echoed
        self.names: dict[str, str] = {}  # the schema's path → Terraform's name
        self.paths: dict[str, str] = {}  # the schema's path → Terraform's (`auth_request[0].code`)

    def members(
        self, props: tuple[Property, ...], path: str = "", at: str = ""
    ) -> tuple[tuple[Attr, ...], tuple[Nested, ...]]:
        attrs: list[Attr] = []
        blocks: list[Nested] = []
        for prop in props:
            key = f"{path}{prop.name}"
            divergence = DIVERGENCES.get(f"{self.scope}.{key}", _AS_IS)
            name = divergence.name or (prop.aws_name or prop.name).rsplit(".", 1)[-1]
            text = divergence.description or description(prop.doc)
            self.names[key] = name
            if prop.fields:
                # a single object is a block of at most one, as terraform-provider-aws's
                one = prop.type == spec.OBJECT
                self.paths[key] = f"{at}{name}[0]" if one else f"{at}{name}"
                inner, nested = self.members(prop.fields, f"{key}.", f"{self.paths[key]}.")
                max_items = 1 if one else divergence.max_items
                blocks.append(Nested(name, Block(inner, nested, text), max_items=max_items))
                continue
            self.paths[key] = f"{at}{name}"
            # Every provider setting is optional, as terraform-provider-aws's (role_arn too):
            # the lifecycle's checks name what a block lacks (`assume_role[0].role_arn`).
            required = prop.required and not divergence.optional and self.scope != "provider"
            attrs.append(
                Attr(
                    name,
                    _type(prop, divergence),
                    text,
                    required=required,
                    optional=not required,
                    # an optional input the lifecycle echoes is its resolved value when not given
                    computed=not required and key in self.echoed,
                    sensitive=prop.secret,
                )
            )
            attrs.extend(divergence.also)
        return tuple(attrs), tuple(blocks)


def _outputs(props: tuple[Property, ...], taken: tuple[str, ...]) -> dict[Property, Attr]:
    """Each output's computed attribute; none for one that an identifier already is."""
    found: dict[Property, Attr] = {}
    for prop in props:
        divergence = DIVERGENCES.get(f"resource.{prop.name}", _AS_IS)
        name = divergence.name or prop.name
        if name not in taken:
            text = divergence.description or description(prop.doc)
            found[prop] = Attr(name, _type(prop), text, computed=True, sensitive=prop.secret)
    return found


def _under(head: str, props: tuple[Property, ...]) -> tuple[Property, ...]:
    return tuple(prop for prop in props if prop.aws_name.startswith(f"{head}."))


def build(
    settings: tuple[Property, ...] = spec.AWS_CONFIG_FIELDS + spec.PROVIDER_ONLY_AWS_FIELDS,
    inputs: tuple[Property, ...] = spec.INPUTS,
    outputs: tuple[Property, ...] = spec.OUTPUTS,
    echoed: tuple[str, ...] = spec.ECHOED_INPUTS,
) -> Schemas:
    """The provider block of ``settings``, and the resource and data source of ``inputs`` (but
    the dynamic resource's own ``aws``: the provider block here) and ``outputs``."""
    setting_walk = _Walk("provider")
    provider = Block(*setting_walk.members(settings), _PROVIDER_DESCRIPTION)

    walk = _Walk("resource", echoed)
    own = tuple(prop for prop in inputs if not prop.dynamic_only)
    identifiers, blocks = walk.members(tuple(p for p in own if "." not in p.aws_name))
    # A nested name ("timeouts.create") is an attribute of a single block, as
    # terraform-plugin-framework-timeouts' `timeouts` block.
    heads = dict.fromkeys(p.aws_name.split(".")[0] for p in own if "." in p.aws_name)
    singles = tuple(
        Nested(
            head,
            Block(
                walk.members(_under(head, own), at=f"{head}.")[0],
                description=_SINGLE_BLOCK_DESCRIPTIONS[head],
            ),
            "single",
        )
        for head in heads
    )

    computed = _outputs(outputs, tuple(a.name for a in identifiers))
    read = tuple(
        attr
        for prop, attr in computed.items()
        if not DIVERGENCES.get(f"resource.{prop.name}", _AS_IS).resource_only
    )
    echoed_attrs = {name: walk.paths[name] for name in echoed}
    return Schemas(
        provider=provider,
        resource=Block(
            (*identifiers, *computed.values()), (*blocks, *singles), _RESOURCE_DESCRIPTION
        ),
        data_source=Block((*identifiers, *read, *_DATA_SOURCE_ONLY), (), _DATA_SOURCE_DESCRIPTION),
        settings={setting_walk.names[prop.name]: prop for prop in settings},
        paths=walk.paths,
        echoed=echoed_attrs,
        outputs={prop.name: attr.name for prop, attr in computed.items()},
        read_back=(*(a.name for a in identifiers if a.computed), *(a.name for a in read)),
        configured=tuple(
            a.name for a in identifiers if a.name in echoed_attrs.values() and a.required
        ),
    )


SCHEMAS = build()
PROVIDER = SCHEMAS.provider
RESOURCE_BLOCK = SCHEMAS.resource
DATA_SOURCE_BLOCK = SCHEMAS.data_source
