from django.conf import settings


def navigation(request):
    """What the layout needs on every page: the user's roles summary and the product name."""
    user = getattr(request, "user", None)
    roles = []
    if user is not None and user.is_authenticated:
        from tdkt.org.permissions import role_labels

        roles = role_labels(user)
    return {"tdkt_roles": roles, "tdkt_debug": settings.DEBUG}
