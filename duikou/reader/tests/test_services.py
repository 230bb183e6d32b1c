"""Marking, sentences, table rows and the workbook, from text and offsets."""

from __future__ import annotations

import io

import pytest
from django.db import OperationalError
from openpyxl import load_workbook

from duikou.reader import services
from duikou.reader.tests.helpers import SEED_000


def mention(text: str, surface: str, value, unit: str, qualifier=None, **extra) -> dict:
    start = text.index(surface)
    return {
        "start": start,
        "end": start + len(surface),
        "surface": surface,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        **extra,
    }


def test_highlight_marks_every_mention_and_escapes_all_text():
    text = '<script>alert("x")</script> 项目3000余个 & 资金<b>5亿元</b>'
    mentions = [
        mention(text, "3000余个", 3000, "个", "over"),
        mention(text, "5亿元", 500_000_000, "元"),
    ]
    html = str(services.highlight(text, mentions))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert html.count("<mark ") == 2
    assert '<mark class="dk-quantity" id="q1" data-unit="个"' in html
    assert ">3000余个</mark>" in html
    assert ">5亿元</mark>" in html


def test_highlight_tooltip_carries_value_unit_and_qualifier():
    text = "实施项目3000余个。"
    html = str(services.highlight(text, [mention(text, "3000余个", 3000, "个", "over")]))
    assert "3,000" in html
    assert services.tooltip(mention(text, "3000余个", 3000, "个", "over")) in html.replace(
        "&quot;", '"'
    )


def test_highlight_escapes_a_hostile_unit_in_attributes():
    text = "共5个"
    evil = mention(text, "5个", 5, '"><img src=x onerror=alert(1)>')
    html = str(services.highlight(text, [evil]))
    assert "<img" not in html


def test_highlight_skips_overlapping_and_out_of_range_mentions():
    text = "一共3000余个"
    good = mention(text, "3000余个", 3000, "个")
    overlap = {**good, "start": good["start"] + 1}
    beyond = {**good, "start": 50, "end": 60}
    html = str(services.highlight(text, [good, overlap, beyond]))
    assert html.count("<mark ") == 1
    assert html.endswith("3000余个</mark>")


def test_sentences_split_on_chinese_stops_and_line_breaks():
    text = "第一句有3个。第二句！第三句有5名？第四；第五\n第六有7.5人;第七"
    starts = services.sentence_starts(text)
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert pieces == [
        "第一句有3个。",
        "第二句！",
        "第三句有5名？",
        "第四；",
        "第五\n",
        "第六有7.5人;",
        "第七",
    ]


def test_rows_give_the_sentence_and_filter_by_unit():
    text = "全区实施项目3000余个。投入资金300余亿元；\n培训教师1181名。"
    mentions = [
        mention(text, "3000余个", 3000, "个", "over", counted="项目"),
        mention(text, "300余亿元", 30_000_000_000, "元", "over"),
        mention(text, "1181名", 1181, "名"),
    ]
    rows = services.rows(text, mentions)
    assert [r.sentence for r in rows] == [
        "全区实施项目3000余个。",
        "投入资金300余亿元；",
        "培训教师1181名。",
    ]
    assert rows[0].counted == "项目"
    assert rows[0].sentence_parts == ("全区实施项目", "3000余个", "。")
    assert rows[1].value_text == "30,000,000,000"
    only_yuan = services.rows(text, mentions, "元")
    assert [r.number for r in only_yuan] == [2]
    assert services.rows(text, mentions, "") == rows


def test_rows_of_a_range_and_a_bare_number():
    text = "增长3至5倍，共1.5万"
    mentions = [
        {**mention(text, "3至5倍", 3, "倍"), "value_max": 5},
        mention(text, "1.5万", 15000, ""),
    ]
    rows = services.rows(text, mentions)
    assert rows[0].value_text == "3–5"
    assert rows[1].unit_text == services.unit_label("")
    assert [r.number for r in services.rows(text, mentions, services.NO_UNIT)] == [2]
    choices = services.unit_choices(mentions)
    assert (services.NO_UNIT, services.unit_label(""), 1) in choices


def test_long_sentences_are_cut_around_the_quantity():
    text = "甲" * 500 + "共5个" + "乙" * 500 + "。"
    rows = services.rows(text, [mention(text, "5个", 5, "个")])
    before, surface, after = rows[0].sentence_parts
    assert surface == "5个"
    assert before.startswith("…") and len(before) == services.Row.SHOWN_AROUND + 1
    assert after.endswith("…")
    assert len(rows[0].sentence) == 1004


def test_qualifier_labels_exist_for_every_qualifier():
    for qualifier in ("over", "under", "about"):
        assert services.qualifier_label(qualifier)
    assert services.qualifier_label(None) == ""


def test_format_number():
    assert services.format_number(30_000_000_000) == "30,000,000,000"
    assert services.format_number(0.85) == "0.85"
    assert services.format_number(12.0) == "12"
    assert services.format_number(None) == ""


def test_workbook_has_a_row_per_quantity_with_numbers_as_numbers():
    text = '=HYPERLINK("http://x")共5个。投入资金300余亿元。'
    mentions = [
        mention(text, "5个", 5, "个"),
        mention(text, "300余亿元", 30_000_000_000, "元", "over"),
    ]
    data = services.workbook("=title", services.rows(text, mentions))
    sheet = load_workbook(io.BytesIO(data)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "=title"
    assert len(values) == 2 + 2
    assert values[2][:3] == (1, "5个", 5)
    assert values[3][2] == 30_000_000_000
    assert values[3][5] == services.qualifier_label("over")
    # Text that looks like a formula stays text.
    assert sheet.cell(row=3, column=8).data_type == "s"
    assert sheet.cell(row=1, column=1).data_type == "s"


def test_extract_mentions_on_a_seed():
    text = SEED_000.read_text(encoding="utf-8")
    mentions = services.extract_mentions(text)
    assert any(m["surface"] == "3000余个" for m in mentions)
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["surface"]


def test_storable_keeps_offsets():
    assert services.storable("a\x00b\ud800c") == "a\ufffdb\ufffdc"


def test_database_operations_are_retried_while_the_database_is_locked(monkeypatch):
    monkeypatch.setattr(services.time, "sleep", lambda s: None)
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("database table is locked")
        return "ok"

    assert services._retrying(flaky) == "ok"
    assert len(calls) == 3

    def broken():
        raise OperationalError("no such table: x")

    with pytest.raises(OperationalError):
        services._retrying(broken)
