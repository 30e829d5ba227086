"""Search in a journal whose documents fill several chunks (search/documents/<n>.json): a
query's first results appear while chunks they do not need are still unanswered, and the
whole list, once complete, is every matching document in the index's order.

The journal is the benchmark's generated corpus (enough abstracts for several chunks), built
with `mkdocs build --strict`; what a query must find is read from the built index with `json`
and ranked here as the worker's notes describe (a page's score counts double against its
sections'; ties by position; sections listed under their page)."""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from conftest import (
    ROOT,
    run_mkdocs_build,
    search_documents,
    search_pages,
    search_postings,
    search_shard,
)
from journal.search_index import HEAD, STOP_WORDS

pytestmark = pytest.mark.browser
ABSTRACTS = 300
RANK = 1e12  # each query word matched outranks any score
PREFIX_WEIGHT = 0.5  # a longer word that begins with the word being typed
FIRST = 10  # the results Material shows at once: all a first answer waits for
# Material shows four more results each time the list is scrolled to its end (a scroll event
# that reaches it): away from the end, a frame, then to the end.
SCROLL_TO_THE_END = """async box => {
  box.scrollTo(0, 0);
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  box.scrollTo(0, box.scrollHeight);
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _generated_site(root: Path, seed_offset: int = 0) -> Path:
    """The benchmark's generated corpus (its seed moved by `seed_offset`: other abstracts),
    built."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import SEED, SOURCE_DATE_EPOCH, generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generated = generate(root, ABSTRACTS, seed=SEED + seed_offset, repo=ROOT)
    # Built on the generator's date: every abstract is published by then.
    build = run_mkdocs_build(
        generated.journal, root / "site", env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    )
    assert build.returncode == 0, build.output
    return build.site


@pytest.fixture(scope="module")
def chunked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generated_site(tmp_path_factory.mktemp("chunked"))


@pytest.fixture(scope="module")
def deployed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site deployed after `chunked_site`: other abstracts, the same words frequent."""
    return _generated_site(tmp_path_factory.mktemp("deployed"), seed_offset=1)


@pytest.fixture(scope="module")
def chunked_url(chunked_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(chunked_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _ranked_groups(site: Path, word: str) -> list[tuple[int, list[int]]]:
    """The documents matching `word` (typed whole), grouped by page, in the order shown:
    (page, the group's documents)."""
    return _ranked_answer(site, [(word, False)])


def _ranked_answer(site: Path, query: list[tuple[str, bool]]) -> list[tuple[int, list[int]]]:
    """The documents matching a query's words (each a prefix or typed whole), grouped by
    page, in the order shown, ranked from every posting (a frequent word's tail too) as the
    worker's notes say: more query words matched first, then the sum of each word's best
    score (half for a longer word a prefix matches), a page's own counting double; ties by
    position."""
    parents, _ = search_pages(site)
    best: dict[int, dict[int, float]] = {}  # document → query word → its best score
    for t, (term, prefix) in enumerate(query):
        key = term[:2].encode("utf-8").hex()
        indexed = search_shard(site, key) if (site / f"search/shards/{key}.json").exists() else {}
        for word in indexed:
            if word != term and not (prefix and word.startswith(term)):
                continue
            weight = 1 if word == term else PREFIX_WEIGHT
            for doc, score in search_postings(site, word).items():
                scores = best.setdefault(doc, {})
                scores[t] = max(scores.get(t, 0), score * weight)
    ranked = sorted(
        (-(len(scores) * RANK + sum(scores.values()) * (2 if parents[doc] == doc else 1)), doc)
        for doc, scores in best.items()
    )
    groups: dict[int, list[int]] = {}
    for _, doc in ranked:
        groups.setdefault(parents[doc], []).append(doc)
    for page, docs in groups.items():
        if page not in docs:
            docs.append(page)
    return list(groups.items())


def _pick_query(site: Path, size: int) -> tuple[str, list[tuple[int, list[int]]]]:
    """A word whose first results need fewer chunks than all its results, which lie in
    several chunks, with more results than Material shows at once."""
    for word in _words(site):
        groups = _ranked_groups(site, word)
        first = {doc // size for _, docs in groups[:FIRST] for doc in docs}
        every = {doc // size for _, docs in groups for doc in docs}
        if 2 * FIRST <= len(groups) <= 60 and len(every) >= 3 and first < every:
            return word, groups
    raise AssertionError("no word of the generated corpus spans several chunks")


def _shown(page: Page) -> list[list[str]]:
    """The result list's documents as shown: each item's locations, page first."""
    hrefs = page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(item => [...item.querySelectorAll("a.md-search-result__link")]
            .map(a => a.getAttribute("href")))"""
    )
    return [[_location(href) for href in links] for links in hrefs]


def _location(href: str) -> str:
    """A result's link as the index's location: "abstracts/x/#methods" (no highlight query)."""
    url = urlsplit(href)
    return url.path.removeprefix("/") + (f"#{url.fragment}" if url.fragment else "")


def _search(context: BrowserContext, word: str) -> Page:
    """A new page of the site with `word` typed into the search box, as a reader types."""
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(word + " ", delay=20)
    return page


def test_a_query_answers_before_every_chunk_is_fetched_and_completes_across_chunks(
    browser: Browser, chunked_site: Path, chunked_url: str
) -> None:
    head = json.loads((chunked_site / "search/documents.json").read_text("utf-8"))
    size = head["chunk"]
    documents = search_documents(chunked_site)
    assert len(documents) > 3 * size  # several chunks
    word, groups = _pick_query(chunked_site, size)
    needed = {doc // size for _, docs in groups[:FIRST] for doc in docs}
    held_back = {doc // size for _, docs in groups for doc in docs} - needed

    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    held: list[Route] = []
    released = False

    def chunks(route: Route) -> None:
        number = int(urlsplit(route.request.url).path.rsplit("/", 1)[-1].removesuffix(".json"))
        if number in held_back and not released:
            held.append(route)  # unanswered until the first results are shown
        else:
            route.continue_()

    context.route("**/search/documents/*.json*", chunks)
    page = _search(context, word)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible()
    # The first answer: the results whose cards are in (the first ten's chunks), up to the
    # first whose chunk is still unanswered; none stands for a card not fetched.
    ready = next(
        (i for i, (_, docs) in enumerate(groups) if any(doc // size in held_back for doc in docs)),
        len(groups),
    )
    assert FIRST <= ready < len(groups)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(f"{ready} matching documents")

    # The first results, with their titles, while the chunks they do not need are unanswered:
    # no card of those chunks was needed to show them.
    expect(items).to_have_count(FIRST)
    assert [links[0] for links in _shown(page)] == [
        documents[page_doc]["location"] for page_doc, _ in groups[:FIRST]
    ]
    titles = [_plain(documents[page_doc]["title"]) for page_doc, _ in groups]
    assert items.locator("h1").all_inner_texts() == titles[:FIRST]
    items.first.evaluate("item => { item.dataset.first = '' }")

    released = True
    for route in held:
        route.continue_()
    # The complete answer replaces the first (Material renders the list again)...
    expect(page.locator(".md-search-result__item[data-first]")).to_have_count(0)
    expect(meta).to_have_text(f"{len(groups)} matching documents")
    # ...and holds every result, in order, each with its title, as the reader scrolls.
    scroll = page.locator(".md-search__scrollwrap")
    while (shown := items.count()) < len(groups):
        scroll.evaluate(SCROLL_TO_THE_END)
        expect(items).not_to_have_count(shown)
    expected = [[documents[doc]["location"] for doc in docs] for _, docs in groups]
    found = _shown(page)
    assert [links[0] for links in found] == [documents[p]["location"] for p, _ in groups]
    assert [sorted(links) for links in found] == [sorted(links) for links in expected]
    assert items.locator("h1").all_inner_texts() == titles
    context.close()


def _plain(fragment: str) -> str:
    return " ".join(BeautifulSoup(fragment, "html.parser").get_text().split())


@pytest.mark.parametrize("failure", ["another build", "offline"])
def test_a_chunk_of_another_build_or_not_fetched_shows_no_results_and_the_next_query_retries(
    browser: Browser, chunked_site: Path, chunked_url: str, failure: str
) -> None:
    size = json.loads((chunked_site / "search/documents.json").read_text("utf-8"))["chunk"]
    word, groups = _pick_query(chunked_site, size)
    documents = search_documents(chunked_site)
    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    broken = True

    def chunks(route: Route) -> None:
        if not broken:
            route.continue_()
        elif failure == "offline":
            route.abort("internetdisconnected")
        else:  # a cached chunk of an earlier deploy: same address, another version inside
            path = urlsplit(route.request.url).path.lstrip("/")
            data = json.loads((chunked_site / path).read_text("utf-8"))
            data["version"] = "0" * 16
            route.fulfill(body=json.dumps(data), content_type="application/json")

    context.route("**/search/documents/*.json*", chunks)
    page = _search(context, word)
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    # No result with another build's card (nor a half-made list): none, as when offline.
    expect(meta).to_have_text("No matching documents")
    expect(page.locator(".md-search-result__item")).to_have_count(0)

    broken = False
    box.press_sequentially(" ", delay=20)  # the reader types on: the chunks are asked again
    expect(meta).to_have_text(f"{len(groups)} matching documents")
    first = page.locator(".md-search-result__item h1").first
    expect(first).to_have_text(_plain(documents[groups[0][0]]["title"]))
    context.close()


def test_a_deploy_since_the_page_loaded_is_searched_with_the_new_builds_files(
    browser: Browser, chunked_site: Path, chunked_url: str
) -> None:
    # The reader searches, the site is deployed again (every title changed, another version),
    # and the reader searches for another word: its first results need a chunk the worker
    # has not fetched (of the new build) and one it has (of the old). The worker reads the new
    # build's settings, forgets the old build's cards and answers with the new build's only.
    size = json.loads((chunked_site / "search/documents.json").read_text("utf-8"))["chunk"]
    before, before_groups = _pick_query(chunked_site, size)
    loaded = {doc // size for _, docs in before_groups for doc in docs}
    after = None
    for word in _words(chunked_site):
        groups = _ranked_groups(chunked_site, word)
        first = {doc // size for _, docs in groups[:FIRST] for doc in docs}
        if word != before and len(groups) >= FIRST and first & loaded and first - loaded:
            after, after_groups = word, groups
            break
    assert after is not None
    old = json.loads((chunked_site / "search/search_index.json").read_text("utf-8"))["config"][
        "journal"
    ]["version"]
    new = "f" * len(old)
    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    deployed = False

    def search_files(route: Route) -> None:
        path = urlsplit(route.request.url).path.lstrip("/")
        if not deployed:
            route.continue_()
            return
        data = json.loads((chunked_site / path).read_text("utf-8"))
        if path.startswith("search/documents/"):
            for document in data["documents"]:
                document["title"] = "Deployed " + document["title"]
        text = json.dumps(data)
        assert old in text, path
        route.fulfill(body=text.replace(old, new), content_type="application/json")

    context.route("**/search/**", search_files)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("")
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    box.press_sequentially(before + " ", delay=20)
    expect(meta).to_have_text(f"{len(before_groups)} matching documents")
    deployed = True
    box.fill("")
    box.press_sequentially(after + " ", delay=20)
    expect(meta).to_have_text(f"{len(after_groups)} matching documents")
    titles = page.locator(".md-search-result__item h1")
    expect(titles).to_have_count(FIRST)
    shown = titles.all_inner_texts()
    assert all(title.startswith("Deployed ") for title in shown), shown
    context.close()


def _words(site: Path, *, frequent: bool = False) -> list[str]:
    """The corpus's words (long, alphabetic), or its frequent words, whose shard holds their
    first pages' postings only."""
    return sorted(
        word
        for path in sorted((site / "search/shards").glob("*.json"))
        if "." not in path.stem  # a frequent word's tail, "<key>.<n>.json"
        for word, postings in search_shard(site, path.stem).items()
        if word.isalpha() and len(word) > 4 and word not in STOP_WORDS
        if isinstance(postings, dict) is frequent
    )


def test_a_frequent_word_answers_from_its_first_pages_before_its_tail_is_fetched(
    browser: Browser, chunked_site: Path, chunked_url: str
) -> None:
    # A frequent word's shard holds the postings of the pages that rank first for it; the
    # rest (its tail) is a file apart. The first answer is those pages (with the cards that
    # are in), while the tail is unanswered; the complete answer after it is every result, in
    # the order ranked from all of the word's postings.
    size = json.loads((chunked_site / "search/documents.json").read_text("utf-8"))["chunk"]
    documents = search_documents(chunked_site)
    word = _words(chunked_site, frequent=True)[0]
    groups = _ranked_groups(chunked_site, word)
    assert len(groups) > HEAD > FIRST
    loaded = {doc // size for _, docs in groups[:FIRST] for doc in docs}
    ready = next(
        i
        for i, (_, docs) in enumerate(groups)
        if i == HEAD or any(d // size not in loaded for d in docs)
    )
    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    held: list[Route] = []
    released = False

    def tails(route: Route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    context.route("**/search/shards/*.*.json*", tails)
    page = _search(context, word)
    items = page.locator(".md-search-result__item")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(f"{ready} matching documents")
    expect(items).to_have_count(FIRST)
    assert held  # the first answer came while the tail was unanswered
    shown = _shown(page)
    expected = [[documents[doc]["location"] for doc in docs] for _, docs in groups]
    pages = [documents[page_doc]["location"] for page_doc, _ in groups]  # a page first
    assert [links[0] for links in shown] == pages[:FIRST]
    assert [sorted(links) for links in shown] == [sorted(links) for links in expected[:FIRST]]
    titles = [_plain(documents[page_doc]["title"]) for page_doc, _ in groups]
    assert items.locator("h1").all_inner_texts() == titles[:FIRST]

    released = True
    for route in held:
        route.continue_()
    expect(meta).to_have_text(f"{len(groups)} matching documents")
    scroll = page.locator(".md-search__scrollwrap")
    while (count := items.count()) < len(groups):
        scroll.evaluate(SCROLL_TO_THE_END)
        expect(items).not_to_have_count(count)
    found = _shown(page)
    assert [links[0] for links in found] == pages
    assert [sorted(links) for links in found] == [sorted(links) for links in expected]
    assert items.locator("h1").all_inner_texts() == titles
    context.close()


# Every answer the worker posts to the page, as (the query's words, each result's locations,
# page first): what the reader is shown at each step, whether or not Material redraws.
RECORD_ANSWERS = """(() => {
  const Native = window.Worker;
  window.journalAnswers = [];
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === 3 && data.data.items.length)
          window.journalAnswers.push({
            words: Object.keys(data.data.items[0][0].terms),
            groups: data.data.items.map(group => group.map(result => result.location))
          });
      });
    }
  };
})()"""


def _answers(page: Page, words: list[str]) -> list[list[list[str]]]:
    """The answers the worker posted to a query of these words, in order."""
    recorded = page.evaluate("window.journalAnswers")
    return [answer["groups"] for answer in recorded if answer["words"] == words]


def _as_shown(site: Path, groups: list[tuple[int, list[int]]]) -> list[list[str]]:
    """Groups of documents as the results' locations, each group's sorted (the order within
    a group is the worker's, tested above)."""
    locations = [document["location"] for document in search_documents(site)]
    return [sorted(locations[d] for d in docs) for _, docs in groups]


def _same(answer: list[list[str]]) -> list[list[str]]:
    return [sorted(group) for group in answer]


def _type(context: BrowserContext, query: str) -> Page:
    """A new page of the site that records the worker's answers, with `query` in the search
    box at once (one query: Material asks the worker when a key is released)."""
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.add_init_script(RECORD_ANSWERS)
    page.goto("")
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    return page


@pytest.mark.parametrize("query", ["a frequent word and another", "two frequent words", "a prefix"])
def test_a_query_of_two_words_or_a_short_prefix_answers_first_with_the_start_of_the_ranking(
    browser: Browser, chunked_site: Path, chunked_url: str, query: str
) -> None:
    # Words whose postings are split (a head in the shard, a tail apart), with another word,
    # or several that two letters begin: the complete answer is ranked from every posting of
    # every word the query matches; the first answer (before the cards of later results,
    # perhaps before the tails) is the start of it, never another order.
    frequent = _words(chunked_site, frequent=True)
    if query == "a prefix":  # the two letters that begin the most frequent words
        prefix = max(
            sorted({word[:2] for word in frequent}),
            key=lambda two: sum(word.startswith(two) for word in frequent),
        )
        typed, terms = prefix, [(prefix, True)]
    else:
        first = frequent[0]
        second = next(
            word
            for word in (frequent if query == "two frequent words" else _words(chunked_site))
            if word[:2] != first[:2]
            and (
                query == "two frequent words"
                or FIRST <= len(_ranked_groups(chunked_site, word)) < 60
            )
        )
        typed, terms = f"{first} {second} ", [(first, False), (second, False)]
    groups = _ranked_answer(chunked_site, terms)
    assert len(groups) > HEAD > FIRST
    assert _split_words(chunked_site, terms), "no word of the query has a tail"
    expected = _as_shown(chunked_site, groups)
    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    page = _type(context, typed)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(f"{len(groups)} matching documents")
    words = [term for term, _ in terms]
    answers = [_same(answer) for answer in _answers(page, words)]
    assert answers[-1] == expected
    assert len(answers[0]) >= FIRST
    assert all(answer == expected[: len(answer)] for answer in answers)
    context.close()


def _split_words(site: Path, query: list[tuple[str, bool]]) -> list[str]:
    """The indexed words a query's words (each a prefix or typed whole) match whose postings
    are split."""
    return [
        word
        for term, prefix in query
        for word, found in search_shard(site, term[:2].encode("utf-8").hex()).items()
        if (word == term or (prefix and word.startswith(term))) and isinstance(found, dict)
    ]


def _query_of_every_chunk(site: Path) -> tuple[str, list[tuple[int, list[int]]]]:
    """The most frequent word and its ranked groups, which hold a card of every chunk (so a
    query for it makes the worker fetch and keep every chunk of `site`'s cards)."""
    size = json.loads((site / "search/documents.json").read_text("utf-8"))["chunk"]
    word = _words(site, frequent=True)[0]
    groups = _ranked_groups(site, word)
    assert {d // size for _, docs in groups for d in docs} == set(
        range(len(search_documents(site)) // size + 1)
    )
    return word, groups


def _serve(site: Path, route: Route) -> None:
    """Answer a request for a search file with `site`'s file."""
    path = site / urlsplit(route.request.url).path.lstrip("/")
    if path.is_file():
        route.fulfill(body=path.read_bytes(), content_type="application/json")
    else:
        route.fulfill(status=404)


@pytest.mark.parametrize("cards", ["fetched after the tail", "all held before"])
def test_a_tail_of_a_build_deployed_after_its_shard_gives_the_new_builds_answer_unmixed(
    browser: Browser, chunked_site: Path, chunked_url: str, deployed_site: Path, cards: str
) -> None:
    # The reader searches for a frequent word: the first answer comes from its shard's head,
    # then the site is deployed (other abstracts) before the tail is fetched, which is the new
    # build's. The worker reads the new build's settings, forgets the old build's files and
    # answers from the new build's; no answer mixes the old head with the new tail. With
    # every card of the old build held (an earlier query's), the tail is the only file of the
    # new build the worker would fetch for the complete answer.
    before, before_groups = _query_of_every_chunk(chunked_site)
    word = next(
        w
        for w in _words(chunked_site, frequent=True)
        if w[:2] != before[:2]
        and w in _words(deployed_site, frequent=True)
        and search_shard(chunked_site, w[:2].encode().hex())[w]["tail"]
        == search_shard(deployed_site, w[:2].encode().hex())[w]["tail"]
    )
    key = word[:2].encode().hex()
    old = _as_shown(chunked_site, _ranked_groups(chunked_site, word))
    new = _as_shown(deployed_site, _ranked_groups(deployed_site, word))
    assert old != new
    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    held: list[Route] = []
    deployed = False

    def search_files(route: Route) -> None:
        folder, _, name = urlsplit(route.request.url).path.rpartition("/")
        if deployed:
            _serve(deployed_site, route)
        elif (
            folder.endswith("/search/shards")
            and name.startswith(f"{key}.")
            and name.count(".") == 2
        ):
            held.append(route)  # its tail: unanswered until the site is deployed
        else:
            route.continue_()

    context.route("**/search/**", search_files)
    page = _type(context, before + " " if cards == "all held before" else word + " ")
    meta = page.locator(".md-search-result__meta")
    box = page.locator(".md-search__input")
    if cards == "all held before":
        expect(meta).to_have_text(f"{len(before_groups)} matching documents")
        box.fill(word + " ")
        box.press("End")
    expect(page.locator(".md-search-result__item")).to_have_count(FIRST)
    expect(meta).not_to_have_text(f"{len(before_groups)} matching documents")
    assert held
    first = _answers(page, [word])
    assert len(first) == 1 and _same(first[0]) == old[: len(first[0])]
    deployed = True
    for route in held:
        _serve(deployed_site, route)
    expect(meta).to_have_text(f"{len(new)} matching documents")
    answers = [_same(answer) for answer in _answers(page, [word])]
    assert answers[0] == _same(first[0]) and answers[-1] == new
    assert all(answer == new[: len(answer)] for answer in answers[1:])
    context.close()


def test_a_shard_of_a_build_deployed_after_the_settings_gives_the_new_builds_answer(
    browser: Browser, chunked_site: Path, chunked_url: str, deployed_site: Path
) -> None:
    # The reader searches (the worker fetches every chunk of cards for the complete answer),
    # the site is deployed (other abstracts), and the reader searches for a word of another
    # shard: the shard is the new build's, the cards the worker holds the old one's. The
    # worker reads the new build's settings, forgets the old build's files and answers from
    # the new build's only.
    before, before_groups = _query_of_every_chunk(chunked_site)
    after = next(
        w
        for w in _words(deployed_site)
        if w[:2] != before[:2] and len(_ranked_groups(deployed_site, w)) >= FIRST
    )
    new = _as_shown(deployed_site, _ranked_groups(deployed_site, after))
    context = browser.new_context(base_url=chunked_url, viewport={"width": 1280, "height": 900})
    deployed = False

    def search_files(route: Route) -> None:
        if deployed:
            _serve(deployed_site, route)
        else:
            route.continue_()

    context.route("**/search/**", search_files)
    page = _type(context, before + " ")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(f"{len(before_groups)} matching documents")
    deployed = True
    box = page.locator(".md-search__input")
    box.fill(after + " ")
    box.press("End")
    expect(meta).to_have_text(f"{len(new)} matching documents")
    answers = [_same(answer) for answer in _answers(page, [after])]
    assert answers[-1] == new
    assert all(answer == new[: len(answer)] for answer in answers)
    context.close()
