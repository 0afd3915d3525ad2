"""Settings for the whole test run (unit tests, doctests and notebooks alike).

- Outbound network is blocked in this process and in every Python process it starts (kernels,
  servers, command-line tools): the pack must work offline. Loopback stays open.
- Solution notebooks run with every check strict (``DISTANT_ALLIES_STRICT=1``), so a wrong
  answer in a solution fails the run; student notebooks run untouched and must still run from top
  to bottom.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

OFFLINE = Path(__file__).parent / "tests" / "_offline"
STRICT = "DISTANT_ALLIES_STRICT"


def pytest_configure(config):
    if os.environ.get("DISTANT_ALLIES_ALLOW_NETWORK") == "1":
        return
    paths = [str(OFFLINE)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    import importlib.util

    spec = importlib.util.spec_from_file_location("_offline_guard", OFFLINE / "sitecustomize.py")
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """nbval starts a notebook's kernel while setting up its first cell, and the kernel inherits
    this process's environment, so the variable is set around that setup and then restored."""
    before = os.environ.get(STRICT)
    if item.path.suffix == ".ipynb":
        if "solutions" in item.path.parts:
            os.environ[STRICT] = "1"
        else:
            os.environ.pop(STRICT, None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(STRICT, None)
        else:
            os.environ[STRICT] = before
