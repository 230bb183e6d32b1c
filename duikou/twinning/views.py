from django.shortcuts import get_object_or_404, render

from duikou.twinning.models import Pair


def detail(request, pk: int):
    pair = get_object_or_404(Pair.objects.visible_to(request.user), pk=pk)
    return render(request, "core/detail.html", {"object": pair})
