"""Bootstrap a deployment: create an organisation and print its first administrator's link."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from portal.accounts import services
from portal.accounts.models import HelperRole, Organisation

ROLE_FOR_KIND = {
    Organisation.Kind.CAVAC: HelperRole.CAVAC_WORKER,
    Organisation.Kind.SCHOOL: HelperRole.SCHOOL_STAFF,
    Organisation.Kind.COMMUNITY: HelperRole.ORGANISATION_WORKER,
}


class Command(BaseCommand):
    help = "Create an organisation and print a single-use invitation link for its administrator."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--kind", required=True, choices=Organisation.Kind.values)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument(
            "--base-url",
            default="",
            help="e.g. https://portal.example.org (printed before the path)",
        )

    def handle(self, *args, name, kind, admin_email, base_url, **options):
        if not name.strip():
            raise CommandError("--name must not be empty.")
        organisation = services.organisation_create(name=name.strip(), kind=kind)
        _invitation, token = services.invitation_create(
            organisation=organisation,
            role=ROLE_FOR_KIND[kind],
            is_org_admin=True,
            email=admin_email,
        )
        with translation.override("fr"):
            path = reverse("accounts:invitation")
        self.stdout.write(f"Organisation {organisation.pk} created.")
        self.stdout.write("Invitation link for the first administrator (works once, for 7 days):")
        # The code travels after "#", which browsers never send: no log keeps it.
        self.stdout.write(f"{base_url.rstrip('/')}{path}#{token}")
        self.stdout.write(f"Invitation code, if the link cannot be opened: {token}")
