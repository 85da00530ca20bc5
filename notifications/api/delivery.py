"""Recipients, sending and delivery progress in the HTTP API (CONTRACT.md). Thin."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions
from accounts.http import AuthedApiRequest
from core.errors import NotPermitted
from incidents.api.common import EmptyBody, visible_incident
from notifications.services.delivery import deliveries_retry_failed, delivery_counts, notices_send
from notifications.services.recipient_import import ImportErrors, import_recipients
from notifications.services.recipients import can_manage_recipients


class ImportErrorOut(serializers.Serializer[Any]):
    row = serializers.IntegerField(help_text="The line in the file (the header is 1); 0 is the file as a whole.")
    message = serializers.CharField()


class ImportErrorsOut(serializers.Serializer[Any]):
    """Nothing was imported: the first 100 bad lines, then one line saying how many more."""

    errors = ImportErrorOut(many=True)  # type: ignore[assignment]
    error_rows = serializers.IntegerField(required=False, help_text="How many lines have errors in all.")


class ImportOut(serializers.Serializer[Any]):
    imported = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    rows = serializers.IntegerField()


class RecipientImportView(APIView):
    """POST /incidents/{reference}/recipients/ — multipart ``file``: a CSV of the people
    affected. All or nothing: ``400 {"errors": [{"row", "message"}]}`` names every bad line
    (row 0 is the file as a whole)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses={201: ImportOut, 400: ImportErrorsOut},
    )
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        user: Any = request.user
        if not can_manage_recipients(user):
            raise NotPermitted(_("Rollen din kan ikke legge inn mottakere."))
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ImportErrors([(0, _("Velg en CSV-fil å laste opp (feltet «file»)."))])
            result = import_recipients(incident_id=incident.pk, by=user, file=upload, size=upload.size)
        except ImportErrors as errors:
            return Response(
                {"errors": errors.as_list(), "error_rows": errors.total}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            {"imported": result.imported, "duplicates": result.duplicates, "rows": result.rows},
            status=status.HTTP_201_CREATED,
        )


def _dpo_incident(request: AuthedApiRequest, reference: str, refusal: str) -> Any:
    """The case of a DPO's action with an empty body: 403 with ``refusal`` for anyone else."""
    incident = visible_incident(request, reference)
    if not request.user.has_perm(permissions.DECIDE):
        raise NotPermitted(refusal)
    EmptyBody(data=request.data if request.data else {}).is_valid(raise_exception=True)
    return incident


class NoticeSendView(APIView):
    """POST /incidents/{reference}/notices/send/ — DPO; 202 with how many were queued now."""

    @extend_schema(request=None, responses={202: dict})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = _dpo_incident(request, reference, _("Bare personvernombudet kan sende varslene."))
        result = notices_send(incident_id=incident.pk, by=request.user)
        return Response(
            {"queued": result.queued, "language_fallback": result.language_fallback},
            status=status.HTTP_202_ACCEPTED,
        )


class DeliveryCountsView(APIView):
    """GET /incidents/{reference}/deliveries/ — handler, dpo: how far the sending is."""

    @extend_schema(
        responses={200: dict},
        description=(
            "How far the sending is: `total` = `queued` + `sent` + `failed`, and the channels' `total`s in "
            "`by_channel` (email, svarut, letter) add up to `total` at every moment. Right after the DPO "
            "sends, the people not yet given a delivery row are counted as queued under the channel their row "
            "will get, chosen the same way (the organisation's order and what is known of each person)."
        ),
    )
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        user: Any = request.user
        if not user.has_perm(permissions.WORK):
            raise NotPermitted(_("Rollen din kan ikke se leveringene."))
        return Response(delivery_counts(incident.pk))


class RetriedOut(serializers.Serializer[Any]):
    queued = serializers.IntegerField(help_text="Failed deliveries queued again.")
    moved = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Of those, how many go by another channel than before (email, svarut, letter): "
        "an e-mail that bounced goes as a letter or through SvarUt when the person can be reached so.",
    )
    unreachable = serializers.IntegerField(help_text="Failed deliveries no channel can reach: still failed.")


class DeliveryRetryView(APIView):
    """POST /incidents/{reference}/deliveries/retry/ — dpo: send the failed deliveries again,
    each by the next channel in the organisation's order when its own failed for good."""

    @extend_schema(request=None, responses={202: RetriedOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = _dpo_incident(request, reference, _("Bare personvernombudet kan sende på nytt."))
        retried = deliveries_retry_failed(incident_id=incident.pk, by=request.user)
        return Response(
            {"queued": retried.queued, "moved": retried.moved, "unreachable": retried.unreachable},
            status=status.HTTP_202_ACCEPTED,
        )
