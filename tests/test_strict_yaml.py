"""Strict YAML: scalars stay as written, surprises are refused at file:line:column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.errors import ReaderError
from reader.text.strict_yaml import YamlMap, YamlSeq, load_yaml
from reader.text.strict_yaml.libyaml import LIBYAML_PARSER, load_fast
from reader.text.strict_yaml.pure import load_pure


def _error(text: str, *, line_offset: int = 0, **limits: int) -> ReaderError:
    with pytest.raises(ReaderError) as info:
        load_yaml(text, path="g.yml", line_offset=line_offset, **limits)
    return info.value


@pytest.mark.parametrize(
    "written",
    [
        "no",
        "yes",
        "off",
        "1943",
        "2001-02-30",
        "3.14",
        "true",
        "False",
        "0x1F",
        "1e3",
        ".inf",
        "nil",
        "None",
        "nulL",
    ],
)
def test_scalars_stay_as_written(written: str) -> None:
    assert load_yaml(f"value: {written}\n", path="g.yml") == {"value": written}


def test_quoted_and_tagged_null_spellings_are_text() -> None:
    data = load_yaml("a: 'null'\nb: \"~\"\nc: !!str null\nd: ''\n", path="g.yml")
    assert data == {"a": "null", "b": "~", "c": "null", "d": ""}


def test_plain_empty_tilde_and_null_are_none() -> None:
    assert load_yaml("a:\nb: ~\nc: null\n", path="g.yml") == {"a": None, "b": None, "c": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: ~\nb: null\nc: Null\nd: NULL\ne:\n", dict.fromkeys("abcde")),
        ("[~, null, Null, NULL, '~', 'Null', ~x, nil]", [None] * 4 + ["~", "Null", "~x", "nil"]),
        ('- ~\n- Null\n- NULL\n- "NULL"\n', [None, None, None, "NULL"]),
    ],
    ids=["mapping", "flow-list", "block-list"],
)
def test_every_null_spelling_is_none_in_both_engines(text: str, expected: object) -> None:
    """ "No value" is what YAML itself calls null (``~``, ``null``, ``Null``, ``NULL``,
    nothing), whichever engine reads the file: ``Null`` is not text in one place and
    nothing in another. Quoted, each is text."""
    assert load_pure(text, path="g.yml", line_offset=0, max_depth=32) == expected
    if LIBYAML_PARSER is not None:
        assert load_fast(text, 0, 32) == expected
    assert load_yaml(text, path="g.yml") == expected


def test_block_scalars_keep_their_text() -> None:
    data = load_yaml(
        "definition: |\n  line one\n  line two\nshort: >\n  folded\n  text\n", path="g"
    )
    assert data == {"definition": "line one\nline two\n", "short": "folded text\n"}


def test_result_types_are_yamlmap_and_yamlseq() -> None:
    data = load_yaml("terms:\n  - term: a\n  - term: b\n", path="g.yml")
    assert isinstance(data, YamlMap)
    terms = data["terms"]
    assert isinstance(terms, YamlSeq)
    assert all(isinstance(entry, YamlMap) for entry in terms)
    assert isinstance(data, dict)
    assert isinstance(terms, list)


def test_lines_of_keys_and_items() -> None:
    text = "title: T\nterms:\n  - term: a\n    short: A\n\n  - term: b\n"
    data = load_yaml(text, path="g.yml")
    assert isinstance(data, YamlMap)
    assert data.line == 1
    assert data.lines == {"title": 1, "terms": 2}
    terms = data["terms"]
    assert isinstance(terms, YamlSeq)
    assert terms.line == 3
    assert terms.lines == [3, 6]
    second = terms[1]
    assert isinstance(second, YamlMap)
    assert second.lines == {"term": 6}


def test_line_offset_is_added_to_lines() -> None:
    data = load_yaml("title: T\nlist:\n  - x\n", path="doc.md", line_offset=1)
    assert isinstance(data, YamlMap)
    assert data.line == 2
    assert data.lines == {"title": 2, "list": 3}
    items = data["list"]
    assert isinstance(items, YamlSeq)
    assert items.lines == [4]


def test_key_order_is_kept() -> None:
    data = load_yaml("z: 1\na: 2\nm: 3\n", path="g.yml")
    assert isinstance(data, dict)
    assert list(data) == ["z", "a", "m"]


def test_flow_collections() -> None:
    assert load_yaml("{a: [b, c], d: {e: f}}", path="g.yml") == {"a": ["b", "c"], "d": {"e": "f"}}


def test_explicit_standard_tags_are_allowed() -> None:
    text = "a: !!str 12\nb: !!seq [x]\nc: !!map {k: v}\n"
    assert load_yaml(text, path="g.yml") == {"a": "12", "b": ["x"], "c": {"k": "v"}}


def test_duplicate_key_is_refused_with_both_lines() -> None:
    error = _error("term: a\nshort: b\nterm: c\n")
    assert error.problem.message == "duplicate key 'term' (first at line 1)"
    assert (error.line, error.problem.column) == (3, 1)
    assert str(error) == "g.yml:3:1: duplicate key 'term' (first at line 1)"


def test_every_duplicate_key_is_reported_at_once() -> None:
    """Several duplicate keys, in several mappings: one error holding all of them, in
    file order, each at its own line; its text is the first, saying how many more."""
    error = _error(
        "terms:\n  - term: A\n    short: a\n    short: b\n"
        "  - term: B\n    term: C\n    short: c\n    short: d\n"
    )
    assert [str(problem) for problem in error.problems] == [
        "g.yml:4:5: duplicate key 'short' (first at line 3)",
        "g.yml:6:5: duplicate key 'term' (first at line 5)",
        "g.yml:8:5: duplicate key 'short' (first at line 7)",
    ]
    assert str(error) == "g.yml:4:5: duplicate key 'short' (first at line 3) (and 2 more problems)"


def test_duplicate_key_in_nested_mapping() -> None:
    error = _error("terms:\n  - term: a\n    term: b\n")
    assert error.problem.message == "duplicate key 'term' (first at line 2)"
    assert error.line == 3


def test_duplicate_key_lines_include_the_offset() -> None:
    error = _error("a: 1\na: 2\n", line_offset=10)
    assert error.problem.message == "duplicate key 'a' (first at line 11)"
    assert error.line == 12


def test_anchor_is_refused() -> None:
    error = _error("a: &x 1\nb: 2\n")
    assert error.problem.message == "anchors and aliases (& and *) are not allowed"
    assert (error.line, error.problem.column) == (1, 4)


def test_alias_is_refused() -> None:
    error = _error("a: 1\nb: *x\n")
    assert error.problem.message == "anchors and aliases (& and *) are not allowed"
    assert error.line == 2


def test_billion_laughs_is_refused() -> None:
    text = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    assert "anchors and aliases" in _error(text).problem.message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system x\n",
        "a: !!python/object/apply:os.system ['ls']\n",
        "a: !!int 3\n",
        "a: !!bool yes\n",
        "a: !!timestamp 2001-01-01\n",
        "a: !custom x\n",
        "a: ! x\n",
        "a: !!str [x]\n",
        "a: !!map [x]\n",
        "%TAG !! tag:evil.example,2000:\n--- \nb: !!str x\n",
    ],
)
def test_other_tags_are_refused(text: str) -> None:
    assert _error(text).problem.message == "tags (!...) are not allowed"


def test_non_text_keys_are_refused() -> None:
    error = _error("? [a, b]\n: c\n")
    assert error.problem.message == "mapping keys must be text, not a list or mapping"
    assert error.line == 1


def test_mapping_key_is_refused() -> None:
    assert "mapping keys must be text" in _error("{a: b}: c\n").problem.message


def test_empty_key_is_refused() -> None:
    assert _error("? \n: c\n").problem.message == "a mapping key is empty"


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(100)) + "  " * 100 + "v\n"
    error = _error(text)
    assert error.problem.message == "nested deeper than 32 levels"
    assert error.line == 33


def test_deep_flow_nesting_is_refused_without_recursion_error() -> None:
    error = _error("[" * 10000)
    assert error.problem.message == "nested deeper than 32 levels"
    assert (error.line, error.problem.column) == (1, 33)


def test_nesting_at_the_limit_is_fine() -> None:
    text = "[" * 32 + "x" + "]" * 32
    value = load_yaml(text, path="g.yml")
    for _ in range(32):
        assert isinstance(value, list)
        value = value[0]
    assert value == "x"
    assert _error("[" * 33 + "]" * 33).problem.message == "nested deeper than 32 levels"


def test_max_depth_is_configurable() -> None:
    assert _error("a: {b: c}", max_depth=1).problem.message == "nested deeper than 1 levels"
    assert load_yaml("a: b", path="g.yml", max_depth=1) == {"a": "b"}


def test_huge_max_depth_still_raises_only_reader_error() -> None:
    error = _error("[" * 100_000, max_depth=1_000_000)
    assert error.problem.message == "nested too deeply"
    assert error.line == 1


def test_too_large_is_refused() -> None:
    error = _error("a: " + "x" * 100, max_bytes=50)
    assert error.problem.message.startswith("too large")


def test_size_limit_counts_utf8_bytes() -> None:
    assert load_yaml("a: " + "é" * 10, path="g", max_bytes=23) == {"a": "é" * 10}
    assert _error("a: " + "é" * 10, max_bytes=22).problem.message.startswith("too large")


def test_syntax_error_has_file_line_and_column() -> None:
    error = _error("title: T\nauthor: A\nterm: a: b\n")
    assert str(error) == "g.yml:3:8: mapping values are not allowed here"


def test_syntax_error_line_includes_the_offset() -> None:
    error = _error("title: T\nauthor: A\nterm: a: b\n", line_offset=1)
    assert (error.line, error.problem.column) == (4, 8)


def test_syntax_error_messages_are_one_line() -> None:
    error = _error("a: [b, c\nd: e\n")
    assert "\n" not in str(error)
    assert error.line is not None


def test_unclosed_quote() -> None:
    error = _error('a: "open\n')
    assert error.path == "g.yml"
    assert error.line is not None


def test_control_character_is_refused_with_its_position() -> None:
    error = _error("a: b\nc: d\x1be\n", line_offset=2)
    assert error.problem.message.startswith("unacceptable character U+001B")
    assert (error.line, error.problem.column) == (4, 5)


def test_escape_beyond_unicode_is_a_reader_error() -> None:
    assert _error('a: "\\U7FFFFFFF"\n').line == 1


def test_multiple_documents_are_refused() -> None:
    error = _error("a: 1\n---\nb: 2\n")
    assert error.problem.message == "only one YAML document is allowed"
    assert error.line == 2


def test_one_explicit_document_is_fine() -> None:
    assert load_yaml("---\na: 1\n...\n", path="g.yml") == {"a": "1"}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_document_is_none(text: str) -> None:
    assert load_yaml(text, path="g.yml") is None


def test_top_level_scalar_and_list() -> None:
    assert load_yaml("hello", path="g.yml") == "hello"
    assert load_yaml("- 1\n- no\n", path="g.yml") == ["1", "no"]


def test_bom_at_start_is_ignored() -> None:
    assert load_yaml("\ufeffa: b\n", path="g.yml") == {"a": "b"}


def test_merge_key_is_just_a_key() -> None:
    assert load_yaml("<<: x\n", path="g.yml") == {"<<": "x"}


YAMLISH = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(":-[]{}?,&*!|>'\"%@`#~\n\t \\")),
        st.sampled_from(["a", "b", "0", "é", "\x00", "\x1b", "\ufeff", "\ud800", "\x85"]),
        st.characters(exclude_categories=()),
    ),
    max_size=200,
)


@settings(max_examples=500)
@given(YAMLISH)
def test_arbitrary_text_raises_only_reader_error(text: str) -> None:
    try:
        load_yaml(text, path="g.yml", max_depth=8)
    except ReaderError as error:
        assert "\n" not in str(error)


@given(st.recursive(st.text(max_size=5), lambda inner: st.lists(inner, max_size=3), max_leaves=20))
def test_flow_lists_round_trip_as_strings(value: object) -> None:
    def dump(item: object) -> str:
        if isinstance(item, list):
            return "[" + ", ".join(dump(part) for part in item) + "]"
        return '"' + "".join(f"\\U{ord(char):08X}" for char in str(item)) + '"'

    assert load_yaml(dump(value), path="g.yml", max_depth=64) == value
