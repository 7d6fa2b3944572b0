"""The emulation calendar: a launched movement's dates, reminders once in the app and by e-mail through a
real SMTP conversation with a local sink."""

import email
import email.policy
import io
import socketserver
import threading
from datetime import date

import pytest
from django.core.management import call_command

from tdkt.movements import services
from tdkt.movements.models import CalendarEntry, UnitNotification

pytestmark = pytest.mark.django_db


class _Sink(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept messages; what arrives is kept in `server.received`."""

    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        envelope = {"to": [], "data": b""}
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 sink\r\n")
            elif verb == "MAIL":
                envelope = {"to": [], "data": b""}
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                envelope["to"].append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 go on\r\n")
                chunks = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    chunks.append(chunk)
                envelope["data"] = b"".join(chunks)
                self.server.received.append(envelope)
                self.wfile.write(b"250 queued\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


@pytest.fixture
def smtp(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sink)
    server.daemon_threads = True
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.server_address[1]
    settings.EMAIL_USE_TLS = False
    yield server
    server.shutdown()
    server.server_close()


def test_launching_puts_the_movements_dates_in_the_calendar(org, launched):
    entries = list(CalendarEntry.objects.filter(movement=launched).values_list("kind", "due_on"))
    assert entries == [("dang_ky", date(2020, 2, 29)), ("tong_ket", date(2020, 12, 31))]


def test_reminders_go_once_in_the_app_and_by_email(org, launched, officer_a, leader_a, outsider_b, smtp):
    officer_a.email, leader_a.email, outsider_b.email = (
        "canbo.a@haiquan.vn",
        "lanhdao.a@haiquan.vn",
        "b@haiquan.vn",
    )
    for user in (officer_a, leader_a, outsider_b):
        user.save()
    entry = services.add_calendar_entry(
        unit=org.a,
        kind="de_nghi",
        title="Trình hồ sơ đề nghị khen thưởng năm 2020",
        due_on=date(2020, 12, 15),
    )
    assert services.send_due_reminders(today=date(2020, 12, 7)) == 0  # 8 days before: not yet
    assert services.send_due_reminders(today=date(2020, 12, 8)) == 1
    assert services.send_due_reminders(today=date(2020, 12, 9)) == 0  # once only
    entry.refresh_from_db()
    assert entry.reminded_on == date(2020, 12, 8)
    notice = UnitNotification.objects.get(unit=org.a, movement__isnull=True)
    assert notice.text == "Nhắc lịch thi đua: Trình hồ sơ đề nghị khen thưởng năm 2020 – ngày 15/12/2020."
    [mail] = smtp.received
    assert sorted(mail["to"]) == ["canbo.a@haiquan.vn", "lanhdao.a@haiquan.vn"]
    message = email.message_from_bytes(mail["data"], policy=email.policy.default)
    assert message["Subject"].strip() == "[TĐKT] Hạn trình hồ sơ đề nghị khen thưởng: 15/12/2020"
    assert "ngày 15/12/2020" in message.get_content()
    out = io.StringIO()
    call_command("movements_reminders", "--date", "24/12/2020", stdout=out)  # the tổng kết of 31/12 is due
    assert out.getvalue().strip() == "Đã nhắc 1 mốc lịch thi đua."
    assert CalendarEntry.objects.get(kind="tong_ket").reminded_on == date(2020, 12, 24)


def test_a_mail_server_failure_marks_nothing(org, officer_a, settings):
    officer_a.email = "canbo.a@haiquan.vn"
    officer_a.save()
    services.add_calendar_entry(unit=org.a, kind="so_ket", title="Sơ kết 6 tháng", due_on=date(2020, 7, 10))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with pytest.raises(OSError):
        services.send_due_reminders(today=date(2020, 7, 5))
    assert CalendarEntry.objects.get(kind="so_ket").reminded_on is None
    assert not UnitNotification.objects.exists()


def test_the_calendar_page(client, org, launched, officer_a, outsider_b):
    from django.urls import reverse

    from conftest import login

    login(client, officer_a)
    url = reverse("movements:calendar")
    response = client.post(
        url,
        {
            "unit": org.a.pk,
            "kind": "de_nghi",
            "title": "Trình hồ sơ khen thưởng",
            "due_on": "2020-11-30",
            "remind_days": 10,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã thêm mốc lịch thi đua." in page and "30/11/2020" in page and "trước 10 ngày" in page
    assert (
        "Hạn đăng ký thi đua: Phong trào thi đua năm 2020" in page
    )  # HQ's movement: A's officer sees HQ? no
