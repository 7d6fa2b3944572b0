"""Routes of the exemplary models API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.exemplars.api.views import ExemplarViewSet

router = SimpleRouter()
router.register("models", ExemplarViewSet, basename="exemplar")

urlpatterns = router.urls
