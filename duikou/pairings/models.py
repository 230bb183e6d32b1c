"""Counterpart pairings (对口关系): which aiding party supports which place, and since when."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule


class PairingQuerySet(ScopedQuerySet):
    def current(self, on: dt.date | None = None) -> PairingQuerySet:
        """Pairings in force on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class Pairing(TrackedModel):
    """An aiding party ↔ place pairing with its validity period and its evidence."""

    aiding_party = models.ForeignKey(
        "organisations.AidingParty",
        verbose_name=_("aiding party"),
        on_delete=models.PROTECT,
        related_name="pairings",
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="pairings"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    verification = models.CharField(_("verification"), max_length=200, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_url_2 = models.URLField(_("second source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = PairingQuerySet.as_manager()
    # Pairings are decided centrally: coordinators maintain them, everyone may read them.
    scope_rule = ScopeRule(
        party="aiding_party",
        place="place",
        public=True,
        shared=True,
        coordinator_edit=True,
        party_edit=False,
    )

    # The change log shows stored verification notes the same way (core change_rows).
    display_verification = staticmethod(lambda value: verification_text(value))

    def get_verification_display(self) -> str:
        """How well the sources confirm the pairing, in the reader's language (the reference
        data says it in English: shared/reference/pairings.csv)."""
        return verification_text(self.verification)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["aiding_party__sort_order", "place__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["aiding_party", "place", "valid_from"], name="pairing_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="pairing_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aiding_party} → {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("pairings:detail", args=[self.pk])

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of the period is before its start.")})
        if self.place_id and self.valid_from:
            overlapping = Pairing.objects.filter(place_id=self.place_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)
            )
            if self.valid_to:
                overlapping = overlapping.filter(valid_from__lte=self.valid_to)
            overlapping = overlapping.filter(aiding_party_id=self.aiding_party_id)
            if overlapping.exists():
                raise ValidationError(
                    _("This party already has a pairing with this place in that period.")
                )


# The verification notes of the shipped reference data (pairings/data/pairings.csv), shown
# translated; a note typed by a coordinator is shown as written.
VERIFICATION_TEXTS = {
    "verified: unit named in 2+ sources": _("verified: unit named in 2 or more sources"),
    "prefecture pairing in 2+ sources; county row derived from current county list": _(
        "prefecture pairing in 2 or more sources; county derived from the current county list"
    ),
    "unit named in 1 source (S1); prefecture pairing in 2+ sources": _(
        "unit named in 1 source; prefecture pairing in 2 or more sources"
    ),
    "post-2010 unit; 1 source (aid relation reported, not the pairing table itself)": _(
        "unit created after 2010; 1 source (reports aid, not the pairing table itself)"
    ),
    "2 sources report aid visits; pairing status inferred": _(
        "2 sources report aid visits; the pairing is inferred"
    ),
}


def verification_text(value: str) -> str:
    import re

    if value in VERIFICATION_TEXTS:
        return str(VERIFICATION_TEXTS[value])
    single = re.fullmatch(r"1 source \((.+)\)", value or "")
    if single:
        return str(_("1 source (%(source)s)") % {"source": single.group(1)})
    return value
