"""allauth's sign-up form is built on this one (ACCOUNT_SIGNUP_FORM_CLASS): the apps' parts of
a sign-up put together here, so that neither app imports the other.

- accounts: the person's name (氏名), shown to colleagues and the city staff;
- terms: the proposal terms and the privacy notice, accepted with the account.
"""

from accounts.forms import PersonNameSignupForm
from terms.forms import FIELD as TERMS_FIELD
from terms.forms import SignupForm as TermsSignupForm


class SignupForm(PersonNameSignupForm, TermsSignupForm):
    field_order = ["email", "full_name", "password1", "password2", TERMS_FIELD]
