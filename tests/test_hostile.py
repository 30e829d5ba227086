"""A hostile corpus: nothing a submitter writes can attack a reader of the built site.

Payloads go into every free-text front-matter field, into bodies and bios, and into the
fields with strict syntax (which must reject them). The site is built once (non-strict, since
some files are meant to be refused) and every file in site/ is searched.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import (
    FIXTURES,
    Build,
    commit_project,
    copy_project,
    git,
    run_mkdocs_build,
    search_documents,
    write_files,
)

XSS = (
    '<script>alert("x1")</script>',
    '<img src=x onerror=alert("x2")>',
    '"><svg onload=alert("x3")>',
    "</script><script>alert('x4')</script>",
    "' onmouseover='alert(5)' x='",
    '<iframe src="https://evil.example/x6"></iframe>',
    "<style>body{display:none}/*x7*/</style>",
    '<a href="javascript:alert(8)">x8</a>',
    "]]><x9/><!--",
    "{{ config.x10 }}{% raw %}",
)
TITLE = 'Imaging <b>x</b> & "quotes" ' + XSS[0] + XSS[3] + XSS[1]
SEARCH_FILES = ("search_index.json", "documents.json")
RAW_MARKERS = (  # a payload's markup as written: only ever found escaped (&lt;…)
    "<script>alert",
    "<svg onload",
    "<img src=x onerror",
    '<iframe src="https://evil',
    "<style>body{display:none}",
    '<a href="javascript:',
    "<x9/>",
    '<div onclick="alert',
)
EMAILS = ("hostile.author@example.org", "ana.lopez@example.org", "office@example.org")
LOSSY = (XSS[0], XSS[3], XSS[6], "| a | b |\n|---|---|\n| <script>alert(19)</script> | ok |")
"""Payloads the sanitiser can only drop with text around them: their files are refused."""
BODY = "\n\n".join(
    [
        "A hostile body with every payload the sanitiser can defuse and keep the text.",
        *(x for x in XSS if x not in LOSSY),
        "[click me](javascript:alert(11)) and [data](data:text/html;base64,PHNjcmlwdD4=)",
        '<div onclick="alert(12)" style="position:fixed">fixed</div>',
        '<form action="javascript:alert(13)"><input formaction="javascript:alert(14)"></form>',
        '<object data="javascript:alert(15)"></object><embed src="javascript:alert(16)">',
        '<math><mi xlink:href="javascript:alert(17)">x</mi></math>',
        '<p id="__config">clobber</p><a href="&#106;avascript:alert(18)">enc</a>',
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x">',
    ]
)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _abstract(slug: str, extra: str = "", title: str = TITLE, body: str = BODY) -> str:
    return (
        f"---\ntitle: {_quote(title)}\nauthors:\n  - id: hostile-author\n    affiliations:\n"
        f"      - name: {_quote('Inst ' + XSS[1])}\n        country: {_quote(XSS[2])}\n"
        "  - ana-lopez\nvolume: 1\nissue: 1\nyear: 2020\npublished: 2020-03-01\n"
        "type: Conference Abstract\n"
        'doi: "10.5555/hostile.0001"\n'
        f"keywords: [{_quote(XSS[0])}, {_quote(XSS[4])}, {_quote(XSS[2])}]\n"
        f"conference:\n  name: {_quote(XSS[5])}\n  place: {_quote(XSS[6])}\n"
        f"  dates: {_quote(XSS[8])}\n{extra}---\n{body}\n"
    )


HOSTILE_FILES = {
    "abstracts/1/1/hostile-abstract.md": _abstract("hostile-abstract"),
    "authors/hostile-author.md": (
        f"---\nname: {_quote(XSS[0] + ' Name')}\ngiven: {_quote(XSS[4])}\n"
        f"family: {_quote(XSS[2])}\ndegrees: {_quote(XSS[3])}\nemail: {EMAILS[0]}\n"
        f"affiliations:\n  - name: {_quote(XSS[5])}\n    country: {_quote(XSS[9])}\n"
        f"---\n{BODY}\n"
    ),
    "issues.yml": (
        f"- volume: 1\n  issue: 1\n  title: {_quote(XSS[0])}\n  description: {_quote(XSS[3])}\n"
    ),
    # Refused files: each must be left out and named, never rendered.
    "abstracts/1/1/refused-control.md": _abstract("x", title="Bell\x07 title"),
    "abstracts/1/1/refused-escaped-control.md": _abstract("x", title="Esc\x1b[31m title").replace(
        "Esc\x1b", "Esc\\x1b"
    ),
    "abstracts/1/1/refused-rtl.md": _abstract("x", title="Invoice \u202egnp.exe"),
    "abstracts/1/1/refused-long-title.md": _abstract("x", title="A" * 10_000),
    "abstracts/1/1/refused-nesting.md": _abstract("x", extra="deep: " + "[" * 50 + "]" * 50 + "\n"),
    "abstracts/1/1/refused-alias-bomb.md": _abstract(
        "x",
        extra="a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    ),
    "abstracts/1/1/refused-email-in-body.md": _abstract("x", body=f"Mail {EMAILS[0]} now."),
    "abstracts/1/1/refused-bad-doi.md": _abstract("x").replace(
        'doi: "10.5555/hostile.0001"', 'doi: "10.5555/<script>alert(1)</script>"'
    ),
    **{
        f"abstracts/1/1/refused-lossy-body-{n}.md": _abstract("x", body=f"Before {x} after.")
        for n, x in enumerate(LOSSY, 1)
    },
    "abstracts/1/1/refused-tracking-pixel.md": _abstract(
        "x", body="Seen ![](https://evil.example/pixel.gif) by a tracker."
    ),
    "authors/refused-lossy-bio.md": f"---\nname: Lossy Bio\n---\nBio {XSS[0]} text.\n",
    "authors/refused-orcid.md": f"---\nname: Orcid\norcid: {_quote(XSS[0])}\n---\n",
    "authors/refused-photo.md": "---\nname: Photo\nphoto: javascript:alert(1)\n---\n",
}
REFUSED = sorted(name for name in HOSTILE_FILES if "refused-" in name)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(FIXTURES / "journal", tmp_path_factory.mktemp("hostile") / "journal")
    write_files(project, HOSTILE_FILES)
    build = run_mkdocs_build(project, project / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output
    return build


def site_files(site: Path, *suffixes: str) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in suffixes:
            yield path


def is_theme_asset(site: Path, path: Path) -> bool:
    return path.relative_to(site).parts[:2] == ("assets", "javascripts")


def test_the_hostile_files_were_built_and_the_refused_ones_named(hostile_site: Build) -> None:
    assert (hostile_site.site / "abstracts/hostile-abstract/index.html").is_file()
    assert (hostile_site.site / "authors/hostile-author/index.html").is_file()
    for name in REFUSED:
        assert f"{name}: left out of the site" in hostile_site.output, name
    assert "refused-" not in " ".join(p.as_posix() for p in hostile_site.site.rglob("*"))
    assert "Traceback" not in hostile_site.output


def test_no_script_handler_or_javascript_url_in_any_page(hostile_site: Build) -> None:
    site = hostile_site.site
    for path in site_files(site, ".html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site).as_posix()
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not name.lower().startswith("on"), (where, tag.name, name)
                squeezed = re.sub(r"[\s\x00-\x1f]", "", text).lower()
                assert not squeezed.startswith(("javascript:", "data:text/html")), (where, tag)
        for tag in soup.find_all(["iframe", "object", "embed", "base", "frame", "applet"]):
            raise AssertionError((where, str(tag)[:200]))
        for tag in soup.find_all("form"):  # the theme's search box is the only form
            assert "md-search__form" in tag.get("class", []), (where, str(tag)[:200])
        for tag in soup.find_all("svg"):
            assert not tag.find(["script", "foreignobject"]), (where, str(tag)[:200])
        for style in soup.find_all("style"):
            assert "x7" not in style.get_text(), where
        assert len(soup.find_all(id="__config")) <= 1, where
        for script in soup.find_all("script"):
            check_script(site, path, script.get("src"), script.get("type"), script.get_text())


def check_script(site: Path, page: Path, src: str | None, kind: str | None, text: str) -> None:
    """Allow only the theme's own scripts, the journal's, and JSON data blocks."""
    where = page.relative_to(site).as_posix()
    if src is not None:
        assert not text.strip(), where
        path = src.split("?")[0]  # 404.html links from the site root
        target = (site / path[1:] if path.startswith("/") else page.parent / path).resolve()
        assert target.is_file() and target.is_relative_to(site.resolve()), (where, src)
        assert target.suffix == ".js", (where, src)
        return
    if kind in ("application/ld+json", "application/json"):
        json.loads(text)  # one JSON value: nothing broke out of it
        assert "<" not in text, (where, text[:200])
        return
    assert "alert" not in text and "x10" not in text, (where, text[:200])


def test_no_payload_appears_raw_in_any_text_file(hostile_site: Build) -> None:
    site = hostile_site.site
    for path in site_files(site, ".html", ".xml", ".json", ".txt"):
        if is_theme_asset(site, path):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            json.loads(text)  # well-formed: every string escaped as JSON requires
            if path.parent.name != "documents" and path.name not in SEARCH_FILES:
                continue  # data for programs (CSL-JSON); the theme never shows it as HTML
        for marker in RAW_MARKERS:
            assert marker not in text, (path.relative_to(site).as_posix(), marker)


def test_no_email_address_in_plain_text_anywhere(hostile_site: Build) -> None:
    site = hostile_site.site
    pattern = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        where = path.relative_to(site).as_posix()
        for address in EMAILS:
            assert address not in text, (where, address)
        if not is_theme_asset(site, path):
            assert pattern.findall(text) == [], where


def test_the_abstract_page_title_and_meta_tags_hold_the_exact_text(hostile_site: Build) -> None:
    soup = hostile_site.html("abstracts/hostile-abstract/")
    assert soup.title is not None
    assert soup.title.get_text().startswith(TITLE)
    assert soup.find("meta", attrs={"name": "citation_title"})["content"] == TITLE
    for meta in soup.find_all("meta"):
        assert set(meta.attrs) <= {"name", "content", "property", "charset", "http-equiv"}
    heading = soup.find("h1")
    assert heading is not None and TITLE in heading.get_text()
    assert not heading.find(["script", "img", "svg"])


def test_the_search_index_holds_no_markup_from_submitters(hostile_site: Build) -> None:
    docs = search_documents(hostile_site.site)
    hostile = [
        d for d in docs if d["location"].startswith(("abstracts/hostile", "authors/hostile"))
    ]
    assert hostile
    for doc in docs:
        for key in ("title", "text", "tags"):
            value = doc.get(key, "")
            fragment = BeautifulSoup(" ".join(value) if key == "tags" else value, "html.parser")
            assert not fragment.find(["script", "iframe", "img", "svg", "style", "object"]), doc
            for tag in fragment.find_all(True):
                assert not any(a.lower().startswith("on") for a in tag.attrs), doc
                assert "javascript:" not in str(tag.get("href", "")).lower(), doc


def test_refused_files_are_refused_by_the_strict_build_with_their_reason(
    make_project: Callable[..., Path],
) -> None:
    project = make_project({name: HOSTILE_FILES[name] for name in REFUSED[:3]})
    build = run_mkdocs_build(project, project / "site", quiet=False)
    assert build.returncode != 0
    assert "contains the invisible character U+0007 (a control character)" in build.output
    assert "YAML anchors and aliases" in build.output


def test_exports_keep_hostile_text_as_data(hostile_site: Build) -> None:
    import rispy
    from lxml import etree
    from pybtex.database import parse_string

    site = hostile_site.site
    for path in site_files(site, ".xml"):
        etree.fromstring(path.read_bytes())  # well-formed: nothing broke out of an element
    folder = site / "abstracts/hostile-abstract"
    jats = etree.fromstring((folder / "hostile-abstract.jats.xml").read_bytes())
    assert "".join(jats.find(".//article-title").itertext()) == TITLE
    csl = json.loads((folder / "hostile-abstract.json").read_text(encoding="utf-8"))
    assert csl[0]["title"] == TITLE
    (record,) = rispy.loads((folder / "hostile-abstract.ris").read_text(encoding="utf-8"))
    assert record["title"] == TITLE
    bibtex = parse_string((folder / "hostile-abstract.bib").read_text(encoding="utf-8"), "bibtex")
    assert list(bibtex.entries) == ["hostile-abstract"]
    assert "alert(" in bibtex.entries["hostile-abstract"].fields["title"]


def _planted_cache(project: Path, folder: Path) -> None:
    """What a pull request could add: cache entries under the names the builder computes
    (a head with a script for one abstract, a well-formed head and an export file for
    another), force-added to git."""
    import yaml

    from journal import build_site_data
    from journal.exports.head import head_for_abstract
    from journal.loading import read_settings

    extra, _ = read_settings(project / "mkdocs.yml")
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    site = build_site_data(project, project / "mkdocs.yml", extra, str, site_url=site_url)
    assert site.journal is not None
    issue = next(i for i in site.journal.issues if len(i.abstracts) == 2)  # 1/1
    (first, second), outputs = issue.abstracts, site.outputs
    entries = {
        outputs.key_for_abstract("head", issue, first): {
            "head_html": '<script>alert("planted-head")</script>',
            "cite": {"styles": [], "downloads": []},
        },
        outputs.key_for_abstract("head", issue, second): {
            **head_for_abstract(site.journal, second),
            "head_html": '<meta name="citation_title" content="planted-but-well-formed">',
        },
    }
    (folder / "outputs").mkdir(parents=True)
    for key, data in entries.items():
        (folder / "outputs" / key).write_text(json.dumps(data), encoding="utf-8")
    bib = next(e for e in site.exports if e.abstract is second and e.kind == "bib")
    key = bib.cache_key(outputs)
    assert key is not None
    (folder / "outputs" / key).write_text("@misc{planted-export}\n", encoding="utf-8")
    git(project, "add", "-f", folder.relative_to(project).as_posix())
    git(project, "commit", "-q", "-m", "A pull request with a cache")


def _planted_texts(site: Path) -> list[str]:
    return [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and b"planted" in path.read_bytes()
    ]


def test_a_cache_planted_in_the_repository_never_reaches_the_site(tmp_path: Path) -> None:
    project = commit_project(copy_project(FIXTURES / "journal", tmp_path / "journal"))
    planted = project / ".cache" / "journal"  # the old default folder, its names computable
    _planted_cache(project, planted)
    report = "git tracks this file and 2 more in the build cache folder .cache/journal/."
    fix = "git rm -r --cached .cache/journal"
    uses_it = {"JOURNAL_CACHE_DIR": str(planted)}
    loose = run_mkdocs_build(project, tmp_path / "loose", env=uses_it, strict=False)
    assert loose.returncode == 0, loose.output  # built, without the cache, and said so
    assert report in loose.output and fix in loose.output
    assert (loose.site / "abstracts" / "first-imaging-study" / "index.html").is_file()
    assert _planted_texts(loose.site) == []
    strict = run_mkdocs_build(project, tmp_path / "strict", env=uses_it)
    assert strict.returncode != 0 and report in strict.output
    assert _planted_texts(strict.site) == []
    # With the default folder (outside the project), the planted files are still reported.
    default = {"JOURNAL_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    build = run_mkdocs_build(project, tmp_path / "default", env=default)
    assert build.returncode != 0 and report in build.output
    assert _planted_texts(build.site) == []
    check = subprocess.run(
        [sys.executable, "-m", "journal", "check"],
        cwd=project,
        env={**os.environ, **default},
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1, check.stdout + check.stderr
    assert report in check.stdout and fix in check.stdout
