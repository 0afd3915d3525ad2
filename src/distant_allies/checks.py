"""Check students' exercise answers: a message and the next hint, never a traceback.

The rhythm in every notebook::

    answer_3_2 = ...            # the student replaces ... with an answer
    check("3.2", answer_3_2)    # shows: correct / not yet, with a hint / not attempted yet

Expected answers are computed from the dataset where possible, so a correction to the data
corrects the exercise too. Answers that cannot be computed (a multiple-choice reading of the
history) are stored as salted hashes, not in plain text.

With the environment variable ``DISTANT_ALLIES_STRICT=1`` a check that is not correct raises
:class:`CheckFailed` (used by CI to prove that the solution notebooks are right).

Examples
--------
>>> from distant_allies.checks import check
>>> check("1.1", ...).status
'not attempted'
"""

from __future__ import annotations

import hashlib
import html
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CheckFailed", "CheckResult", "Exercise", "check", "list_exercises", "reset"]

STRICT_VAR = "DISTANT_ALLIES_STRICT"
_SALT = "distant-allies/v1/"

#: Kinds of exercise, as list_exercises() reports them.
KINDS = ("data", "source", "choice", "reflection")


class CheckFailed(AssertionError):
    """Raised by :func:`check` only in strict mode (``DISTANT_ALLIES_STRICT=1``)."""


def answer_hash(exercise_id: str, value: Any) -> str:
    """The salted hash a fixed answer to ``exercise_id`` is stored as.

    Case and spacing are ignored. With four choices a determined reader can recover the
    letter; the hash keeps the answer key from being read at a glance in the package, which is
    all it is for.
    """
    text = " ".join(str(value).strip().casefold().split())
    return hashlib.sha256(f"{_SALT}{exercise_id}|{text}".encode()).hexdigest()


@dataclass
class Exercise:
    """One exercise: where it lives, how it is marked, and what to say.

    ``expected`` is a function of no arguments (computed lazily from the data) or ``None`` for
    answers stored as hashes in ``accepted_hashes`` or for reflections.
    """

    id: str
    notebook: str
    kind: str
    prompt: str
    points: int = 1
    expected: Callable[[], Any] | None = None
    accepted_hashes: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    explanation: str = ""
    answer_form: str = ""
    compare: Callable[[Any, Any], bool] | None = None
    min_words: int = 40
    targeted: Callable[[Any, Any], str | None] | None = field(default=None, repr=False)

    def is_correct(self, answer: Any) -> bool:
        if self.accepted_hashes:
            return answer_hash(self.id, answer) in self.accepted_hashes
        expected = self.expected() if self.expected else None
        if self.compare is not None:
            return bool(self.compare(answer, expected))
        return _equal(answer, expected)


def _normal(value: Any) -> Any:
    """Make answers comparable: strings folded, numbers as floats, collections as sets."""
    if isinstance(value, str):
        return " ".join(value.strip().casefold().split())
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(_normal(v) for v in value)
    if hasattr(value, "tolist"):  # numpy / pandas scalars and arrays
        return _normal(value.tolist())
    return value


def _equal(answer: Any, expected: Any) -> bool:
    a, e = _normal(answer), _normal(expected)
    if isinstance(a, float) and isinstance(e, float):
        return math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9)
    return a == e


@dataclass
class CheckResult:
    """What a check says. Shows itself as a short coloured note in a notebook."""

    exercise: str
    status: str  # correct, not yet, not attempted, submitted, unknown exercise
    message: str
    hint: str = ""
    points: float = 0.0
    max_points: float = 0.0

    @property
    def correct(self) -> bool:
        return self.status in ("correct", "submitted")

    # Plain symbols that every font has (emoji are missing on some lab machines).
    _ICONS = {"correct": "✓", "not yet": "↻", "not attempted": "…", "submitted": "✎",
              "unknown exercise": "?"}
    _COLOURS = {"correct": "#1b7837", "not yet": "#b35806", "not attempted": "#555555",
                "submitted": "#2166ac", "unknown exercise": "#762a83"}

    def __str__(self) -> str:
        text = f"{self._ICONS.get(self.status, '')} Exercise {self.exercise}: {self.status}. "
        text += self.message
        if self.hint:
            text += f"\nHint: {self.hint}"
        return text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = self._COLOURS.get(self.status, "#333")
        body = (
            f"<strong>{self._ICONS.get(self.status, '')} Exercise {html.escape(self.exercise)}: "
            f"{html.escape(self.status)}.</strong> {html.escape(self.message)}"
        )
        if self.hint:
            body += f"<br><em>Hint:</em> {html.escape(self.hint)}"
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 0.3em 0.8em; '
            f'margin: 0.3em 0;">{body}</div>'
        )


_attempts: dict[str, int] = {}


def reset() -> None:
    """Forget how many times each exercise was tried (hints start again from the first)."""
    _attempts.clear()


def _registry() -> dict[str, Exercise]:
    from ._exercises import EXERCISES

    return EXERCISES


def list_exercises():
    """Every exercise with its notebook, kind and points, as a DataFrame.

    Examples
    --------
    >>> table = list_exercises()
    >>> list(table.columns)
    ['exercise', 'notebook', 'kind', 'points', 'prompt']
    """
    import pandas as pd

    rows = [
        {"exercise": ex.id, "notebook": ex.notebook, "kind": ex.kind, "points": ex.points,
         "prompt": ex.prompt}
        for ex in sorted(_registry().values(), key=lambda ex: _sort_key(ex.id))
    ]
    return pd.DataFrame(rows, columns=["exercise", "notebook", "kind", "points", "prompt"])


def _not_attempted(answer: Any) -> bool:
    if answer is Ellipsis or answer is None:
        return True
    return isinstance(answer, str) and answer.strip() in ("", "...")


def _evaluate(exercise_id: str, answer: Any) -> CheckResult:
    exercises = _registry()
    ex = exercises.get(str(exercise_id))
    if ex is None:
        known = ", ".join(sorted(exercises, key=_sort_key))
        return CheckResult(str(exercise_id), "unknown exercise",
                           f"There is no exercise {exercise_id!r}. Check the number in the "
                           f"notebook; known exercises: {known}.")
    form = f" Your answer should be {ex.answer_form}." if ex.answer_form else ""
    if _not_attempted(answer):
        return CheckResult(ex.id, "not attempted",
                           f"Replace the ... with your answer, then run the cell again.{form}",
                           max_points=ex.points)
    if ex.kind == "reflection":
        words = len(str(answer).split())
        if not isinstance(answer, str) or words < ex.min_words:
            return CheckResult(ex.id, "not yet",
                               f"Write at least {ex.min_words} words as a text in quotation "
                               f"marks (you have {words}). Your teacher reads and grades it.",
                               max_points=ex.points)
        return CheckResult(ex.id, "submitted",
                           f"{words} words saved in this notebook for your teacher to read.",
                           max_points=ex.points)
    try:
        ok = ex.is_correct(answer)
    except Exception:  # a wrong type of answer must not become a traceback
        ok = False
    if ok:
        _attempts.pop(ex.id, None)
        return CheckResult(ex.id, "correct", ex.explanation or "Well done.",
                           points=ex.points, max_points=ex.points)
    tries = _attempts.get(ex.id, 0)
    _attempts[ex.id] = tries + 1
    targeted = None
    if ex.targeted is not None:
        try:
            targeted = ex.targeted(answer, ex.expected() if ex.expected else None)
        except Exception:
            targeted = None
    hints = ex.hints or ("Re-read the task and try again.",)
    hint = targeted or hints[min(tries, len(hints) - 1)]
    return CheckResult(ex.id, "not yet", f"Not quite.{form}", hint=hint, max_points=ex.points)


def _sort_key(exercise_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in exercise_id.split("."))


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check an answer and say so; the next wrong try gets the next hint.

    Never raises at a student, whatever ``answer`` is — unless ``DISTANT_ALLIES_STRICT=1`` is
    set and the answer is not correct, when it raises :class:`CheckFailed` (for CI).
    """
    try:
        result = _evaluate(exercise_id, answer)
    except Exception as exc:  # a bug in the pack must still not reach a student as a traceback
        result = CheckResult(str(exercise_id), "not yet",
                             f"The check itself failed ({type(exc).__name__}: {exc}). "
                             "Please tell your teacher; your answer is still in the notebook.")
    if os.environ.get(STRICT_VAR) == "1" and not result.correct:
        raise CheckFailed(str(result))
    return result
