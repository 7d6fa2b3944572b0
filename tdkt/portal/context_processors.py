from django.conf import settings

from tdkt.org.permissions import requires_second_factor, role_labels, roles_of


def navigation(request):
    """What the layout needs on every page: the user's roles, and whether the menu may show yet
    (not before a privileged user has passed the second factor)."""
    user = getattr(request, "user", None)
    roles, show_menu, menu, name, my_person_id = [], False, set(), "", None
    if user is not None and user.is_authenticated:
        roles = role_labels(user)
        pending_2fa = settings.TDKT_REQUIRE_2FA and not user.is_verified() and requires_second_factor(user)
        show_menu = not pending_2fa
        person = _person_of(user)
        menu = menu_for(roles_of(user), has_person=person is not None)
        name = person.full_name if person is not None else (user.get_full_name() or user.username)
        my_person_id = person.pk if person is not None else None
    return {
        "tdkt_roles": roles,
        "tdkt_show_menu": show_menu,
        "tdkt_debug": settings.DEBUG,
        "tdkt_menu": menu,
        "tdkt_user_name": name,
        "tdkt_my_person_id": my_person_id,
    }


def _person_of(user):
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return user.person
    except ObjectDoesNotExist:
        return None


# Which menu entries each role may use (role codes of org.models.Role); an entry shows when any role allows it.
MENU_BY_ROLE = {
    "admin": {
        "units",
        "people",
        "movements",
        "proposals",
        "councils",
        "ballots",
        "decisions",
        "reports",
        "api",
        "surveys",
    },
    "officer": {
        "units",
        "people",
        "movements",
        "proposals",
        "councils",
        "ballots",
        "decisions",
        "reports",
        "api",
        "surveys",
    },
    "leader": {
        "units",
        "people",
        "movements",
        "proposals",
        "councils",
        "ballots",
        "decisions",
        "reports",
        "surveys",
    },
    "council": {"proposals", "councils", "ballots"},
    "union": {"proposals", "councils", "reports"},
    "staff": set(),
}
# Entries every signed-in user may use: anyone may write an initiative and read the exemplary models.
MENU_FOR_EVERYONE = {"initiatives", "exemplars"}


def menu_for(role_codes, *, has_person: bool) -> set[str]:
    """The menu entries for a user holding `role_codes`; "mine" (Khen thưởng của tôi) for anyone who is a person."""
    entries = set(MENU_FOR_EVERYONE).union(*(MENU_BY_ROLE.get(code, set()) for code in role_codes))
    if has_person:
        entries.add("mine")
    return entries
