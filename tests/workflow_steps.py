"""Run a workflow's `run:` steps on this machine, as GitHub Actions would, with a stand-in `gh`.

The steps' scripts are read from the workflow file (never copied into the test), run with bash
in a scratch git repository with the step's `env:` (its `${{ … }}` values replaced by the
test's), so a test checks what the workflow really does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT

FAKE_GH = """#!{python}
# A stand-in for the GitHub CLI: records each call; `pr list` prints the open pull requests
# of the branch asked for (from pulls.json), `pr create` adds one there.
import json, sys
from pathlib import Path
here = Path(__file__).parent
args = sys.argv[1:]
with open(here / "calls.jsonl", "a") as log:
    log.write(json.dumps(args) + "\\n")
pulls = json.loads((here / "pulls.json").read_text())
if args[:2] == ["pr", "list"]:
    head = args[args.index("--head") + 1]
    for pull in pulls:
        if pull["head"] == head:
            print(pull["number"])
elif args[:2] == ["pr", "create"]:
    pull = {{"number": len(pulls) + 1, "head": args[args.index("--head") + 1]}}
    pulls.append(pull)
    (here / "pulls.json").write_text(json.dumps(pulls))
    print(f"https://github.com/example-press/fixture-journal/pull/{{pull['number']}}")
"""


def workflow(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    return data


def step(name: str, job: str, starts: str) -> dict[str, Any]:
    """The step of `job` whose name starts with `starts`."""
    steps = workflow(name)["jobs"][job]["steps"]
    return next(s for s in steps if s.get("name", "").startswith(starts))


def fake_gh(folder: Path, pulls: list[dict[str, Any]] | None = None) -> Path:
    """A folder with a `gh` that records its calls (calls(folder) reads them)."""
    folder.mkdir(parents=True, exist_ok=True)
    gh = folder / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    gh.chmod(0o755)
    (folder / "pulls.json").write_text(json.dumps(pulls or []), encoding="utf-8")
    return folder


def calls(folder: Path) -> list[list[str]]:
    log = folder / "calls.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def run_step(
    found: dict[str, Any],
    cwd: Path,
    values: dict[str, str],
    path: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run one step's script with bash (`set -e`, as Actions does) in `cwd`.

    `values` gives each of the step's `env:` variables its value (the test stands in for the
    `${{ … }}` expressions) and any variable the runner sets (GITHUB_STEP_SUMMARY).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GH_"))}
    declared = found.get("env", {})
    missing = [k for k, v in declared.items() if "${{" in str(v) and k not in values]
    assert not missing, f"the test gives no value for {missing}"
    env |= {k: str(v) for k, v in declared.items()} | values
    if path is not None:
        env["PATH"] = f"{path}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", found["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
