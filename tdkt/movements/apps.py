from django.apps import AppConfig


class MovementsConfig(AppConfig):
    name = "tdkt.movements"
    label = "movements"
    verbose_name = "Phong trào thi đua"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.movements import models as m

        quiet = ["created_at", "updated_at"]
        for model in (
            m.Movement,
            m.MovementParticipant,
            m.Registration,
            m.RegisteredTitle,
            m.Actual,
            m.Cluster,
            m.ClusterMember,
            m.ScoringCriterion,
            m.Score,
            m.ClusterVote,
            m.PeriodScore,
            m.AnnualRating,
            m.RatingGroup,
            m.RatingGroupMember,
            m.CultureChecklist,
            m.CultureCriterion,
            m.Inspection,
            m.InspectionScore,
            m.CalendarEntry,
            m.UnitNotification,
            m.MovementReview,
            m.ReviewTemplate,
        ):
            auditlog.register(model, exclude_fields=quiet)
        # A target's running figures (total, periods reported, attainment) are recomputed from its actuals,
        # which are audited one by one; recorded in bulk with them, they stay out of the target's entries.
        auditlog.register(m.Target, exclude_fields=[*quiet, "actual_total", "periods_reported", "attainment"])
