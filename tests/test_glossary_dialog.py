""" "Glossaries for this text…" (issue 13): the palette opens the candidates with
checkboxes; turning one on links its terms on screen at once, the reader still on the
same words, and the choice is there again when the reader starts anew."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Checkbox, Static

from reader.ui.dialogs.glossary_dialog import GlossaryDialog
from reader.ui.widgets.article_view import ArticleView
from reader.userdata.glossary_choices import CHOICES_FILE, USER_GLOSSARY_FOLDER
from tests.ui_helpers import make_app, search_palette, settle, view_text, wait_until

SIZE = (100, 30)
MEDICINA = "title: Medicina\nlanguage: pt\nterms:\n  - term: Sarampo\n    short: Doença viral.\n"
VACINAS = "title: Vacinas\nlanguage: pt\nterms:\n  - term: Varíola\n    short: Erradicada.\n"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    (data / USER_GLOSSARY_FOLDER).mkdir(parents=True)
    (data / USER_GLOSSARY_FOLDER / "medicina.yaml").write_text(MEDICINA, encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "vacinas.yaml").write_text(VACINAS, encoding="utf-8")
    paragraphs = "\n\n".join(f"Parágrafo {n} de passagem, sem termo algum." for n in range(60))
    text = tmp_path / "vacinas.md"
    text.write_text(
        f"---\nlanguage: pt\n---\n\n{paragraphs}\n\nO Sarampo e a Varíola voltam.\n",
        encoding="utf-8",
    )
    return text, data


async def test_turning_a_glossary_on_links_its_terms_and_is_remembered(tmp_path: Path) -> None:
    text, data = _files(tmp_path)
    app = make_app(text, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one("#article", ArticleView)
        await pilot.press("end")
        await wait_until(pilot, lambda: "Sarampo" in view_text(view), "the last paragraph")
        assert "Varíola¹" in view_text(view)  # the folder's glossary
        assert "Sarampo¹" not in view_text(view) and "Sarampo²" not in view_text(view)
        top = view.scroll_y
        await search_palette(pilot, "glossaries for", "Glossaries for this text")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GlossaryDialog), "the dialog")
        dialog = app.screen
        labels = [str(box.label) for box in dialog.query(Checkbox)]
        assert "Vacinas (vacinas.yaml)" in labels
        assert "Medicina (medicina.yaml)" in labels
        assert "Segunda Guerra Mundial (segunda-guerra.yaml)" in labels
        medicina = next(b for b in dialog.query(Checkbox) if str(b.label).startswith("Medicina"))
        assert not medicina.value
        medicina.focus()
        await pilot.press("space")
        await wait_until(pilot, lambda: medicina.value, "the box checked")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.reading, "the dialog closed")
        await wait_until(pilot, lambda: "Sarampo¹" in view_text(view), "Sarampo linked on screen")
        assert "Varíola²" in view_text(view)
        assert view.scroll_y == top  # the reader still on the same words
    choices = json.loads((data / CHOICES_FILE).read_text(encoding="utf-8"))
    assert choices["texts"] == {str(text.resolve()): {"on": ["user:medicina"], "off": []}}
    again = make_app(text, data_dir=data)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = again.query_one("#article", ArticleView)
        await pilot.press("end")
        await wait_until(pilot, lambda: "Sarampo¹" in view_text(view), "Sarampo linked again")


async def test_the_language_box_turns_a_glossary_on_for_every_text_in_it(tmp_path: Path) -> None:
    text, data = _files(tmp_path)
    app = make_app(text, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_palette(pilot, "glossaries for", "Glossaries for this text")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GlossaryDialog), "the dialog")
        dialog = app.screen
        boxes = {str(box.label): box for box in dialog.query(Checkbox)}
        assert "every pt text" in boxes  # for yours and the bundled ones, not the folder's
        language = dialog.query_one("#language-1", Checkbox)
        text_box = dialog.query_one("#text-1", Checkbox)
        assert str(text_box.label).startswith("Medicina")
        language.focus()
        await pilot.press("space")
        await wait_until(pilot, lambda: text_box.value, "on for this text too, by its language")
        about = dialog.query_one("#about-1", Static)
        assert str(about.render()) == "one of yours; turned on for the text's language"
    choices = json.loads((data / CHOICES_FILE).read_text(encoding="utf-8"))
    assert choices == {"languages": {"pt": ["user:medicina"]}, "texts": {}}
