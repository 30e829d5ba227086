"""Rendered page bodies kept between builds: only self-contained ones, and never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, run_mkdocs_build
from journal import SiteData
from journal.exports.output_cache import OutputCache
from journal.page_bodies import is_self_contained, renderer_fingerprint

VERSIONS = {"Markdown": "3.11.3", "mkdocs": "1.6.1"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Plain *emphasis*, ^^insert^^ and a footnote[^1].\n\n[^1]: A note.", False),
        ("Plain *emphasis* and ==mark==.\n\n## Methods\n\nText.", True),
        ("See [the protocol](../protocol.md).", False),
        ("A figure: ![scan](scan.png)", False),
        ("A [reference][ref].\n\n[ref]: other.md", False),
        ("Raw <abbr>HTML</abbr>.", False),
        ("A comment <!-- here -->.", False),
        ("An autolink <https://example.org>.", True),
        ("An e-mail autolink <mailto:a@example.org>.", False),
        ("Registered: [doi:10.5555/x](https://doi.org/10.5555/x).", True),
        ("A [reference][ref].\n\n[ref]: https://example.org/trial", True),
        ("Both [doi](https://doi.org/10.5555/x) and [ours](../protocol.md).", False),
        ("A [protocol-relative](//example.org/x) link.", False),
        ("Survival was longer (p < 0.05; HR <1).", True),
    ],
)
def test_only_bodies_without_links_to_the_site_images_or_html_are_kept(
    text: str, kept: bool
) -> None:
    assert is_self_contained(text) is kept


def test_the_renderer_fingerprint_follows_settings_and_versions() -> None:
    base = renderer_fingerprint(["toc", "tables"], {"toc": {"permalink": False}}, VERSIONS)
    assert base is not None
    assert base == renderer_fingerprint(["toc", "tables"], {"toc": {"permalink": False}}, VERSIONS)
    assert base != renderer_fingerprint(["toc", "tables"], {"toc": {"permalink": True}}, VERSIONS)
    assert base != renderer_fingerprint(["toc"], {"toc": {"permalink": False}}, VERSIONS)
    newer = {**VERSIONS, "Markdown": "3.12"}
    assert base != renderer_fingerprint(["toc", "tables"], {"toc": {"permalink": False}}, newer)
    # A function in the settings (e.g. Material's emoji index) is named, not printed by address.
    emoji = renderer_fingerprint(["pymdownx.emoji"], {"pymdownx.emoji": {"f": Path}}, VERSIONS)
    assert emoji is not None and "pathlib.Path" in emoji


@pytest.mark.parametrize(
    ("extensions", "configs"),
    [
        (["toc", "pymdownx.snippets"], {}),  # reads other files: their changes are not seen
        (["toc", object()], {}),  # an extension object: its settings are not visible
        (["toc"], {"toc": {"slugify": object()}}),  # a setting without a stable name
    ],
)
def test_no_body_is_kept_when_the_settings_cannot_be_keyed(
    extensions: list[object], configs: dict[str, object]
) -> None:
    assert renderer_fingerprint(extensions, configs, VERSIONS) is None


def _body(html: str, toc: list[dict[str, object]] | None = None) -> dict[str, object]:
    """A rendered body as the adapter keeps it."""
    return {"html": html, "toc": toc or [], "title": None, "anchors": []}


def test_a_kept_body_is_rendered_once_and_a_body_with_a_link_every_time(tmp_path: Path) -> None:
    site = SiteData(journal=None, problems=[], outputs=OutputCache(tmp_path), renderer="md")
    calls: list[str] = []

    def render(text: str) -> dict[str, object]:
        calls.append(text)
        return _body(f"<p>{text}</p>")

    for _ in range(2):
        assert site.page_body("Plain text.", lambda: render("Plain text.")) == _body(
            "<p>Plain text.</p>"
        )
        assert site.page_body("A [link](x.md).", lambda: render("A [link](x.md).")) is None
    assert calls == ["Plain text."]
    assert site.page_body("Other text.", lambda: render("Other text.")) == _body(
        "<p>Other text.</p>"
    )
    no_settings = SiteData(journal=None, problems=[], outputs=OutputCache(tmp_path), renderer=None)
    assert no_settings.page_body("Plain text.", lambda: render("Plain text.")) is None


def test_a_warm_build_shows_edited_bodies_and_still_reports_broken_links(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    env = {"JOURNAL_CACHE_DIR": str(tmp_path / "shared-cache")}
    cold = run_mkdocs_build(project, tmp_path / "cold", env=env)
    assert cold.returncode == 0, cold.output
    slug = "second-pathology-report"
    before = cold.html(f"abstracts/{slug}/").select_one(".journal-article__abstract").get_text()

    source = project / "abstracts" / "1" / "1" / f"{slug}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\nA sentence added after the first build.\n")
    edited = run_mkdocs_build(project, tmp_path / "edited", env=env)
    assert edited.returncode == 0, edited.output
    after = edited.html(f"abstracts/{slug}/").select_one(".journal-article__abstract").get_text()
    assert "A sentence added after the first build." in after
    assert "A sentence added after the first build." not in before

    # A body linking a missing page warns on every build, cached or not: --strict fails.
    source.write_text(text.rstrip("\n") + "\n\nSee [the protocol](missing-protocol.md).\n")
    for name in ("link-1", "link-2"):
        broken = run_mkdocs_build(project, tmp_path / name, env=env)
        assert broken.returncode != 0, name
        assert "missing-protocol.md" in broken.output, name


def test_links_into_a_kept_body_are_checked_against_its_anchors(tmp_path: Path) -> None:
    """A generated page lets go of its anchors when no page links into it (hooks, "Memory"):
    a hand-written page's links to an abstract's headings are still checked, warm or cold."""
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    slug = "second-pathology-report"
    source = project / "abstracts" / "1" / "1" / f"{slug}.md"
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + "\n\n## Methods\n\nText.\n")
    page = project / "docs" / "reading.md"
    page.write_text(f"# Reading\n\nSee [the methods](abstracts/{slug}.md#methods).\n")
    env = {"JOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("cold", "warm"):
        build = run_mkdocs_build(project, tmp_path / name, env=env)
        assert build.returncode == 0, build.output
        assert "#methods" not in build.output, name
    page.write_text(f"# Reading\n\nSee [the methods](abstracts/{slug}.md#method).\n")
    broken = run_mkdocs_build(project, tmp_path / "broken", env=env)
    assert broken.returncode != 0
    assert "does not contain an anchor '#method'" in broken.output
