"""Routes of the dossier API, under /api/ (see tdkt/api/urls.py)."""

from rest_framework.routers import SimpleRouter

from tdkt.proposals.api.views import CandidateViewSet, CommentViewSet, ProposalViewSet

router = SimpleRouter()
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("proposal-candidates", CandidateViewSet, basename="proposal-candidate")
router.register("proposal-comments", CommentViewSet, basename="proposal-comment")

urlpatterns = router.urls
