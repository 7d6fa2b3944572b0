from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "tdkt.rules"
    label = "rules"
    verbose_name = "Quy tắc xét khen thưởng"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.rules.models import ParameterOverride

        auditlog.register(ParameterOverride)
