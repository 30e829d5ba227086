"""Fuzzing: random and hostile front matter and bodies never end in a traceback, and no
generated payload reaches a page unescaped.

The pure pipeline (load → check → assemble → pages) runs 1,000 examples; real
`mkdocs build` runs are slow, so a few examples of several abstracts each go through them.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import shutil
import subprocess
import sys
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import EPOCH, FIXTURES, copy_project, run_mkdocs_build
from journal.assembly import build_journal
from journal.loading import RawEntry, load_text, read_settings, read_site_url
from journal.model import Author, Settings
from journal.pages import build_pages
from journal.problems import Problem, format_problem
from journal.sanitize import sanitize_html
from journal.settings import check_settings
from journal.validation import ABSTRACT_FIELDS, check_abstract, check_author
from test_hostile import XSS, check_script

TODAY = datetime.date(2023, 11, 14)
HOSTILE_ALPHABET = "<>\"'&/=:;() {}[]#*-_!|\\`@.\n\tx\u202e\u200fé漢\x00\x07\x1b"
FUZZ = settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

texts = st.one_of(
    st.sampled_from(XSS),
    st.text(max_size=30),
    st.text(alphabet=HOSTILE_ALPHABET, max_size=30),
    st.sampled_from(["no", "yes", "07", "2020-02-30", "1.10", "~", "null", "*a", "&a x"]),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.dates(), st.floats(allow_nan=False), texts
)
keys = st.one_of(
    st.sampled_from([*ABSTRACT_FIELDS, "authers", "id", "name", "affiliations", "ror", "<<"]),
    st.text(min_size=1, max_size=8),
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3),
    max_leaves=8,
)


@st.composite
def abstract_files(draw: st.DrawFn) -> str:
    """A mostly valid abstract with hostile text, random overrides and random mutations."""
    meta: dict[str, Any] = {
        "title": draw(texts),
        "authors": draw(
            st.lists(
                st.sampled_from(["ana-lopez", "ben-okoro", "chen-wei"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        ),
        "volume": 1,
        "issue": draw(st.integers(1, 2)),
        "year": 2020,
        "published": draw(st.dates(datetime.date(2019, 1, 1), datetime.date(2025, 1, 1))),
        "type": "Research Article",
        "keywords": draw(st.lists(texts, max_size=3)),
    }
    meta.update(draw(st.dictionaries(keys, values, max_size=3)))
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
    text += draw(st.one_of(st.sampled_from(XSS), st.text(max_size=200), texts))
    if draw(st.booleans()):  # break the file somewhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(alphabet=HOSTILE_ALPHABET, max_size=5)) + text[at:]
    return text


@functools.cache
def fixture_settings() -> Settings:
    config = FIXTURES / "journal" / "mkdocs.yml"
    values, _ = read_settings(config)
    entry = RawEntry(path="mkdocs.yml", meta={"extra.journal": values}, body="")
    settings_, problems = check_settings(entry, read_site_url(config))
    assert settings_ is not None, problems
    return settings_


@functools.cache
def fixture_authors() -> tuple[Author, ...]:
    authors = []
    for path in sorted((FIXTURES / "journal" / "authors").glob("*.md")):
        entry = load_text(f"authors/{path.name}", path.read_text(encoding="utf-8"))
        assert isinstance(entry, RawEntry)
        author, _ = check_author(entry)
        assert author is not None
        authors.append(author)
    return tuple(authors)


def render(text: str) -> str:
    return sanitize_html(markdown.markdown(text, extensions=["tables", "footnotes", "attr_list"]))


def assert_problems_are_one_line_each(problems: list[Problem]) -> None:
    for problem in problems:
        line = format_problem(problem)
        assert "\n" not in line and "\r" not in line
        assert "Traceback" not in line and "<class" not in line
        assert problem.line >= 1


@FUZZ
@given(abstract_files())
def test_the_pure_pipeline_never_raises(text: str) -> None:
    entry = load_text("abstracts/1/1/fuzzed.md", text)
    if isinstance(entry, Problem):
        assert_problems_are_one_line_each([entry])
        event("refused when loading")
        return
    parsed, problems = check_abstract(entry)
    assert_problems_are_one_line_each(problems)
    _, author_problems = check_author(entry)  # the same text read as a bio
    assert_problems_are_one_line_each(author_problems)
    journal, more = build_journal(
        fixture_settings(),
        [parsed] if parsed else [],
        fixture_authors(),
        [],
        today=TODAY,
        preview=True,
    )
    assert_problems_are_one_line_each(more)
    for page in build_pages(journal, render):
        head, _, _ = page.markdown.removeprefix("---\n").partition("\n---\n")
        assert isinstance(yaml.safe_load(head), dict)  # the host reads it back
    for abstract in journal.abstracts:
        assert abstract.title == " ".join(abstract.title.split())
    event("published" if journal.abstracts else "refused by a rule")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(XSS), st.text(alphabet=HOSTILE_ALPHABET)), max_size=6))
def test_sanitised_bodies_hold_no_active_content(parts: list[str]) -> None:
    soup = BeautifulSoup(render("\n\n".join(parts)), "html.parser")
    assert not soup.find(["script", "iframe", "style", "object", "embed", "form", "base"])
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs)
        assert not str(tag.get("href", "")).strip().lower().startswith("javascript:")
        assert not str(tag.get("id", "")).startswith("__")


tokens = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=8, max_size=8).map(
    lambda t: "zq" + t  # no word of the theme's own scripts (e.g. "location")
)
payload_templates = st.sampled_from(
    [
        "<script>alert('{t}')</script>",
        '"><img src=x onerror=alert("{t}")>',
        "</script><script>alert('{t}')</script>",
        "' onmouseover='alert({t})' x='",
        '<a href="javascript:alert({t})">{t}</a>',
        "<iframe src=//{t}.example></iframe>",
        "{{{{ {t} }}}}<!-- {t}",
    ]
)


@st.composite
def hostile_abstracts(draw: st.DrawFn) -> tuple[str, str]:
    token = draw(tokens)

    def payload() -> str:
        return draw(payload_templates).format(t=token) + draw(
            st.text(alphabet="<>\"'&/= x", max_size=6)
        )

    meta = {
        "title": payload(),
        "authors": ["ana-lopez"],
        "volume": 1,
        "issue": 1,
        "year": 2020,
        "published": datetime.date(2020, 3, 1),
        "type": "Conference Abstract",
        "keywords": [payload(), payload()],
        "conference": {"name": payload(), "place": payload(), "dates": payload()},
    }
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + payload() + "\n"
    return token, text


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(items=st.lists(hostile_abstracts(), min_size=8, max_size=8, unique_by=lambda x: x[0]))
def test_hostile_abstracts_render_escaped_through_a_real_build(
    items: list[tuple[str, str]], tmp_path_factory: Any
) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path_factory.mktemp("fuzz") / "journal")
    for n, (_, text) in enumerate(items):
        (project / f"abstracts/1/1/fuzzed-{n}.md").write_text(text, encoding="utf-8")
    # Non-strict: a body the sanitiser cannot keep whole is refused (and named), the rest built.
    build = run_mkdocs_build(project, project / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    site = build.site
    for n, _ in enumerate(items):
        built = (site / f"abstracts/fuzzed-{n}/index.html").is_file()
        named = f"abstracts/1/1/fuzzed-{n}.md: left out of the site" in build.output
        assert built != named, (n, build.output)
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), (path, tag)
            href = str(tag.get("href", "")).strip().lower()
            assert not href.startswith("javascript:"), (path, tag)
            assert tag.name not in ("iframe", "object", "embed"), (path, tag)
        for script in soup.find_all("script"):
            check_script(site, path, script.get("src"), script.get("type"), script.get_text())
            for token, _ in items:
                assert token not in script.get_text() or script.get("type") in (
                    "application/ld+json",
                    "application/json",
                ), (path, token)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        fragment = BeautifulSoup(doc["title"] + doc.get("text", ""), "html.parser")
        assert not fragment.find(["script", "img", "iframe", "a"]) or all(
            not str(a.get("href", "")).lower().startswith("javascript:")
            for a in fragment.find_all("a")
        )
        assert not fragment.find(["script", "img", "iframe"])
    shutil.rmtree(project)


@settings(
    max_examples=50,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=abstract_files())
def test_journal_check_fails_exactly_when_the_strict_build_fails(
    text: str, tmp_path_factory: Any
) -> None:
    """Whatever the build would fail on, `journal check` reports first; neither crashes."""
    project = copy_project(FIXTURES / "journal", tmp_path_factory.mktemp("agree") / "journal")
    (project / "abstracts/1/1/fuzzed.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    check = subprocess.run(
        [sys.executable, "-m", "journal", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    build = run_mkdocs_build(project, project / "site", quiet=False)
    for output in (check.stdout + check.stderr, build.output):
        assert "Traceback" not in output, output
    assert check.returncode in (0, 1), check.stderr
    assert (check.returncode == 1) == (build.returncode != 0), (check.stdout, build.output)
    event("both fail" if check.returncode else "both pass")
    shutil.rmtree(project.parent)
