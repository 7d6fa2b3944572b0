from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "tdkt.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.awards import models

        for model in (
            models.AwardKind,
            models.CashMultiple,
            models.BaseSalary,
            models.Award,
            models.Rating,
            models.UnitResult,
            models.ClusterResult,
            models.Discipline,
            models.ReviewPeriod,
            models.Leave,
            models.Recognition,
            models.RecognitionAuthor,
        ):
            auditlog.register(model, exclude_fields=["search_text", "updated_at", "created_at"])
