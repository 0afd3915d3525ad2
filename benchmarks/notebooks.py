"""pack_ratio and peak_kernel_mb: how heavy the notebooks are, compared with the bare libraries.

pack_ratio = time to execute every solution notebook, each in a fresh kernel
             / (number of notebooks x time for a fresh kernel to import pandas, matplotlib and
                ipywidgets and run one cell).
peak_kernel_mb = the largest peak resident memory of a kernel running any one notebook.

The bare kernel runs once before each notebook (its median is the denominator), so a busy
moment on a shared machine weighs on both sides alike.

Run: python benchmarks/notebooks.py   (prints `name: value` lines)
"""

from __future__ import annotations

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


def notebooks(folder: Path) -> tuple[float, list[float], float, int]:
    """Run every notebook, each just after a bare kernel, so both see the same machine load."""
    total, bare, peak, count = 0.0, [], 0.0, 0
    for path in sorted(folder.glob("*.ipynb")):
        bare.append(bare_kernel_seconds())
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(new_code_cell(PEAK))
        total += _run(nb, path.parent)
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        peak = max(peak, int(text.strip().splitlines()[-1]) / 1024)  # ru_maxrss is in KiB
        count += 1
    return total, bare, peak, count


def main() -> int:
    # Byte-compile the package first, as pip does when it installs one: on a machine that sets
    # PYTHONDONTWRITEBYTECODE an editable install would otherwise be compiled in every kernel.
    compileall.compile_dir(REPO / "src", quiet=1)
    total, bares, peak, count = notebooks(REPO / "teacher" / "solutions")
    bare = statistics.median(bares)
    print(f"pack_seconds: {total:.2f}")
    print(f"bare_kernel_seconds: {bare:.2f}")
    print(f"pack_notebooks: {count}")
    print(f"pack_ratio: {total / (count * bare):.2f}")
    print(f"peak_kernel_mb: {peak:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
