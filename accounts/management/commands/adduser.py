from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user

from accounts.models import ENROLMENT_CODE_DAYS, EnrolmentCode
from accounts.roles import ROLES
from accounts.services import user_upsert
from core.errors import Invalid


class Command(BaseCommand):
    help = "Create or update a user with one role (CONTRACT.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--password", required=True)
        parser.add_argument("--name", default="")
        parser.add_argument("--totp-secret", dest="totp_secret", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, created = user_upsert(
                email=options["email"],
                role=options["role"],
                password=options["password"],
                name=options["name"],
                totp_secret=options["totp_secret"],
            )
        except Invalid as error:
            raise CommandError(error.message) from error
        verb = "created" if created else "updated"
        self.stdout.write(f"{verb} user {user.pk} with role {options['role']}")
        if user.must_use_two_factor and not any(True for _d in devices_for_user(user, confirmed=True)):
            # The role must use two-factor: without this code nobody can set up the
            # authenticator app for the account (accounts.two_factor.enrol).
            code = EnrolmentCode.issue(user)
            self.stdout.write(f"Enrolment code for the authenticator app (valid {ENROLMENT_CODE_DAYS} days): {code}")
