"""BibTeX: one @article entry per abstract."""

from __future__ import annotations

from collections.abc import Iterable

from .. import title_markup
from ..model import Abstract, Contributor, Journal
from .common import abstract_url, cited_date, given_and_family, issue_number, plain_text

_SPECIAL = {
    "\\": r"\textbackslash{}",
    # Not \{ and \}: BibTeX counts every brace, escaped or not, to find where a value ends.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TABLE = str.maketrans(_SPECIAL)  # one C-level pass instead of a generator per character
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape_bibtex(text: str) -> str:
    """Text as a BibTeX field value: LaTeX specials escaped, whitespace collapsed.

    Non-ASCII letters stay as they are (UTF-8); biber, pybtex and reference managers read them.
    """
    return " ".join(text.split()).translate(_TABLE)


def _escape_piece(text: str) -> str:
    """A piece of a title's text (its spaces already tidied by title_markup) escaped."""
    return text.translate(_TABLE)


def _verbatim(text: str) -> str:
    # doi and url are verbatim fields: no escaping, but braces would end the value.
    return text.replace("{", "").replace("}", "")


def _name(contributor: Contributor) -> str:
    """A person as "Family, Given"; a group's name in braces, so BibTeX never splits it."""
    if contributor.author is None:
        return "{" + escape_bibtex(contributor.name) + "}"
    return escape_bibtex(", ".join(n for n in reversed(given_and_family(contributor.author)) if n))


def entry_for_abstract(journal: Journal, abstract: Abstract) -> str:
    settings = journal.settings
    cited = cited_date(journal, abstract)  # the issue's year, not the online date's
    fields = [
        ("author", " and ".join(_name(c) for c in abstract.authors)),
        ("title", "{" + title_markup.bibtex(abstract.title, _escape_piece) + "}"),  # keep capitals
        ("journal", escape_bibtex(settings.title)),
        ("shortjournal", escape_bibtex(settings.abbreviation)),
        ("year", str(cited[0])),
        ("month", _MONTHS[cited[1] - 1] if len(cited) > 1 else ""),
        ("volume", str(abstract.volume)),
        ("number", issue_number(abstract)),
        # Zotero and biblatex styles read `pages`; an article number is the page there.
        ("pages", escape_bibtex(abstract.pages.replace("-", "--") or abstract.article_number)),
        ("eid", escape_bibtex(abstract.article_number)),
        ("doi", _verbatim(abstract.doi)),
        ("url", _verbatim(abstract_url(settings, abstract))),
        ("issn", ", ".join(settings.issns)),
        ("publisher", escape_bibtex(settings.publisher)),
        ("keywords", escape_bibtex(", ".join(abstract.keywords))),
        ("abstract", escape_bibtex(plain_text(abstract.body))),
    ]
    lines = [f"  {name} = {{{value}}}," for name, value in fields if value]
    return "@article{" + abstract.slug + ",\n" + "\n".join(lines) + "\n}\n"


def export_bibtex(journal: Journal, abstracts: Iterable[Abstract]) -> str:
    """A .bib file with the given abstracts, keyed by slug."""
    return "\n".join(entry_for_abstract(journal, a) for a in abstracts)
