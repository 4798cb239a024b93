"""Who sees a case besides its organisation: the departments in charge (担当課), and the
object permissions that grant it (django-guardian, through groups: permissions.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from accounts.models import Department

from .case import Proposal


class ProposalUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Proposal, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("proposal permission of a user")
        verbose_name_plural = _("proposal permissions of users")


class ProposalGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Proposal, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("proposal permission of a group")
        verbose_name_plural = _("proposal permissions of groups")


class DepartmentAssignment(models.Model):
    """担当課の割当: a department in charge of a case; it grants the department's group."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="assignments"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department assignment")
        verbose_name_plural = _("department assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "department"], name="assignment_unique")
        ]
        # A department's cases (its work list, the department filters) from the index alone.
        indexes = [
            models.Index(fields=["department", "proposal"], name="assignment_department_idx")
        ]

    def __str__(self):
        # 「R8-0012 環境政策課」: the case by its reference, never its database key.
        return f"{self.proposal.short_label} {self.department}"
