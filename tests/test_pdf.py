"""A PDF beside an abstract's file is published with it and announced to Google Scholar."""

from __future__ import annotations

from pathlib import Path

from conftest import run_mkdocs_build

# The smallest well-formed PDF: one empty page.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _pdf_urls(build, slug: str) -> list[str]:
    page = build.html(f"abstracts/{slug}/")
    return [m["content"] for m in page.select('meta[name="citation_pdf_url"]')]


def test_a_pdf_beside_the_abstract_is_copied_linked_and_tagged(make_project, tmp_path: Path):
    project = make_project()
    (project / "abstracts/1/1/first-imaging-study.pdf").write_bytes(PDF)
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    published = build.site / "abstracts/first-imaging-study/first-imaging-study.pdf"
    assert published.read_bytes() == PDF
    assert _pdf_urls(build, "first-imaging-study") == [
        "https://journal.example.org/abstracts/first-imaging-study/first-imaging-study.pdf"
    ]
    links = build.html("abstracts/first-imaging-study/").select("a[href$='.pdf']")
    # The article tools' PDF button and the cite block's downloads (#16).
    assert [a["href"] for a in links] == ["first-imaging-study.pdf"] * 2
    assert links[0].get_text(strip=True) == "PDF" and links[0].find_parent(class_="journal-tools")
    # The others get the galley the site makes.
    assert _pdf_urls(build, "second-pathology-report") == [
        "https://journal.example.org/abstracts/second-pathology-report/second-pathology-report.pdf"
    ]
