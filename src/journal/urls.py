"""Every page and file location of the site, in one place.

`src_uri` values are the virtual source paths MkDocs sees; with `use_directory_urls` the
page `abstracts/<slug>.md` is served at `abstracts/<slug>/`. URLs are relative to the site
root, without a leading slash.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from slugify import slugify

HOME = "index.md"
ARCHIVE = "archive.md"
AUTHOR_INDEX = "authors/index.md"
MEDIA_PARTNERS = "media-partners.md"
SUBMIT = "submit.md"
ABOUT = "about.md"
BOARD = "board.md"
ARTICLES = "articles.md"
ABSTRACTS_INDEX = "abstracts/index.md"
"""/abstracts/: a page that sends readers on to /articles/."""
KEYWORDS = "keywords.md"
SEARCH_INDEX = "search/search_index.json"
SEARCH_DOCUMENTS = "search/documents.json"


COLOURS_CSS = "assets/journal/colours.css"
"""The stylesheet of the journal's colours (`pages.colours_css`), linked from every page."""


def src_for_abstract(slug: str) -> str:
    return f"abstracts/{slug}.md"


def _issue_folder(volume: int, number: int | None) -> str:
    """An issue's folder, e.g. "issues/6/3"; a continuous journal's volume (`number` None):
    "volumes/13"."""
    return f"volumes/{volume}" if number is None else f"issues/{volume}/{number}"


def src_for_issue(volume: int, number: int | None) -> str:
    """An issue's table of contents; a continuous journal's volume's when `number` is None."""
    return f"{_issue_folder(volume, number)}/index.md"


def src_for_author(author_id: str) -> str:
    return f"authors/{author_id}.md"


def src_for_author_photo(author_id: str, photo: str) -> str:
    extension = posixpath.splitext(photo)[1].lower()
    return f"authors/{author_id}/photo{extension}"


KEYWORD_SLUG_LENGTH = 80
"""Longest plain keyword slug; a disambiguated one adds 9 characters (a folder name)."""


def _hash(key: str, length: int) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]


def keyword_slug(key: str) -> str:
    """The address of a keyword (its case-folded key), transliterated to ASCII:
    "ménière's disease" → "menieres-disease", "рак" → "rak"; a keyword with no letters or
    digits at all ("<&>") is "keyword-" and a hash of it."""
    slug = slugify(
        key,
        max_length=KEYWORD_SLUG_LENGTH,
        word_boundary=True,
        replacements=[["'", ""], ["\u2019", ""]],
    )
    return slug or f"keyword-{_hash(key, 8)}"


def keyword_slugs(keys: Sequence[str]) -> dict[str, str]:
    """A unique slug for every keyword key; `keys` in the order of the keyword index.

    Of keys with the same plain slug ("c" and "c++" both give "c"), the first in that
    order keeps it and the others add a hash of their own key ("c-3f1e…"): a keyword's
    address changes only when a keyword that comes before it, with the same slug, is
    added.
    """
    plain = {key: keyword_slug(key) for key in keys}
    slugs: dict[str, str] = {}
    for key in keys:
        slugs.setdefault(plain[key], key)
    taken = set(slugs)
    result = {key: slug for slug, key in slugs.items()}
    for key in keys:
        if key in result:
            continue
        slug = f"{plain[key]}-{_hash(key, 8)}"
        number = 1
        while slug in taken:  # the hash is another keyword's plain slug: count on
            number += 1
            slug = f"{plain[key]}-{_hash(key, 8)}-{number}"
        taken.add(slug)
        result[key] = slug
    return result


def src_for_keyword(slug: str) -> str:
    """A keyword's page, e.g. "keywords/liver/index.md" (a folder: "index" is a slug too)."""
    return f"keywords/{slug}/index.md"


def url_for_keyword(slug: str) -> str:
    return url_for(src_for_keyword(slug))


def search_shard(key: str) -> str:
    """One file of the search index (journal.search_index.shard_key names it)."""
    return f"search/shards/{key}.json"


def search_tail(key: str, number: int) -> str:
    """The rest of a frequent word's postings, beside its shard (the shard names `number`)."""
    return f"search/shards/{key}.{number}.json"


def search_chunk(number: int) -> str:
    """One chunk of the search index's documents (journal.search_index.CHUNK of them)."""
    return f"search/documents/{number}.json"


def url_for(src_uri: str) -> str:
    """The URL MkDocs gives a page source (directory URLs), e.g. "abstracts/x/"."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_for_abstract(slug: str) -> str:
    return url_for(src_for_abstract(slug))


def url_for_issue(volume: int, number: int | None) -> str:
    return url_for(src_for_issue(volume, number))


def url_for_author(author_id: str) -> str:
    return url_for(src_for_author(author_id))


def url_for_doi(doi: str) -> str:
    return f"https://doi.org/{doi}"


def is_ror(funder_id: str) -> bool:
    """Whether a funder is named by its ROR id (else by its Crossref Funder ID, a DOI)."""
    return funder_id.startswith("https://ror.org/")


def url_for_funder(funder_id: str) -> str:
    """A funder's address: its ROR id as written, or its Crossref Funder ID as a DOI link;
    "" without an id."""
    if not funder_id or is_ror(funder_id):
        return funder_id
    return url_for_doi(funder_id)


def url_for_orcid(orcid: str) -> str:
    return f"https://orcid.org/{orcid}"


def absolute(site_url: str, url: str) -> str:
    """An absolute URL for a site-relative one, when the site's address is known."""
    return site_url.rstrip("/") + "/" + url if site_url else url


FEED = "feed.xml"
ROBOTS = "robots.txt"
ADMIN = "admin/"
"""The in-browser editor (cms.py): not for readers or crawlers."""
SITEMAP = "sitemap.xml"


def src_for_abstract_file(slug: str, extension: str) -> str:
    """A download beside an abstract page, e.g. "abstracts/x/x.bib" ("bib", "jats.xml")."""
    return f"abstracts/{slug}/{slug}.{extension}"


def src_for_issue_file(volume: int, number: int | None, name: str) -> str:
    """A download beside an issue page, e.g. "issues/6/3/crossref.xml" (a continuous
    journal's volume: "volumes/13/crossref.xml")."""
    return f"{_issue_folder(volume, number)}/{name}"


def share_links(page_url: str, title: str) -> list[tuple[str, str]]:
    """(label, address) of plain share links for a page: e-mail, Bluesky, Mastodon, LinkedIn
    and X. Each service's own form; no script of theirs is loaded. Needs an absolute URL."""
    text = f"{title} {page_url}"
    return [
        ("E-mail", "mailto:?" + urlencode({"subject": title, "body": page_url}, quote_via=quote)),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        ("Mastodon", "https://mastodonshare.com/?" + urlencode({"text": title, "url": page_url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": page_url}),
        ),
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": page_url})),
    ]
