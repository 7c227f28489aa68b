"""Export signatures as CSV, with the columns of the admin's export, for backups and hand-overs.

The file holds signers' personal data: it is written only where --output says (created
readable by its owner alone) or to standard output, and nothing personal goes to the
messages the command prints or logs.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation

from petitions.export import SignatureExport
from petitions.models import PetitionPage


def petition_key(identifier):
    """The translation key of the petition whose page (in any language) has this id or slug."""
    match = Q(slug=identifier)
    if identifier.isdigit():
        match |= Q(pk=int(identifier))
    keys = set(PetitionPage.objects.filter(match).values_list("translation_key", flat=True))
    if not keys:
        raise CommandError(f"No petition has the page id or slug {identifier!r}.")
    if len(keys) > 1:
        raise CommandError(f"Several petitions have the page id or slug {identifier!r}.")
    return keys.pop()


class Command(BaseCommand):
    help = (
        "Write the signatures of one petition, or of all of them, as CSV: the columns of the "
        "admin's CSV export. The file holds personal data: keep it as safe as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--petition",
            metavar="ID_OR_SLUG",
            help="The petition's page id or slug, in either language. Default: every petition.",
        )
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="File to write (readable by its owner only). Default: standard output.",
        )

    def handle(self, *args, petition=None, output=None, **options):
        # Column headings in the site's default language, whatever language is active.
        with translation.override(settings.LANGUAGE_CODE):
            self.export(petition, output)

    def export(self, petition, output):
        export = SignatureExport()
        signatures = export.get_base_queryset()
        if petition:
            signatures = signatures.filter(petition_key=petition_key(petition))
        count = signatures.count()
        lines = export.stream_csv(signatures)  # UTF-8 bytes, as the admin sends them
        if output:
            descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(descriptor, "wb") as file:
                file.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line.decode(), ending="")
        self.stderr.write(f"Exported {count} signature{'' if count == 1 else 's'}.")
