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
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from techdiplomacy import reference
from techdiplomacy.document import Document
from techdiplomacy.extract import organisations
from techdiplomacy.text import normalise, strip_marks

# --- language data ----------------------------------------------------------------------------

#: First names common in the news this tool reads (Iranian, Arab, Armenian, Turkic, Russian...),
#: in every script they are written in. A name may start with one of them.
FIRST_NAMES = """
محمد محمّد محمدجواد محمدرضا محمدعلي محمدمهدي محمدحسين محمدباقر محمدحسن احمد محمود مصطفى مصطفي علي
عليرضا حسن حسين حسین رضا مهدي مهدی جواد عباس عبد عبدالله عبدالرحمن عبدالعزيز عبدالقادر عيسى عیسی
ستار بهزاد ميثم میثم مجيد مجید سعيد سعید وحيد وحید ابراهيم ابراهیم إبراهيم اسماعيل یوسف يوسف داود داوود
موسى موسی هادي هادی مرتضى مرتضی مجتبى مجتبی امير امیر اميرحسين امیرحسین كاظم کاظم قاسم صادق
جعفر باقر حميد حمید حميدرضا حمیدرضا فرهاد فرزاد بهروز بهمن بيژن بیژن كامران کامران كيوان کیوان
مسعود منصور ناصر نادر نصرالله روح الله روح‌الله اسدالله عطاءالله ابوالفضل احسان
محسن محسن مهرداد ميلاد میلاد شهرام شهريار شهریار پيمان پیمان پژمان ایرج ايرج داريوش داریوش كورش کوروش
اكبر اکبر اصغر علی‌اکبر علي‌اكبر غلامرضا غلامحسين غلامحسین هاشم كريم کریم رحيم رحیم رسول مهران مهدیه
فرزانه نظام زهرا فاطمه مريم مریم معصومه طاهره سمیه سميه انسیه انسيه الهام شيرين شیرین نسرين نسرین ليلا لیلا
سارا زينب زینب منيره منیره اعظم فرشته آزاده ازاده پروانه
خالد فيصل سلطان حمد حمود سعود تركي تميم عبدالله محمد بن راشد منصور نايف هيثم طارق زياد عمر
عثمان فهد ناصر جاسم ماجد سالم سليم هشام وليد وائل عادل عماد فؤاد نبيه جبران فادي رامي سامي
نوري نوری فالح فلاح طلال جمال كمال أسد اسد هيام هیام قيس عمار حيدر قاسم فائق برهم مقتدى نجيب
غريغور گریگور غریگور ارمن ارمين آرمن آرا نيكول نیکول مهير مهر مخيتار مخیتار آرارات آرتاک ارتاك
هاكوب هاکوب فاهان واهان فاهاگن ساموئل سامويل روبن روبين اشوت آشوت كارين کارن تيغران تیگران
الهام إلهام رشاد جيحون جیحون الشاد ممد رمضان رجب طيب طیب مولود مولود عبدالقادر فاتح خاقان هاكان هاکان
ميخائيل میخائیل سيرغي سيرغي سرگئی فلاديمير ولادیمیر ديمتري دیمیتری مقصود ألكسندر الکساندر ايغور ایگور
شي وانغ لي جانغ
mohammad mohammed muhammad mohamed ali hassan hasan hossein hussein hosein reza mehdi mahdi javad
abbas isa eisa issa sattar behzad meysam meisam majid saeed said vahid ebrahim ibrahim esmaeil
esmail ismail yousef yusuf davood mostafa mustafa mahmoud ahmad amir kazem ghasem qasem sadegh
sadeq jafar bagher hamid farhad bahram masoud massoud mansour naser nasser mohsen mehrdad peyman
iraj dariush kourosh akbar asghar gholamreza karim rahim rasoul mehran ehsan zahra fatemeh maryam
elham khalid khaled faisal hamad saud tamim tariq omar fahd talal nikol mher grigor hakob vahan
ararat armen ashot tigran mkhitar ilham rashad hakan recep fatih mevlut sergei sergey vladimir
dmitry maksut xi wang li
""".split()
#: Words that may stand inside a name ("عبد الله", "bin", "زارع‌پور", "Al-").
NAME_PARTICLES = "آل بن ابن عبد الله الدين ابو أبو پور زاده نيا نیا فر راد خان bin ibn al el abu van de von da der".split()
_SUFFIXES = frozenset(normalise(w) for w in "پور زاده نیا فر راد خان".split())
#: Honorifics: written before a name, never part of it.
HONORIFICS = (
    "الدكتور الدکتور دكتور دکتر د المهندس مهندس السيد السيدة سيد سید السید السيده خانم آقای آقاي آقا"
    " جناب حجت‌الاسلام حجت الاسلام الاسلام والمسلمين والمسلمین المسلمين آیت آيت الله‌ الشيخ شيخ"
    " سردار اللواء العميد سرتیپ سرکار معالي فخامة سعادة سمو صاحب السمو الأستاذ استاد استاد"
    " dr mr mrs ms eng engr prof professor sheikh sir he excellency his"
    " h.e madam"
).split()
#: Words that qualify a title: fields of ministries, kinds of bodies, parts of titles.
QUALIFIERS = """
اتصالات تكنولوجيا تكنولوجيه تقنيه تقنية معلومات خارجيه خارجية شوون شؤون دوليه دولية اقتصاد اقتصادية
تجاره تجارة صناعه صناعة علوم بحث طرق نقل ثقافه ثقافة دفاع داخليه داخلية ماليه مالية نفط طاقه طاقة
بريد فضاء اعلام رقمي رقميه رقمية هيئه هيئة شركه شركة منظمه منظمة مركز وكاله وكالة مجلس اداره إدارة
موسسه مؤسسة جامعه جامعة بنك صندوق لجنه لجنة جمهوريه جمهورية اسلاميه إسلامية دوله دولة حكومه حكومة
تنفيذي عام اعلى أعلى وطني وطنية شورى بنيه بنية تحتيه تحتية اتصالات متنقله عمليات تطوير تنميه تنمية
الكترونيه إلكترونية ابتكار ازدهار معرفه معرفة ذكاء اصطناعي سيبراني امن أمن فضائي فضائيه بلاد
ارتباطات فناوری اطلاعات امور خارجه بین الملل بين اقتصادی دارایی صنعت معدن تجارت تحقیقات راه
شهرسازی فرهنگ ارشاد اسلامی نفت نیرو پست فضایی سازمان شرکت پژوهشگاه شورای عالی فضای مجازی مدیره
هیئت ملی جمهوری زیرساخت مخابرات تنظیم مقررات رادیویی توسعه دانش بنیان ستاد پارک نوآوری شکوفایی
بانک مرکزی اتاق بازرگانی ریاست علمی دیجیتال هوش مصنوعی سایبری امنیت دولت الکترونیک کشور مجلس
کمیسیون ارتباطات بین‌الملل بین‌الملل حوزه معاونت فنی عامل اجرایی ارشد اول سیار تلفن همراه
roads road urban transport transportation development housing energy petroleum oil defence defense
interior culture guidance education health labour labor welfare agriculture intelligence justice
خود
ict it information communications communication technology technologies telecommunications
telecommunication telecom foreign affairs economy economic economics trade commerce industry
industries infrastructure company corporation agency organization organisation authority ministry
department council center centre research institute space post postal digital national bank
republic islamic science sciences union bureau international development affairs executive
general high-tech high tech innovation cyberspace cyber security parliament commission committee
regulatory chamber fund park board directors operations mobile operator telecommunication
""".split()
#: Words joining qualifiers ("وزير الاتصالات و..."), and prepositions inside a title phrase.
CONNECTORS = frozenset(normalise(w) for w in "و and & ,".split())
PREPOSITIONS = frozenset(normalise(w) for w in "في لدى الى إلى در برای به of to for in at on the".split())
#: Words naming a kind of place before its name, inside a title ("محافظ ... في محافظة خوزستان").
PLACE_WORDS = frozenset(normalise(w) for w in "محافظة مدينة ولاية إقليم استان شهر شهرستان province city state region".split())
#: Possessives that stand before an English title: "the country's minister of communications".
POSSESSIVES = frozenset("country's country’s nation's nation’s government's government’s republic's"
                        " republic’s state's state’s kingdom's kingdom’s".split())
#: Words before a title word that qualify it in English ("Iran's Deputy ICT Minister").
MODIFIERS = frozenset("deputy vice acting former first senior assistant interim".split())
#: Words that end a name; stop-word lists (stopwordsiso) supply the rest.
NOT_NAMES = (
    "قوله قولها قولهم وقوله وقولها اليوم امس أمس غدا الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت خلال عن على مع الى إلى"
    " امروز دیروز فردا روز شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه گفت افزود کرد"
    " said says told added noted stressed met visited"
)
#: Words marking that a title names a body: "رئيس سازمان ...", "CEO of ... Company".
ORG_WORDS = frozenset(normalise(w) for w in (
    "شركة شركه هيئة منظمة مؤسسة مركز وكالة مجلس صندوق بنك جامعة لجنة اتحاد غرفة سازمان شرکت"
    " پژوهشگاه شورای ستاد صندوق بانک اتاق دانشگاه کمیسیون مرکز company corporation agency"
    " organization organisation authority council center centre institute bank fund university"
    " union chamber commission group"
).split())
#: Title words too ambiguous to stand alone: "امیر" is a first name, "ملك" is property, "head"
#: and "chair" are verbs. They count only when a country or "of" follows.
NEEDS_QUALIFIER = frozenset("king emir sultan".split())
ENGLISH_NEEDS_OF = frozenset("head chair chief director secretary".split())

#: wordfreq Zipf frequency above which an Arabic-script word is a common word, not a name:
#: (to start a name, to continue one). Persian surnames are common words more often.
COMMON = {"ar": (3.3, 4.35), "fa": (3.6, 5.0), "en": (4.0, 5.0)}

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+|-[^\W\d_]+)*|[^\w\s]")
_PUNCT = frozenset(".,،;؛:!?؟()[]«»\"“”|/\\–—-\u00b6")


def _norm_set(words) -> frozenset[str]:
    return frozenset(normalise(w) for w in words)


@cache
def _lexicon() -> dict:
    import stopwordsiso

    stop = set()
    for lang in ("ar", "fa"):
        stop |= {normalise(w) for w in stopwordsiso.stopwords(lang)}
    stop |= {normalise(w) for w in stopwordsiso.stopwords("en") if len(w) > 1}
    stop -= _norm_set(FIRST_NAMES) | _norm_set(NAME_PARTICLES)
    title_words = set()
    for record in reference.aliases("titles").to_dict("records"):
        title_words.update(record["norm"].split())
    known_tokens = set()
    for record in reference.aliases("officials").to_dict("records"):
        known_tokens.update(record["norm"].split())
    return {
        "first": _norm_set(FIRST_NAMES) | {normalise(w) for w in FIRST_NAMES},
        "particles": _norm_set(NAME_PARTICLES),
        "honorifics": _norm_set(HONORIFICS),
        "qualifiers": _norm_set(QUALIFIERS),
        "not_names": _norm_set(NOT_NAMES.split()),
        "stop": frozenset(stop),
        "title_words": frozenset(title_words),
        "known_tokens": frozenset(known_tokens - title_words - _norm_set(HONORIFICS)),
    }


@cache
def _known_officials() -> tuple[dict[str, str], dict[str, str]]:
    """Return ({alias key without spaces: official id}, {official id: country})."""
    keys = {}
    for record in reference.aliases("officials").to_dict("records"):
        keys.setdefault(record["norm"].replace(" ", ""), record["id"])
    countries = dict(zip(reference.load("officials")["official"], reference.load("officials")["country"]))
    return keys, countries


@cache
def _frequencies(lang: str) -> dict[str, float]:
    """wordfreq's word frequencies for ``lang``, read once (a plain dict look-up is ~100x faster
    than ``zipf_frequency``, which re-tokenises every word)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang)


def zipf(word: str, lang: str) -> float:
    """Return the Zipf frequency of ``word`` in ``lang`` (wordfreq): ~7 for "the", 0 unseen."""
    return _zipf(word, lang)


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (as written) in ``lang``: 0 for unseen words, ~7 for "the"."""
    if lang == "fa":
        word = word.replace("ي", "ی").replace("ك", "ک")
    elif lang == "ar":
        word = word.replace("ی", "ي").replace("ک", "ك")
    else:
        word = word.lower()
    word = strip_marks(word).replace("\u200c", "")
    freq = _frequencies(lang).get(word, 0.0)
    return round(math.log10(freq * 1e9), 2) if freq > 0 else 0.0


# --- tokens and titles ------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    start: int  # in norm
    end: int
    norm: str
    text: str  # as written
    upper: bool  # a capitalised Latin word
    joined: bool  # written glued to the previous token by a ZWNJ (زارع‌پور): one word
    ostart: int = 0  # the span in the original text
    oend: int = 0


@dataclass
class Title:
    first: int  # token range of the whole phrase, inclusive
    last: int
    head: int  # the first title word
    heads: list  # (title id, role) of each title word, in order


_LATIN_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|van|von)-[A-Z]")


#: Characters read around a title word: a name, honorifics and qualifiers fit in them.
WINDOW_BEFORE, WINDOW_AFTER = 60, 140
_BREAK = "\u00b6"  # a token between two windows, so that no phrase spans them


def _tokens(doc: Document, windows: list[tuple[int, int]] | None = None) -> list[Token]:
    """Return the tokens of ``doc.norm`` inside ``windows`` (all of it when None)."""
    out: list[Token] = []
    append = out.append
    text, norm, offsets = doc.text, doc.norm, doc.offsets
    particle = _LATIN_PARTICLE.match
    for ws, we in windows or [(0, len(norm))]:
        if out:
            o = ws if offsets is None else offsets[ws]
            append(Token(ws, ws, _BREAK, "", False, False, o, o))
        previous_end = -1
        for m in _TOKEN.finditer(norm, ws, we):
            ns, ne = m.span()
            s, e = (ns, ne) if offsets is None else (offsets[ns], offsets[ne - 1] + 1)
            written = text[s:e]
            joined = previous_end == s - 1 and text[previous_end] == "\u200c"
            first = written[:1]
            upper = first.isupper() or (first.isascii() and "-" in written and particle(written) is not None)
            append(Token(ns, ne, m.group(), written, upper, joined, s, e))
            previous_end = e
    return out


@cache
def _title_automaton():
    """An Aho-Corasick automaton of every title's first word, with Arabic proclitics."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    table, _ = _titles()
    for key in table:
        first = key[0]
        for clitic in organisations.PROCLITICS if not first.isascii() else ("",):
            auto.add_word(clitic + first, len(clitic + first))
        if first.startswith("ال") and len(first) > 4:
            auto.add_word("ل" + first[1:], len(first))  # ل + ال -> لل
            auto.add_word("ول" + first[1:], len(first) + 1)
    auto.make_automaton()
    return auto


def _windows(norm: str) -> tuple[list[tuple[int, int]], frozenset[int]]:
    """Return the merged spans of ``norm`` around every title word, snapped to spaces, and the
    start of every title word."""
    spans: list[list[int]] = []
    starts = set()
    for end, length in _title_automaton().iter(norm):
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


@lru_cache(maxsize=65536)
def clitic_forms(word: str) -> tuple[str, ...]:
    """Return ``word`` and its forms without Arabic proclitics (و ف ب ل ك ال لل), longest first."""
    forms = [word]
    if not word or word.isascii():
        return tuple(forms)
    base = [word]
    if word[0] in "وف" and len(word) > 3:
        base.append(word[1:])
    for w in list(base):
        if w.startswith("لل") and len(w) > 4:
            forms += ["ال" + w[2:], w[2:]]
        elif w[:1] in "بلك" and len(w) > 3:
            rest = w[1:]
            forms.append(rest)
            if rest.startswith("ال") and len(rest) > 4:
                forms.append(rest[2:])
        if w.startswith("ال") and len(w) > 4:
            forms.append(w[2:])
        if w is not word:
            forms.append(w)
    seen = []
    for f in forms:
        if f not in seen:
            seen.append(f)
    return tuple(seen)


@cache
def _titles() -> tuple[dict[tuple[str, ...], tuple[str, str]], int]:
    table_frame = reference.load("titles")
    roles = dict(zip(table_frame["title"], table_frame["role"]))
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for record in reference.aliases("titles").to_dict("records"):
        key = tuple(_TOKEN.findall(record["norm"]))
        if key and key not in table:
            table[key] = (record["id"], roles[record["id"]])
    return table, max(len(k) for k in table)


@cache
def _title_heads() -> dict[str, int]:
    """{first word of a title: most words of a title starting with it}."""
    heads: dict[str, int] = {}
    for key in _titles()[0]:
        heads[key[0]] = max(heads.get(key[0], 0), len(key))
    return heads


def _match_title(tokens: list[Token], i: int, entity_at: set[int]) -> tuple[int, str, str] | None:
    """Return (tokens used, title id, role) of the longest title word(s) at token ``i``."""
    table, longest = _titles()
    first = tokens[i].norm
    heads = [f for f in clitic_forms(first) if f in _title_heads()]
    if not heads:
        return None
    longest = max(_title_heads()[h] for h in heads)
    for n in range(min(longest, len(tokens) - i), 0, -1):
        rest = tuple(t.norm for t in tokens[i + 1:i + n])
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
            and tokens[j + 1].norm.isascii():
        return 1  # "Minister of Transport, Communications and Information Technology"
    if t.norm in lex["not_names"]:
        return 0
    if t.norm in CONNECTORS or t.norm in PREPOSITIONS:
        if j + 1 < len(tokens) and tokens[j + 1].start - t.end <= 1 and tokens[j + 1].norm not in _PUNCT:
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
        if t.norm not in lex["stop"] and t.norm not in lex["not_names"] and not _foreign_name_start(tokens, j):
            return 1
    return 0


def _foreign_name_start(tokens: list[Token], j: int) -> bool:
    """True for an uncommon word with "ال" that begins a name of unknown words ("أليكسي
    أوفرتشوك"), not a qualifier of the title before it."""
    if j + 1 >= len(tokens) or _zipf(tokens[j].text, "ar") >= 3.6:
        return False
    nxt = tokens[j + 1]
    return nxt.norm[:1].isalpha() and not nxt.norm.isascii() and _zipf(nxt.text, "ar") < 2.0 \
        and not nxt.norm.startswith("ال")


def _find_titles(tokens: list[Token], entity_at: set[int], starts: frozenset[int] | None = None) -> list[Title]:
    """Return every title phrase: title words and their qualifiers (left ones in English).

    ``starts``: where title words begin in ``norm`` (found in one pass); only there a phrase
    may begin.
    """
    lex = _lexicon()
    out: list[Title] = []
    if starts is None:
        candidates = range(len(tokens))
    else:
        candidates = [c for c, t in enumerate(tokens) if t.start in starts]
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
        last = i + n - 1
        j = last + 1
        while j < len(tokens) and tokens[j].start - tokens[j - 1].end <= 2 and (
                tokens[j].norm not in _PUNCT or tokens[j].norm in ("(", ",", "،")):
            more = _match_title(tokens, j, entity_at)
            if more and tokens[j].norm[:1] in "بك" and tokens[j].norm[1:3] == "ال":
                break  # "... بالسفير الإيراني": another person, the object of the verb
            if more:
                heads.append((more[1], more[2]))
                last = j + more[0] - 1
                j = last + 1
                continue
            step = _qualifier_length(tokens, j, entity_at, lex)
            if step == 0:
                break
            last = j + step - 1
            j = last + 1
        while last > i + n - 1 and (tokens[last].norm in CONNECTORS or tokens[last].norm in PREPOSITIONS):
            last -= 1
        first = i
        k = i - 1
        while k >= 0 and tokens[k].norm[:1].isascii() and tokens[k].norm not in _PUNCT and (
            k in entity_at or tokens[k].norm in MODIFIERS or tokens[k].norm in lex["qualifiers"]
            or tokens[k].norm in POSSESSIVES
        ):
            if tokens[k].norm in MODIFIERS and heads[0][0] != "deputy" and tokens[k].norm != "former":
                if tokens[k].norm in ("deputy", "vice", "assistant"):
                    heads.insert(0, ("deputy", "official"))
            first = k
            k -= 1
        out.append(Title(first, last, i, heads))
        i = last + 1
    return out


#: A ministry named in a deputy's title makes a deputy minister ("معاون ... وزارت ارتباطات").
MINISTRY_WORDS = frozenset(normalise(w) for w in "وزارة وزارت ministry".split())


def _role(heads: list[tuple[str, str]], has_org: bool, has_country: bool, ministry: bool = False,
          bare: bool = False) -> str:
    """Return the role of a title phrase from its title words in order (taxonomy: the first)."""
    first_id, first_role = heads[0]
    if first_id == "deputy":
        if ministry and not any(h[0] in ("president", "prime_minister", "head", "ceo") for h in heads[1:]):
            return "deputy_minister"
        for title_id, role in heads[1:]:
            if title_id in ("minister", "deputy_minister"):
                return "deputy_minister"
            if title_id in ("president", "prime_minister", "vice_president"):
                return "leader"
        return "official"
    if first_id in ("head", "president"):
        later = [h for h in heads[1:] if h[0] not in ("head", "ceo", "president")]
        if later and later[0][0] in ("president", "vice_president", "prime_minister"):
            return "leader"
        if has_org:
            return "executive"
        if first_id == "president" or has_country or bare:
            return "leader"  # "الرئيس عبد ربه منصور هادي", "President X"
        return "executive"
    return first_role


# --- names ------------------------------------------------------------------------------------


def _lang(token: Token, doc_lang: str) -> str:
    if token.norm.isascii():
        return "en"
    return doc_lang if doc_lang in ("ar", "fa") else "ar"


#: Words that fold into a name only in matching form (على -> علي "Ali", إلى -> الي).
RAW_NOT_NAMES = frozenset("على إلى الى حتى متى لدى سوى".split())


def _is_word(token: Token, lex: dict) -> bool:
    """True for a token that may be part of a name at all."""
    n = token.norm
    if not n[:1].isalpha() or n in _PUNCT or token.text in RAW_NOT_NAMES:
        return False
    if token.text[:1] in "وف" and token.text[1:] in RAW_NOT_NAMES:
        return False  # "وعلى"
    if n in lex["stop"] or n in lex["not_names"] or n in lex["honorifics"] or n in lex["qualifiers"]:
        return n in lex["first"] or n in lex["known_tokens"] or n in lex["particles"]
    if n in lex["title_words"] and n not in lex["first"] and n not in lex["known_tokens"]:
        return False
    return True


def _name_strength(token: Token, doc_lang: str, lex: dict, *, start: bool, boost: bool = False) -> int:
    """Return 2 for a sure name word (known first name or official), 1 for a likely one, 0 not.

    ``boost``: the word follows a sure first name, so a commoner word may still be a surname.
    """
    n = token.norm
    if not _is_word(token, lex):
        return 0
    if not start and n in lex["particles"]:
        return 1
    if n in lex["first"] or n in lex["known_tokens"]:
        if n.isascii() and not token.upper:
            return 0
        return 2
    if n.startswith("عبد") and len(n) > 5 and not token.joined:
        return 2  # عبدالناصر، عبدالرحمن: a compound first name
    if doc_lang == "ar" and n[:1] in "وف" and (n[1:] in lex["first"] or n[1:] in lex["known_tokens"]):
        return 2  # "وميثم": a name after the conjunction
    lang = _lang(token, doc_lang)
    if lang == "en":
        if not token.upper:
            return 0
        zipf = _zipf(n, "en")
        if n.endswith("s") and zipf >= 3.5:
            return 0  # a headline's verb: "Minister Meets Envoy", "Says"
        return 1 if zipf < COMMON["en"][0 if start else 1] else 0
    forms = clitic_forms(n)
    if any(f in lex["qualifiers"] or f in lex["title_words"] for f in forms[1:]):
        return 0
    if lang == "ar" and len(token.text) == len(n):
        # "بالقول", "للمنطقة", "فهدد": a proclitic on a common word is no name
        for f in forms[1:]:
            if len(f) >= 3 and _zipf(token.text[len(n) - len(f):], "ar") >= 3.8:
                return 0
        if _looks_like_verb_or_plural(n, token.text, start):
            return 0
    if lang == "ar" and n.startswith("ال"):
        # the article starts words, not names, unless the word is unknown (اليكسي, الكسندر);
        # a name may end in a nisba surname: الياسري، المعمري
        zipf = _zipf(token.text, lang)
        if zipf >= (1.5 if start else 4.5 if boost else 3.6 if n.endswith("ي") else 2.5):
            return 0
    limit = COMMON[lang][0 if start else 1] + (0.4 if boost else 0.0)
    return 1 if _zipf(token.text, lang) < limit else 0


def _looks_like_verb_or_plural(n: str, text: str, start: bool = False) -> bool:
    """Arabic words beside a name that are none: a future verb ("سيلتقيان"), a common
    feminine plural ("محادثات", "توضيحات"), a word after the conjunction و ("وتضامنها")."""
    if not start and len(n) >= 6 and n[0] == "س" and n[1] in "يتن":
        return True
    if not start and n[0] == "و" and len(n) > 4:
        return True
    return n.endswith("ات") and _zipf(text, "ar") >= (3.0 if start else 3.5)


#: Persian light verbs: the word before one is half of a compound verb ("خاطرنشان کرد").
LIGHT_VERBS = frozenset(normalise(w) for w in (
    "کرد کرده کردند کند کنند نمود نمودند داشت داشتند دارد دارند شود گردید"
).split())


def _rare(token: Token, doc_lang: str, limit: float = 3.0) -> bool:
    return token.norm.isascii() or _zipf(token.text, _lang(token, doc_lang)) < limit


def _words(tokens: list[Token], a: int, b: int, lex: dict) -> int:
    """Number of words in tokens a..b that are not particles (bin, Al, عبد) or ZWNJ halves."""
    return sum(1 for k in range(a, b + 1) if tokens[k].norm not in lex["particles"] and not tokens[k].joined)


def _start_strength(tokens: list[Token], p: int, doc_lang: str, lex: dict) -> int:
    """Strength of token ``p`` as a name's first word; "نظام" counts before "الدين"."""
    s = _name_strength(tokens[p], doc_lang, lex, start=True)
    glued = len(tokens[p].norm) >= 4 and tokens[p].norm[:1] in "لبك" and _zipf(tokens[p].text[1:], "ar") >= 3.8  # "لحزب الله"
    if s == 0 and p + 1 < len(tokens) and _is_word(tokens[p], lex) and not glued and (
        tokens[p + 1].norm in ("الدين", "الله", "بن", "ابن", "bin", "ibn") or tokens[p + 1].norm.startswith("عبد")
    ):
        return 1  # "نظام الدين", "بدر بن حمد", "نصير عبد المحسن"
    if s == 0 and doc_lang == "ar" and tokens[p].norm.startswith("ال") and _foreign_name_start(tokens, p):
        return 1  # "أليكسي أوفرتشوك"
    return s


def _closes_name(tokens: list[Token], k: int) -> bool:
    """True when token ``k`` ends an apposition: punctuation or the end of the text."""
    return k >= len(tokens) or tokens[k].norm in ("،", ",", ".", ":", "؛", "(", ")", "\u00b6")


def _gap_ok(tokens: list[Token], a: int, b: int) -> bool:
    """True when tokens a and b (a < b, adjacent) are separated by spaces only."""
    return tokens[b].start - tokens[a].end <= 2 and tokens[b].norm not in _PUNCT


def _skip_honorifics(tokens: list[Token], p: int, lex: dict) -> int:
    while p < len(tokens) and (tokens[p].norm in lex["honorifics"] or
                               any(f in lex["honorifics"] for f in clitic_forms(tokens[p].norm)[1:2])):
        p += 1
        if p < len(tokens) and tokens[p].norm == ".":
            p += 1
    return p


def _name_forward(tokens, p, doc_lang, lex, blocked) -> tuple[int, int] | None:
    """Return the token range of a name starting at ``p`` (after honorifics), or None."""
    p = _skip_honorifics(tokens, p, lex)
    if p >= len(tokens) or p in blocked:
        return None
    s = _start_strength(tokens, p, doc_lang, lex)
    if s == 0:
        return None
    last = p
    strengths = [s]
    while last + 1 < len(tokens) and _words(tokens, p, last, lex) < 4 and _gap_ok(tokens, last, last + 1) \
            and last + 1 not in blocked:
        nxt = tokens[last + 1]
        if nxt.norm[:1].isascii() != tokens[p].norm[:1].isascii():
            break  # "لي هسين لونج Lee": a name keeps to one script
        after_particle = tokens[last].norm in ("عبد", "ابو", "بن", "ابن", "ال")
        c = _name_strength(nxt, doc_lang, lex, start=False, boost=2 in strengths or after_particle)
        if c == 0 and strengths == [2] and _closes_name(tokens, last + 2) and _is_word(nxt, lex) \
                and not nxt.norm.isascii() and _zipf(nxt.text, _lang(nxt, doc_lang)) < 5.3:
            c = 1  # "رئيس الحكومة يوسف الشاهد،": a common word as the surname before a comma
        if after_particle and c == 0 and _is_word(nxt, lex):
            c = 1  # "عبد العزيز"
        if c == 0 and not (nxt.joined and _is_word(nxt, lex)):
            break
        if last + 2 < len(tokens) and tokens[last + 2].norm in LIGHT_VERBS and not nxt.norm.isascii():
            break
        last += 1
        strengths.append(c)
    while last > p and tokens[last].norm in lex["particles"] and tokens[last].norm not in _SUFFIXES \
            and tokens[last].norm not in ("الله", "الدين"):
        last -= 1
        strengths.pop()
    return (p, last) if _enough(tokens, p, last, strengths, doc_lang) else None


def _name_backward(tokens, e, doc_lang, lex, blocked) -> tuple[int, int] | None:
    """Return the token range of a name ending at ``e``, or None."""
    if e < 0 or e in blocked:
        return None
    if e + 1 < len(tokens) and tokens[e + 1].norm in LIGHT_VERBS and not tokens[e].norm.isascii():
        return None
    if _name_strength(tokens[e], doc_lang, lex, start=False) == 0:
        if not (tokens[e].joined and e > 0 and _is_word(tokens[e], lex)
                and _name_strength(tokens[e - 1], doc_lang, lex, start=False)):
            return None
    first = e
    while first - 1 >= 0 and _words(tokens, first, e, lex) < 4 and _gap_ok(tokens, first - 1, first) \
            and first - 1 not in blocked:
        if _name_strength(tokens[first - 1], doc_lang, lex, start=False) == 0 and not tokens[first].joined:
            break
        first -= 1
    # a verb with its conjunction before a sure first name is no part of the name ("وابرز محمد
    # الشابي"); else the name starts at its leftmost word that can start a name
    if doc_lang == "ar" and first < e and tokens[first].norm.startswith("و") \
            and _name_strength(tokens[first + 1], doc_lang, lex, start=True) == 2 \
            and tokens[first].norm not in lex["first"] and tokens[first].norm[1:] not in lex["first"]:
        first += 1
    for p in range(first, e + 1):
        s = _start_strength(tokens, p, doc_lang, lex)
        if s:
            strengths = [s] + [_name_strength(tokens[k], doc_lang, lex, start=False) or int(tokens[k].joined)
                               for k in range(p + 1, e + 1)]
            if _enough(tokens, p, e, strengths, doc_lang):
                return p, e
            return None
    return None


def _enough(tokens, p, last, strengths, doc_lang: str = "") -> bool:
    """A name needs a sure word; or two likely words, rare ones in Arabic script; or one
    capitalised Latin word."""
    if 2 in strengths:
        return True
    if tokens[p].norm.isascii():
        return tokens[p].upper
    if len(strengths) >= 2:
        # Persian writes many common words unvowelled next to titles: ask for rarer words
        return doc_lang != "fa" or all(_rare(tokens[k], doc_lang, 3.6) or tokens[k].joined for k in range(p, last + 1))
    return False


def _pair_names(tokens: list[Token], titles: list[Title], doc_lang: str, blocked: set[int]) -> list:
    """Return [(title, (first, last))]: each title with at most one name, each name once."""
    lex = _lexicon()
    candidates = []
    commas = {"،", ","}
    for order, t in enumerate(titles):
        nxt = t.last + 1
        # forward, right after the title: "وزير الاتصالات ستار هاشمي", "Minister Isa Zarepour";
        # not after a bare "شركة"/"company": the next word names the company
        ends_with_body = (tokens[t.last].norm in ORG_WORDS or any(
            f in ORG_WORDS for f in clitic_forms(tokens[t.last].norm)[1:2])) and (
            t.last - 1 <= t.head or tokens[t.last - 1].norm in PREPOSITIONS)
        span = None if ends_with_body else _name_forward(tokens, nxt, doc_lang, lex, blocked)
        if span and _gap_ok(tokens, t.last, nxt):
            candidates.append((4, order, t, span))
        # backward with the comma of apposition: "غريغور هاكوبيان، سفير", "Hakobyan, the envoy"
        b = t.first - 1
        if b >= 0 and tokens[b].norm in ("the", "his", "her", "its", "a", "an"):
            b -= 1
        if b >= 1 and tokens[b].norm in commas:
            span = _name_backward(tokens, b - 1, doc_lang, lex, blocked)
            if span:
                candidates.append((3, order, t, span))
        # backward without a comma (Persian style): "عیسی زارع‌پور وزیر ارتباطات"
        if t.first >= 1 and not tokens[t.first].norm.isascii() and _gap_ok(tokens, t.first - 1, t.first):
            span = _name_backward(tokens, t.first - 1, doc_lang, lex, blocked)
            if span and (doc_lang != "ar" or any(
                    _name_strength(tokens[k], doc_lang, lex, start=True) == 2 for k in range(span[0], span[1] + 1))):
                candidates.append((2, order, t, span))
        # forward after a comma: "وزير الاتصالات الإيراني، ستار هاشمي،": a sure name, or
        # a name of two words or more closed by a comma
        if nxt < len(tokens) and tokens[nxt].norm in commas:
            span = _name_forward(tokens, nxt + 1, doc_lang, lex, blocked)
            if span and span[1] > span[0] and (
                    any(_name_strength(tokens[k], doc_lang, lex, start=True) == 2 for k in range(span[0], span[1] + 1))
                    or span[1] + 1 < len(tokens) and tokens[span[1] + 1].norm in commas):
                candidates.append((1, order, t, span))
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


def _name_key(words: list[str]) -> str:
    return "".join(words)


def _clitic_skip(token: Token, lex: dict, doc_lang: str = "ar") -> int:
    """Characters of an Arabic و/ف glued to a name's first word ("وميثم" -> 1)."""
    n = token.norm
    if doc_lang == "ar" and not n.isascii() and n[:1] in "وف" and len(n) > 3 and n not in lex["first"] and n not in lex["known_tokens"]:
        if n[1:] in lex["first"] or n[1:] in lex["known_tokens"]:
            return 1
        if n[0] == "و" and n[1:2] != "و":  # و is a conjunction far more often than a name's first letter
            return 1
    return 0


# --- the extractor ----------------------------------------------------------------------------


def extract(doc: Document, mentions: Iterable[dict] | None = None) -> list[dict]:
    """Return one officials row per mention of a titled person in ``doc``.

    ``mentions``: the document's country, place and organisation mention rows, when the caller
    has already found them (the pipeline does); found here otherwise.
    """
    if not doc.norm.strip():
        return []
    windows, title_starts = _windows(doc.norm)
    if not windows:
        return []
    lex = _lexicon()
    tokens = _tokens(doc, windows)
    if not tokens:
        return []
    ctx = _context(doc, tokens, mentions)
    entity_at = set(ctx["country"]) | set(ctx["place"]) | set(ctx["org"])
    titles = _find_titles(tokens, entity_at, title_starts)
    if not titles:
        return []
    blocked = set(entity_at)
    for t in titles:
        blocked.update(range(t.first, t.last + 1))
    pairs = _pair_names(tokens, titles, doc.language, blocked)
    known_keys, known_country = _known_officials()
    persons: dict[str, dict] = {}
    mentions = []
    claimed = []
    for title, (a, b) in pairs:
        skip = _clitic_skip(tokens[a], lex, doc.language)
        words = [tokens[k].norm for k in range(a, b + 1)]
        words[0] = words[0][skip:]
        cut = 2 if words[-1].endswith(("'s", "’s")) else 0  # "Hashemi's remarks"
        words[-1] = words[-1][:len(words[-1]) - cut]
        key_norm = _name_key(words)
        official = known_keys.get(key_norm) or _known_without_honorific(words, known_keys)
        key = official or _same_person(persons, key_norm) or "p:" + key_norm
        ns, ne = doc.original(tokens[a].start + skip, tokens[b].end - cut)
        person = persons.get(key)
        if person is None:
            person = persons[key] = _describe(doc, tokens, title, ctx, official, known_country)
            person.update(official_id=official or "p:" + key_norm, keys=set(), forms=set(), name="", name_words=0)
        if b - a + 1 > person["name_words"]:
            person["name"], person["name_words"] = doc.text[ns:ne], b - a + 1
        person["forms"].add(tuple(words))
        surname = _surname(tokens, a, b, skip)
        if surname:
            person["forms"].add(surname)
        person["keys"].add(key_norm)
        mentions.append((key, ns, ne))
        claimed.append((tokens[a].start + skip, tokens[b].end - cut))
    if not persons:
        return []
    fallback = _context_country(ctx, doc.language)
    for person in persons.values():
        person["country"] = person["country"] or fallback
    mentions += _later_mentions(doc, persons, claimed, lex)
    rows = []
    for key, s, e in sorted(set(mentions), key=lambda m: (m[1], m[2])):
        p = persons[key]
        rows.append({
            "article_id": doc.article_id,
            "official_id": p["official_id"],
            "name": p["name"],
            "title": p["title"],
            "role": p["role"],
            "organisation": p["organisation"],
            "country": p["country"],
            **{k: v for k, v in doc.evidence(s, e).items() if k != "article_id"},
        })
    return rows


def _known_without_honorific(words, known_keys) -> str | None:
    for n in range(1, len(words)):
        hit = known_keys.get(_name_key(words[n:]))
        if hit and len(words) - n >= 2:
            return hit
    return None


def _same_person(persons: dict, key_norm: str) -> str | None:
    """Return the key of a person already seen whose name this one extends or shortens."""
    for key, p in persons.items():
        for k in p["keys"]:
            if len(k) >= 3 and (key_norm.endswith(k) or k.endswith(key_norm)):
                return key
    return None


def _describe(doc, tokens, title: Title, ctx: dict, official: str | None, known_country: dict) -> dict:
    """Return title, role, organisation and country of one titled mention."""
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
                skip = len(tokens[k].norm) - len(next(f for f in clitic_forms(tokens[k].norm) if f in ORG_WORDS))
                os_, oe_ = doc.original(tokens[k].start + skip, tokens[title.last].end)
                organisation = doc.text[os_:oe_]
                break
    ministry = any(f in MINISTRY_WORDS for k in phrase for f in clitic_forms(tokens[k].norm))
    bare = title.first == title.last
    role = _role(title.heads, bool(organisation), bool(countries), ministry, bare)
    country = countries[0] if countries else ""
    if not country and role != "ambassador" and places:
        country = places[0]
    if not country and official:
        country = known_country.get(official, "")
    country = country or org_country
    return {"title": doc.text[s:e], "role": role, "organisation": organisation, "country": country}


def _surname(tokens: list[Token], a: int, b: int, skip: int) -> tuple[str, ...] | None:
    """Return the words of a name's surname: its last word, with the ZWNJ halves or suffix
    (پور, زاده) that belong to it ("زارع‌پور"); None for a one-word name."""
    k = b
    while k > a and (tokens[k].joined or tokens[k].norm in _SUFFIXES):
        k -= 1
    if k == a:
        return None
    words = [tokens[j].norm for j in range(k, b + 1)]
    if words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    return tuple(words)


def _later_mentions(doc: Document, persons: dict, claimed: list[tuple[int, int]], lex: dict) -> list[tuple[str, int, int]]:
    """Return mentions of the persons by full name or surname alone outside titled mentions.

    One regex of the persons' name forms (spaces optional between words, so زارع پور and
    زارعپور agree) runs once over the text.
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
    alternatives = sorted((" ?".join(_spaced(w) for w in words) for words in forms), key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W\d_])([وفبل])?(" + "|".join(alternatives) + r")(?![^\W\d_])")
    out = []
    for m in pattern.finditer(doc.norm):
        compact = "".join(m.group(2).split())
        key = lookup.get(compact)
        if key is None:
            continue
        start = m.start(2)
        if m.group(1) and doc.language != "ar" and not compact.isascii():
            continue
        if any(start < y and x < m.end() for x, y in claimed):
            continue
        s, e = doc.original(start, m.end())
        text = doc.text[s:e]
        if len(m.group(2).split()) == 1 and not _surname_ok(text, compact, doc.language, lex):
            continue
        if compact.isascii() and not text[:1].isupper():
            continue
        out.append((key, s, e))
    return out


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
    return _zipf(text, lang) < COMMON[lang][1] or key in lex["known_tokens"]


def _context(doc: Document, tokens: list[Token], mentions: Iterable[dict] | None = None) -> dict:
    """Return {token index: ISO3} of country and place mentions, {token index: (organisation,
    its country, start, end)} and the count of each country in ``doc``.

    ``mentions`` are the document's mentions rows when the caller has them (places and
    organisations); else they are found here.
    """
    if mentions is None:
        from techdiplomacy.extract import places

        mentions = places.extract(doc) + organisations.extract(doc)
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
    return [t.ostart for t in tokens], [t.oend for t in tokens]


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


def _context_country(ctx: dict, language: str = "") -> str:
    """Return the state an official with no country in the title most likely serves: Iran when
    the article speaks of Iran (an Iranian outlet's "the minister") or is Persian news with no
    country named, else its most named country."""
    counts = ctx["counts"]
    if language == "fa":
        return "IRN"  # Persian news is Iranian news: its untitled "the minister" is Iran's
    if not counts:
        return ""
    if "IRN" in counts:
        return "IRN"
    return max(counts, key=counts.get)
