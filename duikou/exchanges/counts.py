"""Rules about head counts shared by exchanges and training: plain functions, no Django.

人次 (person-times) counts every attendance, 人 (persons) counts each person once, so a
record's person-times can never be fewer than its persons. The two are different units and
are never added together.
"""

from __future__ import annotations

import datetime as dt


def person_times_below_persons(person_times: int | None, persons: int | None) -> bool:
    """True when both are given and the person-times are fewer than the persons."""
    return person_times is not None and persons is not None and person_times < persons


def ends_before_start(start: dt.date | None, end: dt.date | None) -> bool:
    return start is not None and end is not None and end < start
