from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site's front: log-in and second factor, the menu per role, the home page with its dashboards,
    the audit search, the health check. It reads every app and no app reads it (the top layer)."""

    name = "tdkt.portal"
    label = "portal"
    verbose_name = "Cổng vào hệ thống"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Issuing, confirming and removing a second factor is audited: who, which device, confirmed or
        # not. Only these fields: the TOTP key, the enrolment code (its tokens) and the counters that move
        # at every log-in never reach an audit entry.
        for model in (TOTPDevice, StaticDevice):
            auditlog.register(model, include_fields=["user", "name", "confirmed"])
