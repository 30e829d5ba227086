"""Writing front matter: the one writer `journal new` and `journal import` use.

Keys in the order given, text as double-quoted scalars (a JSON string is a valid YAML
scalar, so nothing an editor or an imported file wrote is read as a number, date or flag),
lists and mappings in block style, `\\n` line endings, the body after the closing `---`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import Any


def scalar(value: Any) -> str:
    """One value as YAML: text quoted, numbers, flags and dates as themselves."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _lines(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        out = [f"{indent}{key}:"]
        for name, item in value.items():
            out += _lines(name, item, indent + "  ")
        return out
    if isinstance(value, (list, tuple)):
        out = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                first = True
                for name, inner in item.items():
                    lines = _lines(name, inner, indent + "    ")
                    if first:
                        lines[0] = f"{indent}  - " + lines[0].lstrip()
                        first = False
                    out += lines
            else:
                out.append(f"{indent}  - {scalar(item)}")
        return out
    return [f"{indent}{key}: {scalar(value)}"]


def render(values: Sequence[tuple[str, Any]], body: str) -> str:
    """A Markdown file: the front matter of `values` (in order), then `body`."""
    lines = ["---"]
    for key, value in values:
        lines += _lines(key, value, "")
    lines.append("---")
    text = "\n".join(lines) + "\n"
    body = body.strip("\n")
    return text + (body + "\n" if body else "")
