"""The journal's settings (`extra.journal` in mkdocs.yml): their table and their rules."""

from __future__ import annotations

import difflib
import re
from typing import Any

from .fields import (
    Checker,
    Invalid,
    Reported,
    parse_email,
    parse_flag,
    parse_image_path,
    parse_issn,
    parse_mapping,
    parse_text,
    parse_url,
)
from .loading import RawEntry
from .model import License, MediaPartner, Settings
from .problems import Problem
from .validation import Parser, _quiet, _read_fields

PREFIX = "extra.journal"
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "zh", "ja", "ar", "fa", "tr", "pl")


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
    if len(text) != 2 or not text.isalpha() or not text.islower():
        raise Invalid(f'"{text}" is not a two-letter ISO 639-1 language code. Write e.g. "en".')
    return text


def parse_license(ch: Checker, key: str, value: Any) -> License:
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, LICENSE_FIELDS)
    if "name" not in values or "url" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    return License(**values)


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


LICENSE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_text, True),
    "url": (parse_url, True),
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
    "cms": (parse_flag, False),
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
    if any(p.is_error for p in ch.problems):
        return None, ch.problems
    return Settings(site_url=site_url, **values), ch.problems
