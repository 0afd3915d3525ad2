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
    period = (year // 10 * 10) if freq == "decade" else year
    table = pd.crosstab(period.rename(freq), events[by])
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
