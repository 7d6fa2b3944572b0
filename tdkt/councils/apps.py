from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "tdkt.councils"
    label = "councils"
    verbose_name = "Hội đồng và bỏ phiếu kín"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tdkt.councils.models import Attendance, Ballot, Council, CouncilMember, Meeting

        quiet = ["created_at", "updated_at"]
        for model in (Council, CouncilMember, Attendance):
            auditlog.register(model, exclude_fields=quiet)
        # A meeting's ballot-box key (public and sealed) never reaches an audit entry: the sealed key must
        # not survive its erasure there.
        auditlog.register(Meeting, exclude_fields=[*quiet, "public_key", "sealed_key"])
        # Opening and counting a ballot are audited; the counts and the keys are not (the sealed private
        # key must not survive its erasure in an audit entry). BallotReceipt and SealedVote are
        # deliberately not registered: a vote leaves no audit entry.
        auditlog.register(
            Ballot,
            exclude_fields=[
                *quiet,
                "yes_count",
                "no_count",
                "abstain_count",
                "public_key",
                "sealed_key",
                "encrypted_total",
            ],
        )
