"""Every example is a self-contained Pulumi project: files, runtime, requirements, README."""

from __future__ import annotations

import tomllib

import pytest
import yaml

from tests.support.pulumi_project import EXAMPLES

NAMES = ["apikey-asana", "import-existing", "multi-account", "multi-tenant", "oauth2-slack"]
YAML_NAMES = ["yaml-apikey", "yaml-oauth2"]  # the provider package, tested in tests/package
TERRAFORM_NAMES = ["terraform-apikey", "terraform-oauth2"]  # Terraform configurations


def test_the_examples_are_the_documented_ones() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text()
    found = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())

    assert found == sorted(NAMES + YAML_NAMES + TERRAFORM_NAMES)
    assert all(f"(examples/{name})" in readme for name in found)


@pytest.mark.parametrize("name", YAML_NAMES)
def test_yaml_example_is_a_yaml_pulumi_project_with_a_readme(name: str) -> None:
    example = EXAMPLES / name
    project = yaml.safe_load((example / "Pulumi.yaml").read_text())

    assert project["runtime"] == "yaml"
    assert "pulumi up" in (example / "README.md").read_text()


@pytest.mark.parametrize("name", NAMES)
def test_example_is_a_python_pulumi_project_with_a_readme(name: str) -> None:
    example = EXAMPLES / name
    project = yaml.safe_load((example / "Pulumi.yaml").read_text())

    assert project["runtime"]["name"] == "python"
    assert (example / "__main__.py").is_file()
    assert "pulumi up" in (example / "README.md").read_text()


@pytest.mark.parametrize("name", NAMES)
def test_example_requirements_name_what_it_imports(name: str) -> None:
    example = EXAMPLES / name
    text = (example / "requirements.txt").read_text()
    requirements = _names(text)
    program = (example / "__main__.py").read_text()

    assert "pulumi" in requirements
    # appfabric-connect is not on PyPI: the example installs this checkout, with pulumi-aws
    # through the `examples` extra when it uses pulumi-aws.
    install = "-e ../..[examples]" if "import pulumi_aws" in program else "-e ../.."
    assert install in text.splitlines()
    assert "pulumi-aws" not in requirements
    checkout = tomllib.loads((example / "../../pyproject.toml").read_text())
    assert checkout["project"]["name"] == "appfabric-connect"


def _names(text: str) -> set[str]:
    lines = (line.split("#")[0].strip() for line in text.splitlines())
    lines = (line for line in lines if not line.startswith("-e "))
    return {line.split(">")[0].split("=")[0].split("<")[0].strip() for line in lines if line}
