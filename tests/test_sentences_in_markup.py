"""Markdown and HTML sentences end where the plain text would end them: a boundary written as a
character reference (``&quot;``, ``&hellip;``, ``&rdquo;``, ``&#8221;``) is seen as its character,
and an inline ``<script>`` or ``<style>`` is opaque markup that neither cuts the sentence around
it nor is read as words. Each unit keeps the source's spelling, the identity catalog rebuilds the
article byte for byte, and a translation is written back in place."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run_cli

# News copy with a dateline, quotations closed by references, an ellipsis and abbreviations.
MARKDOWN = """\
# Ministers end talks in Astana

ASTANA, July 4 (Xinhua) &mdash; Foreign Minister Wang Yi said &quot;We agree on the road \
map.&quot; The talks ended at 6 p.m. local time.

The agenda covered trade, energy, security and so on&hellip; The ministers also discussed \
Afghanistan.

&ldquo;This was a good meeting,&rdquo; said Mr. Lavrov. &ldquo;We will meet again in \
Moscow.&#8221; The date is not yet set.

The ministers <script>if (seen < 2 && ready) trackEvent("quote. Then");</script> signed a joint communiqué. \
Officials said it runs to 12 pages.

The delegations left on Friday. <script>window.track("close");</script> The next round \
opens in October.
"""

HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ministers end talks in Astana</title></head>
<body>
<h1>Ministers end talks in Astana</h1>
<p>ASTANA, July 4 (Xinhua) &mdash; Foreign Minister Wang Yi said &quot;We agree on the road
map.&quot; The talks ended at 6 p.m. local time.</p>
<p>The agenda covered trade, energy, security and so on&hellip; The ministers also discussed
Afghanistan.</p>
<p>&ldquo;This was a good meeting,&rdquo; said Mr. Lavrov. &ldquo;We will meet again in
Moscow.&#8221; The date is not yet set.</p>
<p>The ministers <script>if (seen < 2 && ready) trackEvent("quote. Then");</script> signed a joint communiqué.
Officials said it runs to 12 pages.</p>
<p>The delegations left on Friday. <script>window.track("close");</script> The next round
opens in October.</p>
<p>The communiqu&eacute; <style>.lead { color: gray; }</style> was published in Russian and
Chinese.</p>
</body></html>
"""

SCRIPT = '<script>if (seen < 2 && ready) trackEvent("quote. Then");</script>'
STYLE = "<style>.lead { color: gray; }</style>"

# The sentences as a reader sees them (references as characters, scripts and styles unseen).
READ = [
    "Ministers end talks in Astana",
    'ASTANA, July 4 (Xinhua) — Foreign Minister Wang Yi said "We agree on the road map."',
    "The talks ended at 6 p.m. local time.",
    "The agenda covered trade, energy, security and so on…",
    "The ministers also discussed Afghanistan.",
    "“This was a good meeting,” said Mr. Lavrov.",
    "“We will meet again in Moscow.”",
    "The date is not yet set.",
    "The ministers signed a joint communiqué.",
    "Officials said it runs to 12 pages.",
    "The delegations left on Friday.",
    "The next round opens in October.",
]
HTML_READ = [READ[0], *READ, "The communiqué was published in Russian and Chinese."]

# The msgids: a Markdown "&quot;" stays as written (a quotation mark can be link syntax there),
# the other references are shown as characters; a script inside a sentence stays in it, whole.
MARKDOWN_MSGIDS = [
    READ[0],
    READ[1].replace('"', "&quot;"),
    *READ[2:8],
    f"The ministers {SCRIPT} signed a joint communiqué.",
    *READ[9:],
]
HTML_MSGIDS = [
    READ[0],
    *READ[:8],
    f"The ministers {SCRIPT} signed a joint communiqué.",
    *READ[9:],
    f"The communiqué {STYLE} was published in Russian and Chinese.",
]

SPANISH = {
    "Ministers end talks in Astana": "Los ministros concluyen sus conversaciones en Astana",
    READ[1]: (
        'ASTANA, 4 jul (Xinhua) — El canciller Wang Yi dijo "Estamos de acuerdo con la hoja '
        'de ruta."'
    ),
    READ[2]: "Las conversaciones terminaron a las 18.00 hora local.",
    READ[3]: "La agenda abarcó comercio, energía, seguridad, etcétera…",
    READ[4]: "Los ministros también hablaron de Afganistán.",
    READ[5]: "“Fue una buena reunión”, dijo el Sr. Lavrov.",
    READ[6]: "“Volveremos a reunirnos en Moscú.”",
    READ[7]: "La fecha aún no está fijada.",
    f"The ministers {SCRIPT} signed a joint communiqué.": (
        f"Los ministros {SCRIPT} firmaron un comunicado conjunto."
    ),
    READ[9]: "Según los funcionarios, tiene 12 páginas.",
    READ[10]: "Las delegaciones partieron el viernes.",
    READ[11]: "La próxima ronda se abre en octubre.",
    f"The communiqué {STYLE} was published in Russian and Chinese.": (
        f"El comunicado {STYLE} se publicó en ruso y chino."
    ),
}


def _as_read(msgid: str) -> str:
    """A msgid as a reader sees it: references decoded, scripts and styles gone."""
    shown = re.sub(r"<(script|style)>.*?</\1> ?", "", msgid)
    return html.unescape(shown)


def _plain_sentences(tmp_path: Path, article: str) -> list[str]:
    """The sentences of the same copy written with the characters themselves, as plain text."""
    blocks = []
    for block in re.split(r"\n\s*\n|\n(?=<)", article):
        text = re.sub(r"<(script|style)>.*?</\1> ?", "", block, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>|^# ", "", text)
        if text.strip():
            blocks.append(html.unescape(text).strip())
    plain = tmp_path / "plain.txt"
    plain.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    result = run_cli("segment", str(plain), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [" ".join(unit["text"].split()) for unit in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("name", "article", "msgids", "read"),
    [
        ("story.md", MARKDOWN, MARKDOWN_MSGIDS, READ),
        ("story.html", HTML, HTML_MSGIDS, HTML_READ),
    ],
)
def test_units_split_as_the_plain_text_splits(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    article: str,
    msgids: list[str],
    read: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(article, encoding="utf-8")
    result = run_cli("segment", name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == msgids
    assert [_as_read(msgid) for msgid in msgids] == read
    # Each unit's span is the source as written: the references that end the sentences are in
    # the sentence they end.
    spans = json.loads(run_cli("segment", name, "--format", "json").stdout)
    written = [" ".join(unit["text"].split()) for unit in spans]
    assert [html.unescape(text) for text in written] == [html.unescape(m) for m in msgids]
    first = 1 if name.endswith(".html") else 0  # the HTML <title> comes first
    assert written[first + 1].endswith("road map.&quot;")
    assert written[first + 3].endswith("so on&hellip;")
    assert written[first + 5].startswith("&ldquo;This") and "meeting,&rdquo;" in written[first + 5]
    assert written[first + 6] == "&ldquo;We will meet again in Moscow.&#8221;"
    # The same copy with the characters themselves, as plain text, splits the same way.
    assert _plain_sentences(tmp_path, article) == read

    assert run_cli("extract", name).exit_code == 0
    template = Path("locales") / (Path(name).stem + ".pot")
    msgfmt_check(template)
    assert [entry.msgid for entry in polib.pofile(str(template))] == list(dict.fromkeys(msgids))


def _catalog_with(name: str, translate: Callable[[str], str]) -> Path:
    """The article's Spanish catalog, every entry translated by ``translate`` and reviewed."""
    assert run_cli("init", name, "--to", "es").exit_code == 0
    catalog = Path("locales/es/LC_MESSAGES") / (Path(name).stem + ".po")
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr = translate(entry.msgid)
    po.save(str(catalog))
    msgfmt_check(catalog)
    return catalog


@pytest.mark.parametrize(("name", "article"), [("story.md", MARKDOWN), ("story.html", HTML)])
def test_the_identity_catalog_rebuilds_the_article_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, article: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(article, encoding="utf-8")
    _catalog_with(name, lambda msgid: msgid)
    built = run_cli("build", name, "--to", "es")
    assert built.exit_code == 0, built.stderr
    copy = Path(name).with_suffix(".es" + Path(name).suffix)
    # Built under es, the HTML copy names its language on the root <html>: the one difference.
    expected = article.replace('<html lang="en">', '<html lang="es">', 1)
    assert copy.read_bytes() == expected.encode("utf-8")


def test_a_markdown_translation_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("story.md").write_text(MARKDOWN, encoding="utf-8")
    spanish = {_markdown_msgid(s): _markdown_msgid(t) for s, t in SPANISH.items()}
    _catalog_with("story.md", lambda msgid: spanish[msgid])
    built = run_cli("build", "story.md", "--to", "es", "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert built.stdout.splitlines() == [
        "# Los ministros concluyen sus conversaciones en Astana",
        "",
        "ASTANA, 4 jul (Xinhua) &mdash; El canciller Wang Yi dijo &quot;Estamos de acuerdo con "
        "la hoja de ruta.&quot; Las conversaciones terminaron a las 18.00 hora local.",
        "",
        "La agenda abarcó comercio, energía, seguridad, etcétera&hellip; Los ministros también "
        "hablaron de Afganistán.",
        "",
        "&ldquo;Fue una buena reunión&rdquo;, dijo el Sr. Lavrov. &ldquo;Volveremos a reunirnos "
        "en Moscú.&#8221; La fecha aún no está fijada.",
        "",
        f"Los ministros {SCRIPT} firmaron un comunicado conjunto. Según los funcionarios, tiene "
        "12 páginas.",
        "",
        'Las delegaciones partieron el viernes. <script>window.track("close");</script> La '
        "próxima ronda se abre en octubre.",
    ]


def _markdown_msgid(read_msgid: str) -> str:
    """The Markdown spelling of a sentence: its quotation marks stay "&quot;" there."""
    return read_msgid.replace('"', "&quot;") if "Wang Yi" in read_msgid else read_msgid


def test_an_html_translation_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("story.html").write_text(HTML, encoding="utf-8")
    _catalog_with("story.html", lambda msgid: SPANISH[msgid])
    built = run_cli("build", "story.html", "--to", "es", "-o", "-")
    assert built.exit_code == 0, built.stderr
    body = built.stdout.split("<body>\n", 1)[1].splitlines()
    assert body == [
        "<h1>Los ministros concluyen sus conversaciones en Astana</h1>",
        "<p>ASTANA, 4 jul (Xinhua) &mdash; El canciller Wang Yi dijo &quot;Estamos de acuerdo "
        "con la hoja de ruta.&quot; Las conversaciones terminaron a las 18.00 hora local.</p>",
        "<p>La agenda abarcó comercio, energía, seguridad, etcétera&hellip; Los ministros "
        "también hablaron de Afganistán.</p>",
        "<p>&ldquo;Fue una buena reunión&rdquo;, dijo el Sr. Lavrov. &ldquo;Volveremos a "
        "reunirnos en Moscú.&#8221; La fecha aún no está fijada.</p>",
        f"<p>Los ministros {SCRIPT} firmaron un comunicado conjunto.",
        "Según los funcionarios, tiene 12 páginas.</p>",
        "<p>Las delegaciones partieron el viernes. "
        '<script>window.track("close");</script> La próxima ronda se abre en octubre.</p>',
        f"<p>El comunicado {STYLE} se publicó en ruso y chino.</p>",
        "</body></html>",
    ]


@pytest.mark.parametrize(("name", "article"), [("story.md", MARKDOWN), ("story.html", HTML)])
def test_a_script_reaches_the_engine_as_markup_not_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, article: str
) -> None:
    """The pseudo engine rewrites every letter it is given as text; the script comes back as
    written, and ``check`` finds no markup missing."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(article, encoding="utf-8")
    result = run_cli("translate", name, "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    catalog = Path("locales/es/LC_MESSAGES") / (Path(name).stem + ".po")
    msgfmt_check(catalog)
    drafts = [entry.msgstr for entry in polib.pofile(str(catalog)) if SCRIPT in entry.msgid]
    assert len(drafts) == 1 and SCRIPT in drafts[0], drafts
    assert "The ministers" not in drafts[0]  # the words around it were translated
    checked = run_cli("check", name, "--to", "es", "--format", "json")
    findings = json.loads(checked.stdout)["findings"]
    assert not [f for f in findings if "script" in f["message"] or "markup" in f["message"]]


# Sentences that end right before a reference: a no-break space written as a reference (alone,
# doubled, or beside a real space) is space between two sentences, so it stays between their
# units as the real space does; a quotation mark written as a reference right after a full stop
# does not end the sentence (as in the plain text), and one after the full stop closes it.
SPACED = [
    "He left.&nbsp; Then she came.",
    "She said.&nbsp;&nbsp;Then he left.",
    "She said.&nbsp;Then he left.",
    "She said.&#8220;Next one came.",
    "She said &ldquo;no.&rdquo; Then he left.",
]
SPACED_UNITS = [
    "He left.",
    "Then she came.",
    "She said.",
    "Then he left.",
    "She said.",
    "Then he left.",
    "She said.&#8220;Next one came.",
    "She said &ldquo;no.&rdquo;",
    "Then he left.",
]


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("spaced.md", "\n\n".join(SPACED) + "\n"),
        ("spaced.html", "".join(f"<p>{paragraph}</p>\n" for paragraph in SPACED)),
    ],
)
def test_a_space_written_as_a_reference_stays_between_the_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, article: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(article, encoding="utf-8")
    spans = json.loads(run_cli("segment", name, "--format", "json").stdout)
    assert [unit["text"] for unit in spans] == SPACED_UNITS
    # The same copy with the characters themselves, as plain text, splits the same way.
    assert _plain_sentences(tmp_path, article) == [html.unescape(u) for u in SPACED_UNITS]
    # The references left between the units are rebuilt where they were.
    _catalog_with(name, lambda msgid: msgid)
    built = run_cli("build", name, "--to", "es", "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert built.stdout == article
