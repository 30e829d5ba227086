"""The year belongs to the issue: an article published online in 2012 in the 2013 print issue
is cited as 2013 in every output, and its online date is kept where a format has a place for
it. Read with independent parsers and validated with the official schemas."""

from __future__ import annotations

import dataclasses
import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import rispy
from pybtex.database import parse_string

from journal.exports.bibtex import export_bibtex
from journal.exports.citations import format_citations
from journal.exports.crossref import export_crossref
from journal.exports.csl import export_csl
from journal.exports.doaj import export_doaj
from journal.exports.jats import export_jats
from journal.exports.jsonld import graph_for_abstract
from journal.exports.meta import Meta, meta_for_abstract, meta_for_issue
from journal.exports.ris import export_ris
from journal.formatting import format_citation_line
from journal.model import Abstract, Author, Contributor, Issue, Journal, Settings
from official_schemas import crossref_errors, doaj_errors, jats_errors

CR = "{http://www.crossref.org/schema/5.4.0}"


def _tags(metas: list[Meta]) -> dict[str, str]:
    """Name -> content (the last of a name wins), as a reader of the head would look one up."""
    return {m.name: m.content for m in metas}


def _journal(issue_published: datetime.date | None = None) -> Journal:
    settings = Settings(
        title="Annals of Tests",
        abbreviation="Ann Tests",
        issn_online="2324-9110",
        publisher="Press",
        doi_prefix="10.5555",
        depositor_name="Depositor",
        contact_email="office@example.org",
        registrant="Registrant",
        site_url="https://j.example.org/",
    )
    ana = Author(id="ana", name="Ana Silva", given="Ana", family="Silva")
    early = Abstract(
        slug="early",
        title="Online one year, printed the next",
        volume=24,
        issue=3,
        year=2013,  # the issue's year
        published=datetime.date(2012, 11, 12),  # the online date
        type="Research Article",
        doi="10.5555/early",
        pages="10-12",
        body="Text.",
        authors=(Contributor(author=ana, affiliations=()),),
    )
    issue = Issue(volume=24, number=3, year=2013, abstracts=(early,), published=issue_published)
    return Journal(
        settings=settings,
        abstracts=(early,),
        authors=(ana,),
        issues=(issue,),
        abstracts_by_author={"ana": (early,)},
    )


JOURNAL = _journal()
EARLY = JOURNAL.abstracts[0]


def _valid(tmp_path: Path, errors, text: str) -> ET.Element:  # type: ignore[no-untyped-def]
    path = tmp_path / "file.xml"
    path.write_text(text, encoding="utf-8")
    assert errors(path) == []
    return ET.fromstring(text)


def test_reference_managers_get_the_issue_year() -> None:
    entry = parse_string(export_bibtex(JOURNAL, [EARLY]), "bibtex").entries["early"]
    assert entry.fields["year"] == "2013"
    assert "month" not in entry.fields  # November is the online date's month, not the issue's
    record = rispy.loads(export_ris(JOURNAL, [EARLY]))[0]
    assert record["year"] == "2013"
    assert "date" not in record  # no DA of 2012: reference managers would cite that year
    item = json.loads(export_csl(JOURNAL, [EARLY]))[0]
    assert item["issued"] == {"date-parts": [[2013]]}
    assert item["available-date"] == {"date-parts": [[2012, 11, 12]]}


def test_formatted_citations_and_the_cited_as_line_say_2013() -> None:
    cites = {c["id"]: c["text"] for c in format_citations(JOURNAL, EARLY)}
    assert "(2013)" in cites["apa"] and "2012" not in cites["apa"]
    assert "Ann Tests. 2013;24(3):10" in cites["vancouver"]
    assert "2013;24(3):10-12" in cites["ama"]
    assert format_citation_line(JOURNAL.settings, EARLY) == "Ann Tests 2013;24(3):10"


def test_scholar_tags_give_the_issue_date_and_the_online_date() -> None:
    tags = _tags(meta_for_abstract(JOURNAL, EARLY))
    assert tags["citation_publication_date"] == "2013"
    assert tags["citation_online_date"] == "2012/11/12"
    assert tags["DC.date"] == "2013"
    dated = _journal(datetime.date(2013, 3, 1))
    tags = _tags(meta_for_abstract(dated, dated.abstracts[0]))
    assert tags["citation_publication_date"] == "2013/03/01"  # issues.yml's date
    assert tags["citation_online_date"] == "2012/11/12"


def _date(element: ET.Element) -> tuple[str | None, ...]:
    return tuple(element.findtext(f"{CR}{p}") for p in ("year", "month", "day"))


def test_crossref_has_the_online_date_and_the_print_year(tmp_path: Path) -> None:
    root = _valid(tmp_path, crossref_errors, export_crossref(JOURNAL, JOURNAL.issues[0], 1))
    article = root.find(f".//{CR}journal_article")
    assert article is not None
    dates = {d.get("media_type"): _date(d) for d in article.findall(f"{CR}publication_date")}
    assert dates == {"online": ("2012", "11", "12"), "print": ("2013", None, None)}
    issue = root.find(f".//{CR}journal_issue/{CR}publication_date")
    assert issue is not None and _date(issue) == ("2013", None, None)


def test_jats_has_the_electronic_date_and_the_issue_year(tmp_path: Path) -> None:
    root = _valid(tmp_path, jats_errors, export_jats(JOURNAL, EARLY))
    dates = {
        d.get("date-type"): (d.get("publication-format"), d.findtext("year"), d.findtext("month"))
        for d in root.findall("front/article-meta/pub-date")
    }
    assert dates == {"pub": ("electronic", "2012", "11"), "collection": (None, "2013", None)}


def test_doaj_and_json_ld(tmp_path: Path) -> None:
    root = _valid(tmp_path, doaj_errors, export_doaj(JOURNAL, JOURNAL.issues[0]))
    assert root.findtext("record/publicationDate") == "2013"
    graph = graph_for_abstract(JOURNAL, EARLY)
    assert graph["datePublished"] == "2012-11-12"  # when it went online
    assert graph["isPartOf"]["datePublished"] == "2013"  # the issue's


def test_a_continuous_journal_is_cited_with_the_published_date() -> None:
    continuous = dataclasses.replace(EARLY, issue=None, year=2012)
    journal = dataclasses.replace(
        JOURNAL,
        abstracts=(continuous,),
        issues=(Issue(volume=24, number=None, year=2012, abstracts=(continuous,)),),
    )
    item = json.loads(export_csl(journal, [continuous]))[0]
    assert item["issued"] == {"date-parts": [[2012, 11, 12]]} and "available-date" not in item
    assert _tags(meta_for_abstract(journal, continuous))["citation_publication_date"] == (
        "2012/11/12"
    )


def test_the_issue_page_is_dated_by_the_issue_year() -> None:
    tags = _tags(meta_for_issue(JOURNAL, JOURNAL.issues[0], "Volume 24, Issue 3 (2013)"))
    assert tags["DC.date"] == "2013"  # not its article's online date of 2012


def test_an_undated_issue_has_one_date_in_jats_and_crossref(tmp_path: Path) -> None:
    # No issues.yml date: the issue came out with its newest article (2013-04-05). JATS's
    # collection date and Crossref's journal_issue say so alike; each article is still cited
    # with its own date.
    first = dataclasses.replace(EARLY, published=datetime.date(2013, 2, 1))
    last = dataclasses.replace(
        EARLY, slug="last", doi="10.5555/last", published=datetime.date(2013, 4, 5)
    )
    issue = Issue(volume=24, number=3, year=2013, abstracts=(first, last))
    journal = dataclasses.replace(JOURNAL, abstracts=(first, last), issues=(issue,))
    root = _valid(tmp_path, crossref_errors, export_crossref(journal, issue, 1))
    crossref_issue = root.find(f".//{CR}journal_issue/{CR}publication_date")
    assert crossref_issue is not None and _date(crossref_issue) == ("2013", "04", "05")
    jats = _valid(tmp_path, jats_errors, export_jats(journal, first))
    collection = jats.find("front/article-meta/pub-date[@date-type='collection']")
    assert collection is not None
    assert tuple(collection.findtext(p) for p in ("year", "month", "day")) == ("2013", "04", "05")
    assert _tags(meta_for_abstract(journal, first))["citation_publication_date"] == "2013/02/01"
