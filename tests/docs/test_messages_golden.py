"""Every message a user reads stays byte for byte as pinned in messages_golden.json."""

from __future__ import annotations

import json

import pytest

from tests.docs.messages import GOLDEN, count, render


@pytest.fixture(autouse=True)
def no_aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL_APPFABRIC"):
        monkeypatch.delenv(name, raising=False)


def test_every_rendered_message_is_as_pinned() -> None:
    pinned = json.loads(GOLDEN.read_text())
    rendered = render()
    for kind in pinned:
        for front_end in pinned[kind]:
            assert rendered[kind][front_end] == pinned[kind][front_end], (
                f"{kind} of {front_end} changed; if on purpose: python -m tests.docs.messages"
            )
    assert rendered.keys() == pinned.keys()


def test_the_golden_file_pins_every_front_ends_messages() -> None:
    assert count(json.loads(GOLDEN.read_text())) > 200
