"""End to end, offline: an editor adds an author and an abstract through /admin/'s forms.

Sveltia CMS works on a local repository through the browser's File System Access API. The
test hands it the browser's private file system (OPFS) as the "folder the editor picked",
seeded with the journal's content files, and copies what the CMS wrote back into a scratch git
repository: the files are then checked with `journal check`, built with `mkdocs build
--strict`, and compared with what `journal new` writes for the same input.
"""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import frontmatter
import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, commit_project, copy_project, git, run_mkdocs_build
from journal.loading import load_text
from journal.problems import Problem
from journal.validation import check_abstract, check_author

from .conftest import _local_only, _QuietHandler

FIXTURES = ROOT / "tests" / "fixtures" / "journal"
PICK_OPFS = """window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', {create: true});"""
SEED = """async (files) => {
  const repo = await (await navigator.storage.getDirectory())
    .getDirectoryHandle('repo', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = repo;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writer = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writer.write(text);
    await writer.close();
  }
}"""
DUMP = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else out[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return out;
}"""
AUTHOR = {"Name": "Inés Duarte", "Given names": "Inés", "Family name": "Duarte"}
AUTHOR |= {"ORCID iD": "0000-0002-1825-0097", "E-mail": "ines.duarte@example.org"}
TITLE = "Imaging of rare sarcomas in adolescents"


DETAILED = "abstracts/1/2/a-trial-with-a-group.md"
DETAILED_TEXT = """---
title: "A trial with a group author"
authors:
  - id: ana-lopez
    corresponding: true
    affiliations:
      - name: "Instituto de Pruebas"
        country: Portugal
  - ben-okoro
  - group: "Fixture Trials Group"
    members: [chen-wei]
volume: 1
issue: 2
year: 2020
published: 2020-07-01
type: Research Article
keywords: [radiotherapy, trials]
---
An abstract whose authors carry details on this abstract, and a group.
"""


NEW_TITLE = "A trial with a group author, revised"


def _journal(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "journal", *arguments]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def _cms_project(target: Path) -> Path:
    project = copy_project(FIXTURES, target)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "    language: en\n", "    language: en\n    cms: true\n"
    )
    config.write_text(
        "repo_url: https://github.com/example-press/fixture-journal\n" + text, "utf-8"
    )
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / ".gitignore").write_text("/site/\n/node_modules\n", encoding="utf-8")
    (project / DETAILED).write_text(DETAILED_TEXT, encoding="utf-8")
    return commit_project(project)


@pytest.fixture
def journal_repo(tmp_path: Path) -> Path:
    """The fixture journal with /admin/, as a git repository whose main holds everything."""
    return _cms_project(tmp_path / "journal")


@pytest.fixture
def admin(journal_repo: Path, tmp_path: Path) -> Iterator[str]:
    """The journal built with --strict and served on 127.0.0.1; the URL of /admin/."""
    build = run_mkdocs_build(journal_repo, tmp_path / "site")
    assert build.returncode == 0, build.output
    handler = functools.partial(_QuietHandler, directory=str(build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def editor(
    browser: Browser, admin: str, journal_repo: Path, screenshot: Callable[..., Path]
) -> Iterator[Page]:
    """/admin/ signed in to the local repository (the journal's content files)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", _local_only)
    context.add_init_script(PICK_OPFS)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(admin)
    files = {
        p.relative_to(journal_repo).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("abstracts", "authors")
        for p in (journal_repo / folder).rglob("*.md")
    }
    page.evaluate(SEED, {**files, ".git/HEAD": "ref: refs/heads/main\n"})
    page.get_by_role("button", name="Sign In Using Access Token").wait_for()
    screenshot(page, "cms-sign-in", full_page=False)
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_role("button", name="Create New Entry").wait_for()
    yield page
    context.close()


def _wait_for_list(page: Page, screenshot: Callable[..., Path], name: str) -> None:
    """Back on a collection's list (after a save); a screenshot when it never comes."""
    try:
        page.get_by_role("button", name="Create New Entry").wait_for()
    except Exception:
        screenshot(page, f"cms-failed-{name}", full_page=False)
        raise


def _fill(page: Page, values: dict[str, str]) -> None:
    """Type into text fields, then see that the form kept every value."""
    for _ in range(3):  # a new form may reset itself once just after it opens: fill again
        for label, value in values.items():
            _textbox(page, label).fill(value)
        page.wait_for_timeout(500)
        if all(_textbox(page, label).input_value() == value for label, value in values.items()):
            break
    for label, value in values.items():
        expect(_textbox(page, label)).to_have_value(value)


def _open_collection(page: Page, name: str) -> None:
    page.get_by_text(name, exact=True).first.click()
    page.wait_for_url(re.compile(f"#/collections/{name.lower()}$"))


def _scroll_to_field(page: Page, key: str) -> None:
    """Scroll the form down until the field is drawn (the form draws fields as they are seen)."""
    for _ in range(30):
        if page.locator(f'section.field[data-key-path="{key}"]').count():
            return
        page.locator("section.field").last.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    pytest.fail(f"the form never showed the field {key!r}")


def _textbox(page: Page, label: str) -> Any:
    return page.get_by_role("textbox", name=re.compile("^" + re.escape(label)))


def _add_author(page: Page, screenshot: Callable[..., Path]) -> None:
    _open_collection(page, "Authors")
    page.get_by_role("button", name="Create New Entry").click()
    _fill(page, AUTHOR)
    screenshot(page, "cms-add-author", full_page=False)
    page.get_by_role("button", name="Save", exact=True).click()
    _wait_for_list(page, screenshot, "author")


def _add_abstract(page: Page, screenshot: Callable[..., Path]) -> None:
    _open_collection(page, "Abstracts")
    page.get_by_role("button", name="Create New Entry").click()
    page.get_by_role("checkbox", name=AUTHOR["Name"]).click()
    for label, value in (("Volume", "1"), ("Issue", "2"), ("Year", "2020")):
        page.get_by_role("spinbutton", name=re.compile("^" + label)).fill(value)
    page.locator("input[type=date]").first.fill("2020-09-14")
    page.get_by_role("combobox", name=re.compile("^Article type")).click()
    page.get_by_role("option", name="Case Report").click()
    _scroll_to_field(page, "draft")  # off unless ticked: an edit never makes a draft of an article
    page.locator('section.field[data-key-path="draft"] [role=switch]').click()
    _scroll_to_field(page, "body")
    body = page.locator('section.field[data-key-path="body"] div[role=textbox]')
    body.click()
    body.type("Write the abstract here.")
    _fill(page, {"Title": TITLE})  # last: the new form may still reset itself at first
    screenshot(page, "cms-add-abstract", full_page=False)
    page.get_by_role("button", name="Save", exact=True).click()
    _wait_for_list(page, screenshot, "abstract")


def _written(page: Page, journal_repo: Path) -> dict[str, str]:
    """The files the CMS wrote or changed, copied into the journal's working tree."""
    changed = {}
    for rel, text in page.evaluate(DUMP).items():
        path = journal_repo / rel
        if rel.startswith(".git/") or (path.is_file() and path.read_text("utf-8") == text):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # as written: no newline translation
        changed[rel] = text
    return changed


def _same_as_journal_new(rel: str, text: str, tmp_path: Path, *arguments: str) -> None:
    """The same parsed values, key order and line endings as `journal new` for that input."""
    fresh = _cms_project(tmp_path / f"new-{rel.replace('/', '-')}")
    result = _journal(fresh, "new", *arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = (fresh / rel).read_text(encoding="utf-8")
    assert "\r" not in text and text.endswith("\n")
    check = check_abstract if rel.startswith("abstracts/") else check_author
    ours, theirs = check(load_text(rel, text)), check(load_text(rel, expected))
    assert ours[1] == theirs[1] == []  # no problems in either
    mine, new = frontmatter.loads(text), frontmatter.loads(expected)
    assert list(mine.metadata) == list(new.metadata)  # key order
    assert mine.metadata == new.metadata and mine.content == new.content
    assert yaml.safe_load(text.split("---\n")[1]) == yaml.safe_load(expected.split("---\n")[1])


def test_an_editor_adds_an_author_and_an_abstract_in_the_browser(
    editor: Page, journal_repo: Path, tmp_path: Path, screenshot: Callable[..., Path]
) -> None:
    main_before = git(journal_repo, "rev-parse", "main").strip()
    screenshot(editor, "cms-collections", full_page=False)
    _add_author(editor, screenshot)
    _add_abstract(editor, screenshot)
    written = _written(editor, journal_repo)
    author_rel, abstract_rel = (
        "authors/ines-duarte.md",
        f"abstracts/1/2/{TITLE.lower().replace(' ', '-')}.md",
    )
    assert sorted(written) == sorted([author_rel, abstract_rel])

    author_args = ["author", "--name", AUTHOR["Name"], "--given", AUTHOR["Given names"]]
    author_args += ["--family", AUTHOR["Family name"], "--orcid", AUTHOR["ORCID iD"]]
    author_args += ["--email", AUTHOR["E-mail"]]
    _same_as_journal_new(author_rel, written[author_rel], tmp_path, *author_args)
    abstract_args = ["abstract", "--title", TITLE, "--author", "ines-duarte", "--volume", "1"]
    abstract_args += ["--issue", "2", "--type", "Case Report", "--published", "2020-09-14"]
    _same_as_journal_new(abstract_rel, written[abstract_rel], tmp_path, *abstract_args)

    checked = _journal(journal_repo, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # A draft, as `journal new` writes it: the pull-request preview shows it.
    build = run_mkdocs_build(journal_repo, tmp_path / "preview", env={"JOURNAL_PREVIEW": "1"})
    assert build.returncode == 0, build.output
    slug = abstract_rel.rsplit("/", 1)[-1].removesuffix(".md")
    page = BeautifulSoup(
        (build.site / "abstracts" / slug / "index.html").read_text("utf-8"), "html.parser"
    )
    assert page.find("h1").get_text(" ", strip=True) == TITLE
    assert AUTHOR["Name"] in page.get_text(" ")

    # Nothing was committed: main did not move; the change waits for its pull request.
    assert git(journal_repo, "rev-parse", "main").strip() == main_before
    status = git(journal_repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(line[3:] for line in status) == sorted([abstract_rel, author_rel])


def test_an_edit_keeps_per_abstract_author_details_and_groups(
    editor: Page, journal_repo: Path, screenshot: Callable[..., Path]
) -> None:
    _open_collection(editor, "Abstracts")
    editor.get_by_text("A trial with a group author", exact=False).first.click()
    _textbox(editor, "Title").wait_for()
    screenshot(editor, "cms-edit-detailed", full_page=False)
    _textbox(editor, "Title").fill(NEW_TITLE)
    editor.get_by_role("button", name="Save", exact=True).click()
    editor.wait_for_timeout(2000)
    screenshot(editor, "cms-edit-detailed-saved", full_page=False)
    written = _written(editor, journal_repo)
    assert list(written) == [DETAILED]
    before, after = load_text(DETAILED, DETAILED_TEXT), load_text(DETAILED, written[DETAILED])
    assert not isinstance(before, Problem) and not isinstance(after, Problem)
    # The title changed; the authors' details and the group are kept; `draft: false` is
    # written out (what a missing `draft` means): nothing else changed.
    assert after.meta == {**before.meta, "title": NEW_TITLE, "draft": False}, written[DETAILED]
    assert after.body == before.body
    old, new = check_abstract(before), check_abstract(after)
    assert old[1] == new[1] == []
    assert old[0] is not None and new[0] is not None
    assert new[0].refs == old[0].refs  # ids, corresponding, affiliations, the group's members
    assert new[0].fields == {**old[0].fields, "title": NEW_TITLE, "draft": False}


def _serious(page: Page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_admin_pages_have_no_serious_accessibility_violations(
    editor: Page, axe_source: str
) -> None:
    assert (editor.locator("html").get_attribute("lang") or "").startswith("en")
    found = {"collections": _serious(editor, axe_source)}
    _open_collection(editor, "Abstracts")
    editor.get_by_role("button", name="Create New Entry").click()
    _textbox(editor, "Title").wait_for()
    found["abstract form"] = _serious(editor, axe_source)
    assert found == {"collections": [], "abstract form": []}
