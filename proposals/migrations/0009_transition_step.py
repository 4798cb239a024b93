"""The workflow's log names what it records a step (issue 11): ProposalTransition.action →
step, the same column renamed, its codes unchanged (`adopt`, `withdraw`…). Reversible."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0008_department_assignment"),
    ]

    operations = [
        migrations.RenameField(model_name="proposaltransition", old_name="action", new_name="step"),
        migrations.AlterField(
            model_name="proposaltransition",
            name="step",
            field=models.CharField(
                choices=[
                    ("submit", "Submit"),
                    ("start_dialogue", "Start the dialogue"),
                    ("decline", "Do not take forward"),
                    ("to_planning", "Move on to planning"),
                    ("adopt", "Adopt"),
                    ("not_adopt", "Do not adopt"),
                    ("start_selection", "Start selecting the implementer"),
                    ("apply", "Apply to the open call"),
                    ("select", "Select as the implementer"),
                    ("not_select", "Do not select"),
                    ("agree", "Record the agreement"),
                    ("start_operation", "Start operation"),
                    ("complete", "Complete the case"),
                    ("withdraw", "Withdraw"),
                ],
                max_length=20,
                verbose_name="step",
            ),
        ),
    ]
