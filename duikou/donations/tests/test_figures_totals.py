"""The donation figures chart comes with its table (a chart alone cannot be read off)."""

from __future__ import annotations

import re

import pytest

from duikou.demo.generators import DemoContext
from duikou.donations.demo import make_donations

pytestmark = pytest.mark.django_db


def test_the_donation_figures_chart_comes_with_a_table_of_its_years_and_their_total(
    client_for, coordinator
):
    make_donations(DemoContext(scale="tiny", log=lambda m: None))
    html = client_for(coordinator).get("/donations/figures/").content.decode()
    table = html.split('data-testid="donations-by-year"', 1)[1].split("</table>", 1)[0]
    amounts = re.findall(r'text-end">([\d,]+\.\d\d)<', table)
    *years, total = (float(a.replace(",", "")) for a in amounts)
    assert years and abs(sum(years) - total) < 0.05
    grand = re.search(r'data-figure="total">([\d,.]+)<', html).group(1)
    assert float(grand.replace(",", "")) == total
