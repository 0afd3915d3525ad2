"""The wheel carries the data: build it, install it (not editable) in a fresh venv, load there.

This is what Binder does (``pip install .``), so it must work without the source tree.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_loads_in_a_fresh_venv(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(REPO)],
        check=True,
    )
    (wheel,) = wheels.glob("distant_allies-*.whl")

    env_dir = tmp_path / "venv"
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

    work = tmp_path / "elsewhere"
    work.mkdir()
    script = textwrap.dedent(
        f"""
        import distant_allies as da
        assert da.__file__.startswith({str(env_dir)!r}), da.__file__
        folder = da.data_path()
        assert folder.name == "_data" and str(folder).startswith({str(env_dir)!r}), folder
        ds = da.load_dataset()
        print(*(len(t) for t in ds))
        """
    )
    out = subprocess.run([str(python), "-I", "-c", script], cwd=work, check=True,
                         capture_output=True, text=True).stdout.split()
    ds = __import__("distant_allies").load_dataset()
    assert [int(n) for n in out] == [len(t) for t in ds]
    assert all(int(n) > 0 for n in out)
