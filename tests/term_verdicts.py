"""Reviewer verdicts on glossary terms, shared by the tests of each held-out set's classes
(issue 12): the shipped glossary, the glossary findings `check` gives one pair, and the two
parametrised tests a module's lists make — correct copy gets no finding, wrong copy gets one
(naming the term where the case says which)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import pytest

from localize.checks import check_entry
from localize.glossary import Glossary, load_glossary, shipped_path

GLOSSARY_CHECKS = frozenset({"glossary-missing", "glossary-forbidden", "name-changed"})


@cache
def shipped_glossary() -> Glossary:
    return load_glossary(shipped_path())


def findings(source: str, target: str, lang: str) -> list[str]:
    """The glossary findings (check: message) of a translation of ``source``."""
    return [
        f"{p.check}: {p.message}"
        for p in check_entry(source, target, shipped_glossary(), lang)
        if p.check in GLOSSARY_CHECKS
    ]


def accepted_test(cases: Sequence[tuple[str, str, str]]) -> Callable[..., None]:
    """A test that each (lang, source, target) of ``cases`` gets no glossary finding."""

    @pytest.mark.parametrize(("lang", "source", "target"), cases)
    def test(lang: str, source: str, target: str) -> None:
        assert findings(source, target, lang) == []

    return test


def flagged_test(cases: Sequence[tuple[str, ...]]) -> Callable[..., None]:
    """A test that each (lang, source, target[, named]) of ``cases`` gets a glossary finding,
    one that holds ``named`` where the case gives it."""

    @pytest.mark.parametrize("case", cases)
    def test(case: tuple[str, ...]) -> None:
        lang, source, target, *named = case
        found = findings(source, target, lang)
        assert found
        if named:
            assert any(named[0] in finding for finding in found), found

    return test
