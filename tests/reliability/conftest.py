"""Reliability tests run the real provider against the real emulator over HTTP."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def against_the_emulator(aws_env: str) -> str:
    """Every reliability test's AWS environment points at the (freshly reset) emulator."""
    return aws_env
