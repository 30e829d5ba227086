"""Journal → the pages of the site, each with the ready-to-display data its template shows.

Templates only loop and print: every sort, group, label and link is decided here.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from itertools import groupby
from typing import Any

import yaml
from markupsafe import Markup

try:  # libyaml's emitter: several times faster than PyYAML's, same text for these values
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

from . import title_markup, urls
from .exports.common import has_pdf
from .exports.head import (
    head_for_abstract,
    head_for_home,
    head_for_issue,
    indexer_links_for_abstract,
)
from .formatting import (
    encode_email,
    format_citation_line,
    format_count,
    format_date,
    format_issns,
    format_issue_citation,
    format_issue_label,
    format_issue_line,
    format_name_list,
    format_pages,
    initial_of,
)
from .keywords import OTHER, Keyword, KeywordIndex, build_keyword_index, keyword_key
from .keywords import initial_of as keyword_initial
from .languages import direction, name_of
from .model import Abstract, Affiliation, Author, BoardMember, Contributor, Issue, Journal, Settings
from .search_index import SearchCard

Render = Callable[[str], str]
"""Markdown → safe HTML, as the host renders page bodies."""
View = Callable[[], Mapping[str, Any]]
"""Makes a page's view model when the page is written."""
Head = Callable[[Journal, Issue, Abstract], Mapping[str, Any]]
"""An abstract page's head (meta tags and JSON-LD, printed) and citations
(exports.head.head_for_abstract, or the same kept in the output cache)."""


def _head(journal: Journal, issue: Issue, abstract: Abstract) -> Mapping[str, Any]:
    return head_for_abstract(journal, abstract)


HIDE_ON_LISTINGS = ("navigation", "toc")
"""A generated page's left sidebar would hold one link (its own) and its right one nothing:
both go, and the page takes the width its tables need."""
HIDE_ON_ABSTRACTS = ("navigation",)
"""An abstract keeps its table of contents (Abstract, Biography, Cite)."""
HIDE_ON_HANDWRITTEN = ("navigation",)
"""Hand-written pages (docs/) keep the headings of their text beside it."""
MATERIAL_FAVICON = "assets/images/favicon.png"
"""The favicon Material sets when mkdocs.yml names none."""


def hide_for_handwritten(src_uri: str) -> list[str]:
    """The `hide` of a hand-written page whose front matter names none: the home page lists
    the current issue beside nothing; the others keep their headings' table of contents."""
    return list(HIDE_ON_LISTINGS if src_uri == urls.HOME else HIDE_ON_HANDWRITTEN)


NOT_IN_NAV = (urls.HOME,)
"""Hand-written pages the menu does not name (the masthead's logo leads home)."""


def favicon_for(theme_favicon: str, settings: Settings) -> str:
    """The site's favicon: the one mkdocs.yml names, else the journal's logo."""
    if theme_favicon and theme_favicon != MATERIAL_FAVICON:
        return theme_favicon
    return settings.logo or theme_favicon


@dataclass(frozen=True, slots=True, kw_only=True)
class PageSpec:
    """One generated page: where it lives, its template, its body and its view model."""

    src_uri: str
    template: str
    title: str
    title_html: str = ""
    """The title as HTML when it has markup (an abstract's *italic*, H~2~O): Material prints
    the meta title as HTML (header, navigation, search results). Otherwise `title`, escaped."""
    body: str = ""
    """Markdown the host renders as the page's content (and search indexes)."""
    view: View = dict
    """Makes the view model its template shows (see `context`)."""
    source: str = ""
    """The editors' file the page comes from, for the edit link."""
    is_searchable: bool = True
    search_terms: tuple[str, ...] = ()
    """Words the page must be found by beyond its text: author names, keywords."""
    search_card: SearchCard | None = None
    """What a search result shows of an article beyond its title and teaser."""
    hide: tuple[str, ...] = HIDE_ON_LISTINGS
    """Material's sidebars this page goes without (`hide` front matter)."""

    @property
    def context(self) -> Mapping[str, Any]:
        """The view model, made anew when asked: an abstract's (meta tags, JSON-LD, citations)
        is large, and a journal has thousands, so none is kept after its page is written."""
        return self.view()

    @property
    def meta(self) -> dict[str, Any]:
        """The page's front matter as the host reads it (a new dict each time): the host may
        take it as it is rather than parse `markdown`'s YAML again (the same values)."""
        # Material prints meta titles unescaped (header, search results): escape here.
        meta: dict[str, Any] = {
            "template": self.template,
            "title": self.title_html or html.escape(self.title),
        }
        if not self.is_searchable:
            meta["search"] = {"exclude": True}
        if self.search_terms:  # Material's search indexes `tags` (shown beside results)
            meta["tags"] = [html.escape(term) for term in self.search_terms]
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta

    @property
    def markdown(self) -> str:
        """The page as the host reads it: front matter, then the body."""
        head = yaml.dump(
            self.meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=10_000
        )
        return f"---\n{head}---\n\n{self.body}"


def _ready(context: Mapping[str, Any]) -> View:
    """The view of a small page, made at once."""
    return lambda: context


def _license(settings: Settings, abstract: Abstract | None = None) -> dict[str, str] | None:
    """The licence to show: the article's own, else the journal's."""
    licence = abstract.licence_in(settings) if abstract else settings.license
    return {"name": licence.name, "url": licence.url} if licence else None


def _back_matter(abstract: Abstract, render: Render) -> dict[str, Any]:
    """References, funding, statements, the plain summary and the translations, to show."""
    return {
        "references": [
            {"text": r.text, "doi": r.doi, "doi_url": urls.url_for_doi(r.doi) if r.doi else ""}
            for r in abstract.references
        ],
        "funding": [
            {
                "funder": f.funder,
                "url": urls.url_for_funder(f.funder_id),
                "awards": ", ".join(f.awards),
            }
            for f in abstract.funding
        ],
        "competing_interests": render(abstract.competing_interests)
        if abstract.competing_interests
        else "",
        "data_availability": render(abstract.data_availability)
        if abstract.data_availability
        else "",
        "plain_summary": render(abstract.plain_summary) if abstract.plain_summary else "",
        "translations": [
            {
                "lang": t.language,
                "dir": direction(t.language),
                "language": name_of(t.language),
                "title": _title(t.title) if t.title else "",
                "abstract": render(t.abstract) if t.abstract else "",
                "id": f"translation-{t.language}",
            }
            for t in abstract.translations
        ],
    }


def _affiliation_text(affiliation: Affiliation) -> str:
    return ", ".join(x for x in (affiliation.name, affiliation.country) if x)


def _author_link(author: Author) -> dict[str, Any]:
    return {
        "name": author.name,
        "url": urls.url_for_author(author.id),
        "orcid": author.orcid,
        "orcid_url": urls.url_for_orcid(author.orcid) if author.orcid else "",
    }


def _contributor_link(contributor: Contributor, marks: dict[Affiliation, int]) -> dict[str, Any]:
    """A name on the abstract's author line: a person's links, or a group with its members."""
    if contributor.author is not None:
        link = _author_link(contributor.author)
    else:
        link = {"name": contributor.name, "url": "", "orcid": "", "orcid_url": ""}
    return {
        **link,
        "is_corresponding": contributor.is_corresponding,
        "marks": ",".join(str(marks[a]) for a in contributor.affiliations),
        "members": [_author_link(m) for m in contributor.group.members]
        if contributor.group
        else [],
    }


UPDATE_LABELS = {
    "correction": ("A correction", "This correction is about"),
    "retraction": ("This article has been retracted", "This retraction is about"),
    "expression-of-concern": (
        "An expression of concern",
        "This expression of concern is about",
    ),
}


def _update_links(abstract: Abstract) -> list[dict[str, str]]:
    """The notices about this article, and the articles this notice is about, to show."""
    links = []
    for update in abstract.updated_by:
        label = UPDATE_LABELS[update.kind][0]
        suffix = "" if update.kind == "retraction" else " has been published"
        links.append(
            {
                "kind": update.kind,
                "text": f"{label}{suffix}:",
                "title": _title(update.title),
                "url": urls.url_for_abstract(update.slug),
            }
        )
    for update in abstract.updates:
        url = urls.url_for_abstract(update.slug) if update.slug else urls.url_for_doi(update.doi)
        links.append(
            {
                "kind": update.kind,
                "text": UPDATE_LABELS[update.kind][1] + ":",
                "title": _title(update.title) if update.title else update.doi,
                "url": url,
            }
        )
    return links


def _title(title: str) -> Markup:
    """An article's title as safe HTML (<i>, <sub>...): Jinja's `| e` prints it as it is."""
    return Markup(title_markup.html(title))


def _toc_item(journal: Journal, abstract: Abstract) -> dict[str, Any]:
    return {
        "title": _title(abstract.title),
        "url": urls.url_for_abstract(abstract.slug),
        "authors": format_name_list(c.name for c in abstract.authors),
        "pages": format_pages(abstract),
        "type": abstract.type,
        "doi": abstract.doi,
        "doi_url": urls.url_for_doi(abstract.doi) if abstract.doi else "",
        "issue_line": format_issue_line(journal.settings, abstract),
    }


def _type_counts(issue: Issue) -> str:
    """ "3 articles: 2 research articles, 1 case report" (table-of-contents order), or
    "5 conference abstracts" when all are of one type."""
    counts: dict[str, int] = {}
    for abstract in issue.abstracts:
        counts[abstract.type] = counts.get(abstract.type, 0) + 1
    by_type = ", ".join(format_count(n, kind.lower()) for kind, n in counts.items())
    if len(counts) == 1:
        return by_type
    return f"{format_count(len(issue.abstracts), 'article')}: {by_type}"


def toc_for(journal: Journal, issue: Issue) -> dict[str, Any]:
    """An issue's table of contents, grouped by article type."""
    groups = [
        {
            "heading": journal.settings.article_type(kind).plural,
            "entries": [_toc_item(journal, a) for a in items],
        }
        for kind, items in groupby(issue.abstracts, key=lambda a: a.type)
    ]
    return {
        "cover": issue.cover,
        "type_counts": _type_counts(issue),
        "label": format_issue_label(issue),
        "title": issue.title,
        "url": urls.url_for_issue(issue.volume, issue.number),
        "published": format_date(issue.published),
        "description": issue.description,
        "count_label": format_count(len(issue.abstracts), "article"),
        "groups": groups,
    }


def page_for_abstract(
    journal: Journal,
    issue: Issue,
    index: int,
    render: Render,
    keywords: KeywordIndex,
    head: Head = _head,
) -> PageSpec:
    abstract = issue.abstracts[index]
    return PageSpec(
        src_uri=urls.src_for_abstract(abstract.slug),
        template="abstract.html",
        title=title_markup.plain(abstract.title),
        title_html=title_markup.html(abstract.title),
        body=abstract.body,
        view=partial(view_for_abstract, journal, issue, index, render, head, keywords),
        source=abstract.source,
        search_terms=(
            *(c.name for c in abstract.authors),
            *abstract.keywords,
            *(title_markup.plain(t.title) for t in abstract.translations if t.title),
        ),
        search_card=SearchCard(
            authors=tuple(c.name for c in abstract.authors),
            keywords=abstract.keywords,
            type=abstract.type,
            citation=format_issue_citation(abstract),
        ),
        hide=HIDE_ON_ABSTRACTS,
    )


def _keyword_links(keywords: KeywordIndex, abstract: Abstract) -> list[dict[str, str]]:
    """The abstract's keywords as its editor wrote them, each with its keyword's page."""
    links = []
    for text in abstract.keywords:
        keyword = keywords.by_key.get(keyword_key(text))
        links.append({"name": text, "url": urls.url_for_keyword(keyword.slug) if keyword else ""})
    return links


def _tools(settings: Settings, abstract: Abstract) -> dict[str, Any]:
    """The article tools under an abstract's title: PDF, Cite, RIS/BibTeX and share links
    (only when the site's address is known: a share needs an absolute URL)."""
    slug = abstract.slug
    address = urls.absolute(settings.site_url, urls.url_for_abstract(slug))
    return {
        "pdf": urls.url_for(urls.src_for_abstract_file(slug, "pdf"))
        if has_pdf(settings, abstract)
        else "",
        "ris": urls.url_for(urls.src_for_abstract_file(slug, "ris")),
        "bibtex": urls.url_for(urls.src_for_abstract_file(slug, "bib")),
        "share": [
            {"label": label, "url": url}
            for label, url in (
                urls.share_links(address, title_markup.plain(abstract.title))
                if settings.site_url
                else []
            )
        ],
    }


def _print_masthead(settings: Settings, abstract: Abstract) -> str:
    """The line a printed abstract starts with: journal, ISSN(s), the page's address, DOI."""
    address = urls.absolute(settings.site_url, urls.url_for_abstract(abstract.slug))
    parts = [settings.title, format_issns(settings), address if settings.site_url else ""]
    if abstract.doi:
        parts.append(f"DOI: {abstract.doi}")
    return " · ".join(p for p in parts if p)


def view_for_abstract(
    journal: Journal,
    issue: Issue,
    index: int,
    render: Render,
    head: Head,
    keywords: KeywordIndex,
) -> dict[str, Any]:
    """What an abstract page shows, ready to print."""
    abstract = issue.abstracts[index]
    marks: dict[Affiliation, int] = {}
    for contributor in abstract.authors:
        for affiliation in contributor.affiliations:
            marks.setdefault(affiliation, len(marks) + 1)
    authors = [_contributor_link(c, marks) for c in abstract.authors]
    dates = [
        {"label": label, "value": format_date(d), "iso": d.isoformat()}
        for label, d in (
            ("Received", abstract.received),
            ("Accepted", abstract.accepted),
            ("Published", abstract.published),
        )
        if d
    ]
    neighbours = {
        name: {"title": _title(other.title), "url": urls.url_for_abstract(other.slug)}
        for name, position in (("previous", index - 1), ("next", index + 1))
        if 0 <= position < len(issue.abstracts)
        for other in [issue.abstracts[position]]
    }
    conference = abstract.conference
    settings = journal.settings
    bios = [
        {"name": a.name, "url": urls.url_for_author(a.id), "html": render(a.bio)}
        for c in abstract.authors
        if (a := c.author) is not None and a.bio.strip()
    ]
    return {
        "kind": "abstract",
        "description_in_head": True,  # its summary, among the cached head tags
        "title": _title(abstract.title),
        "page_title": title_markup.plain(abstract.title),
        "type": abstract.type,
        "issue_line": format_issue_line(settings, abstract),
        "issue_url": urls.url_for_issue(issue.volume, issue.number),
        "issue_label": format_issue_label(issue),
        "authors": authors,
        "has_orcid": any(author["orcid"] for author in authors),
        "affiliations": [{"mark": n, "text": _affiliation_text(a)} for a, n in marks.items()],
        "dates": dates,
        "pages": format_pages(abstract),
        "doi": abstract.doi,
        "doi_url": urls.url_for_doi(abstract.doi) if abstract.doi else "",
        "keywords": _keyword_links(keywords, abstract),
        "conference": ", ".join(
            x for x in (conference.name, conference.place, conference.dates) if x
        )
        if conference
        else "",
        "bios": bios,
        "notices": _update_links(abstract),
        "bios_heading": "Biography" if len(bios) == 1 else "Biographies",
        "emails": [
            {"name": a.name, "code": encode_email(a.email)}
            for c in abstract.corresponding
            if (a := c.author) is not None and a.email
        ],
        "previous": neighbours.get("previous"),
        "next": neighbours.get("next"),
        "license": _license(settings, abstract),
        **_back_matter(abstract, render),
        "indexer_downloads": indexer_links_for_abstract(settings, abstract),
        "print_masthead": _print_masthead(settings, abstract),
        "tools": _tools(settings, abstract),
        "cited_as": format_citation_line(settings, abstract)
        + (f". {urls.url_for_doi(abstract.doi)}" if abstract.doi else ""),
        **head(journal, issue, abstract),
    }


def page_for_issue(journal: Journal, issue: Issue) -> PageSpec:
    src_uri = urls.src_for_issue(issue.volume, issue.number)
    view = partial(view_for_issue, journal, issue)
    return _listing(src_uri, "issue.html", format_issue_label(issue), view)


def view_for_issue(journal: Journal, issue: Issue) -> dict[str, Any]:
    toc = toc_for(journal, issue)
    return {
        "kind": "issue",
        "page_title": toc["label"],
        **toc,
        **head_for_issue(journal, issue, toc["label"]),
    }


def _listing(src_uri: str, template: str, title: str, view: View) -> PageSpec:
    """A page that lists other pages: not in the search index (its entries are)."""
    return PageSpec(src_uri=src_uri, template=template, title=title, is_searchable=False, view=view)


def page_for_archive(journal: Journal) -> PageSpec:
    return _listing(urls.ARCHIVE, "archive.html", "Archive", partial(view_for_archive, journal))


def view_for_archive(journal: Journal) -> dict[str, Any]:
    """Every volume, newest first, with its issues (a continuous journal's volume: itself,
    under the years it spans)."""
    groups = [list(items) for _, items in groupby(journal.issues, key=lambda i: i.volume)]
    volumes = []
    for items in groups:
        years = sorted({y for i in items for y in (i.years if i.is_volume else (i.year,))})
        entries = [toc_for(journal, i) for i in items]
        for issue, entry in zip(items, entries, strict=True):
            if issue.is_volume:  # the heading names the volume already
                entry["label"] = "Table of contents"
        volumes.append(
            {
                "volume": items[0].volume,
                "year": str(years[0]) if len(years) == 1 else f"{years[0]}\u2013{years[-1]}",
                "issues": entries,
            }
        )
    noun = "volume" if journal.settings.continuous else "issue"
    return {"kind": "archive", "intro": f"Every {noun}, newest first.", "volumes": volumes}


def page_for_author(journal: Journal, author: Author) -> PageSpec:
    return PageSpec(
        src_uri=urls.src_for_author(author.id),
        template="author.html",
        title=author.name,
        body=author.bio,
        view=partial(view_for_author, journal, author),
        source=author.source,
    )


def view_for_author(journal: Journal, author: Author) -> dict[str, Any]:
    abstracts = journal.abstracts_by_author.get(author.id, ())
    return {
        "kind": "author",
        **_author_link(author),
        "degrees": author.degrees,
        "photo_url": urls.url_for(urls.src_for_author_photo(author.id, author.photo))
        if author.photo
        else "",
        "affiliations": [_affiliation_text(a) for a in author.affiliations],
        "abstracts": [_toc_item(journal, a) for a in abstracts],
    }


def page_for_author_index(journal: Journal) -> PageSpec:
    view = partial(view_for_author_index, journal)
    return _listing(urls.AUTHOR_INDEX, "authors.html", "Authors", view)


def view_for_author_index(journal: Journal) -> dict[str, Any]:
    letters = [
        {
            "letter": letter,
            "authors": [
                {
                    **_author_link(a),
                    "affiliation": _affiliation_text(a.affiliations[0]) if a.affiliations else "",
                    "count_label": format_count(
                        len(journal.abstracts_by_author.get(a.id, ())), "abstract"
                    ),
                }
                for a in items
            ],
        }
        for letter, items in groupby(journal.authors, key=initial_of)
    ]
    return {"kind": "authors", "letters": letters}


def page_for_media_partners(journal: Journal) -> PageSpec:
    view = _ready({"kind": "media-partners"})
    return _listing(urls.MEDIA_PARTNERS, "media-partners.html", "Media partners", view)


def page_for_articles(journal: Journal, keywords: KeywordIndex) -> PageSpec:
    view = partial(view_for_articles, journal, keywords)
    return _listing(urls.ARTICLES, "articles.html", "Articles", view)


def _article_entry(journal: Journal, keywords: KeywordIndex, abstract: Abstract) -> dict[str, Any]:
    slugs = {keywords.by_key[keyword_key(k)].slug for k in abstract.keywords}
    return {**_toc_item(journal, abstract), "keyword_slugs": " ".join(sorted(slugs))}


def view_for_articles(journal: Journal, keywords: KeywordIndex) -> dict[str, Any]:
    """Every published item, newest issue first, grouped by year, with the filter's choices
    (articles.js filters the list by type and keyword slugs; without it everything shows).
    A year's entries are made as the template reads them, once: the page lists every
    abstract, and all entries at once would be ~1.4 KB per abstract at the build's peak."""
    entry = partial(_article_entry, journal, keywords)
    years = [
        {
            "year": year,
            "id": f"year-{year}",
            "entries": map(entry, list(items)),
        }
        # Newest year first; within a year, newest issue first (a sort keeps that order).
        # A continuous journal's volume may span years: its articles go under each year.
        for year, items in groupby(
            sorted(journal.abstracts, key=lambda a: -a.year), key=lambda a: a.year
        )
    ]
    types: dict[str, int] = {}
    for abstract in journal.abstracts:
        types[abstract.type] = types.get(abstract.type, 0) + 1
    site_url = journal.settings.site_url
    return {
        "kind": "articles",
        "canonical": urls.absolute(site_url, urls.url_for(urls.ARTICLES)) if site_url else "",
        "count_label": format_count(len(journal.abstracts), "article"),
        "years": years,
        "types": [
            {"value": kind, "label": f"{journal.settings.article_type(kind).plural} ({n})"}
            for kind, n in sorted(types.items())
        ],
        "keywords": [
            {"value": k.slug, "label": f"{k.name} ({len(k.entries)})"} for k in keywords.keywords
        ],
    }


def page_for_abstracts_index(journal: Journal, keywords: KeywordIndex) -> PageSpec:
    """/abstracts/: readers who trim an abstract's address find the list of articles (the
    same page as /articles/, which is its canonical address)."""
    view = partial(view_for_articles, journal, keywords)
    return _listing(urls.ABSTRACTS_INDEX, "articles.html", "Articles", view)


def page_for_board(journal: Journal) -> PageSpec:
    view = partial(view_for_board, journal)
    return _listing(urls.BOARD, "board.html", "Editorial board", view)


def _board_member(journal: Journal, member: BoardMember) -> dict[str, Any]:
    has_page = member.author_id in journal.abstracts_by_author
    return {
        "name": member.name,
        "url": urls.url_for_author(member.author_id) if has_page else "",
        "orcid": member.orcid,
        "orcid_url": urls.url_for_orcid(member.orcid) if member.orcid else "",
        "section": member.section,
        "affiliations": [_affiliation_text(a) for a in member.affiliations],
    }


def view_for_board(journal: Journal) -> dict[str, Any]:
    """The board grouped by role, in the order of board.ROLES."""
    roles = [
        {
            "role": role.role,
            "id": "role-" + role.role.lower().replace(" ", "-"),
            "members": [_board_member(journal, m) for m in role.members],
        }
        for role in journal.board
    ]
    return {"kind": "board", "roles": roles}


def page_for_keyword_index(keywords: KeywordIndex) -> PageSpec:
    view = partial(view_for_keyword_index, keywords)
    return _listing(urls.KEYWORDS, "keywords.html", "Keywords", view)


def _letter_id(letter: str) -> str:
    """The id of a letter's heading: "letter-a", "letter-other" (#), "letter-u0440" (Cyrillic)."""
    if letter == OTHER:
        return "letter-other"
    return f"letter-{letter.lower()}" if letter.isascii() else f"letter-u{ord(letter[0]):04x}"


def view_for_keyword_index(keywords: KeywordIndex) -> dict[str, Any]:
    """Every keyword A-Z by its first letter, each with its number of abstracts."""
    letters: dict[str, list[dict[str, str]]] = {}
    for keyword in keywords.keywords:
        letters.setdefault(keyword_initial(keyword.name), []).append(
            {
                "name": keyword.name,
                "url": urls.url_for_keyword(keyword.slug),
                # The tags plugin's anchor: older links to keywords/#tag:<slug> still land here.
                "id": f"tag:{keyword.slug}",
                "count_label": format_count(len(keyword.entries), "abstract"),
            }
        )
    return {
        "kind": "keywords",
        "title": "Keywords",
        "count_label": format_count(len(keywords.keywords), "keyword"),
        "letters": [
            {"letter": letter, "id": _letter_id(letter), "keywords": items}
            for letter, items in letters.items()
        ],
    }


def page_for_keyword(journal: Journal, keyword: Keyword) -> PageSpec:
    src_uri = urls.src_for_keyword(keyword.slug)
    view = partial(view_for_keyword, journal, keyword)
    return _listing(src_uri, "keyword.html", keyword.name, view)


def view_for_keyword(journal: Journal, keyword: Keyword) -> dict[str, Any]:
    """A keyword's abstracts, newest issue first, grouped by issue as tables of contents."""
    groups = [
        {
            "heading": format_issue_label(items[0][0]),
            "entries": [_toc_item(journal, abstract) for _, abstract in items],
        }
        for items in (list(g) for _, g in groupby(keyword.entries, key=lambda e: e[0].key))
    ]
    return {
        "kind": "keyword",
        "name": keyword.name,
        "count_label": format_count(len(keyword.entries), "abstract"),
        "keywords_url": urls.url_for(urls.KEYWORDS),
        "groups": groups,
    }


def context_for_home(journal: Journal) -> dict[str, Any]:
    issue = journal.current_issue
    return {
        "kind": "home",
        "current_issue": toc_for(journal, issue) if issue else None,
        **head_for_home(journal),
    }


def context_for_site(journal: Journal) -> dict[str, Any]:
    """What every page shows: the banner, the partner strip, the footer."""
    settings = journal.settings
    return {
        "title": settings.title,
        "abbreviation": settings.abbreviation,
        "issn_line": format_issns(settings),
        "publisher": settings.publisher,
        "submission_url": settings.submission_url,
        "tracking_url": settings.tracking_url,
        "contact_email_code": encode_email(settings.contact_email)
        if settings.contact_email
        else "",
        "license": _license(settings),
        "partners": [
            {"name": p.name, "url": p.url, "logo": p.logo, "description": p.description}
            for p in settings.media_partners
        ],
        "logo": settings.logo,
        "primary_color": settings.primary_color,
        "colours_css": (
            urls.COLOURS_CSS if settings.primary_color or settings.accent_color else ""
        ),
        "accent_color": settings.accent_color,
        "keywords_url": urls.url_for(urls.KEYWORDS),
        "authors_url": urls.url_for(urls.AUTHOR_INDEX),
        "media_partners_url": urls.url_for(urls.MEDIA_PARTNERS),
        # What the tables of contents are of: "issue", or "volume" (continuous publication).
        "issue_noun": "volume" if settings.continuous else "issue",
    }


def colours_css(site: Mapping[str, Any]) -> str:
    """The journal's header, link and accent colours over the theme's palette, as one
    stylesheet every page links (`urls.COLOURS_CSS`) rather than a <style> each page prints;
    empty when the journal sets neither colour (the theme's palette). The values are
    validated hex colours (settings.parse_color)."""
    primary, accent = site.get("primary_color", ""), site.get("accent_color", "")
    rules = []
    if primary:
        rules.append(
            f"[data-md-color-primary][data-md-color-primary]{{--md-primary-fg-color:{primary};"
            f"--md-primary-fg-color--dark:{primary};--md-primary-bg-color:#fff}}\n"
            f"[data-md-color-scheme=default][data-md-color-primary]"
            f"{{--md-typeset-a-color:{primary}}}\n"
        )
    if accent:
        rules.append(
            f"[data-md-color-accent][data-md-color-accent]{{--md-accent-fg-color:{accent};"
            f"--md-accent-fg-color--transparent:color-mix(in srgb,{accent} 12%,transparent)}}\n"
        )
    return "".join(rules)


def build_pages(journal: Journal, render: Render, head: Head = _head) -> list[PageSpec]:
    """Every generated page of the site."""
    render = cache(render)  # a biography shows on each of its author's abstracts: render once
    keywords = build_keyword_index(journal.issues)  # once: pages look keywords up in it
    pages = [
        page_for_abstract(journal, issue, n, render, keywords, head)
        for issue in journal.issues
        for n in range(len(issue.abstracts))
    ]
    pages += [page_for_issue(journal, issue) for issue in journal.issues]
    pages += [page_for_author(journal, author) for author in journal.authors]
    pages += [page_for_archive(journal), page_for_author_index(journal)]
    pages += [page_for_articles(journal, keywords), page_for_abstracts_index(journal, keywords)]
    if journal.settings.media_partners:  # the menu links the page only when there are some
        pages.append(page_for_media_partners(journal))
    if journal.board:
        pages.append(page_for_board(journal))
    pages.append(page_for_keyword_index(keywords))
    pages += [page_for_keyword(journal, keyword) for keyword in keywords.keywords]
    return pages


def build_nav(journal: Journal, extra_pages: Sequence[str]) -> list[dict[str, str] | str]:
    """The site's menu as journal sites have it: Current issue, Archive, Articles, Authors,
    Editorial board, About, Submit, then the other hand-written pages (src_uris). The
    masthead's logo leads home; the footer holds Track your manuscript, the partner strip the
    media partners."""
    settings = journal.settings
    issue = journal.current_issue
    nav: list[dict[str, str] | str] = []
    if issue:
        label = "Current volume" if issue.is_volume else "Current issue"
        nav.append({label: urls.src_for_issue(issue.volume, issue.number)})
    nav += [{"Archive": urls.ARCHIVE}, {"Articles": urls.ARTICLES}, {"Authors": urls.AUTHOR_INDEX}]
    if journal.board:
        nav.append({"Editorial board": urls.BOARD})
    if urls.ABOUT in extra_pages:
        nav.append({"About": urls.ABOUT})
    if urls.SUBMIT in extra_pages:
        nav.append({"Submit": urls.SUBMIT})
    elif settings.submission_url:
        nav.append({"Submit": settings.submission_url})
    shown = (urls.HOME, urls.SUBMIT, urls.ABOUT)
    nav += [src for src in sorted(extra_pages) if src not in shown]
    return nav
