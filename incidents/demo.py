"""The demo organisation and one user per role, for `make run` and the browser tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from accounts.services import user_upsert
from incidents.models import Organisation


@dataclass(frozen=True)
class DemoUser:
    email: str
    role: str
    name: str
    password: str


# The demo's two-factor roles are enrolled with this secret; add it to an authenticator app
# or run `python manage.py otp_code EMAIL` (DEBUG only) to see the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a published demo key, by design

DEMO_USERS = (
    DemoUser("melder@avvik.example", "reporter", "Mona Melder", "Sjokolade-Fjell-41"),
    DemoUser("saksbehandler@avvik.example", "handler", "Sara Saksbehandler", "Kaffe-Kvist-Hav-52"),
    DemoUser("personvernombud@avvik.example", "dpo", "Per Personvernombud", "Solsikke-Mast-Berg-63"),
    DemoUser("ledelse@avvik.example", "management", "Lene Ledelse", "Tindevegg-Ror-74"),
    DemoUser("revisor@avvik.example", "auditor", "Rolf Revisor", "Havbris-Stein-85"),
)


def seed_demo() -> list[DemoUser]:
    """Idempotent: the demo organisation profile and the demo users, passwords reset."""
    with transaction.atomic():
        organisation = Organisation.current()
        organisation.name = organisation.name or "Demo kommune"
        organisation.org_number = organisation.org_number or "974760673"
        organisation.address = organisation.address or "Rådhusgata 1\n0151 Oslo"
        organisation.contact_name = organisation.contact_name or "Per Personvernombud"
        organisation.contact_email = organisation.contact_email or "personvernombud@avvik.example"
        organisation.contact_phone = organisation.contact_phone or "+47 22 00 00 00"
        organisation.save()
        for demo in DEMO_USERS:
            secret = DEMO_TOTP_SECRET if demo.role in settings.AVVIK_TWO_FACTOR_ROLES else None
            user_upsert(email=demo.email, role=demo.role, password=demo.password, name=demo.name, totp_secret=secret)
    return list(DEMO_USERS)
