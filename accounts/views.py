"""The organisation pages (事業者情報) and invitations.

There is no organisation id in any URL: the pages always show the signed-in person's own
organisation, so nobody can even ask for another one's. Views shape the request and call
the services; the services decide.
"""

import copy

from allauth.account.decorators import verified_email_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from mishima_kyoso.common.forms import add_refusal

from . import services
from .forms import AcceptInvitationForm, InvitationForm, NameForm, OrganizationForm
from .models import Organization


def _own_organization_or_404(user):
    organization = services.organization_of(user)
    if organization is None:
        raise Http404
    return organization


@verified_email_required
def organization_create(request):
    if request.user.is_staff:
        raise Http404  # staff never register a business (see services._check_may_join)
    if services.has_organization(request.user):
        messages.info(request, _("You already belong to an organisation."))
        return redirect("accounts:organization_detail")
    form = OrganizationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.create_organization(by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Your organisation has been registered."))
            return redirect("accounts:organization_detail")
    return render(request, "accounts/organization_form.html", {"form": form, "creating": True})


@verified_email_required
def organization_detail(request):
    """The organisation's page; a POST here sets the person's own name (氏名), which the
    members list shows (accounts made before sign-up asked it have none)."""
    organization = services.organization_of(request.user)
    if organization is None:
        # Staff have no organisation and register none: their work is in the admin.
        return redirect("admin:index" if request.user.is_staff else "accounts:organization_create")
    name_form = NameForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(request.user)
    )
    if name_form.is_bound and name_form.is_valid():
        request.user.full_name = name_form.cleaned_data["full_name"]
        request.user.save(update_fields=["full_name"])
        messages.success(request, _("Your name has been saved."))
        return redirect(reverse("accounts:organization_detail") + "#members")
    return _detail_page(request, organization, InvitationForm(), name_form)


@verified_email_required
def organization_edit(request):
    organization = _own_organization_or_404(request.user)
    # The form works on a copy: an invalid entry must not show up as the saved name.
    form = OrganizationForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(organization)
    )
    if form.is_bound and form.is_valid():
        try:
            services.update_organization(
                organization=organization, by=request.user, **form.cleaned_data
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The organisation details have been saved."))
            return redirect("accounts:organization_detail")
    return render(
        request,
        "accounts/organization_form.html",
        {"form": form, "organization": organization, "creating": False},
    )


@verified_email_required
def invite(request):
    organization = _own_organization_or_404(request.user)
    if request.method != "POST":
        return redirect("accounts:organization_detail")
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_member(
                organization=organization,
                by=request.user,
                email=form.cleaned_data["email"],
                # No request: the mail's link starts with the configured address (KYOSO_BASE_URL).
            )
        except ValidationError as refusal:
            form.add_error("email", refusal)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect(reverse("accounts:organization_detail") + "#invitations")
    return _detail_page(request, organization, form)


def _details(organization) -> list[dict]:
    """The organisation's fields as label and shown value, in the order of the form."""
    shown = {
        "size": organization.get_size_display(),
        "is_local": _("Yes") if organization.is_local else _("No"),
    }
    return [
        {
            "label": capfirst(Organization._meta.get_field(name).verbose_name),
            "value": shown.get(name, getattr(organization, name)),
        }
        for name in services.ORGANIZATION_FIELDS
    ]


def _detail_page(request, organization, invite_form, name_form=None):
    return render(
        request,
        "accounts/organization_detail.html",
        {
            "organization": organization,
            "details": _details(organization),
            "members": services.members_of(organization),
            "invitations": services.open_invitations_of(organization),
            "invite_form": invite_form,
            "name_form": name_form or NameForm(instance=request.user),
        },
    )


def invitation_accept(request, token):
    if not request.user.is_authenticated:
        # Say what to do, and nothing about the organisation: a link can be forwarded.
        return render(
            request, "accounts/invitation_accept.html", {"next_url": request.get_full_path()}
        )
    return _invitation_accept_signed_in(request, token)


@verified_email_required
def _invitation_accept_signed_in(request, token):
    invitation = refusal = None
    # The new colleagues see the person's name: asked here if the account has none yet.
    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if form.is_bound and form.is_valid():
        try:
            with transaction.atomic():  # the name and the membership, or neither
                membership = services.accept_invitation(token=token, user=request.user)
                if form.cleaned_data.get("full_name"):
                    request.user.full_name = form.cleaned_data["full_name"]
                    request.user.save(update_fields=["full_name"])
        except ValidationError as error:
            refusal = error
        else:
            messages.success(
                request,
                _("You have joined %(organization)s.")
                % {"organization": membership.organization.name},
            )
            return redirect("accounts:organization_detail")
    if refusal is None:
        try:
            invitation = services.check_invitation(token=token, user=request.user)
        except ValidationError as error:
            refusal = error
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "refusal": refusal, "form": form},
    )
