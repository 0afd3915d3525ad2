"""The datapackage descriptor, the datasheet and the code agree, and the repo stays tidy."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import distant_allies as da
from distant_allies import _schema
from distant_allies.data import schema

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_frictionless_validates_the_package():
    result = subprocess.run(
        [str(BIN / "frictionless"), "validate", "--json", "datapackage.json"],
        cwd=REPO / "data", capture_output=True, text=True,
    )
    report = json.loads(result.stdout)
    errors = [
        err["message"]
        for task in report.get("tasks", [])
        for err in task.get("errors", [])
    ] + [err["message"] for err in report.get("errors", [])]
    assert report["valid"], errors[:10]
    assert result.returncode == 0
    assert {t["name"] for t in report["tasks"]} >= {"events", "places", "sources", "claims"}


def test_descriptor_is_a_v2_package_with_licence_and_version():
    pkg = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["$schema"].endswith("/profiles/2.0/datapackage.json")
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    assert pkg["version"]
    for res in pkg["resources"]:
        for f in res["schema"]["fields"]:
            assert f.get("description"), f"{res['name']}.{f['name']} has no description"


def test_datasheet_codebook_is_current():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    expected = _schema.replace_codebook(readme, _schema.codebook_markdown(schema()))
    assert readme == expected, "run: python -m distant_allies codebook --write data/README.md"


def test_loader_docstrings_name_every_column():
    loaders = {"events": da.load_events, "places": da.load_places,
               "sources": da.load_sources, "claims": da.load_claims}
    for name, table in schema().items():
        doc = inspect.getdoc(loaders[name])
        missing = [c for c in table.columns if f"``{c}``" not in doc]
        assert not missing, f"{loaders[name].__name__} docstring lacks {missing}"


def test_public_api_is_explicit():
    for name in da.__all__:
        assert hasattr(da, name), name


def test_ruff_is_clean():
    result = subprocess.run([str(BIN / "ruff"), "check", "src", "tests", "pack.py"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_requirements_are_pinned_and_carry_no_local_reference():
    lines = [
        line.strip()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines
    for line in lines:
        assert "==" in line, f"not pinned: {line}"
        assert not line.startswith(("-e", ".", "file:")), f"local reference: {line}"
    runtime = {line.split("==")[0].lower() for line in lines}
    assert {"jupyterlab", "ipywidgets", "pandas", "matplotlib"} <= runtime
    assert "frictionless" not in runtime and "pytest" not in runtime
