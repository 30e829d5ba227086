"""YAML syntax errors in an editor's words: the line, what is wrong there, and the fix.

PyYAML says "could not find expected ':'" or "did not find expected key"; editors made one
of a few mistakes, which the text of the lines shows. Each rule looks at the lines the
error names and, when it recognises the mistake, says it plainly with the corrected line.
"""

from __future__ import annotations

import json
import re

import yaml

GENERIC = (
    "Check the line's colons, quotes and indentation; put text containing ': ' or '#' in quotes."
)
_KEY_VALUE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):[ ]+(.*)$")


def _line(lines: list[str], number: int) -> str:
    return lines[number] if 0 <= number < len(lines) else ""


def _show(text: str) -> str:
    return f"`{text.strip()}`"


def _tab(lines: list[str], last: int) -> tuple[int, str] | None:
    for number in range(min(last, len(lines) - 1) + 1):
        indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
        if "\t" in indent:
            return number, (
                "the line is indented with a tab. YAML needs spaces: replace the tab with "
                'two spaces (VS Code: "Convert Indentation to Spaces").'
            )
    return None


def _missing_space(line: str, number: int) -> tuple[int, str] | None:
    dash = re.match(r"^(\s*)-([^\s-].*)$", line)
    if dash:
        return number, (
            f"{_show(line)} needs a space after the dash of a list item. Write "
            f"`{dash.group(1).lstrip()}- {dash.group(2).strip()}`."
        )
    colon = re.match(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):([^\s/].*)$", line)
    if colon:
        return number, (
            f"{_show(line)} needs a space after the colon. Write "
            f"`{colon.group(2)}: {colon.group(3).strip()}`."
        )
    return None


def _unclosed(context: str, lines: list[str], start: int) -> tuple[int, str] | None:
    line = _line(lines, start)
    if "quoted scalar" in context:
        quote = '"' if '"' in line else "'"
        return start, (
            f"the {quote} opened on this line is never closed. Add the closing {quote} at the "
            f"end of the value: {_show(line.rstrip() + quote)}."
        )
    if "flow sequence" in context or "flow mapping" in context:
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return start, (
            f"the {opening} opened on this line is never closed. Add {closing} after the last "
            f"item: {_show(line.rstrip() + closing)}."
        )
    return None


def _colon_in_value(line: str, number: int) -> tuple[int, str] | None:
    found = _KEY_VALUE.match(line)
    if not found or ": " not in found.group(3):
        return None
    fixed = f"{found.group(1).lstrip()}{found.group(2)}: {json.dumps(found.group(3).strip())}"
    return number, (
        f"the value of {found.group(2)} contains a colon followed by a space, which YAML "
        f"reads as a new field. Put the value in double quotes: `{fixed}`."
    )


def _spaces(number: int) -> str:
    return f"{number} space{'' if number == 1 else 's'}"


def _list_indent(lines: list[str], number: int) -> tuple[int, str] | None:
    item = re.match(r"^(\s*)- ", _line(lines, number))
    if not item:
        return None
    for above in range(number - 1, -1, -1):
        other = re.match(r"^(\s*)- ", lines[above])
        if other and len(other.group(1)) != len(item.group(1)):
            width, fixed = len(other.group(1)), _line(lines, number).strip()
            return number, (
                f"the dash of this list item is {_spaces(len(item.group(1)))} in, the dash on "
                f"line {{line:{above}}} {_spaces(width)}. Line the dashes of a list up: "
                f"`{' ' * width}{fixed}`."
            )
        if not lines[above].startswith(" ") and lines[above].strip():
            break
    return None


def explain(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """(0-based line, message) for a YAML syntax error in `text`. The message may hold
    `{line:N}` for another line of `text`, which the caller numbers (see `number_lines`)."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    at = mark.line if mark else 0
    start = error.context_mark.line if error.context_mark else at
    context, problem = error.context or "", error.problem or ""
    found = (
        _tab(lines, at)
        or _unclosed(context, lines, start)
        or (_missing_space(_line(lines, start), start) if "simple key" in context else None)
        or (_colon_in_value(_line(lines, at), at) if "mapping values" in problem else None)
        or _list_indent(lines, at)
    )
    if found:
        return found
    what = problem.strip() or "invalid YAML"
    if error.context_mark and start != at:  # e.g. a [ or " opened earlier
        what += f" (in the part that starts on line {{line:{start}}})"
    return at, f"YAML syntax error: {what}. {GENERIC}"


def number_lines(message: str, offset: int) -> str:
    """Write the `{line:N}` of `explain`'s message as the file's line numbers."""
    return re.sub(r"\{line:(\d+)\}", lambda m: str(int(m.group(1)) + offset + 1), message)
