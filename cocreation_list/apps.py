from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationListConfig(AppConfig):
    name = "cocreation_list"
    verbose_name = _("Co-creation list")
