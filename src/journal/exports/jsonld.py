"""schema.org JSON-LD graphs for the head of abstract, issue and home pages."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import title_markup, urls
from ..model import (
    Abstract,
    Affiliation,
    BoardMember,
    Contributor,
    Funding,
    Issue,
    Journal,
    Translation,
    Update,
)
from .common import (
    absolute,
    abstract_url,
    given_and_family,
    iso_date,
    issue_date_parts,
    issue_of,
    issue_url,
    plain_text,
)
from .meta import summarise

CONTEXT = "https://schema.org"


def _periodical(journal: Journal, full: bool = True) -> dict[str, Any]:
    """The journal. In full on the home page; in an article's or issue's graph only what
    names it (its publisher, description and licence are the home page's, same @id)."""
    settings = journal.settings
    home = absolute(settings, "")
    data: dict[str, Any] = {
        "@type": "Periodical",
        "@id": f"{home}#periodical",
        "url": home,
        "name": settings.title,
        "alternateName": settings.abbreviation,
        "issn": list(settings.issns),
    }
    if not full:
        return data
    data["inLanguage"] = settings.language
    if settings.publisher:
        data["publisher"] = {"@type": "Organization", "name": settings.publisher}
    if settings.description:
        data["description"] = settings.description
    if settings.license:
        data["license"] = settings.license.url
    return data


def _issue(journal: Journal, issue: Issue) -> dict[str, Any]:
    url = issue_url(journal.settings, issue.volume, issue.number)
    volume: dict[str, Any] = {
        "@type": "PublicationVolume",
        "volumeNumber": str(issue.volume),
        "isPartOf": _periodical(journal, full=False),
    }
    if issue.is_volume:  # a continuous journal's article is part of its volume only
        volume.update({"@id": url, "url": url})
        if issue.title:
            volume["name"] = issue.title
        return volume
    data: dict[str, Any] = {
        "@type": "PublicationIssue",
        "@id": url,
        "url": url,
        "issueNumber": str(issue.number),
        "datePublished": iso_date(issue_date_parts(issue)),  # the issue's, not its articles'
        "isPartOf": volume,
    }
    if issue.title:
        data["name"] = issue.title
    return data


def _organization(affiliation: Affiliation) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": affiliation.name}
    if affiliation.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": affiliation.country}
    if affiliation.ror:
        data["identifier"] = affiliation.ror
    return data


class _Organizations:
    """The affiliations of an abstract's graph. One that several of its authors share is
    described once, with an @id on the page (#affiliation-1, …), and the authors after the
    first refer to it by that @id; one author's own is written in full, without an @id."""

    def __init__(self, page: str, contributors: tuple[Contributor, ...]) -> None:
        counts = Counter(a for c in contributors for a in c.affiliations)
        self.shared = {a for a, n in counts.items() if n > 1}
        self.ids: dict[Affiliation, str] = {}
        self.page = page

    def node(self, affiliation: Affiliation) -> dict[str, Any]:
        if affiliation not in self.shared:
            return _organization(affiliation)
        if affiliation in self.ids:
            return {"@id": self.ids[affiliation]}
        self.ids[affiliation] = f"{self.page}#affiliation-{len(self.ids) + 1}"
        return {"@id": self.ids[affiliation], **_organization(affiliation)}


def _group(contributor: Contributor, organizations: _Organizations) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": contributor.name}
    members = contributor.group.members if contributor.group else ()
    if members:
        data["member"] = [_person(Contributor(author=m), organizations) for m in members]
    return data


def _person(contributor: Contributor, organizations: _Organizations) -> dict[str, Any]:
    author = contributor.author
    if author is None:
        return _group(contributor, organizations)
    given, family = given_and_family(author)
    data: dict[str, Any] = {"@type": "Person", "name": author.name, "familyName": family}
    if given:
        data["givenName"] = given
    if author.orcid:
        data["sameAs"] = urls.url_for_orcid(author.orcid)
    if contributor.affiliations:
        data["affiliation"] = [organizations.node(a) for a in contributor.affiliations]
    return data


def graph_for_abstract(journal: Journal, abstract: Abstract) -> dict[str, Any]:
    """The article, part of its issue, part of its volume, part of the journal.

    What the head's meta tags say in full is said here once, short: `description` is the
    summary of og:description (the whole abstract is citation_abstract's), `citation` the
    references that have a DOI, by their DOI (their texts are citation_reference's)."""
    settings = journal.settings
    url = abstract_url(settings, abstract)
    organizations = _Organizations(url, abstract.authors)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": settings.article_type(abstract.type).schema_org,
        "@id": url,
        "url": url,
        "headline": title_markup.plain(abstract.title),
        "name": title_markup.plain(abstract.title),
        "author": [_person(c, organizations) for c in abstract.authors],
        "datePublished": abstract.published.isoformat(),
        "inLanguage": settings.language,
        "genre": abstract.type,
        "isPartOf": _issue(journal, issue_of(journal, abstract)),
    }
    description = summarise(plain_text(abstract.body))
    if description:
        data["description"] = description
    if abstract.keywords:
        data["keywords"] = list(abstract.keywords)
    if abstract.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": abstract.doi}
        data["sameAs"] = urls.url_for_doi(abstract.doi)
    licence = abstract.licence_in(settings)
    if licence:
        data["license"] = licence.url
    cited = [{"@id": urls.url_for_doi(r.doi)} for r in abstract.references if r.doi]
    if cited:
        data["citation"] = cited
    if abstract.funding:
        data["funding"] = [_grant(f) for f in abstract.funding]
    if abstract.translations:
        data["workTranslation"] = [_translation(t) for t in abstract.translations]
    if abstract.first_page:
        data["pageStart"] = abstract.first_page
        data["pageEnd"] = abstract.last_page
    elif abstract.article_number:
        data["pagination"] = abstract.article_number
    if settings.publisher:
        data["publisher"] = {"@type": "Organization", "name": settings.publisher}
    if abstract.updated_by:
        data["correction"] = [_notice(journal, u) for u in abstract.updated_by]
    if abstract.is_retracted:
        data["creativeWorkStatus"] = "Retracted"
    return data


def _grant(funding: Funding) -> dict[str, Any]:
    """A funder's grants as schema.org MonetaryGrant, each with its `funder`."""
    funder: dict[str, Any] = {"@type": "Organization", "name": funding.funder}
    if funding.funder_id:
        funder["identifier"] = urls.url_for_funder(funding.funder_id)
    data: dict[str, Any] = {"@type": "MonetaryGrant", "funder": funder}
    if funding.awards:
        data["identifier"] = list(funding.awards)
    return data


def _translation(translation: Translation) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CreativeWork", "inLanguage": translation.language}
    if translation.title:
        data["name"] = title_markup.plain(translation.title)
    text = plain_text(translation.abstract)
    if text:
        data["abstract"] = text
    return data


def _notice(journal: Journal, update: Update) -> dict[str, Any]:
    """A notice about the article as a schema.org CorrectionComment."""
    url = absolute(journal.settings, urls.url_for_abstract(update.slug))
    data: dict[str, Any] = {
        "@type": "CorrectionComment",
        "url": url,
        "name": title_markup.plain(update.title),
    }
    if update.date:
        data["datePublished"] = update.date.isoformat()
    if update.doi:
        data["sameAs"] = urls.url_for_doi(update.doi)
    return data


def graph_for_issue(journal: Journal, issue: Issue) -> dict[str, Any]:
    """The issue with its articles, part of its volume, part of the journal."""
    data = {"@context": CONTEXT, **_issue(journal, issue)}
    data["hasPart"] = [
        {
            "@type": journal.settings.article_type(a.type).schema_org,
            "@id": abstract_url(journal.settings, a),
            "name": title_markup.plain(a.title),
        }
        for a in issue.abstracts
    ]
    return data


def _editor(member: BoardMember) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": member.name}
    if member.orcid:
        data["sameAs"] = urls.url_for_orcid(member.orcid)
    if member.affiliations:
        data["affiliation"] = [_organization(a) for a in member.affiliations]
    return data


def graph_for_home(journal: Journal) -> dict[str, Any]:
    """The journal itself, with its editorial board as `editor` (board.yml)."""
    data = {"@context": CONTEXT, **_periodical(journal)}
    editors = [_editor(m) for role in journal.board for m in role.members]
    if editors:
        data["editor"] = editors
    return data
