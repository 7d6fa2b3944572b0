"""Log-in, second factor, home page (dashboard), audit search, health check."""

import base64
import math
from io import BytesIO

import qrcode
import qrcode.image.svg
from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.core import dashboard as dashboard_cards
from tdkt.core.htmx import render_page
from tdkt.org import permissions
from tdkt.org import selectors as org_selectors
from tdkt.portal import dashboards, services
from tdkt.portal.forms import EnrolmentForm, LoginForm, TokenForm


class LoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else default


@login_required
@require_http_methods(["GET", "POST"])
def otp_view(request):
    """Verify a TOTP code; a user without a confirmed device first sets one up (QR code)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    setting_up = device is None
    code_device = None
    if setting_up:
        # Only an enrolment an administrator issued, with its one-time code, binds a phone: never the
        # password alone, not even on the account's first log-in (`tdkt issue_second_factor USER`).
        device = TOTPDevice.objects.filter(
            user=request.user, confirmed=False, name=services.ISSUED_DEVICE_NAME
        ).first()
        code_device = services.enrolment_code_device(request.user)
        if device is None or code_device is None:
            context = {"enrolment_refused": True, "next": _safe_next(request)}
            return render_page(request, "portal/otp.html", context, status=403)
    form = (EnrolmentForm if setting_up else TokenForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, throttle = device.verify_is_allowed()
        if setting_up and allowed:
            allowed, throttle = code_device.verify_is_allowed()
        if not allowed:
            # After wrong codes django-otp refuses even a right one for 1, 2, 4 … seconds; say so, or
            # the user reads "wrong code" for the code their app shows.
            wait = max(1, math.ceil((throttle["locked_until"] - timezone.now()).total_seconds()))
            form.add_error(
                "token", _("Bạn đã nhập sai mã nhiều lần; hãy chờ %(n)s giây rồi nhập lại.") % {"n": wait}
            )
        elif not device.verify_token(form.cleaned_data["token"]):
            form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
        elif setting_up and not code_device.verify_token(services.normalise_code(form.cleaned_data["code"])):
            form.add_error("code", _("Mã đăng ký không đúng hoặc đã được dùng."))
        else:
            if setting_up:
                services.complete_enrolment(device=device)
            otp_login(request, device)
            messages.success(request, _("Đã xác thực hai lớp."))
            return redirect(_safe_next(request))
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request)}
    if setting_up:
        context["qr_svg"] = _qr_data_uri(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render_page(request, "portal/otp.html", context)


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
@require_GET
def dashboard(request):

    units = permissions.visible_units(request.user)
    people = permissions.visible_people(request.user)
    visible = permissions.visible_unit_ids(request.user)
    events = list(org_selectors.recent_events(units, limit=8))
    for event in events:
        links = sorted(event.links.all(), key=lambda link: link.unit.code)
        event.predecessors = [link.unit for link in links if link.role == "predecessor"]
        event.successors = [link.unit for link in links if link.role == "successor"]
        # A rename or a move links the same unit on both sides: name it once.
        event.same_unit = event.predecessors == event.successors
    # Cards other apps register (`core.dashboard.register`); one may ask to come first (`"first": True`).
    extra_cards = sorted(dashboard_cards.cards(request), key=lambda card: not card.get("first", False))
    role_panels = dashboards.panels(request)
    context = {
        "unit_count": units.filter(valid_to__isnull=True).count(),
        "people_count": people.count(),
        "recent_events": events,
        "visible": visible,
        "all_visible": visible is permissions.ALL_UNITS,
        "roles": permissions.role_labels(request.user),
        "extra_cards": extra_cards,
        "panels": role_panels,
        # A council member's home starts with the ballots waiting, before their own awards.
        "ballots_first": bool(role_panels) and role_panels[0].role == "council",
    }
    return render_page(request, "portal/dashboard.html", context)


@login_required
@require_GET
def audit_search(request):
    if not permissions.can_audit(request.user):
        raise Http404
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    actor, model, query = request.GET.get("actor", ""), request.GET.get("model", ""), request.GET.get("q", "")
    if actor:
        entries = entries.filter(actor__username__icontains=actor)
    if model:
        entries = entries.filter(content_type__model=model)
    if query:
        entries = entries.filter(object_repr__icontains=query)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    models = ContentType.objects.filter(pk__in=LogEntry.objects.values("content_type")).order_by("model")
    context = {"page": page, "models": models, "actor": actor, "model": model, "q": query}
    return render_page(request, "portal/audit_search.html", context, fragment="results")


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")
