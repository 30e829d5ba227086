"""End to end, offline: an editor adds an author and an abstract through /admin/'s forms.

Sveltia CMS works on a local repository through the browser's File System Access API. The
test hands it the browser's private file system (OPFS) as the "folder the editor picked",
seeded with the journal's content files, and copies what the CMS wrote back into a scratch git
repository: the files are then checked with `journal check`, built with `mkdocs build
--strict`, and compared with what `journal new` writes for the same input.
"""

from __future__ import annotations

import base64
import functools
import http.server
import re
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import frontmatter
import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, commit_project, copy_project, git, run_mkdocs_build
from journal import fields
from journal.loading import load_text
from journal.problems import Problem
from journal.validation import check_abstract, check_author
from workflow_steps import calls, fake_gh, run_step, step

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
      else {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) {
          text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        }
        out[prefix + name] = btoa(text);
      }
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


ISSUES_TEXT = """# Optional metadata for issues.
- volume: 1
  issue: 1
  title: "Imaging in practice"
  published: 2020-03-31
- volume: 1
  issue: 2
  published: 2020-06-30
  description: "The congress issue."
"""
WORKING = "cms/abstracts/imaging-of-rare-sarcomas-in-adolescents"
"""The desk's branch for the new abstract (cms/<collection>/<slug>, as Sveltia names it)."""
DESCRIPTION = "Four abstracts on imaging in daily practice."
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
    (project / ".gitignore").write_text("/site/\n/node_modules\n/.venv\n", encoding="utf-8")
    (project / DETAILED).write_text(DETAILED_TEXT, encoding="utf-8")
    (project / "issues.yml").write_text(ISSUES_TEXT, encoding="utf-8")
    return commit_project(project)


@pytest.fixture
def journal_repo(tmp_path: Path) -> Path:
    """The fixture journal with /admin/, as a clone whose main holds everything, checked out
    on the desk's working branch (as the desk saves on GitHub: never on main)."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    project = _cms_project(tmp_path / "journal")
    (project / ".venv").symlink_to(ROOT / ".venv")  # for the desk workflow's steps
    git(project, "remote", "add", "origin", str(origin))
    git(project, "push", "-q", "origin", "main")
    git(project, "switch", "-q", "-c", WORKING)
    return project


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
    } | {"issues.yml": (journal_repo / "issues.yml").read_text(encoding="utf-8")}
    head = git(journal_repo, "symbolic-ref", "HEAD")
    page.evaluate(SEED, {**files, ".git/HEAD": f"ref: {head}"})
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


def _save(page: Page, screenshot: Callable[..., Path], name: str) -> None:
    """Save the open entry and wait until the desk says it is saved."""
    page.get_by_role("button", name="Save", exact=True).click()
    try:
        page.get_by_text("Entry saved.").wait_for()
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


def _written_files(page: Page, journal_repo: Path) -> dict[str, bytes]:
    """The files the CMS wrote or changed, copied into the journal's working tree, as bytes."""
    changed = {}
    for rel, encoded in page.evaluate(DUMP).items():
        path, data = journal_repo / rel, base64.b64decode(encoded)
        if rel.startswith(".git/") or (path.is_file() and path.read_bytes() == data):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)  # as written: no newline translation
        changed[rel] = data
    return changed


def _written(page: Page, journal_repo: Path) -> dict[str, str]:
    """The text files the CMS wrote or changed (copied into the journal's working tree)."""
    return {rel: data.decode("utf-8") for rel, data in _written_files(page, journal_repo).items()}


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

    # The change is on the working branch, never on main; it reaches main by a pull request.
    assert git(journal_repo, "rev-parse", "main").strip() == main_before
    status = git(journal_repo, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(line[3:] for line in status) == sorted([abstract_rel, author_rel])
    _branch_reaches_main_by_a_pull_request(journal_repo, main_before, tmp_path)
    assert sorted(git(journal_repo, "diff", "--name-only", f"main...{WORKING}").split()) == (
        sorted([abstract_rel, author_rel])
    )


def _branch_reaches_main_by_a_pull_request(repo: Path, main_before: str, tmp_path: Path) -> None:
    """Push the working branch to `origin`; the desk workflow checks it and opens its pull
    request (its own steps, run here with a stand-in gh); main on origin did not move."""
    assert git(repo, "branch", "--show-current").strip() == WORKING != "main"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Create Abstracts “Imaging of rare sarcomas”")
    git(repo, "push", "-q", "origin", WORKING)
    origin = repo.parent / "origin.git"
    assert git(origin, "rev-parse", "main").strip() == main_before
    assert git(origin, "rev-parse", WORKING).strip() == git(repo, "rev-parse", "HEAD").strip()

    checked = run_step(step("desk.yml", "check", "Check the journal"), repo, {})
    assert checked.returncode == 0, checked.stdout + checked.stderr
    summary_file = tmp_path / "summary.md"
    values = {"MAIN": "main", "RUN_URL": "https://github.com/o/r/actions/runs/1"}
    values |= {"ARTIFACT": "preview", "GITHUB_STEP_SUMMARY": str(summary_file)}
    summary = run_step(step("desk.yml", "check", "Write the summary"), repo, values)
    assert summary.returncode == 0, summary.stdout + summary.stderr
    text = summary_file.read_text(encoding="utf-8").replace("\\", "")
    assert f"**added**: {TITLE}" in text and "**added**: Inés Duarte" in text

    gh = fake_gh(tmp_path / "gh")
    values = {"GH_TOKEN": "x", "GH_REPO": "o/r", "BRANCH": WORKING, "MAIN": "main"}
    values |= {"MESSAGE": git(repo, "log", "-1", "--format=%B"), "WAIT_SECONDS": "0"}
    opened = run_step(step("desk.yml", "pull-request", "Open"), tmp_path, values, path=gh)
    assert opened.returncode == 0, opened.stdout + opened.stderr
    (create,) = [c for c in calls(gh) if c[:2] == ["pr", "create"]]
    assert create[create.index("--base") + 1] == "main"
    assert create[create.index("--head") + 1] == WORKING


def test_an_edit_keeps_per_abstract_author_details_and_groups(
    editor: Page, journal_repo: Path, screenshot: Callable[..., Path]
) -> None:
    _open_collection(editor, "Abstracts")
    editor.get_by_text("A trial with a group author", exact=False).first.click()
    _textbox(editor, "Title").wait_for()
    screenshot(editor, "cms-edit-detailed", full_page=False)
    _textbox(editor, "Title").fill(NEW_TITLE)
    _save(editor, screenshot, "detailed")
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


def test_unticking_an_author_keeps_the_details_of_the_others(
    editor: Page, journal_repo: Path, screenshot: Callable[..., Path]
) -> None:
    _open_collection(editor, "Abstracts")
    editor.get_by_text("A trial with a group author", exact=False).first.click()
    _textbox(editor, "Title").wait_for()
    editor.get_by_role("checkbox", name="Ben Okoro").click()
    _save(editor, screenshot, "untick")
    written = _written(editor, journal_repo)
    before, after = load_text(DETAILED, DETAILED_TEXT), load_text(DETAILED, written[DETAILED])
    assert not isinstance(before, Problem) and not isinstance(after, Problem)
    ana, ben, group = before.meta["authors"]
    assert ben == "ben-okoro"
    assert after.meta == {**before.meta, "authors": [ana, group], "draft": False}


def _png(width: int, height: int) -> bytes:
    """A small valid PNG (grey), made here so that no binary file sits in the repository."""
    row = b"\x00" + b"\x80" * width
    data = zlib.compress(row * height)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def test_an_author_photo_is_uploaded_beside_the_authors_file(
    editor: Page, journal_repo: Path, tmp_path: Path, screenshot: Callable[..., Path]
) -> None:
    photo = tmp_path / "Portrait Inés.png"  # a name the path rules would refuse as it is
    photo.write_bytes(_png(24, 32))
    _open_collection(editor, "Authors")
    editor.get_by_text("Ben Okoro", exact=True).first.click()
    _textbox(editor, "Name").wait_for()
    _scroll_to_field(editor, "photo")
    field = editor.locator('section.field[data-key-path="photo"]')
    field.locator("input[type=file]").first.set_input_files(str(photo))
    field.scroll_into_view_if_needed()
    expect(field.locator("img").first).to_have_attribute("src", re.compile("."))  # shown
    screenshot(editor, "cms-photo-uploaded", full_page=False)
    _save(editor, screenshot, "photo")
    written = _written_files(editor, journal_repo)
    # Beside the author's file, under a name the path rules accept (ASCII, no space).
    assert sorted(written) == ["authors/ben-okoro.md", "authors/portrait-ines.png"]
    assert written["authors/portrait-ines.png"] == photo.read_bytes()
    rel = "authors/ben-okoro.md"
    before = load_text(rel, git(journal_repo, "show", f"HEAD:{rel}"))
    author = load_text("authors/ben-okoro.md", written["authors/ben-okoro.md"].decode())
    assert not isinstance(author, Problem) and not isinstance(before, Problem)
    assert author.meta == {**before.meta, "photo": "portrait-ines.png"}
    assert author.body == before.body
    assert fields.RELATIVE_PATH.fullmatch(author.meta["photo"])
    checked = _journal(journal_repo, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    build = run_mkdocs_build(journal_repo, tmp_path / "built")
    assert build.returncode == 0, build.output
    page = build.html("authors/ben-okoro/index.html")
    (img,) = [i for i in page.find_all("img") if "photo" in (i.get("src") or "")]
    published = (build.site / "authors" / "ben-okoro" / img["src"]).resolve()
    assert published.read_bytes() == photo.read_bytes()


def test_an_issue_edited_in_the_form_saves_a_valid_issues_yml(
    editor: Page, journal_repo: Path, tmp_path: Path, screenshot: Callable[..., Path]
) -> None:
    cover = tmp_path / "Cover 1-1.png"
    cover.write_bytes(_png(30, 40))
    editor.get_by_text("Issues", exact=True).first.click()
    editor.get_by_text("Issues (issues.yml)").first.click()
    description = editor.get_by_role("textbox", name=re.compile("^Description")).first
    description.fill(DESCRIPTION)
    field = editor.locator('section.field[data-key-path$="cover"]').first
    field.scroll_into_view_if_needed()
    field.locator("input[type=file]").first.set_input_files(str(cover))
    expect(field.locator("img").first).to_have_attribute("src", re.compile("."))  # shown
    screenshot(editor, "cms-edit-issue", full_page=False)
    _save(editor, screenshot, "issues")
    written = _written_files(editor, journal_repo)
    assert sorted(written) == ["docs/cover-1-1.png", "issues.yml"]  # the cover in docs/
    assert written["docs/cover-1-1.png"] == cover.read_bytes()
    before, after = yaml.safe_load(ISSUES_TEXT), yaml.safe_load(written["issues.yml"])
    first = {**before[0], "description": DESCRIPTION, "cover": "cover-1-1.png"}
    assert after == [first, before[1]]  # the other values (dates as dates) unchanged
    assert fields.RELATIVE_PATH.fullmatch(after[0]["cover"])
    checked = _journal(journal_repo, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    build = run_mkdocs_build(journal_repo, tmp_path / "built")
    assert build.returncode == 0, build.output
    page = build.html("issues/1/1/index.html")
    assert DESCRIPTION in page.get_text(" ")
    archive = build.html("archive/index.html")  # the archive shows each issue's cover
    (img,) = [i for i in archive.find_all("img") if "cover-1-1" in (i.get("src") or "")]
    published = (build.site / "archive" / img["src"]).resolve()
    assert published.read_bytes() == cover.read_bytes()


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
