"""enforce.may_hold_a_name: a sentence it answers False for holds no name that
names.unlisted_names lists, so the glossary notes leave the names module out for it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from localize import names
from localize.enforce import may_hold_a_name
from localize.formats.text import TextFormat

from conftest import EXAMPLES

_LETTERS = ["A", "K", "W", "a", "n", "g", "É", "é", "Ł", "ł", "Đ", "ǅ", "Я", "я", "ß"]
_MARKS = [" ", " ", ".", "-", "'", "’", ",", "(", '"', "/", "\n", "\u00a0", "1", "_"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_LETTERS + _MARKS, max_size=16))
def test_a_sentence_said_to_hold_no_name_has_none_listed(sentence: str) -> None:
    if names.unlisted_names(sentence, []):
        assert may_hold_a_name(sentence), sentence


_WORDS = [
    "Wang",
    "said",
    "A.",
    "K.",
    "k.",
    "x-Abc",
    "O'Neill",
    "d’Estaing",
    "Łukasz",
    "ǅani",
    "Яков",
    "the",
    "UN",
    "É",
    "é",
    "Xinhua/Wang",
    "Dr.",
    "1",
    "Kassym-Jomart",
    "a",
]
_GAPS = [" ", " ", " ", ", ", "  ", "\n", "-", " (", ' "', "/", ". ", "\u00a0"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_GAPS), st.sampled_from(_WORDS)), max_size=6))
def test_a_sentence_of_words_said_to_hold_no_name_has_none_listed(
    words: list[tuple[str, str]],
) -> None:
    sentence = "".join(gap + word for gap, word in words)
    if names.unlisted_names(sentence, []):
        assert may_hold_a_name(sentence), sentence


def test_the_letters_names_reads_as_capitals_are_capitals() -> None:
    # The premise of the test without the names module: what names reads as a word's capital
    # is a capital to str.isupper, and its word's letters are letters to str.isalpha.
    for code, case in names._CASE_OF.items():
        letter = chr(code)
        assert letter.isalpha(), letter
        if case == "A":
            assert letter.isupper(), letter


def test_the_examples_names_are_all_found_and_most_sentences_need_no_look() -> None:
    sentences = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
    looked = [s for s in sentences if may_hold_a_name(s)]
    for sentence in sentences:
        if names.unlisted_names(sentence, []):
            assert sentence in looked, sentence
    assert 0 < len(looked) < len(sentences)
    assert may_hold_a_name("He met Prof. A. K. Rahimov of the university.")
    assert not may_hold_a_name("Delegates met in Astana, Kazakhstan, on Sept. 11, 2023.")
