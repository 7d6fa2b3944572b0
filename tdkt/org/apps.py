from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "tdkt.org"
    label = "org"
    verbose_name = "Tổ chức, cán bộ"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.org import models

        for model in (
            models.Unit,
            models.UnitVersion,
            models.UnitEvent,
            models.Person,
            models.Position,
            models.Membership,
            models.RoleAssignment,
        ):
            auditlog.register(model, exclude_fields=["search_text", "sort_key", "updated_at", "created_at"])
