"""import_ratio: `import distant_allies` against `import pandas, matplotlib` (target <= 1.1).

Each import runs in a fresh interpreter; the figure is the fastest of several runs (the least
disturbed by other work on a shared machine), minus the interpreter's own start-up, so the ratio
compares the imports alone.

Run: python benchmarks/imports.py
"""

from __future__ import annotations

import subprocess
import sys
import time


def _fastest(code: str, repeat: int = 9) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    empty = _fastest("pass")
    pack = _fastest("import distant_allies") - empty
    base = _fastest("import pandas, matplotlib") - empty
    print(f"import_pack_seconds: {pack:.3f}")
    print(f"import_base_seconds: {base:.3f}")
    print(f"import_ratio: {pack / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
