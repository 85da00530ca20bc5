from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What both apps share; no models. Connects what every database connection needs."""

    name = "core"
    verbose_name = "Avvik core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from core.database import use_compiled_time_loader

        connection_created.connect(use_compiled_time_loader, dispatch_uid="core.compiled_time_loader")
