"""Generate a synthetic journal and the same texts as a bare Material site, deterministically.

The journal has the sample journal's front matter (authors, keywords, DOI with prefix
10.5555, pages, article types, conferences), N/3 authors with biographies and ~N/40 issues
over N/200 volumes. The bare site holds the same abstract and biography texts (and, when the
journal carries them, the references) as plain Markdown pages of a mkdocs-material site: same
theme and Markdown extensions, search on, a short nav, no hooks.

Two corpora (`corpus=`):
- "realistic" (the default): structured abstracts (Background/Methods/Results/Conclusions
  headings) for research articles and conference abstracts, emphasis, sub- and superscripts,
  a list or a small table in some, a DOI link in some; 1-30 authors (log-normal, median 5);
  3-8 keywords from a vocabulary of ~2,000 drawn with a long tail; for research articles,
  when the journal's code knows the fields, `references:` (median 40, most with a DOI) and
  `funding:` (see `references=`).
- "simple": the corpus of the earlier rounds (word salad from a 200-word vocabulary, 1-8
  authors, 50 keywords), for comparing with their figures.

Every date is fixed (before TODAY, which SOURCE_DATE_EPOCH names), never relative to the day
the benchmark runs, so every abstract is published in every build.
"""

from __future__ import annotations

import datetime
import math
import random
import re
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
_QUALIFIER_WORDS = """
early advanced metastatic recurrent localised resectable unresectable primary secondary
paediatric adult elderly hereditary sporadic triple-negative hormone-receptor-positive
high-grade low-grade circulating tumour-infiltrating stromal molecular genomic quantitative
dynamic contrast-enhanced diffusion-weighted spectral functional minimally-invasive robotic
stereotactic adjuvant neoadjuvant palliative targeted systemic regional
"""
_TOPIC_WORDS = """
carcinoma adenocarcinoma sarcoma lymphoma leukaemia melanoma glioma glioblastoma myeloma
mesothelioma neuroblastoma seminoma thymoma cholangiocarcinoma imaging radiotherapy surgery
chemotherapy immunotherapy staging screening biomarkers biopsy radiomics pathology
prognosis survival toxicity response recurrence microenvironment sequencing expression
methylation angiogenesis hypoxia metabolism nomogram ultrasound elastography tomography
resonance PET/CT SPECT brachytherapy proton-therapy ablation embolisation transplantation
"""
_QUALIFIERS, _TOPICS = _QUALIFIER_WORDS.split(), _TOPIC_WORDS.split()
KEYWORD_VOCABULARY = sorted(
    set(KEYWORDS) | {f"{q} {t}" for q in _QUALIFIERS for t in _TOPICS if q != t}
)
"""~2,000 keywords; drawn with a long tail (a few common, most rare), as real journals'."""
SECTIONS = ("Background", "Methods", "Results", "Conclusions")
EMPHASIS = (
    "*in vivo*",
    "*in vitro*",
    "*de novo*",
    "**p < 0.001**",
    "*EGFR*",
    "*KRAS*",
    "*BRCA1*",
    "**median follow-up 24 months**",
)
FORMULAS = ("CO~2~", "H~2~O", "SUV~max~", "T~2~", "10^6^", "m^2^", "^18^F-FDG", "^99m^Tc")
FUNDERS = (
    ("National Cancer Institute", "10.13039/100000054"),
    ("European Research Council", "10.13039/501100000781"),
    ("Wellcome Trust", "10.13039/100004440"),
    ("Japan Society for the Promotion of Science", "10.13039/501100001691"),
    ("Deutsche Forschungsgemeinschaft", "10.13039/501100001659"),
    ("Canadian Institutes of Health Research", "10.13039/501100000024"),
)
JOURNALS = (
    "J Clin Oncol",
    "Lancet Oncol",
    "Radiology",
    "Eur J Cancer",
    "Br J Cancer",
    "Ann Oncol",
    "Int J Radiat Oncol Biol Phys",
    "Cancer Res",
)
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


def _long_tail(rng: random.Random, items: list[str], k: int) -> list[str]:
    """k distinct items, the first ones of the list far more often than the last."""
    chosen: list[str] = []
    while len(chosen) < k:
        item = items[min(len(items) - 1, int(len(items) * rng.random() ** 3))]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _rich_sentence(rng: random.Random) -> str:
    """A sentence with, now and then, emphasis, a sub/superscript or a figure."""
    words = rng.choices(VOCABULARY, k=rng.randint(10, 22))
    roll = rng.random()
    if roll < 0.25:
        words.insert(rng.randrange(1, len(words)), rng.choice(EMPHASIS))
    elif roll < 0.4:
        words.insert(rng.randrange(1, len(words)), rng.choice(FORMULAS))
    elif roll < 0.55:
        words.insert(
            rng.randrange(1, len(words)), f"({rng.randint(12, 96)}%, n = {rng.randint(20, 900)})"
        )
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _rich_paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        sentences.append(_rich_sentence(rng))
        count += len(sentences[-1].split())
    return " ".join(sentences)


def _extra_block(rng: random.Random, n: int) -> str:
    """A list, a small table or a DOI link for some abstracts; else nothing."""
    roll = rng.random()
    if roll < 0.15:
        return "\n".join(f"- {_sentence(rng, 4, 9)}" for _ in range(rng.randint(3, 5)))
    if roll < 0.25:
        rows = [
            f"| {rng.choice(_TOPICS)} | {rng.randint(10, 400)} | {rng.randint(5, 95)}% |"
            for _ in range(rng.randint(2, 4))
        ]
        return "\n".join(["| Group | n | Response |", "|---|---|---|", *rows])
    if roll < 0.45:
        doi = f"10.5555/trial.{n % 997}.{rng.randint(1000, 9999)}"
        return f"The protocol is registered and published: [doi:{doi}](https://doi.org/{doi})."
    return ""


def _realistic_body(rng: random.Random, kind: str, n: int) -> str:
    """About 300 words: four headed sections for research articles and conference
    abstracts, paragraphs for the other types."""
    extra = _extra_block(rng, n)
    if kind in ("Research Article", "Conference Abstract"):
        parts = []
        for section in SECTIONS:
            parts += [f"### {section}", _rich_paragraph(rng, 70)]
            if section == "Results" and extra:
                parts.append(extra)
        return "\n\n".join(parts)
    parts = [_rich_paragraph(rng, 75) for _ in range(4)]
    if extra:
        parts.insert(2, extra)
    return "\n\n".join(parts)


def _reference(rng: random.Random, n: int, number: int) -> tuple[str, str]:
    """(the reference as printed, its DOI or "")."""
    family = rng.choice(FAMILY).split()[-1]
    others = rng.choice(["", f", {rng.choice(FAMILY).split()[-1]} {rng.choice('ABCDEHJKLMS')}"])
    title = _sentence(rng, 6, 14).rstrip(".")
    year = rng.randint(1995, TODAY.year - 1)
    journal = rng.choice(JOURNALS)
    text = (
        f"{family} {rng.choice('ABCDEHJKLMS')}{others}, et al. {title}. {journal}. "
        f"{year};{rng.randint(1, 80)}:{rng.randint(1, 2000)}-{rng.randint(2001, 4000)}."
    )
    doi = f"10.5555/ref.{n}.{number}" if rng.random() < 0.8 else ""
    return text, doi


def _references(rng: random.Random, n: int) -> list[tuple[str, str]]:
    count = max(5, min(150, round(rng.lognormvariate(math.log(40), 0.45))))
    return [_reference(rng, n, k + 1) for k in range(count)]


def _funding_lines(rng: random.Random) -> list[str]:
    lines = ["funding:"]
    for funder, funder_id in rng.sample(FUNDERS, rng.randint(1, 3)):
        lines += [f"  - funder: {_quote(funder)}", f'    funder_id: "{funder_id}"']
        if rng.random() < 0.8:
            award = f"{rng.choice('RKUP')}{rng.randint(10, 99)} CA{rng.randint(100000, 999999)}"
            lines.append(f'    awards: ["{award}"]')
    return lines


def knows_fields(repo: Path) -> bool:
    """Whether the journal's code at `repo` reads the `references:` and `funding:` fields
    (branch `fields`); the generator writes them only then (an unknown field fails the build)."""
    source = repo / "src" / "journal"
    texts = [p.read_text(encoding="utf-8") for p in sorted(source.rglob("*.py"))]
    return any('"references"' in t for t in texts) and any('"funding"' in t for t in texts)


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


def generate(
    root: Path,
    abstracts: int,
    *,
    seed: int = SEED,
    repo: Path = REPO,
    corpus: str = "realistic",
    references: bool | None = None,
    pdf: bool = False,
) -> Generated:
    """Write root/journal and root/bare for `abstracts` abstracts (replacing them).

    The journal gets `repo`'s mkdocs.yml, docs/, overrides/ and hooks/ (the adapter imports
    the `journal` package; the caller decides which source tree that is). `references`:
    write `references:` and `funding:` for research articles (None: when `repo`'s code
    knows the fields). `pdf`: leave the journal's PDF galleys on (`pdf: false` otherwise).
    """
    if corpus not in ("realistic", "simple"):
        raise ValueError(f"unknown corpus {corpus!r}")
    realistic = corpus == "realistic"
    if references is None:
        references = realistic and knows_fields(repo)
    rng = random.Random(seed)
    for name in ("journal", "bare"):
        shutil.rmtree(root / name, ignore_errors=True)
    journal, bare = root / "journal", root / "bare"
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(
            repo / folder, journal / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^    pdf: .*\n", "", config, flags=re.MULTILINE)
    config = config.replace(
        "\nextra:\n  journal:\n", f"\nextra:\n  journal:\n    pdf: {str(pdf).lower()}\n", 1
    )
    assert f"pdf: {str(pdf).lower()}" in config, "mkdocs.yml has no extra.journal section"
    (journal / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The editors' desk (/admin/, `cms: true` in the sample) is copied from node_modules: the
    # journal is measured with it, as it is published (a constant ~2 MB, no per-abstract cost).
    if (repo / "node_modules").is_dir():
        (journal / "node_modules").symlink_to((repo / "node_modules").resolve())

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
        if realistic:
            count = max(1, min(30, round(rng.lognormvariate(math.log(5), 0.7))))
        else:
            count = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
        first = people[n % n_authors][0]
        others = [p[0] for p in rng.sample(people, min(count + 1, n_authors)) if p[0] != first]
        team = [first, *others[: count - 1]]
        kind = rng.choice(TYPES)
        if realistic:
            keywords = _long_tail(rng, KEYWORD_VOCABULARY, rng.randint(3, 8))
        else:
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
        refs = _references(rng, n + 1) if references and kind == "Research Article" else []
        if refs:
            lines.append("references:")
            for text, doi in refs:
                lines.append(f"  - text: {_quote(text)}")
                if doi:
                    lines.append(f'    doi: "{doi}"')
            if rng.random() < 0.7:
                lines += _funding_lines(rng)
        lines.append("---")
        if realistic:
            body = _realistic_body(rng, kind, n + 1)
        else:
            body = "\n\n".join(_paragraph(rng, 75) for _ in range(4))
        path = journal / "abstracts" / str(volume) / str(number) / f"{slug}.md"
        _write(path, "\n".join(lines) + "\n" + body + "\n")
        names = ", ".join(a.name for a in team)
        bare_pages.append(bare / "docs" / "abstracts" / f"{slug}.md")
        printed = "".join(
            f"{k}. {text}" + (f" <https://doi.org/{doi}>" if doi else "") + "\n"
            for k, (text, doi) in enumerate(refs, start=1)
        )
        _write(
            bare_pages[-1],
            f"# {title}\n\n{names}\n\nKeywords: {'; '.join(keywords)}\n\n{body}\n"
            + (f"\n## References\n\n{printed}" if refs else ""),
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
