"""Build data/basemap/ (countries.geojson, kashmir.geojson) from Natural Earth. Run once, offline.

The 1:110m admin-0 countries ("naturalearth_lowres", Natural Earth version 5.1, with Crimea
assigned to Ukraine by geopandas 0.12.2) travel inside the geopandas 0.14.4 wheel. This script
reads them with pyshp straight from that wheel (no geopandas, no network) and writes every
country whose outline touches lon 20-110, lat 0-62 as GeoJSON, coordinates rounded to 3 decimal
places (about 100 m, far below the 1:110m generalisation).

Rebuild::

    pip download --no-deps --dest /tmp/gp geopandas==0.14.4
    python scripts/build_basemap.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl

pyshp is a development dependency (requirements-dev.in); nothing here runs at run time.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import zipfile
from pathlib import Path

import shapefile  # pyshp

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "basemap" / "countries.geojson"
KASHMIR_OUT = REPO / "data" / "basemap" / "kashmir.geojson"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
BOX = (20.0, 0.0, 110.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
DIGITS = 3


def _ring_bbox(ring):
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _touches(bbox, box=BOX) -> bool:
    x0, y0, x1, y1 = bbox
    return not (x1 < box[0] or x0 > box[2] or y1 < box[1] or y0 > box[3])


def _round(ring):
    out = []
    for x, y in ring:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def read_countries(wheel: Path) -> list[dict]:
    """Every country touching BOX, as GeoJSON features (only the polygons that touch BOX)."""
    with zipfile.ZipFile(wheel) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        encoding = zf.read(f"{MEMBER}.cpg").decode("ascii").strip()
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"],
                              encoding=encoding)
    features = []
    for item in reader.iterShapeRecords():
        rec = item.record.as_dict()
        geom = item.shape.__geo_interface__
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        kept = [[_round(ring) for ring in poly] for poly in polygons
                if _touches(_ring_bbox(poly[0]))]
        if not kept:
            continue
        geometry = ({"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1
                    else {"type": "MultiPolygon", "coordinates": kept})
        features.append({
            "type": "Feature",
            "properties": {"name": rec["name"], "iso_a3": rec["iso_a3"],
                           "continent": rec["continent"]},
            "geometry": geometry,
        })
    features.sort(key=lambda f: f["properties"]["name"])
    return features


# --------------------------------------------------------------------------------------------
# Kashmir: Natural Earth draws de facto lines. The 1:110m file has no separate Line of Control,
# but the outlines of India, Pakistan and China meet along the de facto lines in Kashmir, so
# those shared stretches ARE the Line of Control (with the Working Boundary near Jammu) and the
# Line of Actual Control, at 1:110m generalisation. We keep them, and the convex hull of their
# vertices as an APPROXIMATE disputed area. Every coordinate below is a Natural Earth vertex;
# the only choices of ours are the two cut-offs that say where the Kashmir stretch of a shared
# boundary ends (see KEEP), and both fall in gaps of several tens of km between vertices.
# --------------------------------------------------------------------------------------------

#: (country, neighbour) -> which shared vertices belong to the Kashmir stretch.
KEEP = {
    ("IND", "PAK"): lambda x, y: y >= 32.0,   # north of the Punjab border (next vertex 31.69N)
    ("IND", "CHN"): lambda x, y: x <= 80.0 and y >= 32.4,  # Ladakh/Aksai Chin (next 31.52N)
    ("PAK", "CHN"): lambda x, y: True,        # the whole Pakistan-China boundary
}


def _exterior(feature: dict) -> list[list[float]]:
    geom = feature["geometry"]
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return max((poly[0] for poly in polygons), key=len)


def _points(feature: dict) -> set[tuple[float, float]]:
    geom = feature["geometry"]
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return {tuple(p) for poly in polygons for ring in poly for p in ring}


def _shared_runs(ring, other, keep) -> list[list[list[float]]]:
    """Runs of consecutive ring vertices that are also vertices of ``other`` and kept."""
    ring = [tuple(p) for p in ring[:-1]]  # drop the closing vertex
    inside = [p in other and keep(*p) for p in ring]
    if all(inside):
        return [[list(p) for p in ring]]
    start = inside.index(False)
    ring, inside = ring[start:] + ring[:start], inside[start:] + inside[:start]
    runs, run = [], []
    for p, flag in zip(ring, inside, strict=True):
        if flag:
            run.append(list(p))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _hull(points):
    """Convex hull (Andrew's monotone chain), closed, counter-clockwise."""
    pts = sorted(set(points))

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return [list(p) for p in hull + hull[:1]]


#: How far (in degrees) the approximate disputed area reaches beyond the hull of the lines, so
#: that it covers both sides of the Line of Control; and the directions used to draw it.
RADIUS = 0.4
ANGLES = [2 * math.pi * k / 16 for k in range(16)]


def _polygons(feature: dict) -> list[list[list[float]]]:
    geom = feature["geometry"]
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [poly[0] for poly in polygons]


def _clip(subject, window):
    """Sutherland-Hodgman: ``subject`` ring (any shape) clipped to a convex CCW ``window``."""

    def left(a, b, p):
        return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0

    def cut(a, b, p, q):
        x1, y1, x2, y2 = *p, *q
        x3, y3, x4, y4 = *a, *b
        d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
        t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / d
        return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))

    out = [tuple(p) for p in subject[:-1]]
    for a, b in zip(window[:-1], window[1:], strict=True):
        pts, out = out, []
        for i, q in enumerate(pts):
            p = pts[i - 1]
            if left(a, b, q):
                if not left(a, b, p):
                    out.append(cut(a, b, p, q))
                out.append(q)
            elif left(a, b, p):
                out.append(cut(a, b, p, q))
        if not out:
            return []
    ring = _round(out)
    return ring + ring[:1]


def kashmir(features: list[dict]) -> dict:
    by_code = {f["properties"]["iso_a3"]: f for f in features}
    lines, vertices = [], []
    names = {"PAK": "Pakistan", "CHN": "China", "IND": "India"}
    for (a, b), keep in KEEP.items():
        for run in _shared_runs(_exterior(by_code[a]), _points(by_code[b]), keep):
            vertices += [tuple(p) for p in run]
            lines.append({
                "type": "Feature",
                "properties": {"kind": "de facto line", "between": f"{a};{b}",
                               "note": f"Where Natural Earth's {names[a]} and {names[b]} "
                                       "outlines meet in Kashmir: a de facto line that not "
                                       "every party accepts (1:110m, approximate)."},
                "geometry": {"type": "LineString", "coordinates": run},
            })
    zone = _hull([(x + RADIUS * math.cos(a), y + RADIUS * math.sin(a))
                  for x, y in set(vertices) for a in ANGLES])
    parts = []
    for code in ("IND", "PAK", "CHN"):
        for ring in _polygons(by_code[code]):
            clipped = _clip(ring, zone)
            if len(clipped) >= 4:
                parts.append([clipped])
    area = {
        "type": "Feature",
        "properties": {"kind": "disputed area", "name": "Kashmir",
                       "note": f"India, Pakistan and China within {RADIUS} degrees of the "
                               "convex hull of the de facto lines: a rough outline of the "
                               "disputed region, not its boundary (approximate)."},
        "geometry": {"type": "MultiPolygon", "coordinates": parts},
    }
    return {"type": "FeatureCollection", "name": "kashmir",
            "source": "Derived from Natural Earth 1:110m Admin 0 - Countries (public domain) "
                      "by scripts/build_basemap.py. Made with Natural Earth.",
            "features": [area, *lines]}


def _dump(collection: dict, out: Path) -> None:
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature per line keeps diffs readable.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    out.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="the geopandas-0.14.4 wheel")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    features = read_countries(args.wheel)
    collection = {
        "type": "FeatureCollection",
        "name": "countries",
        "source": "Natural Earth 1:110m Admin 0 - Countries, version 5.1 (public domain), "
                  "as naturalearth_lowres in geopandas 0.14.4. Made with Natural Earth.",
        "bbox_selected": list(BOX),
        "features": features,
    }
    _dump(collection, args.out)
    print(f"wrote {len(features)} countries, {args.out.stat().st_size // 1024} KB, to {args.out}")
    out = args.out.with_name(KASHMIR_OUT.name)
    _dump(kashmir(features), out)
    print(f"wrote the Kashmir de facto lines and approximate disputed area to {out}")


if __name__ == "__main__":
    main()
