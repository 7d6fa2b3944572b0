from django.contrib import admin
from django.urls import include, path

from tdkt.portal import urls as portal_urls

urlpatterns = [
    path("", include("tdkt.portal.urls")),
    # The same pages under their names from before they left tdkt.core ("core:login", "core:dashboard", …), so
    # templates and code not yet renamed keep working; resolving always finds the "portal:" entry first.
    path("", include((portal_urls.urlpatterns, "core"))),
    path("", include("tdkt.org.urls")),
    path("awards/", include("tdkt.awards.urls")),
    path("eligibility/", include("tdkt.rules.urls")),
    path("councils/", include("tdkt.councils.urls")),
    path("proposals/", include("tdkt.proposals.urls")),
    path("decisions/", include("tdkt.decisions.urls")),
    path("reports/", include("tdkt.reports.urls")),
    path("surveys/", include("tdkt.surveys.urls")),
    path("khao-sat/", include("tdkt.surveys.public_urls")),
    path("exemplars/", include("tdkt.exemplars.urls")),
    path("initiatives/", include("tdkt.initiatives.urls")),
    path("movements/", include("tdkt.movements.urls")),
    path("api/", include("tdkt.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler400 = "tdkt.core.error_views.bad_request"
handler403 = "tdkt.core.error_views.permission_denied"
handler404 = "tdkt.core.error_views.page_not_found"
handler500 = "tdkt.core.error_views.server_error"
