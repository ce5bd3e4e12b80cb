"""A label and what follows it, written as each language writes it.

French puts a non-breaking space before « : » (« Adresse : … »); English does not. A label
that is a question already ends with « ? », so no colon is added after it (never « ? : »).
Templates write ``{{ label }}{% colon %} value`` or ``{% label_and_text label text %}``;
Python calls ``label_and_text(label, text)``.
"""

from django import template
from django.utils import translation
from django.utils.translation import pgettext

from requests.documents.typography import french_typography

register = template.Library()

ENDS_A_SENTENCE = ("?", "!", "…")


@register.simple_tag
def colon() -> str:
    """The colon after a label: « : » with a non-breaking space before it in French."""
    return pgettext("between a label and what follows it", ":")


@register.simple_tag
def label_and_text(label, text) -> str:
    """« Adresse : 1 rue … »; « Quel âge a la personne ? Entrez un âge. » for a question."""
    label = str(label).rstrip()
    if label.endswith(ENDS_A_SENTENCE):
        return f"{label} {text}"
    return f"{label}{colon()} {text}"


@register.filter(name="typography")
def typography_filter(text) -> str:
    """``{{ text|typography }}``: text from the data (a source, a note) with French spacing on
    a French page (« Les districts judiciaires » : …); unchanged in English."""
    language = translation.get_language() or "fr"
    if language.split("-")[0] == "en":
        return str(text)
    return french_typography(str(text))


@register.filter(name="of_place")
def of_place_filter(name) -> str:
    """« de Montréal » / « d’Abitibi » / "of Montréal", in the active language."""
    from django.utils import translation

    from requests.documents.typography import of_place

    return of_place(name, translation.get_language() or "fr")
