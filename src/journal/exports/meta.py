"""Head meta tags: Google Scholar (Highwire Press citation_*), Dublin Core, Open Graph, Twitter.

Each `meta_for_*` returns (name, content) pairs in the order they are printed;
`head.head_html` prints them (Open Graph names in `property`).
"""

from __future__ import annotations

from .. import title_markup, urls
from ..model import Abstract, Issue, Journal, Reference
from .common import (
    absolute,
    abstract_url,
    cited_date,
    has_pdf,
    iso_date,
    issue_date_parts,
    issue_number,
    issue_url,
    pdf_url,
    plain_text,
)

Pairs = list[tuple[str, str]]
SUMMARY_LENGTH = 300


def summarise(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The text cut at a word boundary to at most `limit` characters (… when cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _scholar(journal: Journal, abstract: Abstract) -> Pairs:
    settings = journal.settings
    # As large publishers write them: the date of the issue (its year is the one cited) and
    # the date the article went online; Scholar and Zotero read the first as the item's.
    cited = iso_date(cited_date(journal, abstract)).replace("-", "/")
    pairs: Pairs = [("citation_title", title_markup.plain(abstract.title))]
    for contributor in abstract.authors:
        pairs.append(("citation_author", contributor.name))  # a group's name in full
        pairs += [
            ("citation_author_institution", ", ".join(x for x in (a.name, a.country) if x))
            for a in contributor.affiliations
        ]
        if contributor.author and contributor.author.orcid:
            pairs.append(("citation_author_orcid", urls.url_for_orcid(contributor.author.orcid)))
    pairs += [
        ("citation_publication_date", cited),
        ("citation_online_date", abstract.published.strftime("%Y/%m/%d")),
        ("citation_journal_title", settings.title),
        ("citation_journal_abbrev", settings.abbreviation),
    ]
    pairs += [("citation_issn", issn) for issn in settings.issns]
    pairs += [
        ("citation_publisher", settings.publisher),
        ("citation_volume", str(abstract.volume)),
        ("citation_issue", issue_number(abstract)),
        # An article number (e02935) is where indexers and Zotero read the first page.
        ("citation_firstpage", abstract.first_page or abstract.article_number),
        ("citation_lastpage", abstract.last_page),
        ("citation_doi", abstract.doi),
        ("citation_abstract_html_url", abstract_url(settings, abstract)),
        ("citation_pdf_url", pdf_url(settings, abstract) if has_pdf(settings, abstract) else ""),
        ("citation_abstract", plain_text(abstract.body)),
    ]
    pairs += [("citation_keywords", keyword) for keyword in abstract.keywords]
    pairs.append(("citation_language", settings.language))
    if abstract.conference:
        pairs.append(("citation_conference_title", abstract.conference.name))
    pairs += [("citation_reference", _reference(r)) for r in abstract.references]
    return pairs


def _reference(reference: Reference) -> str:
    """A reference as Scholar reads it: the text, with its DOI when the text lacks it."""
    if reference.doi and reference.doi.lower() not in reference.text.lower():
        return f"{reference.text} doi:{reference.doi}"
    return reference.text


def _dublin_core(journal: Journal, abstract: Abstract) -> Pairs:
    settings = journal.settings
    pairs: Pairs = [("DC.title", title_markup.plain(abstract.title))]
    pairs += [("DC.creator", c.name) for c in abstract.authors]
    pairs += [
        ("DC.date", iso_date(cited_date(journal, abstract))),  # the date it is cited with
        ("DC.type", "Text"),
        ("DC.identifier", urls.url_for_doi(abstract.doi) if abstract.doi else ""),
        ("DC.publisher", settings.publisher),
        ("DC.source", settings.title),
    ]
    pairs += [("DC.source.issn", issn) for issn in settings.issns]
    pairs += [
        ("DC.source.volume", str(abstract.volume)),
        ("DC.source.issue", issue_number(abstract)),
        ("DC.rights", licence.url if (licence := abstract.licence_in(settings)) else ""),
        ("DC.language", settings.language),
    ]
    pairs += [("DC.subject", keyword) for keyword in abstract.keywords]
    return pairs


def _social(journal: Journal, kind: str, title: str, url: str, description: str) -> Pairs:
    return [
        ("og:type", kind),
        ("og:title", title),
        ("og:url", url),
        ("og:site_name", journal.settings.title),
        ("og:description", description),
        ("twitter:card", "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]


def meta_for_abstract(journal: Journal, abstract: Abstract) -> Pairs:
    """Every meta tag of an abstract page; empty values are left out."""
    description = summarise(plain_text(abstract.body))
    pairs = _scholar(journal, abstract) + _dublin_core(journal, abstract)
    # A retracted article says so where links to it are shown (social cards, Dublin Core).
    title = title_markup.plain(abstract.title)
    shown = f"Retracted: {title}" if abstract.is_retracted else title
    pairs += _social(
        journal, "article", shown, abstract_url(journal.settings, abstract), description
    )
    pairs += [
        ("DC.relation.isReferencedBy", absolute(journal.settings, urls.url_for_abstract(u.slug)))
        for u in abstract.updated_by
    ]
    if abstract.is_retracted:
        pairs.append(("DC.description", "This article has been retracted."))
    pairs.append(("article:published_time", abstract.published.isoformat()))
    pairs += [("article:tag", keyword) for keyword in abstract.keywords]
    return [(name, content) for name, content in pairs if content]


def meta_for_issue(journal: Journal, issue: Issue, label: str) -> Pairs:
    url = issue_url(journal.settings, issue.volume, issue.number)
    description = issue.description or f"{label} of {journal.settings.title}."
    pairs = [("DC.title", label), ("DC.date", iso_date(issue_date_parts(issue)))]
    pairs += _social(journal, "website", label, url, summarise(description))
    return [(name, content) for name, content in pairs if content]


def meta_for_home(journal: Journal) -> Pairs:
    settings = journal.settings
    pairs = _social(
        journal, "website", settings.title, absolute(settings, ""), summarise(settings.description)
    )
    return [(name, content) for name, content in pairs if content]
