"""Users (e-mail login) and the city's departments (担当課)."""

import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager, Group
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mishima_kyoso.search import Searchable

from . import validators


class Department(models.Model):
    """担当課: a department of the city that owns themes and, later, cases."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Short English code used in URLs.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="department",
        help_text="Holds the object permissions on the cases assigned to the department.",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.group_id is None:
            self.group = Group.objects.create(name=f"department:{secrets.token_hex(8)}")
        super().save(*args, **kwargs)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in with an e-mail address."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Only for department staff (担当課)."),
    )
    is_evaluator = models.BooleanField(
        _("evaluator"),
        default=False,
        editable=False,
        help_text=_("Set when the person is assigned to an evaluation round (選定委員)."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_code="email_taken",
                violation_error_message=_("A user with this e-mail address already exists."),
            )
        ]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "department" in update_fields:
            self.sync_department_group()

    def sync_department_group(self):
        """Department staff are in their department's group, which holds the grants on its
        assigned cases (DESIGN §5); moving a person to another department moves the grants."""
        wanted = {self.department.group_id} if self.department_id else set()
        current = set(self.groups.filter(department__isnull=False).values_list("pk", flat=True))
        if current - wanted:
            self.groups.remove(*(current - wanted))
        if wanted - current:
            self.groups.add(*(wanted - current))

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email


class Organization(Searchable):
    """事業者: the business (or group, or sole proprietor) that proposes."""

    # Found by name or reading (the staff lists, the admin) through mishima_kyoso.search.
    SEARCHED_FIELDS = ("name", "name_kana")

    class Size(models.TextChoices):
        SOLE = "sole", _("Sole proprietor")
        SMALL = "small", _("Small or medium-sized enterprise")
        LARGE = "large", _("Large enterprise")
        NONPROFIT = "nonprofit", _("NPO or association")
        ACADEMIC = "academic", _("University or research institute")
        OTHER = "other", _("Other")

    name = models.CharField(_("organisation name"), max_length=200)
    name_kana = models.CharField(
        _("organisation name (katakana)"), max_length=200, validators=[validators.validate_kana]
    )
    corporate_number = models.CharField(
        _("corporate number"),
        max_length=13,
        blank=True,
        validators=[validators.validate_corporate_number],
        help_text=_("13 digits. Sole proprietors and groups without one leave it empty."),
    )
    postal_code = models.CharField(
        _("postal code"), max_length=8, validators=[validators.validate_postal_code]
    )
    address = models.CharField(_("address"), max_length=300)
    representative = models.CharField(_("representative"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20, validators=[validators.validate_phone])
    email = models.EmailField(_("e-mail"))
    # The column keeps its first name; what it holds is the kind of organisation (種別).
    size = models.CharField(
        _("type of organisation"),
        max_length=12,
        choices=Size.choices,
        help_text=_("A company, a sole proprietor, an NPO, a university…"),
    )
    is_local = models.BooleanField(
        _("business in the city"),
        default=False,
        help_text=_("Has its head office or a branch in the city (市内事業者)."),
    )
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="organization", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_kana", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporate_number"],
                condition=~Q(corporate_number=""),
                name="organization_corporate_number_unique",
                violation_error_code="corporate_number_taken",
                violation_error_message=_(
                    "An organisation with this corporate number is already registered. "
                    "Ask one of its members to invite you."
                ),
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's place in one organisation; every member shares its proposals."""

    user = models.OneToOneField(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} / {self.organization}"


def _invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mail invitation of a colleague to an organisation."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
