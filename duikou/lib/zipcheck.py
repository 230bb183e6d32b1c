"""Look inside an Office file (a zip) before a parser unpacks it: is it what it claims, and
how big will it get? A few kilobytes of zip can declare gigabytes of XML (a "zip bomb")."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO


class ZipProblem(ValueError):
    """The file is not the kind of zip expected, or unpacks to more than allowed.

    `kind` is "not_zip", "wrong_content" or "too_large"; `size` the declared unpacked bytes.
    """

    def __init__(self, kind: str, size: int = 0) -> None:
        super().__init__(kind)
        self.kind = kind
        self.size = size


@dataclass(frozen=True)
class ZipSummary:
    members: int
    uncompressed: int


def check_zip(
    source: bytes | BinaryIO, *, required_member: str, max_uncompressed: int
) -> ZipSummary:
    """Check that `source` is a zip holding `required_member` whose members together unpack
    to at most `max_uncompressed` bytes, from the sizes the zip's directory declares.

    The declared sizes bound the real ones: Python's zipfile (which openpyxl and python-docx
    read through) never returns more bytes of a member than its declared size.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ZipProblem("not_zip") from None
    finally:
        if not isinstance(source, bytes | bytearray):
            source.seek(0)
    if required_member not in {info.filename for info in infos}:
        raise ZipProblem("wrong_content")
    total = sum(info.file_size for info in infos)
    if total > max_uncompressed:
        raise ZipProblem("too_large", total)
    return ZipSummary(len(infos), total)
