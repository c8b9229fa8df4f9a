"""Decoding: bytes of a news file -> text, in the encodings news files are found in.

UTF-8/16/32 with or without BOM, Windows-1256, ISO-8859-6, cp1252 and Latin-1, then
charset-normalizer's guess; an XML declaration or an HTML meta charset is honoured when it fits
the bytes. Binary files are told apart from text and refused with :class:`NotTextError`.
"""

from __future__ import annotations

import re
import unicodedata


class NotTextError(ValueError):
    """The bytes are not text in any encoding the corpus uses."""


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Legacy encodings tried in order when the bytes are not UTF-8; ties go to the first.
LEGACY_ENCODINGS = ("cp1256", "iso8859_6", "cp1252", "latin_1")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b") + b"\x7f"
_SAMPLE = 65_536


def decode(data: bytes) -> str:
    """Return ``data`` decoded (BOM removed), or raise :class:`NotTextError` saying why.

    BOM first, then strict UTF-8, then the legacy encoding whose result reads as one script
    (Arabic cp1256 bytes read as cp1252 give a soup of accented Latin letters; ISO-8859-6 read
    as cp1256 mixes Arabic with Latin), then charset-normalizer's guess under the same check.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotTextError(f"invalid {encoding} text after byte-order mark: {exc.reason}") from None
            if _junk_ratio(text[:_SAMPLE]) > 0.05:  # binary that happens to start like a BOM
                raise NotTextError("binary file (not text)")
            return text
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is not None:
            return text
        if data.count(0) > 0.05 * len(data):
            raise NotTextError("binary file (not text)")
        data = data.replace(b"\x00", b"")  # stray NULs in text (a bad export), not UTF-16
    head = data[:_SAMPLE]
    if sum(head.count(b) for b in _CONTROL_BYTES) > 0.05 * len(head):
        raise NotTextError("binary file (not text)")
    text = _utf8_or_mostly(data)
    if text is not None:
        return text
    text = _mixed_lines(data)
    if text is not None:
        return text
    encoding = legacy_encoding(data)
    if encoding is not None:
        return data.decode(encoding)
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    raise NotTextError("unknown text encoding (not UTF-8, UTF-16, Windows-1256, ISO-8859-6 or cp1252)")


def _utf8_or_mostly(data: bytes) -> str | None:
    """Return ``data`` decoded as UTF-8, strictly or as :func:`_mostly_utf8` allows; None when it is not UTF-8."""
    text = _utf8(data)
    return text if text is not None else _mostly_utf8(data)


def _mostly_utf8(data: bytes) -> str | None:
    """Return UTF-8 text with a few damaged bytes (a file cut mid-character) as U+FFFD.

    Read as Windows-1256, UTF-8 Arabic turns into Arabic-looking mojibake (ط§ظ„) that no
    script check catches; legacy Arabic bytes, in turn, are almost never valid UTF-8.
    """
    text = data.decode("utf-8", "replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for ch in text[:_SAMPLE] if ord(ch) > 0x7F and ch != "\ufffd")
    if damaged <= max(1, len(text) // 1000) and multibyte >= 10 * damaged:
        return text
    return None


def _mixed_lines(data: bytes) -> str | None:
    """Return a file whose lines are partly UTF-8, partly a legacy code page, decoded line by line.

    Concatenated exports mix encodings by line; read whole as Windows-1256, the UTF-8 lines
    would become mojibake. None when no line is UTF-8 with non-ASCII letters in it.
    """
    lines = data.split(b"\n")
    utf8 = [_utf8(line) for line in lines]
    if not any(t is not None and not t.isascii() for t in utf8):
        return None
    legacy = b"\n".join(line for line, t in zip(lines, utf8, strict=True) if t is None)
    encoding = legacy_encoding(legacy)
    if encoding is None:
        return None
    return "\n".join(t if t is not None else line.decode(encoding) for line, t in zip(lines, utf8, strict=True))


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def legacy_encoding(data: bytes) -> str | None:
    """Return the legacy encoding (of :data:`LEGACY_ENCODINGS`) ``data`` reads right in, or None."""
    head = data[:_SAMPLE]
    candidates = [(_suspect_ratio(head.decode(enc, "replace")), i, enc) for i, enc in enumerate(LEGACY_ENCODINGS)]
    for ratio, _, encoding in sorted(candidates):
        if ratio > 0.15:
            return None
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """Return BOM-less UTF-16 text, or None when the NUL bytes are strays in 8-bit text.

    In UTF-16 the high bytes sit at one parity and take few values (0x00 for ASCII and
    spaces, 0x06 for Arabic letters); 8-bit text with a stray NUL, read as UTF-16, has its
    high bytes spread over every letter (CJK soup), and NULs at both parities.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    encoding, high = ("utf-16-le", odd) if odd.count(0) >= even.count(0) else ("utf-16-be", even)
    counts = sorted((high.count(b) for b in set(high)), reverse=True)
    if sum(counts[:2]) < 0.9 * len(high):
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" not in text and _suspect_ratio(text[:_SAMPLE]) <= 0.05:
        return text
    return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _suspect_ratio(text[:_SAMPLE]) <= 0.15 else None


def _junk_ratio(text: str) -> float:
    """Return the share of control, unassigned, private-use and replacement characters."""
    junk = sum(1 for ch in text if _is_junk(ch))
    return junk / max(1, len(text))


def _is_junk(ch: str) -> bool:
    return ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")


def _script(ch: str) -> str:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if ch.isascii():
        return "ascii"
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return unicodedata.name(ch, "UNKNOWN").split()[0]


def _suspect_ratio(text: str) -> float:
    """Return the share of characters that would not be there if ``text`` were decoded right.

    Counts letters outside the dominant script (ASCII letters never count: names and URLs
    occur in every language), control characters and replacement characters, per letter.
    """
    counts: dict[str, int] = {}
    bad = 0
    for ch in text:
        if ch.isalpha():
            script = _script(ch)
            counts[script] = counts.get(script, 0) + 1
        elif _is_junk(ch):
            bad += 1
    letters = sum(counts.values())
    if letters == 0:
        return 0.0 if bad == 0 else 1.0
    scripts = {s: n for s, n in counts.items() if s != "ascii"}
    dominant = max(scripts, key=scripts.__getitem__) if scripts else "ascii"
    if dominant == "arabic" or dominant == "ascii":
        foreign = letters - counts.get("ascii", 0) - counts.get(dominant, 0)
    else:
        # Accented Latin letters in mostly-ASCII text are normal (é, ñ); read as a dominant
        # script they are fine too, unless nearly every letter is one (mojibake of Arabic).
        foreign = letters - counts.get("ascii", 0) - counts[dominant]
        if dominant == "latin" and counts[dominant] > counts.get("ascii", 0):
            foreign += counts[dominant]
    return (foreign + bad) / letters


_XML_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_HTML_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.IGNORECASE)


def decode_for(ext: str, data: bytes) -> str:
    """Decode, honouring an XML declaration's or an HTML meta charset when it fits the bytes."""
    declared = None
    if ext in (".xml", ".rss", ".atom"):
        declared = _XML_DECLARED.match(data[:1024])
    elif ext in (".html", ".htm"):
        declared = _HTML_DECLARED.search(data[:4096])
    if declared and b"\x00" not in data and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            data.decode("utf-8")  # saved pages are often re-encoded to UTF-8 under the old meta tag
        except UnicodeDecodeError:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data)


# --- streams: one line (or record) at a time ----------------------------------------------------


def stream_encoding(head: bytes) -> str | None:
    """Return the wide encoding (UTF-16/32) of a stream starting with ``head``, or None for 8-bit text.

    8-bit streams are decoded record by record with :class:`LineDecoder`; raises
    :class:`NotTextError` when ``head`` is binary.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return None if encoding == "utf-8-sig" else encoding
    if b"\x00" in head:
        even = head[: len(head) - len(head) % 2]
        if _bomless_utf16(even) is not None:
            return "utf-16-le" if even[1::2].count(0) >= even[0::2].count(0) else "utf-16-be"
        if head.count(0) > 0.05 * len(head):
            raise NotTextError("binary file (not text)")
        head = head.replace(b"\x00", b"")
    if sum(head.count(b) for b in _CONTROL_BYTES) > 0.05 * max(1, len(head)):
        raise NotTextError("binary file (not text)")
    return None


class LineDecoder:
    """Decodes the lines of one 8-bit file: UTF-8 where a line is UTF-8, else the file's legacy code page.

    The legacy encoding is chosen once, from the first line that is not UTF-8, so a long
    export mixing UTF-8 and Windows-1256 lines reads each line right, as :func:`decode` does
    for a whole file.
    """

    def __init__(self) -> None:
        self.legacy: str | None = None

    def __call__(self, data: bytes) -> str:
        if b"\x00" in data:
            data = data.replace(b"\x00", b"")  # stray NULs in text (a bad export)
        text = _utf8_or_mostly(data)
        if text is not None:
            return text
        if self.legacy is None:
            self.legacy = legacy_encoding(data) or ""
        if self.legacy:
            try:
                return data.decode(self.legacy)
            except UnicodeDecodeError:
                pass
        return data.decode("utf-8", "replace")
