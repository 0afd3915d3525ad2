"""Find, load and validate the Distant Allies dataset.

The dataset is four CSV tables described by ``datapackage.json`` (a Frictionless Data
Package): ``events``, ``places``, ``sources`` and ``claims``. Every load validates all four
together against that descriptor, so a mistake in any of them is reported with the file, the
row (counted as a spreadsheet counts it: the header is row 1), the column, the bad value and
what was expected.

Where the data comes from, first match wins:

1. the ``path=`` argument (a folder like ``data/``, or its ``datapackage.json``);
2. the environment variable ``DISTANT_ALLIES_DATA``;
3. the copy shipped inside the installed package (or ``data/`` in a source checkout).

Examples
--------
>>> from distant_allies import load_events
>>> events = load_events()
>>> events.loc[events["event_id"] == "1923-07-07-nkao-established", "thread"].iloc[0]
'karabakh'
"""

from __future__ import annotations

import csv
import datetime as _dt
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._schema import TABLES, Field, Table, read_package

__all__ = [
    "ENV_VAR",
    "Dataset",
    "DatasetError",
    "Problem",
    "data_path",
    "load_claims",
    "load_dataset",
    "load_events",
    "load_places",
    "load_sources",
    "load_terminology",
    "schema",
    "validate",
]

ENV_VAR = "DISTANT_ALLIES_DATA"

#: Fields holding lists of ids that must resolve in another table (Frictionless cannot declare
#: foreign keys on list fields, so these live here).
_LIST_REFERENCES = {
    ("events", "source_ids"): ("sources", "source_id"),
    ("claims", "checked_against"): ("sources", "source_id"),
}

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT_RE = re.compile(r"^[+-]?\d+$")
_TRUE, _FALSE = "true", "false"
#: The days a datetime64[ns] column holds (pandas' Timestamp.min and max, whole days), and the
#: bound of an Int64 column: a value beyond them is a problem, not a crash in the loader.
_FIRST_DAY, _LAST_DAY = _dt.date(1677, 9, 22), _dt.date(2262, 4, 11)
_INT_LIMIT = 2**63

#: How the patterns in datapackage.json read to a person.
_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "lowercase letters and digits joined by single hyphens, "
    "e.g. new-delhi",
    "^[0-9]{4}(-[0-9]{2}){0,2}-[a-z0-9]+(-[a-z0-9]+)*$": "the start date then lowercase words "
    "joined by hyphens, e.g. 1923-07-07-nkao-established",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    "^([A-Z]{3}|UN|OIC|international)$": "an ISO 3166-1 alpha-3 country code such as PAK, "
    "or UN, OIC or international",
    "^([A-Z]{3}|UN|OIC|international|seed)$": "an ISO 3166-1 alpha-3 country code such as PAK, "
    "or UN, OIC, international or seed",
}


# --------------------------------------------------------------------------------------------
# Problems and the one error type
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset, located as precisely as possible.

    ``row`` counts as a spreadsheet does: the header is row 1, the first record row 2.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}" if self.row is not None else f" column {self.column}"
        if self.value is not None:
            return f"{where}: {self.value!r} {self.message}"
        return f"{where}: {self.message}"


class DatasetError(ValueError):
    """The dataset could not be loaded as it is; ``problems`` lists every problem found.

    The message names each problem's file, row, column and value, and what was expected.
    """

    #: How many problems the message spells out; ``problems`` always holds all of them.
    shown = 40

    def __init__(self, problems: list[Problem], folder: Path | str | None = None):
        self.problems = list(problems)
        self.folder = str(folder) if folder is not None else None
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the Distant Allies dataset"
        if self.folder:
            head += f" at {self.folder}"
        lines = [head + ":"]
        lines += [f"  - {p}" for p in self.problems[: self.shown]]
        if n > self.shown:
            lines.append(f"  ... and {n - self.shown} more (see DatasetError.problems)")
        lines.append(
            "Fix the rows named above (python -m distant_allies validate PATH checks again)."
        )
        super().__init__("\n".join(lines))


# --------------------------------------------------------------------------------------------
# Finding the data
# --------------------------------------------------------------------------------------------


def _packaged_data() -> Path:
    """The copy inside the installed wheel, or ``data/`` beside ``src/`` in a checkout."""
    inside = Path(str(resources.files("distant_allies"))) / "_data"
    if (inside / "datapackage.json").is_file():
        return inside
    return Path(__file__).resolve().parents[2] / "data"


def data_path(*, path: str | os.PathLike | None = None) -> Path:
    """Return the folder the dataset is read from (see the module docstring for the order).

    Examples
    --------
    >>> (data_path() / "events.csv").is_file()
    True
    """
    if path is None and os.environ.get(ENV_VAR):
        path = os.environ[ENV_VAR]
    folder = Path(path).expanduser() if path is not None else _packaged_data()
    if folder.is_file() and folder.name == "datapackage.json":
        folder = folder.parent
    if not folder.is_dir():
        origin = f"from {ENV_VAR}" if path is not None and path == os.environ.get(ENV_VAR) else ""
        raise DatasetError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    None,
                    f"is not a folder {origin}".strip()
                    + " (expected a folder holding events.csv, places.csv, sources.csv "
                    "and claims.csv)",
                )
            ]
        )
    return folder


def schema() -> dict[str, Table]:
    """The table schemas from the packaged ``datapackage.json``, keyed by table name."""
    return _schema_cached(str(_packaged_data() / "datapackage.json"))


@lru_cache(maxsize=2)
def _schema_cached(descriptor: str) -> dict[str, Table]:
    return read_package(Path(descriptor))


# --------------------------------------------------------------------------------------------
# Reading and checking one table
# --------------------------------------------------------------------------------------------


def _expected(f: Field) -> str:
    return f.description.rstrip(".")


def _whole(value: str) -> int | None:
    """A whole number's value (digits with a sign), or None when an Int64 column cannot hold
    it (a very long one is not even read: Python refuses over 4,300 digits)."""
    if len(value) > 4000:
        return None
    number = int(value)
    return number if -_INT_LIMIT <= number < _INT_LIMIT else None


def _check_value(table: Table, f: Field, row: int, raw: str, problems: list[Problem]):
    """Check one cell against its field; return the parsed value (None when empty or bad)."""
    file = table.filename

    def bad(message: str, value: str | None = raw):
        problems.append(Problem(file, row, f.name, value, message))

    value = raw.strip()
    if value == "":
        if f.required:
            bad(f"is empty (expected {_expected(f)})", None)
        return [] if f.type == "list" else None

    if f.type == "list":
        items = [item.strip() for item in value.split(f.delimiter or ";")]
        if any(item == "" for item in items):
            bad(f"has an empty item (expected values separated by '{f.delimiter}', no empty ones)")
            items = [i for i in items if i]
        return items

    if f.type == "date":
        try:
            if not _DATE_RE.match(value):
                raise ValueError
            parsed: object = _dt.date.fromisoformat(value)
        except ValueError:
            bad("is not a date (expected YYYY-MM-DD)")
            return None
        if not _FIRST_DAY <= parsed <= _LAST_DAY:
            bad(f"is outside the dates a table can hold (expected a date from "
                f"{_FIRST_DAY.isoformat()} to {_LAST_DAY.isoformat()})")
            return None
    elif f.type == "integer":
        if not _INT_RE.match(value):
            bad("is not a whole number (expected digits only, e.g. 26)")
            return None
        parsed = _whole(value)
        if parsed is None:
            bad(f"is too large a number to hold (expected at most {_INT_LIMIT - 1:,} either "
                "way)")
            return None
    elif f.type == "number":
        try:
            parsed = float(value)
            if not math.isfinite(parsed):
                raise ValueError
        except ValueError:
            bad("is not a number (expected a decimal number such as 39.82)")
            return None
    elif f.type == "boolean":
        if value not in (_TRUE, _FALSE):
            bad("is not true or false (expected true or false, in lowercase)")
            return None
        parsed = value == _TRUE
    else:
        parsed = value

    if f.enum is not None and value not in f.enum:
        bad(f"is not allowed (expected one of: {', '.join(f.enum)})")
        return None
    if f.pattern is not None and not re.fullmatch(f.pattern, value):
        hint = _PATTERN_HINTS.get(f.pattern, f"the pattern {f.pattern}")
        bad(f"is not in the expected form (expected {hint})")
        return None
    if f.max_length is not None and len(value) > f.max_length:
        bad(f"is {len(value)} characters long (expected at most {f.max_length})")
    if isinstance(parsed, (int, float)) and not isinstance(parsed, bool):
        lo, hi = f.minimum, f.maximum
        if (lo is not None and parsed < lo) or (hi is not None and parsed > hi):
            if lo is not None and hi is not None:
                rng = f"between {lo:g} and {hi:g}"
            elif lo is not None:
                rng = f"at least {lo:g}"
            else:
                rng = f"at most {hi:g}"
            bad(f"is out of range (expected {rng})")
            return None
    return parsed


_BAD = object()  # a cell the quick check leaves to _check_value


def _quick_check(f: Field):
    """For one field, a function from a cell to the value :func:`_check_value` would return,
    or ``_BAD`` when the cell breaks a rule (or may): then ``_check_value`` looks at it and
    reports the problem. The same rules, checked once per field instead of once per cell."""
    pattern = re.compile(f.pattern) if f.pattern is not None else None
    enum = frozenset(f.enum) if f.enum is not None else None
    required, max_length, delimiter = f.required, f.max_length, f.delimiter or ";"
    lo, hi = f.minimum, f.maximum
    kind = f.type

    def check(raw: str):
        value = raw.strip()
        if value == "":
            if required:
                return _BAD
            return [] if kind == "list" else None
        if kind == "list":
            items = [item.strip() for item in value.split(delimiter)]
            if "" in items:
                return _BAD
            return items  # as _check_value: a list's items have no further rules
        if kind == "date":
            if not _DATE_RE.match(value):
                return _BAD
            try:
                parsed: object = _dt.date.fromisoformat(value)
            except ValueError:
                return _BAD
            if not _FIRST_DAY <= parsed <= _LAST_DAY:
                return _BAD
        elif kind == "integer":
            if not _INT_RE.match(value):
                return _BAD
            parsed = _whole(value)
            if parsed is None:
                return _BAD
        elif kind == "number":
            try:
                parsed = float(value)
            except ValueError:
                return _BAD
            if not math.isfinite(parsed):
                return _BAD
        elif kind == "boolean":
            if value != _TRUE and value != _FALSE:
                return _BAD
            parsed = value == _TRUE
        else:
            parsed = value
        if enum is not None and value not in enum:
            return _BAD
        if pattern is not None and not pattern.fullmatch(value):
            return _BAD
        if max_length is not None and len(value) > max_length:
            return _BAD
        if kind in ("integer", "number") and ((lo is not None and parsed < lo)
                                               or (hi is not None and parsed > hi)):
            return _BAD
        return parsed

    return check


def _read_table(folder: Path, table: Table, problems: list[Problem]) -> list[dict] | None:
    """Read one CSV into a list of records of parsed values, each with its spreadsheet row."""
    file = folder / table.path
    if not file.is_file():
        problems.append(
            Problem(
                table.filename,
                None,
                None,
                None,
                f"is missing from {folder} (expected the {table.title.lower()} table, "
                f"with columns {', '.join(table.columns)})",
            )
        )
        return None
    try:
        with file.open(newline="", encoding="utf-8-sig") as fh:
            records = list(csv.reader(fh))
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(table.filename, None, None, None, f"is not UTF-8 text ({exc.reason}); "
                    "save it as 'CSV UTF-8' from your spreadsheet")
        )
        return None
    except csv.Error as exc:
        problems.append(Problem(table.filename, None, None, None, f"is not valid CSV ({exc})"))
        return None
    if not records:
        problems.append(
            Problem(table.filename, 1, None, None,
                    f"is empty (expected a header row: {', '.join(table.columns)})")
        )
        return None
    header = [h.strip() for h in records[0]]
    missing = [c for c in table.columns if c not in header]
    for column in missing:
        problems.append(
            Problem(table.filename, 1, column, None,
                    "is missing from the header row (expected columns: "
                    f"{', '.join(table.columns)})")
        )
    if missing:
        return None
    index = {name: header.index(name) for name in table.columns}
    checks = [(f, index[f.name], _quick_check(f)) for f in table.fields]
    out = []
    for i, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line, as spreadsheets leave at the end
        if len(record) != len(header):
            problems.append(
                Problem(table.filename, i, None, None,
                        f"has {len(record)} cells but the header has {len(header)} "
                        "(check for an unquoted comma or a missing quote)")
            )
            continue
        parsed = {"_row": i}
        for f, column, quick in checks:
            value = quick(record[column])
            if value is _BAD:
                value = _check_value(table, f, i, record[column], problems)
            parsed[f.name] = value
        out.append(parsed)
    # Uniqueness (the primary key and any other unique field).
    for f in table.fields:
        if not f.unique:
            continue
        seen: dict[object, int] = {}
        for rec in out:
            key = rec[f.name]
            if key is None:
                continue
            if key in seen:
                problems.append(
                    Problem(table.filename, rec["_row"], f.name, str(key),
                            f"is a duplicate (also in row {seen[key]}; expected each "
                            f"{f.name} once)")
                )
            else:
                seen[key] = rec["_row"]
    return out


def _check_rows(tables: dict[str, Table], rows: dict[str, list[dict]], problems: list[Problem]):
    """Checks across fields and tables: foreign keys, date order, ranges of figures."""
    keys = {
        name: {rec[t.primary_key] for rec in rows[name] if rec[t.primary_key] is not None}
        for name, t in tables.items()
        if rows.get(name) is not None
    }

    def dangling(table: Table, rec: dict, column: str, value: str, target: str, tcol: str):
        problems.append(
            Problem(table.filename, rec["_row"], column, value,
                    f"matches no {tcol} in {tables[target].filename} (expected one of its "
                    f"{len(keys[target])} {tcol} values)")
        )

    for name, table in tables.items():
        if rows.get(name) is None:
            continue
        refs = [(c, t, tc) for c, t, tc in table.foreign_keys]
        lists = [(c, t, tc) for (n, c), (t, tc) in _LIST_REFERENCES.items() if n == name]
        for rec in rows[name]:
            for column, target, tcol in refs:
                if target in keys and rec[column] is not None and rec[column] not in keys[target]:
                    dangling(table, rec, column, rec[column], target, tcol)
            for column, target, tcol in lists:
                for item in rec[column] or []:
                    if target in keys and item not in keys[target]:
                        dangling(table, rec, column, item, target, tcol)

    for rec in rows.get("events") or []:
        start, end = rec["date_start"], rec["date_end"]
        if start is not None and end is not None and end < start:
            problems.append(
                Problem("events.csv", rec["_row"], "date_end", end.isoformat(),
                        f"is before date_start {start.isoformat()} (expected an end on or "
                        "after the start, or empty for a one-day event)")
            )
        lo, best, hi = rec["fatalities_low"], rec["fatalities_best"], rec["fatalities_high"]
        figures = [(n, v) for n, v in (("fatalities_low", lo), ("fatalities_best", best),
                                       ("fatalities_high", hi)) if v is not None]
        for (n1, v1), (n2, v2) in zip(figures, figures[1:], strict=False):
            if v1 > v2:
                problems.append(
                    Problem("events.csv", rec["_row"], n2, str(v2),
                            f"is smaller than {n1} {v1} (expected low <= best <= high)")
                )
    for rec in rows.get("claims") or []:
        lo, hi = rec["value_low"], rec["value_high"]
        if lo is not None and hi is not None and hi < lo:
            problems.append(
                Problem("claims.csv", rec["_row"], "value_high", str(hi),
                        f"is smaller than value_low {lo} (expected a range low to high)")
            )
        if (lo is not None or hi is not None) and not rec["quantity"]:
            problems.append(
                Problem("claims.csv", rec["_row"], "quantity", None,
                        "is empty but the claim has a figure (expected what is counted, "
                        "e.g. people killed)")
            )


# --------------------------------------------------------------------------------------------
# Typed frames
# --------------------------------------------------------------------------------------------


def _frame(table: Table, records: list[dict]) -> pd.DataFrame:
    """The typed frame of one table's checked records: each column made with its dtype."""
    columns: dict[str, object] = {}
    for f in table.fields:
        values = [rec[f.name] for rec in records]
        if f.type == "date":  # datetime.date or None (NaT)
            columns[f.name] = np.array(values, dtype="datetime64[ns]")
        elif f.type == "integer":
            columns[f.name] = pd.array(values, dtype="Int64")
        elif f.type == "number":  # None is NaN
            columns[f.name] = np.array(values, dtype="float64")
        elif f.type == "boolean":
            columns[f.name] = np.array(values, dtype=bool)
        elif f.enum is not None:
            columns[f.name] = pd.Categorical(values, categories=list(f.enum), ordered=True)
        elif f.type == "string":
            columns[f.name] = pd.array(values, dtype="string")
        else:  # lists stay Python lists, one per cell
            column = np.empty(len(values), dtype=object)
            for i, value in enumerate(values):
                column[i] = value
            columns[f.name] = column
    return pd.DataFrame(columns, columns=list(table.columns))


class Dataset(NamedTuple):
    """The four tables, loaded and validated together."""

    events: pd.DataFrame
    places: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame


def _stamp(folder: Path, tables: dict[str, Table]) -> tuple:
    out = []
    for t in tables.values():
        try:
            st = (folder / t.path).stat()
            out.append((t.path, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((t.path, None, None))
    return tuple(out)


def _check_folder(folder: Path) -> tuple[list[Problem], dict[str, list[dict] | None]]:
    tables = schema()
    problems: list[Problem] = []
    rows = {name: _read_table(folder, tables[name], problems) for name in TABLES}
    _check_rows(tables, rows, problems)
    return problems, rows


@lru_cache(maxsize=4)
def _load_cached(folder: str, stamp: tuple) -> Dataset:
    problems, rows = _check_folder(Path(folder))
    if problems:
        raise DatasetError(problems, folder)
    tables = schema()
    return Dataset(**{name: _frame(tables[name], rows[name]) for name in TABLES})


def validate(path: str | os.PathLike | None = None) -> list[Problem]:
    """Check the dataset and return every problem found (an empty list when it is sound).

    Unlike the loaders this never raises for bad data; use it to report on a teacher's copy.

    Examples
    --------
    >>> validate()
    []
    """
    try:
        folder = data_path(path=path)
    except DatasetError as exc:
        return exc.problems
    return _check_folder(folder)[0]


def load_dataset(*, path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate all four tables; return them as a :class:`Dataset`.

    Raises
    ------
    DatasetError
        Listing every problem found, each with its file, row, column and value.
    """
    return Dataset(*(_copy(name, frame) for name, frame in zip(TABLES, _dataset(path),
                                                                strict=True)))


def _copy(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a cached table that is the caller's to change: its lists too (a student who
    appends to an event's ``countries`` changes neither the cache nor the next load)."""
    out = frame.copy()
    for f in schema()[table].fields:
        if f.type == "list":
            out[f.name] = out[f.name].map(list)
    return out


def _dataset(path: str | os.PathLike | None = None) -> Dataset:
    """The loaded, validated tables as kept in the cache: not copies, so only for reading
    (this package's own checks); the loaders hand out copies that are the caller's to change."""
    folder = data_path(path=path)
    return _load_cached(str(folder), _stamp(folder, schema()))


def load_events(*, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the events table: one row per event.

    Columns and dtypes:

    - ``event_id`` (string): stable slug, e.g. ``1923-07-07-nkao-established``.
    - ``date_start`` / ``date_end`` (datetime64): first and last day; ``date_end`` is NaT
      for a one-day event.
    - ``date_precision`` (ordered category day < month < year).
    - ``thread`` (ordered category): karabakh, pakistan-azerbaijan, india-pakistan,
      wider-alignments.
    - ``category`` (ordered category): diplomacy, conflict, attack, treaty, resolution,
      military-cooperation, humanitarian, domestic-politics, economy.
    - ``title``, ``summary`` (string): neutral, in the pack's own voice.
    - ``place_id`` (string): joins ``load_places()``.
    - ``countries`` (list of ISO 3166-1 alpha-3 codes).
    - ``fatalities_low`` / ``fatalities_best`` / ``fatalities_high`` (Int64, NA where not
      reported) and ``fatalities_note`` (string): who reported them.
    - ``contested`` (bool): the parties' accounts differ; see ``load_claims()``.
    - ``in_seed_article`` (bool): the seed article mentions it.
    - ``source_ids`` (list of source ids): joins ``load_sources()``.

    The full codebook is ``data/README.md``; ``datapackage.json`` is the formal schema.

    Examples
    --------
    >>> events = load_events()
    >>> str(events["date_start"].dtype)
    'datetime64[ns]'
    >>> list(events["thread"].cat.categories)
    ['karabakh', 'pakistan-azerbaijan', 'india-pakistan', 'wider-alignments']
    """
    return _copy("events", _dataset(path).events)


def load_places(*, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the gazetteer: one row per place.

    Columns: ``place_id``, ``name``, ``alt_names`` (list: other spellings and each party's
    name), ``lat``, ``lon`` (float64, WGS 84), ``geo_precision`` (ordered category exact <
    town < region < country), ``admin`` (neutral description of who administers it).

    Examples
    --------
    >>> places = load_places()
    >>> bool(places["lat"].between(-90, 90).all())
    True
    """
    return _copy("places", _dataset(path).places)


def load_sources(*, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the bibliography: one row per source actually read.

    Columns: ``source_id``, ``title``, ``publisher``, ``published`` (string: YYYY, YYYY-MM
    or YYYY-MM-DD, NA when undated), ``url``, ``kind`` (category: encyclopedia, news,
    official, un-document, academic), ``origin`` (whose voice: PAK, IND, AZE, ARM, ..., UN,
    OIC or international), ``accessed`` (datetime64).

    Examples
    --------
    >>> "seed-article" in set(load_sources()["source_id"])
    True
    """
    return _copy("sources", _dataset(path).sources)


def load_claims(*, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load the claims table: who claims what about an event, and how it stands.

    Columns: ``claim_id``, ``event_id`` (joins events), ``claimant`` (who says it),
    ``party`` (the side: ISO3, UN, OIC, international or seed), ``claim`` (paraphrase),
    ``stance`` (category: asserts, denies), ``status`` (category: corroborated, superseded,
    disputed, unverified, contradicted), ``source_id`` (joins sources), ``quantity``, ``value_low``,
    ``value_high`` (Int64: a claimed figure or range), ``note`` (why the status), and
    ``checked_against`` (list of source ids the status rests on).

    Examples
    --------
    >>> claims = load_claims()
    >>> set(claims["status"].cat.categories) >= {"corroborated", "contradicted"}
    True
    """
    return _copy("claims", _dataset(path).claims)


def load_terminology(*, path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The terminology table from the datasheet: loaded terms, who uses them, neutral terms.

    Columns: ``loaded_terms`` (list of the exact words), ``used_by``, ``neutral_term``. The
    pack's own voice (event titles and summaries) uses only the neutral terms; a loaded term
    appears only quoted inside a claim attributed to the party that uses it.

    Examples
    --------
    >>> terms = load_terminology()
    >>> "martyred" in terms.explode("loaded_terms")["loaded_terms"].tolist()
    True
    """
    readme = data_path(path=path) / "README.md"
    if not readme.is_file():
        readme = _packaged_data() / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- terminology:start -->", "<!-- terminology:end -->"
    if start not in text or end not in text:
        raise DatasetError([Problem("README.md", None, None, None,
                                    "has no terminology table (expected it between "
                                    f"{start} and {end})")])
    body = text.split(start, 1)[1].split(end, 1)[0]
    rows = []
    for line in body.strip().splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3:
            continue
        rows.append({
            "loaded_terms": re.findall(r'"([^"]+)"', cells[0]),
            "used_by": cells[1],
            "neutral_term": cells[2],
        })
    return pd.DataFrame(rows, columns=["loaded_terms", "used_by", "neutral_term"])
