from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site's front: log-in and second factor, the menu per role, the home page with its dashboards,
    the audit search, the health check. It reads every app and no app reads it (the top layer)."""

    name = "tdkt.portal"
    label = "portal"
    verbose_name = "Cổng vào hệ thống"
