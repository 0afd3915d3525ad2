"""Teachers' tools: make the student notebooks from the solution notebooks.

The solution notebooks in ``teacher/solutions/`` are the source of truth. Answers sit between
nbgrader's markers, so a teacher on nbgrader can use the same files::

    ### BEGIN SOLUTION
    answer_3_2 = events.loc[events["thread"] == "karabakh", "date_start"].min()
    ### END SOLUTION

The student version replaces the marked region with one line per answer variable,
``answer_3_2 = ...`` (a written reflection becomes an empty text to fill in), so an untouched
student notebook still runs from top to bottom and each check says "not attempted yet".
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

__all__ = ["make_student_version", "student_versions", "SolutionMarkerError"]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
_ASSIGN = re.compile(r"^(answer_\d+_\d+)\s*=\s*(.*)$")
REFLECTION_STUB = '"""\n...\n"""'


class SolutionMarkerError(ValueError):
    """A solution notebook's markers are unbalanced or hide no answer."""


def _strip_cell(source: str, where: str) -> str:
    lines = source.splitlines()
    out: list[str] = []
    inside = False
    answers: list[tuple[str, bool]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise SolutionMarkerError(f"{where}, line {number}: {BEGIN} inside another")
            inside, answers = True, []
            indent = line[: len(line) - len(line.lstrip())]
            continue
        if stripped == END:
            if not inside:
                raise SolutionMarkerError(f"{where}, line {number}: {END} without {BEGIN}")
            if not answers:
                raise SolutionMarkerError(
                    f"{where}, line {number}: the solution sets no answer_N_M variable"
                )
            for name, reflection in answers:
                stub = REFLECTION_STUB if reflection else "..."
                out.append(f"{indent}{name} = {stub}")
            inside = False
            continue
        if inside:
            m = _ASSIGN.match(line)
            if m and line == line.lstrip():
                value = m.group(2).lstrip()
                answers.append((m.group(1), value.startswith(('"""', "'''"))))
            continue
        out.append(line)
    if inside:
        raise SolutionMarkerError(f"{where}: {BEGIN} is never closed by {END}")
    return "\n".join(out)


def make_student_version(nb):
    """Return a copy of solution notebook ``nb`` with every solution region replaced."""
    nb = copy.deepcopy(nb)
    name = nb.metadata.get("distant_allies", {}).get("notebook", "notebook")
    for index, cell in enumerate(nb.cells):
        if BEGIN in cell.source:
            if cell.cell_type != "code":
                raise SolutionMarkerError(
                    f"{name}, cell {index + 1}: solution markers belong in code cells"
                )
            cell.source = _strip_cell(cell.source, f"{name}, cell {index + 1}")
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("nbgrader", None)
    nb.metadata.setdefault("distant_allies", {})["version"] = "student"
    return nb


def student_versions(solutions: Path, out: Path, *, check: bool = False) -> list[str]:
    """Write (or with ``check=True`` only compare) the student notebooks.

    Returns the names of the notebooks that were written (or, with ``check``, that are stale
    or missing).
    """
    import nbformat

    changed = []
    for src in sorted(Path(solutions).glob("*.ipynb")):
        nb = nbformat.read(src, as_version=4)
        text = nbformat.writes(make_student_version(nb)) + "\n"
        target = Path(out) / src.name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            changed.append(src.name)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return changed
