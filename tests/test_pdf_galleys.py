"""Every abstract gets a PDF galley and every issue a book of abstracts, set with Typst; read
back with pypdf, poppler's pdffonts and qpdf (independent of the code that made them)."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, Build, copy_project, run_mkdocs_build
from journal.cli import main

AUTHOR = """---
name: {name}
email: author@example.org
affiliations:
  - name: {affiliation}
---
{bio}
"""
ABSTRACT = """---
title: "{title}"
authors:
  - id: {author}
    corresponding: true
volume: 1
issue: 3
year: 2020
published: 2020-09-0{day}
type: Research Article
doi: "10.5555/script.000{day}"
keywords: [{keyword}]
---
{body}
"""
# One abstract per script. (pypdf reads right-to-left lines in the order the glyphs are drawn;
# `_reading_order` turns them back. It cannot read the lam-alef ligature back, so the Arabic
# texts here do without one.)
SCRIPTS = {
    "arabic": (
        "أحمد منصور",
        "جامعة القاهرة",
        "تصوير الكبد عند الأطفال",
        "هذه دراسة عن تصوير الكبد في مستشفى جامعي كبير.",
    ),
    "persian": (
        "علی رضایی",
        "دانشگاه تهران",
        "تصویربرداری از ریه",
        "این یک مطالعه درباره تصویربرداری از ریه در بیماران است.",
    ),
    "chinese": (
        "王小明",
        "台北醫學大學",
        "肺癌影像研究",
        "本研究探讨了肺癌患者的影像特征，结果显示早期诊断非常重要。",
    ),
    "greek": (
        "Γιώργος Παπαδόπουλος",
        "Πανεπιστήμιο Αθηνών",
        "Απεικόνιση του ήπατος",
        "Αυτή η μελέτη εξετάζει την απεικόνιση του ήπατος σε ενήλικες ασθενείς.",
    ),
    "cyrillic": (
        "Анна Иванова",
        "Московский университет",
        "Визуализация печени у детей",
        "В этом исследовании изучена визуализация печени у детей в большой больнице.",
    ),
    "diacritics": (
        "Zoë Dvořák",
        "Ústav Radiologie",
        "Ångström-scale imaging of the liver",
        "Re\u0301sume\u0301: we studied n\u0303 and Dvor\u030cák cases in Kraków and Ørsted.",
    ),
}


def _project(root: Path) -> Path:
    project = copy_project(FIXTURES / "journal", root / "journal")
    for day, (slug, (name, affiliation, title, body)) in enumerate(SCRIPTS.items(), 1):
        (project / f"authors/{slug}-author.md").write_text(
            AUTHOR.format(name=name, affiliation=affiliation, bio=body), encoding="utf-8"
        )
        (project / f"abstracts/1/3/{slug}.md").parent.mkdir(parents=True, exist_ok=True)
        (project / f"abstracts/1/3/{slug}.md").write_text(
            ABSTRACT.format(title=title, author=f"{slug}-author", day=day, keyword=slug, body=body),
            encoding="utf-8",
        )
    return project


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = _project(tmp_path_factory.mktemp("scripts"))
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def _reading_order(text: str) -> str:
    """The text as read: right-to-left lines' words put back in reading order, NFC."""
    lines = []
    for line in text.splitlines():
        strong = next((c for c in line if unicodedata.bidirectional(c) in ("L", "R", "AL")), "")
        if strong and unicodedata.bidirectional(strong) in ("R", "AL"):
            line = " ".join(reversed(line.split()))
        lines.append(line)
    return unicodedata.normalize("NFC", " ".join(" ".join(lines).split()))


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return _reading_order("\n".join(page.extract_text() for page in reader.pages))


def _in_order(words: list[str], text: str) -> bool:
    position = 0
    for word in words:
        found = text.find(unicodedata.normalize("NFC", word), position)
        if found < 0:
            return False
        position = found + len(word)
    return True


def _rtl_in_order(words: list[str], text: str) -> bool:
    """`_in_order` for right-to-left text: pypdf puts some runs of shaped letters of a word
    (bold ones, the last of a line) out of order, so a word is matched by its letters."""
    tokens = ["".join(sorted(re.sub(r"[\d.,:()*]", "", t))) for t in text.split()]
    position = 0
    for word in words:
        key = "".join(sorted(word))
        try:
            position = tokens.index(key, position) + 1
        except ValueError:
            return False
    return True


def _words(body: str) -> list[str]:
    return [w.strip(".,:") for w in body.split()] if " " in body else re.split("[，。]", body)[:-1]


def test_a_galley_holds_the_masthead_title_authors_doi_and_text_in_order(fixture_site: Build):
    galley = fixture_site.site / "abstracts/first-imaging-study/first-imaging-study.pdf"
    text = _text(galley)
    for expected in (
        "Imaging <b>before</b> & after: a first study",
        "Ana López-Núñez",
        "Ben Okoro",
        "https://doi.org/10.5555/fixture.0001",
        "ISSN 0317-8471 (Print), 2324-9110 (Online)",
        "Fix J Tests 2020, 1:1",
        "CC BY 4.0",
        "Corresponding author: Ana López-Núñez, ana.lopez@example.org",
        "Keywords: imaging, staging",
        "How to cite:",
    ):
        assert expected in text, expected
    body = "The first abstract of the fixture journal, about imaging."
    assert _in_order(body.split(), text)
    assert "Ana López-Núñez leads the tumour imaging unit" in text  # the biography
    reader = PdfReader(galley)
    assert reader.metadata.title == "Imaging <b>before</b> & after: a first study"
    assert reader.metadata.author == "Ana López-Núñez, Ben Okoro"
    assert "doi:10.5555/fixture.0001" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "10.5555/fixture.0001" in reader.xmp_metadata.dc_description["x-default"]
    # pages: "1-4": the galley is numbered from its first page.
    assert reader.pages[0].extract_text().rstrip().endswith("1")


def test_a_galley_is_numbered_from_its_pages(fixture_site: Build):
    galley = fixture_site.site / "abstracts/second-pathology-report/second-pathology-report.pdf"
    assert PdfReader(galley).pages[0].extract_text().rstrip().endswith("· 5")


@pytest.mark.parametrize("slug", list(SCRIPTS))
def test_galleys_in_every_script_hold_their_words_in_order(scripts_site: Build, slug: str):
    name, affiliation, title, body = SCRIPTS[slug]
    text = _text(scripts_site.site / f"abstracts/{slug}/{slug}.pdf")
    assert f"10.5555/script.000{list(SCRIPTS).index(slug) + 1}" in text
    if slug in ("arabic", "persian"):
        for expected in (title, name, affiliation, body):
            assert _rtl_in_order(_words(expected), text), expected
        return
    flat = re.sub(r"\s+", "", text) if slug == "chinese" else text
    for expected in (title, name, affiliation):
        assert unicodedata.normalize("NFC", expected) in (flat if slug == "chinese" else text)
    assert _in_order(_words(body), flat)


def test_every_font_is_embedded_and_qpdf_finds_no_fault(scripts_site: Build):
    pdfs = sorted(scripts_site.site.rglob("*.pdf"))
    assert len(pdfs) == 9 + 3  # 9 galleys and the books of 3 issues
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
        rows = fonts.stdout.splitlines()[2:]
        assert rows, pdf
        assert all(row.split()[-5] == "yes" for row in rows), fonts.stdout  # the "emb" column
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def _outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_the_book_lists_every_abstract_in_its_outline_and_indexes_authors_by_page(
    scripts_site: Build,
):
    book = scripts_site.site / "issues/1/3/book.pdf"
    reader = PdfReader(book)
    titles = [unicodedata.normalize("NFC", t) for t in _outline_titles(reader)]
    for _, _, title, _ in SCRIPTS.values():
        assert unicodedata.normalize("NFC", title) in titles
    assert "Contents" in titles and "Author index" in titles
    contents = reader.pages[1]  # each entry links to its abstract's page
    links = [a.get_object() for a in contents.get("/Annots", [])]
    assert len([a for a in links if a["/Subtype"] == "/Link"]) >= len(SCRIPTS)
    pages = [_reading_order(page.extract_text()) for page in reader.pages]
    assert "Book of Abstracts" in pages[0]
    index = next(n for n, page in enumerate(pages) if page.lstrip().startswith("Author index"))
    for slug, (name, *_) in SCRIPTS.items():
        name = unicodedata.normalize("NFC", name)
        if slug in ("arabic", "persian"):  # see _rtl_in_order: letters as pypdf reads them
            assert _rtl_in_order(name.split(), pages[index])
            continue
        found = re.search(re.escape(name) + r"\s+(\d+)", pages[index])
        assert found, (name, pages[index])
        assert name in pages[int(found.group(1)) - 1], name


def test_two_builds_give_byte_identical_pdfs(scripts_site: Build, tmp_path: Path):
    again = run_mkdocs_build(_project(tmp_path), tmp_path / "site")
    assert again.returncode == 0, again.output
    first = {
        p.relative_to(scripts_site.site): p.read_bytes() for p in scripts_site.site.rglob("*.pdf")
    }
    second = {p.relative_to(again.site): p.read_bytes() for p in again.site.rglob("*.pdf")}
    assert first == second


def test_pages_and_metadata_link_the_galley_and_the_book(fixture_site: Build):
    page = fixture_site.html("abstracts/second-pathology-report/")
    assert [m["content"] for m in page.select('meta[name="citation_pdf_url"]')] == [
        "https://journal.example.org/abstracts/second-pathology-report/second-pathology-report.pdf"
    ]
    issue = fixture_site.html("issues/1/1/")
    links = {a.get_text(): a["href"] for a in issue.select(".journal-issue__downloads a")}
    assert links["Book of abstracts (PDF)"] == "book.pdf"
    assert (fixture_site.site / "issues/1/1/book.pdf").read_bytes().startswith(b"%PDF-")
    crossref = (fixture_site.site / "issues/1/1/crossref.xml").read_text(encoding="utf-8")
    assert 'property="text-mining"' in crossref
    assert "second-pathology-report/second-pathology-report.pdf</resource>" in crossref
    jats = fixture_site.site / "abstracts/second-pathology-report/second-pathology-report.jats.xml"
    assert 'content-type="pdf"' in jats.read_text(encoding="utf-8")


def test_a_character_no_font_has_fails_the_build_naming_abstract_character_and_script(
    make_project, tmp_path: Path
):
    project = make_project(
        {
            "abstracts/1/2/hindi.md": ABSTRACT.format(
                title="Imaging", author="chen-wei", day=1, keyword="x", body="नमस्ते दुनिया"
            ).replace("issue: 3", "issue: 2")
        }
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert (
        "abstracts/1/2/hindi.md:14: body: the character U+0928 (DEVANAGARI LETTER NA) in "
        "script Devanagari (and 10 other characters of Devanagari) has no font in the PDFs"
    ) in build.output
    assert "add a font for Devanagari" in build.output
    assert not (tmp_path / "site/abstracts/hindi/hindi.pdf").exists()


def test_journal_check_passes_every_script_and_names_a_character_no_font_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    project = _project(tmp_path)  # Arabic, Persian, Chinese, Greek, Cyrillic, diacritics
    monkeypatch.chdir(project)
    out = io.StringIO()
    assert main(["check"], out) == 0, out.getvalue()
    assert out.getvalue().startswith("No problems in")
    body = "Text in Ol Chiki: \u1c5a\u1c5f and Greek: \u03b1."
    hindi = ABSTRACT.format(title="नमस्ते", author="chen-wei", day=1, keyword="x", body=body)
    (project / "abstracts/1/3/hindi.md").write_text(hindi.replace("0001", "0009"), "utf-8")
    out = io.StringIO()
    assert main(["check"], out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(
        "abstracts/1/3/hindi.md:2: title: the character U+0928 (DEVANAGARI LETTER NA) in "
        "script Devanagari (and 5 other characters of Devanagari) has no font in the PDFs"
    )
    assert lines[1].startswith(
        "abstracts/1/3/hindi.md:14: body: the character U+1C5A (OL CHIKI LETTER LA) in script "
        "Ol Chiki (and 1 other character of Ol Chiki) has no font in the PDFs"
    )
    assert len(lines) == 3 and "नमस्ते" not in out.getvalue()  # never the character itself


def test_typst_markup_in_any_field_is_printed_as_text(make_project, tmp_path: Path):
    # (Not *bold* in the title: Markdown's emphasis is a title's markup, and the PDF prints
    # it as bold. A keyword is plain text: its asterisks are printed.)
    hostile = "#panic('boom') $x^2$ * not bold <label> @ref // comment = no heading"
    plain = "*bold* _x_ #set text(red)"
    project = make_project(
        {
            "abstracts/1/2/hostile.md": ABSTRACT.format(
                title=hostile,
                author="ana-lopez",
                day=1,
                keyword=f'"{plain}"',
                body='Text with #read("/etc/passwd") and `x` ]',
            ).replace("issue: 3", "issue: 2")
        }
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    text = _text(tmp_path / "site/abstracts/hostile/hostile.pdf")
    assert hostile in text
    assert '#read("/etc/passwd")' in text
    assert plain in text


def test_pdf_false_makes_no_pdfs_and_pdf_email_false_hides_the_address(make_project, tmp_path):
    project = make_project()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  journal:\n", "  journal:\n    pdf: false\n"), encoding="utf-8"
    )
    off = run_mkdocs_build(project, tmp_path / "off")
    assert off.returncode == 0, off.output
    assert list(off.site.rglob("*.pdf")) == []
    assert off.html("abstracts/first-imaging-study/").select('meta[name="citation_pdf_url"]') == []
    config.write_text(
        text.replace("  journal:\n", "  journal:\n    pdf_email: false\n"), encoding="utf-8"
    )
    hidden = run_mkdocs_build(project, tmp_path / "hidden")
    assert hidden.returncode == 0, hidden.output
    galley = _text(hidden.site / "abstracts/first-imaging-study/first-imaging-study.pdf")
    assert "Corresponding author: Ana López-Núñez" in galley
    assert "ana.lopez@example.org" not in galley


def test_an_edit_makes_only_its_galley_and_its_book_again(make_project, tmp_path: Path):
    project = make_project()
    cache = {"JOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    assert run_mkdocs_build(project, tmp_path / "zero", env=cache).returncode == 0
    first = run_mkdocs_build(project, tmp_path / "one", env=cache)  # now linked from the cache
    assert first.returncode == 0, first.output
    names = [
        "abstracts/first-imaging-study/first-imaging-study.pdf",
        "abstracts/second-pathology-report/second-pathology-report.pdf",
        "abstracts/conference-talk/conference-talk.pdf",
        "issues/1/1/book.pdf",
        "issues/1/2/book.pdf",
    ]
    before = {n: (first.site / n).read_bytes() for n in names}
    source = project / "abstracts/1/2/conference-talk.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("congress", "meeting"), encoding="utf-8"
    )
    second = run_mkdocs_build(project, tmp_path / "two", env=cache)
    assert second.returncode == 0, second.output
    # The cache links unchanged PDFs into the site: the same file, not a new one.
    same = {n for n in names if (first.site / n).stat().st_ino == (second.site / n).stat().st_ino}
    assert same == set(names[:2] + names[3:4])
    assert (second.site / names[2]).read_bytes() != before[names[2]]


def test_the_abstracts_markdown_is_typeset_lists_tables_and_all(make_project, tmp_path: Path):
    body = (
        "## Methods\n\nWe gave *some* **patients** H~2~O.\n\n"
        "1. first step\n2. second step\n\n"
        "| Group | Patients |\n|---|---|\n| Treated | 42 |\n| Control | 40 |\n"
    )
    project = make_project(
        {
            "abstracts/1/2/rich.md": ABSTRACT.format(
                title="Rich", author="ana-lopez", day=1, keyword="rich", body=body
            ).replace("issue: 3", "issue: 2")
        }
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    text = _text(tmp_path / "site/abstracts/rich/rich.pdf")
    words = ["Methods", "We gave some patients H", "2", "O.", "first step", "second step"]
    assert _in_order([*words, "Group", "Patients", "Treated", "42", "Control", "40"], text)
    assert "**" not in text and "~" not in text and "|" not in text


def test_every_galley_of_the_sample_journal_holds_what_its_page_says(sample_site: Build):
    pages = sorted((sample_site.site / "abstracts").glob("*/index.html"))
    assert pages
    for page in pages:
        soup = sample_site.html(page.relative_to(sample_site.site).as_posix())

        def meta(name: str, soup=soup) -> list[str]:
            return [m["content"] for m in soup.select(f'meta[name="{name}"]')]

        (url,) = meta("citation_pdf_url")
        pdf = sample_site.site / url.removeprefix("https://jceo.example.org/")
        text = _text(pdf)
        assert " ".join(meta("citation_title")[0].split()) in text, pdf
        assert all(name in text for name in meta("citation_author")), pdf
        assert all(doi in text for doi in meta("citation_doi")), pdf
        assert all(issn in text for issn in meta("citation_issn")), pdf
        # Superscripts read back as plain digits (mm^2^: "mm2"), lines break after hyphens.
        flat = unicodedata.normalize("NFKC", re.sub(r"-\s+", "-", text))
        words = unicodedata.normalize("NFKC", meta("citation_abstract")[0]).split()
        assert _in_order(words, flat), pdf


def test_a_pdf_typst_cannot_make_is_an_error_naming_its_file(make_project, tmp_path: Path):
    # A PNG that is not one passes the path checks (they do not decode images); Typst fails.
    project = make_project({"docs/assets/broken.png": "this is not an image"})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  journal:\n", "  journal:\n    logo: assets/broken.png\n"), encoding="utf-8"
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert (
        "abstracts/1/1/first-imaging-study.md:1: pdf: Typst could not make the PDF:" in build.output
    )
    assert "issues.yml:1: issue 1/1: Typst could not make the book of abstracts:" in build.output
    assert "Traceback" not in build.output
