"""The generated modules and README tables are what their generator writes from the schema today."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from appfabric_connect import AppAuthorizationConnection, schema
from appfabric_connect.pulumi.dynamic import args, aws_config_args, resource_outputs
from appfabric_connect.terraform import schema_wire
from tests.support.generators import generated

REPO = Path(__file__).resolve().parents[2]
GENERATED = {
    "appfabric_connect/pulumi/dynamic/args.py": args,
    "appfabric_connect/pulumi/dynamic/aws_config_args.py": aws_config_args,
    "appfabric_connect/pulumi/dynamic/resource_outputs.py": resource_outputs,
    "appfabric_connect/terraform/schema_wire.py": schema_wire,
}


README_REGIONS = ("inputs", "outputs", "settings")


@pytest.mark.parametrize(("target", "module"), GENERATED.items(), ids=list(GENERATED))
def test_a_generated_module_is_what_gen_args_writes_from_the_schema(
    target: str, module: ModuleType
) -> None:
    assert Path(str(module.__file__)).read_text() == generated("gen-args", target), (
        "run scripts/gen-args"
    )


def test_the_readmes_inputs_and_outputs_tables_are_what_gen_args_writes() -> None:
    readme = (REPO / "README.md").read_text()

    assert readme == generated("gen-args", "README.md"), "run scripts/gen-args"
    for region in README_REGIONS:
        start = f"<!-- generated from schema.py by scripts/gen-args: {region} -->"
        assert readme.count(start) == 1
        assert "<!-- end -->" in readme.split(start, 1)[1]


@pytest.mark.parametrize("module", GENERATED.values(), ids=list(GENERATED))
def test_a_generated_module_says_so_on_its_first_line(module: ModuleType) -> None:
    first = Path(str(module.__file__)).read_text().splitlines()[0]

    assert first == "# Generated from schema.py by scripts/gen-args — do not edit."


def test_the_resource_getters_are_all_generated_none_written_by_hand() -> None:
    """Every output getter is the generated class's; resource.py declares none of its own."""
    echoed = [name for name in schema.INPUT_NAMES if name in schema.ECHOED_INPUTS]
    generated = resource_outputs.AppAuthorizationConnectionOutputs
    getters = [name for name, value in vars(generated).items() if isinstance(value, property)]

    assert getters == [*echoed, *schema.OUTPUT_NAMES]
    assert issubclass(AppAuthorizationConnection, generated)
    assert not [
        value for value in vars(AppAuthorizationConnection).values() if isinstance(value, property)
    ]
