"""Routes of the organisation API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.org.api.views import PersonViewSet, UnitViewSet

router = SimpleRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("people", PersonViewSet, basename="person")

urlpatterns = router.urls
