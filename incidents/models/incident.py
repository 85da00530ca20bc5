"""The breach case: one ``Incident`` per reported event, and its reference numbers."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin
from simple_history.models import HistoricalRecords

from incidents.lessons import RootCause
from incidents.rules.deadlines import authority_deadline
from incidents.rules.edpb import INCIDENT_KINDS
from incidents.workflow import CLOCK_STATES, CLOSED_STATES, IncidentWorkflow, State, Urgency, state_label

TEXT_MAX = 10_000
# The most people a case can name: a billion, more than any organisation here holds data
# on, and inside PostgreSQL's integer column (2 147 483 647).
SUBJECTS_MAX = 1_000_000_000

# A case whose 72 hours may still run: not yet settled, Datatilsynet not yet told.
CLOCK_RUNNING = models.Q(state__in=CLOCK_STATES, authority_notified_at__isnull=True)


@functools.cache
def _case_url_prefix() -> str:
    return reverse("incident-detail", kwargs={"reference": "X"})[:-2]


def case_url(reference: str) -> str:
    """The path of a case's page, from its reference alone (lists render hundreds: reverse
    once, then join)."""
    return _case_url_prefix() + reference + "/"


class TransitionHistory(models.Model):
    """Extra columns of the case's history rows: which transition made the change."""

    history_transition = models.CharField(max_length=30, blank=True, default="")

    class Meta:
        abstract = True


class Incident(IncidentWorkflow, FSMModelMixin, models.Model):
    reference = models.CharField(_("referanse"), max_length=32, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)

    title = models.TextField(_("kort beskrivelse"), max_length=TEXT_MAX)
    description = models.TextField(_("hva skjedde"), max_length=TEXT_MAX)
    discovered_at = models.DateTimeField(_("oppdaget"))
    occurred_at = models.DateTimeField(_("skjedde"), null=True, blank=True)
    ongoing = models.BooleanField(_("pågår fortsatt"), default=False)
    how_discovered = models.TextField(_("hvordan det ble oppdaget"), max_length=TEXT_MAX, blank=True)
    breach_types = models.JSONField(_("type brudd"), default=list, blank=True)
    approx_subjects = models.PositiveIntegerField(_("omtrent hvor mange personer"), null=True, blank=True)
    data_categories = models.JSONField(_("typer opplysninger"), default=list, blank=True)
    immediate_measures = models.TextField(_("hva er gjort allerede"), max_length=TEXT_MAX, blank=True)
    # What the reporter knows for Datatilsynet's form (EDPB template 3.1, 3.3): the kind of
    # incident, with an "other (describe)" escape, and when it ended. Empty: not yet known.
    incident_kind = models.CharField(
        _("hva slags hendelse"), max_length=40, choices=list(INCIDENT_KINDS.items()), blank=True
    )
    incident_kind_other = models.TextField(_("annen hendelse, beskrevet"), max_length=TEXT_MAX, blank=True)
    ended_at = models.DateTimeField(_("sluttet"), null=True, blank=True)

    reported_at = models.DateTimeField(_("meldt"), default=timezone.now, editable=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="reported_incidents",
        verbose_name=_("meldt av"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_incidents",
        verbose_name=_("saksbehandler"),
    )

    # Art. 33(1): the 72 hours run from awareness. Stored in UTC; the deadline is data so
    # that the sweep and the lists can query it.
    aware_at = models.DateTimeField(_("kjent fra"))
    aware_reason = models.TextField(_("begrunnelse for tidspunktet"), max_length=TEXT_MAX, blank=True)
    authority_deadline = models.DateTimeField(_("frist for melding til Datatilsynet"), db_index=True)
    # The clock's state as columns, set by the services that change it, so that lists and
    # sweeps read them without joining: the latest decision on notifying Datatilsynet, and
    # the first notification with its lateness frozen at that moment (art. 33(1)).
    authority_required = models.BooleanField(_("skal meldes til Datatilsynet"), null=True, blank=True)
    authority_notified_at = models.DateTimeField(_("meldt til Datatilsynet"), null=True, blank=True)
    authority_notified_late = models.BooleanField(_("meldt etter fristen"), null=True, blank=True)
    # Art. 33(4): the latest filing was phased, so a follow-up with the rest is owed.
    authority_follow_up_owed = models.BooleanField(_("oppfølgende melding til Datatilsynet gjenstår"), default=False)
    # The worklist's order, kept by the database so that an index serves it: cases whose
    # clock may still run by deadline, then the other open cases, then the closed ones,
    # each group newest first (selectors.worklist).
    urgency = models.GeneratedField(
        expression=models.Case(
            models.When(CLOCK_RUNNING, then=models.Value(Urgency.CLOCK_RUNNING)),
            models.When(state__in=CLOSED_STATES, then=models.Value(Urgency.CLOSED)),
            default=models.Value(Urgency.OPEN),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    running_deadline = models.GeneratedField(
        expression=models.Case(models.When(CLOCK_RUNNING, then="authority_deadline")),
        output_field=models.DateTimeField(null=True),
        db_persist=True,
    )

    state = FSMField(_("status"), default=State.REPORTED, choices=State.choices, protected=True, db_index=True)
    state_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    dismiss_reason = models.TextField(_("begrunnelse for at det ikke er et brudd"), max_length=TEXT_MAX, blank=True)
    lessons_learned = models.TextField(_("erfaringer"), max_length=TEXT_MAX, blank=True)
    root_cause = models.CharField(_("årsak"), max_length=20, choices=RootCause.choices, blank=True, db_index=True)
    root_cause_detail = models.TextField(_("mer om årsaken"), max_length=TEXT_MAX, blank=True)
    # What the DPO chooses to tell the person who reported the case; the reporter sees this
    # and the status, never the internal reasoning (DESIGN.md "Who uses it").
    reporter_message = models.TextField(_("melding til melderen"), max_length=TEXT_MAX, blank=True)

    # Bumped by every service that changes the case: a form that was opened before
    # someone else's change is refused instead of overwriting it.
    row_version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(
        bases=[TransitionHistory],
        history_change_reason_field=models.TextField(null=True),
        excluded_fields=["year", "number", "row_version", "urgency", "running_deadline"],
    )

    class Meta:
        verbose_name = _("avvik")
        verbose_name_plural = _("avvik")
        ordering = ("-reported_at", "-pk")
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="incident_year_number_unique")]
        indexes = [
            models.Index(fields=["state", "authority_deadline"], name="incident_state_deadline_idx"),
            # The worklist's order (selectors.worklist), so that a page is read, not sorted.
            models.Index(fields=["urgency", "running_deadline", "-reported_at", "-id"], name="incident_worklist_idx"),
            # The same order within one state (the worklist's state filter).
            models.Index(
                fields=["state", "urgency", "running_deadline", "-reported_at", "-id"],
                name="incident_state_worklist_idx",
            ),
            # The register filtered by decision (register.filter_register), in its order.
            models.Index(fields=["authority_required", "-year", "-number"], name="incident_register_decision_idx"),
        ]
        permissions = [
            ("view_all_incidents", "Can see every case"),
            ("view_assigned_incidents", "Can see assigned cases and the intake queue"),
            ("work_incident", "Can work a case: facts, triage, drafts"),
            ("decide_incident", "Can decide: triage, assessment, notifications, closing"),
            ("view_register", "Can see the breach register"),
            ("view_audit_trail", "Can see the full history and access log"),
            ("view_dashboard", "Can see the dashboard"),
            ("edit_organisation", "Can edit the organisation profile"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.authority_deadline = authority_deadline(self.aware_at, settings.AVVIK_AUTHORITY_DEADLINE_HOURS)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return case_url(self.reference)

    # Replaces Django's generated method, which translates every state's label again on
    # each call; the stubs declare that one, hence the ignore.
    def get_state_display(self) -> str:  # type: ignore[no-redef]
        return state_label(self.state)

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES


class ReferenceCounter(models.Model):
    """The last case number used in a year; references are sequential and never reused."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
