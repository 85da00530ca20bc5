from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import two_factor, views

urlpatterns = [
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("tofaktor/", two_factor.verify, name="two-factor"),
    path("tofaktor/oppsett/", two_factor.enrol, name="two-factor-enrol"),
    path(
        "passord/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html"),
        name="password_change",
    ),
    path(
        "passord/endret/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
]
