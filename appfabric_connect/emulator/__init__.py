"""Local emulator of AWS AppFabric's app-authorization API, faithful at the boto3 wire level.

Owns: the HTTP server, the operations and their state, consent and codes, faults, and the
control API tests drive it with.
May import: ``aws`` (botocore's model; never ``pulumi``, nor any front end).
"""

from .control_client import EmulatorControl, EmulatorControlError
from .server import EmulatorServer

__all__ = ["EmulatorControl", "EmulatorControlError", "EmulatorServer"]
