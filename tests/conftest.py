"""Shared fixtures: a private copy of the dataset that a test may break."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from distant_allies import data_path

REPO = Path(__file__).resolve().parents[1]
TABLE_FILES = ("events.csv", "places.csv", "sources.csv", "claims.csv")


class DataCopy:
    """A copy of the packaged CSVs in a temporary folder, with helpers to edit cells."""

    def __init__(self, folder: Path):
        self.folder = folder

    def rows(self, file: str) -> list[list[str]]:
        with (self.folder / file).open(newline="", encoding="utf-8") as fh:
            return list(csv.reader(fh))

    def write(self, file: str, rows: list[list[str]]) -> None:
        with (self.folder / file).open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)

    def set(self, file: str, record: int, column: str, value: str) -> int:
        """Set ``column`` of the ``record``-th data row (0-based); return its spreadsheet row."""
        rows = self.rows(file)
        rows[record + 1][rows[0].index(column)] = value
        self.write(file, rows)
        return record + 2

    def get(self, file: str, record: int, column: str) -> str:
        rows = self.rows(file)
        return rows[record + 1][rows[0].index(column)]


@pytest.fixture
def data_copy(tmp_path: Path) -> DataCopy:
    folder = tmp_path / "data"
    folder.mkdir()
    source = data_path()
    for name in TABLE_FILES:
        shutil.copy(source / name, folder / name)
    return DataCopy(folder)
