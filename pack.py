#!/usr/bin/env python3
"""Set up and run the Distant Allies pack from a fresh clone, with only Python 3 installed.

    python3 pack.py lab     # install into .venv (first time only) and open JupyterLab
    python3 pack.py test    # install the test tools into .venv and run the whole test suite

Everything goes into a virtual environment in ``.venv`` beside this file; nothing is installed
system-wide. Installs are skipped when the requirement files have not changed since the last
run. Extra arguments after ``test`` go to pytest (e.g. ``python3 pack.py test -k data``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DISTANT_ALLIES_VENV", HERE / ".venv"))
START = "notebooks/00-start-here.ipynb"


def _bin(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / (name + (".exe" if os.name == "nt" else ""))


def _run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=HERE)


def ensure_venv(requirements: str) -> Path:
    """Create .venv and install ``requirements`` plus the pack (editable), once per change."""
    python = _bin("python")
    if not python.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    inputs = [requirements, "requirements.txt", "pyproject.toml"]
    digest = hashlib.sha256(b"".join((HERE / f).read_bytes() for f in inputs)).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if not stamp.exists() or stamp.read_text() != digest:
        _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        _run(python, "-m", "pip", "install", "--quiet", "-r", requirements)
        # The dev requirements carry the build backend, so the test setup builds offline.
        isolation = [] if requirements == "requirements.txt" else ["--no-build-isolation"]
        _run(python, "-m", "pip", "install", "--quiet", "--no-deps", *isolation, "-e", ".")
        stamp.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"lab", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    try:
        if command == "lab":
            python = ensure_venv("requirements.txt")
            _run(python, "-m", "jupyter", "lab", START, *rest)
        else:
            python = ensure_venv("requirements-dev.txt")
            _run(python, "-m", "pytest", *rest)
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
