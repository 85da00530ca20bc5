"""Celery tasks of the outbox: thin, by id."""

from celery import shared_task

from notifications.outbox import send_email


@shared_task(name="notifications.send_outbound_email", ignore_result=True)
def send_outbound_email(email_id: int) -> None:
    """Send one outbox e-mail by id; the claim makes a duplicate task harmless."""
    send_email(email_id)
