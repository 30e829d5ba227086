"""Time headless Chromium loading a built site's search index and answering a query.

    python benchmarks/search_timing.py <site dir> [query]

Serves the directory on a free local port, opens the home page (Material starts loading the
search index as the page loads), puts the query into the search box in one step, as a key
is let go (Material reads the box on every keyup), and waits for the first result. Prints
JSON: `seconds` (navigation start → first result, what a reader who searches at once waits for),
`page_load` (navigation → the load event) and `after_load` (the load event → first result:
fetching the search index and the shards the query needs, then answering it).
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
            page.evaluate(TYPE, query)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            end = time.perf_counter()
            browser.close()
    finally:
        server.shutdown()
    return {"seconds": end - start, "page_load": loaded - start, "after_load": end - loaded}


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "carcinoma")
    print(json.dumps(result))
