"""Root program: AppFabric connections declared from the stack config list `connections`."""

import pulumi

from appfabric_connect.pulumi.dynamic.program import declare_connections

declare_connections(pulumi.Config().require_object("connections"))
