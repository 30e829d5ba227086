"""The site's search index, cut into small files that a reader's browser fetches as needed.

Material's own search sends every page's text to the browser, which builds a lunr index of
all of it before it answers the first query: 9 s for 10,000 abstracts. The journal keeps
Material's search box and results, and writes instead (the worker that reads these files is
overrides/assets/journal/search-worker.js):

- `search/search_index.json`: Material's file, which every page loads on its main thread:
  Material's `config`, and under `config.journal` what the worker needs to read queries as the
  index was made (`version`: a hash of the other files, `shards`, `stop_words`, `folds`: the
  letters folded as `fold` folds them); its `docs` are empty;
- `search/documents.json`, which the worker fetches as it starts: what ranking and grouping
  need of every document, and no document's text: the index's `version`, `count` (the
  documents), `chunk` (how many documents a chunk holds), `sections` (which documents are
  sections of which page: a section is a document whose location has a "#" and whose page
  is indexed; runs of a page's consecutive sections as `[first - the previous run's end,
  length, first - page, ...]`), `articles` (the documents that are articles, as runs
  `[first - the previous run's end, length, ...]`), `types` (the article types' names) and
  `journal` (the abbreviation every citation follows);
- `search/documents/<n>.json`, the documents' cards, `chunk` at a time by position (chunk
  `n` holds documents `n * chunk` to `(n + 1) * chunk - 1`): `version` and `documents`, each
  one's location, title, tags and a short teaser in place of its whole text. An article's
  result reads as a citation (its `SearchCard`): its tags are its keywords, and it has
  `authors`, `cite` (its citation after the journal's abbreviation, "2017;6(3):21") and
  `type` (a position in `types`);
- `search/shards/<key>.json`, one per two first letters of the indexed words (the key is
  their UTF-8 bytes in hex): `version` and `words`, every word that starts with them, with
  the documents it occurs in and a score, as `{"word": [document, score, document, score,
  ...]}`. A document is its
  position in the index (its chunk and its place there); a score is an integer, higher for
  a better match. A frequent word (TAIL postings or more past its first HEAD pages) is
  `{"word": {"head": [...], "tail": n, "cut": [score, document]}}`: `head` holds the
  postings of the HEAD pages that rank first for the word alone (a page with its sections),
  `search/shards/<key>.<n>.json` the others (`version` and `postings`, `[document, score,
  ...]`), and `cut` is where
  the tail begins (its first page's best document, a page's own score doubled): no
  document of the tail ranks above it (see `_split`).

A query fetches one shard for each two first letters its words start with, ranks and groups
its results with `documents.json` (from the heads of frequent words alone when they settle
the first ten pages: "carcinoma", in nearly every abstract, answers first from 32 pages'
postings, not some 70,000 at 50,000 abstracts; the tails come after), and fetches the
chunks of the results Material shows at once (the first ten pages): at 10,000 abstracts
"carcinoma" matches 9,333 documents, whose cards are megabytes. The worker answers with the
results whose cards it has, then fetches the other chunks, four at a time, and answers
again, complete, unless another query came meanwhile. `config.journal` also carries a
`version` (a hash of the other files), which the worker adds to the address of each file it
fetches, and which every other file repeats (the worker refuses a file of another version,
and reads the settings of the build now served), so that neither a browser's cached files
nor a deploy between two fetches mixes two builds (the shards and tails are written before
the version is known: `write_search_files` writes it into them last). A score is BM25 (no
length normalisation, as Material sets lunr) summed over the fields, each weighted by
Material's `fields` boosts (a word in the title or tags outweighs any number in the text).
"""

from __future__ import annotations

import hashlib
import heapq
import html
import json
import math
import re
import shutil
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import Any

from journal import urls

_STOP_WORDS = (
    # lunr.js's English stop words (what Material's search skipped), less the one-letter "i".
    "a able about across after all almost also am among an and any are as at be because "
    "been but by can cannot could dear did do does either else ever every for from get got "
    "had has have he her hers him his how however if in into is it its just least let like "
    "likely may me might most must my neither no nor not of off often on only or other our "
    "own rather said say says she should since so some than that the their them then there "
    "these they this tis to too twas us wants was we were what when where which while who "
    "whom why will with would yet you your"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
FOLDS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "\u0131": "i",  # dotless i
}
"""Letters that have no accent to remove but that readers type as Latin letters
("Łukasiewicz" → "lukasiewicz"); the worker gets this table with the index."""
_FOLD_TABLE = str.maketrans(FOLDS)
TEASER_CHARACTERS = 160
"""A result shows the start of its document's text: this many characters, cut at a word."""
K1 = 1.2
"""BM25's term-frequency saturation: the fifth occurrence of a word adds little."""
SCALE = 100
"""Scores are stored as integers: BM25 times this."""
CHUNK = 100
"""Documents in one chunk of cards: a query's first results need a few chunks of some
10 kB each (gzipped), not every document's card."""
HEAD = 32
"""Pages whose postings of a frequent word its shard holds: those that rank first for the
word alone (`_split`); the rest are in a file of their own, fetched after a first answer."""
TAIL = 256
"""Postings past the head that make a word frequent (some 3 kB gzipped)."""
PAGE_WEIGHT = 2
"""A page's own score counts this many times against its sections' (as the worker ranks)."""
DEFAULT_BOOSTS = {"title": 1000.0, "text": 1.0, "tags": 1_000_000.0}
VERSION_AT = len('{"version":"')
"""Where the version begins in a shard or tail: characters, and bytes (the start is ASCII)."""
_UNSTAMPED = '{"version":"' + "-" * 16 + '"'
"""How a shard or tail begins until `write_search_files` writes the index's version over the
dashes (a file left so is refused: no version is dashes)."""
MATERIAL_SETTINGS = ("lang", "separator", "pipeline", "fields")
"""What Material's search plugin writes as `config` (its page highlighting reads
`separator`)."""

_DECODER = json.JSONDecoder()
_LOCATION_AT = len('{"location":')
"""Where a card's location starts in its JSON (`add` writes it first)."""
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Text as the index compares it: compatibility forms split ("㎒" → "MHz"), lower case,
    accents removed ("Müller" → "muller"), and the letters of FOLDS replaced."""
    folded = unicodedata.normalize("NFKD", text).lower()
    if folded.isascii():
        return folded
    folded = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
    return folded.translate(_FOLD_TABLE)


def terms(text: str) -> list[str]:
    """The words of plain text as the index holds them and the worker reads a query: folded,
    split at anything that is not a letter or digit ("PD-L1" → "pd", "l1"), stop words left
    out."""
    return [word for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


def shard_key(term: str) -> str:
    """The shard that holds a word: its first two characters' UTF-8 bytes in hex."""
    return term[:2].encode("utf-8").hex()


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment of the search index, entities decoded, spaces as they
    were."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    return html.unescape(_TAG.sub(" ", fragment))


def teaser(text: str) -> str:
    """The start of a document's plain text as escaped HTML, cut at a word."""
    text = " ".join(text.split())
    if len(text) > TEASER_CHARACTERS:
        cut = text.rfind(" ", 0, TEASER_CHARACTERS)
        text = text[: cut if cut > 0 else TEASER_CHARACTERS].rstrip(" ,;:.") + "…"
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchCard:
    """What an article's search result shows beside its title and teaser."""

    authors: tuple[str, ...]
    """Shown apart from the keywords (its tags)."""
    keywords: tuple[str, ...]
    type: str
    """The article type's name: the result's badge."""
    citation: str
    """The citation after the journal's abbreviation, e.g. "2017;6(3):21"."""


class SearchIndex:
    """The words of every document, gathered one document at a time (call `add`), then
    written as shards (`files`)."""

    def __init__(
        self,
        boosts: Mapping[str, float],
        cards: Mapping[str, SearchCard] | None = None,
        journal: str = "",
    ) -> None:
        self.boosts = dict(boosts)
        self.cards = cards or {}
        """Location of an article's page → its card."""
        self.journal = journal
        """The journal's abbreviation, which every card's citation follows."""
        self.types: dict[str, int] = {}
        # Each document's card as its JSON in UTF-8 (location first), a third of the dict's
        # memory, and whether it is an article's (DEVELOPING.md, "Memory").
        self._cards: list[bytes] = []
        self._is_article = bytearray()
        self.version = ""
        """The index's version, once `files` has made every file."""
        # word → (documents, their weights before IDF): 8 bytes a posting
        self._postings: dict[str, tuple[array[int], array[float]]] = {}

    def add(self, entry: Mapping[str, Any]) -> None:
        """Index one document of Material's search plugin: location, title, text, tags."""
        doc = len(self._cards)
        text = plain_text(entry.get("text") or "")
        tags = [" ".join(plain_text(str(tag)).split()) for tag in entry.get("tags") or ()]
        fields = {"title": [plain_text(entry.get("title") or "")], "text": [text], "tags": tags}
        weights: dict[str, float] = {}
        for field, boost in self.boosts.items():
            words = [word for value in fields.get(field, ()) for word in terms(value)]
            for word, count in Counter(words).items():
                weights[word] = weights.get(word, 0.0) + boost * count * (K1 + 1) / (count + K1)
        boost = float(entry.get("boost", 1.0))
        for word, weight in weights.items():
            postings = self._postings.get(word)
            if postings is None:
                postings = self._postings[word] = (array("I"), array("f"))
            postings[0].append(doc)
            postings[1].append(weight * boost)
        slim = {
            "location": entry["location"],
            "title": entry.get("title", ""),
            "text": teaser(text),
        }
        card = self.cards.get(entry["location"])
        if card is not None:  # shown as HTML: escaped here
            slim["authors"] = [html.escape(name, quote=False) for name in card.authors]
            if card.keywords:
                slim["tags"] = [html.escape(word, quote=False) for word in card.keywords]
            slim["cite"] = html.escape(card.citation, quote=False)
            slim["type"] = self.types.setdefault(card.type, len(self.types))
        elif "tags" in entry:  # shown as HTML: escaped here whatever the page gave
            slim["tags"] = [html.escape(tag, quote=False) for tag in tags]
        self._cards.append(_dumps(slim).encode("utf-8"))
        self._is_article.append(card is not None)

    def files(self, config: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
        """(path in the site, JSON text) of every shard and tail, the documents' chunks, the
        documents' `documents.json` and Material's `search_index.json`; one at a time (but the
        chunks, which the version covers and repeats), so no more than one shard is held. A
        shard or tail is made before the version (which covers it): it begins as _UNSTAMPED,
        and its version is `version` once the last file is made."""
        by_key: dict[str, list[str]] = {}
        for word in sorted(self._postings):
            by_key.setdefault(shard_key(word), []).append(word)
        count = len(self._cards)
        parents = self._parents()
        version = hashlib.sha256()  # of every file: the worker asks for this set of files
        for key, words in by_key.items():
            shard: dict[str, Any] = {}
            tails: list[list[int]] = []
            for word in words:
                found, weights = self._postings[word]
                idf = math.log(1 + (count - len(found) + 0.5) / (len(found) + 0.5)) * SCALE
                scores = [round(weight * idf) or 1 for weight in weights]
                split = _split(list(found), scores, parents)
                if split is None:
                    shard[word] = _flat(list(found), scores)
                    continue
                first, rest, cut = split
                shard[word] = {"head": first, "tail": len(tails), "cut": cut}
                tails.append(rest)
            # Hashed as written, the version blanked: a change of their form is another version.
            text = f'{_UNSTAMPED},"words":{_dumps(shard)}}}'
            version.update(text.encode("utf-8"))
            yield urls.search_shard(key), text
            for number, postings in enumerate(tails):
                text = f'{_UNSTAMPED},"postings":{_dumps(postings)}}}'
                version.update(text.encode("utf-8"))
                yield urls.search_tail(key, number), text
        for chunk in self._chunks():  # hashed now, made again to be written: none is kept
            version.update(chunk)
        head = _dumps(
            {
                "count": count,
                "chunk": CHUNK,
                "sections": self._sections(),
                "articles": self._articles(),
                "journal": html.escape(self.journal, quote=False),
                "types": [html.escape(name, quote=False) for name in self.types],
            }
        )[1:]
        version.update(head.encode("utf-8"))
        stamp = self.version = version.hexdigest()[:16]
        for number, chunk in enumerate(self._chunks()):
            text = chunk.decode("utf-8")
            yield urls.search_chunk(number), f'{{"version":"{stamp}","documents":{text}}}'
        yield urls.SEARCH_DOCUMENTS, f'{{"version":"{stamp}",{head}'
        journal = {
            "version": stamp,
            "shards": list(by_key),
            "stop_words": sorted(STOP_WORDS),
            "folds": FOLDS,
        }
        settings = {key: config[key] for key in MATERIAL_SETTINGS if key in config}
        index = {"config": {**settings, "journal": journal}, "docs": []}
        yield urls.SEARCH_INDEX, _dumps(index)

    def _chunks(self) -> Iterator[bytes]:
        """The cards `CHUNK` at a time, each chunk a JSON list in UTF-8 (as `_dumps` writes
        the list of their dicts)."""
        for start in range(0, len(self._cards), CHUNK):
            yield b"[" + b",".join(self._cards[start : start + CHUNK]) + b"]"

    def _locations(self) -> Iterator[str]:
        for card in self._cards:  # '{"location":"…",…}': the string at a known place
            location: str = _DECODER.raw_decode(card.decode("utf-8"), _LOCATION_AT)[0]
            yield location

    def _sections(self) -> list[int]:
        """The sections' pages as runs, three numbers a run: [first - the previous run's end,
        length, first - page, ...]. A section is a document with a "#" in its location whose
        page (the location before the "#", its last document) is a document too; a run is
        consecutive sections of one page (a page's sections follow it: [1, 4, 1] repeats)."""
        runs: list[list[int]] = []  # [first, end, page]
        for i, parent in enumerate(self._parents()):
            if parent == i:
                continue
            if runs and runs[-1][1] == i and runs[-1][2] == parent:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1, parent])
        return _deltas(runs)

    def _parents(self) -> list[int]:
        """Each document's page: a section's page, or the document itself."""
        locations = list(self._locations())
        pages = {location: i for i, location in enumerate(locations) if "#" not in location}
        parents = []
        for i, location in enumerate(locations):
            page, hashed, _ = location.partition("#")
            parents.append(pages.get(page, i) if hashed else i)
        return parents

    def _articles(self) -> list[int]:
        """The documents that are articles (have a card) as runs, two numbers a run:
        [first - the previous run's end, length, ...]."""
        runs: list[list[int]] = []  # [first, end]
        for i, is_article in enumerate(self._is_article):
            if not is_article:
                continue
            if runs and runs[-1][1] == i:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1])
        return _deltas(runs)


def _flat(docs: list[int], scores: list[int]) -> list[int]:
    """Postings as the shards hold them: [document, score, document, score, ...]."""
    flat = [0] * (2 * len(docs))
    flat[0::2] = docs
    flat[1::2] = scores
    return flat


def _split(
    docs: list[int], scores: list[int], parents: list[int]
) -> tuple[list[int], list[int], list[int]] | None:
    """A frequent word's postings cut after the pages that rank first for it alone: (head,
    tail, cut), each of head and tail flat and in document order, or None for a word with
    fewer than TAIL postings past its head. A page's postings (its own and its sections')
    are all in the head or all in the tail. Pages rank as the worker ranks a word's results:
    by their best document's score, a page's own score doubled, then by that document's
    position; `cut` is that [score, position] of the first page of the tail, above which no
    document of the tail ranks."""
    if len(docs) < HEAD + TAIL:
        return None
    # One number a posting that sorts as the worker ranks: higher score, then lower position.
    size = len(parents)
    keys = [
        doc - score * size * (PAGE_WEIGHT if parents[doc] == doc else 1)
        for doc, score in zip(docs, scores, strict=True)
    ]
    first: list[int] = []  # pages in rank order, each at its best posting
    seen: set[int] = set()
    wanted = 8 * (HEAD + 1)
    while len(first) <= HEAD:
        first.clear()
        seen.clear()
        for key in heapq.nsmallest(wanted, keys) if wanted < len(keys) else sorted(keys):
            page = parents[key % size]
            if page not in seen:
                seen.add(page)
                first.append(key)
                if len(first) > HEAD:
                    break
        if wanted >= len(keys):
            break
        wanted *= 4
    if len(first) <= HEAD:
        return None
    pages = {parents[key % size] for key in first[:HEAD]}
    outside = [parents[doc] not in pages for doc in docs]
    inside = [not flag for flag in outside]
    if sum(outside) < TAIL:
        return None
    head = _flat(list(compress(docs, inside)), list(compress(scores, inside)))
    tail = _flat(list(compress(docs, outside)), list(compress(scores, outside)))
    cut = first[HEAD]
    doc = cut % size
    return head, tail, [(doc - cut) // size, doc]


def _deltas(runs: list[list[int]]) -> list[int]:
    """Runs [first, end, page?] written as [first - the previous end, end - first,
    first - page?]: small numbers that repeat, which gzip all but removes."""
    flat: list[int] = []
    end = 0
    for run in runs:
        flat += (run[0] - end, run[1] - run[0], *(run[0] - page for page in run[2:]))
        end = run[1]
    return flat


def write_search_files(site_dir: Path, index: SearchIndex, config: Mapping[str, Any]) -> None:
    """Write an index into a built site, in place of the `search_index.json` Material wrote
    (`config`: its search plugin's settings). A host that adds each page's entries to
    `index` as the page is written (`SearchIndex.add`) need not keep them all."""
    for folder in ("shards", "documents"):  # no file of an earlier build left to fetch
        shutil.rmtree(site_dir / "search" / folder, ignore_errors=True)
    unstamped: list[Path] = []
    for path, text in index.files(config):
        destination = site_dir / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
        if text.startswith(_UNSTAMPED):
            unstamped.append(destination)
    stamp = index.version.encode("ascii")
    for destination in unstamped:  # the version, known now, over the dashes
        with destination.open("r+b") as file:
            file.seek(VERSION_AT)
            file.write(stamp)


def build_search_index(
    entries: Iterable[Mapping[str, Any]],
    fields: Mapping[str, Mapping[str, Any]] | None,
    cards: Mapping[str, SearchCard] | None = None,
    journal: str = "",
) -> SearchIndex:
    """The index of Material's search entries, each field weighted by its `boost`."""
    boosts = {
        name: float((fields or {}).get(name, {}).get("boost", default))
        for name, default in DEFAULT_BOOSTS.items()
    }
    index = SearchIndex(boosts, cards, journal)
    for entry in entries:
        index.add(entry)
    return index


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
