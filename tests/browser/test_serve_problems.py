"""An editor's broken file, seen where an editor looks: the page in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from test_serve import BROKEN, _wait_for, served  # noqa: F401  (served: the fixture)

from .conftest import DESKTOP, _local_only

pytestmark = pytest.mark.browser


def test_a_broken_abstract_shows_its_problem_on_its_page_in_serve(
    browser: Browser,
    served: tuple[Path, str],  # noqa: F811
) -> None:
    project, base = served
    assert _wait_for(base + "abstracts/conference-talk/", "A conference talk without a DOI")
    (project / "abstracts/1/1/broken-study.md").write_text(BROKEN, encoding="utf-8")
    assert _wait_for(base + "abstracts/broken-study/", "is not a complete DOI")
    context = browser.new_context(base_url=base, viewport=DESKTOP)
    context.route("**/*", _local_only)
    page = context.new_page()
    response = page.goto("abstracts/broken-study/")
    assert response is not None and response.status == 200  # not a 404
    main = page.locator("main")
    expect(main).to_contain_text("abstracts/1/1/broken-study.md")
    expect(main).to_contain_text('"10.5555" is not a complete DOI.')
    page.get_by_role("link", name="Every problem of the journal").click()
    expect(page.locator("main")).to_contain_text("is not a complete DOI")
    context.close()
