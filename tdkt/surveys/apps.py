from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tdkt.surveys"
    label = "surveys"
    verbose_name = "Khảo sát mức độ hài lòng của doanh nghiệp (CDCI)"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.surveys import models

        quiet = ["created_at", "updated_at"]
        for model in (models.Survey, models.Component, models.Question, models.Choice, models.SurveyBranch):
            auditlog.register(model, exclude_fields=quiet)
        # Invitations are audited without their link hash. Responses and answers are not: an audit entry
        # naming the actor and time of each answer would let anyone with audit access tie answers to a
        # respondent, which the survey promises not to allow.
        auditlog.register(models.Invitation, exclude_fields=[*quiet, "token_hash", "search_text"])

        from tdkt.core import dashboard
        from tdkt.surveys import cards

        dashboard.register(cards.open_surveys)
