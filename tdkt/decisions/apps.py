from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "tdkt.decisions"
    label = "decisions"
    verbose_name = "Quyết định khen thưởng"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.decisions import models

        for model in (
            models.Issuer,
            models.NumberRegister,
            models.Decision,
            models.DecisionLine,
            models.DecisionEvent,
        ):
            auditlog.register(model, exclude_fields=["updated_at", "created_at"])
