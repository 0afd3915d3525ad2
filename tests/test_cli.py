"""python -m distant_allies validate."""

from __future__ import annotations

import re
import subprocess
import sys

from distant_allies import load_dataset
from distant_allies.__main__ import main


def test_validate_prints_a_summary(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    ds = load_dataset()
    assert ": OK" in out.splitlines()[0]
    assert re.search(rf"events\.csv +{len(ds.events)}\n", out)
    assert re.search(rf"claims\.csv +{len(ds.claims)}\n", out)
    assert "per thread and decade" in out
    for thread in ("karabakh", "pakistan-azerbaijan", "india-pakistan", "wider-alignments"):
        assert thread in out
    assert len(out.splitlines()) < 45  # one screen


def test_validate_report_adds_coverage(capsys):
    assert main(["validate", "--report"]) == 0
    out = capsys.readouterr().out
    assert "Sources by origin and kind:" in out
    assert "Contested events and their claimants" in out
    assert "Seed-article claims by status:" in out


def test_validate_broken_copy_exits_nonzero_with_the_problems(data_copy):
    row = data_copy.set("events.csv", 13, "date_start", "1993-13-01")
    result = subprocess.run(
        [sys.executable, "-m", "distant_allies", "validate", str(data_copy.folder)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert f"events.csv row {row}, column date_start: '1993-13-01' is not a date" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_validate_missing_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "is not a folder" in capsys.readouterr().err
