"""How fast does ``grade`` run a class? 40 copies of a solved notebook, against plain nbclient.

Grades N copies (default 40) of one solved notebook with :func:`distant_allies.teacher.grade`
(in parallel, one fresh kernel each, then the checks in that kernel), then runs the same N
notebooks one after another with plain ``nbclient`` (a fresh kernel each, no checks), and
prints::

    grading_seconds: X
    nbclient_serial_seconds: Y
    grading_ratio: X / Y          (target: under 0.7 on two cores)

The notebook is the first solution notebook in teacher/solutions/ whose exercises are in
list_exercises(), or else the grader's test fixture with its test registry.

Usage: python benchmarks/grading.py [--copies 40] [--jobs N] [--notebook PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "grading"


def pick_notebook(path: str | None) -> tuple[Path, str]:
    """The solved notebook to copy, and the checker module its exercises are in."""
    import nbformat

    from distant_allies.checks import list_exercises

    if path:
        return Path(path), "distant_allies.checks"
    known = set(list_exercises()["notebook"])
    for candidate in sorted((REPO / "teacher" / "solutions").glob("*.ipynb")):
        meta = nbformat.read(candidate, as_version=4).metadata.get("distant_allies", {})
        if meta.get("notebook") in known and not candidate.name.startswith("00"):
            return candidate, "distant_allies.checks"
    return FIXTURES / "90-grading-fixture.ipynb", "da_grading_checks"


def serial_nbclient(folder: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    started = time.perf_counter()
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute(
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=None, help="default: the number of cores")
    parser.add_argument("--notebook", help="a solved notebook (default: see above)")
    args = parser.parse_args(argv)

    from distant_allies.teacher import grade

    notebook, checker = pick_notebook(args.notebook)
    if checker == "da_grading_checks":
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(FIXTURES), os.environ.get("PYTHONPATH")]))
        sys.path.insert(0, str(FIXTURES))
    os.environ.pop("DISTANT_ALLIES_STRICT", None)
    work = Path(tempfile.mkdtemp(prefix="distant-allies-bench-"))
    try:
        subs = work / "submissions"
        subs.mkdir()
        for i in range(args.copies):
            shutil.copy(notebook, subs / f"student-{i + 1:03d}.ipynb")
        print(f"notebook: {notebook.relative_to(REPO)} x {args.copies}, "
              f"cores: {os.cpu_count()}, jobs: {args.jobs or 'cores'}", flush=True)

        started = time.perf_counter()
        report = grade(subs, work / "gradebook.csv", jobs=args.jobs, checker=checker)
        grading = time.perf_counter() - started
        graded = sum(r.status == "graded" for r in report.rows)
        full = sum(r.status == "graded" and r.total == r.max_points for r in report.rows)
        print(f"graded_rows: {graded}/{len(report.rows)} (full marks: {full})", flush=True)

        serial = serial_nbclient(subs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"grading_seconds: {grading:.1f}")
    print(f"nbclient_serial_seconds: {serial:.1f}")
    print(f"grading_ratio: {grading / serial:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
