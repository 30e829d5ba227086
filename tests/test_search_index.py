"""The sharded search index: what a query finds, and how the files are cut.

The files are read back with `json` as the browser's worker reads them; the worker itself
is exercised in tests/browser/test_reader.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from conftest import search_documents, search_pages, search_postings, search_shard
from journal.search_index import (
    CHUNK,
    HEAD,
    PAGE_WEIGHT,
    TAIL,
    TEASER_CHARACTERS,
    SearchCard,
    build_search_index,
    shard_key,
    terms,
    write_search_files,
)


def _write(site: Path, entries: Any, config: dict, cards: Any = None, journal: str = "") -> None:
    """The index of these entries written into `site` as the build writes it."""
    write_search_files(
        site, build_search_index(entries, config.get("fields"), cards, journal), config
    )


FIELDS = {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 1000000}}
CONFIG = {"lang": ["en"], "fields": FIELDS}
ENTRIES = [
    {
        "location": "abstracts/cervix/",
        "title": "Cervical cancer after chemoradiation",
        "text": "<p>Diffusion imaging of the cervix.</p>",
        "tags": ["Ana López", "imaging"],
    },
    {
        "location": "abstracts/lung/",
        "title": "Lung nodules",
        "text": "<p>One cervical metastasis among 40 lung cases; cervical nodes.</p>",
        "tags": ["Ben Okoro"],
    },
    {"location": "about/", "title": "About", "text": ""},
    {"location": "about/#scope", "title": "Scope", "text": "<p>Imaging &amp; pathology.</p>"},
]


def _written(tmp_path: Path, entries: list[dict] = ENTRIES) -> tuple[dict, dict[str, dict]]:
    _write(tmp_path, entries, CONFIG)
    index = json.loads((tmp_path / "search/search_index.json").read_text("utf-8"))
    assert index["docs"] == []  # the page's main thread loads no documents
    index["docs"] = search_documents(tmp_path)  # of the index's version
    shards = {  # the shards (a frequent word's tail is apart, "<key>.<n>.json")
        p.stem: search_shard(tmp_path, p.stem)
        for p in (tmp_path / "search/shards").iterdir()
        if "." not in p.stem
    }
    return index, shards


def _postings(shards: dict[str, dict], word: str) -> dict[int, int]:
    flat = shards[shard_key(word)][word]
    return dict(zip(flat[::2], flat[1::2], strict=True))


def test_words_are_found_without_case_accents_hyphens_or_stop_words() -> None:
    words = terms("The PD-L1 status of Müller's ÉTUDE at 5 ㎒ by Zoë Łukasiewicz")
    assert words == ["pd", "l1", "status", "muller", "s", "etude", "5", "mhz", "zoe", "lukasiewicz"]


def test_a_word_in_the_title_or_tags_outranks_the_same_word_in_the_text(tmp_path: Path) -> None:
    index, shards = _written(tmp_path)
    locations = [d["location"] for d in index["docs"]]
    cervical = _postings(shards, "cervical")
    cervix, lung = locations.index("abstracts/cervix/"), locations.index("abstracts/lung/")
    assert set(cervical) == {cervix, lung}
    assert cervical[cervix] > cervical[lung] > 0
    author = _postings(shards, "lopez")  # a tag, accent removed
    assert set(author) == {cervix}
    assert author[cervix] > cervical[cervix]


def test_each_shard_holds_the_words_its_name_says_and_the_index_lists_them(
    tmp_path: Path,
) -> None:
    index, shards = _written(tmp_path)
    assert sorted(index["config"]["journal"]["shards"]) == sorted(shards)
    for key, words in shards.items():
        assert words, key
        for word, postings in words.items():
            assert bytes.fromhex(key).decode("utf-8") == word[:2]
            assert len(postings) % 2 == 0 and all(isinstance(v, int) for v in postings)
    assert "the" not in {w for words in shards.values() for w in words}
    assert "the" in index["config"]["journal"]["stop_words"]
    assert index["config"]["lang"] == ["en"]  # Material's settings are kept


def test_documents_keep_title_tags_and_a_short_escaped_teaser(tmp_path: Path) -> None:
    long_text = "<p>&lt;script&gt;alert(1)&lt;/script&gt; " + "word " * 200 + "</p>"
    entries = [
        *ENTRIES,
        {"location": "x/", "title": "<code>X</code> &amp; Y", "text": long_text},
        {"location": "y/", "title": "Y", "text": "", "tags": ["<b>raw</b>", "R&amp;D"]},
    ]
    index, _ = _written(tmp_path, entries)
    docs = {d["location"]: d for d in index["docs"]}
    assert docs["abstracts/cervix/"]["tags"] == ["Ana López", "imaging"]
    assert docs["x/"]["title"] == "<code>X</code> &amp; Y"
    teaser = BeautifulSoup(docs["x/"]["text"], "html.parser")
    assert teaser.get_text().startswith("<script>alert(1)</script> word")  # as text
    assert teaser.get_text().endswith("word…")
    assert len(teaser.get_text()) <= TEASER_CHARACTERS + 1
    assert not teaser.find("script")
    # Tags are shown as HTML too: a page's markup is dropped, an escaped tag kept as it is.
    assert docs["y/"]["tags"] == ["raw", "R&amp;D"]
    assert "<script" not in json.dumps(index) and "<b>" not in json.dumps(docs["y/"])
    scope = BeautifulSoup(docs["about/#scope"]["text"], "html.parser").get_text()
    assert scope == "Imaging & pathology."
    assert docs["about/"]["text"] == ""


def test_the_same_entries_write_the_same_bytes(tmp_path: Path) -> None:
    _write(tmp_path / "a", ENTRIES, CONFIG)
    _write(tmp_path / "b", ENTRIES, CONFIG)
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.json")}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.json")}
    assert a == b and len(a) > 3


def test_a_rebuild_leaves_no_shard_of_words_that_are_gone(tmp_path: Path) -> None:
    _write(tmp_path, ENTRIES, CONFIG)
    renamed = [{**e, "tags": ["Zoe Zhang"]} if "tags" in e else e for e in ENTRIES]
    _, shards = _written(tmp_path, renamed)
    assert shard_key("zoe") in shards
    assert shard_key("okoro") not in shards


def test_the_sites_field_boosts_decide_the_order(tmp_path: Path) -> None:
    text_first = {"fields": {"title": {"boost": 1}, "text": {"boost": 1000}}}
    _write(tmp_path, ENTRIES, {**CONFIG, **text_first})
    shard = search_shard(tmp_path, shard_key("cervical"))
    scores = dict(zip(shard["cervical"][::2], shard["cervical"][1::2], strict=True))
    assert scores[1] > scores[0]  # the lung abstract says "cervical" twice in its text
    assert build_search_index(ENTRIES[:1], None).boosts["title"] == 1000.0  # Material's default


def test_a_changed_document_changes_the_version_the_worker_asks_for(tmp_path: Path) -> None:
    first, _ = _written(tmp_path / "a")
    again, _ = _written(tmp_path / "b")
    edited, _ = _written(tmp_path / "c", [{**ENTRIES[0], "title": "Cervical cancer"}, *ENTRIES[1:]])
    version = first["config"]["journal"]["version"]
    assert version == again["config"]["journal"]["version"]
    assert version != edited["config"]["journal"]["version"]
    # The files, the version written into the shards, are the same from the same documents.
    files = {p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.json")}
    assert {p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.json")} == files
    for path in files:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def test_an_article_has_its_authors_apart_from_its_keywords_and_its_citation(
    tmp_path: Path,
) -> None:
    cards = {
        "abstracts/cervix/": SearchCard(
            authors=("Ana López", "Jean-Paul <Dupont>"),
            keywords=("imaging",),
            type="Case Report",
            citation="2017;6(3):21",
        ),
        "abstracts/lung/": SearchCard(
            authors=("Ben Okoro",), keywords=(), type="Research Article", citation="2018;7(1)"
        ),
    }
    _write(tmp_path, ENTRIES, CONFIG, cards, "J Clin & Exp Oncol")
    documents = json.loads((tmp_path / "search/documents.json").read_text("utf-8"))
    assert documents["journal"] == "J Clin &amp; Exp Oncol"  # shown as HTML: escaped
    docs = {d["location"]: d for d in search_documents(tmp_path)}
    cervix, lung = docs["abstracts/cervix/"], docs["abstracts/lung/"]
    assert cervix["authors"] == ["Ana López", "Jean-Paul &lt;Dupont&gt;"]
    assert cervix["tags"] == ["imaging"]  # keywords only: authors are not chips
    assert "tags" not in lung
    assert (cervix["cite"], lung["cite"]) == ("2017;6(3):21", "2018;7(1)")
    assert documents["types"][cervix["type"]] == "Case Report"
    assert documents["types"][lung["type"]] == "Research Article"
    assert "cite" not in docs["about/"] and "authors" not in docs["about/"]
    # The authors are still found, with a tag's weight.
    shards = {  # the shards (a frequent word's tail is apart, "<key>.<n>.json")
        p.stem: search_shard(tmp_path, p.stem)
        for p in (tmp_path / "search/shards").iterdir()
        if "." not in p.stem
    }
    lung_position = list(docs).index("abstracts/lung/")
    assert _postings(shards, "okoro")[lung_position] > _postings(shards, "lung")[lung_position]


PARTS = ("#part", "#more")


def test_the_cards_are_cut_into_chunks_and_what_ranking_needs_is_apart(tmp_path: Path) -> None:
    # Enough documents for two chunks; an article, then a page with a section, repeated.
    entries: list[dict] = []
    cards = {}
    for n in range(CHUNK + CHUNK // 2):
        entries.append({"location": f"abstracts/a{n}/", "title": f"Case {n}", "text": "x"})
        cards[f"abstracts/a{n}/"] = SearchCard(
            authors=("Ana López",), keywords=(), type="Case Report", citation=f"2017;6(3):{n}"
        )
        if n % 50 == 0:
            entries.append({"location": f"p{n}/", "title": "Page", "text": ""})
            entries.append({"location": f"p{n}/#part", "title": "Part", "text": "y"})
            entries.append({"location": f"p{n}/#more", "title": "More", "text": "z"})
    entries.append({"location": "gone/#part", "title": "Orphan", "text": ""})  # page not indexed
    _write(tmp_path, entries, CONFIG, cards, "J")
    head = json.loads((tmp_path / "search/documents.json").read_text("utf-8"))
    assert "documents" not in head  # no card is fetched before a query needs it
    assert (head["count"], head["chunk"]) == (len(entries), CHUNK)
    chunks = sorted(p.name for p in (tmp_path / "search/documents").iterdir())
    assert chunks == ["0.json", "1.json"]
    documents = search_documents(tmp_path)
    assert [d["location"] for d in documents] == [e["location"] for e in entries]
    where = {d["location"]: i for i, d in enumerate(documents)}
    parents, articles = search_pages(tmp_path)
    sections = {doc: page for doc, page in enumerate(parents) if doc != page}
    pages = [f"p{n}/" for n in range(0, CHUNK + CHUNK // 2, 50)]
    assert sections == {where[page + part]: where[page] for page in pages for part in PARTS}
    assert (
        articles
        == {i for i, d in enumerate(documents) if "cite" in d}
        == {where[location] for location in cards}
    )
    # Written again with fewer documents: no chunk of the larger index is left to fetch.
    _write(tmp_path, entries[:10], CONFIG, cards, "J")
    assert [p.name for p in (tmp_path / "search/documents").iterdir()] == ["0.json"]
    assert len(search_documents(tmp_path)) == 10


def test_a_frequent_words_postings_are_its_first_pages_in_the_shard_and_the_rest_apart(
    tmp_path: Path,
) -> None:
    # Enough pages with "tumour" for a tail: each page says it a number of times that
    # repeats (so that scores tie), some in the title, some pages with sections that say it.
    pages = HEAD + TAIL + 40
    entries: list[dict] = []
    for n in range(pages):
        title = "Tumour growth" if n % 7 == 0 else "Growth"
        entries.append({"location": f"p{n}/", "title": title, "text": "tumour " * (n % 5)})
        if n % 3 == 0:
            entries.append({"location": f"p{n}/#a", "title": "A", "text": "tumour " * (n % 4)})
    entries.append({"location": "rare/", "title": "Rare", "text": "tumour tumour tumoral"})
    _write(tmp_path, entries, CONFIG)
    site = tmp_path
    shard = search_shard(site, shard_key("tumour"))
    entry = shard["tumour"]
    assert set(entry) == {"head", "tail", "cut"}
    assert isinstance(shard["tumoral"], list)  # a rare word's postings are all in its shard
    postings = search_postings(site, "tumour")
    head = dict(zip(entry["head"][::2], entry["head"][1::2], strict=True))
    assert entry["head"][::2] == sorted(head)  # in document order
    parents, _ = search_pages(site)
    locations = [d["location"] for d in search_documents(site)]
    assert set(postings) == {
        i for i, loc in enumerate(locations) if "tumour" in _said(entries, loc)
    }

    def best(page: int) -> tuple[int, int]:  # a page's place for "tumour" alone
        docs = [d for d in postings if parents[d] == page]
        return min((-postings[d] * (PAGE_WEIGHT if d == page else 1), d) for d in docs)

    order = sorted({parents[d] for d in postings}, key=best)
    first = set(order[:HEAD])
    # The head: every posting of the first HEAD pages (a page's sections with it), no other.
    assert set(head) == {d for d in postings if parents[d] in first}
    assert all(postings[d] == score for d, score in head.items())
    # The cut: the first page of the tail, above which no document of the tail ranks.
    score, doc = best(order[HEAD])
    assert entry["cut"] == [-score, doc]
    assert len(postings) - len(head) >= TAIL
    # Every shard and tail says the index's version (search_shard reads it so).
    assert [search_shard(site, p.stem) for p in (site / "search/shards").iterdir()]


def _said(entries: list[dict], location: str) -> str:
    entry = next(e for e in entries if e["location"] == location)
    return (entry["title"] + " " + entry["text"]).lower()
