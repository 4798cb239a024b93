"""Forms of the organisation pages: they shape the input; services decide and write."""

import unicodedata

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import validators
from .models import Organization, User
from .services import ORGANIZATION_FIELDS

NAME_MAX_LENGTH = User._meta.get_field("full_name").max_length


def _text(name, *, required=True, autocomplete=None, inputmode=None, required_message=None):
    """A text field labelled from the model, without a length check of its own.

    The input is normalised in ``clean_<name>`` first; the model then checks the length and
    the format of what will be stored, so '5835-6782-56246' (15 characters) is not refused
    for being longer than the 13 digits it becomes.
    """
    model_field = Organization._meta.get_field(name)
    attrs = {}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if inputmode:
        attrs["inputmode"] = inputmode
    error_messages = {"required": required_message} if required_message else {}
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        help_text=model_field.help_text,
        required=required,
        strip=True,
        widget=forms.TextInput(attrs=attrs),
        error_messages=error_messages,
    )


class OrganizationForm(forms.ModelForm):
    """事業者情報. Full-width and half-width input is normalised (NFKC) before validation."""

    name = _text(
        "name",
        autocomplete="organization",
        required_message=_("Enter the name of the organisation."),
    )
    name_kana = _text("name_kana", required_message=_("Enter the reading of the name in katakana."))
    corporate_number = _text("corporate_number", required=False, inputmode="numeric")
    postal_code = _text(
        "postal_code",
        autocomplete="postal-code",
        inputmode="numeric",
        required_message=_("Enter the postal code."),
    )
    address = _text(
        "address", autocomplete="street-address", required_message=_("Enter the address.")
    )
    representative = _text(
        "representative", required_message=_("Enter the name of the representative.")
    )
    contact_person = _text(
        "contact_person",
        autocomplete="name",
        required_message=_("Enter the name of the contact person."),
    )
    phone = _text(
        "phone", autocomplete="tel", inputmode="tel", required_message=_("Enter a phone number.")
    )
    email = _text(
        "email",
        autocomplete="email",
        inputmode="email",
        required_message=_("Enter an e-mail address."),
    )

    class Meta:
        model = Organization
        fields = ORGANIZATION_FIELDS
        widgets = {"size": forms.RadioSelect}
        error_messages = {"size": {"required": _("Choose the kind of organisation.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["size"].choices = Organization.Size.choices  # radios: no empty choice
        self.fields["name_kana"].help_text = _("Hiragana is converted to katakana for you.")
        self.fields["postal_code"].help_text = _("7 digits, for example 411-8666.")
        self.fields["phone"].help_text = _("For example 055-983-2616.")

    def _plain(self, name, normalize=validators.normalize_text, validate=None):
        """Normalise first, then validate what will be stored; one clear error per field."""
        value = normalize(self.cleaned_data.get(name, ""))
        validators.validate_plain_text(value)
        if value and validate is not None:
            validate(value)
        return value

    def clean_name(self):
        return self._plain("name")

    def clean_name_kana(self):
        return self._plain("name_kana", validators.normalize_kana, validators.validate_kana)

    def clean_corporate_number(self):
        return self._plain(
            "corporate_number",
            validators.normalize_corporate_number,
            validators.validate_corporate_number,
        )

    def clean_postal_code(self):
        return self._plain(
            "postal_code", validators.normalize_postal_code, validators.validate_postal_code
        )

    def clean_address(self):
        return self._plain("address")

    def clean_representative(self):
        return self._plain("representative")

    def clean_contact_person(self):
        return self._plain("contact_person")

    def clean_phone(self):
        return self._plain("phone", validators.normalize_phone, validators.validate_phone)

    def clean_email(self):
        return self._plain("email", validators.normalize_email, validate_email)

    def _post_clean(self):
        super()._post_clean()
        # The uniqueness of the corporate number is a conditional constraint, which Django
        # reports for the whole form: show it beside the field, where the person looks.
        errors = self._errors.get(NON_FIELD_ERRORS)
        if not errors:
            return
        taken = [error for error in errors.as_data() if error.code == "corporate_number_taken"]
        if taken:
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                [error for error in errors.as_data() if error.code != "corporate_number_taken"],
                error_class="nonfield",
                renderer=self.renderer,
            )
            if not self._errors[NON_FIELD_ERRORS]:
                del self._errors[NON_FIELD_ERRORS]
            self.add_error("corporate_number", taken[0])


class InvitationForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail address of the colleague"),
        help_text=_("They receive a link that works for 7 days, with this address only."),
        max_length=254,
        error_messages={"required": _("Enter the e-mail address of the colleague.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "invite")
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = validators.normalize_email(self.cleaned_data["email"]).lower()
        validate_email(email)
        return email


class AcceptInvitationForm(forms.Form):
    """The button that accepts, and the place for a refusal; the person's name too when their
    account has none yet (made before sign-up asked it), since the new colleagues see it."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.full_name:
            self.fields["full_name"] = person_name_field()

    def clean_full_name(self):
        return clean_person_name(self.cleaned_data.get("full_name", ""))


def clean_person_name(value: str) -> str:
    """A person's name (氏名) as it will be stored: NFKC, runs of spaces made one, ends trimmed;
    refused if it holds a control character, no letter at all (spaces, zero-width characters)
    or more than the column takes. Each refusal in words, with its code."""
    name = validators.normalize_text(value)
    validators.validate_plain_text(name)
    if not any(unicodedata.category(char)[0] in "LN" for char in name):
        raise ValidationError(_("Enter your name."), code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("Enter your name in %(limit)d characters or fewer (now %(length)d).")
            % {"limit": NAME_MAX_LENGTH, "length": len(name)},
            code="max_length",
        )
    return name


def person_name_field(**kwargs) -> forms.CharField:
    """氏名: what colleagues and the city staff see instead of an e-mail address."""
    return forms.CharField(
        label=_("Your name"),
        help_text=_(
            "Shown to the members of your organisation and to the city staff, for example "
            "山田 花子."
        ),
        strip=False,  # clean_person_name normalises; the length is checked after that
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
        **kwargs,
    )


class PersonNameSignupForm(forms.Form):
    """The name asked at sign-up; allauth's form is built on it together with the terms' boxes
    (mishima_kyoso.signup, ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = person_name_field()

    def clean_full_name(self):
        return clean_person_name(self.cleaned_data.get("full_name", ""))

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])
        more = getattr(super(), "signup", None)
        if more is not None:
            more(request, user)


class NameForm(forms.ModelForm):
    """The signed-in person's own name, on the organisation page (and for accounts made before
    sign-up asked it)."""

    full_name = person_name_field()

    class Meta:
        model = User
        fields = ["full_name"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "person")
        super().__init__(*args, **kwargs)

    def clean_full_name(self):
        return clean_person_name(self.cleaned_data.get("full_name", ""))
