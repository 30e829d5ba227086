"""Time headless Chromium loading a built site's search index and answering a query.

    python benchmarks/search_timing.py <site dir> [query]

Serves the directory on a free local port, opens the home page (Material starts loading the
search index as the page loads), puts the query into Material's search box in one go and
waits for the first result. Prints JSON: `seconds` (navigation start → first result, what a
reader who searches at once waits for), `page_load` (navigation → the load event) and
`after_load` (the load event → first result: fetching and indexing search_index.json,
then the query).
Needs Playwright and Chromium (/usr/bin/chromium, as the browser tests use).
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure(site: Path, query: str) -> dict[str, float]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--headless"]
            )
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="load")
            loaded = time.perf_counter()
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator(".md-search__input").fill(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            end = time.perf_counter()
            browser.close()
    finally:
        server.shutdown()
    return {"seconds": end - start, "page_load": loaded - start, "after_load": end - loaded}


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "carcinoma")
    print(json.dumps(result))
