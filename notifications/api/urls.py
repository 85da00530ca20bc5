from django.urls import URLPattern, URLResolver, path

from notifications.api import notices as api

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "incidents/<str:reference>/notices/preview/",
        api.NoticePreviewView.as_view(),
        name="api-notice-preview",
    ),
    path(
        "incidents/<str:reference>/notices/approve/",
        api.NoticeApproveView.as_view(),
        name="api-notice-approve",
    ),
]

from notifications.api import delivery as delivery_api  # noqa: E402

urlpatterns += [
    path(
        "incidents/<str:reference>/recipients/",
        delivery_api.RecipientImportView.as_view(),
        name="api-recipients",
    ),
    path("incidents/<str:reference>/notices/send/", delivery_api.NoticeSendView.as_view(), name="api-notices-send"),
    path(
        "incidents/<str:reference>/deliveries/",
        delivery_api.DeliveryCountsView.as_view(),
        name="api-deliveries",
    ),
    path(
        "incidents/<str:reference>/deliveries/retry/",
        delivery_api.DeliveryRetryView.as_view(),
        name="api-deliveries-retry",
    ),
]
