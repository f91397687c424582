"""The provider package with no AppFabric call: the floor its refresh is measured beside.

``python -m bench.noop_package`` is the real plugin (same server, servicer, SDK and property
maps) whose Read answers from the state the engine sends, as an authorization that is still
there and Connected would; Check, Diff and Configure are the real ones. A refresh through it
costs the engine, the plugin's start and its gRPC and nothing of AppFabric. Run as a script
(``python bench/noop_package.py``), it imports the package the plugin would: the installed one, or
one on PYTHONPATH (``bench/rpc_costs.py``'s "before").
"""

from __future__ import annotations

from appfabric_connect.pulumi.package import server
from appfabric_connect.pulumi.package.connection import PackageConnection, PropertyMap, Read
from appfabric_connect.pulumi.package.wire import with_secrets


def read(
    self: PackageConnection, resource_id: str, state: PropertyMap, inputs: PropertyMap
) -> Read:
    return Read(resource_id, dict(state), with_secrets(inputs))


def main() -> None:
    PackageConnection.read = read  # type: ignore[method-assign]
    server.main()


if __name__ == "__main__":
    main()
