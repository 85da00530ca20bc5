"""The cases in the HTTP API (CONTRACT.md). Thin: parse, call a service, shape the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import permissions
from accounts.http import AuthedApiRequest
from core.errors import NotPermitted
from core.i18n import current_language
from incidents.api.common import EmptyBody, StrictSerializer, visible_incident
from incidents.api.presenters import incident_as_dict
from incidents.lessons import RootCause
from incidents.models import TEXT_MAX, Incident
from incidents.rules.deadlines import MomentError, moment
from incidents.rules.edpb import INCIDENT_KINDS
from incidents.selectors import cases as selectors
from incidents.services import cases as services
from incidents.services.assessment import Decision, assessment_save_facts, evaluate_facts
from incidents.services.transitions import run_transition
from incidents.vocabulary import BREACH_TYPE_LABELS, DATA_CATEGORY_LABELS
from incidents.workflow import TRANSITIONS, State

REQUIRED = gettext_lazy("Dette feltet må fylles ut.")
TOO_LONG = gettext_lazy("Teksten kan være høyst 10 000 tegn.")


def text_field(*, required: bool = False) -> serializers.CharField:
    return serializers.CharField(
        required=required,
        allow_blank=not required,
        max_length=TEXT_MAX,
        trim_whitespace=False,
        error_messages={"required": REQUIRED, "blank": REQUIRED, "max_length": TOO_LONG, "null": REQUIRED},
    )


class MomentField(serializers.DateTimeField):
    """A time with an offset, or without one as Europe/Oslo wall clock, as a UTC instant
    (deadlines.moment): the repeated hour in October is its first occurrence, the missing
    hour in March and times outside 1970–9000 are refused in words."""

    def enforce_timezone(self, value: Any) -> Any:
        try:
            return moment(value)
        except MomentError as error:
            raise ValidationError([str(error)]) from None


def moment_field(*, required: bool = True) -> MomentField:
    if required:
        return MomentField(error_messages={"required": REQUIRED, "null": REQUIRED})
    return MomentField(required=False, allow_null=True)


class ReportSerializer(StrictSerializer):
    title = text_field(required=True)
    description = text_field(required=True)
    discovered_at = moment_field()
    occurred_at = moment_field(required=False)
    ongoing = serializers.BooleanField(required=False, default=False)
    how_discovered = text_field()
    breach_types = serializers.ListField(
        child=serializers.ChoiceField(choices=list(BREACH_TYPE_LABELS)), required=False, default=list
    )
    approx_subjects = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    data_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=list(DATA_CATEGORY_LABELS)), required=False, default=list
    )
    immediate_measures = text_field()
    incident_kind = serializers.ChoiceField(choices=list(INCIDENT_KINDS), required=False, allow_blank=True)
    incident_kind_other = text_field()
    ended_at = moment_field(required=False)


class IncidentSummaryOut(serializers.Serializer[Any]):
    """Documentation of a case in the list (CONTRACT.md "Incident", without what the case
    page adds: transitions, recommendation, decision, notifications)."""

    reference = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    state = serializers.ChoiceField(choices=State.values)
    reported_at = serializers.DateTimeField()
    reported_by = serializers.CharField()
    handler = serializers.CharField(allow_null=True)
    discovered_at = serializers.DateTimeField()
    occurred_at = serializers.DateTimeField(allow_null=True)
    ongoing = serializers.BooleanField()
    how_discovered = serializers.CharField()
    breach_types = serializers.ListField(child=serializers.CharField())
    approx_subjects = serializers.IntegerField(allow_null=True)
    data_categories = serializers.ListField(child=serializers.CharField())
    immediate_measures = serializers.CharField()
    aware_at = serializers.DateTimeField()
    aware_reason = serializers.CharField()
    authority_deadline = serializers.DateTimeField()
    deadline_status = serializers.CharField()
    state_label = serializers.CharField()
    reporter_message = serializers.CharField()
    url = serializers.CharField()


class IncidentOut(IncidentSummaryOut):
    """Documentation of the Incident shape (CONTRACT.md "Incident")."""

    available_transitions = serializers.ListField(child=serializers.CharField())
    recommendation = serializers.DictField(allow_null=True)
    decision = serializers.DictField(allow_null=True)
    authority_notifications = serializers.ListField(child=serializers.DictField())


class IncidentPageOut(serializers.Serializer[Any]):
    """Documentation of GET /incidents/: one page of cases and the links to the next and previous."""

    results = IncidentSummaryOut(many=True)
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)


class DecisionRowOut(serializers.Serializer[Any]):
    notify_authority = serializers.BooleanField(allow_null=True)
    notify_data_subjects = serializers.BooleanField(allow_null=True)
    exemption = serializers.CharField(allow_null=True)
    justification = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class RegisterRowOut(serializers.Serializer[Any]):
    """Documentation of a row of the register (art. 33(5)), as GET /register/ answers it."""

    reference = serializers.CharField()
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=State.values)
    reported_at = serializers.DateTimeField()
    discovered_at = serializers.DateTimeField(allow_null=True)
    occurred_at = serializers.DateTimeField(allow_null=True)
    aware_at = serializers.DateTimeField(allow_null=True)
    authority_deadline = serializers.DateTimeField(allow_null=True)
    breach_types = serializers.ListField(child=serializers.CharField())
    data_categories = serializers.ListField(child=serializers.CharField())
    access_without_need = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Someone with access looked at the data without a work need (snooping); not the same as malicious.",
    )
    exfiltration = serializers.ChoiceField(
        choices=["confirmed", "likely", "ruled_out", "unknown"],
        required=False,
        default="unknown",
        help_text="After an attack on systems: did data leave the organisation's control? "
        "unknown is never read as ruled_out.",
    )
    context_reveals_special = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The data are ordinary, but the context reveals art. 9 or 10 facts.",
    )
    approx_subjects = serializers.IntegerField(allow_null=True)
    decision = DecisionRowOut(allow_null=True)
    dismiss_reason = serializers.CharField()
    authority_submitted_at = serializers.DateTimeField(allow_null=True)
    authority_reference = serializers.CharField(allow_null=True)
    late = serializers.BooleanField(allow_null=True)
    late_reason = serializers.CharField()
    lessons_learned = serializers.CharField()
    closed_at = serializers.DateTimeField(allow_null=True)
    people_told = serializers.IntegerField(help_text="How many of the people affected a notice has reached (art. 34).")
    first_told_at = serializers.DateTimeField(allow_null=True, help_text="When the first of them was told.")
    told_by_channel = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="How many people each channel told: email, svarut, letter (every channel, 0 when unused).",
    )
    told_how = serializers.CharField(
        help_text="The same in words, in the asker's language: «E-post: 950; Brev skrevet ut her: 50»; "
        "empty when nobody is told."
    )


class TransitionBodyIn(serializers.Serializer[Any]):
    """Documentation of the transitions' bodies (CONTRACT.md "Transitions"): each transition
    takes only its own fields, and refuses the others by name."""

    reason = serializers.CharField(required=False, help_text="dismiss, reassess, reopen")
    aware_at = serializers.DateTimeField(required=False, allow_null=True, help_text="confirm")
    aware_reason = serializers.CharField(required=False, help_text="confirm")
    notify_authority = serializers.BooleanField(required=False, help_text="conclude")
    notify_data_subjects = serializers.BooleanField(required=False, help_text="conclude")
    exemption = serializers.ChoiceField(
        choices=["34_3_a", "34_3_b", "34_3_c"], required=False, allow_null=True, help_text="conclude"
    )
    justification = serializers.CharField(required=False, help_text="conclude")
    submitted_at = serializers.DateTimeField(required=False, help_text="submit")
    authority_reference = serializers.CharField(required=False, help_text="submit")
    phased = serializers.BooleanField(required=False, help_text="submit")
    late_reason = serializers.CharField(required=False, allow_null=True, help_text="submit")
    lessons_learned = serializers.CharField(required=False, help_text="close")
    root_cause = serializers.ChoiceField(choices=RootCause.choices, required=False, help_text="close")
    root_cause_detail = serializers.CharField(required=False, help_text="close")


class IncidentPagination(CursorPagination):
    page_size = 50
    ordering = ("-reported_at", "-pk")

    def decode_cursor(self, request: Request) -> Any:
        # A cursor not made here is bad input to correct (400), not a missing case (404).
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            message = _("Ugyldig sidemarkør. Bruk lenken i «next» eller «previous».")
            raise ValidationError({"cursor": [message]}) from error

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"results": data, "next": self.get_next_link(), "previous": self.get_previous_link()})


def answer(request: AuthedApiRequest, incident: Incident, status_code: int = status.HTTP_200_OK) -> Response:
    fresh = visible_incident(request, incident.reference)
    return Response(incident_as_dict(fresh, request.user, request=request), status=status_code)


class IncidentListView(APIView):
    @extend_schema(
        operation_id="incidents_list",
        parameters=[OpenApiParameter("cursor", str, description="The page: from the link in next or previous.")],
        responses={200: IncidentPageOut},
    )
    def get(self, request: AuthedApiRequest) -> Response:
        paginator = IncidentPagination()
        page = paginator.paginate_queryset(selectors.incident_list(request.user), request, view=self)
        now = timezone.now()
        data = [incident_as_dict(i, request.user, request=request, now=now, summary=True) for i in page or []]
        return paginator.get_paginated_response(data)

    @extend_schema(request=ReportSerializer, responses={201: IncidentOut})
    def post(self, request: AuthedApiRequest) -> Response:
        data = ReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["breach_types"] = tuple(values.get("breach_types") or ())
        values["data_categories"] = tuple(values.get("data_categories") or ())
        values["ended_at"] = values.get("ended_at")
        incident = services.incident_report(by=request.user, report=services.Report(**values))
        return answer(request, incident, status.HTTP_201_CREATED)


class IncidentDetailView(APIView):
    @extend_schema(responses={200: IncidentOut})
    def get(self, request: AuthedApiRequest, reference: str) -> Response:
        from incidents.services.access import record_access

        incident = visible_incident(request, reference)
        record_access(incident_id=incident.pk, user_id=request.user.pk, channel="api")
        return answer(request, incident)


class ReasonBody(StrictSerializer):
    reason = text_field(required=True)


class ConfirmBody(StrictSerializer):
    aware_at = moment_field(required=False)
    aware_reason = text_field()


class CloseBody(StrictSerializer):
    lessons_learned = text_field(required=True)
    root_cause = serializers.ChoiceField(
        choices=RootCause.choices,
        required=False,
        allow_blank=True,
        error_messages={"invalid_choice": gettext_lazy("Velg en årsak fra listen.")},
    )
    root_cause_detail = text_field()


def _body(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    body = serializer_class(data=request.data if request.data else {})
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class TransitionView(APIView):
    """POST /incidents/{reference}/transitions/{name}/ — the body depends on the transition."""

    @extend_schema(
        request=TransitionBodyIn,
        responses={200: IncidentOut},
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(TRANSITIONS))],
    )
    def post(self, request: AuthedApiRequest, reference: str, name: str) -> Response:
        if name not in TRANSITIONS:
            raise NotFound(_("Ukjent handling."))
        incident = visible_incident(request, reference)
        user = request.user
        if not user.has_perm(services.transition_permission(name)):
            # Before the body is read: a role that may not do this learns nothing from it.
            raise NotPermitted(_("Rollen din kan ikke gjøre dette."))
        values = TRANSITION_VALUES[name](_body(TRANSITION_BODIES[name], request))
        updated = run_transition(name, incident=incident, by=user, values=values)
        return answer(request, updated)


class AssignBody(StrictSerializer):
    handler = serializers.EmailField(error_messages={"required": REQUIRED, "null": REQUIRED})
    row_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class AssignView(APIView):
    """POST /incidents/{reference}/assign/ {"handler": email} — the DPO assigns or reassigns
    the case's handler; the handler is told by e-mail."""

    @extend_schema(request=AssignBody, responses={200: IncidentOut})
    def post(self, request: AuthedApiRequest, reference: str) -> Response:
        incident = visible_incident(request, reference)
        if not request.user.has_perm(permissions.DECIDE):
            raise NotPermitted(_("Bare personvernombudet kan tildele saker."))
        body = _body(AssignBody, request)
        handler = selectors.assignable_handlers().filter(email__iexact=body["handler"]).first()
        if handler is None:
            raise ValidationError({"handler": [_("Velg en aktiv saksbehandler.")]})
        updated = services.incident_assign(
            incident=incident, by=request.user, handler=handler, expected_version=body["row_version"]
        )
        return answer(request, updated)


class ConcludeBody(StrictSerializer):
    notify_authority = serializers.BooleanField(error_messages={"required": REQUIRED, "null": REQUIRED})
    notify_data_subjects = serializers.BooleanField(error_messages={"required": REQUIRED, "null": REQUIRED})
    exemption = serializers.ChoiceField(
        choices=["34_3_a", "34_3_b", "34_3_c"], required=False, allow_null=True, allow_blank=True, default=None
    )
    justification = text_field()


class SubmitBody(StrictSerializer):
    submitted_at = moment_field()
    authority_reference = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    phased = serializers.BooleanField(required=False, default=False)
    late_reason = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=TEXT_MAX, trim_whitespace=False, default=""
    )


def _conclude_values(body: dict[str, Any]) -> dict[str, Any]:
    decision = Decision(
        notify_authority=body["notify_authority"],
        notify_data_subjects=body["notify_data_subjects"],
        exemption=body.get("exemption") or None,
        justification=body.get("justification", ""),
    )
    return {"decision": decision}


def _submit_values(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "submitted_at": body["submitted_at"],
        "authority_reference": body.get("authority_reference") or "",
        "phased": body.get("phased", False),
        "late_reason": body.get("late_reason") or "",
    }


def _confirm_values(body: dict[str, Any]) -> dict[str, Any]:
    return {"aware_at": body.get("aware_at"), "aware_reason": body.get("aware_reason", "")}


def _as_given(body: dict[str, Any]) -> dict[str, Any]:
    return dict(body)


# The body each transition takes (CONTRACT.md "Transitions") and how it becomes the
# service's arguments; the services themselves are in ``incidents.services.transitions``.
TRANSITION_BODIES: dict[str, type[serializers.Serializer[Any]]] = {
    "start": EmptyBody,
    "dismiss": ReasonBody,
    "confirm": ConfirmBody,
    "conclude": ConcludeBody,
    "submit": SubmitBody,
    "complete": EmptyBody,
    "close": CloseBody,
    "reassess": ReasonBody,
    "reopen": ReasonBody,
}
TRANSITION_VALUES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "confirm": _confirm_values,
    "conclude": _conclude_values,
    "submit": _submit_values,
    **{name: _as_given for name in ("start", "dismiss", "complete", "close", "reassess", "reopen")},
}


class RegisterView(APIView):
    """GET /register/ — every case with decisions and reasons; ?format=csv for a spreadsheet."""

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["json", "csv"]),
            OpenApiParameter("year", int),
            OpenApiParameter("state", str),
            OpenApiParameter("decision", str, enum=["notified", "not_notified", "subjects_notified", "undecided"]),
        ],
        responses={
            (200, "application/json"): RegisterRowOut(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def get(self, request: AuthedApiRequest) -> Any:
        from django.http import StreamingHttpResponse

        from incidents import hooks
        from incidents.selectors.register import filter_register, register_csv, register_queryset, register_row

        if not request.user.has_perm(permissions.VIEW_REGISTER):
            raise NotPermitted(_("Rollen din har ikke tilgang til avviksregisteret."))
        qs = filter_register(
            register_queryset(request.user),
            year=request.query_params.get("year", ""),
            state=request.query_params.get("state", ""),
            decision=request.query_params.get("decision", ""),
        )
        if request.query_params.get("format") == "csv":
            response = StreamingHttpResponse(
                register_csv(qs.iterator(chunk_size=1000), hooks.people_told), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="avviksregister.csv"'
            return response
        # What the people were told, for every case at once: the cases as a subquery, so the
        # register answers in the same few queries however many cases there are.
        told = hooks.people_told(qs.values_list("pk", flat=True))
        return Response([register_row(i, told.get(i.pk)) for i in qs.iterator(chunk_size=1000)])


class FactsIn(serializers.Serializer[Any]):
    """Documentation of CONTRACT.md's Facts; validation is the risk engine's own."""

    breach_types = serializers.ListField(child=serializers.CharField())
    data_categories = serializers.ListField(child=serializers.CharField())
    access_without_need = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Someone with access looked at the data without a work need (snooping); not the same as malicious.",
    )
    exfiltration = serializers.ChoiceField(
        choices=["confirmed", "likely", "ruled_out", "unknown"],
        required=False,
        default="unknown",
        help_text="After an attack on systems: did data leave the organisation's control? "
        "unknown is never read as ruled_out.",
    )
    context_reveals_special = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The data are ordinary, but the context reveals art. 9 or 10 facts.",
    )


def _facts_payload(request: Request) -> dict[str, object]:
    if not isinstance(request.data, dict):
        raise ValidationError({"non_field_errors": [_("Send fakta som et JSON-objekt.")]})
    return dict(request.data)


class RiskEvaluateView(APIView):
    """POST /risk/evaluate/ — stateless: facts in, recommendation out; nothing is stored."""

    @extend_schema(request=FactsIn, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        from incidents.rules import risk

        language = current_language()
        _facts, recommendation = evaluate_facts(_facts_payload(request), language)
        return Response(risk.recommendation_to_dict(recommendation, language))


class AssessmentView(APIView):
    """PUT /incidents/{reference}/assessment/ — store facts, answer with the recommendation."""

    @extend_schema(request=FactsIn, responses={200: OpenApiTypes.OBJECT})
    def put(self, request: AuthedApiRequest, reference: str) -> Response:
        from incidents.services.assessment import stored_recommendation_as_dict

        incident = visible_incident(request, reference)
        if not request.user.has_perm(permissions.WORK):
            raise NotPermitted(_("Rollen din kan ikke gjøre risikovurderinger."))
        language = current_language()
        assessment = assessment_save_facts(
            incident=incident,
            by=request.user,
            facts=_facts_payload(request),
            language=language,
        )
        return Response(
            {
                "facts": assessment.facts,
                "recommendation": stored_recommendation_as_dict(assessment.recommendation or {}, language),
                "version": assessment.version,
            }
        )
