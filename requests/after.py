"""After the document: filing it, the removal plan, cover letters, the tracker, a reshare.

Reads (the `*_for` selectors) never write; writes (`tracker_*`, `application_start_reshare`)
go through here, like requests/services.py. Every legal statement the pages show comes from
the project's legal reference (law.md); SOURCES names each source, so a screen can show it.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from requests import directory, services, vocabulary
from requests.answers import Answers
from requests.models import Application, Tracker
from requests.slugs import Slug
from requests.templatetags.typography import label_and_text

logger = logging.getLogger(__name__)

# Where each legal statement comes from, as shown to the person (law.md).
SOURCES = {
    "seed": gettext_lazy(
        "A plain-language legal information article for victims on the new recourse "
        "(Québec, 2025)"
    ),
    "government": gettext_lazy(
        "The Government of Québec's announcements when the bill was tabled (October 2024)"
    ),
    "criminal_code": gettext_lazy("Criminal Code of Canada, section 162.1"),
    "statute": gettext_lazy(
        "Act to counter non-consensual sharing of intimate images (CQLR, chapter P-9.0002)"
    ),
}

# Steps copied into an application for a reshare: who the people are does not change.
RESHARE_KEEP = (
    Slug.WHO, Slug.HOME_SAFETY, Slug.CONSENT, Slug.APPLICANT, Slug.PERSON, Slug.CONTACT,
)
RESHARE_OPTIONAL = (Slug.ITEMS,)

TRACKER_LISTS = ("sent", "breaches", "notices")


# --- Ready to copy ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CopyBlock:
    key: str
    title: str
    text: str


def _lines(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _copied_name(respondent) -> str:
    """Every name used by a pseudonym; a company's legal name with the name people know."""
    if respondent.kind == "pseudonym":
        return ", ".join(respondent.handles)
    entry = respondent.directory_entry
    if entry is not None and entry.legal_name_for_display:
        return f"{entry.legal_name_for_display} ({entry.name})"
    return str(respondent.document_name)


def copy_blocks_for(answers: dict) -> list[CopyBlock]:
    """The person's answers, block by block, in the order a court form usually asks them."""
    typed = Answers.from_stored(answers)
    blocks = []
    if typed.applicant is not None:
        blocks.append(CopyBlock("applicant", _("Who applies"), typed.applicant.full_name))
    person = typed.person
    blocks.append(CopyBlock("person", _("The person shown"), _lines(
        person.full_name, person.other_names,
        person.date_of_birth.isoformat() if person.date_of_birth else "",
    )))
    situation = typed.situation
    blocks.append(CopyBlock("facts", _("What happened"), _lines(
        situation.summary,
        ", ".join(str(term.in_document) for term in situation.where),
        situation.where_other,
        situation.ongoing.in_document if situation.ongoing else "",
        *(label_and_text(item.material.in_document if item.material else '', item.description)
          for item in typed.items),
    )))
    for respondent in typed.respondents:
        number = respondent.number
        name = _copied_name(respondent)
        blocks.append(CopyBlock(
            f"party-{respondent.id}", _("Person or company %(number)s") % {"number": number},
            _lines(
                ", ".join(part for part in (str(name), respondent.service) if part),
                respondent.description,
                respondent.relationship,
                respondent.address,
                ", ".join(str(term.in_document) for term in respondent.actions),
                *(place.location for place in typed.places_of(respondent)),
            ),
        ))
        chosen = typed.chosen_orders.get(respondent.id) or []
        if chosen:
            blocks.append(CopyBlock(
                f"orders-{respondent.id}",
                _("What you ask the court to order (person or company %(number)s)")
                % {"number": number},
                "\n".join(str(vocabulary.ORDERS[key].label) for key in chosen
                           if key in vocabulary.ORDERS),
            ))
    urgency = typed.urgency
    blocks.append(CopyBlock("urgency", _("Why it is urgent"), _lines(
        *(term.in_document for term in urgency.reasons), urgency.explanation,
    )))
    return blocks


# --- The district and the companies ----------------------------------------------------------


def district_for(answers: dict) -> directory.District | None:
    return directory.district(Answers.from_stored(answers).contact.district_key)


@dataclass(frozen=True)
class CompanyRespondent:
    id: str
    number: int
    platform: directory.Platform


def companies_for(answers: dict) -> list[CompanyRespondent]:
    """The respondents that are companies of the directory, with their directory entry."""
    return [
        CompanyRespondent(id=respondent.id, number=respondent.number, platform=entry)
        for respondent in Answers.from_stored(answers).companies
        if (entry := respondent.directory_entry) is not None
    ]


def company_for(answers: dict, respondent_id: str) -> CompanyRespondent | None:
    return next((c for c in companies_for(answers) if c.id == respondent_id), None)


# --- The removal plan, by age (law.md, "Help and referral") ----------------------------------


@dataclass(frozen=True)
class RemovalPlan:
    under_18_now: bool
    image_from_before_18: bool
    adult_image: bool
    resources: tuple[directory.Resource, ...]


def removal_plan_for(answers: dict) -> RemovalPlan:
    """StopNCII for an image of an adult; Take It Down for an image from before 18;
    Cyberaide for an image of a person under 18, and AidezMoiSVP for a teen today."""
    typed = Answers.from_stored(answers)
    under_18_now = typed.who.victim_is_under_18
    then = [item.under_18_then_key for item in typed.items]
    # When the age in an image is not known, both services are offered: the person chooses.
    image_from_before_18 = under_18_now or any(value in ("yes", "unknown") for value in then)
    adult_image = not under_18_now and any(value in ("no", "unknown") for value in then)
    wanted = []
    if image_from_before_18:
        wanted.append("take-it-down")
    if adult_image:
        wanted.append("stopncii")
    if under_18_now or image_from_before_18:
        wanted.append("cyberaide")
    if under_18_now:
        wanted.append("aidezmoisvp")
    shown = {item.id: item for item in directory.resources_for_display()}
    return RemovalPlan(
        under_18_now=under_18_now,
        image_from_before_18=image_from_before_18,
        adult_image=adult_image,
        resources=tuple(shown[key] for key in wanted if key in shown),
    )


# --- The tracker -----------------------------------------------------------------------------


def tracker_for(*, application: Application) -> dict:
    """The tracker's entries: {"filed": {…}, "decision": {…}, "sent": […], "breaches": […]}.

    `filed`: filed_on, way (online | courthouse); `decision`: decided_on, outcome (granted |
    partly | refused), file_number; `sent`: to, sent_on; `breaches`: seen_on, note; `notices`
    (of withdrawn consent): to, sent_on, reply. Dates are YYYY-MM-DD.
    """
    tracker = Tracker.objects.filter(application=application).first()
    entries = dict(tracker.entries) if tracker else {}
    for key in TRACKER_LISTS:
        entries.setdefault(key, [])
    return entries


DATE_KEYS = ("filed_on", "decided_on", "sent_on", "seen_on")


def _with_dates(entry: dict) -> dict:
    return {key: datetime.date.fromisoformat(value) if key in DATE_KEYS and value else value
            for key, value in entry.items()}


def tracker_for_display(entries: dict) -> dict:
    """The same entries with their dates as dates, so a page can write them out in words."""
    shown = {key: _with_dates(value) for key, value in entries.items() if isinstance(value, dict)}
    for key in TRACKER_LISTS:
        shown[key] = [_with_dates(value) for value in entries.get(key, [])]
    return shown


@transaction.atomic
def tracker_update(*, application: Application, part: str, value: dict) -> Tracker:
    """Record `filed` or `decision` (replaced), or add to `sent` or `breaches` (a list)."""
    if part not in ("filed", "decision", *TRACKER_LISTS):
        raise ValueError(f"unknown tracker part {part!r}")
    tracker, _created = Tracker.objects.select_for_update().get_or_create(application=application)
    entries = dict(tracker.entries)
    if part in TRACKER_LISTS:
        entries[part] = [*entries.get(part, []), value]
    else:
        entries[part] = value
    tracker.entries = entries
    tracker.updated_at = timezone.now()
    tracker.save()
    logger.info("tracker updated id=%s part=%s", application.pk, part)
    return tracker


@transaction.atomic
def tracker_remove(*, application: Application, part: str, index: int) -> None:
    tracker = Tracker.objects.select_for_update().filter(application=application).first()
    if tracker is None or part not in TRACKER_LISTS:
        return
    entries = dict(tracker.entries)
    values = list(entries.get(part, []))
    if 0 <= index < len(values):
        del values[index]
    entries[part] = values
    tracker.entries = entries
    tracker.save()


# --- A new application for a reshare ---------------------------------------------------------


def reshare_answers(answers: dict, *, keep_items: bool, tracker: dict | None = None) -> dict:
    """The identities, and the images if asked; what must change is left out. The new
    application names the first one (the filing date, the order's date and court file
    number the tracker holds), so the court sees that it follows an order."""
    keep = RESHARE_KEEP + (RESHARE_OPTIONAL if keep_items else ())
    copied = Answers.from_stored(answers).sections(keep)
    tracker = tracker or {}
    filed, decision = tracker.get("filed") or {}, tracker.get("decision") or {}
    made = decision.get("outcome") in ("granted", "partly")
    copied[Slug.EARLIER] = {
        "filed_on": filed.get("filed_on", ""),
        "decided_on": decision.get("decided_on", "") if made else "",
        "file_number": str(decision.get("file_number", "")).strip(),
        "same_images": keep_items,
    }
    return copied


def application_start_reshare(
    *, source: Application, session, keep_items: bool
) -> tuple[Application, str]:
    """A NEW application for the same person, pre-filled; returns it and its resume code
    (shown once). The first application is left as it is."""
    copied = reshare_answers(
        source.answers, keep_items=keep_items, tracker=tracker_for(application=source)
    )
    with transaction.atomic():
        application, code = services.application_start(session=session)
        application = services.application_import(application=application, answers=copied)
    logger.info("reshare application started id=%s from=%s", application.pk, source.pk)
    return application, code
