from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationListConfig(AppConfig):
    name = "cocreation_list"
    verbose_name = _("Co-creation list")

    def ready(self):
        from accounts.models import Department
        from mishima_kyoso.common.caching import bump_on_change

        from .models import (
            Field,
            Theme,
            ThemeAttachment,
            ThemeGoal,
            ThemeIndicator,
            ThemeQuestion,
        )

        # The cached public pages show these rows (mishima_kyoso.common.caching).
        bump_on_change(
            Theme,
            ThemeQuestion,
            ThemeAttachment,
            ThemeGoal,
            ThemeIndicator,
            Field,
            Department,
            through=[Theme.fields.through],
        )
