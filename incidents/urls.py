from django.urls import path

from incidents import views

urlpatterns = [
    path("meld/", views.report, name="incident-report"),
    path("avvik/", views.incident_list, name="incident-list"),
    path("avvik/<str:reference>/", views.incident_detail, name="incident-detail"),
    path("avvik/<str:reference>/kvittering/", views.receipt, name="incident-receipt"),
    path("avvik/<str:reference>/endre/", views.incident_edit, name="incident-edit"),
    path("avvik/<str:reference>/handling/<str:name>/", views.incident_action, name="incident-action"),
]
urlpatterns += [path("register/", views.register, name="register")]
