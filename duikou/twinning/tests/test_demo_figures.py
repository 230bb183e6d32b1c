"""The seeds' grassroots twinning figures, built by the demo and read back from the pages."""

from __future__ import annotations

import re

import pytest

from duikou.demo.generators import DemoContext
from duikou.twinning.demo import make_twinning

pytestmark = pytest.mark.django_db


def figure(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{re.escape(testid)}">([^<]*)<', html)
    assert match, f"{testid} not on the page"
    return match.group(1).strip()


@pytest.fixture
def demo():
    make_twinning(DemoContext(scale="tiny", log=lambda m: None))


def test_the_demo_reproduces_the_seeds_twinning_figures_on_the_pages(demo, client_for, coordinator):
    client = client_for(coordinator)
    # 江苏 2017 H1 (seed 004): 212 villages and 114 towns with 145 villages and 111 towns.
    html = client.get(
        "/twinning/?party=江苏&started_from=2017-01-01&started_to=2017-06-30"
    ).content.decode()
    assert figure(html, "aiding-village") == "212"
    assert figure(html, "recipient-village") == "145"
    assert figure(html, "aiding-township") == "114"
    assert figure(html, "recipient-township") == "111"
    # 张家港 (seed 004): 10 towns and 147 villages with 巩留县's 13 乡镇场 and 81 村居.
    html = client.get("/twinning/coverage/?party=江苏&on=2017-06-30&county=654024").content.decode()
    assert figure(html, "towns-654024") == "13/13"
    assert figure(html, "villages-654024").startswith("81/")
    # Since September 2020 (seed 000): 417 town pairs and 635 village pairs.
    html = client.get("/twinning/?started_from=2020-09-01").content.decode()
    assert figure(html, "pairs-township") == "417"
    assert figure(html, "pairs-village") == "635"

    # 北京 (seed 000): 1144 children of 和田地区 with a Beijing family.
    html = client.get("/twinning/?party=北京&kind=individual&place=和田地区").content.decode()
    assert figure(html, "recipient-individual") == "1144"
    # 江宁 (seed 004): households twinned with 280 poor households of 特克斯县.
    html = client.get("/twinning/?party=江苏&kind=household&place=特克斯县").content.decode()
    assert figure(html, "recipient-household") == "280"
    # 山东 (seed 002): 百校牵手 285 pairs.
    html = client.get("/twinning/?party=山东&kind=school").content.decode()
    assert figure(html, "pairs-school") == "285"
    # 湖南 (seed 000): 5 villages of 高昌区 with 韶山村, 十八洞村 and three more.
    html = client.get("/twinning/?party=湖南&place=高昌区").content.decode()
    assert figure(html, "pairs-village") == "5"
    assert "韶山村" in html and "十八洞村" in html
    # 河南 (seed 000): 90 counties, every town and village of 哈密 and 十三师 twinned.
    html = client.get("/twinning/?party=河南").content.decode()
    assert figure(html, "aiding-all") == "90"
    html = client.get("/twinning/coverage/?party=河南").content.decode()
    for county in ("650502", "650521", "650522", "659011"):
        assert f'data-testid="full-{county}"' in html
