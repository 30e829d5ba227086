"""`journal import jats`: read JATS 1.x / NLM 2.3 articles into the journal's front matter.

Two steps, both without I/O beyond reading the XML bytes given: `read_article` turns one JATS
document into an `Article` (what the file says, in the project's terms, with what could not be
mapped named field by field), and `plan_import` decides, for a batch and the journal as it is,
which files to write and which articles to skip and why. cli.py reads the journal and writes
the files. Every XML document is read with lxml, never by hand; no DTD, entity or network
access.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from stdnum.iso7064 import mod_11_2

from . import title_markup
from .article_types import ArticleType
from .fields import EMAIL as EMAIL_FORM
from .front_matter import render
from .languages import TAG as LANGUAGE_TAG
from .licences import licence_named
from .model import Affiliation, License
from .names import make_slug
from .problems import Problem

XLINK = "{http://www.w3.org/1999/xlink}href"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
ORCID_IN = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")
ROR_IN = re.compile(r"(?:ror\.org/)?(0[a-hj-km-np-tv-z0-9]{6}\d{2})$")
DOI_IN = re.compile(r"(10\.\d{4,9}/\S+)")
_INLINE = {"italic": "*", "bold": "**", "sub": "~", "sup": "^"}
_ESCAPE = re.compile(r"([\\`*_~^\[\]])")


@dataclass(slots=True, kw_only=True)
class Person:
    """A person credited on an article, as the JATS file names them."""

    name: str
    given: str = ""
    family: str = ""
    orcid: str = ""
    email: str = ""
    affiliations: tuple[Affiliation, ...] = ()
    corresponding: bool = False


@dataclass(slots=True, kw_only=True)
class GroupAuthor:
    """A `<collab>` author: the group's name whole, and its members when the file lists them."""

    name: str
    members: list[Person] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Article:
    """One JATS article in the project's terms; `unmapped` names what was left out."""

    source: str
    title: str = ""
    """Inline Markdown (*italic*, **bold**, ~sub~, ^sup^)."""
    contributors: list[Person | GroupAuthor] = field(default_factory=list)
    volume: int | None = None
    issue: int | None = None
    year: int | None = None
    published: datetime.date | None = None
    received: datetime.date | None = None
    accepted: datetime.date | None = None
    jats_type: str = ""
    doi: str = ""
    pages: str = ""
    article_number: str = ""
    keywords: list[str] = field(default_factory=list)
    license: License | None = None
    funding: list[dict[str, Any]] = field(default_factory=list)
    references: list[Any] = field(default_factory=list)
    competing_interests: str = ""
    data_availability: str = ""
    plain_summary: str = ""
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    """Language code -> {title, abstract} (either or both), as `translations:` takes them."""
    body: str = ""
    """The abstract as Markdown; a structured abstract's sections as ### headings."""
    version: str = ""
    unmapped: list[tuple[str, str]] = field(default_factory=list)
    """(field, what was not mapped and why), for the report."""
    missing: list[tuple[str, str]] = field(default_factory=list)
    """(field, why the article cannot be imported), e.g. ("volume", "the file has none")."""

    def note(self, name: str, message: str) -> None:
        self.unmapped.append((name, message))


# Reading -------------------------------------------------------------------------------------


def parse_xml(data: bytes, source: str) -> etree._Element | Problem:
    """The document's root element, or a Problem at lxml's line for a malformed file."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        message = exc.msg or str(exc)
        return Problem(
            path=source,
            line=line,
            field="XML",
            message=f"is not well-formed XML ({message}). Export the article again from the "
            "system it came from, or correct the file at that line.",
        )
    if etree.QName(root).localname != "article":
        return Problem(
            path=source,
            line=root.sourceline or 1,
            field="XML",
            message=f"the document is a <{etree.QName(root).localname}>, not a JATS <article>. "
            "Give the JATS (or NLM) XML file of the article.",
        )
    return root


def _strip_namespaces(root: etree._Element) -> None:
    """JATS 1.x elements are in no namespace, but some exports put them in one."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            qname = etree.QName(element)
            if qname.namespace not in ("http://www.w3.org/1998/Math/MathML",):
                element.tag = qname.localname


def text_of(element: etree._Element | None) -> str:
    """An element's text, whitespace collapsed (markup dropped)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")


_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)])(?=\s|$))")
"""What Markdown would read as a heading, quote, list or rule at the start of a paragraph."""


def _block(text: str) -> str:
    """A paragraph's text, its first character escaped when Markdown would read it as block
    markup ("&gt;90 % of…" is not a quote, "1. We…" not a list)."""
    return _BLOCK_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
        text,
        count=1,
    )


def inline_markdown(
    element: etree._Element,
    *,
    skip: Iterable[str] = (),
    escape: Callable[[str], str] = _escape,
) -> str:
    """An element's mixed content as inline Markdown: italic, bold, sub and superscript kept;
    other markup (links, citations, formulas) reduced to its text; the text escaped by
    `escape` (a body's by default; title_markup.escape for titles)."""
    skipped = set(skip)
    parts: list[str] = [escape(element.text or "")]
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            parts.append(escape(child.tail or ""))
            continue
        name = etree.QName(child).localname
        if name in skipped:
            pass
        elif name in _INLINE:
            inner = inline_markdown(child, skip=skipped, escape=escape).strip()
            mark = _INLINE[name]
            if inner and name in ("sub", "sup"):
                inner = inner.replace(" ", "\\ ")  # pymdownx: a space must be escaped
            parts.append(f"{mark}{inner}{mark}" if inner else "")
        elif name == "break":
            parts.append(" ")
        else:
            parts.append(inline_markdown(child, skip=skipped, escape=escape))
        parts.append(escape(child.tail or ""))
    return " ".join("".join(parts).split())


def _title(element: etree._Element) -> str:
    """A title as the title field takes it (title_markup: inline Markdown only)."""
    return inline_markdown(element, skip=("xref", "fn"), escape=title_markup.escape)


def _own_text(element: etree._Element, *, skip: Iterable[str]) -> str:
    """An element's text without that of the children named in `skip` (a group's name
    without its members)."""
    skipped = set(skip)
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in skipped:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _paragraphs(element: etree._Element, level: int = 3) -> list[str]:
    """Block content of an abstract or section as Markdown blocks."""
    blocks: list[str] = []
    loose = (element.text or "").strip()
    if loose:
        blocks.append(_block(_escape(" ".join(loose.split()))))
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name in ("title", "label", "object-id"):
            continue
        if name == "sec":
            title = child.find("title")
            if title is not None and text_of(title):
                blocks.append("#" * min(level, 6) + " " + inline_markdown(title))
            blocks += _paragraphs(child, level + 1)
        elif name == "list":
            marker = "1." if child.get("list-type") in ("order", "arabic") else "-"
            for item in child.findall("list-item"):
                blocks.append(f"{marker} " + " ".join(_paragraphs(item, level)))
        elif name in ("p", "disp-quote", "statement"):
            text = inline_markdown(child) if name == "p" else " ".join(_paragraphs(child, level))
            if text:
                blocks.append(_block(text))
        else:
            text = text_of(child)
            if text:
                blocks.append(_block(_escape(text)))
    return blocks


def abstract_markdown(element: etree._Element) -> str:
    return "\n\n".join(_paragraphs(element)).strip()


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def _date(element: etree._Element) -> tuple[datetime.date | None, int | None, bool]:
    """(date, year, complete) of a <pub-date> or <date>; complete when it has a day."""
    iso = element.get("iso-8601-date", "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        try:
            value = datetime.date.fromisoformat(iso)
            return value, value.year, True
        except ValueError:
            pass
    year = _int(text_of(element.find("year")))
    month = _int(text_of(element.find("month"))) or None
    day = _int(text_of(element.find("day"))) or None
    if year is None:
        return None, None, False
    try:
        return datetime.date(year, month or 1, day or 1), year, bool(month and day)
    except ValueError:
        return None, year, False


_ELECTRONIC = ("epub", "pub", "epub-original", "epubr", "electronic")
_PRINT = ("ppub", "collection", "issue", "print")
_ONLINE = ("electronic", "epub", "online")


def _pub_dates(meta: etree._Element) -> list[tuple[str, datetime.date | None, int | None, bool]]:
    found = []
    for element in meta.findall("pub-date"):
        kind = element.get("pub-type") or element.get("date-type") or ""
        if element.get("publication-format") in _ONLINE and kind in ("", "pub"):
            kind = "epub"
        if element.get("publication-format") == "print" and kind in ("", "pub"):
            kind = "ppub"
        found.append((kind, *_date(element)))
    return found


def _read_dates(article: Article, meta: etree._Element) -> None:
    dates = _pub_dates(meta)
    full = [d for d in dates if d[3] and d[0] in _ELECTRONIC]
    full = full or [d for d in dates if d[3]]
    if full:
        article.published = min(d[1] for d in full if d[1])
    elif dates:
        partial = [(d[0] in _ELECTRONIC, d[1]) for d in dates if d[1] is not None]
        if partial:
            best = max(partial)[1]
            article.published = best
            article.note(
                "published",
                f"the file gives no day of publication; wrote {best.isoformat()} (the first "
                "day of the month or year it gives). Correct it if you know the day",
            )
    if article.published is None:
        article.missing.append(("published", "the file has no <pub-date> with a year"))
    issue_years = [d[2] for d in dates if d[0] in _PRINT and d[2]]
    article.year = (
        issue_years[0] if issue_years else (article.published.year if article.published else None)
    )
    for element in meta.findall("history/date"):
        kind = element.get("date-type", "")
        value, _, complete = _date(element)
        if kind in ("received", "accepted") and value and complete:
            setattr(article, kind, value)
        elif kind in ("received", "accepted"):
            article.note(kind, "the date has no day; left out")


def _person_name(name: etree._Element | None) -> tuple[str, str, str]:
    if name is None:
        return "", "", ""
    family = text_of(name.find("surname"))
    given = text_of(name.find("given-names"))
    suffix = text_of(name.find("suffix"))
    if name.get("name-style") == "eastern" and given:
        shown = f"{family} {given}"
    else:
        shown = " ".join(p for p in (given, family) if p)
    if suffix:
        shown = f"{shown} {suffix}"
    return shown, given, family


def _drop(element: etree._Element) -> None:
    """Remove an element, keeping the text after it."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    tail = element.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _affiliation(aff: etree._Element) -> Affiliation | None:
    copy = deepcopy(aff)  # the names are read by taking the other parts out
    ror = ""
    for ident in copy.iter("institution-id"):
        match = ROR_IN.search((ident.text or "").strip())
        if match and (
            ident.get("institution-id-type", "").lower() == "ror" or "ror.org" in (ident.text or "")
        ):
            ror = f"https://ror.org/{match.group(1)}"
    for ident in [*copy.iter("institution-id"), *copy.iter("label"), *copy.iter("email")]:
        _drop(ident)
    country_el = copy.find(".//country")
    country = text_of(country_el)
    if country_el is not None:
        _drop(country_el)
    name = EMAIL.sub("", text_of(copy)).strip(" ,;.")
    name = re.sub(r"\s*,\s*,", ",", name)
    if not name:
        name, country = country, ""
    if not name:
        return None
    return Affiliation(name=name, country=country, ror=ror)


def _contrib_ids(contrib: etree._Element) -> str:
    for ident in contrib.findall("contrib-id"):
        match = ORCID_IN.search(ident.text or "")
        if match and (
            ident.get("contrib-id-type", "orcid").lower() == "orcid"
            or "orcid" in (ident.text or "")
        ):
            return match.group(1)
    for link in contrib.findall("uri") + contrib.findall("ext-link"):
        match = ORCID_IN.search(link.get(XLINK, "") + (link.text or ""))
        if match:
            return match.group(1)
    return ""


def _person(
    contrib: etree._Element,
    affs: Mapping[str, Affiliation],
    corresp_emails: Mapping[str, list[str]],
    group_affs: Sequence[Affiliation],
    notes: list[str],
) -> Person | None:
    shown, given, family = _person_name(contrib.find("name"))
    if not shown:
        shown = text_of(contrib.find("string-name"))
    if not shown:
        return None
    emails = [text_of(e) for e in contrib.iter("email")]
    corresponding = contrib.get("corresp") == "yes"
    for xref in contrib.findall("xref"):
        if xref.get("ref-type") == "corresp":
            corresponding = True
            for rid in (xref.get("rid") or "").split():
                found = corresp_emails.get(rid, [])
                if len(found) == 1 and not emails:
                    emails = found
    own: list[Affiliation] = []
    for xref in contrib.findall("xref"):
        if xref.get("ref-type") == "aff":
            for rid in (xref.get("rid") or "").split():
                if rid in affs and affs[rid] not in own:
                    own.append(affs[rid])
    for aff in contrib.findall("aff"):
        parsed = _affiliation(aff)
        if parsed and parsed not in own:
            own.append(parsed)
    if not own:
        own = list(group_affs)
    orcid = _contrib_ids(contrib)
    if orcid and not mod_11_2.is_valid(orcid.replace("-", "")):
        notes.append(f"the ORCID iD {orcid} of {shown} has a wrong check digit; left out")
        orcid = ""
    email = emails[0] if emails else ""
    if email and not EMAIL_FORM.fullmatch(email):
        notes.append(f'"{email}" of {shown} is not an e-mail address; left out')
        email = ""
    return Person(
        name=shown,
        given=given,
        family=family,
        orcid=orcid,
        email=email,
        affiliations=tuple(own),
        corresponding=corresponding,
    )


def _read_contributors(article: Article, meta: etree._Element) -> None:
    notes: list[str] = []
    affs: dict[str, Affiliation] = {}
    for aff in meta.iter("aff"):
        parsed = _affiliation(aff)
        if parsed and aff.get("id"):
            affs[aff.get("id", "")] = parsed
    corresp_emails = {
        c.get("id", ""): [text_of(e) for e in c.iter("email")]
        for c in meta.findall("author-notes/corresp")
    }
    for group in meta.findall("contrib-group"):
        unlabelled = [a for a in group.findall("aff") if not a.get("id")]
        group_affs = [a for a in (_affiliation(x) for x in unlabelled) if a]
        if len(affs) == 1 and not group_affs:
            group_affs = list(affs.values())  # one affiliation for all, without xrefs
        for contrib in group.findall("contrib"):
            if contrib.get("contrib-type", "author") != "author":
                continue
            collab = contrib.find("collab")
            if collab is not None:
                members = []
                for inner in collab.iter("contrib"):
                    person = _person(inner, affs, corresp_emails, group_affs, notes)
                    if person:
                        members.append(person)
                name = _own_text(collab, skip=("contrib-group", "xref", "aff"))
                article.contributors.append(GroupAuthor(name=name.strip(" ,;"), members=members))
                continue
            person = _person(contrib, affs, corresp_emails, group_affs, notes)
            if person is None:
                article.note("authors", "an author without a name was left out")
            else:
                article.contributors.append(person)
    for message in notes:
        article.note("authors", message)
    if not article.contributors:
        article.missing.append(("authors", "the file names no author"))


def _licence(article: Article, meta: etree._Element) -> None:
    permissions = meta.find("permissions")
    if permissions is None:
        article.note("license", "the file states no licence")
        return
    urls = []
    for element in permissions.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name == "license" and element.get(XLINK):
            urls.append(element.get(XLINK, ""))
        elif name == "license_ref":
            urls.append(text_of(element))
        elif name == "ext-link" and "creativecommons" in element.get(XLINK, ""):
            urls.append(element.get(XLINK, ""))
    for url in urls:
        found = licence_named(url)
        if found:
            article.license = found
            return
    license_el = permissions.find("license")
    if urls:
        article.note("license", f"{urls[0]} is not in the licence table (licences.py); left out")
    elif license_el is not None:
        article.note(
            "license",
            f'the licence is named without an address ("{text_of(license_el)[:80]}…"); '
            "left out. Add `license:` by hand",
        )
    else:
        article.note("license", "the file states no licence (only a copyright)")


def _funding(article: Article, meta: etree._Element) -> None:
    for group in meta.findall("funding-group"):
        awards = group.findall("award-group")
        for award in awards:
            for source in award.findall("funding-source") or [None]:
                if source is None:
                    continue
                funder_id = ""
                for ident in source.iter("institution-id"):
                    text = (ident.text or "").strip()
                    kind = ident.get("institution-id-type", "").lower()
                    if "ror" in kind or "ror.org" in text:
                        match = ROR_IN.search(text)
                        funder_id = f"https://ror.org/{match.group(1)}" if match else ""
                    elif DOI_IN.search(text):
                        funder_id = DOI_IN.search(text).group(1)  # type: ignore[union-attr]
                    elif text.isdigit():
                        funder_id = f"10.13039/{text}"
                if not funder_id and source.get("country") is None:
                    match = DOI_IN.search(source.get(XLINK, ""))
                    funder_id = match.group(1) if match else ""
                wrap = source.find("institution-wrap")
                name_el = wrap.find("institution") if wrap is not None else None
                funder = text_of(name_el) if name_el is not None else text_of(source)
                item: dict[str, Any] = {"funder": funder}
                if funder_id:
                    item["funder_id"] = funder_id
                ids = [text_of(a) for a in award.findall("award-id") if text_of(a)]
                if ids:
                    item["awards"] = ids
                if funder:
                    article.funding.append(item)
        statement = group.find("funding-statement")
        if not awards and statement is not None and text_of(statement):
            article.note(
                "funding",
                "the file has a funding statement but names no funder (<award-group>); left "
                "out. Add `funding:` by hand",
            )


_NOT_PRINTED = ("label", "pub-id", "object-id", "x")


def _mixed_text(element: etree._Element) -> str:
    """A mixed citation's text: names as "Surname Given", identifiers left out (the DOI is
    kept apart), a space between two elements that the file runs together."""
    parts = [element.text or ""]
    joined = True  # whether the last part was text the file wrote
    previous = ""  # the last element printed
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            if name == "name":
                piece = " ".join(
                    p
                    for p in (text_of(child.find("surname")), text_of(child.find("given-names")))
                    if p
                )
            elif name in _NOT_PRINTED:
                piece = ""
            else:
                piece = _mixed_text(child)
            last = "".join(parts)[-1:]
            if piece and not joined and last and not last.isspace() and piece[0] not in ".,;:)":
                parts.append(", " if name == previous == "name" else " ")
            parts.append(piece)
            joined = not piece
            previous = name if piece else previous
        tail = child.tail or ""
        parts.append(tail)
        joined = (joined and not tail) or bool(tail)
    return " ".join("".join(parts).split())


def _reference_text(ref: etree._Element) -> str:
    mixed = ref.find(".//mixed-citation")
    if mixed is None:
        mixed = ref.find(".//citation")
    if mixed is not None and (
        (mixed.text or "").strip() or any((child.tail or "").strip() for child in mixed)
    ):
        return _mixed_text(mixed)  # the reference as printed, punctuation and all
    cite = mixed if mixed is not None else ref.find(".//element-citation")
    if cite is None:
        return text_of(ref)
    names = []
    for group in cite.findall("person-group") or [cite]:
        for person in group:
            if not isinstance(person.tag, str):
                continue
            kind = etree.QName(person).localname
            if kind == "name":
                names.append(
                    " ".join(
                        p
                        for p in (
                            text_of(person.find("surname")),
                            text_of(person.find("given-names")),
                        )
                        if p
                    )
                )
            elif kind in ("collab", "string-name"):
                names.append(text_of(person))
            elif kind == "etal":
                names.append("et al.")
    parts = []
    if names:
        parts.append(", ".join(names))
    title = cite.find("article-title")
    if title is None:
        title = cite.find("chapter-title")
    source = text_of(cite.find("source"))
    year = text_of(cite.find("year"))
    if title is not None and text_of(title):
        parts.append(text_of(title))
    where = source
    volume, issue = text_of(cite.find("volume")), text_of(cite.find("issue"))
    if year:
        where = f"{where} {year}" if where else year
    if volume:
        where += f";{volume}" + (f"({issue})" if issue else "")
    first, last = text_of(cite.find("fpage")), text_of(cite.find("lpage"))
    if first:
        where += f":{first}" + (f"-{last}" if last and last != first else "")
    if where:
        parts.append(where)
    text = " ".join(p if p.endswith(("?", "!")) else p.rstrip(".") + "." for p in parts if p)
    return text or text_of(cite)


def _references(article: Article, root: etree._Element) -> None:
    back = root.find("back")  # the article's own, not a sub-article's (eLife's reviews)
    for ref in back.findall(".//ref-list//ref") if back is not None else []:
        text = _reference_text(ref)
        if not text:
            continue
        doi = ""
        for ident in ref.iter("pub-id"):
            if ident.get("pub-id-type") == "doi":
                match = DOI_IN.search(text_of(ident))
                doi = match.group(1).rstrip(".") if match else ""
        if not doi:
            for link in ref.iter("ext-link"):
                match = DOI_IN.search(link.get(XLINK, ""))
                if match and "doi" in link.get(XLINK, ""):
                    doi = match.group(1).rstrip(".")
        article.references.append({"text": text, "doi": doi} if doi else text)


def _notes(article: Article, meta: etree._Element, root: etree._Element) -> None:
    back = root.find("back")
    for fn in [*meta.iter("fn"), *(back.iter("fn") if back is not None else [])]:
        kind = fn.get("fn-type", "")
        text = " ".join(" ".join(_paragraphs(fn)).split())
        if kind in ("conflict", "coi-statement", "competing-interests") and text:
            article.competing_interests = article.competing_interests or text
        elif kind in ("data-availability",) and text:
            article.data_availability = article.data_availability or text
    for sec in [*root.findall("body//sec"), *(back.iter("sec") if back is not None else [])]:
        if sec.get("sec-type") == "data-availability" and not article.data_availability:
            article.data_availability = " ".join(_paragraphs(sec))


def read_article(data: bytes, source: str) -> Article | Problem:
    """One JATS article; a Problem when the XML is malformed or is no article."""
    root = parse_xml(data, source)
    if isinstance(root, Problem):
        return root
    _strip_namespaces(root)
    article = Article(source=source, jats_type=root.get("article-type", ""))
    meta = root.find("front/article-meta")
    if meta is None:
        return Problem(
            path=source,
            line=root.sourceline or 1,
            field="XML",
            message="has no <front>/<article-meta>, so no title, authors or dates. Give the "
            "JATS file of one article.",
        )
    title = meta.find("title-group/article-title")
    article.title = _title(title) if title is not None else ""
    if not article.title:
        article.missing.append(("title", "the file has no <article-title>"))
    sub = meta.find("title-group/subtitle")
    if sub is not None and text_of(sub):
        article.title += ": " + _title(sub)
    for ident in meta.findall("article-id"):
        if ident.get("pub-id-type") == "doi":
            article.doi = text_of(ident).removeprefix("https://doi.org/")
    for element in meta.iter("article-version"):
        article.version = text_of(element)
    _read_contributors(article, meta)
    _read_dates(article, meta)
    volume = text_of(meta.find("volume"))
    article.volume = _int(volume)
    if article.volume is None:
        article.missing.append(
            ("volume", f'"{volume}" is not a volume number' if volume else "the file has none")
        )
    issue = text_of(meta.find("issue"))
    article.issue = _int(issue)
    if issue and article.issue is None:
        article.note("issue", f'"{issue}" is not an issue number; left out')
    first, last = text_of(meta.find("fpage")), text_of(meta.find("lpage"))
    if first:
        article.pages = f"{first}-{last}" if last and last != first else first
    article.article_number = text_of(meta.find("elocation-id"))
    for group in meta.findall("kwd-group"):
        if group.get("kwd-group-type", "") in ("abbreviations", "abbreviation"):
            continue
        for kwd in group.findall("kwd"):
            text = text_of(kwd)
            if text and text.casefold() not in (k.casefold() for k in article.keywords):
                article.keywords.append(text)
    _licence(article, meta)
    _funding(article, meta)
    _references(article, root)
    _notes(article, meta, root)
    abstracts = meta.findall("abstract")
    main = [a for a in abstracts if not a.get("abstract-type")]
    others = [a for a in abstracts if a.get("abstract-type")]
    if main:
        article.body = abstract_markdown(main[0])
    elif others:
        article.body = abstract_markdown(others[0])
        others = others[1:]
    for extra in others:
        kind = extra.get("abstract-type", "")
        if kind in ("summary", "plain-language-summary", "executive-summary", "author-summary"):
            article.plain_summary = abstract_markdown(extra)
        else:
            article.note("abstract", f'an abstract of type "{kind}" was left out')
    _translations(article, meta)
    return article


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _language(element: etree._Element, article: Article, what: str) -> str:
    """The element's xml:lang as `translations:` takes it ("fr", "pt-BR"); "" when none."""
    primary, _, rest = (element.get(XML_LANG) or "").strip().partition("-")
    for code in (f"{primary.lower()}-{rest}" if rest else "", primary.lower()):
        if code and LANGUAGE_TAG.fullmatch(code):
            return code
    article.note("translations", f"a translated {what} without a language (xml:lang) was left out")
    return ""


def _translations(article: Article, meta: etree._Element) -> None:
    found: dict[str, dict[str, str]] = {}
    for group in meta.findall("title-group/trans-title-group"):
        title = group.find("trans-title")
        code = _language(group, article, "title") if title is not None else ""
        if code and title is not None and text_of(title):
            found.setdefault(code, {})["title"] = _title(title)
    for abstract in meta.findall("trans-abstract"):
        code = _language(abstract, article, "abstract")
        text = abstract_markdown(abstract)
        if code and text:
            found.setdefault(code, {})["abstract"] = text
    article.translations = found


# Planning ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownAuthor:
    """An author file already in the journal."""

    id: str
    name: str
    orcid: str = ""
    affiliations: tuple[Affiliation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownAbstract:
    path: str
    slug: str
    doi: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Journal:
    """What the importer must know of the journal it imports into."""

    authors: tuple[KnownAuthor, ...] = ()
    abstracts: tuple[KnownAbstract, ...] = ()
    types: tuple[ArticleType, ...] = ()
    continuous: bool = False
    doi_prefix: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    issue: int | None = None
    replace: bool = False


@dataclass(slots=True, kw_only=True)
class Planned:
    """One article to write, with its new author files and the report's lines."""

    article: Article
    path: str
    text: str
    authors: dict[str, str]
    """New author files: path -> text."""
    removes: list[str] = field(default_factory=list)
    """Files it replaces (`--replace` of an abstract with the same DOI elsewhere)."""
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Plan:
    imported: list[Planned] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(source, reason)."""


class _Authors:
    """Matches people to author files: by ORCID, then by exact name; new ids never reuse a
    file of someone else."""

    def __init__(self, known: Iterable[KnownAuthor]) -> None:
        self.known = list(known)
        self.taken = {a.id for a in self.known}
        self.new: dict[str, Person] = {}

    def find(self, person: Person) -> tuple[str, KnownAuthor | None, str]:
        """(id, the existing author or None when new, note)."""
        if person.orcid:
            for author in self.known:
                if author.orcid == person.orcid:
                    return author.id, author, ""
        for author in self.known:
            if author.name == person.name and (
                not person.orcid or not author.orcid or author.orcid == person.orcid
            ):
                return author.id, author, ""
        base = make_slug(person.name, is_title=False) or "author"
        candidate, number = base, 1
        note = ""
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        if number > 1:
            note = (
                f"authors/{base}.md is someone else (another name or ORCID); {person.name} "
                f"gets authors/{candidate}.md. If they are one person, merge the two files"
            )
        self.taken.add(candidate)
        self.known.append(
            KnownAuthor(
                id=candidate,
                name=person.name,
                orcid=person.orcid,
                affiliations=person.affiliations,
            )
        )
        self.new[candidate] = person
        return candidate, None, note


def _affiliation_items(affiliations: Iterable[Affiliation]) -> list[dict[str, str]]:
    items = []
    for aff in affiliations:
        item = {"name": aff.name}
        if aff.country:
            item["country"] = aff.country
        if aff.ror:
            item["ror"] = aff.ror
        items.append(item)
    return items


def author_text(person: Person) -> str:
    values: list[tuple[str, Any]] = [("name", person.name)]
    if person.given and person.family:
        values += [("given", person.given), ("family", person.family)]
    elif person.family:
        values.append(("family", person.family))
    if person.orcid:
        values.append(("orcid", person.orcid))
    if person.email:
        values.append(("email", person.email))
    if person.affiliations:
        values.append(("affiliations", _affiliation_items(person.affiliations)))
    return render(values, "")


def _type_name(article: Article, types: Sequence[ArticleType]) -> tuple[str, str]:
    """(type name, note)."""
    for kind in types:
        if kind.jats == article.jats_type:
            return kind.name, ""
    fallback = next((t for t in types if t.jats == "research-article"), types[0])
    shown = article.jats_type or "(none)"
    return fallback.name, (
        f'the JATS article-type "{shown}" is none of the journal\'s types; wrote '
        f'"{fallback.name}". Correct `type:` if it is wrong'
    )


def _year_ok(article: Article) -> int:
    if article.year and article.published and article.year < article.published.year - 1:
        return article.published.year
    return article.year or (article.published.year if article.published else 0)


def _abstract_values(
    article: Article, issue: int | None, authors: list[Any], journal: Journal, type_name: str
) -> list[tuple[str, Any]]:
    assert article.published is not None and article.volume is not None
    values: list[tuple[str, Any]] = [
        ("title", article.title),
        ("authors", authors),
        ("volume", article.volume),
    ]
    if issue is not None:  # a continuous journal's year is the published date's
        values += [("issue", issue), ("year", _year_ok(article))]
    values.append(("published", article.published))
    if article.received and article.received <= article.published:
        values.append(("received", article.received))
    if (
        article.accepted
        and article.accepted <= article.published
        and (not article.received or article.received <= article.accepted)
    ):
        values.append(("accepted", article.accepted))
    values.append(("type", type_name))
    if article.doi:
        values.append(("doi", article.doi))
    if article.keywords:
        values.append(("keywords", article.keywords))
    if article.pages:
        values.append(("pages", article.pages))
    if article.article_number:
        values.append(("article_number", article.article_number))
    optional: list[tuple[str, Any]] = [
        (
            "license",
            article.license.name if article.license else None,
        ),
        ("funding", article.funding),
        ("competing_interests", article.competing_interests),
        ("data_availability", article.data_availability),
        ("plain_summary", article.plain_summary),
        ("translations", article.translations),
        ("references", article.references),
    ]
    values.extend((name, value) for name, value in optional if value)
    return values


def _newest_per_doi(articles: list[Article], plan: Plan) -> list[Article]:
    by_doi: dict[str, list[Article]] = {}
    for article in articles:
        if article.doi:
            by_doi.setdefault(article.doi.lower(), []).append(article)
    kept = []
    for article in articles:
        same = by_doi.get(article.doi.lower(), [article]) if article.doi else [article]
        newest = max(
            same,
            key=lambda a: (
                a.published or datetime.date.min,
                tuple(int(n) for n in re.findall(r"\d+", a.version)),  # "10" after "9"
                a.source,
            ),
        )
        if newest is article:
            kept.append(article)
        else:
            plan.skipped.append(
                (
                    article.source,
                    f"doi: {article.doi} is also the DOI of {newest.source}, a newer version; "
                    "imported that one",
                )
            )
    return kept


def plan_import(articles: Sequence[Article], journal: Journal, options: Options) -> Plan:
    """What to write for a batch of articles, and what to skip, with the reasons."""
    plan = Plan()
    people = _Authors(journal.authors)
    slugs = {a.slug: a for a in journal.abstracts}
    dois = {a.doi.lower(): a for a in journal.abstracts if a.doi}
    for article in _newest_per_doi(list(articles), plan):
        if article.missing:
            plan.skipped.append(
                (article.source, "; ".join(f"{name}: {why}" for name, why in article.missing))
            )
            continue
        if (
            journal.doi_prefix
            and article.doi
            and not article.doi.startswith(journal.doi_prefix.rstrip("/") + "/")
        ):
            plan.skipped.append(
                (
                    article.source,
                    f"doi: {article.doi} does not start with the journal's DOI prefix "
                    f"{journal.doi_prefix}; a back catalogue with other prefixes needs "
                    "extra.journal.doi_prefix removed from mkdocs.yml",
                )
            )
            continue
        issue = article.issue
        if issue is None and not journal.continuous:
            if options.issue is None:
                plan.skipped.append(
                    (
                        article.source,
                        "issue: the file has no issue number and the journal publishes "
                        "issues; give one with --issue N",
                    )
                )
                continue
            issue = options.issue
        elif journal.continuous and issue is not None:
            article.note(
                "issue",
                f"the journal publishes continuously; the file's issue {issue} was left out",
            )
            issue = None
        type_name, type_note = _type_name(article, journal.types)
        if type_note:
            article.note("type", type_note)
        kind = next(t for t in journal.types if t.name == type_name)
        if not article.body and kind.needs_abstract:
            plan.skipped.append(
                (
                    article.source,
                    f"body: the file has no <abstract>, and a {type_name} needs one",
                )
            )
            continue
        slug = make_slug(article.title, is_title=True)
        removes: list[str] = []
        existing = dois.get(article.doi.lower()) if article.doi else None
        other = slugs.get(slug)
        slug_note = ""
        if existing is None and other is not None:
            if article.doi and other.doi and other.doi.lower() != article.doi.lower():
                taken = slug
                number = 2
                while f"{taken}-{number}" in slugs:
                    number += 1
                slug = f"{taken}-{number}"  # another article of the same title ("Correction")
                slug_note = (
                    f"{other.path} is another article with the same title; this one is {slug}.md"
                )
            else:
                existing = other
        if existing is not None:
            if not options.replace:
                why = (
                    f"doi: {article.doi} is already {existing.path}"
                    if article.doi and existing.doi.lower() == article.doi.lower()
                    else f"file name: {existing.path} already exists (the same title)"
                )
                plan.skipped.append((article.source, why + "; give --replace to overwrite it"))
                continue
            removes.append(existing.path)
            slug = existing.slug
        folder = (
            f"abstracts/{article.volume}"
            if issue is None
            else f"abstracts/{article.volume}/{issue}"
        )
        path = f"{folder}/{slug}.md"
        new_authors: dict[str, str] = {}
        notes: list[str] = [slug_note] if slug_note else []
        refs: list[Any] = []
        for contributor in article.contributors:
            if isinstance(contributor, GroupAuthor):
                members = []
                for member in contributor.members:
                    author_id, _, note = people.find(member)
                    members.append(author_id)
                    if note:
                        notes.append(note)
                    if author_id in people.new and people.new[author_id] is member:
                        new_authors[f"authors/{author_id}.md"] = author_text(member)
                item: dict[str, Any] = {"group": contributor.name}
                if members:
                    item["members"] = members
                refs.append(item)
                continue
            author_id, known, note = people.find(contributor)
            if note:
                notes.append(note)
            if known is None and people.new.get(author_id) is contributor:
                new_authors[f"authors/{author_id}.md"] = author_text(contributor)
            own = known.affiliations if known else contributor.affiliations
            ref: dict[str, Any] = {"id": author_id}
            if contributor.corresponding:
                ref["corresponding"] = True
            if contributor.affiliations and tuple(contributor.affiliations) != tuple(own):
                ref["affiliations"] = _affiliation_items(contributor.affiliations)
            refs.append(ref if len(ref) > 1 else author_id)
        values = _abstract_values(article, issue, refs, journal, type_name)
        text = render(values, article.body)
        slugs[slug] = KnownAbstract(path=path, slug=slug, doi=article.doi)
        if article.doi:
            dois[article.doi.lower()] = slugs[slug]
        plan.imported.append(
            Planned(
                article=article,
                path=path,
                text=text,
                authors=new_authors,
                removes=[r for r in removes if r != path],
                notes=notes,
            )
        )
    return plan
