"""A list whose first column is the record itself is headed by the model's name, not "str"."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_list_of_the_records_themselves_is_headed_by_the_models_name_not_str(client_for, hq_a):
    page = client_for(hq_a).get("/teams/members/").content.decode()
    assert not re.search(r">\s*str\s*<", page)
    assert re.search(r'<a href="\?sort=__str__">\s*团队成员\s*</a>', page)


def test_an_outcomes_yes_no_field_reads_yes_or_no_not_true_or_false(client_for, hq_a):
    from duikou.organisations.models import AidingParty
    from duikou.places.models import Place
    from duikou.teams.pages import sample_outcome

    outcome = sample_outcome(
        AidingParty.objects.get(code="320000"), Place.objects.get(code="654021")
    )
    page = client_for(hq_a).get(outcome.get_absolute_url()).content.decode()
    assert not re.search(r">\s*(True|False)\s*<", page) and re.search(r">\s*是\s*<", page)


def test_an_empty_list_says_how_to_add_the_first_record_or_which_filter_to_clear(
    client_for, hq_a
):
    client = client_for(hq_a)
    empty = client.get("/teams/figures/").content.decode()
    assert "尚无记录。可点“新建”逐条添加" in empty
    filtered = client.get("/teams/figures/?year=2001").content.decode()
    assert "没有符合筛选条件的记录" in filtered
