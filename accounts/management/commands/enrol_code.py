from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user

from accounts.models import ENROLMENT_CODE_DAYS, EnrolmentCode, User, normalise_email


class Command(BaseCommand):
    help = (
        "Print a one-time code with which a user sets up an authenticator app after logging in "
        f"(valid {ENROLMENT_CODE_DAYS} days; a new code replaces the last)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--replace-device",
            action="store_true",
            dest="replace_device",
            help="Also remove the user's authenticator app and recovery codes (a lost phone).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=normalise_email(options["email"])).first()
        if user is None:
            raise CommandError("No user with that e-mail address.")
        if options["replace_device"]:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
        code = EnrolmentCode.issue(user)
        self.stdout.write(f"Enrolment code for user {user.pk}: {code}")
        self.stdout.write("Give it to the user in person or by phone; it is asked for at /tofaktor/oppsett/.")
