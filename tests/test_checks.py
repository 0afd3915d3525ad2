"""check(): a message and the next hint, never a traceback; strict mode for CI."""

from __future__ import annotations

import pandas as pd
import pytest

from distant_allies import checks
from distant_allies.checks import CheckFailed, Exercise, answer_hash, check, list_exercises


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv(checks.STRICT_VAR, raising=False)
    checks.reset()
    demo = {
        "9.1": Exercise(id="9.1", notebook="99-demo", kind="data", prompt="How many?",
                        expected=lambda: 26, hints=("First hint.", "Second hint."),
                        answer_form="a whole number", explanation="26 people were killed."),
        "9.2": Exercise(id="9.2", notebook="99-demo", kind="choice", prompt="Which?",
                        accepted_hashes=(answer_hash("9.2", "B"),), hints=("Think again.",)),
        "9.3": Exercise(id="9.3", notebook="99-demo", kind="reflection", prompt="Why?",
                        min_words=5),
        "9.4": Exercise(id="9.4", notebook="99-demo", kind="data", prompt="Which ids?",
                        expected=lambda: ["a", "b"],
                        targeted=lambda a, e: "Two ids only." if len(a) > 2 else None,
                        hints=("Generic.",)),
    }
    monkeypatch.setattr(checks, "_registry", lambda: demo)


def test_not_attempted_for_ellipsis_and_empty_text():
    for answer in (..., None, "", "  ...  ", '\n...\n'):
        result = check("9.1", answer)
        assert result.status == "not attempted"
        assert "Replace the ... with your answer" in result.message
        assert "a whole number" in result.message


def test_correct_answer_explains():
    result = check("9.1", 26)
    assert result.correct and result.status == "correct"
    assert result.message == "26 people were killed."
    assert result.points == result.max_points == 1
    assert check("9.1", 26.0).correct  # numbers compare by value


def test_wrong_answers_get_the_next_hint_each_time():
    assert check("9.1", 25).hint == "First hint."
    assert check("9.1", 24).hint == "Second hint."
    assert check("9.1", 23).hint == "Second hint."  # the last hint repeats
    assert check("9.1", 26).correct
    assert check("9.1", 1).hint == "First hint."  # a correct answer starts the hints again


@pytest.mark.parametrize("answer", [
    object(), lambda: 1, pd.DataFrame({"a": [1]}), pd.Series([26]), "x" * 100_000,
    {"dict": 1}, float("nan"), b"bytes", 10**1000, [[1, 2], [3]], type,
])
def test_never_raises_whatever_the_type(answer):
    result = check("9.1", answer)
    assert result.status in ("not yet", "correct")
    str(result)
    result._repr_html_()


def test_collections_compare_as_sets_and_text_ignores_case():
    assert check("9.4", ["b", "a"]).correct
    assert check("9.4", ("A", "B")).correct
    assert check("9.4", ["a", "b", "c"]).hint == "Two ids only."
    assert check("9.4", ["a"]).hint == "Generic."


def test_choice_answers_are_hashed_not_stored():
    assert check("9.2", "b").correct
    assert check("9.2", " B ").correct
    assert check("9.2", "C").hint == "Think again."


def test_reflection_needs_words_and_is_left_to_the_teacher():
    short = check("9.3", "Too short.")
    assert short.status == "not yet" and "at least 5 words" in short.message
    long = check("9.3", "Because both governments saw a shared cause in it.")
    assert long.status == "submitted" and long.correct
    assert long.points == 0  # a person grades it


def test_unknown_exercise_is_a_message():
    result = check("42.1", 3)
    assert result.status == "unknown exercise"
    assert "known exercises: 9.1, 9.2, 9.3, 9.4" in result.message


def test_a_bug_in_a_check_is_still_a_message(monkeypatch):
    def broken():
        raise KeyError("oops")
    monkeypatch.setattr(checks, "_evaluate", lambda *a: broken())
    result = check("9.1", 26)
    assert result.status == "not yet"
    assert "The check itself failed (KeyError" in result.message


def test_strict_mode_raises_for_anything_but_correct(monkeypatch):
    monkeypatch.setenv(checks.STRICT_VAR, "1")
    assert check("9.1", 26).correct
    for answer in (25, ...):
        with pytest.raises(CheckFailed, match="Exercise 9.1"):
            check("9.1", answer)
    assert check("9.3", "Because both governments saw a shared cause in it.").correct


def test_html_escapes_answers():
    html = check("42.<b>", 1)._repr_html_()
    assert "<b>" not in html.replace("<strong>", "").replace("</strong>", "")


def test_list_exercises():
    table = list_exercises()
    assert list(table.columns) == ["exercise", "notebook", "kind", "points", "prompt"]
    assert table["exercise"].tolist() == ["9.1", "9.2", "9.3", "9.4"]
