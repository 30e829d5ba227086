"""The journal's settings (`extra.journal` in mkdocs.yml): their table and their rules."""

from __future__ import annotations

import difflib
import re
from typing import Any
from urllib.parse import urlsplit

from .article_types import DEFAULT_NAMES, DEFAULT_TYPES, ArticleType, default_type, journal_type
from .fields import (
    Checker,
    Invalid,
    Reported,
    parse_choice,
    parse_doi,
    parse_email,
    parse_flag,
    parse_image_path,
    parse_issn,
    parse_mapping,
    parse_text,
    parse_title,
    parse_url,
    show,
)
from .languages import NAMES
from .loading import RawEntry
from .model import PUBLICATION_MODES, MediaPartner, Settings
from .problems import Problem
from .validation import Parser, _quiet, _read_fields, parse_license

PREFIX = "extra.journal"


def parse_doi_prefix(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    if not (
        text.startswith("10.")
        and text[3:].isascii()
        and text[3:].isdigit()
        and 4 <= len(text) - 3 <= 9
    ):
        raise Invalid(
            f'"{text}" is not a DOI prefix. Write 10. followed by 4 to 9 digits, e.g. "10.4172".'
        )
    return text


def parse_language(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value) if not isinstance(value, bool) else ""
    if isinstance(value, bool):
        raise Invalid(
            f"{str(value).lower()} was read as yes/no (YAML reads `no` as false). "
            'Put the code in quotes, e.g. language: "no".'
        )
    if text not in NAMES:
        raise Invalid(f'"{text}" is not a two-letter ISO 639-1 language code. Write e.g. "en".')
    return text


def parse_color(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})", text):
        raise Invalid(f'"{text}" is not a colour. Write a hex colour in quotes, e.g. "#3f51b5".')
    return text.lower()


def parse_partner(ch: Checker, key: str, value: Any) -> MediaPartner:
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, PARTNER_FIELDS)
    if "name" not in values or "url" not in values:
        raise Reported
    return MediaPartner(**values)


def parse_partners(ch: Checker, key: str, value: Any) -> tuple[MediaPartner, ...]:
    if not isinstance(value, list):
        raise Invalid("expected a list, one `- name: …` item per partner.")
    items = [_quiet(ch, f"{key}[{n}]", v, parse_partner) for n, v in enumerate(value, 1)]
    return tuple(i for i in items if i)


def _known_type(text: str) -> ArticleType:
    found = default_type(text)
    if found is None:
        close = difflib.get_close_matches(text, DEFAULT_NAMES, n=1, cutoff=0.6)
        hint = (
            f'Did you mean "{close[0]}"?'
            if close
            else "Use one of: " + ", ".join(DEFAULT_NAMES) + "."
        )
        raise Invalid(
            f"{show(text)} is not a type of the default list (README, Article types). {hint} "
            "A type of the journal's own is written `- name: …` with `like:` a default type."
        )
    return found


def parse_article_type(ch: Checker, key: str, value: Any) -> ArticleType:
    """`- Book Review` (a default type), or `- {name, like, plural, needs_abstract}`."""
    if not isinstance(value, dict):
        return _known_type(parse_title(ch, key, value))
    values = _read_fields(ch, key, value, ARTICLE_TYPE_FIELDS)
    if "name" not in values or "like" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    made = journal_type(
        values["name"],
        values["like"],
        values.get("plural", ""),
        values.get("needs_abstract"),
    )
    if made is None:
        ch.parse(f"{key}.like", values["like"], lambda c, k, v: _known_type(v))
        raise Reported
    return made


def parse_article_types(ch: Checker, key: str, value: Any) -> tuple[ArticleType, ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(
            "expected a list of article types in table-of-contents order, e.g. "
            "article_types: [Editorial, Research Article, Book Review]."
        )
    types: list[ArticleType] = []
    for n, item in enumerate(value, 1):
        found = _quiet(ch, f"{key}[{n}]", item, parse_article_type)
        if found is None:
            continue
        if any(t.name == found.name for t in types):
            ch.report(f"{key}[{n}]", f'"{found.name}" is listed twice. Remove one of the two.')
            continue
        types.append(found)
    if not types:
        raise Reported
    return tuple(types)


def article_types_of(entry: RawEntry) -> tuple[ArticleType, ...]:
    """The journal's article types alone, as `journal schema` needs them: the default list
    when `article_types` is unset or unreadable (`journal check` reports why)."""
    data = entry.meta.get(PREFIX)
    if not isinstance(data, dict) or "article_types" not in data:
        return DEFAULT_TYPES
    try:
        return parse_article_types(Checker(entry), f"{PREFIX}.article_types", data["article_types"])
    except Invalid:
        return DEFAULT_TYPES


ARTICLE_TYPE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_title, True),
    "like": (parse_text, True),
    "plural": (parse_title, False),
    "needs_abstract": (parse_flag, False),
}

PARTNER_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_text, True),
    "url": (parse_url, True),
    "logo": (parse_image_path, False),
    "description": (parse_text, False),
}

SETTINGS_FIELDS: dict[str, tuple[Parser, bool]] = {
    "title": (parse_text, True),
    "abbreviation": (parse_text, True),
    "issn_print": (parse_issn, False),
    "issn_online": (parse_issn, False),
    "publisher": (parse_text, False),
    "doi_prefix": (parse_doi_prefix, False),
    "language": (parse_language, False),
    "license": (parse_license, False),
    "description": (parse_text, False),
    "submission_url": (parse_url, False),
    "tracking_url": (parse_url, False),
    "contact_email": (parse_email, False),
    "media_partners": (parse_partners, False),
    "logo": (parse_image_path, False),
    "primary_color": (parse_color, False),
    "accent_color": (parse_color, False),
    "depositor_name": (parse_text, False),
    "depositor_email": (parse_email, False),
    "registrant": (parse_text, False),
    "pdf": (parse_flag, False),
    "pdf_email": (parse_flag, False),
    "crossmark_policy": (parse_doi, False),
    "article_types": (parse_article_types, False),
    "cms": (parse_flag, False),
    "publication": (parse_choice(PUBLICATION_MODES), False),
    "require_corresponding_email": (parse_flag, False),
}


def check_settings(entry: RawEntry, site_url: str = "") -> tuple[Settings | None, list[Problem]]:
    """Read `extra.journal`, reporting every problem against mkdocs.yml."""
    ch = Checker(entry)
    data = entry.meta.get(PREFIX)
    if not isinstance(data, dict):
        sections = [k.removeprefix("extra.") for k in entry.lines if k.count(".") == 1]
        close = difflib.get_close_matches("journal", sections, n=1, cutoff=0.6)
        if close and "journal" not in sections:
            ch.report(
                f"extra.{close[0]}",
                f'unknown section "{close[0]}". Did you mean "journal"? The journal\'s '
                "settings go under `extra: journal:`.",
            )
            return None, ch.problems
        ch.report(
            PREFIX,
            "missing. Add the journal's settings under `extra: journal:` in "
            "mkdocs.yml (at least title and abbreviation); see the README.",
        )
        return None, ch.problems
    values = _read_fields(ch, PREFIX, data, SETTINGS_FIELDS)
    if not site_url.strip():
        ch.report("site_url", SITE_URL_MISSING)
    if any(p.is_error for p in ch.problems):
        return None, ch.problems
    return Settings(site_url=site_url, **values), ch.problems


SITE_URL_MISSING = (
    "missing. Crossref deposits, the citation_abstract_html_url tags, the feed and the "
    "citation files need the site's full address. Add `site_url: !ENV [JOURNAL_SITE_URL, "
    "https://your-journal.org/]` to mkdocs.yml with your journal's address (deploy.yml "
    "sets JOURNAL_SITE_URL to GitHub Pages' address)."
)
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "localhost", "127.0.0.1")


def is_placeholder_url(site_url: str) -> bool:
    """Whether the address is a placeholder (example.org, localhost), not a real site's."""
    host = (urlsplit(site_url.strip()).hostname or "").lower()
    return any(host == name or host.endswith("." + name) for name in PLACEHOLDER_HOSTS)


def check_deploy_url(entry: RawEntry, site_url: str) -> list[Problem]:
    """The deploy's rule (`journal check --deploy`): the site's address must be real."""
    ch = Checker(entry)
    if site_url.strip() and is_placeholder_url(site_url):
        ch.report(
            "site_url",
            f'"{site_url}" is a placeholder address: the deployed site would give it in '
            "its canonical links, Crossref deposits, feed and citations. Write the journal's "
            "own address as the default of site_url in mkdocs.yml (`site_url: !ENV "
            "[JOURNAL_SITE_URL, https://your-journal.org/]`), or set JOURNAL_SITE_URL "
            "(deploy.yml sets it to GitHub Pages' address).",
        )
    return ch.problems
