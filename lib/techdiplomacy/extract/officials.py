"""Officials: every person the article names with a title, one row per mention.

A *title phrase* is a title word from ``data/reference/titles.csv`` ("وزير", "معاون وزیر",
"CEO") with what qualifies it ("الاتصالات وتكنولوجيا المعلومات الإيراني", "of TIC",
"Armenia's"). A name stands right after it ("وزير الاتصالات ستار هاشمي") or before it, with
or without the comma of apposition ("غريغور هاكوبيان، سفير أرمينيا", "عیسی زارع‌پور وزیر
ارتباطات", "Hashemi, the minister"). A name is told from a common word by its shape: a known
first name or official, a capitalised Latin word, or an Arabic-script word too rare to be a
common word (``wordfreq``). Later mentions by full name or surname alone resolve to the person.

Every row of one person carries the same official_id, name (the fullest written form), title
(the first one given), role, organisation and country.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache
from operator import attrgetter

from techdiplomacy.extract import keywords, lexicon, name_tagger, names, organisations, reported, surnames, titles
from techdiplomacy.settings import Settings
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise


def extract(doc: Document, mentions: Iterable[dict] | None = None, *, second_opinion: bool | None = None) -> list[dict]:
    """Return one officials row per mention of a titled person in ``doc``.

    ``mentions``: the document's country, place and organisation mention rows, when the caller
    has already found them (the pipeline does); found here otherwise. ``second_opinion``: let
    the name tagger (:mod:`name_tagger`) revise the names the rules found; None: the setting
    ``name_tagger``.
    """
    if not doc.norm.strip():
        return []
    windows, title_starts = titles.windows(doc.norm, keywords.hits(doc, "titles", titles.patterns))
    if not windows:
        return []
    lex = lexicon.word_sets()
    tokens = lexicon.tokens(doc, windows)
    if not tokens:
        return []
    ctx = _context(doc, tokens, mentions)
    entity_at = set(ctx["country"]) | set(ctx["place"]) | set(ctx["org"])
    phrases = titles.find_titles(tokens, entity_at, title_starts)
    if not phrases:
        return []
    blocked = set(entity_at)
    for t in phrases:
        blocked.update(range(t.first, t.last + 1))
    pairs = _pair_names(tokens, phrases, doc.language, blocked, reported.Lazy(doc))
    if (_tagger_on() if second_opinion is None else second_opinion) and name_tagger.available(doc.language):
        pairs = name_tagger.revise(tokens, pairs, phrases, doc.language, blocked)
    known_keys, known_country = lexicon.known_officials()
    persons: dict[str, dict] = {}
    mentions = []
    claimed = []
    for title, (a, b) in pairs:
        skip = names.clitic_skip(tokens[a], lex, doc.language)
        words = [tokens[k].norm for k in range(a, b + 1)]
        words[0] = words[0][skip:]
        cut = 2 if words[-1].endswith(("'s", "’s")) else 0  # "Hashemi's remarks"
        words[-1] = words[-1][:len(words[-1]) - cut]
        key_norm = surnames.name_key(words)
        official = known_keys.get(key_norm) or surnames.known_without_honorific(words, known_keys) \
            or surnames.known_folded().get(surnames.person_key(words)) \
            or (len(words) >= 2 and surnames.known_skeletons().get(surnames.skeleton(words))) \
            or _known_surname(words, title, [tokens[k].norm for k in range(title.first, title.last + 1)])
        if not official and not cut:
            # a known name and a word after it ("دونالد ترامب فرض"): the name ends where the
            # reference's does
            n = next((n for n in range(len(words) - 1, 1, -1) if surnames.name_key(words[:n]) in known_keys), 0)
            if n:
                b, words = a + n - 1, words[:n]
                key_norm = surnames.name_key(words)
                official = known_keys[key_norm]
        key = official or surnames.same_person(persons, key_norm) or "p:" + key_norm
        ns, ne = doc.original(tokens[a].start + skip, tokens[b].end - cut)
        person = persons.get(key)
        if person is None:
            person = persons[key] = titles.describe(doc, tokens, title, ctx, official, known_country)
            if official and title.heads[0][0] == "counterpart":
                # "نظيره الصيني شي جين بينغ": the counterpart of a president is a president
                person["role"] = lexicon.known_offices()[official][0] or person["role"]
            person.update(official_id=official or "p:" + surnames.person_key(words), keys=set(), forms=set(),
                          name="", name_words=0)
        if b - a + 1 > person["name_words"]:
            person["name"], person["name_words"] = doc.text[ns:ne], b - a + 1
        person["forms"].add(tuple(words))
        last_name = surnames.surname(tokens, a, b, skip)
        if last_name:
            person["forms"].add(last_name)
        person["keys"].add(key_norm)
        mentions.append((key, ns, ne))
        claimed.append((tokens[a].start + skip, tokens[b].end - cut))
    paired = {id(t) for t, _ in pairs}
    free = [t for t in phrases if id(t) not in paired]
    if free:
        mentions += _titled_elsewhere(doc, tokens, free, ctx, persons, claimed, known_country)
    mentions = _bare_first_names(persons, mentions, lex)
    if not persons:
        return []
    fallback = _context_country(ctx, doc.language, doc.norm, doc.outlet)
    for person in persons.values():
        person["country"] = person["country"] or ("" if person.pop("international", False) else fallback)
    mentions += surnames.later_mentions(doc, persons, claimed, lex)
    rows = []
    for key, s, e in sorted(set(mentions), key=lambda m: (m[1], m[2])):
        p = persons[key]
        rows.append({
            "article_id": doc.article_id,
            "official_id": p["official_id"],
            "name": _clean_name(p["name"]),
            "title": p["title"],
            "role": p["role"],
            "organisation": p["organisation"],
            "country": p["country"],
            **{k: v for k, v in doc.evidence(s, e).items() if k != "article_id"},
        })
    return rows


def _known_surname(words: list[str], title, title_words: list[str]) -> str | None:
    """The reference person a titled surname alone names ("الرئيس ترامب"), when the title is
    of that person's role or office ("النائب هاشمي" is not the minister Hashemi)."""
    official = lexicon.known_surnames().get(words[0]) if len(words) == 1 else None
    if not official:
        return None
    role, office = lexicon.known_offices()[official]
    if title.heads and title.heads[0][1] == role:
        return official
    bare = {w[2:] if w.startswith("ال") else w for w in title_words}
    return official if any(o in bare or o in " ".join(title_words) for o in office if len(o) > 2) else None


@cache
def _tagger_on() -> bool:
    return Settings().name_tagger


def _bare_first_names(persons: dict, mentions: list, lex: dict) -> list:
    """A person named by a bare first name ("الرئيس بشار") is the person of that first name and
    a surname elsewhere in the article, or no official at all (``persons`` is updated)."""
    for key in [k for k, p in persons.items() if k.startswith("p:") and p["name_words"] == 1]:
        forms = persons[key]["forms"]
        first = next(iter(forms))[0] if len(forms) == 1 else None
        if first is None or first not in lex["first"]:
            continue
        fuller = [k for k, p in persons.items() if k != key and p["name_words"] >= 2
                  and any(len(f) >= 2 and f[0] == first for f in p["forms"])]
        del persons[key]
        if len(fuller) == 1:
            mentions = [(fuller[0], s, e) if k == key else (k, s, e) for k, s, e in mentions]
        else:
            mentions = [m for m in mentions if m[0] != key]
    return mentions


def _clean_name(name: str) -> str:
    """A name as a reader writes it: a hashtag's "#" and "_" ("#مارك_زوكربيرغ") are no part of it."""
    if "#" in name or "_" in name:
        name = " ".join(name.replace("#", " ").replace("_", " ").split())
    return name


def _titled_elsewhere(doc, tokens, free, ctx, persons, claimed, known_country) -> list:
    """Add the people the reference knows whom the story names without a title beside the name
    but titles elsewhere: "وزیر ارتباطات ... در دیدار با سفیر ارمنستان" and later "سید ستار
    هاشمی در دیدار با ...". A person is matched to a title no name took, of the person's role
    and of no other state; returns the mentions [(key, start, end)] of the people added."""
    found = [m for m in surnames.known_mentions(doc) if m[0] not in persons
             and not any(m[1] < y and x < m[2] for x, y in claimed)]
    if not found:
        return []
    offices = lexicon.known_offices()
    described = [titles.describe(doc, tokens, t, ctx, None, known_country) for t in free]
    spaced = [" ".join(doc.norm[tokens[t.first].start:tokens[t.last].end].split()) for t in free]
    out = []
    for official, s, e in found:
        if official not in persons:
            role, words = offices.get(official, ("", ()))
            title = next((d for d, text in zip(described, spaced) if d["role"] == role
                          and d["country"] in ("", known_country.get(official))
                          and (not words or any(w in text for w in words))), None)
            if title is None:
                continue
            persons[official] = dict(title, country=known_country.get(official) or title["country"],
                                     official_id=official, keys={official}, forms=set(), name="", name_words=0)
        person = persons[official]
        os_, oe = doc.original(s, e)
        words = doc.norm[s:e].split()
        if len(words) > person["name_words"]:
            person["name"], person["name_words"] = doc.text[os_:oe], len(words)
        person["forms"].add(tuple(words))
        claimed.append((s, e))
        out.append((official, os_, oe))
    return out


def _pair_names(tokens: list[lexicon.Token], phrases: list[titles.Title], doc_lang: str, blocked: set[int],
                said=frozenset()) -> list:
    """Return [(title, (first, last))]: each title with at most one name, each name once
    (``said``: the words the story puts beside a verb of saying, see :mod:`reported`)."""
    lex = lexicon.word_sets()
    candidates = []
    commas = {"،", ","}
    for order, t in enumerate(phrases):
        nxt = t.last + 1
        # forward, right after the title: "وزير الاتصالات ستار هاشمي", "Minister Isa Zarepour";
        # not after a bare "شركة"/"company": the next word names the company
        last = tokens[t.last].norm
        # ("مدير عام شركة فسفاط قفصة", "لشركة سهيل سات", "مدير منظمة «سيتزن لاب»": the body's name);
        # nor after "زوجة الرئيس": the name is the spouse's
        ends_with_body = not last.isascii() and not lexicon.definite(last) \
            and any(f in lexicon.ORG_WORDS for f in lexicon.clitic_forms(last)) \
            or last in lexicon.ORG_WORDS and (t.last - 1 <= t.head or tokens[t.last - 1].norm in lexicon.PREPOSITIONS)
        ends_with_body = ends_with_body or t.first > 0 and any(
            f in SPOUSES for f in lexicon.clitic_forms(tokens[t.first - 1].norm))
        # an indefinite Arabic head alone governs the name after it: "مستشار ترامب" is Trump's
        # adviser, "نائب الوزير" his deputy; the holder is named elsewhere
        head = tokens[t.head].norm
        ends_with_body = ends_with_body or doc_lang == "ar" and t.first == t.last == t.head \
            and not head.isascii() and not lexicon.definite(head) \
            and not head.endswith(("ه", "ها", "هم", "هما"))  # "ونظيره محمود فايزي": his counterpart
        span = None if ends_with_body else names.name_forward(tokens, nxt, doc_lang, lex, blocked, said)
        if span and names.gap_ok(tokens, t.last, nxt):
            candidates.append((4, order, t, span))
        # backward with the comma of apposition: "غريغور هاكوبيان، سفير", "Hakobyan, the envoy"
        b = t.first - 1
        if b >= 0 and tokens[b].norm in ("the", "his", "her", "its", "a", "an"):
            b -= 1
        if b >= 1 and tokens[b].norm in commas:
            span = names.name_backward(tokens, b - 1, doc_lang, lex, blocked, said)
            if span:
                candidates.append((3, order, t, span))
        # backward without a comma (Persian style): "عیسی زارع‌پور وزیر ارتباطات"
        if t.first >= 1 and not tokens[t.first].norm.isascii() and names.gap_ok(tokens, t.first - 1, t.first):
            span = names.name_backward(tokens, t.first - 1, doc_lang, lex, blocked, said)
            if span and (doc_lang != "ar" or any(
                    names.name_strength(tokens[k], doc_lang, lex, start=True) == 2 for k in range(span[0], span[1] + 1))):
                candidates.append((2, order, t, span))
        # forward after a comma: "وزير الاتصالات الإيراني، ستار هاشمي،": a sure name, or
        # a name of two words or more closed by a comma
        if nxt < len(tokens) and tokens[nxt].norm in commas:
            span = names.name_forward(tokens, nxt + 1, doc_lang, lex, blocked, said)
            if span and span[1] > span[0] and (
                    any(names.name_strength(tokens[k], doc_lang, lex, start=True) == 2 for k in range(span[0], span[1] + 1))
                    or span[1] + 1 < len(tokens) and tokens[span[1] + 1].norm in commas):
                candidates.append((1, order, t, span))
        # a name in quotation marks beside the title: "«کاظم جلالی» سفیر", "'حسن کاظم الراشد'
        # همتای عراقی خود", "«محمت جاهد توران»، وزیر", "وزير الاتصالات «ستار هاشمي»"
        close = t.first - 1
        if close >= 1 and tokens[close].norm in commas:
            close -= 1
        span = _quoted_before(tokens, close, lex, blocked, doc_lang)
        if span:
            candidates.append((4, order, t, span))
        opening = nxt + 1 if nxt < len(tokens) and tokens[nxt].norm in commas else nxt
        span = None if ends_with_body else _quoted_after(tokens, opening, lex, blocked, doc_lang)
        if span:
            candidates.append((4, order, t, span))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    used_titles, taken, out = set(), [], []
    for _, order, t, (a, b) in candidates:
        if order in used_titles or any(not (b < x or a > y) for x, y in taken):
            continue
        used_titles.add(order)
        taken.append((a, b))
        out.append((t, (a, b)))
    out.sort(key=lambda x: x[1][0])
    return out


#: Words for a spouse before a title: "زوجة الرئيس الفرنسي بريجيت ماكرون" names the spouse.
SPOUSES = frozenset(normalise(w) for w in "زوجة عقيلة قرينة همسر".split())


#: Quotation marks that open and close a quoted name.
OPEN_QUOTES = frozenset("«\"“'‘")
CLOSE_QUOTES = frozenset("»\"”'’")


def _quoted_before(tokens, close: int, lex: dict, blocked: set[int], doc_lang: str) -> tuple[int, int] | None:
    """The name of two to four words between quotation marks that close at token ``close``."""
    if close < 3 or tokens[close].norm not in CLOSE_QUOTES:
        return None
    opening = close - 1
    while opening >= 0 and close - opening <= 5 and tokens[opening].norm not in OPEN_QUOTES:
        opening -= 1
    if opening < 0 or tokens[opening].norm not in OPEN_QUOTES:
        return None
    return _quoted_name(tokens, opening + 1, close - 1, lex, blocked, doc_lang)


def _quoted_after(tokens, opening: int, lex: dict, blocked: set[int], doc_lang: str) -> tuple[int, int] | None:
    """The name of two to four words between quotation marks that open at token ``opening``."""
    if opening >= len(tokens) or tokens[opening].norm not in OPEN_QUOTES:
        return None
    close = opening + 1
    while close < len(tokens) and close - opening <= 5 and tokens[close].norm not in CLOSE_QUOTES:
        close += 1
    if close >= len(tokens) or tokens[close].norm not in CLOSE_QUOTES:
        return None
    return _quoted_name(tokens, opening + 1, close - 1, lex, blocked, doc_lang)


def _quoted_name(tokens, a: int, b: int, lex: dict, blocked: set[int], doc_lang: str) -> tuple[int, int] | None:
    """Tokens a..b as a quoted name: two to four words that may be part of a name (no title,
    place or common qualifier), one of them shaped as a name word."""
    a = names.skip_honorifics(tokens, a, lex)
    # inside the marks a short common word may be a name's ("'شهزاد كل آريوبي'": Gul)
    if not 1 <= b - a <= 3 or any(k in blocked or not (
            names.is_word(tokens[k], lex) or a < k < b and tokens[k].norm.isalpha()
            and tokens[k].norm not in lex["qualifiers"]) for k in range(a, b + 1)):
        return None
    if not any(names.name_strength(tokens[k], doc_lang, lex, start=k == a) for k in range(a, b + 1)):
        return None
    return a, b


def _context(doc: Document, tokens: list[lexicon.Token], mentions: Iterable[dict] | None = None) -> dict:
    """Return {token index: ISO3} of country and place mentions, {token index: (organisation,
    its country, start, end)} and the count of each country in ``doc``.

    ``mentions`` are the document's mentions rows when the caller has them (places and
    organisations); else they are found here.
    """
    if mentions is None:
        from techdiplomacy.extract import places

        mentions = places.rows(doc) + organisations.rows(doc)
    out = {"country": {}, "place": {}, "org": {}, "counts": {}}
    original_spans = _original_starts(doc, tokens)
    for m in mentions:
        kind = m.get("kind")
        if kind not in ("country", "place", "organisation"):
            continue
        if kind != "organisation" and m.get("country"):
            out["counts"][m["country"]] = out["counts"].get(m["country"], 0) + 1
        ks = _tokens_in(original_spans, m["start"], m["end"])
        for k in ks:
            if kind == "organisation":
                out["org"][k] = (m["key"], m.get("country") or "", m["start"], m["end"])
            else:
                out[kind][k] = m.get("country") or ""
    return out


def _original_starts(doc, tokens) -> tuple[list[int], list[int]]:
    """Return the original (starts, ends) of ``tokens``."""
    return list(map(attrgetter("ostart"), tokens)), list(map(attrgetter("oend"), tokens))


def _tokens_in(spans: tuple[list[int], list[int]], start: int, end: int) -> list[int]:
    """Token indices whose original span overlaps [start, end) (a mention may end mid-token)."""
    starts, ends = spans
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    out = []
    while i < len(starts) and starts[i] < end:
        if ends[i] > start:
            out.append(i)
        i += 1
    return out


#: Words of Dari, Afghanistan's Persian, that Iranian Persian does not use: a Dari story's
#: untitled "the minister" is Afghanistan's.
DARI_WORDS = frozenset(normalise(w) for w in ["تکنالوژی", "تکنالوجی", "معلوماتی", "منطقوی", "ولسوالی", "ولسوال", "پوهنتون", "پوهنځی", "شاروالی", "جلالتمآب", "دالر", "ښاغلی"])


def _context_country(ctx: dict, language: str = "", norm: str = "", outlet: str = "") -> str:
    """Return the state an official with no country in the title most likely serves: the home
    state of a national outlet when the article names it or names no state (a Tunisian radio's
    "وزير التجارة" is Tunisia's: the press gives the demonym to foreigners only); else Iran when
    the article speaks of Iran (an Iranian outlet's "the minister") or is Persian news with no
    country named (Afghanistan when it is Dari news that names Afghanistan), else its most
    named country (Iran when named at least half as often)."""
    counts = ctx["counts"]
    if outlet and (outlet in counts or not counts):
        return outlet
    if language == "fa":
        if "AFG" in counts and len(DARI_WORDS.intersection(norm.split())) >= 2:
            return "AFG"
        return "IRN"  # Persian news is Iranian news: its untitled "the minister" is Iran's
    if not counts:
        return ""
    top = max(sorted(counts), key=counts.get)
    if counts.get("IRN", 0) * 2 >= counts[top]:
        return "IRN"  # news about Iran; not an Arab story that names Iran in passing
    return top
