"""Distant Allies: a data-driven history of why Azerbaijan cheered for Pakistan in May 2025.

Nothing happens at import: no files are read and no plotting state is changed until you call
a function.

Examples
--------
>>> import distant_allies as da
>>> events = da.load_events()
>>> {"karabakh", "india-pakistan"} <= set(events["thread"].astype(str))
True
"""

from .data import (
    ENV_VAR,
    Dataset,
    DatasetError,
    Problem,
    data_path,
    load_claims,
    load_dataset,
    load_events,
    load_places,
    load_sources,
    load_terminology,
    validate,
)
from .explore import claims_for, count_events, duration_days, event_sources, filter_events

__version__ = "0.1.0"

__all__ = [
    "ENV_VAR",
    "Dataset",
    "DatasetError",
    "Problem",
    "__version__",
    "claims_for",
    "count_events",
    "data_path",
    "duration_days",
    "event_sources",
    "filter_events",
    "load_claims",
    "load_dataset",
    "load_events",
    "load_places",
    "load_sources",
    "load_terminology",
    "validate",
]
