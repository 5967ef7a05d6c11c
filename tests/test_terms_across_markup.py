"""A glossary term that emphasis splits ("*Shanghai Cooperation* Organization", "**Belt and
Road** Initiative", "<em>Shanghai Cooperation</em> Organization") is still the term: its entry's
note tells the reviewer its approved rendering, and the shorter term inside it ("Shanghai",
"Belt and Road") is neither noted nor placed in the draft, whose rendering would be wrong."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run_cli

MARKDOWN = """\
# Ministers back the *Shanghai Cooperation* Organization

BEIJING, June 1 (Xinhua) -- Chinese officials praised the **Belt and Road** Initiative on \
Tuesday, a day before the foreign ministers of the Shanghai Cooperation Organization meet.

The **Belt and Road Initiative** turns ten this year.
"""

HTML = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>SCO ministers meet</title></head>
<body>
<h1>Ministers back the <em>Shanghai Cooperation</em> Organization</h1>
<p>BEIJING, June 1 (Xinhua) -- Chinese officials praised the <strong>Belt and Road</strong>
Initiative on Tuesday, a day before the foreign ministers of the Shanghai Cooperation
Organization meet.</p>
<p>The <strong>Belt and Road Initiative</strong> turns ten this year.</p>
</body></html>
"""

SCO = "glossary: Shanghai Cooperation Organization → Organización de Cooperación de Shanghái"
BRI = "glossary: Belt and Road Initiative → Iniciativa de la Franja y la Ruta"
SPLIT = "(split by markup in the source; not placed in the draft)"


@pytest.mark.parametrize(("name", "article"), [("story.md", MARKDOWN), ("story.html", HTML)])
def test_a_term_split_by_emphasis_is_named_for_the_reviewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, article: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(article, encoding="utf-8")
    result = run_cli("translate", name, "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    catalog = Path("locales/es/LC_MESSAGES") / (Path(name).stem + ".po")
    msgfmt_check(catalog)
    entries = [entry for entry in polib.pofile(str(catalog)) if entry.msgid]
    heading, dateline, plain = [
        next(entry for entry in entries if entry.msgid.startswith(opening))
        for opening in ("Ministers back", "BEIJING", "The ")
    ]

    def terms(entry: polib.POEntry) -> list[str]:
        """Its reviewer's glossary lines without the entries' notes."""
        return [
            line.split(" — ")[0]
            for line in entry.comment.splitlines()
            if line.startswith("glossary:")
        ]

    # The heading: the split term named and flagged; "Shanghai" inside it is neither noted
    # nor placed in the draft (its rendering alone, "Shanghái", is not the term's).
    assert terms(heading) == [f"{SCO} (also: OCS) {SPLIT}"]
    assert "Shanghai →" not in heading.comment and "Shanghái" not in heading.msgstr
    # The dateline: the split initiative flagged, "Belt and Road" inside it not placed; the
    # SCO written whole is noted as ever.
    assert [line for line in terms(dateline) if line.startswith(BRI) and line.endswith(SPLIT)]
    assert f"{SCO} (also: OCS)" in terms(dateline)
    assert "Belt and Road →" not in dateline.comment
    # A term emphasised whole is matched as before, without the flag.
    assert [line for line in terms(plain) if line.startswith(BRI)]
    assert not [line for line in terms(plain) if SPLIT in line]
