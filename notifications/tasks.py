"""Celery tasks of notifications: thin, by id.

Each task is defined beside the service that enqueues it, so that the two do not import each
other; each is named here for Celery's autodiscovery. A worker knows only the tasks of the
modules it has imported: a task missing here is refused by the worker ("unregistered task")
and its rows wait until someone notices."""

from notifications.services.delivery import fulfil_send_order as fulfil_send_order
from notifications.services.delivery import send_delivery_batch as send_delivery_batch
from notifications.services.letters import render_letter_batch as render_letter_batch
from notifications.services.outbox import send_outbound_email as send_outbound_email
from notifications.services.shipments import send_shipment_batch as send_shipment_batch
