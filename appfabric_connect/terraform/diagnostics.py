"""Terraform diagnostics: errors and warnings, each naming its attribute when it has one."""

from __future__ import annotations

import re

from .proto import tfplugin6_pb2 as tf

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\"([^\"]*)\"\]")


def attribute_path(path: str) -> tf.AttributePath:
    """``assume_role[1].role_arn`` as Terraform's steps: attribute, element 1, attribute."""
    steps = []
    for name, index, key in _STEP.findall(path):
        if name:
            steps.append(tf.AttributePath.Step(attribute_name=name))
        elif index:
            steps.append(tf.AttributePath.Step(element_key_int=int(index)))
        else:
            steps.append(tf.AttributePath.Step(element_key_string=key))
    return tf.AttributePath(steps=steps)


def error(summary: str, detail: str = "", path: str | None = None) -> tf.Diagnostic:
    return _diagnostic(tf.Diagnostic.ERROR, summary, detail, path)


def warning(summary: str, detail: str = "", path: str | None = None) -> tf.Diagnostic:
    return _diagnostic(tf.Diagnostic.WARNING, summary, detail, path)


def _diagnostic(severity: int, summary: str, detail: str, path: str | None) -> tf.Diagnostic:
    found = tf.Diagnostic(severity=severity, summary=summary, detail=detail)
    if path:
        found.attribute.CopyFrom(attribute_path(path))
    return found
