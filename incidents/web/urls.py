from django.urls import path

from incidents.web import cases as views
from incidents.web import dashboard as dashboard_views
from incidents.web import home as home_views
from incidents.web import measures as measure_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("meld/", views.report, name="incident-report"),
    path("avvik/", views.incident_list, name="incident-list"),
    path("avvik/<str:reference>/", views.incident_detail, name="incident-detail"),
    path("avvik/<str:reference>/kvittering/", views.receipt, name="incident-receipt"),
    path("avvik/<str:reference>/endre/", views.incident_edit, name="incident-edit"),
    path("avvik/<str:reference>/handling/<str:name>/", views.incident_action, name="incident-action"),
    path("avvik/<str:reference>/kjent-fra/", views.incident_awareness, name="incident-awareness"),
    path("avvik/<str:reference>/til-melder/", views.incident_reporter_message, name="incident-reporter-message"),
    path("avvik/<str:reference>/saksbehandler/", views.incident_assign, name="incident-assign"),
]
urlpatterns += [path("register/", views.register, name="register")]

from incidents.web import assessment as assessment_views  # noqa: E402
from incidents.web import export as export_views  # noqa: E402

urlpatterns += [
    path("avvik/<str:reference>/vurdering/", assessment_views.assessment_page, name="incident-assessment"),
    path("avvik/<str:reference>/beslutning/", assessment_views.conclude_page, name="incident-conclude"),
    path("risiko/", assessment_views.risk_rules, name="risk-rules"),
]
urlpatterns += [
    path("avvik/<str:reference>/tiltak/", measure_views.measure_add, name="measure-add"),
    path("tiltak/<int:pk>/endre/", measure_views.measure_edit, name="measure-edit"),
    path("tiltak/<int:pk>/utfort/", measure_views.measure_complete, name="measure-complete"),
    path("tiltak/<int:pk>/dropp/", measure_views.measure_drop, name="measure-drop"),
]

from incidents.web import authority as authority_views  # noqa: E402

urlpatterns += [
    path("virksomhet/", authority_views.organisation_profile, name="organisation-profile"),
    path("avvik/<str:reference>/datatilsynet/", authority_views.notification, name="authority-notification"),
    path(
        "avvik/<str:reference>/datatilsynet/del/<str:key>/",
        authority_views.save_section,
        name="authority-notification-section",
    ),
    path("avvik/<str:reference>/datatilsynet/send/", authority_views.submit, name="authority-notification-submit"),
    path(
        "avvik/<str:reference>/datatilsynet/oppfolging/",
        authority_views.follow_up,
        name="authority-notification-follow-up",
    ),
    path(
        "avvik/<str:reference>/datatilsynet/utskrift/",
        authority_views.print_view,
        name="authority-notification-print",
    ),
    path("avvik/<str:reference>/datatilsynet/pdf/", authority_views.pdf_view, name="authority-notification-pdf"),
    path("avvik/<str:reference>/hele-saken.pdf", export_views.case_export_pdf, name="case-export-pdf"),
    path(
        "avvik/<str:reference>/datatilsynet/opplysninger/",
        authority_views.save_answers,
        name="authority-notification-answers",
    ),
    path(
        "avvik/<str:reference>/datatilsynet/sprak/",
        authority_views.save_language,
        name="authority-notification-language",
    ),
    path(
        "avvik/<str:reference>/datatilsynet/edpb.json",
        authority_views.edpb_download,
        name="authority-notification-edpb",
    ),
]
urlpatterns += [
    path("oversikt/", dashboard_views.dashboard_view, name="dashboard"),
    path("oversikt/arsoversikt/<int:year>/", dashboard_views.annual_summary, name="annual-summary"),
    path("oversikt/arsoversikt/<int:year>/pdf/", dashboard_views.annual_summary_pdf, name="annual-summary-pdf"),
]

from incidents.web import notes as note_views  # noqa: E402

urlpatterns += [
    path("avvik/<str:reference>/kommentar/", note_views.comment_add, name="note-comment"),
    path("avvik/<str:reference>/kontakt/", note_views.contact_add, name="note-contact"),
    path("avvik/<str:reference>/sporsmal/", note_views.question_ask, name="note-question"),
    path("avvik/<str:reference>/tillegg/", note_views.addition_add, name="note-addition"),
    path("avvik/<str:reference>/svar/", note_views.answer_add, name="note-answer"),
]

from incidents.web import attachments as attachment_views  # noqa: E402

urlpatterns += [
    path("avvik/<str:reference>/vedlegg/", attachment_views.attachment_add, name="attachment-add"),
    path(
        "avvik/<str:reference>/vedlegg/<str:attachment>/",
        attachment_views.attachment_download,
        name="attachment-download",
    ),
    path(
        "avvik/<str:reference>/vedlegg/<str:attachment>/fjern/",
        attachment_views.attachment_remove,
        name="attachment-remove",
    ),
]
