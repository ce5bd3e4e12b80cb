from django.core.management.base import BaseCommand

from requests import services


class Command(BaseCommand):
    help = "Delete drafts and printed documents past their retention date, now."

    def handle(self, *args, **options):
        purged = services.expired_data_purge()
        self.stdout.write(
            f"Deleted {purged['applications']} expired draft(s) and "
            f"{sum(purged['printed'].values())} expired printed document(s)."
        )
