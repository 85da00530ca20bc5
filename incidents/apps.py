from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = "Avvik"

    def ready(self) -> None:
        from incidents import signals  # noqa: F401
