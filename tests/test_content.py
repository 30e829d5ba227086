"""Real journals' content (#14): what real articles carry, from the fixture journal plus abstracts
written by hand after articles of ../shared/corpus (the file each follows is named)."""

from __future__ import annotations

import datetime
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from journal import build_site_data
from journal.exports.jats import export_jats
from journal.loading import read_settings
from journal.site import SiteData
from official_schemas import jats_errors

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "journal"
TODAY = datetime.date(2023, 11, 14)
JATS = {"x": "http://www.w3.org/1999/xlink"}

# After 1471-2180-11-174 (BMC Microbiology 11:174): both authors give an e-mail; here both
# are corresponding, and a third, without an e-mail, too.
DENNEHY = """\
---
title: "Bacteriophage migration via nematode vectors: host-parasite-consumer interactions in laboratory microcosms"
authors:
  - id: john-dennehy
    corresponding: true
  - id: ing-nang-wang
    corresponding: true
  - id: chen-wei
    corresponding: true
volume: 1
issue: 2
year: 2020
published: 2020-06-02
type: Research Article
doi: "10.5555/fixture.0174"
pages: "174"
---
Few studies have examined the dispersal of bacteriophages among bacterial host populations.
"""
AUTHORS = {
    "authors/john-dennehy.md": (
        "---\nname: John J Dennehy\ngiven: John J\nfamily: Dennehy\n"
        "email: john.dennehy@example.edu\n"
        "affiliations:\n  - name: Queens College, City University of New York\n"
        "    country: USA\n---\n"
    ),
    "authors/ing-nang-wang.md": (
        "---\nname: Ing-Nang Wang\ngiven: Ing-Nang\nfamily: Wang\n"
        "email: ingnang@example.edu\n---\n"
    ),
}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = Path(shutil.copytree(FIXTURE, tmp_path / "journal"))
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _site(root: Path) -> SiteData:
    values, problem = read_settings(root / "mkdocs.yml")
    assert problem is None
    return build_site_data(
        root, root / "mkdocs.yml", dict(values), lambda md: f"<p>{md}</p>", today=TODAY
    )


def _valid_jats(tmp_path: Path, text: str) -> ET.Element:
    path = tmp_path / "article.jats.xml"
    path.write_text(text, encoding="utf-8")
    assert jats_errors(path) == []
    return ET.fromstring(text.encode())


def test_several_corresponding_authors_each_offer_their_address(tmp_path: Path) -> None:
    root = _project(tmp_path, {"abstracts/1/2/dennehy.md": DENNEHY, **AUTHORS})
    site = _site(root)
    assert [p.message for p in site.problems] == []
    view = site.contexts["abstracts/dennehy.md"]
    assert [a["is_corresponding"] for a in view["authors"]] == [True, True, True]
    # Chen Wei has no e-mail: marked corresponding, no button, and no complaint.
    assert [e["name"] for e in view["emails"]] == ["John J Dennehy", "Ing-Nang Wang"]
    assert site.journal is not None
    abstract = next(a for a in site.journal.abstracts if a.slug == "dennehy")
    article = _valid_jats(tmp_path, export_jats(site.journal, abstract))
    contribs = article.findall(".//contrib-group/contrib")
    assert [c.get("corresp") for c in contribs] == ["yes", "yes", "yes"]
