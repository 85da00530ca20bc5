from django.urls import path

from incidents import api

urlpatterns = [
    path("incidents/", api.IncidentListView.as_view(), name="api-incidents"),
    path("incidents/<str:reference>/", api.IncidentDetailView.as_view(), name="api-incident"),
    path(
        "incidents/<str:reference>/transitions/<str:name>/",
        api.TransitionView.as_view(),
        name="api-incident-transition",
    ),
]
urlpatterns += [path("register/", api.RegisterView.as_view(), name="api-register")]
