"""A corpus of broken copies of the dataset: each must be reported by file, row, column, value.

Each case copies the real data into a temporary folder, breaks one thing the way a teacher
editing a spreadsheet might, and asserts the exact sentence the loader says about it.
"""

from __future__ import annotations

import pytest

from distant_allies import DatasetError, load_dataset, load_events, validate


def _error(folder) -> DatasetError:
    with pytest.raises(DatasetError) as info:
        load_dataset(path=folder)
    # validate() reports the same problems without raising
    assert [str(p) for p in validate(folder)] == [str(p) for p in info.value.problems]
    return info.value


def test_missing_file(data_copy):
    (data_copy.folder / "places.csv").unlink()
    err = _error(data_copy.folder)
    assert len(err.problems) == 1
    assert str(err.problems[0]).startswith(f"places.csv: is missing from {data_copy.folder}")
    assert "place_id, name, alt_names, lat, lon" in str(err)


def test_missing_column(data_copy):
    rows = data_copy.rows("events.csv")
    col = rows[0].index("title")
    data_copy.write("events.csv", [r[:col] + r[col + 1:] for r in rows])
    err = _error(data_copy.folder)
    assert str(err.problems[0]).startswith(
        "events.csv row 1, column title: is missing from the header row (expected columns: "
        "event_id, date_start"
    )


def test_bad_date(data_copy):
    row = data_copy.set("events.csv", 13, "date_start", "1993-13-01")
    err = _error(data_copy.folder)
    assert [str(p) for p in err.problems] == [
        f"events.csv row {row}, column date_start: '1993-13-01' is not a date "
        "(expected YYYY-MM-DD)"
    ]
    assert row == 15  # the 14th event sits on spreadsheet row 15, under the header


def test_date_in_another_format(data_copy):
    row = data_copy.set("events.csv", 0, "date_start", "07/07/1923")
    err = _error(data_copy.folder)
    assert f"events.csv row {row}, column date_start: '07/07/1923' is not a date" in str(err)


def test_value_outside_enum(data_copy):
    row = data_copy.set("events.csv", 2, "thread", "kashmir")
    err = _error(data_copy.folder)
    assert str(err.problems[0]) == (
        f"events.csv row {row}, column thread: 'kashmir' is not allowed (expected one of: "
        "karabakh, pakistan-azerbaijan, india-pakistan, wider-alignments)"
    )


def test_duplicate_id(data_copy):
    first = data_copy.get("sources.csv", 0, "source_id")
    row = data_copy.set("sources.csv", 3, "source_id", first)
    err = _error(data_copy.folder)
    assert (
        f"sources.csv row {row}, column source_id: '{first}' is a duplicate (also in row 2; "
        "expected each source_id once)"
    ) in [str(p) for p in err.problems]


def test_event_with_unknown_place(data_copy):
    row = data_copy.set("events.csv", 4, "place_id", "atlantis")
    err = _error(data_copy.folder)
    assert str(err.problems[0]).startswith(
        f"events.csv row {row}, column place_id: 'atlantis' matches no place_id in places.csv"
    )


def test_event_with_unknown_source(data_copy):
    ids = data_copy.get("events.csv", 5, "source_ids")
    row = data_copy.set("events.csv", 5, "source_ids", ids + ";no-such-source")
    err = _error(data_copy.folder)
    assert [str(p) for p in err.problems] == [
        f"events.csv row {row}, column source_ids: 'no-such-source' matches no source_id in "
        f"sources.csv (expected one of its {len(data_copy.rows('sources.csv')) - 1} "
        "source_id values)"
    ]


def test_claim_with_unknown_event(data_copy):
    row = data_copy.set("claims.csv", 1, "event_id", "2099-01-01-nothing")
    err = _error(data_copy.folder)
    assert str(err.problems[0]).startswith(
        f"claims.csv row {row}, column event_id: '2099-01-01-nothing' matches no event_id in "
        "events.csv"
    )


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("lat", "95.5", "between -90 and 90"),
    ("lon", "-181", "between -180 and 180"),
    ("lat", "north", None),
])
def test_coordinates_out_of_range(data_copy, column, value, expected):
    row = data_copy.set("places.csv", 2, column, value)
    err = _error(data_copy.folder)
    message = str(err.problems[0])
    assert message.startswith(f"places.csv row {row}, column {column}: '{value}' ")
    if expected:
        assert message.endswith(f"is out of range (expected {expected})")
    else:
        assert message.endswith("is not a number (expected a decimal number such as 39.82)")


@pytest.mark.parametrize(("value", "message"), [
    ("1500-01-01", "is outside the dates a table can hold (expected a date from 1677-09-22 to "
                   "2262-04-11)"),
    ("2300-01-01", "is outside the dates a table can hold (expected a date from 1677-09-22 to "
                   "2262-04-11)"),
])
def test_date_a_table_cannot_hold(data_copy, value, message):
    """pandas keeps dates from 1677 to 2262: a date beyond is a problem, not a crash."""
    row = data_copy.set("events.csv", 3, "date_end", value)
    err = _error(data_copy.folder)
    assert [str(p) for p in err.problems] == [
        f"events.csv row {row}, column date_end: '{value}' {message}"]


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809",
                                   "1" * 5000])
def test_whole_number_too_large_to_hold(data_copy, value):
    """An Int64 column holds less than 2**63 either way; a longer number (even one Python
    refuses to read, past 4,300 digits) is a problem, not a crash."""
    row = data_copy.set("events.csv", 3, "fatalities_high", value)
    err = _error(data_copy.folder)
    assert len(err.problems) == 1
    assert str(err.problems[0]).startswith(f"events.csv row {row}, column fatalities_high: ")
    assert str(err.problems[0]).endswith(
        "is too large a number to hold (expected at most 9,223,372,036,854,775,807 either way)")


def test_largest_whole_number_and_furthest_dates_load(data_copy):
    data_copy.set("events.csv", 3, "fatalities_high", "9223372036854775807")
    data_copy.set("events.csv", 3, "fatalities_low", "00000000000000000000000000001")
    data_copy.set("events.csv", 3, "fatalities_best", "")
    data_copy.set("events.csv", 3, "date_end", "2262-04-11")
    ev = load_events(path=data_copy.folder)
    assert ev["fatalities_high"].iloc[3] == 2**63 - 1
    assert ev["fatalities_low"].iloc[3] == 1
    assert str(ev["date_end"].iloc[3].date()) == "2262-04-11"


def test_a_loaded_table_is_the_callers_to_change_lists_and_all():
    """Changing a loaded table (even the lists in its cells) changes neither the next load
    nor the answers the exercise checks compare with."""
    from distant_allies import data, load_claims

    events = load_events()
    first = list(events["countries"].iloc[0])
    events["countries"].iloc[0].append("ZZZ")
    events.loc[events.index[0], "title"] = "changed"
    again = load_events()
    assert list(again["countries"].iloc[0]) == first
    assert again["title"].iloc[0] != "changed"
    assert list(data._dataset().events["countries"].iloc[0]) == first
    load_dataset().claims["checked_against"].iloc[0].append("nowhere")
    assert "nowhere" not in load_claims()["checked_against"].iloc[0]


def test_end_before_start(data_copy):
    start = data_copy.get("events.csv", 6, "date_start")
    row = data_copy.set("events.csv", 6, "date_end", "1900-01-01")
    err = _error(data_copy.folder)
    assert [str(p) for p in err.problems] == [
        f"events.csv row {row}, column date_end: '1900-01-01' is before date_start {start} "
        "(expected an end on or after the start, or empty for a one-day event)"
    ]


def test_empty_required_field(data_copy):
    row = data_copy.set("events.csv", 7, "title", "")
    err = _error(data_copy.folder)
    assert [str(p) for p in err.problems] == [
        f"events.csv row {row}, column title: is empty (expected Neutral headline in our own "
        "voice, under 80 characters)"
    ]


def test_several_problems_reported_together(data_copy):
    r1 = data_copy.set("events.csv", 1, "date_start", "1991-02-30")
    r2 = data_copy.set("events.csv", 3, "category", "war")
    r3 = data_copy.set("places.csv", 0, "lon", "200")
    err = _error(data_copy.folder)
    text = str(err)
    assert text.startswith(f"3 problems in the Distant Allies dataset at {data_copy.folder}:")
    for fragment in (f"events.csv row {r1}, column date_start: '1991-02-30'",
                     f"events.csv row {r2}, column category: 'war'",
                     f"places.csv row {r3}, column lon: '200'"):
        assert fragment in text


def test_row_with_wrong_number_of_cells(data_copy):
    rows = data_copy.rows("sources.csv")
    rows[2] = rows[2][:-1]
    data_copy.write("sources.csv", rows)
    err = _error(data_copy.folder)
    assert str(err.problems[0]).startswith(
        f"sources.csv row 3: has {len(rows[0]) - 1} cells but the header has {len(rows[0])}"
    )


def test_file_not_utf8(data_copy):
    path = data_copy.folder / "places.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", "\nBak\u0131\n".encode("cp1254"), 1))
    err = _error(data_copy.folder)
    assert "places.csv: is not UTF-8 text" in str(err)
    assert "CSV UTF-8" in str(err)


def test_fatalities_out_of_order(data_copy):
    rows = data_copy.rows("events.csv")
    header = rows[0]
    rows[1][header.index("fatalities_low")] = "10"
    rows[1][header.index("fatalities_best")] = "5"
    rows[1][header.index("fatalities_high")] = ""
    data_copy.write("events.csv", rows)
    err = _error(data_copy.folder)
    assert [str(p) for p in err.problems] == [
        "events.csv row 2, column fatalities_best: '5' is smaller than fatalities_low 10 "
        "(expected low <= best <= high)"
    ]


def test_blank_trailing_lines_are_fine(data_copy):
    records = len(data_copy.rows("events.csv")) - 1
    path = data_copy.folder / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n,,,\n\n", encoding="utf-8")
    assert len(load_events(path=data_copy.folder)) == records


def test_long_error_lists_are_cut_in_the_message_but_kept(data_copy, monkeypatch):
    monkeypatch.setattr(DatasetError, "shown", 10)
    rows = data_copy.rows("events.csv")
    col = rows[0].index("thread")
    for r in rows[1:]:
        r[col] = "nowhere"
    data_copy.write("events.csv", rows)
    err = _error(data_copy.folder)
    assert len(err.problems) == len(rows) - 1
    assert f"... and {len(rows) - 1 - DatasetError.shown} more" in str(err)


def test_quick_check_agrees_with_the_full_check_cell_by_cell():
    """The loader checks each cell quickly and calls the full check only for a cell the quick
    one turns down: for every field and a corpus of good and bad cells, the quick check gives
    the full check's value exactly when the full check finds no problem."""
    import csv

    from distant_allies import data

    tables = data.schema()
    folder = data.data_path()
    odd = ["", " ", "  x ", "x", "X", "-", "0", "-5", "+7", "26", "1.5", "1e400", "nan", "inf",
           "39.82", "-91", "181", "true", "True", "false", " false ", "1923-07-07",
           "1923-7-7", "2020-02-30", "1993", "1993-04", "PAK", "pak", "PAK;AZE", "PAK; ;AZE",
           "a;;b", "new-delhi", "New Delhi", "seed", "UN", "international", "x" * 5000,
           "9223372036854775807", "9223372036854775808", "-9223372036854775808", "9" * 25,
           "0" * 30 + "7", "1" * 5000, "1677-09-21", "1677-09-22", "2262-04-11", "2262-04-12"]
    checked = 0
    for table in tables.values():
        with (folder / table.path).open(newline="", encoding="utf-8-sig") as fh:
            records = list(csv.reader(fh))
        header = records[0]
        for f in table.fields:
            column = header.index(f.name)
            cells = sorted({r[column] for r in records[1:]} | set(odd) | set(f.enum or ()))
            quick = data._quick_check(f)
            for raw in cells:
                problems: list = []
                full = data._check_value(table, f, 2, raw, problems)
                fast = quick(raw)
                where = f"{table.name}.{f.name} {raw[:40]!r}"
                if problems:
                    assert fast is data._BAD, where
                else:
                    assert fast is not data._BAD, where
                    assert fast == full and type(fast) is type(full), where
                checked += 1
    assert checked > 2000
