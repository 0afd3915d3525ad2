"""The command line: ``python -m distant_allies COMMAND``.

Commands
--------
validate [PATH] [--report]
    Check the dataset (the packaged one, or the folder PATH) and print a one-screen summary,
    or every problem found. Exits 1 when there are problems.
student-versions [--check]
    Write the student notebooks (notebooks/) from the solution notebooks (teacher/solutions/),
    answers replaced by ``...``; with --check, only report the stale ones (exit 1).
readme-table [--write README.md]
    Print the table of notebooks (title, time, what you'll do) or write it into the README.
gallery OUTDIR [--data PATH]
    Render every chart on the whole dataset to PNG files in OUTDIR (alt text in each PNG's
    metadata and in OUTDIR/README.md).
codebook [--write README]
    Print the column dictionary generated from datapackage.json, or write it into the
    datasheet (data/README.md) between its codebook markers.
grade SUBMISSIONS_DIR [--out gradebook.csv] [--feedback DIR] [--timeout 60] [--jobs N]
    Run every submitted notebook in a fresh kernel, check its answers there and write a
    gradebook (one row per file), the written reflections for a person to grade, and a
    feedback file per student. Ctrl-C stops and keeps the rows already graded (exit 130).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import _schema
from . import data as _data
from . import explore as _explore


def _summary(ds: _data.Dataset, folder: str, report: bool) -> str:
    ev = ds.events
    lines = [f"Distant Allies dataset at {folder}: OK", ""]
    lines.append("Rows per table:")
    for name in _data.Dataset._fields:
        lines.append(f"  {name + '.csv':<12} {len(getattr(ds, name)):>5}")
    first, last = ev["date_start"].min(), ev["date_start"].max()
    lines += ["", f"Events from {first:%Y-%m-%d} to {last:%Y-%m-%d}, per thread and decade:"]
    table = _explore.count_events(ev, by="thread", freq="decade")
    table.loc["total"] = table.sum()
    table["total"] = table.sum(axis=1)
    lines += ["  " + line for line in table.to_string().splitlines()]
    contested = ev[ev["contested"]]
    lines += ["", f"Contested events: {len(contested)}; claims: {len(ds.claims)} "
              f"({(ds.claims['party'] == 'seed').sum()} from the seed article)"]
    if report:
        lines += _coverage(ds)
    return "\n".join(lines)


def _coverage(ds: _data.Dataset) -> list[str]:
    src = ds.sources
    lines = ["", "Sources by origin and kind:"]
    table = src.groupby(["origin", "kind"], observed=True).size().unstack(fill_value=0)
    table["total"] = table.sum(axis=1)
    lines += ["  " + line for line in table.to_string().splitlines()]
    lines += ["", "Events per thread and category:"]
    bythread = ds.events.groupby(["thread", "category"], observed=False).size().unstack(
        fill_value=0
    )
    lines += ["  " + line for line in bythread.to_string().splitlines()]
    lines += ["", "Contested events and their claimants (parties):"]
    claims = ds.claims
    for _, ev in ds.events[ds.events["contested"]].iterrows():
        parties = sorted(set(claims.loc[claims["event_id"] == ev["event_id"], "party"]))
        flag = "" if len(parties) >= 2 else "   <- fewer than two parties"
        lines.append(f"  {ev['event_id']}: {', '.join(parties) or '(none)'}{flag}")
    status = claims.loc[claims["party"] == "seed", "status"].value_counts()
    lines += ["", "Seed-article claims by status:"]
    lines += [f"  {k:<13} {v:>4}" for k, v in status.items()]
    return lines


def _validate(args: argparse.Namespace) -> int:
    try:
        folder = _data.data_path(path=args.path)
        ds = _data.load_dataset(path=folder)
    except _data.DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(_summary(ds, str(folder), args.report))
    return 0


def _codebook(args: argparse.Namespace) -> int:
    text = _schema.codebook_markdown(_data.schema())
    if not args.write:
        print(text, end="")
        return 0
    try:
        readme = open(args.write, encoding="utf-8").read()
        new = _schema.replace_codebook(readme, text)
    except (OSError, ValueError) as exc:
        print(f"codebook: {args.write}: {exc}", file=sys.stderr)
        return 1
    if new != readme:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write(new)
        print(f"codebook: updated {args.write}")
    return 0


def _repo_root() -> Path:
    """The checkout this command runs in (teacher tools work on a clone of the pack)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "teacher" / "solutions").is_dir():
            return folder
    raise FileNotFoundError(
        "no teacher/solutions folder here or above; run this inside a clone of the pack"
    )


def _student_versions(args: argparse.Namespace) -> int:
    from .teacher import SolutionMarkerError, student_versions

    try:
        root = _repo_root()
        changed = student_versions(root / "teacher" / "solutions", root / "notebooks",
                                   check=args.check)
    except (FileNotFoundError, SolutionMarkerError) as exc:
        print(f"student-versions: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if changed:
            print("stale student notebooks: " + ", ".join(changed), file=sys.stderr)
            return 1
        print("student notebooks are current")
        return 0
    print(f"wrote {len(changed)} student notebook(s)" + (": " + ", ".join(changed) if changed
                                                          else ""))
    return 0


def _readme_table(args: argparse.Namespace) -> int:
    from .teacher import TABLE_END, TABLE_START, notebook_table, replace_between

    try:
        root = _repo_root()
        table = notebook_table(root / "notebooks")
        if not args.write:
            print(table, end="")
            return 0
        path = Path(args.write)
        text = path.read_text(encoding="utf-8")
        new = replace_between(text, TABLE_START, TABLE_END, table)
    except (OSError, ValueError) as exc:
        print(f"readme-table: {exc}", file=sys.stderr)
        return 1
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"readme-table: updated {path}")
    return 0


def _gallery(args: argparse.Namespace) -> int:
    try:
        from .charts import ChartError, render_gallery

        written = render_gallery(args.outdir, path=args.data)
    except (_data.DatasetError, ChartError, OSError) as exc:
        print(f"gallery: {exc}", file=sys.stderr)
        return 1
    print(f"gallery: wrote {len(written)} charts to {args.outdir} (alt text in README.md)")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from .teacher import grade

    try:
        report = grade(args.submissions, args.out, feedback=args.feedback,
                       feedback_format=args.feedback_format, timeout=args.timeout,
                       notebook_timeout=args.notebook_timeout, jobs=args.jobs,
                       notebooks=args.notebook, checker=args.checker,
                       confine=not args.no_confine, progress=not args.quiet)
    except (OSError, ValueError, RuntimeError, ImportError) as exc:
        print(f"grade: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # before any notebook ran, or while writing the files
        print("grade: stopped by Ctrl-C", file=sys.stderr)
        return 130
    counts = report.counts()
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    done = sum(n for status, n in counts.items() if status != "not graded")
    print(f"grade: {done} of {len(report.rows)} file(s) in {report.seconds:.0f} s"
          + (f" ({summary})" if summary else ""))
    print(f"grade: gradebook {report.gradebook}; reflections {report.reflections}; "
          f"answers {report.answers}")
    if report.feedback:
        print(f"grade: {len(report.feedback)} feedback file(s) in {args.feedback}")
    if not report.rows:
        print(f"grade: no files found in {args.submissions}", file=sys.stderr)
        return 1
    if report.interrupted:
        print("grade: stopped by Ctrl-C; the rows not graded say so", file=sys.stderr)
        return 130
    return 0


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m distant_allies",
        description="Tools for the Distant Allies teaching pack.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    p = sub.add_parser("validate", help="check the dataset and print a summary or its problems")
    p.add_argument("path", nargs="?", help="a folder like data/ (default: the packaged dataset)")
    p.add_argument("--report", action="store_true", help="add a coverage report")
    p.set_defaults(func=_validate)
    p = sub.add_parser("gallery", help="render every chart to PNG files in OUTDIR")
    p.add_argument("outdir", metavar="OUTDIR", help="folder for the PNG files (created)")
    p.add_argument("--data", metavar="PATH", help="a folder like data/ (default: packaged)")
    p.set_defaults(func=_gallery)
    p = sub.add_parser("codebook", help="print or write the column dictionary")
    p.add_argument("--write", metavar="README", help="write it into this datasheet")
    p.set_defaults(func=_codebook)
    p = sub.add_parser("student-versions",
                       help="write notebooks/ from teacher/solutions/ (answers hidden)")
    p.add_argument("--check", action="store_true", help="only report stale notebooks")
    p.set_defaults(func=_student_versions)
    p = sub.add_parser("readme-table", help="print or write the README's notebook table")
    p.add_argument("--write", metavar="README", help="write it into this README")
    p.set_defaults(func=_readme_table)
    p = sub.add_parser("grade", help="grade a folder of submitted notebooks into a gradebook")
    p.add_argument("submissions", metavar="SUBMISSIONS_DIR",
                   help="the submitted notebooks: any names, or one subfolder per student")
    p.add_argument("--out", default="gradebook.csv", metavar="CSV",
                   help="the gradebook (default: gradebook.csv); the reflections and answers "
                        "are written beside it")
    p.add_argument("--feedback", metavar="DIR", help="write one feedback file per student here")
    p.add_argument("--feedback-format", choices=("md", "html"), default="md",
                   help="Markdown (default) or HTML feedback")
    p.add_argument("--timeout", type=_seconds, default=60, metavar="SECONDS",
                   help="the limit per cell (default: 60)")
    p.add_argument("--notebook-timeout", type=_seconds, metavar="SECONDS",
                   help="the limit per notebook (default: 10 x --timeout)")
    p.add_argument("--jobs", type=int, metavar="N", help="notebooks at once (default: cores)")
    p.add_argument("--notebook", action="append", metavar="STEM",
                   help="grade only this notebook, e.g. 03-pakistan-and-azerbaijan "
                        "(repeatable); others are 'not recognised'")
    p.add_argument("--no-confine", action="store_true",
                   help="do not refuse writes outside each notebook's temporary folder")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--checker", default="distant_allies.checks", help=argparse.SUPPRESS)
    p.set_defaults(func=_grade)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. `validate | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
