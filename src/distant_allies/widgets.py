"""Widgets for the classroom: the event explorer and an ungraded multiple-choice quiz.

:func:`explore_events` returns an :class:`EventExplorer`: year range, thread and category
toggles, a country picker, a text search and a "contested only" switch, linked to a timeline,
a map and a table of the matching events; picking an event shows its summary, its sources
(with links) and each party's claims side by side. :func:`quiz` returns a :class:`Quiz`.

The widgets hold their own state and only wire controls to the pure functions of
:mod:`distant_allies.explore` and the charts of :mod:`distant_allies.charts`. Any input is
safe (a search full of regex characters or quotes, a year range with no events, every toggle
off): the explorer says "no events match" and keeps working. An error inside a callback is
shown in the widget's ``errors`` area, never lost.

The charts are matplotlib figures owned by the widget (not by pyplot, so nothing piles up in
memory and nothing is shown twice at the end of a cell). Each redraw draws on the same two
figures, through :class:`~distant_allies.charts.TimelineCanvas` and
:class:`~distant_allies.charts.MapCanvas` (which keep their Axes, date axis and basemap and
redraw only what the selection changes), and shows them as PNGs, with their descriptions as
alt text, in ``Output`` widgets; recent drawings are kept, so going back to an earlier
selection is instant.

Examples
--------
>>> import distant_allies as da
>>> explorer = da.explore_events(da.load_events())
>>> explorer.threads["karabakh"].value = False
>>> sorted(set(explorer.matching["thread"].astype(str)))
['india-pakistan', 'pakistan-azerbaijan', 'wider-alignments']
>>> explorer.search.value = 'a "quoted (regex[ text'
>>> explorer.status.value.startswith("<b>No events match</b>")
True
"""

from __future__ import annotations

import base64
import contextlib
import html
import math
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import wraps
from typing import Any

import ipywidgets as W
import pandas as pd
from matplotlib.figure import Figure

from . import charts as _charts
from . import data as _data
from . import explore as _explore

__all__ = ["EventExplorer", "Quiz", "explore_events", "quiz"]

_NO_MATCH = (
    "<b>No events match</b> these filters. Widen the years, switch a thread or category back "
    "on, pick another country, clear the search or untick \u201ccontested only\u201d "
    "\u2014 or press <i>Reset filters</i>."
)
_DOT = " \u00b7 "
_PICK = "Pick an event to read its summary, sources and claims"
_STATUS_COLOURS = {"corroborated": "#1b7837", "superseded": "#762a83", "disputed": "#b35806",
                   "unverified": "#555555", "contradicted": "#b2182b"}
_REGION_NAMES = {"both": "Turkey to India", "south-caucasus": "South Caucasus",
                 "south-asia": "South Asia"}


def _esc(value: object) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def _link(url: object, text: object) -> str:
    url = "" if url is None or pd.isna(url) else str(url)
    if url.startswith(("http://", "https://")):
        return (f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">'
                f"{_esc(text)}</a>")
    return _esc(text)


def _message(text_html: str) -> dict:
    """An output (for ``Output.outputs``) that shows a short HTML message."""
    plain = html.unescape(text_html.replace("<b>", "").replace("</b>", "")
                          .replace("<i>", "").replace("</i>", ""))
    return {"output_type": "display_data",
            "data": {"text/html": f'<div class="da-message" style="padding:1em;color:#444;">'
                                  f"{text_html}</div>", "text/plain": plain},
            "metadata": {}}


def _png_output(png: bytes, alt: str) -> dict:
    """An output that shows a PNG with its alt text (as ``display(fig, metadata=...)`` does)."""
    return {"output_type": "display_data",
            "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
            "metadata": {"image/png": {"alt": alt}}}


class _Guarded:
    """Mixin: run callbacks so that an exception is shown in ``self.errors``, never lost."""

    errors: W.Output
    last_error: BaseException | None = None

    def _show_error(self, what: str, exc: BaseException) -> None:
        self.last_error = exc
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        text = (f"\u26a0\ufe0f Something went wrong while {what}: "
                f"{type(exc).__name__}: {exc}")
        body = (f'<div style="border-left:4px solid #b2182b;padding:0.3em 0.8em;'
                f'background:#fdf0f0;">{_esc(text)}<br>The other controls still work. If it '
                f"happens again, copy the details below for your teacher."
                f"<details><summary>Details</summary><pre>{_esc(tb)}</pre></details></div>")
        out = {"output_type": "display_data",
               "data": {"text/html": body, "text/plain": text + "\n" + tb}, "metadata": {}}
        self.errors.outputs = (*self.errors.outputs[-2:], out)

    @staticmethod
    def _guard(what: str) -> Callable:
        def wrap(method: Callable) -> Callable:
            @wraps(method)
            def inner(self: _Guarded, *args: Any, **kwargs: Any) -> Any:
                try:
                    return method(self, *args, **kwargs)
                except Exception as exc:  # shown to the user, never lost
                    self._show_error(what, exc)
                    return None
            return inner
        return wrap


# --------------------------------------------------------------------------------------------
# The event explorer
# --------------------------------------------------------------------------------------------


class EventExplorer(W.VBox, _Guarded):
    """Filter the events with controls and see them on a timeline, a map and in a table.

    Build it with :func:`explore_events`. The controls are attributes, so a notebook or a test
    can set them: ``years`` (IntRangeSlider), ``threads`` and ``categories`` (dicts of
    ToggleButtons by name), ``country`` (Dropdown of ISO3 codes, ``""`` for all),
    ``search`` (Text), ``contested`` (Checkbox), ``region`` (Dropdown, the map's area) and
    ``reset_button``. The views are ``status`` (HTML), ``timeline`` and ``map`` (Output),
    ``table`` (HTML), ``picker`` (Dropdown of the matching events), ``detail`` (HTML) and
    ``errors`` (Output). The state is ``filters`` (the arguments given to
    :func:`~distant_allies.explore.filter_events`), ``matching`` (its result) and
    ``selected`` (the picked event id or ``None``); ``timings`` holds the seconds the last
    update took, step by step.
    """

    #: How many drawings (timeline and map separately) are kept for instant replay.
    cache_size = 24

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        *,
        places: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        claims: pd.DataFrame | None = None,
        region: str = "both",
        dpi: float = 90,
        timeline_size: tuple[float, float] = (11.0, 4.4),
        map_width: float = 8.4,
    ):
        W.VBox.__init__(self)
        self.errors = W.Output(layout=W.Layout(width="100%"))
        dataset = None
        if events is None or places is None or sources is None or claims is None:
            dataset = _data.load_dataset()
        self.events = dataset.events if events is None else events
        self.places = dataset.places if places is None else places
        self.sources = dataset.sources if sources is None else sources
        self.claims = dataset.claims if claims is None else claims
        _charts._events(self.events)  # a frame that cannot be drawn fails here, clearly
        if region not in _charts.REGIONS:
            raise ValueError(f"region={region!r} is not one of: {', '.join(_charts.REGIONS)}")
        self.dpi = dpi
        self.map_width = map_width
        self.matching: pd.DataFrame = self.events.iloc[:0]
        self.selected: str | None = None
        self.timings: dict[str, float] = {}
        self.timings_draw: dict[str, float] = {}
        self._cache: OrderedDict[tuple, dict] = OrderedDict()
        # An event's table row and its entry in the event list depend on nothing but the
        # event: each is built once, the first time the event matches.
        self._rows: dict[str, str] = {}
        self._options: dict[str, str] = {}
        self._shown: dict[str, tuple | None] = {"timeline": None, "map": None}
        self._encoder: ThreadPoolExecutor | None = None  # encodes one chart as the next is drawn
        self._quiet = False  # the picker is being refilled: ignore its changes
        self._held = False  # inside batch(): update once at the end
        # The charts' canvases keep their figures, Axes and basemap from one drawing to the
        # next and only redraw what the events change (see charts.TimelineCanvas, MapCanvas).
        self._timeline_canvas = _charts.TimelineCanvas(
            Figure(figsize=timeline_size, dpi=dpi), min_height=timeline_size[1])
        self._map_canvas = _charts.MapCanvas(Figure(figsize=(map_width, 6.0), dpi=dpi))
        self._timeline_fig = self._timeline_canvas.figure
        self._map_fig = self._map_canvas.figure
        self._build_controls(region)
        self._build_views()
        self._layout()
        self.update()

    # ---- construction ------------------------------------------------------------------

    def _build_controls(self, region: str) -> None:
        ev = self.events
        years = ev["date_start"].dropna().dt.year
        end_years = ev["date_end"].fillna(ev["date_start"]).dropna().dt.year
        lo = int(years.min()) if len(years) else 1900
        hi = int(max(end_years.max(), years.max())) if len(years) else 2025
        self.years = W.IntRangeSlider(
            value=(lo, hi), min=lo, max=hi, step=1, description="Years",
            continuous_update=False, layout=W.Layout(width="520px"),
            style={"description_width": "70px"})
        self._full_years = (lo, hi)

        def values(column: str) -> list[str]:
            col = ev[column]
            if isinstance(col.dtype, pd.CategoricalDtype):
                return [str(c) for c in col.cat.categories]
            return sorted({str(v) for v in col.dropna()})

        def toggles(names: list[str], counts: pd.Series, what: str) -> dict[str, W.ToggleButton]:
            out = {}
            for name in names:
                n = int(counts.get(name, 0))
                button = W.ToggleButton(
                    value=True, description=f"{name} ({n})", icon="check",
                    tooltip=f"Show {what} {name} ({n} events); click to hide them",
                    layout=W.Layout(width="auto"))
                button.observe(self._on_toggle_icon, names="value")
                out[name] = button
            return out

        self.threads = toggles(values("thread"), ev["thread"].astype(str).value_counts(),
                               "the thread")
        self.categories = toggles(values("category"),
                                  ev["category"].astype(str).value_counts(), "the category")
        counts = _explore.country_counts(ev)
        options = [("All countries", "")]
        options += [(f"{_explore.country_name(code)} ({int(n)})", code)
                    for code, n in counts.items()]
        self.country = W.Dropdown(options=options, value="", description="Country",
                                  layout=W.Layout(width="290px"),
                                  style={"description_width": "70px"})
        self.search = W.Text(value="", description="Search",
                             placeholder="words in a title or summary, then Enter",
                             continuous_update=False, layout=W.Layout(width="380px"),
                             style={"description_width": "70px"})
        self.contested = W.Checkbox(value=False, description="contested only", indent=False,
                                    layout=W.Layout(width="auto"))
        self.region = W.Dropdown(
            options=[(f"Map: {_REGION_NAMES.get(k, r.title)}", k)
                     for k, r in _charts.REGIONS.items()],
            value=region, layout=W.Layout(width="210px"))
        self.reset_button = W.Button(description="Reset filters", icon="undo",
                                     tooltip="Show every event again",
                                     layout=W.Layout(width="auto"))
        self.reset_button.on_click(self._on_reset)
        for control in (self.years, self.country, self.search, self.contested,
                        *self.threads.values(), *self.categories.values()):
            control.observe(self._on_filter, names="value")
        self.region.observe(self._on_region, names="value")

    def _build_views(self) -> None:
        self.status = W.HTML(layout=W.Layout(margin="4px 0 4px 8px"))
        self.timeline = W.Output(layout=W.Layout(width="100%", min_height="120px"))
        self.map = W.Output(layout=W.Layout(flex="0 0 auto", min_height="120px",
                                            max_width="100%"))
        self.table = W.HTML(layout=W.Layout(width="100%"))
        self.picker = W.Dropdown(options=[(_PICK, "")], value="", description="Event",
                                 layout=W.Layout(width="100%"),
                                 style={"description_width": "50px"})
        self.picker.observe(self._on_pick, names="value")
        self.detail = W.HTML(layout=W.Layout(width="100%"))

    def _layout(self) -> None:
        def row(*children: W.Widget, label: str | None = None) -> W.HBox:
            items = list(children)
            if label:
                items.insert(0, W.HTML(f"<b>{_esc(label)}</b>",
                                       layout=W.Layout(width="82px", margin="0 0 0 4px")))
            return W.HBox(items, layout=W.Layout(flex_flow="row wrap", align_items="center",
                                                 width="100%"))

        controls = W.VBox([
            row(self.years, self.contested, self.region, self.reset_button),
            row(*self.threads.values(), label="Threads"),
            row(*self.categories.values(), label="Categories"),
            row(self.country, self.search),
        ])
        side = W.VBox([W.HTML("<b>Event details</b>"), self.picker, self.detail],
                      layout=W.Layout(flex="1 1 320px", min_width="300px", padding="0 0 0 8px"))
        self.children = [
            controls,
            self.status,
            self.errors,
            self.timeline,
            W.HBox([self.map, side], layout=W.Layout(flex_flow="row wrap", width="100%",
                                                     align_items="flex-start")),
            W.HTML("<b>Matching events</b> (oldest first; pick one above to read it)"),
            self.table,
        ]
        self.add_class("da-explorer")
        for widget, name in ((self.status, "da-status"), (self.timeline, "da-timeline"),
                             (self.map, "da-map"), (self.table, "da-table-view"),
                             (self.picker, "da-picker"), (self.detail, "da-detail-view"),
                             (self.errors, "da-errors")):
            widget.add_class(name)

    # ---- state ---------------------------------------------------------------------------

    @property
    def filters(self) -> dict[str, Any]:
        """The arguments the controls give to :func:`~distant_allies.explore.filter_events`."""
        threads = [name for name, b in self.threads.items() if b.value]
        categories = [name for name, b in self.categories.items() if b.value]
        text = self.search.value.strip()
        return {
            "years": None if tuple(self.years.value) == self._full_years
            else tuple(int(y) for y in self.years.value),
            "threads": None if len(threads) == len(self.threads) else threads,
            "categories": None if len(categories) == len(self.categories) else categories,
            "countries": [self.country.value] if self.country.value else None,
            "text": text or None,
            "contested": True if self.contested.value else None,
        }

    @contextlib.contextmanager
    def batch(self) -> Iterator[EventExplorer]:
        """Change several controls, then update once (instead of once per control).

        Examples
        --------
        >>> import distant_allies as da
        >>> explorer = da.explore_events()
        >>> with explorer.batch():
        ...     for button in explorer.categories.values():
        ...         button.value = False
        >>> len(explorer.matching)
        0
        """
        outer = self._held
        self._held = True
        try:
            yield self
        finally:
            self._held = outer
        if not outer:
            self.update()

    def reset(self) -> None:
        """Switch every filter back to "all events" (one update, not one per control)."""
        with self.batch():
            self.years.value = self._full_years
            for button in (*self.threads.values(), *self.categories.values()):
                button.value = True
            self.country.value = ""
            self.search.value = ""
            self.contested.value = False

    def select(self, event_id: str | None) -> None:
        """Open one event's detail (``None`` or ``""`` closes it)."""
        self.picker.value = event_id or ""

    # ---- callbacks -----------------------------------------------------------------------

    def _on_toggle_icon(self, change: dict) -> None:
        change["owner"].icon = "check" if change["new"] else ""

    def _on_filter(self, change: dict) -> None:
        if not self._held:
            self.update()

    @_Guarded._guard("drawing the map")
    def _on_region(self, change: dict) -> None:
        self._draw(views=("map",))
        self.timings = dict(self.timings_draw)

    def _on_reset(self, button: W.Button) -> None:
        self.reset()

    @_Guarded._guard("showing the event")
    def _on_pick(self, change: dict) -> None:
        if self._quiet:
            return
        self.selected = change["new"] or None
        self._show_detail()

    # ---- updating ------------------------------------------------------------------------

    @_Guarded._guard("filtering the events")
    def update(self) -> None:
        """Filter with the controls' values and redraw the status, table, charts and picker."""
        t0 = time.perf_counter()
        self.matching = _explore.filter_events(self.events, **self.filters)
        t1 = time.perf_counter()
        n, total = len(self.matching), len(self.events)
        if n == 0:
            self.status.value = _NO_MATCH
        else:
            self.status.value = (f"<b>{n} of {total} events match.</b> "
                                 f"{self._span_text()}")
        self._show_table()
        self._update_picker()
        t2 = time.perf_counter()
        self._draw()
        self.timings = {"filter": t1 - t0, "table": t2 - t1, **self.timings_draw,
                        "total": time.perf_counter() - t0}

    def _span_text(self) -> str:
        m = self.matching
        first = m["date_start"].min()
        last = m["date_end"].fillna(m["date_start"]).max()
        contested = int(m["contested"].sum())
        text = f"From {first.year} to {last.year}" if first.year != last.year else \
            f"All in {first.year}"
        return _esc(f"{text}; {contested} contested (the parties' accounts differ).")

    def _show_table(self) -> None:
        if self.matching.empty:
            self.table.value = ('<div style="padding:0.5em;color:#444;">No events match, so '
                                "the table is empty.</div>")
            return
        ids = self.matching["event_id"].astype(str).tolist()
        new = [i for i in dict.fromkeys(ids) if i not in self._rows]
        if new:
            fresh = self.matching.loc[self.matching["event_id"].astype(str).isin(new)]
            table = _explore.event_table(fresh, self.places, self.sources)
            src = self.sources.drop_duplicates("source_id").set_index("source_id")
            urls = {str(k): v for k, v in src["url"].items()}
            pubs = {str(k): v for k, v in src["publisher"].items()}
            for r in table.itertuples(index=False):
                links = [_link(urls.get(s), pubs.get(s, s)) for s in r.source_ids[:3]]
                if len(r.source_ids) > 3:
                    links.append(f"+{len(r.source_ids) - 3}")
                flag = (' <span title="the parties\' accounts differ" style="color:#b35806;">'
                        "\u2691 contested</span>") if r.contested else ""
                self._rows[str(r.event_id)] = (
                    f"<tr><td style='white-space:nowrap'>{_esc(r.date)}</td>"
                    f"<td>{_esc(r.title)}{flag}</td><td>{_esc(r.place)}</td>"
                    f"<td>{', '.join(links)}</td></tr>")
        rows = [self._rows[i] for i in ids]
        head = "".join(f"<th>{h}</th>" for h in ("Date", "Title", "Place", "Sources"))
        self.table.value = (
            '<div class="da-table" style="max-height:340px;overflow:auto;'
            'border:1px solid #ddd;">'
            '<table style="border-collapse:collapse;width:100%;font-size:13px;'
            'line-height:1.35;">'
            '<thead style="position:sticky;top:0;background:#f4f4f4;text-align:left;">'
            f"<tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            "<style>.da-table td,.da-table th{padding:3px 8px;vertical-align:top;"
            "border-bottom:1px solid #eee;text-align:left;}"
            ".da-table tr:nth-child(even) td{background:#fafafa;}</style>")

    def _update_picker(self) -> None:
        m = self.matching
        options = [(_PICK if len(m) else "No events match", "")]
        ids = m["event_id"].astype(str).tolist()
        if any(i not in self._options for i in ids):
            for r in m.itertuples(index=False):
                date = _explore.format_date(r.date_start, r.date_end, r.date_precision)
                self._options.setdefault(str(r.event_id), f"{date} \u2014 {r.title}")
        options += [(self._options[i], i) for i in ids]
        keep = self.selected if self.selected in set(ids) else ""
        self._quiet = True
        try:
            self.picker.options = options
            self.picker.value = keep
        finally:
            self._quiet = False
        if keep != (self.selected or ""):
            self.selected = keep or None
            self._show_detail()

    def _show_detail(self) -> None:
        if not self.selected:
            self.detail.value = ""
            return
        d = _explore.event_detail(self.selected, self.events, self.places, self.sources,
                                  self.claims)
        self.detail.value = _detail_html(d)

    # ---- drawing -------------------------------------------------------------------------

    def _draw(self, views: Sequence[str] = ("timeline", "map")) -> None:
        """Redraw the charts whose events changed. Each chart is drawn, then encoded as a PNG
        on the encoder thread while the next one is drawn; then both are shown."""
        self.timings_draw = {}
        ids = tuple(self.matching["event_id"].astype(str))
        pending = []
        for view in views:
            t0 = time.perf_counter()
            key = (view, ids) if view == "timeline" else (view, ids, self.region.value)
            if self._shown[view] == key:
                self.timings_draw[view] = time.perf_counter() - t0
                continue
            try:
                if not ids:
                    where = ("timeline" if view == "timeline" else "map")
                    output = _message(f"No events match, so the {where} is empty.")
                elif key in self._cache:
                    self._cache.move_to_end(key)
                    output = self._cache[key]
                else:
                    output = self._render(view)
                pending.append((view, key, output))
            except Exception as exc:
                self._failed(view, exc)
            self.timings_draw[view] = time.perf_counter() - t0
        for view, key, output in pending:
            t1 = time.perf_counter()
            try:
                if isinstance(output, Future):
                    output = output.result()
                    self._cache[key] = output
                    while len(self._cache) > self.cache_size:
                        self._cache.popitem(last=False)
                self._output(view).outputs = (output,)
                self._shown[view] = key
            except Exception as exc:
                self._failed(view, exc)
            self.timings_draw[view] += time.perf_counter() - t1

    def _output(self, view: str) -> W.Output:
        return self.timeline if view == "timeline" else self.map

    def _failed(self, view: str, exc: Exception) -> None:
        self._shown[view] = None
        self._output(view).outputs = (
            _message(f"The {view} could not be drawn (see the message above)."),)
        self._show_error(f"drawing the {view}", exc)

    def _render(self, view: str) -> Future:
        """Draw ``view`` and start encoding it; the future's result is the output to show."""
        if view == "timeline":
            canvas = self._timeline_canvas
            # A narrowed year range zooms the timeline to it (long events are cut at its edges).
            ax = canvas.draw(self.matching, period=self.filters["years"])
        else:
            canvas = self._map_canvas
            size, box = self._map_layout()
            canvas.figure.set_size_inches(*size)
            ax = canvas.draw(self.matching, region=self.region.value, places=self.places,
                             box=box)
            self.map.layout.width = f"{round(size[0] * self.dpi) + 2}px"
        try:
            alt = _charts.describe(ax)
        except Exception:
            alt = f"The {view} of the {len(self.matching)} matching events."
        pixels, dpi = canvas.pixels(), canvas.figure.dpi
        if self._encoder is None:
            self._encoder = ThreadPoolExecutor(max_workers=1,
                                               thread_name_prefix="distant-allies-png")
        return self._encoder.submit(
            lambda: _png_output(_charts._encode_png(pixels, dpi), alt))

    def _map_layout(self) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
        """Figure size (inches) and map box (figure fractions) that fit the region exactly."""
        preset = _charts.REGIONS[self.region.value]
        (x0, x1), (y0, y1) = preset.lon, preset.lat
        ratio = (y1 - y0) / math.cos(math.radians((y0 + y1) / 2)) / (x1 - x0)
        legend, left, top, bottom = 2.5, 0.1, 0.45, 0.95
        w = min(self.map_width - legend - left, 5.2 / ratio)
        h = w * ratio
        fig_w, fig_h = left + w + legend, top + h + bottom
        return (fig_w, fig_h), (left / fig_w, bottom / fig_h, w / fig_w, h / fig_h)

    def close(self) -> None:
        """Close the widget and let go of its drawings."""
        if self._encoder is not None:
            self._encoder.shutdown(wait=True)
            self._encoder = None
        self._cache.clear()
        self._rows.clear()
        self._options.clear()
        super().close()


def _detail_html(d: _explore.EventDetail) -> str:
    facts = [f"<b>{_esc(d.date)}</b>", _esc(d.place)]
    if d.place_admin and d.place_admin != d.place:
        facts[-1] += f" <span style='color:#666'>({_esc(d.place_admin)})</span>"
    facts += [f"thread: {_esc(d.thread)}", f"category: {_esc(d.category)}"]
    if d.countries:
        facts.append("involves " + _esc(", ".join(_explore.country_name(c)
                                                  for c in d.countries)))
    if d.contested:
        facts.append("<span style='color:#b35806'>\u2691 contested: the parties' accounts "
                     "differ</span>")
    parts = [f"<h3 style='margin:0.4em 0 0.2em 0'>{_esc(d.title)}</h3>",
             f"<div style='color:#333'>{_DOT.join(facts)}</div>",
             f"<p>{_esc(d.summary)}</p>"]
    if d.fatalities:
        parts.append(f"<p><b>Deaths:</b> {_esc(d.fatalities)}</p>")
    items = []
    for s in d.sources.itertuples(index=False):
        when = f", {_esc(s.published)}" if isinstance(s.published, str) and s.published else ""
        items.append(f"<li>{_link(s.url, s.title)} \u2014 {_esc(s.publisher)}{when} "
                     f"<span style='color:#666'>({_esc(s.kind)}, voice: "
                     f"{_esc(_explore.country_name(str(s.origin)))})</span></li>")
    parts.append(f"<b>Sources ({len(d.sources)})</b><ol style='margin-top:0.2em'>"
                 f"{''.join(items)}</ol>")
    if d.claims.empty:
        parts.append("<p><b>Claims:</b> the dataset records no competing claims about this "
                     "event.</p>")
    else:
        columns = []
        for party in d.parties:
            rows = d.claims.loc[d.claims["party"] == party]
            cells = []
            for c in rows.itertuples(index=False):
                colour = _STATUS_COLOURS.get(c.status, "#555")
                verb = "denies" if c.stance == "denies" else "says"
                cells.append(
                    f"<li style='margin-bottom:0.5em'><i>{_esc(c.claimant)}</i> {verb}: "
                    f"{_esc(c.claim)} <span style='color:{colour};font-weight:bold'>"
                    f"[{_esc(c.status)}]</span> \u2014 {_link(c.url, c.source)}</li>")
            columns.append(
                "<div style='flex:1 1 220px;min-width:200px;border-top:3px solid #888;"
                "padding:0.3em 0.5em;background:#fafafa;'>"
                f"<b>{_esc(_explore.country_name(party))}</b>"
                f"<ul style='padding-left:1.1em;margin:0.3em 0'>{''.join(cells)}</ul></div>")
        parts.append(f"<b>Claims, side by side ({len(d.claims)})</b>"
                     "<div style='display:flex;flex-wrap:wrap;gap:8px;margin-top:0.3em'>"
                     f"{''.join(columns)}</div>")
    return ("<div class='da-detail' style='font-size:13px;line-height:1.4;max-height:520px;"
            f"overflow:auto;padding-right:4px'>{''.join(parts)}</div>")


def explore_events(events: pd.DataFrame | None = None, **options: Any) -> EventExplorer:
    """An :class:`EventExplorer` over ``events`` (default: every event in the dataset).

    ``events`` may be any rows of ``load_events()``. Options: ``places``, ``sources``,
    ``claims`` (default: the packaged tables), ``region`` (the map's first area: ``"both"``,
    ``"south-caucasus"`` or ``"south-asia"``), ``dpi`` (of the charts, 90), ``timeline_size``
    (inches, (11, 4.4)) and ``map_width`` (inches, 8.4; the height follows the region).

    Examples
    --------
    >>> import distant_allies as da
    >>> explorer = da.explore_events(da.load_events())
    >>> explorer.years.value = (1923, 1923)
    >>> explorer.matching["event_id"].tolist()[:1]
    ['1923-07-07-nkao-established']
    >>> explorer.status.value.startswith("<b>1 of ")
    True
    """
    return EventExplorer(events, **options)


# --------------------------------------------------------------------------------------------
# Quiz
# --------------------------------------------------------------------------------------------


class Quiz(W.VBox, _Guarded):
    """One ungraded multiple-choice question: choices, a Check button, feedback.

    Nothing is recorded: it is for practice. ``choices`` (RadioButtons), ``check_button``,
    ``feedback`` (HTML) and ``errors`` (Output) are attributes; ``tries`` counts the checks
    and ``correct`` is the last result (``None`` before the first check).
    """

    def __init__(
        self,
        question: str,
        choices: Sequence[str],
        answer: int | str,
        explanation: str = "",
        *,
        feedback: dict[str, str] | None = None,
    ):
        W.VBox.__init__(self)
        options = [str(c) for c in choices]
        if len(options) < 2 or len(set(options)) != len(options):
            raise ValueError("a quiz needs at least two different choices")
        if isinstance(answer, int) and not isinstance(answer, bool):
            if not 0 <= answer < len(options):
                raise ValueError(f"answer={answer} is not the index of a choice "
                                 f"(0 to {len(options) - 1})")
            answer = options[answer]
        if str(answer) not in options:
            raise ValueError(f"answer={answer!r} is not one of the choices: {options}")
        self.question = str(question)
        self.answer = str(answer)
        self.explanation = str(explanation)
        self.feedback_for = {str(k): str(v) for k, v in (feedback or {}).items()}
        self.tries = 0
        self.correct: bool | None = None
        self.errors = W.Output()
        self.choices = W.RadioButtons(options=options, value=None,
                                      layout=W.Layout(width="auto", margin="0 0 0 1em"))
        self.check_button = W.Button(description="Check", button_style="primary",
                                     icon="check", layout=W.Layout(width="auto"))
        self.check_button.on_click(lambda _: self.check())
        self.choices.observe(self._on_choice, names="value")
        self.feedback = W.HTML()
        self.children = [W.HTML(f"<b>{_esc(self.question)}</b>"), self.choices,
                         self.check_button, self.feedback, self.errors]
        self.add_class("da-quiz")

    def _on_choice(self, change: dict) -> None:
        self.feedback.value = ""

    @_Guarded._guard("checking the answer")
    def check(self) -> bool | None:
        """Check the chosen answer and show the feedback; return whether it is right."""
        picked = self.choices.value
        if picked is None:
            self.feedback.value = _note("#555555", "Pick an answer first, then press Check.")
            return None
        self.tries += 1
        self.correct = picked == self.answer
        if self.correct:
            text = "<b>\u2705 Correct.</b> " + _esc(self.explanation)
            self.feedback.value = _note("#1b7837", text, raw=True)
        else:
            why = self.feedback_for.get(picked, "")
            text = "<b>\U0001f501 Not quite.</b> " + (_esc(why) + " " if why else "")
            text += "Try another answer." if self.tries < 2 else (
                f"The answer is \u201c{_esc(self.answer)}\u201d. {_esc(self.explanation)}")
            self.feedback.value = _note("#b35806", text, raw=True)
        return self.correct


def _note(colour: str, text: str, *, raw: bool = False) -> str:
    body = text if raw else _esc(text)
    return (f'<div style="border-left:4px solid {colour};padding:0.3em 0.8em;margin:0.3em 0;">'
            f"{body}</div>")


def quiz(
    question: str,
    choices: Sequence[str],
    answer: int | str,
    explanation: str = "",
    **options: Any,
) -> Quiz:
    """An ungraded multiple-choice :class:`Quiz`; ``answer`` is the right choice or its index.

    A wrong first try gets "try another answer" (and the ``feedback`` for that choice, when
    given); a wrong second try shows the answer and the ``explanation``.

    Examples
    --------
    >>> q = quiz("When did the 2025 ceasefire start?", ["7 May", "10 May", "12 May"], 1,
    ...          "India and Pakistan agreed to stop firing from 17:00 IST on 10 May 2025.")
    >>> q.choices.value = "10 May"
    >>> q.check()
    True
    """
    return Quiz(question, choices, answer, explanation, **options)
