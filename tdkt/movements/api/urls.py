"""Routes of the movements API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.movements.api.views import ClusterViewSet, MovementViewSet, RegistrationViewSet, TargetViewSet

router = SimpleRouter()
router.register("movements", MovementViewSet, basename="movement")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("targets", TargetViewSet, basename="target")
router.register("clusters", ClusterViewSet, basename="cluster")

urlpatterns = router.urls
