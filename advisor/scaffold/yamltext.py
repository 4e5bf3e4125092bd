"""YAML output for starters: block style, key order kept, multi-line text as `|` blocks.

Documents are built as Python data and dumped with PyYAML's safe dumper, so names from
the model can never break the YAML structure (no templated YAML).
"""

from __future__ import annotations

from typing import Any

import yaml


class _BlockDumper(yaml.SafeDumper):
    """A safe dumper that indents lists under their key and keeps text readable."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        """Never write anchors and aliases: a shared Python object is written out each time."""
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _text)


def dump(document: Any) -> str:
    """One YAML document in block style, keys in insertion order."""
    return yaml.dump(document, Dumper=_BlockDumper, default_flow_style=False, sort_keys=False,
                     allow_unicode=True, width=100)


def dump_all(documents: list[Any]) -> str:
    """Several YAML documents separated by `---`."""
    return yaml.dump_all(documents, Dumper=_BlockDumper, default_flow_style=False, sort_keys=False,
                         allow_unicode=True, width=100, explicit_start=True)
