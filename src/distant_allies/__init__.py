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
from .explore import (
    alignment_edges,
    alignment_evidence,
    claim_figures,
    claims_for,
    count_events,
    country_name,
    duration_days,
    event_sources,
    filter_events,
)

__version__ = "0.1.0"

__all__ = [
    "ENV_VAR",
    "Dataset",
    "DatasetError",
    "Problem",
    "__version__",
    "alignment_edges",
    "alignment_evidence",
    "claim_figures",
    "claims_for",
    "count_events",
    "country_name",
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

#: Names imported only when first used, so that ``import distant_allies`` loads neither
#: ipywidgets nor matplotlib: public name -> submodule that defines it.
_LAZY = {
    "EventExplorer": "widgets",
    "Quiz": "widgets",
    "explore_events": "widgets",
    "quiz": "widgets",
    "charts": "charts",
    "ChartError": "charts",
    "describe": "charts",
    "house_style": "charts",
    "plot_alignments": "charts",
    "plot_claims": "charts",
    "plot_counts": "charts",
    "plot_map": "charts",
    "plot_timeline": "charts",
    "show": "charts",
    "use_house_style": "charts",
}
__all__ += sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        module = import_module(f".{_LAZY[name]}", __name__)
        value = module if name == _LAZY[name] else getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
