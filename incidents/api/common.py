"""What the API views of both apps share: strict request bodies and the case a client may
see. API views of notifications use these instead of importing incidents.api.cases."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from accounts.http import AuthedApiRequest
from incidents.models import Incident
from incidents.selectors import cases as selectors


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know, naming them."""

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, dict) else []
        errors: dict[str, Any] = {name: [_("Ukjent felt.")] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            errors.update(error.detail)
        if errors:
            raise ValidationError(errors)
        return value


class EmptyBody(StrictSerializer):
    pass


def visible_incident(request: AuthedApiRequest, reference: str) -> Incident:
    return get_object_or_404(selectors.incident_list(request.user), reference=reference)
