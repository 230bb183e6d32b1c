"""Money display: amounts are Decimal yuan; people read aid money in 万元 (10,000 yuan)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any


def wan(value: Any, places: int = 2) -> str:
    """Yuan shown in 万元 with thousands separators: Decimal("12345678") -> "1,234.57"."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value) / Decimal(10000)
    except (InvalidOperation, TypeError):
        return str(value)
    return f"{amount:,.{places}f}"
