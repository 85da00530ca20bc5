from typing import Any

from django.core.management.base import BaseCommand

from notifications.services.recipients import national_ids_reencrypt


class Command(BaseCommand):
    help = (
        "Encrypt every stored national ID number under the first key of AVVIK_NATIONAL_ID_KEYS and "
        "recompute its lookup hash; run after putting a new key first, before removing the old one."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = national_ids_reencrypt()
        self.stdout.write(f"re-encrypted {count} national ID number(s)")
