"""The overview (/oversikt/) and the annual summary for management, page and PDF.
Thin: the numbers come from ``incidents.selectors.dashboard``, the drawings from ``incidents.web.charts``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts import permissions
from incidents.lessons import RootCause
from incidents.selectors import cases as selectors
from incidents.selectors import dashboard
from incidents.vocabulary import BREACH_TYPE_SHORT
from incidents.web import charts

QUARTER_LABELS = (
    gettext_lazy("1. kvartal"),
    gettext_lazy("2. kvartal"),
    gettext_lazy("3. kvartal"),
    gettext_lazy("4. kvartal"),
)


def _allowed(request: HttpRequest) -> Any:
    user: Any = request.user
    if not user.has_perm(permissions.VIEW_DASHBOARD):
        raise PermissionDenied
    return user


def _year(request: HttpRequest, now: datetime, raw: str | int | None = None) -> int:
    value = raw if raw is not None else request.GET.get("aar", "")
    try:
        year = int(value) if value != "" else timezone.localtime(now).year
    except (TypeError, ValueError):
        raise Http404 from None
    if not 2000 <= year <= 2200:
        raise Http404
    return year


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:g}".replace(".", ",")


def _type_label(key: str) -> str:
    return str(BREACH_TYPE_SHORT.get(key, _("Ikke oppgitt")))


def _cause_label(key: str) -> str:
    return str(RootCause(key).label) if key in RootCause.values else _("Ikke registrert")


def charts_context(year: int) -> dict[str, Any]:
    """The four charts of a year, each with a title, a text summary, the drawing and the
    numbers as a table."""
    per_month = dashboard.cases_per_month_by_type(year)
    notifications = dashboard.first_notifications(year)
    timeliness = dashboard.notification_timeliness(year, notifications)
    causes = dashboard.cases_by_root_cause(year)

    series = [(key, _type_label(key)) for key in per_month["series"]]
    months = [str(MONTHS_3[i + 1]).capitalize() for i in range(12)]
    totals = [sum(m.values()) for m in per_month["months"]]
    busiest = max(range(12), key=lambda i: totals[i])
    if per_month["cases"]:
        month_summary = ngettext(
            "I %(year)s ble det meldt %(n)s sak. Flest i %(month)s (%(top)s).",
            "I %(year)s ble det meldt %(n)s saker. Flest i %(month)s (%(top)s).",
            per_month["cases"],
        ) % {"year": year, "n": per_month["cases"], "month": MONTHS[busiest + 1], "top": totals[busiest]}
    else:
        month_summary = _("Ingen saker meldt i %(year)s.") % {"year": year}

    quarters = timeliness["quarters"]
    quarter_label = [str(label) for label in QUARTER_LABELS]
    if timeliness["filed"]:
        share_summary = _(
            "%(within)s av %(filed)s meldinger til Datatilsynet ble sendt innen 72 timer (%(share)s %%)."
        ) % {"within": timeliness["within"], "filed": timeliness["filed"], "share": _fmt(timeliness["share_within"])}
        median_summary = _(
            "Median tid fra virksomheten ble kjent med bruddet til melding til Datatilsynet: %(hours)s timer."
        ) % {"hours": _fmt(timeliness["median_hours"])}
    else:
        share_summary = median_summary = _("Ingen meldinger til Datatilsynet i %(year)s.") % {"year": year}

    cause_rows = [(_cause_label(r["cause"]), r["count"]) for r in causes["rows"]]
    if causes["closed"]:
        top_label, top_count = max(cause_rows, key=lambda r: r[1])
        cause_summary = ngettext(
            "%(n)s sak avsluttet. Vanligste årsak: %(cause)s (%(count)s).",
            "%(n)s saker avsluttet. Vanligste årsak: %(cause)s (%(count)s).",
            causes["closed"],
        ) % {"n": causes["closed"], "cause": top_label, "count": top_count}
    else:
        cause_summary = _("Ingen saker avsluttet i %(year)s.") % {"year": year}

    return {
        "year": year,
        "per_month": {
            "summary": month_summary,
            "chart": charts.column_chart(months, series, per_month["months"]),
            "columns": [label for _key, label in series],
            "rows": [
                {"label": months[i], "values": [per_month["months"][i][k] for k, _l in series], "total": totals[i]}
                for i in range(12)
            ],
        },
        "share": {
            "summary": share_summary,
            "chart": charts.column_chart(
                quarter_label,
                [("share", _("Innen 72 timer"))],
                [{"share": q["share_within"]} for q in quarters],
                max_value=100,
                unit=" %",
            ),
            "rows": [
                {
                    "label": quarter_label[i],
                    "filed": q["filed"],
                    "within": q["within"],
                    "share": _fmt(q["share_within"]),
                }
                for i, q in enumerate(quarters)
            ],
        },
        "median": {
            "summary": median_summary,
            "chart": charts.column_chart(
                quarter_label,
                [("median", _("Median timer"))],
                [{"median": q["median_hours"]} for q in quarters],
                reference=(72, _("72 timer")),
                unit=" t",
            ),
            "rows": [
                {"label": quarter_label[i], "filed": q["filed"], "median": _fmt(q["median_hours"])}
                for i, q in enumerate(quarters)
            ],
        },
        "causes": {
            "summary": cause_summary,
            "chart": charts.bar_chart(cause_rows),
            "rows": [{"label": label, "count": count} for label, count in cause_rows],
        },
        "timeliness": timeliness,
        "notifications": notifications,
    }


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = _allowed(request)
    now = timezone.now()
    year = _year(request, now)
    overdue_count, overdue = dashboard.overdue_measures(timezone.localtime(now).date())
    urgent = selectors.open_only(selectors.worklist(user))[:20]
    years = dashboard.years_with_cases()
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    context = {
        **charts_context(year),
        "years": years,
        "by_state": dashboard.open_cases_by_state(),
        "open_cases": [(incident, selectors.clock_of(incident, now)) for incident in urgent],
        "overdue_count": overdue_count,
        "overdue": overdue,
        "today": timezone.localtime(now).date(),
    }
    return render(request, "incidents/dashboard.html", context)


def _annual_context(year: int) -> dict[str, Any]:
    context = charts_context(year)
    context["counts"] = dashboard.year_counts(year)
    context["notified"] = dashboard.notified_cases(year, context["notifications"])
    context["generated_at"] = timezone.now()
    return context


@login_required
def annual_summary(request: HttpRequest, year: int) -> HttpResponse:
    _allowed(request)
    return render(request, "incidents/annual_summary.html", _annual_context(_year(request, timezone.now(), year)))


@login_required
def annual_summary_pdf(request: HttpRequest, year: int) -> HttpResponse:
    from core.pdf import html_to_pdf

    _allowed(request)
    year = _year(request, timezone.now(), year)
    html = render_to_string("incidents/annual_summary.html", {**_annual_context(year), "pdf": True}, request=request)
    response = HttpResponse(html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="avvik-arsoversikt-{year}.pdf"'
    return response
