"""`duikou extract`: the management command over the textstats command line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from duikou.reader.tests.helpers import SEED_000, make_docx, make_pdf, seed_paths


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("extract", *args, stdout=out)
    return out.getvalue()


def test_five_seed_texts_give_json_whose_offsets_match_the_text(tmp_path):
    seeds = seed_paths()
    assert len(seeds) == 5
    run("--out", str(tmp_path), *map(str, seeds))
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        data = json.loads((tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8"))
        mentions = data["mentions"]
        assert mentions, seed.name
        for m in mentions:
            assert {"start", "end", "surface", "value", "unit", "qualifier"} <= m.keys()
            assert text[m["start"] : m["end"]] == m["surface"]


def test_seed_000_has_the_3000_projects():
    run_out = io.StringIO()
    call_command("extract", str(SEED_000), stdout=run_out)
    lines = [json.loads(line) for line in run_out.getvalue().splitlines()]
    hit = next(m for m in lines if m["surface"] == "3000余个")
    assert hit["value"] == 3000
    assert hit["unit"] == "个"
    assert hit["qualifier"] == "over"
    assert hit["file"] == str(SEED_000)


def test_text_option_writes_the_text_the_offsets_refer_to(tmp_path):
    run("--out", str(tmp_path), "--text", str(SEED_000))
    text = (tmp_path / f"{SEED_000.stem}.txt").read_text(encoding="utf-8")
    assert text == SEED_000.read_text(encoding="utf-8")


def test_text_without_out_is_a_usage_error():
    with pytest.raises(CommandError, match="--out"):
        run("--text", str(SEED_000))


def test_unreadable_file_is_named_and_the_others_are_still_written(tmp_path):
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 20)
    missing = tmp_path / "missing.pdf"
    out_dir = tmp_path / "out"
    with pytest.raises(CommandError) as info:
        run("--out", str(out_dir), str(garbage), str(SEED_000), str(missing))
    message = str(info.value)
    assert "garbage.txt" in message
    assert "missing.pdf" in message
    assert (out_dir / f"{SEED_000.stem}.json").exists()
    assert not (out_dir / "garbage.json").exists()


def test_docx_input(tmp_path):
    path = tmp_path / "briefing.docx"
    body = "全年实施援疆项目3000余个，投入援疆资金300余亿元。"
    path.write_bytes(make_docx("江苏援疆工作简报", body))
    run("--out", str(tmp_path / "out"), "--text", str(path))
    data = json.loads((tmp_path / "out" / "briefing.json").read_text(encoding="utf-8"))
    text = (tmp_path / "out" / "briefing.txt").read_text(encoding="utf-8")
    surfaces = [m["surface"] for m in data["mentions"]]
    assert surfaces == ["3000余个", "300余亿元"]
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]
    assert data["mentions"][1]["value"] == 30_000_000_000


def test_pdf_input(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf("累计实施援疆项目3000余个。", "培训教师1181名。"))
    run("--out", str(tmp_path / "out"), "--text", str(path))
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert [m["surface"] for m in data["mentions"]] == ["3000余个", "1181名"]
    for m in data["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]


def test_corrupt_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(CommandError, match=r"broken\.pdf.*PDF"):
        run("--out", str(tmp_path / "out"), str(path))
