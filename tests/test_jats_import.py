"""`journal import jats`: the ten real articles import, pass the check, build strict, validate,
and every output says what the source JATS said; each per-article refusal with a small file.

The source is read here with lxml, independently of jats_import.py; every output is read with
its own parser (lxml.html, extruct, lxml, pybtex, rispy, json).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import extruct
import lxml.html
import markdown
import pytest
import rispy
import yaml
from lxml import etree
from pybtex.database import parse_string
from pybtex.richtext import Text
from pypdf import PdfReader

from conftest import ROOT, Build, copy_project, run_mkdocs_build, shared_dir
from journal.cli import main
from journal.jats_import import abstract_markdown
from journal.names import make_slug
from official_schemas import crossref_errors, doaj_errors, jats_errors

CORPUS = "corpus/jats"
NO_ISSUE = ("1471-2180-11-174.nxml", "1472-6831-8-11.nxml")
INIT = (
    "init", "--title", "Back Catalogue", "--abbreviation", "Back Cat", "--issn-online",
    "0378-5955", "--publisher", "Press", "--contact-email", "office@back.example.org",
    "--site-url", "https://back.example.org/", "--yes",
)  # fmt: skip
XLINK = "{http://www.w3.org/1999/xlink}href"
CR = "{http://www.crossref.org/schema/5.4.0}"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


def corpus() -> list[Path]:
    return sorted((shared_dir() / CORPUS).iterdir())


def _new_journal(folder: Path, monkeypatch: pytest.MonkeyPatch, *, pdf: bool = False) -> Path:
    project = copy_project(ROOT, folder)
    monkeypatch.chdir(project)
    monkeypatch.delenv("JOURNAL_SITE_URL", raising=False)
    monkeypatch.delenv("JOURNAL_PREVIEW", raising=False)
    assert run(*INIT)[0] == 0
    config = project / "mkdocs.yml"
    if not pdf:
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("  journal:\n", "  journal:\n    pdf: false\n"))
    return project


GROUP_ARTICLE = """<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article"
 dtd-version="1.3"><front><article-meta>
<article-id pub-id-type="doi">10.9999/group.1</article-id>
<title-group><article-title>CO<sub>2</sub> uptake of <italic>Quercus robur</italic> at ~5 &#x00B0;C
 (2*3 plots, x^2, p &lt; 0.05)</article-title>
</title-group>
<contrib-group>
<contrib contrib-type="author" corresp="yes"><contrib-id contrib-id-type="orcid"
 >https://orcid.org/0000-0002-1825-0097</contrib-id><name><surname>Núñez García</surname>
<given-names>José</given-names></name><email>jose@example.org</email>
<xref ref-type="aff" rid="a1"/></contrib>
<contrib contrib-type="author"><collab>ICGC Breast Cancer Group<contrib-group>
<contrib contrib-type="author"><name><surname>Smith</surname><given-names>Ann</given-names></name>
</contrib></contrib-group></collab></contrib>
<aff id="a1"><institution-wrap><institution-id institution-id-type="ror"
 >https://ror.org/03w04rv71</institution-id><institution>Iran University of Medical
 Sciences</institution></institution-wrap>, <country>Iran</country></aff>
</contrib-group>
<pub-date publication-format="electronic" date-type="pub" iso-8601-date="2023-03-05">
<day>05</day><month>03</month><year>2023</year></pub-date>
<volume>9</volume><issue>1</issue><elocation-id>e1024</elocation-id>
<permissions><license xlink:href="https://creativecommons.org/licenses/by/4.0/">
<license-p>CC BY 4.0</license-p></license></permissions>
<kwd-group><kwd>oak</kwd><kwd>carbon dioxide</kwd></kwd-group>
<funding-group><award-group><funding-source><institution-wrap><institution-id
 institution-id-type="doi">10.13039/100000054</institution-id><institution>National Cancer
 Institute</institution></institution-wrap></funding-source><award-id>R01 CA123456</award-id>
</award-group></funding-group>
<abstract><sec><title>Background</title><p>Oaks take up CO<sub>2</sub>.</p></sec>
<sec><title>Results</title><p>They take up <italic>more</italic> than we thought.</p></sec>
</abstract>
</article-meta></front>
<back><ref-list><ref id="r1"><mixed-citation>Smith A. Oaks and carbon. J Trees.
 2020;1:2-3. <pub-id pub-id-type="doi">10.1234/oak.1</pub-id></mixed-citation></ref>
<ref id="r2"><element-citation><person-group><name><surname>Roe</surname>
<given-names>R</given-names></name></person-group><article-title>More oaks</article-title>
<source>Forests</source>
<year>2021</year><volume>4</volume><fpage>10</fpage></element-citation></ref></ref-list></back>
</article>
"""
"""A made-up article with what the ten real ones lack: a group author with a member, an
ORCID, a ROR id, an article number, a title with sub/italic and literal ~ * ^ <, funding
with a Funder ID."""


@dataclass
class Imported:
    project: Path
    reports: tuple[str, str, str]
    build: Build
    group_file: Path


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    monkeypatch = pytest.MonkeyPatch()
    try:
        # With PDFs: the corpus' characters (U+223C TILDE OPERATOR in mds526) are all printed.
        project = _new_journal(tmp_path_factory.mktemp("import") / "journal", monkeypatch, pdf=True)
        status, first = run("import", "jats", str(shared_dir() / CORPUS))
        assert status == 1, first  # two articles have no issue number
        rest = [str(shared_dir() / CORPUS / name) for name in NO_ISSUE]
        status, second = run("import", "jats", "--issue", "1", *rest)
        assert status == 0, second
        group_file = tmp_path_factory.mktemp("group") / "group-author.xml"
        group_file.write_text(GROUP_ARTICLE, encoding="utf-8")
        status, third = run("import", "jats", str(group_file))
        assert status == 0, third
        check = run("check")
        assert check[0] == 0, check[1]
        build = run_mkdocs_build(project, project / "site")
        assert build.returncode == 0, build.output
        return Imported(project, (first, second, third), build, group_file)
    finally:
        monkeypatch.undo()


# The source, read independently ---------------------------------------------------------------


@dataclass
class Source:
    file: str
    title: str
    authors: list[str]
    doi: str
    volume: str
    issue: str
    year: str
    first_page: str
    abstract_words: list[str]
    keywords: list[str]
    licence: str
    references: int


def _person(name: etree._Element | None, given: str, family: str) -> str:
    """ "Given Family" of a name element whose parts are the children `given` and `family`."""
    if name is None:
        return ""
    return f"{_text(name.find(given))} {_text(name.find(family))}".strip()


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _group_name(collab: etree._Element) -> str:
    """A <collab>'s own name, without the members it may list."""
    return " ".join("".join(collab.xpath("text() | *[not(self::contrib-group)]//text()")).split())


def read_source(path: Path) -> Source:
    root = etree.parse(
        str(path), etree.XMLParser(resolve_entities=False, no_network=True)
    ).getroot()
    meta = root.find("front/article-meta")
    assert meta is not None
    authors = []
    for contrib in meta.findall("contrib-group/contrib[@contrib-type='author']"):
        collab = contrib.find("collab")
        if collab is not None:
            authors.append(_group_name(collab))
        else:
            given = _text(contrib.find("name/given-names"))
            authors.append(f"{given} {_text(contrib.find('name/surname'))}".strip())
    dates = {d.get("pub-type") or d.get("date-type"): d for d in meta.findall("pub-date")}
    issue_date = next(
        (dates[k] for k in ("ppub", "collection", "epub", "pub") if dates.get(k) is not None), None
    )
    abstract = next(a for a in meta.findall("abstract") if not a.get("abstract-type"))
    words = " ".join(_text(e) for e in abstract.iter("title", "p")).split()
    permissions = meta.find("permissions")
    links = (
        [e.get(XLINK, "") for e in permissions.iter() if e.get(XLINK)]
        if permissions is not None
        else []
    )
    licence = max((u for u in links if "creativecommons.org/" in u), key=len, default="")
    return Source(
        file=path.name,
        title=_text(meta.find("title-group/article-title")),
        authors=authors,
        doi=_text(meta.find("article-id[@pub-id-type='doi']")),
        volume=_text(meta.find("volume")),
        issue=_text(meta.find("issue")) or "1",  # imported with --issue 1
        year=_text(issue_date.find("year")) if issue_date is not None else "",
        first_page=_text(meta.find("fpage")) or _text(meta.find("elocation-id")),
        abstract_words=words,
        keywords=[_text(k) for k in meta.findall("kwd-group/kwd")],
        licence=re.sub(r"^https?://(www\.)?|/$", "", licence),
        references=len(root.findall(".//ref-list/ref")),
    )


def _slug(imported: Imported, source: Source) -> str:
    match = re.search(
        rf"Imported \S*{re.escape(source.file)} → abstracts/\d+/\d+/([a-z0-9-]+)\.md",
        "\n".join(imported.reports),
    )
    assert match, source.file
    return match.group(1)


def _page_file(imported: Imported, slug: str, extension: str) -> Path:
    return imported.build.site / "abstracts" / slug / f"{slug}.{extension}"


def _issue_file(imported: Imported, source: Source, name: str) -> Path:
    return imported.build.site / "issues" / source.volume / source.issue / name


# Each output, read with its own parser -------------------------------------------------------


def out_meta(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    page = lxml.html.fromstring(
        (imported.build.site / "abstracts" / slug / "index.html").read_bytes()
    )

    def values(name: str) -> list[str]:
        return [m.get("content", "") for m in page.xpath(f"//meta[@name='{name}']")]

    return {
        "title": values("citation_title")[0],
        "authors": values("citation_author"),
        "doi": values("citation_doi")[0],
        "volume": values("citation_volume")[0],
        "issue": values("citation_issue")[0],
        "year": values("citation_publication_date")[0][:4],
        "first_page": values("citation_firstpage")[0],
        "abstract": values("citation_abstract")[0],
        "keywords": [k for v in values("citation_keywords") for k in v.split("; ") if k],
        "references": len(values("citation_reference")),
    }


def out_jsonld(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    html = (imported.build.site / "abstracts" / slug / "index.html").read_text(encoding="utf-8")
    item = extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]
    issue = item["isPartOf"]
    return {
        "title": item["headline"],
        "authors": [a["name"] for a in item["author"]],
        "doi": item["identifier"]["value"],
        "issue": str(issue.get("issueNumber", "")),
        "volume": str(issue["isPartOf"].get("volumeNumber", "")),
        # the issue's year (the article's datePublished is its online date); a volume of a
        # continuous journal has none: the article's then
        "year": str(issue.get("datePublished", item["datePublished"]))[:4],
        "first_page": str(item.get("pageStart") or item.get("pagination", "")),
        "abstract": item["description"],
        "keywords": [k for k in item.get("keywords", []) if k]
        if isinstance(item.get("keywords"), list)
        else [k.strip() for k in str(item.get("keywords", "")).split(",") if k.strip()],
        "licence": str(item.get("license", "")),
    }


def out_crossref(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    root = etree.parse(str(_issue_file(imported, source, "crossref.xml"))).getroot()
    journal = root.find(f".//{CR}journal")
    assert journal is not None
    article = next(
        a
        for a in journal.iter(f"{CR}journal_article")
        if _text(a.find(f"{CR}doi_data/{CR}doi")) == source.doi
    )
    authors = []
    for person in article.find(f"{CR}contributors"):
        if person.tag == f"{CR}organization":
            authors.append(_text(person))
        else:
            authors.append(_person(person, f"{CR}given_name", f"{CR}surname"))
    ai = "{http://www.crossref.org/AccessIndicators.xsd}"
    jats = "{http://www.ncbi.nlm.nih.gov/JATS1}"
    return {
        "title": _text(article.find(f"{CR}titles/{CR}title")),
        "authors": authors,
        "doi": source.doi,
        "volume": _text(journal.find(f"{CR}journal_issue/{CR}journal_volume/{CR}volume")),
        "issue": _text(journal.find(f"{CR}journal_issue/{CR}issue")),
        # the print issue's year when it differs from the online date's, else the online one
        "year": _text(
            min(
                article.findall(f"{CR}publication_date"),
                key=lambda d: d.get("media_type") != "print",
            ).find(f"{CR}year")
        ),
        "first_page": _text(article.find(f"{CR}pages/{CR}first_page"))
        or _text(article.find(f"{CR}publisher_item/{CR}item_number")),
        "abstract": _text(article.find(f"{jats}abstract")),
        "licence": _text(article.find(f".//{ai}license_ref")),
        "references": len(article.findall(f"{CR}citation_list/{CR}citation")),
    }


def out_jats(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    root = etree.parse(str(_page_file(imported, slug, "jats.xml"))).getroot()
    meta = root.find("front/article-meta")
    assert meta is not None
    authors = []
    for contrib in meta.findall("contrib-group/contrib[@contrib-type='author']"):
        collab = contrib.find("collab")
        authors.append(
            _group_name(collab)
            if collab is not None
            else _person(contrib.find("name"), "given-names", "surname")
        )
    # the issue's (collection) date, as PMC cites it; a continuous journal's: the online date
    dates = meta.findall("pub-date[@date-type='collection']") or meta.findall("pub-date")
    return {
        "title": _text(meta.find("title-group/article-title")),
        "authors": authors,
        "doi": _text(meta.find("article-id[@pub-id-type='doi']")),
        "volume": _text(meta.find("volume")),
        "issue": _text(meta.find("issue")),
        "year": _text(dates[0].find("year")) if dates else "",
        "first_page": _text(meta.find("fpage")) or _text(meta.find("elocation-id")),
        "abstract": _text(meta.find("abstract")),
        "keywords": [_text(k) for k in meta.findall("kwd-group/kwd")],
        "licence": next((e.get(XLINK, "") for e in meta.iter("license")), ""),
        "references": len(root.findall(".//ref-list/ref")),
    }


def out_doaj(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    root = etree.parse(str(_issue_file(imported, source, "doaj.xml"))).getroot()
    record = next(r for r in root.findall("record") if _text(r.find("doi")) == source.doi)
    return {
        "title": _text(record.find("title")),
        "authors": [_text(a.find("name")) for a in record.findall("authors/author")],
        "doi": _text(record.find("doi")),
        "volume": _text(record.find("volume")),
        "issue": _text(record.find("issue")),
        "year": _text(record.find("publicationDate"))[:4],
        "first_page": _text(record.find("startPage")),
        "abstract": _text(record.find("abstract")),
        "keywords": [_text(k) for k in record.findall("keywords/keyword")],
    }


_LATEX_SIGNS = {r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}
"""Two text commands pybtex's LaTeX reader does not know."""


def _latex_text(text: str) -> str:
    """A BibTeX value as plain text: the title's markup commands dropped, then pybtex."""
    for number, command in enumerate(_LATEX_SIGNS):
        text = text.replace(command, f"SIGN{number}")
    text = re.sub(r"\\text(it|bf|subscript|superscript)\{", "{", text)
    plain = Text.from_latex(text).render_as("text")
    for number, sign in enumerate(_LATEX_SIGNS.values()):
        plain = plain.replace(f"SIGN{number}", sign)
    return plain


def out_bibtex(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    data = parse_string(_page_file(imported, slug, "bib").read_text(encoding="utf-8"), "bibtex")
    entry = next(iter(data.entries.values()))
    fields = entry.fields
    authors = []
    for person in entry.persons.get("author", []):
        last = " ".join(person.prelast_names + person.last_names).strip("{}")
        authors.append(" ".join([*person.first_names, *person.middle_names, last]).strip())
    return {
        "title": _latex_text(fields["title"]),
        "authors": authors,
        "doi": fields.get("doi", ""),
        "volume": fields.get("volume", ""),
        "issue": fields.get("number", ""),
        "year": fields.get("year", ""),
        "first_page": fields.get("pages", "").split("--")[0],
        "abstract": _latex_text(fields.get("abstract", "")),
        "keywords": [k.strip() for k in fields.get("keywords", "").split(",") if k.strip()],
    }


def out_ris(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    entry = rispy.loads(_page_file(imported, slug, "ris").read_text(encoding="utf-8"))[0]
    authors = []
    for name in entry.get("authors", []):
        family, _, given = name.partition(", ")
        authors.append(f"{given} {family}".strip() if given else family)
    return {
        "title": entry.get("title", ""),
        "authors": authors,
        "doi": entry.get("doi", ""),
        "volume": entry.get("volume", ""),
        "issue": entry.get("number", ""),
        "year": entry.get("year", ""),
        "first_page": entry.get("start_page", ""),
        "abstract": entry.get("abstract", ""),
        "keywords": entry.get("keywords", []),
    }


def out_csl(imported: Imported, source: Source, slug: str) -> dict[str, object]:
    item = json.loads(_page_file(imported, slug, "json").read_text(encoding="utf-8"))[0]
    authors = [
        a.get("literal") or f"{a.get('given', '')} {a.get('family', '')}".strip()
        for a in item.get("author", [])
    ]
    return {
        "title": item["title"],
        "authors": authors,
        "doi": item.get("DOI", ""),
        "volume": item.get("volume", ""),
        "issue": item.get("issue", ""),
        "year": str(item["issued"]["date-parts"][0][0]),
        "first_page": str(item.get("page") or item.get("number", "")).split("-")[0],
        "abstract": item.get("abstract", ""),
        "keywords": [k.strip() for k in item.get("keyword", "").split(",") if k.strip()],
    }


OUTPUTS = {
    "meta tags": out_meta,
    "JSON-LD": out_jsonld,
    "Crossref": out_crossref,
    "JATS": out_jats,
    "DOAJ": out_doaj,
    "BibTeX": out_bibtex,
    "RIS": out_ris,
    "CSL-JSON": out_csl,
}


def _differences(source: Source, found: dict[str, object]) -> list[str]:
    expected: dict[str, object] = {
        "title": source.title,
        "authors": source.authors,
        "doi": source.doi,
        "volume": source.volume,
        "issue": source.issue,
        "year": source.year,
        "first_page": source.first_page,
        "keywords": source.keywords,
        "references": source.references,
    }
    problems = []
    for name, value in found.items():
        if name == "abstract":
            words = str(value).split()
            if str(value).endswith("\u2026"):  # a summary (JSON-LD's): its whole words
                words = words[:-1]
            if not words or words[:40] != source.abstract_words[: min(40, len(words))]:
                problems.append(f"abstract: {' '.join(words[:12])!r}…")
        elif name == "licence":
            shown = re.sub(r"^https?://(www\.)?|/$", "", str(value))
            if source.licence and shown != source.licence:
                problems.append(f"licence: {shown!r}, source {source.licence!r}")
        elif value != expected[name]:
            problems.append(f"{name}: {value!r}, source {expected[name]!r}")
    return problems


@pytest.mark.parametrize("output", OUTPUTS)
def test_every_output_says_what_the_source_said(imported: Imported, output: str) -> None:
    # The year too: mds526.nxml went online 2012-11-12, in the 2013 print issue (its year).
    unexpected = []
    for path in [*corpus(), imported.group_file]:
        source = read_source(path)
        found = OUTPUTS[output](imported, source, _slug(imported, source))
        unexpected += [f"{source.file}: {p}" for p in _differences(source, found)]
    assert not unexpected, "\n".join(unexpected)


def test_all_ten_import_check_and_build_strict(imported: Imported) -> None:
    first, second, _ = imported.reports
    for name in NO_ISSUE:
        assert re.search(rf"{re.escape(name)}: skipped: issue: .* give one with --issue N", first)
    assert "Imported 8 of 10 articles; 2 not imported" in first
    assert "Imported 2 of 2 articles." in second
    assert "`journal check` of the imported files:\nNo problems in " in second
    assert len(list((imported.project / "abstracts").rglob("*.md"))) == 11  # and the group one
    # what could not be mapped is named field by field
    assert re.search(r"pntd\.0002065\.nxml.*\n(?:  .*\n)*  not mapped: license: ", first)
    assert re.search(r"pone\.0046493\.nxml.*\n(?:  .*\n)*  not mapped: funding: ", first)


def test_the_exports_validate_against_the_official_schemas(imported: Imported) -> None:
    site = imported.build.site
    errors = []
    for path in sorted((site / "issues").rglob("crossref.xml")):
        errors += crossref_errors(path)
    for path in sorted((site / "issues").rglob("doaj.xml")):
        errors += doaj_errors(path)
    jats = sorted((site / "abstracts").rglob("*.jats.xml"))
    assert len(jats) == 11
    for path in jats:
        errors += jats_errors(path)
    assert not errors, "\n".join(errors)


def test_a_new_author_has_no_biography_shown(imported: Imported) -> None:
    author = imported.project / "authors" / "g-lyratzopoulos.md"
    text = author.read_text(encoding="utf-8")
    assert text.endswith("---\n") and 'email: "gl290@medschl.cam.ac.uk"' in text
    page = lxml.html.fromstring(
        (imported.build.site / "authors/g-lyratzopoulos/index.html").read_bytes()
    )
    assert not page.xpath("//*[@id='bio-heading']")
    assert (
        "note: new author file authors/g-lyratzopoulos.md, without a biography"
        in imported.reports[0]
    )


def test_structured_abstracts_keep_their_sections(imported: Imported) -> None:
    text = next((imported.project / "abstracts/24/3").glob("*.md")).read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert body.startswith("### Background\n\n")
    assert "\n### Patients and methods\n" in body and "\n### Conclusions\n" in body


# Per-article refusals, with small files ----------------------------------------------------


EPUB_2021 = "<pub-date pub-type='epub'><day>5</day><month>6</month><year>2021</year></pub-date>"
JANE_DOE = (
    "<contrib contrib-type='author'><name><surname>Doe</surname><given-names>Jane</given-names>"
    "</name></contrib>"
)


def jats(
    title: str = "A study of <italic>things</italic>",
    doi: str = "10.9999/x.1",
    volume: str = "3",
    issue: str = "2",
    date: str = EPUB_2021,
    contribs: str = JANE_DOE,
    extra: str = "",
) -> str:
    return f"""<?xml version="1.0"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article"><front>
<article-meta><article-id pub-id-type="doi">{doi}</article-id>
<title-group><article-title>{title}</article-title></title-group>
<contrib-group>{contribs}</contrib-group>
{date}<volume>{volume}</volume>{f"<issue>{issue}</issue>" if issue else ""}
{extra}<abstract><p>We studied things and found them.</p></abstract>
</article-meta></front></article>
"""


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _new_journal(tmp_path / "journal", monkeypatch)


def _write(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


def test_an_article_without_volume_or_date_is_skipped_and_the_rest_imported(
    journal: Path, tmp_path: Path
) -> None:
    files = _write(
        tmp_path / "in",
        {
            "a.xml": jats(volume="", doi="10.9999/a"),
            "b.xml": jats(date="", doi="10.9999/b", title="Another"),
            "c.xml": jats(doi="10.9999/c", title="A third"),
        },
    )
    status, output = run("import", "jats", *files)
    assert status == 1
    assert re.search(r"a\.xml: skipped: volume: the file has none\.", output)
    assert re.search(r"b\.xml: skipped: published: the file has no <pub-date>", output)
    assert (journal / "abstracts/3/2/a-third.md").is_file()
    assert run("check")[0] == 0


def test_two_versions_of_one_doi_import_the_newest(journal: Path, tmp_path: Path) -> None:
    old = "<pub-date pub-type='epub'><day>1</day><month>2</month><year>2020</year></pub-date>"
    files = _write(
        tmp_path / "in",
        {"v1.xml": jats(date=old, title="Old title"), "v2.xml": jats(title="New title")},
    )
    status, output = run("import", "jats", *files)
    assert status == 1
    assert re.search(r"v1\.xml: skipped: doi: 10\.9999/x\.1 is also the DOI of \S*v2\.xml", output)
    assert [p.name for p in (journal / "abstracts").rglob("*.md")] == ["new-title.md"]


def test_no_issue_is_skipped_unless_given(journal: Path, tmp_path: Path) -> None:
    files = _write(tmp_path / "in", {"a.xml": jats(issue="")})
    status, output = run("import", "jats", *files)
    assert status == 1 and "skipped: issue:" in output and "--issue N" in output
    status, output = run("import", "jats", "--issue", "4", *files)
    assert status == 0, output
    text = (journal / "abstracts/3/4/a-study-of-things.md").read_text(encoding="utf-8")
    assert "\nissue: 4\n" in text and 'title: "A study of *things*"' in text


def test_an_existing_slug_or_doi_is_skipped_unless_replace(journal: Path, tmp_path: Path) -> None:
    files = _write(tmp_path / "in", {"a.xml": jats()})
    assert run("import", "jats", *files)[0] == 0
    renamed = _write(tmp_path / "in2", {"a.xml": jats(title="Retitled")})
    status, output = run("import", "jats", *renamed)
    assert status == 1
    assert "skipped: doi: 10.9999/x.1 is already abstracts/3/2/a-study-of-things.md" in output
    status, output = run("import", "jats", "--replace", *renamed)
    assert status == 0, output
    text = (journal / "abstracts/3/2/a-study-of-things.md").read_text(encoding="utf-8")
    assert 'title: "Retitled"' in text
    assert run("check")[0] == 0


def test_a_malformed_file_is_reported_at_its_line_not_a_traceback(
    journal: Path, tmp_path: Path
) -> None:
    files = _write(
        tmp_path / "in", {"bad.xml": "<article>\n<front>\n<p>open\n</article>\n", "ok.xml": jats()}
    )
    status, output = run("import", "jats", *files)
    assert status == 1
    assert re.search(r"bad\.xml:4: XML: is not well-formed XML \(.*\)", output)
    assert "Traceback" not in output
    assert (journal / "abstracts/3/2/a-study-of-things.md").is_file()


def test_groups_orcids_rors_and_corresponding_emails(journal: Path, tmp_path: Path) -> None:
    contribs = (
        "<contrib contrib-type='author' corresp='yes'><contrib-id contrib-id-type='orcid'>"
        "https://orcid.org/0000-0002-1825-0097</contrib-id><name><surname>Núñez García</surname>"
        "<given-names>José</given-names></name><email>jose@example.org</email>"
        "<xref ref-type='aff' rid='a1'/></contrib>"
        "<contrib contrib-type='author'><collab>ICGC Breast Cancer Group<contrib-group>"
        "<contrib contrib-type='author'><name><surname>Smith</surname>"
        "<given-names>Ann</given-names>"
        "</name></contrib></contrib-group></collab></contrib>"
        "<aff id='a1'><institution-wrap><institution-id institution-id-type='ror'>"
        "https://ror.org/03w04rv71</institution-id><institution>Iran University</institution>"
        "</institution-wrap>, <country>Iran</country></aff>"
    )
    files = _write(tmp_path / "in", {"a.xml": jats(contribs=contribs)})
    status, output = run("import", "jats", *files)
    assert status == 0, output
    text = (journal / "abstracts/3/2/a-study-of-things.md").read_text(encoding="utf-8")
    assert '  - id: "jose-nunez-garcia"\n    corresponding: true\n' in text
    assert '  - group: "ICGC Breast Cancer Group"\n    members:\n      - "ann-smith"\n' in text
    author = (journal / "authors/jose-nunez-garcia.md").read_text(encoding="utf-8")
    assert 'given: "José"\nfamily: "Núñez García"\norcid: "0000-0002-1825-0097"' in author
    assert 'email: "jose@example.org"' in author
    assert (
        '  - name: "Iran University"\n    country: "Iran"\n    ror: "https://ror.org/03w04rv71"'
        in author
    )
    assert run("check")[0] == 0


def test_authors_match_by_orcid_then_exact_name_never_otherwise(
    journal: Path, tmp_path: Path
) -> None:
    (journal / "authors/jane-doe.md").write_text(
        '---\nname: "Jane Doe"\norcid: "0000-0002-1825-0097"\n---\nJane writes.\n'
    )
    (journal / "authors/ann-roe.md").write_text('---\nname: "Ann Roe"\n---\nAnn writes.\n')
    person = (
        "<contrib contrib-type='author'>{orcid}<name><surname>{family}</surname>"
        "<given-names>{given}</given-names></name></contrib>"
    )
    orcid = "<contrib-id contrib-id-type='orcid'>{}</contrib-id>"
    contribs = (
        # the same ORCID: jane-doe; the same name: ann-roe; the same name, another ORCID: new
        person.format(orcid=orcid.format("0000-0002-1825-0097"), family="Doe-Smith", given="J.")
        + person.format(orcid="", family="Roe", given="Ann")
        + person.format(orcid=orcid.format("0000-0001-5109-3700"), family="Doe", given="Jane")
    )
    files = _write(tmp_path / "in", {"a.xml": jats(contribs=contribs)})
    status, output = run("import", "jats", *files)
    assert status == 0, output
    text = (journal / "abstracts/3/2/a-study-of-things.md").read_text(encoding="utf-8")
    assert 'authors:\n  - "jane-doe"\n  - "ann-roe"\n  - "jane-doe-2"\n' in text
    assert "authors/jane-doe.md is someone else" in output
    assert (journal / "authors/jane-doe.md").read_text(encoding="utf-8").endswith("Jane writes.\n")


def test_a_continuous_journal_gets_volume_folders_without_issues(
    journal: Path, tmp_path: Path
) -> None:
    config = journal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  journal:\n", "  journal:\n    publication: continuous\n"))
    files = _write(
        tmp_path / "in", {"a.xml": jats(), "b.xml": jats(issue="", doi="10.9999/b", title="B")}
    )
    status, output = run("import", "jats", *files)
    assert status == 0, output
    a = (journal / "abstracts/3/a-study-of-things.md").read_text(encoding="utf-8")
    assert "\nissue:" not in a and "\nyear:" not in a
    assert "not mapped: issue: the journal publishes continuously; the file's issue 2" in output
    assert (journal / "abstracts/3/b.md").is_file()
    assert run("check")[0] == 0


def test_another_article_with_the_same_title_gets_a_file_name_of_its_own(
    journal: Path, tmp_path: Path
) -> None:
    files = _write(
        tmp_path / "in",
        {
            "a.xml": jats(title="Correction", doi="10.9999/c.1"),
            "b.xml": jats(title="Correction", doi="10.9999/c.2"),
        },
    )
    status, output = run("import", "jats", *files)
    assert status == 0, output
    names = sorted(p.name for p in (journal / "abstracts").rglob("*.md"))
    assert names == ["correction-2.md", "correction.md"]
    assert "note: abstracts/3/2/correction.md is another article with the same title" in output
    assert run("check")[0] == 0


def test_article_types_map_through_the_type_table(journal: Path, tmp_path: Path) -> None:
    no_abstract = jats(doi="10.9999/n").replace(
        "<abstract><p>We studied things and found them.</p></abstract>", ""
    )
    files = _write(
        tmp_path / "in",
        {
            "correction.xml": no_abstract.replace("research-article", "correction"),
            "review.xml": jats(doi="10.9999/r", title="Oaks").replace(
                "research-article", "book-review"
            ),
            "odd.xml": jats(doi="10.9999/o", title="Odd").replace("research-article", "zzz"),
            "bare.xml": no_abstract.replace("10.9999/n", "10.9999/b").replace("A study of", "Bare"),
        },
    )
    status, output = run("import", "jats", *files)
    assert status == 1
    text = (journal / "abstracts/3/2/a-study-of-things.md").read_text(encoding="utf-8")
    assert 'type: "Correction"' in text and text.endswith("---\n")  # no abstract: none needed
    assert 'type: "Book Review"' in (journal / "abstracts/3/2/oaks.md").read_text(encoding="utf-8")
    assert 'type: "Research Article"' in (journal / "abstracts/3/2/odd.md").read_text("utf-8")
    assert 'not mapped: type: the JATS article-type "zzz" is none of the journal\'s types' in output
    assert re.search(
        r"bare\.xml: skipped: body: the file has no <abstract>, and a Research", output
    )
    assert run("check")[0] == 0


def test_translations_and_a_wrong_orcid(journal: Path, tmp_path: Path) -> None:
    contribs = JANE_DOE.replace(
        "<name>", "<contrib-id contrib-id-type='orcid'>0000-0002-1825-0098</contrib-id><name>"
    )
    extra = (
        "<trans-abstract xml:lang='fr'><p>Nous avons étudié des <italic>choses</italic>.</p>"
        "</trans-abstract>"
    )
    text = jats(contribs=contribs, extra=extra).replace(
        "</article-title>",
        "</article-title><trans-title-group xml:lang='fr'><trans-title>Une étude des "
        "<italic>choses</italic></trans-title></trans-title-group>",
    )
    files = _write(tmp_path / "in", {"a.xml": text})
    status, output = run("import", "jats", *files)
    assert status == 0, output
    body = (journal / "abstracts/3/2/a-study-of-things.md").read_text(encoding="utf-8")
    assert (
        'translations:\n  fr:\n    title: "Une étude des *choses*"\n'
        '    abstract: "Nous avons étudié des *choses*."\n'
    ) in body
    assert "not mapped: authors: the ORCID iD 0000-0002-1825-0098 of Jane Doe has a wrong" in output
    assert "orcid" not in (journal / "authors/jane-doe.md").read_text(encoding="utf-8")
    assert run("check")[0] == 0


def _front(imported: Imported, pattern: str) -> dict[str, object]:
    path = next((imported.project / "abstracts").rglob(pattern))
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


def test_references_read_as_printed_with_their_dois(imported: Imported) -> None:
    plos = _front(imported, "serological-evidence-*.md")["references"]
    assert isinstance(plos, list) and len(plos) == 32
    assert plos[1] == (
        "Rich KM, Wanyoike F (2010) An assessment of the regional and national socio-economic "
        "impacts of the 2007 Rift Valley fever outbreak in Kenya. Am J Trop Med Hyg 83: 52–57"
    )
    bmj = _front(imported, "hospital-based-*.md")["references"]
    assert isinstance(bmj, list) and str(bmj[0]).startswith("Parashar UD, Hummelman EG, Bresee JS.")
    citizen = _front(imported, "public-perceptions-*.md")["references"]
    assert isinstance(citizen, list) and citizen[1] == {
        "text": "Bonney R., Phillips T.B., Ballard H.L., Enck J.W. Can citizen science enhance "
        "public understanding of science? Public Understanding of Science 2015;25(1):2-16.",
        "doi": "10.1177/0963662515607406",
    }


def test_the_import_ends_with_the_check_of_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _new_journal(tmp_path / "journal", monkeypatch, pdf=True)
    text = jats().replace("found them.", "found \u0915 5600 of them.")  # no font has Devanagari
    status, output = run("import", "jats", *_write(tmp_path / "in", {"a.xml": text}))
    assert status == 1
    assert "Imported 1 of 1 articles." in output
    assert re.search(
        r"`journal check` of the imported files:\nabstracts/3/2/a-study-of-things\.md:\d+: body: "
        r"the character U\+0915 \(DEVANAGARI LETTER KA\)",
        output,
    )
    assert (journal / "abstracts/3/2/a-study-of-things.md").is_file()


def test_the_corpus_pdfs_print_mathematical_symbols(imported: Imported) -> None:
    # mds526's abstract has U+223C TILDE OPERATOR ("by ~5600 annually" with it), which only the math
    # font has: the galley prints it (as text, not a box) in the math font.
    source = next(read_source(p) for p in corpus() if p.name == "mds526.nxml")
    reader = PdfReader(
        io.BytesIO(_page_file(imported, _slug(imported, source), "pdf").read_bytes())
    )
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "by \u223c5600 annually" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }
    assert any("STIXTwoMath" in name for name in fonts), fonts


def test_paragraphs_that_look_like_markdown_blocks_stay_paragraphs() -> None:
    source = etree.fromstring(
        "<abstract><p>&gt;90% of patients responded.</p><p>1. We enrolled 40.</p>"
        "<p>- 3 dropped out.</p><p># of visits: 4.</p></abstract>"
    )
    page = lxml.html.fromstring(markdown.markdown(abstract_markdown(source)))
    assert [p.text_content() for p in page.iter("p")] == [
        ">90% of patients responded.",
        "1. We enrolled 40.",
        "- 3 dropped out.",
        "# of visits: 4.",
    ]
    assert not page.xpath("//blockquote|//ol|//ul|//h1")


def test_a_title_with_markup_gets_the_file_name_journal_new_gives_it() -> None:
    title = "Effects of H~2~O on *E. coli*"
    assert (
        make_slug(title, is_title=True)
        == make_slug("Effects of H2O on E. coli")
        == ("effects-of-h2o-on-e-coli")
    )
