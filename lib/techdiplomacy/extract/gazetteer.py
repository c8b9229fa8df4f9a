"""A multi-pattern gazetteer over normalised text: Aho-Corasick, one pass, word-aware.

Terms are matched in :func:`techdiplomacy.text.normalisation.normalise` form, as they are written in the wild:

* **Arabic proclitics** may precede an Arabic-script term: و ف ب ل ك, the article ال and their
  combinations (وال بال فال كال لل ولل وبال ...). A term that starts with the article also
  matches in its fused ``لل`` form (العراق -> للعراق, ولليابان).
* **Suffixes** may follow a term, by mode: ``"none"``; ``"nominal"`` (Arabic pronoun suffixes
  ها هم هما نا, Persian ها های هایی, English plural s/es); ``"demonym"`` (Arabic nisba on a
  name: ایران -> ایرانی/الإيرانية/الإيرانيين/ایرانیان; inflection of a demonym that already ends
  in ی: أرمني -> الأرمنية/الأرمنيين/ارمنی‌ها; English plural s).
* Otherwise **strict word boundaries**: هند does not match inside هندسه, قطر not in قطرات.
* Overlapping candidates are resolved **longest first** (then leftmost): الحكومة الإلكترونية
  beats الحكومة. An **exclusion** phrase takes part in that contest and, when it wins, removes
  what it covers (``وزير الاتصالات`` hides the sector word inside a minister's title).
* **Case-sensitive** entries (US, UK, UAE, AI) only match where the original text has exactly
  that spelling; they need ``text`` (and ``offsets``) passed to :meth:`Gazetteer.find`.

A match's span covers the term and its suffix but not its proclitics, so the evidence of
``وأرمينيا`` reads ``أرمينيا`` and of ``بالأمن السيبراني`` reads ``الأمن السيبراني``. The one
exception is the fused article: ``للعراق`` is reported whole (its article has lost its alef).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from operator import itemgetter
from typing import NamedTuple

import ahocorasick

from techdiplomacy.text.normalisation import normalise

#: Arabic proclitic strings allowed before an Arabic-script term (normalised form).
PROCLITICS = frozenset(
    "و ف ب ل ك وب ول وك فب فل فك ال وال فال بال كال لل ولل فلل وبال فبال وكال فكال".split()
)
#: Proclitics before the fused-article form (``ل`` + ``لعراق`` = ``للعراق``).
FUSED_ARTICLE_PROCLITICS = frozenset(["ل", "ول", "فل"])

_LATIN_PLURAL = frozenset(["", "s", "es"])
SUFFIXES: dict[str, dict[str, frozenset[str]]] = {
    "none": {"arabic": frozenset([""]), "latin": frozenset([""])},
    "nominal": {
        # no bare ی/ي: a nisba on a plural noun is usually a surname (الطرود -> الطرودي)
        "arabic": frozenset(["", "ها", "هم", "هما", "نا", "هاي", "هايي"]),
        "latin": _LATIN_PLURAL,
    },
    "demonym": {
        # after a name: the nisba and its inflections (ايراني ايرانيه ايرانيين ايرانيون ايرانيان),
        # Persian -یی after a final alef (امريكايي).
        "arabic": frozenset(["", "ي", "يه", "يين", "يون", "يان", "يي", "ييه"]),
        "latin": frozenset(["", "s"]),
    },
}
#: After a demonym that already ends in ي: feminine, plurals, dual, Persian plurals.
DEMONYM_INFLECTIONS = frozenset(["", "ه", "ين", "ون", "ان", "ها", "هاي", "تان", "تين"])
_MAX_PREFIX = 4
_MAX_SUFFIX = 4


class Match(NamedTuple):  # a tuple: made many times per article, far faster than a frozen dataclass
    """One term found in normalised text: ``norm[start:end]`` is the term plus its suffix."""

    key: str
    start: int
    end: int


def is_arabic_script(text: str) -> bool:
    """Return True when ``text`` contains a letter of the Arabic script."""
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


def is_cased_acronym(alias: str) -> bool:
    """Return True for an all-capital Latin acronym (US, U.S., UAE, IoT) that must match in case."""
    if any(ch.isspace() for ch in alias) or is_arabic_script(alias):
        return False
    upper = sum(ch.isupper() for ch in alias)
    lower = sum(ch.islower() for ch in alias)
    return upper >= 2 and lower <= 1


class _Spec(NamedTuple):
    """How one pattern stands for one key (a tuple: :meth:`Gazetteer.find` unpacks it)."""

    key: str | None  # None marks an exclusion
    length: int  # pattern length in norm
    fused: bool  # pattern is the fused-article form: needs a ل proclitic
    arabic: bool
    suffixes: frozenset[str]
    demonym_inflection: bool  # arabic demonym already ending in ي
    written: str | None  # case-sensitive spelling in the original text


class Gazetteer:
    """Find many terms in normalised text in one pass.

    ``entries`` are ``(key, normalised alias)`` pairs, or ``(key, alias, suffixes)`` triples to
    give one entry its own suffix mode. ``cased`` are ``(key, alias as written)`` pairs matched
    only with that exact capitalisation. ``exclusions`` are phrases (any form; normalised here)
    that hide the matches they cover.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str] | tuple[str, str, str]],
        *,
        clitics: bool = True,
        suffixes: str = "none",
        cased: Iterable[tuple[str, str]] = (),
        exclusions: Iterable[str] = (),
    ) -> None:
        if suffixes not in SUFFIXES:
            raise ValueError(f"suffixes must be one of {sorted(SUFFIXES)}, not {suffixes!r}")
        self.clitics = clitics
        self.suffixes = suffixes
        self._patterns: dict[str, list[_Spec]] = {}
        for entry in entries:
            key, alias = entry[0], entry[1]
            mode = entry[2] if len(entry) > 2 else suffixes
            self._add(key, " ".join(alias.split()), mode, None)
        for key, written in cased:
            self._add(key, " ".join(normalise(written).split()), "none", written)
        for phrase in exclusions:
            norm = " ".join(normalise(phrase).split())
            self._add(None, norm, "nominal", None)
        self._automaton = ahocorasick.Automaton()
        for pattern, specs in self._patterns.items():
            self._automaton.add_word(pattern, tuple(specs))
        if self._patterns:
            self._automaton.make_automaton()

    def _add(self, key: str | None, alias: str, mode: str, written: str | None) -> None:
        if not alias:
            return
        arabic = is_arabic_script(alias)
        table = SUFFIXES[mode]["arabic" if arabic else "latin"]
        inflect = mode == "demonym" and arabic and alias.endswith("ي")
        if inflect:
            table = DEMONYM_INFLECTIONS
        elif mode == "nominal" and arabic and alias.endswith("ها"):
            table = table | {"ي", "يي"}  # Persian plural + ezafe: استارتاپ‌ها -> استارتاپ‌های
        forms = [(alias, False)]
        if arabic and self.clitics and alias.startswith("ال") and len(alias) > 3:
            forms.append((alias[1:], True))
        for pattern, fused in forms:
            spec = _Spec(key, len(pattern), fused, arabic, table, inflect, written)
            specs = self._patterns.setdefault(pattern, [])
            if spec not in specs:
                specs.append(spec)

    def __len__(self) -> int:
        return len(self._patterns)

    def patterns(self) -> dict[str, tuple[_Spec, ...]]:
        """Return {pattern: its specs}: what :meth:`find` searches for, to search it together
        with other patterns (:mod:`techdiplomacy.extract.keywords`) and pass the hits back."""
        return {pattern: tuple(specs) for pattern, specs in self._patterns.items()}

    def find(self, norm: str, text: str | None = None, offsets: list[int] | None = None,
             hits: Iterable[tuple[int, tuple[_Spec, ...]]] | None = None, links: bool | None = None) -> list[Match]:
        """Return the matches in ``norm``: non-overlapping, longest first, sorted by start.

        ``text``/``offsets`` (the original text and :func:`normalise_with_offsets` offsets)
        are needed only for case-sensitive entries; without them those never match. ``hits``:
        the (last index, specs) pairs of :meth:`patterns` in ``norm``, in the order
        ``Automaton.iter`` reports them, when already searched for; else searched here.
        ``links``: :func:`has_link` of ``norm`` when already known (:func:`links_in`).
        """
        if not self._patterns or not norm:
            return []
        n = len(norm)
        clitics = self.clitics
        candidates: list[tuple[int, int, int, str | None]] = []
        for last, specs in self._automaton.iter(norm) if hits is None else hits:
            end = last + 1
            # right boundary and suffix (shared by all specs of this pattern); most terms end a
            # word, which one look at the next character settles
            if end == n or not norm[end].isalnum():
                j, suffix = end, ""
            elif norm[last].isalnum():
                j = end
                limit = min(n, end + _MAX_SUFFIX + 1)
                while j < limit and norm[j].isalnum():
                    j += 1
                if j < n and norm[j].isalnum():
                    continue
                suffix = norm[end:j]
            else:
                j, suffix = end, ""
            for key, length, fused, arabic, suffixes, _, written in specs:
                if suffix and (suffix not in suffixes or (suffix[:2] == "يي" and length < 4)):
                    continue  # Persian -یی only after a stem of 4+ letters (غنا+یی reads غنائي)
                start = end - length
                span_start = start
                if not norm[start].isalnum():
                    if fused:
                        continue
                elif start == 0 or not norm[start - 1].isalnum():
                    if fused:
                        continue  # the fused form needs its ل before it
                elif fused and norm[start - 1] != "ل":
                    continue  # every fused-article proclitic ends in ل: mostly the ا of ال (السعودية)
                else:
                    i = start - 1
                    while i > 0 and norm[i - 1].isalnum() and start - i <= _MAX_PREFIX:
                        i -= 1
                    if i > 0 and norm[i - 1].isalnum():
                        continue
                    prefix = norm[i:start]
                    if fused:
                        if prefix not in FUSED_ARTICLE_PROCLITICS:
                            continue
                        span_start = start - 1
                    elif not (arabic and clitics and prefix in PROCLITICS):
                        continue
                if written is not None and not _written_as(written, text, offsets, start, end):
                    continue
                candidates.append((span_start, j, length, key))
        matches = _longest_first(candidates)
        if not (has_link(norm) if links is None else links):
            return matches  # no URL, e-mail or domain anywhere: nothing is inside one
        return [m for m in matches if not _in_link(norm, m.start, m.end)]


_DOMAIN_PATH = re.compile(r"[a-z0-9-]\.[a-z]{2,}/")
#: What makes a token a link for :func:`_in_link`; none holds a space or a line break, so a
#: text without one has no span inside a link.
#: Written to start with one character class, so that the engine skips to the next candidate
#: in C (the plain ``://|www\.|@|[a-z0-9-]\.[a-z]{2,}/`` is tried at every position).
_LINK_MARK = re.compile(r"[:w@a-z0-9-](?:(?<=:)//|(?<=w)ww\.|(?<=@)|(?<=[a-z0-9-])\.[a-z]{2,}/)")


def has_link(norm: str) -> bool:
    """True when a URL, e-mail address or domain may stand in ``norm`` (else no span is in one)."""
    return _may_hold_link(norm) and _LINK_MARK.search(norm) is not None


def links_in(doc) -> bool:
    """:func:`has_link` of a Document's ``norm``, looked at once per document."""
    return doc.memo("links", lambda: has_link(doc.norm))


def _may_hold_link(norm: str) -> bool:
    """False when no span of ``norm`` can be inside a link: :func:`_in_link` needs "/" (URL,
    path) or "@" (e-mail) or "www." somewhere in the text, and most articles have none."""
    return "/" in norm or "@" in norm or "www." in norm


def _in_link(norm: str, start: int, end: int) -> bool:
    """True when the span sits inside a URL, e-mail address or domain (…/oman-space, x@iran.ir)."""
    left = max(norm.rfind(" ", 0, start), norm.rfind("\n", 0, start)) + 1
    right_space = [i for i in (norm.find(" ", end), norm.find("\n", end)) if i != -1]
    right = min(right_space) if right_space else len(norm)
    token = norm[left:right]
    if len(token) == end - start:
        return False
    return "://" in token or "www." in token or "@" in token or _DOMAIN_PATH.search(token) is not None


def _written_as(written: str, text: str | None, offsets: list[int] | None, start: int, end: int) -> bool:
    if text is None:
        return False
    if offsets is None:
        return text[start:end] == written
    return text[offsets[start] : offsets[end - 1] + 1] == written


def _longest_first(candidates: list[tuple[int, int, int, str | None]]) -> list[Match]:
    """Keep the longest candidates that do not overlap a longer (or earlier) one.

    Candidates are swept in text order into clusters of overlapping spans; a lone candidate is
    kept as it is and only a cluster is resolved longest-first, so the cost stays near linear.
    """
    if not candidates:
        return []
    # by start, then longest first: two stable sorts on C keys, the order of one (start, -end) sort
    candidates.sort(key=_END, reverse=True)
    candidates.sort(key=_START)
    out: list[Match] = []
    i, n = 0, len(candidates)
    while i < n:
        start, end, _, key = candidates[i]
        j, cluster_end = i + 1, end
        while j < n and candidates[j][0] < cluster_end:  # overlaps the cluster so far
            cluster_end = max(cluster_end, candidates[j][1])
            j += 1
        if j == i + 1:
            if key is not None:
                out.append(_match((key, start, end)))
        elif j == i + 2:  # two candidates that overlap: the better one alone
            key, start, end = _better(candidates[i], candidates[i + 1])
            if key is not None:
                out.append(_match((key, start, end)))
        else:
            out.extend(_resolve_cluster(candidates[i:j]))
        i = j
    return out


_START, _END = itemgetter(0), itemgetter(1)
#: Builds a Match from a (key, start, end) tuple in C (``Match(...)`` is a Python call).
_match = partial(tuple.__new__, Match)


def _better(a: tuple[int, int, int, str | None], b: tuple[int, int, int, str | None]) -> tuple[str | None, int, int]:
    """Return (key, start, end) of ``min((a, b), key=_preference)``, without building the keys."""
    la, lb = a[1] - a[0], b[1] - b[0]
    if la != lb:
        best = a if la > lb else b
    elif a[0] != b[0]:
        best = a if a[0] < b[0] else b
    elif (a[3] is None) != (b[3] is None):
        best = a if a[3] is None else b
    else:
        best = b if b[2] > a[2] else a
    return best[3], best[0], best[1]


def _preference(c: tuple[int, int, int, str | None]) -> tuple:
    """Sort key of overlapping candidates: longest, leftmost, an exclusion, the longer term."""
    return -(c[1] - c[0]), c[0], c[3] is not None, -c[2]


def _resolve_cluster(cluster: list[tuple[int, int, int, str | None]]) -> list[Match]:
    """Keep the best candidates of three or more overlapping ones."""
    # longest first, then leftmost; on an exact tie an exclusion wins, then the term written in
    # full over a shorter term plus suffix (نیجریه is Nigeria, not نیجر + ـیه)
    ordered = sorted(cluster, key=_preference)
    taken: list[tuple[int, int, str | None]] = []
    for start, end, _, key in ordered:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, key))
    return [_match((key, s, e)) for s, e, key in sorted(taken) if key is not None]
