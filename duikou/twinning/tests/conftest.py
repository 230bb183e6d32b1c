import pytest

from duikou.places.divisions import EXTRACT_DIR, load_divisions
from duikou.places.models import Place


@pytest.fixture
def towns(db):
    """伊宁县's towns and villages, 张家港's towns and villages (a small part of the extract)."""
    load_divisions(region="65", level="village", counties=["654021"], source=EXTRACT_DIR)
    load_divisions(province="32", level="village", counties=["320582"], source=EXTRACT_DIR)
    return {p.code: p for p in Place.everywhere.filter(code__regex=r"^(654021|320582)\d{3}")}
