"""CSL-JSON: the citation data reference managers and citeproc read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import title_markup
from ..model import Abstract, Contributor, Journal
from .common import (
    abstract_url,
    cited_date,
    date_parts,
    given_and_family,
    issue_number,
    plain_text,
)


def _name(contributor: Contributor) -> dict[str, str]:
    """A CSL name: given and family for a person, `literal` (never split) for a group."""
    if contributor.author is None:
        return {"literal": contributor.name}
    return dict(zip(("given", "family"), given_and_family(contributor.author), strict=True))


def item_for_abstract(journal: Journal, abstract: Abstract) -> dict[str, Any]:
    """One abstract as a CSL-JSON item (its type from the article-type table)."""
    item = cited_item(journal, abstract)
    described = {"keyword": ", ".join(abstract.keywords), "abstract": plain_text(abstract.body)}
    item.update({key: value for key, value in described.items() if value})
    return item


def cited_item(journal: Journal, abstract: Abstract) -> dict[str, Any]:
    """The CSL-JSON item without what no citation style prints (keywords, the abstract):
    what citations are formatted from, and cached by. The abstract's plain text costs a
    Markdown conversion, which a cold build's citations need not wait for (issue 19)."""
    settings = journal.settings
    issued = cited_date(journal, abstract)  # the issue's year, not the online date's
    online = date_parts(abstract.published)
    item: dict[str, Any] = {
        "id": abstract.slug,
        "type": settings.article_type(abstract.type).csl,
        "title": title_markup.plain(abstract.title),
        "author": [_name(c) for c in abstract.authors],
        "container-title": settings.title,
        "container-title-short": settings.abbreviation,
        "volume": str(abstract.volume),
        "issued": {"date-parts": [list(issued)]},
        "URL": abstract_url(settings, abstract),
        "language": settings.language,
    }
    optional = {
        "issue": issue_number(abstract),  # none in a continuous journal
        # CSL 1.0.2: "the online publication date of a journal article before its formal
        # publication date"; given only when it is another date than `issued`.
        "available-date": {"date-parts": [list(online)]} if online != issued else "",
        "page": abstract.pages or abstract.article_number,
        "number": abstract.article_number,
        "DOI": abstract.doi,
        "ISSN": settings.issns[0] if settings.issns else "",
        "publisher": settings.publisher,
        "event-title": abstract.conference.name if abstract.conference else "",
        "event-place": abstract.conference.place if abstract.conference else "",
    }
    item.update({key: value for key, value in optional.items() if value})
    return item


def export_csl(journal: Journal, abstracts: Iterable[Abstract]) -> str:
    """CSL-JSON (a list of items) for the given abstracts: one item a line, without the
    indentation and spaces a pretty-printed file has (issue 19)."""
    items = [
        json.dumps(
            item_for_abstract(journal, a), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        for a in abstracts
    ]
    return "[\n" + ",\n".join(items) + "\n]\n"
