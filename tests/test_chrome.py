"""Which pages may share the theme's printed parts (journal.chrome)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, Build, copy_project, journal_pages, run_mkdocs_build
from journal.chrome import ChromeParts, strings_in

MENU = ["issues/5/5/", "archive/", "about/", "https://example.org/x/"]
SITE = {"logo": "assets/logo.svg", "partners": [{"logo": "assets/p/a.svg"}], "n": 3}


def _parts() -> ChromeParts:
    return ChromeParts.for_links(MENU, strings_in(SITE))


def _printed(parts: ChromeParts, url: str, part: str = "header", **page: object) -> str:
    """What the page prints for `part`: its own text, or a sibling's kept one."""
    chrome = parts.key_for(
        url, hide=page.get("hide", ("navigation",)), has_toc=bool(page.get("toc"))
    )
    return chrome.reuse(part, lambda: f"printed for {url}")


def test_sibling_pages_print_a_part_once_and_share_it() -> None:
    parts = _parts()
    assert _printed(parts, "keywords/a/") == "printed for keywords/a/"
    assert _printed(parts, "keywords/b/") == "printed for keywords/a/"
    # Another folder, or other hidden sidebars: other links or markup, printed anew.
    assert _printed(parts, "abstracts/x/") == "printed for abstracts/x/"
    assert _printed(parts, "keywords/c/", hide=("navigation", "toc")) == "printed for keywords/c/"


def test_pages_the_menu_or_the_parts_link_into_print_their_own() -> None:
    parts = _parts()
    for url in ["issues/5/4/", "issues/5/5/", "archive/", "issues/5/", "assets/p/", "", "x.html"]:
        assert _printed(parts, url) == f"printed for {url}"
        assert _printed(parts, url) == f"printed for {url}"  # not kept for the next either
    assert _printed(parts, "issues/4/1/") == "printed for issues/4/1/"  # issues/4 holds no link
    assert _printed(parts, "issues/4/2/") == "printed for issues/4/1/"


def test_a_page_with_headings_prints_its_own_sidebars_and_shares_the_rest() -> None:
    parts = _parts()
    assert _printed(parts, "abstracts/x/", "site_nav", toc=True) == "printed for abstracts/x/"
    assert _printed(parts, "abstracts/y/", "site_nav", toc=True) == "printed for abstracts/y/"
    assert _printed(parts, "abstracts/y/", "footer", toc=True) == "printed for abstracts/y/"
    assert _printed(parts, "abstracts/z/", "footer", toc=True) == "printed for abstracts/y/"


def test_a_template_that_is_no_page_shares_nothing() -> None:
    parts = _parts()
    assert parts.alone().reuse("header", lambda: "404") == "404"
    assert parts.alone().reuse("header", lambda: "again") == "again"


def test_the_sample_built_with_shared_parts_equals_every_page_printing_its_own(
    tmp_path: Path,
) -> None:
    # The real build of the sample twice: as the hooks are, and with every page printing
    # each part itself (the hook given `alone()` for every page). Every file must be the same.
    shared = copy_project(ROOT, tmp_path / "shared")
    alone = copy_project(ROOT, tmp_path / "alone")
    hook = alone / "hooks" / "adapter.py"
    text = hook.read_text(encoding="utf-8")
    marker = 'context["journal_chrome"] = CHROME.key_for('
    assert text.count(marker) == 1
    hook.write_text(
        text.replace(marker, 'context["journal_chrome"] = CHROME.alone() or CHROME.key_for('),
        encoding="utf-8",
    )
    builds = [run_mkdocs_build(p, tmp_path / f"{p.name}-site") for p in (shared, alone)]
    for build in builds:
        assert build.returncode == 0, build.output
    files = [
        {p.relative_to(b.site).as_posix(): p.read_bytes() for p in journal_pages(b.site)}
        for b in builds
    ]
    assert files[0].keys() == files[1].keys() and len(files[0]) > 50
    differ = [name for name in files[0] if files[0][name] != files[1][name]]
    assert differ == []


def _material_template(name: str) -> str:
    import material

    return (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")


def test_every_page_loads_materials_palette_script_from_one_file(sample_site: Build) -> None:
    inline = _material_template("partials/javascripts/palette.html")
    script = inline[inline.index("<script>") + len("<script>") : inline.rindex("</script>")]
    for url in ("", "about/", "keywords/", "abstracts/" + _first_abstract(sample_site) + "/"):
        soup = sample_site.html(url)
        assert not [s for s in soup.find_all("script") if '__md_get("__palette")' in s.text]
        (tag,) = [s for s in soup.find_all("script", src=True) if "palette" in s["src"]]
        # A classic script right after the toggle: it runs before the page is drawn.
        assert not tag.has_attr("async") and not tag.has_attr("defer")
        assert tag.find_previous_sibling("form")["data-md-component"] == "palette"
        served = (sample_site.site / url / tag["src"]).resolve()
        assert served.read_text(encoding="utf-8").endswith("*/\n" + script + "\n")


def test_the_drawer_shows_the_journals_logo_as_the_masthead_does(sample_site: Build) -> None:
    for url in ("", "keywords/", "abstracts/" + _first_abstract(sample_site) + "/"):
        soup = sample_site.html(url)
        logo = soup.select_one(".md-nav__title .md-logo")
        assert logo.find("svg") is None
        masthead = soup.select_one(".journal-banner__logo")["src"]
        assert logo.find("img")["src"] == masthead
        assert (sample_site.site / url / masthead).resolve().is_file()


def _first_abstract(build: Build) -> str:
    return sorted(p.parent.name for p in (build.site / "abstracts").glob("*/index.html"))[0]


def test_the_icons_every_page_shows_are_materials_drawn_from_one_sprite(
    sample_site: Build,
) -> None:
    url = "abstracts/" + _first_abstract(sample_site) + "/"
    soup = sample_site.html(url)
    uses = [u["href"] for u in soup.select("svg > use") if "#journal-" not in u["href"]]
    # The search button and the search box's icon, and the palette's two toggles.
    assert sorted(h.rsplit("#", 1)[1] for h in uses) == [
        "magnify",
        "magnify",
        "weather-night",
        "weather-sunny",
    ]
    sprite = BeautifulSoup(
        (sample_site.site / url / uses[0].rsplit("#", 1)[0]).resolve().read_text("utf-8"), "xml"
    )
    for name in {h.rsplit("#", 1)[1] for h in uses}:
        icon = BeautifulSoup(_material_template(f".icons/material/{name}.svg"), "xml").svg
        symbol = sprite.find("symbol", id=name)
        assert symbol["viewBox"] == icon["viewBox"]
        assert [str(p) for p in symbol.find_all("path")] == [str(p) for p in icon.find_all("path")]
    # Nothing else of Material's icons left inline twice on a page.
    inline = [str(svg) for svg in soup.find_all("svg") if svg.find("path")]
    assert len(inline) == len(set(inline))


def test_the_journals_colours_are_one_stylesheet_every_page_links(
    sample_site: Build, fixture_site: Build
) -> None:
    for url in ("", "keywords/", "abstracts/" + _first_abstract(sample_site) + "/"):
        soup = sample_site.html(url)
        assert soup.find("style") is None
        sheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        # After the theme's and the journal's own sheets, so that the colours win.
        assert sheets[-2:] == [s.replace("colours", "journal") for s in sheets[-1:]] + sheets[-1:]
        css = (sample_site.site / url / sheets[-1]).resolve().read_text(encoding="utf-8")
        # mkdocs.yml's primary_color and accent_color.
        assert "--md-primary-fg-color:#1d3f72;" in css and "--md-typeset-a-color:#1d3f72}" in css
        assert "--md-accent-fg-color:#c2185b;" in css
    # A journal that sets no colour keeps the theme's palette: no sheet, no link.
    assert not (fixture_site.site / "assets" / "journal" / "colours.css").exists()
    assert "colours.css" not in fixture_site.html("").decode()
