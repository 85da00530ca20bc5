"""GET /api/v1/incidents/{reference}/authority-notification/ (CONTRACT.md "AuthorityNotification")."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import AuthedApiRequest
from core.errors import NotPermitted
from core.i18n import current_language
from incidents.api.common import visible_incident
from incidents.services import authority


class AuthorityNotificationView(APIView):
    """The notification as it stands now, and what was filed when; handler, dpo, auditor."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        user: Any = request.user
        if not authority.can_view_notification(user):
            raise NotPermitted(_("Rollen din har ikke tilgang til meldingen til Datatilsynet."))
        document = authority.build_document(incident, language=current_language())
        return Response(authority.notification_as_dict(document))
