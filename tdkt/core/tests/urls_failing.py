"""The product's URLs plus one view that fails, to see the 500 page as a user would."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _boom(request):
    raise RuntimeError("lỗi thử nghiệm")


urlpatterns = [*urlpatterns, path("boom/", _boom)]
