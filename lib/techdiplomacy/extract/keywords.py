"""Every extractor's keywords in one Aho-Corasick automaton, searched once per document.

Places, sectors, organisations, title words, number words and the heads of names a place may
stand in (بنك, جامعة: see :func:`techdiplomacy.extract.places.name_head_patterns`) and verbs of
saying (:mod:`techdiplomacy.extract.reported`) are each a set of patterns over
``Document.norm``. Searched one by one they cost one pass over the text each; here every
pattern is one key of a single automaton whose value lists the ``(source, payload)`` pairs it
stands for, so one pass finds them all and each extractor reads its own hits
(:func:`hits`), in the order its own automaton would have reported them: by end, then
longest first (the automaton reports every key ending at a position that way, and one
source's hits are a subsequence of them).

The text is searched with one space in front, as number words need a word start before them
(" خمسة", "\\nfive"); every hit is reported as the index in ``norm`` of its last character,
as ``Automaton.iter(norm)`` would give it.
"""

from __future__ import annotations

from functools import cache

#: The sources, in the order of the per-source hit lists.
SOURCES = ("places", "sectors", "organisations", "titles", "numbers", "name_heads", "reporting")
_INDEX = {name: i for i, name in enumerate(SOURCES)}


def _source_patterns() -> list[dict[str, object]]:
    """Return {pattern: payload} of each source, in :data:`SOURCES` order."""
    from techdiplomacy.extract import numbers, organisations, places, reported, sectors, titles

    return [
        places.tables().gazetteer.patterns(),
        sectors.tables().gazetteer.patterns(),
        organisations.patterns(),
        titles.patterns(),
        numbers.patterns(),
        places.name_head_patterns(),
        reported.patterns(),
    ]


@cache
def automaton():
    """Return the automaton of every source's patterns (built once)."""
    import ahocorasick

    merged: dict[str, list[tuple[int, object]]] = {}
    for i, patterns in enumerate(_source_patterns()):
        for pattern, payload in patterns.items():
            if i != _INDEX["numbers"] and pattern[:1].isspace():
                raise ValueError(f"only number words may start with a space: {pattern!r}")
            merged.setdefault(pattern, []).append((i, payload))
    auto = ahocorasick.Automaton()
    # a node's children are looked up one by one in the order they were added: add the
    # patterns frequent letters first (the matches are the same in any order)
    for pattern in sorted(merged, key=_frequency_key):
        auto.add_word(pattern, tuple(merged[pattern]))
    if merged:
        auto.make_automaton()
    return auto


#: Characters by frequency in normalised news text (space first, then Arabic, Persian, Latin
#: letters and digits); any other character after them.
_FREQUENT = " اليمونهرتبعدسفكقحجشطصزخثغضذظپچژگ" "etaoinsrhldcumfpgwybvkxjqz" "0123456789"
_RANK = {ch: i for i, ch in enumerate(_FREQUENT)}


def _frequency_key(pattern: str) -> tuple[int, ...]:
    return tuple(_RANK.get(ch, len(_RANK) + ord(ch)) for ch in pattern)


def scan(norm: str) -> tuple[list[tuple[int, object]], ...]:
    """Return one list per source of (index in ``norm`` of the last character, payload)."""
    out: tuple[list, ...] = tuple([] for _ in SOURCES)
    auto = automaton()
    if not norm or len(auto) == 0:
        return out
    for end, pairs in auto.iter(" " + norm):
        last = end - 1
        for i, payload in pairs:
            out[i].append((last, payload))
    return out


def hits(doc, source: str) -> list[tuple[int, object]]:
    """Return the hits of ``source`` in ``doc.norm`` (the scan runs once per document)."""
    return doc.memo("keywords", lambda: scan(doc.norm))[_INDEX[source]]
