"""``python -m appfabric_connect.terraform``: the plugin, as the mirror's launcher runs it."""

from . import main

main()
