"""GET /api/v1/incidents/{reference}/authority-notification/ (CONTRACT.md "AuthorityNotification")."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions
from accounts.http import AuthedApiRequest
from core.errors import NotPermitted
from incidents.api.common import visible_incident
from incidents.services import authority, edpb


class AuthorityNotificationView(APIView):
    """The notification as it stands now, and what was filed when; handler, dpo, auditor."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        user: Any = request.user
        if not authority.can_view_notification(user):
            raise NotPermitted(_("Rollen din har ikke tilgang til meldingen til Datatilsynet."))
        # The document is in the one language the DPO chose for it, whoever asks.
        document = authority.build_document(incident)
        return Response(authority.notification_as_dict(document))


class EdpbExportView(APIView):
    """The next notification to file in the EDPB's common template (CONTRACT.md). GET:
    handler, dpo, auditor. PATCH: handler, dpo — any part of the structure a person fills
    in; ``400`` names each bad field by its path (``nature.cause``)."""

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description="The notification in the EDPB's common template v1.0, with its answer codes.",
    )
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        user: Any = request.user
        if not authority.can_view_notification(user):
            raise NotPermitted(_("Rollen din har ikke tilgang til meldingen til Datatilsynet."))
        return Response(edpb.export(incident))

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
        description="Answers to the template's questions, as part of the export's structure; null clears one.",
    )
    def patch(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        user: Any = request.user
        if not user.has_perm(permissions.WORK):
            raise NotPermitted(_("Rollen din kan ikke skrive meldingen til Datatilsynet."))
        edpb.authority_answers_save(incident=incident, by=user, body=request.data)
        return Response(edpb.export(incident))
