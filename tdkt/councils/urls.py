from django.urls import path

from tdkt.councils import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="council_list"),
    path("my-ballots/", views.my_ballots, name="my_ballots"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/members/add/", views.member_add, name="member_add"),
    path("<int:pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("members/<int:pk>/end/", views.member_end, name="member_end"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/open/", views.meeting_open, name="meeting_open"),
    path("meetings/<int:pk>/close/", views.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/ballots/add/", views.ballot_add, name="ballot_add"),
    path("meetings/<int:pk>/ballots/close/", views.ballots_close_all, name="ballots_close_all"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("ballots/<int:pk>/vote/", views.vote, name="vote"),
    path("ballots/<int:pk>/close/", views.ballot_close, name="ballot_close"),
    path("ballots/<int:pk>/written/", views.written_vote, name="written_vote"),
]
