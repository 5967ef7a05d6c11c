"""Glossary enforcement around any ``Translator``: the draft must carry the approved terms.

Masking a term before MT protects it but can break the grammar around it (the engine
translates "the zq0" without knowing the gender or number of what zq0 stands for), which is
why Weblate's maintainers declined it (weblate issue #7086). So masking is the last resort:

1. translate the sentence unmasked, asking for n-best hypotheses, and take the first one that
   already carries every approved term and no forbidden rendering;
2. otherwise substitute: find the engine's own rendering of the term (the term translated on
   its own) or a forbidden rendering in a hypothesis and replace it with the approved one;
3. otherwise translate again with the terms masked by the engine's placeholder tokens and put
   the approved renderings back.

When even that fails (the engine dropped, duplicated or mangled a token) the best draft is kept
and flagged ``glossary-missing`` with a comment naming the term: never silently. Inline markup
spans (``protected_spans``) are always masked and restored verbatim; losing one flags
``markup-missing``. Every call translates whole batches: at most one n-best call, one plain
call, one call for term renderings and one masked call per batch. When the translator's first
n-best hypothesis is its plain translation (Argos on the CPU), the terms' renderings and the
masked versions of the sentences likely to need them ride in the n-best call instead, so that
they fill its batches rather than small ones of their own (issue 19).
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from localize.engines.base import Translator
from localize.glossary import Entry, Glossary, Match, under_a_deputy
from localize.languages import base_language, written_language
from localize.placeholders import Masked, Placeholder, default_placeholder, mask, restore

if TYPE_CHECKING:
    from concurrent.futures import Future

    from localize.placement import Placed
    from localize.term_renderings import RenderingStore

GLOSSARY_MISSING = "glossary-missing"
# How a term got into a draft. Distinct from the reviewer's "glossary: term → target — note"
# lines, which are refreshed from the glossary on every update while these stay with the draft.
PLACED = "glossary placed"
GLOSSARY_GRAMMAR = "glossary-grammar"
MARKUP_MISSING = "markup-missing"
NBEST = 4


@dataclass
class Draft:
    """A sentence's translation after glossary enforcement, with the flags and notes it
    earned."""

    text: str
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class _Work:
    """One sentence on its way through the stages."""

    source: str
    terms: list[Match]
    markup: list[tuple[int, int]]
    candidates: list[str] = field(default_factory=list)
    markup_lost: bool = False
    text: str | None = None  # the chosen draft, once every term is placed
    methods: dict[str, str] = field(default_factory=dict)  # entry id -> how it was placed
    fallback: str = ""  # best draft so far when terms are still missing
    fallback_methods: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    # Where (source offsets) a term occurs for the first time in the batch, the article's first
    # mention: a Chinese short form (上合组织) is used only after it.
    first: set[int] = field(default_factory=set)
    # What _missing and _forbidden found per draft text: every stage asks again about the same
    # candidates and the chosen draft (issue 19).
    missing_in: dict[str, list[Match]] = field(default_factory=dict, repr=False)
    forbidden_in: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)
    # The occurrences a draft must render (Glossary.required), and each term's rendering: they
    # depend on the source alone, and were asked again for every draft text and term.
    required: list[Match] | None = field(default=None, repr=False)
    renderings: dict[tuple[int, str], str] = field(default_factory=dict, repr=False)

    def rendering(self, match: Match, lang: str) -> str:
        key = (match.start, lang)
        known = self.renderings.get(key)
        if known is None:
            first = match.start in self.first
            known = self.renderings[key] = match.entry.preferred(lang, match.text, first=first)
        return known

    def required_of(self, glossary: Glossary) -> list[Match]:
        if self.required is None:
            self.required = glossary.required(self.terms, self.source)
        return self.required


def enforce_batch(
    translator: Translator,
    placeholder: Placeholder | None,
    sentences: Sequence[str],
    glossary: Glossary | None,
    target_lang: str,
    protected_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
    *,
    nbest: int = NBEST,
) -> list[Draft]:
    """Translate ``sentences`` with ``translator`` so that each draft carries the glossary's
    approved terms for ``target_lang``; see the module docstring for the method."""
    work = _prepare(sentences, protected_spans, glossary, target_lang)
    return _finish(
        translator, placeholder or default_placeholder, work, None, glossary, target_lang, nbest
    )


# One call's sentences and their protected spans (None: none protected).
Batch = tuple[Sequence[str], Sequence[Sequence[tuple[int, int]]] | None]


def enforce_batches(
    translator: Translator,
    placeholder: Placeholder | None,
    batches: Iterable[Batch],
    glossary: Glossary | None,
    target_lang: str,
    *,
    nbest: int = NBEST,
) -> Generator[list[Draft], None, None]:
    """``enforce_batch`` over consecutive batches (an article's calls), yielding each batch's
    drafts in turn, the same drafts. When translating leaves this process's Python free
    (``Translator.translates_outside_python``: Apertium's programs, CTranslate2's workers on
    the CPU), the engine translates the next batch's first pass while this thread finishes the
    batch before it (substitution, the masked pass, the drafts) and the caller writes them: on
    2 cores the Python and the engine run side by side instead of in turn (issue 19). A
    batch's first pass is still one request of the whole batch, as before: Apertium's tagger
    reads a sentence in the context of the one before it in the request (a sentence
    translated alone came out differently in 7 of 150), so cutting a batch into smaller
    requests would change drafts. One first pass runs ahead at a time, so an in-process model
    holds at most one more call's batches. When translating runs ahead so, the next batch is
    read from ``batches`` once this one's first pass is asked: work the caller does there runs
    while the engine translates.
    Close the generator (``contextlib.closing``) when not reading it to the end: that waits
    for the first pass running ahead."""
    placeholder = placeholder or default_placeholder
    first_passes = None
    if translator.translates_outside_python():
        # concurrent.futures brings logging with it (about 6 ms to import): only an engine
        # whose first pass can run beside this thread needs the worker.
        from concurrent.futures import ThreadPoolExecutor

        first_passes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="localize-first-pass")
    # Term renderings asked in a first pass whose batch is not finished: a batch planned
    # ahead does not ask for them again (they are known by the time it is finished).
    in_flight: set[str] = set()
    try:
        previous: tuple[list[_Work], _Running | None] | None = None
        asks_before_matching = _first_pass_is_plain(translator, glossary, nbest)
        for sentences, spans in batches:
            running = None
            if first_passes is not None and asks_before_matching:
                # The same request whatever the terms: asked before they are matched, so the
                # engine starts on the batch while this thread matches them (~0.25 s for
                # 1,550 sentences and the shipped glossary).
                plan = _FirstPassPlan(_masked(sentences, spans, placeholder), [], [], 0)
                running = (plan, first_passes.submit(_ask_first_pass, translator, plan))
            work = _prepare(sentences, spans, glossary, target_lang)
            if first_passes is not None and running is None:
                plan = _plan_first_pass(
                    translator, placeholder, work, glossary, target_lang, nbest, in_flight
                )
                in_flight.update(plan.asked)
                # One worker: the batches' first passes run one after the other, in order.
                running = (plan, first_passes.submit(_ask_first_pass, translator, plan))
            if previous is not None:
                yield _finish(translator, placeholder, *previous, glossary, target_lang, nbest)
                if previous[1] is not None:
                    in_flight.difference_update(previous[1][0].asked)
            previous = (work, running)
        if previous is not None:
            yield _finish(translator, placeholder, *previous, glossary, target_lang, nbest)
    finally:
        if first_passes is not None:
            first_passes.shutdown(wait=True, cancel_futures=True)


def _first_pass_is_plain(translator: Translator, glossary: Glossary | None, nbest: int) -> bool:
    """Whether a batch's first pass is the plain translation of its masked sentences whatever
    their terms: no masked sentence rides in its call (``_masked_in_the_call``) and an n-best
    call is the plain call (Apertium)."""
    shares_the_call = glossary is not None and translator.nbest_includes_best(nbest)
    return not shares_the_call and not translator.offers_alternatives()


def _protected(
    sentences: Sequence[str], protected_spans: Sequence[Sequence[tuple[int, int]]] | None
) -> list[list[tuple[int, int]]]:
    """Each sentence's protected spans, in order."""
    spans = list(protected_spans) if protected_spans is not None else [[]] * len(sentences)
    if len(spans) != len(sentences):
        raise ValueError("protected_spans must have one list per sentence")
    return [sorted(m) for m in spans]


def _masked(
    sentences: Sequence[str],
    protected_spans: Sequence[Sequence[tuple[int, int]]] | None,
    placeholder: Placeholder,
) -> list[Masked]:
    """The sentences as the first pass sends them, as ``_plan_first_pass`` masks them."""
    spans = _protected(sentences, protected_spans)
    return [mask(s, m, placeholder) for s, m in zip(sentences, spans, strict=True)]


def _prepare(
    sentences: Sequence[str],
    protected_spans: Sequence[Sequence[tuple[int, int]]] | None,
    glossary: Glossary | None,
    target_lang: str,
) -> list[_Work]:
    """Each sentence's terms and protected spans, and which occurrences are the batch's first
    mentions."""
    spans = _protected(sentences, protected_spans)
    work = [
        _Work(s, _terms(glossary, s, target_lang, m), m)
        for s, m in zip(sentences, spans, strict=True)
    ]
    mentioned: set[str] = set()
    for w in work:
        for match in w.terms:
            if match.entry.id not in mentioned:
                mentioned.add(match.entry.id)
                w.first.add(match.start)
    return work


def _masked_in_the_call(
    translator: Translator, work: list[_Work], glossary: Glossary | None, nbest: int
) -> list[_Work]:
    """The sentences sent masked in the first pass's own call when the batch shares it
    (``_FirstPassPlan``); else none."""
    if glossary is None:
        return []
    may_mask = [w for w in work if _may_need_masking(w)]
    return may_mask if may_mask and translator.nbest_includes_best(nbest) else []


def _finish(
    translator: Translator,
    placeholder: Placeholder,
    work: list[_Work],
    running: _Running | None,
    glossary: Glossary | None,
    target_lang: str,
    nbest: int,
) -> list[Draft]:
    """The stages after ``_prepare``; ``running``: the batch's first pass, already asked of
    the engine, or None to ask it now."""
    # Every stage asks again about the same drafts and candidates: the glossary keeps its
    # answers for the whole call (Glossary.keeping_answers).
    with glossary.keeping_answers() if glossary is not None else contextlib.nullcontext():
        if running is None:
            plan = _plan_first_pass(
                translator, placeholder, work, glossary, target_lang, nbest, set()
            )
            every = _ask_first_pass(translator, plan)
        else:
            plan, every = running[0], running[1].result()
        if plan.ahead:
            assert glossary is not None
            unresolved = _after_the_shared_call(
                translator, work, plan, every, glossary, target_lang
            )
        else:
            _take_hypotheses(work, plan.masked, every, glossary, target_lang)
            unresolved = [w for w in work if w.text is None]
            if unresolved and glossary is not None:
                _substitute(translator, unresolved, glossary, target_lang)
            unresolved = [w for w in work if w.text is None]
        if not unresolved or glossary is None:
            return _drafts(work, glossary, target_lang)
        # The engine translates the masked sentences (in its own processes or threads) while
        # this thread writes the drafts that are final already: on a long article the two took
        # about as long, one after the other (issue 19). With the next batch's first pass asked
        # ahead, the masked sentences wait for it in the engine's queue: the drafts are written
        # meanwhile. _mask_terms changes only the unresolved sentences.
        masking = _Background(
            lambda: _mask_terms(translator, placeholder, unresolved, glossary, target_lang)
        )
        to_mask = set(map(id, unresolved))
        final = [w for w in work if id(w) not in to_mask]
        written = dict(zip(map(id, final), _drafts(final, glossary, target_lang), strict=True))
        masking.wait()
        written.update(
            zip(map(id, unresolved), _drafts(unresolved, glossary, target_lang), strict=True)
        )
        return [written[id(w)] for w in work]


class _Background:
    """``action`` run in a thread of its own; ``wait`` re-raises what it raised."""

    def __init__(self, action: Callable[[], None]) -> None:
        self._failure: BaseException | None = None

        def run() -> None:
            try:
                action()
            except BaseException as exc:  # handed to the waiting thread
                self._failure = exc

        self._thread = threading.Thread(target=run, name="localize-masked-pass", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        self._thread.join()
        if self._failure is not None:
            raise self._failure


def _drafts(work: list[_Work], glossary: Glossary | None, lang: str) -> list[Draft]:
    # Only Spanish placement reads words with the dictionaries (placement.english_order,
    # adjectives_after_terms, disagreeing_adjectives); French agreement goes by endings.
    if glossary is not None and base_language(lang) == "es":
        _read_words(work)
    return [_draft(w, glossary, lang) for w in work]


def _read_words(work: list[_Work]) -> None:
    """Every word of the batch's sources and Spanish drafts read by the dictionaries at once
    (one process per language, not one per sentence) for the doubts ``_draft`` raises."""
    from localize.morphology import has_dictionaries, readings, spanish_translations

    termed = [w for w in work if w.terms]
    if not termed or not has_dictionaries("en"):
        return
    # Each word once: the batch's drafts repeat their words many times over, and readings
    # looks up and answers every word it is given (issue 19).
    english = readings(
        list(dict.fromkeys(t for w in termed for t in re.findall(r"[A-Za-z]+", w.source))), "en"
    )
    spanish_translations([r for found in english.values() for r in found if "<n>" in r])
    drafts = [w.text if w.text is not None else w.fallback for w in termed]
    readings(
        list(dict.fromkeys(t for text in drafts for t in re.findall(r"[^\W\d_]+", text))), "es"
    )


def glossary_comments(glossary: Glossary, msgid: str, target_lang: str) -> list[str]:
    """Extracted comments showing reviewers the terms of ``msgid`` and their approved rendering,
    e.g. ``glossary: Belt and Road Initiative → 一带一路倡议 (not: 一带一路战略) — note``."""
    comments: list[str] = []
    seen: set[str] = set()
    # One match of the sentence serves both: a deputy's title is no term to render, but its
    # words are a title's, not a name's.
    split = terms_across_markup(glossary, msgid)
    found = _matches_clear_of(glossary.match(msgid, deputies=True), split)
    found = sorted([*found, *split], key=lambda m: m.start)
    terms = [m for m in found if m.entry.covers(target_lang) and not under_a_deputy(m, msgid)]
    for match in terms:
        entry = match.entry
        if entry.id in seen:
            continue
        seen.add(entry.id)
        rendering = entry.preferred(target_lang, match.text)
        line = f"glossary: {match.text} → {rendering}"
        others = [a for a in entry.approved(target_lang) if a != rendering]
        if others:
            line += f" (also: {', '.join(others)})"
        forbidden = entry.forbidden.get(written_language(target_lang), ())
        if forbidden:
            line += f" (never: {', '.join(forbidden)})"
        if match in split:
            line += " (split by markup in the source; not placed in the draft)"
        # The whole note: its last sentence names the source of the rendering, which is what a
        # reviewer who doubts a term needs.
        comments.append(f"{line} — {' '.join(entry.note.split())}")
    if not may_hold_a_name(msgid):
        return comments
    from localize.names import unlisted_names

    names = unlisted_names(msgid, [(m.start, m.end) for m in found])
    if names:
        listed = ", ".join(dict.fromkeys(name.text for name in names))
        comments.append(
            f"glossary: unverified names: {listed} — not in the glossary; check their spelling "
            "against the source"
        )
    return comments


# Markup a reader does not see that may fall inside a term: inline HTML tags of emphasis and
# Markdown emphasis delimiters at the edge of a word ("*Shanghai Cooperation* Organization").
_SPLITTING_MARK = re.compile(
    r"</?(?:b|big|cite|dfn|em|i|mark|small|span|strong|u)(?:\s[^<>]*)?>"
    r"|(?<![\w*_~])(?:\*{1,3}|_{1,3}|~~)(?=\w)"
    r"|(?<=\w)(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])",
    re.IGNORECASE,
)


def terms_across_markup(glossary: Glossary, sentence: str) -> list[Match]:
    """The terms that emphasis splits in ``sentence`` ("**Belt and Road** Initiative"), found
    in its text without such markup: offsets span the term as written, ``text`` is the term as
    read. Matching the sentence as written misses them (or finds a shorter term inside), and
    enforcement cannot place a rendering across markup, so they are for the reviewer's notes
    and keep shorter terms inside them out of the draft."""
    if not any(mark in sentence for mark in "*_~<"):
        return []
    kept: list[int] = []  # the sentence's offset of each character of the text as read
    position = 0
    for mark in _SPLITTING_MARK.finditer(sentence):
        kept.extend(range(position, mark.start()))
        position = mark.end()
    if not position:
        return []
    kept.extend(range(position, len(sentence)))
    read = "".join(sentence[i] for i in kept)
    split = []
    for match in glossary.match(read, deputies=True):
        start, last = kept[match.start], kept[match.end - 1]
        if last - start != match.end - 1 - match.start:  # markup inside
            split.append(Match(match.entry, start, last + 1, match.text))
    return split


def _matches_clear_of(matches: list[Match], split: list[Match]) -> list[Match]:
    """``matches`` that overlap no term of ``split``."""
    return [m for m in matches if all(m.end <= s.start or m.start >= s.end for s in split)]


# What a word of a name may hold besides letters: "Kassym-Jomart", "O'Neill", an initial "K.".
_NAME_WORD_MARKS = "'’-."


def may_hold_a_name(sentence: str) -> bool:
    """False when ``sentence`` cannot hold a name ``names.unlisted_names`` would list: every
    such name is two words with one space between, each opening with a capital. Most
    sentences have no such pair, and then the names module is neither imported nor run
    (about 3-4 ms of an update's one sentence: its tables and patterns; issue 19)."""
    at = sentence.find(" ")
    while at != -1:
        if sentence[at + 1 : at + 2].isupper():
            start = at
            while start and (
                sentence[start - 1].isalpha() or sentence[start - 1] in _NAME_WORD_MARKS
            ):
                start -= 1
            if any(ch.isupper() for ch in sentence[start:at]):
                return True
        at = sentence.find(" ", at + 1)
    return False


# -- stages -----------------------------------------------------------------------------------


def _terms(
    glossary: Glossary | None, sentence: str, lang: str, markup: Sequence[tuple[int, int]]
) -> list[Match]:
    if glossary is None:
        return []
    # A shorter term inside a term that emphasis splits ("Shanghai" in "*Shanghai Cooperation*
    # Organization") is not placed: its rendering is not the longer term's.
    split = terms_across_markup(glossary, sentence)
    return [
        m
        for m in _matches_clear_of(glossary.match(sentence), split)
        if m.entry.covers(lang) and all(m.end <= a or m.start >= b for a, b in markup)
    ]


def _may_need_masking(w: _Work) -> bool:
    """Whether substitution may leave a term of the sentence unplaced, so that it needs the
    masked pass: one term's text inside another's (*UN* in *UN Secretary-General*, *Foreign
    Minister* in *Council of Foreign Ministers*), where substituting one hides or takes the
    other's rendering. On the bench corpus this picked 18 of 676 sentences, 13 of the 14 that
    needed masking. A guess only decides what is translated in advance: results are the same."""
    texts = [m.text.casefold() for m in w.terms]
    return any(a != b and a in b for a in texts for b in texts)


@dataclass
class _FirstPassPlan:
    """What a batch's first pass asks of the engine, worked out before it is asked: the
    sentences with their protected spans masked; when the batch shares its call (the
    translator's first n-best hypothesis is its plain translation and a sentence may need
    masking, ``_masked_in_the_call``), after them the masked versions of the sentences that
    may need them (``ahead``) and the terms' renderings no run has kept (``asked``), each
    taking its first hypothesis. Alone, the masked pass was one or two batches of a few
    sentences at 1.5-2x the CPU per token of full batches (bench/bench_enforce.py's profile),
    with a worker idle."""

    masked: list[Masked]
    ahead: list[_MaskingJob]
    asked: list[str]
    nbest: int  # hypotheses per text; 0: a plain call (no sentence holds a term)

    def texts(self) -> list[str]:
        return [m.text for m in self.masked] + [job.masked.text for job in self.ahead] + self.asked


# A batch's first pass asked of the engine in a worker thread: its plan and the engine's answer.
_Running = tuple[_FirstPassPlan, "Future[list[list[str]]]"]


def _plan_first_pass(
    translator: Translator,
    placeholder: Placeholder,
    work: list[_Work],
    glossary: Glossary | None,
    lang: str,
    nbest: int,
    in_flight: set[str],
) -> _FirstPassPlan:
    """``in_flight``: renderings another batch's first pass asks already."""
    masked = [mask(w.source, w.markup, placeholder) for w in work]
    may_mask = _masked_in_the_call(translator, work, glossary, nbest)
    if not may_mask:
        # One call for the whole batch: sentences without terms take the best hypothesis. Two
        # calls (plain, then n-best) left each with part-filled batches, measured slower.
        return _FirstPassPlan(masked, [], [], nbest if any(w.terms for w in work) else 0)
    ahead = _masking_jobs(placeholder, may_mask, lang)
    terms = [m.text for w in work for m in w.terms]
    asked = [t for t in _renderings_to_ask(translator, terms) if t not in in_flight]
    return _FirstPassPlan(masked, ahead, asked, nbest)


def _ask_first_pass(translator: Translator, plan: _FirstPassPlan) -> list[list[str]]:
    texts = plan.texts()
    if plan.nbest:
        return translator.translate_nbest(texts, plan.nbest)
    return [[output] for output in translator.translate(texts)]


def _after_the_shared_call(
    translator: Translator,
    work: list[_Work],
    plan: _FirstPassPlan,
    every: list[list[str]],
    glossary: Glossary,
    lang: str,
) -> list[_Work]:
    """The stages of ``enforce_batch`` after a first pass that shared its call
    (``_FirstPassPlan``), up to the masked pass: a masked translation that is not needed is
    dropped. Returns the sentences the guess missed, to be masked after, as before."""
    ahead = plan.ahead
    firsts = [(out or [""])[0] for out in every[len(work) :]]
    _remember_renderings(translator, dict(zip(plan.asked, firsts[len(ahead) :], strict=True)))
    _take_hypotheses(work, plan.masked, every[: len(work)], glossary, lang)
    unresolved = [w for w in work if w.text is None]
    if unresolved:
        _substitute(translator, unresolved, glossary, lang)
    needed = {id(w) for w in work if w.text is None}
    _restore_masked(
        [job for job in ahead if id(job.work) in needed],
        [
            text
            for job, text in zip(ahead, firsts[: len(ahead)], strict=True)
            if id(job.work) in needed
        ],
        glossary,
        lang,
    )
    guessed = {id(job.work) for job in ahead}
    return [w for w in work if w.text is None and id(w) not in guessed]


def _take_hypotheses(
    work: list[_Work],
    masked: list[Masked],
    every: list[list[str]],
    glossary: Glossary | None,
    lang: str,
) -> None:
    """The first pass's verdict on each sentence's hypotheses: the first that carries every
    term, or the best kept as the fallback for the stages after."""
    termed = [i for i, w in enumerate(work) if w.terms]
    for i, w in enumerate(work):
        if w.terms:
            continue
        restored = restore(
            every[i][0] if every[i] else "",
            masked[i].tokens,
            masked[i].originals,
            pads=masked[i].pads,
        )
        w.text = restored.text
        w.markup_lost = bool(restored.failed)
    if not termed:
        return
    assert glossary is not None
    hypotheses = [every[i] for i in termed]
    for i, outputs in zip(termed, hypotheses, strict=True):
        w = work[i]
        restored_all = [
            restore(o, masked[i].tokens, masked[i].originals, pads=masked[i].pads)
            for o in outputs
            if o
        ]
        intact = [r.text for r in restored_all if not r.failed]
        w.markup_lost = not intact
        w.candidates = intact or [r.text for r in restored_all] or [""]
        for rank, candidate in enumerate(w.candidates):
            if not _missing(w, glossary, lang, candidate) and not _forbidden(
                w, glossary, lang, candidate
            ):
                w.text = candidate
                how = "engine output" if rank == 0 else f"n-best hypothesis {rank + 1}"
                w.methods = {m.entry.id: how for m in w.terms}
                break
        else:
            w.fallback = w.candidates[0]
            w.fallback_methods = {
                m.entry.id: "engine output"
                for m in w.terms
                if m not in _missing(w, glossary, lang, w.fallback)
            }


def _substitute(translator: Translator, work: list[_Work], glossary: Glossary, lang: str) -> None:
    """Replace the engine's own rendering of a missing term (or a forbidden rendering) by the
    approved term, trying each hypothesis in rank order."""
    wanted = sorted({m.text for w in work for m in _missing(w, glossary, lang, w.fallback)})
    renderings = _own_renderings(translator, wanted)
    for w in work:
        best: tuple[int, str, dict[str, str]] | None = None
        for rank, candidate in enumerate(w.candidates):
            text = candidate
            methods = {
                m.entry.id: ("engine output" if rank == 0 else f"n-best hypothesis {rank + 1}")
                for m in w.terms
            }
            for match in w.terms:
                entry = match.entry
                rendering = w.rendering(match, lang)
                for form, start, end in glossary.forbidden_found(entry, lang, text):
                    if _in_markup(w, text, start, end):
                        continue
                    end += _abbreviation_period(form, rendering, text, end)
                    text = text[:start] + rendering + text[end:]
                    methods[entry.id] = f"replaced forbidden rendering '{form}'"
                    break
                if glossary.has_approved(entry, lang, text):
                    continue
                own = renderings.get(match.text, "").strip().rstrip(".。!?")
                spans = [
                    (a, b)
                    for a, b in (_find_plain(text, own) if own else [])
                    if not _in_markup(w, text, a, b)
                ]
                if not spans:
                    methods.pop(entry.id, None)
                    continue
                for start, end in reversed(spans):
                    end += _abbreviation_period(match.text, rendering, text, end)
                    text = text[:start] + _case_like(rendering, text, start) + text[end:]
                methods[entry.id] = f"substituted for the engine's rendering '{own}'"
            missing = _missing(w, glossary, lang, text)
            if not missing and not _forbidden(w, glossary, lang, text):
                w.text, w.methods = text, methods
                break
            if best is None or len(missing) < best[0]:
                best = (len(missing), text, methods)
        if w.text is None and best is not None:
            w.fallback, w.fallback_methods = best[1], best[2]


# How each translator renders a term on its own. The same terms recur in every batch of an
# article (names, the organisation, the initiative); asking the engine once per term saves a
# call per batch. Weak keys: the cache goes with the translator. Between runs the renderings
# are kept where the translator says (``term_renderings``), so a new process asks only for
# terms no earlier run met.
_RENDERINGS: WeakKeyDictionary[Translator, dict[str, str]] = WeakKeyDictionary()
_STORES: WeakKeyDictionary[Translator, RenderingStore | None] = WeakKeyDictionary()


def _own_renderings(translator: Translator, terms: list[str]) -> dict[str, str]:
    missing = _renderings_to_ask(translator, terms)
    if missing:
        _remember_renderings(
            translator, dict(zip(missing, translator.translate(missing), strict=True))
        )
    known = _RENDERINGS[translator]
    return {term: known[term] for term in terms}


def _renderings_to_ask(translator: Translator, terms: list[str]) -> list[str]:
    """The terms whose rendering neither this process nor an earlier run has kept."""
    known = _RENDERINGS.setdefault(translator, {})
    missing = list(dict.fromkeys(term for term in terms if term not in known))
    store = _store(translator) if missing else None
    if store is not None:
        known.update(store.get(missing))
        missing = [term for term in missing if term not in known]
    return missing


def _remember_renderings(translator: Translator, fresh: dict[str, str]) -> None:
    if not fresh:
        return
    _RENDERINGS.setdefault(translator, {}).update(fresh)
    store = _store(translator)
    if store is not None:
        store.put(fresh)


def _store(translator: Translator) -> RenderingStore | None:
    if translator not in _STORES:
        from localize.term_renderings import RenderingStore  # sqlite3: only when a term needs it

        location = translator.cache_location()
        _STORES[translator] = RenderingStore.open(*location) if location else None
    return _STORES[translator]


def _mask_terms(
    translator: Translator,
    placeholder: Placeholder,
    work: list[_Work],
    glossary: Glossary,
    lang: str,
) -> None:
    """Last resort: mask the terms (and markup), restore the approved renderings."""
    jobs = _masking_jobs(placeholder, work, lang)
    outputs = translator.translate([job.masked.text for job in jobs])
    _restore_masked(jobs, outputs, glossary, lang)


@dataclass
class _MaskingJob:
    """A sentence sent again with its terms masked: the masked text and what each token
    stands for in the target language."""

    work: _Work
    masked: Masked
    replacements: list[str]
    capitalize: list[bool]
    names: list[str]


def _masking_jobs(placeholder: Placeholder, work: list[_Work], lang: str) -> list[_MaskingJob]:
    jobs = []
    for w in work:
        spans = sorted([*w.markup, *((m.start, m.end) for m in w.terms)])
        masked = mask(w.source, spans, placeholder)
        replacements, capitalize, names = [], [], []
        term_at = {(m.start, m.end): m for m in w.terms}
        for span in spans:
            match = term_at.get(span)
            if match is None:  # inline markup: verbatim
                replacements.append(w.source[span[0] : span[1]])
                capitalize.append(False)
                names.append("")
            else:
                replacements.append(w.rendering(match, lang))
                capitalize.append(True)
                names.append(match.text)
        jobs.append(_MaskingJob(w, masked, replacements, capitalize, names))
    return jobs


def _restore_masked(
    jobs: list[_MaskingJob], outputs: list[str], glossary: Glossary, lang: str
) -> None:
    for job, output in zip(jobs, outputs, strict=True):
        w, masked, names = job.work, job.masked, job.names
        restored = restore(output, masked.tokens, job.replacements, job.capitalize, masked.pads)
        if restored.failed:
            lost = [
                f"'{names[i] or masked.originals[i]}' ({masked.tokens[i]})" for i in restored.failed
            ]
            w.problem = (
                f"the engine dropped, duplicated or mangled the placeholder for {', '.join(lost)}"
            )
            continue
        if _forbidden(w, glossary, lang, restored.text):
            continue
        w.text = restored.text
        w.methods = {m.entry.id: "masked with a placeholder" for m in w.terms}
        w.markup_lost = False


def _draft(w: _Work, glossary: Glossary | None, lang: str) -> Draft:
    flags: list[str] = []
    comments: list[str] = []
    if w.text is not None:
        text, methods = w.text, w.methods
    else:
        text, methods = w.fallback, w.fallback_methods
    if glossary is not None:
        text = _without_repeated_expansion(w, glossary, lang, text)
    if glossary is not None and base_language(lang) in ("es", "fr"):
        text, unsure, with_kept = _agree(w, glossary, lang, text)
        for rendering in dict.fromkeys(unsure):
            comments.append(
                f"{GLOSSARY_GRAMMAR}: the article before '{rendering}' was not checked (the "
                "glossary gives no gender for it); make it agree"
            )
        comments.extend(
            f"{GLOSSARY_GRAMMAR}: {doubt}" for doubt in _doubts(w, lang, text, with_kept)
        )
    if glossary is not None:
        done: set[str] = set()
        # _missing gives occurrences of w.terms: an entry lacks a rendering when one is its own.
        lacking_ids = {m.entry.id for m in _missing(w, glossary, lang, text)}
        for match in w.terms:
            entry = match.entry
            if entry.id in done:
                continue
            done.add(entry.id)
            rendering = w.rendering(match, lang)
            lacking = entry.id in lacking_ids
            if lacking or _forbidden(w, glossary, lang, text, only=entry.id):
                why = f"; {w.problem}" if w.problem else ""
                comments.append(
                    f"{GLOSSARY_MISSING}: '{match.text}' → '{rendering}' could not be placed{why}"
                )
                if GLOSSARY_MISSING not in flags:
                    flags.append(GLOSSARY_MISSING)
            else:
                how = methods.get(entry.id, "engine output")
                comments.append(f"{PLACED}: {match.text} → {rendering} ({how})")
    if w.markup_lost:
        flags.append(MARKUP_MISSING)
        comments.append(
            f"{MARKUP_MISSING}: the engine lost inline markup "
            f"{', '.join(repr(w.source[a:b]) for a, b in w.markup)}; restore it by "
            "hand"
        )
    return Draft(text, flags, comments)


def _without_repeated_expansion(w: _Work, glossary: Glossary, lang: str, text: str) -> str:
    """«منظمة شانغهاي للتعاون (منظمة شانغهاي للتعاون)» -> the name once: "(SCO)" after the
    full name, in a language without the abbreviation, is not its own expansion again."""
    if "(" not in text and "（" not in text:
        return text
    for match in w.terms:
        rendering = w.rendering(match, lang)
        if match not in w.required_of(glossary):
            # Emphasis that closes around the name stays: «**Iniciativa …** (Iniciativa …)».
            repeated = (
                f"({re.escape(rendering)}[*_]*)"
                + r"\s*[(（]\s*"
                + re.escape(rendering)
                + r"\s*[)）]"
            )
            text = re.sub(repeated, lambda found: found.group(1), text)
    return text


def _agree(
    w: _Work, glossary: Glossary, lang: str, text: str
) -> tuple[str, list[str], list[Placed]]:
    """Articles before the placed terms agree with them (``localize.placement``); the text, the
    renderings whose article was not checked, and every placed rendering in the text, kept
    names too (for ``_doubts``)."""
    from localize.placement import adjectives_after_terms, agree

    # One search for the renderings per text the draft goes through, kept names included;
    # agreement leaves kept names alone.
    with_kept = _placed(w, glossary, lang, text)
    moved = adjectives_after_terms(w.source, w.terms, text, _not_kept(with_kept, lang), lang)
    if moved != text:
        text, with_kept = moved, _placed(w, glossary, lang, moved)
    agreed, unsure = agree(text, _not_kept(with_kept, lang), lang)
    if agreed != text:
        with_kept = _placed(w, glossary, lang, agreed)
    return agreed, unsure, with_kept


def _doubts(w: _Work, lang: str, text: str, with_kept: list[Placed]) -> list[str]:
    """What placement flags rather than guesses: English word order and adjectives that
    disagree next to a placed term (``localize.placement``). ``with_kept``: the renderings
    placed in ``text``, kept names too."""
    from localize.placement import disagreeing_adjectives, english_order

    # A kept name is placed too, and left in English order as easily («el G20 cumbre»).
    return [
        *english_order(w.source, w.terms, text, with_kept, lang),
        *disagreeing_adjectives(text, _not_kept(with_kept, lang), lang),
    ]


def _not_kept(placed: list[Placed], lang: str) -> list[Placed]:
    """The renderings of ``placed`` that are not names kept as they are in ``lang``."""
    return [p for p in placed if written_language(lang) not in p.entry.keep]


def _placed(w: _Work, glossary: Glossary, lang: str, text: str) -> list[Placed]:
    """The approved renderings of the sentence's terms in ``text``, kept names too."""
    from localize.placement import Placed

    return [
        Placed(match.entry, start, end)
        for match in {m.entry.id: m for m in w.terms}.values()
        for start, end in set(glossary.approved_spans(match.entry, lang, text))
        if not _in_markup(w, text, start, end)
    ]


# -- helpers ----------------------------------------------------------------------------------


def _missing(w: _Work, glossary: Glossary, lang: str, text: str) -> list[Match]:
    """Term occurrences the text does not carry: a term the source uses twice (the full name,
    then its abbreviation) needs two approved renderings, or the second stays untranslated."""
    known = w.missing_in.get(text)
    if known is None:
        known = w.missing_in[text] = _missing_anew(w, glossary, lang, text)
    return list(known)


def _missing_anew(w: _Work, glossary: Glossary, lang: str, text: str) -> list[Match]:
    by_entry: dict[str, list[Match]] = {}
    for match in w.required_of(glossary):
        by_entry.setdefault(match.entry.id, []).append(match)
    carried = glossary.carried(w.terms, lang, text, w.source)
    missing: list[Match] = []
    for entry_id, matches in by_entry.items():
        missing.extend(matches[carried[entry_id] :])
    return missing


def _forbidden(w: _Work, glossary: Glossary, lang: str, text: str, only: str | None = None) -> bool:
    return any(
        _forbidden_of(w, glossary, lang, text, m.entry)
        for m in w.terms
        if only is None or m.entry.id == only
    )


def _forbidden_of(w: _Work, glossary: Glossary, lang: str, text: str, entry: Entry) -> bool:
    known = w.forbidden_in.get((text, entry.id))
    if known is None:
        known = w.forbidden_in[(text, entry.id)] = bool(glossary.forbidden_found(entry, lang, text))
    return known


def _in_markup(w: _Work, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] touches a piece of the source's inline markup (a URL, a link
    label) that came back verbatim: a term substitution must never rewrite those."""
    for a, b in w.markup:
        piece = w.source[a:b]
        at = text.find(piece)
        while at >= 0:
            if start < at + len(piece) and at < end:
                return True
            at = text.find(piece, at + 1)
    return False


def _find_plain(text: str, needle: str) -> list[tuple[int, int]]:
    """Whole-word, case-insensitive occurrences of ``needle``."""
    pattern = re.escape(needle)
    if needle[:1].isalnum() and not _is_cjk(needle):
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" for ch in text)


def _abbreviation_period(term: str, rendering: str, text: str, end: int) -> int:
    """1 when the period after the engine's (or a forbidden) rendering at ``end`` goes with
    it: the own rendering is looked for without a final period (an engine ends a term it
    translates alone with one), but "U.N." keeps its period inside a sentence ("la ONU. se
    reunió" otherwise), and a rendering that ends with a period brings its own ("EE. UU.."
    otherwise). A period that ends the sentence stays."""
    if text[end : end + 1] != ".":
        return 0
    if rendering.endswith("."):
        return 1
    # Inside the sentence only when what follows continues it: a lower-case word, a number or
    # a clause's punctuation ("la ONU se reunió"); a closing quote or a capital ends it.
    after = text[end + 1 :].lstrip()
    inside = bool(after) and (after[0].islower() or after[0].isdigit() or after[0] in ",;:")
    return 1 if term.endswith(".") and inside else 0


def _case_like(rendering: str, text: str, start: int) -> str:
    """Capitalise the approved rendering when it opens the sentence."""
    if not text[:start].strip(" \t\"'«“„¿¡(") and rendering[:1].islower():
        return rendering[:1].upper() + rendering[1:]
    return rendering
