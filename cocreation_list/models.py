"""The co-creation list (共創リスト): fields, themes, their files and their Q&A."""

import datetime
import os

from django.core.validators import FileExtensionValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Department
from mishima_kyoso.search import Searchable
from mishima_kyoso.storage import PUBLIC, storage_alias

PUBLIC_FILE_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "png", "jpg", "jpeg"]


class Field(models.Model):
    """行政分野: the administrative field a theme or a free proposal belongs to."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ThemeQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: published and closed themes, never drafts."""
        return self.filter(status__in=[Theme.Status.PUBLISHED, Theme.Status.CLOSED])

    def _open_on(self, on):
        return (
            Q(status=Theme.Status.PUBLISHED)
            & (Q(accepts_from__isnull=True) | Q(accepts_from__lte=on))
            & (Q(is_year_round=True) | Q(accepts_until__gte=on))
        )

    def accepting(self, on=None):
        """Themes that accept proposals on the given day (today by default)."""
        return self.filter(self._open_on(on or timezone.localdate()))

    def upcoming(self, on=None):
        return self.filter(
            status=Theme.Status.PUBLISHED, accepts_from__gt=on or timezone.localdate()
        )

    def closed(self, on=None):
        """Closed by the office, or past their deadline."""
        on = on or timezone.localdate()
        return self.filter(
            Q(status=Theme.Status.CLOSED)
            | Q(status=Theme.Status.PUBLISHED, is_year_round=False, accepts_until__lt=on)
        )


class Theme(Searchable):
    """共創リストのテーマ: a social issue the city wants proposals for."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("theme status", "Draft")
        PUBLISHED = "published", pgettext_lazy("theme status", "Published")
        CLOSED = "closed", pgettext_lazy("theme status", "Closed")

    number = models.PositiveIntegerField(
        _("theme number"), unique=True, editable=False, help_text=_("Public number, given once.")
    )
    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(_("background and current issue"))
    wanted = models.TextField(_("proposals wanted"))
    business_role = models.TextField(_("role expected of a business"))
    city_offer = models.TextField(
        _("what the city can offer"), help_text=_("Data, facilities, publicity and so on.")
    )
    conditions = models.TextField(_("conditions"), blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="themes"
    )
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), related_name="themes")
    is_year_round = models.BooleanField(
        _("year-round"), default=False, help_text=_("Accepts proposals all year (通年).")
    )
    accepts_from = models.DateField(_("accepting from"), null=True, blank=True)
    accepts_until = models.DateField(_("accepting until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    contact = models.TextField(
        _("contact"), blank=True, help_text=_("Leave empty to show the department's contact.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ThemeQuerySet.as_manager()

    SEARCHED_FIELDS = (
        "title",
        "background",
        "wanted",
        "business_role",
        "city_offer",
        "conditions",
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["-published_at", "-number"]
        indexes = [
            models.Index(fields=["status", "accepts_until"], name="theme_status_until_idx"),
            # The public list's default order (/themes/: newest first), of the public themes.
            models.Index(
                fields=["-published_at", "-number"],
                name="theme_public_newest_idx",
                condition=Q(status__in=["published", "closed"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepts_from__isnull=True)
                | Q(accepts_until__isnull=True)
                | Q(accepts_from__lte=models.F("accepts_until")),
                name="theme_period_in_order",
                violation_error_code="period_order",
                violation_error_message=_(
                    "The end of the call period is before its start. Check both dates."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_year_round=False) | Q(accepts_until__isnull=True),
                name="theme_year_round_has_no_end",
                violation_error_code="year_round_end",
                violation_error_message=_(
                    "A year-round theme has no end date. Clear the end date or untick year-round."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="theme_public_has_publication_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Searchable.save() refreshes the search columns from SEARCHED_FIELDS.
        if self.number is not None:
            return super().save(*args, **kwargs)
        # A public number is never reused: public themes cannot be deleted (admin), and two
        # themes created at the same moment retry with the next number instead of failing.
        for attempt in range(5):
            self.number = (Theme.objects.aggregate(top=Max("number"))["top"] or 0) + 1
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                clash = Theme.objects.filter(number=self.number).exists()
                self.number = None
                if attempt == 4 or not clash:
                    raise

    def get_absolute_url(self):
        return reverse("cocreation_list:theme_detail", args=[self.number])

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.CLOSED)

    def is_accepting(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (
            self.status == self.Status.PUBLISHED
            and (self.accepts_from is None or self.accepts_from <= on)
            and (
                self.is_year_round or (self.accepts_until is not None and on <= self.accepts_until)
            )
        )

    def is_upcoming(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == self.Status.PUBLISHED and bool(
            self.accepts_from and self.accepts_from > on
        )

    def days_left(self, on: datetime.date | None = None) -> int | None:
        """Days until the deadline, counting the deadline day itself as 0; None if year-round."""
        if self.is_year_round or self.accepts_until is None or not self.is_accepting(on):
            return None
        return (self.accepts_until - (on or timezone.localdate())).days

    def call_state(self, on: datetime.date | None = None) -> str:
        """accepting / upcoming / closed, as the public list shows it."""
        if self.is_accepting(on):
            return "accepting"
        if self.is_upcoming(on):
            return "upcoming"
        return "closed"

    def get_call_state_display(self, on: datetime.date | None = None) -> str:
        return CALL_STATES[self.call_state(on)]

    @property
    def public_contact(self) -> str:
        if self.contact:
            return self.contact
        department = self.department
        return "\n".join(
            part for part in (department.name, department.phone, department.email) if part
        )


CALL_STATES = {
    "accepting": _("Accepting proposals"),
    "upcoming": _("Opens soon"),
    "closed": _("Closed"),
}


def public_storage():
    """The public store (settings.STORAGES["public"]), apart from the proposals' private one."""
    return storage_alias(PUBLIC)


def theme_file_path(instance, filename):
    extension = os.path.splitext(filename)[1].lower()
    return f"themes/{timezone.now():%Y/%m}/{os.urandom(12).hex()}{extension}"


class ThemeAttachment(models.Model):
    """A public document of a theme (資料), served through a view, never by URL guessing."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=theme_file_path,
        storage=public_storage,
        max_length=200,
        validators=[FileExtensionValidator(PUBLIC_FILE_EXTENSIONS)],
    )
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    class Meta:
        verbose_name = _("public attachment")
        verbose_name_plural = _("public attachments")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.original_name = os.path.basename(self.file.name)[:255]
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cocreation_list:attachment", args=[self.theme.number, self.pk])

    @property
    def extension(self) -> str:
        return os.path.splitext(self.original_name)[1].lstrip(".").upper()


class PublicQuestionQuerySet(models.QuerySet):
    def answered(self):
        """The questions with an answer: the only ones ever shown publicly."""
        return self.filter(answered_at__isnull=False)


class PublicQuestion(models.Model):
    """質問と回答: a question from a business and the city's answer, public once answered.

    共創指針 原則3 (fairness): every business sees the same answer, and never who asked. The
    theme's Q&A and the open call's (proposals.CallQuestion) share this shape.
    """

    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    asked_on = models.DateField(_("asked on"), default=timezone.localdate)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)

    objects = PublicQuestionQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["asked_on", "pk"]

    def __str__(self):
        return self.question[:40]

    def save(self, *args, **kwargs):
        if self.answer.strip() and self.answered_at is None:
            self.answered_at = timezone.now()
        elif not self.answer.strip():
            self.answered_at = None
        super().save(*args, **kwargs)

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class ThemeQuestion(PublicQuestion):
    """質問と回答 on a theme (PublicQuestion), entered and answered by the office."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="questions"
    )

    class Meta(PublicQuestion.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")


# Goals on the list (目標共有) ------------------------------------------------------------------


class Viewpoint(models.TextChoices):
    """The four viewpoints goals are shared along (共創指針 原則2): a theme's goals here, a
    case's in proposals.SharedGoal, which starts from its theme's. The one home of the codes."""

    CITIZENS = "citizens", _("Citizens and users")
    FINANCIAL = "financial", _("Finance")
    GROWTH = "growth", _("Growth and development")
    REGION = "region", _("Region and society")


class ThemeGoal(models.Model):
    """テーマの目標: the goal the city sets on one viewpoint, public with the theme; a proposal
    on the theme starts from it (proposals.effects), and the dialogue refines the case's copy."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="goals"
    )
    viewpoint = models.CharField(_("viewpoint"), max_length=10, choices=Viewpoint.choices)
    description = models.TextField(_("goal"), max_length=2000)

    class Meta:
        verbose_name = _("goal of the theme")
        verbose_name_plural = _("goals of the theme")
        # The codes sort as the guidelines list the viewpoints (citizens … region).
        ordering = ["theme", "viewpoint"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "viewpoint"],
                name="theme_goal_one_per_viewpoint",
                violation_error_code="viewpoint_taken",
                violation_error_message=_(
                    "This theme already has a goal on this viewpoint. Edit that goal instead."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_viewpoint_display()}: {self.description[:30]}"


class ThemeIndicator(models.Model):
    """指標と目標値: how the theme's goal on a viewpoint is measured, with its target; edited
    beside the goals on the theme (the admin), and shown and copied under the goal of its
    viewpoint."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="indicators"
    )
    viewpoint = models.CharField(_("viewpoint"), max_length=10, choices=Viewpoint.choices)
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.CharField(_("baseline"), max_length=50, blank=True)
    target = models.CharField(_("target value"), max_length=50)
    target_on = models.DateField(_("target date"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator of the theme")
        verbose_name_plural = _("indicators of the theme")
        ordering = ["theme", "viewpoint", "pk"]

    def __str__(self):
        return self.name
