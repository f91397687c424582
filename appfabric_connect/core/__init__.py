"""The connection's lifecycle, free of any front end: plain values in, dataclasses and typed
failures out. A front end (the Pulumi dynamic resource and provider package, the Terraform
provider) maps its framework's values onto these calls and words the failures.

Owns: check/create/read/diff/update, Connect and the waits, adoption and the interrupted-run
rules, which authorization and region (ARNs and UUIDs), the AppFabric calls, offline
validation, outputs, code fingerprints, and reading namespaced settings.
May import: ``aws``, ``naming``, ``problems``, ``quoting``, ``schema``, ``unknown`` (never
``pulumi``: a test proves it).

The API (``from appfabric_connect import core``)::

    config = core.read_config(aws_settings, words, spelling, own_settings, own_spelling)
    # or core.ProviderConfig(words, settings=AwsSettings(...), connect_timeout=300.0)
    core.check(config, inputs) -> list[core.Problem]        # offline; unknowns pass
    core.create(config, inputs) -> core.Created             # .id (the ARN), .outputs
    core.read(config, id, state) -> core.Read               # .id None: gone; .outputs, .inputs
    core.diff(config, state, inputs) -> core.Diff           # .changes, .replaces
    core.update(config, state, inputs) -> core.Updated      # .outputs
    core.preload_aws()                                      # steps a warm parent takes

Settings are plain values by the schema's names (an object's fields too); a ``core.Problem``
is at a ``path`` of schema names and indexes (``("assume_roles", 0, "role_arn")``), and the
front end writes it as its users do: ``config.spell(problem, its_input_spelling)``, with the
``core.Spelling`` it gave ``read_config`` (``aws:assumeRoles[0].roleArn``,
``assume_role[0].role_arn``), which also names settings inside the reasons.

Inputs, state and outputs are plain dicts with the schema's snake_case names
(``schema.INPUTS``, ``schema.OUTPUTS``); a value not known yet (a preview's) is
``core.UNKNOWN`` (a ``core.Unknown``: each front end maps its own unknown to it, and no AWS
call sends it). There is no delete: AppFabric has no disconnect API.

A connection that cannot be made raises ``core.Failure``: ``.what`` (what happened, one line),
``.remedy`` (a ``core.Remedy`` or None: ``.action``, a ``core.Action`` — NEW_CODE, FIX_STATUS,
WAIT_LONGER, SET_REGION — with ``.property_name`` the input to set, ``.auth_url``, ``.status``,
``.auth_type``, ``.setting``, ``.bundle``, ``.authorization``), and ``.render(words)``, the
message a user reads. ``words`` (``core.Words``) is the front end's: ``remedy(Remedy) -> str``,
``hints(setting_prefix) -> aws.failures.Hints`` (where the profile, region and endpoint are
set, quoted in AWS failures), ``stack`` (what declares a connection) and ``input_name(name)``
(its name for an input); ``core.FrontEndWords`` builds both from a front end's phrases
(its command, its names for the consent URL and the code's input, its settings). Warnings go
to the ``appfabric_connect`` logger and to each of ``core.messages.warning_sinks``. Anything
else raised is a bug.
"""

from __future__ import annotations

from collections.abc import Callable

from ..problems import Problem, Spelling
from ..unknown import UNKNOWN, Unknown
from .config import ProviderConfig, read_config
from .lifecycle import Created, Diff, Read, Updated, check, create, diff, read, update
from .messages import Action, Failure, FrontEndWords, Remedy, Words


def preload_aws() -> list[Callable[[], None]]:
    """What the first AppFabric call of this process would load (botocore, the models), as
    steps that make no call: a warm parent's last loads, one at a time."""
    from ..aws.clients import preload_steps

    return preload_steps()


__all__ = [
    "UNKNOWN",
    "Action",
    "Created",
    "Diff",
    "Failure",
    "FrontEndWords",
    "Problem",
    "ProviderConfig",
    "Read",
    "Remedy",
    "Spelling",
    "Unknown",
    "Updated",
    "Words",
    "check",
    "create",
    "diff",
    "preload_aws",
    "read",
    "read_config",
    "update",
]
