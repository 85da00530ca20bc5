from django.urls import URLPattern, URLResolver, path

from notifications.web import notices as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("avvik/<str:reference>/varsel/", views.notice_editor, name="notice-editor"),
    path("avvik/<str:reference>/varsel/<int:audience_id>/", views.notice_editor, name="notice-editor-audience"),
    path("avvik/<str:reference>/varsel/malgruppe/", views.audience_add, name="notice-audience-add"),
    path("avvik/<str:reference>/varsel/fakta/", views.notice_facts_edit, name="notice-facts"),
    path("avvik/<str:reference>/varsel/<int:audience_id>/leser/", views.notice_reader_edit, name="notice-reader"),
    path("avvik/<str:reference>/varsel/kunngjoring/adresse/", views.public_notice_place, name="public-notice-place"),
    path(
        "avvik/<str:reference>/varsel/kunngjoring/<str:action>/",
        views.public_notice_action,
        name="public-notice-action",
    ),
    path("varsel/<str:token>/", views.public_notice_page, name="public-notice"),
    path("varsel/<str:token>/<str:language>/", views.public_notice_page, name="public-notice-language"),
]

from notifications.web import delivery as delivery_views  # noqa: E402

urlpatterns += [
    path("avvik/<str:reference>/mottakere/", delivery_views.recipients_page, name="recipients"),
    path("avvik/<str:reference>/mottakere/send/", delivery_views.deliveries_send, name="deliveries-send"),
    path(
        "avvik/<str:reference>/mottakere/<int:recipient_id>/fjern/",
        delivery_views.recipient_remove,
        name="recipient-remove",
    ),
    path("avvik/<str:reference>/mottakere/prov-igjen/", delivery_views.deliveries_retry, name="deliveries-retry"),
    path("avvik/<str:reference>/mottakere/oppfolging/", delivery_views.deliveries_followup, name="deliveries-followup"),
]

from notifications.web import letters as letter_views  # noqa: E402

urlpatterns += [
    path("avvik/<str:reference>/mottakere/brev/", letter_views.letter_batch_create, name="letter-batch-create"),
    path(
        "avvik/<str:reference>/mottakere/brev/<int:batch_id>.pdf",
        letter_views.letter_batch_download,
        name="letter-batch-download",
    ),
    path(
        "avvik/<str:reference>/mottakere/brev/<int:batch_id>/prov-igjen/",
        letter_views.letter_batch_retry,
        name="letter-batch-retry",
    ),
    path(
        "avvik/<str:reference>/mottakere/brev/<int:batch_id>/postlagt/",
        letter_views.letter_batch_posted,
        name="letter-batch-posted",
    ),
]
