from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "tdkt.initiatives"
    label = "initiatives"
    verbose_name = "Sáng kiến, đề tài"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.initiatives import models

        quiet = ["created_at", "updated_at", "search_text", "gram_count"]
        for model in (
            models.Initiative,
            models.InitiativeAuthor,
            models.Attachment,
            models.ScoreSheet,
            models.Criterion,
            models.Review,
            models.Recusal,
            models.Score,
            models.Note,
            models.Escalation,
            models.FollowUp,
            models.MemberField,
        ):
            auditlog.register(model, exclude_fields=quiet)

        from tdkt.core import dashboard
        from tdkt.initiatives import cards

        dashboard.register(cards.waiting)
