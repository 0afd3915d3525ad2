"""Pure pandas helpers for asking questions of the dataset.

Every function takes frames from the loaders and returns a new frame or value; nothing here
draws, prints or changes its input.

Examples
--------
>>> from distant_allies import load_events, filter_events
>>> karabakh = filter_events(load_events(), threads=["karabakh"])
>>> set(karabakh["thread"].astype(str))
{'karabakh'}
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = [
    "claims_for",
    "count_events",
    "duration_days",
    "event_sources",
    "filter_events",
]

_FREQS = ("year", "decade")


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def filter_events(
    events: pd.DataFrame,
    *,
    years: tuple[int, int] | None = None,
    threads: str | Iterable[str] | None = None,
    categories: str | Iterable[str] | None = None,
    countries: str | Iterable[str] | None = None,
    text: str | None = None,
    contested: bool | None = None,
) -> pd.DataFrame:
    """Return the events that match every filter given (``None`` means "don't filter").

    Parameters
    ----------
    years : (first, last), inclusive; an event matches when its span overlaps them.
    threads, categories : one value or several; an empty list matches nothing.
    countries : ISO3 codes; an event matches when it involves any of them.
    text : words to find in the title or summary, case-insensitive, taken literally
        (regex characters and quotes are safe).
    contested : True for contested events only, False for uncontested only.

    Examples
    --------
    >>> from distant_allies import load_events
    >>> events = load_events()
    >>> len(filter_events(events, threads=[])) == 0
    True
    >>> filter_events(events, years=(1923, 1923))["event_id"].tolist()[:1]
    ['1923-07-07-nkao-established']
    """
    mask = pd.Series(True, index=events.index)
    if years is not None:
        first, last = int(years[0]), int(years[1])
        end = events["date_end"].fillna(events["date_start"])
        mask &= (events["date_start"].dt.year <= last) & (end.dt.year >= first)
    wanted = _as_list(threads)
    if wanted is not None:
        mask &= events["thread"].astype(str).isin(wanted)
    wanted = _as_list(categories)
    if wanted is not None:
        mask &= events["category"].astype(str).isin(wanted)
    wanted = _as_list(countries)
    if wanted is not None:
        codes = set(wanted)
        mask &= events["countries"].map(lambda cs: bool(codes.intersection(cs)))
    if text:
        needle = text.casefold().strip()
        haystack = (events["title"].fillna("") + " " + events["summary"].fillna("")).str.casefold()
        mask &= haystack.str.contains(needle, regex=False)
    if contested is not None:
        mask &= events["contested"] == bool(contested)
    return events.loc[mask].sort_values("date_start", kind="stable")


def count_events(events: pd.DataFrame, *, by: str = "thread", freq: str = "decade") -> pd.DataFrame:
    """Count events per ``freq`` (year or decade) and ``by`` (a column such as thread).

    Returns a table with one row per period and one column per value of ``by`` (every
    category kept, so an empty thread shows as 0).

    Examples
    --------
    >>> from distant_allies import load_events
    >>> table = count_events(load_events(), by="thread", freq="decade")
    >>> table.index.name, list(table.columns)[:1]
    ('decade', ['karabakh'])
    """
    if freq not in _FREQS:
        raise ValueError(f"freq must be one of {', '.join(_FREQS)}, not {freq!r}")
    if by not in events.columns:
        raise ValueError(
            f"by must be a column of the events table (e.g. thread or category), not {by!r}"
        )
    year = events["date_start"].dt.year
    step = 10 if freq == "decade" else 1
    period = year // step * step
    table = pd.crosstab(period.rename(freq), events[by])
    if len(table):  # every period in the range, so an empty decade shows as a row of zeros
        table = table.reindex(range(int(period.min()), int(period.max()) + 1, step), fill_value=0)
        table.index.name = freq
    if isinstance(events[by].dtype, pd.CategoricalDtype):
        table = table.reindex(columns=events[by].cat.categories, fill_value=0)
    table.columns = table.columns.astype(str)
    table.columns.name = by
    return table


def claims_for(event_id: str, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims about one event, grouped by party.

    Examples
    --------
    >>> from distant_allies import load_claims
    >>> claims_for("no-such-event", load_claims()).empty
    True
    """
    found = claims.loc[claims["event_id"] == event_id]
    return found.sort_values(["party", "claim_id"], kind="stable")


def event_sources(event: pd.Series, sources: pd.DataFrame) -> pd.DataFrame:
    """The source rows cited by one event row, in the order the event cites them."""
    ids = list(event["source_ids"])
    found = sources.set_index("source_id").reindex(ids).reset_index()
    return found.dropna(subset=["title"])


def duration_days(events: pd.DataFrame) -> pd.Series:
    """How many days each event lasted, counting both ends (a one-day event lasts 1)."""
    end = events["date_end"].fillna(events["date_start"])
    return (end - events["date_start"]).dt.days + 1


# --------------------------------------------------------------------------------------------
# Names, claimed figures and alignments: the data behind charts.plot_claims / plot_alignments
# --------------------------------------------------------------------------------------------

import re as _re  # noqa: E402  (kept with the functions that use it)
from functools import lru_cache  # noqa: E402

#: Short English names for the codes the dataset uses (ISO 3166-1 alpha-3, plus the non-state
#: parties of claims.csv). Codes not listed here are shown as they are.
COUNTRY_NAMES = {
    "AFG": "Afghanistan", "ARE": "UAE", "ARM": "Armenia", "AZE": "Azerbaijan",
    "BGD": "Bangladesh", "CHN": "China", "DJI": "Djibouti", "FRA": "France",
    "GBR": "United Kingdom", "GEO": "Georgia", "GMB": "Gambia", "IND": "India", "IRN": "Iran",
    "ISR": "Israel", "KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "MAR": "Morocco",
    "MYS": "Malaysia", "NPL": "Nepal", "PAK": "Pakistan", "QAT": "Qatar", "ROU": "Romania",
    "RUS": "Russia", "SAU": "Saudi Arabia", "SUN": "Soviet Union", "TUR": "Turkey",
    "UKR": "Ukraine", "USA": "United States", "UZB": "Uzbekistan",
    "UN": "United Nations", "OIC": "OIC", "international": "international observers",
    "seed": "the seed article",
}

#: Other ways titles name a country: demonyms, and leaders named in the dataset's titles.
_ALIASES = {
    "ARM": ["Armenian", "Pashinyan"],
    "AZE": ["Azerbaijani", "Aliyev"],
    "CHN": ["Chinese"],
    "IND": ["Indian", "Modi", "Vajpayee"],
    "PAK": ["Pakistani", "Sharif", "Musharraf", "Leghari", "Bhutto"],
    "RUS": ["Russian", "Soviet", "Putin"],
    "TUR": ["Turkish", "Türkiye", "Turkiye", "Erdogan", "Erdoğan"],
    "USA": ["US", "U.S.", "American", "Trump"],
    "GBR": ["British", "UK"],
    "FRA": ["French"],
}

#: Title phrases read as one state backing or opposing another (see alignment_evidence).
SUPPORT_PHRASES = (
    "backs", "back", "supports", "support", "conveys support to", "reaffirms support for",
    "reaffirms its support for", "expresses support for", "expresses solidarity with",
    "stands with", "sides with", "recognises", "recognise", "recognizes", "recognize",
    "congratulates",
)
OPPOSE_PHRASES = (
    "condemns", "blocks", "protests", "accuses", "bans", "expels", "sanctions",
    "closes its land border with", "closes its border with", "closes its airspace to",
    "closes airspace to", "downgrades diplomatic ties", "downgrades ties", "suspends trade with",
    "strikes", "attacks",
)
#: Words that make a title an account of a denial or a withdrawal, not of backing.
_NOT_BACKING = ("deny", "denies", "denied", "withdraw", "withdraws", "withdrawn", "rejects")
_COOPERATION = ("military-cooperation", "treaty")
_HOSTILE = ("conflict", "attack")


def country_name(code: str) -> str:
    """The short English name for a code from the dataset (the code itself when unknown).

    Examples
    --------
    >>> country_name("AZE"), country_name("seed"), country_name("XYZ")
    ('Azerbaijan', 'the seed article', 'XYZ')
    """
    return COUNTRY_NAMES.get(code, code)


def claim_figures(
    event_id: str,
    claims: pd.DataFrame,
    sources: pd.DataFrame | None = None,
    *,
    quantity: str | None = None,
) -> pd.DataFrame:
    """The figures each claimant gives for one event: one row per claim that states a figure.

    Columns: ``claim_id``, ``claimant``, ``party``, ``party_name``, ``quantity``, ``low``,
    ``high`` (``high`` equals ``low`` for a single figure), ``stance``, ``status``,
    ``source_id`` and, when ``sources`` is given, ``source`` (publisher, date) and
    ``source_title``. Sorted by quantity, party and figure. ``quantity`` keeps one quantity
    (e.g. ``"people killed"``); claims without a figure are left out.

    Examples
    --------
    >>> from distant_allies import load_claims
    >>> claim_figures("no-such-event", load_claims()).empty
    True
    """
    found = claims.loc[(claims["event_id"] == event_id) & claims["value_low"].notna()].copy()
    if quantity is not None:
        found = found.loc[found["quantity"] == quantity]
    out = pd.DataFrame({
        "claim_id": found["claim_id"].astype(str),
        "claimant": found["claimant"].astype(str),
        "party": found["party"].astype(str),
        "party_name": found["party"].astype(str).map(country_name),
        "quantity": found["quantity"].astype(str),
        "low": found["value_low"].astype("Int64"),
        "high": found["value_high"].fillna(found["value_low"]).astype("Int64"),
        "stance": found["stance"].astype(str),
        "status": found["status"].astype(str),
        "source_id": found["source_id"].astype(str),
    })
    if sources is not None:
        src = sources.set_index("source_id")
        ids = out["source_id"]
        publisher = ids.map(src["publisher"]).fillna("")
        published = ids.map(src["published"]).fillna("")
        out["source"] = [f"{p}, {d}" if d else str(p) for p, d in zip(publisher, published,
                                                                      strict=True)]
        out["source_title"] = ids.map(src["title"]).fillna("").astype(str)
    out = out.sort_values(["quantity", "party", "low", "claim_id"], kind="stable")
    return out.reset_index(drop=True)


def _name_pattern(codes: Iterable[str]) -> dict[str, str]:
    out = {}
    for code in codes:
        names = [COUNTRY_NAMES.get(code, code), *_ALIASES.get(code, [])]
        names = sorted({n for n in names if n}, key=len, reverse=True)
        out[code] = "|".join(_re.escape(n) for n in names)
    return out


def _first_country(text: str, patterns: dict[str, str], exclude: str) -> str | None:
    best = None
    for code, pattern in patterns.items():
        if code == exclude:
            continue
        m = _re.search(rf"\b(?:{pattern})(?:'s)?\b", text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code)
    return best[1] if best else None


@lru_cache(maxsize=8)
def _after_subject(phrases: tuple[str, ...]) -> _re.Pattern:
    """What follows a title's subject: up to five words, a phrase, the rest (group 2).

    Compiled once (the phrases make it long); the subject, a short pattern, is matched first.
    """
    verbs = "|".join(_re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return _re.compile(rf"(?:\s+[\w'-]+){{0,5}}?\s+({verbs})\b(.*)$")


def _title_relation(title: str, countries: list[str]) -> tuple[str, str, str, str] | None:
    """(subject, object, relation, phrase) when the title reads "<state> <verb> <state>"."""
    patterns = _name_pattern(countries)
    if any(_re.search(rf"\b{w}\b", title, _re.IGNORECASE) for w in _NOT_BACKING):
        return None
    for relation, phrases in (("supports", SUPPORT_PHRASES), ("opposes", OPPOSE_PHRASES)):
        after = _after_subject(tuple(phrases))
        for code, pattern in patterns.items():
            # The subject opens the title (a possessive and up to five words may follow it,
            # e.g. "Azerbaijan's foreign ministry condemns ...").
            subject = _re.match(rf"(?:{pattern})(?:'s)?(?=\s)", title)
            m = after.match(title, subject.end()) if subject else None
            if m:
                target = _first_country(m.group(2), patterns, exclude=code)
                if target is not None:
                    return code, target, relation, m.group(1)
    return None


def alignment_evidence(events: pd.DataFrame) -> pd.DataFrame:
    """Which events show one state backing or opposing another: one row per (event, pair).

    The dataset records who was involved, not who backed whom, so the pairs are *read* from
    the events by three plain rules, and the ``rule`` column says which one gave each row:

    1. ``title``: the title opens with a state, then a phrase from ``SUPPORT_PHRASES`` or
       ``OPPOSE_PHRASES`` ("Pakistan backs Azerbaijan ...", "Turkey condemns India's strikes"),
       then another state involved in the event: ``source`` supports/opposes ``target``.
       Titles about a denial or a withdrawal are skipped.
    2. ``hostilities``: a conflict or attack between exactly two states: they oppose each other.
    3. ``cooperation``: military cooperation or a treaty among states none of which oppose each
       other (by rule 2 anywhere in ``events``, or rule 1 in this event): they support each
       other. Treaties between adversaries, such as ceasefires, therefore give no pair.

    Columns: ``event_id``, ``date``, ``thread``, ``source``, ``target``, ``relation``
    (supports / opposes), ``directed`` (False when the relation is mutual), ``rule``. It is a
    reading aid: check a surprising pair against the event's summary and sources.

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({
    ...     "event_id": ["a", "b"], "date_start": pd.to_datetime(["2020-09-27", "2021-01-13"]),
    ...     "thread": ["x", "x"], "category": ["diplomacy", "treaty"],
    ...     "title": ["Pakistan backs Azerbaijan as fighting erupts", "Islamabad Declaration"],
    ...     "countries": [["PAK", "AZE", "ARM"], ["PAK", "TUR", "AZE"]]})
    >>> alignment_evidence(ev)[["event_id", "source", "target", "relation"]].values.tolist()
    [['a', 'PAK', 'AZE', 'supports'], ['b', 'AZE', 'PAK', 'supports'], \
['b', 'AZE', 'TUR', 'supports'], ['b', 'PAK', 'TUR', 'supports']]
    """
    columns = ["event_id", "date", "thread", "source", "target", "relation", "directed", "rule"]
    rows = []
    hostile_pairs = set()
    for ev in events.itertuples(index=False):
        codes = list(dict.fromkeys(ev.countries))
        if str(ev.category) in _HOSTILE and len(codes) == 2:
            hostile_pairs.add(frozenset(codes))
    for ev in events.sort_values("date_start", kind="stable").itertuples(index=False):
        codes = list(dict.fromkeys(ev.countries))
        base = {"event_id": ev.event_id, "date": ev.date_start, "thread": str(ev.thread)}
        found = _title_relation(str(ev.title), codes)
        if found is not None:
            a, b, relation, phrase = found
            rows.append({**base, "source": a, "target": b, "relation": relation,
                         "directed": True, "rule": f"title: {phrase!r}"})
        category = str(ev.category)
        if category in _HOSTILE and len(codes) == 2 and found is None:
            a, b = sorted(codes)
            rows.append({**base, "source": a, "target": b, "relation": "opposes",
                         "directed": False, "rule": "hostilities"})
        elif category in _COOPERATION and len(codes) >= 2:
            if any(_re.search(rf"\b{w}\b", str(ev.title), _re.IGNORECASE) for w in _NOT_BACKING):
                continue
            opposed = {frozenset(p) for p in hostile_pairs}
            if found is not None and found[2] == "opposes":
                opposed.add(frozenset(found[:2]))
            pairs = [(a, b) for i, a in enumerate(sorted(codes)) for b in sorted(codes)[i + 1:]]
            if any(frozenset(p) in opposed for p in pairs):
                continue
            for a, b in pairs:
                if found is not None and {a, b} == set(found[:2]):
                    continue
                rows.append({**base, "source": a, "target": b, "relation": "supports",
                             "directed": False, "rule": "cooperation"})
    return pd.DataFrame(rows, columns=columns)


def alignment_edges(events: pd.DataFrame) -> pd.DataFrame:
    """Who backed whom, one row per pair of states and relation, from alignment_evidence().

    Columns: ``a``, ``b`` (codes, ``a`` < ``b``), ``relation`` (supports / opposes),
    ``direction`` (``"a->b"``, ``"b->a"`` or ``"both"``: mutual, or shown both ways),
    ``n_events``, ``first``, ``last`` (dates) and ``event_ids`` (list). Sorted by relation and
    by how many events show the pair, most first.

    Examples
    --------
    >>> from distant_allies import load_events
    >>> edges = alignment_edges(load_events())
    >>> set(edges["relation"]) <= {"supports", "opposes"}
    True
    """
    columns = ["a", "b", "relation", "direction", "n_events", "first", "last", "event_ids"]
    evidence = alignment_evidence(events)
    if evidence.empty:
        return pd.DataFrame(columns=columns)
    groups: dict[tuple[str, str, str], tuple[set, dict, list]] = {}
    for row in evidence.itertuples(index=False):  # (a plain loop: a groupby took ~25 ms)
        a, b = sorted((row.source, row.target))
        ways, ids, dates = groups.setdefault((a, b, row.relation), (set(), {}, []))
        if not row.directed:
            ways |= {"a->b", "b->a"}
        else:
            ways.add("a->b" if row.source == a else "b->a")
        ids[row.event_id] = None  # (in order, once each)
        if not pd.isna(row.date):
            dates.append(row.date)
    rows = []
    for (a, b, relation), (ways, ids, dates) in sorted(groups.items()):
        rows.append({"a": a, "b": b, "relation": relation,
                     "direction": "both" if len(ways) == 2 else next(iter(ways)),
                     "n_events": len(ids), "first": min(dates, default=pd.NaT),
                     "last": max(dates, default=pd.NaT), "event_ids": list(ids)})
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["relation", "n_events", "a", "b"], ascending=[False, False, True, True],
                          kind="stable")
    return out.reset_index(drop=True)


__all__ += [
    "COUNTRY_NAMES",
    "OPPOSE_PHRASES",
    "SUPPORT_PHRASES",
    "alignment_edges",
    "alignment_evidence",
    "claim_figures",
    "country_name",
]


# --------------------------------------------------------------------------------------------
# The event explorer's data: dates as people write them, the table of matching events, one
# event's detail (used by widgets.EventExplorer; each is usable on its own in a notebook)
# --------------------------------------------------------------------------------------------

from dataclasses import dataclass as _dataclass  # noqa: E402  (kept with the code that uses it)
from dataclasses import field as _field  # noqa: E402


def format_date(start: object, end: object = None, precision: object = "day") -> str:
    """An event's date as a person writes it, no more precise than the data.

    ``precision`` is the event's ``date_precision``: day ("7 July 1923"), month ("July 1923")
    or year ("1923"). A span gives both ends, sharing what they share.

    Examples
    --------
    >>> format_date(pd.Timestamp("1923-07-07"))
    '7 July 1923'
    >>> format_date(pd.Timestamp("2020-09-27"), pd.Timestamp("2020-11-10"))
    '27 September – 10 November 2020'
    >>> format_date(pd.Timestamp("1988-02-01"), None, "month")
    'February 1988'
    >>> format_date(pd.NaT)
    'date unknown'
    """
    if start is None or pd.isna(start):
        return "date unknown"
    first = pd.Timestamp(start)
    last = pd.Timestamp(end) if end is not None and not pd.isna(end) else first
    precision = str(precision)
    if precision == "year":
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if precision == "month":
        if (first.year, first.month) == (last.year, last.month):
            return f"{first:%B %Y}"
        if first.year == last.year:
            return f"{first:%B}–{last:%B %Y}"
        return f"{first:%B %Y} – {last:%B %Y}"
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


#: The columns of :func:`event_table`.
EVENT_TABLE_COLUMNS = ("event_id", "date", "title", "place", "thread", "category", "contested",
                       "n_sources", "sources", "source_ids")


def event_table(
    events: pd.DataFrame,
    places: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The matching events as a table to read: date, title, place and sources, oldest first.

    Columns: ``event_id``, ``date`` (as :func:`format_date` writes it), ``title``, ``place``
    (the gazetteer's name when ``places`` is given, else the place id), ``thread``,
    ``category``, ``contested``, ``n_sources``, ``sources`` (the publishers, ``; ``-separated,
    when ``sources`` is given, else the source ids) and ``source_ids`` (list). The index is
    a plain 0..n-1 range; an empty selection gives an empty table with the same columns.

    Examples
    --------
    >>> from distant_allies import load_events, load_places, load_sources
    >>> table = event_table(filter_events(load_events(), years=(1923, 1923)), load_places(),
    ...                     load_sources())
    >>> table.loc[0, ["date", "place"]].tolist()
    ['7 July 1923', 'Nagorno-Karabakh']
    >>> event_table(load_events().iloc[:0]).empty
    True
    """
    ev = events.sort_values("date_start", kind="stable")
    place = ev["place_id"].astype("string")
    if places is not None:
        names = places.drop_duplicates("place_id").set_index("place_id")["name"]
        place = place.map(names).fillna(place)
    ids = ev["source_ids"].map(lambda s: list(s) if isinstance(s, (list, tuple)) else [])
    if sources is not None:
        publisher = sources.drop_duplicates("source_id").set_index("source_id")["publisher"]
        lookup = {str(k): str(v) for k, v in publisher.items()}
        cited = ids.map(lambda s: "; ".join(dict.fromkeys(lookup.get(i, i) for i in s)))
    else:
        cited = ids.map("; ".join)
    dates = [format_date(s, e, p) for s, e, p in zip(ev["date_start"], ev["date_end"],
                                                      ev["date_precision"], strict=True)]
    out = pd.DataFrame({
        "event_id": ev["event_id"].astype(str).to_numpy(),
        "date": pd.Series(dates, dtype=object).to_numpy(),
        "title": ev["title"].astype(str).to_numpy(),
        "place": place.fillna("").astype(str).to_numpy(),
        "thread": ev["thread"].astype(str).to_numpy(),
        "category": ev["category"].astype(str).to_numpy(),
        "contested": ev["contested"].astype(bool).to_numpy(),
        "n_sources": ids.map(len).astype(int).to_numpy(),
        "sources": cited.astype(str).to_numpy(),
        "source_ids": ids.to_numpy(),
    }, columns=list(EVENT_TABLE_COLUMNS))
    return out


def country_counts(events: pd.DataFrame) -> pd.Series:
    """How many events involve each country code, most first (ties by name).

    Examples
    --------
    >>> from distant_allies import load_events
    >>> set(country_counts(load_events()).index[:2]) <= {"AZE", "ARM", "PAK", "IND"}
    True
    """
    counts = events["countries"].explode().dropna().astype(str).value_counts()
    order = sorted(counts.index, key=lambda c: (-int(counts[c]), country_name(c)))
    return counts.reindex(order).rename("events").rename_axis("country")


def fatalities_text(event: pd.Series) -> str | None:
    """The reported deaths of one event row in words, or ``None`` when none are reported.

    Examples
    --------
    >>> fatalities_text(pd.Series({"fatalities_low": 25, "fatalities_best": 26,
    ...                            "fatalities_high": pd.NA, "fatalities_note": pd.NA}))
    '26 reported killed (at least 25)'
    """
    def num(key: str) -> int | None:
        value = event.get(key)
        return None if value is None or pd.isna(value) else int(value)

    low, best, high = num("fatalities_low"), num("fatalities_best"), num("fatalities_high")
    if low is None and best is None and high is None:
        return None
    if low is not None and high is not None:
        span = f"{low:,}–{high:,}"
    elif low is not None:
        span = f"at least {low:,}"
    elif high is not None:
        span = f"up to {high:,}"
    else:
        span = ""
    if best is not None:
        text = f"{best:,} reported killed" + (f" ({span})" if span else "")
    else:
        text = f"{span} reported killed"
    note = event.get("fatalities_note")
    if note is not None and not pd.isna(note) and str(note).strip():
        text += f". {str(note).strip()}"
    return text


@_dataclass(frozen=True)
class EventDetail:
    """Everything the explorer shows about one event (see :func:`event_detail`)."""

    event_id: str
    title: str
    date: str
    thread: str
    category: str
    place: str
    place_admin: str
    summary: str
    countries: list[str]
    contested: bool
    fatalities: str | None
    #: The cited sources, in the order the event cites them: source_id, title, publisher,
    #: published, url, kind, origin.
    sources: pd.DataFrame = _field(repr=False)
    #: The claims, one row per claim: party, party_name, claimant, claim, stance, status,
    #: source_id, source (publisher), url, note.
    claims: pd.DataFrame = _field(repr=False)
    #: The parties in the order their claims go side by side.
    parties: list[str] = _field(default_factory=list)


def _party_order(parties: Iterable[str], countries: Iterable[str]) -> list[str]:
    countries = list(countries)
    def key(p: str) -> tuple:
        if p in countries:
            return (0, countries.index(p), p)
        return ({"seed": 3, "international": 2}.get(p, 1), 0, country_name(p))
    return sorted(dict.fromkeys(parties), key=key)


def event_detail(
    event_id: str,
    events: pd.DataFrame,
    places: pd.DataFrame,
    sources: pd.DataFrame,
    claims: pd.DataFrame,
) -> EventDetail:
    """One event's summary, its sources and each party's claims, ready to show side by side.

    Parties come in the order of the event's ``countries``, then other states and bodies,
    then international observers, then the seed article.

    Raises
    ------
    KeyError
        When no event has ``event_id`` (the message names the closest id).

    Examples
    --------
    >>> import distant_allies as da
    >>> d = event_detail("2025-05-10-ceasefire", *da.load_dataset())
    >>> d.date, d.parties[:2]
    ('10 May 2025', ['IND', 'PAK'])
    """
    found = events.loc[events["event_id"] == event_id]
    if found.empty:
        import difflib

        near = difflib.get_close_matches(str(event_id), events["event_id"].astype(str), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        raise KeyError(f"no event with event_id {event_id!r}{hint}")
    ev = found.iloc[0]
    gaz = places.drop_duplicates("place_id").set_index("place_id")
    place_id = str(ev["place_id"])
    place = str(gaz.at[place_id, "name"]) if place_id in gaz.index else place_id
    admin = gaz.at[place_id, "admin"] if place_id in gaz.index else None
    cited = event_sources(ev, sources)
    cited = cited.loc[:, [c for c in ("source_id", "title", "publisher", "published", "url",
                                      "kind", "origin") if c in cited.columns]]
    said = claims_for(str(event_id), claims)
    src = sources.drop_duplicates("source_id").set_index("source_id")
    sid = said["source_id"].astype(str)
    table = pd.DataFrame({
        "party": said["party"].astype(str),
        "party_name": said["party"].astype(str).map(country_name),
        "claimant": said["claimant"].astype(str),
        "claim": said["claim"].astype(str),
        "stance": said["stance"].astype(str),
        "status": said["status"].astype(str),
        "source_id": sid,
        "source": sid.map(src["publisher"]).fillna(sid).astype(str),
        "url": sid.map(src["url"]).fillna("").astype(str),
        "note": said["note"].astype("string").fillna("").astype(str) if "note" in said
        else "",
    })
    countries = [str(c) for c in ev["countries"]] if isinstance(ev["countries"], list) else []
    parties = _party_order(table["party"], countries)
    table = table.assign(_order=table["party"].map({p: i for i, p in enumerate(parties)}))
    table = table.sort_values(["_order"], kind="stable").drop(columns="_order")
    return EventDetail(
        event_id=str(ev["event_id"]),
        title=str(ev["title"]),
        date=format_date(ev["date_start"], ev["date_end"], ev["date_precision"]),
        thread=str(ev["thread"]),
        category=str(ev["category"]),
        place=place,
        place_admin="" if admin is None or pd.isna(admin) else str(admin),
        summary="" if pd.isna(ev["summary"]) else str(ev["summary"]),
        countries=countries,
        contested=bool(ev["contested"]),
        fatalities=fatalities_text(ev),
        sources=cited.reset_index(drop=True),
        claims=table.reset_index(drop=True),
        parties=parties,
    )


__all__ += [
    "EVENT_TABLE_COLUMNS",
    "EventDetail",
    "country_counts",
    "event_detail",
    "event_table",
    "fatalities_text",
    "format_date",
]
