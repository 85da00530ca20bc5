"""The files section of the case page: ``{% load attachment_tags %}{% attachments_section %}``.

A tag rather than more keys in the case page's context, so that the page's other forms and
this one stay apart; a refused upload or removal puts its bound form in the context
(``attachment_form``, ``attachment_remove_form`` with ``attachment_remove_id``)."""

from __future__ import annotations

from typing import Any

from django import template

from incidents.selectors.attachments import attachments_visible_to, may_add_attachment, may_remove_attachment
from incidents.services.attachments import max_bytes
from incidents.vocabulary import FILE_KIND_LABELS
from incidents.web.attachment_forms import ADD_PREFIX, AttachmentForm, RemoveAttachmentForm, remove_prefix

register = template.Library()


@register.inclusion_tag("incidents/partials/attachments.html", takes_context=True)
def attachments_section(context: Any) -> dict[str, Any]:
    incident = context["incident"]
    user = context["request"].user
    can_add = may_add_attachment(user, incident)
    can_remove = may_remove_attachment(user, incident)
    bound_remove = context.get("attachment_remove_form")
    bound_remove_id = context.get("attachment_remove_id")
    rows = []
    for attachment in attachments_visible_to(user, incident):
        remove_form = None
        if can_remove:
            if bound_remove is not None and bound_remove_id == attachment.pk:
                remove_form = bound_remove
            else:
                remove_form = RemoveAttachmentForm(prefix=remove_prefix(attachment))
        rows.append(
            {
                "attachment": attachment,
                "kind": FILE_KIND_LABELS.get(attachment.kind, ""),
                "remove_form": remove_form,
                "remove_open": remove_form is not None and remove_form.is_bound,
            }
        )
    add_form = None
    if can_add:
        add_form = context.get("attachment_form") or AttachmentForm(prefix=ADD_PREFIX)
    return {
        "incident": incident,
        "rows": rows,
        "add_form": add_form,
        "max_bytes": max_bytes(),
        "internal": context.get("internal"),
        "csrf_token": context.get("csrf_token"),
    }
