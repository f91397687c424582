"""The ``python -m appfabric_connect`` commands: ``authorize`` and ``status``."""
