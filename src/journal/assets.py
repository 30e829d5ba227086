"""Files the site publishes as they are (photos, logos, covers, PDFs, pages in docs/): which
may be published, and what they may hold.

A pull request can add any file. Three kinds are refused, so that they never reach the site:
- a symbolic link, anywhere in a content folder: it could publish a file from outside the
  repository (a link to .git/config publishes the checkout's credentials);
- an SVG image that can run script or load from elsewhere: the site serves it from its own
  origin, where script reads what readers' browsers keep for the site;
- a file of a kind that a browser runs (HTML, JavaScript, XML) in docs/: pages are written in
  Markdown, and the theme's own scripts come from the theme.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from lxml import etree

CONTENT_FOLDERS = ("abstracts", "authors", "docs", "overrides")
"""Folders whose files reach the site (overrides/ holds the theme's templates and assets)."""
CONTENT_FILES = ("issues.yml", "mkdocs.yml")
ACTIVE_TYPES = (".html", ".htm", ".xhtml", ".xht", ".js", ".mjs", ".xml", ".xsl", ".xslt")
"""File types a browser runs script from; refused in docs/ (pages there are Markdown)."""

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What drawing programs add (Inkscape, Sodipodi, RDF metadata): ignored by browsers.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
    }
)
SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "desc",
        "title",
        "metadata",
        "symbol",
        "use",
        "switch",
        "style",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "filter",
        "image",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    ]
)
"""Drawing elements: no script, foreignObject, animation (it can set links) or embedding."""
_LINK_ATTRIBUTES = ("href", f"{{{XLINK}}}href")
_SAFE_DATA = ("data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;")


def _unsafe_style(text: str) -> str | None:
    """What in CSS text loads from elsewhere or runs script, if anything."""
    folded = "".join(text.lower().split()).replace("\\", "")
    if "@import" in folded or "expression(" in folded or "javascript:" in folded:
        return "a style that imports or runs code"
    rest = folded
    while "url(" in rest:
        rest = rest.split("url(", 1)[1]
        target = rest.lstrip("'\"")
        if not target.startswith("#"):
            return "a style that loads a file from elsewhere (url(…))"
    return None


def _unsafe_element(element: etree._Element) -> str | None:
    """Why one element of an SVG image may not be published, if it may not."""
    from lxml import etree

    qname = etree.QName(element)
    if qname.namespace in EDITOR_NAMESPACES:
        return None
    if qname.namespace != SVG or qname.localname not in SVG_ELEMENTS:
        return f"the element <{qname.localname}>"
    for name, value in element.attrib.items():
        attribute = etree.QName(name)
        if attribute.namespace in EDITOR_NAMESPACES:
            continue
        if attribute.localname.lower().startswith("on"):
            return f'the event handler {attribute.localname}="…"'
        if name in _LINK_ATTRIBUTES:
            target = value.strip()
            if not (target.startswith("#") or target.lower().startswith(_SAFE_DATA)):
                return f'a link to another file ({attribute.localname}="{target[:40]}")'
        elif attribute.localname == "style" and _unsafe_style(value):
            return _unsafe_style(value)
    if qname.localname == "style":
        return _unsafe_style(element.text or "")
    return None


def check_svg(data: bytes) -> tuple[int, str] | None:
    """(line, what) of the first thing in an SVG image that can run script or load a file
    from elsewhere; None when the image only draws."""
    from lxml import etree  # only for an SVG image (most journals have none)

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return (exc.lineno or 1), "XML that cannot be read"
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        return 1, "a <!DOCTYPE> declaration (it can define entities)"
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            if isinstance(element, etree._ProcessingInstruction):
                return (element.sourceline or 1), "a processing instruction (<?…?>)"
            continue
        why = _unsafe_element(element)
        if why:
            return (element.sourceline or 1), why
    return None


def svg_problem(rel: str, data: bytes) -> Problem | None:
    """The problem of an SVG file that may not be published, if it may not."""
    found = check_svg(data)
    if found is None:
        return None
    line, why = found
    return Problem(
        path=rel,
        line=line,
        field="file",
        message=f"this SVG image holds {why}, which can run script or load files in readers' "
        "browsers (the site serves the image as it is). Export it again as a plain drawing "
        '(Inkscape: "Save As… → Optimized SVG"), or use a PNG.',
    )


@dataclass(slots=True)
class Scan:
    """What a scan of the content folders refused, and why."""

    problems: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)
    """Repository-relative paths (files or folders) that must not reach the site."""
    files: dict[str, list[Path]] = field(default_factory=dict)
    """The files (not links) found in each folder scanned, by its name, in `walk`'s order:
    the readers take the abstracts and authors from here rather than walking again."""

    def is_refused(self, rel: str) -> bool:
        """Whether the file at `rel` (repository-relative) is refused or inside a refused folder."""
        if not self.refused:
            return False
        parts = rel.split("/")
        return any("/".join(parts[:n]) in self.refused for n in range(1, len(parts) + 1))

    def refuse(self, rel: str, line: int, message: str) -> None:
        self.refused.add(rel)
        self.problems.append(Problem(path=rel, line=line, field="file", message=message))


_LINK_MESSAGE = (
    "is a symbolic link. The site publishes only files kept in the repository itself (a link "
    "could publish any file of the machine that builds it). Replace the link with the file."
)


def walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Every file and every symbolic link below `folder` as (path, is_link); links are not
    followed, folders are entered."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            yield Path(entry.path), True
        elif entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path))
        else:
            yield Path(entry.path), False


def scan_content(root: Path, folders: Iterable[str] = CONTENT_FOLDERS) -> Scan:
    """Refuse every symbolic link in the content folders, every unsafe SVG image in a
    published folder and every file a browser would run in docs/."""
    scan = Scan()
    for name in CONTENT_FILES:
        if (root / name).is_symlink():
            scan.refuse(name, 1, _LINK_MESSAGE)
    for name in folders:
        top = root / name
        if top.is_symlink():
            scan.refuse(name, 1, "the folder " + _LINK_MESSAGE)
            continue
        files = scan.files[name] = []
        for path, is_link in walk(top):
            if is_link:
                scan.refuse(path.relative_to(root).as_posix(), 1, _LINK_MESSAGE)
                continue
            files.append(path)
            if name == "docs" and path.suffix.lower() in ACTIVE_TYPES:
                scan.refuse(
                    path.relative_to(root).as_posix(),
                    1,
                    f"{path.suffix} files run script in readers' browsers and are not "
                    "published. Write the page in Markdown (.md), or remove the file.",
                )
            elif path.suffix.lower() == ".svg" and name in ("docs", "authors"):
                _check_svg_file(scan, path, path.relative_to(root).as_posix())
    return scan


def _check_svg_file(scan: Scan, path: Path, rel: str) -> None:
    try:
        problem = svg_problem(rel, path.read_bytes())
    except OSError:
        return  # reported where the file is used (check_published_file)
    if problem is not None:
        scan.refused.add(rel)
        scan.problems.append(problem)


def check_published_file(folder: Path, rel: str) -> str | None:
    """Why the file that a field names (`rel`, inside `folder`) cannot be published, if so."""
    path = folder
    for part in rel.split("/"):
        path = path / part
        try:
            mode = path.lstat().st_mode
        except OSError:
            return (
                f'"{rel}" is not there: no file {folder.name}/{rel}. Add the file, or '
                "correct the path (names are case-sensitive)."
            )
        if stat.S_ISLNK(mode):
            return f'"{rel}" ' + _LINK_MESSAGE
    if not stat.S_ISREG(mode):
        return f'"{rel}" is a folder, not a file. Name the file inside it.'
    return None
