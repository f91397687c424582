"""Local emulator of AWS AppFabric's app-authorization API, faithful at the boto3 wire level."""

from .control_client import EmulatorControl, EmulatorControlError
from .server import EmulatorServer

__all__ = ["EmulatorControl", "EmulatorControlError", "EmulatorServer"]
