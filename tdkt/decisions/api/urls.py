"""Routes of the decisions API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.decisions.api.views import DecisionViewSet

router = SimpleRouter()
router.register("decisions", DecisionViewSet, basename="decision")

urlpatterns = router.urls
