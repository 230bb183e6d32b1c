"""The small generic view layer every domain app's pages stand on.

Each view reads through the model's scoping (`visible_to` / `editable_by`) and writes through
`duikou.core.writes.save_in_scope`, so an app's views only declare model, form, filter set and
template.
Objects the caller may not see are 404; objects they may see but not change are 403.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View

from duikou.core.forms import TrackedModelForm
from duikou.core.history import history_for
from duikou.core.scoping import can_create, can_edit
from duikou.core.writes import OutOfScope, save_in_scope

# A list shows at most this many rows a page, whatever `?per_page=` asks for, and pages
# through the first LIST_MAX_PAGE_ROWS records of a selection only: the page after 10,000
# national records would make PostgreSQL sort and skip them all (seconds) for one page.
MAX_PAGE_SIZE = 200


def paginate_table(table: Any, request: HttpRequest, per_page: int) -> None:
    """Paginate a django-tables2 table for `request`: `?per_page=` within 1..MAX_PAGE_SIZE,
    a `?page=` past the end shows the last page, one that is not a number the first, and no
    page starts after LIST_MAX_PAGE_ROWS records (it shows the last page within them, and
    says why)."""
    with contextlib.suppress(ValueError):
        asked = int(request.GET.get(table.prefixed_per_page_field, per_page))
        per_page = min(max(asked, 1), MAX_PAGE_SIZE)
    page: Any = request.GET.get(table.prefixed_page_field, 1)
    deepest = max(1, getattr(settings, "LIST_MAX_PAGE_ROWS", 10_000) // per_page)
    with contextlib.suppress(TypeError, ValueError):
        if int(page) > deepest:
            page = deepest
            messages.info(
                request,
                _(
                    "Lists show the first %(rows)s records of a selection; narrow the filter "
                    "or export to see the others."
                )
                % {"rows": f"{deepest * per_page:,}"},
            )
    try:
        table.paginate(per_page=per_page, page=page)
    except PageNotAnInteger:
        table.paginate(per_page=per_page, page=1)
    except EmptyPage:
        table.paginate(per_page=per_page, page=table.paginator.num_pages)


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = 50) -> dict[str, Any]:
    """The page asked for, and the query string without `page` for the page links."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page, "object_list": page.object_list, "query_string": query.urlencode()}


class LoginUnlessPublicMixin:
    """Sends anonymous visitors to the login page unless the view sets login_required False
    (the public pages; what they then show is still limited by the model's scope rule)."""

    login_required = True

    def dispatch(self, request, *args, **kwargs):
        if self.login_required and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin:
    model: type[Model]
    lookup_field = "pk"
    lookup_url_kwarg = "pk"
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_queryset(self) -> QuerySet:
        return self.model.objects.visible_to(self.request.user)

    def get_object(self) -> Model:
        return get_object_or_404(
            self.get_queryset(), **{self.lookup_field: self.kwargs[self.lookup_url_kwarg]}
        )


class ObjectListView(LoginUnlessPublicMixin, View):
    """A filtered, sorted, paged list of what the caller may see."""

    model: type[Model]
    filterset_class: Any = None
    template_name: str
    paginate_by = 50
    ordering: list[str] | None = None

    def get_queryset(self) -> QuerySet:
        qs = self.model.objects.visible_to(self.request.user)
        return qs.order_by(*self.ordering) if self.ordering else qs

    def get_context(self) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest) -> HttpResponse:
        qs = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET, queryset=qs, request=request)
            qs = filterset.qs
        context = {
            "filter": filterset,
            **paginate(request, qs, self.paginate_by),
            "can_create": can_create(request.user, self.model),
            "model_meta": self.model._meta,
            **self.get_context(),
        }
        return render(request, self.template_name, context)


class ObjectDetailView(LoginUnlessPublicMixin, ScopedObjectMixin, View):
    template_name: str

    def get_context(self, obj: Model) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        context = {
            "object": obj,
            "can_edit": request.user.is_authenticated and can_edit(request.user, obj),
            "recent_changes": history_for(obj)[:5] if request.user.is_authenticated else [],
            **self.get_context(obj),
        }
        return render(request, self.template_name, context)


class ObjectEditView(LoginRequiredMixin, ScopedObjectMixin, View):
    """Create (no pk in the URL) or update one record, atomically and within scope.

    The update locks the row, compares the version the form started from with the current
    one and refuses a stale edit; the saved object must still lie in the caller's scope
    (checked after the save, inside the transaction, which is rolled back otherwise).
    """

    form_class: type[TrackedModelForm]
    template_name = "generic/object_edit.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def _object_or_none(self) -> Model | None:
        if self.lookup_url_kwarg not in self.kwargs:
            if not can_create(self.request.user, self.model):
                raise PermissionDenied
            return None
        obj = self.get_object()
        if not can_edit(self.request.user, obj):
            raise PermissionDenied
        return obj

    def _render(self, form, obj) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {"form": form, "object": obj, "model_meta": self.model._meta},
        )

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self._object_or_none()
        form = self.form_class(instance=obj, **self.get_form_kwargs())
        return self._render(form, obj)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self._object_or_none()
        with transaction.atomic():
            if obj is not None:
                obj = self.model._default_manager.select_for_update().get(pk=obj.pk)
            form = self.form_class(
                request.POST, request.FILES, instance=obj, **self.get_form_kwargs()
            )
            if form.is_valid():
                expected = form.cleaned_data.get("expected_version")
                candidate = form.save(commit=False)
                if obj is not None and expected is not None and expected != obj.version:
                    form.add_error(
                        None,
                        form.STALE_MESSAGE % {"current": obj.version, "expected": expected},
                    )
                else:
                    try:
                        save_in_scope(
                            request.user,
                            candidate,
                            lambda: (candidate.save(), form.save_m2m()),
                        )
                    except OutOfScope as refused:
                        form.add_error(None, refused.message)
                    else:
                        messages.success(request, _("Saved: %(object)s") % {"object": candidate})
                        return HttpResponseRedirect(candidate.get_absolute_url())
        return self._render(form, obj)


class ObjectHistoryView(LoginRequiredMixin, ScopedObjectMixin, View):
    template_name = "generic/object_history.html"

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        return render(
            request, self.template_name, {"object": obj, **paginate(request, history_for(obj))}
        )
