from django.conf import settings


def navigation(request):
    """What the layout needs on every page: the user's roles, and whether the menu may show yet
    (not before a privileged user has passed the second factor)."""
    user = getattr(request, "user", None)
    roles, show_menu = [], False
    if user is not None and user.is_authenticated:
        from tdkt.org.permissions import requires_second_factor, role_labels

        roles = role_labels(user)
        pending_2fa = settings.TDKT_REQUIRE_2FA and not user.is_verified() and requires_second_factor(user)
        show_menu = not pending_2fa
    return {"tdkt_roles": roles, "tdkt_show_menu": show_menu, "tdkt_debug": settings.DEBUG}
