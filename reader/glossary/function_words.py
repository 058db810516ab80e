"""Words too common to deserve a glossary entry, by language: what ``reader glossary
suggest`` never offers as a repeated term.

Only words of five letters or more are listed: shorter ones are never offered anyway.
A language without a list here gets the length rule alone.
"""

from __future__ import annotations

from reader.text.fold import fold

MIN_TERM_LETTERS = 5
"""A repeated word shorter than this is not offered as a term."""

_PORTUGUESE = """
    abaixo acima adiante agora apesar ainda alguma algumas algum alguns antes apenas aquela aquelas
    aquele aqueles aquilo assim atrás através cerca certa certas certo certos contra contudo
    cujas cujos daquela daquele depois desde dessa dessas desse desses desta destas deste
    destes diante disso disto durante embora enquanto entre essas esses estas estes estava
    estavam estão esteve estiveram fazer feito fizeram fosse fossem foram grande grandes
    haver havia haviam inclusive isto junto logo maior maiores menor menos mesma mesmas
    mesmo mesmos muita muitas muito muitos nenhum nenhuma nessa nessas nesse nesses nesta
    nestas neste nestes nossa nossas nosso nossos nunca num numa outra outras outro outros
    parte pelas pelos perante pode podem poderia porém porque portanto pouca poucas pouco
    poucos primeira primeiro quais qualquer quando quanto quase quem sempre sendo seria
    seriam serão sobre sobretudo somente também tanta tantas tanto tantos tendo tinha
    tinham todas todavia todos última último umas vezes partir segundo
    janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
"""

_ENGLISH = """
    about above after again against along among another around because before being below
    between both could during each either every first from further having however itself
    might more most much never other others otherwise their theirs there these those
    though through throughout under until upon where whether which while whose within
    without would should still since
    january february march april june july august september october november december
"""

_WORDS: dict[str, frozenset[str]] = {
    "pt": frozenset(fold(word) for word in _PORTUGUESE.split()),
    "en": frozenset(fold(word) for word in _ENGLISH.split()),
}


def is_function_word(folded: str, language: str) -> bool:
    """Whether the folded word is too common in ``language`` (or too short anywhere)."""
    if len(folded) < MIN_TERM_LETTERS:
        return True
    return folded in _WORDS.get(language.split("-", 1)[0].lower(), frozenset())
