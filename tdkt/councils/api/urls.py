"""Routes of the councils API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.councils.api.views import BallotViewSet, CouncilViewSet, MeetingViewSet

router = SimpleRouter()
router.register("councils", CouncilViewSet, basename="council")
router.register("council-meetings", MeetingViewSet, basename="council-meeting")
router.register("ballots", BallotViewSet, basename="ballot")

urlpatterns = router.urls
