from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import two_factor, user_admin, views

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
    path("brukere/", user_admin.users_page, name="user-admin"),
    path("brukere/stedfortreder/", user_admin.deputy_view, name="user-admin-deputy"),
    path("brukere/<int:user_id>/", user_admin.user_page, name="user-admin-detail"),
    path("brukere/<int:user_id>/<str:change>/", user_admin.user_change, name="user-admin-change"),
    path("invitasjon/", user_admin.invitation_accept, name="invitation-accept"),
    path("invitasjon/<str:invitation>/", user_admin.invitation_link, name="invitation-link"),
]
