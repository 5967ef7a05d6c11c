# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""Glossary enforcement around translators: test doubles whose behaviour the tests control
(to reach every path, including a mangling engine), then the real tiny Argos model and the
pseudo engine through the same function."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from localize.enforce import (
    GLOSSARY_MISSING,
    MARKUP_MISSING,
    enforce_batch,
    enforce_batches,
    glossary_comments,
)
from localize.engines.base import LanguagePair, Translator
from localize.engines.pseudo import PseudoEngine
from localize.formats.text import TextFormat
from localize.glossary import load_glossary, shipped_path
from localize.placeholders import default_placeholder

from argos_fixtures import engine, models_dir, tiny_model  # noqa: F401
from conftest import WIRE_ARTICLE

REPO = Path(__file__).resolve().parents[1]

GLOSSARY = """\
schema: 1
version: "t1"
source_language: en
languages: [es]
entries:
  - id: bri
    source: Belt and Road Initiative
    targets: {es: Iniciativa de la Franja y la Ruta}
    forbidden: {es: ["Un cinturón, una ruta"]}
    note: test
  - id: wang-yi
    source: Wang Yi
    keep: [es]
    note: test
  - id: peace
    source: peace
    targets: {es: paz}
    note: test
  - id: world
    source: world
    targets: {es: orbe}
    note: test
"""


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary(path)


class Scripted(Translator):
    """Translates by phrase replacement; ``alternatives`` adds n-best hypotheses; ``mangle``
    breaks placeholder tokens the way a real engine sometimes does. Records every call."""

    def __init__(
        self,
        phrases: dict[str, str],
        alternatives: dict[str, str] | None = None,
        mangle: bool = False,
        drop: bool = False,
    ) -> None:
        self.pair = LanguagePair("en", "es", "scripted", "test", "1")
        self.phrases = phrases
        self.alternatives = alternatives or {}
        self.mangle = mangle
        self.drop = drop
        self.calls: list[tuple[str, int]] = []

    def _one(self, text: str, phrases: dict[str, str]) -> str:
        for english, spanish in phrases.items():
            text = text.replace(english, spanish)
        if self.mangle:
            text = re.sub(r"zq(\d+)", r"z q\1", text)
        if self.drop:
            text = re.sub(r"\s*zq\d+", "", text)
        return text

    def translate(self, sentences: Sequence[str]) -> list[str]:
        self.calls.append(("translate", len(sentences)))
        return [self._one(s, self.phrases) for s in sentences]

    def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
        self.calls.append(("nbest", len(sentences)))
        result = []
        for s in sentences:
            options = [self._one(s, self.phrases)]
            if self.alternatives:
                options.append(self._one(s, {**self.phrases, **self.alternatives}))
            result.append(options[:n])
        return result


SENTENCE = "The Belt and Road Initiative brings peace."


def test_engine_output_that_already_carries_the_term_is_kept(glossary) -> None:
    translator = Scripted(
        {
            "The Belt and Road Initiative": "La Iniciativa de la Franja y la Ruta",
            "brings peace": "trae paz",
        }
    )
    [draft] = enforce_batch(translator, default_placeholder, [SENTENCE], glossary, "es")
    assert draft.text == "La Iniciativa de la Franja y la Ruta trae paz."
    assert draft.flags == []
    assert (
        "glossary placed: Belt and Road Initiative → Iniciativa de la Franja y la Ruta "
        "(engine output)" in draft.comments
    )


def test_a_lower_ranked_hypothesis_with_the_term_is_chosen(glossary) -> None:
    translator = Scripted(
        {"The Belt and Road Initiative": "El Cinturón", "peace": "paz"},
        alternatives={"The Belt and Road Initiative": "La Iniciativa de la Franja y la Ruta"},
    )
    [draft] = enforce_batch(translator, None, [SENTENCE], glossary, "es")
    assert draft.text.startswith("La Iniciativa de la Franja y la Ruta")
    assert any("n-best hypothesis 2" in c for c in draft.comments)


def test_the_engines_own_rendering_is_substituted(glossary) -> None:
    translator = Scripted(
        {
            "Belt and Road Initiative": "Iniciativa del Cinturón y Ruta",
            "The": "La",
            "brings": "trae",
            "peace": "paz",
        }
    )
    [draft] = enforce_batch(translator, None, [SENTENCE], glossary, "es")
    assert draft.text == "La Iniciativa de la Franja y la Ruta trae paz."
    assert any(
        "substituted for the engine's rendering 'Iniciativa del Cinturón y Ruta'" in c
        for c in draft.comments
    )


@pytest.mark.parametrize(
    ("sentence", "phrases", "expected"),
    [
        (
            "Officials of the U.N. met.",
            {"Officials of the": "Funcionarios de la", "met.": "se reunieron."},
            "Funcionarios de la ONU se reunieron.",
        ),
        (
            "They met at the U.N.",
            {"They met at the": "Se reunieron en la"},
            "Se reunieron en la ONU.",
        ),
        (
            "Officials of the U.S. met.",
            {"Officials of the": "Funcionarios de", "met.": "se reunieron."},
            "Funcionarios de EE. UU. se reunieron.",
        ),
        ("They met in the U.S.", {"They met in the": "Se reunieron en"}, "Se reunieron en EE. UU."),
        (
            'He said: "They met at the U.N."',
            {"He said: ": "Dijo: ", "They met at the": "Se reunieron en la"},
            'Dijo: "Se reunieron en la ONU."',
        ),
        (
            "They met at the U.N. Then they left.",
            {"They met at the": "Se reunieron en la", "Then they left.": "Luego se fueron."},
            "Se reunieron en la ONU. Luego se fueron.",
        ),
        (
            "They went to the U.S.",
            {"They went to the U.S.": "Fueron a USA."},
            "Fueron a EE. UU.",
        ),
    ],
)
def test_an_abbreviations_period_goes_with_the_substituted_rendering(
    tmp_path, sentence: str, phrases: dict[str, str], expected: str
) -> None:
    """The engine leaves U.N. as it is; its own rendering is looked for without the final
    period, which belongs to the abbreviation inside a sentence and to the sentence at its end."""
    path = tmp_path / "glossary.yaml"
    path.write_text(
        GLOSSARY
        + "  - id: un\n    source: U.N.\n    targets: {es: ONU}\n    note: test\n"
        + "  - id: us\n    source: U.S.\n    targets: {es: EE. UU.}\n"
        + "    forbidden: {es: [USA]}\n    note: test\n",
        encoding="utf-8",
    )
    [draft] = enforce_batch(Scripted(phrases), None, [sentence], load_glossary(path), "es")
    assert draft.text == expected
    how = " ".join(draft.comments)
    assert "substituted for the engine's rendering" in how or "replaced forbidden" in how


def test_a_forbidden_rendering_is_replaced(glossary) -> None:
    translator = Scripted(
        {
            "The Belt and Road Initiative": "«Un cinturón, una ruta»",
            "Belt and Road Initiative": "algo",
            "peace": "paz",
        }
    )
    [draft] = enforce_batch(translator, None, [SENTENCE], glossary, "es")
    assert "Un cinturón" not in draft.text
    assert "Iniciativa de la Franja y la Ruta" in draft.text
    assert any("replaced forbidden rendering" in c for c in draft.comments)
    assert draft.flags == []


def test_masking_is_the_fallback_and_restores_the_approved_term(glossary) -> None:
    # In context the engine says one thing, alone another: only masking can place the term.
    translator = Scripted(
        {
            "The Belt and Road Initiative": "El proyecto",
            "Belt and Road Initiative": "Iniciativa BR",
            "peace": "paz",
        }
    )
    [draft] = enforce_batch(translator, None, [SENTENCE], glossary, "es")
    assert draft.text == "The Iniciativa de la Franja y la Ruta brings paz."
    assert any("masked with a placeholder" in c for c in draft.comments)
    assert draft.flags == []


def test_a_batch_with_masked_and_final_sentences_keeps_their_order(glossary) -> None:
    """The drafts already final are written while the engine translates the masked sentences;
    each draft still comes back in its sentence's place."""
    phrases = {
        "The Belt and Road Initiative": "El proyecto",
        "Belt and Road Initiative": "Iniciativa BR",
        "peace": "paz",
        "Nothing": "Nada",
    }
    sentences = [SENTENCE, "Nothing here.", "Peace and peace.", SENTENCE, "Nothing."]
    drafts = enforce_batch(Scripted(phrases), None, sentences, glossary, "es")
    alone = [enforce_batch(Scripted(phrases), None, [s], glossary, "es")[0] for s in sentences]
    assert drafts == alone
    assert drafts[0].text == "The Iniciativa de la Franja y la Ruta brings paz."
    assert drafts[1].text == "Nada here."


def test_an_engine_failing_in_the_masked_pass_fails_the_batch(glossary) -> None:
    """The masked pass runs in a thread of its own; what the engine raised there is raised to
    the caller (a one-line error, not a batch of drafts missing their terms)."""
    from localize.errors import LocalizeError

    class FailingWhenMasked(Scripted):
        def translate(self, sentences: Sequence[str]) -> list[str]:
            if any("zq" in s for s in sentences):
                raise LocalizeError("apertium-transfer failed (exit 1): broken rule file")
            return super().translate(sentences)

    translator = FailingWhenMasked(
        {"The Belt and Road Initiative": "El proyecto", "Belt and Road Initiative": "Iniciativa BR"}
    )
    with pytest.raises(LocalizeError, match="broken rule file"):
        enforce_batch(translator, None, [SENTENCE, "Nothing here."], glossary, "es")


class InOtherProcesses(Scripted):
    """A translator whose work runs outside this process, as Apertium's: enforce_batches asks
    for the next batch's first pass while it finishes the batch before."""

    def translates_outside_python(self) -> bool:
        return True

    def __init__(self, phrases: dict[str, str]) -> None:
        super().__init__(phrases)
        self.requests: list[list[str]] = []

    def translate(self, sentences: Sequence[str]) -> list[str]:
        self.requests.append(list(sentences))
        return super().translate(sentences)

    def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
        self.requests.append(list(sentences))
        return super().translate_nbest(sentences, n)


def test_batches_give_the_drafts_each_batch_gives_alone(glossary) -> None:
    phrases = {
        "The Belt and Road Initiative": "El proyecto",
        "Belt and Road Initiative": "Iniciativa BR",
        "peace": "paz",
        "Nothing": "Nada",
    }
    batches = [
        [SENTENCE, "Nothing here."],
        ["Peace and peace.", SENTENCE],
        ["Nothing."],
        [SENTENCE, "Peace."],
    ]
    alone = [enforce_batch(Scripted(phrases), None, batch, glossary, "es") for batch in batches]
    translator = InOtherProcesses(phrases)
    drafts = list(enforce_batches(translator, None, ((b, None) for b in batches), glossary, "es"))
    assert drafts == alone
    # Every batch's first pass is one request of the whole batch, in order.
    first_passes = [texts for texts in translator.requests if texts in batches]
    assert first_passes == batches


def test_an_engine_failing_in_a_first_pass_run_ahead_fails_that_batch(glossary) -> None:
    from localize.errors import LocalizeError

    class FailingOnTheSecondBatch(InOtherProcesses):
        def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
            if "Peace and peace." in sentences:
                raise LocalizeError("apertium-transfer failed (exit 1): broken rule file")
            return super().translate_nbest(sentences, n)

    batches = [([SENTENCE], None), (["Peace and peace."], None), ([SENTENCE], None)]
    running = enforce_batches(FailingOnTheSecondBatch({}), None, batches, glossary, "es")
    assert len(next(running)) == 1
    with pytest.raises(LocalizeError, match="broken rule file"):
        next(running)


def test_closing_the_batches_early_waits_for_the_first_pass_run_ahead(glossary) -> None:
    """A caller that stops reading (an error writing a catalog) closes the generator: the
    next batch's first pass, already running, is waited for, so that no thread is left using
    the translator after it is closed."""
    import threading

    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    class Slow(InOtherProcesses):
        def translate_nbest(self, sentences: Sequence[str], n: int) -> list[list[str]]:
            if "Peace and peace." in sentences:
                started.set()
                release.wait(10)
                finished.set()
            return super().translate_nbest(sentences, n)

    batches = [([SENTENCE], None), (["Peace and peace."], None)]
    running = enforce_batches(Slow({}), None, batches, glossary, "es")
    next(running)
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    running.close()
    assert finished.is_set()
    assert not [t for t in threading.enumerate() if t.name.startswith("localize-first-pass")]


def test_a_mangled_placeholder_is_flagged_never_silent(glossary) -> None:
    translator = Scripted(
        {
            "The Belt and Road Initiative": "El proyecto",
            "Belt and Road Initiative": "Iniciativa BR",
        },
        mangle=True,
    )
    [draft] = enforce_batch(translator, None, [SENTENCE], glossary, "es")
    assert draft.flags == [GLOSSARY_MISSING]
    [missing] = [c for c in draft.comments if c.startswith(GLOSSARY_MISSING)]
    assert "'Belt and Road Initiative' → 'Iniciativa de la Franja y la Ruta'" in missing
    assert "mangled" in missing
    assert draft.text == "El proyecto brings paz."  # the best draft is kept, not emptied


def test_inline_markup_is_masked_and_restored_verbatim(glossary) -> None:
    sentence = "Read <b>this</b> for peace."
    spans = [(5, 8), (12, 16)]
    translator = Scripted({"Read": "Lea", "for": "por", "peace": "paz"})
    [draft] = enforce_batch(translator, None, [sentence], glossary, "es", [spans])
    assert draft.text == "Lea <b>this</b> por paz."
    assert draft.flags == []
    dropping = Scripted({"Read": "Lea"}, drop=True)
    [lost] = enforce_batch(dropping, None, [sentence], glossary, "es", [spans])
    assert MARKUP_MISSING in lost.flags


def test_sentences_are_translated_in_batches(glossary) -> None:
    sentences = [f"Sentence {i} about peace." for i in range(10)] + ["Nothing here."] * 5
    translator = Scripted({"peace": "paz"})
    drafts = enforce_batch(translator, None, sentences, glossary, "es")
    assert len(drafts) == 15
    assert translator.calls == [("nbest", 15)]  # one call for the whole batch


def test_glossary_comments_for_reviewers(glossary) -> None:
    comments = glossary_comments(glossary, "Wang Yi on the Belt and Road Initiative.", "es")
    assert comments == [
        "glossary: Wang Yi → Wang Yi — test",
        "glossary: Belt and Road Initiative → Iniciativa de la Franja y la Ruta "
        "(never: Un cinturón, una ruta) — test",
    ]


class SharesBatches(Scripted):
    """A translator whose first n-best hypothesis is its plain translation and says so, as
    Argos on the CPU does: enforcement may then translate masked sentences in n-best calls."""

    def nbest_includes_best(self, n: int) -> bool:
        return True


# The engine renders "World peace" as a phrase, so substituting its own rendering of "world"
# ("mundo") places one of the two and the sentence is masked; enforcement guesses so in advance
# because a term's text lies inside another's ("peace" in "peace talks").
TWICE = "World peace needs world trust and peace talks."
TWICE_PHRASES = {"World peace": "La paz mundial", "world": "mundo", "peace": "paz"}


@pytest.fixture
def nested(tmp_path):
    """The test glossary and a term that holds another's text."""
    path = tmp_path / "nested.yaml"
    path.write_text(
        GLOSSARY
        + "  - id: peace-talks\n    source: peace talks\n"
        + "    targets: {es: conversaciones de paz}\n    note: test\n",
        encoding="utf-8",
    )
    return load_glossary(path)


def test_masked_sentences_share_the_n_best_call(nested) -> None:
    sentences = [SENTENCE, TWICE, "Wang Yi spoke.", "The world listened.", "Talks went on."]
    plain = Scripted(TWICE_PHRASES)
    shared = SharesBatches(TWICE_PHRASES)
    expected = enforce_batch(plain, default_placeholder, sentences, nested, "es")
    drafts = enforce_batch(shared, default_placeholder, sentences, nested, "es")
    assert drafts == expected
    assert drafts[1].text == "Orbe paz needs orbe trust and conversaciones de paz."
    assert "glossary placed: World → orbe (masked with a placeholder)" in drafts[1].comments
    # Without sharing: the n-best call, the terms' renderings, the masked sentence alone.
    assert [call[0] for call in plain.calls] == ["nbest", "translate", "translate"]
    assert plain.calls[-1] == ("translate", 1)
    # Sharing: one call with the sentences, TWICE masked, and the terms' renderings (Belt and
    # Road Initiative, peace, World, world, peace talks, Wang Yi).
    assert shared.calls == [("nbest", len(sentences) + 1 + 6)]


def test_a_masked_sentence_the_guess_missed_gets_its_own_call(nested) -> None:
    # "peace" rendered inside a phrase and met once: substitution fails, and masking was not
    # foreseen (no term inside another), so the sentence is masked after the n-best call.
    phrases = {"brings peace": "pacifica", **TWICE_PHRASES}
    sentences = [TWICE, "Talks went on for a long time.", "It brings peace."]
    expected = enforce_batch(Scripted(phrases), default_placeholder, sentences, nested, "es")
    shared = SharesBatches(phrases)
    drafts = enforce_batch(shared, default_placeholder, sentences, nested, "es")
    assert drafts == expected
    assert drafts[2].text == "It brings paz."
    assert "glossary placed: peace → paz (masked with a placeholder)" in drafts[2].comments
    assert [call[0] for call in shared.calls] == ["nbest", "translate"]
    assert shared.calls[1] == ("translate", 1)


class SharesAndRunsAhead(InOtherProcesses):
    """As Argos on the CPU: the first n-best hypothesis is the plain translation, and
    translating leaves this process's Python free, so the next batch's first pass, with its
    masked sentences and term renderings, is asked while the batch before is finished."""

    def nbest_includes_best(self, n: int) -> bool:
        return True


def test_batches_sharing_their_calls_run_ahead_with_the_same_drafts(nested) -> None:
    phrases = {"brings peace": "pacifica", **TWICE_PHRASES}
    batches = [
        [SENTENCE, TWICE, "Wang Yi spoke."],
        ["The world listened.", TWICE, "It brings peace."],
        ["Talks went on.", "Peace and peace talks."],
    ]
    one_by_one = SharesBatches(phrases)
    alone = [enforce_batch(one_by_one, None, batch, nested, "es") for batch in batches]
    translator = SharesAndRunsAhead(phrases)
    assert translator.translates_outside_python()
    given = ((batch, None) for batch in batches)
    drafts = list(enforce_batches(translator, None, given, nested, "es"))
    assert drafts == alone
    # Each batch's first pass is one n-best call of the batch (its masked sentences and term
    # renderings after it), in order; the second batch's, asked while the first was being
    # finished, does not ask again for the renderings the first asked.
    first_passes = [r for r in translator.requests if r[0] in {b[0] for b in batches}]
    assert [r[: len(b)] for r, b in zip(first_passes, batches, strict=True)] == batches
    asked = [text for r in translator.requests for text in r if text in {"World", "peace", "world"}]
    assert sorted(asked) == ["World", "peace", "world"]


# -- real engines ------------------------------------------------------------------------------


def test_real_argos_model_keeps_its_own_term_and_substitutes_another(engine, glossary) -> None:
    translator = engine.open("en", "es")
    drafts = enforce_batch(
        translator,
        engine.placeholder,
        ["The world wants peace.", "Peace in the world."],
        glossary,
        "es",
    )
    assert [d.text for d in drafts] == ["The orbe wants paz.", "Paz in the orbe."]
    assert all(d.flags == [] for d in drafts)
    assert "glossary placed: peace → paz (engine output)" in drafts[0].comments
    assert (
        "glossary placed: world → orbe (substituted for the engine's rendering 'mundo')"
        in drafts[0].comments
    )


def test_real_argos_model_n_best_first_is_its_plain_translation(engine) -> None:
    translator = engine.open("en", "es")
    sentences = ["The world wants peace.", "Peace in the world.", "zq0 wants zq1 in zq2."]
    assert translator.nbest_includes_best(4)
    assert not translator.nbest_includes_best(8)  # a wider beam than translate's
    assert [h[0] for h in translator.translate_nbest(sentences, 4)] == translator.translate(
        sentences
    )


def test_real_argos_model_gives_the_same_drafts_with_first_passes_run_ahead(engine, nested) -> None:
    translator = engine.open("en", "es")
    assert translator.translates_outside_python()
    batches = [
        ["The world wants peace.", TWICE, "Peace in the world."],
        ["World peace needs peace talks.", "Nothing here."],
        ["Peace and peace talks in the world.", TWICE],
    ]
    alone = [enforce_batch(translator, engine.placeholder, b, nested, "es") for b in batches]
    given = ((batch, None) for batch in batches)
    assert list(enforce_batches(translator, engine.placeholder, given, nested, "es")) == alone


def test_pseudo_engine_goes_through_masking(glossary) -> None:
    pseudo = PseudoEngine()
    [draft] = enforce_batch(pseudo.open("en", "es"), pseudo.placeholder, [SENTENCE], glossary, "es")
    assert "Iniciativa de la Franja y la Ruta" in draft.text and " paz" in draft.text
    assert draft.flags == []


def test_wire_article_every_term_carried_or_flagged_none_forbidden(engine) -> None:
    shipped = load_glossary(shipped_path())
    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    sentences = [text[u.start : u.end] for u in TextFormat().parse(text, "en")]
    drafts = enforce_batch(engine.open("en", "es"), engine.placeholder, sentences, shipped, "es")
    occurrences = carried = flagged = 0
    for sentence, draft in zip(sentences, drafts, strict=True):
        for match in shipped.match(sentence):
            occurrences += 1
            if shipped.has_approved(match.entry, "es", draft.text):
                carried += 1
            else:
                assert GLOSSARY_MISSING in draft.flags
                flagged += 1
            assert not shipped.forbidden_found(match.entry, "es", draft.text)
    assert occurrences > 50
    assert carried + flagged == occurrences


class PlainInOtherProcesses(Translator):
    """As Apertium: translates in processes of its own and has no alternatives (its n-best is
    the base class's, the plain translation). Records each request; ``asked`` is set by the
    first."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.pair = LanguagePair("en", "es", "plain", "test", "1")
        self.scripted = Scripted(phrases)
        self.requests: list[list[str]] = []
        self.asked = threading.Event()

    def translates_outside_python(self) -> bool:
        return True

    def translate(self, sentences: Sequence[str]) -> list[str]:
        self.requests.append(list(sentences))
        self.asked.set()
        return self.scripted.translate(sentences)


PHRASES = {
    "The Belt and Road Initiative": "El proyecto",
    "Belt and Road Initiative": "Iniciativa BR",
    "peace": "paz",
    "Nothing": "Nada",
}
BATCHES = [[SENTENCE, "Nothing here."], ["Peace and peace.", SENTENCE], ["Nothing."]]


def test_a_first_pass_that_needs_no_terms_is_asked_before_they_are_matched(
    glossary, monkeypatch
) -> None:
    """The engine's first request goes out before the batch's terms are matched, and is the
    request and the drafts the pass planned after matching gives: protected spans masked as
    that pass masks them."""
    link = "https://example.org/peace"
    linked = f"Peace is at {link} today."
    batches = [*BATCHES, [linked, "Nothing."]]
    spans = [None, None, None, [[(linked.index(link), linked.index(link) + len(link))], []]]
    alone_translator = PlainInOtherProcesses(PHRASES)
    alone = [
        enforce_batch(alone_translator, None, batch, glossary, "es", protected)
        for batch, protected in zip(batches, spans, strict=True)
    ]
    translator = PlainInOtherProcesses(PHRASES)
    assert not translator.offers_alternatives()
    matched = glossary.match
    asked_before_matching: list[bool] = []

    def match(text: str, **named: bool) -> list:
        # A matching that came first would wait here in vain for the request.
        asked_before_matching.append(translator.asked.wait(5))
        return matched(text, **named)

    monkeypatch.setattr(glossary, "match", match)
    drafts = list(
        enforce_batches(translator, None, zip(batches, spans, strict=True), glossary, "es")
    )
    assert asked_before_matching and asked_before_matching[0]
    assert drafts == alone
    assert not any(link in text for texts in translator.requests for text in texts)
    assert [texts for texts in translator.requests if texts in BATCHES] == BATCHES
    masked_first_pass = [t for t in translator.requests if t[-1:] == ["Nothing."] and len(t) == 2]
    assert len(masked_first_pass) == 1 and masked_first_pass[0][0].startswith("Peace is at zq")
    assert sorted(translator.requests) == sorted(alone_translator.requests)


@pytest.mark.parametrize("engine_kind", [PlainInOtherProcesses, InOtherProcesses])
def test_the_next_batch_is_read_once_the_first_pass_is_asked(glossary, engine_kind) -> None:
    """What a caller does when asked for the next batch runs while the engine translates."""
    translator = engine_kind(PHRASES)
    first_requests: list[int] = []

    def batches():  # type: ignore[no-untyped-def]
        for batch in BATCHES:
            yield batch, None
            # The first pass runs in a worker thread: give it the time to send its request.
            for _ in range(500):
                if translator.requests:
                    break
                threading.Event().wait(0.01)
            first_requests.append(len(translator.requests))

    list(enforce_batches(translator, None, batches(), glossary, "es"))
    assert first_requests[0] >= 1
