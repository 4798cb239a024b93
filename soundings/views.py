"""Public pages of soundings, and the business's registration and own records."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import member_required
from mishima_kyoso.common.caching import public_page
from mishima_kyoso.common.pagination import ListPaginator

from . import selectors, services
from .forms import RegistrationForm

PER_PAGE = getattr(settings, "KYOSO_SOUNDINGS_PER_PAGE", 20)


@public_page
def sounding_list(request):
    """/soundings/: every public sounding, newest first, in pages."""
    paginator = ListPaginator(selectors.public_soundings(), PER_PAGE, bound=None)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "soundings/list.html",
        {
            "page_obj": page,
            "soundings": page.object_list,
            "result_count": paginator.count,
            "today": timezone.localdate(),
        },
    )


@public_page
def sounding_detail(request, number):
    """/soundings/<number>/: the public sounding; a registered business also sees its own
    registration and the records of its dialogue (nobody else's)."""
    sounding = get_object_or_404(selectors.public_sounding_detail(), number=number)
    registration = selectors.own_registration(request.user, sounding)
    return render(
        request,
        "soundings/detail.html",
        {
            "sounding": sounding,
            "accepting": sounding.is_accepting(),
            "registration": registration,
            "named_participants": selectors.named_participants(sounding),
        },
    )


@member_required
def register(request, number):
    """/soundings/<number>/register/: a business registers for the dialogue."""
    sounding = get_object_or_404(selectors.public_sounding_detail(), number=number)
    if selectors.own_registration(request.user, sounding) is not None:
        messages.info(request, _("Your organisation has already registered for this sounding."))
        return redirect(sounding)
    organization = request.user.membership.organization
    initial = {
        "contact_name": request.user.full_name or organization.contact_person,
        "contact_email": request.user.email,
        "contact_phone": organization.phone,
    }
    form = RegistrationForm(request.POST or None, sounding=sounding, initial=initial)
    refusal = None
    if not sounding.is_accepting():
        refusal = _(
            "Registration for this sounding has closed. Please contact the office if you "
            "wish to take part."
        )
    elif request.method == "POST" and form.is_valid():
        try:
            services.register(
                sounding=sounding, organization=organization, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your registration has been received."))
            return redirect(sounding)
    return render(
        request,
        "soundings/register.html",
        {"sounding": sounding, "form": form, "refusal": refusal},
    )


@member_required
def my_soundings(request):
    """/my/soundings/: the business's registrations, with the records of each dialogue."""
    return render(
        request,
        "soundings/my_soundings.html",
        {"registrations": selectors.my_registrations(request.user)},
    )
