"""The benchmark runs end to end on a tiny journal (the real runs are not part of the suite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_benchmark_writes_a_table_with_the_journal_and_the_bare_site(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    command = [
        sys.executable,
        str(REPO / "benchmarks" / "run.py"),
        "--abstracts",
        "50",
        "--runs",
        "1",
        "--no-serve",
        "--work",
        str(tmp_path / "work"),
        "--out",
        str(out),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    text = out.read_text(encoding="utf-8")
    assert "## N = 50" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert any(row.startswith("| journal |") for row in rows)
    assert any(row.startswith("| bare |") for row in rows)
    assert any(row.startswith("| journal / bare |") for row in rows)
    assert any(row.startswith("| journal, warm cache / bare |") for row in rows)
    assert any(row.startswith("| journal, warm cache, 1 edited / bare |") for row in rows)
    assert "journal build warnings: 0" in text


def test_a_new_run_replaces_the_section_of_its_n_and_keeps_the_rest(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from run import write_results  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    out = tmp_path / "RESULTS.md"
    write_results(out, 5000, "## N = 5,000\n\nfirst\n")
    out.write_text(out.read_text(encoding="utf-8") + "\n## Notes\n\nkept\n", encoding="utf-8")
    write_results(out, 1000, "## N = 1,000\n\nsmall\n")
    write_results(out, 5000, "## N = 5,000\n\nsecond\n")
    text = out.read_text(encoding="utf-8")
    assert text.count("## N = 5,000") == 1 and "second" in text and "first" not in text
    assert text.index("## N = 1,000") < text.index("## N = 5,000") < text.index("## Notes")
    assert "kept" in text
