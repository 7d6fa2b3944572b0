"""Demo commendation workflow, on top of the demo organisation and award history (`tdkt.demo.org`,
`tdkt.demo.awards`): councils, dossiers at every stage of the 2026 review, and one issued decision.

- the Hội đồng Thi đua – Khen thưởng of Cục Hải quan (HQ) and of Chi cục Hải quan khu vực VI (HQKV06), terms
  from 01/03/2025; the seats of HQKV06's council are the persons of `hoidong.1` … `hoidong.5` (linked here)
  under the Chi cục trưởng (`lanhdao.langson`) as chair;
- in Chi cục Hải quan khu vực VI, 2026:
  (c) a completed example: Giấy khen đột xuất for Hải quan cửa khẩu Tân Thanh (a seizure of smuggled goods),
      disclosed, voted, and decided by a decision of the Chi cục trưởng (issuer "CCHQKVVI", numbers
      "…/QĐ-CCHQKVVI"): its awards are in the history;
  (b) Chiến sĩ thi đua cơ sở năm 2026 from Hải quan cửa khẩu quốc tế Hữu Nghị, at council stage: the
      meeting is open, attendance recorded, one ballot per candidate open (the chair and one member have
      voted, the absent member's written vote is entered; `hoidong.1` still has to vote);
  (a) Chiến sĩ thi đua cơ sở năm 2026 from Hải quan cửa khẩu Tân Thanh, a DRAFT with Nguyễn Văn An
      (HQ000001) and three colleagues, reports prefilled, due in six days: `lanhdao.tanthanh` submits it,
      then `canbo.langson` / `lanhdao.langson` / `hoidong.*` carry it to a decision;
- (d) Bằng khen của Bộ trưởng Bộ Tài chính from HQKV06 to Cục Hải quan, received by `canbo.tdkt`, its list
  disclosed (the period runs today), with a comment of the trade-union observer answered by the officer.

Every step goes through the services with an account that holds the right, so events and audit entries are
real. The proposing side of a border office needs its own accounts (officers and leaders of the receiving
level do not prepare what they judge): `canbo.tanthanh`, `lanhdao.tanthanh`, `canbo.huunghi`,
`lanhdao.huunghi`; the leader of Cục Hải quan is `lanhdao.cuc`. Nguyễn Văn An, a member of the Chi cục
itself since the restructuring, is recorded as moved on 01/07/2025 to Đội Thủ tục hàng hóa xuất nhập khẩu of
Hải quan cửa khẩu Tân Thanh (his team of 2012–2018), so that the border office can propose him.

Deterministic (people chosen by sorted staff codes and their 2026 ratings; fixed dates for the completed
example; the running disclosure, the meeting of today and the draft's deadline are relative to the day of
loading) and idempotent: if HQKV06's council exists, nothing but the accounts is loaded.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model

from tdkt.awards.models import Award, AwardKind, Rating
from tdkt.councils import services as councils
from tdkt.councils.models import Council, Meeting, MemberRole
from tdkt.decisions import permissions as decision_permissions
from tdkt.decisions import services as decisions
from tdkt.decisions.models import Decision, Issuer, NumberRegister
from tdkt.demo.org import Account, load_accounts
from tdkt.demo.org import accounts as account_rows
from tdkt.org import services as org_services
from tdkt.org.models import Membership, Person, Role, Unit
from tdkt.org.selectors import subtree_ids
from tdkt.proposals import services
from tdkt.proposals.models import Candidate, Proposal

DATA_VERSION = 1
YEAR = 2026
TERM_FROM = date(2025, 3, 1)
REGION, TAN_THANH, HUU_NGHI = "HQKV06", "HQKV06-02", "HQKV06-01"
AN, AN_TEAM, AN_MOVED = "HQ000001", "HQ15B2-D1", date(2025, 7, 1)
REGION_COUNCIL = "Hội đồng Thi đua – Khen thưởng Chi cục Hải quan khu vực VI"
HQ_COUNCIL = "Hội đồng Thi đua – Khen thưởng Cục Hải quan"
ISSUER = ("CCHQKVVI", "Chi cục Hải quan khu vực VI", "Cục Hải quan", "Lạng Sơn", "CHI CỤC TRƯỞNG")
CSTDCS_TITLE = f"Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở năm {YEAR}"
GK_TITLE = (
    "Đề nghị tặng Giấy khen đột xuất cho tập thể, cá nhân có thành tích xuất sắc trong vụ bắt giữ hàng hóa "
    "nhập lậu tại cửa khẩu Tân Thanh"
)
BK_TITLE = f"Đề nghị tặng Bằng khen của Bộ trưởng Bộ Tài chính năm {YEAR}"
# The completed example (c): fixed dates of 2026.
GK_DISCLOSURE = date(2026, 9, 7)
GK_MEETING = datetime(2026, 9, 15, 8, 30)
GK_SIGNED = date(2026, 9, 16)
# The tally codes the demo council's chair and secretary set when each demo meeting opens (README): counting
# the open ballots of today's meeting needs both.
TALLY_CODES = {"chair_code": "chutich2026", "secretary_code": "thuky2026"}
PLACE = "Phòng họp trụ sở Chi cục Hải quan khu vực VI, TP. Lạng Sơn"

ACCOUNTS = [
    Account("lanhdao.cuc", Role.LEADER, ("HQ",), "Lãnh đạo", "Cục Hải quan"),
    Account("canbo.tanthanh", Role.OFFICER, (TAN_THANH,), "Cán bộ TĐKT", "HQ Tân Thanh"),
    Account("lanhdao.tanthanh", Role.LEADER, (TAN_THANH,), "Lãnh đạo", "HQ Tân Thanh"),
    Account("canbo.huunghi", Role.OFFICER, (HUU_NGHI,), "Cán bộ TĐKT", "HQ Hữu Nghị"),
    Account("lanhdao.huunghi", Role.LEADER, (HUU_NGHI,), "Lãnh đạo", "HQ Hữu Nghị"),
]
GOOD = ("HTXS", "HTT")


def accounts() -> list[tuple[str, str, str]]:
    return account_rows(ACCOUNTS)


class Loader:
    def __init__(self) -> None:
        self.today = date.today()
        self.units = {u.code: u for u in Unit.objects.filter(code__in=["HQ", REGION, TAN_THANH, HUU_NGHI])}
        self.users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
        self.users.update({u.username: u for u in get_user_model().objects.filter(username="congdoan")})
        self.kinds = {k.code: k for k in AwardKind.objects.filter(code__in=["CSTDCS", "GK", "BK_BO"])}
        self.taken: set[int] = set()  # persons already seated or proposed
        self.lines: list[str] = []

    def u(self, username: str):
        return self.users[username]

    def person_of(self, username: str) -> Person | None:
        return Person.objects.filter(user=self.u(username)).first()

    # --- people -----------------------------------------------------------------------------------------

    def current(self, unit: Unit, *, leaders: bool | None = None) -> list[Membership]:
        """Current memberships in `unit`'s subtree, the senior first, then by staff code."""
        rows = Membership.objects.filter(
            unit_id__in=subtree_ids(unit, self.today), valid_to__isnull=True, person__user__isnull=True
        ).select_related("person", "position", "unit")
        if leaders is not None:
            rows = rows.filter(position__is_leadership=leaders)
        return sorted(
            rows, key=lambda m: (-(m.position.grade if m.position else 0), m.unit.code, m.person.staff_code)
        )

    def candidates(self, unit: Unit, count: int, first: list[Person] = ()) -> list[Person]:
        """`count` members of `unit`'s subtree not yet used, those rated HTXS/HTT in 2026 first."""
        pool = [m.person for m in self.current(unit, leaders=False) if m.person_id not in self.taken]
        ratings = dict(Rating.objects.filter(person__in=pool, year=YEAR).values_list("person_id", "value"))
        pool.sort(key=lambda p: (ratings.get(p.pk) not in GOOD, ratings.get(p.pk) != "HTXS", p.staff_code))
        chosen = [*first, *[p for p in pool if p not in first]][:count]
        self.taken.update(p.pk for p in chosen)
        return chosen

    # --- steps ------------------------------------------------------------------------------------------

    def move_an(self) -> None:
        an = Person.objects.filter(staff_code=AN).first()
        team = Unit.objects.filter(code=AN_TEAM).first()
        current = an and an.memberships.filter(valid_to__isnull=True).select_related("unit").first()
        if current is None or team is None or current.unit.code != REGION:
            return
        org_services.add_membership(person=an, unit=team, position=current.position, valid_from=AN_MOVED)
        self.lines.append(f"Nguyễn Văn An điều động về {team.name} (Tân Thanh) từ {AN_MOVED:%d/%m/%Y}.")

    def link_council_people(self) -> list[Person]:
        """Persons for hoidong.1 … hoidong.5: secretary from Phòng Tổ chức cán bộ, the others leaders of
        the Chi cục outside the two proposing border offices."""
        region = self.units[REGION]
        linked = [self.person_of(f"hoidong.{i}") for i in range(1, 6)]
        if all(linked):
            return linked
        proposing = set(subtree_ids(self.units[TAN_THANH], self.today)) | set(
            subtree_ids(self.units[HUU_NGHI], self.today)
        )
        people = self.current(region)
        people.sort(key=lambda m: m.unit_id in proposing)  # stable: keeps seniority order otherwise
        tccb = [m for m in people if m.unit.code == "HQ15-P2"]
        order = [*tccb[:1], *[m for m in people if m.position and m.position.is_leadership]]
        order += [m for m in people if m not in order]
        chosen: list[Person] = []
        for m in order:
            if m.person not in chosen and m.person.staff_code != AN:
                chosen.append(m.person)
            if len(chosen) == 5:
                break
        secretary, rest = chosen[0], chosen[1:]
        seats = [rest[0], secretary, *rest[1:]]  # hoidong.1 vice-chair, hoidong.2 secretary, 3–5 members
        for i, person in enumerate(seats, start=1):
            if linked[i - 1] is None:
                person.user = self.u(f"hoidong.{i}")
                person.save(update_fields=["user", "updated_at"])
        return [self.person_of(f"hoidong.{i}") for i in range(1, 6)]

    def councils(self) -> tuple[Council, Council]:
        chair = self.person_of("lanhdao.langson")
        hoidong = self.link_council_people()
        region = councils.create_council(
            name=REGION_COUNCIL,
            kind=Council.Kind.EMULATION,
            unit=self.units[REGION],
            decision_number="25/QĐ-CCHQKVVI ngày 10/3/2025",
            actor=self.u("canbo.langson"),
        )
        roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY] + [MemberRole.MEMBER] * 3
        for person, role in zip([chair, *hoidong], roles, strict=True):
            councils.add_member(council=region, person=person, role=role, term_from=TERM_FROM)
        self.taken.update(p.pk for p in [chair, *hoidong])

        hq = councils.create_council(
            name=HQ_COUNCIL,
            kind=Council.Kind.EMULATION,
            unit=self.units["HQ"],
            decision_number="412/QĐ-CHQ ngày 05/3/2025",
            actor=self.u("canbo.tdkt"),
        )
        central = [
            m
            for m in self.current(self.units["HQ"], leaders=True)
            if m.unit.code == "HQ" or m.unit.code.startswith("HQ-")
        ]
        seats = [
            (self.person_of("lanhdao.cuc"), MemberRole.CHAIR),
            *[(m.person, MemberRole.VICE_CHAIR) for m in central[:1]],
            (self.person_of("canbo.tdkt"), MemberRole.SECRETARY),
            *[(m.person, MemberRole.MEMBER) for m in central[1:4]],
            (chair, MemberRole.MEMBER),
        ]
        for person, role in seats:
            if person is not None:
                councils.add_member(council=hq, person=person, role=role, term_from=TERM_FROM)
        self.lines.append(
            f"Hội đồng TĐKT: {region.name} ({region.members.count()} thành viên), "
            f"{hq.name} ({hq.members.count()} thành viên)."
        )
        return region, hq

    def dossier(
        self,
        *,
        title: str,
        unit: Unit,
        officer: str,
        kind: str,
        people: list[Person],
        collectives: list[Unit] = (),
        summary,
        track: str = Proposal.Track.REGULAR,
        movement: str = "",
        deadline: date | None = None,
        receiving: Unit | None = None,
    ) -> Proposal:
        actor = self.u(officer)
        proposal = services.create_proposal(
            actor=actor,
            title=title,
            proposing_unit=unit,
            receiving_unit=receiving or self.units[REGION],
            award_kind=self.kinds[kind],
            year=YEAR,
            track=track,
            movement=movement,
            deadline=deadline,
        )
        for person in people:
            candidate = services.add_candidate(proposal=proposal, actor=actor, person=person)
            services.update_report(
                candidate=candidate,
                actor=actor,
                report={"summary": summary(candidate)},
                expected_version=candidate.lock_version,
            )
        for collective in collectives:
            candidate = services.add_candidate(proposal=proposal, actor=actor, unit=collective)
            services.update_report(
                candidate=candidate,
                actor=actor,
                report={"summary": summary(candidate)},
                expected_version=candidate.lock_version,
            )
        return proposal

    def meeting(self, council: Council, title: str, held_at: datetime, absent: dict[int, str]) -> Meeting:
        """A meeting with attendance recorded (members in `absent`, by seat id, excused) and opened."""
        meeting = councils.schedule_meeting(
            council=council,
            title=title,
            held_at=held_at,
            location=PLACE,
            agenda="1. Báo cáo kết quả thẩm định hồ sơ.\n2. Thảo luận, bỏ phiếu kín.\n3. Kết luận.",
        )
        for seat in council.members.order_by("id"):
            councils.record_attendance(
                meeting=meeting, member=seat, present=seat.pk not in absent, note=absent.get(seat.pk, "")
            )
        return councils.open_meeting(meeting=meeting, actor=self.u("canbo.langson"), **TALLY_CODES)

    # --- the four dossiers ------------------------------------------------------------------------------

    def completed(self, council: Council) -> Decision:
        """(c) Giấy khen đột xuất, from Tân Thanh, decided on 16/9/2026."""
        tan_thanh = self.units[TAN_THANH]
        team = Unit.objects.filter(code="HQ15B2-D2").first()  # Đội Kiểm soát Hải quan of Tân Thanh
        people = self.candidates(tan_thanh, 2)
        feat = (
            "trực tiếp tham gia phát hiện, bắt giữ 02 xe tải chở hàng hóa nhập lậu không có chứng từ hợp pháp "
            "(trị giá khoảng 3,5 tỷ đồng) tại cửa khẩu Tân Thanh ngày 18/8/2026"
        )
        proposal = self.dossier(
            title=GK_TITLE,
            unit=tan_thanh,
            officer="canbo.tanthanh",
            kind="GK",
            people=people,
            collectives=[team] if team else [],
            track=Proposal.Track.AD_HOC,
            summary=lambda c: f"Tập thể đã chủ trì, {feat}." if c.unit_id else f"Đồng chí {feat}.",
        )
        services.submit(
            proposal=proposal, actor=self.u("lanhdao.tanthanh"), note="Đề nghị khen thưởng đột xuất."
        )
        services.receive(proposal=proposal, actor=self.u("canbo.langson"))
        services.publish_disclosure(
            proposal=proposal,
            actor=self.u("canbo.langson"),
            starts_on=GK_DISCLOSURE,
            where="Bảng tin trụ sở Chi cục và trang thông tin nội bộ",
        )
        meeting = self.meeting(
            council, "Phiên họp xét khen thưởng đột xuất (vụ bắt giữ ngày 18/8/2026)", GK_MEETING, {}
        )
        ballots = services.send_to_council(proposal=proposal, actor=self.u("canbo.langson"), meeting=meeting)
        voters = [s.user for s in council.members.select_related("user").order_by("id") if s.user]
        for ballot in ballots:
            for voter in voters:
                councils.cast_vote(ballot=ballot, user=voter, choice="yes")
            councils.close_ballot(ballot=ballot, user=self.u("lanhdao.langson"), **TALLY_CODES)
        councils.close_meeting(
            meeting=meeting,
            actor=self.u("lanhdao.langson"),
            minutes_note="Hội đồng thống nhất đề nghị Chi cục trưởng tặng Giấy khen cho các tập thể, cá nhân.",
        )
        proposal.refresh_from_db()
        issuer = self.issuer()
        officer, leader = self.u("canbo.langson"), self.u("lanhdao.langson")
        assert decision_permissions.can_prepare_for(officer, issuer=issuer, proposal=proposal)
        decision = decisions.create_decision(
            issuer=issuer,
            proposal=proposal,
            summary="Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc đột xuất",
            signer_name=self.person_of("lanhdao.langson").full_name,
            signer_title="Chi cục trưởng",
            legal_bases=[
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Quy chế thi đua, khen thưởng của Chi cục Hải quan khu vực VI;",
                "Xét đề nghị của Trưởng Hải quan cửa khẩu Tân Thanh và Hội đồng Thi đua – Khen thưởng Chi cục.",
            ],
            recipients=["Như Điều 3;", "Cục Hải quan (để báo cáo);", "Lưu: VT, TCCB."],
            actor=officer,
        )
        assert decision_permissions.can_issue(leader, decision)
        decision = decisions.issue_decision(decision=decision, signed_on=GK_SIGNED, actor=leader)
        self.lines.append(
            f"(c) Đã có quyết định: “{proposal.title[:60]}…” – Quyết định số {decision.number_label} "
            f"ngày {GK_SIGNED:%d/%m/%Y}, {decision.lines.count()} khen thưởng vào lịch sử."
        )
        return decision

    def issuer(self) -> Issuer:
        symbol, name, parent, place, head = ISSUER
        issuer = Issuer.objects.filter(symbol=symbol).first() or decisions.create_issuer(
            name=name,
            symbol=symbol,
            parent_name=parent,
            unit=self.units[REGION],
            place=place,
            head_title=head,
        )
        # The register continues the numbers the demo history already used in 2026 (the system was adopted
        # during the year): the decision takes the next one.
        if not NumberRegister.objects.filter(issuer=issuer, year=YEAR).exists():
            suffix = f"/QĐ-{symbol}"
            used = [
                int(number.split("/", 1)[0])
                for number in Award.objects.filter(
                    decision_number__endswith=suffix, decision_date__year=YEAR
                ).values_list("decision_number", flat=True)
                if number.split("/", 1)[0].isdigit()
            ]
            NumberRegister.objects.create(issuer=issuer, year=YEAR, last_number=max(used, default=0))
        return issuer

    def at_council(self, council: Council, deadline: date) -> Proposal:
        """(b) CSTĐCS 2026 from Hữu Nghị: ballots open at today's meeting."""
        people = self.candidates(self.units[HUU_NGHI], 3)
        proposal = self.dossier(
            title=CSTDCS_TITLE,
            unit=self.units[HUU_NGHI],
            officer="canbo.huunghi",
            kind="CSTDCS",
            people=people,
            deadline=deadline,
            summary=lambda c: (
                f"Năm {YEAR} hoàn thành xuất sắc nhiệm vụ tại Hải quan cửa khẩu quốc tế Hữu Nghị; có sáng kiến "
                "được Hội đồng sáng kiến Chi cục công nhận, áp dụng hiệu quả trong thông quan hàng hóa."
            ),
        )
        services.submit(proposal=proposal, actor=self.u("lanhdao.huunghi"))
        services.receive(proposal=proposal, actor=self.u("canbo.langson"))
        services.publish_disclosure(
            proposal=proposal,
            actor=self.u("canbo.langson"),
            starts_on=self.today - timedelta(days=21),
            where="Bảng tin trụ sở Chi cục và trang thông tin nội bộ",
        )
        seats = {s.user.username if s.user else "": s for s in council.members.select_related("user")}
        absent = seats["hoidong.5"]
        meeting = self.meeting(
            council,
            f"Phiên họp xét danh hiệu thi đua năm {YEAR}",
            datetime.combine(self.today, time(8, 0)),
            {absent.pk: "Vắng mặt (đi công tác), gửi phiếu bằng văn bản"},
        )
        ballots = services.send_to_council(proposal=proposal, actor=self.u("canbo.langson"), meeting=meeting)
        for ballot in ballots:
            councils.cast_vote(ballot=ballot, user=self.u("lanhdao.langson"), choice="yes")
            councils.cast_vote(ballot=ballot, user=self.u("hoidong.3"), choice="yes")
            councils.enter_written_vote(
                ballot=ballot, member=absent, choice="yes", secretary_user=self.u("hoidong.2")
            )
        self.lines.append(
            f"(b) Hội đồng đang xét: “{proposal.title}” (Hữu Nghị), phiên họp hôm nay, {len(ballots)} phiếu "
            "đang mở (hoidong.1, .2, .4 chưa bỏ phiếu)."
        )
        return proposal

    def upward(self) -> Proposal:
        """(d) Bằng khen của Bộ trưởng, HQKV06 → Cục Hải quan, received, disclosed, a comment answered."""
        region = self.units[REGION]
        thang = Person.objects.filter(staff_code="HQ000002", user__isnull=True).first()
        first = [thang] if thang and thang.pk not in self.taken else []
        people = self.candidates(region, 2, first=first)
        team = Unit.objects.filter(code="HQ15-D1").first()  # Đội Kiểm soát Hải quan of the Chi cục
        proposal = self.dossier(
            title=BK_TITLE,
            unit=region,
            receiving=self.units["HQ"],
            officer="canbo.langson",
            kind="BK_BO",
            people=people,
            collectives=[team] if team else [],
            summary=lambda c: (
                "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ; dẫn đầu phong trào thi đua đấu tranh phòng, "
                "chống buôn lậu trên tuyến biên giới Lạng Sơn."
            ),
        )
        services.submit(proposal=proposal, actor=self.u("lanhdao.langson"))
        services.receive(proposal=proposal, actor=self.u("canbo.tdkt"))
        disclosure = services.publish_disclosure(
            proposal=proposal,
            actor=self.u("canbo.tdkt"),
            starts_on=self.today - timedelta(days=2),
            where="Cổng thông tin nội bộ Cục Hải quan",
        )
        candidate = proposal.candidates.filter(person__isnull=False).order_by("order").first()
        comment = services.add_comment(
            proposal=proposal,
            author=self.u("congdoan"),
            candidate=candidate,
            text=(
                "Công đoàn Cục Hải quan đề nghị làm rõ việc đồng chí đã được Công đoàn cơ sở xác nhận "
                "chấp hành tốt nghĩa vụ đoàn viên trong hai năm đề nghị khen thưởng."
            ),
        )
        services.answer_comment(
            comment=comment,
            actor=self.u("canbo.tdkt"),
            answer=(
                "Phòng Thi đua – Khen thưởng đã đề nghị Chi cục Hải quan khu vực VI bổ sung văn bản xác nhận "
                "của Công đoàn cơ sở; văn bản sẽ được lưu kèm hồ sơ trước khi trình Hội đồng."
            ),
        )
        self.lines.append(
            f"(d) Đã tiếp nhận tại Cục Hải quan: “{proposal.title}”, công khai đến hết "
            f"{disclosure.ends_on:%d/%m/%Y}, 01 ý kiến của Công đoàn đã được trả lời."
        )
        return proposal

    def draft(self, deadline: date) -> Proposal:
        """(a) CSTĐCS 2026 from Tân Thanh, with Nguyễn Văn An: a draft to walk through."""
        an = Person.objects.filter(staff_code=AN).first()
        people = self.candidates(self.units[TAN_THANH], 4, first=[an] if an else [])

        def summary(candidate: Candidate) -> str:
            if candidate.person.staff_code == AN:
                return (
                    f"Năm {YEAR} hoàn thành xuất sắc nhiệm vụ tại Đội Thủ tục hàng hóa xuất nhập khẩu; phát hiện "
                    "03 trường hợp khai sai mã HS, kiến nghị truy thu thuế; tác giả sáng kiến ứng dụng phân "
                    "tích dữ liệu tờ khai để cảnh báo sớm rủi ro về trị giá."
                )
            return (
                f"Năm {YEAR} hoàn thành xuất sắc nhiệm vụ được giao tại Hải quan cửa khẩu Tân Thanh; tích cực "
                "cải tiến thủ tục, rút ngắn thời gian thông quan hàng hóa qua cửa khẩu."
            )

        proposal = self.dossier(
            title=CSTDCS_TITLE,
            unit=self.units[TAN_THANH],
            officer="canbo.tanthanh",
            kind="CSTDCS",
            people=people,
            deadline=deadline,
            summary=summary,
        )
        self.lines.append(
            f"(a) Dự thảo: “{proposal.title}” (Tân Thanh), {len(people)} cá nhân gồm Nguyễn Văn An, "
            f"hạn trình {deadline:%d/%m/%Y}."
        )
        return proposal


def load(*, stdout, **_options) -> None:
    """Load the demo councils, dossiers and decision once (accounts are completed on every run)."""
    if not Unit.objects.filter(code__in=[REGION, TAN_THANH, HUU_NGHI]).count() == 3:
        stdout.write("  Chưa có tổ chức mẫu (Chi cục Hải quan khu vực VI): bỏ qua hồ sơ mẫu.")
        return
    created = load_accounts(ACCOUNTS)
    if created:
        stdout.write(f"  Tài khoản minh họa: tạo {created} ({', '.join(a.username for a in ACCOUNTS)}).")
    if Council.objects.filter(unit__code=REGION, name=REGION_COUNCIL).exists():
        stdout.write(f"  Hội đồng và hồ sơ mẫu đã có (phiên bản {DATA_VERSION}); giữ nguyên.")
        return
    loader = Loader()
    if loader.person_of("lanhdao.langson") is None or loader.person_of("lanhdao.cuc") is None:
        stdout.write("  Tổ chức mẫu chưa có lãnh đạo Chi cục, Cục (quá ít cán bộ): bỏ qua hồ sơ mẫu.")
        return
    loader.move_an()
    region_council, _hq_council = loader.councils()
    deadline = loader.today + timedelta(days=6)
    loader.completed(region_council)
    loader.at_council(region_council, deadline)
    loader.upward()
    loader.draft(deadline)
    stdout.write(f"  Quy trình khen thưởng mẫu (phiên bản {DATA_VERSION}):")
    for line in loader.lines:
        stdout.write(f"    {line}")
