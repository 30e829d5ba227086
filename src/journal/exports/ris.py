"""RIS: the tagged format EndNote, Zotero and Mendeley import."""

from __future__ import annotations

from collections.abc import Iterable

from .. import title_markup
from ..model import Abstract, Contributor, Journal
from .common import abstract_url, cited_date, given_and_family, issue_number, plain_text


def escape_ris(text: str) -> str:
    """Text as an RIS value: one line (RIS ends a value at the line break)."""
    return " ".join(text.split())


def _name(contributor: Contributor) -> str:
    """A person as "Family, Given"; a group's name as it is."""
    if contributor.author is None:
        return contributor.name
    return ", ".join(n for n in reversed(given_and_family(contributor.author)) if n)


def record_for_abstract(journal: Journal, abstract: Abstract) -> str:
    settings = journal.settings
    cited = cited_date(journal, abstract)  # the issue's year, not the online date's
    tags: list[tuple[str, str]] = [("TY", settings.article_type(abstract.type).ris)]
    tags += [("AU", _name(c)) for c in abstract.authors]
    tags += [
        ("TI", title_markup.plain(abstract.title)),
        ("T2", settings.title),
        ("J2", settings.abbreviation),
        ("PY", str(cited[0])),
        # DA is the full date where it is known. Not the online date of another year:
        # reference managers read DA as the item's date too, and would cite that year.
        ("DA", "/".join(f"{n:02d}" for n in cited) if len(cited) > 1 else ""),
        ("VL", str(abstract.volume)),
        ("IS", issue_number(abstract)),
        ("SP", abstract.first_page or abstract.article_number),
        ("EP", abstract.last_page),
        ("DO", abstract.doi),
        ("UR", abstract_url(settings, abstract)),
    ]
    tags += [("SN", issn) for issn in settings.issns]
    tags += [("PB", settings.publisher), ("LA", settings.language)]
    tags += [("KW", keyword) for keyword in abstract.keywords]
    tags += [("AB", plain_text(abstract.body)), ("ER", "")]
    return "".join(f"{tag}  - {escape_ris(value)}\n" for tag, value in tags if value or tag == "ER")


def export_ris(journal: Journal, abstracts: Iterable[Abstract]) -> str:
    """An .ris file with the given abstracts."""
    return "\n".join(record_for_abstract(journal, a) for a in abstracts)
