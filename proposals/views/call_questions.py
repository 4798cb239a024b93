"""A business asks a question on a published open call (公募への質問); the answer is published
on the call's public page for everyone, the questioner never named (共創指針 原則3)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import member_required
from mishima_kyoso.common.forms import add_refusal

from ..call_fairness import ask_call_question
from ..forms.call_questions import CallQuestionForm
from ..selectors import own_call_questions, published_calls
from .calls import public_call_url


@member_required
@require_http_methods(["GET", "POST"])
def ask(request, number):
    """/calls/<number>/questions/: ask within the question period; the organisation's own
    questions on the call, answered or not, below."""
    call = get_object_or_404(published_calls(), number=number)
    form = CallQuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ask_call_question(call=call, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _(
                    "Your question has been sent. The answer will be published on the call's "
                    "page for every business, without your name."
                ),
            )
            return redirect("proposals:call_question", number=call.number)
    return render(
        request,
        "proposals/call_question.html",
        {
            "call": call,
            "form": form,
            "is_accepting_questions": call.is_accepting_questions(timezone.localdate()),
            "own_questions": list(own_call_questions(call, request.user)),
            "public_url": public_call_url(call),
        },
    )
