from typing import Any

from django.core.management.base import BaseCommand

from accounts.roles import ROLE_LABELS
from incidents.demo import DEMO_TOTP_SECRET, seed_demo


class Command(BaseCommand):
    help = "Idempotent: a demo organisation and one user per role; prints their logins."

    def handle(self, *args: Any, **options: Any) -> None:
        users = seed_demo()
        self.stdout.write("Demo users (e-mail / password / role):")
        for user in users:
            self.stdout.write(f"  {user.email:34} {user.password:28} {ROLE_LABELS[user.role]}")
        self.stdout.write(
            f"The personvernombud and ledelse log in with a second factor: add the key {DEMO_TOTP_SECRET} "
            "to an authenticator app, or run `python manage.py otp_code EMAIL` for the current code."
        )
