"""What pages show from the exports: head tags, JSON-LD, citations and download links.

pages.py merges these into the page view models; templates print them (|e, |tojson).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import urls
from ..model import Abstract, Issue, Journal
from .citations import format_citations
from .crossref import deposited
from .jsonld import graph_for_abstract, graph_for_home, graph_for_issue
from .meta import as_tags, meta_for_abstract, meta_for_home, meta_for_issue


def _link(label: str, src_uri: str, media_type: str) -> dict[str, str]:
    return {"label": label, "url": urls.url_for(src_uri), "type": media_type}


Cite = Callable[[Journal, Abstract], list[dict[str, str]]]
"""Formats an abstract's citations: format_citations, or a CitationCache's `cite`."""


def head_for_abstract(
    journal: Journal, abstract: Abstract, cite: Cite = format_citations
) -> dict[str, Any]:
    """Meta tags, JSON-LD and the "Cite this abstract" block of an abstract page."""
    slug = abstract.slug
    downloads = [
        _link("BibTeX", urls.src_for_abstract_file(slug, "bib"), "application/x-bibtex"),
        _link(
            "RIS", urls.src_for_abstract_file(slug, "ris"), "application/x-research-info-systems"
        ),
        _link(
            "CSL-JSON",
            urls.src_for_abstract_file(slug, "json"),
            "application/vnd.citationstyles.csl+json",
        ),
        _link("JATS XML", urls.src_for_abstract_file(slug, "jats.xml"), "application/xml"),
    ]
    if abstract.pdf:
        downloads.insert(
            0, _link("PDF", urls.src_for_abstract_file(slug, "pdf"), "application/pdf")
        )
    return {
        "meta": as_tags(meta_for_abstract(journal, abstract)),
        "jsonld": graph_for_abstract(journal, abstract),
        "cite": {"styles": cite(journal, abstract), "downloads": downloads},
    }


def head_for_issue(journal: Journal, issue: Issue, label: str) -> dict[str, Any]:
    """Meta tags, JSON-LD and the download links of an issue page."""
    v, n = issue.volume, issue.number
    downloads = [
        _link("BibTeX", urls.src_for_issue_file(v, n, "citations.bib"), "application/x-bibtex"),
        _link(
            "RIS",
            urls.src_for_issue_file(v, n, "citations.ris"),
            "application/x-research-info-systems",
        ),
        _link(
            "CSL-JSON",
            urls.src_for_issue_file(v, n, "citations.json"),
            "application/vnd.citationstyles.csl+json",
        ),
    ]
    if deposited(issue):
        downloads.append(
            _link("Crossref XML", urls.src_for_issue_file(v, n, "crossref.xml"), "application/xml")
        )
    downloads.append(
        _link("DOAJ XML", urls.src_for_issue_file(v, n, "doaj.xml"), "application/xml")
    )
    return {
        "meta": as_tags(meta_for_issue(journal, issue, label)),
        "jsonld": graph_for_issue(journal, issue),
        "downloads": downloads,
    }


def head_for_home(journal: Journal) -> dict[str, Any]:
    return {"meta": as_tags(meta_for_home(journal)), "jsonld": graph_for_home(journal)}
