"""End to end: the event explorer in a real browser, in JupyterLab and under Voilà.

Each test writes a small notebook into its tmp folder (a setup cell and
``da.explore_events(da.load_events())``), starts the server on 127.0.0.1 with a token on a
free port, drives Debian's headless Chromium with Playwright, checks that the widgets render
(a slider, no "Error displaying widget"), moves the year slider and checks that the status,
the timeline and the table change, saves a screenshot in the tmp folder, and always stops the
server and its kernels.

Chromium comes from the system (``apt-get install chromium``; ``.ci/run`` installs it); this
test never runs ``playwright install``. All of Jupyter's writes go to the tmp folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

from distant_allies import load_events

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TOKEN = "distant-allies-browser-test"
VIEWPORT = {"width": 1400, "height": 2600}
NO_CHROMIUM = """\
The browser test needs Chromium, and none was found ({tried}).
Install Debian's package (this is what CI does):
    sudo apt-get install chromium
or point DISTANT_ALLIES_CHROMIUM at a Chromium or Chrome executable.
Do not run `playwright install`: it downloads a browser of its own."""


def _chromium() -> str:
    tried = [os.environ.get("DISTANT_ALLIES_CHROMIUM"), shutil.which("chromium"),
             shutil.which("chromium-browser"), "/usr/bin/chromium"]
    for path in tried:
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    pytest.fail(NO_CHROMIUM.format(tried=", ".join(p for p in tried if p)), pytrace=False)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The browser test needs Playwright for Python: "
                    "pip install -r requirements-dev.txt (never `playwright install`).",
                    pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                    headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# The event explorer"),
        nbformat.v4.new_code_cell("import distant_allies as da"),
        nbformat.v4.new_code_cell("da.explore_events(da.load_events())"),
    ]
    path = folder / "explorer.ipynb"
    nbformat.write(nb, path)
    return path


def _isolated_env(tmp: Path) -> dict[str, str]:
    """Jupyter, IPython and matplotlib write only under ``tmp``; no news, no update check."""
    env = dict(os.environ)
    dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime", "IPYTHONDIR": "ipython",
            "MPLCONFIGDIR": "mpl", "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces"}
    for var, name in dirs.items():
        (tmp / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / name)
    # The user settings of the notification plugin: the "news" toast stays away.
    settings = tmp / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    env.pop("DISTANT_ALLIES_STRICT", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def _server(cmd: list[str], *, env: dict[str, str], cwd: Path, ready: str,
            log: Path) -> Iterator[subprocess.Popen]:
    """Start one server process in its own process group; always stop it and its kernels."""
    import psutil

    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while not _answers(ready):
                if proc.poll() is not None:
                    pytest.fail(f"{cmd[2]} exited with {proc.returncode}:\n"
                                f"{log.read_text(errors='replace')[-3000:]}", pytrace=False)
                if time.monotonic() > deadline:
                    pytest.fail(f"{cmd[2]} did not answer {ready} within 60 s:\n"
                                f"{log.read_text(errors='replace')[-3000:]}", pytrace=False)
                time.sleep(0.25)
            yield proc
        finally:
            # Kernels run in sessions of their own, so collect every descendant first.
            try:
                family = psutil.Process(proc.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                family = []
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
            _, alive = psutil.wait_procs(family, timeout=10)
            for child in alive:
                child.kill()
            psutil.wait_procs(alive, timeout=10)


def _assert_widgets_render(page) -> None:
    page.wait_for_selector(".da-explorer .widget-slider", timeout=90_000)
    page.wait_for_selector(".da-timeline img", timeout=90_000)
    page.wait_for_selector(".da-map img", timeout=30_000)
    assert page.locator(".jupyter-widgets").count() > 10
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(".da-errors .jp-OutputArea-output").count() == 0
    total = len(load_events())
    assert f"{total} of {total} events match" in page.locator(".da-status").inner_text()
    assert page.locator(".da-table-view tbody tr").count() == total


def _move_slider_and_assert_change(page, *, idle: str | None = None) -> None:
    status = page.locator(".da-status").inner_text()
    timeline = page.locator(".da-timeline img").get_attribute("src")
    world = page.locator(".da-map img").get_attribute("src")
    # One keypress: the lower handle jumps to the upper one, so the range becomes (2025, 2025).
    page.locator(".da-explorer .widget-slider .noUi-handle").first.focus()
    page.keyboard.press("End")
    page.wait_for_function(
        "before => { const s = document.querySelector('.da-status');"
        " return s && s.innerText !== before; }", arg=status, timeout=60_000)
    page.wait_for_function(
        "before => { const i = document.querySelector('.da-timeline img');"
        " return i && i.getAttribute('src') !== before; }", arg=timeline, timeout=60_000)
    page.wait_for_function(
        "before => { const i = document.querySelector('.da-map img');"
        " return i && i.getAttribute('src') !== before; }", arg=world, timeout=60_000)
    if idle:
        page.get_by_text(idle).wait_for(timeout=60_000)
    total = len(load_events())
    after = page.locator(".da-status").inner_text()
    assert f"of {total} events match" in after and f"{total} of {total}" not in after, after
    rows = page.locator(".da-table-view tbody tr").count()
    assert 0 < rows < total
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.locator(".da-errors .jp-OutputArea-output").count() == 0


def test_explorer_in_jupyterlab(browser, tmp_path):
    notebook = _write_notebook(tmp_path)
    env = _isolated_env(tmp_path / "jupyter")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip", "127.0.0.1",
           "--port", str(port), f"--IdentityProvider.token={TOKEN}", "--allow-root",
           "--ServerApp.port_retries=0", f"--ServerApp.root_dir={tmp_path}"]
    with _server(cmd, env=env, cwd=tmp_path, ready=f"{base}/api/status?token={TOKEN}",
                 log=tmp_path / "jupyterlab.log"):
        page = browser.new_page(viewport=VIEWPORT)
        try:
            page.goto(f"{base}/lab/tree/{notebook.name}?token={TOKEN}&reset",
                      wait_until="domcontentloaded", timeout=60_000)
            idle = "Python 3 (ipykernel) | Idle"
            page.get_by_text(idle).wait_for(timeout=90_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator("li[data-command='runmenu:run-all']").click()
            _assert_widgets_render(page)
            page.get_by_text(idle).wait_for(timeout=60_000)
            # No toast (news, update check or anything else) covers the notebook.
            assert page.locator(".jp-toast-message, .Toastify__toast").count() == 0
            _move_slider_and_assert_change(page, idle=idle)
            # Open an event's detail (the 2025 ceasefire when it is listed: it has claims).
            labels = page.locator(".da-picker select option").all_text_contents()
            # (ipywidgets writes the labels with no-break spaces.)
            pick = next((i for i, label in enumerate(labels)
                         if "stop firing" in label.replace("\xa0", " ")), 1)
            page.locator(".da-picker select").select_option(index=pick)
            page.wait_for_selector(".da-detail-view h3", timeout=30_000)
            page.locator(".da-explorer").screenshot(path=tmp_path / "jupyterlab-explorer.png")
            page.screenshot(path=tmp_path / "jupyterlab.png")
        finally:
            page.close()
    assert (tmp_path / "jupyterlab-explorer.png").stat().st_size > 10_000


def test_explorer_under_voila(browser, tmp_path):
    notebook = _write_notebook(tmp_path)
    env = _isolated_env(tmp_path / "jupyter")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "voila", str(notebook), "--no-browser", "--port", str(port),
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--token={TOKEN}",
           "--show_tracebacks=True",
           f"--Voila.connection_dir_root={env['JUPYTER_RUNTIME_DIR']}"]
    # A static file answers without running the notebook (the page itself would run it).
    with _server(cmd, env=env, cwd=tmp_path,
                 ready=f"{base}/voila/static/voila.js?token={TOKEN}",
                 log=tmp_path / "voila.log"):
        page = browser.new_page(viewport=VIEWPORT)
        try:
            page.goto(f"{base}/?token={TOKEN}", wait_until="domcontentloaded",
                      timeout=90_000)
            _assert_widgets_render(page)
            # Voilà shows outputs only: no code, no prompts.
            assert page.get_by_text("da.explore_events").count() == 0
            _move_slider_and_assert_change(page)
            page.screenshot(path=tmp_path / "voila.png", full_page=True)
        finally:
            page.close()
    assert (tmp_path / "voila.png").stat().st_size > 10_000


def test_missing_chromium_fails_with_how_to_install_it(monkeypatch):
    """A developer without Chromium gets told what to install, not a traceback."""
    monkeypatch.delenv("DISTANT_ALLIES_CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium") as info:
        _chromium()
    assert "playwright install" in str(info.value)  # ... and what not to do
