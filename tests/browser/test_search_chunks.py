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

from conftest import ROOT, run_mkdocs_build, search_documents, search_pages, search_postings
from journal.search_index import HEAD, STOP_WORDS

pytestmark = pytest.mark.browser
ABSTRACTS = 300
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


@pytest.fixture(scope="module")
def chunked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import SOURCE_DATE_EPOCH, generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    root = tmp_path_factory.mktemp("chunked")
    generated = generate(root, ABSTRACTS, repo=ROOT)
    # Built on the generator's date: every abstract is published by then.
    build = run_mkdocs_build(
        generated.journal, root / "site", env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    )
    assert build.returncode == 0, build.output
    return build.site


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
    parents, _ = search_pages(site)
    ranked = sorted(
        (-score * (2 if parents[doc] == doc else 1), doc)
        for doc, score in search_postings(site, word).items()
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
        if not deployed or "/shards/" in path:
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
        for word, postings in json.loads(path.read_text("utf-8")).items()
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
