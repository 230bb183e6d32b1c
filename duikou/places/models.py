"""The administrative tree of the aided region (受援地)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duikou.core.history import record_change
from duikou.core.models import TrackedModel
from duikou.core.scoping import ScopedQuerySet, ScopeRule
from duikou.places.choices import Level

PATH_SEPARATOR = "/"


class PlaceQuerySet(ScopedQuerySet):
    def within(self, place: Place) -> PlaceQuerySet:
        """The place and everything below it (one indexed prefix match)."""
        return self.filter(path__startswith=place.path)

    def by_code_or_name(self, text: str) -> PlaceQuerySet:
        """The places a typed text names: its division code, its name (伊宁县) or its alias.

        The one resolution every filter set, the API and the pickers use. A name may be shared
        by places in different prefectures; then all of them match.
        """
        text = (text or "").strip()
        if not text:
            return self.none()
        return self.filter(Q(code=text) | Q(name=text) | Q(alias=text))


class AidedPlaceManager(models.Manager.from_queryset(PlaceQuerySet)):
    """`Place.objects`: the aided region's tree (受援地), as every page and picker means by a
    place. The aiding provinces' own divisions (a Jiangsu town twinned with a Yili town) are
    rows of the same table with `aided=False`, reached through `Place.everywhere`."""

    def get_queryset(self) -> PlaceQuerySet:
        return super().get_queryset().filter(aided=True)


def within_q(lookup: str, place: Place | str) -> Q:
    """Q for records whose `lookup` (a Place FK, e.g. "place" or "project__place") lies in the
    subtree of `place` (a Place or its path)."""
    path = place if isinstance(place, str) else place.path
    return Q(**{f"{lookup}__in": Place.subtree_ids(path)})


def within_named_q(lookup: str, text: str) -> Q:
    """Q for records whose `lookup` (a Place FK) lies in the subtree of the place(s) that `text`
    names (code, name or alias, see `by_code_or_name`); matches nothing for an unknown name."""
    paths = list(Place.objects.by_code_or_name(text).values_list("path", flat=True))
    if not paths:
        return Q(**{f"{lookup}__in": []})
    subtree = Q()
    for path in paths:
        subtree |= Q(path__startswith=path)
    ids = list(Place.objects.filter(subtree).values_list("id", flat=True))
    return Q(**{f"{lookup}__in": ids})


class Place(TrackedModel):
    """A node of the administrative tree, keyed by its national division code.

    `path` is the materialised chain of codes from the root ("650000/653200/653221/"), so a
    subtree is one `path LIKE 'prefix%'` on an indexed column, whatever its depth.
    Units without a national code (Corps divisions without a city, regiments) carry a
    project-assigned code and `official_code=False`.
    """

    code = models.CharField(_("division code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    alias = models.CharField(_("also known as"), max_length=60, blank=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    official_code = models.BooleanField(_("official code"), default=True)
    # False for the aiding provinces' own divisions (loaded by `load_divisions --province`).
    aided = models.BooleanField(_("in the aided region"), default=True)
    # A unit a recipient office added under its county because the national codes lack it
    # (a new 连队): it carries a project-assigned code and `official_code=False` too.
    locally_added = models.BooleanField(
        _("locally added, not in the national codes"), default=False
    )
    verification = models.CharField(_("verification"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = AidedPlaceManager()
    everywhere = PlaceQuerySet.as_manager()
    scope_rule = ScopeRule(public=True, shared=True, admin_only=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["path"]
        # Counting a county's towns and villages (coverage) groups by parent within a level.
        indexes = [models.Index(fields=["level", "parent"], name="place_level_parent")]

    def __str__(self) -> str:
        return f"{self.name}（{self.alias}）" if self.alias else self.name

    def get_absolute_url(self) -> str:
        return reverse("places:detail", args=[self.code])

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = self.compute_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Moving a node moves its subtree: rewrite the descendants' path prefix, and record
            # the new path of each in history (the update bypasses the signal receivers).
            below = Place.everywhere.filter(path__startswith=old_path).exclude(pk=self.pk)
            moved = list(below.only("pk", "code", "name", "alias", "path"))
            below.update(path=Concat(Value(self.path), Substr("path", len(old_path) + 1)))
            for place in moved:
                new_path = f"{self.path}{place.path[len(old_path) :]}"
                record_change(place, "update", {"path": [place.path, new_path]})

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}{PATH_SEPARATOR}"

    @classmethod
    def subtree_ids(cls, path: str) -> list[int]:
        """Ids of the place with this path and of everything below it.

        Filter other tables with `within_q` (ids first) rather than joining on `path LIKE`:
        with an explicit id list PostgreSQL uses the foreign-key index and knows how many rows
        to expect; with the join it guesses the LIKE's selectivity and tends to scan the big
        table (measured in bench_projects: places.subtree_project_count).
        """
        return list(cls.everywhere.filter(path__startswith=path).values_list("id", flat=True))

    def ancestor_codes(self) -> list[str]:
        return self.path.rstrip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1]

    def ancestor_paths(self) -> list[str]:
        """The `path` of every place above this one, from the root down."""
        codes = self.ancestor_codes()
        return ["".join(f"{c}{PATH_SEPARATOR}" for c in codes[: i + 1]) for i in range(len(codes))]

    def ancestors(self) -> list[Place]:
        codes = self.ancestor_codes()
        by_code = {p.code: p for p in Place.everywhere.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]
