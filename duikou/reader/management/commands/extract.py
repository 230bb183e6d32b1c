"""`duikou extract [--out DIR] [--text] FILE...`: the quantities of report files as JSON.

A thin wrapper around `duikou.textstats.cli.main`: for every file, DIR/<stem>.json holds
{"mentions": [{"start", "end", "surface", "value", "unit", "qualifier", ...}]} (with --text also
DIR/<stem>.txt, the text the offsets refer to); without --out each mention is printed as one
JSON line. A file that cannot be read is named on standard error, the others are still done,
and the command fails at the end.
"""

from __future__ import annotations

import contextlib
import io

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Extract statistical quantities from .txt/.docx/.pdf report files as JSON."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help=".txt, .docx or .pdf files")
        parser.add_argument("--out", metavar="DIR", help="write <stem>.json per file into DIR")
        parser.add_argument(
            "--text",
            action="store_true",
            help="also write <stem>.txt, the plain text the offsets refer to (needs --out)",
        )

    def handle(self, *args, files, out=None, text=False, **options):
        from duikou.textstats.cli import main

        argv = ["extract"]
        if out:
            argv += ["--out", str(out)]
        if text:
            argv.append("--text")
        argv += ["--", *[str(f) for f in files]]
        errors = io.StringIO()
        # The textstats command line prints; route that to this command's streams.
        with contextlib.redirect_stdout(_Stream(self.stdout)), contextlib.redirect_stderr(errors):
            status = main(argv)
        problems = errors.getvalue().strip()
        if status != 0:
            message = problems or f"extract failed with exit code {status}"
            raise CommandError(message, returncode=status)
        if problems:  # warnings (e.g. two inputs with the same stem)
            self.stderr.write(problems)


class _Stream(io.TextIOBase):
    """A text stream over a management command's OutputWrapper, without its added newlines."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, s: str) -> int:
        self._wrapper.write(s, ending="")
        return len(s)

    def flush(self) -> None:
        self._wrapper.flush()
