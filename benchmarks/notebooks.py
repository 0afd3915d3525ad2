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

Where the time goes, measured in the same runs (benchmarks/_cellclock.py, loaded into every
kernel before its first cell, times each cell's run_cell and reads the peak memory at exit; the
notebooks run as they are, no cell added):

- cell_roundtrip_ms: the median, over the notebooks' cells, of what a cell costs outside its
  own run_cell: nbclient sending it, the kernel receiving, flushing and replying, the client
  reading the replies and outputs. bare_roundtrip_ms is the same for the bare kernel's cell.
- pack_cells: the code cells of all the notebooks (the bare kernel runs one per notebook).
- pack_ratio_one_roundtrip: pack_ratio with each cell's round trip taken off (at most the bare
  kernel's) and one bare round trip added per notebook, as the bare kernel has. It shows how
  much of pack_ratio is the cells' messaging. Part of a round trip grows with the cell's output
  and would stay with fewer cells. It is for reading pack_ratio, not instead of it: the target
  is pack_ratio's.

Run: python benchmarks/notebooks.py [--rounds N]   (prints `name: value` lines)
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]
CLOCK = Path(__file__).resolve().with_name("_cellclock.py")
BARE = "import pandas, matplotlib.pyplot, ipywidgets\n%matplotlib inline\n1 + 1"


class _TimedClient(NotebookClient):
    """nbclient, noting how long each cell it runs takes from the client's side, in order.

    A cell nbclient skips (empty, or tagged to skip) is not noted: it sends nothing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell_seconds: list[float] = []

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        start, ran = time.perf_counter(), self.code_cells_executed
        try:
            return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
        finally:
            if self.code_cells_executed != ran:
                self.cell_seconds.append(time.perf_counter() - start)


@dataclass
class Run:
    seconds: float  # the whole run: kernel start, every cell, kernel shut down
    roundtrips: list[float]  # each code cell: the client's time for it - its run_cell time
    peak_mb: float


def _run(nb, cwd: Path, label: str) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cells.json"
        # Through __import__, so that the notebook's namespace gains no name; "and None", so
        # that IPython shows nothing and keeps nothing in _ and Out.
        load = f"__import__('runpy').run_path({str(CLOCK)!r}, {{'OUT': {str(out)!r}}}) and None"
        client = _TimedClient(nb, timeout=600, kernel_name="python3",
                              resources={"metadata": {"path": str(cwd)}},
                              extra_arguments=[f"--IPKernelApp.exec_lines={load}"])
        start = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - start
        if not out.exists():
            raise RuntimeError(f"the kernel that ran {label} exited without writing its cell "
                               f"times: {CLOCK.name} did not load, or the kernel was killed")
        kernel = json.loads(out.read_text(encoding="utf-8"))
    run_cell = kernel["run_cell"]
    if len(run_cell) != len(client.cell_seconds):
        raise RuntimeError(f"{label}: nbclient ran {len(client.cell_seconds)} cells, but the "
                           f"kernel timed {len(run_cell)}")
    roundtrips = [outside - inside
                  for outside, inside in zip(client.cell_seconds, run_cell, strict=True)]
    return Run(seconds, roundtrips, kernel["peak_kib"] / 1024)


def bare_kernel() -> Run:
    return _run(new_notebook(cells=[new_code_cell(BARE)]), REPO, "the bare kernel's cell")


@dataclass
class Result:
    notebooks: int
    cells: int
    total: float  # sum of the notebooks' median times
    bare: float  # median bare kernel
    per_round: list[float]  # each round's ratio, against its own bare kernels
    peak_mb: float
    roundtrip: float  # median over the notebooks' cells
    bare_roundtrip: float
    # as total, each cell's round trip taken off (at most a bare one) and one bare round
    # trip added per notebook
    one_roundtrip_total: float


def notebooks(folder: Path, rounds: int) -> Result:
    """Run every notebook ``rounds`` times, each run just after a bare kernel's."""
    paths = sorted(folder.glob("*.ipynb"))
    runs: dict[Path, list[Run]] = {path: [] for path in paths}
    bares: list[Run] = []
    for _ in range(rounds):
        for path in paths:
            bares.append(bare_kernel())
            runs[path].append(_run(nbformat.read(path, as_version=4), path.parent, path.name))
    bare = statistics.median(b.seconds for b in bares)
    bare_rt = statistics.median(t for b in bares for t in b.roundtrips)
    total = sum(statistics.median(r.seconds for r in rs) for rs in runs.values())
    one_rt = sum(statistics.median(r.seconds - sum(min(t, bare_rt) for t in r.roundtrips) + bare_rt
                                   for r in rs) for rs in runs.values())
    n = len(paths)
    per_round = [sum(rs[k].seconds for rs in runs.values())
                 / (n * statistics.median(b.seconds for b in bares[k * n:(k + 1) * n]))
                 for k in range(rounds)]
    return Result(
        notebooks=n,
        cells=sum(len(rs[0].roundtrips) for rs in runs.values()),
        total=total, bare=bare, per_round=per_round,
        peak_mb=max(r.peak_mb for rs in runs.values() for r in rs),
        roundtrip=statistics.median(t for rs in runs.values() for r in rs for t in r.roundtrips),
        bare_roundtrip=bare_rt, one_roundtrip_total=one_rt)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of the whole set (median)")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error(f"--rounds must be 1 or more, not {args.rounds}")
    # Byte-compile the package first, as pip does when it installs one: on a machine that sets
    # PYTHONDONTWRITEBYTECODE an editable install would otherwise be compiled in every kernel.
    compileall.compile_dir(REPO / "src", quiet=1)
    r = notebooks(REPO / "teacher" / "solutions", args.rounds)
    print(f"pack_seconds: {r.total:.2f}")
    print(f"bare_kernel_seconds: {r.bare:.2f}")
    print(f"pack_notebooks: {r.notebooks}")
    print(f"pack_ratio: {r.total / (r.notebooks * r.bare):.2f}")
    print(f"pack_ratio_lowest_round: {min(r.per_round):.2f}")
    print(f"pack_ratio_highest_round: {max(r.per_round):.2f}")
    print(f"pack_cells: {r.cells}")
    print(f"cell_roundtrip_ms: {r.roundtrip * 1000:.1f}")
    print(f"bare_roundtrip_ms: {r.bare_roundtrip * 1000:.1f}")
    print(f"pack_ratio_one_roundtrip: {r.one_roundtrip_total / (r.notebooks * r.bare):.2f}")
    print(f"peak_kernel_mb: {r.peak_mb:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
