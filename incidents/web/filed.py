"""What was filed with Datatilsynet, as filed (art. 33(5)): each filing's document shown
exactly as it was sent, with the form's labels in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from incidents.models import AuthoritySubmission
from incidents.services.authority import Document, submission_summary


@dataclass
class FiledField:
    key: str
    label: str
    display: str


@dataclass
class FiledSection:
    key: str
    title: str
    fields: list[FiledField]


@dataclass
class FiledRow:
    """One filing as a filed document lists it (the same names as AuthoritySubmission)."""

    kind: str
    kind_label: str
    submitted_at: datetime | None
    authority_reference: str
    phased: bool
    was_late: bool
    late_reason: str
    note: str


@dataclass
class Filed:
    """A filing and its document exactly as filed, for its page section and its print."""

    number: int
    submission: AuthoritySubmission
    sections: list[FiledSection]
    missing: list[str]
    late_reason: str
    organisation_name: str
    rows: list[FiledRow]  # the filings before it, as its document lists them, and itself

    @property
    def submitted_at(self) -> datetime:
        return self.submission.submitted_at


def _kind_label(kind: str) -> str:
    return str(AuthoritySubmission.Kind(kind).label) if kind in AuthoritySubmission.Kind.values else _("Melding")


def _row(data: Mapping[str, Any]) -> FiledRow:
    submitted = data.get("submitted_at")
    return FiledRow(
        kind=str(data.get("kind", "")),
        kind_label=_kind_label(str(data.get("kind", ""))),
        submitted_at=datetime.fromisoformat(submitted) if isinstance(submitted, str) else None,
        authority_reference=str(data.get("authority_reference") or ""),
        phased=bool(data.get("phased")),
        was_late=bool(data.get("late")),
        late_reason=str(data.get("late_reason") or ""),
        note=str(data.get("note") or ""),
    )


def _filed_fields(section: Mapping[str, Any], labels: Mapping[str, str]) -> list[FiledField]:
    fields = section.get("fields")
    if isinstance(fields, list):
        # The labels as filed, in the document's language: the filing is shown as it was sent.
        return [
            FiledField(str(f.get("key", "")), str(f.get("label") or labels.get(str(f.get("key")), "")), str(f["value"]))
            for f in fields
            if isinstance(f, Mapping) and "value" in f
        ]
    # Filings recorded before the fields were kept one by one: the section's text, whose
    # lines are "label: value" (a value may run over several lines).
    result: list[FiledField] = []
    for line in str(section.get("text", "")).splitlines():
        label, sep, value = line.partition(": ")
        if (sep and label in labels.values()) or (sep and not result):
            result.append(FiledField("", label, value))
        elif result:
            result[-1].display += "\n" + line
    return result


def filed_view(submission: AuthoritySubmission, number: int, current: Document) -> Filed:
    """A filing as it was filed: its labels and values in the language it was filed in
    (labels from ``current`` only for filings that kept no labels)."""
    data: Mapping[str, Any] = submission.document or {}
    labels = {f.key: f.label for f in current.fields.values()}
    titles = {s.key: s.title for s in current.sections}
    sections = [
        FiledSection(
            key=str(s.get("key", "")),
            title=str(s.get("title") or titles.get(str(s.get("key")), "")),
            fields=_filed_fields(s, labels),
        )
        for s in data.get("sections", [])
        if isinstance(s, Mapping)
    ]
    rows = [_row(r) for r in data.get("submissions", []) if isinstance(r, Mapping)]
    rows.append(_row({**submission_summary(submission), "late": submission.was_late}))
    controller = data.get("controller") or {}
    return Filed(
        number=number,
        submission=submission,
        sections=sections,
        missing=[str(m) for m in data.get("missing", [])],
        late_reason=str(data.get("late_reason") or ""),
        organisation_name=str(controller.get("name") or ""),
        rows=rows,
    )


def filed_views(document: Document) -> list[Filed]:
    return [filed_view(s, number, document) for number, s in enumerate(document.submissions, start=1)]
