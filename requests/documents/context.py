"""Answers → what the application document says: the typed answers (requests/answers.py), the
court they go to, and the consents recorded for helpers, for the template.

Pure: no database, no request, no network. Texts typed by the person are kept exactly as
typed (the template escapes them); fixed words are lazy translations and vocabulary phrases,
so one context renders in French and in English.
"""

from dataclasses import dataclass
from datetime import date

from requests import vocabulary
from requests.answers import Answers, Respondent
from requests.vocabulary import Term


@dataclass(frozen=True)
class Court:
    district_name: str  # "" when the district is unknown: the template leaves a blank
    courthouse_town: str
    courthouse_address: str  # "" unless the directory marks the address as showable


@dataclass(frozen=True)
class RecordedConsent:
    """A consent a helper recorded in their space (portal/accounts), for Annex B."""

    consented_by: str
    consent_date: date | None
    method: Term | None
    scope: tuple[Term, ...]
    recorded_by: str  # the helper's name and organisation


def court_for(answers: Answers) -> Court:
    """Only what the directory allows showing as fact (law.md: unconfirmed is never shown)."""
    from requests import directory  # reference data, read once from requests/data/

    district = directory.district(answers.contact.district_key)
    if district is None:
        return Court("", "", "")
    return Court(
        district_name=district.name,
        courthouse_town=district.courthouse_town_for_display or "",
        courthouse_address=district.address_for_display or "",
    )


def _recorded_consent(record: dict) -> RecordedConsent:
    scope = record.get("consent_scope") or []
    return RecordedConsent(
        consented_by=str(record.get("consented_by", "")).strip(),
        consent_date=date.fromisoformat(record["consent_date"]) if record.get("consent_date")
        else None,
        method=vocabulary.CONSENT_METHODS.get(record.get("consent_method")),
        scope=tuple(term for key, term in vocabulary.CONSENT_SCOPES.items() if key in scope),
        recorded_by=str(record.get("recorded_by", "")).strip(),
    )


@dataclass(frozen=True)
class ApplicationContext:
    reference_date: date
    court: Court
    answers: Answers
    recorded_consents: tuple[RecordedConsent, ...]  # consents given to helpers who worked on it
    reference: str = ""  # the case reference (Application.reference), printed in the footer

    # What the template reads, by section.
    @property
    def who(self):
        return self.answers.who

    @property
    def applicant(self):
        return self.answers.applicant

    @property
    def consent(self):
        return self.answers.consent

    @property
    def person(self):
        return self.answers.person

    @property
    def contact(self):
        return self.answers.contact

    @property
    def situation(self):
        return self.answers.situation

    @property
    def items(self):
        return self.answers.items

    @property
    def respondents(self) -> tuple[Respondent, ...]:
        return self.answers.respondents

    @property
    def places(self):
        return self.answers.places

    @property
    def urgency(self):
        return self.answers.urgency

    @property
    def signer_name(self) -> str:
        return self.answers.signer_name

    @property
    def several_images(self) -> bool:
        """More than one image, counting an entry that describes several."""
        return self.answers.several_images

    @property
    def material(self) -> vocabulary.MaterialWords:
        """What the order is about, named by its kind ("a sound recording…", "the photos…")."""
        return self.answers.material_words

    @property
    def earlier(self):
        return self.answers.earlier

    @property
    def annex_b_consents(self) -> tuple:
        """The consent to print, once: the consents recorded in the helpers' space (audited,
        and withdrawn there), else the one given on the consent step. The same consent
        recorded twice is printed once."""
        if self.recorded_consents:
            return tuple(dict.fromkeys(self.recorded_consents))  # each once, in their order
        return (self.consent,) if self.consent is not None else ()

    @property
    def where_phrases(self) -> tuple[str, ...]:
        """Where it was shared, in the document's words ("somewhere else" is typed out)."""
        return tuple(term.in_document for term in self.situation.where if not term.typed_out_in)

    @property
    def conclusions(self) -> tuple[tuple[int, object, str], ...]:
        """(respondent number, respondent name, order key), in the order they are asked."""
        return tuple(
            (respondent.number, respondent.document_name, order)
            for respondent in self.respondents
            for order in respondent.orders
        )


def build_application_context(
    answers: dict, *, reference_date: date, recorded_consents: tuple[dict, ...] = (),
    reference: str = "",
) -> ApplicationContext:
    """Everything the application document says, from the stored answers.

    `recorded_consents` are the person's consents to helpers who worked on the application
    (the keys of the consent step, plus `recorded_by`); they are printed in Annex B.
    """
    typed = Answers.from_stored(answers)
    return ApplicationContext(
        reference_date=reference_date,
        court=court_for(typed),
        answers=typed,
        recorded_consents=tuple(_recorded_consent(record) for record in recorded_consents),
        reference=reference,
    )
