"""Forms for helper pages. They validate one screen; services do the writing."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.accounts.models import HelperRole
from requests import vocabulary
from requests.forms.base import date_not_in_future, date_not_too_old


class HelperForm(forms.Form):
    """Crispy layout without its own <form> tag, and links for the error summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> has its own token (none on GET)

    def error_links(self):
        """(target id, message) pairs for the error summary at the top of the page."""
        links = [("", message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            bound = self[name]
            target = bound.id_for_label or f"{bound.auto_id}_0"
            links.extend((target, f"{bound.label}: {message}") for message in errors)
        return links


class SignInForm(HelperForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "username"


class OneTimeCodeForm(HelperForm):
    code = forms.RegexField(
        label=_("6-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6 digits shown in the app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
        ),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class InvitationCodeForm(HelperForm):
    code = forms.CharField(
        label=_("Invitation code"),
        help_text=_(
            "16 letters and numbers, for example K7QM-3XWD-9PRT-H4NB. It is at the end of "
            "your invitation link, after the # sign."
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class InvitationAcceptForm(HelperForm):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("A person who shares an application with you sees this name."),
    )
    email = forms.EmailField(
        label=_("Email address"), max_length=254, help_text=_("You sign in with it.")
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        help_text=_("At least 12 characters. A few unrelated words are easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("An account already uses this email address."))
        return email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            user = get_user_model()(
                username=cleaned.get("email", ""), email=cleaned.get("email", "")
            )
            try:
                validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InviteForm(HelperForm):
    name = forms.CharField(label=_("Name of the person you invite"), max_length=200)
    email = forms.EmailField(
        label=_("Their email address (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only to remind you who the link is for. No email is sent."),
    )
    role = forms.ChoiceField(
        label=_("Their role"), choices=HelperRole.choices, widget=forms.RadioSelect
    )
    is_org_admin = forms.BooleanField(
        label=_("They can also invite staff and see the activity of the organisation"),
        required=False,
    )


class ShareCodeRedeemForm(HelperForm):
    code = forms.CharField(
        label=_("Share code"),
        max_length=20,
        help_text=_("12 letters and numbers the person gives you, for example K7QM-3XWD-9PRT."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class FindForm(HelperForm):
    reference = forms.CharField(
        label=pgettext_lazy("short reference of an application", "Reference"),
        max_length=12,
        required=False,
    )


class ConsentForm(HelperForm):
    consented_by = forms.CharField(
        label=_("Who gave their consent?"),
        max_length=200,
        help_text=_("The full name of the person shown, or of their parent or tutor."),
    )
    consent_date = forms.DateField(
        label=_("When?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the consent was given."),
    )
    method = forms.ChoiceField(
        label=_("How was it given?"), choices=vocabulary.choices(vocabulary.CONSENT_METHODS), widget=forms.RadioSelect
    )
    scope = forms.MultipleChoiceField(
        label=_("What may you do?"),
        choices=vocabulary.choices(vocabulary.CONSENT_SCOPES),
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_consent_date(self):
        value = self.cleaned_data["consent_date"]
        date_not_in_future(value)
        date_not_too_old(value)
        return value


class ShareCodeCreateForm(HelperForm):
    share_with_organisation = forms.BooleanField(
        label=_("Also let the helper's colleagues in the same organisation see it"),
        help_text=_("Useful if another worker may take over. You can withdraw access at any time."),
        required=False,
    )


class CaseLabelForm(HelperForm):
    text = forms.CharField(
        label=_("Your label for this case"),
        max_length=80,
        required=False,
        help_text=_(
            "Something that helps you tell your cases apart, such as your own file number. "
            "Only people of your organisation who can see this case see it. It is never "
            "printed. Leave it empty to remove it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
