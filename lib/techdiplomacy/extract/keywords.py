"""Every extractor's keywords in one Aho-Corasick automaton, searched once per document.

Places, sectors, organisations, title words, number words, the heads of names a place may
stand in (بنك, جامعة) and verbs of saying are each a set of patterns over ``Document.norm``.
Searched one by one they cost one pass over the text each; a :class:`KeywordPass` makes every
pattern one key of a single automaton whose value lists the ``(source, payload)`` pairs it
stands for, so one pass finds them all and each extractor reads its own hits (:func:`hits`),
in the order its own automaton would have reported them: by end, then longest first (the
automaton reports every key ending at a position that way, and one source's hits are a
subsequence of them).

This module knows no extractor: each extractor hands :func:`hits` its source name and its
patterns, and whoever runs several extractors over one document (:mod:`techdiplomacy.tables`)
gives the document a pass over all their sources (``Document(..., keywords=...)``). A document
without one, or whose pass lacks the source, is searched for that source alone: the same hits.

The text is searched with one space in front, as number words need a word start before them
(" خمسة", "\\nfive"); every hit is reported as the index in ``norm`` of its last character,
as ``Automaton.iter(norm)`` would give it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

#: A source's patterns: a function returning {pattern: payload} (called once per pass).
Patterns = Callable[[], Mapping[str, object]]

#: Characters by frequency in normalised news text (space first, then Arabic, Persian, Latin
#: letters and digits); any other character after them.
_FREQUENT = " اليمونهرتبعدسفكقحجشطصزخثغضذظپچژگ" "etaoinsrhldcumfpgwybvkxjqz" "0123456789"
_RANK = {ch: i for i, ch in enumerate(_FREQUENT)}


def _frequency_key(pattern: str) -> tuple[int, ...]:
    return tuple(_RANK.get(ch, len(_RANK) + ord(ch)) for ch in pattern)


class KeywordPass:
    """One automaton over the patterns of several sources (built on first use).

    ``sources``: {source name: :data:`Patterns`}; ``word_starts``: the sources whose patterns
    may begin with a space (they carry the word start before them, as number words do)."""

    __slots__ = ("sources", "_patterns", "_word_starts", "_index", "_automaton")

    def __init__(self, sources: Mapping[str, Patterns], *, word_starts: tuple[str, ...] = ()) -> None:
        self.sources = tuple(sources)
        self._patterns = tuple(sources.values())
        self._word_starts = frozenset(word_starts)
        self._index = {name: i for i, name in enumerate(self.sources)}
        self._automaton = None

    def index(self, source: str) -> int | None:
        """Return the position of ``source`` in :meth:`scan`'s result (None: not in this pass)."""
        return self._index.get(source)

    def automaton(self):
        """Return the automaton of every source's patterns (built once per pass)."""
        if self._automaton is None:
            import ahocorasick

            merged: dict[str, list[tuple[int, object]]] = {}
            for i, (name, patterns) in enumerate(zip(self.sources, self._patterns)):
                for pattern, payload in patterns().items():
                    if name not in self._word_starts and pattern[:1].isspace():
                        raise ValueError(f"only the patterns of {sorted(self._word_starts)} may start with a space: {pattern!r}")
                    merged.setdefault(pattern, []).append((i, payload))
            auto = ahocorasick.Automaton()
            # a node's children are looked up one by one in the order they were added: add the
            # patterns frequent letters first (the matches are the same in any order)
            for pattern in sorted(merged, key=_frequency_key):
                auto.add_word(pattern, tuple(merged[pattern]))
            if merged:
                auto.make_automaton()
            self._automaton = auto
        return self._automaton

    def scan(self, norm: str) -> tuple[list[tuple[int, object]], ...]:
        """Return one list per source of (index in ``norm`` of the last character, payload)."""
        out: tuple[list, ...] = tuple([] for _ in self.sources)
        auto = self.automaton()
        if not norm or len(auto) == 0:
            return out
        for end, pairs in auto.iter(" " + norm):
            last = end - 1
            for i, payload in pairs:
                out[i].append((last, payload))
        return out


@cache
def _alone(source: str, patterns: Patterns) -> KeywordPass:
    """A pass over one source's patterns (for a document without a shared pass)."""
    return KeywordPass({source: patterns}, word_starts=(source,))


def hits(doc, source: str, patterns: Patterns) -> list[tuple[int, object]]:
    """Return the hits of ``source`` (whose patterns ``patterns()`` gives) in ``doc.norm``:
    from the document's shared pass when it has one holding ``source`` (scanned once per
    document), else from a pass of this source alone (the same hits)."""
    shared = doc.keywords
    i = None if shared is None else shared.index(source)
    if i is not None:
        return doc.memo("keywords", lambda: shared.scan(doc.norm))[i]
    return doc.memo("keywords:" + source, lambda: _alone(source, patterns).scan(doc.norm)[0])
