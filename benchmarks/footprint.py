"""footprint_ratio: the size of a venv from requirements.txt against a venv with only
jupyterlab, ipywidgets, pandas and matplotlib (target <= 1.05).

Builds both venvs in a temporary folder (pip's cache makes the second and later runs fast).

Run: python benchmarks/footprint.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _venv(folder: Path, *args: str) -> int:
    venv.EnvBuilder(with_pip=True).create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *args], check=True)
    return _size(folder)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pack = _venv(Path(tmp) / "pack", "-r", str(REPO / "requirements.txt"), str(REPO))
        base = _venv(Path(tmp) / "base", "jupyterlab", "ipywidgets", "pandas", "matplotlib")
    print(f"footprint_pack_mb: {pack / 2**20:.0f}")
    print(f"footprint_base_mb: {base / 2**20:.0f}")
    print(f"footprint_ratio: {pack / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
