"""Charts of the dataset: timeline, counts, map, claims side by side, alignments.

Every ``plot_*`` function draws on the Axes you pass (``ax=``) or on the current figure, returns
the Axes, never calls ``plt.show()``, and leaves matplotlib's global settings alone. Each chart
carries a one-sentence description for screen readers: :func:`describe` returns it and
:func:`show` displays a figure with it as the PNG's alt text. The house style (Okabe–Ito
colours, larger fonts) is opt-in: ``with house_style(): ...`` or :func:`use_house_style`.

Bad arguments raise :class:`ChartError` (a ``ValueError``) with a message that names the bad
value and the allowed ones.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import distant_allies as da
>>> from distant_allies import charts
>>> ax = charts.plot_counts(da.load_events(), by="thread", freq="decade")
>>> charts.describe(ax).startswith("Bar chart")
True
>>> import matplotlib.pyplot as plt
>>> plt.close("all")
"""

from __future__ import annotations

import base64
import contextlib
import difflib
import functools
import io
import json
import math
import struct
import sys
import textwrap
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import BoxStyle, FancyArrowPatch, Patch, PathPatch, Rectangle
from matplotlib.path import Path as MPath
from matplotlib.text import Text
from matplotlib.ticker import (
    FixedFormatter,
    FixedLocator,
    FuncFormatter,
    MaxNLocator,
    NullLocator,
)
from matplotlib.transforms import Affine2D, IdentityTransform, offset_copy

from . import data as _data
from . import explore as _explore

__all__ = [
    "CATEGORY_COLORS",
    "CATEGORY_MARKERS",
    "CRISIS_2025",
    "HOUSE_RC",
    "LANE_COLUMNS",
    "OKABE_ITO",
    "PARTY_COLORS",
    "REGIONS",
    "THREAD_COLORS",
    "ChartError",
    "MapCanvas",
    "Region",
    "TimelineCanvas",
    "describe",
    "house_style",
    "plot_alignments",
    "plot_claims",
    "plot_counts",
    "plot_map",
    "plot_timeline",
    "render_gallery",
    "show",
    "use_house_style",
]


class ChartError(ValueError):
    """A chart was asked for something it cannot draw; the message says what is allowed."""


# --------------------------------------------------------------------------------------------
# Colours, shapes, style
# --------------------------------------------------------------------------------------------

#: The Okabe–Ito palette: eight colours most colour-blind readers can tell apart.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
_GREY = "#8C8C8C"

THREAD_COLORS = {
    "karabakh": OKABE_ITO["vermillion"],
    "pakistan-azerbaijan": OKABE_ITO["bluish green"],
    "india-pakistan": OKABE_ITO["blue"],
    "wider-alignments": OKABE_ITO["reddish purple"],
}
CATEGORY_COLORS = {
    "diplomacy": OKABE_ITO["blue"],
    "conflict": OKABE_ITO["vermillion"],
    "attack": OKABE_ITO["black"],
    "treaty": OKABE_ITO["bluish green"],
    "resolution": OKABE_ITO["sky blue"],
    "military-cooperation": OKABE_ITO["orange"],
    "humanitarian": OKABE_ITO["reddish purple"],
    "domestic-politics": OKABE_ITO["yellow"],
    "economy": _GREY,
}
#: A shape per category too, so the chart reads in greyscale and for every kind of colour vision.
CATEGORY_MARKERS = {
    "diplomacy": "o", "conflict": "X", "attack": "v", "treaty": "s", "resolution": "D",
    "military-cooperation": "P", "humanitarian": "h", "domestic-politics": "p", "economy": "*",
}
_STATUS_MARKERS = {"corroborated": "o", "superseded": "v", "disputed": "s", "unverified": "D",
                   "contradicted": "X"}

#: The opt-in house style: Okabe–Ito colours and fonts that read from the back of a classroom.
HOUSE_RC = {
    "axes.prop_cycle": mpl.cycler(color=[OKABE_ITO[k] for k in (
        "blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "yellow",
        "black")]),
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
}


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Use the house style inside a ``with`` block; matplotlib's settings return after it.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with house_style():
    ...     mpl.rcParams["font.size"]
    12.0
    """
    with mpl.rc_context(HOUSE_RC):
        yield


def use_house_style() -> None:
    """Switch the house style on for the rest of the session (what a notebook's setup cell does)."""
    mpl.rcParams.update(HOUSE_RC)


# --------------------------------------------------------------------------------------------
# Alt text
# --------------------------------------------------------------------------------------------

_ALT = "_distant_allies_alt"


def _set_alt(ax: Axes, text: str) -> None:
    setattr(ax, _ALT, text)


def describe(chart: Axes | Figure) -> str:
    """The one-sentence description of a chart drawn by this module (its alt text).

    For a figure with several charts, their descriptions joined.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> describe(Figure().add_subplot())
    Traceback (most recent call last):
    ...
    distant_allies.charts.ChartError: this chart was not drawn by distant_allies.charts, so it \
has no description; pass alt="..." to show()
    """
    if isinstance(chart, Figure):
        texts = [getattr(a, _ALT) for a in chart.axes if getattr(a, _ALT, None)]
    elif isinstance(chart, Axes):
        texts = [getattr(chart, _ALT)] if getattr(chart, _ALT, None) else []
    else:
        raise ChartError(f"describe() takes a matplotlib Axes or Figure, not "
                         f"{type(chart).__name__}")
    if not texts:
        raise ChartError("this chart was not drawn by distant_allies.charts, so it has no "
                         'description; pass alt="..." to show()')
    return " ".join(texts)


def show(chart: Axes | Figure, *, alt: str | None = None) -> None:
    """Display a chart in the notebook with its description as the PNG's alt text, then close it.

    ``alt`` replaces the description (needed for a figure not drawn by this module).
    """
    from IPython.display import display

    fig = chart if isinstance(chart, Figure) else getattr(chart, "figure", None)
    if not isinstance(fig, Figure):
        raise ChartError(f"show() takes a matplotlib Axes or Figure, not {type(chart).__name__}")
    text = alt if alt is not None else describe(fig)
    png = _inline_png(fig)
    if png is None:  # not the notebook's usual inline PNG: let IPython render the figure
        display(fig, metadata={"image/png": {"alt": text}})
    else:
        display({"image/png": png, "text/plain": repr(fig)}, raw=True,
                metadata={"image/png": {"alt": text}})
    plt.close(fig)


#: The inline backend's PNG printer as IPython registers it (``%matplotlib inline`` defaults).
_INLINE_PRINTER = {"fmt": "png", "base64": True, "bbox_inches": "tight"}


def _inline_png(fig: Figure) -> str | None:
    """The PNG (base64) IPython's inline backend would make of ``fig``, from one drawing.

    IPython saves with ``bbox_inches="tight"``, which draws the figure twice: once to measure
    it, once for the pixels. Here the figure is drawn once, measured on that drawing and the
    pixels cropped to the padded tight box. When something sticks out of the figure (cropping
    cannot add what was not drawn), it is saved once more with the box already measured: two
    drawings, as IPython. ``None`` when IPython would not make just this PNG (retina, SVG or
    PDF as well, other options) or would draw the figure differently (a border round the
    figure): the caller lets IPython do it.
    """
    pylabtools = sys.modules.get("IPython.core.pylabtools")
    ipython = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if pylabtools is None or ipython is None:
        return None
    try:
        formatters = ipython.display_formatter.formatters
        printer = formatters["image/png"].lookup_by_type(Figure)
    except (AttributeError, KeyError):
        return None
    for mime, formatter in formatters.items():  # another format too (PDF for LaTeX, SVG)
        if mime not in ("image/png", "text/plain"):
            try:
                formatter.lookup_by_type(Figure)
            except KeyError:
                continue
            return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    patch = fig.patch
    bordered = patch.get_visible() and patch.get_linewidth() > 0 and patch.get_edgecolor()[3] > 0
    if (not isinstance(printer, functools.partial) or printer.func is not pylabtools.print_figure
            or printer.args or printer.keywords != _INLINE_PRINTER
            or mpl.rcParams["savefig.transparent"] or not isinstance(fig.canvas, FigureCanvasAgg)
            or not fig.axes or bordered):
        return None
    canvas = fig.canvas
    saving = getattr(canvas, "_is_saving", False)
    canvas._is_saving = True  # as savefig: animated artists are drawn too
    try:
        canvas.draw()
    finally:
        canvas._is_saving = saving
    renderer = canvas.get_renderer()
    dpi = fig.dpi
    tight = fig.get_tightbbox(renderer)
    box = tight.padded(mpl.rcParams["savefig.pad_inches"])
    pixels = np.asarray(canvas.buffer_rgba())
    full_height, full_width = pixels.shape[:2]
    if (tight.x0 * dpi < -1 or tight.y0 * dpi < -1 or tight.x1 * dpi > full_width + 1
            or tight.y1 * dpi > full_height + 1):
        # Something sticks out of the figure: save it as IPython would, with the box measured.
        buf = io.BytesIO()
        canvas.print_figure(buf, format="png", dpi=dpi, facecolor=fig.get_facecolor(),
                            edgecolor=fig.get_edgecolor(), bbox_inches=box)
        return base64.b64encode(buf.getvalue()).decode("ascii")
    # Pixel columns x0.. and rows from the top, as savefig(bbox_inches=box) would lay them out;
    # the padding may reach past the figure's edge, where the figure's face colour is (or
    # nothing, when the figure has no face).
    x0, y0 = math.floor(box.x0 * dpi), math.floor(box.y0 * dpi)
    width, height = int(box.width * dpi), int(box.height * dpi)
    top = full_height - y0 - height
    if width < 1 or height < 1:
        return None
    if top >= 0 and x0 >= 0 and top + height <= full_height and x0 + width <= full_width:
        # All inside the drawing (the usual case): its pixels as they are.
        out = pixels[top:top + height, x0:x0 + width]
        return base64.b64encode(_encode_png(out, dpi)).decode("ascii")
    face = (mpl.colors.to_rgba_array(fig.get_facecolor())[0] if patch.get_visible()
            else np.zeros(4))
    out = np.empty((height, width, 4), dtype=np.uint8)
    out[...] = (face * 255).round().astype(np.uint8)
    rows = slice(max(top, 0), min(top + height, full_height))
    cols = slice(max(x0, 0), min(x0 + width, full_width))
    out[rows.start - top:rows.stop - top, cols.start - x0:cols.stop - x0] = pixels[rows, cols]
    return base64.b64encode(_encode_png(out, dpi)).decode("ascii")


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def _closest(value: object, allowed: Iterable[str]) -> str:
    allowed = [str(a) for a in allowed]
    near = difflib.get_close_matches(str(value), allowed, n=1)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _one_of(name: str, value: object, allowed: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ChartError(f"{name}={value!r} is not one of: {', '.join(map(str, allowed))}"
                         f"{_closest(value, allowed)}")
    return value


def _require(frame: object, columns: Iterable[str], what: str, loader: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ChartError(f"{what} must be a DataFrame from {loader}, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ChartError(f"{what} lacks the column(s) {', '.join(missing)}; pass a frame from "
                         f"{loader} (filtered rows are fine, dropped columns are not)")
    return frame


_EVENT_COLUMNS = ("event_id", "date_start", "date_end", "date_precision", "thread", "category",
                  "title", "place_id", "countries")


def _events(events: object) -> pd.DataFrame:
    return _require(events, _EVENT_COLUMNS, "events", "load_events()")


_OWNED = "_distant_allies_owned"  # marks an Axes whose figure a chart may resize (gallery)


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Axes, bool]:
    """The Axes to draw on, and whether this call created its figure (so may size it)."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise ChartError(f"ax must be a matplotlib Axes, not {type(ax).__name__}")
        return ax, bool(getattr(ax, _OWNED, False))
    if plt.get_fignums():  # a figure the user prepared (plt.figure, plt.subplots) is used ...
        fig = plt.gcf()
        if not fig.axes:
            return fig.add_subplot(), False
        current = fig.gca()
        if not (current.has_data() or current.texts or current.patches or current.lines):
            return current, False
    # ... but a chart is never drawn over another one: it gets a figure of its own.
    fig = plt.figure(figsize=figsize)
    return fig.add_subplot(), True


def _empty(ax: Axes, message: str, alt: str) -> Axes:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color="0.3", wrap=True)
    _set_alt(ax, alt)
    return ax


def _footnote(ax: Axes, text: str, *, below: float = 0, quick: _Quick | None = None) -> None:
    """Small print under the axes (below ``below`` points of tick labels)."""
    if quick is not None:
        _text(ax, 0, 0, text, quick=quick, ha="left", va="top", fontsize="x-small",
              color="0.35", transform=offset_copy(ax.transAxes, fig=ax.figure, y=-below,
                                                  units="points"))
        return
    ax.annotate(text, xy=(0, 0), xycoords="axes fraction", xytext=(0, -below),
                textcoords="offset points", ha="left", va="top", fontsize="x-small",
                color="0.35", annotation_clip=False)


@lru_cache(maxsize=1)
def _measurer():
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # at 72 dpi one pixel is one point


def _font_key() -> tuple:
    """The settings that decide which font a text is set in (part of every text cache key)."""
    rc = mpl.rcParams
    return (tuple(rc["font.family"]), tuple(rc["font.sans-serif"]), tuple(rc["font.serif"]),
            tuple(rc["font.monospace"]), rc["font.style"], rc["font.variant"],
            rc["font.stretch"], rc["text.hinting"], rc["text.hinting_factor"],
            rc["text.antialiased"])


def _text_size(text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height in points of (possibly multi-line) text at ``size`` points."""
    return _text_size_in(text, float(size), weight, _font_key())


@lru_cache(maxsize=4096)
def _text_size_in(text: str, size: float, weight: str, font: tuple) -> tuple[float, float]:
    # Measuring is ~0.5 ms a text; labels (titles, place names) are measured again and again.
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight=weight)
    lines = text.split("\n")
    widths = [_measurer().get_text_width_height_descent(line or " ", prop, ismath=False)[0]
              for line in lines]
    return max(widths), size * (1 + 1.2 * (len(lines) - 1)) + 0.25 * size


def _points(size: str | float) -> float:
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=size).get_size_in_points()


def _short(title: str, width: int = 32, lines: int = 3) -> str:
    """The title wrapped for a label; a long one loses its subordinate clause first."""
    text = str(title).strip()
    if len(text) > width * (lines - 1):
        for sep in (": ", "; ", " – "):
            head = text.split(sep)[0]
            if sep in text and len(head) >= 12:
                text = head
                break
    wrapped = textwrap.wrap(text, width=width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip(" ,;:") + "…"
    return "\n".join(wrapped)


def _day(d: pd.Timestamp) -> str:
    return f"{d.day} {d:%B %Y}"


def _span_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    if (last - first).days <= 92:
        if first.year == last.year and first.month == last.month:
            return f"{first.day}–{last.day} {last:%B %Y}" if first != last else _day(first)
        if first.year == last.year:
            return f"{first.day} {first:%B} – {_day(last)}"
        return f"{_day(first)} – {_day(last)}"
    return f"{first.year}–{last.year}" if first.year != last.year else str(first.year)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


# --------------------------------------------------------------------------------------------
# Quick redraws (the explorer's canvases)
# --------------------------------------------------------------------------------------------
# Matplotlib 3.11 renders text glyph by glyph: 1.5-3 ms a label, most of a redraw. A chart
# that is redrawn again and again (the explorer's canvases, at the end of this module) draws
# its labels, tick labels, legend and basemap as "sprites": the first time one is drawn its
# pixels are kept, and later they are pasted (0.02 ms a label). The pixels are those
# matplotlib drew, so the chart looks the same (a label pasted where it was not first drawn
# may sit up to half a pixel away). Only on Agg (PNG); any other renderer draws as usual.


@dataclass
class _Quick:
    """How a chart that is redrawn on every filter change saves time (see the canvases)."""

    max_labels: int = 6  # timeline: key events it tries to label
    #: timeline: called with the points the lanes need; makes room and returns the new height
    grow: Callable[[float], float] | None = None


_SPRITES: OrderedDict[tuple, tuple[np.ndarray, int, int]] = OrderedDict()
_SPRITE_LIMIT = 1500  # a label is a few kB: a few MB at most
_SCRATCH: dict[tuple[int, int, float], object] = {}


def _scratch(renderer: object) -> object:
    """A clear, transparent Agg renderer of the same size and dpi as ``renderer``."""
    from matplotlib.backends.backend_agg import RendererAgg

    key = (int(renderer.width), int(renderer.height), float(renderer.dpi))
    scratch = _SCRATCH.pop(key, None)
    if scratch is None:
        scratch = RendererAgg(*key)
        while len(_SCRATCH) > 3:  # one for each figure being redrawn
            _SCRATCH.pop(next(iter(_SCRATCH)))
    _SCRATCH[key] = scratch
    scratch.clear()
    return scratch


def _draw_cached(renderer: object, key: tuple, anchor: tuple[float, float],
                 draw: Callable[[object], object]) -> None:
    """Paste the kept pixels of what ``draw(renderer)`` draws, or draw it and keep them.

    ``key`` names everything the pixels depend on except where they go; ``anchor`` is where
    they go, in display pixels. Only on Agg; on another renderer ``draw`` draws as usual.
    ``draw`` returns the artist it drew; the pixels of a Text are looked for around it only.
    """
    from matplotlib.backends.backend_agg import RendererAgg

    if not isinstance(renderer, RendererAgg) or not all(math.isfinite(v) for v in anchor):
        draw(renderer)
        return
    key = (key, float(renderer.dpi))
    x, y = round(anchor[0]), round(anchor[1])
    sprite = _SPRITES.get(key)
    if sprite is None:
        scratch = _scratch(renderer)
        drawn = draw(scratch)
        rgba = np.asarray(scratch.buffer_rgba())
        height, width = rgba.shape[:2]
        y0, y1, x0, x1 = 0, height, 0, width
        if isinstance(drawn, Text):  # its box, a few pixels more (background box, antialiasing)
            box = drawn.get_window_extent(scratch)
            margin = 4 + drawn.get_fontsize() * renderer.dpi / 72 * 0.5
            y0, y1 = max(int(height - box.y1 - margin), 0), min(int(height - box.y0 + margin) + 1,
                                                                height)
            x0, x1 = max(int(box.x0 - margin), 0), min(int(box.x1 + margin) + 1, width)
        alpha = rgba[y0:y1, x0:x1, 3]
        rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        inside = len(rows) and not ((rows[0] == 0 and y0 > 0) or (cols[0] == 0 and x0 > 0)
                                    or (rows[-1] == y1 - y0 - 1 and y1 < height)
                                    or (cols[-1] == x1 - x0 - 1 and x1 < width))
        if not inside:  # nothing there, or it reaches the window's edge: look everywhere
            alpha = rgba[..., 3]
            y0 = x0 = 0
            rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if not len(rows):
            return
        top, bottom = y0 + rows[0], y0 + rows[-1] + 1
        left, right = x0 + cols[0], x0 + cols[-1] + 1
        sprite = (rgba[top:bottom, left:right][::-1].copy(), int(left) - x,
                  int(rgba.shape[0] - bottom) - y)
        if top > 0 and left > 0 and bottom < rgba.shape[0] and right < rgba.shape[1]:
            _SPRITES[key] = sprite  # (one cut by the canvas edge is not kept)
            while len(_SPRITES) > _SPRITE_LIMIT:
                _SPRITES.popitem(last=False)
    else:
        _SPRITES.move_to_end(key)
    pixels, dx, dy = sprite
    gc = renderer.new_gc()
    renderer.draw_image(gc, x + dx, y + dy, pixels)
    gc.restore()


class _Sprite(Artist):
    """A text, legend or basemap of a quick chart: pasted from kept pixels (_draw_cached).

    What draws it (an artist, made by ``make``) is made only when its pixels are not kept:
    the first time, or on a renderer other than Agg. ``key`` names what it looks like (with
    the settings of the moment: a quick chart is drawn right after it is built); ``xy`` in
    ``transform`` is its anchor.
    """

    def __init__(self, key: tuple, transform: object, xy: tuple[float, float],
                 make: Callable[[], object], zorder: float):
        super().__init__()
        self._key, self._xy, self._make = key, xy, make
        self.set_transform(transform)
        self.set_zorder(zorder)
        self.set_clip_on(False)

    def draw(self, renderer: object) -> None:
        if not self.get_visible():
            return
        anchor = self.get_transform().transform(self._xy)
        # A text or legend is drawn 1/128 pixel past the whole pixel its kept copy is pasted
        # at, so a copy pasted elsewhere is what a drawing there would be: matplotlib < 3.11
        # puts text on whole pixels, rounding positions that are multiples of 1/64 pixel; the
        # 1/128 keeps them off the halfway marks, where a rounding error would tip them.
        finite = all(math.isfinite(v) for v in anchor)
        nudge = ((round(anchor[0]) + 1 / 128 - anchor[0], round(anchor[1]) + 1 / 128 - anchor[1])
                 if finite else None)

        def draw(r: object) -> object:
            artist = self._make()
            if nudge is None:
                pass  # nowhere to paste it: drawn live (see _draw_cached)
            elif isinstance(artist, Text):
                artist.set_transform(artist.get_transform() + Affine2D().translate(*nudge))
            elif isinstance(artist, Legend):
                artist.set_bbox_to_anchor(artist.get_bbox_to_anchor().frozen().translated(*nudge),
                                          transform=IdentityTransform())  # display pixels
            artist.draw(r)
            return artist

        _draw_cached(renderer, self._key, (float(anchor[0]), float(anchor[1])), draw)
        self.stale = False


def _style_key(kwargs: dict) -> str:
    """The style arguments of a text or legend, without where it goes (for a sprite's key)."""
    return repr(sorted((k, v) for k, v in kwargs.items()
                       if k not in ("transform", "bbox_to_anchor", "bbox_transform")))


def _text_rc_key() -> tuple:
    """The settings a text's look depends on when its arguments leave them to matplotlib."""
    rc = mpl.rcParams
    return (_font_key(), rc["font.size"], rc["font.weight"], rc["text.color"])


def _add_patch(ax: Axes, patch: Patch, quick: _Quick | None) -> None:
    """``ax.add_patch``; a quick chart (its limits set already) skips the data limits."""
    if quick is None:
        ax.add_patch(patch)
    else:
        ax.add_artist(patch)


def _title_at_top(quick: _Quick | None) -> dict:
    """For a quick chart, the title's place given (at the top: these charts have nothing above
    the Axes), so that matplotlib does not work it out at every drawing."""
    return {"y": 1.0} if quick is not None else {}


def _quick_axes(ax: Axes) -> None:
    """Settings of a quick chart's Axes that save work at every drawing and change nothing
    drawn: the (empty) axis labels get a place, so it is not worked out from the ticks."""
    ax.xaxis.set_label_coords(0.5, -0.1)
    ax.yaxis.set_label_coords(-0.1, 0.5)


def _text(ax: Axes, x: float, y: float, s: str, *, quick: _Quick | None = None,
          **kwargs: object) -> Artist:
    """``ax.text(...)``, or for a quick chart the same text drawn as a sprite."""
    if quick is None:
        return ax.text(x, y, s, **kwargs)
    transform = kwargs.pop("transform", ax.transData)
    fig = ax.figure

    def make() -> Text:
        t = Text(x, y, s, transform=transform, clip_on=False, **kwargs)
        t.set_figure(fig)
        return t

    sprite = _Sprite(("text", s, _style_key(kwargs), _text_rc_key()), transform, (x, y), make,
                     kwargs.get("zorder", Text.zorder))
    ax.add_artist(sprite)
    return sprite


def _handle_key(h: Artist) -> tuple:
    """What a legend handle (a proxy Line2D or Patch) looks like."""
    if isinstance(h, Line2D):
        return ("line", str(h.get_marker()), h.get_markersize(), str(h.get_markerfacecolor()),
                str(h.get_markeredgecolor()), h.get_markeredgewidth(), str(h.get_linestyle()),
                str(h.get_color()), h.get_linewidth(), h.get_alpha(), h.get_label())
    if isinstance(h, Patch):
        return ("patch", tuple(h.get_facecolor()), tuple(h.get_edgecolor()), h.get_hatch(),
                h.get_linewidth(), str(h.get_linestyle()), h.get_alpha(), h.get_label())
    return ("other", id(h))  # not described: never the same key twice


def _legend(ax: Axes, handles: list, *, quick: _Quick | None = None,
            **kwargs: object) -> Artist:
    """``ax.legend(handles=...)``, or for a quick chart the same legend drawn as a sprite."""
    if quick is None:
        return ax.legend(handles=handles, **kwargs)
    rc = mpl.rcParams
    key = ("legend", tuple(_handle_key(h) for h in handles), _style_key(kwargs),
           _text_rc_key(), tuple(str(rc[k]) for k in rc if k.startswith(("legend.", "hatch."))))
    anchor = kwargs.get("bbox_to_anchor", (0, 0))
    transform = kwargs.get("bbox_transform", ax.transAxes)

    def make() -> Legend:
        return Legend(ax, handles, [h.get_label() for h in handles], **kwargs)

    sprite = _Sprite(key, transform, tuple(anchor[:2]), make, Legend.zorder)
    ax.add_artist(sprite)
    return sprite


# --------------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------------

#: Columns a timeline can have one lane per value of.
LANE_COLUMNS = ("thread", "category", "date_precision", "contested", "in_seed_article")
_COLOR_COLUMNS = ("category", "thread")


def _parse_period(period: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    def as_date(value: object, last: bool) -> pd.Timestamp:
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            return pd.Timestamp(year=int(value), month=12 if last else 1, day=31 if last else 1)
        if isinstance(value, (str, pd.Timestamp)) or hasattr(value, "year"):
            return pd.Timestamp(value)
        raise TypeError(value)

    try:
        start, end = period  # type: ignore[misc]
        start, end = as_date(start, False), as_date(end, True)
    except (TypeError, ValueError) as exc:
        raise ChartError(f"period={period!r} is not a (start, end) pair of dates such as "
                         "('2025-04-22', '2025-05-12')") from exc
    if pd.isna(start) or pd.isna(end) or end < start:
        raise ChartError(f"period={period!r} must run from an earlier to a later date")
    return start.normalize(), end.normalize()


def _extent(ev: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Start, end and kind (point / days / fuzzy) of each event as the timeline draws it."""
    start = ev["date_start"]
    last = ev["date_end"].fillna(start)
    precision = ev["date_precision"].astype(str)
    month = (precision == "month").to_numpy()
    year = (precision == "year").to_numpy()
    values = last.to_numpy()
    if values.dtype.kind == "M":  # the first day after the month or year (numpy is quick)
        after_month = (values.astype("datetime64[M]") + 1).astype(values.dtype)
        after_year = (values.astype("datetime64[Y]") + 1).astype(values.dtype)
        end = pd.Series(np.where(month, after_month, np.where(year, after_year, values)),
                        index=last.index, name=last.name)
    else:
        end = last.copy()
        end[month] = (last[month].dt.to_period("M").dt.end_time.dt.normalize()
                      + pd.Timedelta(days=1)).astype(end.dtype)
        end[year] = (last[year].dt.to_period("Y").dt.end_time.dt.normalize()
                     + pd.Timedelta(days=1)).astype(end.dtype)
    days = (precision == "day").to_numpy() & (last > start).to_numpy()
    kind = pd.Series(np.where(month | year, "fuzzy", np.where(days, "days", "point")),
                     index=ev.index)
    return start, end, kind


def _label_priority(ev: pd.DataFrame) -> pd.Series:
    score = pd.Series(0.0, index=ev.index)
    for column, weight in (("in_seed_article", 3.0), ("contested", 2.0)):
        if column in ev:
            score += ev[column].fillna(False).astype(bool) * weight
    if "fatalities_best" in ev:
        score += ev["fatalities_best"].notna() * 1.0
    if "source_ids" in ev:
        score += ev["source_ids"].map(lambda s: min(len(s), 6) / 6 if isinstance(s, list) else 0)
    return score


@dataclass
class _Item:
    row: object  # the event's index label
    x0: float  # points from the axes' left edge
    x1: float
    kind: str
    lane: int
    slot: int = 0


def _pack(items: list[_Item], gap: float, max_slots: int) -> int:
    """Give each item the lowest slot where it overlaps nothing; return the number of slots.

    Items that would need a slot beyond ``max_slots`` get slot -1 (drawn as a "+N" badge).
    """
    ends: list[float] = []
    for item in sorted(items, key=lambda i: (i.x0, -(i.x1 - i.x0))):
        for slot, end in enumerate(ends):
            if item.x0 >= end + gap:
                item.slot, ends[slot] = slot, item.x1
                break
        else:
            if len(ends) < max_slots:
                item.slot = len(ends)
                ends.append(item.x1)
            else:
                item.slot = -1
    return max(len(ends), 1) + (1 if any(i.slot < 0 for i in items) else 0)


def _badges(items: list[_Item], gap: float) -> list[tuple[float, int]]:
    """Group the hidden items (slot -1) that lie close together: (centre in points, count)."""
    hidden = sorted((i.x0 + i.x1) / 2 for i in items if i.slot < 0)
    groups: list[list[float]] = []
    for x in hidden:
        if groups and x - groups[-1][-1] <= gap:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [(sum(g) / len(g), len(g)) for g in groups]


def _free(intervals: list[tuple[float, float]], a: float, b: float, pad: float) -> bool:
    return all(b + pad <= lo or a - pad >= hi for lo, hi in intervals)


def _day_label(x: float, pos: int | None = None) -> str:
    d = mdates.num2date(x)
    return f"{d.day}\n{d:%b}" if d.day == 1 or pos == 0 else f"{d.day}"


def _settings(obj: object) -> str:
    """A locator's or formatter's public settings, as text (to tell when a student changes
    one, e.g. ``formatter.formats = [...]`` or ``locator.intervald[...] = [...]``)."""
    return repr(sorted((k, v) for k, v in vars(obj).items()
                       if not k.startswith("_") and k not in ("axis", "offset_string")))


class _KeptTicks:
    """For a date locator: its ticks worked out once for each view of the axis.

    matplotlib asks an axis for its ticks a dozen times while it draws and measures a figure
    (to draw the axis, to place its label and the title, for the tight box), and a date
    locator works them out from a calendar rule every time. The ticks depend only on the view
    and the locator's settings, so they are the same until one of those changes (a zoom, a
    pan, a setting changed): then they are worked out again. Mixed into matplotlib's own
    classes, so the locator is still one of them, with all its settings.
    """

    _kept: tuple = (None, None)

    def __call__(self) -> np.ndarray:
        state = (tuple(self.axis.get_view_interval()), _settings(self))
        if self._kept[0] != state:
            self._kept = (state, np.asarray(super().__call__()))
        return self._kept[1].copy()


class _KeptLabels:
    """For a tick formatter: its labels (and offset, e.g. "2025") worked out once for each set
    of ticks and settings (see :class:`_KeptTicks`)."""

    _kept: tuple = (None, [], "")

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        inverted = getattr(self.axis, "get_inverted", lambda: None)()
        state = (tuple(float(v) for v in values), inverted, _settings(self))
        if self._kept[0] != state:
            labels = list(super().format_ticks(values))
            self._kept = (state, labels, super().get_offset())
        return list(self._kept[1])

    def get_offset(self) -> str:
        return self._kept[2] if self._kept[0] is not None else super().get_offset()


class _AutoDateLocator(_KeptTicks, mdates.AutoDateLocator):
    pass


class _DayLocator(_KeptTicks, mdates.DayLocator):
    pass


class _WeekdayLocator(_KeptTicks, mdates.WeekdayLocator):
    pass


class _ConciseDateFormatter(_KeptLabels, mdates.ConciseDateFormatter):
    pass


class _FuncFormatter(_KeptLabels, FuncFormatter):
    pass


def _date_axis(ax: Axes, lo: pd.Timestamp, hi: pd.Timestamp, width: float,
               quick: _Quick | None = None) -> None:
    """Ticks that read at every zoom: days (month under the 1st) up to two months, else years.

    ``quick``: the ticks and their labels are worked out here, once, and fixed (matplotlib
    would work them out again several times while drawing).
    """
    days = hi - lo
    if days <= pd.Timedelta(days=62):
        per_day = width / max(days.days, 1)
        step = 1 if per_day >= 18 else 2 if per_day >= 9 else 7
        ax.xaxis.set_major_locator(_DayLocator(interval=step) if step < 7
                                   else _WeekdayLocator(byweekday=mdates.MO))
        ax.xaxis.set_minor_locator(_DayLocator())
        ax.xaxis.set_major_formatter(_FuncFormatter(_day_label))
    else:
        locator = _AutoDateLocator(minticks=4, maxticks=max(5, int(width // 55)))
        formatter = _ConciseDateFormatter(locator, show_offset=True)
        formatter.offset_formats = ["", "%Y", "%B %Y", "%d %B %Y", "%d %B %Y", "%d %B %Y"]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(formatter)
        ax.xaxis.set_minor_locator(NullLocator())  # (an Axes drawn on again may have days)
    if quick is None or not getattr(ax, "_distant_allies_grid", False):
        ax.grid(axis="x", which="major", color="0.85", lw=0.6, zorder=1)
        ax.set_axisbelow(True)
        ax._distant_allies_grid = quick is not None  # a quick chart's Axes keeps it
    if quick is not None:
        axis = ax.xaxis
        major = list(axis.get_major_locator()())  # (the axis leaves out any outside the view)
        minor = list(axis.get_minor_locator()())
        formatter = axis.get_major_formatter()
        labels = formatter.format_ticks(major)
        offset = formatter.get_offset()
        fixed = FixedFormatter(labels)
        fixed.set_offset_string(offset)
        axis.set_major_locator(FixedLocator(major))
        axis.set_major_formatter(fixed)
        axis.set_minor_locator(FixedLocator(minor))
        # The tick labels, as sprites where the axis would draw them (unless there is an
        # offset such as "2025" to place under them: the axis places it from their boxes).
        if getattr(ax, "_distant_allies_labels", None) != bool(offset):
            axis.set_tick_params(which="major", labelbottom=bool(offset))
            ax._distant_allies_labels = bool(offset)
        if not offset:
            label = axis.get_major_ticks(1)[0].label1  # its place and style, to copy
            x0, x1 = sorted(ax.get_xlim())
            slack = (x1 - x0) * 1e-10  # as the axis: ticks on the edges are drawn
            for x, text in zip(major, labels, strict=True):
                if text and x0 - slack <= x <= x1 + slack:
                    _text(ax, x, 0, text, quick=quick, transform=label.get_transform(),
                          ha=label.get_horizontalalignment(),
                          va=label.get_verticalalignment(), fontsize=label.get_fontsize(),
                          fontfamily=label.get_fontfamily(), fontweight=label.get_fontweight(),
                          fontstyle=label.get_fontstyle(), color=label.get_color())


def plot_timeline(
    events: pd.DataFrame,
    *,
    by: str = "thread",
    color: str | None = None,
    period: tuple[object, object] | None = None,
    labels: str | Iterable[str] | None = "auto",
    max_rows: int = 6,
    ax: Axes | None = None,
) -> Axes:
    """One lane per thread (or ``by``), one marker per event, coloured and shaped by category.

    Events known only to the month or year are drawn as pale spans over that month or year,
    events lasting several days as solid bars. Key events are labelled where their label fits
    without overlapping another (``labels="auto"``: seed-article, contested and well-sourced
    events first; or a list of event ids; or ``None``). ``period=(start, end)`` zooms in, e.g.
    ``("2025-04-22", "2025-05-12")`` reads day by day.

    Parameters
    ----------
    events : frame from ``load_events()`` (any rows).
    by : one of ``LANE_COLUMNS`` (thread, category, date_precision, contested,
        in_seed_article).
    color : ``"category"`` (default, or ``"thread"`` when ``by="category"``).
    """
    return _timeline(events, by=by, color=color, period=period, labels=labels,
                     max_rows=max_rows, ax=ax)


def _timeline(
    events: pd.DataFrame,
    *,
    by: str = "thread",
    color: str | None = None,
    period: tuple[object, object] | None = None,
    labels: str | Iterable[str] | None = "auto",
    max_rows: int = 6,
    ax: Axes | None = None,
    quick: _Quick | None = None,
) -> Axes:
    """plot_timeline; ``quick`` for a chart redrawn on every filter change (TimelineCanvas)."""
    ev = _events(events)
    by = _one_of("by", by, [c for c in LANE_COLUMNS if c in ev.columns])
    color = color if color is not None else ("thread" if by == "category" else "category")
    color = _one_of("color", color, _COLOR_COLUMNS)
    window = _parse_period(period) if period is not None else None
    ax, owned = _axes(ax, (11, 6))
    fig = ax.figure

    ev = ev.loc[ev["date_start"].notna()]
    start, end, kind = _extent(ev)
    if window is not None:
        keep = (start <= window[1] + pd.Timedelta(days=1)) & (end >= window[0])
        ev, start, end, kind = ev.loc[keep], start[keep], end[keep], kind[keep]
    where = f" between {_span_text(*window)}" if window is not None else ""
    if ev.empty:
        return _empty(ax, f"No events to show{where}: the selection is empty.",
                      f"An empty timeline: no events{where} match the selection.")

    wanted: list[str] | None
    if labels is None or labels is False:
        wanted = []
    elif isinstance(labels, str) and labels == "auto":
        wanted = None
    elif isinstance(labels, str):
        raise ChartError(f'labels={labels!r} must be "auto", None or a list of event ids')
    else:
        wanted = [str(x) for x in labels]
        known = set(events["event_id"].astype(str))
        unknown = [x for x in wanted if x not in known]
        if unknown:
            raise ChartError(f"labels: no event with event_id {unknown[0]!r}"
                             f"{_closest(unknown[0], known)}")

    # ---- the x axis, in dates and in points --------------------------------------------
    if window is not None:
        lo, hi = window[0] - pd.Timedelta(hours=18), window[1] + pd.Timedelta(hours=18)
    else:
        first, last = start.min(), end.max()
        pad = max((last - first) * 0.03, pd.Timedelta(days=1))
        lo, hi = first - pad, last + pad
    xlo, xhi = mdates.date2num(lo), mdates.date2num(hi)
    fig_w, fig_h = fig.get_size_inches()
    if owned:
        margins = {"left": 0.25, "right": 0.25}
        ax.set_position([margins["left"] / fig_w, 0.1, 1 - (margins["left"] + margins["right"])
                         / fig_w, 0.8])
    width = ax.get_position().width * fig_w * 72

    def px(dates: pd.Series) -> np.ndarray:
        return (mdates.date2num(dates) - xlo) / (xhi - xlo) * width

    fs = _points("medium")
    fs_label = fs * 0.82
    marker = fs * 0.95
    bar = marker * 0.55
    row_h = marker + 3
    header_h = fs * 1.5
    lane_gap = fs * 0.7

    lanes = ev[by]
    lane_n = lanes.value_counts(sort=False)  # events per lane
    if isinstance(lanes.dtype, pd.CategoricalDtype):
        order = [c for c in lanes.cat.categories if lane_n.get(c, 0)]
    else:
        order = sorted(lanes.dropna().unique(), key=str)
    lane_of = {value: i for i, value in enumerate(order)}
    x0, x1 = px(start), px(end)
    items: list[list[_Item]] = [[] for _ in order]
    for (idx, k), a, b, value in zip(kind.items(), x0, x1, lanes, strict=True):
        if value not in lane_of:
            continue
        half = marker / 2 + 0.5
        a0, b0 = (a - half, a + half) if k == "point" else (a - (half if k == "days" else 0), b)
        b0 = max(b0, a0 + marker * 0.6)
        items[lane_of[value]].append(_Item(idx, a0, b0, k, lane_of[value]))
    slots = [_pack(lane, gap=1.0, max_slots=max_rows) for lane in items]

    # ---- labels: levels above and below each lane's markers -----------------------------
    priority = _label_priority(ev)
    if wanted is None:
        candidates = priority.sort_values(ascending=False, kind="stable").index.tolist()
        if quick is not None:  # only a few key events: measuring every title costs
            candidates = candidates[:quick.max_labels]
    else:
        candidates = [i for i in ev.index if str(ev.at[i, "event_id"]) in wanted]
    texts = {i: _short(ev.at[i, "title"]) for i in candidates}

    def size(i: object) -> tuple[float, float]:
        """A label's size, measured when first needed (~1 ms a title, then kept by
        _text_size's cache; one hidden under a "+N" badge never is)."""
        return _text_size(texts[i], fs_label)

    def place(max_levels: int) -> dict[object, tuple[int, int, float, float]]:
        placed: dict[object, tuple[int, int, float, float]] = {}
        occupied: dict[tuple[int, int], list[tuple[float, float]]] = {}
        leaders: dict[tuple[int, int], list[tuple[float, int]]] = {}  # (lane, side): (x, level)
        item_of = {it.row: it for lane in items for it in lane}
        for i in candidates:
            it = item_of.get(i)
            if it is None or it.slot < 0:
                continue
            w = size(i)[0]
            if it.kind == "fuzzy" or it.x0 < 0:
                anchor = (max(it.x0, 0.0) + min(it.x1, width)) / 2
            else:
                anchor = it.x0 + marker / 2
            rows = slots[it.lane]
            # A leader may not cross another event's marker (or a "+N" badge) on its way.
            others = [o for o in items[it.lane] if o is not it
                      and o.x0 - 1 <= anchor <= o.x1 + 1]
            up_ok = not any(0 <= o.slot < it.slot for o in others)
            down_ok = not any(o.slot > it.slot or o.slot < 0 for o in others)
            if wanted is not None and not (up_ok or down_ok):
                up_ok = True  # a label asked for by id is drawn even across other markers
            options = []
            for level in range(1, max_levels + 1):
                if up_ok:
                    options.append((it.slot + level, -level))  # above
                if down_ok:
                    options.append((rows - 1 - it.slot + level, level))  # below
            for _, level in sorted(options):
                for a in (anchor - w / 2, anchor - 6, anchor - w + 6):
                    a = min(max(a, 3.0), width - w - 5)
                    b = a + w
                    if not (a - 1 <= anchor <= b + 1):
                        continue
                    lane_levels = occupied.setdefault((it.lane, level), [])
                    if not _free(lane_levels, a, b, pad=6):
                        continue
                    step = 1 if level > 0 else -1
                    inner = [occupied.get((it.lane, lv), []) for lv in range(step, level, step)]
                    if not all(_free(iv, anchor, anchor, pad=3) for iv in inner):
                        continue  # this label's leader would cross a nearer label
                    side = leaders.setdefault((it.lane, step), [])
                    if any(abs(level) < lv and a - 3 <= x <= b + 3 for x, lv in side):
                        continue  # a farther label's leader would cross this one
                    side.append((anchor, abs(level)))
                    lane_levels.append((a, b))
                    placed[i] = (it.lane, level, a, anchor)
                    break
                if i in placed:
                    break
        return placed

    def height(placed: dict) -> tuple[float, list[dict[int, float]]]:
        """Total height in points, and each lane's label levels with their heights."""
        levels: list[dict[int, float]] = [{} for _ in order]
        for i, (lane, level, _, _) in placed.items():
            levels[lane][level] = max(levels[lane].get(level, 0.0), size(i)[1] + 5)
        for lane_levels in levels:  # a level that holds nothing still needs its slot filled
            for level in list(lane_levels):
                step = 1 if level > 0 else -1
                for lv in range(step, level, step):
                    lane_levels.setdefault(lv, 0.0)
        total = sum(header_h + sum(lv.values()) + slots[i] * row_h + lane_gap
                    for i, lv in enumerate(levels))
        return total, levels

    most_levels = 2 if hi - lo <= pd.Timedelta(days=3 * 366) else 1
    placed = place(most_levels)
    total, used = height(placed)

    def fit(available: float) -> None:
        """Fit the Axes given: fewer label levels first, then lower stacks."""
        nonlocal slots, placed, total, used
        max_levels, rows_cap = most_levels, max_rows
        while total > available and (max_levels > 0 or rows_cap > 2):
            if max_levels > 0:
                max_levels -= 1
            else:
                rows_cap -= 1
                slots = [_pack(lane, gap=1.0, max_slots=rows_cap) for lane in items]
            placed = place(max_levels)
            total, used = height(placed)

    if not owned:
        fit(ax.get_position().height * fig_h * 72)
        if quick is not None and quick.grow is not None \
                and total > ax.get_position().height * fig_h * 72 + 1:
            # Squeezed lanes would overlap: make room for them and a level of labels, and lay
            # the chart out again for that height (before drawing anything, so only once).
            room = quick.grow(total + 40)
            fig_w, fig_h = fig.get_size_inches()
            slots = [_pack(lane, gap=1.0, max_slots=max_rows) for lane in items]
            placed = place(most_levels)
            total, used = height(placed)
            fit(room)

    # ---- figure size and margins (only for a figure this call made) ---------------------
    present = set(ev[color].dropna().astype(str))
    categorical = isinstance(ev[color].dtype, pd.CategoricalDtype)
    legend_values = [c for c in (ev[color].cat.categories if categorical
                                 else sorted(ev[color].unique()))
                     if str(c) in present or (quick is not None and categorical)]
    # A quick chart (redrawn at every filter change) keeps its legend whole, so that it
    # stays put: every category, and both kinds of span.
    has_days = bool((kind == "days").any()) or quick is not None
    has_fuzzy = bool((kind == "fuzzy").any()) or quick is not None
    legend_items = len(legend_values) + has_days + has_fuzzy
    ncol = max(1, min(legend_items, int(width // 150)))
    legend_rows = math.ceil(legend_items / ncol)
    axis_pt = fs * (3.8 if hi - lo <= pd.Timedelta(days=62) else 3.0)
    legend_pt = legend_rows * fs * 1.45 + fs * 1.8
    if owned:
        top_in, bottom_in = fs * 2.6 / 72, (axis_pt + legend_pt) / 72 + 0.1
        fig_h = top_in + total / 72 + bottom_in
        fig.set_size_inches(fig_w, fig_h)
        ax.set_position([margins["left"] / fig_w, bottom_in / fig_h,
                         1 - (margins["left"] + margins["right"]) / fig_w, total / 72 / fig_h])
        available = total
    else:
        available = max(ax.get_position().height * fig_h * 72, total)
    scale = available / total  # >1 when the Axes has more room than needed: spread lanes out

    # ---- draw ------------------------------------------------------------------------------
    ax.set_xlim(lo, hi)
    ax.set_ylim(available, 0)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)

    colors = THREAD_COLORS if color == "thread" else CATEGORY_COLORS
    markers = CATEGORY_MARKERS if color == "category" else {}
    color_of = dict(zip(ev.index, ev[color].astype(str), strict=True))
    id_of = dict(zip(ev.index, ev["event_id"].astype(str), strict=True))
    x_start = dict(zip(ev.index, mdates.date2num(start), strict=True))
    x_end = dict(zip(ev.index, mdates.date2num(end), strict=True))
    y = 0.0
    rows_top, rows_bottom = {}, {}
    shapes: dict[str, tuple[list, list, list]] = {}
    for lane, value in enumerate(order):
        above = sum(h for lv, h in used[lane].items() if lv < 0)
        below = sum(h for lv, h in used[lane].items() if lv > 0)
        band = (header_h + above + slots[lane] * row_h + below + lane_gap) * scale
        if lane % 2 == 0:
            _add_patch(ax, Rectangle((0, y), 1, band - lane_gap * scale / 2, color="0.95",
                                     zorder=0, lw=0,
                                     transform=ax.get_yaxis_transform(which="grid")), quick)
        n = int(lane_n.get(value, 0))
        _text(ax, 0.004, y + 2, f"{value}  ({n})", quick=quick,
              transform=ax.get_yaxis_transform(), ha="left", va="top", fontsize=fs,
              fontweight="bold", color="0.15", zorder=5)
        top_rows = y + (header_h + above) * scale
        rows_top[lane] = top_rows
        rows_bottom[lane] = top_rows + slots[lane] * row_h * scale
        for bx, count in _badges(items[lane], gap=marker * 2):
            _text(ax, xlo + bx / width * (xhi - xlo),
                  top_rows + (slots[lane] - 0.5) * row_h * scale, f"+{count}", quick=quick,
                  ha="center", va="center", fontsize=fs_label, color="0.2",
                  fontweight="bold", zorder=5)
        for it in items[lane]:
            if it.slot < 0:
                continue
            c = colors.get(color_of[it.row], _GREY)
            m = markers.get(color_of[it.row], "o")
            yy = top_rows + (it.slot + 0.5) * row_h * scale
            xs, xe = x_start[it.row], x_end[it.row]
            gid = f"event:{id_of[it.row]}"
            if it.kind == "fuzzy":
                _add_patch(ax, Rectangle((xs, yy - bar), xe - xs, 2 * bar, facecolor=c,
                                         alpha=0.35, edgecolor=c, lw=0.8, ls=":", zorder=2,
                                         gid=gid), quick)
            elif it.kind == "days":
                _add_patch(ax, Rectangle((xs, yy - bar / 2), xe - xs, bar, facecolor=c,
                                         edgecolor="none", alpha=0.85, zorder=2, gid=gid),
                           quick)
            if it.kind != "fuzzy":
                points = shapes.setdefault(m, ([], [], []))
                points[0].append(xs)
                points[1].append(yy)
                points[2].append(c)
        y += band
    for m, (xs_, ys_, cs_) in shapes.items():  # one collection per shape: far quicker to draw
        ax.scatter(xs_, ys_, s=marker ** 2, marker=m, c=cs_, edgecolors="0.15",
                   linewidths=0.6, zorder=4)

    item_of = {it.row: it for lane in items for it in lane}
    leaders: list[list[tuple[float, float]]] = []
    for i, (lane, level, a, anchor) in placed.items():
        it = item_of[i]
        y_marker = rows_top[lane] + (it.slot + 0.5) * row_h * scale
        step = 1 if level > 0 else -1
        before = sum(used[lane][lv] for lv in range(step, level, step)) * scale
        if level < 0:
            y_text, va = rows_top[lane] - before - 2, "bottom"
        else:
            y_text, va = rows_bottom[lane] + before + 2, "top"
        x_text = xlo + (a / width) * (xhi - xlo)
        x_anchor = xlo + (anchor / width) * (xhi - xlo)
        leaders.append([(x_anchor, y_marker), (x_anchor, y_text)])
        _text(ax, x_text, y_text, texts[i], quick=quick, ha="left", va=va, fontsize=fs_label,
              color="0.1", linespacing=1.2, zorder=6)
    if leaders:  # one collection, not a line per label
        ax.add_collection(LineCollection(leaders, colors="0.55", linewidths=0.6, zorder=3),
                          autolim=False)

    # ---- date axis --------------------------------------------------------------------------
    days = hi - lo
    daily = days <= pd.Timedelta(days=62)
    _date_axis(ax, lo, hi, width, quick)

    # ---- legend, title, alt text ---------------------------------------------------------
    handles = [Line2D([], [], ls="", marker=markers.get(str(c), "o"), markersize=fs * 0.8,
                      markerfacecolor=colors.get(str(c), _GREY), markeredgecolor="0.15",
                      label=str(c)) for c in legend_values]
    if has_days:
        handles.append(Patch(facecolor="0.45", label="lasted several days"))
    if has_fuzzy:
        handles.append(Patch(facecolor="0.45", alpha=0.35, edgecolor="0.3", ls=":",
                             label="date known to the month or year"))
    _legend(ax, handles, quick=quick, loc="upper left", ncol=ncol, fontsize=fs * 0.85,
            bbox_to_anchor=(0, 0), bbox_transform=offset_copy(ax.transAxes, fig=fig,
                                                             y=-axis_pt, units="points"),
            frameon=False, handletextpad=0.4, columnspacing=1.2, borderaxespad=0)
    if any(it.slot < 0 for lane in items for it in lane):
        _footnote(ax, "+N: more events than fit at that date; zoom in with period=(start, end).",
                  below=axis_pt + legend_pt - fs * 0.6, quick=quick)
    first, last = ev["date_start"].min(), ev["date_end"].fillna(ev["date_start"]).max()
    span = _span_text(*window) if window is not None else _span_text(first, last)
    ax.set_title(f"{_plural(len(ev), 'event')}, {span}, by {by.replace('_', ' ')}",
                 loc="left", fontsize=fs * 1.15, fontweight="bold", pad=fs * 0.8,
                 **_title_at_top(quick))

    counts = ", ".join(f"{v} {int(lane_n.get(v, 0))}" for v in order)
    monthly = not daily and days <= pd.Timedelta(days=3 * 366)
    unit = "day" if daily else "month" if monthly else "year"
    key = (ev["date_start"].dt.normalize() if daily
           else ev["date_start"].dt.to_period("M") if monthly else ev["date_start"].dt.year)
    busiest = key.value_counts(sort=False).sort_index().sort_values(ascending=False,
                                                                    kind="stable")
    peak, peak_n = busiest.index[0], int(busiest.iloc[0])
    peak_text = (_day(pd.Timestamp(peak)) if daily
                 else f"{peak.strftime('%B %Y')}" if monthly else str(peak))
    scale_text = {"day": "day by day", "month": "month by month", "year": "by year"}[unit]
    alt = (f"Timeline of {_plural(len(ev), 'event')}, {span}, {scale_text}, in "
           f"{_plural(len(order), 'lane')} by {by.replace('_', ' ')} ({counts}), markers "
           f"coloured by {color}; the busiest {unit}"
           f" is {peak_text} with {_plural(peak_n, 'event')}, and "
           f"{_plural(len(placed), 'event')} {'is' if len(placed) == 1 else 'are'} labelled.")
    _set_alt(ax, alt)
    return ax


# --------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------

_FREQS = ("year", "decade")


def _palette(column: str, values: Sequence[object]) -> dict[str, str]:
    if column == "thread":
        return {str(v): THREAD_COLORS.get(str(v), _GREY) for v in values}
    if column == "category":
        return {str(v): CATEGORY_COLORS.get(str(v), _GREY) for v in values}
    cycle = [OKABE_ITO[k] for k in ("blue", "orange", "bluish green", "vermillion",
                                    "reddish purple", "sky blue", "yellow", "black")]
    return {str(v): cycle[i % len(cycle)] for i, v in enumerate(values)}


def plot_counts(
    events: pd.DataFrame,
    *,
    by: str = "thread",
    freq: str = "decade",
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars: how many events per year or decade, split by thread or category.

    Parameters
    ----------
    events : frame from ``load_events()`` (any rows).
    by : one of ``LANE_COLUMNS`` (thread, category, date_precision, contested,
        in_seed_article).
    freq : ``"decade"`` or ``"year"`` (years without events show as gaps).
    """
    ev = _events(events)
    by = _one_of("by", by, [c for c in LANE_COLUMNS if c in ev.columns])
    freq = _one_of("freq", freq, _FREQS)
    ax, owned = _axes(ax, (10, 5.2))
    ev = ev.loc[ev["date_start"].notna()]
    if ev.empty:
        return _empty(ax, "No events to count: the selection is empty.",
                      "An empty bar chart: no events match the selection.")
    table = _explore.count_events(ev, by=by, freq=freq)
    table = table.loc[:, table.sum(axis=0) > 0]
    step = 10 if freq == "decade" else 1
    full = range(int(table.index.min()), int(table.index.max()) + step, step)
    table = table.reindex(full, fill_value=0)
    colors = _palette(by, table.columns)
    width = 0.82 * step
    bottom = np.zeros(len(table))
    x = np.asarray(table.index, dtype=float) + (step / 2 if freq == "decade" else 0)
    for column in table.columns:
        values = table[column].to_numpy()
        ax.bar(x, values, width=width, bottom=bottom, color=colors[column], label=column,
               edgecolor="white", linewidth=0.5 if freq == "decade" else 0.2)
        bottom += values
    totals = table.sum(axis=1)
    fs = _points("medium")
    fig_w = ax.figure.get_size_inches()[0] * ax.get_position().width * 72
    if fig_w / len(table) >= fs * 1.6:  # room for a number over every bar
        for xi, total in zip(x, totals, strict=True):
            if total:
                ax.annotate(str(int(total)), (xi, total), xytext=(0, 2),
                            textcoords="offset points", ha="center", va="bottom",
                            fontsize=fs * 0.8, color="0.25")
    ax.set_xlim(x.min() - step * 0.7, x.max() + step * 0.7)
    ax.set_ylim(0, max(totals.max() * 1.12, 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if freq == "decade":
        ax.set_xticks(x)
        labels = [f"{int(d)}s" for d in table.index]
        ax.set_xticklabels(labels, rotation=0 if fig_w / len(table) >= fs * 3.2 else 45,
                           ha="center" if fig_w / len(table) >= fs * 3.2 else "right")
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=max(4, int(fig_w // 50)),
                                                          integer=True))
    ax.set_ylabel(f"events per {freq}")
    ax.grid(axis="y", color="0.88", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles, labels_ = ax.get_legend_handles_labels()
    # Inside, top left, unless tall bars stand there: then outside, on the right.
    left = totals.iloc[: max(1, int(len(totals) * 0.4))]
    inside = left.max() <= 0.5 * totals.max() or len(totals) == 1
    ax.legend(handles[::-1], labels_[::-1], title=by.replace("_", " "),
              loc="upper left", bbox_to_anchor=(0, 1) if inside else (1.01, 1),
              frameon=False, fontsize=fs * 0.85, title_fontsize=fs * 0.9)
    period = (f"{int(table.index.min())}s–{int(table.index.max())}s" if freq == "decade"
              else f"{int(table.index.min())}–{int(table.index.max())}")
    ax.set_title(f"Events per {freq} by {by.replace('_', ' ')}, {period}", loc="left",
                 fontsize=fs * 1.15, fontweight="bold")

    def label(p: object) -> str:
        return f"the {int(p)}s" if freq == "decade" else str(int(p))

    top = totals.sort_values(ascending=False, kind="stable")
    peak = top.index[0]
    parts = ", ".join(f"{c} {int(table.at[peak, c])}" for c in table.columns
                      if table.at[peak, c])
    alt = (f"Bar chart of {_plural(int(totals.sum()), 'event')} per {freq}, {period}, stacked "
           f"by {by.replace('_', ' ')}: {label(peak)} {'have' if freq == 'decade' else 'has'} "
           f"the most ({int(top.iloc[0])}: "
           f"{parts})")
    if len(top) > 1 and top.iloc[1] > 0:
        alt += f", then {label(top.index[1])} ({int(top.iloc[1])})"
    _set_alt(ax, alt + ".")
    return ax


# --------------------------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """A map preset: its title and its box in degrees (longitude, latitude)."""

    title: str
    lon: tuple[float, float]
    lat: tuple[float, float]


REGIONS = {
    "south-caucasus": Region("the South Caucasus", (43.0, 50.8), (38.2, 42.2)),
    "south-asia": Region("South Asia", (60.0, 92.0), (5.5, 38.0)),
    "both": Region("the South Caucasus and South Asia", (26.0, 92.5), (17.0, 46.0)),
    "kashmir": Region("Kashmir and its surroundings", (71.5, 80.5), (31.0, 37.3)),
}
_KASHMIR_BOX = (72.0, 81.0, 32.0, 37.5)
_LAND, _LAND_NAMED, _SEA = "#F3F0E8", "#E6DDC6", "#DDEBF4"


def _basemap_folder() -> Path:
    """The basemap shipped with the package (never a teacher's data copy: it has none)."""
    return _data._packaged_data() / "basemap"


@lru_cache(maxsize=4)
def _read_geojson(name: str) -> dict:
    path = _basemap_folder() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ChartError(f"the basemap file {path} is missing; reinstall the package or "
                         "rebuild it with scripts/build_basemap.py") from exc


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _polygon_path(polygons: list[list[list[list[float]]]]) -> MPath:
    verts, codes = [], []
    for polygon in polygons:
        for ring in polygon:
            verts += ring
            codes += [MPath.MOVETO] + [MPath.LINETO] * (len(ring) - 2) + [MPath.CLOSEPOLY]
    return MPath(np.asarray(verts, dtype=float), codes)


def _clip_box(ring: list[list[float]], box: tuple[float, float, float, float]) -> np.ndarray:
    """Sutherland–Hodgman clip of a ring to (x0, x1, y0, y1); returns the clipped vertices."""
    pts = [tuple(p) for p in ring]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    x0, x1, y0, y1 = box

    def cut_x(x: float):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def cut_y(y: float):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cut in ((lambda p: p[0] >= x0, cut_x(x0)), (lambda p: p[0] <= x1, cut_x(x1)),
                        (lambda p: p[1] >= y0, cut_y(y0)), (lambda p: p[1] <= y1, cut_y(y1))):
        out = []
        for i, q in enumerate(pts):
            p = pts[i - 1]
            if inside(q):
                if not inside(p):
                    out.append(cut(p, q))
                out.append(q)
            elif inside(p):
                out.append(cut(p, q))
        pts = out
        if not pts:
            break
    return np.asarray(pts, dtype=float).reshape(-1, 2)


def _centroid(pts: np.ndarray) -> tuple[float, float, float]:
    """Area and centroid (x, y) of a simple polygon's vertices."""
    if len(pts) < 3:
        return 0.0, float("nan"), float("nan")
    x, y = pts[:, 0], pts[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    cross = x * yn - xn * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return 0.0, float("nan"), float("nan")
    return abs(area), float(((x + xn) * cross).sum() / (6 * area)), float(
        ((y + yn) * cross).sum() / (6 * area))


def _segments_hit_boxes(p: np.ndarray, q: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Does each segment ``p[j]``-``q[j]`` (arrays of shape (m, 2)) pass through each box (rows
    x0, x1, y0, y1)? An (n boxes, m segments) boolean array (Liang–Barsky, for all at once)."""
    t0 = np.zeros((len(boxes), len(p)))
    t1 = np.ones((len(boxes), len(p)))
    miss = np.zeros((len(boxes), len(p)), dtype=bool)
    sides = ((boxes[:, 0:1], boxes[:, 1:2]), (boxes[:, 2:3], boxes[:, 3:4]))
    for axis, (lo, hi) in enumerate(sides):
        start = p[:, axis]
        d = q[:, axis] - start
        flat = np.abs(d) < 1e-9
        with np.errstate(divide="ignore", invalid="ignore"):
            a, b = (lo - start) / d, (hi - start) / d
        a, b = np.minimum(a, b), np.maximum(a, b)
        new0, new1 = np.maximum(t0, a), np.minimum(t1, b)
        miss |= np.where(flat, (start < lo) | (start > hi), new0 > new1)
        t0, t1 = np.where(flat, t0, new0), np.where(flat, t1, new1)
    return ~miss


def _segments_cross(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float],
                    s: tuple[float, float]) -> bool:
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(p, q, r) * side(p, q, s) < 0 and side(r, s, p) * side(r, s, q) < 0


@lru_cache(maxsize=16)
def _label_tries(rings: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The places :meth:`_Placer.place` tries, in order: 8 round the marker (ring 0), 16 on
    each further ring; as (the ring's extra distance, cos, sin of the direction) arrays."""
    if not rings or rings[0] != 0 or list(rings) != sorted(set(rings)):
        raise ValueError(f"rings must start at 0 and grow, not {rings}")
    extra, cos, sin = [], [], []
    for ring in rings:
        steps = 8 if ring == 0 else 16
        for k in range(steps):
            angle = 2 * math.pi * k / steps
            extra.append(ring)
            cos.append(math.cos(angle))
            sin.append(math.sin(angle))
    return (np.asarray(extra, dtype=float), np.asarray(cos), np.asarray(sin))


class _Placer:
    """Greedy label placement in display points.

    No label overlaps another label, another marker, a leader line or the frame, and no leader
    line (drawn when a label has to stand apart from its marker) crosses a label, a marker or
    another leader.
    """

    def __init__(self, ax: Axes, quick: _Quick | None = None):
        fig = ax.figure
        ax.apply_aspect()
        self.ax = ax
        self.quick = quick
        #: leaders to draw: (the marker at data x, y; the leader's ends in points from it)
        self.leader_lines: list[tuple[tuple[float, float], tuple[float, float],
                                      tuple[float, float]]] = []
        self.scale = 72 / fig.dpi  # display pixels -> points
        box = ax.get_window_extent()
        self.frame = (box.x0 * self.scale, box.x1 * self.scale, box.y0 * self.scale,
                      box.y1 * self.scale)
        self.boxes: list[tuple[float, float, float, float]] = []
        self.marker_boxes: list[tuple[float, float, float, float]] = []
        self.leaders: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def to_pt(self, x: float, y: float) -> tuple[float, float]:
        px, py = self.ax.transData.transform((x, y))
        return px * self.scale, py * self.scale

    def block(self, x: float, y: float, radius: float) -> None:
        """Mark a marker of ``radius`` points at data (x, y) as taken."""
        cx, cy = self.to_pt(x, y)
        self.marker_boxes.append((cx - radius, cx + radius, cy - radius, cy + radius))

    def free(self, box: tuple[float, float, float, float], pad: float = 1.5,
             ignore: tuple[float, float, float, float] | None = None, *,
             leaders: bool = True) -> bool:
        """Inside the frame, clear of every label and leader, well clear of other markers."""
        return bool(self._free_all(np.asarray([box], dtype=float), pad, ignore,
                                   leaders=leaders)[0])

    def _free_all(self, boxes: np.ndarray, pad: float = 1.5,
                  ignore: tuple[float, float, float, float] | None = None, *,
                  leaders: bool = True) -> np.ndarray:
        """:meth:`free` for many boxes at once (rows x0, x1, y0, y1): a boolean per box."""
        fx0, fx1, fy0, fy1 = self.frame
        x0, x1, y0, y1 = (boxes[:, i:i + 1] for i in range(4))
        ok = ~((x0 < fx0 + 2) | (x1 > fx1 - 2) | (y0 < fy0 + 2) | (y1 > fy1 - 2))[:, 0]
        for taken, gap in ((self.boxes, pad), (self.marker_boxes, pad + 3)):
            taken = np.asarray([b for b in taken if b != ignore], dtype=float).reshape(-1, 4)
            ok &= ((x1 + gap <= taken[:, 0]) | (x0 - gap >= taken[:, 1])
                   | (y1 + gap <= taken[:, 2]) | (y0 - gap >= taken[:, 3])).all(axis=1)
        if leaders and self.leaders:
            grown = np.hstack([x0 - pad, x1 + pad, y0 - pad, y1 + pad])
            ends = np.asarray(self.leaders, dtype=float)
            ok &= ~_segments_hit_boxes(ends[:, 0], ends[:, 1], grown).any(axis=1)
        return ok

    def _leaders_ok(self, labels: np.ndarray, own: tuple[float, float, float, float],
                    marker: tuple[float, float]) -> np.ndarray:
        """For labels apart from their marker (rows x0, x1, y0, y1, the marker's box ``own``
        centred on ``marker``), may each stand there with a leader from its centre? A boolean
        per label. For each other marker: the leader may not cross it, nor pass within 5
        points of it, and the label may not stand nearer to it than to its own marker (markers
        on top of its own, and those of its own cluster, within 8 points, are excepted); nor
        may the leader cross another label. (Crossing another leader: :meth:`place` checks.)
        """
        l0, l1, l2, l3 = labels.T
        starts = np.column_stack([(l0 + l1) / 2, (l2 + l3) / 2])
        ends = np.broadcast_to(np.asarray(marker, dtype=float), starts.shape)
        near = np.asarray([min(math.hypot(max(own[0] - b[1], b[0] - own[1], 0),
                                          max(own[2] - b[3], b[2] - own[3], 0)) + 4, 20.0)
                           for b in labels.tolist()])
        ok = np.ones(len(labels), dtype=bool)
        markers = np.asarray(self.marker_boxes, dtype=float).reshape(-1, 4)
        if len(markers):
            m0, m1, m2, m3 = (markers[:, i:i + 1] for i in range(4))

            def near_own(margin: float) -> np.ndarray:
                return ~((m1 < own[0] - margin) | (m0 > own[1] + margin)
                         | (m3 < own[2] - margin) | (m2 > own[3] + margin))

            gx = np.maximum(np.maximum(m0 - l1, l0 - m1), 0)
            gy = np.maximum(np.maximum(m2 - l3, l2 - m3), 0)
            gap = np.hypot(gx, gy)
            # numpy's hypot and math's may differ in the last bit: at the threshold, math's.
            for k, j in zip(*np.nonzero(np.abs(gap - near) <= 1e-9 * near), strict=True):
                gap[k, j] = math.hypot(gx[k, j], gy[k, j])
            skip = (markers == np.asarray(own)).all(axis=1, keepdims=True) | near_own(0)
            hits = _segments_hit_boxes(starts, ends, markers)
            wide = _segments_hit_boxes(starts, ends, markers + [-5, 5, -5, 5])
            ok &= ~(~skip & (hits | (~near_own(8) & ((gap < near) | wide)))).any(axis=0)
        taken = np.asarray(self.boxes, dtype=float).reshape(-1, 4)
        ok &= ~_segments_hit_boxes(starts, ends, taken).any(axis=0)
        return ok

    def place(self, x: float, y: float, text: str, size: float, radius: float,
              rings: Sequence[float] = (0, 10, 22, 36, 55, 80, 110), **kwargs) -> bool:
        """Put ``text`` next to the marker at data (x, y); False when nowhere is free.

        The places tried, in order: 8 round the marker, then 16 on each wider ring (those
        with a leader back to the marker); the first free one is taken.
        """
        w, h = _text_size(text, size)
        cx, cy = self.to_pt(x, y)
        own = (cx - radius, cx + radius, cy - radius, cy + radius)
        extra, cos, sin = _label_tries(tuple(rings))
        r = radius + 2 + extra
        dx, dy = r * cos, r * sin
        left, right = dx > 0.3 * r, dx < -0.3 * r
        above, below = dy > 0.3 * r, dy < -0.3 * r
        x0 = cx + dx - np.where(left, 0, np.where(right, w, w / 2))
        y0 = cy + dy - np.where(above, 0, np.where(below, h, h / 2))
        boxes = np.column_stack([x0, x0 + w, y0, y0 + h])
        first = extra == 0
        free = np.zeros(len(boxes), dtype=bool)
        free[first] = self._free_all(boxes[first], ignore=own)  # (its own marker may be in it)
        if not free.any():  # nowhere right by the marker: further out, with a leader
            free[~first] = self._free_all(boxes[~first])
            apart = ~first & free
            free[apart] = self._leaders_ok(boxes[apart], own, (cx, cy))
        for i in np.flatnonzero(free):
            box = tuple(boxes[i].tolist())
            if extra[i]:
                # The leader runs from the label's centre (clipped at its box) to the marker.
                centre = ((box[0] + box[1]) / 2, (box[2] + box[3]) / 2)
                if any(_segments_cross(centre, (cx, cy), a, b) for a, b in self.leaders):
                    continue
                self.leaders.append((centre, (cx, cy)))
            ha = "left" if left[i] else "right" if right[i] else "center"
            va = "bottom" if above[i] else "top" if below[i] else "center"
            dx_i, dy_i = float(dx[i]), float(dy[i])
            self.boxes.append(box)
            if self.quick is not None:
                _text(self.ax, x, y, text, quick=self.quick, ha=ha, va=va, fontsize=size,
                      transform=offset_copy(self.ax.transData, fig=self.ax.figure, x=dx_i,
                                            y=dy_i, units="points"), **kwargs)
            else:
                self.ax.annotate(text, (x, y), xytext=(dx_i, dy_i), textcoords="offset points",
                                 ha=ha, va=va, fontsize=size, **kwargs)
            if extra[i]:
                self._leader(x, y, box, size, radius, kwargs.get("bbox"))
            return True
        return False

    def _leader(self, x: float, y: float, box: tuple[float, float, float, float], size: float,
                radius: float, bbox: dict | None) -> None:
        """A leader from a label's ``box`` to its marker at data (x, y), into ``leader_lines``
        (drawn as one collection by :meth:`draw_leaders`): where an annotation's arrow would
        run (from the label's centre, 1 point clear of its background box, or of 2 points round
        the text when it has none, to 1 point clear of the marker), without working out a
        clipped arrow at every drawing."""
        cx, cy = self.to_pt(x, y)
        bx, by = (box[0] + box[1]) / 2, (box[2] + box[3]) / 2
        dx, dy = cx - bx, cy - by
        length = math.hypot(dx, dy)
        if not length:
            return
        style = bbox.get("boxstyle", "square") if bbox else None
        style = BoxStyle(style) if isinstance(style, str) else style
        grow = getattr(style, "pad", 0.3) * size if style is not None else 2.0
        half_w, half_h = (box[1] - box[0]) / 2 + grow, (box[3] - box[2]) / 2 + grow
        # Out of the grown box along the leader, then a point further (the arrow's shrinkA).
        out = min(half_w / abs(dx) if dx else math.inf,
                  half_h / abs(dy) if dy else math.inf) + 1 / length
        end = 1 - (radius + 1) / length
        if out < end:
            self.leader_lines.append(((x, y), (bx + dx * out - cx, by + dy * out - cy),
                                      (bx + dx * end - cx, by + dy * end - cy)))

    def draw_leaders(self) -> None:
        """Draw the labels' leaders (one collection)."""
        if not self.leader_lines:
            return
        # In points from each marker, as the labels are: they stay together if the figure is
        # resized (as scatter markers are drawn).
        anchors = [a for a, _, _ in self.leader_lines]
        segments = [(start, end) for _, start, end in self.leader_lines]
        fig = self.ax.figure
        self.ax.add_collection(LineCollection(
            segments, colors="0.3", linewidths=0.8, zorder=8, offsets=anchors, gid="leaders",
            clip_on=False,  # (as their labels, and annotation arrows, are not clipped)
            offset_transform=self.ax.transData,
            transform=Affine2D().scale(1 / 72) + fig.dpi_scale_trans), autolim=False)


def _size_pt(value: float, size: str) -> float:
    """Marker diameter in points for a place with ``value`` events or people killed."""
    if size == "count":
        return 7 + 4.5 * math.sqrt(max(value, 1) - 1 + 1e-9) if value > 1 else 8.0
    return 7 + 6 * math.log10(1 + value) if value > 0 else 7.0


def plot_map(
    events: pd.DataFrame,
    *,
    region: str = "both",
    places: pd.DataFrame | None = None,
    size: str = "count",
    labels: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Where the events happened, on offline Natural Earth country outlines.

    One marker per place, sized by its number of events (``size="count"``) or by the people
    reported killed there (``size="fatalities"``, using ``fatalities_best``), coloured by the
    thread most of its events belong to; a ring instead of a dot means the coordinates stand
    for a whole country or region. Place names are placed so they never collide. In Kashmir the
    de facto lines are dashed and the disputed area hatched (approximate). Events outside the
    region, or without coordinates, are counted in the footnote.

    Parameters
    ----------
    region : one of ``REGIONS``: ``"south-caucasus"``, ``"south-asia"``, ``"both"``.
    places : the gazetteer (default: ``load_places()``).
    size : ``"count"`` or ``"fatalities"``.
    """
    ev, region, size, places = _map_arguments(events, region, size, places)
    ax, owned = _axes(ax, (10, 7.5))
    base = _basemap(ax, region)
    _map_events(ax, base, ev, places, size=size, labels=labels)
    if owned:
        _widen_for_legend(ax)
    return ax


def _widen_for_legend(ax: Axes) -> None:
    """Widen the chart's own figure so the legend beside the map fits inside it.

    The map keeps its size in inches; only the figure grows to the right. A figure that holds
    all it draws can be shown from a single drawing (see :func:`show`).
    """
    legend = ax.get_legend()
    fig = ax.figure
    if legend is None or fig.get_layout_engine() is not None:  # a layout engine fits it itself
        return
    ax.apply_aspect()
    right = legend.get_window_extent().x1 / fig.dpi + 0.1  # (any backend finds a renderer)
    width, height = fig.get_size_inches()
    if right <= width:
        return
    box = ax.get_position(original=True)
    fig.set_size_inches(right, height)
    ax.set_position([box.x0 * width / right, box.y0, box.width * width / right, box.height])


def _map_arguments(events: object, region: object, size: object,
                   places: object) -> tuple[pd.DataFrame, str, str, pd.DataFrame]:
    ev = _events(events)
    region = _one_of("region", region, list(REGIONS))
    size = _one_of("size", size, ["count", "fatalities"])
    if size == "fatalities" and "fatalities_best" not in ev.columns:
        raise ChartError('size="fatalities" needs the fatalities_best column of load_events()')
    places = _data.load_places() if places is None else places
    _require(places, ("place_id", "name", "lat", "lon"), "places", "load_places()")
    return ev, region, size, places


@dataclass
class _Basemap:
    """What :func:`_basemap` drew: the country patches (by ISO3) and where names could go."""

    region: str
    countries: list[tuple[str, PathPatch]]
    names: list[tuple[float, str, float, float]]  # (area, name, lon, lat), largest first
    kashmir: bool
    #: quick: ``countries`` are overlays for the named countries (shown or hidden), on top of
    #: a kept image of every country unshaded
    overlays: bool = False


class _Patches:
    """Draws patches that belong to an Axes without being its children (the kept basemap)."""

    def __init__(self, patches: list[PathPatch]):
        self.patches = patches

    def draw(self, renderer: object) -> None:
        for patch in self.patches:
            patch.draw(renderer)


@lru_cache(maxsize=1)
def _country_shapes() -> list[tuple[str, str, list, MPath]]:
    """(ISO3, name, polygons, path) of every country of the basemap."""
    shapes = []
    for feature in _read_geojson("countries.geojson")["features"]:
        polygons = _rings(feature["geometry"])
        shapes.append((feature["properties"]["iso_a3"], feature["properties"]["name"],
                       polygons, _polygon_path(polygons)))
    return shapes


@lru_cache(maxsize=8)
def _country_names(view: tuple[float, float, float, float]) -> list[tuple]:
    """Where a country's name can go in ``view``: the centre of its largest part in view."""
    lon0, lon1, lat0, lat1 = view
    names = []
    for _, name, polygons, _ in _country_shapes():
        best = max((_centroid(_clip_box(p[0], view)) for p in polygons), key=lambda c: c[0])
        if best[0] >= 0.012 * (lon1 - lon0) * (lat1 - lat0):
            names.append((best[0], name, best[1], best[2]))
    return sorted(names, reverse=True)


def _basemap(ax: Axes, region: str, quick: _Quick | None = None) -> _Basemap:
    """The map's frame, sea, countries and Kashmir's lines: what does not depend on events.

    ``quick``: the countries are drawn once, kept as an image, and pasted at every drawing;
    a named country gets a shaded copy on top (see _map_events).
    """
    preset = REGIONS[region]
    (lon0, lon1), (lat0, lat1) = preset.lon, preset.lat
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)), adjustable="box")
    ax.set_facecolor(_SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("0.6")
    # The limits are set, so the patches are added without updating data limits (add_patch
    # would walk every outline's curves: most of the time a map took).
    countries = []
    if quick is not None:
        land = []
        for _, _, _, path in _country_shapes():
            patch = PathPatch(path, facecolor=_LAND, edgecolor="0.55", lw=0.6, zorder=1)
            patch.set_figure(ax.figure)
            patch.set_transform(ax.transData)
            patch.set_clip_path(ax.patch)
            land.append(patch)
        box = tuple(np.round(ax.get_position().bounds, 6))
        ax.add_artist(_Sprite(("basemap", region, box, tuple(ax.figure.get_size_inches()),
                               _LAND, _SEA), ax.transAxes, (0, 0), lambda: _Patches(land), 1))
    for code, _, _, path in _country_shapes():
        if quick is not None:
            patch = PathPatch(path, facecolor=_LAND_NAMED, edgecolor="0.55", lw=0.6, zorder=1,
                              visible=False)
        else:
            patch = PathPatch(path, facecolor=_LAND, edgecolor="0.55", lw=0.6, zorder=1)
        ax.add_artist(patch)
        countries.append((code, patch))
    # Kashmir: de facto lines and the approximate disputed area.
    kx0, kx1, ky0, ky1 = _KASHMIR_BOX
    kashmir = kx1 > lon0 and kx0 < lon1 and ky1 > lat0 and ky0 < lat1
    if kashmir:
        for feature in _read_geojson("kashmir.geojson")["features"]:
            if feature["properties"]["kind"] == "disputed area":
                ax.add_artist(PathPatch(_polygon_path(_rings(feature["geometry"])),
                                        facecolor="none", edgecolor="0.35", hatch="////",
                                        lw=0, zorder=2))
            else:
                xs, ys = zip(*feature["geometry"]["coordinates"], strict=True)
                ax.plot(xs, ys, color="0.15", lw=1.3, ls=(0, (3, 2)), zorder=3)
    return _Basemap(region, countries, _country_names((lon0, lon1, lat0, lat1)), kashmir,
                    overlays=quick is not None)


def _locate(ev: pd.DataFrame, places: pd.DataFrame) -> list[tuple]:
    """Each event's (place_id, name, lon, lat, precision, thread, countries, start, last,
    deaths), from the gazetteer (name and coordinates None where the place is not in it).

    Plain Python: for the few hundred rows of a selection it is much quicker than a merge.
    """
    cols = [c for c in ("place_id", "name", "lat", "lon", "geo_precision") if c in places]
    gaz = {}
    for row in places.loc[:, cols].itertuples(index=False, name=None):
        gaz.setdefault(row[0], dict(zip(cols, row, strict=True)))
    starts = ev["date_start"]
    lasts = ev["date_end"].fillna(starts)
    deaths = (pd.to_numeric(ev["fatalities_best"], errors="coerce") if "fatalities_best" in ev
              else pd.Series(np.nan, index=ev.index))
    out = []
    for place_id, thread, countries, first, last, dead in zip(
            ev["place_id"], ev["thread"].astype(str), ev["countries"], starts, lasts, deaths,
            strict=True):
        p = gaz.get(place_id, {})
        lat, lon = p.get("lat"), p.get("lon")
        xy = lat is not None and lon is not None and not (pd.isna(lat) or pd.isna(lon))
        out.append((place_id, p.get("name"), float(lon) if xy else None,
                    float(lat) if xy else None, p.get("geo_precision"), thread, countries,
                    first, last, dead))
    return out


def _place_groups(located: list[tuple], fatalities: bool) -> list[dict]:
    """One record per place: its events, main thread, deaths; most events first."""
    order = list(THREAD_COLORS)
    groups: dict[object, dict] = {}
    for place_id, name, lon, lat, precision, thread, _, _, _, dead in located:
        g = groups.get(place_id)
        if g is None:
            g = groups[place_id] = {
                "place_id": place_id, "name": str(name), "lon": lon, "lat": lat, "n": 0,
                "threads": {}, "killed": 0.0, "known": False,
                "broad": str(precision) in ("country", "region"),
            }
        g["n"] += 1
        g["threads"][thread] = g["threads"].get(thread, 0) + 1
        if fatalities and not pd.isna(dead):
            g["killed"] += float(dead)
            g["known"] = True
    for g in groups.values():
        threads = g.pop("threads")
        g["thread"] = sorted(threads, key=lambda t: (-threads[t], order.index(t) if t in order
                                                     else 99))[0]
    return sorted(groups.values(), key=lambda r: (-r["n"], r["name"]))


def _map_events(ax: Axes, base: _Basemap, ev: pd.DataFrame, places: pd.DataFrame, *,
                size: str = "count", labels: bool = True, quick: _Quick | None = None) -> None:
    """Everything on a map that depends on the events: on top of :func:`_basemap`."""
    region = base.region
    preset = REGIONS[region]
    (lon0, lon1), (lat0, lat1) = preset.lon, preset.lat
    every = _locate(ev, places)
    with_xy = [e for e in every if e[2] is not None]
    no_xy = len(every) - len(with_xy)
    located = [e for e in with_xy if lon0 <= e[2] <= lon1 and lat0 <= e[3] <= lat1]
    outside = [e for e in with_xy if not (lon0 <= e[2] <= lon1 and lat0 <= e[3] <= lat1)]
    named = {c for e in located for c in (e[6] if isinstance(e[6], list) else [])}
    for code, patch in base.countries:
        if base.overlays:
            patch.set_visible(code in named)
        else:
            patch.set_facecolor(_LAND_NAMED if code in named else _LAND)
    kashmir = base.kashmir
    handles: list[object] = []
    if kashmir:
        handles += [Patch(facecolor="none", edgecolor="0.35", hatch="////",
                          label="Kashmir: disputed (approximate)"),
                    Line2D([], [], color="0.15", lw=1.3, ls=(0, (3, 2)),
                           label="de facto line (approximate)")]

    # ---- events by place ------------------------------------------------------------------
    fs = _points("medium")
    if not located:
        where = preset.title
        message = f"No events to show in {where}."
        if not ev.empty:
            message += f" {_plural(len(ev), 'event')} lie outside it or have no coordinates."
        _text(ax, 0.5, 0.5, message, quick=quick, transform=ax.transAxes, ha="center",
              va="center", color="0.25", zorder=10,
              bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.85, "lw": 0})
    groups = _place_groups(located, "fatalities_best" in ev)
    placer = _Placer(ax, quick)
    marks = []
    for r in groups:
        d = _size_pt(r["n"] if size == "count" else r["killed"], size)
        r["d"] = d
        c = THREAD_COLORS.get(r["thread"], _GREY)
        hollow = r["broad"] if size == "count" else not r["known"]
        marks.append((r["lon"], r["lat"], d ** 2, "white" if hollow else c,
                      c if hollow else "0.15", 2.0 if hollow else 0.6))
        placer.block(r["lon"], r["lat"], d / 2)
    if marks:  # one collection for every place (drawn in the same order as one per place)
        lon, lat, s, face, edge, lw = zip(*marks, strict=True)
        ax.scatter(lon, lat, s=s, marker="o", zorder=6, facecolor=face, edgecolor=edge,
                   linewidths=lw, alpha=0.95)
    dropped: list[dict] = []
    if labels:
        for r in groups:
            name = r["name"].split(",")[0]
            if size == "fatalities":
                text = f"{name} ({r['killed']:,.0f} killed)" if r["known"] else name
            else:
                text = name if r["n"] == 1 else f"{name} ({r['n']})"
            ok = placer.place(r["lon"], r["lat"], text, fs * 0.82, r["d"] / 2, color="0.1",
                              zorder=8,
                              bbox={"boxstyle": "square,pad=0.1", "facecolor": _LAND,
                                    "alpha": 0.7, "lw": 0})
            if not ok:
                dropped.append(r)
        placer.draw_leaders()
    for _, name, x, y in base.names:
        w, h = _text_size(name, fs * 0.78)
        cx, cy = placer.to_pt(x, y)
        box = (cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2)
        if math.isfinite(cx) and placer.free(box, pad=2):
            placer.boxes.append(box)
            _text(ax, x, y, name, quick=quick, ha="center", va="center", fontsize=fs * 0.78,
                  color="0.45", style="italic", zorder=4)

    # ---- legend, notes, title, alt text ---------------------------------------------------
    # A quick map (redrawn at every filter change) keeps its legend whole, so that it stays
    # put: every thread, both kinds of marker, the shading and the sizes.
    whole = quick is not None
    threads_here = [t for t in THREAD_COLORS
                    if whole or any(r["thread"] == t for r in groups)]
    handles = [Line2D([], [], ls="", marker="o", markersize=fs * 0.8, markerfacecolor=
                      THREAD_COLORS[t], markeredgecolor="0.15", label=t) for t in threads_here
               ] + handles
    hollow_label = ("whole country or region" if size == "count"
                    else "no deaths reported")
    if whole or any(r["broad"] if size == "count" else not r["known"] for r in groups):
        handles.append(Line2D([], [], ls="", marker="o", markersize=fs * 0.8,
                              markerfacecolor="white", markeredgecolor="0.3", markeredgewidth=2,
                              label=hollow_label))
    if whole or named:
        handles.append(Patch(facecolor=_LAND_NAMED, edgecolor="0.55", lw=0.6,
                             label="country named in these events"))
    if whole or groups:
        refs = [1, 5, 20] if size == "count" else [10, 100, 1000]
        for v in refs:
            handles.append(Line2D([], [], ls="", marker="o", markersize=_size_pt(v, size),
                                  markerfacecolor="0.8", markeredgecolor="0.3",
                                  label=f"{v} {'event' if v == 1 else 'events'}"
                                  if size == "count" else f"{v:,} killed"))
    if handles:
        _legend(ax, handles, quick=quick, loc="upper left", bbox_to_anchor=(1.01, 1),
                frameon=False, fontsize=fs * 0.8, borderaxespad=0, labelspacing=0.9)
    notes = []
    if outside:
        where = pd.Series([e[1] for e in outside], dtype=places["name"].dtype).value_counts()
        shown = ", ".join(f"{n} ({k})" if k > 1 else str(n) for n, k in where.head(4).items())
        more = f" and {_plural(len(where) - 4, 'other place')}" if len(where) > 4 else ""
        notes.append(f"{_plural(len(outside), 'event')} elsewhere not shown: {shown}{more}.")
    if no_xy:
        notes.append(f"{_plural(no_xy, 'event')} without coordinates not shown "
                     "(its place is not in the gazetteer).")
    if dropped:
        zooms = [name for name, other in REGIONS.items() if name != region
                 and (other.lon[1] - other.lon[0]) < (lon1 - lon0)
                 and any(other.lon[0] <= r["lon"] <= other.lon[1]
                         and other.lat[0] <= r["lat"] <= other.lat[1] for r in dropped)]
        hint = (" (region=" + " or ".join(f'"{z}"' for z in zooms) + " shows them)"
                if zooms else "")
        notes.append(f"{_plural(len(dropped), 'place name')} left out where "
                     f"{'it' if len(dropped) == 1 else 'they'} would overlap{hint}.")
    if size == "fatalities" and any(r["broad"] and r["known"] for r in groups):
        notes.append("A marker for a whole country or region stands for deaths whose place the "
                     "sources give only as that country or region.")
    if kashmir:
        notes.append("Borders are de facto lines (Natural Earth 1:110m); in Kashmir the "
                     "hatched disputed area is approximate.")
    notes.append("Made with Natural Earth.")
    _footnote(ax, "\n".join(textwrap.fill(n, 110) for n in notes), below=4, quick=quick)
    span = ""
    if located:
        first = pd.Series([e[7] for e in located]).min()
        last = pd.Series([e[8] for e in located]).max()
        span = f", {_span_text(first, last)}"
    ax.set_title(f"Where {_plural(len(located), 'event')} happened: {preset.title}{span}",
                 loc="left", fontsize=fs * 1.15, fontweight="bold", **_title_at_top(quick))
    if groups and size == "count":
        top = ", ".join(f"{r['name']} ({r['n']})" for r in groups[:3])
        alt = (f"Map of {preset.title} with {_plural(len(located), 'event')} at "
               f"{_plural(len(groups), 'place')}{span}, marker size by number of events and "
               f"colour by thread; most events at {top}")
    elif groups:
        deadly = sorted((r for r in groups if r["killed"] > 0), key=lambda r: -r["killed"])
        top = ", ".join(f"{r['name']} ({r['killed']:,.0f})" for r in deadly[:3]) or "none"
        alt = (f"Map of {preset.title} with {_plural(len(located), 'event')} at "
               f"{_plural(len(groups), 'place')}{span}, marker size by people reported "
               f"killed and colour by thread; most deaths reported at {top}")
    else:
        alt = f"Map of {preset.title} with no events on it"
    if outside or no_xy:
        alt += f"; {_plural(len(outside) + no_xy, 'event')} elsewhere or without coordinates "
        alt += "are not shown"
    if kashmir:
        alt += "; Kashmir's de facto lines are dashed and its disputed area hatched"
    _set_alt(ax, alt + ".")


# --------------------------------------------------------------------------------------------
# Claims side by side
# --------------------------------------------------------------------------------------------

#: A colour per party, Okabe–Ito; parties not listed are grey.
PARTY_COLORS = {
    "PAK": OKABE_ITO["bluish green"], "IND": OKABE_ITO["orange"],
    "AZE": OKABE_ITO["sky blue"], "ARM": OKABE_ITO["vermillion"],
    "TUR": OKABE_ITO["reddish purple"], "international": OKABE_ITO["black"],
    "UN": OKABE_ITO["blue"], "seed": OKABE_ITO["yellow"],
}


def _fmt_value(v: float) -> str:
    v = float(v)
    for limit, word in ((1e9, "billion"), (1e6, "million")):
        if abs(v) >= limit:
            return f"{v / limit:.3g} {word}"
    return f"{v:,.0f}" if v == round(v) else f"{v:,.1f}"


def _pick_quantity(figures: pd.DataFrame) -> str:
    """The quantity with most claims; then most parties; then a death toll; then by name."""
    counts = figures["quantity"].value_counts()
    parties = figures.groupby("quantity")["party"].nunique()
    return sorted(counts.index, key=lambda q: (-counts[q], -parties[q], "killed" not in q,
                                               q.casefold()))[0]


def plot_claims(
    event_id: str,
    *,
    quantity: str | None = None,
    events: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Each claimant's figure for one event side by side, as a range, with its source under it.

    For example the people killed on 7 May 2025 by each party's count. The marker's shape gives
    the claim's status against the other sources (corroborated, disputed, unverified,
    contradicted). When the event has figures for several quantities, the one with most claims
    is drawn (ties go to a death toll) and the footnote names the others; ``quantity=`` picks.

    Parameters
    ----------
    event_id : an ``event_id`` of ``load_events()``.
    quantity : what is counted, as in ``load_claims()["quantity"]``, e.g. ``"people killed"``.
    events, claims, sources : the tables (default: the loaders' frames).
    """
    if not isinstance(event_id, str):
        raise ChartError(f"event_id must be a string such as '2025-05-07-indian-strikes-"
                         f"operation-sindoor', not {type(event_id).__name__}")
    events = _data.load_events() if events is None else events
    claims = _data.load_claims() if claims is None else claims
    sources = _data.load_sources() if sources is None else sources
    _require(events, ("event_id", "title", "date_start"), "events", "load_events()")
    _require(claims, ("event_id", "claimant", "party", "quantity", "value_low", "value_high",
                      "status", "stance", "source_id", "claim_id"), "claims", "load_claims()")
    _require(sources, ("source_id", "publisher", "published", "title"), "sources",
             "load_sources()")
    ids = set(events["event_id"].astype(str))
    if event_id not in ids:
        raise ChartError(f"no event with event_id {event_id!r}{_closest(event_id, ids)}; "
                         "event ids are listed in load_events()['event_id']")
    event = events.loc[events["event_id"] == event_id].iloc[0]
    figures = _explore.claim_figures(event_id, claims, sources)
    quantities = list(dict.fromkeys(figures["quantity"]))
    if quantity is not None and quantity not in quantities:
        allowed = ", ".join(repr(q) for q in quantities) or "none (no claim states a figure)"
        raise ChartError(f"quantity={quantity!r} is not claimed for {event_id}; claimed "
                         f"quantities: {allowed}")
    ax, owned = _axes(ax, (10, 4.5))
    fs = _points("medium")
    date = _day(pd.Timestamp(event["date_start"]))
    title = textwrap.fill(f"{event['title']} ({date})", 72)
    if figures.empty:
        n = int((claims["event_id"] == event_id).sum())
        ax.set_title(title, loc="left", fontsize=fs * 1.1, fontweight="bold")
        return _empty(ax, f"No claim states a figure for this event ({_plural(n, 'claim')} "
                          "without figures: see claims_for()).",
                      f"An empty chart: no figures are claimed for the event '{event['title']}' "
                      f"of {date}.")
    quantity = quantity or _pick_quantity(figures)
    shown = figures.loc[figures["quantity"] == quantity].reset_index(drop=True)
    others = [q for q in quantities if q != quantity]

    n = len(shown)
    ys = np.arange(n)[::-1].astype(float)
    top = float(shown["high"].max())
    xmax = top * 1.35 if top > 0 else 1.0
    title = (textwrap.fill(str(event["title"]), 80)
             + f"\n{date} · {quantity}: each claimant's figure")
    if owned:
        fig = ax.figure
        height = 1.5 + 0.78 * n + (0.25 if others else 0) + 0.35 * title.count("\n")
        fig.set_size_inches(10, height)
        fig.subplots_adjust(left=3.1 / 10, right=1 - 0.35 / 10,
                            top=1 - (0.55 + 0.3 * title.count("\n")) / height,
                            bottom=(1.15 + (0.25 if others else 0)) / height)
    ax.set_xlim(0, xmax)
    width_pt = ax.get_position().width * ax.figure.get_size_inches()[0] * 72
    for y, row in zip(ys, shown.itertuples(index=False), strict=True):
        c = PARTY_COLORS.get(row.party, _GREY)
        m = _STATUS_MARKERS.get(row.status, "o")
        lo_v, hi_v = float(row.low), float(row.high)
        if hi_v > lo_v:
            ax.plot([lo_v, hi_v], [y, y], color=c, lw=fs * 0.7, alpha=0.45,
                    solid_capstyle="butt", zorder=2)
        for v in {lo_v, hi_v}:
            ax.scatter([v], [y], s=(fs * 1.1) ** 2, marker=m, color=c, edgecolors="0.15",
                       linewidths=0.7, zorder=3)
        value = _fmt_value(lo_v) if hi_v == lo_v else f"{_fmt_value(lo_v)}–{_fmt_value(hi_v)}"
        text = f"{value}  ({row.status})"
        w = _text_size(text, fs * 0.9)[0] + fs
        room_right = (xmax - hi_v) / xmax * width_pt
        room_left = lo_v / xmax * width_pt
        if room_right >= w or room_right >= room_left:
            xy, dx, ha = (hi_v, y), fs * 0.9, "left"
        else:
            xy, dx, ha = (lo_v, y), -fs * 0.9, "right"
        ax.annotate(text, xy, xytext=(dx, 0), textcoords="offset points", va="center", ha=ha,
                    fontsize=fs * 0.9, color="0.15")
        label = textwrap.shorten(row.claimant, 66, placeholder="…")
        ax.annotate(textwrap.fill(label, 36), (0, y), xycoords=("axes fraction", "data"),
                    xytext=(-10, 1), textcoords="offset points", ha="right", va="bottom",
                    fontsize=fs * 0.85, color="0.05", linespacing=1.1)
        src = row.source if "source" in shown.columns else row.source_id
        ax.annotate(f"source: {textwrap.shorten(str(src), 46, placeholder='…')}", (0, y),
                    xycoords=("axes fraction", "data"), xytext=(-10, -2),
                    textcoords="offset points", ha="right", va="top", fontsize=fs * 0.72,
                    color="0.4", style="italic")
    ax.set_ylim(-0.7, n - 0.25)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _fmt_value(v)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], integer=True,
                                           min_n_ticks=3))
    ax.set_xlabel(quantity)
    ax.grid(axis="x", color="0.88", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    shift = {}
    if owned:  # start the title at the figure's edge, above the claimants' names
        shift = {"x": -3.0 / (ax.get_position().width * ax.figure.get_size_inches()[0])}
    ax.set_title(title, loc="left", fontsize=fs * 1.1, fontweight="bold", **shift)

    parties = list(dict.fromkeys(shown["party"]))
    handles = [Patch(facecolor=PARTY_COLORS.get(p, _GREY), edgecolor="0.15", lw=0.5,
                     label=_explore.country_name(p)) for p in parties]
    statuses = [s for s in _STATUS_MARKERS if s in set(shown["status"])]
    handles += [Line2D([], [], ls="", marker=_STATUS_MARKERS[s], markersize=fs * 0.8,
                       markerfacecolor="white", markeredgecolor="0.2", label=s)
                for s in statuses]
    below = fs * 3.4
    ax.legend(handles=handles, loc="upper left", ncol=min(len(handles), 4), frameon=False,
              fontsize=fs * 0.85, borderaxespad=0, columnspacing=1.2, handletextpad=0.4,
              bbox_to_anchor=(0, 0), bbox_transform=offset_copy(ax.transAxes, fig=ax.figure,
                                                                y=-below, units="points"))
    legend_rows = math.ceil(len(handles) / 4)
    if others:
        _footnote(ax, "Also claimed for this event: " + "; ".join(
            f"{q} ({int((figures['quantity'] == q).sum())})" for q in others)
            + ' — pick one with quantity="...".', below=below + legend_rows * fs * 1.6)

    names = ", ".join(_explore.country_name(p) for p in parties)
    listed = "; ".join(
        f"{textwrap.shorten(r.claimant, 50, placeholder='…')}: "
        f"{_fmt_value(r.low) if r.low == r.high else _fmt_value(r.low) + '–' + _fmt_value(r.high)}"
        f" ({r.status})" for r in shown.head(5).itertuples(index=False))
    more = f"; and {_plural(n - 5, 'more claim')}" if n > 5 else ""
    alt = (f"Figures claimed for '{event['title']}' ({date}), {quantity}, by "
           f"{_plural(len(parties), 'party', 'parties')} ({names}): {listed}{more}.")
    _set_alt(ax, alt)
    return ax


# --------------------------------------------------------------------------------------------
# Alignments
# --------------------------------------------------------------------------------------------


def _layout(nodes: list[str], edges: pd.DataFrame) -> dict[str, np.ndarray]:
    """Positions for the network: allies close, adversaries far apart (stress layout).

    Target distances: 1 between states that support each other, 2.4 between states that
    oppose each other, 1.7 otherwise; deterministic (the start is a circle in name order).
    """
    n = len(nodes)
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    index = {c: i for i, c in enumerate(nodes)}
    target = np.full((n, n), 1.7)
    for row in edges.itertuples(index=False):
        i, j = index[row.a], index[row.b]
        d = 1.0 if row.relation == "supports" else 2.4
        if target[i, j] == 1.7 or (d < target[i, j]):
            target[i, j] = target[j, i] = d
    np.fill_diagonal(target, 0)
    weight = np.where(target > 0, 1 / np.maximum(target, 1e-9) ** 2, 0)
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False) + 0.3
    pos = 1.2 * np.c_[np.cos(angle), np.sin(angle)]
    lap = -weight
    np.fill_diagonal(lap, weight.sum(axis=1))
    # The weighted Laplacian is the same at every step: its pseudo-inverse once (moving every
    # state alike is its null space, and changes no distance), not a least-squares solve a step.
    solve = np.linalg.pinv(lap)
    pulls = weight * target
    for _ in range(600):  # SMACOF iterations (Gansner, Koren and North's stress majorization)
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=-1)
        np.fill_diagonal(dist, 1)
        b = -pulls / dist
        np.fill_diagonal(b, 0)
        np.fill_diagonal(b, -b.sum(axis=1))
        pos = solve @ (b @ pos)
    pos -= pos.mean(axis=0)
    # Turn the picture so its long side is horizontal.
    _, vecs = np.linalg.eigh(np.cov(pos.T) if n > 2 else np.eye(2))
    pos = pos @ vecs[:, ::-1]
    pos /= np.abs(pos).max() or 1
    return {c: pos[index[c]] for c in nodes}


def _letter_marker(letter: str) -> MPath:
    """An italic letter as a marker, centred: like ``marker="$n$"`` without starting
    matplotlib's mathtext parser (a tenth of a second in a fresh kernel)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    glyph = TextPath((0, 0), letter, prop=FontProperties(style="italic"))
    lo, hi = glyph.vertices.min(axis=0), glyph.vertices.max(axis=0)
    return MPath(glyph.vertices - (lo + hi) / 2, glyph.codes)


def plot_alignments(
    events: pd.DataFrame | None = None,
    *,
    min_events: int = 1,
    ax: Axes | None = None,
) -> Axes:
    """Who backed whom: states as nodes, "supports" and "opposes" as links between them.

    The links are read from the events by :func:`distant_allies.explore.alignment_evidence`
    (titles such as "Pakistan backs Azerbaijan ...", two-sided hostilities, military
    cooperation and treaties among states that are not at odds); a link's width and number
    show how many events show it, an arrowhead that it ran one way. ``min_events`` hides
    links shown by fewer events.
    """
    ev = _events(_data.load_events() if events is None else events)
    if not isinstance(min_events, (int, np.integer)) or isinstance(min_events, bool) \
            or min_events < 1:
        raise ChartError(f"min_events={min_events!r} must be a whole number of 1 or more")
    ax, owned = _axes(ax, (9, 7))
    edges = _explore.alignment_edges(ev)
    edges = edges.loc[edges["n_events"] >= min_events]
    if edges.empty:
        ax.set_axis_off()
        return _empty(ax, "No event in this selection shows one state backing or opposing "
                          "another.", "An empty network: no event in the selection shows "
                          "one state backing or opposing another.")
    nodes = sorted(set(edges["a"]) | set(edges["b"]))
    pos = _layout(nodes, edges)
    fs = _points("medium")
    xy = np.array(list(pos.values()))
    pad = 0.3
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    if owned:  # a figure the shape of the network, with room for the legend on the right
        ratio = (np.ptp(xy[:, 0]) + 2 * pad) / (np.ptp(xy[:, 1]) + 2 * pad)
        height = 6.0
        fig = ax.figure
        fig.set_size_inches(min(height * ratio, 11) + 2.8, height)
        fig.subplots_adjust(left=0.02, right=1 - 2.8 / fig.get_size_inches()[0], top=0.9,
                            bottom=0.1)
    involvement = {c: int(edges.loc[(edges["a"] == c) | (edges["b"] == c), "n_events"].sum())
                   for c in nodes}
    radius = {c: fs * min(0.7 + 0.09 * math.sqrt(involvement[c]), 1.3) for c in nodes}
    colors = {"supports": OKABE_ITO["bluish green"], "opposes": OKABE_ITO["vermillion"]}
    pairs = edges.groupby(["a", "b"]).size()
    placer = _Placer(ax)
    for c in nodes:
        placer.block(pos[c][0], pos[c][1], radius[c])
    numbers = []
    ends: list[tuple[tuple[float, float], tuple[float, float]]] = []
    for row in edges.itertuples(index=False):
        both = pairs[(row.a, row.b)] > 1
        bend = (0.18 if row.relation == "supports" else -0.18) if both else 0.0
        start, end = pos[row.a], pos[row.b]
        arrow = {"a->b": "-|>", "b->a": "<|-", "both": "-"}[row.direction]
        width = 1.0 + 1.1 * math.log2(1 + row.n_events)
        # (add_artist: the limits are set, and add_patch would work out each arrow's clipped
        # path just to grow data limits that nothing reads)
        ax.add_artist(FancyArrowPatch(
            tuple(start), tuple(end), arrowstyle=arrow, mutation_scale=fs * 1.4 + width,
            connectionstyle=f"arc3,rad={bend}", color=colors[row.relation], lw=width,
            ls="-" if row.relation == "supports" else (0, (4, 2)), alpha=0.85,
            shrinkA=radius[row.a] + 1, shrinkB=radius[row.b] + 1, zorder=2))
        # The link, as a few straight pieces, so that names keep off it.
        normal = np.array([end[1] - start[1], start[0] - end[0]])
        ts = np.linspace(0, 1, 9)
        curve = [start + t * (end - start) + bend * 2 * t * (1 - t) * normal for t in ts]
        pts = [placer.to_pt(*q) for q in curve]
        placer.leaders += list(zip(pts[:-1], pts[1:], strict=True))
        ends += [(pts[0], pts[2]), (pts[-3], pts[-1])]  # where the arrowheads are
        if row.n_events > 1:
            numbers.append((row, curve, colors[row.relation]))
    for row, curve, color in numbers:  # the number of events, on a free spot of its link
        for t in (4, 3, 5, 2, 6):
            x, y = curve[t]
            cx, cy = placer.to_pt(x, y)
            half = fs * 0.75
            box = (cx - half, cx + half, cy - half, cy + half)
            if placer.free(box, pad=2, leaders=False) or t == 6:
                placer.boxes.append(box)
                ax.text(x, y, str(row.n_events), ha="center", va="center",
                        fontsize=fs * 0.8, color=color, fontweight="bold", zorder=4,
                        bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white",
                              "edgecolor": color, "lw": 0.8})
                break
    for c in nodes:
        ax.scatter([pos[c][0]], [pos[c][1]], s=(2 * radius[c]) ** 2, color="#E8E8E8",
                   edgecolors="0.25", linewidths=1.0, zorder=5)
    links = list(placer.leaders)
    for c in sorted(nodes, key=lambda c: -involvement[c]):
        name = _explore.country_name(c)
        style = {"color": "0.05", "zorder": 7, "fontweight": "bold"}
        # Best off every link; else on a link, over a white patch; else the code on the node.
        if placer.place(pos[c][0], pos[c][1], name, fs * 0.95, radius[c], rings=(0, 6, 14),
                        **style):
            continue
        placer.leaders = ends
        ok = placer.place(pos[c][0], pos[c][1], name, fs * 0.95, radius[c], rings=(0, 6),
                          bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                "edgecolor": "none", "alpha": 0.9}, **style)
        placer.leaders = links
        if not ok:
            ax.text(pos[c][0], pos[c][1], c, ha="center", va="center", fontsize=fs * 0.75,
                    fontweight="bold", color="0.1", zorder=6)
    placer.draw_leaders()
    handles = [
        Line2D([], [], color=colors["supports"], lw=2.5, label="supports"),
        Line2D([], [], color=colors["opposes"], lw=2.5, ls=(0, (4, 2)), label="opposes"),
        Line2D([], [], color="0.4", lw=1, marker=">", markersize=fs * 0.6,
               label="arrow: one way (A → B)"),
        Line2D([], [], ls="", marker=_letter_marker("n"), color="0.3", markersize=fs * 0.7,
               label="number of events showing it"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1), frameon=False,
              fontsize=fs * 0.85, borderaxespad=0)
    n_events = len(set().union(*edges["event_ids"]))
    first, last = edges["first"].min(), edges["last"].max()
    span = _span_text(pd.Timestamp(first), pd.Timestamp(last))
    ax.set_title(f"Who backed whom: {_plural(len(nodes), 'state')}, "
                 f"{_plural(n_events, 'event')}, {span}", loc="left", fontsize=fs * 1.15,
                 fontweight="bold")
    _footnote(ax, "Links are read from event titles and categories (explore.alignment_evidence"
                  "):\na reading aid, not a coded variable; check a link against its events.",
              below=2)
    sup = edges.loc[edges["relation"] == "supports"]
    opp = edges.loc[edges["relation"] == "opposes"]

    def pair(row: pd.Series) -> str:
        a, b = _explore.country_name(row["a"]), _explore.country_name(row["b"])
        return f"{a}–{b} ({_plural(int(row['n_events']), 'event')})"

    parts = []
    if len(sup):
        parts.append(f"the most-shown support is {pair(sup.iloc[0])}")
    if len(opp):
        parts.append(f"the most-shown opposition is {pair(opp.iloc[0])}")
    alt = (f"Network of {_plural(len(nodes), 'state')} with {_plural(len(sup), 'supports link')}"
           f" and {_plural(len(opp), 'opposes link')} read from {_plural(n_events, 'event')}, "
           f"{span}: " + "; ".join(parts) + ".")
    _set_alt(ax, alt)
    return ax


# --------------------------------------------------------------------------------------------
# Canvases: charts redrawn on every filter change (the event explorer's)
# --------------------------------------------------------------------------------------------


def _agg_figure(figure: Figure | None, size: tuple[float, float], dpi: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure if figure is not None else Figure(figsize=size, dpi=dpi)
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)  # keeps its renderer from one drawing to the next
    return fig


def _encode_png(pixels: np.ndarray, dpi: float) -> bytes:
    """RGBA pixels (rows from the top) as a PNG: without the alpha channel when every pixel is
    opaque, rows unfiltered, at zlib's fastest level.

    Charts are mostly flat colour, so unfiltered rows at level 1 come out no bigger than
    matplotlib's PNG (RGBA, level 6) or Pillow's (which tries every row filter on every row and
    has no option to skip that): about a third of Pillow's time, a quarter of matplotlib's.
    zlib lets other threads run while it compresses (the explorer encodes one chart while it
    draws the next).
    """
    height, width = pixels.shape[:2]
    if height < 1 or width < 1:
        raise ValueError(f"cannot encode an empty image ({width} x {height} pixels) as a PNG")
    opaque = bool((pixels[..., 3] == 255).all())
    channels, colour_type = (3, 2) if opaque else (4, 6)
    # Each row opens with its filter type (0: none), then its pixels: one copy, from any view.
    rows = np.empty((height, 1 + channels * width), dtype=np.uint8)
    rows[:, 0] = 0
    rows[:, 1:].reshape(height, width, channels)[...] = pixels[..., :channels]
    per_metre = round(dpi / 0.0254)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)),
        _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _png_chunk(b"IDAT", zlib.compress(rows, 1)),
        _png_chunk(b"IEND", b""),
    ])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))


def _pixels(fig: Figure) -> np.ndarray:
    """A figure with an Agg canvas, drawn on white at its dpi: a copy of its RGBA pixels."""
    face = fig.get_facecolor()
    fig.patch.set_facecolor("white")
    try:
        fig.canvas.draw()
    finally:
        fig.patch.set_facecolor(face)
    return np.array(fig.canvas.buffer_rgba())


def _png(fig: Figure) -> bytes:
    """A figure with an Agg canvas, drawn and saved as a PNG at its dpi, on white."""
    return _encode_png(_pixels(fig), fig.dpi)


class _Canvas:
    """A figure (with an Agg canvas) and an Axes kept from one drawing to the next."""

    figure: Figure
    _ax: Axes | None = None
    _static: set

    def _clear_events(self) -> None:
        """Remove what the last drawing added; keep the Axes, its ticks and the basemap."""
        ax = self._ax
        for artist in ax.get_children():
            if artist not in self._static:
                artist.remove()

    def png(self) -> bytes:
        """The figure as a PNG (at the figure's dpi, on white)."""
        return _png(self.figure)

    def pixels(self) -> np.ndarray:
        """The figure drawn (at its dpi, on white): a copy of its RGBA pixels, for
        :func:`_encode_png` (which the explorer runs while it draws its other chart)."""
        return _pixels(self.figure)


class MapCanvas(_Canvas):
    """A map that is redrawn again and again, quickly: the event explorer holds one.

    :meth:`draw` draws what :func:`plot_map` draws, on a figure the canvas keeps. The
    countries are drawn once per region and size and kept as an image (a country the events
    name gets its shading on top); each draw replaces only what depends on the events, with
    every place in one marker collection. The legend lists every thread, both kinds of
    marker, the shading and the sizes, so that it stays put while the filters change. Labels
    and the legend are drawn from their kept pixels after the first time.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import distant_allies as da
    >>> canvas = MapCanvas()
    >>> ax = canvas.draw(da.load_events(), region="south-caucasus")
    >>> describe(ax).startswith("Map of the South Caucasus")
    True
    >>> canvas.png()[:4]
    b'\x89PNG'
    """

    def __init__(self, figure: Figure | None = None, *, dpi: float = 90):
        self.figure = _agg_figure(figure, (10, 7.5), dpi)
        self._key: tuple | None = None
        self._base: _Basemap | None = None
        self._static = set()

    def draw(
        self,
        events: pd.DataFrame,
        *,
        region: str = "both",
        places: pd.DataFrame | None = None,
        size: str = "count",
        labels: bool = True,
        box: tuple[float, float, float, float] = (0.02, 0.22, 0.68, 0.7),
    ) -> Axes:
        """Draw ``events`` on the map of ``region`` in ``box`` (figure fractions); the Axes."""
        ev, region, size, places = _map_arguments(events, region, size, places)
        key = (region, tuple(box), tuple(self.figure.get_size_inches()), self.figure.dpi)
        if key != self._key or self._ax is None or self._ax.figure is not self.figure:
            self.figure.clear()
            self._ax = self.figure.add_axes(box)
            _quick_axes(self._ax)
            self._base = _basemap(self._ax, region, _Quick())
            self._static = set(self._ax.get_children())
            self._key = key
        else:
            self._clear_events()
        _map_events(self._ax, self._base, ev, places, size=size, labels=labels, quick=_Quick())
        return self._ax


class TimelineCanvas(_Canvas):
    """A timeline that is redrawn again and again, quickly: the event explorer holds one.

    :meth:`draw` draws what :func:`plot_timeline` draws, on an Axes the canvas keeps (its date
    axis too), in a figure ``width`` inches wide and at least ``min_height`` tall: lanes spread
    out when there is room; when they need more, the figure grows before anything is drawn
    (and shrinks back later). Up to ``max_labels`` key events are labelled where they fit;
    one marker collection per shape. The legend lists every category and both kinds of span,
    so that it stays put while the filters change. Labels, tick labels and the legend are
    drawn from their kept pixels after the first time. ``top`` and ``bottom`` are the margins
    (inches) for the title and for the date axis, legend and footnote.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import distant_allies as da
    >>> canvas = TimelineCanvas()
    >>> ax = canvas.draw(da.load_events(), period=(2025, 2025))
    >>> describe(ax).startswith("Timeline of")
    True
    """

    def __init__(self, figure: Figure | None = None, *, width: float = 11.0,
                 min_height: float = 4.4, top: float = 0.4, bottom: float = 1.5,
                 max_labels: int = 6, dpi: float = 90):
        self.figure = _agg_figure(figure, (width, min_height), dpi)
        self.min_height = float(min_height)
        self.height = self.min_height  # where the next drawing starts
        self.top, self.bottom = float(top), float(bottom)
        self.max_labels = int(max_labels)
        self._static = set()

    def _size(self, height: float) -> None:
        fig = self.figure
        fig.set_size_inches(fig.get_size_inches()[0], height)
        self._ax.set_position((0.012, self.bottom / height, 0.976,
                               1 - (self.top + self.bottom) / height))

    def draw(self, events: pd.DataFrame, *, period: tuple[object, object] | None = None,
             by: str = "thread") -> Axes:
        """Draw ``events`` (zoomed to ``period`` when given); return the Axes."""
        if self._ax is None or self._ax.figure is not self.figure:
            self.figure.clear()
            self._ax = self.figure.add_axes((0, 0, 1, 1))
            _quick_axes(self._ax)
            self._static = set(self._ax.get_children())
        else:
            self._clear_events()
            self._ax.set_title("", loc="left")
        height = self.height
        self._size(height)

        def grow(points: float) -> float:
            nonlocal height
            height = self.top + self.bottom + points / 72
            self._size(height)
            return points

        ax = _timeline(events, by=by, period=period, ax=self._ax,
                       quick=_Quick(max_labels=self.max_labels, grow=grow))
        needed = float(max(ax.get_ylim()))  # the chart's height in points (y runs down)
        fits = self.top + self.bottom + (needed + 40) / 72
        self.height = max(self.min_height, min(fits, height))
        return ax


# --------------------------------------------------------------------------------------------
# Gallery
# --------------------------------------------------------------------------------------------

#: The May 2025 crisis, from the Pahalgam attack to the days after the ceasefire.
CRISIS_2025 = ("2025-04-20", "2025-05-14")


def _claim_events(ds: _data.Dataset, limit: int) -> list[tuple[str, str]]:
    """(event_id, quantity) pairs worth a claims chart: most claimed figures first."""
    figures = ds.claims.loc[ds.claims["value_low"].notna()]
    counts = (figures.groupby(["event_id", "quantity"]).size().rename("n").reset_index()
              .sort_values(["n", "event_id"], ascending=[False, True], kind="stable"))
    counts = counts.loc[counts["n"] >= 2].drop_duplicates("event_id")
    picked = list(counts[["event_id", "quantity"]].itertuples(index=False, name=None))
    key = "2025-05-07-indian-strikes-operation-sindoor"
    first = [p for p in picked if p[0] == key]
    return (first + [p for p in picked if p[0] != key])[:limit]


def render_gallery(outdir: str | Path, *, path: str | Path | None = None,
                   claims_charts: int = 6) -> list[Path]:
    """Render every chart on the whole dataset to PNG files in ``outdir``; return their paths.

    Each PNG carries its alt text in the ``Description`` field of its metadata, and
    ``outdir/README.md`` lists every file with its alt text. Uses the house style and
    matplotlib's Agg canvas (no window opens, no global setting changes).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    ds = _data.load_dataset(path=path)
    ev = ds.events
    jobs: list[tuple[str, object]] = [
        ("timeline", lambda ax: plot_timeline(ev, ax=ax)),
        ("timeline-1987-1995-by-category", lambda ax: plot_timeline(
            ev, by="category", period=(1987, 1995), ax=ax)),
        ("timeline-may-2025", lambda ax: plot_timeline(ev, period=CRISIS_2025, ax=ax)),
        ("counts-decade-thread", lambda ax: plot_counts(ev, by="thread", freq="decade", ax=ax)),
        ("counts-year-category", lambda ax: plot_counts(ev, by="category", freq="year", ax=ax)),
    ]
    for region in REGIONS:
        jobs.append((f"map-{region}", lambda ax, r=region: plot_map(
            ev, region=r, places=ds.places, ax=ax)))
    jobs.append(("map-south-asia-fatalities", lambda ax: plot_map(
        ev, region="south-asia", size="fatalities", places=ds.places, ax=ax)))
    for event_id, quantity in _claim_events(ds, claims_charts):
        jobs.append((f"claims-{event_id}", lambda ax, e=event_id, q=quantity: plot_claims(
            e, quantity=q, events=ev, claims=ds.claims, sources=ds.sources, ax=ax)))
    jobs.append(("alignments", lambda ax: plot_alignments(ev, ax=ax)))

    written, index = [], ["# Chart gallery", "",
                          "Every chart of `distant_allies.charts` on the whole dataset, with "
                          "its alt text.", ""]
    with house_style():
        for name, draw in jobs:
            fig = Figure()
            FigureCanvasAgg(fig)
            ax = _gallery_axes(fig, name)
            draw(ax)  # type: ignore[operator]
            alt = describe(ax)
            target = out / f"{name}.png"
            fig.savefig(target, bbox_inches="tight", pad_inches=0.15,
                        metadata={"Title": name, "Description": alt,
                                  "Source": "Distant Allies dataset; Made with Natural Earth."})
            written.append(target)
            index += [f"## {name}", "", f"![{alt}]({name}.png)", "", f"> {alt}", ""]
    (out / "README.md").write_text("\n".join(index), encoding="utf-8")
    return written


def _gallery_axes(fig: Figure, name: str) -> Axes:
    """An Axes in ``fig`` sized as plotting with ``ax=None`` would size it."""
    sizes = {"timeline": (11, 6), "counts": (10, 5.2), "map": (10, 7.5), "claims": (10, 4.5),
             "alignments": (9, 7)}
    fig.set_size_inches(*sizes[name.split("-")[0]])
    ax = fig.add_subplot()
    setattr(ax, _OWNED, True)
    return ax
