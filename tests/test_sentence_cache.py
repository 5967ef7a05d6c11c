"""Sentence spans remembered between runs (sentence_cache.py): the same spans as segmenting,
nothing segmented again for a paragraph seen before, a damaged store ignored and rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize import segment
from localize.errors import LocalizeError
from localize.formats import format_for
from localize.project import NO_RUN_CACHE_ENV
from localize.sentence_cache import FILE_NAME, remembered_sentences

from conftest import EXAMPLE_ARTICLES as ARTICLES


def _units(path: Path) -> list[tuple[str, int, int, int, int]]:
    text = path.read_text(encoding="utf-8")
    units = format_for(path.name).parse(text, "en")
    return [(u.msgid, u.start, u.end, u.line, u.block) for u in units]


def test_remembered_spans_are_the_spans_and_a_paragraph_is_segmented_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    assert ARTICLES, "the example articles are missing"
    expected = [_units(path) for path in ARTICLES]
    with remembered_sentences(tmp_path):
        assert [_units(path) for path in ARTICLES] == expected
    assert (tmp_path / FILE_NAME).is_file()

    def refuse(_text: str, _lang: str) -> list[tuple[int, int]]:
        raise AssertionError("a remembered paragraph was segmented again")

    with monkeypatch.context() as patched:
        patched.setattr(segment, "_split_sentences", refuse)
        with remembered_sentences(tmp_path):
            assert [_units(path) for path in ARTICLES] == expected
        # Outside the block nothing is remembered: segmenting is asked for.
        with pytest.raises(AssertionError, match="segmented again"):
            _units(ARTICLES[0])
    # A language segmentation does not support is refused as it is without the store.
    with remembered_sentences(tmp_path), pytest.raises(LocalizeError, match="does not support"):
        segment.split_sentences("Hello there. Bye.", "xx")


def test_a_damaged_store_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    store = tmp_path / FILE_NAME
    store.write_bytes(b"not a database at all" * 50)
    expected = _units(ARTICLES[0])
    with remembered_sentences(tmp_path):
        assert _units(ARTICLES[0]) == expected
    calls = []
    real = segment._split_sentences

    def counted(text: str, lang: str) -> list[tuple[int, int]]:
        calls.append(text)
        return real(text, lang)

    monkeypatch.setattr(segment, "_split_sentences", counted)
    with remembered_sentences(tmp_path):
        assert _units(ARTICLES[0]) == expected
    assert calls == []  # rebuilt by the first block, used by the second


def test_no_run_cache_turns_the_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    with remembered_sentences(tmp_path):
        _units(ARTICLES[0])
    assert not (tmp_path / FILE_NAME).exists()


def _paragraphs(name: str, count: int) -> list[str]:
    return [f"{name} paragraph {i} opens. It ends here." for i in range(count)]


def _segment_all(texts: list[str]) -> int:
    """Segment ``texts``; return how many were segmented afresh."""
    memo = segment.REMEMBERED_SPANS.get()
    assert memo is not None
    before = len(memo.fresh)
    for text in texts:
        assert segment.split_sentences(text, "en") == segment._split_sentences(text, "en")
    return len(memo.fresh) - before


def test_a_run_reads_only_the_paragraphs_it_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    first, second = _paragraphs("First", 30), _paragraphs("Second", 40)
    with remembered_sentences(tmp_path):
        assert _segment_all(first + second) == 70
    with remembered_sentences(tmp_path):
        assert _segment_all(first[:5]) == 0
        memo = segment.REMEMBERED_SPANS.get()
        assert memo is not None
        # The other 65 remembered paragraphs were not read.
        assert len(memo.known) == 5 and len(memo.reused) == 5


def test_the_store_keeps_the_paragraphs_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3
    from types import SimpleNamespace

    from localize import sentence_cache

    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    monkeypatch.setattr(sentence_cache, "KEPT_PARAGRAPHS", 50)
    clock = iter(range(1, 100))
    monkeypatch.setattr(sentence_cache, "time", SimpleNamespace(time=lambda: next(clock)))
    a, b, c = _paragraphs("A", 20), _paragraphs("B", 20), _paragraphs("C", 20)
    for texts in (a, b):
        with remembered_sentences(tmp_path):
            assert _segment_all(texts) == 20
    with remembered_sentences(tmp_path):
        assert _segment_all(a) == 0  # A is used again: B is now the oldest
    with remembered_sentences(tmp_path):
        assert _segment_all(c) == 20  # 60 rows: B's 10 used longest ago go
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM paragraphs").fetchone() == (50,)
    with remembered_sentences(tmp_path):
        assert _segment_all(a + c) == 0
        assert _segment_all(b) == 10


def test_rows_of_another_code_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from localize import sentence_cache

    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    with remembered_sentences(tmp_path):
        assert _segment_all(_paragraphs("Old", 10)) == 10
    monkeypatch.setattr(sentence_cache, "code_stamp", lambda: "another localize")
    with remembered_sentences(tmp_path):
        assert _segment_all(_paragraphs("Old", 10)) == 10  # not answered for another code
        assert _segment_all(_paragraphs("New", 5)) == 5
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        stamps = db.execute("SELECT stamp, count(*) FROM paragraphs GROUP BY stamp").fetchall()
    assert stamps == [("another localize", 15)]


def test_blocks_split_together_read_the_store_in_a_few_queries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    stored = _paragraphs("Stored", 2000)
    with remembered_sentences(tmp_path):
        assert _segment_all(stored) == 2000
    # Remembered and new paragraphs mixed, one of them twice.
    texts = [*stored[:1500], *_paragraphs("New", 10), stored[0]]
    expected = [segment._split_sentences(text, "en") for text in texts]
    with remembered_sentences(tmp_path):
        memo = segment.REMEMBERED_SPANS.get()
        assert memo is not None and memo._db is not None
        queries: list[str] = []
        memo._db.set_trace_callback(queries.append)
        assert segment.split_blocks(texts, "en") == expected
        memo._db.set_trace_callback(None)
        assert len(memo.reused) == 1500 and len(memo.fresh) == 10
    reads = [q for q in queries if q.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2  # 1,510 keys asked in chunks of 900
