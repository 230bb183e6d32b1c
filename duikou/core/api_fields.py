"""API fields and URL patterns for records named by their code.

No record's code contains a NUL character, and PostgreSQL cannot even compare a text with one
(the query fails with a DataError, which the REST framework does not catch). So a code with a
NUL character is answered the way any unknown code is: "does not exist" for a field, "not
found" for a URL, without asking the database.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

# A `lookup_value_regex` for viewsets looked up by code: the router's default (anything but
# "/" and ".") less the NUL character; a URL that does not match is a 404.
CODE_LOOKUP_REGEX = "[^/.\x00]+"


class CodeRelatedField(serializers.SlugRelatedField):
    """A related record named by its code (`slug_field`)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)
