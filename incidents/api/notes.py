"""Notes on a case in the HTTP API: comments and the contact log (staff), questions to the
reporter and their answers, and the reporter's additions. Thin: parse, call a service,
shape the answer; the services check who may write, the reads who may read."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions
from accounts.http import AuthedApiRequest
from accounts.models import User
from core.errors import Invalid, NotPermitted
from incidents.api.cases import moment_field
from incidents.api.common import StrictSerializer, visible_incident
from incidents.models import CONTACTED_MAX, CaseNote, Incident
from incidents.selectors.cases import sees_case_internals
from incidents.selectors.notes import notes_for
from incidents.services import notes as services
from incidents.services import reporter as reporter_services

REQUIRED = gettext_lazy("Dette feltet må fylles ut.")


def note_text_field() -> serializers.CharField:
    """Text up to NOTE_TEXT_MAX (or CONTACTED_MAX for who was contacted): the service checks
    the length, so that the message says how long the text is."""
    return serializers.CharField(
        trim_whitespace=False, error_messages={"required": REQUIRED, "blank": REQUIRED, "null": REQUIRED}
    )


class NoteOut(serializers.Serializer[Any]):
    """Documentation of a note as the API answers it."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CaseNote.Kind.values)
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True, help_text="The writer's e-mail; null for staff, to a reporter.")
    text = serializers.CharField()
    contacted = serializers.CharField(required=False, help_text=f"contact: who (up to {CONTACTED_MAX} characters)")
    channel = serializers.ChoiceField(choices=CaseNote.Channel.values, required=False, help_text="contact")
    contacted_at = serializers.DateTimeField(required=False, help_text="contact")
    question = serializers.IntegerField(required=False, help_text="answer: the question it answers")
    answered = serializers.BooleanField(required=False, help_text="question")
    mentioned = serializers.ListField(child=serializers.EmailField(), required=False, help_text="comment")


def note_as_dict(note: CaseNote, reader: User, internal: bool) -> dict[str, Any]:
    shown_by = internal or note.by_id == reader.pk
    data: dict[str, Any] = {
        "id": note.pk,
        "kind": note.kind,
        "at": note.at.isoformat(),
        "by": note.by.email if shown_by else None,
        "text": note.text,
    }
    if note.kind == CaseNote.Kind.CONTACT:
        data.update(
            contacted=note.contacted,
            channel=note.channel,
            contacted_at=note.contacted_at.isoformat() if note.contacted_at else None,
        )
    elif note.kind == CaseNote.Kind.ANSWER:
        data["question"] = note.question_id
    elif note.kind == CaseNote.Kind.QUESTION:
        data["answered"] = any(True for _answer in note.answers.all())
    elif note.kind == CaseNote.Kind.COMMENT:
        data["mentioned"] = [user.email for user in note.mentioned.all()]
    return data


def _listing(request: AuthedApiRequest, incident: Incident, kinds: tuple[str, ...]) -> Response:
    internal = sees_case_internals(request.user, incident)
    notes = notes_for(request.user, incident).filter(kind__in=kinds).prefetch_related("answers")
    return Response([note_as_dict(note, request.user, internal) for note in notes])


def _created(request: AuthedApiRequest, note: CaseNote) -> Response:
    internal = sees_case_internals(request.user, note.incident)
    return Response(note_as_dict(note, request.user, internal), status=status.HTTP_201_CREATED)


def _staff_only(request: AuthedApiRequest, incident: Incident) -> None:
    if not sees_case_internals(request.user, incident):
        raise NotPermitted(_("Kommentarer og kontaktlogg er bare for dem som arbeider med saken."))


# Checked before the body is read, so that a role that may not write learns nothing from
# the answer to its body; the services check the same again.


def _workers_only(request: AuthedApiRequest, incident: Incident) -> None:
    if not (request.user.has_perm(permissions.WORK) and sees_case_internals(request.user, incident)):
        raise NotPermitted(_("Bare de som arbeider med saken, kan skrive i den."))


def _reporter_only(request: AuthedApiRequest, incident: Incident) -> None:
    if incident.reported_by_id != request.user.pk:
        raise NotPermitted(_("Bare den som meldte saken, kan skrive her."))


def _body(serializer_class: type[serializers.Serializer[Any]], request: AuthedApiRequest) -> dict[str, Any]:
    body = serializer_class(data=request.data if request.data else {})
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class CommentBody(StrictSerializer):
    text = note_text_field()
    mention = serializers.ListField(
        child=serializers.EmailField(), required=False, default=list, help_text="E-mail addresses of staff to tell."
    )


class CommentsView(APIView):
    """GET, POST /incidents/{reference}/comments/ — internal comments; a mention (``@name``
    in the text, or an address in ``mention``) tells that colleague by e-mail."""

    @extend_schema(responses={200: NoteOut(many=True)})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _staff_only(request, incident)
        return _listing(request, incident, (CaseNote.Kind.COMMENT,))

    @extend_schema(request=CommentBody, responses={201: NoteOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _workers_only(request, incident)
        body = _body(CommentBody, request)
        addresses = [address.lower() for address in body["mention"]]
        chosen = list(User.objects.filter(email__in=addresses))
        unknown = sorted(set(addresses) - {user.email for user in chosen})
        if unknown:
            raise Invalid({"mention": [_("Ingen bruker har adressen %(address)s.") % {"address": unknown[0]}]})
        written = services.comment_add(incident=incident, by=request.user, text=body["text"], mention=chosen)
        return _created(request, written.note)


class ContactBody(StrictSerializer):
    contacted = note_text_field()
    channel = serializers.ChoiceField(
        choices=CaseNote.Channel.values,
        error_messages={
            "required": REQUIRED,
            "invalid_choice": gettext_lazy("Velg hvordan kontakten skjedde: phone, email, letter, in_person, other."),
        },
    )
    contacted_at = moment_field()
    text = note_text_field()


class ContactsView(APIView):
    """GET, POST /incidents/{reference}/contacts/ — the contact log: who, how, when, what."""

    @extend_schema(responses={200: NoteOut(many=True)})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _staff_only(request, incident)
        return _listing(request, incident, (CaseNote.Kind.CONTACT,))

    @extend_schema(request=ContactBody, responses={201: NoteOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _workers_only(request, incident)
        note = services.contact_log_add(incident=incident, by=request.user, **_body(ContactBody, request))
        return _created(request, note)


class TextBody(StrictSerializer):
    text = note_text_field()


class QuestionsView(APIView):
    """GET, POST /incidents/{reference}/questions/ — questions to the reporter, with their
    answers; staff ask (the reporter is told by e-mail), the reporter reads them."""

    @extend_schema(responses={200: NoteOut(many=True)})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        return _listing(request, incident, (CaseNote.Kind.QUESTION, CaseNote.Kind.ANSWER))

    @extend_schema(request=TextBody, responses={201: NoteOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _workers_only(request, incident)
        text = _body(TextBody, request)["text"]
        return _created(request, reporter_services.reporter_question_ask(incident=incident, by=request.user, text=text))


class AnswerBody(StrictSerializer):
    question = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": REQUIRED,
            "null": REQUIRED,
            "invalid": gettext_lazy("Oppgi spørsmålets nummer (id)."),
            "min_value": gettext_lazy("Oppgi spørsmålets nummer (id)."),
            "max_value": gettext_lazy("Oppgi spørsmålets nummer (id)."),
        },
    )
    text = note_text_field()


class AnswerView(APIView):
    """POST /incidents/{reference}/answers/ — the reporter answers a question; the one who
    asked is told by e-mail."""

    @extend_schema(request=AnswerBody, responses={201: NoteOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _reporter_only(request, incident)
        body = _body(AnswerBody, request)
        note = reporter_services.reporter_question_answer(
            incident=incident, by=request.user, question_id=body["question"], text=body["text"]
        )
        return _created(request, note)


class AdditionsView(APIView):
    """GET, POST /incidents/{reference}/additions/ — what the reporter added to their report
    while the case was open."""

    @extend_schema(responses={200: NoteOut(many=True)})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        return _listing(request, incident, (CaseNote.Kind.ADDITION,))

    @extend_schema(request=TextBody, responses={201: NoteOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        _reporter_only(request, incident)
        text = _body(TextBody, request)["text"]
        return _created(request, reporter_services.reporter_addition_add(incident=incident, by=request.user, text=text))
