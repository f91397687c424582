"""An input or output added to schema.py is one edit plus `scripts/gen-args`: where it appears."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import appfabric_connect

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(appfabric_connect.__file__).parent  # the checkout's, or the installed wheel's
ADDED_INPUT = '    Property("display_label", STRING, "a label the console shows"),\n'
ADDED_OUTPUT = '    Property("app_display_name", STRING, "the application\'s display name"),\n'
GENERATED = {
    "README.md",
    "appfabric_connect/pulumi/dynamic/args.py",
    "appfabric_connect/pulumi/dynamic/resource_outputs.py",
    "appfabric_connect/terraform/schema_wire.py",
}

# What each front end makes of the edited schema, read in the copy's own process.
WHERE_IT_APPEARS = textwrap.dedent(
    """
    import inspect, json
    from appfabric_connect import AppAuthorizationConnection, AppAuthorizationConnectionArgs
    from appfabric_connect.core.outputs import outputs
    from appfabric_connect.pulumi.dynamic import args
    from appfabric_connect.pulumi.package.pulumi_schema import package_schema
    from appfabric_connect.terraform import terraform_schema as terraform
    from appfabric_connect.terraform.proto import tfplugin6_pb2
    from appfabric_connect.terraform.schema_wire import ANSWERS

    served = tfplugin6_pb2.GetProviderSchema.Response.FromString(
        ANSWERS["/tfplugin6.Provider/GetProviderSchema"]
    ).resource_schemas[terraform.RESOURCE].block

    resource = package_schema()["resources"]["appfabric-connect:index:AppAuthorizationConnection"]
    answer = {"appAuthorizationArn": "arn", "appBundleArn": "b", "app": "SLACK",
              "status": "Connected", "appDisplayName": "Slack"}
    print(json.dumps({
        "args": list(inspect.signature(AppAuthorizationConnectionArgs).parameters),
        "args_dict": list(args.AppAuthorizationConnectionArgsDict.__annotations__),
        "keywords": list(args.AppAuthorizationConnectionKwargs.__annotations__),
        "getter": inspect.getdoc(AppAuthorizationConnection.app_display_name),
        "package_inputs": list(resource["inputProperties"]),
        "package_outputs": list(resource["properties"]),
        "terraform_resource": list(terraform.RESOURCE_BLOCK.names()),
        "terraform_data_source": list(terraform.DATA_SOURCE_BLOCK.names()),
        "terraform_served": [attribute.name for attribute in served.attributes],
        "read_back": outputs({}, "us-east-1", answer, None)["app_display_name"],
    }))
    """
)


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package, gen-args and the README, the schema given one input and one
    output, and gen-args run on it."""
    copy = tmp_path_factory.mktemp("one-edit")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PACKAGE, copy / "appfabric_connect", ignore=ignore)
    shutil.copytree(REPO / "scripts", copy / "scripts")
    for name in ("README.md", "pyproject.toml"):
        shutil.copy(REPO / name, copy / name)
    schema = copy / "appfabric_connect" / "schema.py"
    text = schema.read_text()
    for anchor, line in (("\nINPUTS = (\n", ADDED_INPUT), ("\nOUTPUTS = (\n", ADDED_OUTPUT)):
        assert text.count(anchor) == 1, anchor
        text = text.replace(anchor, anchor + line)
    schema.write_text(text)
    subprocess.run(
        [sys.executable, str(copy / "scripts" / "gen-args")],
        check=True,
        cwd=copy,
        env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(copy)},
    )
    return copy


def _changed(copy: Path) -> set[str]:
    """The files of the copy that differ from the originals."""
    originals = {Path(name): REPO / name for name in ("README.md", "pyproject.toml")}
    for path in (copy / "appfabric_connect").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            inside = path.relative_to(copy / "appfabric_connect")
            originals[path.relative_to(copy)] = PACKAGE / inside
    return {
        str(copied)
        for copied, original in originals.items()
        if not filecmp.cmp(copy / copied, original, shallow=False)
    }


def _appears(copy: Path) -> dict[str, Any]:
    found = subprocess.run(
        [sys.executable, "-c", WHERE_IT_APPEARS],
        capture_output=True,
        text=True,
        check=True,
        cwd=copy,
        env={"PYTHONPATH": str(copy)},
    )
    result: dict[str, Any] = json.loads(found.stdout)
    return result


def test_regeneration_changes_only_the_generated_files(edited: Path) -> None:
    assert _changed(edited) == {"appfabric_connect/schema.py", *GENERATED}


def test_an_added_input_is_in_the_args_the_args_dict_and_the_keyword_form(edited: Path) -> None:
    appears = _appears(edited)

    assert "display_label" in appears["args"]
    assert "display_label" in appears["args_dict"]
    assert "display_label" in appears["keywords"]


def test_an_added_output_is_a_documented_getter_read_back_from_appfabric(edited: Path) -> None:
    appears = _appears(edited)

    assert appears["getter"] == "the application's display name"
    assert appears["read_back"] == "Slack"


def test_an_added_input_and_output_are_in_the_provider_packages_schema(edited: Path) -> None:
    appears = _appears(edited)

    assert "displayLabel" in appears["package_inputs"]
    assert "appDisplayName" in appears["package_outputs"]


def test_an_added_input_and_output_are_in_the_terraform_schemas(edited: Path) -> None:
    appears = _appears(edited)

    assert "display_label" in appears["terraform_resource"]
    assert "app_display_name" in appears["terraform_resource"]
    assert "app_display_name" in appears["terraform_data_source"]
    assert {"display_label", "app_display_name"} <= set(appears["terraform_served"])


def test_an_added_input_and_output_are_rows_of_the_readmes_tables(edited: Path) -> None:
    readme = (edited / "README.md").read_text()

    assert "| `display_label` | string | no | no | a label the console shows |" in readme
    assert "| `app_display_name` | string | the application's display name |" in readme
