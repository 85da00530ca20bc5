"""The files of a case in the HTTP API: list, upload (multipart ``file``), download, remove.

Who may do what is the case page's rule (``incidents.selectors.attachments``); the services
check it again. A file the caller may not see is 404, like a case."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import AuthedApiRequest
from core.errors import NotPermitted
from core.parsers import JSONParser
from core.views import private_download
from incidents.api.common import StrictSerializer, visible_incident
from incidents.models import TEXT_MAX, Attachment
from incidents.selectors.attachments import attachments_visible_to, may_remove_attachment, visible_attachment
from incidents.services import attachments as services
from incidents.vocabulary import FILE_KIND_LABELS


class AttachmentOut(serializers.Serializer[Any]):
    """Documentation of one file of a case."""

    id = serializers.UUIDField(help_text="Random; names the file in the download URL.")
    name = serializers.CharField(help_text="The name it was uploaded with, cleaned.")
    description = serializers.CharField()
    content_type = serializers.CharField(help_text="Decided from the bytes, not the name.")
    type_label = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    sha256 = serializers.CharField()
    scan = serializers.ChoiceField(choices=Attachment.Scan.values)
    scan_label = serializers.CharField()
    uploaded_by = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    removed_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(help_text="The download.")


class AttachmentListOut(serializers.Serializer[Any]):
    results = AttachmentOut(many=True)


class UploadIn(serializers.Serializer[Any]):
    file = serializers.FileField()
    description = serializers.CharField(required=False)


class RemoveBody(StrictSerializer):
    reason = serializers.CharField(
        max_length=TEXT_MAX,
        trim_whitespace=False,
        error_messages={
            "required": _("Skriv hvorfor filen fjernes."),
            "blank": _("Skriv hvorfor filen fjernes."),
            "null": _("Skriv hvorfor filen fjernes."),
        },
    )


def attachment_as_dict(attachment: Attachment, request: Request) -> dict[str, Any]:
    url = reverse("api-attachment", args=[attachment.incident.reference, attachment.public_id])
    return {
        "id": str(attachment.public_id),
        "name": attachment.name,
        "description": attachment.description,
        "content_type": attachment.content_type,
        "type_label": str(FILE_KIND_LABELS.get(attachment.kind, "")),
        "size": attachment.size,
        "sha256": attachment.sha256,
        "scan": attachment.scan,
        "scan_label": attachment.get_scan_display(),
        "uploaded_by": attachment.uploaded_by.display_name,
        "uploaded_at": attachment.uploaded_at.isoformat(),
        "removed_at": attachment.removed_at.isoformat() if attachment.removed_at else None,
        "url": request.build_absolute_uri(url),
    }


class AttachmentListView(APIView):
    """GET: the files of the case the caller may see. POST: multipart ``file`` (and an
    optional ``description``) → 201 the file; 400 names what is wrong (empty, too large, a
    kind not taken, a virus found); 503 when the virus scanner could not be asked."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(operation_id="incidents_attachments_list", responses={200: AttachmentListOut})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        rows = attachments_visible_to(request.user, incident).select_related("incident")
        return Response({"results": [attachment_as_dict(a, request) for a in rows]})

    @extend_schema(
        operation_id="incidents_attachments_create",
        request={"multipart/form-data": UploadIn},
        responses={201: AttachmentOut},
    )
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        services.check_can_add(request.user, incident)  # before the body is read
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("Velg en fil å legge til (feltet «file»).")]})
        description = request.data.get("description", "")
        if not isinstance(description, str):
            raise ValidationError({"description": [_("Skriv en tekst.")]})
        attachment = services.attachment_add(incident=incident, by=request.user, upload=upload, description=description)
        return Response(attachment_as_dict(attachment, request), status=status.HTTP_201_CREATED)


class AttachmentView(APIView):
    """GET: the file itself, as a download in the type its bytes were found to be. DELETE
    ``{"reason": text}``: removed by the DPO or the handler working the case → 200 the file
    as it now stands (its bytes are gone, the history keeps the reason)."""

    parser_classes = [JSONParser]

    def _found(self, request: AuthedApiRequest, reference: str, attachment: str) -> Attachment:
        incident = visible_incident(request, reference)
        found = visible_attachment(request.user, incident, attachment)
        if found is None:
            raise Http404
        return found

    @extend_schema(
        operation_id="incidents_attachments_download",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request: AuthedApiRequest, reference: str, attachment: str) -> FileResponse:
        found = self._found(request, reference, attachment)
        try:
            handle = services.attachment_open(found)
        except services.StoredBytesMissing:
            raise Http404 from None
        return private_download(handle, filename=found.name, content_type=found.content_type)

    @extend_schema(operation_id="incidents_attachments_remove", request=RemoveBody, responses={200: AttachmentOut})
    def delete(self, request: AuthedApiRequest, reference: str, attachment: str) -> Response:
        found = self._found(request, reference, attachment)
        if not may_remove_attachment(request.user, found.incident):
            raise NotPermitted(_("Du kan ikke fjerne filer fra denne saken."))
        body = RemoveBody(data=request.data if request.data else {})
        body.is_valid(raise_exception=True)
        removed = services.attachment_remove(attachment=found, by=request.user, reason=body.validated_data["reason"])
        return Response(attachment_as_dict(removed, request))
