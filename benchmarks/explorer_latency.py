"""How long the event explorer takes from a filter change to its redrawn timeline, map and table.

    python benchmarks/explorer_latency.py [--changes 50] [--seed 1] [--json FILE]

Builds ``explore_events(load_events())`` on the full dataset, then makes ``--changes`` filter
changes as a student would (move the years, switch a thread or a category, pick a country,
search a word, tick "contested only"), one control at a time. Every change runs
synchronously, so the time from setting the control to the end of the callback is the time to
the new status, table, event list, timeline PNG and map PNG. It is measured twice:

- cold: nothing cached, every change draws both charts (the number the target is about);
- warm: the explorer's cache of recent drawings on, for the same sequence (the sequence comes
  back to earlier selections now and then, as people do).

The baseline is a bare matplotlib draw of the same points for every change: one scatter of
the matching events' dates (one row per thread) and one of their places' longitude and
latitude, on figures of the explorer's size and dpi, each saved as a PNG.

Targets (from the issue): median cold latency under 100 ms and under 1.5x the bare draw.
The script prints the figures and whether each target is met; it always exits 0.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

import distant_allies as da  # noqa: E402

TARGET_MS = 100.0
TARGET_RATIO = 1.5
WORDS = ["ceasefire", "Kashmir", "Shusha", "JF-17", "resolution", "Pahalgam", "Minsk", "treaty"]


def changes(explorer, n: int, seed: int) -> list[tuple[str, object, object]]:
    """A reproducible list of (description, widget, new value), one control at a time.

    Only changes that give a different, non-empty selection are kept: each one redraws.
    """
    rng = random.Random(seed)
    events = explorer.events
    lo, hi = explorer._full_years
    codes = [v for _, v in explorer.country.options if v]
    state = {"years": (lo, hi), "search": "", "country": "", "contested": False,
             **{f"thread:{t}": True for t in explorer.threads},
             **{f"category:{c}": True for c in explorer.categories}}

    def matching(s: dict) -> tuple:
        threads = [t for t in explorer.threads if s[f"thread:{t}"]]
        categories = [c for c in explorer.categories if s[f"category:{c}"]]
        found = da.filter_events(events, years=s["years"], threads=threads,
                                 categories=categories,
                                 countries=[s["country"]] if s["country"] else None,
                                 text=s["search"] or None,
                                 contested=True if s["contested"] else None)
        return tuple(found["event_id"])

    current = matching(state)
    out = []
    while len(out) < n:
        kind = rng.choice(["years", "years", "years", "thread", "category", "country",
                           "search", "contested"])
        if kind == "years":
            a = rng.randint(lo, hi - 1)
            b = rng.randint(a, min(hi, a + rng.choice([2, 10, 30, 110])))
            key, widget, new = "years", explorer.years, (a, b)
        elif kind in ("thread", "category"):
            group = explorer.threads if kind == "thread" else explorer.categories
            name = rng.choice(list(group))
            key, widget = f"{kind}:{name}", group[name]
            new = not state[key]
        elif kind == "country":
            key, widget, new = "country", explorer.country, rng.choice(["", *codes[:8]])
        elif kind == "search":
            key, widget, new = "search", explorer.search, rng.choice(["", *WORDS])
        else:
            key, widget, new = "contested", explorer.contested, not state["contested"]
        trial = {**state, key: new}
        found = matching(trial)
        if not found or found == current:
            continue  # no redraw: not what this benchmark measures
        state, current = trial, found
        out.append((f"{key} = {new!r} ({len(found)} events)", widget, new))
    return out


def bare_draw(events, places, timeline_size, map_size, dpi) -> float:
    """Seconds for a plain scatter of the same events on a timeline and a map, as PNGs."""
    t0 = time.perf_counter()
    lanes = {t: i for i, t in enumerate(events["thread"].cat.categories)}
    fig = Figure(figsize=timeline_size, dpi=dpi)
    ax = fig.add_subplot()
    ax.scatter(events["date_start"], events["thread"].astype(str).map(lanes))
    fig.savefig(io.BytesIO(), format="png", dpi=dpi)
    located = events.merge(places[["place_id", "lon", "lat"]], on="place_id", how="inner")
    fig = Figure(figsize=map_size, dpi=dpi)
    ax = fig.add_subplot()
    ax.scatter(located["lon"], located["lat"])
    fig.savefig(io.BytesIO(), format="png", dpi=dpi)
    return time.perf_counter() - t0


def run(n: int, seed: int, cache: bool) -> tuple[list[dict], object]:
    events = da.load_events()
    explorer = da.explore_events(events)
    if not cache:
        explorer.cache_size = 0
    rows = []
    for what, widget, value in changes(explorer, n, seed):
        t0 = time.perf_counter()
        widget.value = value
        elapsed = time.perf_counter() - t0
        rows.append({"change": what, "events": len(explorer.matching), "seconds": elapsed,
                     **{f"{k}_s": v for k, v in explorer.timings.items()}})
        assert explorer.errors.outputs == (), explorer.errors.outputs
    return rows, explorer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args(argv)

    cold, explorer = run(args.changes, args.seed, cache=False)
    warm, _ = run(args.changes, args.seed, cache=True)
    places = da.load_places()
    events = da.load_events()
    size_t = tuple(explorer._timeline_fig.get_size_inches())
    size_m = tuple(explorer._map_fig.get_size_inches())
    bare = []
    for _, widget, value in changes(explorer, args.changes, args.seed):
        with explorer.batch():
            widget.value = value
        matching = da.filter_events(events, **explorer.filters)
        bare.append(bare_draw(matching, places, size_t, size_m, explorer.dpi))

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    cold_ms = ms([r["seconds"] for r in cold])
    warm_ms = ms([r["seconds"] for r in warm])
    bare_ms = ms(bare)
    ratio = cold_ms / bare_ms
    steps = {k: ms([r.get(f"{k}_s", 0.0) for r in cold])
             for k in ("filter", "table", "timeline", "map")}
    print(f"Event explorer latency: {args.changes} filter changes on the full dataset "
          f"({len(events)} events), dpi {explorer.dpi}")
    print(f"  median change -> redrawn timeline, map and table (cold): {cold_ms:8.1f} ms")
    print(f"  median with the explorer's drawing cache (warm):         {warm_ms:8.1f} ms")
    print(f"  median bare matplotlib draw of the same points:          {bare_ms:8.1f} ms")
    print(f"  ratio cold / bare:                                       {ratio:8.2f} x")
    print("  cold, by step (medians): " + ", ".join(f"{k} {v:.1f} ms"
                                                    for k, v in steps.items()))
    print(f"  p90 cold: {statistics.quantiles([r['seconds'] for r in cold], n=10)[-1] * 1000:.1f}"
          f" ms; max cold: {max(r['seconds'] for r in cold) * 1000:.1f} ms")
    met_ms, met_ratio = cold_ms < TARGET_MS, ratio < TARGET_RATIO
    print(f"  target < {TARGET_MS:.0f} ms median: {'met' if met_ms else 'NOT met'}; "
          f"target < {TARGET_RATIO}x bare: {'met' if met_ratio else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({
            "cold_ms": cold_ms, "warm_ms": warm_ms, "bare_ms": bare_ms, "ratio": ratio,
            "steps_ms": steps, "cold": cold, "warm": warm, "bare_s": bare}, indent=1,
            default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
