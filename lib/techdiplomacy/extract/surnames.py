"""Later mentions of a person: the same person under another spelling, and the places a
story names them again by full name or surname alone (the first mention carries the title).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from techdiplomacy import reference
from techdiplomacy.extract import name_matcher
from techdiplomacy.extract.lexicon import COMMON, SUFFIXES, Token, zipf
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise


def name_key(words: list[str]) -> str:
    return "".join(words)


#: Letters a transliterated name spells one way or another inside a word (long vowels, hamza).
_SPELLING = str.maketrans("", "", "اويىءئؤ")


@cache
def _native_names() -> frozenset[str]:
    """Arab and Iranian first names (normalised): spelled one way, so kept as written."""
    table = reference.load("first_names")
    return frozenset(" ".join(normalise(n).split()) for n, origin in zip(table["name"], table["origin"])
                     if origin in ("arab", "iranian"))


def person_key(words: list[str]) -> str:
    """The key of a person the reference does not know, the same for the spellings Arabic-script
    news gives one foreign name (نتنياهو / نتانياهو / نيتنياهو, بيسكوف / بسكوف, هانت / هنت): a
    transliterated word loses the long vowels and hamza seats inside it (its first and last
    letters stay: قاسمي is not قاسم). Arab and Iranian first names, words with the article
    ال, short words and Latin words are kept as written."""
    native = _native_names()
    out = []
    for w in words:
        if w.isascii() or len(w) <= 3 or w in native or w.startswith("ال"):
            out.append(w)
        else:
            out.append(w[0] + w[1:-1].translate(_SPELLING) + w[-1])
    return "".join(out)


def surname(tokens: list[Token], a: int, b: int, skip: int) -> tuple[str, ...] | None:
    """Return the words of a name's surname: its last word, with the ZWNJ halves or suffix
    (پور, زاده) that belong to it ("زارع‌پور"); None for a one-word name."""
    k = b
    while k > a and (tokens[k].joined or tokens[k].norm in SUFFIXES):
        k -= 1
    if k == a:
        return None
    words = [tokens[j].norm for j in range(k, b + 1)]
    if words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return tuple(words)


def known_without_honorific(words, known_keys) -> str | None:
    for n in range(1, len(words)):
        hit = known_keys.get(name_key(words[n:]))
        if hit and len(words) - n >= 2:
            return hit
    return None


def same_person(persons: dict, key_norm: str) -> str | None:
    """Return the key of a person already seen whose name this one extends or shortens."""
    for key, p in persons.items():
        for k in p["keys"]:
            if len(k) >= 3 and (key_norm.endswith(k) or k.endswith(key_norm)):
                return key
    return None


@cache
def _known_forms() -> tuple[list[tuple[str, ...]], dict[str, str]]:
    """The reference people's names of two words or more as name forms (longest pattern first)
    and {form without spaces: official id}; a form two people share is left out."""
    lookup: dict[str, str] = {}
    forms = {}
    for record in reference.aliases("officials").to_dict("records"):
        words = tuple(record["norm"].split())
        if len(words) < 2:
            continue
        compact = "".join(words)
        if lookup.get(compact, record["id"]) != record["id"]:
            lookup[compact] = ""
            continue
        lookup[compact] = record["id"]
        forms[words] = None
    ordered = sorted((w for w in forms if name_matcher.supported([w])), key=lambda w: len(_pattern(w)), reverse=True)
    return ordered, {k: v for k, v in lookup.items() if v}


@cache
def known_folded() -> dict[str, str]:
    """Return {person key of a reference name or alias: official id}: the spellings of a known
    foreign name that differ by long vowels only (نتنياهو / نتانياهو) find the reference person.
    A key two people share is left out."""
    keys: dict[str, str] = {}
    shared: set[str] = set()
    for record in reference.aliases("officials").to_dict("records"):
        key = person_key(record["norm"].split())
        if keys.setdefault(key, record["id"]) != record["id"]:
            shared.add(key)
    return {k: v for k, v in keys.items() if k not in shared}


_SKELETON = str.maketrans("", "", "اويىءئؤأإآ\u200c-")


def skeleton(words: list[str]) -> str:
    """A full name's spelling skeleton: each word keeps its first letter and loses its long
    vowels and hamza seats, a final ه/ة goes (فرنسوا هولاند / فرانسوا هولاند, عبدالعزيز /
    عبد العزيز). Only for finding reference people: two people the reference holds never share
    one (see :func:`known_skeletons`)."""
    joined = "".join(w[:1] + w[1:].translate(_SKELETON) for w in words if not w.isascii())
    return joined.rstrip("هة") if len(joined) >= 6 else ""


@cache
def known_skeletons() -> dict[str, str]:
    """Return {skeleton of a reference name or alias of two words or more: official id}, a
    skeleton two people share left out."""
    keys: dict[str, str] = {}
    shared: set[str] = set()
    for record in reference.aliases("officials").to_dict("records"):
        words = record["norm"].split()
        key = skeleton(words) if len(words) >= 2 else ""
        if key and keys.setdefault(key, record["id"]) != record["id"]:
            shared.add(key)
    return {k: v for k, v in keys.items() if k not in shared}


@cache
def _known_automaton():
    """An Aho-Corasick automaton of the known forms without spaces, each giving the ranks of
    the forms written with those letters."""
    import ahocorasick

    ranks: dict[str, list[int]] = {}
    for rank, words in enumerate(_known_forms()[0]):
        ranks.setdefault("".join(words), []).append(rank)
    auto = ahocorasick.Automaton()
    for compact, found in ranks.items():
        auto.add_word(compact, tuple(found))
    auto.make_automaton()
    return auto


def known_mentions(doc: Document) -> list[tuple[str, int, int]]:
    """Return (official id, start, end in ``doc.norm``) of each place the text names a person
    the reference knows by a name of two words or more (spaces optional, as for later
    mentions; a Latin name only capitalised)."""
    forms, lookup = _known_forms()
    # the forms whose letters occur in the text without spaces, in one pass (the reference
    # knows many people; a search per form would read the text once for each)
    present = {rank for _, ranks in _known_automaton().iter(doc.norm.replace(" ", "")) for rank in ranks}
    if not present:
        return []
    forms = [words for rank, words in enumerate(forms) if rank in present]
    out = []
    for _, start, end in name_matcher.finditer(doc.norm, forms):  # forms ordered and checked once
        official = lookup.get("".join(doc.norm[start:end].split()))
        if official is None:
            continue
        s, _ = doc.original(start, end)
        if doc.text[s:s + 1].isascii() and not doc.text[s:s + 1].isupper():
            continue
        out.append((official, start, end))
    return out


def later_mentions(doc: Document, persons: dict, claimed: list[tuple[int, int]], lex: dict) -> list[tuple[str, int, int]]:
    """Return mentions of the persons by full name or surname alone outside titled mentions.

    The persons' name forms (spaces optional between words, so زارع پور and زارعپور agree)
    are found in one pass over the text, as one regex of them would find them.
    """
    lookup: dict[str, str] = {}
    ambiguous = set()
    forms = set()
    for key, p in persons.items():
        for words in p["forms"]:
            compact = "".join(words)
            if compact in lookup and lookup[compact] != key:
                ambiguous.add(compact)
            lookup[compact] = key
            forms.add(words)
    for compact in ambiguous:
        lookup.pop(compact, None)
    if not lookup or not _written_elsewhere(doc.norm, forms, claimed):
        return []
    out = []
    for proclitic, start, end in _matches(doc.norm, forms):
        written = doc.norm[start:end]
        compact = "".join(written.split())
        key = lookup.get(compact)
        if key is None:
            continue
        if proclitic and doc.language != "ar" and not compact.isascii():
            continue
        if any(start < y and x < end for x, y in claimed):
            continue
        s, e = doc.original(start, end)
        text = doc.text[s:e]
        if len(written.split()) == 1 and not _surname_ok(text, compact, doc.language, lex):
            continue
        if compact.isascii() and not text[:1].isupper():
            continue
        out.append((key, s, e))
    return out


def _matches(norm: str, forms) -> list[tuple[str | None, int, int]]:
    """(proclitic or None, start, end) of each name in ``norm`` matched by the regex of the
    ``forms`` (longest pattern first): by :mod:`name_matcher`, which needs no compiling."""
    ordered = sorted(forms, key=lambda words: len(_pattern(words)), reverse=True)
    if name_matcher.supported(ordered):
        return name_matcher.finditer(norm, ordered)
    pattern = re.compile(r"(?<![^\W\d_])([وفبل])?(" + "|".join(map(_pattern, ordered)) + r")(?![^\W\d_])")
    return [(m.group(1), m.start(2), m.end()) for m in pattern.finditer(norm)]


def _pattern(words: tuple[str, ...]) -> str:
    """The regex of one name form: its words, each :func:`_spaced`, joined by optional spaces."""
    return " ?".join(_spaced(w) for w in words)


def _written_elsewhere(norm: str, forms, claimed: list[tuple[int, int]]) -> bool:
    """False when no name form can be found outside the ``claimed`` spans of ``norm``, so the
    regex of the forms (costly to compile, one per document) need not be built.

    Every match of that regex is the form's letters with spaces at most between them: the
    form, written without spaces, occurs in ``norm`` without spaces. Spans are compared in
    that space-less text (a span starts and ends at a letter, so overlaps agree).
    """
    squeezed = norm.replace(" ", "")
    taken = [(x - norm.count(" ", 0, x), y - norm.count(" ", 0, y)) for x, y in claimed]
    for words in forms:
        compact = "".join(words)
        at = squeezed.find(compact)
        while at >= 0:
            end = at + len(compact)
            if not any(at < y and x < end for x, y in taken):
                return True
            at = squeezed.find(compact, at + 1)
    return False


@lru_cache(maxsize=8192)
def _spaced(word: str) -> str:
    """A regex for ``word`` that also matches it split by a space (ZWNJ) anywhere: زارع پور."""
    if word.isascii():
        return re.escape(word)
    return " ?".join(re.escape(c) for c in word)


def _surname_ok(text: str, key: str, doc_lang: str, lex: dict) -> bool:
    """A surname alone is a mention unless it is also a common word ("رئيسي" = main)."""
    if key.isascii():
        return text[:1].isupper()
    if key in lex["first"]:
        return False
    lang = doc_lang if doc_lang in ("ar", "fa") else "ar"
    return zipf(text, lang) < COMMON[lang][1] or key in lex["known_tokens"]
