# Issue 14: every list's filter and default sort from an index (partial where it helps).

from django.db import migrations, models

SUBMITTED = ~models.Q(status="draft")
CLOSED = ("declined", "not_adopted", "not_selected", "withdrawn", "completed")
# The statuses in the order of the workflow (proposals.states.Status), as of this migration.
WORKFLOW = (
    "draft",
    "received",
    "consulting",
    "declined",
    "planning",
    "adopted",
    "not_adopted",
    "selecting",
    "selected",
    "not_selected",
    "agreed",
    "operating",
    "completed",
    "withdrawn",
)
STATUS_ORDER = models.Case(
    *(
        models.When(status=status, then=models.Value(number))
        for number, status in enumerate(WORKFLOW)
    ),
    output_field=models.IntegerField(),
)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0011_search_grams"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_org_idx",
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["organization", "-updated_at", "-id"], name="proposal_org_updated_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=SUBMITTED,
                fields=["next_due_on", "-submitted_at", "-id"],
                name="proposal_worklist_due_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=SUBMITTED,
                fields=["next_due_on", "submitted_at", "id"],
                name="proposal_admin_due_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=SUBMITTED,
                fields=["-submitted_at", "-id"],
                name="proposal_received_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=SUBMITTED, fields=["title", "id"], name="proposal_title_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                STATUS_ORDER,
                models.F("next_due_on"),
                models.F("id"),
                condition=SUBMITTED,
                name="proposal_status_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=SUBMITTED & ~models.Q(status__in=CLOSED),
                fields=[
                    "next_due_on",
                    "status",
                    "last_city_message_at",
                    "last_proposer_message_at",
                ],
                name="proposal_open_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="departmentassignment",
            index=models.Index(fields=["department", "proposal"], name="assignment_department_idx"),
        ),
    ]
