from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tdkt.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from tdkt.api import tokens  # noqa: F401 - connects the log-out receiver that ends API tokens
