"""The one pattern for web addresses and e-mail addresses in running text.

Formats protect them (a translation must carry them unchanged), the checks compare them, and
pseudo-localization leaves them readable. A trailing punctuation mark, closing bracket or brace
ends the address ("see https://example.org/a)."), and so does a quote or a backtick, which in
Markdown and HTML delimit code or an attribute.
"""

from __future__ import annotations

import re

URL_PATTERN = r"\b(?:https?://|ftp://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]"
EMAIL_PATTERN = r"\b[\w.+-]+@[\w-]+\.[\w.-]+\w"

URL = re.compile(URL_PATTERN)
URL_OR_EMAIL = re.compile(f"{URL_PATTERN}|{EMAIL_PATTERN}")
