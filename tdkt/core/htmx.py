"""One helper decides between a full page and a named fragment (htmx requests)."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers


def render_page(request, template: str, context: dict, *, fragment: str | None = None, status: int = 200):
    """Render `template`; for an htmx request aimed at `fragment`, only that partial.

    The fragment is chosen by the view (`fragment=`) or by the request's `HX-Target`
    matching a partial named in the template, e.g. `org/person_list.html#results`.
    """
    name = template
    if getattr(request, "htmx", False) and fragment:
        name = f"{template}#{fragment}"
    response = TemplateResponse(request, name, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response
