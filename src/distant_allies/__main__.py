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
codebook [--write README]
    Print the column dictionary generated from datapackage.json, or write it into the
    datasheet (data/README.md) between its codebook markers.
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
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
