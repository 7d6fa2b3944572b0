"""Routes of the surveys API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.surveys.api.views import SurveyViewSet

router = SimpleRouter()
router.register("surveys", SurveyViewSet, basename="survey")

urlpatterns = router.urls
