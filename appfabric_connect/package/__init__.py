"""The provider package ``appfabric-connect``: the connection as a real Pulumi provider."""
