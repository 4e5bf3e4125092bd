"""The import report as data (JSON) and as text: what was imported, from where, what was not."""

from __future__ import annotations

from typing import Any

from advisor.format.interop.facts import item_key
from advisor.format.interop.merge import Entry, Merged

_SHOWN_DIFFERENCES = 5
_LISTS = ("calls", "publishes", "consumes")


_ABSENT = object()


def differences(file: Any, source: Any, at: str) -> list[str]:
    """Where two values differ, one line each: `steps[2].retries: file 3, source 5`."""
    if isinstance(file, dict) and isinstance(source, dict):
        keys = [*file, *(k for k in source if k not in file)]
        return [d for k in keys for d in differences(file.get(k, _ABSENT), source.get(k, _ABSENT), f"{at}.{k}")]
    if isinstance(file, list) and isinstance(source, list):
        return [d for i in range(max(len(file), len(source)))
                for d in differences(file[i] if i < len(file) else _ABSENT,
                                     source[i] if i < len(source) else _ABSENT, f"{at}[{i}]")]
    if file == source:
        return []
    return [f"{at}: file {_said(file)}, source {_said(source)}"]


def _said(value: Any) -> str:
    if value is _ABSENT:
        return "absent"
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


def _shown(value: Any) -> str:
    if isinstance(value, dict) and "service" in value:
        extra = ", ".join(f"{k} {v}" for k, v in value.items() if k != "service")
        return f"{value['service']} ({extra})" if extra else str(value["service"])
    if isinstance(value, list) and all(isinstance(v, dict) and "action" in v for v in value):
        return "steps " + ", ".join(f"{v.get('service')}.{v['action']}" for v in value)
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "nothing"
    return str(value)


def _line(entry: Entry) -> str:
    path = ".".join(entry.path)
    if entry.value is None:
        what = path
    elif entry.path[-1] in _LISTS:
        what = f"{path} += {_shown(entry.value)}"
    else:
        what = f"{path}: {_shown(entry.value)}"
    if entry.status in ("conflict", "overridden") and _composite(entry):
        found = _differences(entry)
        more = len(found) - _SHOWN_DIFFERENCES
        what = f"{path}: " + "; ".join(found[:_SHOWN_DIFFERENCES]) + (f"; and {more} more" if more > 0 else "")
    elif entry.status in ("conflict", "overridden"):
        what = f"{path}: the file says {_shown(entry.current)}, the source {_shown(entry.value)}"
    detail = f" [{entry.detail}]" if entry.detail else ""
    return f"  {what}{detail}  ({entry.source})"


def _composite(entry: Entry) -> bool:
    return isinstance(entry.current, dict | list) and isinstance(entry.value, dict | list)


def _differences(entry: Entry) -> list[str]:
    """What differs, named from the key (`steps[1].retries`) or, in a list, the item (`pay.protocol`)."""
    listed = entry.path[-1] in _LISTS and not isinstance(entry.value, list)
    return differences(entry.current, entry.value, str(item_key(entry.value)) if listed else str(entry.path[-1]))


def report_text(merged: Merged, target: str, *, written: bool) -> str:
    """The report a person reads."""
    by = {status: [e for e in merged.entries if e.status == status]
          for status in ("added", "same", "conflict", "overridden")}
    if written:
        added = f"{len(by['added'])} facts added"
    elif merged.changed:
        added = f"{len(by['added'])} facts would be added (dry run, nothing written)"
    else:
        added = "nothing new (the file is unchanged)"
    head = f"{target}: {added}, {len(by['same'])} already there, {len(by['conflict'])} in conflict"
    if by["overridden"]:
        head += f", {len(by['overridden'])} platform defaults set otherwise in the file"
    lines = [head]
    if merged.upgraded:
        lines.append("  version: 2 (format version 2 holds the imported facts)")
    if by["added"]:
        lines += ["imported:", *(_line(e) for e in by["added"])]
    if by["conflict"]:
        lines += ["conflicts (the file's value is kept; change it by hand if the source is right):",
                  *(_line(e) for e in by["conflict"])]
    if by["overridden"]:
        lines += ["platform defaults the file sets otherwise (not conflicts; the file's value is kept):",
                  *(_line(e) for e in by["overridden"])]
    if merged.notes:
        lines += ["not mapped:", *(f"  {n.source}: {n.message}" for n in merged.notes)]
    return "\n".join(_printable(line) for line in lines)


def _printable(line: str) -> str:
    """A report line as plain text: control characters from a source (terminal escapes,
    line breaks) are shown as `?`, so a source cannot rewrite what the report shows."""
    return "".join(char if char.isprintable() else "?" for char in line)


def report_data(merged: Merged, target: str, *, written: bool) -> dict[str, Any]:
    """The report as JSON-ready data."""
    def source(e: Entry) -> dict[str, Any]:
        return {"path": e.source.path, "line": e.source.line, "column": e.source.column}

    return {
        "file": target,
        "written": written,
        "version_upgraded": merged.upgraded,
        "facts": [{"status": e.status, "at": list(e.path), "value": e.value, "source": source(e),
                   **({"detail": e.detail} if e.detail else {}),
                   **({"file_value": e.current} if e.status in ("conflict", "overridden") else {}),
                   **({"differences": _differences(e)} if e.status == "conflict" and _composite(e) else {})}
                  for e in merged.entries],
        "not_mapped": [{"path": n.source.path, "line": n.source.line, "column": n.source.column,
                        "message": n.message} for n in merged.notes],
    }
