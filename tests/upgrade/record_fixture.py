"""Records a release's stack through the real CLI, for the upgrade tests to run the next release on.

Run it with the release's checkout first on the path and the Pulumi CLI on PATH, e.g.
``PYTHONPATH=/tmp/release-0.1.0 python tests/upgrade/record_fixture.py tests/upgrade/v0.1.0``:
it starts that release's emulator with a state file, seeds an oauth2 (SLACK) and an apiKey (ASANA)
authorization, runs that release's root program with ``pulumi up``, and writes the stack export,
the stack's config file and the emulator's state into the output folder. Self-contained on
purpose: it must run against an old release, whose modules differ from today's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import boto3

from appfabric_connect.emulator import EmulatorControl, EmulatorServer
from appfabric_connect.emulator.seed import seed_demo

STACK = "upgrade"
REGION = "us-east-1"
PASSPHRASE = "appfabric-connect-upgrade"
REDIRECT_URI = f"https://{REGION}.console.aws.amazon.com/appfabric/oauth2"


def main(out: Path) -> None:
    import appfabric_connect

    release = Path(appfabric_connect.__file__).resolve().parents[1]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        project = Path(work) / "project"
        project.mkdir()
        shutil.copy(release / "__main__.py", project / "__main__.py")
        (project / "Pulumi.yaml").write_text(
            "name: appfabric-connect\nruntime:\n  name: python\n"
            f"  options:\n    virtualenv: {sys.prefix}\n"
        )
        state = Path(work) / "emulator-state.json"
        with EmulatorServer(region=REGION, state_file=state) as emulator:
            env = {
                **os.environ,
                "AWS_ACCESS_KEY_ID": "AKIAUPGRADEFIXTURE",
                "AWS_SECRET_ACCESS_KEY": "upgrade-fixture-secret-key",
                "AWS_REGION": REGION,
                "AWS_DEFAULT_REGION": REGION,
                "AWS_ENDPOINT_URL_APPFABRIC": emulator.url,
                "PULUMI_BACKEND_URL": f"file://{work}/backend",
                "PULUMI_HOME": f"{work}/pulumi-home",
                "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
                "PULUMI_SKIP_UPDATE_CHECK": "true",
            }
            Path(work, "backend").mkdir()
            os.environ.update(env)
            seeded = seed_demo(boto3.client("appfabric", region_name=REGION))
            slack, asana = seeded.oauth2_authorization, seeded.api_key_authorization
            code = EmulatorControl(emulator.url).obtain_code(slack["authUrl"], REDIRECT_URI)

            def pulumi(*args: str, stdin: str | None = None) -> str:
                done = subprocess.run(
                    ["pulumi", *args, "--stack", STACK, "--non-interactive"],
                    cwd=project,
                    env=env,
                    input=stdin,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                return done.stdout

            subprocess.run(
                ["pulumi", "stack", "init", STACK, "--non-interactive"],
                cwd=project,
                env=env,
                check=True,
                capture_output=True,
            )
            pulumi("config", "set", "aws:region", REGION)
            for index, (name, authorization) in enumerate((("slack", slack), ("asana", asana))):
                entry = f"connections[{index}]"
                pulumi("config", "set", "--path", f"{entry}.name", name)
                pulumi(
                    "config", "set", "--path", f"{entry}.app_bundle_identifier", seeded.bundle_arn
                )
                pulumi(
                    "config",
                    "set",
                    "--path",
                    f"{entry}.app_authorization_identifier",
                    authorization["appAuthorizationArn"],
                )
            pulumi(
                "config", "set", "--path", "connections[0].auth_request.redirect_uri", REDIRECT_URI
            )
            pulumi(
                "config",
                "set",
                "--secret",
                "--path",
                "connections[0].auth_request.code",
                stdin=code,
            )
            pulumi("up", "--yes", "--skip-preview")
            export = json.loads(pulumi("stack", "export"))
        (out / "stack.json").write_text(json.dumps(export, indent=2, sort_keys=True) + "\n")
        shutil.copy(project / f"Pulumi.{STACK}.yaml", out / f"Pulumi.{STACK}.yaml")
        shutil.copy(state, out / "emulator-state.json")
        (out / "release.txt").write_text(getattr(appfabric_connect, "__version__", "0.1.0") + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
