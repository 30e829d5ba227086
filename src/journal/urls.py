"""Every page and file location of the site, in one place.

`src_uri` values are the virtual source paths MkDocs sees; with `use_directory_urls` the
page `abstracts/<slug>.md` is served at `abstracts/<slug>/`. URLs are relative to the site
root, without a leading slash.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
ARCHIVE = "archive.md"
AUTHOR_INDEX = "authors/index.md"
MEDIA_PARTNERS = "media-partners.md"
SUBMIT = "submit.md"
KEYWORDS = "keywords.md"
SEARCH_INDEX = "search/search_index.json"
SEARCH_DOCUMENTS = "search/documents.json"


def src_for_abstract(slug: str) -> str:
    return f"abstracts/{slug}.md"


def src_for_issue(volume: int, number: int) -> str:
    return f"issues/{volume}/{number}/index.md"


def src_for_author(author_id: str) -> str:
    return f"authors/{author_id}.md"


def src_for_author_photo(author_id: str, photo: str) -> str:
    extension = posixpath.splitext(photo)[1].lower()
    return f"authors/{author_id}/photo{extension}"


def search_shard(key: str) -> str:
    """One file of the search index (journal.search_index.shard_key names it)."""
    return f"search/shards/{key}.json"


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


def url_for_issue(volume: int, number: int) -> str:
    return url_for(src_for_issue(volume, number))


def url_for_author(author_id: str) -> str:
    return url_for(src_for_author(author_id))


def url_for_doi(doi: str) -> str:
    return f"https://doi.org/{doi}"


def url_for_orcid(orcid: str) -> str:
    return f"https://orcid.org/{orcid}"


def absolute(site_url: str, url: str) -> str:
    """An absolute URL for a site-relative one, when the site's address is known."""
    return site_url.rstrip("/") + "/" + url if site_url else url


FEED = "feed.xml"
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"


def src_for_abstract_file(slug: str, extension: str) -> str:
    """A download beside an abstract page, e.g. "abstracts/x/x.bib" ("bib", "jats.xml")."""
    return f"abstracts/{slug}/{slug}.{extension}"


def src_for_issue_file(volume: int, number: int, name: str) -> str:
    """A download beside an issue page, e.g. "issues/6/3/crossref.xml"."""
    return f"issues/{volume}/{number}/{name}"
