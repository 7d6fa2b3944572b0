from django.urls import path

from tdkt.movements import review_views, views

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="movement_list"),
    path("<int:pk>/", views.movement_detail, name="movement_detail"),
    path("<int:pk>/launch/", views.movement_launch, name="movement_launch"),
    path("<int:pk>/close/", views.movement_close, name="movement_close"),
    path("<int:pk>/reviews/", review_views.review_create, name="review_create"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/generate/", review_views.review_generate, name="review_generate"),
    path("reviews/<int:pk>/report.docx", review_views.review_download, name="review_download"),
    path("review-template/", review_views.review_template, name="review_template"),
    path("<int:pk>/register/<int:unit_pk>/", views.register, name="register"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("notifications/", views.notifications, name="notifications"),
    path("targets/", views.target_list, name="target_list"),
    path("targets/export/", views.targets_export, name="targets_export"),
    path("targets/leaderboard/", views.leaderboard, name="leaderboard"),
    path("targets/import/", views.actuals_import, name="actuals_import"),
    path("targets/import/template/", views.actuals_template, name="actuals_template"),
    path("targets/<int:pk>/", views.target_detail, name="target_detail"),
    path("targets/<int:pk>/actuals/", views.actual_save, name="actual_save"),
    path("targets/<int:pk>/adjust/", views.target_adjust, name="target_adjust"),
    path("task-results/<int:unit_pk>/apply/", views.task_result_apply, name="task_result_apply"),
]

urlpatterns += [
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/members/", views.cluster_members, name="cluster_members"),
    path("clusters/<int:pk>/criteria/", views.cluster_criterion, name="cluster_criterion"),
    path("clusters/<int:pk>/scores/", views.cluster_score, name="cluster_score"),
    path("clusters/<int:pk>/vote/", views.cluster_vote, name="cluster_vote"),
    path("clusters/<int:pk>/cdci/", views.cluster_cdci, name="cluster_cdci"),
    path("clusters/<int:pk>/giao-uoc.docx", views.cluster_pledge, name="cluster_pledge"),
]

urlpatterns += [
    path("ratings/", views.ratings_index, name="ratings_index"),
    path("ratings/<int:unit_pk>/", views.ratings, name="ratings"),
    path("ratings/<int:unit_pk>/scores/", views.period_score_save, name="period_score_save"),
    path("ratings/<int:unit_pk>/roll-up/", views.ratings_roll_up, name="ratings_roll_up"),
    path("ratings/<int:unit_pk>/groups/", views.rating_group_save, name="rating_group_save"),
    path(
        "ratings/<int:unit_pk>/groups/<int:pk>/delete/", views.rating_group_delete, name="rating_group_delete"
    ),
    path("ratings/<int:unit_pk>/export/", views.ratings_export, name="ratings_export"),
]

urlpatterns += [
    path("culture/", views.culture_list, name="culture_list"),
    path("culture/<int:pk>/", views.culture_detail, name="culture_detail"),
    path("culture/<int:pk>/feed/", views.culture_feed, name="culture_feed"),
]

urlpatterns += [path("calendar/", views.calendar, name="calendar")]

urlpatterns += []
