"""The guards the test run relies on really are in force."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


def test_outbound_network_is_blocked_here():
    with pytest.raises(OSError, match="outbound network is blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1, never routed


def test_outbound_network_is_blocked_in_child_pythons():
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
        "except OSError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "outbound network is blocked" in out


def test_loopback_stays_open():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        client = socket.create_connection(server.getsockname(), timeout=2)
        client.close()
    finally:
        server.close()


def test_unit_tests_do_not_run_strict():
    assert os.environ.get("DISTANT_ALLIES_STRICT") is None


def test_a_wrong_answer_in_a_solution_notebook_fails_the_run(tmp_path):
    """The strict hook is what makes "every check must pass" true for teacher/solutions."""
    import nbformat

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    nb = nbformat.read(os.path.join(repo, "teacher", "solutions", "01-karabakh-roots.ipynb"), 4)
    for cell in nb.cells:
        cell.source = cell.source.replace('answer_1_4 = "b"', 'answer_1_4 = "a"')
    folder = tmp_path / "solutions"
    folder.mkdir()
    nbformat.write(nb, folder / "01-karabakh-roots.ipynb")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([repo, os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest",
         "-o", "addopts=", "--nbval-lax", "--nbval-current-env", "--rootdir", str(tmp_path),
         str(folder / "01-karabakh-roots.ipynb")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "CheckFailed" in result.stdout
    assert "1 failed" in result.stdout
