"""What every reader shares: turning bytes into text, size limits and publication dates.

Decoding is written here rather than left to charset-normalizer alone because, on
article-sized inputs, its best guess is unreliable in exactly the cases this
project meets: English cp1252 text with curly quotes comes back as cp1250 (wrong
for "España"), or as a CJK multi-byte codepage when the only non-ASCII byte is an
apostrophe ("It’s" → "It痴"). So :func:`decode_bytes` tries, in order:

1. gzip, decompressed transparently (within the size limit);
2. a byte-order mark (UTF-8, UTF-16 and UTF-32, both byte orders);
3. strict UTF-8; data that is mostly UTF-8 with a few stray bytes is refused, since
   any single-byte reading would garble its UTF-8 part;
4. the charset the document declares (``<?xml encoding=…?>``, ``<meta charset=…>``);
5. the legacy code pages news archives use (:data:`LEGACY_ENCODINGS`) together with
   charset-normalizer's proposals, ranked by charset-normalizer's mess ratio plus two
   script checks it lacks for short texts: words mixing scripts ("Espaсa") and Latin
   words made mostly of accented letters (Cyrillic read as cp1252: "Þñîâ").

A candidate that still looks wrong is never used: when nothing decodes cleanly the
input is rejected with E003 instead of being passed on as mojibake. Binary data
(NUL bytes, control characters, image headers) is rejected the same way.

:func:`parse_published` reads publication dates in the forms feeds and news sites
use and refuses to guess: no relative dates ("yesterday"), no missing year, no
ambiguous numeric day/month order, no impossible dates.
"""

from __future__ import annotations

import codecs
import email.utils
import re
import unicodedata
import zlib
from datetime import date, datetime
from typing import Callable

import charset_normalizer
import dateparser
from charset_normalizer.md import mess_ratio

from ..errors import Errors, IngestError

#: Largest input, in bytes, read as one file (after gzip decompression): 50 MiB.
#: Bigger inputs are rejected with E006 rather than read into memory. Read at call
#: time, so it can be changed (``common.MAX_INPUT_BYTES = …``).
MAX_INPUT_BYTES = 50 * 1024 * 1024

#: Single-byte code pages always considered, in order of preference when two decode
#: equally well: Western European and Cyrillic Windows code pages, then KOI8.
LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8_r", "koi8_u", "cp1250")

#: A decoding whose score (mess ratio plus script penalties) exceeds this is mojibake.
MAX_DECODING_SCORE = 0.2

#: Share of control characters (other than tab, newline, carriage return, form feed)
#: above which decoded data is taken for binary.
MAX_CONTROL_CHAR_SHARE = 0.01

#: Bytes (characters, for text already decoded) scored when ranking decodings;
#: enough to tell code pages apart.
DETECTION_SAMPLE_BYTES = 64 * 1024

#: Languages dateparser tries for dates in words ("10 березня 2025"); a fixed list keeps
#: parsing fast (language detection over all locales costs about a second per miss).
DATE_LANGUAGES = ["en", "uk", "ru"]

#: dateparser settings that never fill a missing part from today's date.
DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}

Reporter = Callable[[IngestError], None]

_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)"""
    rb"""|<meta[^>]*?\bcharset\s*=\s*["']?([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# C0 and C1 control characters except tab, newline, carriage return and form feed.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_EAST_ASIAN_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"})
_ISO_DATE = re.compile(r"\d{4}-?\d{2}-?\d{2}(?!\d)")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/\d{2,4}")


def ingest_error(origin: str, template: str, **fields: object) -> IngestError:
    """An :class:`IngestError` for ``origin`` with the message ``template`` filled in."""
    return IngestError(origin, template.format(origin=origin, **fields))


def raise_error(error: IngestError) -> None:
    """The reporter used when the caller gave no ``on_error``: stop at the first error."""
    raise error


def check_size(size: int, *, origin: str) -> None:
    """Raise E006 when an input of ``size`` bytes is over :data:`MAX_INPUT_BYTES`."""
    if size > MAX_INPUT_BYTES:
        raise ingest_error(origin, Errors.E006, size=size, limit=MAX_INPUT_BYTES)


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes, so offsets stay stable."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def language_code(value: str | None) -> str:
    """The primary language subtag, lower case (``"en-GB"`` → ``"en"``); ``"en"`` when absent."""
    return re.split(r"[-_]", (value or "").strip(), maxsplit=1)[0].lower() or "en"


def decode_bytes(data: bytes, *, origin: str) -> str:
    """Decode one input's bytes into text with ``\\n`` line endings.

    data (bytes): the raw input, possibly gzip-compressed.
    origin (str): the input's name, used in error messages.
    RETURNS (str): the decoded text.
    RAISES (IngestError): E002 when empty, E006 when over :data:`MAX_INPUT_BYTES`,
        E003 when it is binary or no encoding decodes it cleanly, E005 for a broken
        gzip stream.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"decode_bytes() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, origin=origin)
    if not data:
        raise ingest_error(origin, Errors.E002)
    check_size(len(data), origin=origin)
    text = _decode(data, origin=origin)
    return normalize_newlines(text)


def _gunzip(data: bytes, *, origin: str) -> bytes:
    # Decompress with a cap on the output, so a small gzip bomb cannot exhaust memory;
    # loop because a .gz file may hold several members, one after the other.
    out = bytearray()
    rest = data
    while rest:
        decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        try:
            out += decompressor.decompress(rest, MAX_INPUT_BYTES + 1 - len(out))
        except zlib.error as exc:
            raise ingest_error(origin, Errors.E005, reason=f"not a valid gzip file ({exc})") from None
        if len(out) > MAX_INPUT_BYTES:
            raise ingest_error(origin, Errors.E006, size=f"more than {MAX_INPUT_BYTES}", limit=MAX_INPUT_BYTES)
        if not decompressor.eof:
            raise ingest_error(origin, Errors.E005, reason="truncated gzip file")
        rest = decompressor.unused_data
    return bytes(out)


def _decode(data: bytes, *, origin: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _reject_binary(data[len(bom) :].decode(encoding), origin=origin, tried=encoding)
            except UnicodeDecodeError:
                raise ingest_error(origin, Errors.E003, tried=f"{encoding}, from its byte-order mark") from None
    if b"\x00" in data:
        # Text without a byte-order mark never holds NUL: this is binary (or BOM-less
        # UTF-16, which cannot be told from binary with confidence).
        raise ingest_error(origin, Errors.E003, tried="none: the data holds NUL bytes")
    try:
        return _reject_binary(data.decode("utf-8"), origin=origin, tried="utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    if len(_NON_ASCII.findall(lenient)) - invalid > invalid:
        # Mostly valid UTF-8 with a few stray bytes: mixed encodings. Any single-byte
        # code page would garble the UTF-8 part ("Ukraine‚Äôs"), so refuse.
        tried = f"utf-8, which fails on {invalid} byte sequence(s) in otherwise UTF-8 text"
        raise ingest_error(origin, Errors.E003, tried=tried)
    tried = ["utf-8"]
    declared = _declared_encoding(data)
    if declared:
        tried.append(f"declared {declared}")
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _decoding_score(text[:DETECTION_SAMPLE_BYTES]) <= MAX_DECODING_SCORE:
            return _reject_binary(text, origin=origin, tried=", ".join(tried))
    detected = _detect_encoding(data)
    if detected is None:
        tried.extend([*LEGACY_ENCODINGS, "charset-normalizer's proposals"])
        raise ingest_error(origin, Errors.E003, tried=", ".join(tried))
    encoding, text = detected
    return _reject_binary(text, origin=origin, tried=encoding)


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def _detect_encoding(data: bytes) -> tuple[str, str] | None:
    """The best-scoring ``(encoding, text)`` for ``data``, or None when every candidate looks wrong."""
    coherence: dict[str, float] = {}
    for match in charset_normalizer.from_bytes(data):
        for name in match.could_be_from_charset:
            coherence.setdefault(name, match.coherence)
    ranked = []
    for preference, encoding in enumerate(dict.fromkeys([*LEGACY_ENCODINGS, *coherence])):
        try:
            # An incremental decoder does not fail on a multi-byte sequence cut by the sample's end.
            sample = codecs.getincrementaldecoder(encoding)().decode(data[:DETECTION_SAMPLE_BYTES])
        except (UnicodeDecodeError, LookupError):
            continue
        score = _decoding_score(sample)
        if score <= MAX_DECODING_SCORE:
            # Lowest score wins; then the language fit charset-normalizer measured; then our order.
            ranked.append((round(score, 3), -coherence.get(encoding, 0.0), preference, encoding))
    for *_, encoding in sorted(ranked):
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:  # the sample decoded, a later part does not
            continue
    return None


def _decoding_score(text: str) -> float:
    """How wrong a decoding looks: 0 for clean text, growing with mojibake signs."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return mess_ratio(text)
    mixed = accented = 0
    for word in words:
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            mixed += 1
        elif scripts == {"LATIN"} and len(word) > 1:
            non_ascii = sum(1 for ch in word if not ch.isascii())
            if non_ascii * 2 > len(word):
                accented += 1
    return mess_ratio(text) + (mixed + accented) / len(words)


def _script(ch: str) -> str:
    # The first word of a letter's Unicode name is its script (LATIN, CYRILLIC, …);
    # Han, kana and Hangul are written together in one word, so they count as one.
    script = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
    return "CJK" if script in _EAST_ASIAN_SCRIPTS else script


def _reject_binary(text: str, *, origin: str, tried: str) -> str:
    controls = len(_CONTROL_CHARS.findall(text))
    if "\x00" in text or controls > len(text) * MAX_CONTROL_CHAR_SHARE:
        raise ingest_error(origin, Errors.E003, tried=f"{tried}, which gives control characters: binary data")
    return text


def parse_published(value: str | date | datetime | None, *, origin: str) -> date | None:
    """Read a publication date; never guesses a missing part.

    Accepted: ISO 8601 dates and date-times, RFC 2822 as in RSS
    (``Mon, 10 Mar 2025 08:00:00 +0200``) and dates in words in
    :data:`DATE_LANGUAGES` ("March 10, 2025", "10 березня 2025"). A date-time gives
    the calendar date as written, in its own time zone.

    value (str | date | datetime | None): the date; None or blank gives None.
    origin (str): the input the date came from, used in error messages.
    RETURNS (date | None): the publication date.
    Numeric dates with dots are read day first (10.03.2025); with slashes they are
    refused when day and month could be swapped (03/04/2025).

    RAISES (IngestError): E007 for impossible (2025-02-30, year 0), incomplete
        ("March 10"), relative ("yesterday") or ambiguous ("03/04/2025") dates.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"parse_published() takes str, date or datetime, not {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    parsed = _parse_date_text(text)
    if parsed is None:
        raise ingest_error(origin, Errors.E007, value=value)
    return parsed


def _parse_date_text(text: str) -> date | None:
    if _ISO_DATE.match(text):
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return None  # looks like ISO 8601 but is not a real date: 2025-02-30, 0000-01-01
    rfc2822 = email.utils.parsedate_tz(text)
    if rfc2822 is not None:
        try:
            return date(*rfc2822[:3])
        except ValueError:
            return None
    dotted = _DOTTED_DATE.fullmatch(text)
    if dotted:  # 10.03.2025: day first wherever dots are used (Ukraine, Russia, Germany)
        day, month, year = map(int, dotted.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    slashed = _SLASHED_DATE.fullmatch(text)
    if slashed and slashed.group(1) != slashed.group(2) and max(map(int, slashed.groups())) <= 12:
        return None  # 03/04/2025: March 4 in the US, 3 April elsewhere; refuse to guess
    parsed = dateparser.parse(text, languages=DATE_LANGUAGES, settings=DATEPARSER_SETTINGS)
    if parsed is None or parsed.year < 1:
        return None
    return parsed.date()
