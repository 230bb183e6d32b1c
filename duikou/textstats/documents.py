"""Read the plain text of a report file: ``.txt``, ``.docx`` or ``.pdf``.

* ``.txt`` (and any other suffix that is not a recognised container) is
  decoded as UTF-8 (with or without BOM), UTF-16 when it carries a BOM, else
  GB18030, the superset of GBK/GB2312 that Chinese office software writes.
* ``.docx`` via python-docx: body paragraphs joined with ``"\\n"``.
* ``.pdf`` via pypdf: the text of each page, pages joined with ``"\\n"``.

An empty file gives ``""``.  Anything that cannot be turned into text —
binary garbage, an unknown encoding, a corrupt or encrypted container, a
missing file — raises :class:`UnreadableDocument` with the path and a reason
a person can act on.  python-docx and pypdf are imported only when needed, so
importing this module stays cheap.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from pathlib import Path

__all__ = ["UnreadableDocument", "decode_text", "read_text"]

# Share of control / unassigned / private-use characters above which decoded
# bytes are taken for binary data: real documents have next to none, while
# random bytes that happen to decode as GB18030 are full of them.
_GARBAGE_SHARE = 0.01
# Control characters other than \t \n \v \f \r, private-use code points (where
# GB18030 puts byte sequences that no character uses) and lone surrogates.
_GARBAGE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff\ufffe\uffff]")


class UnreadableDocument(Exception):
    """A file whose text cannot be read; ``path`` and ``reason`` say which and why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return len(_GARBAGE.findall(text)) > max(2, _GARBAGE_SHARE * len(text))


def decode_text(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode the bytes of a text file (see module docstring for the order)."""
    if not data:
        return ""
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise UnreadableDocument(path, "binary data, not text")
        return text
    raise UnreadableDocument(path, "unknown text encoding (neither UTF-8 nor GB18030)")


def _read_docx(path: Path, data: bytes) -> str:
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        return "\n".join(paragraph.text for paragraph in document.paragraphs)
    except Exception as error:  # python-docx raises many kinds on bad input
        raise UnreadableDocument(
            path, f"not a readable .docx file ({type(error).__name__}: {error})"
        ) from error


def _read_pdf(path: Path, data: bytes) -> str:
    # pypdf logs a warning for every repair it attempts; the caller gets either
    # the text or one UnreadableDocument, so those warnings are only noise.
    pypdf_logger = logging.getLogger("pypdf")
    previous_level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(path, "encrypted PDF (needs a password)")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many kinds on corrupt files
        raise UnreadableDocument(
            path, f"not a readable PDF file ({type(error).__name__}: {error})"
        ) from error
    finally:
        pypdf_logger.setLevel(previous_level)


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".docx", ".pdf"):
        return suffix
    if suffix not in (".txt", ".text", ".md", ".csv"):
        # Unknown suffix: trust the content's signature.
        if data.startswith(b"%PDF-"):
            return ".pdf"
        if data.startswith(b"PK\x03\x04") and b"word/document.xml" in data:
            return ".docx"
    return ".txt"


def read_text(path: str | Path) -> str:
    """Return the plain text of ``path``; raise :class:`UnreadableDocument` if impossible."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise UnreadableDocument(path, "no such file") from error
    except IsADirectoryError as error:
        raise UnreadableDocument(path, "is a directory") from error
    except OSError as error:
        raise UnreadableDocument(path, error.strerror or str(error)) from error
    if not data:
        return ""
    kind = _kind(path, data)
    if kind == ".docx":
        return _read_docx(path, data)
    if kind == ".pdf":
        return _read_pdf(path, data)
    return decode_text(data, path)
