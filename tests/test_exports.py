"""Unit tests of the export functions on a tiny journal built in Python (no MkDocs, no build)."""

from __future__ import annotations

import dataclasses
import datetime
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import feedparser
import pypandoc
import pytest
import rispy
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from rdflib import Graph, Namespace

from journal.exports import build_exports
from journal.exports.atom import export_atom
from journal.exports.bibtex import escape_bibtex, export_bibtex
from journal.exports.citations import format_citations
from journal.exports.crossref import export_crossref
from journal.exports.csl import export_csl
from journal.exports.doaj import export_doaj
from journal.exports.head import head_html
from journal.exports.jats import export_jats
from journal.exports.jsonld import graph_for_abstract, graph_for_home, graph_for_issue
from journal.exports.meta import Meta, meta_for_abstract, summarise
from journal.exports.ris import export_ris
from journal.exports.robots import export_robots
from journal.model import (
    Abstract,
    Affiliation,
    Author,
    Conference,
    Contributor,
    Issue,
    Journal,
    License,
    Reference,
    Settings,
)
from official_schemas import crossref_errors, doaj_errors, jats_errors

NASTY = 'Tumours <b>&</b> "quotes" </script>\nα–β'
CR = "http://www.crossref.org/schema/5.4.0"


def _journal() -> Journal:
    settings = Settings(
        title="Tests & Trials",
        abbreviation="Tests Trials",
        issn_print="0317-8471",
        issn_online="2324-9110",
        publisher="Press & Co",
        doi_prefix="10.5555",
        license=License(name="CC BY 4.0", url="https://creativecommons.org/licenses/by/4.0/"),
        contact_email="office@example.org",
        depositor_name="Depositor",
        registrant="Registrant",
        site_url="https://j.example.org/",
    )
    hospital = Affiliation(
        name="Hospital <Pruebas>", country="Spain", ror="https://ror.org/03w04rv71"
    )
    ana = Author(
        id="ana",
        name="Ana López-Núñez",
        given="Ana",
        family="López-Núñez",
        orcid="0000-0002-1825-0097",
        affiliations=(hospital,),
        bio="Ana's *bio*.",
    )
    ben = Author(id="ben", name="Ben Okoro", email="ben@example.org")
    first = Abstract(
        slug="first",
        title=NASTY,
        volume=1,
        issue=1,
        year=2020,
        published=datetime.date(2020, 3, 1),
        received=datetime.date(2020, 1, 2),
        type="Research Article",
        doi="10.5555/x_1",
        keywords=("a & b", "ß"),
        pages="1-4",
        body="**Background:** 50% of {cases} & more.\n\nSecond $paragraph$ #2.",
        authors=(
            Contributor(author=ana, affiliations=(hospital,)),
            Contributor(author=ben, affiliations=(), is_corresponding=True),
        ),
    )
    talk = Abstract(
        slug="talk",
        title="A talk",
        volume=1,
        issue=1,
        year=2020,
        published=datetime.date(2020, 3, 2),
        type="Conference Abstract",
        pages="5",
        conference=Conference(name="Congress", place="Lisbon", dates="1-3 June 2020"),
        body="Talk.",
        authors=(Contributor(author=ben, affiliations=()),),
    )
    issue = Issue(
        volume=1, number=1, year=2020, abstracts=(first, talk), published=datetime.date(2020, 3, 31)
    )
    return Journal(
        settings=settings,
        abstracts=(first, talk),
        authors=(ana, ben),
        issues=(issue,),
        abstracts_by_author={"ana": (first,), "ben": (first, talk)},
    )


JOURNAL = _journal()
ISSUE = JOURNAL.issues[0]
FIRST, TALK = ISSUE.abstracts


def _validate(tmp_path: Path, errors: Callable[[Path], list[str]], *, text: str) -> None:
    path = tmp_path / "file.xml"
    path.write_text(text, encoding="utf-8")
    assert errors(path) == []


def test_escape_bibtex_escapes_every_latex_special_character() -> None:
    assert escape_bibtex("50% & $x$ #1 a_b {c} ~ ^ \\") == (
        r"50\% \& \$x\$ \#1 a\_b \textbraceleft{}c\textbraceright{} \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{}"
    )
    assert escape_bibtex("two\nlines") == "two lines"


def test_bibtex_parses_with_pybtex_and_keeps_the_values() -> None:
    data = parse_string(export_bibtex(JOURNAL, ISSUE.abstracts), "bibtex")
    assert sorted(data.entries) == ["first", "talk"]
    entry = data.entries["first"]
    assert [str(p) for p in entry.persons["author"]] == ["López-Núñez, Ana", "Okoro, Ben"]
    assert entry.fields["doi"] == "10.5555/x_1"
    assert entry.fields["pages"] == "1--4"
    assert entry.fields["journal"] == r"Tests \& Trials"


BIBTEX_HOSTILE = st.text(alphabet="{}\\@%#&~^$_,=\"' \nabcÄß漢", min_size=1, max_size=30)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(title=BIBTEX_HOSTILE, keywords=st.lists(BIBTEX_HOSTILE, min_size=1, max_size=4))
def test_bibtex_of_any_title_and_keywords_parses_as_one_entry(
    title: str, keywords: list[str]
) -> None:
    abstract = dataclasses.replace(
        ISSUE.abstracts[0], title=title.strip() or "t", keywords=tuple(keywords)
    )
    data = parse_string(export_bibtex(JOURNAL, [abstract, ISSUE.abstracts[1]]), "bibtex")
    assert sorted(data.entries) == ["first", "talk"]  # nothing broke out of a value
    entry = data.entries["first"]
    assert "title" in entry.fields and "doi" in entry.fields
    assert entry.fields["doi"] == "10.5555/x_1"
    assert [str(p) for p in entry.persons["author"]] == ["López-Núñez, Ana", "Okoro, Ben"]


def test_ris_parses_with_rispy() -> None:
    records = rispy.loads(export_ris(JOURNAL, ISSUE.abstracts))
    assert len(records) == 2
    first = records[0]
    assert first["type_of_reference"] == "JOUR"
    assert first["authors"] == ["López-Núñez, Ana", "Okoro, Ben"]
    assert first["title"] == " ".join(NASTY.split())  # RIS values are one line
    assert first["doi"] == "10.5555/x_1"
    assert first["start_page"] == "1" and first["end_page"] == "4"
    assert first["keywords"] == ["a & b", "ß"]
    assert records[1]["start_page"] == "5"


def test_csl_json_is_read_by_citeproc() -> None:
    items = json.loads(export_csl(JOURNAL, [FIRST]))
    assert items[0]["title"] == NASTY
    assert items[0]["author"][0] == {"family": "López-Núñez", "given": "Ana"}
    assert items[0]["issued"] == {"date-parts": [[2020, 3, 31]]}  # the issue's date
    assert items[0]["available-date"] == {"date-parts": [[2020, 3, 1]]}  # online
    # pandoc's citeproc (what formats the citations) reads the file as written.
    read = json.loads(pypandoc.convert_text(export_csl(JOURNAL, [FIRST]), "csljson", "csljson"))
    assert [(i["id"], i["author"][0]["family"], i["DOI"]) for i in read] == [
        ("first", "López-Núñez", "10.5555/x_1")
    ]


def test_citations_escape_the_values_and_keep_only_the_styles_markup() -> None:
    cites = {c["id"]: c for c in format_citations(JOURNAL, FIRST)}
    assert list(cites) == ["apa", "vancouver", "ama"]
    apa = cites["apa"]
    assert apa["text"].startswith("López-Núñez, A., & Okoro, B. (2020). Tumours <b>&</b>")
    assert "&lt;/script&gt;" in apa["html"] and "</script>" not in apa["html"]
    assert "<i>Tests &amp; Trials</i>" in apa["html"]
    assert cites["vancouver"]["text"].startswith("López-Núñez A, Okoro B. Tumours")
    assert "Tests Trials. 2020;1(1):1" in cites["vancouver"]["text"]
    assert "<i>Tests Trials</i>. 2020;1(1):1-4. doi:10.5555/x_1" in cites["ama"]["html"]


def test_crossref_is_valid_deterministic_and_leaves_out_abstracts_without_doi(
    tmp_path: Path,
) -> None:
    text = export_crossref(JOURNAL, ISSUE, epoch=1700000000)
    assert text == export_crossref(JOURNAL, ISSUE, epoch=1700000000)
    _validate(tmp_path, crossref_errors, text=text)
    root = ET.fromstring(text)
    ns = {"c": CR}
    assert root.findtext("c:head/c:timestamp", namespaces=ns) == "20231114221320"
    assert root.findtext("c:head/c:depositor/c:email_address", namespaces=ns) == (
        "office@example.org"
    )
    assert "office@example.org" not in text  # hidden from harvesters
    articles = root.findall(".//c:journal_article", ns)
    assert [a.findtext("c:doi_data/c:doi", namespaces=ns) for a in articles] == ["10.5555/x_1"]
    people = articles[0].findall("c:contributors/c:person_name", ns)
    assert [p.get("sequence") for p in people] == ["first", "additional"]
    assert people[0].findtext("c:ORCID", namespaces=ns) == "https://orcid.org/0000-0002-1825-0097"


def test_crossref_without_epoch_is_dated_by_the_issue_and_batch_follows_content() -> None:
    text = export_crossref(JOURNAL, ISSUE)
    assert "<timestamp>20200331000000</timestamp>" in text
    other = Journal(
        settings=JOURNAL.settings,
        abstracts=JOURNAL.abstracts,
        authors=JOURNAL.authors,
        issues=(
            Issue(
                volume=1,
                number=1,
                year=2020,
                published=ISSUE.published,
                abstracts=(FIRST.__class__(**{**_fields(FIRST), "title": "Changed"}),),
            ),
        ),
    )
    batch = ET.fromstring(text).findtext(f"{{{CR}}}head/{{{CR}}}doi_batch_id")
    changed = ET.fromstring(export_crossref(other, other.issues[0])).findtext(
        f"{{{CR}}}head/{{{CR}}}doi_batch_id"
    )
    assert batch != changed


def _fields(abstract: Abstract) -> dict[str, object]:
    return {name: getattr(abstract, name) for name in abstract.__dataclass_fields__}


def test_build_exports_notes_abstracts_left_out_of_crossref() -> None:
    files, notes = build_exports(JOURNAL, 1700000000)
    names = [file.src_uri for file in files]
    assert "issues/1/1/crossref.xml" in names and "feed.xml" in names
    assert "abstracts/first/first.jats.xml" in names and "robots.txt" in names
    assert notes == [
        "Crossref: Volume 1, Issue 1 (2020): left out 1 abstract(s) without a DOI: talk"
    ]


def test_doaj_and_jats_validate_against_the_official_schemas(tmp_path: Path) -> None:
    _validate(tmp_path, doaj_errors, text=export_doaj(JOURNAL, ISSUE))
    for abstract in ISSUE.abstracts:
        _validate(tmp_path, jats_errors, text=export_jats(JOURNAL, abstract))


def test_doaj_uses_three_letter_languages_and_orcid_urls() -> None:
    root = ET.fromstring(export_doaj(JOURNAL, ISSUE))
    record = root.find("record")
    assert record is not None
    assert record.findtext("language") == "eng"
    assert record.findtext("authors/author/orcid_id") == "https://orcid.org/0000-0002-1825-0097"
    assert record.find("authors/author/email") is None


def test_jats_has_the_conference_and_the_bio() -> None:
    talk = ET.fromstring(export_jats(JOURNAL, TALK))
    assert talk.get("article-type") == "abstract"
    assert talk.findtext(".//conference/conf-name") == "Congress"
    first = ET.fromstring(export_jats(JOURNAL, FIRST))
    assert first.findtext(".//contrib/bio/p") == "Ana's bio."
    assert first.findtext(".//article-title") == NASTY


def test_atom_feed_parses_without_errors_newest_first() -> None:
    feed = feedparser.parse(export_atom(JOURNAL))
    assert feed.bozo == 0
    assert [e.link for e in feed.entries] == [
        "https://j.example.org/abstracts/talk/",
        "https://j.example.org/abstracts/first/",
    ]
    assert feed.entries[0].title == "A talk"
    assert feed.entries[1].id == "https://doi.org/10.5555/x_1"
    assert feed.feed.updated == "2020-03-02T00:00:00Z"


SCHEMA = Namespace("https://schema.org/")


def test_jsonld_describes_a_shared_affiliation_once_and_an_ld_parser_joins_them() -> None:
    ana, ben = (c.author for c in FIRST.authors)
    hospital = ana.affiliations[0]
    both = dataclasses.replace(
        FIRST,
        authors=(
            Contributor(author=ana, affiliations=(hospital,)),
            Contributor(author=ben, affiliations=(hospital,)),
        ),
        references=(
            Reference(text="Cited, with a DOI.", doi="10.1000/x"),
            Reference(text="No DOI."),
        ),
        body="Tumour " * 100,
    )
    graph = graph_for_abstract(JOURNAL, both)
    text = head_html([], graph)
    assert text.count("Hospital") == 1  # said once, referred to by its @id after
    # An independent JSON-LD processor (rdflib; schema.org's context given inline, offline)
    data = json.loads(BeautifulSoup(text, "html.parser").script.string)
    data["@context"] = {"@vocab": "https://schema.org/"}
    rdf = Graph().parse(data=json.dumps(data), format="json-ld")
    places = {
        rdf.value(author, SCHEMA.name): rdf.value(
            rdf.value(author, SCHEMA.affiliation), SCHEMA.name
        )
        for author in rdf.objects(None, SCHEMA.author)
    }
    assert {str(k): str(v) for k, v in places.items()} == {
        "Ana López-Núñez": "Hospital <Pruebas>",
        "Ben Okoro": "Hospital <Pruebas>",
    }
    # the references by DOI (their texts are citation_reference's), the abstract summarised
    # (the whole is citation_abstract's)
    assert graph["citation"] == [{"@id": "https://doi.org/10.1000/x"}]
    tags = dict((m.name, m.content) for m in meta_for_abstract(JOURNAL, both))
    assert tags["citation_abstract"] == ("Tumour " * 100).strip()
    assert graph["description"] == tags["og:description"] == "Tumour " * 41 + "Tumour\u2026"


def test_jsonld_graph_nests_article_issue_volume_periodical() -> None:
    graph = graph_for_abstract(JOURNAL, FIRST)
    assert graph["@type"] == "MedicalScholarlyArticle"
    issue = graph["isPartOf"]
    assert issue["@type"] == "PublicationIssue" and issue["issueNumber"] == "1"
    volume = issue["isPartOf"]
    assert volume["@type"] == "PublicationVolume" and volume["volumeNumber"] == "1"
    assert volume["isPartOf"]["@type"] == "Periodical"
    assert volume["isPartOf"]["issn"] == ["0317-8471", "2324-9110"]
    ana = graph["author"][0]
    assert ana["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert ana["affiliation"][0]["identifier"] == "https://ror.org/03w04rv71"
    assert graph["identifier"]["value"] == "10.5555/x_1"
    assert (graph["pageStart"], graph["pageEnd"]) == ("1", "4")
    assert graph_for_issue(JOURNAL, ISSUE)["hasPart"][1]["name"] == "A talk"
    assert graph_for_home(JOURNAL)["@type"] == "Periodical"


def test_scholar_tags_put_institution_and_orcid_after_each_author() -> None:
    pairs = meta_for_abstract(JOURNAL, FIRST)
    names = [m.name for m in pairs]
    start = names.index("citation_author")
    assert pairs[start : start + 4] == [
        Meta("citation_author", "Ana López-Núñez"),
        Meta("citation_author_institution", "Hospital <Pruebas>, Spain"),
        Meta("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097"),
        Meta("citation_author", "Ben Okoro"),
    ]
    assert Meta("citation_publication_date", "2020/03/31") in pairs  # the issue's date
    assert Meta("citation_online_date", "2020/03/01") in pairs
    assert "citation_conference_title" not in names
    assert Meta("citation_conference_title", "Congress") in meta_for_abstract(JOURNAL, TALK)
    assert all(m.content for m in pairs)


@pytest.mark.parametrize(
    ("text", "expected"), [("short", "short"), ("word " * 100, ("word " * 59).strip() + "…")]
)
def test_summarise_cuts_at_a_word(text: str, expected: str) -> None:
    assert summarise(text) == expected


def test_robots_points_at_the_sitemap() -> None:
    assert export_robots(JOURNAL) == (
        "User-agent: *\nAllow: /\nSitemap: https://j.example.org/sitemap.xml\n"
    )


def test_head_html_escapes_every_value_and_keeps_the_json_ld_inside_its_script() -> None:
    hostile = 'A "quoted" <b>title</b> & <script>alert(1)</script>'
    graph = {"@type": "ScholarlyArticle", "headline": "</script><script>alert(2)</script>"}
    text = head_html([Meta("citation_title", hostile), Meta("og:title", hostile)], graph)
    page = BeautifulSoup(f"<head>{text}</head>", "html.parser")
    assert page.find("meta", attrs={"name": "citation_title"})["content"] == hostile
    assert page.find("meta", attrs={"property": "og:title"})["content"] == hostile
    scripts = page.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]  # no injected script
    assert json.loads(scripts[0].string) == graph
    assert "<script>alert" not in text and "<b>" not in text
