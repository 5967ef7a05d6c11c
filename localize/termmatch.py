"""Finding a glossary rendering in a translation, word by word.

A rendering is found where consecutive words of the translation are forms of its words
(``localize.morphology``) and what separates them is what separates the rendering's words,
quotation marks, dashes and spaces aside. Matching whole words means an approved form counts
only where it is the term: «После» is not «посол», and «односторонность» is not
«многосторонность». A word that is the English source word itself never counts as the target's
(English "President" is not Spanish «presidente»). Forbidden renderings are matched through any
punctuation, so «Один пояс – один путь» is found for «Один пояс — один путь», and inflected
where the language inflects, never into a form of the approved rendering's words.

Grammar may put a few words inside a rendering without making it another term. In Spanish and
French each item of a coordinated rendering may take its article («le terrorisme, le séparatisme
et l'extrémisme» for «terrorisme, séparatisme et extrémisme», «el diálogo y la consulta»). Besides
those, one insertion is accepted per rendering, nothing else: in Spanish and French a country's
adjective after a title's first word («ministre chinois des Affaires étrangères», «ministro chino
de Relaciones Exteriores»); in Russian a genitive that says whose it is, an abbreviation or a
glossary name («партнером ШОС по диалогу», «операции ООН по поддержанию мира»). A name inside
stays its own term's rendering (ШОС still renders "SCO"): the rendering's span then ends before
it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial

from localize.glossary import DASHES
from localize.languages import base_language
from localize.morphology import could_be_genitive, rendering_keys, word_keys
from localize.placenames import SHARED_LETTERS

_WORD = re.compile(r"\w+")
# What may differ between words without making a different rendering: spaces, quotation marks,
# apostrophes, hyphens and dashes.
_LOOSE = re.compile("[\\s\"'«»“”„‟‹›「」『』《》〈〉‘’\u2010-\u2015\\-\u00ad]+")
_ANY_PUNCTUATION = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class _Form:
    """A rendering cut into words, with the normalised separator after each but the last."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]  # normalised separator after each word but the last


# Tokens of the last sentences scanned (each is scanned for every glossary form in a row, then
# not again): a larger cache only held tokens of sentences long done, 2 KB each.
@lru_cache(maxsize=1024)
def _tokens(text: str) -> _Tokens:
    return tuple([(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)])


@lru_cache(maxsize=8192)
def _form(form: str, loose: re.Pattern[str]) -> _Form:
    tokens = _tokens(form)
    gaps = tuple(loose.sub("", form[a[1] : b[0]]) for a, b in zip(tokens, tokens[1:], strict=False))
    return _Form(tuple(t[2] for t in tokens), gaps)


def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def rendering_spans(
    text: str,
    form: str,
    lang: str,
    *,
    inflect: bool,
    source_words: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
    title: bool = False,
) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` (each word inflected when ``inflect``), with at most one
    insertion grammar allows inside it (see the module's note); ``names`` are the glossary's
    renderings of places and organisations, which Russian may put inside in the genitive, and
    ``title`` says the rendering is a title's, which may carry a country's adjective."""
    return rendering(form, lang, inflect, source_words, names, title).spans(text)


class Rendering:
    """A rendering made ready to look for (``rendering_spans``): its words, their keys and how
    a text's word is compared with them, worked out once instead of on every text asked."""

    __slots__ = ("_shape", "_keyed", "_first", "_same", "_inserted", "_items")

    def __init__(
        self,
        form: str,
        lang: str,
        inflect: bool,
        source_words: frozenset[str],
        names: frozenset[str],
        title: bool,
    ) -> None:
        shape = self._shape = _form(form, _LOOSE)
        self._keyed = keyed = lang if inflect else ""
        self._inserted = _insertion_rule(lang, names, title) if inflect else None
        self._items = _item_articles(shape, lang) if inflect else None
        if not shape.words:
            self._first: frozenset[str] = frozenset()
            return
        self._first = _first_keys(shape.words[0], keyed)
        folded_words = [_fold(w) for w in shape.words]
        if inflect:
            wanted = _wanted(shape.words, lang)

            def same(index: int, token: str) -> bool:
                folded = _fold(token)
                if folded == folded_words[index]:
                    return True
                if folded in source_words:
                    return False
                return not wanted[index].isdisjoint(word_keys(token, lang))
        else:

            def same(index: int, token: str) -> bool:
                return _fold(token) == folded_words[index]

        self._same = same

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the rendering occurs in ``text``."""
        if not self._first:
            return []
        # Most renderings asked about are not in the text: their first word settles it.
        starts = _starts(self._first, _text_index(text, self._keyed))
        if not starts:
            return []
        return _scan(text, self._shape, self._same, _LOOSE, starts, self._inserted, self._items)


@lru_cache(maxsize=8192)
def rendering(
    form: str,
    lang: str,
    inflect: bool,
    source_words: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
    title: bool = False,
) -> Rendering:
    """``form`` ready to look for in many texts (see ``rendering_spans``)."""
    return Rendering(form, lang, inflect, source_words, names, title)


@lru_cache(maxsize=4096)
def _first_keys(word: str, lang: str) -> frozenset[str]:
    """The index keys under which a rendering's first word may appear."""
    return rendering_keys(word, lang) | {_fold(word)} if lang else frozenset({_fold(word)})


@lru_cache(maxsize=4096)
def _wanted(words: tuple[str, ...], lang: str) -> list[frozenset[str]]:
    return [rendering_keys(w, lang) for w in words]


# A draft is asked about every rendering of its sentence's terms, and again for each question
# (missing, placed, forbidden): its words are indexed once, and each rendering then looks up its
# first word's keys instead of reading every token (issue 19). Only the last texts' indexes are
# kept: Glossary.keeping_answers keeps the answers, so a text is seldom indexed twice.
@lru_cache(maxsize=1024)
def _text_index(text: str, lang: str) -> dict[str, int | tuple[int, ...]]:
    """The token indexes of ``text`` under each key a token may stand for (``lang`` "" for
    exact words), so that a rendering is looked for only where its first word is: a key's
    one index, or its indexes in text order when several tokens have it."""
    keys_of = _KEYS_OF.get(lang)
    if keys_of is None or len(keys_of) > _KEYS_KEPT:
        keys_of = _KEYS_OF[lang] = {}
    # Most keys stand at one token: an int each, no list. The kept indexes outlive the
    # enforcement call that made them, and a list per key was half of what the cyclic garbage
    # collector walked when it ran again after the call (Glossary.keeping_answers, issue 19).
    index: dict[str, int | tuple[int, ...]] = {}
    again: dict[str, list[int]] = {}
    for i, (_, _, token) in enumerate(_tokens(text)):
        keys = keys_of.get(token)
        if keys is None:
            keys = keys_of[token] = _token_keys(token, lang)
        for key in keys:
            if index.setdefault(key, i) != i:
                found = again.get(key)
                if found is None:
                    again[key] = [i]
                else:
                    found.append(i)
    for key, more in again.items():
        first = index[key]
        assert isinstance(first, int)
        index[key] = (first, *more)
    return index


# Every token of every text indexed asks for its keys: a plain dict per language answers
# faster than _token_keys' cache (issue 19), and is emptied when it holds as many tokens.
_KEYS_KEPT = 8192
_KEYS_OF: dict[str, dict[str, tuple[str, ...]]] = {}


def _at(index: dict[str, int | tuple[int, ...]], key: str) -> tuple[int, ...]:
    """The token indexes of ``index`` under ``key``, in text order."""
    found = index.get(key)
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


def _starts(keys: frozenset[str], index: dict[str, int | tuple[int, ...]]) -> Sequence[int]:
    """The token indexes, in text order, where a word with one of ``keys`` may stand."""
    found = [at for key in keys if (at := _at(index, key))]
    if not found:
        return ()
    if len(found) == 1:
        return found[0]
    return sorted({i for at in found for i in at})


# 8,192 tokens: the words that recur from sentence to sentence stay; a long article's numbers
# and names, each seen once or twice, filled 65,536 entries (~300 bytes each) for the whole run.
@lru_cache(maxsize=8192)
def _token_keys(token: str, lang: str) -> tuple[str, ...]:
    """The folded word and, in an inflecting language, its other keys: one lookup per token
    when a text is indexed (words recur from text to text)."""
    folded = _fold(token)
    if not lang:
        return (folded,)
    return (folded, *(key for key in word_keys(token, lang) if key != folded))


def forbidden_spans(
    text: str,
    form: str,
    lang: str = "",
    approved: tuple[str, ...] = (),
) -> list[tuple[int, int]]:
    """Where the forbidden ``form`` occurs in ``text``, whatever punctuation joins its words.

    With ``lang`` (an inflecting language) its words may be inflected too («политике одного
    Китая» for «политика одного Китая»), except into a form of a word of the ``approved``
    renderings: «Рахмоном» is a case of the approved «Рахмон», even though a dictionary reads the
    forbidden «Рахмонов» as Rahmon's too.
    """
    shape = _form(form, _ANY_PUNCTUATION)
    if not shape.words:
        return []
    folded_words = [_fold(w) for w in shape.words]
    # Most forbidden forms are not in the text: look only where a token may be the first word
    # (the text's token keys are indexed once and shared with rendering_spans).
    starts: Sequence[int]
    if not lang:
        starts = _at(_text_index(text, ""), folded_words[0])
        if not starts:
            return []
        return _scan(
            text,
            shape,
            lambda i, token: _fold(token) == folded_words[i],
            _ANY_PUNCTUATION,
            starts,
        )
    wanted = _wanted(shape.words, lang)
    first_keys = _first_keys(shape.words[0], lang)
    starts = _starts(first_keys, _text_index(text, lang))
    if not starts:
        return []
    # A word the forbidden form shares with an approved one («пояс» of «Один пояс, один путь»
    # and «Пояс и путь») is the forbidden form's word there: only the others' forms are spared.
    approved_keys = _keys_of(approved, lang, frozenset(folded_words))

    def same(index: int, token: str) -> bool:
        if _fold(token) == folded_words[index]:
            return True
        keys = word_keys(token, lang)
        return not wanted[index].isdisjoint(keys) and approved_keys.isdisjoint(keys)

    return _scan(text, shape, same, _ANY_PUNCTUATION, starts)


@lru_cache(maxsize=4096)
def _keys_of(
    forms: tuple[str, ...], lang: str, shared: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Every key of every word of ``forms`` but the ``shared`` (folded) words."""
    return frozenset().union(
        *(
            word_keys(w, lang)
            for f in forms
            for w in _form(f, _LOOSE).words
            if _fold(w) not in shared
        )
    )


_Tokens = tuple[tuple[int, int, str], ...]
# Given the text's tokens, where the next word of a rendering is due and which word of the
# rendering that is: the token indexes the word may stand at after an insertion grammar allows,
# each with whether the insertion is a name (a term of its own).
_Insertion = Callable[[str, _Tokens, int, tuple[str, ...], int], Iterable[tuple[int, bool]]]


def _scan(
    text: str,
    shape: _Form,
    same,
    loose: re.Pattern[str],
    starts: Sequence[int] | None = None,
    inserted: _Insertion | None = None,
    items: _ItemArticles | None = None,
) -> list[tuple[int, int]]:
    tokens = _tokens(text)
    size = len(shape.words)
    spans = []
    for i in starts if starts is not None else range(len(tokens) - size + 1):
        if i > len(tokens) - size or not same(0, tokens[i][2]):
            continue
        last = _rest(text, tokens, shape, same, loose, i, inserted, items)
        if last is not None:
            spans.append((tokens[i][0], tokens[last][1]))
    return spans


def _rest(
    text: str,
    tokens: _Tokens,
    shape: _Form,
    same,
    loose: re.Pattern[str],
    first: int,
    inserted: _Insertion | None,
    items: _ItemArticles | None = None,
) -> int | None:
    """The index of the rendering's last token when its first word is at ``first`` (of its last
    token before a name inside it), or None. ``items`` are the articles a coordinated
    rendering's items may take, each item its own (they are not the one insertion)."""

    at, cut = first, None
    for k in range(1, len(shape.words)):
        step = at + 1
        if step >= len(tokens):
            return None
        gap = text[tokens[at][1] : tokens[step][0]]
        # Mostly one space, which every separator pattern removes: no regex call for it.
        if ("" if gap == " " else loose.sub("", gap)) != shape.gaps[k - 1]:
            return None
        if same(k, tokens[step][2]):
            at = step
            continue
        if items is not None and k in items.articles:
            resume = next(
                (
                    r
                    for r in _past_article(text, tokens, step, items.articles[k])
                    if same(k, tokens[r][2])
                ),
                None,
            )
            if resume is not None:
                at = resume
                continue
        if inserted is None:
            return None
        for resume, name in inserted(text, tokens, step, shape.words, k):
            if (
                resume < len(tokens)
                and not loose.sub("", text[tokens[resume - 1][1] : tokens[resume][0]])
                and same(k, tokens[resume][2])
            ):
                cut = at if name else None
                at = resume
                inserted = None  # one insertion per rendering
                break
        else:
            return None
    return at if cut is None else cut


# -- what grammar may put inside a rendering --------------------------------------------------

_CONJUNCTIONS = {
    "es": frozenset({"y", "e", "o", "u", "ni"}),
    "fr": frozenset({"et", "ou", "ni"}),
}
# The articles an item of a coordinated rendering may take, in any gender and number, as word
# sequences: French also its partitive (du, de la, de l', de, d': «la menace du terrorisme, du
# séparatisme et de l'extrémisme», «les risques de terrorisme, de séparatisme et d'extrémisme»),
# the elided l' and d' being the words «l» and «d» (the apostrophe separates them).
_ITEM_ARTICLE_WORDS = {
    "es": (("el",), ("la",), ("los",), ("las",), ("un",), ("una",), ("unos",), ("unas",)),
    "fr": (
        ("le",),
        ("la",),
        ("les",),
        ("l",),
        ("un",),
        ("une",),
        ("des",),
        ("du",),
        ("de", "la"),
        ("de", "l"),
        ("de",),
        ("d",),
    ),
}


# An item whose rendering already has its article takes no other («la Franja y la Ruta», never
# «y el la Ruta»), except French's partitive de, written only where it joins that article into
# French: «de la Route», «de l'Europe», «d'une route» (never «de du Commerce», «de le», «d la»).
_BEFORE_OWN_ARTICLE = {
    "fr": {"la": (("de",),), "l": (("de",),), "un": (("d",),), "une": (("d",),)},
}


@dataclass(frozen=True)
class _ItemArticles:
    """The articles each item of a coordinated rendering may take, by the word index where the
    item starts: «le terrorisme, le séparatisme et l'extrémisme» for «terrorisme, séparatisme et
    extrémisme», «el diálogo y la consulta» for «diálogo y consulta»."""

    articles: Mapping[int, tuple[tuple[str, ...], ...]]


def _item_articles(shape: _Form, lang: str) -> _ItemArticles | None:
    """The items of ``shape`` when it coordinates them with a conjunction: each word after the
    conjunction or after a comma between items; None for any other rendering."""
    base = base_language(lang)
    if base not in _ITEM_ARTICLE_WORDS:
        return None
    conjunctions = _CONJUNCTIONS[base]
    folded = [_fold(w) for w in shape.words]
    if not any(word in conjunctions for word in folded[1:-1]):
        return None
    all_articles = _ITEM_ARTICLE_WORDS[base]
    own_articles = {article[0] for article in all_articles}
    before_own = _BEFORE_OWN_ARTICLE.get(base, {})
    articles = {
        k: before_own.get(folded[k], ()) if folded[k] in own_articles else all_articles
        for k in range(1, len(folded))
        if folded[k - 1] in conjunctions or shape.gaps[k - 1] == ","
    }
    taking = {k: taken for k, taken in articles.items() if taken}
    return _ItemArticles(taking) if taking else None


def _past_article(
    text: str, tokens: _Tokens, at: int, articles: tuple[tuple[str, ...], ...]
) -> Iterator[int]:
    """The token indexes right after each of ``articles`` written at ``at`` (its words and the
    next word joined by a space or an apostrophe, nothing else)."""
    for article in articles:
        end = at + len(article)
        if end >= len(tokens):
            continue
        if all(_fold(tokens[at + n][2]) == word for n, word in enumerate(article)) and all(
            not _LOOSE.sub("", text[tokens[i][1] : tokens[i + 1][0]]) for i in range(at, end)
        ):
            yield end


_ABBREVIATION = re.compile(r"[A-ZА-ЯЁ]{2,8}")
# A genitive name inside a rendering is short: «Шанхайской организации сотрудничества».
_MAX_INSERTED_WORDS = 5


@lru_cache(maxsize=64)
def _insertion_rule(lang: str, names: frozenset[str], title: bool) -> _Insertion | None:
    base = base_language(lang)
    if base in _CONJUNCTIONS:

        def romance(
            text: str, tokens: _Tokens, at: int, words: tuple[str, ...], k: int
        ) -> Iterable[tuple[int, bool]]:
            word = tokens[at][2]
            # «ministre chinois des Affaires étrangères»: after a title's head noun only (the
            # articles of a coordinated rendering's items are _item_articles').
            if title and k == 1:
                from localize.placenames import is_country_adjective

                if is_country_adjective(word, base):
                    return ((at + 1, False),)
            return ()

        return romance
    if base == "ru":
        return partial(_russian_genitive, index=_names_by_first_key(names, base))
    return None


def _russian_genitive(
    text: str,
    tokens: _Tokens,
    at: int,
    words: tuple[str, ...],
    k: int,
    index: dict[str, tuple[_Form, ...]],
) -> Iterable[tuple[int, bool]]:
    """Where a rendering resumes after a genitive at ``at``: an abbreviation («партнером ШОС по
    диалогу») or a glossary name declined in the genitive («партнером Шанхайской организации
    сотрудничества по диалогу»)."""
    word = tokens[at][2]
    if _ABBREVIATION.fullmatch(word):
        yield at + 1, True
    if not could_be_genitive(word, "ru"):
        return
    seen: set[int] = set()
    for key in _token_keys(word, "ru"):
        for name in index.get(key, ()):
            size = len(name.words)
            if size > _MAX_INSERTED_WORDS or at + size > len(tokens) or at + size in seen:
                continue
            if all(
                _LOOSE.sub("", text[tokens[at + n - 1][1] : tokens[at + n][0]]) == name.gaps[n - 1]
                and not word_keys(name.words[n], "ru").isdisjoint(
                    word_keys(tokens[at + n][2], "ru")
                )
                for n in range(1, size)
            ):
                seen.add(at + size)
                yield at + size, True


@lru_cache(maxsize=64)
def _names_by_first_key(names: frozenset[str], lang: str) -> dict[str, tuple[_Form, ...]]:
    """The ``names`` by the keys of their first word, to look up from a text's token."""
    index: dict[str, list[_Form]] = {}
    for name in names:
        shape = _form(name, _LOOSE)
        if shape.words:
            for key in word_keys(shape.words[0], lang):
                index.setdefault(key, []).append(shape)
    return {key: tuple(found) for key, found in index.items()}


# -- renderings interrupted by where an office is posted (scripts without spaces) ---------------

# The longest posting that may stand inside a rendering: 联合国 in 常驻联合国代表 (3),
# 维也纳联合国和其他国际组织 in 中国常驻维也纳联合国和其他国际组织代表 (13); a longer insertion is
# another phrase.
MAX_INTERRUPTION = 20
# A posting is one or more groups joined by these: 联合国和其他国际组织, 东盟及东盟各国.
_CONNECTORS = ("和", "及", "与", "、")
# A group is one or two names side by side, a place qualifying a body (维也纳联合国); more is not a
# posting (联合国日本韩国).
_GROUP_SIZE = 2
_MAX_GROUPS = 4
# The bodies a posting names without naming them: "and other international organisations".
_GENERIC_BODIES = {"zh": frozenset({"其他国际组织", "国际组织"})}


def interrupted_spans(
    text: str, form: str, modifiers: frozenset[str], lang: str = "zh"
) -> list[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` split in two by where an office is posted: Chinese puts
    the posting inside the title (常驻代表 -> 中国常驻联合国代表). The posting is made of names —
    ``modifiers`` (the glossary's renderings of places and organisations), the places CLDR knows
    in ``lang`` (``placenames``) and "other international organisations" — one or two side by
    side, several joined by 和/及/与/、, at most ``MAX_INTERRUPTION`` characters; any other word
    there (常驻记者代表) makes another title.

    Each span is the rendering's first part: the names inside stay their own terms' renderings
    (联合国 still renders "UN"), and the occurrence is counted once.
    """
    if len(form) < 2 or form[0] not in text or form[-1] not in text or not form.isalnum():
        # a rendering with its own quotation marks («“一带一路”倡议») is not split
        return []
    spans: dict[int, tuple[int, int]] = {}
    for split in range(1, len(form)):
        head, tail = form[:split], form[split:]
        start = text.find(head)
        while start >= 0:
            gap_start = start + split
            end = text.find(tail, gap_start + 1, gap_start + MAX_INTERRUPTION + len(tail))
            while end >= 0:
                if _is_posting(text[gap_start:end], modifiers, lang):
                    spans.setdefault(start, (start, gap_start))
                    break
                end = text.find(tail, end + 1, gap_start + MAX_INTERRUPTION + len(tail))
            start = text.find(head, start + 1)
    return sorted(spans.values())


def _is_posting(gap: str, modifiers: frozenset[str], lang: str) -> bool:
    if not gap.isalnum():
        return False
    generic = _GENERIC_BODIES.get(lang, frozenset())
    if _could_be(gap, modifiers, generic) and _groups(gap, (modifiers, generic)) is not None:
        return True
    # A name the glossary lacks: ask CLDR (loaded on first need only).
    from localize.placenames import known_places

    names = (modifiers, generic, known_places(lang))
    return _could_be(gap, *names) and _groups(gap, names) is not None


def _could_be(gap: str, *names: frozenset[str]) -> bool:
    """A posting starts and ends with a name: most gaps are ruled out by their two ends."""
    return any(gap[0] in _edges(known)[0] for known in names) and any(
        gap[-1] in _edges(known)[1] for known in names
    )


@lru_cache(maxsize=512)
def _edges(names: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The characters names start with and end with."""
    return frozenset(n[0] for n in names if n), frozenset(n[-1] for n in names if n)


@lru_cache(maxsize=512)
def _name_lengths(names: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(name) for name in names}, reverse=True))


def _groups(gap: str, names: tuple[frozenset[str], ...]) -> int | None:
    """The fewest groups ``gap`` splits into (see ``interrupted_spans``), or None; a name is
    one of any of ``names``."""
    # Where a name of ``gap`` may end, for each place it may start.
    ends: list[list[int]] = [[] for _ in gap]
    for known in names:
        for size in _name_lengths(known):
            for at in range(len(gap) - size + 1):
                if gap[at : at + size] in known:
                    ends[at].append(at + size)
    if not any(end == len(gap) for found in ends for end in found):
        return None  # a posting ends with a name

    @cache
    def parse(at: int, in_group: int) -> int | None:
        # ``in_group``: names already in the current group; returns the groups still to open.
        if at == len(gap):
            return 0 if in_group else None
        best: int | None = None
        if in_group and gap[at] in _CONNECTORS:
            best = parse(at + 1, 0)
        if in_group < _GROUP_SIZE:
            for end in ends[at]:
                rest = parse(end, in_group + 1)
                if rest is not None:
                    rest += 0 if in_group else 1
                    best = rest if best is None else min(best, rest)
        return best

    found = parse(0, 0)
    return found if found is not None and found <= _MAX_GROUPS else None


# -- a rendering inside a longer rendering of another term --------------------------------------

# Words that join a name to a title without being a word of the title (Secrétaire général de
# l'ONU, Secretario General de la OCS).
_JOINING_WORDS = {
    "fr": frozenset({"de", "du", "des", "d", "la", "le", "les", "l"}),
    "es": frozenset({"de", "del", "la", "el", "los", "las"}),
}
_CJK_PUNCTUATION = re.compile(r"[\W_]+")


def names_another_term(inner: str, outer: str, names: frozenset[str], lang: str) -> bool:
    """Whether ``outer`` holds ``inner`` with words that make it another term (副总理 around
    总理, «вице-премьер Госсовета КНР» around «премьер Госсовета КНР», نائب رئيس مجلس الدولة), not
    only a name saying whose it is (联合国秘书长, «Генеральный секретарь ООН», Secrétaire général de
    l'ONU): ``names`` are the renderings of places and organisations in ``lang``."""
    if base_language(lang) in ("zh", "ja", "ko", "th"):
        if inner not in outer or inner == outer:
            return False
        rest = outer.replace(inner, " ", 1)
        for name in sorted((n for n in names if len(n) > 1 and n in rest), key=len, reverse=True):
            rest = rest.replace(name, " ")
        return bool(_CJK_PUNCTUATION.sub("", rest))
    if _fold(inner) not in _fold(outer):
        return False  # most pairs of renderings: settled without reading their words
    inner_words = [_fold(w) for w in _form(inner, _LOOSE).words]
    outer_words = [_fold(w) for w in _form(outer, _LOOSE).words]
    size = len(inner_words)
    for at in range(len(outer_words) - size + 1):
        if outer_words[at : at + size] != inner_words or size == len(outer_words):
            continue
        original = _form(outer, _LOOSE).words
        extra = [*original[:at], *original[at + size :]]
        return any(not _is_name_word(word, names, lang) for word in extra)
    return False


def _is_name_word(word: str, names: frozenset[str], lang: str) -> bool:
    base = base_language(lang)
    if _fold(word) in _JOINING_WORDS.get(base, frozenset()) or _ABBREVIATION.fullmatch(word):
        return True
    if word.lower() != word.upper():  # a script with capitals: a name inside a title has one
        return word[0].isupper()
    return not word_keys(word, base).isdisjoint(_name_word_keys(names, base))


@lru_cache(maxsize=16)
def _name_word_keys(names: frozenset[str], lang: str) -> frozenset[str]:
    """The keys of the words of ``names`` that are names themselves (not «de», «la»)."""
    joining = _JOINING_WORDS.get(lang, frozenset())
    return frozenset().union(
        *(
            word_keys(word, lang)
            for name in names
            for word in _form(name, _LOOSE).words
            if len(word) > 2 and _fold(word) not in joining
        )
    )


# -- an office counted by its countries (scripts without spaces) --------------------------------

# Chinese names the heads of several states by counting the states: 两国元首 ("the heads of state
# of the two countries"), 六国元首, 各国元首, 成员国元首 for 国家元首.
_COUNT_OF_STATES = "(?:[0-9０-９一二三四五六七八九十百两几多各]+|成员)国"


def counted_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Where a title ``form`` that begins with 国家 ("state") occurs with the states counted
    instead (六国元首 for 国家元首). Each span is the office alone: the count is no rendering
    of this term, and 成员国 in 成员国元首 still renders "member states"."""
    office = form[2:]
    if len(form) < 4 or not form.startswith("国家") or office not in text:
        return []
    return [(m.end() - len(office), m.end()) for m in _counted_pattern(office).finditer(text)]


@lru_cache(maxsize=256)
def _counted_pattern(office: str) -> re.Pattern[str]:
    return re.compile(_COUNT_OF_STATES + re.escape(office))


# -- a country as half of a compound (China-Africa, China-Central Asia) -------------------------


# Compiled the first time a place stands next to a dash: most sentences have none, and the two
# patterns were ~1.3 ms of an update's one sentence (issue 19).
@cache
def _source_partner_after() -> re.Pattern[str]:
    return re.compile(rf"[{DASHES}]\s?([A-Z][\w'’]*(?: [A-Z][\w'’]*)*)")


@cache
def _source_partner_before() -> re.Pattern[str]:
    return re.compile(rf"([A-Z][\w'’]*(?: [A-Z][\w'’]*)*)\s?[{DASHES}]$")


# The learned first halves that do not begin as the country's name does (sino-africain,
# chino-/sino-africano); a compound half that does (китайско-, franco-, russo-) is read from the
# rendering itself.
_COMBINING_FORMS = {"china": ("sino",), "japan": ("nippo",), "portugal": ("luso",)}


def source_partner(source: str, start: int, end: int) -> str | None:
    """The other half when the source names a place at ``start:end`` as half of a compound
    ("China-Africa", "Central Asia–China"), else None."""
    # Each pattern needs a dash right at the place's end or start: where there is none, it is
    # not compiled.
    if end < len(source) and source[end] in DASHES:
        after = _source_partner_after().match(source, end)
        if after:
            return after.group(1)
    if not _dash_before(source, start):
        return None
    before = _source_partner_before().search(source, 0, start)
    return before.group(1) if before else None


def _dash_before(source: str, start: int) -> bool:
    """Whether ``source[:start]`` ends with a dash, or with a dash and a newline (where ``$``
    matches too)."""
    tail = source[max(0, start - 2) : start]
    if tail.endswith("\n"):
        tail = tail[:-1]
    return bool(tail) and tail[-1] in DASHES


def compound_spans(
    text: str, name: str, renderings: tuple[str, ...], partner: str, lang: str
) -> list[tuple[int, int]]:
    """Where a ``lang`` translation writes the place ``name`` (its English name) as half of a
    compound with ``partner``, as the language does: Chinese the first character of each name
    (中非 for China-Africa: the partner's Chinese name from CLDR), Russian, French and Spanish an
    adjective joined by a hyphen (китайско-африканский, sino-africaine, chino-africana, and
    российско-китайский with the place second). Arabic's nisba adjective (الصيني-الأفريقي) is
    already a form of the name's word."""
    base = base_language(lang)
    if base in ("zh", "ja", "ko"):
        from localize.placenames import name_in

        # The partner's name may run into the next words ("China-Africa Summit"): the longest
        # run of its words that CLDR knows.
        words = partner.split()
        other = next(
            (
                known
                for size in range(len(words), 0, -1)
                if (known := name_in(" ".join(words[:size]), base))
            ),
            None,
        )
        if not other or not renderings or not renderings[0] or other[0] == renderings[0][0]:
            return []  # 中国 and 中亚 make no 中中: the press writes 中国—中亚
        pair = renderings[0][0] + other[0]
        return [(m.start(), m.end()) for m in re.finditer(re.escape(pair), text)]
    if base not in ("ru", "fr", "es", "pt", "it"):
        return []
    halves = _compound_halves(name.casefold(), renderings)
    tokens = _tokens(text)
    found = []
    for (a_start, a_end, a), (b_start, b_end, b) in zip(tokens, tokens[1:], strict=False):
        if a_end + 1 != b_start or text[a_end] not in DASHES:
            continue
        for start, end, word in ((a_start, a_end, a), (b_start, b_end, b)):
            if _fold(word).startswith(halves):
                found.append((start, end))
    return found


@lru_cache(maxsize=256)
def _compound_halves(name: str, renderings: tuple[str, ...]) -> tuple[str, ...]:
    """What a compound's half made from a place begins with: the first letters of each word of
    its renderings, and its learned combining form."""
    prefixes = {
        _fold(word)[:SHARED_LETTERS]
        for form in renderings
        for word in _form(form, _LOOSE).words
        if len(word) > SHARED_LETTERS and word[0].isupper()
    }
    return (*sorted(prefixes), *_COMBINING_FORMS.get(name, ()))


# -- an ordinal inside a Chinese rendering -----------------------------------------------------

# Chinese puts the ordinal of a meeting inside its name: 金砖国家领导人第十六次会晤 (the 16th BRICS
# summit), 上海合作组织成员国元首理事会第二十四次会议.
_ORDINAL = "第[0-9０-９一二三四五六七八九十百零〇两]+[次届轮]"


def ordinal_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Where ``form`` (a Chinese rendering of two characters or more) occurs with an ordinal
    inside it."""
    if "第" not in text or len(form) < 2 or form[0] not in text:
        return []
    return [(m.start(), m.end()) for m in _ordinal_pattern(form).finditer(text)]


@lru_cache(maxsize=1024)
def _ordinal_pattern(form: str) -> re.Pattern[str]:
    cuts = [re.escape(form[:i]) + _ORDINAL + re.escape(form[i:]) for i in range(1, len(form))]
    return re.compile("|".join(cuts))


# -- a Russian place as its relational adjective --------------------------------------------------


def adjective_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Where a Russian text names the place ``form`` (one word) by its relational adjective
    («Тяньцзиньская декларация», «Астанинской декларации», «Душанбинского водного процесса»)."""
    from localize.morphology import relational_adjective_of

    if not form.isalpha():
        return []
    stem = _fold(form)
    stem = stem[:-1] if stem[-1] in "аеиоуыэюяь" else stem
    if len(stem) < 4:
        return []
    return [
        (start, end)
        for start, end, token in _tokens(text)
        if _fold(token).startswith(stem[:4]) and relational_adjective_of(token, stem)
    ]
