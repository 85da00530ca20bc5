"""Sending one ready message over a server that offers PIPELINING (RFC 2920): the envelope
goes in one write, the answers are read together, refusals are reported as smtplib
reports them, and the message arrives byte for byte (a line that starts with a dot too).

The server here answers nothing until it has MAIL FROM, RCPT TO and DATA: a client that
waits for each answer before the next command (no pipelining) gets no answer at all."""

from __future__ import annotations

import smtplib
import socket
import threading
from collections.abc import Iterator

import pytest

from notifications.transport import Pipeline, send_one

MESSAGE = b"Subject: Varsel\r\nMessage-ID: <m1@example.org>\r\n\r\nHei\r\n.ikke slutten\r\nHilsen\r\n"


class PipeliningServer:
    """One connection; ``answers`` for (MAIL, RCPT, DATA) of each message in turn, and
    optionally a fourth, the answer to its final dot (250 OK if not given). A MAIL answer
    of 421 is sent alone and the connection closed, as a server shutting down does.

    ``across``: the server answers a message's final dot only once the next message's
    envelope has arrived too (while more messages are expected): a client that waits for
    that answer before writing the next envelope gets no answer."""

    def __init__(self, answers: list[tuple[bytes, ...]], pipelining: bool = True, across: bool = False) -> None:
        self.answers = list(answers)
        self.pipelining = pipelining
        self.across = across
        self.data_lines: list[bytes] = []  # every line read in DATA, as sent
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received: list[bytes] = []  # the message data, unstuffed
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        conn, _address = self.listener.accept()
        conn.settimeout(10)
        buffer = b""

        def line() -> bytes:
            nonlocal buffer
            while b"\r\n" not in buffer:
                chunk = conn.recv(65536)
                if not chunk:
                    raise ConnectionError
                buffer += chunk
            head, _, buffer = buffer.partition(b"\r\n")
            return head

        with conn:
            conn.sendall(b"220 test\r\n")
            line()  # EHLO
            offered = b"250-PIPELINING\r\n" if self.pipelining else b""
            conn.sendall(b"250-test\r\n" + offered + b"250 SIZE 1000000\r\n")
            try:
                ahead: list[bytes] = []  # the next envelope, read before the dot was answered
                while self.answers:
                    answer = self.answers.pop(0)
                    mail, rcpt, data = answer[:3]
                    commands, ahead = ahead or [line()], []
                    if commands[0].upper().startswith(b"RSET"):
                        conn.sendall(b"250 OK\r\n")
                        self.answers.insert(0, answer)
                        continue
                    if len(commands) == 1:
                        commands += [line(), line()]  # nothing is answered before all three
                    assert commands[0].startswith(b"MAIL FROM:") and commands[2] == b"DATA"
                    if mail.startswith(b"421"):
                        conn.sendall(mail + b"\r\n")
                        return
                    conn.sendall(mail + b"\r\n" + rcpt + b"\r\n" + data + b"\r\n")
                    if not data.startswith(b"354"):
                        continue
                    lines = []
                    while (text := line()) != b".":
                        self.data_lines.append(text)
                        lines.append(text[1:] if text.startswith(b"..") else text)
                    if self.across and self.answers:
                        ahead = [line(), line(), line()]
                    finished = answer[3] if len(answer) > 3 else b"250 OK"
                    if finished.startswith(b"250"):
                        self.received.append(b"\r\n".join(lines) + b"\r\n")
                    conn.sendall(finished + b"\r\n")
                line()  # QUIT or RSET
                conn.sendall(b"221 bye\r\n")
            except (ConnectionError, OSError):
                pass


@pytest.fixture
def connect() -> Iterator[object]:
    opened: list[smtplib.SMTP] = []

    def open_to(server: PipeliningServer) -> smtplib.SMTP:
        smtp = smtplib.SMTP("127.0.0.1", server.port, timeout=3)
        opened.append(smtp)
        return smtp

    yield open_to
    for smtp in opened:
        try:
            smtp.quit()
        except smtplib.SMTPException:
            smtp.close()


def test_the_envelope_goes_in_one_write_and_the_message_arrives_unchanged(connect: object) -> None:
    server = PipeliningServer([(b"250 OK", b"250 OK", b"354 go"), (b"250 OK", b"250 OK", b"354 go")])
    smtp = connect(server)  # type: ignore[operator]
    send_one(smtp, "avvik@example.org", "ada@example.org", MESSAGE)
    send_one(smtp, "avvik@example.org", "per@example.org", MESSAGE)
    assert server.received == [MESSAGE, MESSAGE]  # the server answered only whole envelopes


def test_a_refused_address_is_reported_as_smtplib_does_and_the_connection_goes_on(connect: object) -> None:
    server = PipeliningServer(
        [(b"250 OK", b"550 5.1.1 no such user", b"554 no valid recipients"), (b"250 OK", b"250 OK", b"354 go")]
    )
    smtp = connect(server)  # type: ignore[operator]
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send_one(smtp, "avvik@example.org", "borte@example.org", MESSAGE)
    assert refused.value.recipients == {"borte@example.org": (550, b"5.1.1 no such user")}
    send_one(smtp, "avvik@example.org", "per@example.org", MESSAGE)
    assert server.received == [MESSAGE]


def test_a_refused_sender_and_a_refused_message_raise_smtplibs_errors(connect: object) -> None:
    server = PipeliningServer([(b"451 try later", b"503 sender first", b"503 sender first")])
    with pytest.raises(smtplib.SMTPSenderRefused):
        send_one(connect(server), "avvik@example.org", "ada@example.org", MESSAGE)  # type: ignore[operator]
    server = PipeliningServer([(b"250 OK", b"250 OK", b"452 full")])
    with pytest.raises(smtplib.SMTPDataError) as error:
        send_one(connect(server), "avvik@example.org", "ada@example.org", MESSAGE)  # type: ignore[operator]
    assert error.value.smtp_code == 452


def test_without_pipelining_on_offer_each_command_waits_for_its_answer(connect: object) -> None:
    """This server needs all three commands before it answers: one that does not offer
    PIPELINING is never sent them together, so the send waits and times out."""
    server = PipeliningServer([(b"250 OK", b"250 OK", b"354 go")], pipelining=False)
    with pytest.raises((smtplib.SMTPServerDisconnected, OSError)):
        send_one(connect(server), "avvik@example.org", "ada@example.org", MESSAGE)  # type: ignore[operator]
    assert server.received == []


OK = (b"250 OK", b"250 OK", b"354 go")


def test_the_next_envelope_goes_with_the_final_dot_one_round_trip_per_message(connect: object) -> None:
    server = PipeliningServer([OK, OK, OK], across=True)
    pipe = Pipeline(connect(server), "avvik@example.org")  # type: ignore[operator]
    pipe.send("ada@example.org", MESSAGE, then=("per@example.org", MESSAGE))
    pipe.send("per@example.org", MESSAGE, then=("kari@example.org", MESSAGE))
    pipe.send("kari@example.org", MESSAGE)
    assert server.received == [MESSAGE, MESSAGE, MESSAGE]


def test_control_a_client_that_waits_for_the_dots_answer_gets_none_from_that_server(connect: object) -> None:
    server = PipeliningServer([OK, OK], across=True)
    smtp = connect(server)  # type: ignore[operator]
    with pytest.raises((smtplib.SMTPServerDisconnected, OSError)):
        send_one(smtp, "avvik@example.org", "ada@example.org", MESSAGE)  # no envelope after the dot
    assert server.received == []


def test_a_refused_address_in_the_envelope_written_ahead_fails_that_message_alone(connect: object) -> None:
    server = PipeliningServer([OK, (b"250 OK", b"550 5.1.1 no such user", b"554 no valid recipients"), OK], across=True)
    pipe = Pipeline(connect(server), "avvik@example.org")  # type: ignore[operator]
    pipe.send("ada@example.org", MESSAGE, then=("borte@example.org", MESSAGE))
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        pipe.send("borte@example.org", MESSAGE, then=("kari@example.org", MESSAGE))
    assert refused.value.recipients == {"borte@example.org": (550, b"5.1.1 no such user")}
    pipe.send("kari@example.org", MESSAGE)  # its envelope was not written ahead: a new one
    assert server.received == [MESSAGE, MESSAGE]


def test_a_server_closing_with_421_on_the_envelope_written_ahead_breaks_the_connection(connect: object) -> None:
    server = PipeliningServer([OK, (b"421 4.3.2 shutting down", b"", b"")], across=True)
    smtp = connect(server)  # type: ignore[operator]
    pipe = Pipeline(smtp, "avvik@example.org")
    pipe.send("ada@example.org", MESSAGE, then=("per@example.org", MESSAGE))
    with pytest.raises((smtplib.SMTPServerDisconnected, smtplib.SMTPSenderRefused)):
        pipe.send("per@example.org", MESSAGE)
    assert server.received == [MESSAGE]
    assert smtp.sock is None


def test_a_refused_message_with_an_envelope_ahead_sends_no_rset_into_the_next_message(connect: object) -> None:
    """After the final dot the transaction is over whatever the answer: the next message's
    envelope is already on its way, and an RSET would land in its DATA as text."""
    server = PipeliningServer([(*OK, b"554 5.7.1 refused"), OK], across=True)
    pipe = Pipeline(connect(server), "avvik@example.org")  # type: ignore[operator]
    with pytest.raises(smtplib.SMTPDataError) as error:
        pipe.send("ada@example.org", MESSAGE, then=("per@example.org", MESSAGE))
    assert error.value.smtp_code == 554
    pipe.send("per@example.org", MESSAGE)
    assert server.received == [MESSAGE]
    assert not [text for text in server.data_lines if text.upper().startswith(b"RSET")]


def test_closing_with_an_envelope_ahead_closes_the_socket_and_sends_nothing_into_its_data(connect: object) -> None:
    server = PipeliningServer([OK, OK], across=True)
    smtp = connect(server)  # type: ignore[operator]
    pipe = Pipeline(smtp, "avvik@example.org")
    pipe.send("ada@example.org", MESSAGE, then=("per@example.org", MESSAGE))
    pipe.close()
    assert smtp.sock is None
    server.thread.join(timeout=5)
    assert server.received == [MESSAGE]
    assert len(server.data_lines) == MESSAGE.count(b"\r\n")  # the first message's lines, nothing after them


def test_an_address_that_needs_smtputf8_is_not_written_ahead_and_does_not_fail_this_message(
    connect: object,
) -> None:
    server = PipeliningServer([OK])
    pipe = Pipeline(connect(server), "avvik@example.org")  # type: ignore[operator]
    pipe.send("ada@example.org", MESSAGE, then=("åse@example.org", MESSAGE))
    assert server.received == [MESSAGE]


@pytest.mark.parametrize("ahead", [True, False])
def test_a_421_after_the_final_dot_closes_the_connection(connect: object, ahead: bool) -> None:
    server = PipeliningServer([(*OK, b"421 4.3.2 shutting down"), OK], across=ahead)
    smtp = connect(server)  # type: ignore[operator]
    with pytest.raises(smtplib.SMTPDataError) as error:
        Pipeline(smtp, "avvik@example.org").send(
            "ada@example.org", MESSAGE, then=("per@example.org", MESSAGE) if ahead else None
        )
    assert error.value.smtp_code == 421
    assert smtp.sock is None
