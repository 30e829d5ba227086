"""Time headless Chromium loading a built site's search index and answering a query.

    python benchmarks/search_timing.py <site dir> [query]

Serves the directory on a free local port, opens the home page (Material starts loading the
search index as the page loads), puts the query into the search box in one step, as a key
is let go (Material reads the box on every keyup), and waits for the first result. Prints
JSON: `seconds` (navigation start → first result, what a reader who searches at once waits for),
`page_load` (navigation → the load event) and `after_load` (the load event → first result:
fetching the search index and the shards the query needs, then answering it), and what the
browser fetched of search/ before the first result: `search_files`, `search_bytes` (as
served: this server sends no gzip) and `search_gzip_bytes` (each file gzipped, as a web
server would send it).
Needs Playwright and Chromium (/usr/bin/chromium, as the browser tests use).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# What a reader's typing does, in one step (Playwright's click and fill wait for the search
# box to settle, ~0.4 s that would be counted as search time): focus the box (Material opens
# search), fill it, and let a key go, which is when Material reads the box.
TYPE = """query => {
  const box = document.querySelector(".md-search__input");
  box.focus();
  box.value = query;
  box.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the browser closed while files were still being sent: not the measurement's


def measure(site: Path, query: str) -> dict[str, float]:
    finished: list[tuple[float, str]] = []
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--headless"]
            )
            page = browser.new_page()
            page.context.on(
                "requestfinished", lambda r: finished.append((time.perf_counter(), r.url))
            )
            start = time.perf_counter()
            page.goto(url, wait_until="load")
            loaded = time.perf_counter()
            page.evaluate(TYPE, query)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            end = time.perf_counter()
            browser.close()
    finally:
        server.shutdown()
    paths = {unquote(urlsplit(url).path) for at, url in finished if at <= end}
    files = [site / path.lstrip("/") for path in sorted(paths) if path.startswith("/search/")]
    return {
        "seconds": end - start,
        "page_load": loaded - start,
        "after_load": end - loaded,
        "search_files": len(files),
        "search_bytes": sum(f.stat().st_size for f in files),
        "search_gzip_bytes": sum(len(gzip.compress(f.read_bytes(), 6)) for f in files),
    }


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "carcinoma")
    print(json.dumps(result))
