"""Forms around the walkthrough: resume code, pasted answers, delete confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from requests import answers_io


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_(
            "16 letters and numbers, for example K7QM-3XWD-9PRT-H4NB. Spaces and dashes do not matter."
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class ImportForm(forms.Form):
    # A textarea on purpose: no file input anywhere on this site.
    text = forms.CharField(
        label=_("Paste your answers here"),
        help_text=_(
            "Open the answers file you downloaded with a text editor, copy everything, and paste it here."
        ),
        max_length=answers_io.IMPORT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        strip=False,
    )


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete everything now. I understand it cannot be undone."),
    )
