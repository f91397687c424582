"""The provider package with no AppFabric call: the floor its refresh is measured beside.

``python -m bench.noop_package`` is the real plugin (same entry point, warm starts, server,
servicer, SDK and property maps) whose Read answers from the state the engine sends, as an
authorization that is still there and Connected would; Check, Diff and Configure are the real
ones. A refresh through it costs the engine, the plugin's starts and its gRPC and nothing of
AppFabric. Run as a script (``python bench/noop_package.py``), it imports the package the plugin
would: the installed one, or one on PYTHONPATH (``bench/rpc_costs.py``'s "before").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appfabric_connect.pulumi.package.connection import PackageConnection, PropertyMap, Read

PLUGIN = "bench-noop-package"  # its own warm parent: never the real plugin's


def read(
    self: PackageConnection, resource_id: str, state: PropertyMap, inputs: PropertyMap
) -> Read:
    from appfabric_connect.pulumi.package.connection import Read
    from appfabric_connect.pulumi.package.wire import with_secrets

    return Read(resource_id, dict(state), with_secrets(inputs))


def main() -> None:
    try:
        from appfabric_connect.pulumi.package.start import attach_to_warm_parent
    except ImportError:  # a revision before warm starts ("before")
        pass
    else:
        attach_to_warm_parent(PLUGIN)  # a later start: the warm parent's child has the patch
    from appfabric_connect.pulumi.package import server
    from appfabric_connect.pulumi.package.connection import PackageConnection

    PackageConnection.read = read  # type: ignore[method-assign]
    if "plugin" in server.main.__code__.co_varnames:
        server.main(PLUGIN)
    else:
        server.main()


if __name__ == "__main__":
    main()
