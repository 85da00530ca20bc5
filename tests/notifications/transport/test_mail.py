"""No staff text reaches a mail header unchecked: a subject with line breaks cannot add
headers or recipients."""

from __future__ import annotations

from email import message_from_bytes

from notifications.transport import build_message, new_message_id


def test_a_subject_cannot_inject_headers_or_recipients() -> None:
    message = build_message(
        to="mottaker@example.org\r\nBcc: spion@example.org",
        subject="Viktig\r\nBcc: spion@example.org\nX-Evil: 1",
        body_text="Hei",
        message_id=new_message_id(),
    )
    recipients = message.recipients()
    assert len(recipients) == 1 and "\r" not in recipients[0] and "\n" not in recipients[0]
    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed.get_all("Bcc") is None
    assert parsed.get_all("X-Evil") is None
    assert len(parsed.get_all("Subject")) == 1
    assert "\n" not in parsed["Subject"] and "spion@example.org" in parsed["Subject"]


def test_message_ids_are_unique_and_well_formed() -> None:
    ids = {new_message_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(i.startswith("<") and i.endswith(">") and "@" in i for i in ids)
