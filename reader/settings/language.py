"""Which language the interface speaks: the ``language`` setting, else the environment.

Only the choice is made here; the translations themselves are gettext's, elsewhere. The
order is gettext's own: ``LANGUAGE`` (a list, its first entry counts), ``LC_ALL``,
``LC_MESSAGES``, ``LANG``; the first one set decides, Portuguese of any country (``pt``,
``pt_PT.UTF-8``) being Brazilian Portuguese, the one translation there is, and anything
else English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from reader.settings.options import Language, Settings

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def interface_language(
    setting: Language | Settings = "auto", environ: Mapping[str, str] | None = None
) -> Literal["en", "pt-BR"]:
    """``"en"`` or ``"pt-BR"``: the setting when it names one, else what the locale
    variables in ``environ`` (default: this process's) ask for."""
    chosen = setting.language if isinstance(setting, Settings) else setting
    if chosen != "auto":
        return chosen
    variables = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = variables.get(variable, "").split(":")[0].strip()
        if value:
            return "pt-BR" if value.casefold().startswith("pt") else "en"
    return "en"
