"""The training figures table ends with a total per year."""

from __future__ import annotations

import re

import pytest

from duikou.demo.generators import DemoContext
from duikou.training.demo import make_training

pytestmark = pytest.mark.django_db


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'text-end[^>]*>(\d+)<', html)]


def test_the_training_figures_end_with_a_total_row_that_adds_up_each_year(
    client_for, coordinator
):
    make_training(DemoContext(scale="tiny", log=lambda m: None))
    html = client_for(coordinator).get("/training/figures/").content.decode()
    table = html.split('data-testid="training-cumulative"', 1)[1].split("</table>", 1)[0]
    body, foot = table.split("<tfoot>", 1)
    rows = [_numbers(r) for r in body.split("<tr")[2:]]
    total = _numbers(foot)
    assert total == [sum(col) for col in zip(*rows, strict=True)]
    trainees = re.search(r'data-figure="trainees">(\d+)<', html).group(1)
    assert total[-1] == int(trainees)
