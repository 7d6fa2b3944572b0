from django.urls import path

from tdkt.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/candidates/search/", views.candidate_search, name="candidate_search"),
    path("<int:pk>/candidates/<int:candidate_pk>/remove/", views.candidate_remove, name="candidate_remove"),
    path("<int:pk>/candidates/<int:candidate_pk>/report/", views.report_edit, name="report"),
    path("candidates/<int:candidate_pk>/report/", views.candidate_report, name="candidate_report"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/receive/", views.receive, name="receive"),
    path("<int:pk>/return/", views.return_for_correction, name="return"),
    path("<int:pk>/council/", views.send_to_council, name="council"),
    path("<int:pk>/forward/", views.forward, name="forward"),
    path("<int:pk>/disclosure/", views.disclose, name="disclose"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/comments/<int:comment_pk>/answer/", views.comment_answer, name="comment_answer"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/package.zip", views.export_package, name="export_package"),
]
