"""Investment pages an office worker can read: the funnel by place stays short with a total,
the cross-pairing filter offers 全部, a lead without moves says how steps get listed."""

from __future__ import annotations

import re

import pytest

from duikou.investment import views
from duikou.investment.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_funnel_by_place_lists_the_busiest_places_first_folds_the_rest_and_totals_them(
    client_for, coordinator, monkeypatch
):
    monkeypatch.setattr(views, "PLACES_SHOWN", 1)
    f.lead(place=f.place("654002"))
    f.lead()
    f.lead()
    html = client_for(coordinator).get("/investment/").content.decode()
    by_place = html.split("按地区", 1)[1] if "按地区" in html else html.split("By place", 1)[1]
    shown, folded = by_place.split('data-testid="more-places"', 1)
    assert "伊宁县" in shown and "伊宁市" not in shown
    assert "伊宁市" in folded.split("</details>")[0]
    total = re.search(r'data-testid="place-total">(.*?)</tr>', shown, re.S).group(1)
    assert re.findall(r'text-end">(\d+)<', total)[0] == "3"


def test_the_cross_pairing_filter_offers_all_not_unknown_as_its_empty_choice(
    client_for, coordinator
):
    html = client_for(coordinator).get("/investment/leads/").content.decode()
    select = re.search(r'<select name="cross_pairing".*?</select>', html, re.S).group(0)
    first = re.search(r"<option[^>]*>(.*?)</option>", select).group(1)
    assert first in ("全部", "All")


def test_a_lead_without_moves_says_how_steps_come_to_be_listed(client_for, hq_a):
    lead = f.lead()
    html = client_for(hq_a).get(lead.get_absolute_url()).content.decode()
    hint = re.search(r'data-testid="no-steps">(.*?)<', html).group(1)
    assert "导入" in hint or "import" in hint
