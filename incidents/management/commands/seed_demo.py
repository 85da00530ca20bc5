from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import ROLE_LABELS
from core.env import env_bool
from incidents.demo import DEMO_TOTP_SECRET, seed_demo


class Command(BaseCommand):
    help = (
        "Idempotent: a demo organisation and one user per role; prints their logins. "
        "Development and demo sites only: refuses unless DEBUG is on, --allow-demo-site is "
        "given or AVVIK_DEMO_SITE=true."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--allow-demo-site",
            action="store_true",
            dest="allow_demo_site",
            help="Seed although DEBUG is off: for a public demo site, never for real cases.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or options["allow_demo_site"] or env_bool("AVVIK_DEMO_SITE", False)):
            raise CommandError(
                "seed_demo refused: DEBUG is off, so this looks like a production site. The demo users have "
                "published passwords and a published two-factor key, and would let anyone in. For a demo "
                "site, run it with --allow-demo-site (or AVVIK_DEMO_SITE=true)."
            )
        users = seed_demo()
        self.stdout.write("Demo users (e-mail / password / role):")
        for user in users:
            self.stdout.write(f"  {user.email:34} {user.password:28} {ROLE_LABELS[user.role]}")
        self.stdout.write(
            "Every role but the melder logs in with a second factor (the saksbehandler, personvernombud, "
            f"ledelse and revisor see other people's cases): add the key {DEMO_TOTP_SECRET} to an "
            "authenticator app, or run `python manage.py otp_code EMAIL` for the current code."
        )
