"""In-kernel tests of the event explorer and the quiz: set controls, click, read the outputs.

Also the pure helpers behind the explorer (explore.format_date, event_table, event_detail, ...).
"""

from __future__ import annotations

import base64
import re

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")  # before anything imports pyplot: tests never open a window

import distant_allies as da  # noqa: E402
from distant_allies import charts, explore, widgets  # noqa: E402

CEASEFIRE = "2025-05-10-ceasefire"


@pytest.fixture(scope="module")
def dataset():
    return da.load_dataset()


@pytest.fixture(scope="module")
def shared(dataset):
    ex = da.explore_events(dataset.events, places=dataset.places, sources=dataset.sources,
                           claims=dataset.claims)
    yield ex
    ex.close()


@pytest.fixture
def explorer(shared):
    """The module's explorer, back at its start: every event, whole map, nothing picked.

    Building one draws both charts, so the tests share one and reset it (its drawing of every
    event comes back from the cache).
    """
    shared.cache_size = widgets.EventExplorer.cache_size
    shared.reset()
    shared.region.value = "both"
    shared.select(None)
    shared.errors.outputs = ()
    yield shared


def png_of(output_widget) -> tuple[bytes, str] | None:
    """The PNG bytes and alt text an Output widget shows, or None when it shows no image."""
    (out,) = output_widget.outputs
    if "image/png" not in out["data"]:
        return None
    return base64.b64decode(out["data"]["image/png"]), out["metadata"]["image/png"]["alt"]


def text_of(output_widget) -> str:
    return " ".join(out["data"].get("text/plain", "") for out in output_widget.outputs)


def table_rows(ex) -> int:
    return ex.table.value.count("<tr>") - 1  # minus the header row


def expected(dataset, **filters) -> pd.DataFrame:
    return explore.filter_events(dataset.events, **filters)


# --------------------------------------------------------------------------------------------
# The explorer
# --------------------------------------------------------------------------------------------


def test_lazy_export_keeps_the_package_import_light():
    assert da.explore_events is widgets.explore_events
    assert da.EventExplorer is widgets.EventExplorer
    assert {"explore_events", "quiz", "Quiz", "EventExplorer"} <= set(dir(da))
    assert {"explore_events", "quiz"} <= set(da.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        da.nope  # noqa: B018


def test_starts_with_every_event_on_timeline_map_and_table(explorer, dataset):
    n = len(dataset.events)
    assert len(explorer.matching) == n
    assert explorer.filters == {"years": None, "threads": None, "categories": None,
                                "countries": None, "text": None, "contested": None}
    assert f"{n} of {n} events match" in explorer.status.value
    assert table_rows(explorer) == n
    png, alt = png_of(explorer.timeline)
    assert png.startswith(b"\x89PNG") and alt.startswith(f"Timeline of {n} events")
    png, alt = png_of(explorer.map)
    assert png.startswith(b"\x89PNG") and alt.startswith("Map of")
    assert explorer.errors.outputs == ()
    assert explorer.picker.value == "" and explorer.detail.value == ""


def test_year_slider_filters_and_redraws(explorer, dataset):
    before = png_of(explorer.timeline)
    explorer.years.value = (1988, 1994)
    want = expected(dataset, years=(1988, 1994))
    pd.testing.assert_frame_equal(explorer.matching, want)
    assert f"{len(want)} of {len(dataset.events)} events match" in explorer.status.value
    assert table_rows(explorer) == len(want)
    after = png_of(explorer.timeline)
    assert after[0] != before[0]
    assert f"Timeline of {len(want)} events" in after[1]
    assert "1988" in after[1] and "1994" in after[1]  # zoomed to the years picked
    assert f"Where {sum(1 for _ in want.itertuples())}" not in text_of(explorer.map)
    assert explorer.errors.outputs == ()


def test_thread_category_country_search_and_contested_combine(explorer, dataset):
    explorer.threads["karabakh"].value = False
    assert explorer.threads["karabakh"].icon == ""
    assert "karabakh" not in set(explorer.matching["thread"].astype(str))
    with explorer.batch():
        explorer.categories["diplomacy"].value = False
        explorer.country.value = "PAK"
        explorer.contested.value = True
        explorer.search.value = "  India  "
        assert "karabakh" not in set(explorer.matching["thread"].astype(str))
    threads = ["pakistan-azerbaijan", "india-pakistan", "wider-alignments"]
    categories = [c for c in explorer.categories if c != "diplomacy"]
    assert explorer.filters == {"years": None, "threads": threads, "categories": categories,
                                "countries": ["PAK"], "text": "India", "contested": True}
    want = expected(dataset, threads=threads, categories=categories, countries=["PAK"],
                    text="India", contested=True)
    assert len(want) > 0
    pd.testing.assert_frame_equal(explorer.matching, want)
    assert table_rows(explorer) == len(want)
    ids = [value for _, value in explorer.picker.options][1:]
    assert ids == want["event_id"].tolist()


@pytest.mark.parametrize("text", ['.*', '(', '[a-z', '"', "'", '\\', '"quoted" (x|y)', '$^',
                                  "<script>alert(1)</script>"])
def test_any_search_is_safe_and_literal(explorer, dataset, text):
    explorer.search.value = text
    assert explorer.errors.outputs == ()
    want = expected(dataset, text=text)
    pd.testing.assert_frame_equal(explorer.matching, want)
    if want.empty:
        assert explorer.status.value.startswith("<b>No events match</b>")
    assert "<script>" not in explorer.table.value + explorer.status.value


def test_search_is_case_insensitive(explorer):
    explorer.search.value = "PAHALGAM"
    titles = " ".join(explorer.matching["title"] + explorer.matching["summary"]).casefold()
    assert len(explorer.matching) > 1 and "pahalgam" in titles


def test_no_events_match_says_so_and_keeps_working(explorer, dataset):
    with explorer.batch():
        for button in explorer.categories.values():
            button.value = False
    assert explorer.matching.empty
    assert explorer.status.value.startswith("<b>No events match</b>")
    assert "No events match" in text_of(explorer.timeline)
    assert "No events match" in text_of(explorer.map)
    assert "No events match" in explorer.table.value
    assert explorer.picker.options == (("No events match", ""),)
    assert explorer.errors.outputs == ()
    # A year range with no events at all, then one category back: it works again.
    explorer.years.value = (1930, 1935)
    assert explorer.matching.empty and explorer.errors.outputs == ()
    with explorer.batch():
        explorer.years.value = explorer._full_years
        explorer.categories["treaty"].value = True
    want = expected(dataset, categories=["treaty"])
    pd.testing.assert_frame_equal(explorer.matching, want)
    assert png_of(explorer.timeline) is not None


def test_reset_button_brings_every_event_back(explorer, dataset):
    with explorer.batch():
        explorer.years.value = (2020, 2021)
        explorer.threads["india-pakistan"].value = False
        explorer.search.value = "ceasefire"
        explorer.contested.value = True
    explorer.country.value = "AZE"
    assert len(explorer.matching) < len(dataset.events)
    explorer.reset_button.click()
    assert len(explorer.matching) == len(dataset.events)
    assert explorer.years.value == explorer._full_years
    assert all(b.value for b in explorer.threads.values())
    assert explorer.search.value == "" and explorer.country.value == ""
    assert explorer.contested.value is False


def test_picking_an_event_shows_summary_sources_and_claims_side_by_side(explorer, dataset):
    explorer.picker.value = CEASEFIRE
    assert explorer.selected == CEASEFIRE
    page = explorer.detail.value
    event = dataset.events.set_index("event_id").loc[CEASEFIRE]
    assert "<h3" in page and explorer.detail.value.count("<li") >= len(event["source_ids"])
    assert widgets._esc(event["summary"]) in page
    detail = explore.event_detail(CEASEFIRE, *dataset)
    for url in detail.sources["url"]:
        assert f'href="{widgets._esc(url)}"' in page
    # One column per party, in the detail's order.
    heads = re.findall(r"border-top:3px solid #888;[^>]*><b>([^<]+)</b>", page)
    assert heads == [explore.country_name(p) for p in detail.parties]
    assert "[disputed]" in page and "[corroborated]" in page
    # Filtering the event out closes its detail.
    explorer.years.value = (1990, 1991)
    assert explorer.selected is None and explorer.detail.value == ""


def test_select_method_and_an_event_without_claims(explorer, dataset):
    without = set(dataset.events["event_id"]) - set(dataset.claims["event_id"])
    event_id = sorted(without)[0]
    explorer.select(event_id)
    assert "records no competing claims" in explorer.detail.value
    explorer.select(None)
    assert explorer.detail.value == ""


def test_region_redraws_only_the_map(explorer):
    timeline = explorer.timeline.outputs
    explorer.region.value = "south-caucasus"
    assert explorer.timeline.outputs is timeline
    assert "the South Caucasus" in png_of(explorer.map)[1]
    assert set(explorer.timings) == {"map"}


def test_errors_in_callbacks_are_shown_not_lost(explorer, monkeypatch, dataset):
    def broken(*args, **kwargs):
        raise RuntimeError("the map is broken")

    monkeypatch.setattr(charts.MapCanvas, "draw", broken)  # how the explorer draws its map
    explorer.years.value = (2000, 2010)  # must not raise
    text = text_of(explorer.errors)
    assert "drawing the map" in text and "RuntimeError: the map is broken" in text
    assert "could not be drawn" in text_of(explorer.map)
    # Everything else still updated.
    pd.testing.assert_frame_equal(explorer.matching, expected(dataset, years=(2000, 2010)))
    assert png_of(explorer.timeline) is not None
    monkeypatch.undo()
    explorer.years.value = (2000, 2011)
    assert png_of(explorer.map) is not None

    # A PNG that fails on the encoder thread is reported the same way, and the other chart
    # is shown.
    monkeypatch.setattr(charts, "_encode_png", lambda pixels, dpi: broken())
    monkeypatch.setattr(explorer, "cache_size", 0)
    explorer.years.value = (1990, 2011)  # other events on both charts
    assert "could not be drawn" in text_of(explorer.map)
    assert "could not be drawn" in text_of(explorer.timeline)
    assert "RuntimeError: the map is broken" in text_of(explorer.errors)
    monkeypatch.undo()
    explorer.years.value = (1991, 2012)
    assert png_of(explorer.map) is not None and png_of(explorer.timeline) is not None

    monkeypatch.setattr(explore, "filter_events", broken)
    explorer.contested.value = True  # must not raise either
    assert "filtering the events" in text_of(explorer.errors)
    assert len(explorer.errors.outputs) <= 3  # the area keeps the last three


def test_redraws_reuse_two_figures_and_keep_memory_bounded(explorer):
    import matplotlib.pyplot as plt

    figures = (explorer._timeline_fig, explorer._map_fig)
    first = explorer.timeline.outputs[0]
    explorer.cache_size = 4
    for year in range(1995, 2000):
        explorer.years.value = (year, 2025)
    assert (explorer._timeline_fig, explorer._map_fig) == figures
    assert len(explorer._timeline_fig.axes) == 1 and len(explorer._map_fig.axes) == 1
    assert len(explorer._cache) <= 4
    assert plt.get_fignums() == []  # nothing left for pyplot to show or keep
    # An earlier selection comes back from the cache, unchanged, without drawing.
    explorer.years.value = (1999, 2025)
    explorer.years.value = explorer._full_years
    assert explorer.timeline.outputs[0]["data"]["image/png"] != ""
    cached = explorer.timeline.outputs[0]
    explorer.years.value = (1998, 2025)
    explorer.years.value = explorer._full_years
    assert explorer.timeline.outputs[0] is cached
    assert first["data"]["image/png"] == cached["data"]["image/png"]
    assert set(explorer.timings) >= {"filter", "table", "timeline", "map", "total"}


def test_timeline_makes_room_before_drawing_so_it_draws_once(explorer, monkeypatch):
    import io

    from PIL import Image

    calls = []
    real = charts._timeline
    monkeypatch.setattr(charts, "_timeline", lambda *a, **k: calls.append(1) or real(*a, **k))
    canvas = explorer._timeline_canvas
    canvas.height = canvas.min_height  # as after a selection with few lanes
    explorer.years.value = (1920, 2025)  # nearly every event: the lanes need more room
    assert len(calls) == 1
    height = explorer._timeline_fig.get_size_inches()[1]
    assert height > canvas.min_height
    png, alt = png_of(explorer.timeline)
    assert Image.open(io.BytesIO(png)).size[1] == round(height * explorer.dpi)
    assert alt.startswith(f"Timeline of {len(explorer.matching)} events")


def test_explorer_takes_any_rows_and_refuses_a_broken_frame(dataset):
    subset = explore.filter_events(dataset.events, threads="karabakh")
    ex = da.explore_events(subset)
    assert list(ex.threads) == list(dataset.events["thread"].cat.categories)
    assert len(ex.matching) == len(subset)
    assert ex.years.min == subset["date_start"].dt.year.min()
    with pytest.raises(charts.ChartError, match="lacks the column"):
        da.explore_events(dataset.events.drop(columns=["title"]))
    with pytest.raises(ValueError, match="region='moon'"):
        da.explore_events(subset, region="moon")


def test_explorer_runs_in_a_real_kernel(tmp_path):
    """The widget displays in a fresh kernel and its callbacks run there without errors."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import distant_allies as da\n"
                                  "ex = da.explore_events(da.load_events())\nex"),
        nbformat.v4.new_code_cell("ex.years.value = (2025, 2025)\n"
                                  "ex.threads['karabakh'].value = False\n"
                                  "print(len(ex.matching), len(ex.errors.outputs))\n"
                                  "import matplotlib.pyplot as plt\n"
                                  "print(plt.get_fignums())"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    first, second = nb.cells[0].outputs, nb.cells[1].outputs
    assert len(first) == 1 and "application/vnd.jupyter.widget-view+json" in first[0]["data"]
    (stream,) = [o for o in second if o["output_type"] == "stream"]
    n, errors = stream["text"].splitlines()[0].split()
    assert int(n) > 0 and errors == "0"
    assert stream["text"].splitlines()[1] == "[]"


# --------------------------------------------------------------------------------------------
# The quiz
# --------------------------------------------------------------------------------------------


def make_quiz(**kw):
    return da.quiz("When did India and Pakistan agree to stop firing?",
                   ["7 May 2025", "10 May 2025", "12 May 2025"], 1,
                   "From 17:00 IST on 10 May 2025.", **kw)


def test_quiz_asks_for_a_choice_first():
    q = make_quiz()
    q.check_button.click()
    assert "Pick an answer first" in q.feedback.value and q.tries == 0 and q.correct is None


def test_quiz_right_answer_shows_the_explanation():
    q = make_quiz()
    q.choices.value = "10 May 2025"
    q.check_button.click()
    assert q.correct is True and "Correct" in q.feedback.value
    assert "From 17:00 IST on 10 May 2025." in q.feedback.value


def test_quiz_wrong_answers_get_feedback_then_the_answer():
    q = make_quiz(feedback={"7 May 2025": "That is when the strikes began."})
    q.choices.value = "7 May 2025"
    assert q.check() is False
    assert "Not quite" in q.feedback.value and "strikes began" in q.feedback.value
    assert "Try another answer" in q.feedback.value and "From 17:00" not in q.feedback.value
    q.choices.value = "12 May 2025"
    assert q.feedback.value == ""  # a new choice clears the old feedback
    q.check()
    assert q.tries == 2 and "10 May 2025" in q.feedback.value and "From 17:00" in q.feedback.value


def test_quiz_escapes_text_and_refuses_a_bad_key():
    q = da.quiz("Is <b>this</b> bold?", ["yes", "no & maybe"], "no & maybe")
    assert "&lt;b&gt;this&lt;/b&gt;" in q.children[0].value
    q.choices.value = "no & maybe"
    q.check()
    assert q.correct is True
    with pytest.raises(ValueError, match="not one of the choices"):
        da.quiz("?", ["a", "b"], "c")
    with pytest.raises(ValueError, match="index of a choice"):
        da.quiz("?", ["a", "b"], 2)
    with pytest.raises(ValueError, match="two different choices"):
        da.quiz("?", ["a"], 0)


def test_quiz_errors_are_shown(monkeypatch):
    q = make_quiz()
    q.choices.value = "10 May 2025"
    monkeypatch.setattr(q, "answer", None)
    monkeypatch.setattr(widgets, "_note", lambda *a, **k: 1 / 0)
    assert q.check() is None
    assert "ZeroDivisionError" in text_of(q.errors)


# --------------------------------------------------------------------------------------------
# The pure helpers behind it (explore.py)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "precision", "text"), [
    ("1923-07-07", None, "day", "7 July 1923"),
    ("2020-09-27", "2020-11-10", "day", "27 September – 10 November 2020"),
    ("2025-04-22", "2025-04-23", "day", "22–23 April 2025"),
    ("1992-03-24", "2025-11-30", "day", "24 March 1992 – 30 November 2025"),
    ("1988-02-01", None, "month", "February 1988"),
    ("1988-02-01", "1988-05-01", "month", "February–May 1988"),
    ("1988-02-01", "1989-05-01", "month", "February 1988 – May 1989"),
    ("2025-01-01", None, "year", "2025"),
    ("1991-01-01", "1994-01-01", "year", "1991–1994"),
])
def test_format_date(start, end, precision, text):
    end = pd.Timestamp(end) if end else pd.NaT
    assert explore.format_date(pd.Timestamp(start), end, precision) == text


def test_event_table(dataset):
    sub = explore.filter_events(dataset.events, text="Pahalgam")
    table = explore.event_table(sub, dataset.places, dataset.sources)
    assert list(table.columns) == list(explore.EVENT_TABLE_COLUMNS)
    assert table["event_id"].tolist() == sub["event_id"].tolist()
    assert list(table.index) == list(range(len(sub)))
    row = table.iloc[0]
    assert row["n_sources"] == len(row["source_ids"]) > 0
    publishers = dataset.sources.set_index("source_id")["publisher"]
    assert row["sources"].split("; ")[0] == publishers[row["source_ids"][0]]
    assert set(table["place"]) <= set(dataset.places["name"])
    bare = explore.event_table(sub)
    assert bare["place"].tolist() == sub["place_id"].tolist()
    assert explore.event_table(sub.iloc[:0]).columns.tolist() == list(table.columns)


def test_event_detail(dataset):
    d = explore.event_detail(CEASEFIRE, *dataset)
    assert d.date == "10 May 2025" and d.contested is True
    assert d.parties[:2] == ["IND", "PAK"] and d.parties[-1] != "IND"
    assert list(d.claims["party"].drop_duplicates()) == d.parties
    assert len(d.claims) == (dataset.claims["event_id"] == CEASEFIRE).sum()
    assert d.sources["source_id"].tolist() == [
        s for s in dataset.events.set_index("event_id").at[CEASEFIRE, "source_ids"]]
    assert d.claims["url"].str.startswith("http").all()
    with pytest.raises(KeyError, match="did you mean '2025-05-10-ceasefire'"):
        explore.event_detail("2025-05-10-ceasfire", *dataset)


def test_party_order_puts_the_seed_article_last():
    assert explore._party_order(["seed", "UN", "PAK", "international", "IND"],
                                ["IND", "PAK"]) == ["IND", "PAK", "UN", "international", "seed"]


def test_fatalities_text():
    row = pd.Series({"fatalities_low": 500, "fatalities_best": pd.NA,
                     "fatalities_high": 30000, "fatalities_note": "Estimates differ."})
    assert explore.fatalities_text(row) == "500–30,000 reported killed. Estimates differ."
    assert explore.fatalities_text(pd.Series({"fatalities_low": pd.NA})) is None
    assert explore.fatalities_text(pd.Series({"fatalities_high": 21})) == (
        "up to 21 reported killed")


def test_country_counts(dataset):
    counts = explore.country_counts(dataset.events)
    assert counts.is_monotonic_decreasing
    assert counts["AZE"] == dataset.events["countries"].map(lambda c: "AZE" in c).sum()
