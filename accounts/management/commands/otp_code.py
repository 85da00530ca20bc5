from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Development only (DEBUG on): print the current TOTP code of a user's enrolled device."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("otp_code is for development and demos only (DEBUG is off).")
        device = TOTPDevice.objects.filter(user__email__iexact=options["email"], confirmed=True).first()
        if device is None:
            raise CommandError("No confirmed TOTP device for that user.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}")
