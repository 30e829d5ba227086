"""The rules one file must follow on its own; cross-file rules live in assembly.py.

Each `check_*` function reads one RawEntry, reports every problem it finds (it never stops at
the first) and returns the typed values it could read.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .article_types import DEFAULT_NAMES, DEFAULT_TYPES, ArticleType
from .fields import (
    DOI,
    EMAIL_IN_TEXT,
    MAX_SLUG,
    ROR,
    SLUG,
    Checker,
    Invalid,
    Reported,
    parse_choice,
    parse_code,
    parse_date,
    parse_doi,
    parse_email,
    parse_flag,
    parse_image_path,
    parse_mapping,
    parse_number,
    parse_orcid,
    parse_pages,
    parse_ror,
    parse_text,
    parse_text_list,
    parse_title,
    parse_url,
    show,
)
from .formatting import format_volume_issue
from .languages import NAMES as LANGUAGE_NAMES
from .languages import TAG as LANGUAGE_TAG
from .licences import NAMES as LICENCE_NAMES
from .licences import licence_named
from .loading import RawEntry
from .model import (
    UPDATE_KINDS,
    Affiliation,
    Author,
    Conference,
    Funding,
    License,
    Reference,
    Translation,
)
from .problems import Problem
from .sanitize import check_markup

PLACEHOLDER_ABSTRACT = "Write the abstract here."
"""The body `journal new abstract` writes."""
MAX_AUTHORS = 5_000
"""Consortium papers list over 1,000 authors; none lists this many."""
MAX_AFFILIATIONS = 50
MAX_BODY_WORDS = 5_000
MAX_BODY_CHARS = 60_000
MAX_REFERENCES = 2_000
"""Large reviews cite a few hundred works; none this many."""
MAX_REFERENCE_CHARS = 3_000
MAX_FUNDERS = 100
MAX_STATEMENT_CHARS = 20_000
"""Competing interests, data availability and the plain-language summary."""
MAX_TRANSLATIONS = 30
FUNDER_DOI_PREFIX = "10.13039/"
"""Crossref Funder IDs are DOIs with this prefix (the Open Funder Registry)."""

Parser = Callable[[Checker, str, Any], Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorRef:
    """An abstract's reference to an author file, before it is resolved."""

    id: str
    key: str
    """Where it was written, e.g. "authors[2]"."""
    affiliations: tuple[Affiliation, ...] | None = None
    is_corresponding: bool = False
    group: str = ""
    """A group author's name (`- group: …`); `id` is then empty."""
    members: tuple[tuple[str, str], ...] = ()
    """A group's members: (author id, where it was written, e.g. "authors[3].members[2]")."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedAbstract:
    """An abstract's typed fields, its author references still unresolved."""

    entry: RawEntry
    slug: str
    fields: dict[str, Any]
    refs: tuple[AuthorRef, ...]
    updates: tuple[UpdateRef, ...] = ()


def parse_affiliation(ch: Checker, key: str, value: Any) -> Affiliation:
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, AFFILIATION_FIELDS)
    if "name" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    return Affiliation(**values)


def parse_affiliations(ch: Checker, key: str, value: Any) -> tuple[Affiliation, ...]:
    if not isinstance(value, list):
        raise Invalid(f"expected a list of institutions, one `- name: …` per line, under {key}:.")
    if len(value) > MAX_AFFILIATIONS:
        raise Invalid(
            f"lists {len(value):,} institutions; the limit is {MAX_AFFILIATIONS}. Keep the "
            "author's own institutions."
        )
    items = [_quiet(ch, f"{key}[{n}]", v, parse_affiliation) for n, v in enumerate(value, 1)]
    return tuple(i for i in items if i)


def _quiet(ch: Checker, key: str, value: Any, parser: Parser) -> Any:
    """Parse a nested item whose own parser already reported its problems."""
    try:
        return parser(ch, key, value)
    except Reported:
        return None
    except Invalid as exc:
        ch.report(key, str(exc))
        return None


def parse_author_id(ch: Checker, key: str, value: Any) -> str:
    """An author id: the name of a file in authors/ without .md."""
    text = parse_text(ch, key, value)
    if not SLUG.fullmatch(text) or len(text) > MAX_SLUG:
        raise Invalid(
            f'"{text}" is not an author id. Ids are the file names in authors/ without '
            ".md: lowercase letters, digits and hyphens, e.g. jane-doe."
        )
    return text


def parse_group_ref(ch: Checker, key: str, data: dict[str, Any]) -> AuthorRef:
    """`- group: "ICGC Breast Cancer Group"`, optionally with `members: [author ids]`."""
    values = _read_fields(ch, key, data, GROUP_REF_FIELDS)
    if "group" not in values:
        raise Reported  # empty: reported by _read_fields
    members = values.get("members", ())
    seen: dict[str, str] = {}
    for member_id, where in members:
        if member_id in seen:
            ch.report(
                where,
                f'"{member_id}" is listed twice among the members (also at {seen[member_id]}). '
                "Remove one of the two.",
            )
        seen.setdefault(member_id, where)
    return AuthorRef(id="", key=key, group=values["group"], members=members)


def parse_members(ch: Checker, key: str, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(
            "expected a list of the members' author ids, e.g. members: [jane-doe, john-smith]."
        )
    if len(value) > MAX_AUTHORS:
        raise Invalid(f"lists {len(value):,} members; the limit is {MAX_AUTHORS:,}.")
    ids = [
        (_quiet(ch, f"{key}[{n}]", v, parse_author_id), f"{key}[{n}]")
        for n, v in enumerate(value, 1)
    ]
    return tuple((i, where) for i, where in ids if i)


def parse_author_ref(ch: Checker, key: str, value: Any) -> AuthorRef:
    if not isinstance(value, dict):
        return AuthorRef(id=parse_author_id(ch, key, value), key=key)
    data = parse_mapping(ch, key, value)
    if "group" in data and "id" not in data:
        return parse_group_ref(ch, key, data)
    ch.check_keys(key, data, AUTHOR_REF_FIELDS, _required(AUTHOR_REF_FIELDS))
    author_id = None  # missing or empty (null): reported by check_keys
    if data.get("id") is not None:
        author_id = ch.parse(f"{key}.id", data["id"], parse_author_id)
    if not author_id:
        raise Reported
    affiliations = None
    if "affiliations" in data:
        affiliations = ch.parse(f"{key}.affiliations", data["affiliations"], parse_affiliations)
    corresponding = (
        ch.parse(f"{key}.corresponding", data["corresponding"], parse_flag)
        if "corresponding" in data
        else False
    )
    return AuthorRef(
        id=author_id, key=key, affiliations=affiliations, is_corresponding=bool(corresponding)
    )


def parse_author_refs(ch: Checker, key: str, value: Any) -> tuple[AuthorRef, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise Invalid("expected a list of author ids, e.g. authors: [jane-doe, john-smith].")
    if len(value) > MAX_AUTHORS:
        raise Invalid(
            f"lists {len(value):,} authors; the limit is {MAX_AUTHORS:,}. A consortium "
            "with more members is listed as its group name."
        )
    refs = [_quiet(ch, f"{key}[{n}]", v, parse_author_ref) for n, v in enumerate(value, 1)]
    return tuple(r for r in refs if r)


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateRef:
    """One item of `updates:`, before the article it names is looked up."""

    kind: str
    doi: str
    slug: str
    key: str
    """Where it was written, e.g. "updates[1]"."""


def parse_update(ch: Checker, key: str, value: Any) -> UpdateRef:
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, UPDATE_FIELDS)
    if ("doi" in values) == ("slug" in values):
        if "doi" not in data and "slug" not in data:
            ch.report(key, "names no article. Add `doi:` (or `slug:`) of the article it updates.")
        elif "doi" in values:
            ch.report(key, "has both doi and slug. Keep one of the two.")
        raise Reported
    if "type" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    return UpdateRef(
        kind=values["type"], doi=values.get("doi", ""), slug=values.get("slug", ""), key=key
    )


def parse_updates(ch: Checker, key: str, value: Any) -> tuple[UpdateRef, ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(
            "expected a list, e.g. updates: [{doi: 10.5555/x.1, type: correction}] (or slug: "
            "instead of doi: for an article of this journal without one)."
        )
    items = [_quiet(ch, f"{key}[{n}]", v, parse_update) for n, v in enumerate(value, 1)]
    return tuple(i for i in items if i)


def parse_statement(ch: Checker, key: str, value: Any) -> str:
    """A paragraph or a few of Markdown, e.g. competing interests or a plain summary."""
    text = parse_text(ch, key, value)
    if len(text) > MAX_STATEMENT_CHARS:
        raise Invalid(
            f"is {len(text):,} characters long; the limit is {MAX_STATEMENT_CHARS:,}. Shorten it."
        )
    problems = check_markup(text)
    if problems:
        raise Invalid(problems[0])
    return text


def _too_long(text: str) -> str:
    """Why a text is longer than an abstract may be ("has 5,001 words; the limit is 5,000.
    Shorten it."), or "" when it is not: the abstract's text and its translations."""
    words = len(text.split())
    if words > MAX_BODY_WORDS:
        return f"has {words:,} words; the limit is {MAX_BODY_WORDS:,}. Shorten it."
    if len(text) > MAX_BODY_CHARS:
        return f"has {len(text):,} characters; the limit is {MAX_BODY_CHARS:,}. Shorten it."
    return ""


def parse_long_text(ch: Checker, key: str, value: Any) -> str:
    """A text as long as the abstract itself (a translated abstract), in Markdown."""
    text = parse_text(ch, key, value)
    too_long = _too_long(text)
    if too_long:
        raise Invalid(too_long)
    problems = check_markup(text)
    if problems:
        raise Invalid(problems[0])
    return text


def parse_reference_text(ch: Checker, key: str, value: Any) -> str:
    text = " ".join(parse_text(ch, key, value).split())
    if len(text) > MAX_REFERENCE_CHARS:
        raise Invalid(
            f"is {len(text):,} characters long; the limit is {MAX_REFERENCE_CHARS:,}. One "
            "item is one reference: split it."
        )
    return text


def parse_reference(ch: Checker, key: str, value: Any) -> Reference:
    """`- "Smith J. Title. J Foo. 2020;1:2."` or `- {text: "…", doi: 10.…}`."""
    if not isinstance(value, dict):
        return Reference(text=parse_reference_text(ch, key, value))
    values = _read_fields(ch, key, value, REFERENCE_FIELDS)
    if "text" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    return Reference(**values)


def parse_references(ch: Checker, key: str, value: Any) -> tuple[Reference, ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(
            'expected a list, one reference per item: `- "Smith J. Title. J Foo. 2020;1:2."`, '
            'or `- {text: "…", doi: 10.1234/abc}` with its DOI.'
        )
    if len(value) > MAX_REFERENCES:
        raise Invalid(f"lists {len(value):,} references; the limit is {MAX_REFERENCES:,}.")
    items = [_quiet(ch, f"{key}[{n}]", v, parse_reference) for n, v in enumerate(value, 1)]
    return tuple(i for i in items if i)


def parse_funder_id(ch: Checker, key: str, value: Any) -> str:
    """A Crossref Funder ID (a DOI 10.13039/…) or a ROR id, as https://ror.org/…."""
    text = parse_text(ch, key, value)
    bare = text.removeprefix("https://doi.org/").removeprefix("http://dx.doi.org/")
    bare = bare.removeprefix("doi:")
    if bare.startswith(FUNDER_DOI_PREFIX):
        if not DOI.fullmatch(bare):
            raise Invalid(
                f"{show(text)} is not a complete Crossref Funder ID. Write 10.13039/ and the "
                'funder\'s number, e.g. "10.13039/100000054".'
            )
        return bare
    if ROR.fullmatch(text):
        return parse_ror(ch, key, text)
    hint = (
        f"It is a DOI, but not in the Funder Registry (those start with {FUNDER_DOI_PREFIX})."
        if DOI.fullmatch(bare)
        else "It is neither."
    )
    raise Invalid(
        f"{show(text)} is not a funder id: write a Crossref Funder ID "
        f'(e.g. "10.13039/100000054") or a ROR id (e.g. https://ror.org/02t771148). {hint} '
        "Look the funder up at https://search.crossref.org/funding or https://ror.org/, or "
        "remove funder_id."
    )


def parse_funding_item(ch: Checker, key: str, value: Any) -> Funding:
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, FUNDING_FIELDS)
    if "funder" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    return Funding(**values)


def parse_funding(ch: Checker, key: str, value: Any) -> tuple[Funding, ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(
            'expected a list, one funder per item: `- funder: "National Cancer Institute"` '
            "(with funder_id: and awards: under it)."
        )
    if len(value) > MAX_FUNDERS:
        raise Invalid(f"lists {len(value):,} funders; the limit is {MAX_FUNDERS}.")
    items = [_quiet(ch, f"{key}[{n}]", v, parse_funding_item) for n, v in enumerate(value, 1)]
    return tuple(i for i in items if i)


def parse_license(ch: Checker, key: str, value: Any) -> License:
    """A licence of the table by name or address ("CC BY 4.0"), or `{name, url}` of another."""
    if isinstance(value, dict):
        values = _read_fields(ch, key, value, LICENSE_FIELDS)
        if "name" not in values or "url" not in values:
            raise Reported  # missing or empty: reported by _read_fields
        return License(**values)
    text = parse_text(ch, key, value)
    found = licence_named(text)
    if found is not None:
        return found
    close = difflib.get_close_matches(text.upper(), LICENCE_NAMES, n=1, cutoff=0.6)
    hint = f'Did you mean "{close[0]}"?' if close else "Known licences: CC BY 4.0, CC0 1.0, …"
    raise Invalid(
        f"{show(text)} is not a licence the journal knows (README, Licences). {hint} "
        "For another licence write its name and address: {name: …, url: https://…}."
    )


def parse_language_code(ch: Checker, key: str, value: Any) -> str:
    """An ISO 639-1 code ("fr"), optionally with a region or script ("pt-BR", "zh-Hant")."""
    if isinstance(value, bool):
        raise Invalid(
            f"{str(value).lower()} was read as yes/no (YAML reads `no` as false). "
            'Put the code in quotes, e.g. "no".'
        )
    text = parse_text(ch, key, value)
    match = LANGUAGE_TAG.fullmatch(text)
    if match and match.group(1) in LANGUAGE_NAMES:
        return text
    if text.lower() in LANGUAGE_NAMES:
        raise Invalid(f'"{text}": language codes are lowercase. Write "{text.lower()}".')
    by_name = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()}
    named = by_name.get(text.casefold())
    close = difflib.get_close_matches(text.lower(), list(LANGUAGE_NAMES), n=1, cutoff=0.5)
    hint = (
        f'{text} is written "{named}".'
        if named
        else f'Did you mean "{close[0]}" ({LANGUAGE_NAMES[close[0]]})?'
        if close
        else 'Write e.g. "fr" for French, "es" for Spanish.'
    )
    raise Invalid(
        f"{show(text)} is not a language code (ISO 639-1: two lowercase letters, "
        f'optionally a region, e.g. "pt-BR"). {hint}'
    )


def parse_translation(ch: Checker, key: str, value: Any) -> Translation:
    if value is None or value == {}:
        raise Invalid(
            "is empty. Write the translated `title:` and/or `abstract:` under it, or remove it."
        )
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, TRANSLATION_FIELDS)
    if not values:
        if all(name in TRANSLATION_FIELDS for name in data):  # else: unknown, reported
            ch.report(key, "is empty. Write the translated `title:` and/or `abstract:` under it.")
        raise Reported
    language = key.rsplit(".", 1)[-1]
    return Translation(language=language, **values)


def parse_translations(ch: Checker, key: str, value: Any) -> tuple[Translation, ...]:
    if not isinstance(value, dict) or not value:
        raise Invalid(
            "expected one language code per line, each with its title and abstract, e.g. "
            'translations: {fr: {title: "…", abstract: "…"}}.'
        )
    if len(value) > MAX_TRANSLATIONS:
        raise Invalid(f"has {len(value)} languages; the limit is {MAX_TRANSLATIONS}.")
    items = []
    for code, item in value.items():
        where = f"{key}.{code}"
        if _quiet(ch, where, code, parse_language_code) is None:
            continue
        items.append(_quiet(ch, where, item, parse_translation))
    return tuple(i for i in items if i)


def parse_conference(ch: Checker, key: str, value: Any) -> Conference:
    data = parse_mapping(ch, key, value)
    values = _read_fields(ch, key, data, CONFERENCE_FIELDS)
    if "name" not in values:
        raise Reported  # missing or empty: reported by _read_fields
    return Conference(**values)


def _required(table: dict[str, tuple[Parser, bool]]) -> list[str]:
    return [name for name, (_, required) in table.items() if required]


AFFILIATION_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_text, True),
    "country": (parse_text, False),
    "ror": (parse_ror, False),
}

AUTHOR_REF_FIELDS: dict[str, tuple[Parser, bool]] = {
    "id": (parse_author_id, True),
    "corresponding": (parse_flag, False),
    "affiliations": (parse_affiliations, False),
}

GROUP_REF_FIELDS: dict[str, tuple[Parser, bool]] = {
    "group": (parse_title, True),
    "members": (parse_members, False),
}

UPDATE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "doi": (parse_doi, False),
    "slug": (parse_author_id, False),
    "type": (parse_choice(UPDATE_KINDS), True),
}

REFERENCE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "text": (parse_reference_text, True),
    "doi": (parse_doi, False),
}

FUNDING_FIELDS: dict[str, tuple[Parser, bool]] = {
    "funder": (parse_title, True),
    "funder_id": (parse_funder_id, False),
    "awards": (parse_text_list, False),
}

LICENSE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_text, True),
    "url": (parse_url, True),
}

TRANSLATION_FIELDS: dict[str, tuple[Parser, bool]] = {
    "title": (parse_title, False),
    "abstract": (parse_long_text, False),
}

CONFERENCE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_text, True),
    "place": (parse_text, False),
    "dates": (parse_text, False),
}

ABSTRACT_FIELDS: dict[str, tuple[Parser, bool]] = {
    "title": (parse_title, True),
    "authors": (parse_author_refs, True),
    "volume": (parse_number, True),
    "issue": (parse_number, True),
    "year": (parse_number, True),
    "published": (parse_date, True),
    "received": (parse_date, False),
    "accepted": (parse_date, False),
    "type": (parse_choice(DEFAULT_NAMES), True),  # the journal's list: abstract_fields
    "doi": (parse_doi, False),
    "keywords": (parse_text_list, False),
    "pages": (parse_pages, False),
    "article_number": (parse_code, False),
    "conference": (parse_conference, False),
    "updates": (parse_updates, False),
    "references": (parse_references, False),
    "funding": (parse_funding, False),
    "competing_interests": (parse_statement, False),
    "data_availability": (parse_statement, False),
    "license": (parse_license, False),
    "plain_summary": (parse_statement, False),
    "translations": (parse_translations, False),
    "draft": (parse_flag, False),
}

AUTHOR_FIELDS: dict[str, tuple[Parser, bool]] = {
    "name": (parse_title, True),
    "given": (parse_title, False),
    "family": (parse_title, False),
    "degrees": (parse_text, False),
    "orcid": (parse_orcid, False),
    "email": (parse_email, False),
    "affiliations": (parse_affiliations, False),
    "photo": (parse_image_path, False),
}

ISSUE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "volume": (parse_number, True),
    "issue": (parse_number, True),
    "title": (parse_title, False),
    "published": (parse_date, False),
    "description": (parse_text, False),
    "cover": (parse_image_path, False),
}


def _read_fields(
    ch: Checker, prefix: str, data: dict[str, Any], table: dict[str, tuple[Parser, bool]]
) -> dict[str, Any]:
    ch.check_keys(prefix, data, table, [k for k, (_, req) in table.items() if req])
    values = {}
    for name, (parser, _) in table.items():
        given = data.get(name)
        if given is not None:
            value = _quiet(ch, f"{prefix}.{name}" if prefix else name, given, parser)
            if value is not None:
                values[name] = value
    return values


def slug_of(ch: Checker, path: str) -> str:
    """The file name without .md, which must be a safe URL slug."""
    slug = path.rsplit("/", 1)[-1].removesuffix(".md")
    if not SLUG.fullmatch(slug):
        ch.report(
            "file name",
            f"{show(slug)} is not a valid slug. Rename the file to lowercase "
            "letters, digits and hyphens, e.g. smith-glioma-2017.md.",
        )
    elif len(slug) > MAX_SLUG:
        ch.report(
            "file name",
            f"the file name is {len(slug)} characters long; the limit is {MAX_SLUG} (the "
            "site makes longer file names from it). Rename the file to a shorter slug.",
        )
    return slug


def check_body(ch: Checker, what: str, *, required: bool) -> None:
    body = ch.entry.body
    empty = not body or body.isspace()  # no words (str.split's whitespace is isspace's)

    def report(line: int, message: str) -> None:
        ch.problems.append(Problem(path=ch.entry.path, line=line, field="body", message=message))

    if required and empty:
        report(ch.entry.body_line, f"the {what} is missing. Write it below the closing --- line.")
    too_long = _too_long(body)
    if too_long:
        report(ch.entry.body_line, f"the {what} {too_long}")
    for message in check_markup(body):
        report(ch.entry.body_line, f"the {what} {message}")
    # The pattern backtracks through every word: look only in texts with an @ in them.
    for match in EMAIL_IN_TEXT.finditer(body) if "@" in body else ():
        report(
            ch.entry.body_line + body.count("\n", 0, match.start()),
            (
                f'contains the e-mail address "{match.group()}". Addresses in the text are '
                "harvested by spam robots; remove it (an author's address belongs in the email: "
                "field of their file in authors/, which the site shows protected)."
            ),
        )


def _holds_at(value: Any) -> bool:
    """Whether any text in `value` (nested dicts and lists) has an @ in it."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "@" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def check_no_emails(ch: Checker, value: Any, key: str = "") -> None:
    """Report e-mail addresses written in fields other than `email` (they would be shown)."""
    if not key and not _holds_at(value):
        return  # the common case, without a field path made for every value
    if isinstance(value, dict):
        for name, item in value.items():
            check_no_emails(ch, item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            check_no_emails(ch, item, f"{key}[{number}]")
    elif isinstance(value, str) and "@" in value and not key.endswith("email"):
        match = EMAIL_IN_TEXT.search(value)
        if match:
            ch.report(
                key,
                f'contains the e-mail address "{match.group()}", which would be '
                "shown to spam robots. Remove it; an author's address belongs in the "
                "email: field of their file in authors/.",
            )


def check_folder(ch: Checker, values: dict[str, Any]) -> None:
    """An abstract filed under abstracts/<volume>/<issue>/ must be of that issue.

    The partial preview (JOURNAL_ONLY_ISSUES) reads issues by folder, so a misfiled
    abstract would silently miss it.
    """
    parts = ch.entry.path.split("/")
    if len(parts) != 4 or not (parts[1].isdigit() and parts[2].isdigit()):
        return
    folder = (int(parts[1]), int(parts[2]))
    if "volume" in values and "issue" in values and folder != (values["volume"], values["issue"]):
        ch.report(
            "issue",
            f"the file is in the folder of issue {folder[0]}:{folder[1]} but says volume "
            f"{values['volume']}, issue {values['issue']}. Move it to "
            f"abstracts/{values['volume']}/{values['issue']}/, or correct volume and issue.",
            "warning",
        )


def check_continuous(ch: Checker, values: dict[str, Any]) -> None:
    """A continuous journal's abstract: in abstracts/<volume>/, of no issue, and of the
    year it was published in (a volume may span years)."""
    if "issue" in values:
        ch.report(
            "issue",
            "this journal publishes continuously (extra.journal.publication: continuous "
            "in mkdocs.yml): its articles belong to a volume only, with no issue "
            f"{values['issue']}. Remove the issue line (or set publication: issues if the "
            "journal has issues).",
        )
    published = values.get("published")
    if published is not None and "year" in values and values["year"] != published.year:
        ch.report(
            "year",
            f"{values['year']} is not the year of the published date ({published.isoformat()}). "
            "In a continuous journal an article's year is the year it was published; correct "
            "it, or remove the year line.",
        )
    if published is not None:
        values["year"] = published.year
    parts = ch.entry.path.split("/")
    volume = values.get("volume")
    where = f"abstracts/{volume if volume is not None else '<volume>'}/{parts[-1]}"
    if len(parts) == 3 and parts[1].isdigit():
        if volume is not None and int(parts[1]) != volume:
            ch.report(
                "volume",
                f"the file is in the folder of volume {parts[1]} but says volume {volume}. "
                f"Move it to {where}, or correct the volume.",
                "warning",
            )
        return
    ch.report(
        "file",
        f"{ch.entry.path} is not in a volume's folder: a continuous journal keeps each "
        f"abstract in abstracts/<volume>/<slug>.md, with no issue folder. Move it to {where}.",
        "warning",
    )


def check_repeated_authors(ch: Checker, refs: tuple[AuthorRef, ...]) -> None:
    """The same author twice in one author list is a slip (a copied line)."""
    first: dict[str, str] = {}
    for ref in refs:
        # A group's name, or a person's id; a group's members are no second listing of a
        # person who is also an author (real consortium papers do that).
        name = f"group {ref.group.casefold()}" if ref.group else ref.id
        if name in first:
            shown = ref.group or ref.id
            ch.report(
                ref.key,
                f'"{shown}" is listed twice (also at {first[name]}). Remove one of the two.',
            )
        first.setdefault(name, ref.key)


def abstract_fields(
    types: tuple[ArticleType, ...], continuous: bool = False
) -> dict[str, tuple[Parser, bool]]:
    """The abstract's field table with the journal's own article types; in a continuous
    journal `issue` and `year` are not required (the year is the published date's)."""
    table = dict(ABSTRACT_FIELDS)
    if types is not DEFAULT_TYPES:
        table["type"] = (parse_choice(tuple(t.name for t in types)), True)
    if continuous:
        table["issue"] = (parse_number, False)
        table["year"] = (parse_number, False)
    return table


def check_abstract(
    entry: RawEntry, types: tuple[ArticleType, ...] = DEFAULT_TYPES, *, continuous: bool = False
) -> tuple[ParsedAbstract | None, list[Problem]]:
    """Read an abstract's front matter and body, reporting every problem.

    `types` are the journal's article types (settings); whether the text is required
    depends on the type (a correction or notice may have none). `continuous`: the journal
    publishes continuously (no issues; `check_continuous`)."""
    ch = Checker(entry)
    slug = slug_of(ch, entry.path)
    values = _read_fields(ch, "", entry.meta, abstract_fields(types, continuous))
    kind = next((t for t in types if t.name == values.get("type")), None)
    check_body(ch, "abstract text", required=kind is None or kind.needs_abstract)
    check_no_emails(ch, entry.meta)
    dates = [(k, values[k]) for k in ("received", "accepted", "published") if k in values]
    for (early, a), (late, b) in itertools.pairwise(dates):
        if a > b:
            ch.report(
                late, f"{b.isoformat()} is before {early} ({a.isoformat()}). Check both dates."
            )
    if continuous:
        check_continuous(ch, values)
        values["issue"] = None
    else:
        check_folder(ch, values)
    refs = values.pop("authors", ())
    update_refs = values.pop("updates", ())
    check_repeated_authors(ch, refs)
    if entry.body.strip() == PLACEHOLDER_ABSTRACT and not values.get("draft"):
        ch.problems.append(
            Problem(
                path=entry.path,
                line=entry.body_line,
                field="body",
                message=f'still says "{PLACEHOLDER_ABSTRACT}", the text `journal new` writes. '
                "Replace it with the abstract, or mark the file `draft: true`.",
            )
        )
    if any(p.is_error for p in ch.problems):
        return None, ch.problems
    parsed = ParsedAbstract(
        entry=entry, slug=slug, fields=values, refs=tuple(refs), updates=tuple(update_refs)
    )
    return parsed, ch.problems


def looks_like_abstract(entry: RawEntry) -> bool:
    """Front matter with a title and authors: an abstract, wherever the file is."""
    return "title" in entry.meta and "authors" in entry.meta


def abstract_place(name: str, continuous: bool = False) -> str:
    """Where an abstract's file belongs, for a message: abstracts/<volume>/<issue>/<name>, in a
    continuous journal abstracts/<volume>/<name>."""
    return f"abstracts/<volume>/{'' if continuous else '<issue>/'}{name}"


def check_author(
    entry: RawEntry, *, continuous: bool = False
) -> tuple[Author | None, list[Problem]]:
    """Read an author's front matter and biography, reporting every problem (`continuous`:
    the journal publishes continuously, for where a misplaced abstract belongs)."""
    ch = Checker(entry)
    if looks_like_abstract(entry):  # one cause, not a dozen problems
        where = abstract_place(entry.path.rsplit("/", 1)[-1], continuous)
        ch.report(
            "file",
            "this looks like an abstract (it has a title and authors), not an author's "
            f"biography. Move it to {where}.",
        )
        return None, ch.problems
    slug = slug_of(ch, entry.path)
    values = _read_fields(ch, "", entry.meta, AUTHOR_FIELDS)
    check_body(ch, "biography", required=False)
    check_no_emails(ch, entry.meta)
    if "affiliations" in values:
        values["affiliations"] = tuple(values["affiliations"])
    if any(p.is_error for p in ch.problems):
        return None, ch.problems
    return Author(id=slug, bio=entry.body, source=entry.path, **values), ch.problems


def check_issue_list(
    entry: RawEntry, *, continuous: bool = False
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Read issues.yml: a list of optional metadata for issues (in a continuous journal, for
    volumes: items without `issue`, whose key is (volume, None))."""
    ch = Checker(entry)
    data = entry.meta.get("issues")
    if data is None:
        return [], []
    what = "volume" if continuous else "issue"
    if not isinstance(data, list):
        ch.report("issues", f"expected a list with one `- volume: …` item per {what}.")
        return [], ch.problems
    table = {**ISSUE_FIELDS, "issue": (parse_number, False)} if continuous else ISSUE_FIELDS
    result = []
    seen: dict[tuple[int, int | None], int] = {}
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict):
            fields = "volume, title, …" if continuous else "volume, issue, …"
            ch.report(f"issues[{n}]", f"expected the fields of one {what} ({fields}).")
            continue
        values = _read_fields(ch, f"issues[{n}]", item, table)
        check_no_emails(ch, item, f"issues[{n}]")
        if continuous and "issue" in values:
            ch.report(
                f"issues[{n}].issue",
                "this journal publishes continuously (extra.journal.publication: continuous), "
                "so an item describes a volume. Remove the issue line.",
            )
            continue
        if "volume" in values and (continuous or "issue" in values):
            key = (values["volume"], values.get("issue"))
            if key in seen:
                described = format_volume_issue(key[0], None if continuous else key[1])
                ch.report(
                    f"issues[{n}]",
                    f"{described} is already described "
                    f"by item {seen[key]} of this list. Merge the two items.",
                )
                continue
            seen[key] = n
            values.setdefault("issue", None)
            values["_where"] = (entry.path, entry.line_of(f"issues[{n}]"), f"issues[{n}]")
            result.append(values)
    return result, ch.problems
