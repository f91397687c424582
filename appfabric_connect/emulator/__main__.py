"""Command line: run the AppFabric emulator until SIGINT or SIGTERM; ``seed`` fills a running
one (``seed_command.py``)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from .models import DEFAULT_ACCOUNT
from .server import EmulatorServer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appfabric-emulator",
        description="Local emulator of the AWS AppFabric app-authorization API. "
        "`appfabric-emulator seed --help`: create a bundle and authorizations in a running one.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    parser.add_argument(
        "--port", type=int, default=4599, help="port; 0 picks a free one (default %(default)s)"
    )
    parser.add_argument(
        "--region",
        default="us-east-1",
        help="region when a request names none (default %(default)s)",
    )
    parser.add_argument(
        "--account", default=DEFAULT_ACCOUNT, help="account id (default %(default)s)"
    )
    parser.add_argument(
        "--state",
        metavar="FILE",
        help="keep state in this JSON file across restarts (local development only; "
        "credentials are stored as SHA-256 digests, never in clear)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["seed"]:
        from .seed_command import main as seed

        return seed(argv[1:])
    args = _parser().parse_args(argv)
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        server = EmulatorServer(
            args.host, args.port, args.region, args.account, args.state, verbose=args.verbose
        )
        server.start()
    except (OSError, ValueError) as e:
        print(f"appfabric-emulator: {e}", file=sys.stderr)
        return 1
    print(f"AppFabric emulator listening on {server.url}", flush=True)
    while not stop.wait(1.0):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
