"""Topic labels as phrases: a label term that the topic's texts mostly write inside a two-word
name ("المتحدة" in "الولايات المتحدة", "Cambridge" in "Cambridge Analytica") is shown as
that name, and a label never splits one name into several of its terms.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from techdiplomacy.text.normalisation import normalise
from techdiplomacy.topics.features import _SURFACE_WORD, word_feature

#: Punctuation that ends a phrase: two words either side of it are not one name.
_BREAK = re.compile(r"[.,;:!?()\[\]{}«»\"“”'’\-–—/\\|\n\r\t،؛؟]+")
#: A term becomes a phrase when this share of its occurrences, at least MIN_PAIRS of them,
#: stand beside the same content word.
SHARE = 0.5
MIN_PAIRS = 3
#: Label terms of each topic looked at (the label shows three phrases).
LOOKED_AT = 6


def _content(word: str) -> bool:
    words = re.findall(r"[^\W\d_]+", normalise(word))
    return len(words) == 1 and word_feature(words[0], stemmed=False) is not None


def phrase_forms(
    texts: Iterable[str], terms: Sequence[Sequence[str]], text_topics: Sequence[int] | None = None, *, most: int = 3000,
) -> list[dict[str, str]]:
    """Return, per topic, {term: the two-word phrase its texts mostly write it in} for the
    first :data:`LOOKED_AT` of its ``terms`` (as written); terms without one are left out.

    ``text_topics`` gives each text's topic (-1: none), so a topic's phrases come from its own
    texts; without it every text counts for every topic. At most ``most`` texts are read.
    """
    wanted = [set(list(t)[:LOOKED_AT]) for t in terms]
    alone: list[Counter] = [Counter() for _ in terms]
    pairs: list[dict[str, Counter]] = [defaultdict(Counter) for _ in terms]
    for n_read, text in enumerate(texts):
        if n_read >= most:
            break
        if not isinstance(text, str):
            continue
        topics = range(len(terms)) if text_topics is None else [int(text_topics[n_read])]
        topics = [c for c in topics if 0 <= c < len(terms)]
        if not topics:
            continue
        for piece in _BREAK.split(text):
            words = _SURFACE_WORD.findall(piece)
            for i, word in enumerate(words):
                for c in topics:
                    if word not in wanted[c]:
                        continue
                    alone[c][word] += 1
                    if i > 0:
                        pairs[c][word][f"{words[i - 1]} {word}"] += 1
                    if i + 1 < len(words):
                        pairs[c][word][f"{word} {words[i + 1]}"] += 1
    out: list[dict[str, str]] = []
    for c in range(len(terms)):
        found = {}
        for word, seen in pairs[c].items():
            for phrase, n in seen.most_common():
                if n < MIN_PAIRS or n < SHARE * alone[c][word]:
                    break
                other = phrase.split(" ")[0 if phrase.endswith(f" {word}") else 1]
                if other != word and _content(other):
                    found[word] = phrase
                    break
        out.append(found)
    return out


def phrase_label(terms: Sequence[str], phrases: dict[str, str], *, size: int = 3) -> str:
    """Return the first ``size`` distinct phrases of ``terms`` joined by " · ": each term as
    its phrase when it has one, a term already inside an earlier phrase skipped."""
    shown: list[str] = []
    used: set[str] = set()
    for term in terms:
        phrase = phrases.get(term, term)
        words = {normalise(w) for w in phrase.split(" ")}
        if normalise(term) in used or words <= used:
            continue
        shown.append(phrase)
        used |= words
        if len(shown) == size:
            break
    return " · ".join(shown)
