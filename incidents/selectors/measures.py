"""Measures (tiltak) on a case: what is done to stop the breach, limit the harm and keep it
from happening again.

Art. 33(3)(d) and 33(5): the notification to Datatilsynet and the register describe the
measures taken or proposed; art. 34(2) asks the same of the notice to the people
affected. Measures done feed "what we have done"; open ones feed "what we will do".
Changes go through the services in ``incidents.services.measures``."""

from __future__ import annotations

from incidents.models import MEASURE_TEXT_MAX as MEASURE_TEXT_MAX
from incidents.models import Measure as Measure
from incidents.models import MeasureDigest as MeasureDigest


def measures_summary(incident: object) -> tuple[list[Measure], list[Measure]]:
    """(done, open) measures of a case, each in due-date order. Done ones are "what we have
    done" / "measures taken" (art. 33(3)(d), 34(2)); open ones are "measures planned".
    Dropped measures are in neither. Uses a prefetched ``measures`` when there is one."""
    measures = list(incident.measures.all())  # type: ignore[attr-defined]
    measures.sort(key=lambda m: (m.done_on or m.due_on, m.pk or 0))
    done = [m for m in measures if m.status == Measure.Status.DONE]
    open_ = [m for m in measures if m.status == Measure.Status.OPEN]
    return done, open_
