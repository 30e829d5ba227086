"""Real journals' content (#14): what real articles carry, from the fixture journal plus abstracts
written by hand after articles of ../shared/corpus (the file each follows is named)."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import rispy
from pybtex.database import parse_string

from conftest import copy_project, run_mkdocs_build
from journal import build_site_data, schema
from journal.article_types import DEFAULT_NAMES, DEFAULT_TYPES, ArticleType
from journal.exports.bibtex import export_bibtex
from journal.exports.citations import format_citations
from journal.exports.crossref import export_crossref
from journal.exports.csl import export_csl
from journal.exports.doaj import export_doaj
from journal.exports.jats import NO_ISSN_NOTE, export_jats
from journal.exports.jsonld import graph_for_abstract
from journal.exports.meta import Meta, meta_for_abstract
from journal.exports.ris import export_ris
from journal.loading import read_settings
from journal.model import Abstract, Journal
from journal.site import SiteData
from official_schemas import crossref_errors, doaj_errors, jats_errors

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "journal"
TODAY = datetime.date(2023, 11, 14)
CR = "{http://www.crossref.org/schema/5.4.0}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
AI = "http://www.crossref.org/AccessIndicators.xsd"

# After 1471-2180-11-174 (BMC Microbiology 11:174): both authors give an e-mail; here both
# are corresponding, and a third, without an e-mail, too.
DENNEHY = """\
---
title: "Bacteriophage migration via nematode vectors"
authors:
  - id: john-dennehy
    corresponding: true
  - id: ing-nang-wang
    corresponding: true
  - id: chen-wei
    corresponding: true
volume: 1
issue: 2
year: 2020
published: 2020-06-02
type: Research Article
doi: "10.5555/fixture.0174"
pages: "174"
---
Few studies have examined the dispersal of bacteriophages among bacterial host populations.
"""
AUTHORS = {
    "authors/john-dennehy.md": (
        "---\nname: John J Dennehy\ngiven: John J\nfamily: Dennehy\n"
        "email: john.dennehy@example.edu\n"
        "affiliations:\n  - name: Queens College, City University of New York\n"
        "    country: USA\n---\n"
    ),
    "authors/ing-nang-wang.md": (
        "---\nname: Ing-Nang Wang\ngiven: Ing-Nang\nfamily: Wang\nemail: ingnang@example.edu\n---\n"
    ),
}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = Path(shutil.copytree(FIXTURE, tmp_path / "journal"))
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _site(root: Path) -> SiteData:
    values, problem = read_settings(root / "mkdocs.yml")
    assert problem is None
    return build_site_data(
        root,
        root / "mkdocs.yml",
        dict(values),
        lambda md: f"<p>{md}</p>",
        today=TODAY,
        site_url="https://journal.example.org/",
    )


def _valid_jats(tmp_path: Path, text: str) -> ET.Element:
    path = tmp_path / "article.jats.xml"
    path.write_text(text, encoding="utf-8")
    assert jats_errors(path) == []
    return ET.fromstring(text.encode())


def test_several_corresponding_authors_each_offer_their_address(tmp_path: Path) -> None:
    root = _project(tmp_path, {"abstracts/1/2/dennehy.md": DENNEHY, **AUTHORS})
    site = _site(root)
    assert [p.message for p in site.problems] == []
    view = site.contexts["abstracts/dennehy.md"]
    assert [a["is_corresponding"] for a in view["authors"]] == [True, True, True]
    # Chen Wei has no e-mail: marked corresponding, no button, and no complaint.
    assert [e["name"] for e in view["emails"]] == ["John J Dennehy", "Ing-Nang Wang"]
    assert site.journal is not None
    abstract = next(a for a in site.journal.abstracts if a.slug == "dennehy")
    article = _valid_jats(tmp_path, export_jats(site.journal, abstract))
    contribs = article.findall(".//contrib-group/contrib")
    assert [c.get("corresp") for c in contribs] == ["yes", "yes", "yes"]


# After mds526 (Annals of Oncology 24(3):843-850): two of its authors, and a group named as
# its references name one (<collab>UK Association of Cancer Registries (UKACR)</collab>),
# with a member who is also an author.
UKACR = "UK Association of Cancer Registries (UKACR)"
LYRATZOPOULOS = f"""\
---
title: "Socio-demographic inequalities in stage of cancer diagnosis"
authors:
  - georgios-lyratzopoulos
  - group: "{UKACR}"
    members: [georgios-lyratzopoulos, gary-abel]
  - gary-abel
volume: 1
issue: 2
year: 2020
published: 2020-06-03
type: Research Article
doi: "10.5555/fixture.0526"
pages: "843-850"
---
Understanding socio-demographic inequalities in stage at diagnosis can inform priorities for
cancer control.
"""
GROUP_AUTHORS = {
    "authors/georgios-lyratzopoulos.md": (
        "---\nname: Georgios Lyratzopoulos\ngiven: Georgios\nfamily: Lyratzopoulos\n---\n"
    ),
    "authors/gary-abel.md": "---\nname: Gary A Abel\ngiven: Gary A\nfamily: Abel\n---\n",
}


def _abstract(site: SiteData, slug: str) -> tuple[Journal, Abstract]:
    assert site.journal is not None, [p.message for p in site.problems]
    return site.journal, next(a for a in site.journal.abstracts if a.slug == slug)


def test_a_group_author_is_one_organisation_in_every_output(tmp_path: Path) -> None:
    root = _project(tmp_path, {"abstracts/1/2/lyratzopoulos.md": LYRATZOPOULOS, **GROUP_AUTHORS})
    site = _site(root)
    assert [p.message for p in site.problems] == []  # the member is no second listing
    journal, abstract = _abstract(site, "lyratzopoulos")
    view = site.contexts["abstracts/lyratzopoulos.md"]
    group = view["authors"][1]
    assert (group["name"], group["url"]) == (UKACR, "")
    assert [m["name"] for m in group["members"]] == ["Georgios Lyratzopoulos", "Gary A Abel"]
    assert journal.abstracts_by_author["georgios-lyratzopoulos"] == (abstract,)  # once

    crossref = tmp_path / "crossref.xml"
    crossref.write_text(export_crossref(journal, journal.issues[0]), encoding="utf-8")
    assert crossref_errors(crossref) == []
    article = next(
        a
        for a in ET.parse(crossref).iter(f"{CR}journal_article")
        if a.findtext(f".//{CR}doi") == abstract.doi
    )
    contributors = list(article.find(f"{CR}contributors") or [])
    assert [c.tag.removeprefix(CR) for c in contributors] == [
        "person_name",
        "organization",
        "person_name",
    ]
    assert contributors[1].text == UKACR
    assert [c.get("sequence") for c in contributors] == ["first", "additional", "additional"]

    jats = _valid_jats(tmp_path, export_jats(journal, abstract))
    collab = jats.find(".//contrib-group/contrib/collab")
    assert collab is not None and (collab.text or "").strip() == UKACR
    assert [n.text for n in collab.iter("surname")] == ["Lyratzopoulos", "Abel"]

    assert json.loads(export_csl(journal, [abstract]))[0]["author"][1] == {"literal": UKACR}
    entry = parse_string(export_bibtex(journal, [abstract]), "bibtex").entries["lyratzopoulos"]
    person = entry.persons["author"][1]
    assert (person.first_names, person.last_names) == ([], ["{" + UKACR + "}"])
    assert rispy.loads(export_ris(journal, [abstract]))[0]["authors"] == [
        "Lyratzopoulos, Georgios",
        UKACR,
        "Abel, Gary A",
    ]
    organisation = graph_for_abstract(journal, abstract)["author"][1]
    assert organisation["@type"] == "Organization" and organisation["name"] == UKACR
    assert [m["familyName"] for m in organisation["member"]] == ["Lyratzopoulos", "Abel"]
    meta = meta_for_abstract(journal, abstract)
    assert [m.content for m in meta if m.name == "citation_author"] == [
        "Georgios Lyratzopoulos",
        UKACR,
        "Gary A Abel",
    ]
    apa = next(c for c in format_citations(journal, abstract) if c["id"] == "apa")
    assert f"Lyratzopoulos, G., {UKACR}, & Abel, G. A." in apa["text"]


def test_group_mistakes_are_reported_where_they_were_written(tmp_path: Path) -> None:
    text = LYRATZOPOULOS.replace(
        "  - gary-abel\n", f'  - group: "{UKACR}"\n  - group: ""\n'
    ).replace("[georgios-lyratzopoulos, gary-abel]", "[gary-abel, gray-abel, gary-abel]")
    root = _project(tmp_path, {"abstracts/1/2/lyratzopoulos.md": text, **GROUP_AUTHORS})
    problems = [
        f"{p.line}: {p.field}: {p.message}"
        for p in _site(root).problems
        if p.path.startswith("abstracts/")
    ]
    assert problems == [
        '6: authors[2].members[3]: "gary-abel" is listed twice among the members (also at '
        "authors[2].members[1]). Remove one of the two.",
        "8: authors[4].group: is empty. Write the text, or remove the field.",
        f'7: authors[3]: "{UKACR}" is listed twice (also at authors[2]). Remove one of the two.',
    ]
    text = LYRATZOPOULOS.replace("members: [georgios-lyratzopoulos, ", "members: [gray-abel, ")
    root = _project(tmp_path / "2", {"abstracts/1/2/lyratzopoulos.md": text, **GROUP_AUTHORS})
    assert [f"{p.line}: {p.field}: {p.message}" for p in _site(root).problems] == [
        '6: authors[2].members[1]: "gray-abel" is not an author id (no authors/gray-abel.md). '
        'Did you mean "gary-abel"?',
    ]


def test_the_editors_schema_accepts_groups_as_the_check_does() -> None:
    authors = schema.build_schema("abstract")["properties"]["authors"]
    validator = jsonschema.Draft202012Validator(authors)
    assert validator.is_valid(["jane-doe", {"group": UKACR, "members": ["jane-doe"]}])
    assert validator.is_valid([{"group": UKACR}])
    assert not validator.is_valid([{"group": UKACR, "id": "jane-doe"}])
    assert not validator.is_valid([{"group": UKACR, "members": []}])


# The corpus holds research articles only; these notices follow the form PLOS and BMJ give
# theirs (a title naming the article, no abstract), about articles of the corpus.
CONCERN = """\
---
title: "Expression of Concern: Quantifying Organismal Complexity"
authors: [chen-wei]
volume: 1
issue: 2
year: 2020
published: 2020-06-04
type: Expression of Concern
doi: "10.5555/fixture.0217"
---
"""
BOOK_REVIEW = (
    CONCERN.replace("Expression of Concern: ", "Review of ")
    .replace("type: Expression of Concern", "type: Book Review")
    .replace("fixture.0217", "fixture.0218")
    .replace("06-04", "06-05")
)
IMAGE = DENNEHY.replace("type: Research Article", "type: Clinical Image")
JOURNAL_TYPES = """\
    article_types:
      - Book Review
      - Expression of Concern
      - name: Clinical Image
        like: case-report
        plural: Images in Medicine
      - Research Article
      - Case Report
"""


def _with_types(root: Path, types: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    media_partners:\n", types + "    media_partners:\n"))


def test_the_journal_s_types_order_its_table_of_contents(tmp_path: Path) -> None:
    files = {
        "abstracts/1/2/dennehy.md": IMAGE,
        "abstracts/1/2/concern.md": CONCERN,
        "abstracts/1/2/book.md": BOOK_REVIEW,
        **AUTHORS,
    }
    root = _project(tmp_path, files)
    _with_types(root, JOURNAL_TYPES)
    # A Conference Abstract (conference-talk.md) is no type of this journal.
    site = _site(root)
    assert [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in site.problems] == [
        'abstracts/1/2/conference-talk.md:10: type: "Conference Abstract" is not a known '
        "value. Use one of: Book Review, Expression of Concern, Clinical Image, Research "
        "Article, Case Report"
    ]
    toc = site.contexts["issues/1/2/index.md"]
    assert [g["heading"] for g in toc["groups"]] == [
        "Book Reviews",
        "Expressions of Concern",
        "Images in Medicine",
    ]
    journal, image = _abstract(site, "dennehy")
    jats = _valid_jats(tmp_path, export_jats(journal, image))
    assert jats.get("article-type") == "case-report"
    _, book = _abstract(site, "book")
    assert _valid_jats(tmp_path, export_jats(journal, book)).get("article-type") == "book-review"
    assert json.loads(export_csl(journal, [book]))[0]["type"] == "review-book"
    assert graph_for_abstract(journal, book)["@type"] == "Review"
    apa = format_citations(journal, book)[0]["text"]
    assert apa.startswith("Chen, W. (2020). [Review of the book Review of Quantifying")
    crossref = tmp_path / "crossref.xml"
    crossref.write_text(export_crossref(journal, journal.issues[0]), encoding="utf-8")
    assert crossref_errors(crossref) == []


def test_a_notice_needs_no_text_but_a_research_article_does(tmp_path: Path) -> None:
    files = {
        "abstracts/1/2/concern.md": CONCERN,
        "abstracts/1/2/empty.md": CONCERN.replace(
            "type: Expression of Concern", "type: Research Article"
        ).replace("fixture.0217", "fixture.0219"),
    }
    site = _site(_project(tmp_path, files))
    assert [f"{p.path}:{p.line}: {p.message}" for p in site.problems] == [
        "abstracts/1/2/empty.md:11: the abstract text is missing. Write it below the closing "
        "--- line."
    ]
    journal, concern = _abstract(site, "concern")
    text = export_jats(journal, concern)
    article = _valid_jats(tmp_path, text)
    assert article.get("article-type") == "expression-of-concern"
    assert article.find(".//abstract") is None
    assert site.contexts["abstracts/concern.md"]["type"] == "Expression of Concern"


def test_settings_mistakes_in_the_type_list_point_at_mkdocs_yml(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    _with_types(
        root,
        (
            "    article_types:\n      - Book Reveiw\n      - name: Images\n        like: picture\n"
            "      - Editorial\n      - Editorial\n"
        ),
    )
    problems = [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in _site(root).problems]
    assert problems[:3] == [
        'mkdocs.yml:49: extra.journal.article_types[1]: "Book Reveiw" is not a type of the '
        'default list (README, Article types). Did you mean "Book Review"? A type of the '
        "journal's own is written `- name: …` with `like:` a default type.",
        'mkdocs.yml:51: extra.journal.article_types[2].like: "picture" is not a type of the '
        "default list (README, Article types). Use one of: "
        + ", ".join(DEFAULT_NAMES)
        + ". A type of the journal's own is written `- name: …` with `like:` a default type.",
        'mkdocs.yml:53: extra.journal.article_types[4]: "Editorial" is listed twice. Remove '
        "one of the two.",
    ]


@pytest.mark.parametrize("kind", DEFAULT_TYPES, ids=lambda t: t.jats + ":" + t.name)
def test_every_default_type_makes_valid_files_and_citations(
    kind: ArticleType, tmp_path: Path
) -> None:
    journal, abstract = _fixture_abstract()
    abstract = dataclasses.replace(abstract, type=kind.name)
    issue = dataclasses.replace(journal.issues[-1], abstracts=(abstract,))
    journal = dataclasses.replace(journal, issues=(issue,), abstracts=(abstract,))
    assert _valid_jats(tmp_path, export_jats(journal, abstract)).get("article-type") == kind.jats
    crossref = tmp_path / "crossref.xml"
    crossref.write_text(export_crossref(journal, issue), encoding="utf-8")
    assert crossref_errors(crossref) == []
    assert rispy.loads(export_ris(journal, [abstract]))[0]["type_of_reference"] == kind.ris
    assert [c["id"] for c in format_citations(journal, abstract)] == ["apa", "vancouver", "ama"]
    assert graph_for_abstract(journal, abstract)["@type"] == kind.schema_org


@functools.cache
def _fixture_abstract() -> tuple[Journal, Abstract]:
    root = FIXTURE
    values, _ = read_settings(root / "mkdocs.yml")
    site = build_site_data(
        root, root / "mkdocs.yml", dict(values), str, today=TODAY, site_url="https://j.example/"
    )
    return _abstract(site, "second-pathology-report")


def test_the_readme_documents_every_default_type() -> None:
    readme = (FIXTURE.parent.parent.parent / "README.md").read_text(encoding="utf-8")
    for kind in DEFAULT_TYPES:
        required = "yes" if kind.needs_abstract else "no"
        row = f"| {kind.name} | {kind.plural} | `{kind.jats}` | `{kind.crossref}` |"
        assert row in readme and f"`{kind.schema_org}` | {required} |" in readme, kind.name


# After bmjopen-4-e003269 (BMJ Open 4(1):e003269): an article number, no pages.
AKOUA_KOFFI = """\
---
title: "Hospital-based surveillance of rotavirus gastroenteritis in the Republic of Ivory Coast"
authors: [chen-wei]
volume: 1
issue: 2
year: 2020
published: 2020-06-06
received: 2020-01-06
type: Research Article
doi: "10.5555/fixture.3269"
article_number: e003269
---
To estimate the proportion of rotavirus gastroenteritis among children aged less than 5 years.
"""


def test_an_article_number_is_where_indexers_read_the_first_page(tmp_path: Path) -> None:
    site = _site(_project(tmp_path, {"abstracts/1/2/akoua-koffi.md": AKOUA_KOFFI}))
    assert [p.message for p in site.problems] == []
    journal, abstract = _abstract(site, "akoua-koffi")
    issue = journal.issues[0]
    meta = {m.name: m.content for m in meta_for_abstract(journal, abstract)}
    assert meta["citation_firstpage"] == "e003269" and "citation_lastpage" not in meta
    doaj = tmp_path / "doaj.xml"
    doaj.write_text(export_doaj(journal, issue), encoding="utf-8")
    assert doaj_errors(doaj) == []
    record = next(r for r in ET.parse(doaj).iter("record") if r.findtext("doi") == abstract.doi)
    assert record.findtext("startPage") == "e003269" and record.find("endPage") is None
    crossref = tmp_path / "crossref.xml"
    crossref.write_text(export_crossref(journal, issue), encoding="utf-8")
    assert crossref_errors(crossref) == []
    numbers = [e.text for e in ET.parse(crossref).iter(f"{CR}item_number")]
    assert numbers == ["e003269"]
    jats = _valid_jats(tmp_path, export_jats(journal, abstract))
    assert jats.findtext(".//article-meta/elocation-id") == "e003269"
    assert jats.find(".//article-meta/fpage") is None
    entry = parse_string(export_bibtex(journal, [abstract]), "bibtex").entries["akoua-koffi"]
    assert entry.fields["pages"] == "e003269"
    assert rispy.loads(export_ris(journal, [abstract]))[0]["start_page"] == "e003269"
    assert json.loads(export_csl(journal, [abstract]))[0]["page"] == "e003269"
    assert graph_for_abstract(journal, abstract)["pagination"] == "e003269"


def _without_issn(root: Path) -> None:
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines if "issn_" not in line), encoding="utf-8")


def test_a_journal_without_issn_writes_no_jats_and_says_so_once(tmp_path: Path) -> None:
    root = _project(tmp_path, {})
    _without_issn(root)
    site = _site(root)
    assert site.problems == []
    assert [n for n in site.notes if n.startswith("JATS")] == [NO_ISSN_NOTE]
    assert not [e.src_uri for e in site.exports if e.src_uri.endswith(".jats.xml")]
    downloads = site.contexts["abstracts/conference-talk.md"]["cite"]["downloads"]
    assert [d["label"] for d in downloads] == ["PDF", "BibTeX", "RIS", "CSL-JSON"]  # no JATS


def test_the_built_site_shows_groups_and_every_corresponding_author(tmp_path: Path) -> None:
    files = {
        "abstracts/1/2/dennehy.md": DENNEHY,
        "abstracts/1/2/lyratzopoulos.md": LYRATZOPOULOS,
        "abstracts/1/2/concern.md": CONCERN,
        "abstracts/1/2/retraction.md": RETRACTION,
        **AUTHORS,
        **GROUP_AUTHORS,
    }
    root = copy_project(_project(tmp_path, files), tmp_path / "project")
    _without_issn(root)
    build = run_mkdocs_build(root, root / "site")
    assert build.returncode == 0, build.output
    assert build.output.count(NO_ISSN_NOTE) == 1
    assert not list((root / "site").rglob("*.jats.xml"))
    page = build.html("abstracts/dennehy/")
    contacts = page.select(".journal-article__contact")
    assert [c.get_text(" ", strip=True).removesuffix(" Show e-mail address") for c in contacts] == [
        "Corresponding author: John J Dennehy",
        "Corresponding author: Ing-Nang Wang",
    ]
    assert all(c.select_one("button.journal-email[data-email]") for c in contacts)
    assert "@" not in page.get_text()
    group = build.html("abstracts/lyratzopoulos/").select(".journal-author")[1]
    assert group.select_one(".journal-author__group").get_text() == UKACR
    assert [a["href"] for a in group.select(".journal-author__members a")] == [
        "../../authors/georgios-lyratzopoulos/",
        "../../authors/gary-abel/",
    ]
    concern = build.html("abstracts/concern/")
    assert concern.select_one(".journal-badge").get_text() == "Expression of Concern"
    notice = build.html("abstracts/first-imaging-study/").select_one(
        ".journal-article__notice--retraction"
    )
    assert notice is not None and notice.get_text(" ", strip=True).startswith(
        "This article has been retracted: Retraction: Imaging"
    )
    assert notice.a is not None and notice.a["href"] == "../retraction/"
    toc = build.html("issues/1/2/")
    assert "Expressions of Concern" in [h.get_text(strip=True) for h in toc.select("h2")]


# The retraction of the fixture journal's first study, and a correction of another journal's
# article (after PLOS's notices: a title naming the article, a short text).
RETRACTION = """\
---
title: "Retraction: Imaging before and after: a first study"
authors: [chen-wei]
volume: 1
issue: 2
year: 2020
published: 2020-06-07
type: Retraction
doi: "10.5555/fixture.0900"
updates:
  - slug: first-imaging-study
    type: retraction
  - doi: "10.1371/journal.pone.0000217"
    type: correction
---
The editors retract this article.
"""


def test_a_retraction_links_both_ways_in_page_jats_meta_and_json_ld(tmp_path: Path) -> None:
    site = _site(_project(tmp_path, {"abstracts/1/2/retraction.md": RETRACTION}))
    assert [p.message for p in site.problems] == []
    journal, retracted = _abstract(site, "first-imaging-study")
    _, notice = _abstract(site, "retraction")
    assert retracted.is_retracted
    assert site.contexts["abstracts/first-imaging-study.md"]["notices"] == [
        {
            "kind": "retraction",
            "text": "This article has been retracted:",
            "title": notice.title,
            "url": "abstracts/retraction/",
        }
    ]
    assert [n["url"] for n in site.contexts["abstracts/retraction.md"]["notices"]] == [
        "abstracts/first-imaging-study/",
        "https://doi.org/10.1371/journal.pone.0000217",
    ]
    related = _valid_jats(tmp_path, export_jats(journal, notice)).findall(".//related-article")
    assert [(r.get("related-article-type"), r.get(XLINK_HREF)) for r in related] == [
        ("retracted-article", retracted.doi),
        ("corrected-article", "10.1371/journal.pone.0000217"),
    ]
    back = _valid_jats(tmp_path, export_jats(journal, retracted)).findall(".//related-article")
    assert [(r.get("related-article-type"), r.get(XLINK_HREF)) for r in back] == [
        ("retraction-forward", notice.doi)
    ]
    graph = graph_for_abstract(journal, retracted)
    assert graph["creativeWorkStatus"] == "Retracted"
    assert graph["correction"][0]["sameAs"] == "https://doi.org/10.5555/fixture.0900"
    meta = meta_for_abstract(journal, retracted)
    assert Meta("og:title", f"Retracted: {retracted.title}") in meta
    assert Meta("DC.description", "This article has been retracted.") in meta
    # a search engine's snippet says it first
    (snippet,) = [m.content for m in meta if m.name == "description"]
    assert snippet.startswith("This article has been retracted. ") and len(snippet) > 40
    assert "creativeWorkStatus" not in graph_for_abstract(journal, notice)


def test_an_update_of_an_unknown_slug_is_reported(tmp_path: Path) -> None:
    text = RETRACTION.replace("slug: first-imaging-study", "slug: first-imaging")
    site = _site(_project(tmp_path, {"abstracts/1/2/retraction.md": text}))
    assert [f"{p.line}: {p.field}: {p.message}" for p in site.problems] == [
        '11: updates[1].slug: "first-imaging" is no published abstract of this journal. Check '
        "the slug (the file name without .md), or give the article's doi: instead."
    ]


def test_crossref_gets_the_updates_through_crossmark_when_the_journal_has_a_policy(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, {"abstracts/1/2/retraction.md": RETRACTION})
    without = _site(root)
    assert [n for n in without.notes if "Crossmark" in n] == [
        "Crossref: Volume 1, Issue 2 (2020): what abstracts/1/2/retraction.md correct(s) or "
        "retract(s) is not deposited: Crossref takes updates through Crossmark. Set "
        "crossmark_policy (your Crossmark policy page's DOI) under extra.journal in mkdocs.yml."
    ]
    _with_types(root, '    crossmark_policy: "10.5555/crossmark-policy"\n')
    site = _site(root)
    assert [n for n in site.notes if "Crossmark" in n] == []
    journal, notice = _abstract(site, "retraction")
    issue = next(i for i in journal.issues if notice in i.abstracts)
    crossref = tmp_path / "crossref.xml"
    crossref.write_text(export_crossref(journal, issue), encoding="utf-8")
    assert crossref_errors(crossref) == []
    article = next(
        a
        for a in ET.parse(crossref).iter(f"{CR}journal_article")
        if a.findtext(f".//{CR}doi") == notice.doi
    )
    assert article.findtext(f"{CR}crossmark/{CR}crossmark_policy") == "10.5555/crossmark-policy"
    updates = article.findall(f"{CR}crossmark/{CR}updates/{CR}update")
    assert [(u.text, u.get("type"), u.get("date")) for u in updates] == [
        ("10.5555/fixture.0001", "retraction", "2020-06-07"),
        ("10.1371/journal.pone.0000217", "correction", "2020-06-07"),
    ]
    licence = article.find(f"{CR}crossmark/{CR}custom_metadata/{{{AI}}}program")
    assert licence is not None
