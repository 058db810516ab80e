"""A saved web page opens as its article: navigation, menus, ads, cookie banners, comments,
related boxes and footers left out, every paragraph of the article kept."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from reader.document import Document
from reader.document.html import extract, parse_html
from reader.document.html.names import text_of
from tests.core_helpers import FIXTURES

HTML = FIXTURES / "html"

BOILERPLATE = {
    "news": [
        "Utilizamos cookies",  # cookie banner
        "Aceitar todos",
        "Assine por 1 €",  # top bar
        "Desporto",  # main menu
        "Pesquisar",  # search form
        "Publicidade",  # ads, and an ad's image
        "Crédito habitação",
        "Partilhar no Facebook",  # share tools
        "Leia também",  # related box inside the article
        "Receba a newsletter",  # newsletter box
        "Comentários",  # comments
        "joao_silva72",
        "Mais lidas",  # most read
        "Estatuto editorial",  # site footer
        "Todos os direitos reservados",
        "Por Marta Ribeiro",  # byline (the author is in the metadata)
    ],
    "blog": [
        "Skip to content",
        "Notes from the Terminal",  # site title and footer
        "RSS",
        "6 min read",  # post meta
        "python security xml",  # tags
        "Prev: SQLite WAL",  # pagination
        "Share on Twitter",
        "12 Comments",
        "defusedxml.lxml — is it still maintained",
        "About me",
        "Recent posts",
        "Subscribe",
        "Powered by",
    ],
    "wiki": [
        "Saltar para o conteúdo",
        "Navegação",
        "Página aleatória",
        "Criar uma conta",
        "Pesquisar na Wikipédia",
        "112 línguas",
        "Ver histórico",
        "editar",
        "Origem: Wikipédia",
        "Para outros significados",  # hatnote
        "Ienissei",  # navbox
        "Categorias",
        "Obtida de",
        "Esta página foi editada",
        "Política de privacidade",
        "↑",  # reference back-links
        "[1]",  # reference marks: the reader's own numbers replace them
    ],
    "pandoc": ["↩", "html {", "Ana Lopes"],
    "portal": [
        "Cadastre-se",  # top bar
        "notícias dos rios",  # masthead
        "Seções",  # left column
        "Você já navegou",  # poll
        "Compartilhe",  # share links
        "Mais lidas",  # right column
        "Pousada Beira-Rio",  # banner
        "Todos os direitos reservados",  # footer
    ],
}


def words(doc: Document) -> str:
    """Every text of the document (blocks, table cells, notes) on one line."""
    parts = [block.text for block in doc.blocks]
    parts += [cell.text for block in doc.blocks for row in block.rows for cell in row]
    parts += [block.text for note in doc.notes for block in note.blocks]
    return " ".join(" ".join(parts).split())


def elements(root: lxml_html.HtmlElement, xpath: str) -> list[lxml_html.HtmlElement]:
    found = root.xpath(xpath)
    assert isinstance(found, list)
    return [element for element in found if isinstance(element, lxml_html.HtmlElement)]


def article_paragraphs(name: str, xpath: str) -> list[str]:
    """The text of each element ``xpath`` finds in a fixture, note marks (``<sup>``) and
    inline quotation marks left out, white space collapsed."""
    root = lxml_html.fromstring((HTML / f"{name}.html").read_bytes())
    for mark in elements(root, "//sup"):
        mark.drop_tree()
    found = elements(root, xpath)
    assert found
    return [" ".join(text_of(element).split()) for element in found]


def parsed(name: str) -> Document:
    return parse_html((HTML / f"{name}.html").read_text(encoding="utf-8"), f"{name}.html")


@pytest.mark.parametrize("name", sorted(BOILERPLATE))
def test_boilerplate_is_left_out(name: str) -> None:
    text = words(parsed(name))
    assert [phrase for phrase in BOILERPLATE[name] if phrase in text] == []


@pytest.mark.parametrize(
    ("name", "xpath"),
    [
        ("news", "//div[@class='story-body']/*[self::p or self::blockquote or self::ul/li]"),
        ("blog", "//div[contains(@class, 'post-content')]/*[self::p or self::pre or self::h2]"),
        ("blog", "//div[contains(@class, 'post-content')]//li[not(ol)]"),
        ("wiki", "//div[contains(@class, 'mw-parser-output')]/*[self::p or self::ul]/li"),
        ("wiki", "//div[contains(@class, 'mw-parser-output')]/p"),
        ("wiki", "//span[@class='reference-text']"),
        ("pandoc", "//body/p | //body/ul/li | //body/h2 | //section[@id='footnotes']//p"),
        ("portal", "//div[@id='colunaCentro']/div[not(@class='compartilhe')]"),
    ],
)
def test_every_paragraph_of_the_article_is_kept(name: str, xpath: str) -> None:
    text = words(parsed(name)).replace("“", "").replace("”", "")
    missing = [p for p in article_paragraphs(name, xpath) if p.strip("↩︎ ") not in text]
    assert missing == []


def test_the_article_header_is_kept_with_the_article() -> None:
    """readability keeps an article's body; its ``<article>`` around it brings back the
    headline (put first), section name, standfirst and lead picture, the byline and share
    buttons left out."""
    doc = parsed("news")
    assert doc.blocks[0].text == "Vacinas de mRNA: o que mudou em cinco anos"
    assert doc.blocks[1].text == "Saúde pública"
    assert doc.blocks[2].text.startswith("Cinco anos depois das primeiras vacinas")
    assert doc.blocks[3].text == "[Frascos de vacina numa bancada de laboratório]"


def test_a_page_of_divs_opens_at_its_column_of_prose() -> None:
    """An old page of ``<div>``s (readability keeps its whole body): the column with the
    prose, its headline (a ``<div class="titulo">`` matching the title) first."""
    doc = parsed("portal")
    assert doc.meta.title == "O degelo do Volga chega mais cedo"
    assert [block.kind.value for block in doc.blocks[:2]] == ["h", "p"]
    assert doc.blocks[1].text == "Quinta-feira, 14 de março de 2019 - 10h12"
    assert (
        len([b for b in doc.blocks if b.text.startswith(("O gelo", "Segundo", "A mudança"))]) == 3
    )


def test_a_class_word_around_the_whole_article_does_not_hide_it() -> None:
    """``class="layout-with-sidebar"`` around everything: the article is still there
    (nothing holding half the article's text is left out)."""
    paragraphs = "".join(
        f"<p>Parágrafo {n} do artigo, com texto suficiente.</p>" for n in range(12)
    )
    source = (
        '<!doctype html><html><body><div class="layout-with-sidebar"><div class="social-wrap">'
        f"<article>{paragraphs}</article></div><nav>Menu</nav></div></body></html>"
    )
    text = words(parse_html(source, "p.html"))
    assert "Parágrafo 0 do artigo" in text and "Parágrafo 11 do artigo" in text
    assert "Menu" not in text


def test_a_page_too_big_to_score_falls_back_to_its_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over :data:`extract.MAX_SCORED_ELEMENTS` elements readability is not asked (its
    scoring would take seconds): the page's ``<article>`` is the text."""
    calls: list[object] = []
    monkeypatch.setattr(extract, "MAX_SCORED_ELEMENTS", 20)
    monkeypatch.setattr(extract, "_summary", lambda page: calls.append(page))
    items = "".join(f"<li>item {n}</li>" for n in range(30))
    source = (
        f"<html><body><nav><ul>{items}</ul></nav><article><p>O artigo.</p></article></body></html>"
    )
    assert [block.text for block in parse_html(source, "big.html").blocks] == ["O artigo."]
    assert calls == []


def test_when_readability_fails_the_page_main_is_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import readability  # type: ignore[import-untyped]

    def fail(self: object, *args: object, **kwargs: object) -> str:
        raise RuntimeError("unparseable")

    monkeypatch.setattr(readability.Document, "summary", fail)
    source = "<html><body><header>Site</header><main><p>Principal.</p></main></body></html>"
    assert [block.text for block in parse_html(source, "p.html").blocks] == ["Principal."]


def test_a_page_with_nothing_to_leave_out_is_all_article() -> None:
    """No menu, header, footer or sidebar: the whole body, its link list and code too
    (readability, weighing prose against links, would keep only the paragraph)."""
    source = (
        "<!doctype html><html><body><p>Um parágrafo com algum texto, para ler.</p>"
        '<p><a href="a.html">Um</a> · <a href="b.html">Dois</a></p><pre>make all</pre>'
        "</body></html>"
    )
    assert [block.text for block in parse_html(source, "curta.html").blocks] == [
        "Um parágrafo com algum texto, para ler.",
        "Um · Dois",
        "make all",
    ]
