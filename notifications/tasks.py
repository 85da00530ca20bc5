"""Celery tasks of the outbox: thin, by id.

The task is defined beside the outbox service that enqueues it, so that the two do not
import each other; it is named here for Celery's autodiscovery."""

from notifications.services.outbox import send_outbound_email as send_outbound_email
