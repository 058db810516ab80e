"""Which language the interface speaks: the ``language`` setting, else the environment.

Only the choice is made here (the environment is read by :mod:`reader.text.i18n`, which
speaks the language chosen); the translations themselves are gettext's. The
order is gettext's own: ``LANGUAGE`` (a list, its first entry counts), ``LC_ALL``,
``LC_MESSAGES``, ``LANG``; the first one set decides, Portuguese of any country (``pt``,
``pt_PT.UTF-8``) being Brazilian Portuguese, the one translation there is, and anything
else English.
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.settings.options import Language, Settings
from reader.text.i18n import LOCALE_VARIABLES, InterfaceLanguage, language_from_environment

__all__ = ["LOCALE_VARIABLES", "interface_language"]


def interface_language(
    setting: Language | Settings = "auto", environ: Mapping[str, str] | None = None
) -> InterfaceLanguage:
    """``"en"`` or ``"pt-BR"``: the setting when it names one, else what the locale
    variables in ``environ`` (default: this process's) ask for."""
    chosen = setting.language if isinstance(setting, Settings) else setting
    if chosen != "auto":
        return chosen
    return language_from_environment(environ)
