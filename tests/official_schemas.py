"""The journal's XML checked against the official schemas, with lxml and xmlschema, offline.

The schemas are the pinned files of `conftest.shared_dir()` (../shared/schemas, or the checked
downloads). Their remote imports (w3.org MathML and xml.xsd, doaj.org's language list) and the
lax JATS/MathML stubs that our Crossref 5.4.0 copy imports are redirected to the full local
files; nothing is fetched. Crossref 5.5.0 is XSD 1.1 (libxml2 cannot read it): xmlschema.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import xmlschema
from lxml import etree

from conftest import shared_dir

CROSSREF = "http://www.crossref.org/schema/"


def _schemas() -> Path:
    return shared_dir() / "schemas"


def _redirects() -> dict[str, Path]:
    """Remote or stub schema locations -> the local file used instead."""
    full = _schemas() / "crossref-5.3.1"
    mathml = full / "standard-modules" / "mathml3" / "mathml3.xsd"
    xml = full / "standard-modules" / "xml.xsd"
    language = _schemas() / "doaj" / "iso_639-2b.xsd"
    return {
        "http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": mathml,
        "http://www.w3.org/2009/01/xml.xsd": xml,
        "http://www.w3.org/2001/xml.xsd": xml,
        "http://www.doaj.org/static/doaj/iso_639-2b.xsd": language,
        "https://doaj.org/static/doaj/iso_639-2b.xsd": language,
        "jats-stub.xsd": full / "JATS-journalpublishing1-3d2-mathml3.xsd",
        "mathml-stub.xsd": mathml,
    }


class _Redirect(etree.Resolver):  # type: ignore[misc]
    """Send the schemas' imports to local files (lxml asks it for every import/include)."""

    def resolve(self, url: str, pubid: str | None, context: Any) -> Any:
        redirects = _redirects()
        name = url.rsplit("/", 1)[-1]
        target = redirects.get(url) or (redirects.get(name) if name.endswith("-stub.xsd") else None)
        return self.resolve_filename(str(target), context) if target else None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    parser.resolvers.add(_Redirect())
    return parser


@functools.cache
def _lxml_schema(xsd: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(xsd), _parser()))


@functools.cache
def _crossref_11(version: str) -> xmlschema.XMLSchema11:
    xsd = _schemas() / f"crossref-{version}" / f"crossref{version}.xsd"
    mapper = {url: str(path) for url, path in _redirects().items() if url.startswith("http")}
    return xmlschema.XMLSchema11(str(xsd), uri_mapper=mapper, allow="local")


def _errors_lxml(xsd: Path, path: Path) -> list[str]:
    schema = _lxml_schema(xsd)
    try:
        document = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as error:
        return [f"{path.name}: not well-formed: {error}"]
    if schema.validate(document):
        return []
    return [f"{path.name}:{error.line}: {error.message}" for error in schema.error_log]


def crossref_errors(path: Path) -> list[str]:
    """What is wrong with a Crossref deposit, against the schema its namespace names."""
    try:
        namespace = etree.QName(etree.parse(str(path), _parser()).getroot()).namespace or ""
    except etree.XMLSyntaxError as error:
        return [f"{path.name}: not well-formed: {error}"]
    if not namespace.startswith(CROSSREF):
        return [f"{path.name}: root namespace {namespace!r} is not a Crossref deposit schema"]
    version = namespace.removeprefix(CROSSREF)
    if version == "5.5.0":
        schema = _crossref_11(version)
        document = etree.parse(str(path), _parser())
        return [f"{path.name}:{e.sourceline}: {e.reason}" for e in schema.iter_errors(document)]
    return _errors_lxml(_schemas() / f"crossref-{version}" / f"crossref{version}.xsd", path)


def doaj_errors(path: Path) -> list[str]:
    """What is wrong with a DOAJ article file (doajArticles.xsd 1.3)."""
    return _errors_lxml(_schemas() / "doaj" / "doajArticles.xsd", path)


def jats_errors(path: Path) -> list[str]:
    """What is wrong with a JATS file (JATS 1.3 Journal Publishing with MathML 3)."""
    return _errors_lxml(_schemas() / "jats-1.3" / "JATS-journalpublishing1-3-mathml3.xsd", path)
