"""Every typed class agrees with the schema, nested objects too: fields, required ones, docs."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

import appfabric_connect
from appfabric_connect import schema
from appfabric_connect.schema import Property

# The object types users build (Args classes and ArgsDicts), by the schema's type name.
INPUT_TYPES = {
    schema.AWS_CONFIG: "AwsConfig",
    schema.ASSUME_ROLE: "AwsAssumeRole",
    schema.WEB_IDENTITY: "AwsAssumeRoleWithWebIdentity",
    schema.ENDPOINT: "AwsEndpoint",
    schema.AUTH_REQUEST: "AuthRequest",
}


def _objects(props: tuple[Property, ...]) -> Iterator[Property]:
    """Every object property of ``props``, at any depth."""
    for prop in props:
        if prop.fields:
            yield prop
            yield from _objects(prop.fields)


INPUT_OBJECTS = tuple({p.type_name: p for p in _objects(schema.INPUTS)}.values())


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _field_docs(cls: type) -> dict[str, str]:
    """A TypedDict's field docstrings (the string after each annotation), from its source."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(body, ast.ClassDef)
    pairs = zip(body.body, body.body[1:], strict=False)
    return dict(doc for statement, following in pairs if (doc := _field_doc(statement, following)))


def _field_doc(statement: ast.stmt, following: ast.stmt) -> tuple[str, str] | None:
    if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
        return None
    if not (isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)):
        return None
    return statement.target.id, _flat(str(following.value.value))


def _getter_docs(cls: type) -> dict[str, str]:
    return {
        name: _flat(inspect.getdoc(member))
        for name, member in vars(cls).items()
        if isinstance(member, property)
    }


def _args(prop: Property) -> tuple[type, Any]:
    name = INPUT_TYPES[prop.type_name]
    return getattr(appfabric_connect, f"{name}Args"), getattr(appfabric_connect, f"{name}ArgsDict")


def test_every_input_object_type_has_args_classes() -> None:
    assert {prop.type_name for prop in INPUT_OBJECTS} == set(INPUT_TYPES)


@pytest.mark.parametrize("prop", INPUT_OBJECTS, ids=lambda p: p.type_name)
def test_an_args_class_documents_each_field_as_the_schema_says(prop: Property) -> None:
    args, _ = _args(prop)

    assert _getter_docs(args) == {field.name: field.pulumi_doc for field in prop.fields}


@pytest.mark.parametrize("prop", INPUT_OBJECTS, ids=lambda p: p.type_name)
def test_an_args_class_requires_exactly_the_schemas_required_fields(prop: Property) -> None:
    args, _ = _args(prop)
    parameters = list(inspect.signature(args).parameters.values())

    assert [p.name for p in parameters] == [field.name for field in prop.fields]
    assert [p.name for p in parameters if p.default is inspect.Parameter.empty] == [
        field.name for field in prop.fields if field.required
    ]


@pytest.mark.parametrize("prop", INPUT_OBJECTS, ids=lambda p: p.type_name)
def test_an_args_dict_documents_each_field_as_the_schema_says(prop: Property) -> None:
    _, args_dict = _args(prop)

    assert _field_docs(args_dict) == {field.name: field.pulumi_doc for field in prop.fields}
    assert args_dict.__required_keys__ == {field.name for field in prop.fields if field.required}


def test_the_tenant_output_type_documents_each_field_as_the_schema_says() -> None:
    tenant = schema.by_name(schema.OUTPUTS)["tenant"]
    cls = appfabric_connect.AppAuthorizationConnectionTenant

    assert _flat(cls.__doc__) == tenant.pulumi_doc
    assert _getter_docs(cls) == {field.name: field.pulumi_doc for field in tenant.fields}
