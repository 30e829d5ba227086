"""The formatted citations (APA 7, Vancouver, AMA) of real and hostile abstracts, compared
with tests/golden-citations.json, and formatted many at once exactly as one by one.

The expected strings were written by citeproc-py (the engine before pandoc's citeproc) and
are unchanged: after an intended change, `pytest tests/test_citations.py --update-goldens`
and review the diff.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, shared_dir
from journal import load_journal
from journal.cli import main
from journal.exports import pandoc_citeproc
from journal.exports.citations import format_all, format_citations
from journal.loading import read_settings
from journal.model import Journal

GOLDEN = Path(__file__).resolve().parent / "golden-citations.json"
HOSTILE = """---
title: "*Escherichia coli* in H~2~O at 10^3^ K: <script>alert('x')</script> & \\"it's\\" <i>x</i>"
authors:
  - chen-wei
  - ana-lopez
volume: 1
issue: 2
year: 2020
published: 2020-06-01
type: Research Article
doi: "10.5555/fixture.0099"
pages: "7-9"
---
An abstract whose title has markup and hostile characters.
"""


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    monkeypatch = pytest.MonkeyPatch()
    try:
        root = Path(
            shutil.copytree(
                FIXTURES / "journal",
                tmp_path_factory.mktemp("citations") / "journal",
                ignore=shutil.ignore_patterns(".cache"),
            )
        )
        config = root / "mkdocs.yml"
        # The real articles keep their publishers' DOIs.
        config.write_text(re.sub(r"\n\s*doi_prefix:.*", "", config.read_text("utf-8")), "utf-8")
        (root / "abstracts/1/2/hostile.md").write_text(HOSTILE, encoding="utf-8")
        monkeypatch.chdir(root)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        corpus = str(shared_dir() / "corpus" / "jats")
        assert main(["import", "jats", "--issue", "1", corpus], io.StringIO()) == 0
        extra, _ = read_settings(config)
        loaded, problems, _ = load_journal(root, config, extra)
        assert loaded is not None, problems
        return loaded
    finally:
        monkeypatch.undo()


def test_citations_match_the_golden_file(journal: Journal, update_goldens: bool) -> None:
    abstracts = sorted(journal.abstracts, key=lambda a: a.slug)
    assert len(abstracts) == 14  # the fixture's three, the hostile one, the corpus' ten
    found = {
        a.slug: {c["id"]: c["html"] for c in cites}
        for a, cites in zip(abstracts, format_all(journal, abstracts), strict=True)
    }
    if update_goldens:
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert found == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_citations_in_several_pandoc_runs_are_the_same(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    abstracts = sorted(journal.abstracts, key=lambda a: a.slug)
    whole = format_all(journal, abstracts)
    monkeypatch.setattr(pandoc_citeproc, "CHUNK", 3)  # 5 runs per style, 3 at a time
    assert format_all(journal, abstracts) == whole


def test_values_are_escaped_and_only_the_styles_tags_are_markup(journal: Journal) -> None:
    hostile = next(a for a in journal.abstracts if a.slug == "hostile")
    apa, vancouver, ama = format_citations(journal, hostile)
    title = "Escherichia coli in H2O at 103 K: <script>alert('x')</script> & \"it's\" <i>x</i>"
    assert apa["text"] == (
        f"Chen, W., & López-Núñez, A. (2020). {title}. Fixture Journal of Tests & Trials, "
        "1(2), 7–9. https://doi.org/10.5555/fixture.0099"
    )
    assert apa["html"] == (
        "Chen, W., &amp; López-Núñez, A. (2020). Escherichia coli in H2O at 103 K: "
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;it&#x27;s&quot; "
        "&lt;i&gt;x&lt;/i&gt;. <i>Fixture Journal of Tests &amp; Trials</i>, <i>1</i>(2), 7–9. "
        "https://doi.org/10.5555/fixture.0099"
    )
    for cite in (vancouver, ama):
        assert title in cite["text"] and "<script>" not in cite["html"]


def test_the_shown_citation_reads_as_its_plain_text(journal: Journal) -> None:
    # "Copy citation" copies what the page shows (the entry's text): it must be the plain
    # citation (the PDFs' citation line), hostile values and corpus markup included.
    abstracts = sorted(journal.abstracts, key=lambda a: a.slug)
    for cites in format_all(journal, abstracts):
        for cite in cites:
            shown = BeautifulSoup(cite["html"], "html.parser").get_text()
            assert shown == cite["text"], cite["id"]


def test_many_at_once_are_each_as_if_alone(journal: Journal) -> None:
    """Two abstracts by the same authors in the same year: formatted together, neither gets
    APA's 2020a/2020b (a bibliography's disambiguation), nor a numeric style's number."""
    first = next(a for a in journal.abstracts if a.slug == "first-imaging-study")
    twin = dataclasses.replace(first, slug="twin", title="Imaging again", doi="10.5555/twin")
    together = format_all(journal, [first, twin])
    alone = [format_citations(journal, first), format_citations(journal, twin)]
    assert together == alone
    assert "(2020)." in together[1][0]["text"] and "2020a" not in str(together)
    assert [c["text"][:12] for c in together[1]] == ["López-Núñez,", "López-Núñez ", "López-Núñez "]
