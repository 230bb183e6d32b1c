"""A list whose first column is the record itself is headed by the model's name, not "str"."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_list_of_the_records_themselves_is_headed_by_the_models_name_not_str(client_for, hq_a):
    page = client_for(hq_a).get("/teams/members/").content.decode()
    assert not re.search(r">\s*str\s*<", page)
    assert re.search(r'<a href="\?sort=__str__">\s*团队成员\s*</a>', page)
