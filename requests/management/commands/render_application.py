"""Render the application PDF from an exported answers file, without the web or the worker.

    python manage.py render_application answers.json --lang both --output demande.pdf
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from requests.answers_io import AnswersStopped, ImportRefused, answers_import
from requests.documents import document_filename, render_application_pdf
from requests.documents.render import LANGUAGES


class Command(BaseCommand):
    help = "Render the application PDF from an exported answers file (JSON envelope)."

    def add_arguments(self, parser):
        parser.add_argument("answers_file", type=Path)
        parser.add_argument("--lang", choices=LANGUAGES, default="fr")
        parser.add_argument(
            "--output", type=Path, help="PDF file to write (default: a discreet name)"
        )
        parser.add_argument("--date", dest="document_date", type=date.fromisoformat, default=None,
                            help="Date printed on the document, YYYY-MM-DD (default: today)")

    def handle(self, *args, answers_file: Path, lang: str, output: Path | None, **options):
        reference_date = options["document_date"] or date.today()
        try:
            text = answers_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No such file: {answers_file}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{answers_file} could not be read ({error}).") from None
        try:
            # The same strict check as "Import my answers": envelope, steps, keys, choices,
            # and the walkthrough's stops; its messages in the document's language.
            with translation.override("en" if lang == "en" else "fr"):
                answers = answers_import(text)
        except AnswersStopped as stopped:
            raise CommandError(stopped.errors[0]) from None  # nothing is written
        except ImportRefused as refused:
            lines = "\n".join(f"  - {error}" for error in refused.errors)
            raise CommandError(f"{answers_file} is not a usable answers file:\n{lines}") from None
        pdf = render_application_pdf(answers, language=lang, reference_date=reference_date)
        output = output or Path(document_filename(lang, reference_date))
        output.write_bytes(pdf)
        self.stdout.write(f"Wrote {output} ({len(pdf)} bytes).")
