"""Loaded into every kernel the notebook benchmark starts, before its first cell.

Run by the kernel (``--IPKernelApp.exec_lines``), it times each cell's ``run_cell``, from
IPython's pre_run_cell event to its post_run_cell event (the cell's own code, its display and
IPython's hooks), and when the kernel exits it writes those times and the kernel's peak resident
memory to the JSON file named by ``OUT``, which the runner passes in. Nothing is printed and no
cell is added: the notebook runs as it is.
"""

import atexit
import json
import resource
import time

from IPython import get_ipython

_started: list[float] = []
_cells: dict[int, float] = {}


def _pre(info) -> None:
    _started[:] = [time.perf_counter()]


def _post(result) -> None:
    if _started and result.execution_count is not None:
        _cells[result.execution_count] = time.perf_counter() - _started[0]
    _started.clear()


def _write() -> None:
    with open(OUT, "w", encoding="utf-8") as out:  # noqa: F821 (OUT: run_path's init_globals)
        json.dump({"run_cell": _cells,  # ru_maxrss is in KiB on Linux
                   "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, out)


get_ipython().events.register("pre_run_cell", _pre)
get_ipython().events.register("post_run_cell", _post)
atexit.register(_write)
