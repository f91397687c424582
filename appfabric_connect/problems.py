"""A bad input or setting: its path of the schema's names, why, and each front end's spelling."""

from __future__ import annotations

from dataclasses import dataclass

from .naming import camel

Path = tuple[str | int, ...]  # the schema's names and list indexes: ("assume_roles", 0, "role_arn")


@dataclass(frozen=True)
class Problem:
    """What is wrong (``reason``, in no front end's words but the names it quotes) at ``path``;
    ``setting``: a provider setting's path, else an input's."""

    path: Path
    reason: str
    setting: bool = False
    own: bool = False  # a setting of this package's own (``endpoint``), not pulumi-aws's


@dataclass(frozen=True)
class Spelling:
    """How one front end writes a path: ``aws:assumeRoles[0].roleArn`` (stack config),
    ``assumeRoles[0].roleArn`` (the package), ``assume_role[0].role_arn`` (Terraform)."""

    prefix: str = ""
    camel_case: bool = True
    renamed: tuple[tuple[str, str], ...] = ()  # a schema name → this front end's
    one_item_lists: frozenset[str] = frozenset()  # objects written as a list of one (a block)

    def __call__(self, path: Path) -> str:
        """``path`` as the user writes it, with the prefix."""
        return self.prefix + self.bare(path)

    def bare(self, path: Path) -> str:
        """``path`` as the user writes it, without the prefix."""
        renamed = dict(self.renamed)
        text = ""
        for index, part in enumerate(path):
            if isinstance(part, int):
                text += f"[{part}]"
                continue
            name = renamed.get(part) or (camel(part) if self.camel_case else part)
            text += f".{name}" if index else name
            following = path[index + 1] if index + 1 < len(path) else None
            if part in self.one_item_lists and not isinstance(following, int):
                text += "[0]"
        return text

    def name(self, name: str) -> str:
        """One setting's name, without the prefix: ``assumeRoles``, ``assume_role``."""
        return self.bare((name,))


# The schema's own spelling: ``auth_request.code``, ``aws.assume_roles[0].role_arn``.
AS_IS = Spelling(camel_case=False)
