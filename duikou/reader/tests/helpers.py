"""Test helpers: the seed texts, tiny .docx/.pdf files built on the spot, expected messages."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import translation
from django.utils.html import escape

SEEDS = Path(__file__).resolve().parents[2] / "textstats" / "tests" / "data" / "seeds"
SEED_000 = SEEDS / "000_030a1a2d78a71e8b.txt"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def zh(msgid: str, **params: object) -> str:
    """A message as a Chinese user sees it (the msgid itself until translations are compiled)."""
    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    return text % params if params else text


def zh_html(msgid: str, **params: object) -> str:
    return str(escape(zh(msgid, **params)))


def make_docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(*lines: str) -> bytes:
    """A one-page PDF whose text (Chinese included) can be extracted.

    The font is a Type0 font with Identity-H encoding whose character codes are the UTF-16
    code units of the text, and a ToUnicode map says so: text extraction needs no glyphs.
    """
    chars = sorted({ch for line in lines for ch in line})
    cmap_entries = "\n".join(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chars)
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{cmap_entries}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    content_lines = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        hexed = "".join(f"{ord(c):04X}" for c in line)
        content_lines.append(f"<{hexed}> Tj T*")
    content_lines.append("ET")
    content = "\n".join(content_lines)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(to_unicode),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _stream(data: str) -> str:
    return f"<< /Length {len(data.encode('latin-1'))} >>\nstream\n{data}\nendstream"
