"""pack_ratio and peak_kernel_mb: how heavy the notebooks are, compared with the bare libraries.

pack_ratio = time to execute every solution notebook, each in a fresh kernel
             / (number of notebooks x time for a fresh kernel to import pandas, matplotlib and
                ipywidgets and run one cell).
peak_kernel_mb = the largest peak resident memory of a kernel running any one notebook.

The bare kernel runs just before each notebook, so a busy moment on a shared machine weighs
on both sides alike, and the whole set runs in rounds (three by default): each notebook's time
is its median over the rounds, the bare kernel's the median of all its runs (on the 2-core
machine of the README's table, three single rounds in a row gave 1.31, 1.41 and 1.44, and a bare
kernel took anywhere from 1.3 to 1.8 s). The lowest and highest ratio of a single round are
printed as well, each round against its own bare kernels.

Run: python benchmarks/notebooks.py [--rounds N]   (prints `name: value` lines)
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]
PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def _run(nb, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def bare_kernel_seconds() -> float:
    nb = new_notebook(cells=[new_code_cell(
        "import pandas, matplotlib.pyplot, ipywidgets\n%matplotlib inline\n1 + 1")])
    return _run(nb, REPO)


def notebooks(folder: Path, rounds: int) -> tuple[float, list[float], float, int, list[float]]:
    """Run every notebook ``rounds`` times, each run just after a bare kernel's."""
    paths = sorted(folder.glob("*.ipynb"))
    times: dict[Path, list[float]] = {path: [] for path in paths}
    bare, peak = [], 0.0
    for _ in range(rounds):
        for path in paths:
            bare.append(bare_kernel_seconds())
            nb = nbformat.read(path, as_version=4)
            nb.cells.append(new_code_cell(PEAK))
            times[path].append(_run(nb, path.parent))
            text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
            peak = max(peak, int(text.strip().splitlines()[-1]) / 1024)  # ru_maxrss is in KiB
    total = sum(statistics.median(t) for t in times.values())
    # Each round on its own too, against its own bare kernels: how far one run can stray.
    per_round = [sum(t[r] for t in times.values())
                 / (len(paths) * statistics.median(bare[r * len(paths):(r + 1) * len(paths)]))
                 for r in range(rounds)]
    return total, bare, peak, len(paths), per_round


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of the whole set (median)")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds must be 1 or more, not {args.rounds}")
    # Byte-compile the package first, as pip does when it installs one: on a machine that sets
    # PYTHONDONTWRITEBYTECODE an editable install would otherwise be compiled in every kernel.
    compileall.compile_dir(REPO / "src", quiet=1)
    total, bares, peak, count, per_round = notebooks(REPO / "teacher" / "solutions", args.rounds)
    bare = statistics.median(bares)
    print(f"pack_seconds: {total:.2f}")
    print(f"bare_kernel_seconds: {bare:.2f}")
    print(f"pack_notebooks: {count}")
    print(f"pack_ratio: {total / (count * bare):.2f}")
    print(f"pack_ratio_lowest_round: {min(per_round):.2f}")
    print(f"pack_ratio_highest_round: {max(per_round):.2f}")
    print(f"peak_kernel_mb: {peak:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
