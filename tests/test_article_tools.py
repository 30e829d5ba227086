"""An abstract's tools (#16): PDF, Cite, RIS/BibTeX, plain share links and "Cited as"."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import Build
from journal import urls

PAGE = "abstracts/adc-change-chemoradiation-response-cervical-cancer/"
ADDRESS = f"https://jceo.example.org/{PAGE}"


def test_share_links_carry_the_title_and_address_whatever_they_hold() -> None:
    title = 'Tumours & "margins" <b>#1</b> 100% ?'
    links = dict(urls.share_links("https://j.example.org/abstracts/x/?a=1&b=2", title))
    assert list(links) == ["E-mail", "Bluesky", "Mastodon", "LinkedIn", "X"]
    address = "https://j.example.org/abstracts/x/?a=1&b=2"
    mail = urlsplit(links["E-mail"])
    assert mail.scheme == "mailto"
    assert parse_qs(mail.query) == {"subject": [title], "body": [address]}
    assert parse_qs(urlsplit(links["Bluesky"]).query) == {"text": [f"{title} {address}"]}
    assert parse_qs(urlsplit(links["X"]).query) == {"text": [title], "url": [address]}
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {"url": [address]}
    for link in links.values():
        assert not set(link) & set(' "<>'), link


def test_an_abstract_page_shows_its_tools_and_cited_as_line(sample_site: Build) -> None:
    page = sample_site.html(PAGE)
    tools = page.select_one(".journal-tools")
    actions = {a.get_text(strip=True): a["href"] for a in tools.select(".journal-tools__actions a")}
    assert actions["Cite"] == "#cite-heading" and page.select_one("#cite-heading")
    folder = sample_site.site / PAGE
    for label in ("RIS", "BibTeX"):
        assert (folder / actions[label]).is_file(), label
    assert (folder / actions["PDF"]).is_file()  # the galley the site typesets
    share = {a.get_text(): a["href"] for a in tools.select(".journal-tools__share a")}
    assert list(share) == ["E-mail", "Bluesky", "Mastodon", "LinkedIn", "X"]
    assert parse_qs(urlsplit(share["LinkedIn"]).query) == {"url": [ADDRESS]}
    assert not page.select("script[src^=http]")  # no third-party script
    cited = " ".join(tools.select_one(".journal-tools__cited-as").get_text().split())
    assert cited == (
        "Cited as: J Clin Exp Oncol 2017;6(3):22. https://doi.org/10.5555/2324-9110.1000102"
    )
