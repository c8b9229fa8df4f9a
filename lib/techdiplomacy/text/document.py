"""A text prepared once for every extractor: normalised form, offsets and sentences."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from techdiplomacy.settings import Settings
from techdiplomacy.text.language import detect_language
from techdiplomacy.text.normalisation import normalise_with_index
from techdiplomacy.text.passages import Span, passage_bounds, sentence_index, sentences


@dataclass(frozen=True)
class Document:
    """One article's text with what every extractor needs, computed once.

    ``norm`` is the matching form (see :func:`techdiplomacy.text.normalisation.normalise`); spans found in
    ``norm`` map back to ``text`` through :meth:`original`.
    """

    text: str
    article_id: str = ""
    language: str = ""
    #: The home state (ISO3) of the outlet that published the text, "" when unknown or when the
    #: outlet reports the world (see :func:`techdiplomacy.reference.outlet_country`).
    outlet: str = field(default="", compare=False)
    #: The keyword pass shared by the extractors run over this text (see
    #: :mod:`techdiplomacy.extract.keywords`), or None: each extractor searches its own keywords.
    keywords: object | None = field(default=None, repr=False, compare=False)
    #: The longest evidence sentence kept whole; a longer one is cut to a window around the span
    #: (see :meth:`evidence_sentence`).
    sentence_limit: int = field(default=Settings.max_sentence_chars, repr=False, compare=False)
    norm: str = field(init=False)
    offsets: Sequence[int] | None = field(init=False, repr=False)  # list or array of ints
    _memo: dict = field(init=False, repr=False, compare=False)
    # -1: all passages; i: passage i's sentences; -2: the sentence found last
    _passages: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        norm, offsets = normalise_with_index(self.text)
        object.__setattr__(self, "norm", norm)
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_passages", {})
        if not self.language:
            object.__setattr__(self, "language", detect_language(self.text))

    def memo(self, key: str, compute):
        """Return ``compute()`` computed once per document under ``key`` (extractors that
        reuse another's result, such as countries for officials and figures, pay once)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of ``text`` that produced ``norm[start:end]`` (an empty span maps to
        where its character came from)."""
        offsets = self.offsets
        if offsets is None:
            return start, end
        if end <= start:
            return offsets[start], offsets[start]
        return offsets[start], offsets[end - 1] + 1

    @property
    def sentences(self) -> list[Span]:
        """Every sentence of ``text``, passage by passage (see :func:`sentence_index`)."""
        return self.memo("sentences", lambda: sentence_index(self.text))

    def sentence_at(self, start: int) -> Span:
        """Return the sentence holding original offset ``start`` (the whole text if none).

        Only the passage holding ``start`` is cut into sentences (once): rows are few, and a
        sentence never spans two passages, so this is the sentence :attr:`sentences` holds.
        """
        cuts = self._passages
        last = cuts.get(-2)  # the sentence asked for last: rows come in text order
        if last is not None and last.start <= start < last.end:
            return last
        if -1 not in cuts:
            bounds = passage_bounds(self.text)
            cuts[-1] = ([b[0] for b in bounds], [b[1] for b in bounds])
        starts, ends = cuts[-1]
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < ends[i]:
            cut = cuts.get(i)
            if cut is None:
                sents = sentences(self.text, starts[i], ends[i])
                cut = cuts[i] = (sents, [s.start for s in sents])
            sents, sent_starts = cut
            j = bisect.bisect_right(sent_starts, start) - 1
            if j >= 0 and start < sents[j].end:
                cuts[-2] = sents[j]
                return sents[j]
        return Span(0, len(self.text), self.text)

    def evidence(self, start: int, end: int) -> dict:
        """Return the evidence columns (surface, start, end, sentence) of an original span."""
        return {
            "article_id": self.article_id,
            "surface": self.text[start:end],
            "start": start,
            "end": end,
            "sentence": self.evidence_sentence(start, end),
        }

    def evidence_sentence(self, start: int, end: int) -> str:
        """Return the evidence text of the original span ``text[start:end]``: its sentence, or,
        when that is longer than :attr:`sentence_limit`, a window of about that many characters
        of it around the span (cut at spaces).

        Windows lie on a grid (a step of half the limit) so the rows of one long sentence share
        a few strings instead of each copying its own: text without full stops, thousands of
        mentions in one "sentence", costs memory in proportion to its length, not to
        length x mentions.
        """
        sentence = self.sentence_at(start)
        limit = self.sentence_limit
        if sentence.end - sentence.start <= limit:
            return sentence.text
        step = max(1, limit // 2)
        block = (start - sentence.start) // step
        lo = max(sentence.start, sentence.start + block * step - step // 2)
        hi = min(sentence.end, lo + limit)
        lo = max(sentence.start, hi - limit)
        hi = max(hi, min(end, sentence.end))
        window = self.memo(("window", lo, hi), lambda: self._window(lo, hi, sentence))
        if window[0] <= start and end <= window[1]:
            return window[2]
        return self.text[lo:hi]  # the cut at spaces would clip the span: keep the raw window

    def _window(self, lo: int, hi: int, sentence: Span) -> tuple[int, int, str]:
        """Return (start, end, text) of ``text[lo:hi]`` less a partial word at each end that
        is not the sentence's."""
        text = self.text
        cut = text.find(" ", lo, lo + 40)
        if lo > sentence.start and not text[lo - 1].isspace() and cut >= lo:
            lo = cut + 1
        cut = text.rfind(" ", max(lo, hi - 40), hi + 1) if hi < sentence.end else -1
        if cut > lo:
            hi = cut
        return lo, hi, text[lo:hi]

    def evidence_norm(self, start: int, end: int) -> dict:
        """Return the evidence columns of the span ``norm[start:end]``."""
        return self.evidence(*self.original(start, end))
