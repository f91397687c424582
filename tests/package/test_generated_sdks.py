"""The generated SDKs compile: Node.js under tsc, Go under go build and vet, Python under mypy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from appfabric_connect.pulumi.package.pulumi_schema import GO_IMPORT_BASE
from tests.support.pulumi_project import REPO

# The first run on a machine installs node_modules from npm and compiles sdk/v3's dependency tree.
pytestmark = [pytest.mark.e2e, pytest.mark.sdk, pytest.mark.timeout(1800)]

PULUMI_SDK_VERSION = "v3.274.1"  # the CLI's (scripts/ensure-pulumi), so its Go module is cached
ROLE_ARN = "arn:aws:iam::111122223333:role/appfabric-connect"

TS_PROGRAM = """\
import * as pulumi from "@pulumi/pulumi";
import * as appfabric from "./index";

type IsAny<T> = 0 extends 1 & T ? true : false;

const provider = new appfabric.Provider("provider", {
    region: "us-east-1",
    assumeRoles: [{ roleArn: "ROLE_ARN" }],
});
const connection = new appfabric.AppAuthorizationConnection(
    "connection",
    { appBundleIdentifier: "bundle", appAuthorizationIdentifier: "authorization" },
    { provider },
);
export const status: pulumi.Output<string> = connection.status;
export const statusIsTyped: IsAny<typeof connection.status> = false;
""".replace("ROLE_ARN", ROLE_ARN)

PY_PROGRAM = f"""\
import pulumi
import pulumi_appfabric_connect as appfabric

provider = appfabric.Provider(
    "provider",
    region="us-east-1",
    assume_roles=[appfabric.ProviderAssumeRoleArgs(role_arn="{ROLE_ARN}")],
)
connection = appfabric.AppAuthorizationConnection(
    "connection",
    app_bundle_identifier="bundle",
    app_authorization_identifier="authorization",
    opts=pulumi.ResourceOptions(provider=provider),
)
status: pulumi.Output[str] = connection.status
reveal_type(connection.status)
"""


Run = subprocess.CompletedProcess[str]


def _run(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    return subprocess.run(list(argv), cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _shown(result: Run) -> str:
    """The command and all it printed, for an assertion's message."""
    return f"$ {' '.join(result.args)}\n{result.stdout}{result.stderr}"


def _tool(name: str, *fallbacks: str) -> str:
    """``name`` on PATH (or at a default install place): in CI, whose machine has Go and Node.js,
    a missing one fails; elsewhere the test is skipped, saying why."""
    found = shutil.which(name) or next((f for f in fallbacks if os.access(f, os.X_OK)), None)
    if found is None:
        reason = f"no {name} on this machine: its SDK is generated but not compiled here"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return found


# --- Node.js: tsc against the generated package.json's own dependencies, from npm ---


@pytest.fixture(scope="session")
def node_modules(generated_sdks: Path) -> Path:
    """The Node.js SDK's dependencies (scripts/ensure-node-tools: npm, once per dependency set)."""
    _tool("node")
    _tool("npm")
    script = REPO / "scripts" / "ensure-node-tools"
    result = _run([str(script), str(generated_sdks / "nodejs" / "package.json")], cwd=REPO)
    if result.returncode != 0:
        pytest.fail(f"scripts/ensure-node-tools failed:\n{_shown(result)}", pytrace=False)
    return Path(result.stdout.strip())


@pytest.fixture
def nodejs_sdk(generated_sdks: Path, node_modules: Path, tmp_path: Path) -> Path:
    """A copy of the Node.js SDK whose ``node_modules`` is the cached install."""
    sdk = tmp_path / "nodejs"
    shutil.copytree(generated_sdks / "nodejs", sdk)
    (sdk / "node_modules").symlink_to(node_modules, target_is_directory=True)
    return sdk


def _tsc(sdk: Path, *args: str) -> Run:
    return _run(
        [_tool("node"), str(sdk / "node_modules" / "typescript" / "bin" / "tsc"), *args], sdk
    )


def _with_program(sdk: Path, source: str) -> Path:
    """The SDK's tsconfig, plus ``program.ts`` (``source``), which imports the SDK's index."""
    (sdk / "program.ts").write_text(source)
    config = sdk / "tsconfig.program.json"
    config.write_text('{"extends": "./tsconfig.json", "include": ["**/*.ts"], "files": []}\n')
    return config


def test_the_nodejs_sdk_compiles_with_tsc_against_its_npm_dependencies(
    nodejs_sdk: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bin"

    result = _tsc(nodejs_sdk, "-p", str(nodejs_sdk), "--outDir", str(out))

    assert result.returncode == 0, _shown(result)
    assert (out / "index.js").is_file() and (out / "index.d.ts").is_file(), _shown(result)


def test_a_typescript_program_using_the_nodejs_sdk_type_checks_with_its_types(
    nodejs_sdk: Path,
) -> None:
    config = _with_program(nodejs_sdk, TS_PROGRAM)

    result = _tsc(nodejs_sdk, "--noEmit", "-p", str(config))

    assert result.returncode == 0, _shown(result)


def test_a_wrong_argument_name_fails_tsc(nodejs_sdk: Path) -> None:
    wrong = TS_PROGRAM.replace("appBundleIdentifier:", "appBundleId:")
    config = _with_program(nodejs_sdk, wrong)

    result = _tsc(nodejs_sdk, "--noEmit", "-p", str(config))

    assert result.returncode != 0, _shown(result)
    assert "program.ts" in result.stdout, _shown(result)
    assert "'appBundleId' does not exist" in result.stdout, _shown(result)


# --- Go: go build and go vet, as a module of its own requiring the CLI's sdk/v3 ---


@pytest.fixture(scope="session")
def go_module(generated_sdks: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the Go SDK under a go.mod of the schema's import path, tidied (the module proxy
    fills in what the module cache lacks)."""
    go = _tool("go", "/usr/local/go/bin/go")
    module_path, package = GO_IMPORT_BASE.rsplit("/", 1)
    root = tmp_path_factory.mktemp("go-sdk")
    shutil.copytree(generated_sdks / "go", root, dirs_exist_ok=True)
    assert (root / package).is_dir(), f"no {package} in the generated Go SDK"
    (root / "go.mod").write_text(
        f"module {module_path}\n\ngo 1.22\n\n"
        f"require github.com/pulumi/pulumi/sdk/v3 {PULUMI_SDK_VERSION}\n"
    )
    result = _run([go, "mod", "tidy"], root, _go_env())
    if result.returncode != 0:
        pytest.fail(f"go mod tidy failed:\n{_shown(result)}", pytrace=False)
    return root


def _go_env() -> dict[str, str]:
    """-trimpath, as scripts/ensure-pulumi and ensure-sdkgen build: their compiled packages in
    Go's build cache serve here too (a cold build of sdk/v3's tree takes minutes)."""
    flags = os.environ.get("GOFLAGS", "")
    return {**os.environ, "GOFLAGS": f"{flags} -mod=mod -trimpath".strip()}


def test_the_go_sdk_builds(go_module: Path) -> None:
    result = _run([_tool("go", "/usr/local/go/bin/go"), "build", "./..."], go_module, _go_env())

    assert result.returncode == 0, _shown(result)


def test_the_go_sdk_passes_go_vet(go_module: Path) -> None:
    result = _run([_tool("go", "/usr/local/go/bin/go"), "vet", "./..."], go_module, _go_env())

    assert result.returncode == 0, _shown(result)


# --- Python: mypy --strict on a program using the pip-installed SDK ---


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for this session's runs (pulumi's own types are most of the work)."""
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy(program: str, python_sdk: Path, cache: Path, directory: Path) -> Run:
    """``mypy --strict`` on ``program``, with the SDK on the interpreter's path: checked as an
    installed package (its py.typed), so only the program's errors count, not pulumi codegen's."""
    (directory / "program.py").write_text(program)
    (directory / "mypy.ini").write_text("[mypy]\n")  # none of the caller's settings
    env = {name: value for name, value in os.environ.items() if name != "MYPYPATH"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(python_sdk), env.get("PYTHONPATH")) if p)
    argv = [sys.executable, "-m", "mypy", "--strict", "--config-file", "mypy.ini"]
    return _run([*argv, "--cache-dir", str(cache), "program.py"], directory, env)


def test_a_typed_python_program_using_the_python_sdk_passes_mypy_strict(
    python_sdk: Path, mypy_cache: Path, tmp_path: Path
) -> None:
    result = _mypy(PY_PROGRAM, python_sdk, mypy_cache, tmp_path)

    assert result.returncode == 0, _shown(result)
    assert re.search(
        r'Revealed type is "pulumi\.output\.Output\[(builtins\.)?str\]"', result.stdout
    ), _shown(result)


def test_a_wrong_argument_name_fails_mypy(
    python_sdk: Path, mypy_cache: Path, tmp_path: Path
) -> None:
    wrong = PY_PROGRAM.replace("app_bundle_identifier=", "app_bundle_id=")

    result = _mypy(wrong, python_sdk, mypy_cache, tmp_path)

    assert result.returncode == 1, _shown(result)
    assert 'Unexpected keyword argument "app_bundle_id"' in result.stdout, _shown(result)


# --- .NET: generated (pkg/v3@v3.206.0's generator), not compiled: no .NET SDK on this machine ---


def test_the_dotnet_sdk_declares_the_resource_the_provider_and_a_secret_code(
    generated_sdks: Path,
) -> None:
    sdk = generated_sdks / "dotnet"
    resource = (sdk / "AppAuthorizationConnection.cs").read_text()
    auth_request = (sdk / "Inputs" / "AuthRequestArgs.cs").read_text()

    assert (sdk / "Pulumi.AppFabricConnect.csproj").is_file()
    assert "namespace Pulumi.AppFabricConnect" in resource
    assert 'base("appfabric-connect:index:AppAuthorizationConnection"' in resource
    assert '[Input("appBundleIdentifier", required: true)]' in resource
    assert (
        "class ProviderAssumeRoleArgs" in (sdk / "Inputs" / "ProviderAssumeRoleArgs.cs").read_text()
    )
    # The C# generator's mark of a secret input: its setter wraps the value in a secret Output.
    code_setter = auth_request.split('[Input("code", required: true)]')[1]
    assert "Output.CreateSecret" in code_setter.split("[Input(")[0]
