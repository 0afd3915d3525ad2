"""The notebook benchmark's measuring (benchmarks/notebooks.py with benchmarks/_cellclock.py) in
one small kernel: every cell that runs is timed from both sides, the peak memory is read, and
the notebook runs as it is (no cell added, nothing added to its namespace or its history)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]


def _benchmark(monkeypatch):
    spec = importlib.util.spec_from_file_location("nb_benchmark", REPO / "benchmarks" /
                                                  "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_every_cell_is_timed_and_the_notebook_runs_as_it_is(tmp_path, monkeypatch):
    bench = _benchmark(monkeypatch)
    cells = [
        new_code_cell("import time\ntime.sleep(0.2)"),
        new_markdown_cell("Some prose."),
        new_code_cell("block = bytearray(200 * 2**20)  # 200 MiB, to see in the peak"),
        new_code_cell("   \n"),  # nbclient skips an empty cell: no round trip to count
        new_code_cell("1 / 0", metadata={"tags": ["skip-execution"]}),  # skipped too
        new_code_cell("get_ipython().run_cell('inner = 1', store_history=True)\ntime.sleep(0.1)"),
        new_code_cell("print(sorted(n for n in dir() if n in ('runpy', 'OUT', '_cells')), "
                      "repr(_), dict(Out))"),
    ]
    for count, cell in enumerate(cells, start=40):  # counts left from an earlier run
        if cell.cell_type == "code":
            cell.execution_count = count
    nb = new_notebook(cells=cells)
    run = bench._run(nb, tmp_path, "a small notebook")
    assert len(nb.cells) == 7
    assert nb.cells[6].outputs[0]["text"] == "[] '' {}\n"
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts[:4] == [1, 2, 43, 44]  # the skipped cells keep their old counts
    # Four cells ran; the one that ran another inside it counts once, with its 0.1 s sleep
    # inside its own time, not in its round trip.
    assert len(run.roundtrips) == 4
    assert all(0 < t < 0.08 for t in run.roundtrips), run.roundtrips
    assert run.peak_mb > 200
