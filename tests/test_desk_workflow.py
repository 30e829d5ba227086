"""The editors' desk workflow (.github/workflows/desk.yml): a push to a `cms/…` branch gets its
checks (annotations and the summary) and its pull request; nothing lands on main.

Its scripts run here as they are written in the workflow, in a scratch repository with a local
bare remote, and `gh` stood in for by a recorder (workflow_steps.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, commit_project, copy_project, git, write_files
from journal import cms
from workflow_steps import calls, fake_gh, run_step, step, workflow

FIXTURES = ROOT / "tests" / "fixtures" / "journal"
BRANCH = "cms/abstracts/a-new-case-report"
BROKEN = """---
title: "A new case report"
authors:
  - jane-doe
volume: 1
issue: 2
year: 2020
published: 2020-09-14
type: Case Report
draft: true
---
Write the abstract here.
"""
PROBLEM = (
    '"jane-doe" is not an author id (no authors/jane-doe.md). '
    "Add the file authors/jane-doe.md, or fix the id."
)


def _remote_and_branch(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path]:
    """A clone whose `origin` (a bare repository) has main and BRANCH with `files` added."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    project = commit_project(copy_project(FIXTURES, tmp_path / "journal"))
    (project / ".venv").symlink_to(ROOT / ".venv")
    (project / ".gitignore").write_text("/.venv\n/site/\n", encoding="utf-8")
    git(project, "add", ".gitignore")
    git(project, "commit", "-q", "-m", "Ignore the venv")
    git(project, "remote", "add", "origin", str(origin))
    git(project, "push", "-q", "origin", "main")
    git(project, "switch", "-q", "-c", BRANCH)
    write_files(project, files)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Create Abstracts “A new case report”")
    git(project, "push", "-q", "origin", BRANCH)
    return project, origin


def test_the_workflow_runs_on_desk_branches_only_and_its_writer_runs_no_branch_code() -> None:
    desk = workflow("desk.yml")
    assert desk[True] == {"push": {"branches": ["cms/**"]}}  # YAML 1.1 reads `on:` as True
    assert desk["permissions"] == {"contents": "read"}
    check, opener = desk["jobs"]["check"], desk["jobs"]["pull-request"]
    assert "permissions" not in check  # read-only, as the workflow's default
    assert opener["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps: list[dict[str, Any]] = opener["steps"]
    assert [s.get("uses") for s in steps] == [None]  # no checkout: the branch's files never run
    script = steps[0]["run"]
    assert "${{" not in script  # values only through env: no injection from a commit message
    for command in ("pip install", ".venv/", "journal check", "mkdocs", "make ", "python "):
        assert command not in script, command


def test_a_desk_branch_gets_annotations_and_a_summary_in_words(tmp_path: Path) -> None:
    project, _ = _remote_and_branch(tmp_path, {"abstracts/1/2/a-new-case-report.md": BROKEN})
    checked = run_step(step("desk.yml", "check", "Check the journal"), project, {})
    assert checked.returncode == 1, checked.stdout + checked.stderr
    annotations = [line for line in checked.stdout.splitlines() if line.startswith("::error")]
    assert annotations == [
        "::error file=abstracts/1/2/a-new-case-report.md,line=4,title=authors[1]::" + PROBLEM
    ]

    summary_file = tmp_path / "summary.md"
    values = {"MAIN": "main", "RUN_URL": "https://github.com/o/r/actions/runs/1"}
    values |= {"ARTIFACT": "preview", "GITHUB_STEP_SUMMARY": str(summary_file)}
    summary = run_step(step("desk.yml", "check", "Write the summary"), project, values)
    assert summary.returncode == 0, summary.stdout + summary.stderr
    text = summary_file.read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    assert "- **added**: A new case report — `abstracts/1/2/a-new-case-report.md`" in text
    assert f"- abstracts/1/2/a-new-case-report.md:4: authors[1]: {PROBLEM}" in text
    assert "download **preview**" in text
    assert "first-imaging-study" not in text  # main's own files are not changes


@pytest.mark.parametrize("already_open", [False, True])
def test_a_desk_branch_without_a_pull_request_gets_one_labelled_draft(
    tmp_path: Path, already_open: bool
) -> None:
    gh = fake_gh(tmp_path / "bin", [{"number": 7, "head": BRANCH}] if already_open else [])
    opener = step("desk.yml", "pull-request", "Open the branch's pull request")
    values = {"GH_TOKEN": "x", "GH_REPO": "o/r", "BRANCH": BRANCH, "MAIN": "main"}
    values |= {"MESSAGE": "Create Abstracts “A new case report”\n\nmore", "WAIT_SECONDS": "0"}
    done = run_step(opener, tmp_path, values, path=gh)
    assert done.returncode == 0, done.stdout + done.stderr
    made = [c for c in calls(gh) if c[:2] == ["pr", "create"]]
    if already_open:
        assert made == [] and "#7" in done.stdout
    else:
        (create,) = made
        options = dict(zip(create[2::2], create[3::2], strict=False))
        assert options["--base"] == "main" and options["--head"] == BRANCH
        assert options["--title"] == "Create Abstracts “A new case report”"
        assert options["--label"] == "sveltia-cms/draft"
    assert len([c for c in calls(gh) if c[:2] == ["pr", "list"]]) == (1 if already_open else 3)


def test_the_workflow_and_the_desk_agree_on_branches_and_status_labels() -> None:
    desk = workflow("desk.yml")
    assert desk[True]["push"]["branches"] == [cms.WORKFLOW_BRANCH_PREFIX + "**"]
    opener = step("desk.yml", "pull-request", "Open the branch's pull request")
    assert opener["env"]["DRAFT_LABEL"] == cms.STATUS_LABELS["draft"]
    prefix = cms.cms_config("o/r")["backend"]["cms_label_prefix"]
    # Sveltia's own stage names (its bundle), after the configured prefix.
    bundle = (ROOT / cms.BUNDLE_SOURCE).read_text(encoding="utf-8")
    q = "['\"`]"  # the bundle quotes strings with backticks
    stages = re.search(rf"\[{q}draft{q},{q}(\w+){q},{q}(\w+){q}\]", bundle)
    assert stages, "Sveltia's workflow stages are not in its bundle"
    assert list(cms.STATUS_LABELS.values()) == [prefix + s for s in ("draft", *stages.groups())]
