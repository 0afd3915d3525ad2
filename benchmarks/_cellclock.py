"""Loaded into every kernel the notebook benchmark starts, before its first cell.

The kernel runs it through ``--IPKernelApp.exec_lines``. It times each cell's ``run_cell``: from
IPython's pre_run_cell event to its post_run_cell event. That is the cell's own code, its display
and IPython's hooks. A cell that runs another cell inside it counts once, as the outer cell.
When the kernel exits, it writes those times, in the order the cells ran, and the kernel's peak
resident memory to the JSON file named by ``OUT``, which the runner passes in. Nothing is
printed and no cell is added: the notebook runs as it is.
"""

import atexit
import json
import resource
import time

from IPython import get_ipython

_open: list[float] = []  # start times of the run_cells under way (a cell may run another)
_cells: list[float] = []


def _pre(info) -> None:
    _open.append(time.perf_counter())


def _post(result) -> None:
    # The run_cell that loads this file ends without having started here: it is not counted.
    if _open:
        start = _open.pop()
        if not _open:
            _cells.append(time.perf_counter() - start)


def _write() -> None:
    with open(OUT, "w", encoding="utf-8") as out:  # noqa: F821 (OUT: run_path's init_globals)
        json.dump({"run_cell": _cells,  # ru_maxrss is in KiB on Linux
                   "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, out)


get_ipython().events.register("pre_run_cell", _pre)
get_ipython().events.register("post_run_cell", _post)
atexit.register(_write)
