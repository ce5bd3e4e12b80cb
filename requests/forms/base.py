"""What every step form shares: stored answers in and out, error summary, “why we ask”."""

import re
from datetime import date
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests import vocabulary
from requests.answers import Answers
from requests.templatetags.typography import label_and_text

# Limits keep one draft small and every message readable.
NAME_MAX = 200
SHORT_MAX = 300
TEXT_MAX = 1000
LONG_MAX = 3000
# Addresses and lists are bounded where the law needs no more: the document stays a few
# pages a judge can read, and the worst case renders in seconds (bench/pdf.py).
URL_MAX = 500  # a web address, once tracking parameters are removed
PROFILE_URL_MAX = 200  # the address of a profile or a group
HANDLE_MAX = 100  # a user name or pseudonym
LINES_MAX = 3  # names or profile addresses per pseudonymous respondent


# Bootstrap's class for each kind of widget; a group of radios or boxes is drawn by
# templates/requests/_field.html, one .form-check-input per choice.
WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select",
    "checkbox": "form-check-input",
}


class QuestionField(BoundField):
    """A step's field, drawn by templates/requests/_field.html with Bootstrap's classes.

    The step pages used crispy-forms' field templates: the same markup, but about half of each
    step page's CPU went into them (many nested includes per field and per choice), and every
    request waits behind that CPU when many people fill in the form at once.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.is_choice_group:  # each choice gets its class in the template
            return attrs
        css = WIDGET_CLASSES.get(self.widget_type, "form-control")
        if self.errors:
            css += " is-invalid"
        given = attrs.get("class", self.field.widget.attrs.get("class", ""))
        attrs["class"] = f"{given} {css}".strip()
        return attrs

    @property
    def is_choice_group(self) -> bool:
        return self.widget_type in ("radioselect", "checkboxselectmultiple")

    @property
    def widget_attrs(self) -> str:
        """The attributes Django would give the widget, as HTML, for a <select> drawn in the
        template (Django draws each <option> through its own included template: slow for long
        lists)."""
        attrs = self.build_widget_attrs({})
        if self.auto_id:
            attrs.setdefault("id", self.auto_id)
        return flatatt({**self.field.widget.attrs, **attrs})

    def choices_with_attrs(self) -> list[tuple]:
        """(choice, its attributes as HTML: id, checked, required, aria-invalid…) for each
        radio or box of a group; flatatt escapes the values, as Django's templates would."""
        return [(choice, flatatt(choice.data["attrs"])) for choice in self.subwidgets]


class StepForm(forms.Form):
    """A screen's form. `answers` is the whole answers object, for forms built from it.

    `data_from_value` turns a stored value into form data, `value` turns cleaned data into the
    stored value: the walkthrough, the check page and the import all go through these two.
    """

    # Textareas whose lines are stored as a list of strings.
    line_list_fields: tuple[str, ...] = ()
    # Per field: a short “why we ask” shown in a <details> under the question.
    why_we_ask: dict = {}
    bound_field_class = QuestionField

    def __init__(self, *args, answers=None, entry_index=None, **kwargs):
        self.answers = answers or {}
        # The other screens' answers, read (requests/answers.py): what this form builds on.
        self.typed = Answers.from_stored(self.answers)
        # In a list step: the 0-based position of the entry being edited (None when adding).
        self.entry_index = entry_index
        super().__init__(*args, **kwargs)

    @classmethod
    def data_from_value(cls, value) -> dict:
        data = {}
        for key, item in (value or {}).items():
            if key in cls.line_list_fields and isinstance(item, list):
                item = "\n".join(str(line) for line in item)
            data[key] = item
        return data

    def value(self) -> dict:
        stored = {}
        for name in self.fields:
            item = self.cleaned_data.get(name)
            if isinstance(item, date):
                item = item.isoformat()
            elif item is None:
                item = ""
            stored[name] = item
        return stored

    @classmethod
    def entry_label(cls, entry: dict) -> str:
        """How an entry of a list step is named in that list."""
        return str(entry.get("description", ""))[:120]

    def json_types(self) -> dict:
        """The JSON type each stored key must have, for a strict import."""
        types = {}
        for name, field in self.fields.items():
            if name in self.line_list_fields or isinstance(field, forms.MultipleChoiceField):
                types[name] = list
            elif isinstance(field, forms.BooleanField):
                types[name] = bool
            elif isinstance(field, forms.IntegerField):
                types[name] = int
            else:
                types[name] = str
        return types

    def stored_key(self, name: str) -> str:
        """The key in the stored value for a form field (the same name, except where built)."""
        return name

    def field_label(self, key: str) -> str:
        field = self.fields.get(key)
        return str(field.label) if field is not None and field.label else key

    def questions(self):
        """(bound field, why we ask) pairs, in order, for the generic template."""
        return [(self[name], self.why_we_ask.get(name, "")) for name in self.fields]

    def error_links(self):
        """(target id, message) pairs for the error summary at the top of the page."""
        links = []
        for message in self.non_field_errors():
            links.append(("", message))
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            bound = self[name]
            target = bound.id_for_label or f"{bound.auto_id}_0"
            for message in errors:
                links.append((target, label_and_text(bound.label, message)))  # never « ? : »
        return links


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# No date a person gives here can be older than this: nothing was shared online before it
# (a year like 1 or 1900 is a slip of the keyboard, not a date the court can use).
EARLIEST_EVENT = date(1990, 1, 1)


def date_not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date is in the future. Check the year."))


def date_not_too_old(value):
    if value and value < EARLIEST_EVENT:
        raise ValidationError(_("This date is too far in the past. Check the year."))


def birth_date_plausible(value):
    today = timezone.localdate()
    if value and value < date(today.year - vocabulary.OLDEST_AGE - 1, today.month, 1):
        raise ValidationError(_("This date of birth is too far in the past. Check the year."))


def age_on(born: date, day: date) -> int:
    """Age in full years on `day` of someone born on `born`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, date):
            return value.isoformat()
        return value


def date_field(label, help_text="", *, required=True, validators=(date_not_too_old,)):
    """A date typed in the browser's date box (YYYY-MM-DD), never in the future, never
    implausibly old (`validators` says what "too old" means for this date)."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=DateInput(),
        validators=[date_not_in_future, *validators],
        input_formats=["%Y-%m-%d"],
    )


def optional_date_field(label, help_text="", *, validators=(date_not_too_old,)):
    return date_field(label, help_text, required=False, validators=validators)


ALLOWED_SCHEMES = {"http", "https"}
DEFAULT_PORTS = {"http": 80, "https": 443}
_url_validator = URLValidator(schemes=sorted(ALLOWED_SCHEMES))

# Query parameters that only say who shared a link or which campaign it came from, never which
# page it is: the lists browsers and cleaners keep (Brave's query filter, Firefox's query
# stripping list, ClearURLs, AdGuard's URL tracking filter). Removing them leaves the address
# people can open, and lets two copies of one link be recognised as one place.
TRACKING_PARAMETER_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid",
    "yclid", "igshid", "igsh", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hssc", "__hstc",
    "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv",
    "rb_clickid", "s_cid", "_openstat", "wickedid", "li_fat_id", "srsltid", "mibextid",
    "ml_subscriber", "ml_subscriber_hash", "__s",
})
# Names that are trackers only on some sites (elsewhere "si" or "t" may say which page it is).
TRACKING_PARAMETERS_ON = {
    ("youtube.com", "youtu.be", "spotify.com"): frozenset({"si", "feature", "pp"}),
    ("twitter.com", "x.com"): frozenset({"ref_src", "ref_url", "s", "t"}),
    ("facebook.com",): frozenset({"__cft__[0]", "__tn__", "rdid", "share_url"}),
    ("tiktok.com",): frozenset({"_r", "_t", "is_from_webapp", "sender_device", "is_copy_url"}),
    ("reddit.com",): frozenset({"share_id", "rdt"}),
}


def _is_tracking_parameter(name: str, host: str) -> bool:
    name = name.lower()
    if name in TRACKING_PARAMETERS or name.startswith(TRACKING_PARAMETER_PREFIXES):
        return True
    return any(
        name in names and any(host == site or host.endswith("." + site) for site in sites)
        for sites, names in TRACKING_PARAMETERS_ON.items()
    )


def _query_without_tracking(query: str, host: str) -> str:
    """The query with its tracking parameters removed; every other part exactly as typed."""
    kept = []
    for part in query.split("&"):
        if not part:
            continue
        name = unquote_plus(part.split("=", 1)[0])
        if not _is_tracking_parameter(name, host):
            kept.append(part)
    return "&".join(kept)


def url_normalise(raw: str, *, max_length: int = URL_MAX) -> str:
    """Check and normalise a web address, or raise ValidationError with a clear message.

    Only http and https are accepted (never javascript:, data:, file:, ftp: …). What is kept
    is the address people can open: the host is lower-cased, a default port, the #fragment
    and tracking parameters (utm_*, fbclid, si on YouTube…) are dropped; the path and the
    rest of the query are kept as typed. `url_identity` says when two addresses are the same
    place.
    """
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Enter a web address."))
    too_long = ValidationError(
        _("This address is too long (%(max)s characters at most)."), params={"max": max_length}
    )
    if len(text) > max_length * 4:  # far too long, even with tracking parameters
        raise too_long
    first = text.split("/")[0]
    if "://" not in text and (":" not in first or re.fullmatch(r"[^:]+\.[^:]+:\d+", first)):
        text = "https://" + text  # "example.com/photo" or "example.com:8080/photo"
    try:
        parts = urlsplit(text)
        port = parts.port  # an impossible port ("…:99999") is refused here
    except ValueError:  # for example an unclosed IPv6 bracket: "https://[::1"
        raise ValidationError(
            _("This does not look like a web address. Copy it from the address bar.")
        ) from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise ValidationError(
            _("Only web addresses that start with http:// or https:// can be used here.")
        )
    try:
        _url_validator(text)
    except ValidationError:
        raise ValidationError(
            _("This does not look like a web address. Copy it from the address bar.")
        ) from None
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{host}"
    if port and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    address = urlunsplit((scheme, netloc, path, _query_without_tracking(parts.query, host), ""))
    if len(address) > max_length:
        raise too_long
    return address


def url_identity(url: str) -> str:
    """What makes two addresses the same place: the same host, port, path and query once
    normalised, whether http or https, with or without a trailing slash. "" for an address
    that is not a web address."""
    try:
        address = url_normalise(url, max_length=len(url or "") + len("https://"))
    except ValidationError:
        return ""
    parts = urlsplit(address)
    return f"{parts.netloc}{parts.path.rstrip('/')}?{parts.query}"

