"""What the report reader does with a document: read it, find its quantities, show and export them.

The extraction itself lives in `duikou.textstats` (pure Python); this module turns its result
into what the pages need: the text with every quantity marked, the sentence each sits in, the
table rows and the Excel workbook. Everything here works from the stored text and offsets.
"""

from __future__ import annotations

import io
import logging
import re
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duikou.core.context import acting_as
from duikou.lib.spreadsheet import text_cell
from duikou.lib.zipcheck import ZipProblem, check_zip

log = logging.getLogger("duikou.reader")

# Sentences end at 。！？；and line breaks; the half-width !?; that copies from PDFs and web pages
# often carry count too (not ".", which is also the decimal point).
SENTENCE_ENDS = frozenset("。！？；\n!?;")
# Filter value for quantities without a unit (a bare number with 万/亿, a fraction).
NO_UNIT = "_"

QUALIFIER_LABELS = {
    "over": gettext_lazy("more than"),
    "under": gettext_lazy("less than"),
    "about": gettext_lazy("about"),
}


# -- reading and extracting ------------------------------------------------------------------
def extract_mentions(text: str) -> list[dict]:
    """The quantities of a text as JSON-ready dicts (the `duikou extract` shape)."""
    from duikou.textstats import extract

    return [q.to_dict() for q in extract(text)]


# Characters a database text column cannot hold (NUL; lone surrogates from broken PDF font
# maps), replaced one for one so that offsets stay valid.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


_MB = 1024 * 1024


def max_unpacked_bytes() -> int:
    """The most a .docx may unpack to (setting READER_MAX_UNCOMPRESSED_MB)."""
    return int(getattr(settings, "READER_MAX_UNCOMPRESSED_MB", 100)) * _MB


def max_text_characters() -> int:
    """How much of a document's text is kept and read (setting READER_MAX_TEXT_CHARACTERS)."""
    return int(getattr(settings, "READER_MAX_TEXT_CHARACTERS", 1_000_000))


def max_mentions() -> int:
    """How many quantities are stored per document (setting READER_MAX_MENTIONS)."""
    return int(getattr(settings, "READER_MAX_MENTIONS", 20_000))


class TooLarge(ValueError):
    """A document that would unpack to more than the reader accepts; the message says so."""


def check_docx(source: bytes | BinaryIO, name: str) -> None:
    """Refuse a .docx that is no Word file, or that unpacks to more than the limit, from its
    zip directory alone: python-docx would unpack every byte into memory first."""
    try:
        check_zip(
            source, required_member="word/document.xml", max_uncompressed=max_unpacked_bytes()
        )
    except ZipProblem as problem:
        if problem.kind == "too_large":
            raise TooLarge(
                _(
                    "“%(name)s” unpacks to %(size)s MB; Word files that unpack to at most "
                    "%(limit)s MB are accepted."
                )
                % {
                    "name": name,
                    "size": f"{problem.size / _MB:.1f}".removesuffix(".0"),
                    "limit": f"{max_unpacked_bytes() / _MB:.1f}".removesuffix(".0"),
                }
            ) from None
        raise TooLarge(
            _("“%(name)s” is not a Word (.docx) file, although its name ends in .docx.")
            % {"name": name}
        ) from None


def read_document(path: str | Path) -> str:
    """Plain text of a .txt/.docx/.pdf file; raises textstats' UnreadableDocument, or
    TooLarge for a .docx that would unpack to more than the limit."""
    from duikou.textstats import read_text

    path = Path(path)
    if path.suffix.lower() == ".docx":
        with path.open("rb") as handle:
            check_docx(handle, path.name)
    return read_text(path)


def storable(text: str) -> str:
    return _UNSTORABLE.sub("\ufffd", text)


# textstats gives its reasons in English; the page says them in the user's language.
_REASONS = (
    ("binary data", gettext_lazy("The file contains binary data, not text.")),
    (
        "unknown text encoding",
        gettext_lazy("The text is in an unknown encoding: save it as UTF-8 or GB18030."),
    ),
    ("encrypted PDF", gettext_lazy("The PDF is encrypted: remove the password and upload again.")),
    ("not a readable .docx", gettext_lazy("The Word file is damaged or not a .docx file.")),
    ("not a readable PDF", gettext_lazy("The PDF file is damaged or not a PDF.")),
)


def reason_message(reason: str) -> str:
    for prefix, message in _REASONS:
        if reason.startswith(prefix):
            return str(message)
    return reason


def process_document(pk: int) -> None:
    """The background job: read the document, extract its quantities, store the result."""
    from duikou.reader.models import ReportDocument
    from duikou.textstats import UnreadableDocument

    doc = _retrying(lambda: ReportDocument.objects.select_related("owner").get(pk=pk))
    with acting_as(doc.owner):
        doc.status = ReportDocument.Status.RUNNING
        _retrying(lambda: doc.save(update_fields=["status"]))
        try:
            text = storable(read_document(doc.file.path) if doc.file else doc.text)
            if not text.strip():
                _finish(
                    doc,
                    ReportDocument.Status.FAILED,
                    error=_(
                        "The document contains no text that can be read. A scanned PDF holds "
                        "only images: it needs text recognition (OCR) first."
                    ),
                )
                return
            # Limits before work: only the first characters are read, and only so many
            # quantities are kept, so one document cannot fill the database or the page.
            length = len(text)
            text = text[: max_text_characters()]
            mentions = extract_mentions(text)
            found = len(mentions)
            mentions = mentions[: max_mentions()]
        except TooLarge as exc:
            _finish(doc, ReportDocument.Status.FAILED, error=str(exc))
        except UnreadableDocument as exc:
            _finish(doc, ReportDocument.Status.FAILED, error=reason_message(exc.reason))
        except Exception:
            log.exception("report document %s could not be processed", pk)
            _finish(
                doc,
                ReportDocument.Status.FAILED,
                error=_("The document could not be processed because of an internal error."),
            )
        else:
            doc.text = text
            doc.result = {"mentions": mentions}
            if length > len(text):
                doc.result["text_length"] = length
            if found > len(mentions):
                doc.result["mentions_found"] = found
            _finish(doc, ReportDocument.Status.DONE)


def _finish(doc, status: str, error: str = "") -> None:
    doc.status = status
    doc.error = error
    doc.finished_at = timezone.now()

    def save() -> None:
        with transaction.atomic():
            doc.save(update_fields=["status", "error", "finished_at", "text", "result"])

    _retrying(save)


def _retrying(operation, attempts: int = 5):
    """Run a database operation, retrying when the database is briefly locked.

    A job writes while pages read; SQLite (the demo database) can answer "database is locked"
    for a moment. Other errors, and the last failure, go to the caller.
    """
    for attempt in range(1, attempts + 1):
        try:
            return operation()
        except OperationalError as exc:
            if attempt == attempts or "locked" not in str(exc).lower():
                raise
            log.warning("database busy, retrying (%s/%s): %s", attempt, attempts, exc)
            time.sleep(0.2 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


# -- sentences and marks ----------------------------------------------------------------------
def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of `text`, split after 。！？；(or !?;) and line breaks."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch in SENTENCE_ENDS and i + 1 < len(text):
            starts.append(i + 1)
    return starts


def sentence_bounds(starts: list[int], text_length: int, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) a mention [start, end) sits in."""
    first = bisect_right(starts, start) - 1
    last = bisect_right(starts, max(start, end - 1)) - 1
    stop = starts[last + 1] if last + 1 < len(starts) else text_length
    return starts[max(first, 0)], stop


def format_number(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_value(mention: dict) -> str:
    text = format_number(mention.get("value"))
    if mention.get("value_max") is not None:
        text = f"{text}–{format_number(mention['value_max'])}"
    return text


def qualifier_label(qualifier: str | None) -> str:
    return str(QUALIFIER_LABELS.get(qualifier, "")) if qualifier else ""


def unit_label(unit: str) -> str:
    return unit or _("(no unit)")


def tooltip(mention: dict) -> str:
    parts = [
        _("Value: %(value)s") % {"value": format_value(mention)},
        _("Unit: %(unit)s") % {"unit": unit_label(mention.get("unit", ""))},
    ]
    if mention.get("qualifier"):
        label = qualifier_label(mention["qualifier"])
        parts.append(_("Qualifier: %(qualifier)s") % {"qualifier": label})
    if mention.get("counted"):
        parts.append(_("Counted: %(counted)s") % {"counted": mention["counted"]})
    return "\n".join(parts)


def highlight(text: str, mentions: Iterable[dict]) -> SafeString:
    """The text as HTML with each quantity in a <mark>; every piece of text is escaped."""
    parts: list[str] = []
    pos = 0
    for index, mention in sorted(enumerate(mentions), key=lambda im: im[1]["start"]):
        start, end = mention["start"], mention["end"]
        if start < pos or end > len(text) or start >= end:
            continue  # overlapping or out of range: leave the text unmarked
        parts.append(escape(text[pos:start]))
        unit = escape(mention.get("unit", ""))
        parts.append(
            f'<mark class="dk-quantity" id="q{index + 1}" data-unit="{unit}" '
            f'title="{escape(tooltip(mention))}">{escape(text[start:end])}</mark>'
        )
        pos = end
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


# -- the table ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    number: int
    surface: str
    value: int | float
    value_max: int | float | None
    unit: str
    qualifier: str | None
    counted: str
    sentence: str
    start: int
    end: int
    # Where the surface sits inside `sentence`.
    offset: int = 0

    SHOWN_AROUND = 120

    @property
    def sentence_parts(self) -> tuple[str, str, str]:
        """(before, surface, after) of the sentence, long sentences cut around the quantity."""
        before = self.sentence[: self.offset]
        after = self.sentence[self.offset + len(self.surface) :]
        if len(before) > self.SHOWN_AROUND:
            before = "…" + before[-self.SHOWN_AROUND :]
        if len(after) > self.SHOWN_AROUND:
            after = after[: self.SHOWN_AROUND] + "…"
        return before, self.surface, after

    @property
    def value_text(self) -> str:
        return format_value({"value": self.value, "value_max": self.value_max})

    @property
    def qualifier_text(self) -> str:
        return qualifier_label(self.qualifier)

    @property
    def unit_text(self) -> str:
        return unit_label(self.unit)


def rows(text: str, mentions: list[dict], unit: str | None = None) -> list[Row]:
    """Table rows for the mentions, optionally only one unit (NO_UNIT: those without)."""
    starts = sentence_starts(text)
    wanted = None if unit is None or unit == "" else ("" if unit == NO_UNIT else unit)
    result = []
    for number, m in enumerate(mentions, start=1):
        if wanted is not None and m.get("unit", "") != wanted:
            continue
        s, e = sentence_bounds(starts, len(text), m["start"], m["end"])
        raw = text[s:e]
        lead = len(raw) - len(raw.lstrip())
        result.append(
            Row(
                number=number,
                surface=m["surface"],
                value=m["value"],
                value_max=m.get("value_max"),
                unit=m.get("unit", ""),
                qualifier=m.get("qualifier"),
                counted=m.get("counted") or "",
                sentence=raw.strip(),
                start=m["start"],
                end=m["end"],
                offset=max(0, m["start"] - s - lead),
            )
        )
    return result


def unit_choices(mentions: list[dict]) -> list[tuple[str, str, int]]:
    """(filter value, label, count) per unit, most frequent first."""
    counts = Counter(m.get("unit", "") for m in mentions)
    return [
        (unit or NO_UNIT, unit_label(unit), n)
        for unit, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


# -- Excel -------------------------------------------------------------------------------------
EXCEL_CELL_LIMIT = 32_767


def workbook(title: str, table: list[Row]) -> bytes:
    """The table as an .xlsx file: one row per quantity, numbers as numbers.

    Every text cell is written as a string, so text from a report that starts with "=" is
    never run as a formula when the file is opened.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Quantities")[:31])
    for column, width in {"B": 16, "C": 18, "D": 18, "G": 14, "H": 80}.items():
        ws.column_dimensions[column].width = width
    bold = Font(bold=True)

    def text(value: str, font: Font | None = None) -> object:
        return text_cell(ws, value, font)

    ws.append([text(title, bold)])
    headers = [
        _("No."),
        _("Surface"),
        _("Value"),
        _("Upper value"),
        _("Unit"),
        _("Qualifier"),
        _("Counted"),
        _("Sentence"),
        _("Start"),
        _("End"),
    ]
    ws.append([text(h, bold) for h in headers])
    for r in table:
        ws.append(
            [
                r.number,
                text(r.surface),
                r.value,
                r.value_max,
                text(r.unit),
                text(r.qualifier_text),
                text(r.counted),
                text(r.sentence[:EXCEL_CELL_LIMIT]),
                r.start,
                r.end,
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
