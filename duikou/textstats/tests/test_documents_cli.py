"""Reading .txt/.docx/.pdf files and the ``extract`` command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from duikou.textstats.cli import main
from duikou.textstats.documents import UnreadableDocument, decode_text, read_text

SENTENCE = "累计投入资金10.49亿元，实施109个基础设施建设项目"


def make_pdf(pages: list[str]) -> bytes:
    """A minimal PDF whose pages show ``pages`` through a Type0 font with a ToUnicode map.

    No font program is embedded: text extraction only needs the ToUnicode map,
    and this keeps the test free of font files.
    """
    chars = sorted({ch for page in pages for ch in page})
    cid = {ch: i + 1 for i, ch in enumerate(chars)}
    pairs = "\n".join(f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{pairs}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 0 1000 1000]"
        b" /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo"
        b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor %d 0 R /DW 1000 >>" % descriptor
    )
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for page in pages:
        content = (
            b"BT /F1 12 Tf 50 700 Td <%s> Tj ET" % "".join(f"{cid[ch]:04X}" for ch in page).encode()
        )
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 600 800] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, stream, font)
            )
        )
    kid_refs = " ".join(f"{kid} 0 R" for kid in kids).encode()
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)
    return path


# --- documents ------------------------------------------------------------


def test_utf8_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SENTENCE.encode("utf-8"))
    assert read_text(path) == SENTENCE


def test_a_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    assert read_text(path) == SENTENCE


def test_gb18030_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    text = "完成手術千余臺次，" + SENTENCE
    path.write_bytes(text.encode("gb18030"))
    assert read_text(path) == text


def test_utf16_with_byte_order_mark_is_read() -> None:
    assert decode_text(SENTENCE.encode("utf-16")) == SENTENCE


def test_an_empty_file_is_empty_text(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.docx", "empty.pdf"):
        (tmp_path / name).write_bytes(b"")
        assert read_text(tmp_path / name) == ""


def test_docx_paragraphs_are_joined_with_newlines(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "report.docx", ["第一段：投入3.5亿元", "第二段：建成2.78万套"])
    assert read_text(path) == "第一段：投入3.5亿元\n第二段：建成2.78万套"


def test_pdf_pages_are_joined_with_newlines(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["累计投入资金10.49亿元", "实施109个项目"]))
    assert read_text(path) == "累计投入资金10.49亿元\n实施109个项目"


def test_a_pdf_without_its_suffix_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "download.bin"
    path.write_bytes(make_pdf(["实施109个项目"]))
    assert read_text(path) == "实施109个项目"


def test_binary_garbage_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(os.urandom(4096) + b"\x00\x01\x02")
    with pytest.raises(UnreadableDocument) as caught:
        read_text(path)
    assert caught.value.path == str(path)
    assert caught.value.reason


def test_undecodable_bytes_name_the_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\x81\x30\x81" * 10)  # broken GB18030 four-byte sequences, not UTF-8
    with pytest.raises(UnreadableDocument, match="encoding"):
        read_text(path)


def test_a_corrupt_docx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(UnreadableDocument, match="docx"):
        read_text(path)


def test_a_corrupt_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage without objects or trailer")
    with pytest.raises(UnreadableDocument, match="PDF"):
        read_text(path)


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="no such file"):
        read_text(tmp_path / "missing.txt")


# --- command line ---------------------------------------------------------


def test_the_cli_writes_one_json_file_per_input(tmp_path: Path) -> None:
    source = tmp_path / "in" / "report.txt"
    source.parent.mkdir()
    source.write_text(SENTENCE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", "--out", str(out), str(source)]) == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [m["surface"] for m in data["mentions"]] == ["10.49亿元", "109个"]
    first = data["mentions"][0]
    assert {"start", "end", "surface", "value", "unit", "qualifier", "counted"} <= set(first)
    assert "value_max" not in first
    assert (first["value"], first["unit"], first["counted"]) == (1049000000, "元", "资金")
    assert not (out / "report.txt").exists()


def test_the_cli_writes_the_text_the_offsets_refer_to(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "brief.docx", ["江苏省", "募集资金 600 余万元"])
    out = tmp_path / "out"
    assert main(["extract", "--out", str(out), "--text", str(source)]) == 0
    text = (out / "brief.txt").read_text(encoding="utf-8")
    mentions = json.loads((out / "brief.json").read_text(encoding="utf-8"))["mentions"]
    assert [text[m["start"] : m["end"]] for m in mentions] == ["600 余万元"]


def test_the_cli_prints_json_lines_without_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    source.write_text("投入3至5万元，近万人", encoding="utf-8")
    assert main(["extract", str(source)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(source), str(source)]
    assert lines[0]["value_max"] == 50000
    assert lines[1]["qualifier"] == "under"


def test_an_unreadable_file_is_reported_and_the_others_still_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", "--out", str(out), str(bad), str(good)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "PDF" in err
    assert (out / "good.json").exists()
    assert not (out / "bad.json").exists()


def test_inputs_with_the_same_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("3个", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("4个", encoding="utf-8")
    out = tmp_path / "out"
    main(
        ["extract", "--out", str(out), str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")]
    )
    assert sorted(p.name for p in out.iterdir()) == ["x-2.json", "x.json"]


def test_text_without_out_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("3个", encoding="utf-8")
    assert main(["extract", "--text", str(source)]) == 2


def test_the_command_name_may_be_left_out(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("3个", encoding="utf-8")
    assert main(["--out", str(tmp_path / "out"), str(source)]) == 0
    assert (tmp_path / "out" / "a.json").exists()


def test_missing_arguments_are_a_usage_error() -> None:
    assert main(["extract"]) == 2
