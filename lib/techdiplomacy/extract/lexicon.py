"""The words officials are written with: word lists, word frequencies, proclitic forms, tokens.

Language data for telling titles and names from other words (first names, honorifics, words
that qualify a title, stop words from ``stopwordsiso``, ``wordfreq`` frequencies) and the
tokens of ``Document.norm`` that :mod:`titles` and :mod:`names` read, each with its span in
the original text.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import cache, lru_cache, partial
from itertools import repeat
from typing import NamedTuple

from techdiplomacy import reference
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise, strip_marks

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
#: Particles that end a compound first name and may end a name: "نور الدين", "زين العابدين".
COMPOUND_ENDS = frozenset(normalise(w) for w in "الله الدين الرحمن الرحيم العابدين الإسلام".split())

NAME_PARTICLES = "آل بن ابن عبد الله الدين الرحمن الرحيم العابدين الإسلام نژاد نجاد ابو أبو پور زاده نيا نیا فر راد خان bin ibn al el abu van de von da der".split()


SUFFIXES = frozenset(normalise(w) for w in "پور زاده نیا فر راد خان نژاد نجاد".split())


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
promotion legal artificial media broadcasting statistics planning budget standards customs investment
export exports knowledge-based startups aviation railways ports maritime free zones zone
diplomacy دیپلماسی الدبلوماسيه کشورمان صنایع هوافضا هوافضای
higher future tourism finance financial sport sports youth environment mines mining water power
electricity social posts services government strategic relations vocational training industrial
عالي تعليم صحه صحة سياحه سياحة بيئه بيئة زراعه زراعة مياه كهرباء اسكان إسكان تخطيط استثمار
آموزش بهداشت درمان گردشگری کشاورزی ورزش جوانان تعاون رفاه اجتماعی پرورش
حمل دفتر رگولاتوری تکنالوژی تكنالوجي معلوماتی معلوماتي تکنولوژی فن‌آوری فنآوری آی‌سی‌تی innovations aerospace
""".split()


#: Words joining qualifiers ("وزير الاتصالات و..."), and prepositions inside a title phrase.
CONNECTORS = frozenset(normalise(w) for w in "و and & ,".split())


PREPOSITIONS = frozenset(normalise(w) for w in "في لدى الى إلى در برای به of to for in at on the".split())


#: Words naming a kind of place before its name, inside a title ("محافظ ... في محافظة خوزستان").
PLACE_WORDS = frozenset(normalise(w) for w in "محافظة مدينة ولاية الولاية إقليم استان شهر شهرستان province city state region".split())


#: Possessives that stand before an English title: "the country's minister of communications".
POSSESSIVES = frozenset("country's country’s nation's nation’s government's government’s republic's"
                        " republic’s state's state’s kingdom's kingdom’s".split())


#: Words before a title word that qualify it in English ("Iran's Deputy ICT Minister").
#: Arabic and Persian words that say when a title was held: part of the title phrase
#: ("الرئيس السابق", "للرئيس الراحل", "وزیر پیشین").
STATUS_WORDS = frozenset(normalise(w) for w in (
    "السابق السابقة الأسبق الأسبقة الراحل الراحلة الحالي الحالية المؤقت المؤقتة المنتخب المنتخبة"
    " المخلوع المعزول سابق پیشین اسبق فقید"
).split())

MODIFIERS = frozenset("deputy vice acting former first senior assistant interim federal caretaker".split())


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
    " union chamber commission group club نادي باشگاه نقابة معمل مختبر مصنع حزب جمعية مجموعة laboratory"
).split())


#: Title words too ambiguous to stand alone: "امیر" is a first name, "ملك" is property, "head"
#: and "chair" are verbs. They count only when a country or "of" follows.
NEEDS_QUALIFIER = frozenset("king emir sultan".split())


ENGLISH_NEEDS_OF = frozenset("head chair chief director secretary".split())


#: wordfreq Zipf frequency above which an Arabic-script word is a common word, not a name:
#: (to start a name, to continue one). Persian surnames are common words more often.
COMMON = {"ar": (3.3, 4.35), "fa": (3.6, 5.0), "en": (4.0, 5.0)}


TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+|-[^\W\d_]+)*|[^\w\s]")


PUNCT = frozenset(".,،;؛:!?؟()[]«»\"“”|/\\–—-\u00b6")


def _norm_set(words) -> frozenset[str]:
    return frozenset(normalise(w) for w in words)


def _first_names() -> tuple[frozenset[str], frozenset[str]]:
    """Return (first names, first names that are also common words) in normalised form: the
    built-in list and ``data/reference/first_names.csv``. A common word ("صالح", "أمل", "will")
    is a first name only where a name may stand; a form common in any language counts as common."""
    table = reference.load("first_names")
    common = {normalise(n) for n in table.loc[table["common_word"] == "1", "name"]}
    plain = {normalise(n) for n in table.loc[table["common_word"] != "1", "name"]} - common
    first = _norm_set(FIRST_NAMES) | plain
    return frozenset(first), frozenset(common - first)


@cache
def word_sets() -> dict:
    import stopwordsiso

    stop = set()
    for lang in ("ar", "fa"):
        stop |= {normalise(w) for w in stopwordsiso.stopwords(lang)}
    stop |= {normalise(w) for w in stopwordsiso.stopwords("en") if len(w) > 1}
    stop -= _norm_set(FIRST_NAMES) | _norm_set(NAME_PARTICLES)  # the built-in names only: the CSV's may be stop words
    title_words = set()
    for record in reference.aliases("titles").to_dict("records"):
        title_words.update(record["norm"].split())
    known_tokens = set()
    for record in reference.aliases("officials").to_dict("records"):
        # a ZWNJ half ("ای" of "خامنه‌ای") is no sure name word
        known_tokens.update(normalise(record["alias"].replace("\u200c", "")).split())
    first, first_common = _first_names()
    # a listed name that is also a function word ("مي" / Persian "می") is no sure name word
    clash = first & stop - _norm_set(FIRST_NAMES)
    first, first_common = first - clash, first_common | clash
    return {
        "first": first,
        "first_common": first_common,
        "particles": _norm_set(NAME_PARTICLES),
        "honorifics": _norm_set(HONORIFICS),
        "qualifiers": _norm_set(QUALIFIERS),
        "not_names": _norm_set(NOT_NAMES.split()),
        "stop": frozenset(stop),
        "title_words": frozenset(title_words),
        # a word of a known name that is also a function word ("إن" of "مون جاي إن") is none
        # a word of a known name that is also a function word ("إن" of "مون جاي إن") is none, nor
        # a two-letter word in Arabic script ("جو", Persian "گل"): too many common words look so
        "known_tokens": frozenset(w for w in known_tokens - title_words - _norm_set(HONORIFICS) - frozenset(stop)
                                  if len(w) > 2 or w.isascii() or w in _norm_set(NAME_PARTICLES)),
    }


@cache
def known_officials() -> tuple[dict[str, str], dict[str, str]]:
    """Return ({alias key without spaces: official id}, {official id: country})."""
    keys = {}
    for record in reference.aliases("officials").to_dict("records"):
        keys.setdefault(record["norm"].replace(" ", ""), record["id"])
    countries = dict(zip(reference.load("officials")["official"], reference.load("officials")["country"]))
    return keys, countries


@cache
def known_surnames() -> dict[str, str]:
    """Return {surname: official id} for the reference people whose last name word belongs to
    no other reference person and is neither a first name nor a very common word
    ("ترامب", "ماكرون", "الأسد"; not "صالح", "عباس"): a titled surname alone is that person."""
    lex = word_sets()
    owners: dict[str, set[str]] = {}
    for record in reference.aliases("officials").to_dict("records"):
        words = record["norm"].split()
        if len(words) >= 2 and len(words[-1]) >= 4:
            owners.setdefault(words[-1], set()).add(record["id"])
    return {w: ids.pop() for w, ids in owners.items() if len(ids) == 1 and w not in lex["first"]
            and w not in lex["first_common"] and zipf(w, "en" if w.isascii() else "ar") < 5.0}


@cache
def known_offices() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return {official id: (role, the normalised words naming the office)} of the people the
    reference knows (its ``office`` column: "communications|الاتصالات|ارتباطات")."""
    table = reference.load("officials")
    return {official: (role, tuple(" ".join(normalise(w).split()) for w in reference.split_aliases(words)))
            for official, role, words in zip(table["official"], table["role"], table["office"])}


@cache
def _frequencies(lang: str) -> dict[str, float]:
    """wordfreq's word frequencies for ``lang``, read once (a plain dict look-up is ~100x faster
    than ``zipf_frequency``, which re-tokenises every word)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang)


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
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


#: How an Arabic word with the article begins, after a conjunction or preposition too.
DEFINITE = ("ال", "لل", "وال", "فال", "بال", "كال")


def definite(word: str) -> bool:
    """True for an Arabic word with the article ("الرئيس", "للرئيس", "والودائع")."""
    return word.startswith(DEFINITE)


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


class Token(NamedTuple):
    """One token of ``Document.norm`` with its span there and in the original text."""

    start: int  # in norm
    end: int
    norm: str
    text: str  # as written
    upper: bool  # a capitalised Latin word
    joined: bool  # written glued to the previous token by a ZWNJ (زارع‌پور): one word
    ostart: int = 0  # the span in the original text
    oend: int = 0
    accusative: bool = False  # written with tanween fath ("وفداً"): an indefinite noun, no name


_LATIN_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|van|von)-[A-Z]")


#: Characters read around a title word: a name, honorifics and qualifiers fit in them.
WINDOW_BEFORE, WINDOW_AFTER = 60, 140


BREAK = "\u00b6"  # a token between two windows, so that no phrase spans them


#: :data:`TOKEN` as one group, for :func:`techdiplomacy.extract.units.split_spans`.
#: :data:`TOKEN` as one group for ``re.split``, the same matches written to run faster (words
#: first, possessive repeats, spaces passed over at once; tests/test_fast_paths.py).
_TOKEN_SPLIT = re.compile(r"(?=\S)([^\W\d_]++(?:['’][^\W\d_]++|-[^\W\d_]++)*+|\d++(?:[.,]\d++)*+|[^\w\s])")
#: Builds a Token from its fields in C (``Token._make`` is a Python call per token).
_make_token = partial(tuple.__new__, Token)
_plus_one, _minus_one = (1).__add__, (-1).__add__


_TANWEEN = re.compile("\u064b")


def tokens(doc: Document, windows: list[tuple[int, int]] | None = None) -> list[Token]:
    """Return the tokens of ``doc.norm`` inside ``windows`` (all of it when None)."""
    from techdiplomacy.extract.units import split_columns

    out: list[Token] = []
    text, norm, offsets = doc.text, doc.norm, doc.offsets
    zwnj = "\u200c" in text
    tanween: list[int] | None = None  # where tanween fath stands in the text, found once
    for ws, we in windows or [(0, len(norm))]:
        if out:
            o = ws if offsets is None else offsets[ws]
            out.append(Token(ws, ws, BREAK, "", False, False, o, o))
        starts, ends, words = split_columns(_TOKEN_SPLIT, norm, ws, we)
        if not words:
            continue
        if offsets is None:
            ostarts, oends = starts, ends
        else:
            ostarts = list(map(offsets.__getitem__, starts))
            oends = list(map(_plus_one, map(offsets.__getitem__, map(_minus_one, ends))))  # offsets[e - 1] + 1
        written = list(map(text.__getitem__, map(slice, ostarts, oends)))
        n = len(written)
        if zwnj:  # glued by a ZWNJ to the token before (the first looks at text[-1], as ever)
            joined = [e == s - 1 and text[e] == "\u200c" for e, s in zip([-1, *oends], ostarts)]
        else:
            joined = [False] * n
        if ("".join(written) + "a").islower():  # no capital anywhere: no token is upper
            upper = [False] * n
        else:
            upper = [_upper(w) for w in written]
        first = len(out)
        out.extend(map(_make_token, zip(starts, ends, words, written, upper, joined, ostarts, oends, repeat(False))))
        if tanween is None:
            tanween = [m.start() for m in _TANWEEN.finditer(text)] if "\u064b" in text else []
        for p in tanween[bisect.bisect_left(tanween, ostarts[0] - 1):bisect.bisect_right(tanween, oends[-1])]:
            # tanween fath after the last letter ("وفداً": the token ends at it) or before a
            # final alif ("وفدًا": the token ends two characters after it)
            k = bisect.bisect_left(oends, p)
            if k < n and oends[k] == p or (k < n and oends[k] == p + 2 and text[p + 1] == "ا"):
                out[first + k] = out[first + k]._replace(accusative=True)
    if "#" in norm:  # a hashtag's mark is no word: "الرئيس الروسي فلاديمير #بوتين"
        out = [t for t in out if t.norm != "#"]
    return out


def _upper(written: str) -> bool:
    """True for a capitalised word, or a Latin one starting with a particle (al-Hashemi)."""
    first = written[:1]
    return first.isupper() or (first.isascii() and "-" in written and _LATIN_PARTICLE.match(written) is not None)
