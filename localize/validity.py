"""Out-of-date terminology in one translated sentence, for an article of a known date.

Two kinds of glossary dates (docs/glossary.md, "Validity"): an entry's own ``valid_from`` /
``valid_until`` (the term itself is current only then), and a person's ``titles`` (the title
entries they held, with dates: Wang Yi was State Councilor until March 2023). ``check`` warns
where the source or the translation uses a term or title outside its dates; a reviewer decides,
since a story may speak of the past ("then State Councilor Wang Yi").
"""

from __future__ import annotations

from localize.glossary import Entry, Glossary


def out_of_date_messages(msgid: str, msgstr: str, glossary: Glossary, lang: str) -> list[str]:
    """One message per out-of-date term or title the sentence or its translation uses."""
    day = glossary.article_day
    if day is None:
        return []
    messages = []
    stale = _stale_glossary(glossary)
    source_ids = set()
    if stale is not None:
        for match in stale.match(msgid):
            if match.entry.id in source_ids:
                continue
            source_ids.add(match.entry.id)
            messages.append(
                f"'{match.text}' is out of date on {day} (glossary {match.entry.id}, valid "
                f"{match.entry.validity}); use the current term or say it is a past one"
            )
        for entry in stale.entries:
            if (
                entry.id not in source_ids
                and entry.covers(lang)
                and stale.has_approved(entry, lang, msgstr)
            ):
                messages.append(
                    f"the translation uses '{entry.preferred(lang)}', out of date on {day} "
                    f"(glossary {entry.id}, valid {entry.validity})"
                )
    matches = glossary.match(msgid)
    in_source = {m.entry.id: m.text for m in matches}
    for person in {m.entry.id: m.entry for m in matches if m.entry.titles}.values():
        for title_id, spans in person.titles.items():
            if any(span.covers(day) for span in spans):
                continue
            title = glossary.entry(title_id)
            if title is None:
                continue
            held = "; ".join(str(span) for span in spans)
            where = _where_used(title, in_source, glossary, stale, lang, msgstr)
            if where:
                messages.append(
                    f"'{title.source}' is not {person.source}'s title on {day} "
                    f"(held {held}; glossary {person.id}), used in {where}"
                )
    return messages


def _where_used(
    title: Entry,
    in_source: dict[str, str],
    glossary: Glossary,
    stale: Glossary | None,
    lang: str,
    msgstr: str,
) -> str:
    owner = stale if stale is not None and title.id not in glossary.by_id else glossary
    places = []
    if title.id in in_source:
        places.append("the source")
    if title.covers(lang) and owner.has_approved(title, lang, msgstr):
        places.append("the translation")
    return " and ".join(places)


_STALE: dict[int, tuple[Glossary, Glossary]] = {}


def _stale_glossary(glossary: Glossary) -> Glossary | None:
    """A matcher over the out-of-date entries alone, built once per dated glossary."""
    if not glossary.out_of_date:
        return None
    cached = _STALE.get(id(glossary))
    if cached is not None and cached[0] is glossary:
        return cached[1]
    from dataclasses import replace

    stale = replace(
        glossary, entries=list(glossary.out_of_date), out_of_date=(), _patterns=[], _spans={}
    )
    if len(_STALE) > 8:
        _STALE.clear()
    _STALE[id(glossary)] = (glossary, stale)
    return stale
