"""Title phrases: title words with what qualifies them, and the role, organisation and
country they give the person they name.

A *title phrase* is a title word from ``data/reference/titles.csv`` ("وزير", "معاون وزیر",
"CEO") with what qualifies it ("الاتصالات وتكنولوجيا المعلومات الإيراني", "of TIC",
"Armenia's"). Title words are found in one Aho-Corasick pass over ``Document.norm``; only the
text around them is tokenised (:func:`windows`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from techdiplomacy import reference
from techdiplomacy.extract import organisations, roles
from techdiplomacy.extract.lexicon import (
    CONNECTORS,
    ENGLISH_NEEDS_OF,
    MODIFIERS,
    NEEDS_QUALIFIER,
    ORG_WORDS,
    PLACE_WORDS,
    POSSESSIVES,
    PREPOSITIONS,
    PUNCT,
    STATUS_WORDS,
    TOKEN,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    Token,
    clitic_forms,
    definite,
    word_sets,
)
from techdiplomacy.extract.names import foreign_name_start
from techdiplomacy.text.normalisation import normalise


@dataclass
class Title:
    first: int  # token range of the whole phrase, inclusive
    last: int
    head: int  # the first title word
    heads: list  # (title id, role) of each title word, in order
    complement: bool = False  # an indefinite head's noun: "رئيس اتحاد ...", "مدير مكتب ..."


@cache
def patterns() -> dict[str, int]:
    """Return {pattern: its length}: every title's first word with the Arabic proclitics it may
    carry (and ``ال`` fused into ``لل``)."""
    out: dict[str, int] = {}
    table, _ = _titles()
    for key in table:
        first = key[0]
        for clitic in organisations.PROCLITICS if not first.isascii() else ("",):
            out[clitic + first] = len(clitic + first)
        if first.startswith("ال") and len(first) > 4:
            out["ل" + first[1:]] = len(first)  # ل + ال -> لل
            out["ول" + first[1:]] = len(first) + 1
    return out


@cache
def _title_automaton():
    """An Aho-Corasick automaton of :func:`patterns`."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for key, length in patterns().items():
        auto.add_word(key, length)
    auto.make_automaton()
    return auto


def windows(norm: str, found: list[tuple[int, int]] | None = None) -> tuple[list[tuple[int, int]], frozenset[int]]:
    """Return the merged spans of ``norm`` around every title word, snapped to spaces, and the
    start of every title word. ``found``: the (last index, length) hits of :func:`patterns` in
    ``norm`` when already searched for (:mod:`techdiplomacy.extract.keywords`)."""
    spans: list[list[int]] = []
    starts = set()
    for end, length in _title_automaton().iter(norm) if found is None else found:
        start = end - length + 1
        if start > 0 and norm[start - 1].isalnum() or end + 1 < len(norm) and norm[end + 1].isalnum():
            continue
        starts.add(start)
        ws = max(0, start - WINDOW_BEFORE)
        we = min(len(norm), end + 1 + WINDOW_AFTER)
        if ws > 0:
            space = norm.find(" ", ws, start)
            ws = space + 1 if space >= 0 else start
        space = norm.rfind(" ", end + 1, we)
        we = space if space >= 0 and we < len(norm) else we
        if spans and ws <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], we)
        else:
            spans.append([ws, we])
    return [(a, b) for a, b in spans], frozenset(starts)


@cache
def _titles() -> tuple[dict[tuple[str, ...], tuple[str, str]], int]:
    table_frame = reference.load("titles")
    roles = dict(zip(table_frame["title"], table_frame["role"]))
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for record in reference.aliases("titles").to_dict("records"):
        key = tuple(TOKEN.findall(record["norm"]))
        if key and key not in table:
            table[key] = (record["id"], roles[record["id"]])
    for key, value in list(table.items()):
        # Persian written without its zero-width non-joiner fuses a compound title into one
        # word: رئیس‌جمهور -> "رئیسجمهور", رئیس‌جمهوری -> "رئیسجمهوری"
        if len(key) >= 2 and not key[0].isascii():
            table.setdefault((key[0] + key[1], *key[2:]), value)
        # English hyphenates compound titles: "Vice-President", "First Vice-President"
        for i in range(len(key) - 1) if key[0].isascii() else ():
            table.setdefault((*key[:i], key[i] + "-" + key[i + 1], *key[i + 2:]), value)
    return table, max(len(k) for k in table)


@cache
def _title_heads() -> dict[str, int]:
    """{first word of a title: most words of a title starting with it}."""
    heads: dict[str, int] = {}
    for key in _titles()[0]:
        heads[key[0]] = max(heads.get(key[0], 0), len(key))
    return heads


_NORM = attrgetter("norm")


def _match_title(tokens: list[Token], i: int, entity_at: set[int]) -> tuple[int, str, str] | None:
    """Return (tokens used, title id, role) of the longest title word(s) at token ``i``."""
    table, longest = _titles()
    title_heads = _title_heads()
    heads = [f for f in clitic_forms(tokens[i].norm) if f in title_heads]
    if not heads:
        return None
    longest = max(title_heads[h] for h in heads)
    words = tuple(map(_NORM, tokens[i + 1:i + min(longest, len(tokens) - i)]))
    for n in range(min(longest, len(tokens) - i), 0, -1):
        rest = words[:n - 1]
        for head in heads:
            hit = table.get((head, *rest))
            if hit is None:
                continue
            title_id, role = hit
            nxt = tokens[i + n] if i + n < len(tokens) else None
            if title_id in NEEDS_QUALIFIER and n == 1 and (i + 1 not in entity_at):
                if not (nxt and nxt.norm == "of"):
                    continue
            if head in ENGLISH_NEEDS_OF and n == 1 and not (tokens[i].upper or (nxt and nxt.norm == "of")):
                continue
            return n, title_id, role
    return None


def _listed(tokens: list[Token], j: int, lex: dict) -> bool:
    """True when qualifier ``j`` (after a comma) is one item of a list closed by "و" and another
    qualifier: "علمی، فناوری و اقتصاد" (not "وزير الاتصالات، ..." before a name)."""
    k = j + 1
    while k < len(tokens) and k <= j + 3 and tokens[k].norm in lex["qualifiers"]:
        k += 1
    return k + 1 < len(tokens) and tokens[k].norm in CONNECTORS and tokens[k].norm not in (",", "،") \
        and tokens[k + 1].norm in lex["qualifiers"]


def _qualifier_length(tokens: list[Token], j: int, entity_at: set[int], lex: dict) -> int:
    """Return how many tokens from ``j`` on still qualify the title before them (0: none)."""
    t = tokens[j]
    if j in entity_at:
        return 1
    if t.norm == "(" and j + 2 < len(tokens) and tokens[j + 2].norm == ")" and (
        j + 1 in entity_at or tokens[j + 1].text.isupper() or not tokens[j + 1].norm.isascii()
    ):
        return 3  # "Iran Space Agency (ISA)", "(إرنا)"
    if t.norm in (",", "،") and j + 1 < len(tokens) and tokens[j + 1].norm in lex["qualifiers"] \
            and (tokens[j + 1].norm.isascii() or _listed(tokens, j + 1, lex)):
        # "Minister of Transport, Communications and Information Technology",
        # "معاون علمی، فناوری و اقتصاد دانش‌بنیان رئیس‌جمهور"
        return 1
    if t.norm in STATUS_WORDS:
        return 1
    if t.norm in lex["not_names"]:
        return 0
    if j > 0 and tokens[j - 1].norm in PLACE_WORDS and t.norm[:1].isalpha() and not t.norm.isascii() \
            and t.norm not in lex["first"]:
        return 1  # "حاكم ولاية جورجيا": the name of the place the title's place word announces
    if t.norm in CONNECTORS or t.norm in PREPOSITIONS:
        if j + 1 < len(tokens) and tokens[j + 1].start - t.end <= 1 and tokens[j + 1].norm not in PUNCT:
            if t.norm in ("في", "در", "in", "at") and j + 1 not in entity_at:
                # "في محافظة خوزستان", "در استان تهران": a place word, then the place
                if not (tokens[j + 1].norm in PLACE_WORDS and j + 2 in entity_at):
                    return 0
                return 2
            after = j + 2 if tokens[j + 1].norm == "the" and j + 2 < len(tokens) else j + 1
            nxt = _qualifier_length(tokens, after, entity_at, lex) if tokens[after].norm not in CONNECTORS | PREPOSITIONS else 0
            if nxt or _match_title(tokens, j + 1, entity_at):
                return 1
        return 0
    forms = clitic_forms(t.norm)
    if any(f in lex["qualifiers"] for f in forms):
        return 1
    if not t.norm.isascii() and t.norm.startswith(("ال", "وال", "لل", "بال", "فال")) and len(t.norm) > 4:
        if t.norm not in lex["stop"] and t.norm not in lex["not_names"] and not foreign_name_start(tokens, j) \
                and t.norm not in lex["first"]:  # "إلهام" is written الهام once normalised
            return 1
    return 0


#: Heads whose indefinite form governs the noun after it: "رئيس اتحاد الصناعات", "مدير مكتب الإعلام".
GOVERNING_HEADS = frozenset("head director".split())

def _complement(tokens: list[Token], i: int, j: int, lex: dict) -> bool:
    """True when token ``j`` is the noun an indefinite Arabic head at ``i`` governs ("رئيس
    اتحاد", "مدير مكتب"): a common word, not a name, a function word or a number."""
    head, t = tokens[i].norm, tokens[j].norm
    if head.isascii() or t.isascii() or not t.isalpha() or len(t) < 3:
        return False
    if definite(head) or not any(
            f in _title_heads() and _titles()[0].get((f,), ("",))[0] in GOVERNING_HEADS for f in clitic_forms(head)):
        return False
    if t in lex["stop"] or t in lex["not_names"] or t in lex["first"] or t in lex["known_tokens"] \
            or t in lex["title_words"] or foreign_name_start(tokens, j):
        return False
    return True


def find_titles(tokens: list[Token], entity_at: set[int], starts: frozenset[int] | None = None) -> list[Title]:
    """Return every title phrase: title words and their qualifiers (left ones in English).

    ``starts``: where title words begin in ``norm`` (found in one pass); only there a phrase
    may begin.
    """
    lex = word_sets()
    out: list[Title] = []
    if starts is None:
        candidates = range(len(tokens))
    else:
        # tokens are in text order and start with their start: (start,) sorts just before them
        candidates = []
        for start in sorted(starts):
            c = bisect.bisect_left(tokens, (start,))
            while c < len(tokens) and tokens[c].start == start:
                candidates.append(c)
                c += 1
    i = 0
    for candidate in candidates:
        if candidate < i:
            continue  # inside the phrase of the title before
        i = candidate
        hit = _match_title(tokens, i, entity_at)
        if hit is None:
            continue
        n, title_id, role = hit
        heads = [(title_id, role)]
        complement = False
        last = i + n - 1
        j = last + 1
        while j < len(tokens) and tokens[j].start - tokens[j - 1].end <= 2 and (
                tokens[j].norm not in PUNCT or tokens[j].norm in ("(", ",", "،")):
            more = _match_title(tokens, j, entity_at)
            if more and tokens[j].norm[:1] in "بك" and tokens[j].norm[1:3] == "ال":
                break  # "... بالسفير الإيراني": another person, the object of the verb
            if more:
                heads.append((more[1], more[2]))
                last = j + more[0] - 1
                j = last + 1
                continue
            step = _qualifier_length(tokens, j, entity_at, lex)
            if step == 0 and j == i + 1 and n == 1 and _complement(tokens, i, j, lex):
                step, complement = 1, True
            if step == 0:
                break
            last = j + step - 1
            j = last + 1
        while last > i + n - 1 and (tokens[last].norm in CONNECTORS or tokens[last].norm in PREPOSITIONS):
            last -= 1
        first = i
        k = i - 1
        while k >= 0 and tokens[k].norm[:1].isascii() and tokens[k].norm not in PUNCT and (
            k in entity_at or tokens[k].norm in MODIFIERS or tokens[k].norm in lex["qualifiers"]
            or tokens[k].norm in POSSESSIVES
        ):
            if tokens[k].norm in MODIFIERS and heads[0][0] != "deputy" and tokens[k].norm != "former":
                if tokens[k].norm in ("deputy", "vice", "assistant"):
                    heads.insert(0, ("deputy", "official"))
            first = k
            k -= 1
        if title_id == "representative" and last == i + n - 1:
            continue  # "الممثل" alone is an actor; "ممثل زوكربيرغ" is no representative
        out.append(Title(first, last, i, heads, complement))
        i = last + 1
    return out


def describe(doc, tokens, title: Title, ctx: dict, official: str | None, known_country: dict) -> dict:
    """Return title, role, organisation and country of one titled mention."""
    qualifiers = word_sets()["qualifiers"]
    s, e = doc.original(tokens[title.first].start, tokens[title.last].end)
    phrase = range(title.first, title.last + 1)
    countries = [ctx["country"][k] for k in phrase if ctx["country"].get(k)]
    places = [ctx["place"][k] for k in phrase if ctx["place"].get(k)]
    orgs = [ctx["org"][k] for k in phrase if k in ctx["org"]]
    organisation, org_country = "", ""
    if orgs:
        _, org_country, os_, oe_ = orgs[0]
        organisation = doc.text[os_:oe_]
    else:
        for k in phrase:
            if any(f in ORG_WORDS for f in clitic_forms(tokens[k].norm)):
                if tokens[k].norm.isascii():
                    # English names the body before its word: "Trade Promotion Organization"
                    a = k
                    while a - 1 > title.first and tokens[a - 1].norm in qualifiers and tokens[a - 1].text[:1].isupper():
                        a -= 1
                    os_, oe_ = doc.original(tokens[a].start, tokens[k].end)
                else:
                    skip = len(tokens[k].norm) - len(next(f for f in clitic_forms(tokens[k].norm) if f in ORG_WORDS))
                    os_, oe_ = doc.original(tokens[k].start + skip, tokens[title.last].end)
                organisation = doc.text[os_:oe_]
                break
    ministry = any(f in roles.MINISTRY_WORDS for k in phrase for f in clitic_forms(tokens[k].norm))
    bare = title.first == title.last
    body = any(
        k not in ctx["country"] and any(f in qualifiers for f in clitic_forms(tokens[k].norm))
        and not any(f in roles.STATE_WORDS for f in clitic_forms(tokens[k].norm))
        for k in phrase
    )
    state = any(f in roles.STATE_WORDS for k in phrase for f in clitic_forms(tokens[k].norm))  # "رئيس البلاد"
    role = roles.role(title.heads, bool(organisation), bool(countries) or state, ministry, bare, body,
                 roles.head_form(tokens, title))
    country = countries[0] if countries else ""
    if not country and role != "ambassador" and places:
        country = places[0]
    if not country:
        # a long title names its state after the point where the phrase was cut ("وزیر توسعه
        # دیجیتال و حمل‌ونقل جمهوری آذربایجان", "Minister of Digital Development, Innovations,
        # and Aerospace Industry of Kazakhstan") or before its English qualifiers ("South
        # Korea's Science, ICT and Future Planning Minister")
        country = country_after(tokens, title, ctx) or country_before(tokens, title, ctx)
    if official and known_country.get(official):
        country = known_country[official]  # a person the reference knows serves one state
    country = country or org_country
    # the head of an international body ("الأمين العام لمنظمة أوبك") serves no state: no
    # state of the story is given to them
    international = bool(orgs) and not country and organisations.kind(orgs[0][0]) == "international"
    return {"title": doc.text[s:e], "role": role, "organisation": organisation, "country": country,
            "international": international}


#: Punctuation that ends the clause of a title.
_CLAUSE_END = frozenset(".;؛:!?؟()[]«»\"“”|\u00b6")

#: How many tokens after a title (or before an English one) may still belong to it.
_REACH = 12


def _title_word(tokens: list[Token], k: int, lex: dict) -> bool:
    """Whether token ``k`` can continue a title: a qualifier, a connector, "of", a title word,
    an Arabic definite adjective, or a capitalised English word."""
    t = tokens[k]
    norm = t.norm
    if norm in CONNECTORS or norm in ("of", "the", "،") or norm in roles.STATE_WORDS:
        return True
    forms = clitic_forms(norm)
    if any(f in lex["qualifiers"] or f in roles.MINISTRY_WORDS for f in forms):
        return True
    if _match_title(tokens, k, set()) and not (norm[:1] in "بك" and norm[1:3] == "ال"):
        return True
    if norm.isascii():
        return t.text[:1].isupper() and norm.isalpha()
    if norm.startswith(("ال", "وال")) and len(norm) > 4 and norm not in lex["stop"] and norm not in lex["not_names"]:
        return True
    # a ZWNJ-less Persian compound of two qualifiers: "حملونقل", "فناوریاطلاعات"
    return any(norm[:i] in lex["qualifiers"] and norm[i:].lstrip("و") in lex["qualifiers"] for i in range(2, len(norm) - 1))


def country_after(tokens: list[Token], title: Title, ctx: dict) -> str:
    """Return the country named right after the title phrase in its continuation (qualifiers,
    connectors and title words only, in one clause), or ""."""
    lex = word_sets()
    k = title.last + 1
    while k < len(tokens) and k <= title.last + _REACH and tokens[k].start - tokens[k - 1].end <= 2:
        if ctx["country"].get(k):
            return ctx["country"][k]
        if tokens[k].norm in _CLAUSE_END or not _title_word(tokens, k, lex):
            return ""
        k += 1
    return ""


def country_before(tokens: list[Token], title: Title, ctx: dict) -> str:
    """Return the country whose possessive opens a long English title ("South Korea's Science,
    ICT and Future Planning Minister"), or ""."""
    if not tokens[title.head].norm.isascii():
        return _coordinated_country(tokens, title, ctx)
    k = title.first - 1
    while k >= 0 and k >= title.first - _REACH and tokens[k + 1].start - tokens[k].end <= 2:
        t = tokens[k]
        if ctx["country"].get(k):
            return ctx["country"][k] if t.norm.endswith(("'s", "’s")) or k + 1 < len(tokens) and tokens[k + 1].norm in ("'s", "’s") else ""
        if t.norm in ("'s", "’s"):
            k -= 1
            continue
        if not (t.norm in CONNECTORS or t.norm.isascii() and t.text[:1].isupper() and t.norm.isalpha()):
            return ""
        k -= 1
    return ""


def _coordinated_country(tokens: list[Token], title: Title, ctx: dict) -> str:
    """Return the demonym's country of the title an Arabic or Persian title is coordinated
    with by «و» ("المسؤول الهولندي وعضو لجنة التحقيق": Dutch), or ""."""
    head = tokens[title.first].norm
    if head[:1] != "و" and not (title.first > 0 and tokens[title.first - 1].norm in ("و", "and")):
        return ""
    k = title.first - 1 if head[:1] == "و" else title.first - 2
    for j in range(k, max(k - 3, -1), -1):
        if tokens[j].norm in _CLAUSE_END or tokens[j].norm in PUNCT:
            return ""
        if ctx["country"].get(j):
            return ctx["country"][j]
    return ""
