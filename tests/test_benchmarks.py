"""The notebook benchmark's measuring (benchmarks/notebooks.py with benchmarks/_cellclock.py) in
one small kernel: every cell is timed from both sides, the peak memory is read, and the notebook
runs as it is (no cell added, no name added to its namespace)."""

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
    nb = new_notebook(cells=[
        new_code_cell("import time\ntime.sleep(0.2)"),
        new_markdown_cell("Some prose."),
        new_code_cell("block = bytearray(50 * 2**20)  # 50 MB, to see in the peak"),
        new_code_cell(""),  # nbclient skips an empty cell: no round trip to count
        new_code_cell("print(sorted(n for n in dir() if n in ('runpy', 'OUT', '_cells')))"),
    ])
    run = bench._run(nb, tmp_path, "a small notebook")
    assert len(nb.cells) == 5
    assert nb.cells[4].outputs[0]["text"] == "[]\n"
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, None, 3]
    assert len(run.roundtrips) == 3
    # A round trip is what the cell costs outside its code: far less than the 0.2 s sleep.
    assert all(0 < t < 0.15 for t in run.roundtrips), run.roundtrips
    assert run.seconds > 0.2 + sum(run.roundtrips)
    assert run.peak_mb > 80  # a kernel alone is about 50 MB here
