from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Varsler og e-post"

    def ready(self) -> None:
        # incidents asks for the staff outbox, the completion check and the notices sent through its hooks,
        # so that it never imports this app.
        from incidents import hooks
        from notifications.selectors.deliveries import people_informed, people_told
        from notifications.selectors.notices import notices_for_export
        from notifications.services.notices import notices_ready_for_completion
        from notifications.services.outbox import queue_email, queue_emails

        hooks.register_staff_mailer(queue_email)
        hooks.register_staff_bulk_mailer(queue_emails)
        hooks.register_completion_check(notices_ready_for_completion)
        hooks.register_told_lookup(people_told)
        hooks.register_people_informed(people_informed)
        hooks.register_notices_export(notices_for_export)
