"""Goals on the list: a theme's goals on the four viewpoints with their indicators, and the
staff groups' permissions on them (edited as inlines of the theme, as its files are: the office
and department staff alike; the admin limits a department to its own themes)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

MODELS = ["themegoal", "themeindicator"]
CODENAMES = [f"{verb}_{model}" for model in MODELS for verb in ("view", "add", "change", "delete")]
GROUPS = ("office_staff", "department_staff")


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="cocreation_list", codename__in=CODENAMES
    )


def grant_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="cocreation_list", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('cocreation_list', '0006_list_indexes'),
        ('accounts', '0002_staff_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='ThemeIndicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('viewpoint', models.CharField(choices=[('citizens', 'Citizens and users'), ('financial', 'Finance'), ('growth', 'Growth and development'), ('region', 'Region and society')], max_length=10, verbose_name='viewpoint')),
                ('name', models.CharField(max_length=200, verbose_name='indicator')),
                ('unit', models.CharField(blank=True, max_length=30, verbose_name='unit')),
                ('baseline', models.CharField(blank=True, max_length=50, verbose_name='baseline')),
                ('target', models.CharField(max_length=50, verbose_name='target value')),
                ('target_on', models.DateField(blank=True, null=True, verbose_name='target date')),
                ('theme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='cocreation_list.theme', verbose_name='theme')),
            ],
            options={
                'verbose_name': 'indicator of the theme',
                'verbose_name_plural': 'indicators of the theme',
                'ordering': ['theme', 'viewpoint', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ThemeGoal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('viewpoint', models.CharField(choices=[('citizens', 'Citizens and users'), ('financial', 'Finance'), ('growth', 'Growth and development'), ('region', 'Region and society')], max_length=10, verbose_name='viewpoint')),
                ('description', models.TextField(max_length=2000, verbose_name='goal')),
                ('theme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='goals', to='cocreation_list.theme', verbose_name='theme')),
            ],
            options={
                'verbose_name': 'goal of the theme',
                'verbose_name_plural': 'goals of the theme',
                'ordering': ['theme', 'viewpoint'],
                'constraints': [models.UniqueConstraint(fields=('theme', 'viewpoint'), name='theme_goal_one_per_viewpoint', violation_error_code='viewpoint_taken', violation_error_message='This theme already has a goal on this viewpoint. Edit that goal instead.')],
            },
        ),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
