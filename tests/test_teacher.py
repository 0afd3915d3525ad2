"""Student versions are made from the solution notebooks, and stay in step with them."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from distant_allies.teacher import SolutionMarkerError, make_student_version, student_versions

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / "teacher" / "solutions"
STUDENT = REPO / "notebooks"


def _nb(*sources):
    nb = new_notebook()
    nb.cells = [new_code_cell(s) for s in sources]
    return nb


def test_answers_become_ellipsis_and_reflections_empty_text():
    nb = _nb(
        "x = 1\n### BEGIN SOLUTION\nhelper = 2\nanswer_1_2 = helper * 3\n### END SOLUTION\n"
        'check("1.2", answer_1_2)',
        '### BEGIN SOLUTION\nanswer_1_5 = """Because it mattered to them.\nA lot."""\n'
        "### END SOLUTION",
    )
    nb.cells[0].outputs = [{"output_type": "stream", "name": "stdout", "text": "6"}]
    nb.cells[0].execution_count = 3
    nb.cells[0].metadata["nbgrader"] = {"solution": True, "grade_id": "ex-1-2"}
    out = make_student_version(nb)
    assert out.cells[0].source == 'x = 1\nanswer_1_2 = ...\ncheck("1.2", answer_1_2)'
    assert out.cells[1].source == 'answer_1_5 = """\n...\n"""'
    assert out.cells[0].outputs == [] and out.cells[0].execution_count is None
    assert "nbgrader" not in out.cells[0].metadata
    assert nb.cells[0].source.startswith("x = 1\n### BEGIN")  # the input is not changed


@pytest.mark.parametrize(("source", "message"), [
    ("### BEGIN SOLUTION\nanswer_1_1 = 2", "is never closed"),
    ("### END SOLUTION", "without ### BEGIN SOLUTION"),
    ("### BEGIN SOLUTION\nx = 2\n### END SOLUTION", "sets no answer_N_M variable"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n", "inside another"),
])
def test_bad_markers_are_named(source, message):
    with pytest.raises(SolutionMarkerError, match=message):
        make_student_version(_nb(source))


def test_markers_in_markdown_are_refused():
    nb = new_notebook()
    nb.cells = [new_markdown_cell("### BEGIN SOLUTION\nanswer\n### END SOLUTION")]
    with pytest.raises(SolutionMarkerError, match="belong in code cells"):
        make_student_version(nb)


def test_student_notebooks_are_current():
    stale = student_versions(SOLUTIONS, STUDENT, check=True)
    assert not stale, f"run: python -m distant_allies student-versions  (stale: {stale})"
    assert sorted(p.name for p in SOLUTIONS.glob("*.ipynb")) == sorted(
        p.name for p in STUDENT.glob("*.ipynb")
    )


def test_no_solution_text_in_student_notebooks():
    for src in SOLUTIONS.glob("*.ipynb"):
        solution = nbformat.read(src, as_version=4)
        student = (STUDENT / src.name).read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in student
        for cell in solution.cells:
            if "### BEGIN SOLUTION" not in cell.source:
                continue
            hidden = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
            for line in hidden.strip().splitlines():
                line = line.strip()
                if len(line) > 25 and not line.startswith("#"):
                    assert line not in student, f"{src.name}: solution line leaked: {line}"


def test_student_versions_writes_into_a_folder(tmp_path):
    written = student_versions(SOLUTIONS, tmp_path)
    assert written == sorted(p.name for p in SOLUTIONS.glob("*.ipynb"))
    assert student_versions(SOLUTIONS, tmp_path, check=True) == []
