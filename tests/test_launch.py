"""Binder builds what CI tests: repo2docker's build plan installs requirements.txt and the package
itself, on the Python version CI uses."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _clean_copy(tmp_path: Path) -> Path:
    """The files git tracks (what Binder clones), without a developer's .venv or caches."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    target = tmp_path / "repo"
    for name in files:
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def test_runtime_matches_ci_python():
    runtime = (REPO / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"


def test_repo2docker_plans_requirements_then_the_package(tmp_path):
    repo = _clean_copy(tmp_path)
    assert not (repo / "binder").exists() and not (repo / ".binder").exists()
    result = subprocess.run(
        [str(BIN / "jupyter-repo2docker"), "--no-build", "--debug", str(repo)],
        capture_output=True, text=True, timeout=300,
    )
    plan = result.stdout + result.stderr
    assert result.returncode == 0, plan[-2000:]
    version = (repo / "runtime.txt").read_text().strip().removeprefix("python-")
    assert f"python={version}" in plan
    install_reqs = plan.index('pip install --no-cache-dir -r "requirements.txt"')
    install_pkg = plan.index("pip install --no-cache-dir .")
    assert install_reqs < install_pkg  # dependencies from the pinned file, then the pack


def test_readme_has_binder_and_hub_links():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "mybinder.org/v2/gh/" in readme
    assert "urlpath=lab/tree/notebooks/00-start-here.ipynb" in readme
    assert "git-pull?repo=" in readme


def test_weekly_workflow_runs_the_ci_script():
    workflow = (REPO / ".github" / "workflows" / "weekly.yml").read_text(encoding="utf-8")
    assert "schedule:" in workflow and "cron:" in workflow
    assert "bash .ci/run" in workflow
