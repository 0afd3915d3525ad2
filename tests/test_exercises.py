"""The real exercise registry: every exercise is well formed and its answer computes."""

from __future__ import annotations

import re

import pytest

from distant_allies import checks
from distant_allies._exercises import EXERCISES

IDS = sorted(EXERCISES, key=checks._sort_key)


@pytest.mark.parametrize("exercise_id", IDS)
def test_exercise_is_well_formed(exercise_id):
    ex = EXERCISES[exercise_id]
    assert re.fullmatch(r"\d+\.\d+", ex.id)
    assert ex.kind in checks.KINDS
    assert ex.points >= 1
    assert re.fullmatch(r"\d\d-[a-z0-9-]+", ex.notebook)
    assert ex.notebook.startswith(f"{int(ex.id.split('.')[0]):02d}-")
    assert ex.prompt
    if ex.kind == "reflection":
        assert ex.expected is None and not ex.accepted_hashes
    else:
        assert (ex.expected is not None) or ex.accepted_hashes
        assert ex.hints, "a wrong answer must get a hint"
        if ex.expected is not None:
            assert ex.expected() is not None  # computes from the data


def test_every_notebook_from_01_has_four_exercises_of_mixed_kinds():
    by_nb: dict[str, list] = {}
    for ex in EXERCISES.values():
        by_nb.setdefault(ex.notebook, []).append(ex)
    for nb, exs in by_nb.items():
        if nb.startswith("00-"):
            continue
        assert len(exs) >= 4, nb
        assert any(e.kind == "reflection" for e in exs), f"{nb} has no written reflection"
        assert len({e.kind for e in exs}) >= 3, f"{nb}: kinds are not mixed"
