"""How a command fails: one line for the user and an exit code, also for bad arguments."""

from __future__ import annotations

import argparse
from typing import NoReturn


class CliError(Exception):
    """A failure the user can act on; its message is one line and holds no secret."""

    exit_code = 1


class UsageError(CliError):
    """Arguments that make no sense together (exit code 2, as argparse uses)."""

    exit_code = 2


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line (a UsageError) instead of usage + exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")
