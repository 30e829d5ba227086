"""Head meta tags: Google Scholar (Highwire Press citation_*), Dublin Core, Open Graph, Twitter.

Each `meta_for_*` returns `Meta` tags (name, content and, for one of several languages, the
language) in the order they are printed; `head.head_html` prints them (Open Graph names in
`property`, a language in `lang`).

An abstract with translations has one `citation_abstract` per language, each with its `lang`
(the journal's language on the main one), as PKP's OJS/OMP Google Scholar plugins write them
(with `xml:lang`, which HTML allows only beside `lang`). Scholar takes one `citation_title`:
a translated title is a `DC.title.alternative` with its `lang` (OJS's `DC.Title.Alternative`).
"""

from __future__ import annotations

from typing import NamedTuple

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

SUMMARY_LENGTH = 300


class Meta(NamedTuple):
    """One head meta tag."""

    name: str
    content: str
    lang: str = ""
    """The content's language when the page has it in several (`lang`); "" for the page's."""


Metas = list[Meta]


RETRACTED = "This article has been retracted."
"""What a retracted article's description says (search engines' snippet, Dublin Core)."""


def summarise(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The text cut at a word boundary to at most `limit` characters (… when cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _scholar(journal: Journal, abstract: Abstract) -> Metas:
    settings = journal.settings
    # As large publishers write them: the date of the issue (its year is the one cited) and
    # the date the article went online; Scholar and Zotero read the first as the item's.
    cited = iso_date(cited_date(journal, abstract)).replace("-", "/")
    pairs: Metas = [Meta("citation_title", title_markup.plain(abstract.title))]
    for contributor in abstract.authors:
        pairs.append(Meta("citation_author", contributor.name))  # a group's name in full
        pairs += [
            Meta("citation_author_institution", ", ".join(x for x in (a.name, a.country) if x))
            for a in contributor.affiliations
        ]
        if contributor.author and contributor.author.orcid:
            pairs.append(
                Meta("citation_author_orcid", urls.url_for_orcid(contributor.author.orcid))
            )
    pairs += [
        Meta("citation_publication_date", cited),
        Meta("citation_online_date", abstract.published.strftime("%Y/%m/%d")),
        Meta("citation_journal_title", settings.title),
        Meta("citation_journal_abbrev", settings.abbreviation),
    ]
    pairs += [Meta("citation_issn", issn) for issn in settings.issns]
    pairs += [
        Meta("citation_publisher", settings.publisher),
        Meta("citation_volume", str(abstract.volume)),
        Meta("citation_issue", issue_number(abstract)),
        # An article number (e02935) is where indexers and Zotero read the first page.
        Meta("citation_firstpage", abstract.first_page or abstract.article_number),
        Meta("citation_lastpage", abstract.last_page),
        Meta("citation_doi", abstract.doi),
        Meta("citation_abstract_html_url", abstract_url(settings, abstract)),
        Meta(
            "citation_pdf_url", pdf_url(settings, abstract) if has_pdf(settings, abstract) else ""
        ),
    ]
    pairs += _abstracts(journal, abstract)
    pairs += [Meta("citation_keywords", keyword) for keyword in abstract.keywords]
    pairs.append(Meta("citation_language", settings.language))
    if abstract.conference:
        pairs.append(Meta("citation_conference_title", abstract.conference.name))
    pairs += [Meta("citation_reference", _reference(r)) for r in abstract.references]
    return pairs


def _abstracts(journal: Journal, abstract: Abstract) -> Metas:
    """One `citation_abstract` per language: with translations, each names its language (the
    main one the journal's, as Crossref's `jats:abstract xml:lang` does)."""
    main = journal.settings.language if abstract.translations else ""
    tags = [Meta("citation_abstract", plain_text(abstract.body), main)]
    tags += [
        Meta("citation_abstract", plain_text(t.abstract), t.language)
        for t in abstract.translations
        if t.abstract
    ]
    return tags


def _reference(reference: Reference) -> str:
    """A reference as Scholar reads it: the text, with its DOI when the text lacks it."""
    if reference.doi and reference.doi.lower() not in reference.text.lower():
        return f"{reference.text} doi:{reference.doi}"
    return reference.text


def _dublin_core(journal: Journal, abstract: Abstract) -> Metas:
    settings = journal.settings
    pairs: Metas = [Meta("DC.title", title_markup.plain(abstract.title))]
    pairs += [
        Meta("DC.title.alternative", title_markup.plain(t.title), t.language)
        for t in abstract.translations
        if t.title
    ]
    pairs += [Meta("DC.creator", c.name) for c in abstract.authors]
    pairs += [
        Meta("DC.date", iso_date(cited_date(journal, abstract))),  # the date it is cited with
        Meta("DC.type", "Text"),
        Meta("DC.identifier", urls.url_for_doi(abstract.doi) if abstract.doi else ""),
        Meta("DC.publisher", settings.publisher),
        Meta("DC.source", settings.title),
    ]
    pairs += [Meta("DC.source.issn", issn) for issn in settings.issns]
    pairs += [
        Meta("DC.source.volume", str(abstract.volume)),
        Meta("DC.source.issue", issue_number(abstract)),
        Meta("DC.rights", licence.url if (licence := abstract.licence_in(settings)) else ""),
        Meta("DC.language", settings.language),
    ]
    pairs += [Meta("DC.subject", keyword) for keyword in abstract.keywords]
    return pairs


def _social(journal: Journal, kind: str, title: str, url: str, description: str) -> Metas:
    """Open Graph, and the card X shows: X reads the title and description from og:title
    and og:description when there is no twitter:title or twitter:description."""
    return [
        Meta("og:type", kind),
        Meta("og:title", title),
        Meta("og:url", url),
        Meta("og:site_name", journal.settings.title),
        Meta("og:description", description),
        Meta("twitter:card", "summary"),
    ]


def _kept(tags: Metas) -> Metas:
    """The tags with a content (a setting or field left empty prints no tag)."""
    return [tag for tag in tags if tag.content]


def meta_for_abstract(journal: Journal, abstract: Abstract) -> Metas:
    """Every meta tag of an abstract page; empty values are left out."""
    description = summarise(plain_text(abstract.body))
    pairs = _scholar(journal, abstract) + _dublin_core(journal, abstract)
    title = title_markup.plain(abstract.title)
    # What search engines show under the title: the page's own summary (its title when it
    # has no text), a retraction said first; never the journal's description.
    retracted = f"{RETRACTED} " if abstract.is_retracted else ""
    pairs.append(Meta("description", retracted + (description or title)))
    # A retracted article says so where links to it are shown (social cards, Dublin Core).
    shown = f"Retracted: {title}" if abstract.is_retracted else title
    pairs += _social(
        journal, "article", shown, abstract_url(journal.settings, abstract), description
    )
    pairs += [
        Meta(
            "DC.relation.isReferencedBy", absolute(journal.settings, urls.url_for_abstract(u.slug))
        )
        for u in abstract.updated_by
    ]
    if abstract.is_retracted:
        pairs.append(Meta("DC.description", RETRACTED))
    pairs.append(Meta("article:published_time", abstract.published.isoformat()))
    # No `article:tag` per keyword: the keywords are citation_keywords, DC.subject and the
    # JSON-LD's `keywords` already, and no link preview shows Open Graph tags (issue 19).
    return _kept(pairs)


def meta_for_issue(journal: Journal, issue: Issue, label: str) -> Metas:
    url = issue_url(journal.settings, issue.volume, issue.number)
    description = issue.description or f"{label} of {journal.settings.title}."
    pairs = [Meta("DC.title", label), Meta("DC.date", iso_date(issue_date_parts(issue)))]
    pairs += _social(journal, "website", label, url, summarise(description))
    return _kept(pairs)


def meta_for_home(journal: Journal) -> Metas:
    settings = journal.settings
    pairs = _social(
        journal, "website", settings.title, absolute(settings, ""), summarise(settings.description)
    )
    return _kept(pairs)
