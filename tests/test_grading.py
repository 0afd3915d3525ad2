"""The grader: one row per file, whatever the file does; nothing leaks out of a notebook.

Most tests read one shared run (the ``klass`` fixture): a folder holding a solved notebook and
every kind of bad submission side by side, graded once in parallel, so each test also shows
that its bad file did not affect any other row. The exercises are a test registry
(tests/fixtures/grading/da_grading_checks.py), imported in each kernel through PYTHONPATH.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from distant_allies.teacher import csv_safe, find_submissions, grade, make_student_version

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "grading"
SOLVED = FIXTURES / "90-grading-fixture.ipynb"
CHECKER = "da_grading_checks"
TIMEOUT = 15  # seconds per cell: room for a loaded 2-core machine; each loop costs this
EVIL_NAME = '=HYPERLINK("evil.example","click")'

# The solved fixture: cell 4 sets answer_90_1 (2 points), cell 7 answer_90_2 (1 point) and
# cell 10 the reflection answer_90_3 (3 points, graded by a person). A cell inserted at index 5
# becomes "cell 6", between the first answer and the second.
ANSWER_1, ANSWER_2, REFLECTION = 3, 6, 9


def _solved():
    """The fixture as a student hands it in: every answer right."""
    nb = nbformat.read(SOLVED, as_version=4)
    nb.metadata["distant_allies"]["version"] = "student"
    return nb


def _with_cell(source: str, at: int = 5):
    nb = _solved()
    nb.cells.insert(at, new_code_cell(source))
    return nb


def _without(index: int):
    nb = _solved()
    del nb.cells[index]
    return nb


def _escape_cell(outside: Path) -> str:
    return f"""import os, signal, subprocess, tempfile
outside = {str(outside)!r}
escaped = []
def attempt(name, action):
    try:
        action()
    except PermissionError:
        return
    escaped.append(name)
attempt("write", lambda: open(os.path.join(outside, "written.txt"), "w").close())
attempt("append", lambda: open(os.path.join(outside, "keep.txt"), "a").write("changed"))
attempt("os.open", lambda: os.open(os.path.join(outside, "raw.txt"), os.O_CREAT | os.O_WRONLY))
attempt("parent", lambda: open("../written-by-a-student.txt", "w").close())
attempt("delete", lambda: os.remove(os.path.join(outside, "keep.txt")))
attempt("rename", lambda: os.rename(os.path.join(outside, "keep.txt"), "stolen.txt"))
attempt("mkdir", lambda: os.mkdir(os.path.join(outside, "new-folder")))
attempt("program", lambda: subprocess.run(["touch", os.path.join(outside, "touched.txt")]))
attempt("shell", lambda: os.system("touch " + os.path.join(outside, "shell.txt")))
attempt("signal the grader", lambda: os.kill(os.getppid(), 0))
home = os.path.expanduser("~/notes.txt")
scratch = os.path.join(tempfile.gettempdir(), "scratch.txt")
for path in (home, scratch, "local.txt"):
    with open(path, "w") as fh:
        fh.write("a student's own file")
elsewhere = [p for p in (home, scratch) if not os.path.realpath(p).startswith(os.getcwd())]
secrets = [k for k in os.environ if "SECRET" in k]
assert not escaped and not elsewhere and not secrets, (escaped, elsewhere, secrets)
"""


FLOOD = """from IPython.display import display
print("x" * 30_000_000)
for i in range(100_000):
    print("y" * 200)
display({"text/plain": "z" * 20_000_000}, raw=True)
raise ValueError("e" * 20_000_000)
"""

CHEAT = """import json, os
import da_grading_checks, distant_allies.checks
answer_90_1 = 1800
distant_allies.checks._equal = lambda a, b: True
da_grading_checks.check = lambda *args: "correct"
def check(*args):
    return "correct"
print(json.dumps({"exercise": "90.1", "status": "correct", "points": 2.0, "max_points": 2.0}))
with open("da_grading_checks.py", "w") as fh:  # a fake checker beside the notebook
    fh.write("class R:\\n    status, message, hint, points, max_points = 'correct', '', '', 2, 2\\n"
             "def check(*args):\\n    return R()\\n")
os.environ["DISTANT_ALLIES_DATA"] = os.getcwd()  # a dataset of one's own
"""

STUBBORN = """import time
while True:
    try:
        time.sleep(0.05)
    except BaseException:
        pass
"""


def _evil():
    nb = _solved()
    nb.cells[ANSWER_2].source = 'answer_90_2 = "@SUM(A1:A9)"'
    nb.cells[REFLECTION].source = ('answer_90_3 = "=1+2 is how a spreadsheet starts a formula, '
                                   'so this text must not become one"')
    return nb


def _other_assignment():
    nb = _solved()
    nb.metadata["distant_allies"] = {"notebook": "99-another-course", "version": "student"}
    return nb


def _no_metadata():
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# My own notebook"), new_code_cell("answer_90_1 = 1923")]
    return nb


def _never_set():
    nb = _solved()
    nb.cells[ANSWER_2].source = 'answr_90_2 = ["AZE", "PAK"]  # a typo: answer_90_2 is never set'
    return nb


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """Grade one folder holding every kind of submission; return what the grader wrote."""
    base = tmp_path_factory.mktemp("class")
    subs = base / "submissions"
    subs.mkdir()
    outside = base / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("the teacher's file", encoding="utf-8")
    notebooks = {
        "alice.ipynb": _solved(),
        "bob-final (2).ipynb": make_student_version(_solved()),
        "frank.ipynb": _without(ANSWER_1),
        "gina.ipynb": _never_set(),
        "hal.ipynb": _with_cell("1 / 0"),
        "ivy.ipynb": _with_cell("while True:\n    pass"),
        "jack.ipynb": _with_cell("import sys\nsys.exit()"),
        "kim.ipynb": _with_cell("import os\nos._exit(1)"),
        "lee.ipynb": _with_cell(FLOOD),
        "max.ipynb": _with_cell(_escape_cell(outside)),
        "nia/first.ipynb": _solved(),
        "nia/second.ipynb": make_student_version(_solved()),
        "omar.ipynb": _solved(),
        "omar (1).ipynb": make_student_version(_solved()),
        "pat.ipynb": _with_cell(CHEAT, at=ANSWER_1 + 1),
        "quinn.ipynb": _with_cell(STUBBORN),
        "erin.ipynb": _other_assignment(),
        "fred.ipynb": _no_metadata(),
        f"{EVIL_NAME}.ipynb": _evil(),
    }
    for name, nb in notebooks.items():
        (subs / name).parent.mkdir(exist_ok=True)
        nbformat.write(nb, subs / name)
    (subs / "carol.ipynb").write_text("this is not JSON {", encoding="utf-8")
    (subs / "dan.ipynb").write_text('{"student": "dan", "cells": "none"}', encoding="utf-8")
    (subs / "notes.txt").write_text("my answers are in the notebook", encoding="utf-8")
    (subs / ".DS_Store").write_bytes(b"\0")
    now = time.time()
    os.utime(subs / "omar.ipynb", (now - 3600, now - 3600))
    os.utime(subs / "nia" / "first.ipynb", (now - 3600, now - 3600))
    home_file = Path.home() / "notes.txt"
    home_before = home_file.stat().st_mtime if home_file.exists() else None

    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(FIXTURES))
        mp.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(FIXTURES),
                                                              os.environ.get("PYTHONPATH")])))
        mp.delenv("DISTANT_ALLIES_STRICT", raising=False)
        mp.setenv("GRADER_TEST_SECRET_TOKEN", "a teacher's token, not for notebooks")
        tracemalloc.start()
        started = time.monotonic()
        report = grade(subs, base / "gradebook.csv", feedback=base / "feedback",
                       checker=CHECKER, timeout=TIMEOUT, jobs=3)
        seconds = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    with open(base / "gradebook.csv", newline="", encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    return {
        "base": base, "subs": subs, "outside": outside, "report": report, "seconds": seconds,
        "peak": peak, "rows": {r.file: r for r in report.rows},
        "csv": {r["file"]: r for r in table}, "table": table, "home_file": home_file,
        "home_before": home_before,
    }


def _row(klass, name):
    return klass["rows"][name]


def _points(row) -> dict[str, float | None]:
    return {ex: r.points for ex, r in row.results.items()}


FULL = {"90.1": 2.0, "90.2": 1.0, "90.3": None}


# --- the run as a whole ----------------------------------------------------------------------

def test_every_file_has_exactly_one_row(klass):
    files = sorted(p.relative_to(klass["subs"]).as_posix() for p in klass["subs"].rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    assert sorted(klass["rows"]) == files
    assert sorted(r["file"] for r in klass["table"]) == sorted(csv_safe(f) for f in files)
    assert not klass["report"].interrupted


def test_a_solved_notebook_gets_full_marks(klass):
    row = _row(klass, "alice.ipynb")
    assert (row.status, row.total, row.max_points) == ("graded", 3.0, 3.0)
    assert _points(row) == FULL
    line = klass["csv"]["alice.ipynb"]
    assert (line["student"], line["notebook"], line["ex 90.1"], line["ex 90.2"],
            line["ex 90.3"], line["total"], line["max"]) == (
        "alice", "90-grading-fixture", "2", "1", "", "3", "3")


def test_an_untouched_student_notebook_is_not_attempted(klass):
    row = _row(klass, "bob-final (2).ipynb")
    assert row.student == "bob-final" and row.status == "graded" and row.total == 0
    assert {r.status for r in row.results.values()} == {"not attempted"}


def test_reflections_are_exported_for_a_person_to_grade(klass):
    with open(klass["report"].reflections, newline="", encoding="utf-8-sig") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    alice = rows["alice.ipynb"]
    assert alice["exercise"] == "90.3" and alice["status"] == "submitted"
    assert alice["text"].startswith("Because the borders drawn in 1923")
    assert alice["words"] == "15" and alice["max_points"] == "3" and alice["points"] == ""
    assert rows["bob-final (2).ipynb"]["status"] == "not attempted"


def test_feedback_lists_each_exercise_its_result_and_hint(klass):
    files = klass["report"].feedback
    assert len(files) == len(klass["rows"])
    text = (klass["base"] / "feedback" / "pat.md").read_text(encoding="utf-8")
    for expected in ("| 90.1 | 🔁 not yet | 0 / 2 |", "nkao-established",
                     "| 90.2 | ✅ correct | 1 / 1 |", "graded by your teacher"):
        assert expected in text
    carol = (klass["base"] / "feedback" / "carol.md").read_text(encoding="utf-8")
    assert "not a notebook" in carol and "not valid JSON" in carol


def test_the_graders_memory_stays_bounded(klass):
    # lee.ipynb printed and displayed about 90 MB; the grader kept none of it.
    assert klass["peak"] < 40 * 2**20, f"peak {klass['peak'] / 2**20:.0f} MB"


# --- bad input: each gets a row, and no other row is affected ---------------------------------

def test_a_file_that_is_not_json(klass):
    row = _row(klass, "carol.ipynb")
    assert row.status == "not a notebook" and "not valid JSON" in row.reason
    assert klass["csv"]["carol.ipynb"]["total"] == ""


def test_json_that_is_not_a_notebook(klass):
    row = _row(klass, "dan.ipynb")
    assert row.status == "not a notebook" and "JSON, but not a notebook" in row.reason


def test_a_file_that_is_not_a_notebook_at_all(klass):
    row = _row(klass, "notes.txt")
    assert row.status == "not a notebook" and row.student == "notes"


def test_a_notebook_from_another_assignment(klass):
    erin = _row(klass, "erin.ipynb")
    assert erin.status == "not recognised" and "99-another-course" in erin.reason
    fred = _row(klass, "fred.ipynb")
    assert fred.status == "not recognised" and "metadata" in fred.reason


def test_a_deleted_answer_cell(klass):
    row = _row(klass, "frank.ipynb")
    assert row.status == "graded" and _points(row) == {**FULL, "90.1": 0.0}
    assert row.results["90.1"].status == "missing"
    assert "NameError" in " ".join(row.notes)


def test_an_answer_variable_never_set(klass):
    row = _row(klass, "gina.ipynb")
    assert row.status == "graded" and _points(row) == {**FULL, "90.2": 0.0}
    assert row.results["90.2"].status == "missing"
    assert "answer_90_2 is not set" in row.results["90.2"].message


def test_an_exception_in_a_cell(klass):
    row = _row(klass, "hal.ipynb")
    assert row.status == "graded" and _points(row) == FULL
    assert "cell 6 (1 / 0) raised ZeroDivisionError" in " ".join(row.notes)


def test_an_infinite_loop(klass):
    row = _row(klass, "ivy.ipynb")
    assert row.status == "timed out"
    assert row.reason.startswith("cell 6 (while True:) ran longer than")
    assert _points(row) == FULL  # the cells after the loop still ran and count
    assert klass["csv"]["ivy.ipynb"]["status"] == "timed out"


def test_an_infinite_loop_that_ignores_interrupts(klass):
    row = _row(klass, "quinn.ipynb")
    assert row.status == "timed out" and "could not be interrupted" in row.reason
    assert row.total == 0


def test_sys_exit_in_a_cell(klass):
    row = _row(klass, "jack.ipynb")
    assert row.status == "graded" and _points(row) == FULL
    assert "SystemExit" in " ".join(row.notes)


def test_os_exit_in_a_cell(klass):
    row = _row(klass, "kim.ipynb")
    assert row.status == "crashed" and "cell 6 (import os)" in row.reason
    assert row.total is None and klass["csv"]["kim.ipynb"]["total"] == ""


def test_tens_of_megabytes_of_output(klass):
    row = _row(klass, "lee.ipynb")
    assert row.status == "graded" and _points(row) == FULL
    assert "ValueError" in " ".join(row.notes)
    assert row.seconds < 4 * TIMEOUT


def test_a_notebook_that_writes_outside_its_temp_folder(klass):
    row = _row(klass, "max.ipynb")
    # the notebook's own assert passed: every attempt got a PermissionError, and ~ and
    # tempfile pointed into its own folder
    assert row.status == "graded" and not row.notes and _points(row) == FULL
    assert sorted(p.name for p in klass["outside"].iterdir()) == ["keep.txt"]
    assert (klass["outside"] / "keep.txt").read_text(encoding="utf-8") == "the teacher's file"
    assert not list(klass["base"].rglob("written-by-a-student.txt"))
    home_file = klass["home_file"]
    assert (home_file.stat().st_mtime if home_file.exists() else None) == klass["home_before"]


def test_two_files_for_one_student(klass):
    first, second = _row(klass, "omar.ipynb"), _row(klass, "omar (1).ipynb")
    assert first.student == second.student == "omar"
    assert first.status == second.status == "graded"
    assert (first.total, second.total) == (3.0, 0.0)
    assert second.notes[0].startswith("duplicate submission for omar")
    assert not any("duplicate" in n for n in first.notes)
    nia = _row(klass, "nia/first.ipynb"), _row(klass, "nia/second.ipynb")
    assert [r.student for r in nia] == ["nia", "nia"]
    assert "duplicate submission for nia" in klass["csv"]["nia/second.ipynb"]["reason"]
    assert "duplicate" not in klass["csv"]["nia/first.ipynb"]["reason"].split(";")[0]


def test_redefining_check_and_printing_results_does_not_count(klass):
    row = _row(klass, "pat.ipynb")
    assert row.status == "graded"
    assert row.results["90.1"].status == "not yet" and row.results["90.1"].points == 0
    assert row.results["90.2"].points == 1.0


def test_cells_are_escaped_against_spreadsheet_formulas(klass):
    name = f"{EVIL_NAME}.ipynb"
    line = klass["csv"][csv_safe(name)]
    assert line["student"] == "'" + EVIL_NAME and line["file"] == "'" + name
    assert _row(klass, name).status == "graded"
    with open(klass["report"].answers, newline="", encoding="utf-8-sig") as fh:
        answers = [r for r in csv.DictReader(fh) if r["file"] == "'" + name]
    assert {r["exercise"]: r["answer"] for r in answers}["90.2"] == "'@SUM(A1:A9)"
    with open(klass["report"].reflections, newline="", encoding="utf-8-sig") as fh:
        text = next(r["text"] for r in csv.DictReader(fh) if r["file"] == "'" + name)
    assert text.startswith("'=1+2")
    for table in (klass["report"].gradebook, klass["report"].answers,
                  klass["report"].reflections):
        with open(table, newline="", encoding="utf-8-sig") as fh:
            for cells in csv.reader(fh):
                assert not any(c[:1] in ("=", "+", "-", "@") for c in cells), cells


def test_a_whole_notebook_limit(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(FIXTURES))
    monkeypatch.setenv("PYTHONPATH", str(FIXTURES))
    nb = _solved()
    for _ in range(3):
        nb.cells.insert(5, new_code_cell("import time\ntime.sleep(2)"))
    (tmp_path / "subs").mkdir()
    nbformat.write(nb, tmp_path / "subs" / "slow.ipynb")
    report = grade(tmp_path / "subs", tmp_path / "gb.csv", checker=CHECKER, timeout=TIMEOUT,
                   notebook_timeout=5)
    (row,) = report.rows
    assert row.status == "timed out", row.reason
    assert "whole-notebook limit" in row.reason or "in all" in row.reason
    assert row.results["90.2"].points == 0 and row.seconds < 5 + 4 * TIMEOUT


def test_only_the_selected_notebooks_and_sizes_are_graded(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(FIXTURES))
    (tmp_path / "subs").mkdir()
    nbformat.write(_solved(), tmp_path / "subs" / "a.ipynb")
    report = grade(tmp_path / "subs", tmp_path / "gb.csv", checker=CHECKER,
                   notebooks=["03-pakistan-and-azerbaijan"])
    assert report.rows[0].status == "not recognised"
    assert "not from 03-pakistan-and-azerbaijan" in report.rows[0].reason
    report = grade(tmp_path / "subs", tmp_path / "gb.csv", checker=CHECKER, max_bytes=1000)
    assert report.rows[0].status == "not a notebook" and "the limit is" in report.rows[0].reason


@pytest.mark.parametrize(("value", "safe"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("  =1", "'  =1"), ("alice", "alice"), ("", ""), (None, ""),
    (3, 3), (-2.5, -2.5),
])
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


# --- finding submissions, the command line, Ctrl-C, imports, nbgrader -----------------------

def test_students_come_from_the_folder_or_the_file_name(tmp_path):
    for name in ("alice.ipynb", "bob-final (2).ipynb", "cara-Copy1.ipynb", "dev/x.ipynb",
                 "dev/sub/y.ipynb", ".ipynb_checkpoints/alice-checkpoint.ipynb", ".hidden",
                 "__MACOSX/alice.ipynb", "gradebook.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    found = find_submissions(tmp_path, exclude=[tmp_path / "gradebook.csv"])
    assert sorted((s.rel, s.student) for s in found) == [
        ("alice.ipynb", "alice"), ("bob-final (2).ipynb", "bob-final"),
        ("cara-Copy1.ipynb", "cara"), ("dev/sub/y.ipynb", "dev"), ("dev/x.ipynb", "dev")]


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ, TMPDIR=str(tmp))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FIXTURES), env.get("PYTHONPATH")]))
    env.pop("DISTANT_ALLIES_STRICT", None)
    return env


def test_command_line(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(_solved(), subs / "alice.ipynb")
    (subs / "<b>bob.ipynb").write_text("not json", encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    cmd = [sys.executable, "-m", "distant_allies", "grade", str(subs), "--out",
           str(tmp_path / "out" / "gb.csv"), "--feedback", str(tmp_path / "fb"),
           "--feedback-format", "html", "--timeout", "60", "--jobs", "2", "--checker", CHECKER]
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path / "tmp"),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "grade: 2 of 2 file(s)" in done.stdout and "Traceback" not in done.stderr
    with open(tmp_path / "out" / "gb.csv", newline="", encoding="utf-8-sig") as fh:
        rows = {r["student"]: r for r in csv.DictReader(fh)}
    assert rows["alice"]["total"] == "3" and rows["<b>bob"]["status"] == "not a notebook"
    assert (tmp_path / "out" / "gb-reflections.csv").exists()
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "fb").glob("*.html")]
    assert len(pages) == 2
    page = next(p for p in pages if "bob" in p)
    assert "&lt;b&gt;bob" in page and "<b>bob" not in page
    assert not list((tmp_path / "tmp").iterdir())  # the grader's temporary folders are gone

    bad = subprocess.run([sys.executable, "-m", "distant_allies", "grade",
                          str(tmp_path / "missing")], capture_output=True, text=True,
                         env=_env(tmp_path / "tmp"), timeout=60)
    assert bad.returncode == 1 and bad.stderr.startswith("grade: ")
    assert "Traceback" not in bad.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_ctrl_c_stops_cleanly_and_keeps_graded_rows(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(_solved(), subs / "a.ipynb")
    for name in ("b.ipynb", "c.ipynb"):
        nbformat.write(_with_cell("import time\ntime.sleep(600)"), subs / name)
    (tmp_path / "tmp").mkdir()
    cmd = [sys.executable, "-m", "distant_allies", "grade", str(subs), "--out",
           str(tmp_path / "gb.csv"), "--jobs", "1", "--timeout", "300", "--checker", CHECKER]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(tmp_path / "tmp"))
    try:
        for _ in range(50):  # "[1/3] a.ipynb: graded 3/3" once a.ipynb is done
            line = proc.stderr.readline()
            if not line or line.startswith("[1/3]"):
                break
        assert line.startswith("[1/3] a.ipynb: graded"), line
        time.sleep(1.5)  # b.ipynb is now sleeping in its kernel
        proc.send_signal(signal.SIGINT)
        stopped = time.monotonic()
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - stopped < 20
    assert proc.returncode == 130 and "Traceback" not in err, err
    with open(tmp_path / "gb.csv", newline="", encoding="utf-8-sig") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh)}
    assert rows["a.ipynb"]["status"] == "graded" and rows["a.ipynb"]["total"] == "3"
    assert rows["b.ipynb"]["status"] == "not graded" and "while" in rows["b.ipynb"]["reason"]
    assert rows["c.ipynb"]["status"] == "not graded" and "before" in rows["c.ipynb"]["reason"]
    assert not list((tmp_path / "tmp").iterdir())  # kernels' folders removed
    if Path("/proc").is_dir():  # no kernel is left running in them
        for proc_dir in Path("/proc").iterdir():
            try:
                cwd = os.readlink(proc_dir / "cwd")
            except OSError:
                continue
            assert not cwd.startswith(str(tmp_path / "tmp")), proc_dir


def test_importing_the_package_and_the_grader_stays_light():
    code = ("import sys, distant_allies, distant_allies.teacher; "
            "heavy = {'nbclient', 'jupyter_client', 'zmq', 'matplotlib', 'ipywidgets'}; "
            "assert not heavy & set(sys.modules), heavy & set(sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def _hidden_lines(nb) -> list[str]:
    """The lines between the solution markers of every cell."""
    out, inside = [], False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if line.strip() in ("### BEGIN SOLUTION", "### END SOLUTION"):
                inside = line.strip() == "### BEGIN SOLUTION"
            elif inside and line.strip():
                out.append(line.strip())
    return out


_OUR_STUB = re.compile(r"^\s*answer_\d+_\d+ = (\.\.\.|\"\"\")$")


def _canonical(source: str, version: str) -> list[str]:
    """A cell's lines with each hidden region, as that version writes it, replaced by STUB."""
    lines, out = source.splitlines(), []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if version == "solution" and line == "### BEGIN SOLUTION":
            while lines[i].strip() != "### END SOLUTION":
                i += 1
            stub = True
        elif version == "nbgrader" and line == "# YOUR CODE HERE" and i + 1 < len(lines) \
                and lines[i + 1].strip() == "raise NotImplementedError()":
            i, stub = i + 1, True
        elif version == "ours" and _OUR_STUB.match(lines[i]):
            if line.endswith('"""'):  # a reflection: answer_N_M = """ / ... / """
                i += 2
            stub = True
        else:
            stub = False
        if not (stub and out and out[-1] == "STUB"):
            out.append("STUB" if stub else lines[i])
        i += 1
    return out


def test_nbgrader_hides_the_same_answers_as_our_student_versions(tmp_path):
    pytest.importorskip("nbgrader")
    sources = sorted((REPO / "teacher" / "solutions").glob("*.ipynb")) + [SOLVED]
    course = tmp_path / "course"
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "distant-allies"\n', encoding="utf-8")
    for src in sources:
        nb = nbformat.read(src, as_version=4)
        for cell in nb.cells:
            if "### BEGIN SOLUTION" in cell.source:
                meta = cell.metadata.get("nbgrader", {})
                assert meta.get("solution") is True and meta.get("grade_id"), (
                    f"{src.name}: a cell with solution markers lacks nbgrader metadata, so "
                    "nbgrader would leave its answer in the student version")
        nbformat.write(nb, course / "source" / "ps1" / src.name)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime")):
        env[var] = str(tmp_path / "jupyter" / sub)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "ps1"],
                          cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    for src in sources:
        solution = nbformat.read(src, as_version=4)
        ours = make_student_version(solution)
        theirs = nbformat.read(course / "release" / "ps1" / src.name, as_version=4)
        assert len(ours.cells) == len(theirs.cells) == len(solution.cells)
        for line in _hidden_lines(solution):
            if len(line) > 12 and not line.startswith("#"):
                for version in (ours, theirs):
                    assert all(line not in c.source for c in version.cells), (src.name, line)
        # the same regions are hidden: with each one replaced by STUB, all three agree
        for index, (sol, mine, nbg) in enumerate(
                zip(solution.cells, ours.cells, theirs.cells, strict=True)):
            where = f"{src.name}, cell {index + 1}"
            assert _canonical(mine.source, "ours") == _canonical(sol.source, "solution"), where
            assert _canonical(nbg.source, "nbgrader") == _canonical(sol.source, "solution"), where

