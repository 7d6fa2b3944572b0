from django.apps import AppConfig


class ExemplarsConfig(AppConfig):
    name = "tdkt.exemplars"
    label = "exemplars"
    verbose_name = "Điển hình tiên tiến"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.exemplars import models

        quiet = ["created_at", "updated_at", "search_text"]
        auditlog.register(models.Exemplar, exclude_fields=quiet, m2m_fields={"tags"})
        for model in (
            models.Achievement,
            models.Media,
            models.Honour,
            models.Replication,
            models.StatusEvent,
            models.Tag,
        ):
            auditlog.register(model)

        from tdkt.core import dashboard
        from tdkt.exemplars import cards

        dashboard.register(cards.to_recognise)
