"""Registered pages: one declaration per model gives its pages, menu entry and API route.

    # duikou/organisations/pages.py
    organisations = registry.register(
        Organisation,
        prefix="organisations",                 # URL namespace: organisations:list, :detail …
        filterset=OrganisationFilterSet,        # the same filter set as the API
        columns=["name", "kind", "aiding_party", "place"],   # or table=OrganisationTable
        form=OrganisationForm,
        viewset=OrganisationViewSet, api_prefix="organisations",
        nav=(_("Organisations"), None), nav_order=50,
        select_related=["aiding_party", "place"],
        sample=lambda party, place: Organisation.objects.create(...),   # for the test kit
    )
    # duikou/organisations/urls.py
    urlpatterns = [..., *organisations.urls]

With `columns_table=PROJECTS` (the model's column declaration, core/columns.py) the list's
export is written from that declaration (names beside codes, number formats, totals; also at
`export/`, named `<prefix>:export`), `imports=True` adds the import page and its template
(`import/`, `import/template.xlsx`: `<prefix>:import`, `:import_template`), and the form and
the API viewset follow from the declared fields unless `form=` / `viewset=` are given.

That gives, under the app's URL prefix: the list (a django-tables2 table with sortable
columns, a column chooser, page numbers and a jump box, the filter set, xlsx/csv export),
`new/`, `<pk>/` (with `{% panels object %}`), `<pk>/edit/` (through `ObjectEditView`),
`<pk>/history/` and `<pk>/delete/` (confirm page, POST only, refused with the model's reason).
The menu is built from the registrations (`context_processors.navigation`), the API router
from their viewsets (`api_urls.py`), and `core/testkit.py` builds the persona × action matrix
from them. Registrations live in each app's `pages.py`, imported by core's AppConfig.ready.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import django_tables2 as tables
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import DateField, DateTimeField, Model, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_tables2.config import RequestConfig

from duikou.core.columns import Table
from duikou.core.dataviews import ImportView, export_or_task, template_view
from duikou.core.deletion import delete_or_refuse, delete_refusal
from duikou.core.exports import table_response
from duikou.core.generic import (
    LoginUnlessPublicMixin,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ScopedObjectMixin,
    paginate_table,
)
from duikou.core.scoping import can_create, can_edit
from duikou.core.workflow import move_from_request, panel_context

PAGES = ("list", "detail", "create", "edit", "delete", "history")
EXPORT_FORMATS = ("xlsx", "csv")


# -- tables ----------------------------------------------------------------------------------
class RegisteredTable(tables.Table):
    """Base of every registered list's table: the house look, page numbers and a jump box."""

    class Meta:
        template_name = "generic/_table.html"
        attrs = {"class": "table table-sm dk-table"}
        empty_text = gettext_lazy("Nothing found.")


class WanColumn(tables.Column):
    """Money stored in yuan, shown in 万元; exported as a real number in 万元 too."""

    attrs = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}

    def render(self, value: Any) -> str:
        from duikou.lib import money

        return money.wan(value)

    def export_value(self, value: Any) -> Any:
        return None if value is None else (Decimal(value) / 10000).quantize(Decimal("0.000001"))


def _field_at(model: type[Model], lookup: str) -> Any:
    """The model field a column's lookup (`channel__aiding_party`) ends at, or None."""
    field = None
    for name in lookup.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        model = field.related_model or model
    return field


def table_for(model: type[Model], columns: Sequence[str]) -> type[tables.Table]:
    """A table of `columns` (field names or lookups); the first links to the record."""
    meta = type("Meta", (RegisteredTable.Meta,), {"model": model, "fields": tuple(columns)})
    # A date that links to its record reads like the table's other dates, not as 2025-12-31.
    first = _field_at(model, columns[0])
    is_date = isinstance(first, DateField) and not isinstance(first, DateTimeField)
    column = tables.DateColumn if is_date else tables.Column
    attrs: dict[str, Any] = {"Meta": meta, columns[0]: column(linkify=True)}
    if "__str__" in columns:
        # The record itself: headed by the model's name, not "str".
        attrs["__str__"] = tables.Column(
            verbose_name=capfirst(model._meta.verbose_name),
            linkify=columns[0] == "__str__",
            order_by=("pk",),
        )
    return type(f"{model.__name__}Table", (RegisteredTable,), attrs)


def _empty_text(query: Any, allowed_to_create: bool) -> str:
    """What an empty list says: which filters to clear, or how to add the first record."""
    if any(v for k, v in query.items() if k not in ("sort", "scope")):
        return _("Nothing matches these filters. Clear a filter to see more.")
    if allowed_to_create:
        return _("Nothing recorded yet. Add a record with the New button, or import a sheet.")
    return _("Nothing recorded yet.")


# -- declarations ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Action:
    """An extra button on a registered detail page (approve, allocate, import …).

    `url_name` is reversed with the record's pk; `when(request, obj)` decides whether the
    button shows; a "post" action renders as a one-button form with the CSRF token.
    """

    label: str
    url_name: str
    method: str = "get"
    when: Callable[[HttpRequest, Any], bool] | None = None
    style: str = "outline-secondary"


@dataclass(eq=False)
class Registration:
    """Everything the generic pages, the menu, the API router and the test kit need."""

    model: type[Model]
    prefix: str
    filterset: Any = None
    table: type[tables.Table] | None = None
    columns: Sequence[str] = ()
    form: Any = None
    viewset: Any = None
    api_prefix: str | None = None
    api_basename: str | None = None
    nav: tuple[Any, set[str] | None] | None = None
    nav_order: int = 100
    nav_url: str | None = None
    detail_template: str = "generic/object_detail.html"
    list_template: str = "generic/object_list.html"
    pages: Sequence[str] = PAGES
    path: str = ""
    list_path: str = ""
    names: Mapping[str, str] = field(default_factory=dict)
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str] = ()
    ordering: Sequence[str] = ()
    queryset_hook: Callable[[QuerySet], QuerySet] | None = None
    list_context: Callable[[HttpRequest], dict[str, Any]] | None = None
    detail_context: Callable[[HttpRequest, Any], dict[str, Any]] | None = None
    actions: Sequence[Action] = ()
    # A workflow (core/workflow.py): its move buttons and timeline on the detail page, and
    # the page that makes a move (<path><pk>/move/ named "<prefix>:<key>_move", or both after
    # `names["move"]`).
    workflow: Any = None
    # The move page's path segment (<path><pk>/<move_path>/); `names["move"]` by default.
    move_path: str | None = None
    # The model's column declaration (core/columns.py): the list's xlsx/csv export (also at
    # <path>export/, named "<prefix>:export") is written from it — names beside codes, number
    # formats, totals — and, with `imports=True`, the import page and its template download
    # (<path>import/ and <path>import/template.xlsx, "<prefix>:import" / ":import_template").
    columns_table: Table | None = None
    imports: bool = False
    export: Callable[[HttpRequest, QuerySet, str], HttpResponse] | None = None
    exportable: bool = True
    hidden_columns: Sequence[str] = ()
    public: bool = False
    per_page: int = 50
    # Lists open on the caller's own records (ScopeRule.own_q: an HQ's party, a work group's
    # county, a recipient's area) when it may read more; `?scope=all` widens to all it reads.
    own_scope: bool = True
    after_delete: str | None = None
    sample: Callable[[Any, Any], Model] | None = None
    sample_public: bool | None = None
    sample_recipient_editable: bool | None = None

    def __post_init__(self) -> None:
        # A column declaration also says which fields a record is made of: the form and the
        # API follow from it unless the module gives its own.
        if self.columns_table is not None:
            if self.form is None:
                self.form = form_for(self.columns_table)
            if self.viewset is None and self.api_prefix:
                self.viewset = viewset_for(self)

    # -- names and addresses -------------------------------------------------------------
    @property
    def key(self) -> str:
        """The model's name in test ids and session keys ("organisation")."""
        return self.model._meta.model_name

    def has(self, page: str) -> bool:
        return page in self.pages

    def url_name(self, page: str) -> str:
        default = f"{self.key}_move" if page == "move" else page
        return f"{self.prefix}:{self.names.get(page, default)}"

    def links(self, obj: Model | None = None) -> dict[str, str]:
        """URLs of this registration's pages (the object's ones when `obj` is given)."""
        links = {p: reverse(self.url_name(p)) for p in ("list", "create") if self.has(p)}
        if obj is not None:
            for page in ("detail", "edit", "delete", "history"):
                if self.has(page):
                    links[page] = reverse(self.url_name(page), args=[obj.pk])
        return links

    def api_url(self, kind: str, obj: Model | None = None) -> str:
        """The API's list or detail URL (router names `<basename>-list` / `-detail`)."""
        name = f"{self.api_basename or self.key}-{kind}"
        return reverse(name, args=[obj.pk] if obj is not None else [])

    @property
    def urls(self) -> list[URLPattern]:
        """The URL patterns, to be spliced into the app's urls.py (inside its namespace)."""
        views = {
            "list": (self.list_path, RegisteredListView),
            "create": (f"{self.path}new/", RegisteredEditView),
            "detail": (f"{self.path}<int:pk>/", RegisteredDetailView),
            "edit": (f"{self.path}<int:pk>/edit/", RegisteredEditView),
            "delete": (f"{self.path}<int:pk>/delete/", RegisteredDeleteView),
            "history": (f"{self.path}<int:pk>/history/", RegisteredHistoryView),
        }
        patterns = [
            path(route, view.as_view(registration=self), name=self.names.get(page, page))
            for page, (route, view) in views.items()
            if self.has(page)
        ]
        if self.columns_table is not None and self.exportable and self.has("list"):
            export = RegisteredExportView.as_view(registration=self)
            # What a background export (core/dataviews.py) needs to rebuild the records.
            export.table = self.columns_table
            export.export_queryset = self.records_for
            patterns.append(
                path(f"{self.path}export/", export, name=self.names.get("export", "export"))
            )
        if self.columns_table is not None and self.imports:
            patterns += import_urls(
                self.columns_table,
                namespace=self.prefix,
                route=f"{self.path}import/",
                template_route=f"{self.path}import/template.xlsx",
                done_url_name=self.url_name("list"),
                names=(
                    self.names.get("import", "import"),
                    self.names.get("import_template", "import_template"),
                ),
            )
        if self.workflow is not None:
            move_path = self.move_path or self.names.get("move", "move")
            patterns.append(
                path(
                    f"{self.path}<int:pk>/{move_path}/",
                    RegisteredMoveView.as_view(registration=self),
                    name=self.names.get("move", f"{self.key}_move"),
                )
            )
        return patterns

    # -- data ----------------------------------------------------------------------------
    def queryset(self, request: HttpRequest) -> QuerySet:
        """What the caller may see, with the declared joins: row queries stay constant."""
        qs = self.model._default_manager.visible_to(request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        if self.queryset_hook is not None:
            qs = self.queryset_hook(qs)
        return qs.order_by(*self.ordering) if self.ordering else qs

    def own_q(self, user: Any) -> Any:
        """The filter to the caller's own records when its list opens narrower than all it may
        read, or None (administrators, coordinators, records without a party or place)."""
        from duikou.core.scoping import Scope, rule_for

        if not self.own_scope or not getattr(user, "is_authenticated", False):
            return None
        rule = rule_for(self.model)
        scope = Scope.of(user)
        own = rule.own_q(scope)
        return None if own is None or own == rule.read_q(scope) else own

    def scoped(self, user: Any, params: Any, qs: QuerySet) -> QuerySet:
        """`qs` narrowed to the caller's own records unless the parameters widen it."""
        own = self.own_q(user)
        if own is None or params.get("scope") == "all":
            return qs
        qs = qs.filter(own)
        from duikou.core.scoping import rule_for

        return qs.distinct() if rule_for(self.model).distinct else qs

    def filtered(self, request: HttpRequest) -> tuple[Any, QuerySet]:
        qs = self.scoped(request.user, request.GET, self.queryset(request))
        if self.filterset is None:
            return None, qs
        filterset = self.filterset(request.GET, queryset=qs, request=request)
        return filterset, filterset.qs

    def records_for(self, user: Any, params: Any, request: Any = None) -> QuerySet:
        """The list's records for `user` filtered by `params` (a task has no request)."""
        probe = request or SimpleNamespace(user=user, GET=params)
        qs = self.scoped(user, params, self.queryset(probe))
        if self.filterset is None:
            return qs
        return self.filterset(params, queryset=qs, request=request).qs

    @property
    def table_class(self) -> type[tables.Table]:
        if self.table is not None:
            return self.table
        return table_for(self.model, self.columns or ["__str__"])

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)


class Registry:
    """The registrations, in the order the apps declared them."""

    def __init__(self) -> None:
        self._by_model: dict[type[Model], Registration] = {}

    def register(self, model: type[Model], **options: Any) -> Registration:
        registration = Registration(model=model, **options)
        self._by_model[model] = registration
        return registration

    def get(self, model: type[Model]) -> Registration:
        return self._by_model[model]

    def all(self) -> list[Registration]:
        return list(self._by_model.values())

    def nav_entries(self) -> list[tuple[int, str, Any, set[str] | None]]:
        """(order, url name, label, roles) for the menu."""
        return [
            (r.nav_order, r.nav_url or r.url_name("list"), r.nav[0], r.nav[1])
            for r in self.all()
            if r.nav is not None
        ]

    def register_api(self, router: Any) -> None:
        """Add every registration's viewset to the REST router."""
        for r in self.all():
            if r.viewset is not None:
                router.register(
                    r.api_prefix or r.prefix, r.viewset, basename=r.api_basename or r.key
                )


registry = Registry()
register = registry.register


def autodiscover() -> None:
    """Import every installed app's `pages` module (run once from core's AppConfig.ready)."""
    autodiscover_modules("pages")


# -- views -----------------------------------------------------------------------------------
class RegisteredViewMixin:
    registration: Registration = None  # type: ignore[assignment]  # set by as_view()
    request: HttpRequest

    @property
    def model(self) -> type[Model]:  # type: ignore[override]
        return self.registration.model

    def get_queryset(self) -> QuerySet:
        return self.registration.queryset(self.request)


class RegisteredListView(RegisteredViewMixin, LoginUnlessPublicMixin, View):
    """The table of what the caller may see, filtered, sorted, paged, chosen, exportable."""

    def dispatch(self, request, *args, **kwargs):
        self.login_required = not self.registration.public
        return super().dispatch(request, *args, **kwargs)

    def chosen_columns(self, table: tables.Table) -> list[str]:
        """The columns the user chose (querystring, remembered in the session)."""
        names = [c.name for c in table.columns]
        key = f"dk-columns:{self.registration.key}"
        if "columns" in self.request.GET:
            chosen = [n for n in self.request.GET.getlist("columns") if n in names]
            self.request.session[key] = chosen
        else:
            chosen = self.request.session.get(key) or [
                n for n in names if n not in self.registration.hidden_columns
            ]
        first = names[0] if names else None
        return [n for n in names if n in chosen or n == first]

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        reg = self.registration
        filterset, qs = reg.filtered(request)
        # Configured for the request below (django-tables2 would paginate at once, with any
        # `per_page` the URL gives: see paginate_table).
        table = reg.table_class(qs)
        table.request = request
        columns = [(c.name, c.header) for c in table.columns]
        visible = self.chosen_columns(table)
        for column in table.columns:
            if column.name not in visible:
                table.columns.hide(column.name)
        fmt = request.GET.get("export")
        if fmt in EXPORT_FORMATS and reg.exportable:
            if reg.export is not None:
                return reg.export(request, qs, fmt)
            if reg.columns_table is not None:
                return export_or_task(request, reg.columns_table, qs, fmt)
            RequestConfig(request, paginate=False).configure(table)
            return export_table(table, reg.key, fmt)
        RequestConfig(request, paginate=False).configure(table)
        paginate_table(table, request, reg.per_page)
        query = request.GET.copy()
        for name in ("page", "export", "columns"):
            query.pop(name, None)
        allowed_to_create = reg.has("create") and can_create(request.user, reg.model)
        table.empty_text = _empty_text(query, allowed_to_create)
        context = {
            "scope_switch": scope_switch(reg, request, query),
            "registration": reg,
            "title": reg.title,
            "table": table,
            # The records on this page (as the plain list views name them).
            "object_list": [row.record for row in table.page.object_list] if table.page else [],
            "filter": filterset,
            "columns": columns,
            "visible_columns": visible,
            "query": query,
            "export_query": query.urlencode(),
            "export_formats": EXPORT_FORMATS if reg.exportable else (),
            "links": reg.links(),
            "can_create": allowed_to_create,
            "import_url": (
                reverse(f"{reg.prefix}:{reg.names.get('import', 'import')}")
                if reg.columns_table is not None and reg.imports
                else None
            ),
            "model_meta": reg.model._meta,
            **(reg.list_context(request) if reg.list_context else {}),
        }
        return render(request, reg.list_template, context)


def scope_switch(reg: Registration, request: HttpRequest, query: Any) -> dict[str, Any] | None:
    """The list's "mine / all I may read" switch, for callers whose list opens on their own."""
    from duikou.core.roles import Role
    from duikou.core.scoping import Scope

    if reg.own_q(request.user) is None:
        return None
    role = Scope.of(request.user).role
    own_label = {
        Role.HQ: _("Our party's"),
        Role.WORK_GROUP: _("Our county's"),
        Role.RECIPIENT: _("In our area"),
    }.get(role, _("Mine"))
    widened = request.GET.get("scope") == "all"
    own_query, all_query = query.copy(), query.copy()
    own_query.pop("scope", None)
    all_query["scope"] = "all"
    return {
        "widened": widened,
        "own_label": own_label,
        "all_label": _("All I may read"),
        "own_url": "?" + own_query.urlencode(),
        "all_url": "?" + all_query.urlencode(),
    }


class RegisteredExportView(RegisteredViewMixin, LoginUnlessPublicMixin, View):
    """The list's records, filtered as the list is, in the column declaration's columns:
    `?format=xlsx` (default) or `?format=csv`."""

    def dispatch(self, request, *args, **kwargs):
        self.login_required = not self.registration.public
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        reg = self.registration
        fmt = request.GET.get("format") or request.GET.get("export") or "xlsx"
        _filterset, qs = reg.filtered(request)
        return export_or_task(request, reg.columns_table, qs, fmt)


class RegisteredDetailView(RegisteredViewMixin, ObjectDetailView):
    def dispatch(self, request, *args, **kwargs):
        self.login_required = not self.registration.public
        self.template_name = self.registration.detail_template
        return super().dispatch(request, *args, **kwargs)

    def get_context(self, obj: Model) -> dict[str, Any]:
        reg, request = self.registration, self.request
        may_change = request.user.is_authenticated and can_edit(request.user, obj)
        actions = []
        for action in reg.actions:
            if action.when is None or action.when(request, obj):
                try:
                    url = reverse(action.url_name, args=[obj.pk])
                except NoReverseMatch:
                    continue
                actions.append({"action": action, "url": url})
        workflow = {}
        if reg.workflow is not None:
            workflow = {
                **panel_context(reg.workflow, request.user, obj),
                "move_url": reverse(reg.url_name("move"), args=[obj.pk]),
            }
        return {
            "registration": reg,
            "model_meta": reg.model._meta,
            "links": reg.links(obj),
            "can_delete": reg.has("delete") and may_change,
            "extra_actions": actions,
            **workflow,
            **(reg.detail_context(request, obj) if reg.detail_context else {}),
        }


class RegisteredMoveView(RegisteredViewMixin, LoginRequiredMixin, ScopedObjectMixin, View):
    """POST: make a workflow move on the record (the workflow decides who may)."""

    registration: Registration

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        done, message = move_from_request(self.registration.workflow, request, obj)
        (messages.success if done else messages.error)(request, message)
        return HttpResponseRedirect(obj.get_absolute_url())


class RegisteredEditView(RegisteredViewMixin, ObjectEditView):
    @property
    def form_class(self):  # type: ignore[override]
        return self.registration.form


class RegisteredHistoryView(RegisteredViewMixin, ObjectHistoryView):
    pass


class RegisteredDeleteView(RegisteredViewMixin, LoginRequiredMixin, ScopedObjectMixin, View):
    """Confirm page (GET) and delete (POST), for callers who may change the record.

    Refused with the model's reason (`delete_refusal`) or the references that protect it.
    """

    template_name = "generic/object_delete.html"

    def _object(self) -> Model:
        obj = self.get_object()
        if not can_edit(self.request.user, obj):
            raise PermissionDenied
        return obj

    def _render(self, obj: Model, refusal: str | None) -> HttpResponse:
        context = {
            "object": obj,
            "refusal": refusal,
            "links": self.registration.links(obj),
            "model_meta": self.registration.model._meta,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self._object()
        return self._render(obj, delete_refusal(obj))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self._object()
        refusal = delete_or_refuse(obj)
        if refusal is not None:
            return self._render(obj, " ".join(refusal.messages))
        messages.success(request, _("Deleted: %(object)s") % {"object": obj})
        reg = self.registration
        target = reg.after_delete or (reg.url_name("list") if reg.has("list") else None)
        return HttpResponseRedirect(reverse(target) if target else "/")


# -- form and API from a column declaration --------------------------------------------------
def _declared_fields(table: Table) -> list[Any]:
    """The model fields the declaration imports (the record's editable fields)."""
    model_fields = {f.name: f for f in table.model._meta.get_fields()}
    return [
        (column, model_fields[column.key])
        for column in table.import_columns
        if column.key in model_fields and getattr(model_fields[column.key], "editable", False)
    ]


def form_for(table: Table) -> type:
    """A `TrackedModelForm` of the fields the column declaration imports (dates as pickers)."""
    from django.forms import modelform_factory

    from duikou.core.forms import TrackedModelForm, date_input

    fields = [f for _column, f in _declared_fields(table)]
    widgets = {f.name: date_input() for f in fields if f.get_internal_type() == "DateField"}
    return modelform_factory(
        table.model, form=TrackedModelForm, fields=[f.name for f in fields], widgets=widgets
    )


def viewset_for(registration: Registration) -> type:
    """A `ScopedModelViewSet` whose serializer has the declaration's fields, references named
    as the declaration names them first (a code), with the registration's joins and filters."""
    from duikou.core.api import ScopedModelViewSet, TrackedSerializer
    from duikou.core.api_fields import CodeRelatedField
    from duikou.core.columns import REF, REFS

    model = registration.model
    fields = _declared_fields(registration.columns_table)
    attrs: dict[str, Any] = {}
    for column, model_field in fields:
        if column.kind in (REF, REFS) and column.ref is not None:
            attrs[model_field.name] = CodeRelatedField(
                slug_field=column.ref.export_field,
                queryset=column.ref.all_records(),
                many=column.kind == REFS,
                required=column.required,
                allow_null=not column.required and column.kind == REF,
            )
    meta = type(
        "Meta", (), {"model": model, "fields": ["id", *(f.name for _c, f in fields), "version"]}
    )
    serializer = type(f"{model.__name__}Serializer", (TrackedSerializer,), {"Meta": meta, **attrs})
    queryset = model._default_manager.all()
    if registration.select_related:
        queryset = queryset.select_related(*registration.select_related)
    if registration.prefetch_related:
        queryset = queryset.prefetch_related(*registration.prefetch_related)
    if registration.ordering:
        queryset = queryset.order_by(*registration.ordering)
    return type(
        f"{model.__name__}ViewSet",
        (ScopedModelViewSet,),
        {
            "serializer_class": serializer,
            "filterset_class": registration.filterset,
            "queryset": queryset,
        },
    )


# -- import ----------------------------------------------------------------------------------
def import_urls(
    table: Table,
    *,
    namespace: str,
    route: str,
    template_route: str,
    done_url_name: str,
    names: tuple[str, str] = ("import", "import_template"),
) -> list[URLPattern]:
    """The import page of a column declaration (core/dataviews.py ImportView) and its template
    download, named `<namespace>:<names[0]>` / `:<names[1]>`; a confirmed import goes to
    `done_url_name`. Registrations with `imports=True` get these; a model without pages of its
    own (fund transactions) puts them in its app's urls.py."""
    view = type(
        f"{table.model.__name__}ImportView",
        (ImportView,),
        {
            "table": table,
            "url_name": f"{namespace}:{names[0]}",
            "template_url_name": f"{namespace}:{names[1]}",
            "done_url_name": done_url_name,
        },
    )
    return [
        path(route, view.as_view(), name=names[0]),
        path(template_route, template_view(table), name=names[1]),
    ]


# -- export ----------------------------------------------------------------------------------
def _cell_value(table: tables.Table, bound: Any, record: Model) -> Any:
    """The real value of one cell (a number, a date, a name), not its HTML."""
    custom = getattr(table, f"value_{bound.name}", None)
    if custom is not None:
        return custom(record=record, value=bound.accessor.resolve(record, quiet=True))
    value = bound.accessor.resolve(record, quiet=True)
    model_field = bound.accessor.get_field(table._meta.model) if table._meta.model else None
    if model_field is not None and getattr(model_field, "choices", None) and value is not None:
        value = dict(model_field.flatchoices).get(value, value)
    if hasattr(bound.column, "export_value"):
        return bound.column.export_value(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Model | Promise) or callable(getattr(value, "__html__", None)):
        return str(value)
    return value


def export_table(table: tables.Table, filename: str, fmt: str) -> HttpResponse:
    """The table's visible columns for every row (not just one page), as xlsx or csv."""
    columns = [c for c in table.columns if c.visible and not c.column.exclude_from_export]
    header = [str(c.header) for c in columns]
    rows = ([_cell_value(table, c, record) for c in columns] for record in table.data)
    return table_response(filename, header, rows, fmt)
