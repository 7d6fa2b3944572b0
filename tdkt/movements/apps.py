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
            m.Target,
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
