from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "tdkt.rules"
    label = "rules"
