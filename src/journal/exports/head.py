"""What pages show from the exports: head tags, JSON-LD, citations and download links.

pages.py merges these into the page view models. The head tags and the JSON-LD are printed
here, escaped, as one HTML text (`head_html`): a page has ~70 of them, and printing them in
Python once (then keeping the text in the output cache) costs a fraction of a template loop on
every build (issue 6). The citations and links are printed by the templates (|e).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from .. import urls
from ..model import Abstract, Issue, Journal, Settings
from .citations import format_citations
from .common import has_pdf
from .crossref import deposited
from .jats import has_jats
from .jsonld import graph_for_abstract, graph_for_home, graph_for_issue
from .meta import Metas, meta_for_abstract, meta_for_home, meta_for_issue

_JSONLD = Markup('<script type="application/ld+json">{}</script>')


def _attribute(name: str) -> str:
    return "property" if name.startswith(("og:", "article:")) else "name"


def _tag(name: str, content: str, lang: str | None) -> str:
    # escape() on each value, joined by hand: what Markup('<meta {}="{}" ...>').format does,
    # without string.Formatter's Python-level parsing (83 tags an abstract: 2 s a 1,000 cold).
    attribute = _attribute(name)
    if lang:
        return (
            f'<meta {attribute}="{escape(name)}" lang="{escape(lang)}" content="{escape(content)}">'
        )
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def head_html(metas: Metas, graph: dict[str, Any] | None) -> str:
    """The meta tags (Open Graph names in `property`, a language in `lang`) and the JSON-LD
    script, escaped: every value with markupsafe.escape; the JSON-LD with Jinja's
    htmlsafe_json_dumps (the function behind |tojson), without the spaces after , and : (sorted
    keys; < > & and ' as \\u escapes, so a `</script>` in a title cannot end the script)."""
    tags = [_tag(name, content, lang) for name, content, lang in metas]
    if graph:
        tags.append(
            _JSONLD.format(htmlsafe_json_dumps(graph, sort_keys=True, separators=(",", ":")))
        )
    return "\n".join(tags)


def _link(label: str, src_uri: str, media_type: str) -> dict[str, str]:
    return {"label": label, "url": urls.url_for(src_uri), "type": media_type}


Cite = Callable[[Journal, Abstract], list[dict[str, str]]]
"""Formats an abstract's citations: format_citations, or a CitationCache's `cite`."""


def head_for_abstract(
    journal: Journal, abstract: Abstract, cite: Cite = format_citations
) -> dict[str, Any]:
    """Meta tags, JSON-LD and the "Cite this abstract" block of an abstract page (its
    downloads are the readers' formats; `indexer_links_for_abstract` has the JATS file)."""
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
    ]
    if has_pdf(journal.settings, abstract):
        downloads.insert(
            0, _link("PDF", urls.src_for_abstract_file(slug, "pdf"), "application/pdf")
        )
    return {
        "head_html": head_html(
            meta_for_abstract(journal, abstract), graph_for_abstract(journal, abstract)
        ),
        "cite": {"styles": cite(journal, abstract), "downloads": downloads},
    }


def indexer_links_for_abstract(settings: Settings, abstract: Abstract) -> list[dict[str, str]]:
    """The files of an abstract for indexers and archives, not for readers: JATS XML (none
    for a journal without an ISSN, see has_jats)."""
    if not has_jats(settings):
        return []
    src = urls.src_for_abstract_file(abstract.slug, "jats.xml")
    return [_link("JATS XML", src, "application/xml")]


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
    ]  # no CSL-JSON of the whole issue (exports.ISSUE_FILES)
    if journal.settings.pdf:
        downloads.insert(
            0,
            _link(
                "Book of abstracts (PDF)",
                urls.src_for_issue_file(v, n, "book.pdf"),
                "application/pdf",
            ),
        )
    indexers = []  # deposit files: on the issue page under "For indexers", not for readers
    if deposited(issue):
        indexers.append(
            _link("Crossref XML", urls.src_for_issue_file(v, n, "crossref.xml"), "application/xml")
        )
    indexers.append(_link("DOAJ XML", urls.src_for_issue_file(v, n, "doaj.xml"), "application/xml"))
    return {
        "head_html": head_html(
            meta_for_issue(journal, issue, label), graph_for_issue(journal, issue)
        ),
        "downloads": downloads,
        "indexer_downloads": indexers,
    }


def head_for_home(journal: Journal) -> dict[str, Any]:
    return {"head_html": head_html(meta_for_home(journal), graph_for_home(journal))}
