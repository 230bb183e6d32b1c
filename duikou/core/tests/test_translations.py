"""The Chinese catalogue is complete: every UI string has a translation, none is fuzzy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import duikou

PO = Path(duikou.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[dict[str, str | bool]]:
    """Minimal .po reader: msgid, msgid_plural, msgstr / msgstr[0], fuzzy flag per entry."""
    result = []
    for block in text.strip().split("\n\n"):
        entry: dict[str, str | bool] = {"fuzzy": False}
        key = None
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        result.append(entry)
    return result


def test_every_message_has_a_chinese_translation():
    catalogue = [e for e in entries(PO.read_text(encoding="utf-8")) if e.get("msgid")]
    assert len(catalogue) > 300
    untranslated = [e["msgid"] for e in catalogue if not (e.get("msgstr") or e.get("msgstr[0]"))]
    fuzzy = [e["msgid"] for e in catalogue if e["fuzzy"]]
    assert untranslated == [] and fuzzy == []


def test_placeholders_survive_translation():
    import re

    for e in entries(PO.read_text(encoding="utf-8")):
        msgid = e.get("msgid") or ""
        msgstr = e.get("msgstr") or e.get("msgstr[0]") or ""
        if msgid and msgstr:
            names = set(re.findall(r"%\((\w+)\)", msgid))
            assert names == set(re.findall(r"%\((\w+)\)", msgstr)), msgid


# -- pages rendered in Chinese, as each role meets them ----------------------------------------
PERSONAS = [
    "admin",
    "coordinator",
    "hq_jiangsu",
    "wg_jiangsu_yining",
    "hq_beijing",
    "recipient_yining",
]


@pytest.fixture
def tiny_demo(db):
    """The demo's own data at tiny scale (about 50 projects with plans and money)."""
    from duikou.demo.generators import generate

    generate("tiny", log=lambda message: None)


@pytest.mark.parametrize("username", PERSONAS)
def test_every_main_page_rendered_in_chinese_shows_no_english_for_each_role(
    username, tiny_demo, client
):
    """The menu pages, every registered list (new modules included, from the registry), a
    record's page and history, and the forms the role may use: no English source string,
    no raw English value."""
    from duikou.accounts.models import User
    from duikou.core.testkit import main_pages, untranslated

    user = User.objects.get(username=username)
    client.force_login(user)
    english: dict[str, list[str]] = {}
    for url in main_pages(client, user):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, url
        found = untranslated(response.content.decode(), names=[username])
        if found:
            english[url] = found
    assert english == {}


def test_the_page_check_finds_english_left_in_a_chinese_page():
    from duikou.core.testkit import untranslated

    page = (
        '<select name="sort"><option>代码 (descending)</option><option>Aid</option></select>'
        '<dd>verified: unit named in 2+ sources</dd><a title="Table navigation">1</a>'
        "<p>导出 XLSX · hq_jiangsu · JS-2025-0001 · 2026-12-01</p>"
    )
    assert untranslated(page) == [
        "代码 (descending)",
        "Aid",
        "verified: unit named in 2+ sources",
        "Table navigation",
    ]
