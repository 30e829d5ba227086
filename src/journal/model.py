"""The journal's content as frozen dataclasses: no I/O, no HTML, no MkDocs.

Field names equal the front-matter keys editors write, so the README's front-matter
reference and this module describe the same thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import urls
from .article_types import DEFAULT_TYPES, ArticleType, type_named


@dataclass(frozen=True, slots=True, kw_only=True)
class Affiliation:
    """An institution an author works at."""

    name: str
    """Institution name, e.g. "Iran University of Medical Sciences"."""
    country: str = ""
    """Country, in English, e.g. "Iran"."""
    ror: str = ""
    """Research Organization Registry id as a URL, e.g. "https://ror.org/03w04rv71"."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaPartner:
    """An organisation listed under "Media partners"."""

    name: str
    url: str
    logo: str = ""
    """Path of the logo image inside docs/, e.g. "assets/partners/x.svg"."""
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class License:
    """The licence articles are published under."""

    name: str
    """Short name, e.g. "CC BY 4.0"."""
    url: str
    """Canonical URL of the licence text."""


PUBLICATION_MODES = ("issues", "continuous")
"""The values of the `publication` setting: numbered issues, or continuous publication."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """One item of an abstract's reference list."""

    text: str
    """The reference as printed, e.g. "Blanch DC, Hall JA. Medical student gender. 2008."."""
    doi: str = ""
    """The cited work's DOI (10.…/…), when it has one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Funding:
    """One funder of the work, with the grants it gave."""

    funder: str
    """The funder's name, e.g. "National Cancer Institute"."""
    funder_id: str = ""
    """A Crossref Funder ID as a DOI (10.13039/…) or a ROR id as a URL (https://ror.org/…)."""
    awards: tuple[str, ...] = ()
    """Award (grant) numbers, e.g. ("R01 CA123456",)."""

    @property
    def is_ror(self) -> bool:
        return urls.is_ror(self.funder_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Translation:
    """The title and abstract in another language."""

    language: str
    """ISO 639-1 code, e.g. "fr"."""
    title: str = ""
    abstract: str = ""
    """Markdown."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The journal's settings, from `extra.journal` in mkdocs.yml."""

    title: str
    abbreviation: str
    """ISO 4 abbreviation, e.g. "J Clin Exp Oncol"."""
    issn_print: str = ""
    issn_online: str = ""
    publisher: str = ""
    doi_prefix: str = ""
    """The DOI prefix every article DOI starts with, e.g. "10.4172"."""
    language: str = "en"
    """Language of the articles, ISO 639-1 code."""
    license: License | None = None
    description: str = ""
    submission_url: str = ""
    tracking_url: str = ""
    contact_email: str = ""
    media_partners: tuple[MediaPartner, ...] = ()
    logo: str = ""
    """The journal's logo shown in the header: an image path inside docs/."""
    primary_color: str = ""
    """Header and link colour as a hex colour, e.g. "#3f51b5"; the theme's palette when empty."""
    accent_color: str = ""
    """Colour of badges and hovered links as a hex colour; the theme's palette when empty."""
    depositor_name: str = ""
    """Who sends the Crossref deposits (Crossref `depositor_name`); the publisher when empty."""
    depositor_email: str = ""
    """Where Crossref sends deposit reports; the contact e-mail when empty."""
    registrant: str = ""
    """The organisation that owns the DOIs (Crossref `registrant`); the publisher when empty."""
    pdf: bool = True
    """Typeset a PDF galley of every abstract and a book of abstracts of every issue."""
    pdf_email: bool = True
    """Print the corresponding author's e-mail address in the PDFs."""
    cms: bool = False
    """Whether the site has the in-browser editor at /admin/ (cms.py)."""
    site_url: str = ""
    """The published site's address (mkdocs.yml `site_url`), used for absolute links."""
    crossmark_policy: str = ""
    """The DOI of the journal's Crossmark policy page; when set, Crossref deposits carry
    Crossmark, with the updates corrections and retractions make."""
    article_types: tuple[ArticleType, ...] = DEFAULT_TYPES
    """The journal's article types in table-of-contents order (article_types.py)."""
    require_corresponding_email: bool = False
    """Whether every corresponding author must have an e-mail address in their file."""
    publication: str = "issues"
    """How articles are grouped: "issues" (volumes of numbered issues) or "continuous"
    (articles published as they are accepted, grouped by volume only; no issues)."""

    @property
    def continuous(self) -> bool:
        """Whether the journal publishes continuously: volumes, no issues."""
        return self.publication == "continuous"

    def article_type(self, name: str) -> ArticleType:
        """The type an abstract's `type:` names, with its mapping to every output."""
        return type_named(self.article_types, name)

    @property
    def issns(self) -> tuple[str, ...]:
        """Every ISSN the journal has, print first."""
        return tuple(i for i in (self.issn_print, self.issn_online) if i)


@dataclass(frozen=True, slots=True, kw_only=True)
class Author:
    """A person who wrote abstracts; one file in authors/."""

    id: str
    """The file name without .md; abstracts refer to the author by it."""
    name: str
    given: str = ""
    family: str = ""
    degrees: str = ""
    orcid: str = ""
    """ORCID iD as 0000-0000-0000-0000 (no URL)."""
    email: str = ""
    affiliations: tuple[Affiliation, ...] = ()
    photo: str = ""
    """Image path relative to the authors/ folder."""
    bio: str = ""
    """The biography, in Markdown (the file's body)."""
    source: str = ""
    """The file this author came from, relative to the repository root."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """A group or consortium credited as one author, e.g. "ICGC Breast Cancer Group"."""

    name: str
    """The group's full name; never split into given and family names."""
    members: tuple[Author, ...] = ()
    """People the abstract names as the group's members (author files), in its order."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Contributor:
    """An author as listed on one abstract: a person (an author file) or a group."""

    author: Author | None = None
    """The person; None for a group."""
    group: Group | None = None
    """The group, for an `authors:` item written `- group: …`; None for a person."""
    affiliations: tuple[Affiliation, ...] = ()
    """The affiliations given on this abstract (the author's own when not overridden)."""
    is_corresponding: bool = False

    @property
    def name(self) -> str:
        """The name as printed: the person's, or the group's in full."""
        if self.author is not None:
            return self.author.name
        return self.group.name if self.group else ""

    @property
    def people(self) -> tuple[Author, ...]:
        """The person, or the group's members: whose author pages list the abstract."""
        if self.author is not None:
            return (self.author,)
        return self.group.members if self.group else ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Conference:
    """The meeting a conference abstract was presented at."""

    name: str
    place: str = ""
    dates: str = ""


UPDATE_KINDS = ("correction", "retraction", "expression-of-concern")
"""What a notice may do to an earlier article (`updates: [{…, type: …}]`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Update:
    """A link between a notice (correction, retraction…) and the article it is about."""

    kind: str
    """One of UPDATE_KINDS."""
    doi: str = ""
    """The other article's DOI (the one written, or the one the journal's article has)."""
    slug: str = ""
    """The other article's slug when it is in this journal; empty for another journal's."""
    title: str = ""
    """The other article's title when it is in this journal."""
    date: datetime.date | None = None
    """When the notice was published (on the updated article's side)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Abstract:
    """One abstract; one file in abstracts/."""

    slug: str
    title: str
    authors: tuple[Contributor, ...]
    volume: int
    issue: int | None
    """The issue number; None in a continuous journal (the article is in its volume only)."""
    year: int
    published: datetime.date
    type: str
    doi: str = ""
    keywords: tuple[str, ...] = ()
    pages: str = ""
    """First page, or first-last, e.g. "12-14"."""
    article_number: str = ""
    received: datetime.date | None = None
    accepted: datetime.date | None = None
    conference: Conference | None = None
    draft: bool = False
    body: str = ""
    """The abstract text, in Markdown."""
    source: str = ""
    """The file this abstract came from, relative to the repository root."""
    updates: tuple[Update, ...] = ()
    """What this notice corrects, retracts or expresses concern about."""
    updated_by: tuple[Update, ...] = ()
    """The notices about this article (filled in by assembly), oldest first."""
    pdf: str = ""
    """The full text as a PDF beside the file (same name, .pdf), relative to the repository
    root; empty when there is none."""
    references: tuple[Reference, ...] = ()
    funding: tuple[Funding, ...] = ()
    competing_interests: str = ""
    data_availability: str = ""
    license: License | None = None
    """The article's own licence; None when it is the journal's (see `licence_in`)."""
    plain_summary: str = ""
    """A plain-language summary, in Markdown."""
    translations: tuple[Translation, ...] = ()
    """The title and abstract in other languages, in the order written."""

    def licence_in(self, settings: Settings) -> License | None:
        """The licence the article is published under: its own, else the journal's."""
        return self.license or settings.license

    @property
    def is_retracted(self) -> bool:
        return any(u.kind == "retraction" for u in self.updated_by)

    @property
    def first_page(self) -> str:
        return self.pages.split("-")[0].strip() if self.pages else ""

    @property
    def last_page(self) -> str:
        return self.pages.split("-")[-1].strip() if self.pages else ""

    @property
    def corresponding(self) -> tuple[Contributor, ...]:
        """Every author marked `corresponding: true`, in author order (any number)."""
        return tuple(c for c in self.authors if c.is_corresponding)


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One issue: its abstracts, plus the optional metadata from issues.yml. In a continuous
    journal one volume (`number` None): every page and file made per issue is then made per
    volume, at volumes/<volume>/."""

    volume: int
    number: int | None
    """The issue number; None for a volume of a continuous journal."""
    year: int
    """The year of the issue (a volume: its first year)."""
    abstracts: tuple[Abstract, ...]
    title: str = ""
    """E.g. "Special Issue: Proceedings of …"."""
    published: datetime.date | None = None
    description: str = ""
    cover: str = ""

    years: tuple[int, ...] = ()
    """Every year its abstracts were published in, oldest first (a volume may span years)."""

    @property
    def key(self) -> tuple[int, int | None]:
        return (self.volume, self.number)

    @property
    def is_volume(self) -> bool:
        """A volume of a continuous journal, not a numbered issue."""
        return self.number is None

    @property
    def years_label(self) -> str:
        """The years it spans, e.g. "2024-2025" with an en dash (one year: "2024")."""
        years = self.years or (self.year,)
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class BoardMember:
    """One person on the editorial board: an author file's (`author_id`) or written in board.yml."""

    name: str
    orcid: str = ""
    affiliations: tuple[Affiliation, ...] = ()
    section: str = ""
    """What a section editor edits, e.g. "Pathology"."""
    author_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BoardRole:
    """A role on the board (Editor-in-chief, Associate editors…) and who holds it."""

    role: str
    members: tuple[BoardMember, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Journal:
    """Everything the site is built from, validated and cross-linked."""

    settings: Settings
    abstracts: tuple[Abstract, ...]
    """Published abstracts, in issue order (newest issue first)."""
    authors: tuple[Author, ...]
    """Every author, A-Z by family name."""
    issues: tuple[Issue, ...]
    """Newest first."""
    abstracts_by_author: Mapping[str, tuple[Abstract, ...]] = field(default_factory=dict)
    board: tuple[BoardRole, ...] = ()
    """The editorial board (board.yml), by role."""

    @property
    def current_issue(self) -> Issue | None:
        """The newest issue; in a continuous journal the newest (highest) volume."""
        return self.issues[0] if self.issues else None
