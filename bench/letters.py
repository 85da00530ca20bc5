"""How long a print run's letters take to lay out, beside the floor measured in the same run:
WeasyPrint laying out the same number of A4 pages of plain text (one paragraph per page, the
same words, no letterhead, no envelope window, no headings).

    .venv/bin/python bench/letters.py [--n 200] [--profile]

Also prints the merged PDF's size and how many pieces of text pypdf finds on a page (what a
screen reader or a text check walks through). ``--profile`` prints where WeasyPrint spends
the time of the letters (cProfile, the 25 costliest functions by their own time).
Uses a scratch SQLite file in a temporary folder. Prints figures; asserts nothing."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = (
    "En ansatt sendte en e-post med opplysninger om deg til feil mottaker. Vi har fått e-posten tilbake. "
    "Noen som ikke skulle se opplysningene, kan ha sett dem. "
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="avvik-bench-")
    os.environ.setdefault("AVVIK_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DEBUG"] = "true"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.utils.html import strip_tags
    from pypdf import PdfReader

    from core.pdf import html_to_pdf
    from incidents.models import Organisation
    from notifications.models import Notice
    from notifications.selectors.letters import Address, Letter, letters_html, letters_pdf

    organisation = Organisation.current()
    organisation.name, organisation.org_number = "Eksempel kommune", "974760673"
    organisation.address = "Postboks 1\n0101 OSLO"
    organisation.save()
    notice = Notice(
        language="nb",
        subject="Andre kan ha sett opplysninger om deg",
        frozen_subject="Eksempel kommune: Andre kan ha sett opplysninger om deg",
        what_happened=WORDS * 2,
        your_data="Dette gjelder navnet ditt, adressen din og fødselsnummeret ditt.",
        consequences=WORDS,
        measures=WORDS,
        advice="Du kan sperre for kreditt. Les mer på https://www.kredittsperre.no.\n\nVi spør aldri om passord.",
        contact="Har du spørsmål? Ta kontakt med personvernombudet vårt, Kari Nordmann. E-post: personvern@eksempel.no",
    )
    letters = [
        Letter(notice, Address(name=f"Person {i}", lines=(f"Storgata {i}",), postcode="0150", place="Oslo"))
        for i in range(args.n)
    ]
    html = letters_html(letters, reference="AVVIK-2026-0001")
    # The floor: the same words, as many pages, each one plain paragraph.
    words = strip_tags(html[html.index("<body>") :]).split()
    per_page = max(1, len(words) // args.n)
    plain = "".join(
        f'<p style="break-before: page">{" ".join(words[i * per_page : (i + 1) * per_page])}</p>' for i in range(args.n)
    )
    floor_html = f'<!doctype html><html lang="nb"><meta charset="utf-8"><style>@page {{ size: A4 }}</style>{plain}'

    html_to_pdf(floor_html[:2000] + "</html>")  # fonts and Pango loaded once, outside both figures
    started = time.perf_counter()
    floor_pdf = html_to_pdf(floor_html)
    floor = time.perf_counter() - started

    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    pdf = letters_pdf(letters, reference="AVVIK-2026-0001")
    if profiler:
        profiler.disable()
    spent = time.perf_counter() - started

    pieces: list[str] = []
    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_operand_before=lambda op, *_a: pieces.append(op))
    shown = sum(1 for op in pieces if op in (b"TJ", b"Tj"))
    print(f"letters: {args.n} in {spent:.1f} s, {spent / args.n * 1000:.0f} ms each; PDF {len(pdf) / 1024:.0f} KiB")
    print(f"floor (WeasyPrint, {args.n} pages of plain text): {floor:.1f} s, {len(floor_pdf) / 1024:.0f} KiB")
    print(f"ratio {spent / floor:.2f}x the floor; text-showing operators on page 1: {shown}")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
