"""Run every benchmark and print one `name: value` line per figure.

Run: python benchmarks/run_all.py [--skip footprint ...]
The figures go into the README's Performance table by hand, with the date and the machine.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["imports", "notebooks", "explorer_latency", "grading", "footprint"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", nargs="*", default=[], choices=ORDER)
    args = parser.parse_args()
    failed = []
    for name in ORDER:
        script = HERE / f"{name}.py"
        if name in args.skip or not script.exists():
            print(f"# {name}: skipped", flush=True)
            continue
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        lines = [line for line in result.stdout.splitlines()
                 if re.fullmatch(r"[a-z_]+: [-0-9.]+", line.strip())]
        print("\n".join(lines), flush=True)
        if result.returncode != 0:
            failed.append(name)
            print(f"# {name} failed:\n{result.stderr[-1500:]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
