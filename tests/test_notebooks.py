"""Notebook hygiene: what git holds, the skeleton, exercises, paths, alt text."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from distant_allies._exercises import EXERCISES
from distant_allies.teacher import (
    TABLE_END,
    TABLE_START,
    notebook_facts,
    notebook_table,
    replace_between,
)

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((REPO / "teacher" / "solutions").glob("*.ipynb"))
STUDENT = sorted((REPO / "notebooks").glob("*.ipynb"))
ALL = SOLUTIONS + STUDENT
CHECK = re.compile(r"""check\(\s*["'](\d+\.\d+)["']""")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _read(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_committed_without_outputs(path):
    for i, cell in enumerate(_read(path).cells, start=1):
        if cell.cell_type == "code":
            assert not cell.outputs, f"cell {i} has outputs: strip them before committing"
            assert cell.execution_count is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_valid_and_python3(path):
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", STUDENT, ids=_id)
def test_skeleton(path):
    nb = _read(path)
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    facts = notebook_facts(nb)
    assert md[0].startswith("# "), "the first cell is the title"
    assert facts["do"], "*What you'll do:* sentence"
    assert facts["minutes"], "*Time: ~N min*"
    text = "\n".join(md)
    for heading in ("## Learning objectives", "## Prerequisites", "## Key points",
                    "## What's next"):
        assert heading in text, f"missing {heading}"
    assert "Necessary" in text and "Helpful" in text, "prerequisites table"
    assert "import distant_allies as da" in code[0], "the first code cell is the setup cell"
    assert sum("import distant_allies" in c for c in code) == 1, "one setup cell"
    sections = re.findall(r"^## (\d+)\. ", text, flags=re.M)
    assert sections == [str(i) for i in range(1, len(sections) + 1)], "numbered sections"
    assert len(sections) >= 2


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_no_working_directory_paths(path):
    bad = re.compile(r"""(\.\./|read_csv\(|open\(\s*["']|["']data/|os\.chdir|%cd\b)""")
    for i, cell in enumerate(_read(path).cells, start=1):
        if cell.cell_type == "code":
            assert not bad.search(cell.source), f"cell {i}: {bad.search(cell.source).group()}"


def test_exercise_ids_unique_and_known():
    seen: dict[str, str] = {}
    for path in STUDENT:
        for cell in _read(path).cells:
            if cell.cell_type != "code":
                continue
            for ex in CHECK.findall(cell.source):
                assert ex not in seen, f"exercise {ex} in {seen.get(ex)} and {path.name}"
                seen[ex] = path.stem
                assert ex in EXERCISES, f"{path.name}: exercise {ex} is unknown to checks"
                assert EXERCISES[ex].notebook == path.stem, f"{ex} belongs to another notebook"
                assert f"answer_{ex.replace('.', '_')}" in cell.source
    missing = sorted(set(EXERCISES) - set(seen))
    assert not missing, f"exercises defined but not in any notebook: {missing}"


@pytest.mark.parametrize("path", STUDENT, ids=_id)
def test_untouched_answers_are_ellipsis(path):
    for cell in _read(path).cells:
        for line in cell.source.splitlines():
            m = re.match(r"^(answer_\d+_\d+) = (.*)$", line)
            if m and cell.cell_type == "code":
                assert m.group(2) in ("...", '"""'), line


def test_readme_notebook_table_is_current():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    expected = replace_between(readme, TABLE_START, TABLE_END, notebook_table(REPO / "notebooks"))
    assert readme == expected, "run: python -m distant_allies readme-table --write README.md"


@pytest.fixture(scope="module")
def executed_solutions():
    """Each solution notebook executed once in a fresh kernel (as the rendered pages show it)."""
    from nbclient import NotebookClient

    out = {}
    for path in SOLUTIONS:
        nb = _read(path)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        out[path.name] = nb
    return out


def test_every_figure_has_alt_text(executed_solutions):
    figures = 0
    for name, nb in executed_solutions.items():
        for i, cell in enumerate(nb.cells, start=1):
            for output in cell.get("outputs", []):
                if "image/png" in output.get("data", {}):
                    figures += 1
                    alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                    assert len(alt) > 30, f"{name} cell {i}: a figure without alt text"
    assert figures >= 15


def test_no_errors_or_warnings_in_outputs(executed_solutions):
    for name, nb in executed_solutions.items():
        for i, cell in enumerate(nb.cells, start=1):
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", f"{name} cell {i}: {output.get('ename')}"
                if output["output_type"] == "stream" and output["name"] == "stderr":
                    raise AssertionError(f"{name} cell {i} wrote to stderr: {output['text'][:300]}")
