from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "tdkt.decisions"
    label = "decisions"
