"""The in-browser editor at /admin/ (Sveltia CMS): its configuration, made from the schema.

Every form field comes from the JSON Schema that `journal schema` prints (schema.py, made from
the field tables in validation.py), so a field added to a table appears in the form; its label
and hint come from HELP below, and tests/test_cms.py fails when a schema field has none.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path
from typing import Any

import yaml

from . import fields, urls
from .article_types import DEFAULT_TYPES, ArticleType
from .problems import Problem
from .schema import FUNDER_ID_PATTERN, build_schema

ADMIN = urls.ADMIN.rstrip("/")
"""The folder of the editor in the built site (left out of search, sitemap and robots.txt)."""
BUNDLE = "sveltia-cms.js"
PACKAGE = "@sveltia/cms"
BUNDLE_SOURCE = f"node_modules/{PACKAGE}/dist/{BUNDLE}"
FONTS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"
    ),
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2": (
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"
    ),
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/"
    "latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined/files/"
        "material-symbols-outlined-latin-wght-normal.woff2"
    ),
}
"""The fonts the bundle would fetch from a CDN, and the npm files (package.json) served instead."""
WORKFLOW_BRANCH_PREFIX = "cms/"
"""Sveltia's editorial workflow saves each entry on a branch `cms/<collection>/<slug>`
(.github/workflows/desk.yml checks every push to one, and opens its pull request if missing)."""
STATUS_LABELS = {
    "draft": "sveltia-cms/draft",
    "in review": "sveltia-cms/pending_review",
    "ready": "sveltia-cms/pending_publish",
}
"""The status of a saved entry as the editorial office sees it: a label on its pull request,
set by the desk's Workflow view (Sveltia's labels: `cms_label_prefix` + its stage names)."""

HELP: dict[str, dict[str, tuple[str, str]]] = {
    "abstract": {
        "title": (
            "Title",
            "The article's title as published, in sentence case: *italic*, ~sub~ (H~2~O) and "
            "^sup^ (10^6^) as in the text.",
        ),
        "authors": ("Authors", "In the order of the byline; type a name to find the author."),
        "volume": ("Volume", "The volume number, e.g. 7."),
        "issue": ("Issue", "The issue number within the volume, e.g. 1."),
        "year": ("Year", "The year of publication, e.g. 2026."),
        "published": ("Published", "The date of publication; a later date schedules it."),
        "received": ("Received", "The date the manuscript was received (optional)."),
        "accepted": ("Accepted", "The date the manuscript was accepted (optional)."),
        "type": ("Article type", "The kind of article."),
        "doi": ("DOI", "The article's DOI, e.g. 10.5555/jceo.2026.0101 (no https://doi.org/)."),
        "keywords": ("Keywords", "One keyword per item."),
        "pages": ("Pages", "A page or page range, e.g. 12-18."),
        "article_number": ("Article number", "The e-location id, e.g. e1234."),
        "conference": ("Conference", "For conference abstracts: where it was presented."),
        "conference.name": ("Conference name", "e.g. Annual Meeting of the Oncology Society."),
        "conference.place": ("Place", "City and country, e.g. Lyon, France."),
        "conference.dates": ("Dates", "e.g. 12-14 June 2026."),
        "updates": (
            "Updates",
            "For a correction, retraction or expression of concern: the article it updates.",
        ),
        "updates.doi": ("DOI of the updated article", "e.g. 10.5555/jceo.2026.0101."),
        "updates.slug": ("Or its file name", "The updated abstract's file name without .md."),
        "updates.type": ("Kind of update", "correction, retraction or expression-of-concern."),
        "references": (
            "References",
            'Kept as written in the file: one `- "reference"` (or `- {text: …, doi: …}`) per '
            "item; edit them there.",
        ),
        "funding": ("Funding", "Each funder of the work, with its id and award numbers."),
        "funding.funder": ("Funder", "e.g. National Cancer Institute."),
        "funding.funder_id": (
            "Funder id",
            "A Crossref Funder ID (10.13039/…) or a ROR id (https://ror.org/…), optional.",
        ),
        "funding.awards": ("Award numbers", "One grant number per item, e.g. R01 CA123456."),
        "competing_interests": (
            "Competing interests",
            "The authors' statement, e.g. The authors declare no competing interests.",
        ),
        "data_availability": (
            "Data availability",
            "Where the data are, e.g. a repository DOI (optional).",
        ),
        "license": (
            "Licence",
            "Only when it differs from the journal's, e.g. CC BY-NC 4.0 (README, Licences).",
        ),
        "plain_summary": (
            "Plain-language summary",
            "A few sentences for readers outside the field.",
        ),
        "translations": (
            "Translations",
            "Kept as written in the file: the title and abstract in other languages; edit "
            "them there.",
        ),
        "draft": (
            "Draft",
            "Tick to keep it off the site after the merge (previews show it); off: published.",
        ),
    },
    "author": {
        "name": ("Name", "The full name as printed, e.g. Jane Doe."),
        "given": ("Given names", "e.g. Jane (for citations)."),
        "family": ("Family name", "e.g. Doe (for citations)."),
        "degrees": ("Degrees", "e.g. MD, PhD."),
        "orcid": ("ORCID iD", "16 digits in four groups, e.g. 0000-0002-1825-0097."),
        "email": ("E-mail", "Shown on the author's page; leave empty to keep it private."),
        "affiliations": ("Affiliations", "The author's institutions, one per item."),
        "affiliations.name": ("Institution", "e.g. University of Lyon."),
        "affiliations.country": ("Country", "e.g. France."),
        "affiliations.ror": ("ROR id", "e.g. https://ror.org/02feahw73 (optional)."),
        "photo": ("Photo", "A JPEG, PNG or WebP portrait; it is saved beside the author's file."),
    },
    "issues": {
        "volume": ("Volume", "The volume number."),
        "issue": ("Issue", "The issue number within the volume."),
        "title": ("Title", "A title for a special issue (optional)."),
        "published": ("Published", "The date the issue was published."),
        "description": ("Description", "A sentence or two shown on the issue's page."),
        "cover": ("Cover", "The cover image; it is saved in docs/."),
    },
    "volumes": {  # issues.yml of a continuous journal: one item per volume
        "volume": ("Volume", "The volume number."),
        "title": ("Title", "A title for the volume (optional)."),
        "published": (
            "Published",
            "The date the volume began (optional; else its first article's date).",
        ),
        "description": ("Description", "A sentence or two shown on the volume's page."),
        "cover": ("Cover", "The cover image; it is saved in docs/."),
    },
}
CONTINUOUS_HINTS = {"year": "Optional: it is the year of Published (if given, that year)."}
"""A continuous journal's abstract fields whose hint differs (see "Continuous publication")."""
BODY = {"abstract": ("Abstract", "The abstract's text."), "author": ("Biography", "Optional.")}
PATTERN_HINTS = {
    fields.ORCID.pattern: "Write 16 digits in four groups, e.g. 0000-0002-1825-0097.",
    fields.DOI.pattern: "Write a DOI starting with 10., e.g. 10.5555/jceo.2026.0101.",
    fields.ROR.pattern: "Write a ROR id, e.g. https://ror.org/02feahw73.",
    fields.PAGES.pattern: "Write a page or a range, e.g. 12-18.",
    fields.SLUG.pattern: "Write a file name: lowercase letters, digits and hyphens.",
    "^https?://": "Write an address starting with https://.",
    FUNDER_ID_PATTERN: "Write 10.13039/… (Crossref Funder ID) or https://ror.org/… (ROR).",
}


def _text_widget(spec: dict[str, Any]) -> dict[str, Any]:
    field: dict[str, Any] = {"widget": "string"}
    if spec.get("format") == "email":
        field["type"] = "email"
    if spec.get("format") == "uri":
        field["type"] = "url"
    if "pattern" in spec and spec["pattern"] in PATTERN_HINTS:
        field["pattern"] = [spec["pattern"], PATTERN_HINTS[spec["pattern"]]]
    if "maxLength" in spec:
        field["maxlength"] = spec["maxLength"]
    return field


FILE_ONLY = frozenset({"references", "translations"})
"""Fields whose shape the form cannot edit (a list of texts or mappings; a mapping keyed by
language): a hidden field keeps them as written, and editors change them in the file."""


def _widget(kind: str, key: str, spec: dict[str, Any]) -> dict[str, Any]:
    """The form widget for one schema fragment."""
    if key in FILE_ONLY:
        return {"widget": "hidden"}
    if spec.get("type") == ["string", "object"]:  # a licence: its name (or {name, url})
        return {"widget": "string"}
    if "enum" in spec:
        return {"widget": "select", "options": list(spec["enum"])}
    if "anyOf" in spec:  # authors: one id or a list of ids (per-abstract details in the file)
        return {
            "widget": "relation",
            "collection": "authors",
            "value_field": "{{slug}}",
            "search_fields": ["name", "given", "family", "orcid"],
            "display_fields": ["name"],
            "multiple": True,
            "min": 1,
        }
    kinds = spec.get("type")
    if kinds == "integer":
        return {"widget": "number", "value_type": "int", "min": spec.get("minimum", 1)}
    if kinds == "boolean":
        return {"widget": "boolean"}
    if spec.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
    if kinds == "object":
        return {"widget": "object", "collapsed": True, "fields": _fields(kind, spec, f"{key}.")}
    if kinds == "array":
        items = spec["items"]
        if items.get("type") == "object":
            return {"widget": "list", "fields": _fields(kind, items, f"{key}.")}
        return {"widget": "list", "max": spec.get("maxItems", fields.MAX_LIST_ITEMS)}
    if "allOf" in spec:  # an image path: uploaded beside the file
        return {"widget": "image", "choose_url": False}
    return _text_widget(spec)


def _fields(kind: str, schema: dict[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    required = set(schema.get("required", ()))
    out = []
    for name, spec in schema["properties"].items():
        label, hint = HELP[kind][prefix + name]
        out.append(
            {
                "name": name,
                "label": label,
                "hint": hint,
                "required": name in required,
                **_widget(kind, prefix + name, spec),
            }
        )
    return out


def _body(kind: str) -> dict[str, Any]:
    label, hint = BODY[kind]
    return {"name": "body", "label": label, "hint": hint, "widget": "markdown", "required": False}


COMMON = {"create": True, "extension": "md", "format": "yaml-frontmatter"}
BESIDE = {"media_folder": "", "public_folder": ""}
"""media_folder "" (relative to the entry): uploads are saved beside the file they belong to."""


def _abstracts(
    continuous: bool = False, types: tuple[ArticleType, ...] = DEFAULT_TYPES
) -> dict[str, Any]:
    """abstracts/<volume>/<issue>/<slug>.md; a continuous journal's abstracts/<volume>/<slug>.md.
    `types`: the journal's article types (the type select's options)."""
    schema = build_schema("abstract", types, continuous=continuous)
    fields = _fields("abstract", schema)
    for field in fields if continuous else ():
        field["hint"] = CONTINUOUS_HINTS.get(field["name"], field["hint"])
    return {
        "name": "abstracts",
        "label": "Abstracts",
        "label_singular": "Abstract",
        "folder": "abstracts",
        "path": "{{fields.volume}}/{{slug}}"
        if continuous
        else "{{fields.volume}}/{{fields.issue}}/{{slug}}",
        "slug": "{{title}}",
        "identifier_field": "title",
        "summary": "{{title}} ({{volume}})" if continuous else "{{title}} ({{volume}}.{{issue}})",
        **COMMON,
        **BESIDE,
        "fields": [*fields, _body("abstract")],
    }


def _authors() -> dict[str, Any]:
    return {
        "name": "authors",
        "label": "Authors",
        "label_singular": "Author",
        "folder": "authors",
        "slug": "{{name}}",
        "identifier_field": "name",
        **COMMON,
        **BESIDE,
        "fields": [*_fields("author", build_schema("author")), _body("author")],
    }


def _issues(continuous: bool = False) -> dict[str, Any]:
    """issues.yml: one list at the root of the file; covers are saved in docs/. In a continuous
    journal its items describe volumes (no issue field)."""
    kind = "volumes" if continuous else "issues"
    label = kind.capitalize()
    issues = {
        "name": "issues",
        "label": label,
        "widget": "list",
        "root": True,
        "fields": _fields(kind, build_schema("issues", continuous=continuous)["items"]),
    }
    file: dict[str, Any] = {
        "name": "issues",
        "label": f"{label} (issues.yml)",
        "file": "issues.yml",
    }
    file |= {"format": "yaml", "media_folder": "/docs", "public_folder": "", "fields": [issues]}
    return {"name": "issues", "label": label, "files": [file]}


def cms_config(
    repo: str,
    branch: str = "main",
    site_url: str = "",
    *,
    continuous: bool = False,
    types: tuple[ArticleType, ...] = DEFAULT_TYPES,
) -> dict[str, Any]:
    """The configuration for a GitHub repository "owner/name" whose default branch is `branch`
    (`continuous`: the journal publishes continuously, its abstracts have no issue)."""
    return {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": branch,
            # Every save opens a pull request from its own branch; main moves only on merge.
            "cms_label_prefix": "sveltia-cms/",
        },
        "publish_mode": "editorial_workflow",
        "site_url": site_url,
        "media_folder": "docs",
        "public_folder": "",
        "media_libraries": {"default": {"config": {"slugify_filename": True}}},
        "slug": {"encoding": "ascii", "clean_accents": True, "maxlength": 60},
        "output": {"omit_empty_optional_fields": True},
        "collections": [_abstracts(continuous, types), _authors(), _issues(continuous)],
    }


def cms_config_yaml(
    repo: str,
    branch: str = "main",
    site_url: str = "",
    *,
    continuous: bool = False,
    types: tuple[ArticleType, ...] = DEFAULT_TYPES,
) -> str:
    header = "# Made by the build (src/journal/cms.py) from the front-matter schema; do not edit.\n"
    config = cms_config(repo, branch, site_url, continuous=continuous, types=types)
    body = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    return header + body


ADMIN_PAGE = """<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Editors' desk · {title}</title>
</head>
<body>
<script src="{bundle}"></script>
</body>
</html>
"""


def admin_page(title: str, language: str = "en") -> str:
    """admin/index.html: loads the bundle copied beside it (never a script from a CDN)."""
    return ADMIN_PAGE.format(title=escape(title), language=escape(language), bundle=BUNDLE)


GITHUB_REPO = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def repo_of(repo_url: str) -> str | None:
    """ "owner/name" from mkdocs.yml's `repo_url`, if it names a GitHub repository."""
    found = GITHUB_REPO.match(repo_url or "")
    return found.group(1) if found else None


def _line_of_setting(config_file: Path) -> int:
    """The line of `cms:` in mkdocs.yml (1 when it cannot be found)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    found = [n for n, text in enumerate(lines, 1) if text.lstrip().startswith("cms:")]
    return found[0] if found else 1


def _copy_admin(root: Path, admin: Path, repo: str, settings: Any) -> None:
    """The bundle, its fonts (served from admin/fonts/, not a CDN), the page and its config."""
    (admin / "fonts").mkdir(parents=True, exist_ok=True)
    bundle = (root / BUNDLE_SOURCE).read_text(encoding="utf-8")
    for url, source in FONTS.items():
        name = source.rsplit("/", 1)[-1]
        shutil.copyfile(root / "node_modules" / source, admin / "fonts" / name)
        bundle = bundle.replace(url, f"fonts/{name}")
    (admin / BUNDLE).write_text(bundle, encoding="utf-8")
    config = cms_config_yaml(
        repo,
        site_url=settings.site_url,
        continuous=settings.continuous,
        types=settings.article_types,
    )
    (admin / "config.yml").write_text(config, encoding="utf-8")
    page = admin_page(settings.title, settings.language)
    (admin / "index.html").write_text(page, encoding="utf-8")


def write_admin(config_file: Path, site_dir: Path, repo_url: str, settings: Any) -> Problem | None:
    """Write admin/ into the built site; the problem that stops it, if one does."""
    root = config_file.parent
    repo = repo_of(repo_url)
    bundle = root / BUNDLE_SOURCE
    if repo is None:
        message = (
            "the editor at /admin/ needs the journal's GitHub repository. Set "
            "repo_url: https://github.com/<owner>/<name> in mkdocs.yml, or remove `cms: true`."
        )
    elif not bundle.is_file():
        message = (
            f"{BUNDLE_SOURCE} is missing, so /admin/ cannot be built. Run `npm ci` (or "
            "`make browser-deps`) in the journal's folder, or remove `cms: true`."
        )
    elif missing := [f for f in FONTS.values() if not (root / "node_modules" / f).is_file()]:
        message = (
            f"node_modules/{missing[0]} is missing, so /admin/ cannot be built. Run `npm ci` "
            "(or `make browser-deps`) in the journal's folder, or remove `cms: true`."
        )
    else:
        _copy_admin(root, site_dir / ADMIN, repo, settings)
        return None
    line = _line_of_setting(config_file)
    return Problem(path="mkdocs.yml", line=line, field="extra.journal.cms", message=message)
