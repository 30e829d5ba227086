"""Hostile submissions opened in a real Chromium: no payload's script runs on any page."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog

from conftest import Build
from test_hostile import hostile_site  # noqa: F401  (the fixture: a built hostile corpus)

from .conftest import DESKTOP, _local_only, _QuietHandler

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Build) -> Iterator[str]:  # noqa: F811
    handler = functools.partial(_QuietHandler, directory=str(hostile_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def journal_pages(site: Path) -> list[str]:
    """Every page the journal generated (not Material's 404), as URLs relative to the root."""
    return sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.parts
    )


def test_no_script_runs_on_any_page_of_a_hostile_journal(
    browser: Browser,
    hostile_site: Build,  # noqa: F811
    hostile_url: str,
) -> None:
    dialogs: list[str] = []
    context = browser.new_context(base_url=hostile_url, viewport=DESKTOP)
    context.route("**/*", _local_only)
    page = context.new_page()
    page.set_default_timeout(10_000)

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    pages = journal_pages(hostile_site.site)
    assert "abstracts/hostile-abstract/" in pages and "authors/hostile-author/" in pages
    for url in pages:
        page.goto(url.removesuffix("./"))
        page.wait_for_load_state("load")
        for box in page.locator("main a, main img, main button").all()[:60]:
            if box.is_visible():
                box.hover(timeout=2_000)  # onmouseover payloads fire on hover
        buttons = page.locator("button.journal-email")
        for _ in range(buttons.count()):  # a click replaces its button with the address
            if buttons.count():
                buttons.first.click()
    context.close()
    assert dialogs == []
