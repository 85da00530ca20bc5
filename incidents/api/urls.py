from django.urls import path

from incidents.api import cases as api

urlpatterns = [
    path("incidents/", api.IncidentListView.as_view(), name="api-incidents"),
    path("incidents/<str:reference>/", api.IncidentDetailView.as_view(), name="api-incident"),
    path(
        "incidents/<str:reference>/transitions/<str:name>/",
        api.TransitionView.as_view(),
        name="api-incident-transition",
    ),
    path("incidents/<str:reference>/assign/", api.AssignView.as_view(), name="api-incident-assign"),
]
urlpatterns += [path("register/", api.RegisterView.as_view(), name="api-register")]
urlpatterns += [
    path("risk/evaluate/", api.RiskEvaluateView.as_view(), name="api-risk-evaluate"),
    path("incidents/<str:reference>/assessment/", api.AssessmentView.as_view(), name="api-incident-assessment"),
]

from incidents.api.authority import AuthorityNotificationView, EdpbExportView  # noqa: E402

urlpatterns += [
    path(
        "incidents/<str:reference>/authority-notification/",
        AuthorityNotificationView.as_view(),
        name="api-incident-authority-notification",
    ),
]
urlpatterns += [
    path(
        "incidents/<str:reference>/authority-notification/edpb/",
        EdpbExportView.as_view(),
        name="api-incident-authority-notification-edpb",
    ),
]

from incidents.api import notes as notes_api  # noqa: E402

urlpatterns += [
    path("incidents/<str:reference>/comments/", notes_api.CommentsView.as_view(), name="api-incident-comments"),
    path("incidents/<str:reference>/contacts/", notes_api.ContactsView.as_view(), name="api-incident-contacts"),
    path("incidents/<str:reference>/questions/", notes_api.QuestionsView.as_view(), name="api-incident-questions"),
    path("incidents/<str:reference>/answers/", notes_api.AnswerView.as_view(), name="api-incident-answers"),
    path("incidents/<str:reference>/additions/", notes_api.AdditionsView.as_view(), name="api-incident-additions"),
]

from incidents.api.attachments import AttachmentListView, AttachmentView  # noqa: E402

urlpatterns += [
    path("incidents/<str:reference>/attachments/", AttachmentListView.as_view(), name="api-attachments"),
    path(
        "incidents/<str:reference>/attachments/<str:attachment>/",
        AttachmentView.as_view(),
        name="api-attachment",
    ),
]
