"""The fields real articles carry (#14): references, funding, competing interests, data
availability, the article's own licence, a plain-language summary and translations.

One copy of the fixture journal gets an abstract with every field, values taken from the real
articles in ../shared/corpus (Citizen Science: Theory and Practice, BMJ Open, PLOS ONE); it is
built with `mkdocs build --strict` and each output is read with an independent parser (HTML
with BeautifulSoup, XML with lxml and the official schemas, PDF text with pypdf).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from pypdf import PdfReader

from conftest import FIXTURES, Build, copy_project, run_mkdocs_build
from journal.exports.cached_markup import is_abstract_head
from journal.exports.crossref import export_crossref
from journal.loading import load_text, read_settings
from journal.pdf.fonts import coverage
from journal.pdf.printable import check_printable
from journal.problems import format_problem
from journal.schema import build_schema
from journal.site import load_journal
from journal.validation import check_abstract
from official_schemas import crossref_errors, doaj_errors, jats_errors
from test_html_validity import html_errors

SLUG = "citizen-science-perceptions"
# Real references of cstp77 (Citizen Science: Theory and Practice) and pone.0046493 (PLOS ONE).
REFERENCES = [
    {
        "text": "Blanch DC, Hall JA, Roter DL, Frankel RM. Medical student gender and issues of "
        "confidence. Patient Education and Counseling. 2008;72:374-381.",
        "doi": "10.1016/j.pec.2008.05.021",
    },
    "Chakroborty A (2011) Drug-resistant tuberculosis: an insurmountable epidemic? "
    "Inflammopharmacology 19: 131-137.",
    {"text": 'A <script>alert("x")</script> & "quoted" reference.'},
]
FUNDING = [
    {"funder": "GSK Biologicals SA"},  # bmjopen-4-e003269
    {
        "funder": "National Cancer Institute",
        "funder_id": "10.13039/100000054",
        "awards": ["R01 CA123456", "P30 CA000001"],
    },
    {"funder": "Wellcome Trust", "funder_id": "https://ror.org/029chgv08"},
]
FRONT = {
    "title": "Public Perceptions of Citizen Science",
    "authors": ["ana-lopez"],
    "volume": 1,
    "issue": 1,
    "year": 2020,
    "published": "2020-03-05",
    "type": "Research Article",
    "doi": "10.5555/fixture.0009",
    "references": REFERENCES,
    "funding": FUNDING,
    "competing_interests": "The authors have no competing interests to declare.",
    "data_availability": "The survey data are in the *Dryad* repository.",
    "license": "CC BY-NC 4.0",
    "plain_summary": "We asked people what they think of volunteers doing science.",
    "translations": {
        "fr": {
            "title": "Perceptions publiques de la *science citoyenne*",  # markup, as in titles
            # Markup, an ampersand, quotes and a "<" test the meta tags' escaping.
            "abstract": "Nous avons interrogé le public sur la *science citoyenne* & ses "
            '"limites" (P < 0.01).',
        },
        "ar": {"title": "التصورات العامة لعلم المواطن"},
    },
}
BODY = "Citizen science is scientific work undertaken by members of the public."
NC = "https://creativecommons.org/licenses/by-nc/4.0/"


def _abstract_file(front: dict[str, Any], body: str = BODY) -> str:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n{body}\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("fields") / "journal"
    copy_project(FIXTURES / "journal", project)
    (project / "abstracts/1/1" / f"{SLUG}.md").write_text(_abstract_file(FRONT), encoding="utf-8")
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def _page(built: Build) -> BeautifulSoup:
    return built.html(f"abstracts/{SLUG}/")


def test_the_page_lists_the_references_in_order_with_doi_links(built: Build) -> None:
    page = _page(built)
    section = page.select_one("section.journal-article__references")
    assert section is not None and section.h2.get_text() == "References"
    items = section.select("ol > li")
    assert len(items) == 3
    assert items[0].get_text(" ", strip=True).startswith("Blanch DC, Hall JA")
    assert items[0].a["href"] == "https://doi.org/10.1016/j.pec.2008.05.021"
    assert items[1].a is None
    # A reference is text: its markup is shown, never run.
    assert items[2].get_text() == 'A <script>alert("x")</script> & "quoted" reference.'
    assert not page.select("section.journal-article__references script")


def test_the_page_shows_funding_statements_licence_summary_and_translations(
    built: Build,
) -> None:
    page = _page(built)
    funders = page.select("section.journal-article__funding li")
    assert [f.get_text(" ", strip=True) for f in funders] == [
        "GSK Biologicals SA",
        "National Cancer Institute : R01 CA123456, P30 CA000001",
        "Wellcome Trust",
    ]
    assert funders[1].a["href"] == "https://doi.org/10.13039/100000054"
    assert funders[2].a["href"] == "https://ror.org/029chgv08"
    interests = page.select_one("section.journal-article__competing-interests")
    assert "no competing interests" in interests.get_text()
    data = page.select_one("section.journal-article__data-availability")
    assert data.em.get_text() == "Dryad"  # Markdown rendered
    licence = page.select_one(".journal-article__license a[rel=license]")
    assert licence["href"] == NC and licence.get_text() == "CC BY-NC 4.0"
    summary = page.select_one("section.journal-article__plain-summary")
    assert "volunteers doing science" in summary.get_text()
    french, arabic = page.select("section.journal-article__translation")
    assert french["lang"] == "fr" and french["dir"] == "ltr"
    assert french.h2.get_text() == "Perceptions publiques de la science citoyenne"
    assert french.h2.i.get_text() == "science citoyenne"  # a title's markup, as the main title's
    assert "interrogé le public" in french.get_text()
    assert arabic["lang"] == "ar" and arabic["dir"] == "rtl"


def test_an_article_without_the_fields_shows_none_of_their_sections(built: Build) -> None:
    page = built.html("abstracts/first-imaging-study/")
    for name in ("references", "funding", "competing-interests", "translation"):
        assert not page.select(f"section.journal-article__{name}"), name
    licence = page.select_one(".journal-article__license a[rel=license]")
    assert licence.get_text() == "CC BY 4.0"  # the journal's


def _meta(page: BeautifulSoup, name: str) -> list[str]:
    return [str(tag["content"]) for tag in page.find_all("meta", attrs={"name": name})]


def test_scholar_tags_have_one_citation_reference_per_reference(built: Build) -> None:
    page = _page(built)
    references = _meta(page, "citation_reference")
    assert len(references) == 3
    assert references[0].endswith("doi:10.1016/j.pec.2008.05.021")
    assert _meta(page, "DC.rights") == [NC]


def _head_tags(built: Build, url: str, name: str) -> list[tuple[str | None, str | None]]:
    """(lang, content) of each meta tag `name` of the page, read with lxml.html."""
    tree = lxml.html.parse(str(built.site / url / "index.html"))
    return [(m.get("lang"), m.get("content")) for m in tree.xpath("//head/meta[@name=$n]", n=name)]


def test_scholar_tags_have_one_abstract_per_language_and_the_translated_titles(
    built: Build,
) -> None:
    url = f"abstracts/{SLUG}"
    # The French abstract as plain text (its markup dropped); Arabic has a title only.
    french = 'Nous avons interrogé le public sur la science citoyenne & ses "limites" (P < 0.01).'
    assert _head_tags(built, url, "citation_abstract") == [("en", BODY), ("fr", french)]
    assert _head_tags(built, url, "citation_title") == [(None, FRONT["title"])]
    assert _head_tags(built, url, "DC.title.alternative") == [
        (code, t["title"].replace("*", "")) for code, t in FRONT["translations"].items()
    ]
    assert _head_tags(built, url, "citation_language") == [(None, "en")]
    # An abstract without translations: one abstract, in the page's language (no lang).
    other = "abstracts/first-imaging-study"
    assert [lang for lang, _ in _head_tags(built, other, "citation_abstract")] == [None]
    assert _head_tags(built, other, "DC.title.alternative") == []


def test_the_page_with_tags_in_several_languages_is_valid_html(
    built: Build, tmp_path: Path
) -> None:
    shutil.copy(built.site / f"abstracts/{SLUG}/index.html", tmp_path / "page.html")
    assert html_errors(tmp_path) == []


def test_a_cached_head_with_languages_is_accepted_and_a_planted_attribute_is_not(
    built: Build,
) -> None:
    # The cached head is checked before a page prints it: the tags with `lang` pass (else
    # every warm build would make them again), a planted attribute does not.
    cache = built.site.parent / f"{built.site.name}-cache" / "outputs"
    (head,) = [
        data
        for entry in cache.iterdir()
        if entry.read_bytes().startswith(b"{")
        and "head_html" in (data := json.loads(entry.read_text(encoding="utf-8")))
        and 'name="citation_abstract" lang="fr"' in data["head_html"]
    ]
    assert is_abstract_head(head)
    planted = head["head_html"].replace('lang="fr"', 'lang="fr" onfocus=alert(1)', 1)
    assert not is_abstract_head({**head, "head_html": planted})


def test_json_ld_has_citations_funders_and_the_articles_licence(built: Build) -> None:
    script = _page(built).find("script", attrs={"type": "application/ld+json"})
    graph = json.loads(script.string)
    assert graph["license"] == NC
    # the references with a DOI, by their DOI (their texts are the citation_reference tags)
    assert graph["citation"] == [{"@id": "https://doi.org/10.1016/j.pec.2008.05.021"}]
    funders = [g["funder"] for g in graph["funding"]]
    assert [f["name"] for f in funders] == [f["funder"] for f in FUNDING]
    assert funders[1]["identifier"] == "https://doi.org/10.13039/100000054"
    assert graph["funding"][1]["identifier"] == ["R01 CA123456", "P30 CA000001"]
    assert {t["inLanguage"] for t in graph["workTranslation"]} == {"fr", "ar"}


CR = "{http://www.crossref.org/schema/5.4.0}"
FR = "{http://www.crossref.org/fundref.xsd}"
AI = "{http://www.crossref.org/AccessIndicators.xsd}"
JATS1 = "{http://www.ncbi.nlm.nih.gov/JATS1}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _article(tree: Any, doi: str = "10.5555/fixture.0009") -> Any:
    (article,) = [a for a in tree.iter(f"{CR}journal_article") if a.findtext(f".//{CR}doi") == doi]
    return article


def test_crossref_has_citations_fundref_licence_and_abstracts_per_language(
    built: Build,
) -> None:
    path = built.site / "issues/1/1/crossref.xml"
    assert crossref_errors(path) == []
    article = _article(etree.parse(str(path)))
    citations = article.findall(f"{CR}citation_list/{CR}citation")
    assert [c.get("key") for c in citations] == ["ref1", "ref2", "ref3"]
    assert citations[0].findtext(f"{CR}doi") == "10.1016/j.pec.2008.05.021"
    assert citations[1].find(f"{CR}doi") is None
    assert citations[1].findtext(f"{CR}unstructured_citation").startswith("Chakroborty A")
    program = article.find(f"{FR}program")
    assert program.get("name") == "fundref"
    groups = program.findall(f"{FR}assertion")
    assert [g.get("name") for g in groups] == ["fundgroup"] * 3
    nci = groups[1]
    assert nci.find(f"{FR}assertion[@name='funder_name']").text.strip() == (
        "National Cancer Institute"
    )
    assert nci.findtext(f".//{FR}assertion[@name='funder_identifier']") == (
        "https://doi.org/10.13039/100000054"
    )
    awards = [a.text for a in nci.findall(f"{FR}assertion[@name='award_number']")]
    assert awards == ["R01 CA123456", "P30 CA000001"]
    assert groups[2].findtext(f"{FR}assertion[@name='ror']") == "https://ror.org/029chgv08"
    assert article.findtext(f"{AI}program/{AI}license_ref") == NC
    abstracts = article.findall(f"{JATS1}abstract")
    assert [a.get(LANG) for a in abstracts] == ["en", "fr"]
    titles = [t.find(f"{CR}title") for t in article.findall(f"{CR}titles")]
    assert ["".join(t.itertext()) for t in titles[1:]] == [
        t["title"].replace("*", "") for t in FRONT["translations"].values()
    ]
    assert titles[1].findtext(f"{CR}i") == "science citoyenne"  # Crossref's face markup


JATS_NS = {"xlink": "http://www.w3.org/1999/xlink"}


def test_jats_has_refs_funding_licence_translations_and_statements(built: Build) -> None:
    path = built.site / f"abstracts/{SLUG}/{SLUG}.jats.xml"
    assert jats_errors(path) == []
    root = etree.parse(str(path)).getroot()
    refs = root.findall("back/ref-list/ref")
    assert len(refs) == 3
    assert refs[0].findtext("mixed-citation/pub-id[@pub-id-type='doi']") == (
        "10.1016/j.pec.2008.05.021"
    )
    assert "<script>" in refs[2].findtext("mixed-citation")  # text, escaped by the serialiser
    awards = root.findall("front/article-meta/funding-group/award-group")
    assert [a.findtext("funding-source/institution-wrap/institution") for a in awards] == [
        f["funder"] for f in FUNDING
    ]
    ids = awards[1].find("funding-source/institution-wrap/institution-id")
    assert (ids.get("institution-id-type"), ids.text) == ("doi", "10.13039/100000054")
    assert [a.text for a in awards[1].findall("award-id")] == ["R01 CA123456", "P30 CA000001"]
    licence = root.find("front/article-meta/permissions/license")
    assert licence.get(f"{{{JATS_NS['xlink']}}}href") == NC
    trans = root.findall("front/article-meta/trans-abstract")
    assert [t.get(LANG) for t in trans] == ["fr"]
    titles = root.findall("front/article-meta/title-group/trans-title-group")
    assert [t.get(LANG) for t in titles] == ["fr", "ar"]
    assert titles[0].findtext("trans-title/italic") == "science citoyenne"
    coi = root.find("back/fn-group/fn[@fn-type='coi-statement']")
    assert "no competing interests" in coi.findtext("p")
    data = root.find("back/sec[@sec-type='data-availability']")
    assert data.findtext("p") == "The survey data are in the Dryad repository."
    summary = root.find("front/article-meta/abstract[@abstract-type='plain-language-summary']")
    assert summary is not None


def test_doaj_gives_titles_and_abstracts_in_every_language(built: Build) -> None:
    path = built.site / "issues/1/1/doaj.xml"
    assert doaj_errors(path) == []
    tree = etree.parse(str(path))
    (record,) = [r for r in tree.iter("record") if r.findtext("doi") == "10.5555/fixture.0009"]
    titles = [(t.get("language"), t.text) for t in record.findall("title")]
    assert [language for language, _ in titles] == ["eng", "fre", "ara"]
    abstracts = [a.get("language") for a in record.findall("abstract")]
    assert abstracts == ["eng", "fre"]


def test_the_pdf_galley_prints_references_and_funding(built: Build) -> None:
    reader = PdfReader(built.site / f"abstracts/{SLUG}/{SLUG}.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "References" in text and "Funding" in text
    assert "Medical student gender and issues of confidence" in text
    assert "https://doi.org/10.1016/j.pec.2008.05.021" in text
    assert "National Cancer Institute: R01 CA123456, P30 CA000001" in text
    assert "Competing interests" in text and "Data availability" in text
    assert "published under CC BY-NC 4.0" in text  # the article's licence, not the journal's


def test_the_front_matter_is_valid_by_the_published_schema() -> None:
    schema = build_schema("abstract")
    jsonschema.validate(yaml.safe_load(yaml.safe_dump(FRONT)), schema)
    broken = {**FRONT, "translations": {"French": {"title": "?"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def _problems(front: dict[str, Any], body: str = BODY) -> list[str]:
    entry = load_text(f"abstracts/1/1/{SLUG}.md", _abstract_file(front, body))
    assert not hasattr(entry, "message"), entry
    _, problems = check_abstract(entry)  # type: ignore[arg-type]
    return [format_problem(p) for p in problems]


def test_every_problem_of_the_new_fields_is_reported_at_once_with_its_line() -> None:
    front = {
        **FRONT,
        "references": [{"text": "A reference.", "doi": "10.1016/j pec"}, ""],
        "funding": [{"funder": "NCI", "funder_id": "10.5555/100000054"}, {"awards": ["X"]}],
        "license": "CC BY 4",
        "translations": {"fre": {"title": "Titre"}, "es": {}},
    }
    lines = _problems(front)
    text = "\n".join(lines)
    assert len(lines) == 7, text
    assert "references[1].doi" in text and "is not a complete DOI" in text
    assert "references[2]" in text and "is empty" in text
    assert "funding[1].funder_id" in text and "not in the Funder Registry" in text
    assert "funding[2].funder: missing" in text
    assert 'Did you mean "CC BY 4.0"?' in text
    assert 'translations.fre: "fre" is not a language code' in text and '"fr"' in text
    assert "translations.es: is empty" in text
    # Each at its own line of the file, not the line of the field above it.
    numbers = {int(line.split(":")[1]) for line in lines}
    assert len(numbers) == 7


def test_a_language_may_name_its_region_or_script() -> None:
    translations = {"pt-BR": {"title": "Percepções"}, "zh-Hant": {"title": "公眾"}}
    assert _problems({**FRONT, "translations": translations}) == []
    (problem,) = _problems({**FRONT, "translations": {"xx-BR": {"title": "?"}}})
    assert 'translations.xx-BR: "xx-BR" is not a language code' in problem


def test_norwegian_unquoted_is_told_to_be_quoted() -> None:
    # YAML 1.1 reads a bare `no:` as false: the editor meant Norwegian's code.
    text = _abstract_file(FRONT).replace(
        "translations:\n", "translations:\n  no:\n    title: Tittel\n", 1
    )
    entry = load_text(f"abstracts/1/1/{SLUG}.md", text)
    message = format_problem(entry)  # type: ignore[arg-type]
    assert "YAML reads the key no as a yes/no value" in message and '"no":' in message, message
    quoted = text.replace("  no:\n", '  "no":\n', 1)
    entry = load_text(f"abstracts/1/1/{SLUG}.md", quoted)
    assert not hasattr(entry, "message"), entry
    assert check_abstract(entry)[1] == []  # type: ignore[arg-type]


def test_a_known_licence_may_be_written_by_its_address_or_as_name_and_url() -> None:
    assert _problems({**FRONT, "license": "http://creativecommons.org/licenses/by-nc/4.0"}) == []
    own = {"name": "Journal licence 1.0", "url": "https://example.org/licence"}
    assert _problems({**FRONT, "license": own}) == []


def test_limits_of_the_new_fields() -> None:
    long = {**FRONT, "references": ["x" * 3_001], "competing_interests": "word " * 5_000}
    text = "\n".join(_problems(long))
    assert "references[1]: is 3,001 characters long; the limit is 3,000" in text
    assert "competing_interests: is 24,999 characters long; the limit is 20,000" in text


def _journal_problems(project: Path) -> list[str]:
    config = project / "mkdocs.yml"
    values, _ = read_settings(config)
    _, problems, _ = load_journal(project, config, values, preview=False)
    return [format_problem(p) for p in problems if p.is_error]


def test_a_corresponding_author_without_e_mail_is_fine_unless_the_journal_requires_one(
    tmp_path: Path,
) -> None:
    project = tmp_path / "journal"
    copy_project(FIXTURES / "journal", project)
    front = {**FRONT, "authors": [{"id": "chen-wei", "corresponding": True}]}
    (project / "abstracts/1/1" / f"{SLUG}.md").write_text(_abstract_file(front))
    assert "email:" not in (project / "authors/chen-wei.md").read_text()
    assert _journal_problems(project) == []
    config = project / "mkdocs.yml"
    text = config.read_text().replace(
        "    language: en\n", "    language: en\n    require_corresponding_email: true\n"
    )
    config.write_text(text)
    (problem,) = _journal_problems(project)
    assert problem.startswith(f"abstracts/1/1/{SLUG}.md:")
    assert "authors[1].corresponding: authors/chen-wei.md has no email:" in problem


def test_a_translation_into_the_journals_own_language_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "journal"
    copy_project(FIXTURES / "journal", project)
    front = {**FRONT, "translations": {"en": {"title": "Public Perceptions"}}}
    (project / "abstracts/1/1" / f"{SLUG}.md").write_text(_abstract_file(front))
    (problem,) = _journal_problems(project)
    assert 'translations.en: "en" is the journal\'s own language' in problem


def test_with_crossmark_funding_and_licence_go_inside_its_custom_metadata(
    tmp_path: Path,
) -> None:
    project = tmp_path / "journal"
    copy_project(FIXTURES / "journal", project)
    (project / "abstracts/1/1" / f"{SLUG}.md").write_text(_abstract_file(FRONT))
    config = project / "mkdocs.yml"
    values, _ = read_settings(config)
    journal, problems, _ = load_journal(project, config, values, preview=False)
    assert not [p for p in problems if p.is_error]
    settings = dataclasses.replace(journal.settings, crossmark_policy="10.5555/crossmark-policy")
    journal = dataclasses.replace(journal, settings=settings)
    issue = next(i for i in journal.issues if i.key == (1, 1))
    path = tmp_path / "crossref.xml"
    path.write_text(export_crossref(journal, issue, epoch=1_700_000_000), encoding="utf-8")
    assert crossref_errors(path) == []
    article = _article(etree.parse(str(path)))
    custom = article.find(f"{CR}crossmark/{CR}custom_metadata")
    assert custom.find(f"{FR}program") is not None
    assert custom.findtext(f"{AI}program/{AI}license_ref") == NC
    assert article.find(f"{FR}program") is None  # once, inside Crossmark


def test_a_reference_or_funder_no_pdf_font_can_print_is_named_with_its_field(
    tmp_path: Path,
) -> None:
    project = tmp_path / "journal"
    copy_project(FIXTURES / "journal", project)
    front = {**FRONT, "references": ["नमस्ते 2020."], "funding": [{"funder": "ICMR नमस्ते"}]}
    (project / "abstracts/1/1" / f"{SLUG}.md").write_text(_abstract_file(front))
    config = project / "mkdocs.yml"
    values, _ = read_settings(config)
    journal, _, _ = load_journal(project, config, values, preview=False)
    problems, unprintable = check_printable(journal, coverage(None))
    fields = list(dict.fromkeys(p.field for p in problems if p.path.endswith(f"{SLUG}.md")))
    assert fields == ["references[1]", "funding[1]"]
    assert SLUG in unprintable
