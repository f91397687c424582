"""Warm starts of both plugins: a command's later starts forked from a parent already loaded.

Owns: the warm parent (``parent``: loads a plugin once, forks a child per later start of the
same engine run) and a start's hand-over to it (``client``, standard library only: the Terraform
launcher runs its text before ``site``, the package's entry point before grpc). Each plugin says
what its warm parent loads and how its child serves (``parent.Plugin``).
May import: ``__version__`` (never a front end: each passes its own ``Plugin``).
"""
