"""``python -m appfabric_connect``: the ``authorize``, ``status`` and ``emulator`` commands."""

from appfabric_connect.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
