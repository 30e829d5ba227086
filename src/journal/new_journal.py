"""`journal init`: turn a fork of the sample journal into a new, empty journal.

mkdocs.yml is edited as text, so its comments and every other setting stay as they are:
the `site_name`, `site_description` and `site_url` lines are rewritten and the
`extra.journal` block is written afresh. The sample content goes; its folders stay (with a
`.gitkeep`, since git keeps no empty folder), so the empty journal builds.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, fields
from pathlib import Path

SAMPLE_FILES = ("docs/assets/journal-logo.svg", "board.yml")
"""The sample journal's own files beyond its abstracts and authors."""
SAMPLE_FOLDERS = ("abstracts", "authors", "docs/assets/partners", "docs/assets/covers")
"""Emptied (the sample's abstracts, biographies, photos, PDFs and partner logos), kept."""
LOCAL_URL = "http://127.0.0.1:8000/"
"""site_url's default when the journal has no domain of its own yet: local builds work,
deploy.yml gives GitHub Pages' address, `journal check --deploy` refuses it elsewhere."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalFacts:
    """What `journal init` asks for."""

    title: str
    abbreviation: str
    issn_print: str = ""
    issn_online: str = ""
    publisher: str = ""
    doi_prefix: str = ""
    language: str = "en"
    site_url: str = ""
    repo_url: str = ""
    """The journal's GitHub repository (https://github.com/<owner>/<name>), where /admin/ saves."""
    contact_email: str = ""
    publication: str = ""
    """ "issues" or "continuous" (empty: not written, so issues)."""


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar


def settings_block(facts: JournalFacts) -> list[str]:
    """The `  journal:` block of mkdocs.yml's `extra:` (facts given, the rest as comments)."""
    lines = ["  journal:"]
    for item in fields(facts):
        value = getattr(facts, item.name)
        if value and item.name not in ("site_url", "repo_url"):
            lines.append(f"    {item.name}: {_yaml(value)}")
    lines += [
        '    # The editors\' desk at /admin/ (README, "Editing in the browser"); false: none.',
        "    cms: true",
        "    license:",
        '      name: "CC BY 4.0"',
        '      url: "https://creativecommons.org/licenses/by/4.0/"',
        '    # More settings (README, "Settings reference"): description, submission_url,',
        "    # tracking_url, logo, primary_color, accent_color, media_partners, publication",
        "    # (issues or continuous), and for Crossref deposits depositor_name,",
        "    # depositor_email, registrant.",
    ]
    return lines


def _journal_block(lines: list[str]) -> tuple[int, int] | None:
    """Where `extra:` → `journal:` is: its first line and the line after it."""
    extra = next((n for n, line in enumerate(lines) if re.match(r"extra:\s*(#.*)?$", line)), None)
    if extra is None:
        return None
    for start in range(extra + 1, len(lines)):
        line = lines[start]
        if line.strip() and not line.startswith(" "):
            return None  # the next top-level key: no journal block
        if re.match(r"  journal:\s*(#.*)?$", line):
            end = start + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith("   ")):
                end += 1
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1  # blank lines after the block stay
            return start, end
    return None


def _site_url_line(facts: JournalFacts) -> str:
    return f"site_url: !ENV [JOURNAL_SITE_URL, {_yaml(facts.site_url or LOCAL_URL)}]"


REPO_PLACEHOLDER = "https://github.com/your-account/your-journal"
"""The sample's repo_url default (mkdocs.yml): a fork's own repository replaces it."""
GITHUB_REMOTE = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)


def _repo_url_line(facts: JournalFacts) -> str:
    return f"repo_url: !ENV [JOURNAL_REPO_URL, {_yaml(facts.repo_url or REPO_PLACEHOLDER)}]"


def github_repo_url(remote: str) -> str:
    """https://github.com/<owner>/<name> for a git remote on GitHub (https or ssh), else ""."""
    found = GITHUB_REMOTE.match(remote.strip())
    return f"https://github.com/{found.group(1)}/{found.group(2)}" if found else ""


def rewrite_config(text: str, facts: JournalFacts) -> str:
    """mkdocs.yml's text with the new journal's facts; everything else as it was."""
    lines = text.splitlines()
    top = {
        "site_name": f"site_name: {_yaml(facts.title)}",
        "site_description": f"site_description: {_yaml(facts.title)}",
        "site_url": _site_url_line(facts),
        "repo_url": _repo_url_line(facts),
    }
    out: list[str] = []
    skipping = False
    for line in lines:
        key = re.match(r"([a-z_]+):", line)
        if skipping and (not line.strip() or line.startswith(" ")):
            continue  # the rest of a replaced value (a folded `>-` block)
        skipping = False
        if key and key.group(1) in top:
            out.append(top.pop(key.group(1)))
            skipping = True
            continue
        out.append(line)
    if out and out[0].startswith("# The sample journal."):
        out[0] = (
            '# The journal\'s settings live under extra.journal (README, "Settings reference").'
        )
    out[1:1] = list(top.values())  # keys the file did not have, after its first line
    block = _journal_block(out)
    new = settings_block(facts)
    if block is None:
        out += ["extra:", *new]
    else:
        out[block[0] : block[1]] = new
    return "\n".join(out) + "\n"


def remove_sample(root: Path, continuous: bool = False) -> list[str]:
    """Delete the sample content, keep its folders; the paths removed, for the report.
    `continuous`: the new journal publishes continuously (issues.yml describes volumes)."""
    removed: list[str] = []
    for name in SAMPLE_FOLDERS:
        folder = root / name
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.name == ".gitkeep":
                continue
            removed.append(path.relative_to(root).as_posix() + ("/" if path.is_dir() else ""))
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitkeep").touch()
    for name in SAMPLE_FILES:
        if (root / name).is_file():
            (root / name).unlink()
            removed.append(name)
    issues = root / "issues.yml"
    if issues.is_file():
        removed.append("issues.yml (its items)")
    issues.write_text(VOLUMES_TEXT if continuous else ISSUES_TEXT, encoding="utf-8")
    return removed


ISSUES_TEXT = """\
# Optional metadata for issues (README, "An issue"): one item per issue, e.g.
# - volume: 1
#   issue: 1
#   title: "Special issue: …"
#   published: 2026-06-30
[]
"""

VOLUMES_TEXT = """\
# Optional metadata for volumes (README, "Continuous publication"): one item per volume,
# with no issue, e.g.
# - volume: 1
#   title: "Volume 1: the first year"
#   description: "A sentence shown on the volume's page."
[]
"""

INDEX_TEXT = """\
---
template: home.html
---

*{{ journal.title }}* ({{ journal.abbreviation }}) publishes peer-reviewed articles.
Describe the journal's aims and scope here (this is `docs/index.md`).
"""

ABOUT_TEXT = """\
# About the journal

*{{ journal.title }}* ({{ journal.abbreviation }}) is published by {{ journal.publisher }}.
Describe its aims and scope, peer review, open access and publication ethics here (this is
`docs/about.md`).
"""


def write_pages(root: Path, facts: JournalFacts) -> list[str]:
    """Replace the sample's home and about texts with short ones that take every journal
    fact from the settings (placeholders)."""
    about = (
        ABOUT_TEXT
        if facts.publisher
        else ABOUT_TEXT.replace(" is published by {{ journal.publisher }}.", ".")
    )
    written = []
    for name, text in (("docs/index.md", INDEX_TEXT), ("docs/about.md", about)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        written.append(name)
    return written
