"""Which glossaries a text gets (issue 13): the ones it names or ``--glossary`` gives,
else those of a ``glossary/`` folder beside it or in its parent folder, plus the user's
own turned on for its language or for it; bundled ones only when named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.linking import OpenedText
from reader.pipeline import TextRef, open_text, parse_source, read_source
from reader.pipeline.glossary_rule import Place, Reason, UserSide, candidates, in_force
from reader.text.errors import Severity
from reader.text.resources import bundled_text, glossary_dir
from reader.userdata.glossary_choices import (
    CHOICES_FILE,
    GlossaryChoices,
    UserGlossaries,
    text_key,
)
from tests.core_helpers import run_cli
from tests.epub_helpers import river_book

VACINAS = (
    "title: Vacinas\nlanguage: pt\nterms:\n"
    "  - term: Sarampo\n    short: Doença viral.\n"
    "  - term: Varíola\n    short: Erradicada em 1980.\n"
)
MEDICINA = "title: Medicina\nlanguage: pt\nterms:\n  - term: Febre\n    short: Temperatura alta.\n"
OUTRO = (
    "title: Outro\nlanguage: pt\nterms:\n  - term: Volga\n    short: Um rio de outro glossário.\n"
)
ARTICLE = "A vacina contra o Sarampo protege; o Volga não tem nada com isso. Febre.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _open(
    path: Path,
    user: UserGlossaries | None = None,
    *,
    extra: tuple[Path, ...] = (),
    strict: bool = False,
) -> OpenedText:
    return open_text(TextRef(path, str(path)), extra, user=user, strict=strict)


def _names(opened: OpenedText) -> list[str]:
    return [glossary.name for glossary in opened.glossaries.glossaries]


def _linked(opened: OpenedText) -> set[str]:
    return set(opened.glossaries.terms) & {"Sarampo", "Febre", "Volga"}


@pytest.fixture
def vaccines(tmp_path: Path) -> Path:
    """A Portuguese article on vaccines (language in front matter, no glossary named)
    with a glossary/ folder beside it."""
    _write(tmp_path / "glossary" / "vacinas.yaml", VACINAS)
    return _write(tmp_path / "vacinas.md", f"---\nlanguage: pt\n---\n\n{ARTICLE}")


def test_the_vaccine_article_gets_its_folder_and_not_the_war_glossary(
    vaccines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = _open(vaccines)
    assert _names(opened) == ["vacinas"]
    assert "Sarampo" in opened.glossaries.terms and "Volga" not in opened.glossaries.terms
    result = run_cli(capsys, "check", vaccines)
    assert result.code == 0
    assert "never mentioned" not in result.out  # Varíola: a folder's, not named
    assert result.out == ""


def test_a_text_without_front_matter_gets_the_folder_beside_it(tmp_path: Path) -> None:
    _write(tmp_path / "glossary" / "vacinas.yaml", VACINAS)
    opened = _open(_write(tmp_path / "nota.md", ARTICLE))
    assert _names(opened) == ["vacinas"]


def test_the_parent_folders_glossary_counts_too_after_the_one_beside(tmp_path: Path) -> None:
    _write(tmp_path / "glossary" / "vacinas.yaml", VACINAS)
    _write(tmp_path / "artigos" / "glossary" / "medicina.yaml", MEDICINA)
    text = _write(tmp_path / "artigos" / "a.md", ARTICLE)
    assert _names(_open(text)) == ["medicina", "vacinas"]
    (tmp_path / "artigos" / "glossary" / "medicina.yaml").unlink()
    assert _names(_open(text)) == ["vacinas"]


def test_a_named_glossary_or_the_option_overrides_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "glossary" / "vacinas.yaml", VACINAS)
    _write(tmp_path / "glossary" / "outro.yaml", OUTRO)
    named = _write(tmp_path / "n.md", f"---\nglossary: [outro]\n---\n\n{ARTICLE}")
    assert _names(_open(named)) == ["outro"]
    plain = _write(tmp_path / "p.md", ARTICLE)
    extra = _write(tmp_path / "elsewhere" / "medicina.yaml", MEDICINA)
    assert _names(_open(plain, extra=(extra,))) == ["medicina"]
    empty = _write(tmp_path / "e.md", f"---\nglossary: []\n---\n\n{ARTICLE}")
    assert _names(_open(empty)) == []
    # check warns of the named glossary's unmentioned terms, at their lines
    result = run_cli(
        capsys, "check", _write(tmp_path / "v.md", "---\nglossary: [vacinas]\n---\n\nSarampo.\n")
    )
    assert result.out.splitlines() == [
        f"{tmp_path / 'glossary' / 'vacinas.yaml'}:6: warning: 'Varíola' is never mentioned in v"
    ]


def test_web_pages_and_books_get_the_folder_and_not_the_war_glossary(tmp_path: Path) -> None:
    _write(tmp_path / "glossary" / "outro.yaml", OUTRO)
    page = _write(
        tmp_path / "pagina.html",
        '<html lang="pt"><head><title>Rio</title></head><body><article>'
        "<p>O Volga corre para o sul, longo e largo, por muitas terras.</p>"
        "</article></body></html>",
    )
    book = river_book().write(tmp_path / "livro.epub")
    for path in (page, book):
        ref = TextRef(path, str(path))
        opened = open_text(ref, source=read_source(ref), strict=False)
        assert opened.document.meta.language == "pt"
        assert _names(opened) == ["outro"], path
        assert opened.glossaries.terms["Volga"].short == "Um rio de outro glossário."


def test_bundled_glossaries_apply_only_to_texts_that_name_them(tmp_path: Path) -> None:
    war = _write(tmp_path / "guerra.md", "---\nlanguage: pt\n---\n\nA Wehrmacht e o Volga.\n")
    assert _names(_open(war)) == []
    stalingrado = bundled_text("stalingrado")
    assert stalingrado is not None
    opened = _open(stalingrado)
    assert _names(opened) == ["segunda-guerra"]
    ref = TextRef(stalingrado, "stalingrado")
    doc = parse_source(read_source(ref), ref)
    [found] = in_force(doc, stalingrado)
    assert (found.reason, found.place) == (Reason.NAMED, Place.NAMED)


def _data(tmp_path: Path) -> UserGlossaries:
    user = UserGlossaries(tmp_path / "data")
    _write(user.folder / "medicina.yaml", MEDICINA)
    return user


def test_a_user_glossary_turned_on_for_the_language(vaccines: Path, tmp_path: Path) -> None:
    user = _data(tmp_path)
    assert _names(_open(vaccines, user)) == ["vacinas"]  # not on: not used
    choices = GlossaryChoices.load(user.data_folder)
    choices.set_for_language("pt-BR", "user:medicina", on=True)
    assert choices.save(user.data_folder) is None
    opened = _open(vaccines, user)
    assert _names(opened) == ["vacinas", "medicina"]
    english = _write(tmp_path / "en.md", f"---\nlanguage: en\n---\n\n{ARTICLE}")
    assert "medicina" not in _names(_open(english, user))


def test_a_user_glossary_turned_on_and_a_folder_one_off_for_one_text(
    vaccines: Path, tmp_path: Path
) -> None:
    user = _data(tmp_path)
    other = _write(tmp_path / "outra.md", f"---\nlanguage: pt\n---\n\n{ARTICLE}")
    ref = TextRef(vaccines, str(vaccines))
    key = text_key(ref, read_source(ref))
    choices = GlossaryChoices.load(user.data_folder)
    choices.set_for_text(key, "user:medicina", on=True, by_default=False)
    folder_key = str((tmp_path / "glossary" / "vacinas.yaml").resolve())
    choices.set_for_text(key, folder_key, on=False, by_default=True)
    assert choices.save(user.data_folder) is None
    assert _names(_open(vaccines, user)) == ["medicina"]
    assert _names(_open(other, user)) == ["vacinas"]  # another text: its default
    doc = parse_source(read_source(ref), ref)
    side = UserSide.read(user, ref, read_source(ref), "pt")
    why = {found.key: found.reason for found in candidates(doc, vaccines, user=side)}
    assert why["user:medicina"] is Reason.TEXT
    assert why[folder_key] is None
    assert why["bundled:segunda-guerra"] is None
    # a choice back to what the text gets anyway is forgotten
    choices.set_for_text(key, folder_key, on=True, by_default=True)
    choices.set_for_text(key, "user:medicina", on=False, by_default=False)
    assert choices.texts == {}


def test_a_broken_user_glossary_is_one_warning_and_the_rest_works(
    vaccines: Path, tmp_path: Path
) -> None:
    user = _data(tmp_path)
    broken = _write(user.folder / "quebrado.yaml", "title: Q\nlanguage: pt\nterms: [\n")
    choices = GlossaryChoices.load(user.data_folder)
    for key in ("user:quebrado", "user:medicina"):
        choices.set_for_language("pt", key, on=True)
    assert choices.save(user.data_folder) is None
    opened = _open(vaccines, user, strict=True)  # the commands' way: still not fatal
    assert _names(opened) == ["vacinas", "medicina"]
    [problem] = opened.problems
    assert problem.severity is Severity.WARNING
    assert str(problem).startswith(f"{broken}:4:")
    assert len(str(problem).splitlines()) == 1


def test_a_broken_choices_file_is_a_warning_and_left_as_it_is(
    vaccines: Path, tmp_path: Path
) -> None:
    user = _data(tmp_path)
    (user.data_folder / CHOICES_FILE).write_text("{not json", encoding="utf-8")
    opened = _open(vaccines, user)
    assert _names(opened) == ["vacinas"]
    [problem] = opened.problems
    assert problem.severity is Severity.WARNING
    # Named with where JSON stopped making sense, as every other bad file is.
    assert str(problem).startswith(
        f"{user.data_folder / CHOICES_FILE}:1:2: warning: not valid JSON"
    )
    choices = GlossaryChoices.load(user.data_folder)
    choices.set_for_language("pt", "user:medicina", on=True)
    assert choices.save(user.data_folder) is not None
    assert (user.data_folder / CHOICES_FILE).read_text(encoding="utf-8") == "{not json"


def test_the_choices_file_is_plain_json(tmp_path: Path) -> None:
    choices = GlossaryChoices()
    choices.set_for_language("pt", "user:medicina", on=True)
    choices.set_for_text("/t.md", "bundled:segunda-guerra", on=True, by_default=False)
    assert choices.save(tmp_path) is None
    assert json.loads((tmp_path / CHOICES_FILE).read_text(encoding="utf-8")) == {
        "languages": {"pt": ["user:medicina"]},
        "texts": {"/t.md": {"on": ["bundled:segunda-guerra"], "off": []}},
    }
    assert GlossaryChoices.load(tmp_path).for_text("/t.md", "pt-PT").for_language == {
        "user:medicina"
    }


def test_the_bundled_folder_is_never_a_texts_folder_glossary(tmp_path: Path) -> None:
    """A text beside the bundled texts that names none does not get them either."""
    from reader.pipeline.glossary_rule import folder_glossaries

    assert folder_glossaries(glossary_dir().parent / "texts" / "x.md") == []


def test_reader_glossaries_lists_what_a_text_gets_and_why(
    vaccines: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = _data(tmp_path)
    choices = GlossaryChoices()
    choices.set_for_language("pt", "user:medicina", on=True)
    assert choices.save(user.data_folder) is None
    result = run_cli(capsys, "glossaries", vaccines, "--data-dir", user.data_folder)
    assert result.code == 0, result.err
    folder, medicina, war = result.out.splitlines()
    assert folder.startswith("on  vacinas: in a glossary folder near the text (")
    assert medicina.startswith("on  medicina: one of yours; turned on for the text's language (")
    assert war.startswith("off segunda-guerra: comes with the reader; not used (")
    assert not (tmp_path / "nowhere").exists()
    run_cli(capsys, "glossaries", vaccines, "--data-dir", tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()  # only read: never created for the asking
    assert run_cli(capsys, "glossaries", tmp_path / "missing.md").code == 2


def test_a_book_gets_the_option_and_the_users_choice_like_any_text(tmp_path: Path) -> None:
    user = _data(tmp_path)
    book = river_book().write(tmp_path / "livro.epub")
    ref = TextRef(book, str(book))
    source = read_source(ref)
    choices = GlossaryChoices()
    choices.set_for_text(text_key(ref, source), "user:medicina", on=True, by_default=False)
    assert choices.save(user.data_folder) is None
    extra = _write(tmp_path / "elsewhere" / "outro.yaml", OUTRO)
    opened = open_text(ref, (extra,), source=source, strict=False, user=user)
    assert _names(opened) == ["outro", "medicina"]


def test_a_choices_file_of_the_wrong_shape_says_so(tmp_path: Path) -> None:
    (tmp_path / CHOICES_FILE).write_text('{"languages": ["pt"]}', encoding="utf-8")
    problem = GlossaryChoices.load(tmp_path).problem
    assert problem is not None
    assert str(problem) == (
        f"{tmp_path / CHOICES_FILE}: warning: valid JSON, but not what this file holds; "
        "no glossary choices are used, the file left as is"
    )
