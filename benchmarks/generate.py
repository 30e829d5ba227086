"""Generate a synthetic journal and the same texts as a bare Material site, deterministically.

The journal has the sample journal's front matter (1-8 authors, keywords, DOI with prefix
10.5555, pages, article types, conferences), N/3 authors with biographies and ~N/40 issues
over N/200 volumes. The bare site holds the same abstract and biography texts as plain
Markdown pages of a mkdocs-material site: same theme and Markdown extensions, search on,
a short nav, no hooks.
"""

from __future__ import annotations

import datetime
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 20170630

_WORDS = """
tumour tumor carcinoma adenocarcinoma sarcoma lymphoma leukaemia melanoma glioma glioblastoma
metastasis metastatic primary recurrence relapse remission response resistance progression
survival mortality incidence prevalence cohort prospective retrospective randomised trial
phase patients women men children adults elderly median mean ratio hazard confidence interval
sensitivity specificity accuracy imaging magnetic resonance computed tomography positron
emission ultrasound mammography biopsy histology pathology immunohistochemistry staining
expression mutation receptor kinase inhibitor antibody checkpoint immunotherapy chemotherapy
radiotherapy chemoradiation surgery resection margin lymph node stage grade differentiation
invasion vascular perineural marker biomarker serum plasma circulating genomic sequencing
transcriptomic proteomic pathway signalling proliferation apoptosis angiogenesis hypoxia
microenvironment stromal immune infiltrating lymphocytes macrophages neutrophil platelet
toxicity adverse event dose fraction schedule regimen adjuvant neoadjuvant palliative
curative quality life symptom pain fatigue nausea outcome endpoint follow-up months years
breast lung colorectal pancreatic gastric hepatocellular prostate bladder renal ovarian
cervical endometrial thyroid brain head neck oesophageal skin bone soft tissue blood marrow
diagnosis screening detection early late advanced localised locally regional distant
multivariable analysis regression model prognostic predictive factor independent associated
significant higher lower increased decreased compared between within after before during
treated received underwent showed demonstrated observed measured assessed evaluated identified
clinical laboratory translational experimental preclinical xenograft cell line organoid
"""
VOCABULARY = _WORDS.split()
KEYWORDS = [
    "breast cancer",
    "lung cancer",
    "colorectal cancer",
    "glioma",
    "melanoma",
    "lymphoma",
    "prostate cancer",
    "ovarian cancer",
    "cervical cancer",
    "pancreatic cancer",
    "PET/CT",
    "magnetic resonance imaging",
    "diffusion-weighted imaging",
    "computed tomography",
    "immunotherapy",
    "checkpoint inhibitors",
    "chemoradiation",
    "radiotherapy",
    "surgery",
    "biomarkers",
    "circulating tumour DNA",
    "immunohistochemistry",
    "prognosis",
    "survival",
    "treatment response",
    "toxicity",
    "quality of life",
    "screening",
    "radiomics",
    "tumour microenvironment",
    "targeted therapy",
    "EGFR",
    "HER2",
    "BRCA1",
    "PD-L1",
    "case report",
    "meta-analysis",
    "clinical trial",
    "epidemiology",
    "palliative care",
    "paediatric oncology",
    "haematology",
    "pathology",
    "nuclear medicine",
    "mammography",
    "liquid biopsy",
    "genomics",
    "hypofractionation",
    "neutrophil-lymphocyte ratio",
    "staging",
]
GIVEN = [
    "Amira",
    "Daniel",
    "Eleanor",
    "Hannah",
    "José",
    "Leila",
    "Marcus",
    "Mei-Lin",
    "Moosa",
    "Rahul",
    "Sofia",
    "Takeshi",
    "Zoë",
    "Ngozi",
    "Pieter",
    "Ines",
    "Kwame",
    "Yuki",
    "Olga",
    "Tariq",
    "Chiara",
    "Lars",
    "Priya",
    "Mateo",
    "Aisha",
    "Jonas",
    "Fatima",
    "Henrik",
    "Sun-Hee",
    "Diego",
]
FAMILY = [
    "Haddad",
    "Whitcombe",
    "Ashworth",
    "Okafor",
    "Núñez García",
    "Karimi Nejad",
    "Feldmann",
    "Chen",
    "Tahmouresi",
    "Venkataraman",
    "Lindqvist",
    "Morimoto",
    "Łukasiewicz",
    "Adeyemi",
    "van der Berg",
    "Moreau",
    "Mensah",
    "Takahashi",
    "Ivanova",
    "Rahman",
    "Rossi",
    "Johansson",
    "Iyer",
    "Fernández",
    "Bello",
    "Schmidt",
    "Khalil",
    "Nielsen",
    "Park",
    "Alvarez",
]
INSTITUTIONS = [
    ("American University of Beirut Medical Center", "Lebanon"),
    ("Northbridge Cancer Centre", "United Kingdom"),
    ("Karolinska Institutet", "Sweden"),
    ("University of Lagos College of Medicine", "Nigeria"),
    ("Tata Memorial Centre", "India"),
    ("National Cancer Center Hospital", "Japan"),
    ("Charité Universitätsmedizin", "Germany"),
    ("Hospital Clínic de Barcelona", "Spain"),
    ("Princess Margaret Cancer Centre", "Canada"),
    ("Peter MacCallum Cancer Centre", "Australia"),
    ("Instituto Nacional de Cancerología", "Mexico"),
    ("Seoul National University Hospital", "South Korea"),
]
TYPES = (
    ["Research Article"] * 5
    + ["Conference Abstract"] * 3
    + ["Case Report"] * 2
    + ["Review", "Short Communication", "Editorial", "Letter", "Commentary"]
)
CONFERENCES = [
    ("International Conference on Cancer Imaging and Radiology", "Dubai, UAE"),
    ("World Congress of Clinical Oncology", "Lisbon, Portugal"),
    ("Asia-Pacific Symposium on Tumour Pathology", "Singapore"),
]
TODAY = datetime.date(2026, 1, 1)
SOURCE_DATE_EPOCH = str(
    int(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
)
"""Every generated abstract is published before this day, so all of them are visible."""


@dataclass(frozen=True, slots=True)
class Generated:
    """Where the two sites were written and what one abstract looks like (for serve)."""

    journal: Path
    bare: Path
    abstracts: int
    authors: int
    issues: int
    volumes: int
    sample_path: Path
    """An abstract in the middle of the journal, edited by the serve measurement."""
    sample_slug: str
    sample_issue: str
    """Its "volume/issue", e.g. "7/1"."""


def _orcid(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(15)]
    total = 0
    for digit in digits:
        total = (total + digit) * 2
    check = (12 - total % 11) % 11
    text = "".join(map(str, digits)) + ("X" if check == 10 else str(check))
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def _ascii_slug(text: str) -> str:
    table = str.maketrans("éëíóúñçłöüäåøæ", "eeiouncloyaaoa")
    text = text.lower().translate(table)
    return "-".join("".join(c if c.isalnum() and c.isascii() else " " for c in text).split())


def _sentence(rng: random.Random, low: int = 10, high: int = 22) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(low, high))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        sentences.append(_sentence(rng))
        count += len(sentences[-1].split())
    return " ".join(sentences)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True, slots=True)
class _Author:
    id: str
    name: str
    bio: str


def _authors(rng: random.Random, count: int) -> list[tuple[_Author, str]]:
    """(author, file text) for `count` authors with bios, e-mails and affiliations."""
    result = []
    for n in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        author_id = f"{_ascii_slug(given)}-{_ascii_slug(family)}-{n + 1}"
        institution, country = rng.choice(INSTITUTIONS)
        lines = [
            "---",
            f"name: {_quote(given + ' ' + family)}",
            f"given: {_quote(given)}",
            f"family: {_quote(family)}",
            f"degrees: {rng.choice(['MD', 'MD, PhD', 'PhD'])}",
            f"email: {author_id}@example.org",
        ]
        if rng.random() < 0.6:
            lines.append(f'orcid: "{_orcid(rng)}"')
        lines += [
            "affiliations:",
            f"  - name: {_quote(institution)}",
            f"    country: {_quote(country)}",
            "---",
        ]
        bio = _paragraph(rng, 70)
        author = _Author(author_id, f"{given} {family}", bio)
        result.append((author, "\n".join(lines) + "\n" + bio + "\n"))
    return result


def _issue_date(volume: int, number: int, per_volume: int, volumes: int) -> datetime.date:
    year = TODAY.year - 1 - volumes + volume
    month = 1 + (number - 1) * 12 // per_volume
    return datetime.date(year, month, 15)


def generate(root: Path, abstracts: int, *, seed: int = SEED, repo: Path = REPO) -> Generated:
    """Write root/journal and root/bare for `abstracts` abstracts (replacing them).

    The journal gets `repo`'s mkdocs.yml, docs/, overrides/ and hooks/ (the adapter imports
    the `journal` package; the caller decides which source tree that is).
    """
    rng = random.Random(seed)
    for name in ("journal", "bare"):
        shutil.rmtree(root / name, ignore_errors=True)
    journal, bare = root / "journal", root / "bare"
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(
            repo / folder, journal / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(repo / "mkdocs.yml", journal / "mkdocs.yml")

    n_authors = max(3, abstracts // 3)
    n_volumes = max(1, abstracts // 200)
    n_issues = max(n_volumes, abstracts // 40)
    per_volume = -(-n_issues // n_volumes)
    people = _authors(rng, n_authors)
    for author, text in people:
        _write(journal / "authors" / f"{author.id}.md", text)
        _write(bare / "docs" / "authors" / f"{author.id}.md", f"# {author.name}\n\n{author.bio}\n")

    issue_lines = ["# Optional metadata for some issues (generated)."]
    pages_used: dict[int, int] = {}
    sample: tuple[Path, str, str] | None = None
    bare_pages: list[Path] = []
    for n in range(abstracts):
        issue_index = n * n_issues // abstracts
        volume, number = issue_index // per_volume + 1, issue_index % per_volume + 1
        published = _issue_date(volume, number, per_volume, n_volumes)
        if issue_index not in pages_used and issue_index % 3 == 0:
            issue_lines += [
                f"- volume: {volume}",
                f"  issue: {number}",
                f'  title: "Special issue {volume}.{number}: '
                f'{" ".join(rng.choices(VOCABULARY, k=4))}"',
                f"  published: {published.isoformat()}",
                f"  description: {_quote(_sentence(rng, 20, 30))}",
            ]
        first_page = pages_used.get(issue_index, 0) + 1
        length = rng.choice([1, 1, 2, 3, 4])
        pages_used[issue_index] = first_page + length - 1
        pages = str(first_page) if length == 1 else f"{first_page}-{first_page + length - 1}"
        words = rng.choices(VOCABULARY, k=rng.randint(8, 14))
        title = " ".join([words[0].capitalize(), *words[1:]])
        slug = f"{'-'.join(words[:3])}-{n + 1}"
        count = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
        first = people[n % n_authors][0]
        others = [p[0] for p in rng.sample(people, min(count + 1, n_authors)) if p[0] != first]
        team = [first, *others[: count - 1]]
        kind = rng.choice(TYPES)
        keywords = rng.sample(KEYWORDS, rng.randint(3, 6))
        received = published - datetime.timedelta(days=rng.randint(60, 120))
        accepted = published - datetime.timedelta(days=rng.randint(10, 50))
        lines = ["---", f"title: {_quote(title)}", "authors:"]
        if rng.random() < 0.7:
            lines += [f"  - id: {team[0].id}", "    corresponding: true"]
        else:
            lines.append(f"  - {team[0].id}")
        lines += [f"  - {a.id}" for a in team[1:]]
        lines += [
            f"volume: {volume}",
            f"issue: {number}",
            f"year: {published.year}",
            f"published: {published.isoformat()}",
            f"received: {received.isoformat()}",
            f"accepted: {accepted.isoformat()}",
            f"type: {kind}",
            f'doi: "10.5555/2324-9110.{1000000 + n + 1}"',
            "keywords: [" + ", ".join(keywords) + "]",
            f'pages: "{pages}"',
        ]
        if kind == "Conference Abstract":
            name, place = CONFERENCES[volume % len(CONFERENCES)]
            lines += [
                "conference:",
                f"  name: {_quote(f'{volume}th {name}')}",
                f"  place: {_quote(place)}",
                f'  dates: "{published.strftime("%B")} 2-4, {published.year}"',
            ]
        lines.append("---")
        body = "\n\n".join(_paragraph(rng, 75) for _ in range(4))
        path = journal / "abstracts" / str(volume) / str(number) / f"{slug}.md"
        _write(path, "\n".join(lines) + "\n" + body + "\n")
        names = ", ".join(a.name for a in team)
        bare_pages.append(bare / "docs" / "abstracts" / f"{slug}.md")
        _write(
            bare_pages[-1], f"# {title}\n\n{names}\n\nKeywords: {'; '.join(keywords)}\n\n{body}\n"
        )
        if n == abstracts // 2:
            sample = (path, slug, f"{volume}/{number}")
    _write(journal / "issues.yml", "\n".join(issue_lines) + "\n")
    _write(bare / "docs" / "index.md", "# Journal\n\nThe same texts as plain pages.\n")
    # A menu as long as the journal's (9 entries), as MkDocs renders it on every page.
    menu = [
        "index.md",
        *(f"abstracts/{p.stem}.md" for p in bare_pages[:4]),
        *(f"authors/{a.id}.md" for a, _ in people[:2]),
        "Submit: https://submit.example.org/",
        "Track: https://submit.example.org/track/",
    ]
    _write(bare / "mkdocs.yml", BARE_CONFIG.replace("{nav}", "\n".join(f"  - {m}" for m in menu)))
    assert sample is not None
    return Generated(
        journal=journal,
        bare=bare,
        abstracts=abstracts,
        authors=n_authors,
        issues=len(pages_used),
        volumes=n_volumes,
        sample_path=sample[0],
        sample_slug=sample[1],
        sample_issue=sample[2],
    )


BARE_CONFIG = """\
# The baseline: the journal's texts as plain pages; same theme and extensions, no hooks.
site_name: Bare baseline
site_url: https://example.org/jceo/
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.tabs
    - navigation.top
    - search.highlight
    - content.code.copy
plugins:
  - search
nav:
{nav}
not_in_nav: |
  /abstracts/
  /authors/
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: false
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.details
  - pymdownx.mark
  - pymdownx.superfences
  - pymdownx.tilde
"""
