"""Routes of the movements API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.movements.api.views import (
    AnnualRatingViewSet,
    CalendarEntryViewSet,
    ClusterViewSet,
    CultureChecklistViewSet,
    InspectionViewSet,
    MovementReviewViewSet,
    MovementViewSet,
    PeriodScoreViewSet,
    RatingGroupViewSet,
    RegistrationViewSet,
    TargetViewSet,
)

router = SimpleRouter()
router.register("movements", MovementViewSet, basename="movement")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("targets", TargetViewSet, basename="target")
router.register("clusters", ClusterViewSet, basename="cluster")
router.register("ratings", AnnualRatingViewSet, basename="annual-rating")
router.register("rating-scores", PeriodScoreViewSet, basename="period-score")
router.register("rating-groups", RatingGroupViewSet, basename="rating-group")
router.register("culture-checklists", CultureChecklistViewSet, basename="culture-checklist")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("emulation-calendar", CalendarEntryViewSet, basename="calendar-entry")
router.register("movement-reviews", MovementReviewViewSet, basename="movement-review")

urlpatterns = router.urls
