"""The loaders: where they find the data, and the types they give it."""

from __future__ import annotations

import pandas as pd
import pytest

import distant_allies as da
from distant_allies import (
    DatasetError,
    load_claims,
    load_dataset,
    load_events,
    load_places,
    load_sources,
)
from distant_allies.data import schema


def test_tables_have_the_schema_columns_in_order():
    tables = schema()
    ds = load_dataset()
    for name in ("events", "places", "sources", "claims"):
        assert list(getattr(ds, name).columns) == tables[name].columns


def test_events_dtypes():
    ev = load_events()
    assert str(ev["date_start"].dtype) == "datetime64[ns]"
    assert str(ev["date_end"].dtype) == "datetime64[ns]"
    for col, cats in [
        ("date_precision", ["day", "month", "year"]),
        ("thread", ["karabakh", "pakistan-azerbaijan", "india-pakistan", "wider-alignments"]),
    ]:
        assert isinstance(ev[col].dtype, pd.CategoricalDtype)
        assert ev[col].cat.ordered
        assert list(ev[col].cat.categories) == cats
    assert str(ev["fatalities_best"].dtype) == "Int64"
    assert ev["contested"].dtype == bool
    assert ev["source_ids"].map(lambda v: isinstance(v, list) and len(v) > 0).all()
    assert ev["countries"].map(lambda v: all(len(c) == 3 and c.isupper() for c in v)).all()
    assert pd.api.types.is_string_dtype(ev["event_id"])
    # one-day events have no end date
    assert ev["date_end"].isna().any()


def test_other_tables_dtypes():
    places, sources, claims = load_places(), load_sources(), load_claims()
    assert places["lat"].dtype == "float64" and places["lon"].dtype == "float64"
    assert places["alt_names"].map(lambda v: isinstance(v, list)).all()
    assert str(sources["accessed"].dtype) == "datetime64[ns]"
    assert list(claims["status"].cat.categories) == [
        "corroborated", "superseded", "disputed", "unverified", "contradicted"
    ]
    assert str(claims["value_low"].dtype) == "Int64"


def test_loads_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(da.ENV_VAR, raising=False)
    assert len(load_events()) > 0


def test_path_argument_and_environment_variable(data_copy, monkeypatch):
    data_copy.set("events.csv", 0, "title", "A teacher's own title")
    assert load_events(path=data_copy.folder)["title"].iloc[0] == "A teacher's own title"
    assert load_events(path=str(data_copy.folder))["title"].iloc[0] == "A teacher's own title"
    monkeypatch.setenv(da.ENV_VAR, str(data_copy.folder))
    assert load_events()["title"].iloc[0] == "A teacher's own title"
    assert da.data_path() == data_copy.folder
    monkeypatch.delenv(da.ENV_VAR)
    assert load_events()["title"].iloc[0] != "A teacher's own title"


def test_environment_variable_pointing_nowhere(tmp_path, monkeypatch):
    missing = tmp_path / "nope"
    monkeypatch.setenv(da.ENV_VAR, str(missing))
    with pytest.raises(DatasetError) as info:
        load_events()
    assert str(info.value.problems[0]) == (
        f"{missing}: is not a folder from DISTANT_ALLIES_DATA (expected a folder holding "
        "events.csv, places.csv, sources.csv and claims.csv)"
    )


def test_edits_are_seen_on_the_next_load(data_copy):
    before = len(load_events(path=data_copy.folder))
    rows = data_copy.rows("events.csv")
    extra = list(rows[1])
    extra[0] = extra[0] + "-teacher-copy"
    data_copy.write("events.csv", rows + [extra])
    assert len(load_events(path=data_copy.folder)) == before + 1


def test_each_load_returns_a_fresh_frame():
    ev = load_events()
    ev.loc[:, "title"] = "changed"
    assert (load_events()["title"] != "changed").all()


def test_first_event_is_the_oldest_story():
    ev = load_events()
    assert ev["date_start"].min().year < 1925
    assert ev["date_start"].max().year >= 2025


def test_import_has_no_side_effects():
    import subprocess
    import sys

    code = (
        "import sys, distant_allies; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at import'; "
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets imported at import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
