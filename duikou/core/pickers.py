"""Scoped pickers: search-as-you-type choices of places, organisations, parties, projects …

Each app declares its kinds in its own `pickers.py` (autodiscovered from core's AppConfig.ready,
like panels), so core imports no domain app:

    # duikou/places/pickers.py
    pickers.register(PickerKind(name="place", model=Place, search=("name", "alias", "code"),
                                public=True, order=("path",)))
    @pickers.purpose("place", "record")
    def record_place(user):                       # where the caller may put its own records
        return Choice(Place.objects.all(), first=Q(path__startswith=...))

A purpose says what a caller may choose for one use: `filter` (the default, what the caller may
READ: `visible_to`) or a form field's purpose (what the caller may CHOOSE, e.g. `project.place`).
A later app may add a purpose to an earlier app's kind (projects adds `project.place` to
`place`) without the earlier app knowing it.

The JSON endpoint `/pick/<kind>/?q=…&for=<purpose>` answers at most `LIMIT` results
`{value, text, hint}`, scoped on the server; `PickerField` validates a submitted value against
the same queryset, so a crafted POST with an out-of-scope id is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LIMIT = 20
FILTER = "filter"
PLACEHOLDER = gettext_lazy("Type a name or code")


@dataclass(frozen=True)
class Choice:
    """What a caller may choose for one purpose: a queryset, and the part of it offered first."""

    queryset: QuerySet
    first: Q | None = None


Purpose = Callable[[Any], Choice]


def _visible(model: type[Model]) -> Purpose:
    def choose(user: Any) -> Choice:
        return Choice(model._default_manager.visible_to(user))

    return choose


@dataclass
class PickerKind:
    """One kind of thing a picker chooses.

    name:    the kind's URL name ("place").
    model:   the model chosen.
    search:  fields matched by the typed text: `code` fields by prefix, the others by substring.
    code:    the field filters put in the URL (`?place=653221`); forms submit the primary key.
    public:  anonymous visitors may use the kind's `filter` purpose (reference data).
    order:   ordering of results after the preferred ones.
    hint:    a short second line (level, party, code) for each result, or None.
    invalid: the message for a submitted value outside the caller's choice.
    """

    name: str
    model: type[Model]
    search: tuple[str, ...] = ("name", "code")
    code: str = "code"
    public: bool = False
    order: tuple[str, ...] = ("pk",)
    hint: Callable[[Any], str] | None = None
    text: Callable[[Any], str] = str
    related: tuple[str, ...] = ()
    invalid: Any = gettext_lazy("You may not choose this here.")
    purposes: dict[str, Purpose] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.purposes.setdefault(FILTER, _visible(self.model))

    def choice(self, user: Any, purpose: str = FILTER) -> Choice:
        try:
            return self.purposes[purpose](user)
        except KeyError:
            raise UnknownPurpose(purpose) from None

    def search_q(self, text: str) -> Q:
        q = Q()
        for name in self.search:
            lookup = "istartswith" if name.endswith("code") else "icontains"
            q |= Q(**{f"{name}__{lookup}": text})
        return q

    def results(self, user: Any, text: str = "", purpose: str = FILTER) -> list[dict[str, str]]:
        """At most LIMIT choices matching `text`, the preferred ones first."""
        choice = self.choice(user, purpose)
        qs = choice.queryset
        if self.related:
            qs = qs.select_related(*self.related)
        text = text.strip()
        if text:
            qs = qs.filter(self.search_q(text))
        order = list(self.order)
        if choice.first is not None:
            qs = qs.annotate(
                _picker_rank=Case(
                    When(choice.first, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            order.insert(0, "_picker_rank")
        qs = qs.order_by(*order)[:LIMIT]
        value_of = (lambda o: getattr(o, self.code)) if purpose == FILTER else (lambda o: o.pk)
        return [self.item(obj, value_of(obj)) for obj in qs]

    def item(self, obj: Any, value: Any) -> dict[str, str]:
        return {
            "value": str(value),
            "text": self.text(obj),
            "hint": self.hint(obj) if self.hint else "",
        }


class UnknownPurpose(LookupError):
    pass


_registry: dict[str, PickerKind] = {}
# Purposes declared (by a later app) before their kind: merged when the kind registers.
_purposes: dict[str, dict[str, Purpose]] = {}


def register(kind: PickerKind) -> PickerKind:
    """Declare a kind; purposes other apps added to it are kept."""
    kind.purposes.update(_purposes.get(kind.name, {}))
    _registry[kind.name] = kind
    return kind


def purpose(kind: str, name: str) -> Callable[[Purpose], Purpose]:
    """Decorator: what a caller may choose from `kind` for the purpose `name`."""

    def decorate(fn: Purpose) -> Purpose:
        _purposes.setdefault(kind, {})[name] = fn
        if kind in _registry:
            _registry[kind].purposes[name] = fn
        return fn

    return decorate


def get(name: str) -> PickerKind:
    return _registry[name]


def autodiscover() -> None:
    """Import every installed app's `pickers` module (run once from core's AppConfig.ready)."""
    autodiscover_modules("pickers")


def picker_url(kind: str, purpose: str = FILTER) -> str:
    return f"{reverse('core:pick', args=[kind])}?for={purpose}"


# -- the endpoint ------------------------------------------------------------------------


def pick(request: HttpRequest, kind: str) -> JsonResponse:
    """`/pick/<kind>/?q=…&for=<purpose>`: the caller's choices as `{"results": [...]}`."""
    picker = _registry.get(kind)
    if picker is None:
        return JsonResponse({"error": _("There is no such picker.")}, status=404)
    purpose_name = request.GET.get("for") or FILTER
    if not request.user.is_authenticated and not (picker.public and purpose_name == FILTER):
        return JsonResponse({"error": _("Sign in to use this picker.")}, status=403)
    try:
        results = picker.results(request.user, request.GET.get("q", "")[:60], purpose_name)
    except UnknownPurpose:
        return JsonResponse({"error": _("There is no such picker.")}, status=404)
    return JsonResponse({"results": results})


# -- widgets and fields ------------------------------------------------------------------


class _PickerWidgetMixin:
    """Renders only the chosen options (never the whole queryset) and the picker's URL."""

    kind: str
    purpose: str
    # Provided by the Select widget this mixin is combined with.
    choices: Any
    allow_multiple_selected: bool
    create_option: Callable[..., dict[str, Any]]

    def __init__(self, kind: str, purpose: str, attrs: dict[str, Any] | None = None) -> None:
        self.kind, self.purpose = kind, purpose
        super().__init__(attrs)  # type: ignore[call-arg]

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)  # type: ignore[misc]
        attrs["data-picker"] = picker_url(self.kind, self.purpose)
        attrs.setdefault("data-placeholder", PLACEHOLDER)
        return attrs

    def optgroups(self, name, value, attrs=None):
        values = [v for v in value if v not in (None, "")]
        field = getattr(self.choices, "field", None)
        options = []
        if (
            field is not None
            and not (field.required and values)
            and not self.allow_multiple_selected
        ):
            options.append(self.create_option(name, "", "", not values, 0))
        if values and field is not None:
            picker = get(self.kind)
            chosen = field.queryset.filter(pk__in=values)
            for index, obj in enumerate(chosen, start=len(options)):
                options.append(self.create_option(name, str(obj.pk), picker.text(obj), True, index))
        return [(None, options, 0)] if options else []


class PickerSelect(_PickerWidgetMixin, forms.Select):
    """A select enhanced into a search-as-you-type picker; without JS it keeps its value."""


class PickerSelectMultiple(_PickerWidgetMixin, forms.SelectMultiple):
    """The multiple-choice picker."""


class PickerFilterInput(forms.TextInput):
    """A filter's text input (a code or a name) enhanced into a picker of codes."""

    def __init__(self, kind: str, attrs: dict[str, Any] | None = None) -> None:
        self.kind = kind
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-picker"] = picker_url(self.kind)
        widget_attrs.setdefault("placeholder", PLACEHOLDER)
        initial = []
        if value:
            picker = get(self.kind)
            obj = picker.model._default_manager.filter(**{picker.code: value}).first()
            initial = [picker.item(obj, value) if obj else {"value": value, "text": value}]
        widget_attrs["data-picker-initial"] = json.dumps(initial, ensure_ascii=False)
        return context


def apply(form: forms.BaseForm, user: Any, fields: dict[str, tuple[str, str]]) -> None:
    """Turn `fields` of `form` ({"place": ("place", "project.place")}) into scoped pickers.

    With a user, each field's queryset becomes what that user may choose for the purpose, so a
    submitted value outside it is refused with the kind's message. Without one (an import run
    by code that checks scope itself) the field keeps its queryset and only gains the widget.
    """
    for name, (kind_name, purpose_name) in fields.items():
        field_ = form.fields.get(name)
        if field_ is None:
            continue
        kind = get(kind_name)
        multiple = isinstance(field_, forms.ModelMultipleChoiceField)
        widget_class = PickerSelectMultiple if multiple else PickerSelect
        widget = widget_class(kind_name, purpose_name, attrs=field_.widget.attrs)
        widget.is_required = field_.required
        field_.widget = widget
        if user is not None:
            field_.queryset = _with_current(form, name, kind.choice(user, purpose_name).queryset)
            if (
                not multiple
                and field_.required
                and not form.is_bound
                and not form.initial.get(name)
            ):
                only = list(field_.queryset[:2])
                if len(only) == 1:  # one possible choice (a work group's own party): made
                    form.initial[name] = only[0].pk
        widget.choices = field_.choices
        message = kind.invalid
        field_.error_messages["invalid_choice"] = message
        if multiple:
            field_.error_messages["invalid_pk_value"] = message


def _with_current(form: forms.BaseForm, name: str, queryset: QuerySet) -> QuerySet:
    """The choosable queryset plus the record's current value: keeping a value that lies
    outside the caller's choice (set by someone else) is not choosing it."""
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return queryset
    model_field = instance._meta.get_field(name)
    if model_field.many_to_many:
        current = list(getattr(instance, name).values_list("pk", flat=True))
    else:
        current = [getattr(instance, model_field.attname)]
    current = [pk for pk in current if pk is not None]
    if not current:
        return queryset
    # The base manager: a default manager showing part of the table (`Place.objects`) must
    # not drop the current value the choosable queryset came from another manager for.
    model = queryset.model
    return model._base_manager.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=current))
