"""Article types: one table, read by validation, the table of contents and every export.

Each type is what editors write in `type:` and maps, once, to the vocabulary of each output
(JATS `article-type`, Crossref `publication_type`, CSL, RIS, schema.org). A journal may
declare its own list and order under `extra.journal.article_types` (settings.py); without
one, DEFAULT_TYPES is the list and its order is the issue's table of contents.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleType:
    """One kind of item a journal publishes, e.g. "Research Article"."""

    name: str
    """What editors write in `type:`, and the badge on the page."""
    plural: str
    """The table-of-contents heading, e.g. "Research Articles"."""
    jats: str
    """JATS 1.3 `article-type` (the JATS recommended vocabulary, plus expression-of-concern)."""
    csl: str = "article-journal"
    """CSL-JSON `type`."""
    ris: str = "JOUR"
    """RIS `TY`."""
    schema_org: str = "MedicalScholarlyArticle"
    """schema.org `@type` of the article in JSON-LD."""
    crossref: str = "full_text"
    """Crossref 5.4.0 `journal_article/@publication_type`: full_text or abstract_only."""
    needs_abstract: bool = True
    """Whether the file must have a body (corrections and notices often have none)."""


def _type(
    name: str,
    plural: str,
    jats: str,
    *,
    csl: str = "article-journal",
    ris: str = "JOUR",
    schema_org: str = "MedicalScholarlyArticle",
    crossref: str = "full_text",
    needs_abstract: bool = True,
) -> ArticleType:
    return ArticleType(
        name=name,
        plural=plural,
        jats=jats,
        csl=csl,
        ris=ris,
        schema_org=schema_org,
        crossref=crossref,
        needs_abstract=needs_abstract,
    )


DEFAULT_TYPES: tuple[ArticleType, ...] = (
    _type("Editorial", "Editorials", "editorial", needs_abstract=False),
    _type("Research Article", "Research Articles", "research-article"),
    _type("Review", "Reviews", "review-article"),
    _type("Short Communication", "Short Communications", "brief-report"),
    _type("Brief Report", "Brief Reports", "brief-report"),
    _type("Rapid Communication", "Rapid Communications", "rapid-communication"),
    _type("Case Report", "Case Reports", "case-report"),
    _type("Clinical Image", "Clinical Images", "case-report"),
    _type("Commentary", "Commentaries", "article-commentary", needs_abstract=False),
    _type("Discussion", "Discussions", "discussion", needs_abstract=False),
    _type("Letter", "Letters", "letter", needs_abstract=False),
    _type("Reply", "Replies", "reply", needs_abstract=False),
    _type("Meeting Report", "Meeting Reports", "meeting-report", schema_org="Report"),
    _type(
        "Conference Abstract",
        "Conference Abstracts",
        "abstract",
        crossref="abstract_only",
        ris="ABST",
    ),
    _type(
        "Book Review",
        "Book Reviews",
        "book-review",
        csl="review-book",
        schema_org="Review",
        needs_abstract=False,
    ),
    _type(
        "News",
        "News",
        "news",
        csl="article-magazine",
        schema_org="NewsArticle",
        needs_abstract=False,
    ),
    _type("Obituary", "Obituaries", "obituary", needs_abstract=False),
    _type(
        "Announcement", "Announcements", "announcement", schema_org="Article", needs_abstract=False
    ),
    _type("Notice", "Notices", "announcement", schema_org="Article", needs_abstract=False),
    _type("Addendum", "Addenda", "addendum", needs_abstract=False),
    _type("Correction", "Corrections", "correction", needs_abstract=False),
    _type("Erratum", "Errata", "correction", needs_abstract=False),
    _type("Retraction", "Retractions", "retraction", needs_abstract=False),
    _type(
        "Expression of Concern",
        "Expressions of Concern",
        "expression-of-concern",
        needs_abstract=False,
    ),
)
DEFAULT_NAMES = tuple(t.name for t in DEFAULT_TYPES)
_BY_NAME = {t.name: t for t in DEFAULT_TYPES}
_BY_JATS = {t.jats: t for t in reversed(DEFAULT_TYPES)}  # the first type of each JATS value
OTHER = ArticleType(name="Other", plural="Other", jats="other")
"""What an abstract whose type is not in the table maps to (it cannot pass the check)."""


def default_type(name: str) -> ArticleType | None:
    """A type of the default table by its name ("Book Review") or JATS value ("book-review")."""
    return _BY_NAME.get(name) or _BY_JATS.get(name)


def journal_type(
    name: str, like: str, plural: str = "", needs_abstract: bool | None = None
) -> ArticleType | None:
    """A journal's own type: the mappings of the default type `like`, under a new name."""
    base = default_type(like)
    if base is None:
        return None
    needs = base.needs_abstract if needs_abstract is None else needs_abstract
    return replace(base, name=name, plural=plural or name, needs_abstract=needs)


def type_named(types: tuple[ArticleType, ...], name: str) -> ArticleType:
    """The type an abstract names (OTHER when the journal has no such type)."""
    return next((t for t in types if t.name == name), None) or replace(
        OTHER, name=name, plural=name
    )
