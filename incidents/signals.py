from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record


@receiver(pre_create_historical_record, dispatch_uid="incidents.history_transition")
def record_transition(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    """Store which transition (or edit) made a change of the case, for the timeline."""
    if hasattr(history_instance, "history_transition"):
        history_instance.history_transition = getattr(instance, "_transition", "") or ""


@receiver(post_delete, sender="incidents.Attachment", dispatch_uid="incidents.attachment_bytes")
def delete_attachment_bytes(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A case deleted (or purged) takes its files' bytes with it, not only their rows."""
    from incidents.services.attachments import forget_bytes_with_row

    forget_bytes_with_row(instance)
