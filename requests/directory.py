"""Reference data: platforms, judicial districts and help resources.

The data lives in `requests/data/*.json` (see the README there). Every value carries a
status: confirmed, secondary or unconfirmed, with its sources and the date it was checked.
An unconfirmed value is kept as the best guess for the people who maintain the data, and a
secondary one is only a lead: neither is ever shown or printed as fact. Documents, letters
and screens use the `*_for_display` properties, which give a value only when it is confirmed,
and fall back to wording such as "the name you know it by"; a screen that prints the status
label beside a value may use `*_with_status`, which also gives a secondary value (never an
unconfirmed one).

Each file is read once, on first use, and checked as it is read: a wrong file raises
`DirectoryDataError` naming the file and the entry, so a bad edit fails the tests
(tests/requests/test_directory.py) rather than showing a wrong fact to a person in crisis.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

from django.utils import translation
from django.utils.translation import pgettext_lazy

from requests.documents.typography import french_typography

DATA_DIR = Path(__file__).resolve().parent / "data"
PLATFORMS_FILE = DATA_DIR / "platforms.json"
DISTRICTS_FILE = DATA_DIR / "districts.json"
RESOURCES_FILE = DATA_DIR / "resources.json"

# Loi sur la division territoriale, CQLR c. D-11, s. 1: Québec has 36 judicial districts.
DISTRICT_COUNT = 36

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class DirectoryDataError(ValueError):
    """A reference data file is wrong. The message names the file and the entry."""


class Status(StrEnum):
    """How sure we are of a value (the legend of the project's reference notes)."""

    CONFIRMED = "confirmed"  # seen in an official or primary source
    SECONDARY = "secondary"  # seen only in a third-party, old or copied source
    UNCONFIRMED = "unconfirmed"  # not found, or sources conflict: never shown as fact

    @property
    def label(self) -> str:
        """A short note a screen can put next to a value, so colour is not the only sign."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.CONFIRMED: pgettext_lazy("reference data", "Official source"),
    Status.SECONDARY: pgettext_lazy("reference data", "Unofficial source, to be checked"),
    Status.UNCONFIRMED: pgettext_lazy("reference data", "No source found"),
}


class ResourceKind(StrEnum):
    EMERGENCY = "emergency"
    GOVERNMENT = "government"
    HELPLINE = "helpline"
    WEBSITE = "website"
    CAVAC_CENTRE = "cavac_centre"
    DPJ = "dpj"
    DPJ_REGION = "dpj_region"


class PhoneKind(StrEnum):
    CALL = "call"
    TEXT = "text"


# --- Text in the active language ---

def in_active_language(text: LocalizedText) -> str:
    """The English text when the page is in English, the French text otherwise.

    French is the portal's first language, so it is also the answer when no language is
    active (a management command, a Celery task).
    """
    language = translation.get_language() or "fr"
    if language.split("-")[0] == "en":
        return text.en
    return french_typography(text.fr)  # « Urgence : 911 » keeps its « : » on the line


@dataclass(frozen=True)
class LocalizedText:
    """Descriptive data text in both languages. `{{ text }}` shows the active language."""

    fr: str
    en: str

    def __str__(self) -> str:
        return in_active_language(self)


def shown_as_fact(value: Any, status: Status) -> Any:
    """The value when a document, a letter or a screen may state it as fact: only when it is
    confirmed. A secondary value (a copy, an old page) or an unconfirmed one gives None, and
    the words fall back to what the person knows ("Meta", "your courthouse")."""
    return value if status == Status.CONFIRMED else None


@dataclass(frozen=True)
class Sourced:
    """A value with its status, for a screen that shows it next to its status label."""

    value: str
    status: Status

    @property
    def is_confirmed(self) -> bool:
        return self.status == Status.CONFIRMED

    def __str__(self) -> str:
        return self.value


def shown_with_status(value: Any, status: Status) -> Sourced | None:
    """The value and its status, for a screen that prints `status.label` beside a value that
    is not confirmed; None for an unconfirmed value, which is never shown."""
    if value is None or status == Status.UNCONFIRMED:
        return None
    return Sourced(value, status)


# --- Platforms ---

@dataclass(frozen=True)
class Platform:
    """A company that runs services where an intimate image may be shared or found."""

    id: str
    name: str
    services: tuple[str, ...]
    legal_name: str | None
    legal_name_status: Status
    address: str | None
    address_status: Status
    report_url: str | None
    report_url_status: Status
    legal_request_url: str | None
    legal_request_url_status: Status
    notes: LocalizedText | None
    source: tuple[str | LocalizedText, ...]  # a note in words is in both languages
    checked: datetime.date

    @property
    def label(self) -> str:
        """The name people know, with its services: "Meta (Facebook, Instagram, Messenger)"."""
        if len(self.services) == 1 and self.services[0] in self.name:
            return self.name
        return f"{self.name} ({', '.join(self.services)})"

    # As fact (documents, letters, a screen with no status label): confirmed values only.
    @property
    def legal_name_for_display(self) -> str | None:
        return shown_as_fact(self.legal_name, self.legal_name_status)

    @property
    def address_for_display(self) -> str | None:
        return shown_as_fact(self.address, self.address_status)

    @property
    def report_url_for_display(self) -> str | None:
        return shown_as_fact(self.report_url, self.report_url_status)

    @property
    def legal_request_url_for_display(self) -> str | None:
        return shown_as_fact(self.legal_request_url, self.legal_request_url_status)

    # With the status, for a screen that prints its label beside a secondary value.
    @property
    def legal_name_with_status(self) -> Sourced | None:
        return shown_with_status(self.legal_name, self.legal_name_status)

    @property
    def address_with_status(self) -> Sourced | None:
        return shown_with_status(self.address, self.address_status)

    @property
    def report_url_with_status(self) -> Sourced | None:
        return shown_with_status(self.report_url, self.report_url_status)

    @property
    def legal_request_url_with_status(self) -> Sourced | None:
        return shown_with_status(self.legal_request_url, self.legal_request_url_status)


# --- Judicial districts ---

@dataclass(frozen=True)
class District:
    """A judicial district and its main courthouse, where an application can be filed."""

    key: str
    name: str  # a proper noun, the same in both languages
    courthouse_town: str
    courthouse_town_status: Status
    address: str | None
    address_status: Status
    other_courthouses: tuple[str, ...]
    phone: str | None  # recorded from the same page as the address, so it shares its status
    notes: LocalizedText | None
    source: tuple[str | LocalizedText, ...]  # a note in words is in both languages
    checked: datetime.date

    # As fact (documents, letters, a screen with no status label): confirmed values only.
    @property
    def address_for_display(self) -> str | None:
        return shown_as_fact(self.address, self.address_status)

    @property
    def courthouse_town_for_display(self) -> str | None:
        return shown_as_fact(self.courthouse_town, self.courthouse_town_status)

    @property
    def phone_for_display(self) -> str | None:
        return shown_as_fact(self.phone, self.address_status)

    # With the status, for a screen that prints its label beside a secondary value.
    @property
    def address_with_status(self) -> Sourced | None:
        return shown_with_status(self.address, self.address_status)

    @property
    def courthouse_town_with_status(self) -> Sourced | None:
        return shown_with_status(self.courthouse_town, self.courthouse_town_status)

    @property
    def phone_with_status(self) -> Sourced | None:
        return shown_with_status(self.phone, self.address_status)


# --- Help resources ---

@dataclass(frozen=True)
class Phone:
    number: str  # as people write it: "1 866 532-2822"
    kind: PhoneKind
    status: Status
    label: LocalizedText | None

    @property
    def href(self) -> str:
        """A tel: or sms: link a phone can open: "tel:+18665322822", "tel:911"."""
        digits = re.sub(r"\D", "", self.number)
        if len(digits) == 10:
            digits = "+1" + digits
        elif len(digits) == 11 and digits.startswith("1"):
            digits = "+" + digits
        scheme = "sms" if self.kind == PhoneKind.TEXT else "tel"
        return f"{scheme}:{digits}"


@dataclass(frozen=True)
class Resource:
    """A place to get help: a help line, a website, CAVAC, the DPJ, 911."""

    id: str
    kind: ResourceKind
    name: LocalizedText
    for_whom: LocalizedText
    phones: tuple[Phone, ...]
    url: LocalizedText | None
    email: str | None
    hours: LocalizedText | None
    notes: LocalizedText | None
    status: Status
    source: tuple[str | LocalizedText, ...]  # a note in words is in both languages
    checked: datetime.date

    @property
    def phones_for_display(self) -> tuple[Phone, ...]:
        if self.status == Status.UNCONFIRMED:
            return ()
        return tuple(phone for phone in self.phones if phone.status != Status.UNCONFIRMED)

    @property
    def url_for_display(self) -> str | None:
        """The address of a help resource that is not unconfirmed. A help line is shown even
        when its source is secondary (the pages print the status beside its phones); what a
        document prints as fact goes through shown_as_fact."""
        if self.url is None or self.status == Status.UNCONFIRMED:
            return None
        return str(self.url)


# --- Reading and checking one entry ---

class _Entry:
    """One JSON object of a data file; every error names the file and the entry."""

    def __init__(self, raw: Any, *, path: Path, position: int, id_field: str):
        self.path = path
        self.where = f"entry {position + 1}"
        if not isinstance(raw, dict):
            self.fail("is not a JSON object")
        self.raw = raw
        self.read: set[str] = set()
        if isinstance(raw.get(id_field), str) and raw[id_field]:
            self.where = f"entry {raw[id_field]!r}"

    def fail(self, problem: str) -> NoReturn:
        raise DirectoryDataError(f"{self.path.name}, {self.where}: {problem}")

    def value(self, field: str) -> Any:
        self.read.add(field)
        return self.raw.get(field)

    def text(self, field: str, *, optional: bool = False) -> str | None:
        value = self.value(field)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{field!r} must be a non-empty string")
        return value

    def slug(self, field: str) -> str:
        value = self.text(field)
        if not SLUG.fullmatch(value):
            self.fail(f"{field!r} must be a lowercase ascii slug, not {value!r}")
        return value

    def texts(self, field: str, *, optional: bool = False) -> tuple[str, ...]:
        value = self.value(field)
        if value is None and optional:
            return ()
        if not isinstance(value, list) or not value:
            self.fail(f"{field!r} must be a non-empty list")
        if not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(f"every item of {field!r} must be a non-empty string")
        return tuple(value)

    def sources(self) -> tuple[str | LocalizedText, ...]:
        """Where the facts come from: a URL or a citation in its own language as a string, or
        a note in words as {"fr": …, "en": …}, so that a French page shows it in French."""
        value = self.value("source")
        if not isinstance(value, list) or not value:
            self.fail("'source' must be a non-empty list")
        return tuple(
            self.localized("source", value=item) if isinstance(item, dict)
            else self._source_text(item)
            for item in value
        )

    def _source_text(self, item: Any) -> str:
        if not isinstance(item, str) or not item.strip():
            self.fail("every item of 'source' must be a non-empty string or {'fr', 'en'}")
        return item

    def status(self, field: str) -> Status:
        value = self.value(field)
        try:
            return Status(value)
        except ValueError:
            allowed = ", ".join(status.value for status in Status)
            self.fail(f"{field!r} is {value!r}; it must be one of: {allowed}")

    def text_with_status(self, field: str) -> tuple[str | None, Status]:
        """A value and its `<field>_status`; only an unconfirmed value may be missing."""
        status = self.status(f"{field}_status")
        value = self.text(field, optional=True)
        if value is None and status != Status.UNCONFIRMED:
            self.fail(f"{field!r} is empty but {field + '_status'!r} says {status.value!r}")
        return value, status

    def url(self, field: str, *, optional: bool = False) -> str | None:
        value = self.text(field, optional=optional)
        if value is not None and not value.startswith(("https://", "http://")):
            self.fail(f"{field!r} must be an http(s) address, not {value!r}")
        return value

    def localized(self, field: str, *, optional: bool = False,
                  value: Any = None) -> LocalizedText | None:
        value = self.value(field) if value is None else value
        if value is None and optional:
            return None
        if not isinstance(value, dict) or set(value) != {"fr", "en"}:
            self.fail(f"{field!r} must be an object with exactly the keys 'fr' and 'en'")
        if not all(isinstance(text, str) and text.strip() for text in value.values()):
            self.fail(f"{field!r} needs a non-empty French and English text")
        return LocalizedText(fr=value["fr"], en=value["en"])

    def checked(self) -> datetime.date:
        value = self.value("checked")
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
            self.fail(f"'checked' must be a date written YYYY-MM-DD, not {value!r}")
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(f"'checked' is not a real date: {value!r}")

    def done(self) -> None:
        unknown = sorted(set(self.raw) - self.read)
        if unknown:
            self.fail(f"unknown field(s): {', '.join(unknown)}")


def _entries(path: Path, list_key: str, id_field: str) -> Iterable[_Entry]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DirectoryDataError(f"{path.name}: the file is missing") from None
    except json.JSONDecodeError as error:
        raise DirectoryDataError(f"{path.name}: not valid JSON ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get(list_key), list):
        raise DirectoryDataError(f"{path.name}: needs a list under the key {list_key!r}")
    return [_Entry(raw, path=path, position=position, id_field=id_field)
            for position, raw in enumerate(document[list_key])]


def _unique(items: tuple, *, path: Path, id_field: str) -> tuple:
    seen: set[str] = set()
    for item in items:
        item_id = getattr(item, id_field)
        if item_id in seen:
            raise DirectoryDataError(f"{path.name}, entry {item_id!r}: {id_field} is used twice")
        seen.add(item_id)
    return items


# --- Loaders (read once per path) ---

@functools.cache
def load_platforms(path: Path = PLATFORMS_FILE) -> tuple[Platform, ...]:
    platforms_read = []
    for entry in _entries(path, "platforms", "id"):
        legal_name, legal_name_status = entry.text_with_status("legal_name")
        address, address_status = entry.text_with_status("address")
        report_url, report_url_status = entry.text_with_status("report_url")
        legal_request_url, legal_request_url_status = entry.text_with_status("legal_request_url")
        for field, value in (("report_url", report_url), ("legal_request_url", legal_request_url)):
            if value is not None:
                entry.url(field)
        platforms_read.append(Platform(
            id=entry.slug("id"),
            name=entry.text("name"),
            services=entry.texts("services"),
            legal_name=legal_name,
            legal_name_status=legal_name_status,
            address=address,
            address_status=address_status,
            report_url=report_url,
            report_url_status=report_url_status,
            legal_request_url=legal_request_url,
            legal_request_url_status=legal_request_url_status,
            notes=entry.localized("notes", optional=True),
            source=entry.sources(),
            checked=entry.checked(),
        ))
        entry.done()
    return _unique(tuple(platforms_read), path=path, id_field="id")


@functools.cache
def load_districts(path: Path = DISTRICTS_FILE) -> tuple[District, ...]:
    districts_read = []
    for entry in _entries(path, "districts", "key"):
        address, address_status = entry.text_with_status("address")
        districts_read.append(District(
            key=entry.slug("key"),
            name=entry.text("name"),
            courthouse_town=entry.text("courthouse_town"),
            courthouse_town_status=entry.status("courthouse_town_status"),
            address=address,
            address_status=address_status,
            other_courthouses=entry.texts("other_courthouses", optional=True),
            phone=entry.text("phone", optional=True),
            notes=entry.localized("notes", optional=True),
            source=entry.sources(),
            checked=entry.checked(),
        ))
        entry.done()
    if len(districts_read) != DISTRICT_COUNT:
        raise DirectoryDataError(
            f"{path.name}: Québec has {DISTRICT_COUNT} judicial districts "
            f"(CQLR c. D-11, s. 1), the file has {len(districts_read)}"
        )
    _unique(tuple(districts_read), path=path, id_field="name")
    return tuple(sorted(_unique(tuple(districts_read), path=path, id_field="key"),
                        key=lambda district: _sort_key(district.name)))


def _read_phone(entry: _Entry, raw: Any, position: int) -> Phone:
    where = f"phones[{position}]"
    if not isinstance(raw, dict) or set(raw) - {"number", "kind", "status", "label"}:
        entry.fail(f"{where} must be an object with number, kind, status and an optional label")
    if not isinstance(raw.get("number"), str) or not re.search(r"\d", raw["number"]):
        entry.fail(f"{where} needs a phone number")
    try:
        kind, status = PhoneKind(raw.get("kind")), Status(raw.get("status"))
    except ValueError:
        entry.fail(f"{where}: kind must be call or text, and status a known status")
    label = entry.localized(f"{where}.label", value=raw["label"]) if "label" in raw else None
    return Phone(number=raw["number"], kind=kind, status=status, label=label)


@functools.cache
def load_resources(path: Path = RESOURCES_FILE) -> tuple[Resource, ...]:
    resources_read = []
    for entry in _entries(path, "resources", "id"):
        try:
            kind = ResourceKind(entry.value("kind"))
        except ValueError:
            entry.fail(f"'kind' must be one of: {', '.join(kind.value for kind in ResourceKind)}")
        phones = entry.value("phones")
        if not isinstance(phones, list):
            entry.fail("'phones' must be a list (it may be empty)")
        url = entry.value("url")
        if isinstance(url, str):
            url = {"fr": url, "en": url}
        url_text = entry.localized("url", value=url) if url is not None else None
        if url_text and not all(link.startswith(("https://", "http://"))
                                for link in (url_text.fr, url_text.en)):
            entry.fail("'url' must be an http(s) address")
        resources_read.append(Resource(
            id=entry.slug("id"),
            kind=kind,
            name=entry.localized("name"),
            for_whom=entry.localized("for_whom"),
            phones=tuple(_read_phone(entry, raw, position) for position, raw in enumerate(phones)),
            url=url_text,
            email=entry.text("email", optional=True),
            hours=entry.localized("hours", optional=True),
            notes=entry.localized("notes", optional=True),
            status=entry.status("status"),
            source=entry.sources(),
            checked=entry.checked(),
        ))
        entry.done()
    return _unique(tuple(resources_read), path=path, id_field="id")


def _sort_key(name: str) -> str:
    """French alphabetical order, ignoring accents: "Mégantic" comes before "Mingan"."""
    without_accents = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return without_accents.casefold()


# --- Public API: what the rest of the portal uses ---

def platforms() -> tuple[Platform, ...]:
    return load_platforms()


def platform(platform_id: str) -> Platform | None:
    """The platform with this id, or None (answers store "" when no platform was chosen)."""
    return next((item for item in load_platforms() if item.id == platform_id), None)


def platform_choices() -> list[tuple[str, str]]:
    """(id, label) pairs for a form field, in the order of the data file."""
    return [(item.id, item.label) for item in load_platforms()]


def districts() -> tuple[District, ...]:
    """The 36 judicial districts, in French alphabetical order."""
    return load_districts()


def district(key: str) -> District | None:
    return next((item for item in load_districts() if item.key == key), None)


def district_choices() -> list[tuple[str, str]]:
    """(key, name) pairs for a form field, in French alphabetical order."""
    return [(item.key, item.name) for item in load_districts()]


def resources(*, kind: ResourceKind | str | None = None) -> tuple[Resource, ...]:
    """Every resource, or those of one kind, including unconfirmed ones (for maintainers)."""
    return tuple(item for item in load_resources() if kind is None or item.kind == kind)


def resources_for_display(*, kind: ResourceKind | str | None = None) -> tuple[Resource, ...]:
    """The resources a screen may show: unconfirmed ones are left out."""
    return tuple(item for item in resources(kind=kind) if item.status != Status.UNCONFIRMED)


def resource(resource_id: str) -> Resource | None:
    return next((item for item in load_resources() if item.id == resource_id), None)
