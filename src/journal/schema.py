"""JSON Schema of the front matter, generated from the field tables in validation.py.

The tables stay the one source of truth: each parser maps to a schema fragment here, so a
new field appears in the schema as soon as it is added to a table.
"""

from __future__ import annotations

import re
from typing import Any

from . import fields, validation
from .article_types import DEFAULT_TYPES, ArticleType
from .languages import TAG as LANGUAGE_TAG
from .licences import NAMES as LICENCE_NAMES
from .validation import Parser

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
TEXT: dict[str, Any] = {"type": "string", "minLength": 1}


def _ends_with(suffixes: tuple[str, ...]) -> str:
    """A pattern for names ending in one of `suffixes`, in any case (JSON Schema has no flags)."""
    cased = (
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in s) for s in suffixes
    )
    return "(" + "|".join(cased) + ")$"


FUNDER_ID_PATTERN = (
    r"^(?:(?:(?:https://doi\.org/|http://dx\.doi\.org/|doi:)?"
    + re.escape(validation.FUNDER_DOI_PREFIX)
    + r"\S+)|"
    + fields.ROR.pattern.strip("^$")
    + ")$"
)
"""A Crossref Funder ID (a DOI 10.13039/…) or a ROR id (validation.parse_funder_id)."""

_FRAGMENTS: dict[Parser, dict[str, Any]] = {
    fields.parse_text: TEXT,
    fields.parse_title: {**TEXT, "maxLength": fields.MAX_TITLE},
    fields.parse_code: {"type": ["string", "integer"]},
    fields.parse_number: {"type": "integer", "minimum": 1},
    fields.parse_date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    fields.parse_flag: {"type": "boolean"},
    fields.parse_text_list: {
        "type": "array",
        "maxItems": fields.MAX_LIST_ITEMS,
        "items": {**TEXT, "maxLength": fields.MAX_LIST_TEXT},
    },
    fields.parse_doi: {"type": "string", "pattern": fields.DOI.pattern},
    fields.parse_orcid: {"type": "string", "pattern": fields.ORCID.pattern},
    fields.parse_ror: {"type": "string", "pattern": fields.ROR.pattern},
    fields.parse_email: {"type": "string", "format": "email"},
    fields.parse_url: {"type": "string", "format": "uri", "pattern": "^https?://"},
    fields.parse_pages: {"type": ["string", "integer"], "pattern": fields.PAGES.pattern},
    fields.parse_relative_path: {"type": "string", "pattern": fields.RELATIVE_PATH.pattern},
    fields.parse_image_path: {
        "type": "string",
        "pattern": fields.RELATIVE_PATH.pattern,
        "allOf": [{"pattern": _ends_with(fields.IMAGE_TYPES)}],
    },
    validation.parse_author_id: {"type": "string", "pattern": fields.SLUG.pattern},
    validation.parse_statement: {**TEXT, "maxLength": validation.MAX_STATEMENT_CHARS},
    validation.parse_long_text: {**TEXT, "maxLength": validation.MAX_BODY_CHARS},
    validation.parse_reference_text: {**TEXT, "maxLength": validation.MAX_REFERENCE_CHARS},
    validation.parse_funder_id: {"type": "string", "pattern": FUNDER_ID_PATTERN},
}


def _object(table: dict[str, tuple[Parser, bool]]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: schema_for(parser) for name, (parser, _) in table.items()},
        "required": [name for name, (_, required) in table.items() if required],
        "additionalProperties": False,
    }


def schema_for(parser: Parser) -> dict[str, Any]:
    """The schema of one field, from the parser that reads it."""
    if isinstance(parser, fields.Choice):
        return {"type": "string", "enum": list(parser.choices)}
    if parser is validation.parse_affiliations:
        return {"type": "array", "items": _object(validation.AFFILIATION_FIELDS)}
    if parser is validation.parse_conference:
        return _object(validation.CONFERENCE_FIELDS)
    if parser is validation.parse_author_refs:
        item = {
            "anyOf": [
                schema_for(validation.parse_author_id),
                _object(validation.AUTHOR_REF_FIELDS),
                _object(validation.GROUP_REF_FIELDS),  # - group: "…" (members: [ids])
            ]
        }
        # One author may be written as a bare id (authors: jane-doe), as the parser accepts.
        return {
            "anyOf": [
                schema_for(validation.parse_author_id),
                {"type": "array", "minItems": 1, "items": item},
            ]
        }
    if parser is validation.parse_updates:
        item = _object(validation.UPDATE_FIELDS)
        item["oneOf"] = [{"required": ["doi"]}, {"required": ["slug"]}]
        return {"type": "array", "minItems": 1, "items": item}
    if parser is validation.parse_references:
        item = {
            "anyOf": [
                schema_for(validation.parse_reference_text),
                _object(validation.REFERENCE_FIELDS),
            ]
        }
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": validation.MAX_REFERENCES,
            "items": item,
        }
    if parser is validation.parse_funding:
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": validation.MAX_FUNDERS,
            "items": _object(validation.FUNDING_FIELDS),
        }
    if parser is validation.parse_license:
        # A licence of the table by name or address, or {name, url} (one schema: the form
        # edits it as text).
        licence = _object(validation.LICENSE_FIELDS)
        return {**licence, "type": ["string", "object"], "examples": list(LICENCE_NAMES[:1])}
    if parser is validation.parse_translations:
        translation = _object(validation.TRANSLATION_FIELDS)
        translation["minProperties"] = 1
        return {
            "type": "object",
            "propertyNames": {"pattern": LANGUAGE_TAG.pattern},
            "maxProperties": validation.MAX_TRANSLATIONS,
            "additionalProperties": translation,
        }
    if parser is validation.parse_members:
        return {"type": "array", "minItems": 1, "items": schema_for(validation.parse_author_id)}
    if parser in _FRAGMENTS:
        return dict(_FRAGMENTS[parser])
    return {}  # an unknown parser: accept anything rather than reject valid files


def _issue_fields(continuous: bool) -> dict[str, tuple[Parser, bool]]:
    """issues.yml's item: an issue's, or in a continuous journal a volume's (no `issue`)."""
    table = validation.ISSUE_FIELDS
    return {k: v for k, v in table.items() if k != "issue"} if continuous else table


def _abstract_fields(
    types: tuple[ArticleType, ...], continuous: bool
) -> dict[str, tuple[Parser, bool]]:
    """An abstract's fields; in a continuous journal no `issue` (an error there) and `year`
    optional (it is the year of `published`)."""
    table = validation.abstract_fields(types, continuous)
    if continuous:  # validation takes `issue` to refuse it; the schema does not offer it
        del table["issue"]
    return table


def build_schema(
    kind: str, types: tuple[ArticleType, ...] = DEFAULT_TYPES, *, continuous: bool = False
) -> dict[str, Any]:
    """The JSON Schema of one kind of file: "abstract", "author" or "issues" (issues.yml);
    an abstract's `type` is one of `types`, the journal's article types.
    `continuous`: the journal publishes continuously (`publication: continuous`): abstracts
    without `issue` and with `year` optional, issues.yml items describing volumes."""
    if kind == "issues":
        return {
            "$schema": SCHEMA_URI,
            "title": "Journal issues.yml" + (" (volumes)" if continuous else ""),
            "type": "array",
            "items": _object(_issue_fields(continuous)),
        }
    table = _abstract_fields(types, continuous) if kind == "abstract" else validation.AUTHOR_FIELDS
    return {"$schema": SCHEMA_URI, "title": f"Journal {kind} front matter", **_object(table)}


KINDS = ("abstract", "author", "issues")


def build_schemas(
    types: tuple[ArticleType, ...] = DEFAULT_TYPES, *, continuous: bool = False
) -> dict[str, Any]:
    """Every schema in one document, each under `$defs`."""
    return {
        "$schema": SCHEMA_URI,
        "title": "Journal front matter",
        "$defs": {
            kind: {
                k: v
                for k, v in build_schema(kind, types, continuous=continuous).items()
                if k != "$schema"
            }
            for kind in KINDS
        },
    }
