"""Statistical quantities in Chinese report text (spec v1.2), in pure Python.

``extract(text)`` returns :class:`Quantity` mentions such as 10.49亿元 ->
1049000000 元, each tied to its exact characters.  This package imports
nothing from Django, so it runs in scripts, workers and tests alike.
"""

from .documents import UnreadableDocument, read_text
from .extract import Quantity, extract

__all__ = ["Quantity", "UnreadableDocument", "extract", "read_text"]
