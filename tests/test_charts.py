"""Charts: each returns its Axes, draws what it should, renders to PNG without warnings, carries
alt text, and answers bad arguments with a ChartError; on a small fixture and the full dataset.
"""

from __future__ import annotations

import base64
import csv
import io
import itertools
import json
import shutil
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.patches import FancyArrowPatch, PathPatch, Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import distant_allies as da  # noqa: E402
from distant_allies import charts, explore  # noqa: E402
from distant_allies.__main__ import main  # noqa: E402

# --------------------------------------------------------------------------------------------
# A small dataset: two threads' worth of history and the May 2025 crisis day by day
# --------------------------------------------------------------------------------------------

EVENT_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "thread", "category",
                 "title", "summary", "place_id", "countries", "fatalities_low",
                 "fatalities_best", "fatalities_high", "fatalities_note", "contested",
                 "in_seed_article", "source_ids"]
EVENTS = [
    ("1923-07-07-nkao-established", "1923-07-07", "", "day", "karabakh", "domestic-politics",
     "Autonomous oblast created", "shusha", "AZE;ARM", "", "", "", "false", "true"),
    ("1992-02-26-khojaly", "1992-02-26", "", "day", "karabakh", "attack",
     "Civilians killed as town falls", "khojaly", "AZE;ARM", "200", "485", "1000", "true",
     "true"),
    ("1993-turkey-closes-border", "1993-01-01", "", "year", "wider-alignments", "diplomacy",
     "Turkey closes its land border with Armenia", "armenia", "TUR;ARM", "", "", "", "false",
     "false"),
    ("1995-10-visit", "1995-10-01", "", "month", "pakistan-azerbaijan", "diplomacy",
     "President visits Baku", "baku", "PAK;AZE", "", "", "", "false", "false"),
    ("2008-03-14-unga-vote", "2008-03-14", "", "day", "pakistan-azerbaijan", "resolution",
     "Pakistan votes for a resolution at the UN", "new-york", "PAK;AZE", "", "", "", "false",
     "true"),
    ("2020-09-27-pakistan-backs-azerbaijan", "2020-09-27", "", "day", "pakistan-azerbaijan",
     "diplomacy", "Pakistan backs Azerbaijan as fighting erupts", "islamabad", "PAK;AZE;ARM",
     "", "", "", "false", "true"),
    ("2020-09-27-war", "2020-09-27", "2020-11-10", "day", "karabakh", "conflict",
     "Second war begins; 44 days of fighting", "shusha", "AZE;ARM", "", "", "", "true",
     "true"),
    ("2021-01-13-declaration", "2021-01-13", "", "day", "pakistan-azerbaijan", "treaty",
     "Three states sign a declaration", "islamabad", "PAK;TUR;AZE", "", "", "", "false",
     "false"),
    ("2025-04-22-attack", "2025-04-22", "", "day", "india-pakistan", "attack",
     "Gunmen kill 26 people near Pahalgam", "pahalgam", "IND;PAK", "26", "26", "26", "true",
     "true"),
    ("2025-04-23-treaty-in-abeyance", "2025-04-23", "", "day", "india-pakistan", "treaty",
     "India holds a treaty in abeyance", "new-delhi", "IND;PAK", "", "", "", "false", "true"),
    ("2025-04-24-airspace", "2025-04-24", "2025-04-30", "day", "india-pakistan", "diplomacy",
     "Pakistan closes airspace to Indian airlines", "islamabad", "PAK;IND", "", "", "",
     "false", "false"),
    ("2025-05-07-strikes", "2025-05-07", "", "day", "india-pakistan", "conflict",
     "India strikes sites in Pakistan", "muzaffarabad", "IND;PAK", "26", "31", "40", "true",
     "true"),
    ("2025-05-07-azerbaijan-statement", "2025-05-07", "", "day", "wider-alignments",
     "diplomacy", "Azerbaijan's foreign ministry condemns Indian strikes on Pakistan", "baku",
     "AZE;PAK;IND", "", "", "", "false", "true"),
    ("2025-05-08-turkey-denies", "2025-05-08", "", "day", "wider-alignments",
     "military-cooperation", "Turkey denies reports that it flew weapons to Pakistan",
     "ankara", "TUR;PAK", "", "", "", "false", "false"),
    ("2025-05-10-ceasefire", "2025-05-10", "", "day", "india-pakistan", "diplomacy",
     "India and Pakistan agree to stop firing", "islamabad", "IND;PAK;USA", "", "", "",
     "true", "true"),
]
PLACES = [
    ("shusha", "Shusha", "", "39.76", "46.75", "town", "Azerbaijan"),
    ("khojaly", "Khojaly", "", "39.91", "46.79", "town", "Azerbaijan"),
    ("armenia", "Armenia", "", "40.1", "45.0", "country", "Armenia"),
    ("baku", "Baku", "", "40.40", "49.88", "town", "Azerbaijan"),
    ("new-york", "New York", "", "40.75", "-73.97", "exact", "United States"),
    ("islamabad", "Islamabad", "", "33.70", "73.04", "town", "Pakistan"),
    ("pahalgam", "Pahalgam", "", "34.01", "75.32", "town", "Indian-administered Kashmir"),
    ("new-delhi", "New Delhi", "", "28.61", "77.21", "town", "India"),
    ("muzaffarabad", "Muzaffarabad", "", "34.37", "73.47", "town",
     "Pakistan-administered Kashmir"),
    ("ankara", "Ankara", "", "39.93", "32.86", "town", "Turkey"),
]
SOURCES = [
    ("src-a", "A report", "Agency A", "2025-05-08", "https://example.org/a", "news", "PAK",
     "2026-11-28"),
    ("src-b", "B report", "Agency B", "2025-05-07", "https://example.org/b", "official",
     "IND", "2026-11-28"),
    ("src-c", "C report", "Agency C", "2025-05-09", "https://example.org/c", "news",
     "international", "2026-11-28"),
]
CLAIMS = [
    ("2025-05-07-strikes-pak-1", "2025-05-07-strikes", "Pakistan's military (ISPR)", "PAK",
     "31 civilians were killed.", "asserts", "disputed", "src-a", "people killed", "31", ""),
    ("2025-05-07-strikes-ind-1", "2025-05-07-strikes", "India's Ministry of Defence", "IND",
     "Only militant sites were hit.", "asserts", "disputed", "src-b", "", "", ""),
    ("2025-05-07-strikes-international-1", "2025-05-07-strikes", "A wire service", "international",
     "Between 26 and 40 people were killed.", "asserts", "unverified", "src-c",
     "people killed", "26", "40"),
    ("2025-05-07-strikes-ind-2", "2025-05-07-strikes", "India's Ministry of Defence", "IND",
     "Nine sites were struck.", "asserts", "corroborated", "src-b", "sites struck", "9", ""),
    ("2025-04-22-attack-ind-1", "2025-04-22-attack", "India's police", "IND",
     "26 people were killed.", "asserts", "corroborated", "src-b", "people killed", "26", ""),
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small-data")
    shutil.copy(da.data_path() / "datapackage.json", folder / "datapackage.json")
    events = []
    for (eid, start, end, prec, thread, cat, title, place, countries, lo, best, hi, contested,
         seed) in EVENTS:
        events.append([eid, start, end, prec, thread, cat, title, f"{title}.", place, countries,
                       lo, best, hi, "Fixture figures." if best else "", contested, seed,
                       "src-a"])
    _write(folder / "events.csv", EVENT_COLUMNS, events)
    _write(folder / "places.csv", ["place_id", "name", "alt_names", "lat", "lon",
                                   "geo_precision", "admin"], [list(p) for p in PLACES])
    _write(folder / "sources.csv", ["source_id", "title", "publisher", "published", "url",
                                    "kind", "origin", "accessed"], [list(s) for s in SOURCES])
    _write(folder / "claims.csv",
           ["claim_id", "event_id", "claimant", "party", "claim", "stance", "status",
            "source_id", "quantity", "value_low", "value_high", "note", "checked_against"],
           [[*c, "", ""] for c in CLAIMS])
    return folder


@pytest.fixture(scope="module")
def ds(small) -> da.Dataset:
    return da.load_dataset(path=small)


@pytest.fixture(scope="module")
def full() -> da.Dataset:
    return da.load_dataset()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def render(ax: Axes) -> bytes:
    """Render the Axes' figure to PNG, failing on any warning."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.savefig(buffer, format="png", bbox_inches="tight")
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG")
    return data


def draw(fn, *args, **kwargs) -> Axes:
    """Call a plot function with every warning an error; check it returns Axes with alt text."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = fn(*args, **kwargs)
    assert isinstance(ax, Axes)
    alt = charts.describe(ax)
    assert isinstance(alt, str) and alt.endswith(".") and len(alt) > 40
    return ax


def overlaps(boxes: list) -> list[tuple[int, int]]:
    return [(i, j) for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2)
            if a.overlaps(b)]


# --------------------------------------------------------------------------------------------
# Import and style hygiene
# --------------------------------------------------------------------------------------------


def test_import_loads_no_matplotlib_and_charts_change_no_settings():
    code = (
        "import sys, distant_allies as da\n"
        "assert 'matplotlib' not in sys.modules\n"
        "import matplotlib as mpl\n"
        "before = dict(mpl.rcParams)\n"
        "from distant_allies import charts\n"
        "assert da.plot_timeline is charts.plot_timeline and da.charts is charts\n"
        "assert dict(mpl.rcParams) == before, 'charts changed rcParams at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_names_resolve():
    for name in charts.__all__:
        assert hasattr(charts, name), name
    for name in ("plot_map", "plot_claims", "show", "describe", "ChartError", "claim_figures",
                 "alignment_edges"):
        assert name in da.__all__ and hasattr(da, name), name


def test_house_style_is_opt_in_and_restored():
    before = matplotlib.rcParams["font.size"]
    with charts.house_style():
        assert matplotlib.rcParams["font.size"] == charts.HOUSE_RC["font.size"]
    assert matplotlib.rcParams["font.size"] == before


def test_chart_error_is_a_value_error():
    assert issubclass(charts.ChartError, ValueError)


# --------------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------------


def test_timeline_draws_lanes_markers_and_spans(ds):
    ax = draw(charts.plot_timeline, ds.events)
    render(ax)
    headers = [t.get_text() for t in ax.texts if "(" in t.get_text() and "  " in t.get_text()]
    assert [h.split()[0] for h in headers] == ["karabakh", "pakistan-azerbaijan",
                                               "india-pakistan", "wider-alignments"]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    # Every event known to the day gets a marker; month- and year-precision ones do not.
    day = (ds.events["date_precision"] == "day").sum()
    assert sum(len(c.get_offsets()) for c in points) == day
    spans = [p for p in ax.patches if isinstance(p, Rectangle)
             and (p.get_gid() or "").startswith("event:")]
    fuzzy = (ds.events["date_precision"] != "day").sum()
    several_days = ds.events["date_end"].notna().sum()
    assert len(spans) == fuzzy + several_days
    assert "15 events" in charts.describe(ax) and "1923–2025" in charts.describe(ax)


def test_timeline_reads_day_by_day_in_may_2025(ds):
    ax = draw(charts.plot_timeline, ds.events, period=("2025-04-20", "2025-05-14"))
    render(ax)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    days = [label.split("\n")[0] for label in labels]
    assert days[:3] == ["20", "21", "22"] and "7" in days and "14" in days
    assert any("May" in label for label in labels)
    alt = charts.describe(ax)
    assert "day by day" in alt and "7 May 2025" in alt


@pytest.mark.parametrize("period", [("2025-04-20", "2025-05-14"), (1987, 1995)])
def test_timeline_date_ticks_are_worked_out_once_a_view_and_follow_a_zoom(full, period,
                                                                          monkeypatch):
    import matplotlib.dates as mdates

    ax = charts.plot_timeline(full.events, period=period)
    locator, formatter = ax.xaxis.get_major_locator(), ax.xaxis.get_major_formatter()
    assert isinstance(locator, mdates.DateLocator)  # still matplotlib's, with its settings
    rule = type(locator).__mro__[2]  # the matplotlib class the kept ticks come from
    calls = []
    original = rule.__call__
    monkeypatch.setattr(rule, "__call__",
                        lambda self: (self is locator and calls.append(1)) or original(self))
    ax.figure.canvas.draw()
    ax.figure.get_tightbbox()
    assert len(calls) == 1  # matplotlib asked a dozen times; the calendar rule ran once
    before = [t.get_text() for t in ax.get_xticklabels()]
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, lo + (hi - lo) / 3)  # a student zooms in
    ax.figure.canvas.draw()
    assert len(calls) == 2
    ticks = ax.get_xticks()
    assert len(ticks) >= 3 and (lo <= ticks).all() and (ticks <= lo + (hi - lo) / 3).all()
    zoomed = [t.get_text() for t in ax.get_xticklabels()]
    assert zoomed != before
    if isinstance(formatter, mdates.ConciseDateFormatter):  # a student's own formats count
        formatter.formats = ["(%Y)", "(%b)", "(%d)", "%H:%M", "%H:%M", "%S.%f"]
        ax.figure.canvas.draw()
        assert [t.get_text() for t in ax.get_xticklabels()] != zoomed
        assert any(t.get_text().startswith("(") for t in ax.get_xticklabels())


def test_timeline_labels_never_overlap(full):
    for kwargs in ({}, {"period": charts.CRISIS_2025}, {"by": "category", "period": (1987, 1995)}):
        ax = draw(charts.plot_timeline, full.events, **kwargs)
        ax.figure.canvas.draw()
        texts = [t for t in ax.texts if t.get_text().strip() and t.get_visible()]
        boxes = [Text.get_window_extent(t) for t in texts]
        assert not overlaps(boxes), [(texts[i].get_text(), texts[j].get_text())
                                     for i, j in overlaps(boxes)]
        render(ax)
        plt.close("all")


def test_timeline_labels_by_id_and_bad_ids(ds):
    ax = draw(charts.plot_timeline, ds.events, labels=["2025-05-07-strikes"])
    assert any(t.get_text().startswith("India strikes") for t in ax.texts)
    with pytest.raises(charts.ChartError, match="no-such-event"):
        charts.plot_timeline(ds.events, labels=["no-such-event"])


def test_timeline_bad_arguments(ds):
    with pytest.raises(charts.ChartError, match=r"by='colour'.*thread, category"):
        charts.plot_timeline(ds.events, by="colour")
    with pytest.raises(charts.ChartError, match="period="):
        charts.plot_timeline(ds.events, period=("2025-05-10", "2025-05-01"))
    with pytest.raises(charts.ChartError, match="lacks the column"):
        charts.plot_timeline(ds.events.drop(columns=["date_start"]))
    with pytest.raises(charts.ChartError, match="DataFrame"):
        charts.plot_timeline("events.csv")


def test_timeline_extent_of_spans_and_fuzzy_dates():
    ev = pd.DataFrame({
        "date_start": pd.to_datetime(["1988-02-01", "1993-01-01", "2020-09-27", "2025-04-22"]),
        "date_end": pd.to_datetime([None, "1994-01-01", "2020-11-10", None]),
        "date_precision": ["month", "year", "day", "day"]})
    start, end, kind = charts._extent(ev)
    # A month or year runs to the first day after it; a span to its last day.
    assert end.tolist() == pd.to_datetime(["1988-03-01", "1995-01-01", "2020-11-10",
                                           "2025-04-22"]).tolist()
    assert kind.tolist() == ["fuzzy", "fuzzy", "days", "point"]


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------


def test_counts_stack_one_bar_series_per_value(ds):
    ax = draw(charts.plot_counts, ds.events, by="thread", freq="decade")
    render(ax)
    assert len(ax.containers) == ds.events["thread"].nunique()
    heights = sum(bar.get_height() for c in ax.containers for bar in c)
    assert heights == len(ds.events)
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "1920s"


def test_counts_by_year_and_bad_arguments(full):
    ax = draw(charts.plot_counts, full.events, by="category", freq="year")
    render(ax)
    assert "per year" in charts.describe(ax)
    with pytest.raises(charts.ChartError, match=r"freq='month'.*year, decade"):
        charts.plot_counts(full.events, freq="month")
    with pytest.raises(charts.ChartError, match="by='country'"):
        charts.plot_counts(full.events, by="country")


# --------------------------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------------------------


def test_basemap_ships_with_the_package_and_credits_natural_earth():
    folder = charts._basemap_folder()
    assert folder == da.data.__dict__["_packaged_data"]() / "basemap"
    countries = json.loads((folder / "countries.geojson").read_text(encoding="utf-8"))
    codes = {f["properties"]["iso_a3"] for f in countries["features"]}
    assert {"AZE", "ARM", "PAK", "IND", "TUR", "CHN", "IRN"} <= codes
    assert (folder / "countries.geojson").stat().st_size < 150_000
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Made with Natural Earth." in readme and "approximate" in readme
    kinds = {f["properties"]["kind"] for f in json.loads(
        (folder / "kashmir.geojson").read_text(encoding="utf-8"))["features"]}
    assert kinds == {"disputed area", "de facto line"}


def test_map_draws_countries_places_and_credit(ds):
    ax = draw(charts.plot_map, ds.events, region="both", places=ds.places)
    render(ax)
    countries = [p for p in ax.patches if isinstance(p, PathPatch)]
    assert len(countries) > 40
    places_in_view = {"shusha", "khojaly", "armenia", "baku", "islamabad", "pahalgam",
                      "new-delhi", "muzaffarabad", "ankara"}
    markers = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in markers) == len(places_in_view)
    notes = " ".join(t.get_text() for t in ax.texts)
    assert "Made with Natural Earth." in notes
    assert "1 event elsewhere not shown: New York" in notes
    assert any(p.get_hatch() for p in ax.patches), "Kashmir is not marked as disputed"
    assert "disputed (approximate)" in " ".join(t.get_text() for t in ax.get_legend().texts)


def test_map_regions_and_their_disputed_areas(ds):
    caucasus = draw(charts.plot_map, ds.events, region="south-caucasus", places=ds.places)
    assert not any(p.get_hatch() for p in caucasus.patches)
    assert "Kashmir" not in charts.describe(caucasus)
    asia = draw(charts.plot_map, ds.events, region="south-asia", places=ds.places,
                size="fatalities")
    assert "de facto" in charts.describe(asia)
    render(asia)


def test_map_skips_events_without_coordinates_and_says_so(ds):
    places = ds.places.loc[ds.places["place_id"] != "islamabad"]
    ax = draw(charts.plot_map, ds.events, region="south-asia", places=places)
    render(ax)
    n = (ds.events["place_id"] == "islamabad").sum()
    notes = " ".join(t.get_text() for t in ax.texts)
    assert f"{n} events without coordinates not shown" in notes


def test_map_place_labels_never_overlap(full):
    for region in charts.REGIONS:
        ax = draw(charts.plot_map, full.events, region=region, places=full.places)
        ax.figure.canvas.draw()
        inside = [t for t in ax.texts if t.get_text() and t.get_position()[1] > 0
                  and "\n" not in t.get_text()]
        boxes = [Text.get_window_extent(t) for t in inside]  # the text, not its leader
        assert not overlaps(boxes), [(inside[i].get_text(), inside[j].get_text())
                                     for i, j in overlaps(boxes)]
        frame = ax.get_window_extent()
        for t, box in zip(inside, boxes, strict=True):
            if t.get_clip_on():
                assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, (region, t.get_text())
        plt.close("all")


def test_map_leaders_start_just_outside_their_labels_at_any_size(full):
    """A label set apart from its marker gets a leader, from just outside the label's
    background box (where an annotation's arrow would start: a point beyond it) towards the
    marker; leaders are kept in points from their markers, as the labels are, so they stay
    together when the figure is resized."""
    import numpy as np

    ax = charts.plot_map(full.events, places=full.places)
    fig = ax.figure

    def gaps() -> list[float]:  # pixels from each leader's start to the nearest label's box
        fig.canvas.draw()
        leaders, = [c for c in ax.collections if c.get_gid() == "leaders"]
        renderer = fig.canvas.get_renderer()
        labels = [t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts
                  if t.get_text() and "\n" not in t.get_text() and t.get_bbox_patch()]
        out = []
        for (start, _), anchor in zip(leaders.get_segments(),
                                      ax.transData.transform(leaders.get_offsets()), strict=True):
            x, y = anchor + np.asarray(start) * fig.dpi / 72
            out.append(min(max(b.x0 - x, x - b.x1, b.y0 - y, y - b.y1) for b in labels))
        return out

    before = gaps()
    assert before and all(0 < gap < 2 for gap in before), before
    fig.set_size_inches(fig.get_size_inches() * [1.3, 1.1])
    assert gaps() == pytest.approx(before, abs=0.5)


def _segment_hits_box(p, q, box) -> bool:
    """Does the segment p-q pass through the box (x0, x1, y0, y1)? (Liang–Barsky, one at a
    time: the rule the placer's batches are checked against.)"""
    x0, x1, y0, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, start in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-9:
            if start < lo or start > hi:
                return False
            continue
        a, b = (lo - start) / d, (hi - start) / d
        a, b = min(a, b), max(a, b)
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return True


def _free_one_by_one(placer, box, pad=1.5, ignore=None) -> bool:
    """The placer's rule for a free place as it read box by box (the reference)."""
    fx0, fx1, fy0, fy1 = placer.frame
    x0, x1, y0, y1 = box

    def clear(boxes, gap):
        return all(b == ignore or x1 + gap <= b[0] or x0 - gap >= b[1]
                   or y1 + gap <= b[2] or y0 - gap >= b[3] for b in boxes)

    if x0 < fx0 + 2 or x1 > fx1 - 2 or y0 < fy0 + 2 or y1 > fy1 - 2:
        return False
    grown = (x0 - pad, x1 + pad, y0 - pad, y1 + pad)
    return (clear(placer.boxes, pad) and clear(placer.marker_boxes, pad + 3)
            and not any(_segment_hits_box(a, b, grown) for a, b in placer.leaders))


def _leader_ok_one_by_one(placer, start, end, own, label) -> bool:
    """The label placer's leader rule as it read before it was worked out for many labels at
    once (kept here to check that version against)."""
    import math

    def gap(b):
        return math.hypot(max(b[0] - label[1], label[0] - b[1], 0),
                          max(b[2] - label[3], label[2] - b[3], 0))

    def near_own(b, margin):
        return not (b[1] < own[0] - margin or b[0] > own[1] + margin
                    or b[3] < own[2] - margin or b[2] > own[3] + margin)

    near = min(gap(own) + 4, 20.0)
    for b in placer.marker_boxes:
        if b == own or near_own(b, 0):
            continue
        if _segment_hits_box(start, end, b):
            return False
        if near_own(b, 8):
            continue
        if gap(b) < near:
            return False
        if _segment_hits_box(start, end, (b[0] - 5, b[1] + 5, b[2] - 5, b[3] + 5)):
            return False
    return not any(_segment_hits_box(start, end, b) for b in placer.boxes)


def test_label_placer_batches_agree_with_the_rules_box_by_box():
    """The placer tests all the places round a marker at once; on random scenes (markers,
    labels, leaders, with flat and upright leaders and boxes touching) each answer is the one
    the box-by-box rules give."""
    import numpy as np

    rng = np.random.default_rng(7)
    fig = matplotlib.figure.Figure(figsize=(6, 4), dpi=100)
    ax = fig.add_subplot()

    def box(cx, cy, w, h):
        return (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)

    def point():
        return tuple(float(v) for v in rng.integers(0, 60, 2) * 7.0)  # on a grid: ties happen

    agreed = 0
    for _ in range(60):
        placer = charts._Placer(ax)
        placer.frame = (0.0, 420.0, 0.0, 420.0)
        placer.marker_boxes = [box(*point(), 8, 8) for _ in range(rng.integers(0, 25))]
        placer.boxes = [box(*point(), float(rng.integers(10, 80)), 10.0)
                        for _ in range(rng.integers(0, 15))]
        placer.leaders = [(point(), point()) for _ in range(rng.integers(0, 6))]
        placer.leaders += [((7.0, 70.0), (140.0, 70.0)), ((70.0, 7.0), (70.0, 140.0))]
        own = box(*point(), 8, 8)
        if rng.random() < 0.5:
            placer.marker_boxes.append(own)
        labels = [box(*point(), float(rng.integers(10, 80)), 10.0) for _ in range(40)]
        labels += placer.boxes[:2]  # exactly on a label already placed
        cands = np.asarray(labels, dtype=float)
        for ignore in (None, own):
            assert placer._free_all(cands, ignore=ignore).tolist() == [
                _free_one_by_one(placer, b, ignore=ignore) for b in labels]
            assert [placer.free(b, ignore=ignore) for b in labels[:5]] == [
                _free_one_by_one(placer, b, ignore=ignore) for b in labels[:5]]
        marker = ((own[0] + own[1]) / 2, (own[2] + own[3]) / 2)
        centres = [((b[0] + b[1]) / 2, (b[2] + b[3]) / 2) for b in labels]
        assert placer._leaders_ok(cands, own, marker).tolist() == [
            _leader_ok_one_by_one(placer, c, marker, own, b)
            for c, b in zip(centres, labels, strict=True)]
        ends = np.asarray(placer.leaders, dtype=float)
        assert charts._segments_hit_boxes(ends[:, 0], ends[:, 1], cands).tolist() == [
            [_segment_hits_box(p, q, b) for p, q in placer.leaders] for b in labels]
        agreed += len(labels)
    assert agreed > 2000


def test_label_placer_measures_a_distance_at_the_threshold_as_before():
    """numpy's hypot and math's can differ in the last bit; where a label's distance to
    another marker lands on the threshold, the placer decides as the box-by-box rule did."""
    import math
    import random

    import numpy as np

    ax = matplotlib.figure.Figure(figsize=(6, 4), dpi=100).add_subplot()
    placer = charts._Placer(ax)
    placer.frame = (0.0, 420.0, 0.0, 420.0)
    own, marker = (100.0, 110.0, 100.0, 110.0), (105.0, 105.0)
    label = (121.3, 150.7, 118.1, 129.35)  # right of its marker, apart from it
    near = min(math.hypot(max(own[0] - label[1], label[0] - own[1], 0),
                          max(own[2] - label[3], label[2] - own[3], 0)) + 4, 20.0)
    rng = random.Random(1)
    other = None
    for _ in range(20000):
        gx = rng.uniform(6, near - 1)
        gy = math.sqrt(near * near - gx * gx)
        for k in range(-3, 4):
            box = (label[1] + gx, label[1] + gx + 4, label[3] + gy + k * math.ulp(gy),
                   label[3] + gy + k * math.ulp(gy) + 4)
            dx, dy = box[0] - label[1], box[2] - label[3]
            if (math.hypot(dx, dy) < near) != (float(np.hypot(dx, dy)) < near):
                other = box
                break
        if other:
            break
    assert other is not None  # a marker right on the threshold, where the two hypots differ
    placer.marker_boxes = [own, other]
    centre = ((label[0] + label[1]) / 2, (label[2] + label[3]) / 2)
    expected = _leader_ok_one_by_one(placer, centre, marker, own, label)
    assert placer._leaders_ok(np.asarray([label]), own, marker).tolist() == [expected]
    placer.marker_boxes = [own]
    assert _leader_ok_one_by_one(placer, centre, marker, own, label)  # only the distance differs


def test_label_placer_tries_rings_from_the_marker_out():
    with pytest.raises(ValueError, match="rings must start at 0"):
        charts._label_tries((10, 0))
    extra, cos, sin = charts._label_tries((0, 6, 14))
    assert extra.tolist() == [0] * 8 + [6] * 16 + [14] * 16
    assert cos[0] == 1 and sin[0] == 0


def test_map_renders_with_the_network_blocked(ds, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    charts._read_geojson.cache_clear()
    ax = draw(charts.plot_map, ds.events, region="south-asia", places=ds.places)
    render(ax)


def test_map_bad_arguments(ds):
    with pytest.raises(charts.ChartError, match=r"region='caucasus'.*south-caucasus"):
        charts.plot_map(ds.events, region="caucasus", places=ds.places)
    with pytest.raises(charts.ChartError, match="size='deaths'"):
        charts.plot_map(ds.events, size="deaths", places=ds.places)
    with pytest.raises(charts.ChartError, match="places lacks"):
        charts.plot_map(ds.events, places=ds.places.drop(columns=["lat"]))


# --------------------------------------------------------------------------------------------
# Canvases: the explorer's quick redraws
# --------------------------------------------------------------------------------------------


def nearest_difference(image, reference):
    """Per pixel, the smallest difference (largest over channels) between ``image`` and the
    ``reference`` pixels at or next to the same place (one pixel's shift either way)."""
    import numpy as np

    padded = np.pad(reference, ((1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = image.shape[:2]
    return np.min([abs(image - padded[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]).max(axis=2)
                   for dy in (-1, 0, 1) for dx in (-1, 0, 1)], axis=0)


def pixels(png: bytes):
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png))).astype(int)


def test_map_canvas_redraws_in_place_and_says_what_plot_map_says(full):
    canvas = charts.MapCanvas()
    ax = canvas.draw(full.events, region="both", places=full.places)
    children = len(ax.get_children())
    first = canvas.png()
    karabakh = explore.filter_events(full.events, threads="karabakh")
    for _ in range(3):
        canvas.draw(karabakh, region="both", places=full.places)
        canvas.png()
        assert canvas.draw(full.events, region="both", places=full.places) is ax
    assert canvas.figure.axes == [ax] and len(ax.get_children()) == children  # nothing piles up
    assert canvas.png() == first  # the kept pixels are the ones drawn the first time
    assert charts.describe(ax) == charts.describe(
        charts.plot_map(full.events, region="both", places=full.places))
    other = canvas.draw(full.events, region="south-caucasus", places=full.places)
    assert charts.describe(other).startswith("Map of the South Caucasus")
    assert canvas.figure.axes == [other]


def test_canvases_draw_what_matplotlib_draws(full, monkeypatch):
    """Pasted pixels are those drawn the first time, which are those of a live drawing: every
    pixel matches the live one, or one next to it (matplotlib < 3.11 puts text on whole
    pixels, so a text drawn on its own can round to the pixel beside where it lands in a
    full drawing); also where a label comes twice in one chart (a "+1" badge), because labels
    are drawn at the same fraction of a pixel wherever they go."""

    def draw(canvas, period):
        if isinstance(canvas, charts.MapCanvas):
            canvas.draw(explore.filter_events(full.events, years=period), places=full.places)
        else:
            canvas.draw(full.events, period=period)
        return pixels(canvas.png())

    for make in (charts.MapCanvas, charts.TimelineCanvas):
        for period in (None, (1988, 1994)):
            charts._SPRITES.clear()
            canvas = make()
            first = draw(canvas, period)  # every label drawn by matplotlib, and kept
            kept = {key[0][0] for key in charts._SPRITES}
            assert {"text", "legend"} <= kept  # the legend was drawn, inside the figure
            again = draw(canvas, period)  # every label pasted
            with monkeypatch.context() as m:
                m.setattr(charts, "_draw_cached", lambda renderer, key, anchor, d: d(renderer))
                live = draw(make(), period)  # nothing kept
            assert (first == again).all()
            assert first.shape == live.shape
            nearest = nearest_difference(first, live)
            assert nearest.max() <= 3, (make.__name__, period, nearest.max())
            # ... and nearly all of them exactly where they are live
            assert (abs(first - live).max(axis=2) > 3).mean() < 0.005


def test_canvases_draw_live_on_other_renderers(full):
    canvas = charts.TimelineCanvas()
    canvas.draw(full.events, period=(1988, 1994))
    svg = io.BytesIO()
    canvas.figure.savefig(svg, format="svg")
    assert svg.getvalue().count(b'<g id="text_') > 20  # labels, ticks, legend: drawn as usual


def test_a_label_with_nowhere_to_go_is_drawn_live():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    charts._text(ax, float("nan"), 0.5, "nowhere", quick=charts._Quick())
    fig.canvas.draw()  # no error: not kept, drawn as matplotlib would (which skips it)


def test_canvas_png_leaves_the_figure_as_it_was(full):
    from matplotlib.figure import Figure

    fig = Figure(facecolor="#ffe0c0")
    canvas = charts.MapCanvas(figure=fig)
    canvas.draw(full.events, places=full.places)
    assert pixels(canvas.png())[0, 0][:3].tolist() == [255, 255, 255]  # on white ...
    assert matplotlib.colors.to_hex(fig.get_facecolor()) == "#ffe0c0"  # ... for the PNG only


@pytest.mark.parametrize("opaque", [True, False])
def test_png_encoder_keeps_every_pixel_and_the_dpi(opaque):
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(31, 57, 4), dtype=np.uint8)
    if opaque:
        pixels[..., 3] = 255
    png = charts._encode_png(pixels, 144)
    Image.open(io.BytesIO(png)).verify()  # chunk lengths and checksums
    image = Image.open(io.BytesIO(png))
    assert image.mode == ("RGB" if opaque else "RGBA")  # no alpha channel when it says nothing
    assert image.size == (57, 31)
    assert image.info["dpi"] == pytest.approx((144, 144), abs=0.02)  # (stored per metre)
    assert (np.asarray(image.convert("RGBA")) == pixels).all()
    with pytest.raises(ValueError, match="empty image"):
        charts._encode_png(pixels[:, :0], 144)


def test_map_fits_its_legend_on_any_backend_and_layout(full):
    for backend in ("svg", "pdf", "agg"):
        plt.switch_backend(backend)
        try:
            ax = charts.plot_map(full.events, places=full.places)
            fig = ax.figure
            fig.canvas.draw() if backend == "agg" else fig.savefig(io.BytesIO(), format=backend)
            right = ax.get_legend().get_window_extent().x1 / fig.dpi
            assert right <= fig.get_size_inches()[0], backend  # widened to hold its legend
        finally:
            plt.close("all")
            plt.switch_backend("agg")
    with plt.rc_context({"figure.constrained_layout.use": True}):
        ax = charts.plot_map(full.events, places=full.places)
        assert tuple(ax.figure.get_size_inches()) == (10, 7.5)  # the layout engine fits it
        plt.close("all")


def test_timeline_canvas_grows_before_drawing(full, monkeypatch):
    calls = []
    real = charts._timeline
    monkeypatch.setattr(charts, "_timeline", lambda *a, **k: calls.append(1) or real(*a, **k))
    canvas = charts.TimelineCanvas(min_height=3.0, max_labels=4)
    ax = canvas.draw(full.events)
    assert len(calls) == 1  # laid out for the height it needed, then drawn once
    height = canvas.figure.get_size_inches()[1]
    assert height > 3.0 and max(ax.get_ylim()) <= ax.get_position().height * height * 72 + 1
    assert charts.describe(ax).startswith(f"Timeline of {len(full.events)} events")
    canvas.draw(full.events, period=charts.CRISIS_2025)
    assert pixels(canvas.png()).shape[0] == round(canvas.figure.get_size_inches()[1] * 90)


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------


def test_claims_side_by_side_with_sources(ds):
    ax = draw(charts.plot_claims, "2025-05-07-strikes", events=ds.events, claims=ds.claims,
              sources=ds.sources)
    render(ax)
    texts = [t.get_text() for t in ax.texts]
    assert "31  (disputed)" in texts and "26–40  (unverified)" in texts
    assert sum(t.startswith("source: ") for t in texts) == 2
    assert any("Agency C, 2025-05-09" in t for t in texts)
    assert ax.get_xlabel() == "people killed"
    assert any("sites struck (1)" in t for t in texts)  # the other quantity is named
    alt = charts.describe(ax)
    assert "people killed" in alt and "31" in alt and "26–40" in alt


def test_claims_pick_a_quantity_and_errors(ds):
    ax = draw(charts.plot_claims, "2025-05-07-strikes", quantity="sites struck",
              events=ds.events, claims=ds.claims, sources=ds.sources)
    assert ax.get_xlabel() == "sites struck"
    with pytest.raises(charts.ChartError, match=r"'2025-05-07-strike'.*did you mean"):
        charts.plot_claims("2025-05-07-strike", events=ds.events, claims=ds.claims,
                           sources=ds.sources)
    with pytest.raises(charts.ChartError, match="'people killed', 'sites struck'"):
        charts.plot_claims("2025-05-07-strikes", quantity="jets", events=ds.events,
                           claims=ds.claims, sources=ds.sources)
    empty = draw(charts.plot_claims, "1923-07-07-nkao-established", events=ds.events,
                 claims=ds.claims, sources=ds.sources)
    assert "no figures" in charts.describe(empty)


def test_claims_on_the_full_dataset(full):
    figures = full.claims.loc[full.claims["value_low"].notna()]
    for event_id in figures["event_id"].drop_duplicates().head(8):
        ax = draw(charts.plot_claims, event_id, events=full.events, claims=full.claims,
                  sources=full.sources)
        render(ax)
        plt.close("all")


# --------------------------------------------------------------------------------------------
# Alignments
# --------------------------------------------------------------------------------------------


def test_alignments_draw_states_and_links(ds):
    ax = draw(charts.plot_alignments, ds.events)
    render(ax)
    edges = explore.alignment_edges(ds.events)
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == len(edges)
    names = {t.get_text() for t in ax.texts}
    for code in set(edges["a"]) | set(edges["b"]):
        assert explore.country_name(code) in names or code in names
    assert "Azerbaijan–Pakistan" in charts.describe(ax)


def test_alignments_full_dataset_and_filters(full):
    ax = draw(charts.plot_alignments, full.events, min_events=2)
    render(ax)
    with pytest.raises(charts.ChartError, match="min_events=0"):
        charts.plot_alignments(full.events, min_events=0)


# --------------------------------------------------------------------------------------------
# Empty selections, alt text and show()
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [charts.plot_timeline, charts.plot_counts, charts.plot_map,
                                charts.plot_alignments])
def test_an_empty_selection_draws_an_empty_chart_that_says_so(ds, fn):
    kwargs = {"places": ds.places} if fn is charts.plot_map else {}
    ax = draw(fn, ds.events.iloc[:0], **kwargs)
    render(ax)
    assert any("No event" in t.get_text() for t in ax.texts)
    assert "no event" in charts.describe(ax).lower() or "with no events" in charts.describe(ax)


CHARTS = {
    "timeline": lambda ds: charts.plot_timeline(ds.events),
    "counts": lambda ds: charts.plot_counts(ds.events),
    "map": lambda ds: charts.plot_map(ds.events, places=ds.places),
    "claims": lambda ds: charts.plot_claims(
        "2025-05-07-indian-strikes-operation-sindoor", claims=ds.claims, sources=ds.sources,
        events=ds.events),
    "alignments": lambda ds: charts.plot_alignments(ds.events),
}


@pytest.mark.parametrize("kind", CHARTS)
def test_title_keeps_clear_of_what_a_student_puts_on_top(full, kind):
    """matplotlib places a chart's title at every drawing, so tick labels a student moves to
    the top afterwards push it up rather than run into it."""
    ax = CHARTS[kind](full)
    ax.xaxis.tick_top()
    ax.set_xticks([ax.get_xlim()[0]], ["a tick label on top"])
    ax.figure.canvas.draw()
    title = next(t for t in (ax.title, ax._left_title) if t.get_text())
    label = ax.xaxis.get_major_ticks()[0].label2.get_window_extent()
    assert title.get_window_extent().y0 >= label.y1 - 0.5


def test_describe_needs_a_chart_of_ours():
    fig, ax = plt.subplots()
    with pytest.raises(charts.ChartError, match="alt="):
        charts.describe(ax)
    with pytest.raises(charts.ChartError):
        charts.describe("not a chart")


def test_show_displays_with_alt_text_and_closes(ds, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, metadata=None: shown.append((obj, metadata)))
    ax = charts.plot_counts(ds.events)
    fig = ax.figure
    charts.show(ax)
    (obj, metadata), = shown
    assert obj is fig
    assert metadata == {"image/png": {"alt": charts.describe(ax)}}
    assert not plt.fignum_exists(fig.number)


TRIAL = """
import json
import distant_allies as da
import matplotlib.pyplot as plt
from IPython.core.pylabtools import print_figure
events = da.load_events()

def user_figure():  # a figure of the student's own, its legend outside the Axes
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
    return ax

def bordered():
    ax = da.plot_counts(events)
    ax.figure.set_edgecolor("red")
    ax.figure.set_linewidth(4)
    return ax

def trial(make, alt=None):
    ax = make()
    reference = print_figure(ax.figure, fmt="png", base64=True, bbox_inches="tight")
    plt.close(ax.figure)
    fig = make().figure
    calls = []
    original = fig.draw
    fig.draw = lambda renderer: calls.append(1) or original(renderer)
    da.show(fig, alt=alt)
    print(json.dumps({"reference": reference, "draws": len(calls)}))
"""


def test_show_in_a_kernel_draws_what_ipython_would_draw_with_fewer_drawings(tmp_path):
    """In a notebook, show() makes IPython's own PNG (the tight box, padded): from one drawing
    when the chart is inside its figure, from two when something sticks out (IPython: two,
    then three); same size, the same pixels give or take a pixel's shift, alt text attached.
    Anything else IPython would do differently (retina, a PDF as well, a border round the
    figure) it leaves to IPython."""
    import json

    import nbformat
    import numpy as np
    from nbclient import NotebookClient
    from PIL import Image

    timeline = "lambda: da.plot_timeline(events, period=('2025-04-20', '2025-05-14'))"
    cases = [  # (setup, chart, alt given, alt shown, drawings, IPython's own output)
        ("", timeline, None, "day by day", 1, False),
        ("", "user_figure", "'A line'", "A line", 2, False),
        ("%config InlineBackend.figure_formats = ['retina']", timeline, None, "day by day", 2,
         True),
        ("%config InlineBackend.figure_formats = ['png', 'pdf']", timeline, None, "day by day",
         4, True),
        ("%config InlineBackend.figure_formats = ['png']", "bordered", None, "Bar chart", 2,
         True),
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TRIAL)] + [
        nbformat.v4.new_code_cell(f"{setup}\ntrial({chart}, alt={alt})")
        for setup, chart, alt, *_ in cases]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    for cell, case in zip(nb.cells[1:], cases, strict=True):
        _, chart, _, alt, drawings, theirs_only = case
        text = "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream")
        trial = json.loads(text)
        (shown,) = [o for o in cell.outputs if o["output_type"] == "display_data"]
        assert trial["draws"] == drawings, chart
        assert alt in shown["metadata"]["image/png"]["alt"], chart
        assert shown["data"]["text/plain"].startswith("<Figure size")
        if theirs_only:
            if "pdf" in cell.source:
                assert "application/pdf" in shown["data"]
            continue
        ours, theirs = (np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGB"))
                        .astype(int) for png in (shown["data"]["image/png"], trial["reference"]))
        assert ours.shape == theirs.shape, chart
        # Cropping after drawing places things up to a pixel from where IPython puts them:
        # every pixel matches one of IPython's within a pixel of it.
        assert (nearest_difference(ours, theirs) > 64).mean() < 0.001, chart
        if drawings == 1:
            assert (abs(ours - theirs).max(axis=2) > 64).mean() > 0  # our path, not IPython's


def test_every_chart_has_a_specific_description(ds):
    alts = [
        charts.describe(charts.plot_timeline(ds.events)),
        charts.describe(charts.plot_counts(ds.events)),
        charts.describe(charts.plot_map(ds.events, places=ds.places)),
        charts.describe(charts.plot_claims("2025-05-07-strikes", events=ds.events,
                                           claims=ds.claims, sources=ds.sources)),
        charts.describe(charts.plot_alignments(ds.events)),
    ]
    assert len(set(alts)) == len(alts)
    assert all(any(ch.isdigit() for ch in alt) for alt in alts)


# --------------------------------------------------------------------------------------------
# Gallery
# --------------------------------------------------------------------------------------------


def test_gallery_writes_pngs_with_alt_text(small, tmp_path):
    from PIL import Image

    written = charts.render_gallery(tmp_path / "gallery", path=small)
    names = {p.stem for p in written}
    assert {"timeline", "timeline-may-2025", "counts-decade-thread", "map-both",
            "map-south-caucasus", "map-south-asia", "alignments",
            "claims-2025-05-07-strikes"} <= names
    for png in written:
        with Image.open(png) as im:
            assert im.info.get("Description", "").endswith(".")
    index = (tmp_path / "gallery" / "README.md").read_text(encoding="utf-8")
    assert all(f"({p.name})" in index for p in written)


def test_gallery_command(small, tmp_path, capsys):
    assert main(["gallery", str(tmp_path / "out"), "--data", str(small)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["gallery", str(tmp_path / "out2"), "--data", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gallery:") and "Traceback" not in err


# --------------------------------------------------------------------------------------------
# The pure data behind the charts (explore.py)
# --------------------------------------------------------------------------------------------


def test_claim_figures(ds):
    table = explore.claim_figures("2025-05-07-strikes", ds.claims, ds.sources)
    assert list(table["quantity"]) == ["people killed", "people killed", "sites struck"]
    assert table.loc[0, "party"] == "PAK" and table.loc[0, "low"] == table.loc[0, "high"] == 31
    assert table.loc[1, "party_name"] == "international observers"
    assert (table.loc[1, "low"], table.loc[1, "high"]) == (26, 40)
    assert table.loc[1, "source"] == "Agency C, 2025-05-09"
    only = explore.claim_figures("2025-05-07-strikes", ds.claims, quantity="sites struck")
    assert list(only["claimant"]) == ["India's Ministry of Defence"]
    assert "source" not in only.columns


def test_alignment_evidence_rules(ds):
    evidence = explore.alignment_evidence(ds.events)
    rows = {(r.event_id, r.source, r.target, r.relation, r.rule.split(":")[0])
            for r in evidence.itertuples()}
    assert ("2020-09-27-pakistan-backs-azerbaijan", "PAK", "AZE", "supports", "title") in rows
    assert ("2025-05-07-azerbaijan-statement", "AZE", "IND", "opposes", "title") in rows
    assert ("1993-turkey-closes-border", "TUR", "ARM", "opposes", "title") in rows
    assert ("2025-05-07-strikes", "IND", "PAK", "opposes", "title") in rows
    assert ("1992-02-26-khojaly", "ARM", "AZE", "opposes", "hostilities") in rows
    assert ("2021-01-13-declaration", "PAK", "TUR", "supports", "cooperation") in rows
    ids = set(evidence["event_id"])
    assert "2025-05-08-turkey-denies" not in ids  # a denial shows no backing
    assert "2025-04-23-treaty-in-abeyance" not in ids  # a treaty between adversaries


def test_title_subject_is_a_whole_name(monkeypatch):
    """A title's subject is a state's name followed by a space (a possessive allowed): when one
    name runs on into a longer word, a shorter name of the same state is tried."""
    monkeypatch.setitem(explore._ALIASES, "RUS", [*explore._ALIASES["RUS"], "Soviet Union"])
    assert explore._title_relation("Soviet Unionists back Armenia", ["RUS", "ARM"]) == (
        "RUS", "ARM", "supports", "back")
    assert explore._title_relation("Soviet Union's envoy backs Armenia", ["RUS", "ARM"]) == (
        "RUS", "ARM", "supports", "backs")
    assert explore._title_relation("Pakistanis back Armenia", ["PAK", "ARM"]) is None


def test_alignment_edges_aggregate(ds):
    edges = explore.alignment_edges(ds.events)
    aze_pak = edges.loc[(edges["a"] == "AZE") & (edges["b"] == "PAK")].iloc[0]
    assert aze_pak["relation"] == "supports" and aze_pak["n_events"] == 2
    assert aze_pak["direction"] == "both"
    aze_ind = edges.loc[(edges["a"] == "AZE") & (edges["b"] == "IND")].iloc[0]
    assert (aze_ind["relation"], aze_ind["direction"]) == ("opposes", "a->b")
    assert explore.alignment_edges(ds.events.iloc[:0]).empty


def test_country_names():
    assert explore.country_name("PAK") == "Pakistan"
    assert explore.country_name("ZZZ") == "ZZZ"
    assert pd.Series(["IND", "seed"]).map(explore.country_name).tolist() == [
        "India", "the seed article"]
