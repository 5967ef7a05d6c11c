"""The grammar around a placed glossary term in a Spanish or French draft.

An engine that translated "the Belt and Road Initiative" as «el Cinturón y Ruta Iniciativa» chose
its article for its own noun; once the approved «Iniciativa de la Franja y la Ruta» is put in, the
article must agree with the new one: «la Iniciativa», «de la Iniciativa» (not «del»), «a la»
(not «al»); in French «l'Initiative», «de l'», «à la» (not «du», «au»). The glossary gives each
rendering's gender and number (``grammar: {es: f, fr: f}``). A rendering that brings its own
article («la Franja y la Ruta») takes none from the engine («la la», «del la» become «la», «de
la»), and quotation marks the rendering already has are not wrapped in the engine's («"«tres
fuerzas del mal»"» becomes «tres fuerzas del mal» in its own quotes). An article before a term
whose gender the glossary does not give is left alone and reported, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from localize.glossary import Entry, Match

_ES_DEFINITE = {"m": "el", "f": "la", "m-pl": "los", "f-pl": "las"}
_ES_INDEFINITE = {"m": "un", "f": "una", "m-pl": "unos", "f-pl": "unas"}
_ES_DE = {"m": "del", "f": "de la", "m-pl": "de los", "f-pl": "de las"}
_ES_A = {"m": "al", "f": "a la", "m-pl": "a los", "f-pl": "a las"}
_FR_DEFINITE = {"m": "le", "f": "la", "m-pl": "les", "f-pl": "les"}
_FR_INDEFINITE = {"m": "un", "f": "une", "m-pl": "des", "f-pl": "des"}
_FR_DE = {"m": "du", "f": "de la", "m-pl": "des", "f-pl": "des"}
_FR_A = {"m": "au", "f": "à la", "m-pl": "aux", "f-pl": "aux"}

# Each article form the engine may have written, with the family it belongs to.
_ES_FORMS = {
    **{w: "definite" for w in ("el", "la", "los", "las")},
    **{w: "indefinite" for w in ("un", "una", "unos", "unas")},
    **{w: "de" for w in ("del", "de la", "de los", "de las")},
    **{w: "a" for w in ("al", "a la", "a los", "a las")},
}
_FR_FORMS = {
    **{w: "definite" for w in ("le", "la", "les", "l'", "l’")},
    **{w: "indefinite" for w in ("un", "une")},
    **{w: "de" for w in ("du", "de la", "des", "de l'", "de l’")},
    **{w: "a" for w in ("au", "à la", "aux", "à l'", "à l’")},
}
_TABLES = {
    "es": {
        "definite": _ES_DEFINITE,
        "indefinite": _ES_INDEFINITE,
        "de": _ES_DE,
        "a": _ES_A,
    },
    "fr": {
        "definite": _FR_DEFINITE,
        "indefinite": _FR_INDEFINITE,
        "de": _FR_DE,
        "a": _FR_A,
    },
}
# Every form of a language in one pattern, longest first, matched at the end of the text before
# a rendering: one search per rendering instead of one per form.
_FORMS_AT_END = {
    lang: re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        + ")$",
        re.IGNORECASE,
    )
    for lang, forms in (("es", _ES_FORMS), ("fr", _FR_FORMS))
}
_LONGEST_FORM = max(len(form) for form in (*_ES_FORMS, *_FR_FORMS))
# What may stand between an article and its noun: spaces, emphasis marks, an opening quote.
_BETWEEN = " \t*_\"'«“„"
# An inline tag between an article and its term (HTML articles keep their inline markup).
_TAG_BEFORE = re.compile(r"</?[A-Za-z][^<>]*>$")
_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "'": "'"}
_QUOTES = "\"'«»“”„ \u00a0"


@dataclass(frozen=True)
class Placed:
    """A rendering of ``entry`` at ``start:end`` of the draft."""

    entry: Entry
    start: int
    end: int


def agree(text: str, placed: list[Placed], lang: str) -> tuple[str, list[str]]:
    """``text`` with the articles before each placed rendering made to agree, doubled articles
    and doubled quotes removed; and the renderings whose article could not be checked."""
    lang = lang.split("_", 1)[0].lower()
    if lang not in _TABLES:
        return text, []
    unsure: list[str] = []
    # A rendering inside another placed one (la Franja y la Ruta in Iniciativa de la Franja y
    # la Ruta) has no article of its own to fix.
    placed = [
        p
        for p in placed
        if not any(o.start <= p.start and p.end <= o.end and o != p for o in placed)
    ]
    # Right to left, so that earlier offsets stay valid while the text changes.
    for item in sorted(placed, key=lambda p: p.start, reverse=True):
        rendering = text[item.start : item.end]
        text, start, end = _unwrap_quotes(text, item.start, item.end, rendering)
        found = _article_before(text, start, lang)
        if found is None:
            continue
        a, b, written, family = found
        wanted = _wanted(item.entry, rendering, lang, family)
        if wanted is _UNKNOWN:
            unsure.append(rendering)
            continue
        if wanted is None:
            continue
        if written.casefold() != wanted.casefold() or (wanted.endswith("'") and b != start):
            replacement = _case_like(wanted, written)
            if not wanted:
                text = text[:a] + text[start:]
            elif wanted.endswith("'"):
                text = text[:a] + replacement + text[b:start].lstrip(" ") + text[start:]
            else:
                gap = text[b:start] or " "
                text = text[:a] + replacement + gap + text[start:]
    return text, unsure


def _unwrap_quotes(text: str, start: int, end: int, rendering: str) -> tuple[str, int, int]:
    """«"«tres fuerzas del mal»"» -> «tres fuerzas del mal»: the rendering has its own quotes,
    the engine's around them go."""
    inner_start, inner_end = start, end
    while inner_start > 0 and text[inner_start - 1] in "«“ \u00a0":
        inner_start -= 1
    while inner_end < len(text) and text[inner_end] in "»” \u00a0":
        inner_end += 1
    if inner_start == start or inner_end == end or inner_start == 0 or inner_end >= len(text):
        return text, start, end
    opening = text[inner_start - 1]
    if opening not in _QUOTE_PAIRS:
        return text, start, end
    # The engine's closing quote, right after the rendering or after the punctuation that
    # follows it (American style: «»,").
    close_at = inner_end + (1 if text[inner_end] in ",.;:" else 0)
    if close_at >= len(text) or text[close_at] != _QUOTE_PAIRS[opening]:
        return text, start, end
    text = text[: inner_start - 1] + text[inner_start:close_at] + text[close_at + 1 :]
    return text, start - 1, end - 1


def _article_before(text: str, start: int, lang: str) -> tuple[int, int, str, str] | None:
    """The article right before ``start``: its span, its text and its family."""
    forms = _ES_FORMS if lang == "es" else _FR_FORMS
    b = start
    while b > 0:
        if text[b - 1] in _BETWEEN:
            b -= 1
        elif text[b - 1] == ">" and (tag := _TAG_BEFORE.search(text, max(0, b - 300), b)):
            b = tag.start()  # «El <abbr title="…">OCS</abbr>»: the article is before the tag
        else:
            break
    before = text[:b]
    # An article is followed by white space, or (elided) by nothing; the longest form that
    # ends there is the one the loop below would find first.
    bare = before.rstrip()
    found = _FORMS_AT_END[lang].search(bare, max(0, len(bare) - _LONGEST_FORM - 1))
    if found is None:
        return None
    form = found.group(0).lower()
    if form in forms:
        elided = form.endswith(("'", "’"))
        if elided and before[len(bare) :] not in ("", "\n"):  # "$" also matched before a "\n"
            return None
        if not elided and (b == start or text.startswith("<", found.end())):
            return None  # no space between article and word (or tag): part of another word
        return found.start(), found.end(), found.group(0), forms[form]
    return _article_before_slowly(before, b, start, forms)


def _article_before_slowly(
    before: str, b: int, start: int, forms: dict[str, str]
) -> tuple[int, int, str, str] | None:
    """``_article_before`` form by form, for a match whose lower case is not a form's (a
    case-insensitive match of a character that lowers to two)."""
    for form in sorted(forms, key=len, reverse=True):
        elided = form.endswith(("'", "’"))
        pattern = rf"(?<!\w){re.escape(form)}" + ("" if elided else r"\s*") + "$"
        found = re.search(pattern, before, re.IGNORECASE)
        if found is None:
            continue
        if not elided and not found.group(0).endswith(" ") and b == start:
            continue  # no space between article and word: part of another word
        return found.start(), found.start() + len(form), found.group(0).rstrip(), forms[form]
    return None


_UNKNOWN = "?"


def _wanted(entry: Entry, rendering: str, lang: str, family: str) -> str | None:
    """The article form the rendering needs; None where the glossary's gender and number are
    not this form's (an alternative, an inflected form), ``_UNKNOWN`` where it gives none."""
    own = _own_article_any().match(rendering)
    if own:  # the rendering brings its article: the engine's becomes its preposition alone
        return {"definite": "", "indefinite": None, "de": "de", "a": "a" if lang == "es" else "à"}[
            family
        ]
    if entry.grammar.get(lang) is None:
        return _UNKNOWN
    grammar = _grammar_of(entry, rendering, lang)
    if grammar is None:  # an alternative or an inflected form («jefes de Estado»)
        return None
    article = _TABLES[lang][family][grammar]
    if lang == "fr" and _elides(rendering) and not grammar.endswith("-pl"):
        article = {"definite": "l'", "de": "de l'", "a": "à l'", "indefinite": article}[family]
    return article


# Placement compares each placed rendering with its entry's preferred one for every draft: a
# few hundred distinct forms, asked about tens of thousands of times in a long article.
@lru_cache(maxsize=4096)
def _bare(form: str) -> str:
    return " ".join(form.strip(_QUOTES).split()).casefold()


def _elides(word: str) -> bool:
    return bool(_eliding_start().match(word))


# Compiled when a rendering's article is first asked about: an update's one sentence seldom
# places a term with its article (1.4 ms for the three; issue 19).
@cache
def _own_article_any() -> re.Pattern[str]:
    return re.compile(r"[«“\"\s]*(el|la|los|las|le|les|l['’])(?!\w)", re.IGNORECASE)


@cache
def _own_spanish_article() -> re.Pattern[str]:
    return re.compile(r"[«“\"\s]*(el|la|los|las)(?!\w)", re.IGNORECASE)


@cache
def _eliding_start() -> re.Pattern[str]:
    return re.compile(r"[«“\"\s]*[aeiouyàâäéèêëîïôöùûüœh]", re.IGNORECASE)


def _case_like(wanted: str, written: str) -> str:
    return wanted[:1].upper() + wanted[1:] if written[:1].isupper() and wanted else wanted


def disagreements(text: str, placed: list[Placed], lang: str) -> list[str]:
    """The placed renderings whose article or quotation marks ``agree`` would change: the
    measure of placement grammar (bench/bench_glossary.py)."""
    found = []
    for item in placed:
        fixed, _ = agree(text, [item], lang)
        if fixed != text:
            found.append(text[item.start : item.end])
    return found


# -- what placement flags for the reviewer instead of guessing --------------------------------

# The next one or two words after a term, past its abbreviation in brackets ("Shanghai
# Cooperation Organization (SCO) member states").
_BRACKETED = r"(?:[ \u00a0]*[(（][^()（）]{1,20}[)）])?"
_NEXT_WORDS = re.compile(_BRACKETED + r"[ \u00a0]+([^\W\d_]+)(?:[ \u00a0]+([^\W\d_]+))?")
_SOURCE_NEXT = re.compile(
    r"(['’]s)?" + _BRACKETED + r"[ \u00a0]+([A-Za-z]+)(?:[ \u00a0]+([A-Za-z]+))?"
)
# Readings of a finite verb: "SCO has", "China supports" are a subject and its verb, not a noun
# the term modifies.
_FINITE = re.compile(r"<(?:pri|past|pres|inf|imp|cni|fti|pis|pii|prs)>")
# Participles that show gender and number by their ending, where no dictionary is at hand (five
# letters at least in Spanish: «cada», «nada» are not participles).
_PARTICIPLE = {
    "es": re.compile(r"^\w{2,}(?:ad|id)(o|a|os|as)$"),
    "fr": re.compile(r"^\w{3,}é(|e|s|es)$"),
}
_PARTICIPLE_GRAMMAR = {
    "es": {"o": "m", "a": "f", "os": "m-pl", "as": "f-pl"},
    "fr": {"": "m", "e": "f", "s": "m-pl", "es": "f-pl"},
}


def english_order(
    source: str, terms: list[Match], text: str, placed: list[Placed], lang: str
) -> list[str]:
    """Placed renderings that the engine left in English word order: the source's term modifies
    a noun ("SCO meeting", "Belt and Road Forum", "Tajikistan's rotating presidency") and the
    draft puts that noun's translation right after the rendering («OCS reunión», «la Franja y la
    Ruta Foro»), where Spanish wants it before (reunión de la OCS); and the source's English word
    left before a term («Tajik Ministro de asuntos exteriores»). Found with Apertium's analysers
    and bilingual dictionary (Spanish only); one message per doubt, nothing changed."""
    from localize.morphology import has_dictionaries, readings, spanish_translations

    if _base(lang) != "es" or not has_dictionaries("en") or not placed:
        return []
    # entry id -> (the source's term and noun, the noun's readings)
    modified: dict[str, list[tuple[str, list[str]]]] = {}
    for match in terms:
        after = _SOURCE_NEXT.match(source, match.end)
        if after is None:
            continue
        genitive = after.group(1) is not None  # "Tajikistan's": never a verb next
        words = [w for w in after.groups()[1:] if w]
        analysed = readings(words, "en")
        for index, word in enumerate(words):
            found = analysed[word]
            if not genitive and any(_FINITE.search(r) for r in found):
                break  # "SCO has", "China supports": the term is the subject
            describes = not found or any("<adj>" in r for r in found)
            if describes and index + 1 < len(words):
                continue  # "RATS Executive Committee", "'s rotating presidency": the noun is next
            nouns = [r for r in found if "<n>" in r]
            if nouns:
                phrase = source[match.start : after.end(index + 2)]
                modified.setdefault(match.entry.id, []).append((phrase, nouns))
            break
    doubts = _english_words_before(source, terms, text, placed)
    if not modified:
        return doubts
    translations = spanish_translations(
        [n for pairs in modified.values() for _, nouns in pairs for n in nouns]
    )
    for item in placed:
        pairs = modified.get(item.entry.id, [])
        after = _NEXT_WORDS.match(text, item.end)
        if not pairs or after is None:
            continue
        words = [w for w in after.groups() if w]
        analysed = readings(words, "es")
        for index, word in enumerate(words):
            lemmas = {word.casefold()} | {r.split("<", 1)[0].casefold() for r in analysed[word]}
            kept = next(
                (p for p, nouns in pairs if any(lemmas & translations[n] for n in nouns)), None
            )
            if kept is not None:
                rendering = text[item.start : item.end]
                doubts.append(
                    f"'{text[item.start : after.end(index + 1)]}' keeps the English word order "
                    f"of '{kept}'; Spanish puts '{word}' first ({word} de … {rendering})"
                )
                break
    return list(dict.fromkeys(doubts))


# The word right before a term in the English source, and in the draft before a rendering;
# written backwards, for ``_before``.
_SOURCE_PREVIOUS = re.compile(r"\n?[ \u00a0]+([A-Za-z]+)")
_PREVIOUS = re.compile(r"\n?[ \u00a0]+([^\W\d_]+)")


@dataclass(frozen=True)
class _Before:
    """What ``_before`` found: where it starts, and its group 1 read forwards."""

    start: int
    words: str


def _before(backwards: re.Pattern[str], text: str, end: int) -> _Before | None:
    """The words right before ``end``: ``backwards`` (a pattern written for the reversed text,
    its group 1 the words) matched from ``end`` to the left. It finds what the forward pattern
    ending in ``$`` finds with ``search(text, 0, end)`` (the words as far left as they go, also
    before a "\\n" that ends the text, as ``$`` matches there), in the time the words take to
    read, where the forward search starts at every character of the text before them and
    was most of placement's time (issue 19)."""
    if end <= 0:
        return None
    found = backwards.match(text[end - 1 :: -1])
    if found is None:
        return None
    return _Before(end - found.end(), found.group(1)[::-1])


def adjectives_after_terms(
    source: str, terms: list[Match], text: str, placed: list[Placed], lang: str
) -> str:
    """``text`` with an adjective of a proper noun that the engine left before a placed term,
    in English order, put after it: "Chinese Foreign Minister" -> «chino ministro de Asuntos
    Exteriores» -> «ministro de Asuntos Exteriores chino». English capitalises the adjectives
    made from names (Chinese, Russian), and Spanish puts those after their noun. Moved only where
    the source has that adjective right before the term, the draft word is its translation
    (Apertium's English and Spanish analysers and bilingual dictionary) and it already agrees
    with the term's gender and number; otherwise ``disagreeing_adjectives`` flags it."""
    from localize.morphology import has_dictionaries, readings, spanish_translations

    if _base(lang) != "es" or not placed or not has_dictionaries("en"):
        return text
    lemmas: dict[str, set[str]] = {}  # entry id -> Spanish lemmas of its English adjective
    for match in terms:
        previous = _before(_SOURCE_PREVIOUS, source, match.start)
        if previous is None or not previous.words[0].isupper():
            continue
        word = previous.words
        found = readings([word], "en")[word]
        adjectives = [r for r in found if "<adj>" in r]
        # At the start of a sentence every word is capitalised: there it must also be read as
        # a name ("Chinese<n>"), not only as an adjective ("Closer").
        opening = not source[: previous.start].strip(" \"'“‘(-—–")
        if not adjectives or (opening and not any(r[0].isupper() and "<n>" in r for r in found)):
            continue
        for spanish in spanish_translations(adjectives).values():
            lemmas.setdefault(match.entry.id, set()).update(spanish)
    for item in sorted(placed, key=lambda p: p.start, reverse=True):
        wanted = lemmas.get(item.entry.id)
        if not wanted:  # nearly every term: the source has no such adjective before it
            continue
        previous = _before(_PREVIOUS, text, item.start)
        if previous is None:
            continue
        rendering = text[item.start : item.end]
        grammar = _grammar_of(item.entry, rendering, lang)
        word = previous.words
        analysed = [r for r in readings([word], "es")[word] if "<adj>" in r]
        if (
            grammar is None
            or not any(r.split("<", 1)[0].casefold() in wanted for r in analysed)
            or not any(_compatible(grammar, _reading_grammar(r)) for r in analysed)
        ):
            continue
        if word[0].isupper():  # it opened the sentence: the term opens it now
            rendering, word = rendering[0].upper() + rendering[1:], word.lower()
        text = f"{text[: previous.start]}{rendering} {word}{text[item.end :]}"
    return text


def _english_words_before(
    source: str, terms: list[Match], text: str, placed: list[Placed]
) -> list[str]:
    """The source's capitalised English word left right before a placed term («Tajik Ministro de
    asuntos exteriores» for "Tajik Foreign Minister"): a word the engine did not translate
    (Apertium's Spanish analyser does not know it) in English order, which no rule can place."""
    from localize.morphology import has_dictionaries, readings

    if not has_dictionaries("es"):
        return []
    before_term: dict[str, set[str]] = {}
    for match in terms:
        previous = _before(_SOURCE_PREVIOUS, source, match.start)
        # Capitalised: a word made from a name (Tajik, Chinese), which Spanish puts after the
        # noun; a draft left in English throughout has every other word before its terms too.
        if previous is not None and previous.words[0].isupper():
            before_term.setdefault(match.entry.id, set()).add(previous.words)
    doubts = []
    for item in placed:
        if item.entry.id not in before_term:  # nearly every term: nothing to look for
            continue
        previous = _before(_PREVIOUS, text, item.start)
        if previous is None or previous.words not in before_term[item.entry.id]:
            continue
        word = previous.words
        if not readings([word], "es")[word]:
            doubts.append(
                f"'{word}' before '{text[item.start : item.end]}' is the source's English word, "
                "untranslated; translate it (an adjective made from a name goes after the term)"
            )
    return doubts


def disagreeing_adjectives(text: str, placed: list[Placed], lang: str) -> list[str]:
    """Adjectives and participles right after a placed noun that disagree with the gender and
    number the glossary gives it («la Iniciativa de la Franja y la Ruta propuesto»). Spanish
    words are read with Apertium's analyser where it is installed; otherwise, and in French, only
    a participle's ending is trusted (-ado/-ida…, -é/-ée…), since -o/-a/-e also end verbs."""
    lang = _base(lang)
    if lang not in _PARTICIPLE:
        return []
    from localize.morphology import has_dictionaries, readings

    dictionary = lang == "es" and has_dictionaries("es")
    doubts = []
    for item in placed:
        rendering = text[item.start : item.end]
        grammar = _grammar_of(item.entry, rendering, lang)
        after = _NEXT_WORDS.match(text, item.end)
        if grammar is None or after is None or not after.group(1)[0].islower():
            continue
        word = after.group(1)
        if dictionary:
            found = readings([word], "es")[word]
            if any(_FINITE.search(r) for r in found):
                continue
            shown = [_reading_grammar(r) for r in found if "<adj>" in r or "<pp>" in r]
        else:
            ending = _PARTICIPLE[lang].search(word.casefold())
            shown = [_PARTICIPLE_GRAMMAR[lang][ending.group(1)]] if ending else []
        if shown and not any(_compatible(grammar, g) for g in shown):
            doubts.append(
                f"'{word}' after '{rendering}' does not agree with it "
                f"({_GRAMMAR_NAMES[grammar]}); make it agree"
            )
    if dictionary:
        doubts.extend(_disagreeing_before(text, placed))
        doubts.extend(_titles_without_article(text, placed))
    return doubts


# After a title: an adjective maybe (chino), then a name, or «y» and the next title of a chain.
_AFTER_TITLE = re.compile(r"[ \u00a0]+(?:([^\W\d_]+)[ \u00a0]+)?([^\W\d_]+)")


def _next_in_chain(text: str, item: Placed, titles: list[Placed]) -> Placed | None:
    """The title joined to ``item`` by «y» (and maybe an adjective): «consejero de Estado chino
    y ministro de Asuntos Exteriores»."""
    for other in titles:
        between = text[item.end : other.start].split()
        if other.start > item.end and between[-1:] == ["y"] and len(between) <= 2:
            return other
    return None


def _names_someone(text: str, item: Placed) -> bool:
    """Whether a name follows the title (past an adjective: «chino Wang Yi»), or the rendering
    holds the name itself («presidente Xi Jinping»)."""
    from localize.morphology import readings

    def is_name(word: str) -> bool:
        found = readings([word], "es")[word]
        return word[0].isupper() and (not found or any("<np>" in r for r in found))

    rendering = text[item.start : item.end].split()
    if len(rendering) > 1 and is_name(rendering[-1]):
        return True
    after = _AFTER_TITLE.match(text, item.end)
    if after is None:
        return False
    adjective, name = after.groups()
    if adjective is not None and not adjective.islower():
        name = adjective
    return is_name(name)


def _titles_without_article(text: str, placed: list[Placed]) -> list[str]:
    """Titles placed before a name with no article: «…, ministro de Asuntos Exteriores chino
    Wang Yi dijo» wants «el ministro …». Spanish running text puts the article before a title
    that precedes a name (el presidente Xi Jinping); titles joined by «y» share the first one's.
    A name is a capitalised word Apertium reads as a proper noun or not at all; a determiner
    (or «del», «al») before the chain settles it."""
    from localize.morphology import readings

    titles = sorted((p for p in placed if p.entry.kind == "title"), key=lambda p: p.start)
    doubts = []
    for item in titles:
        if _next_in_chain(text, item, titles) is not None or not _names_someone(text, item):
            continue  # the chain's last title is the one before the name
        first = item  # the chain's first title is where the article goes
        while previous := next(
            (t for t in titles if _next_in_chain(text, t, titles) is first), None
        ):
            first = previous
        before = _before(_PREVIOUS, text, first.start)
        if before is not None:
            word = before.words
            found = readings([word], "es")[word]
            if word.casefold() in ("del", "al") or any("<det>" in r for r in found):
                continue
        title = text[first.start : first.end]
        article = _ES_DEFINITE[_grammar_of(first.entry, title, "es") or "m"]
        doubts.append(
            f"'{text[first.start : item.end]}' is a title with a name and no article; "
            f"Spanish wants one there ({article} {title} …)"
        )
    return doubts


# The words right before a rendering: up to three, with an article, adverbs and adjectives.
_WORDS_BEFORE = re.compile(r"\n?((?:[ \u00a0]+[^\W\d_]+){1,3})")  # backwards, for _before


def _disagreeing_before(text: str, placed: list[Placed]) -> list[str]:
    """Spanish adjectives (and the article that opens them) before a placed noun that disagree
    with the glossary's gender and number: «un más cercano comunidad de futuro compartido»,
    English order that the engine chose for its own noun. The article right before the term is
    ``agree``'s; a rendering with its own article («la Franja y la Ruta») stands after words of
    another phrase."""
    from localize.morphology import readings

    doubts = []
    for item in placed:
        rendering = text[item.start : item.end]
        grammar = _grammar_of(item.entry, rendering, "es")
        before = _before(_WORDS_BEFORE, text, item.start)
        if grammar is None or before is None or _own_article(rendering):
            continue
        words = before.words.split()
        analysed = readings(words, "es")
        phrase: list[str] = []
        disagree = False
        for word in reversed(words):
            found = analysed[word]
            if any(_FINITE.search(r) for r in found) or not found:
                break
            adjectives = [r for r in found if "<adj>" in r]
            determiners = [r for r in found if "<det>" in r and "<qnt>" not in r]
            if adjectives:
                disagree |= not any(_compatible(grammar, _reading_grammar(r)) for r in adjectives)
            elif determiners:
                phrase.insert(0, word)
                disagree |= not any(_compatible(grammar, _reading_grammar(r)) for r in determiners)
                break
            elif not any("<adv>" in r or "<preadv>" in r for r in found):
                break
            phrase.insert(0, word)
        if disagree and any("<adj>" in r for w in phrase for r in analysed[w]):
            doubts.append(
                f"'{' '.join(phrase)}' before '{rendering}' does not agree with it "
                f"({_GRAMMAR_NAMES[grammar]}); make it agree and put the adjective after it"
            )
    return doubts


def _own_article(rendering: str) -> bool:
    return bool(_own_spanish_article().match(rendering))


_GRAMMAR_NAMES = {
    "m": "masculine singular",
    "f": "feminine singular",
    "m-pl": "masculine plural",
    "f-pl": "feminine plural",
}


def _reading_grammar(reading: str) -> str:
    gender = "f" if "<f>" in reading else "m" if "<m>" in reading else "mf"
    number = "-pl" if "<pl>" in reading else "" if "<sg>" in reading else "-sp"
    return gender + number


def _compatible(wanted: str, shown: str) -> bool:
    gender, _, plural = wanted.partition("-")
    shown_gender, _, shown_number = shown.partition("-")
    gender_ok = shown_gender in ("mf", gender)
    number_ok = shown_number == "sp" or (shown_number == "pl") == bool(plural)
    return gender_ok and number_ok


def _grammar_of(entry: Entry, rendering: str, lang: str) -> str | None:
    """The gender and number of ``rendering`` as the glossary gives them: the preferred
    rendering's, an abbreviation's (singular: la OCS, la ONU); None for an alternative or an
    inflected form, which keep the engine's words around them."""
    grammar = entry.grammar.get(lang)
    if grammar is None:
        return None
    if " " not in rendering and sum(ch.isupper() for ch in rendering) >= 2:
        return grammar.removesuffix("-pl")
    if _bare(rendering) != _bare(entry.targets.get(lang, ("",))[0]):
        return None
    return grammar


def _base(lang: str) -> str:
    return lang.split("_", 1)[0].lower()
