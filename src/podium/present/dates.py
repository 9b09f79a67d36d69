"""Times for people, in the reader's language (Babel): a session's start at the venue with its zone.

One home for the web's pages and the CLI's tables, so both say "Fri 13 Nov 2020, 08:00 EST" and
"ven. 13 nov. 2020, 08:00 (UTC−5)" the same way.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime

DEFAULT_FORMAT = "EEE d MMM y, HH:mm"
"""A day and a time, as a calendar prints them (Babel's pattern; each language its own words)."""


def local_time(value: datetime, lang: str = "en", fmt: str = DEFAULT_FORMAT) -> str:
    """A local time in the reader's language with its zone: "Fri 13 Nov 2020, 08:00 EST"; French has
    no abbreviation for most zones, so it says the offset: "ven. 13 nov. 2020, 08:00 (UTC−5)"."""
    shown = format_datetime(value, fmt, tzinfo=value.tzinfo, locale=lang)
    if lang == "en":
        return f"{shown} {format_datetime(value, 'zzz', tzinfo=value.tzinfo, locale=lang)}"
    return f"{shown} ({utc_offset(value)})"


def utc_offset(value: datetime) -> str:
    """ "UTC−5", "UTC+1", "UTC+5:30", "UTC" for an aware time."""
    offset = value.utcoffset()
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
