from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "tdkt.proposals"
    label = "proposals"
