"""What a warm parent loads for its starts' first AWS client: all of it, in more than one step."""

from __future__ import annotations

import json
import subprocess
import sys

# In a fresh interpreter: the preload's steps, then the first client of this process, counting
# the model files botocore reads for it.
FIRST_CLIENT = """
import json, os
import botocore.loaders
from appfabric_connect.aws import clients
from appfabric_connect.aws.settings import AwsSettings

steps = clients.preload_steps()
for step in steps:
    step()
read = []
original = botocore.loaders.JSONFileLoader.load_file
def counted(self, path):
    read.append(path)
    return original(self, path)
botocore.loaders.JSONFileLoader.load_file = counted
clients.client(AwsSettings(), "eu-west-1")
print(json.dumps({"steps": len(steps), "read": read}))
"""


def test_after_the_preload_steps_a_first_client_reads_no_model_file() -> None:
    environ = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "x", "HOME": "/"}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_CLIENT],
        capture_output=True,
        text=True,
        check=True,
        env={**environ, "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"},
    )
    found = json.loads(done.stdout)

    assert found["steps"] > 1  # a warm parent can fork a start between them
    assert found["read"] == []
