"""The wheel carries the data: build it, install it (not editable) in a fresh venv, use it there.

This is what Binder does (``pip install .``), so it must work without the source tree: the
loaders, and every notebook, run against the installed package.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    wheels = tmp / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(REPO)],
        check=True,
    )
    (wheel,) = wheels.glob("distant_allies-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    # The runtime dependencies (pandas, ...) come from this environment, appended after the
    # fresh venv's own site-packages, so distant_allies itself can only come from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    (Path(site) / "outer_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_wheel_installs_and_loads_in_a_fresh_venv(wheel_python, tmp_path):
    env_dir = wheel_python.parents[1]
    script = textwrap.dedent(
        f"""
        import distant_allies as da
        assert da.__file__.startswith({str(env_dir)!r}), da.__file__
        folder = da.data_path()
        assert folder.name == "_data" and str(folder).startswith({str(env_dir)!r}), folder
        assert (folder / "datapackage.json").is_file() and (folder / "README.md").is_file()
        assert not (folder / "_drafts").exists()
        ds = da.load_dataset()
        assert len(da.load_terminology()) > 5
        print(*(len(t) for t in ds))
        """
    )
    out = subprocess.run([str(wheel_python), "-I", "-c", script], cwd=tmp_path, check=True,
                         capture_output=True, text=True).stdout.split()
    ds = __import__("distant_allies").load_dataset()
    assert [int(n) for n in out] == [len(t) for t in ds]
    assert all(int(n) > 0 for n in out)


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_notebooks_run_against_the_installed_package(wheel_python):
    package = next((wheel_python.parents[1] / "lib").glob("python*/site-packages/distant_allies"))
    before = _tree(package)
    notebooks = sorted(str(p) for p in (REPO / "notebooks").glob("*.ipynb"))
    notebooks += sorted(str(p) for p in (REPO / "teacher" / "solutions").glob("*.ipynb"))
    result = subprocess.run(
        [str(wheel_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
         "--nbval-lax", "--nbval-current-env", *notebooks],
        cwd=REPO, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
    # nothing in the pack writes into the installed package (a JupyterHub user cannot)
    assert _tree(package) == before
