from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = "Avvik"

    def ready(self) -> None:
        from accounts import hooks
        from incidents import signals  # noqa: F401
        from incidents.selectors.cases import open_cases_handled_by

        hooks.register_handled_cases(open_cases_handled_by)
