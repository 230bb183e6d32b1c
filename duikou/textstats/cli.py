"""Command line: ``python -m duikou.textstats extract [--out DIR] [--text] FILE...``.

For every input file the quantity mentions are written to ``DIR/<stem>.json``
as ``{"mentions": [...]}``; with ``--text`` the plain text that the offsets
refer to goes to ``DIR/<stem>.txt``.  Without ``--out`` each mention is
printed to standard output as one JSON object per line, with a ``"file"`` key.

A file that cannot be read is reported on standard error (file name and
reason); the other files are still processed and the exit code is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .documents import UnreadableDocument, read_text
from .extract import extract

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m duikou.textstats",
        description="Extract statistical quantities from Chinese report text.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "extract", help="extract quantity mentions from .txt/.docx/.pdf files"
    )
    command.add_argument("--out", type=Path, help="write <stem>.json per input into this folder")
    command.add_argument(
        "--text", action="store_true", help="also write <stem>.txt, the text the offsets refer to"
    )
    command.add_argument("files", nargs="+", type=Path, metavar="FILE")
    return parser


def _output_stem(path: Path, used: dict[str, int]) -> str:
    """``path``'s stem, made unique among the files of this run."""
    stem = path.stem or path.name or "document"
    count = used.get(stem, 0) + 1
    used[stem] = count
    if count == 1:
        return stem
    unique = f"{stem}-{count}"
    print(
        f"warning: {path}: another input has the stem {stem!r}; writing {unique}.json",
        file=sys.stderr,
    )
    return unique


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 unreadable file, 2 usage)."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (``... | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in ("extract", "-h", "--help"):
        args_list.insert(0, "extract")  # "extract" is the only command: allow leaving it out
    try:
        args = _parser().parse_args(args_list)
    except SystemExit as exit_:  # argparse exits on --help and usage errors
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else 2
    if args.text and args.out is None:
        print("error: --text needs --out DIR", file=sys.stderr)
        return 2
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)

    status = 0
    used: dict[str, int] = {}
    for path in args.files:
        try:
            text = read_text(path)
        except UnreadableDocument as error:
            print(f"error: cannot read {error.path}: {error.reason}", file=sys.stderr)
            status = 1
            continue
        mentions = [mention.to_dict() for mention in extract(text)]
        if args.out is None:
            for mention in mentions:
                sys.stdout.write(
                    json.dumps({"file": str(path), **mention}, ensure_ascii=False) + "\n"
                )
            continue
        stem = _output_stem(path, used)
        # errors="replace": a lone surrogate from a broken PDF font map must not
        # abort the run; it becomes one "?" so offsets stay valid.
        with open(args.out / f"{stem}.json", "w", encoding="utf-8", errors="replace") as handle:
            json.dump({"mentions": mentions}, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        if args.text:
            with open(
                args.out / f"{stem}.txt", "w", encoding="utf-8", errors="replace", newline=""
            ) as handle:
                handle.write(text)
    sys.stdout.flush()
    return status
