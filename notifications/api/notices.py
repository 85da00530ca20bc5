"""Notices in the HTTP API (CONTRACT.md "NoticePreview"). Thin: parse, call, shape."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions
from accounts.http import AuthedApiRequest
from core.errors import Invalid, NotPermitted
from incidents.api.common import StrictSerializer, visible_incident
from notifications.models import LANGUAGES, PARTS
from notifications.selectors.rendering import preview
from notifications.services import notices as services


class NoticePreviewOut(serializers.Serializer[Any]):
    language = serializers.ChoiceField(choices=list(LANGUAGES))
    subject = serializers.CharField()
    text = serializers.CharField()
    html = serializers.CharField()
    lix = serializers.FloatField()
    parts = serializers.DictField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.CharField())


class NoticePreviewView(APIView):
    """GET /incidents/{reference}/notices/preview/?language=nb — as the recipient will see it."""

    @extend_schema(
        parameters=[OpenApiParameter("language", str, enum=list(LANGUAGES)), OpenApiParameter("audience", int)],
        responses={200: NoticePreviewOut},
    )
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        if not request.user.has_perm(permissions.WORK):
            raise NotPermitted(_("Rollen din kan ikke se varsler før de er sendt."))
        language = request.query_params.get("language", "nb")
        if language not in LANGUAGES:
            raise Invalid({"language": [_("Velg nb, nn eller en.")]})
        audiences = incident.notice_audiences.order_by("position", "pk")
        audience_id = request.query_params.get("audience")
        # Only the digits 0-9: str.isdigit() also takes "²", which no primary key is.
        wanted = audience_id is not None and audience_id.isascii() and audience_id.isdigit()
        audience = audiences.filter(pk=int(audience_id)).first() if wanted and audience_id else None
        if audience_id and audience is None:
            raise Invalid({"audience": [_("Fant ikke målgruppen.")]})
        audience = audience or audiences.first()
        notice = services.current_notice(audience, language) if audience else None
        data = preview(incident=incident, audience=audience, notice=notice, language=language)
        return Response(data)


class NoticeApproveIn(StrictSerializer):
    language = serializers.ChoiceField(choices=list(LANGUAGES), required=False)


class NoticeApproveView(APIView):
    """POST /incidents/{reference}/notices/approve/ — the DPO approves every language
    (``{}``), or one (``{"language": "nn"}``). 400 names each part that is empty, or that
    reads as another language (``{"errors": {"nn.what_happened": [message]}}``)."""

    @extend_schema(request=NoticeApproveIn, responses={200: dict})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        if not request.user.has_perm(permissions.DECIDE):
            raise NotPermitted(_("Bare personvernombudet kan godkjenne varsler."))
        body = NoticeApproveIn(data=request.data if request.data else {})
        body.is_valid(raise_exception=True)
        notices = services.notice_approve(
            incident=incident, by=request.user, language=body.validated_data.get("language")
        )
        return Response(
            {
                "approved": [
                    {
                        "audience": n.audience.name,
                        "language": n.language,
                        "version": n.version,
                        "approved_at": n.approved_at,
                        "subject": n.frozen_subject,
                    }
                    for n in notices
                ],
                "parts": list(PARTS),
            }
        )
