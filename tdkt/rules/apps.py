from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "tdkt.rules"
    label = "rules"
    verbose_name = "Quy tắc xét khen thưởng"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.rules.models import ParameterOverride

        auditlog.register(ParameterOverride)
        _register_tabs()
        from tdkt.rules import versions

        versions.connect()  # stored candidate lists know when the facts changed


def _register_tabs() -> None:
    """The "Khen thưởng" tab (history and eligibility) first on every person's and unit's page."""
    from django.utils.translation import gettext_lazy as _

    try:
        from tdkt.org import views  # lazy: called from ready(); the organisation pages may be absent
    except ImportError:  # the organisation pages are not installed
        return
    for registry, url_name in (
        (views.PERSON_TABS, "rules:person_awards"),
        (views.UNIT_TABS, "rules:unit_awards"),
    ):
        if not any(name == url_name for _label, name in registry):
            registry.insert(0, (_("Khen thưởng"), url_name))
