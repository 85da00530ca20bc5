"""What a SvarUt shipment's status means for the person it was for (art. 34: were they
told?), read from the status SvarUt reports (ForsendelseRestServiceV1, the statuses listed in
KS's published schema ``forsendelseStatus.json``). Pure: no Django, no database.

- ``digital``: in the person's digital mailbox (Altinn, Digipost, e-Boks) or read there;
- ``printed``: handed to the print provider or printed, on its way by post;
- ``failed``: refused by SvarUt, not delivered, or closed by hand after an error;
- ``pending``: received and accepted, not yet delivered anywhere.
"""

from __future__ import annotations

PENDING = "pending"
DIGITAL = "digital"
PRINTED = "printed"
FAILED = "failed"

_DIGITAL = frozenset({"VARSLET", "LEST", "SENDT_DIGITALT", "SENDT_SDP", "LEVERT_SDP"})
_PRINTED = frozenset({"SENDT_PRINT", "PRINTET"})
# MANUELT_HANDTERT: "manually closed, e.g. because of an error" — nobody can say the
# person was told, so the DPO follows it up like a failure.
_FAILED = frozenset({"AVVIST", "IKKE_LEVERT", "MANUELT_HANDTERT"})
# MOTTATT is spelt MOTTAT in the schema's enum and MOTTATT in its description; both occur.
_PENDING = frozenset({"MOTTATT", "MOTTAT", "AKSEPTERT", "KLAR_FOR_MOTTAK"})


# Statuses after which nothing changes for the person (see ``is_final``).
FINAL = frozenset({"LEST", "LEVERT_SDP", "SENDT_DIGITALT", "PRINTET", "SENDT_PRINT"}) | _FAILED


def outcome(status: str) -> str:
    """The outcome of a SvarUt status; an unknown status is still pending (SvarUt may add
    statuses; one we do not know is never read as delivered)."""
    status = status.strip().upper()
    if status in _DIGITAL:
        return DIGITAL
    if status in _PRINTED:
        return PRINTED
    if status in _FAILED:
        return FAILED
    return PENDING


def is_final(status: str) -> bool:
    """No later status will change what it means for the person: delivered, printed or
    failed. A pending shipment is asked about again. SENDT_SDP may still become
    LEVERT_SDP or, when the mailbox refuses it, go to print; VARSLET may still go to
    print when the person does not read it in time: both are asked about again."""
    return status.strip().upper() in FINAL


def known(status: str) -> bool:
    return status.strip().upper() in _DIGITAL | _PRINTED | _FAILED | _PENDING
