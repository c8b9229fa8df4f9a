"""Names: telling a name from the words around it, and where a name begins and ends.

A name is told from a common word by its shape: a known first name or official, a capitalised
Latin word, or an Arabic-script word too rare to be a common word (``wordfreq``).
"""

from __future__ import annotations

from functools import lru_cache

from techdiplomacy.extract.lexicon import COMMON, COMPOUND_ENDS, PUNCT, SUFFIXES, Token, clitic_forms, word_sets, zipf
from techdiplomacy.text.normalisation import normalise


def _lang(token: Token, doc_lang: str) -> str:
    if token.norm.isascii():
        return "en"
    return doc_lang if doc_lang in ("ar", "fa") else "ar"


#: Words that fold into a name only in matching form (على -> علي "Ali", إلى -> الي).
RAW_NOT_NAMES = frozenset("على إلى الى حتى متى لدى سوى".split())


def is_word(token: Token, lex: dict) -> bool:
    """True for a token that may be part of a name at all."""
    n = token.norm
    if not n[:1].isalpha() or n in PUNCT or token.text in RAW_NOT_NAMES:
        return False
    if token.text[:1] in "وف" and token.text[1:] in RAW_NOT_NAMES:
        return False  # "وعلى"
    if token.accusative:
        return False  # "وفداً", "رسمياً": an indefinite accusative, never part of a name
    if n in lex["stop"] or n in lex["not_names"] or n in lex["honorifics"] or n in lex["qualifiers"]:
        return n in lex["first"] or n in lex["known_tokens"] or n in lex["particles"]
    if n in lex["title_words"] and n not in lex["first"] and n not in lex["known_tokens"] \
            and n not in lex.get("first_common", ()):
        return False  # "Sultan", "أمير" may also be a first name ("Omar Sultan Al Olama")
    return True


def name_strength(token: Token, doc_lang: str, lex: dict, *, start: bool, boost: bool = False) -> int:
    """Return 2 for a sure name word (known first name or official), 1 for a likely one, 0 not.

    ``boost``: the word follows a sure first name, so a commoner word may still be a surname.
    The answer depends on the token's words and flags only, so with the shared word lists it
    is remembered per word (the same words stand beside titles article after article).
    """
    if token.accusative:
        return 0
    if lex is not word_sets():
        return _name_strength(token, doc_lang, lex, start, bool(boost))
    return _known_strength(token.norm, token.text, token.upper, token.joined, doc_lang, start, bool(boost))


@lru_cache(maxsize=65536)
def _known_strength(n: str, text: str, upper: bool, joined: bool, doc_lang: str, start: bool, boost: bool) -> int:
    return _name_strength(Token(0, 0, n, text, upper, joined), doc_lang, word_sets(), start, boost)


def _name_strength(token: Token, doc_lang: str, lex: dict, start: bool, boost: bool) -> int:
    n = token.norm
    if not is_word(token, lex):
        return 0
    if not start and n in lex["particles"]:
        return 1
    if n in lex["first"] or n in lex["known_tokens"]:
        if n.isascii() and not token.upper:
            return 0
        return 2
    if n in lex.get("first_common", ()):
        return 0 if n.isascii() and not token.upper else 1  # "علي صالح آبادي": a name word, not a sure one
    if n.startswith("عبد") and len(n) > 5 and not token.joined:
        return 2  # عبدالناصر، عبدالرحمن: a compound first name
    if doc_lang == "ar" and n[:1] in "وف" and (n[1:] in lex["first"] or n[1:] in lex["known_tokens"]):
        return 2  # "وميثم": a name after the conjunction
    lang = _lang(token, doc_lang)
    if lang == "en":
        if not token.upper:
            return 0
        frequency = zipf(n, "en")
        if n.endswith("s") and frequency >= 3.5:
            return 0  # a headline's verb: "Minister Meets Envoy", "Says"
        return 1 if frequency < COMMON["en"][0 if start else 1] else 0
    forms = clitic_forms(n)
    if any(f in lex["qualifiers"] or f in lex["title_words"] for f in forms[1:]):
        return 0
    if lang == "ar" and len(token.text) == len(n):
        # "بالقول", "للمنطقة", "فهدد": a proclitic on a common word is no name
        for f in forms[1:]:
            if len(f) >= 3 and zipf(token.text[len(n) - len(f):], "ar") >= 3.8:
                return 0
        if _looks_like_verb_or_plural(n, token.text, start):
            return 0
    if lang == "ar" and n.startswith("ال"):
        # the article starts words, not names, unless the word is unknown (اليكسي, الكسندر);
        # a name may end in a nisba surname: الياسري، المعمري
        frequency = zipf(token.text, lang)
        if frequency >= (1.5 if start else 4.5 if boost else 3.6 if n.endswith("ي") else 2.5):
            return 0
    limit = COMMON[lang][0 if start else 1] + (0.4 if boost else 0.0)
    return 1 if zipf(token.text, lang) < limit else 0


def _looks_like_verb_or_plural(n: str, text: str, start: bool = False) -> bool:
    """Arabic words beside a name that are none: a future verb ("سيلتقيان"), a common
    feminine plural ("محادثات", "توضيحات"), a word after the conjunction و ("وتضامنها")."""
    if not start and len(n) >= 6 and n[0] == "س" and n[1] in "يتن":
        return True
    if not start and n[0] == "و" and len(n) > 4:
        return True
    return n.endswith("ات") and zipf(text, "ar") >= (3.0 if start else 3.5)


#: Persian light verbs: the word before one is half of a compound verb ("خاطرنشان کرد").
LIGHT_VERBS = frozenset(normalise(w) for w in (
    "کرد کرده کردند کند کنند نمود نمودند داشت داشتند دارد دارند شود گردید"
).split())


def _rare(token: Token, doc_lang: str, limit: float = 3.0) -> bool:
    return token.norm.isascii() or zipf(token.text, _lang(token, doc_lang)) < limit


def _words(tokens: list[Token], a: int, b: int, lex: dict) -> int:
    """Number of words in tokens a..b that are not particles (bin, Al, عبد) or ZWNJ halves."""
    return sum(1 for k in range(a, b + 1) if tokens[k].norm not in lex["particles"] and not tokens[k].joined)


def foreign_name_start(tokens: list[Token], j: int) -> bool:
    """True for an uncommon word with "ال" that begins a name of unknown words ("أليكسي
    أوفرتشوك"), not a qualifier of the title before it."""
    if j + 1 >= len(tokens) or zipf(tokens[j].text, "ar") >= 3.6:
        return False
    nxt = tokens[j + 1]
    return nxt.norm[:1].isalpha() and not nxt.norm.isascii() and zipf(nxt.text, "ar") < 2.0 \
        and not nxt.norm.startswith("ال")


def _start_strength(tokens: list[Token], p: int, doc_lang: str, lex: dict) -> int:
    """Strength of token ``p`` as a name's first word; "نظام" counts before "الدين"."""
    s = name_strength(tokens[p], doc_lang, lex, start=True)
    glued = len(tokens[p].norm) >= 4 and tokens[p].norm[:1] in "لبك" and zipf(tokens[p].text[1:], "ar") >= 3.8  # "لحزب الله"
    if s == 0 and p + 1 < len(tokens) and is_word(tokens[p], lex) and not glued and (
        tokens[p + 1].norm in ("الدين", "الله", "الرحمن", "الرحيم", "بن", "ابن", "bin", "ibn") or tokens[p + 1].norm.startswith("عبد")
    ):
        return 1  # "نظام الدين", "بدر بن حمد", "نصير عبد المحسن"
    if s == 0 and doc_lang == "ar" and tokens[p].norm.startswith("ال") and foreign_name_start(tokens, p):
        return 1  # "أليكسي أوفرتشوك"
    return s


def _closes_name(tokens: list[Token], k: int) -> bool:
    """True when token ``k`` ends an apposition: punctuation or the end of the text."""
    return k >= len(tokens) or tokens[k].norm in ("،", ",", ".", ":", "؛", "(", ")", "\u00b6")


def gap_ok(tokens: list[Token], a: int, b: int) -> bool:
    """True when tokens a and b (a < b, adjacent) are separated by spaces only."""
    return tokens[b].start - tokens[a].end <= 2 and tokens[b].norm not in PUNCT


def skip_honorifics(tokens: list[Token], p: int, lex: dict) -> int:
    while p < len(tokens) and (tokens[p].norm in lex["honorifics"] or
                               any(f in lex["honorifics"] for f in clitic_forms(tokens[p].norm)[1:2])):
        p += 1
        if p < len(tokens) and tokens[p].norm == ".":
            p += 1
    return p


def name_forward(tokens, p, doc_lang, lex, blocked, reported=frozenset()) -> tuple[int, int] | None:
    """Return the token range of a name starting at ``p`` (after honorifics), or None.

    ``reported``: the words the story puts alone beside a verb of saying
    (:func:`techdiplomacy.extract.reported.words`): after a sure first name, one of them ends
    the name even when it is a common word ("محمد شياع السوداني ... وقال السوداني").
    """
    p = skip_honorifics(tokens, p, lex)
    if p >= len(tokens) or p in blocked:
        return None
    s = _start_strength(tokens, p, doc_lang, lex)
    if s == 0:
        return None
    last = p
    strengths = [s]
    while last + 1 < len(tokens) and _words(tokens, p, last, lex) < 4 and gap_ok(tokens, last, last + 1) \
            and last + 1 not in blocked:
        nxt = tokens[last + 1]
        if nxt.norm[:1].isascii() != tokens[p].norm[:1].isascii():
            break  # "لي هسين لونج Lee": a name keeps to one script
        if doc_lang == "ar" and not nxt.norm.isascii() and nxt.norm not in lex["first"] \
                and nxt.norm not in lex["known_tokens"] and verb_word(nxt.norm):
            break  # "الوزير بلانكير لمح": the verb after the name
        after_particle = tokens[last].norm in ("عبد", "ابو", "بن", "ابن", "ال")
        c = name_strength(nxt, doc_lang, lex, start=False, boost=strengths[-1] == 2 or after_particle)
        if c == 0 and strengths == [2] and _closes_name(tokens, last + 2) and is_word(nxt, lex) \
                and not nxt.norm.isascii() and zipf(nxt.text, _lang(nxt, doc_lang)) < 5.3:
            c = 1  # "رئيس الحكومة يوسف الشاهد،": a common word as the surname before a comma
        if c == 0 and strengths == [2] and nxt.norm.startswith("ال") and is_word(nxt, lex) \
                and zipf(nxt.text, _lang(nxt, doc_lang)) < 5.0 and not _time_word(nxt.norm) \
                and (_ends_after(tokens, last + 2, lex)
                     or not name_strength(tokens[last + 2], doc_lang, lex, start=False)):
            c = 1  # "الرئيس السوري بشار الأسد في ...": a family name with the article after a first name
        if after_particle and c == 0 and is_word(nxt, lex):
            c = 1  # "عبد العزيز"
        if c == 1 and not after_particle and _words(tokens, p, last, lex) >= 2 and not _third_word(nxt, doc_lang, lex):
            c = 0  # "دونالد ترامب انسحاب": two words make a name; a third must look like one
        if c == 0 and strengths[0] == 2 and _reported_surname(nxt, reported, lex):
            last += 1
            strengths.append(1)
            break
        if c == 0 and not (nxt.joined and is_word(nxt, lex)):
            break
        if last + 2 < len(tokens) and tokens[last + 2].norm in LIGHT_VERBS and not nxt.norm.isascii():
            break
        last += 1
        strengths.append(c)
    while last > p and tokens[last].norm in lex["particles"] and tokens[last].norm not in SUFFIXES \
            and tokens[last].norm not in COMPOUND_ENDS:
        last -= 1
        strengths.pop()
    return (p, last) if _enough(tokens, p, last, strengths, doc_lang) else None


def _time_word(n: str) -> bool:
    from techdiplomacy.extract.measures import time_word
    from techdiplomacy.extract.units import word_sets as figure_words

    return time_word(n, figure_words())


def _ends_after(tokens: list[Token], k: int, lex: dict) -> bool:
    """True when token ``k`` cannot continue a name: punctuation, the end, a function word or
    a common verb."""
    if _closes_name(tokens, k):
        return True
    n = tokens[k].norm
    from techdiplomacy.extract.units import arabic_verbs

    return n in lex["stop"] or tokens[k].text in RAW_NOT_NAMES or n in arabic_verbs()[0]


def verb_word(n: str) -> bool:
    """True for a common Arabic verb of ``data/reference/verbs.csv``, also with a conjunction
    before it or an object pronoun after it ("أكدها", "وأعلنه")."""
    from techdiplomacy.extract.units import arabic_verbs

    verbs = arabic_verbs()[0]
    for w in (n, n[1:] if n[:1] in "وف" and len(n) > 3 else ""):
        if w and (w in verbs or any(w.endswith(e) and len(w) - len(e) >= 3 and w[:-len(e)] in verbs
                                    for e in ("ها", "هم", "ه"))):
            return True
    return False


def _reported_surname(token: Token, reported: frozenset[str], lex: dict) -> bool:
    """True for an Arabic-script word the story also puts alone beside a verb of saying, shaped
    as a surname (no accusative, stop word or preposition)."""
    n = token.norm
    return not n.isascii() and len(n) >= 3 and not token.accusative \
        and n not in lex["stop"] and n not in lex["honorifics"] and token.text not in RAW_NOT_NAMES \
        and not (n.endswith("ا") and len(n) > 3) and n in reported  # not an accusative shape: "قائلا"


def _third_word(token: Token, doc_lang: str, lex: dict) -> bool:
    """True when an Arabic-script word after a name of two words still reads as part of it: a
    rare word ("قرباني"), a nisba ("العبيدي"), a particle, a first name, a famous surname;
    not a common word shaped as a verb, verbal noun, plural or accusative."""
    n = token.norm
    if n.isascii() or token.joined or n in lex["particles"] or n in lex.get("first_common", ()):
        return True  # "محمد حسن حبيب الله زاده": a father's name
    frequency = zipf(token.text, _lang(token, doc_lang))
    if frequency < 3.3:
        return True
    if n.startswith("ال"):
        return frequency < (3.6 if n.endswith("ي") else 3.5)  # a nisba or a family name ("الزامل"), not "المنتهية"
    # a common word shaped as a verb ("يحظى", "تخوض", "وعد"), a verbal noun ("انسحاب",
    # "استقبال"), a plural or dual ("ثقافيين") or an accusative ("مرسوما"); a famous surname
    # ("أردوغان", "بينغ") is common but has none of these shapes
    return not (n[:1] in "يتنو" or n.startswith(("ان", "است")) or n.endswith(("ين", "ون", "ات"))
                or doc_lang == "ar" and n.endswith("ا") and len(n) > 3)


def name_backward(tokens, e, doc_lang, lex, blocked, reported=frozenset()) -> tuple[int, int] | None:
    """Return the token range of a name ending at ``e``, or None (``reported``: see
    :func:`name_forward`)."""
    if e < 0 or e in blocked:
        return None
    if e + 1 < len(tokens) and tokens[e + 1].norm in LIGHT_VERBS and not tokens[e].norm.isascii():
        return None
    # "إياد الخطيب، وزير ..." with "وقال الخطيب" later: a common word the story says alone
    # is the surname after a sure first name (asked only of a word that is no name otherwise)
    weak = name_strength(tokens[e], doc_lang, lex, start=False) == 0
    surname = weak and e > 0 and e - 1 not in blocked and gap_ok(tokens, e - 1, e) \
        and name_strength(tokens[e - 1], doc_lang, lex, start=True) == 2 \
        and _reported_surname(tokens[e], reported, lex)
    if weak and not surname:
        if not (tokens[e].joined and e > 0 and is_word(tokens[e], lex)
                and name_strength(tokens[e - 1], doc_lang, lex, start=False)):
            return None
    first = e
    while first - 1 >= 0 and _words(tokens, first, e, lex) < 4 and gap_ok(tokens, first - 1, first) \
            and first - 1 not in blocked:
        if name_strength(tokens[first - 1], doc_lang, lex, start=False) == 0 and not tokens[first].joined:
            break
        first -= 1
    # a verb with its conjunction before a sure first name is no part of the name ("وابرز محمد
    # الشابي"); else the name starts at its leftmost word that can start a name
    if doc_lang == "ar" and first < e and tokens[first].norm.startswith("و") \
            and name_strength(tokens[first + 1], doc_lang, lex, start=True) == 2 \
            and tokens[first].norm not in lex["first"] and tokens[first].norm[1:] not in lex["first"]:
        first += 1
    if doc_lang == "ar":
        for k in range(e - 1, first - 1, -1):
            if verb_word(tokens[k].norm) and tokens[k].norm not in lex["first"]:
                first = k + 1  # "مفارقة أكدها رون ديبرت، مدير": the verb before its subject
                break
    for p in range(first, e + 1):
        s = _start_strength(tokens, p, doc_lang, lex)
        if s:
            strengths = [s] + [name_strength(tokens[k], doc_lang, lex, start=False) or int(tokens[k].joined)
                               or int(surname and k == e) for k in range(p + 1, e + 1)]
            if _enough(tokens, p, e, strengths, doc_lang):
                return p, e
            return None
    return None


def _enough(tokens, p, last, strengths, doc_lang: str = "") -> bool:
    """A name needs a sure word; or two likely words, rare ones in Arabic script; or one
    capitalised Latin word; never a particle alone ("الله" of "صنع الله", "عبد")."""
    if p == last and tokens[p].norm in word_sets()["particles"]:
        return False
    if 2 in strengths:
        return True
    if tokens[p].norm.isascii():
        return tokens[p].upper
    if len(strengths) >= 2:
        # Persian writes many common words unvowelled next to titles: ask for rarer words
        return doc_lang != "fa" or all(_rare(tokens[k], doc_lang, 3.6) or tokens[k].joined for k in range(p, last + 1))
    return False


def clitic_skip(token: Token, lex: dict, doc_lang: str = "ar") -> int:
    """Characters of an Arabic و/ف glued to a name's first word ("وميثم" -> 1)."""
    n = token.norm
    if doc_lang == "ar" and not n.isascii() and n[:1] in "وف" and len(n) > 3 and n not in lex["first"] and n not in lex["known_tokens"]:
        if n[1:] in lex["first"] or n[1:] in lex["known_tokens"]:
            return 1
        if n[0] == "و" and n[1:2] != "و":  # و is a conjunction far more often than a name's first letter
            return 1
    return 0
