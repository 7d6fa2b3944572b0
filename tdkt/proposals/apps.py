from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "tdkt.proposals"
    label = "proposals"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.proposals import models, receivers

        for model in (
            models.Proposal,
            models.Candidate,
            models.Attachment,
            models.Disclosure,
            models.Comment,
            models.Holiday,
        ):
            auditlog.register(model, exclude_fields=["updated_at", "created_at"])
        receivers.connect()
