"""The words figures are read with: units, time words, months, identifiers, approximations,
and the tokens around a number.

Written as in the wild and normalised on load (:func:`word_sets`); :func:`tokens` cuts
``Document.norm`` into (start, end, token) triples, :func:`token_columns` and
:func:`window_columns` into the three columns of them (no tuple per token).
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from itertools import accumulate

from techdiplomacy.text.normalisation import normalise

#: Unit phrases written after a number, longest first wins.
UNIT_AFTER = {
    "percent": "% | بالمئة | بالمائة | في المئة | في المائة | بالمية | بالمئه | في المية | بالمئة تقريبا"
    " | نقطة مئوية | نقاط مئوية | درصد | درصدی | واحد درصد | percent | per cent | pct | percentage points"
    " | percentage point",
    "USD": "دولار | دولارا | دولارات | دولار أمريكي | دولار أميركي | مليار دولار | دلار | دلاری | دلار آمریکا | دالر | دالری | دالر امریکایی"
    " | dollars | dollar | usd | us dollars | u.s. dollars",
    "EUR": "يورو | یورو | یورویی | euros | euro | eur",
    "IRR": "ريال | ريالا | ريال إيراني | ریال | ریالی | rials | rial | irr",
    "IRT": "تومان | تومن | تومانی | toman | tomans",
    "SAR": "ريال سعودي | ريالا سعوديا | ريالات سعودية | ریال سعودی | saudi riyals",
    "OMR": "ريال عماني | ريالا عمانيا | ريالات عمانية | ریال عمان | omani rials",
    "QAR": "ريال قطري | ريالا قطريا | ريالات قطرية | ریال قطر | qatari riyals",
    "AED": "درهم | دراهم | درهم إماراتي | درهم امارات | dirhams | dirham | aed",
    "IQD": "دينار | دينار عراقي | دنانير | دينارا | دینار | دینار عراق | iraqi dinars | dinars | iqd",
    "KWD": "دينار كويتي | دينارا كويتيا | دنانير كويتية | دينار الكويتي | kuwaiti dinars | kuwaiti dinar",
    "JOD": "دينار أردني | دينارا أردنيا | دنانير أردنية | دينار الأردني | jordanian dinars | jordanian dinar",
    "BHD": "دينار بحريني | bahraini dinars | bahraini dinar",
    "LYD": "دينار ليبي | libyan dinars",
    "TND": "دينار تونسي | tunisian dinars",
    "DZD": "دينار جزائري | algerian dinars",
    "EGP": "جنيه | جنيها | جنيهات | جنيه مصري | جنيها مصريا | egyptian pounds | egyptian pound",
    "MAD": "درهم مغربي | درهما مغربيا | moroccan dirhams",
    "YER": "ريال يمني | ريالا يمنيا | yemeni rials",
    "XOF": "فرنك إفريقي | فرنك أفريقي | فرنك عاجي | فرنك سيفا | cfa francs",
    "CHF": "فرنك سويسري | فرنكا سويسريا | swiss francs",
    "LBP": "ليرة لبنانية | lebanese pounds | lebanese lira",
    "SYP": "ليرة سورية | syrian pounds",
    "PKR": "روبية باكستانية | pakistani rupees",
    "TRY": "ليرة | ليرة تركية | لير | لیر | لیر ترکیه | lira | liras | turkish lira | try",
    "RUB": "روبل | روبلات | rubles | roubles | ruble | rouble | rub",
    "CNY": "يوان | یوان | yuan | renminbi | cny",
    "AMD": "درام | drams | dram | amd",
    "AZN": "منات | manat | manats | azn",
    "INR": "روبية | روبيه | روپیه | rupees | inr",
    "GBP": "جنيه إسترليني | جنيها إسترلينيا | جنيهات إسترلينية | پوند | pounds | gbp",
    "SDG": "جنيه سوداني | جنيها سودانيا | جنيهات سودانية | sudanese pounds",
    "km": "كيلومتر | كيلومترا | كيلومترات | كيلو متر | كيلو مترا | كم | كلم | کیلو متر | کیلومتر | کیلومتری | km | kilometres | kilometers | kilometre | kilometer",
    "Tbps": "تيرابت | ترابت | تيرابايت في الثانية | ترابیت | ترابیتی | ترابیت بر ثانیه | tbps | terabits per second | terabit",
    "Gbps": "غيغابت | جيجابت | جيغابت | گیگابیت | گیگابیتی | گیگابیت بر ثانیه | gbps | gigabits per second | gigabit | gb/s",
    "Mbps": "ميغابت | ميجابت | مگابیت | مگابیتی | مگابیت بر ثانیه | mbps | megabits per second | megabit | mb/s",
    "TB": "تيرابايت | ترابايت | ترابایت | tb | terabytes | terabyte",
    "GB": "جيجابايت | غيغابايت | گیگابایت | gb | gigabytes | gigabyte",
    "MW": "ميغاواط | ميجاواط | مگاوات | مگاواتی | mw | megawatts | megawatt",
    "other": "petabytes | petabyte | پتابایت | بيتابايت | طن | تن | tons | tonnes | متر مربع | square metres"
    " | متر | مترا | أمتار | امتار | مترا مربعا | متر مربع | متری | meters | metres | metre | meter | ميل | ميلا"
    " | أميال | miles | mile | كيلوغرام | كيلوغراما | كيلوغرامات | كيلوجرام | كيلوجراما | كيلوجرامات | کیلوگرم | كغ | kg | kilograms | سنتيمتر | سنتيمترات | cm"
    " | بوصة | إنش | إنشات | inches | inch | اینچ"
    " | square meters | هكتار | هکتار | hectares | kw | كيلوواط | کیلووات | gw | gigawatts | گیگاوات"
    " | لتر | لترا | لترات | ليتر | ليترا | ليترات | لیتر | litres | liters | litre | liter | كلغ | كيلو"
    " | كيلومتر مربع | كيلومترا مربعا | كيلومترات مربعة | كلم مربع | كم مربع | کیلومتر مربع | km2"
    " | square kilometres | square kilometers | كيلومتر في الساعة | كيلومترا في الساعة | كلم في الساعة"
    " | كم في الساعة | كلم/س | كم/س | km/h | kph | mph | kilometres per hour | miles per hour"
    " | ملي أمبير | مللي أمبير | ميلي أمبير | mah | ميغابيكسل | ميجابيكسل | ميغا بيكسل | ميجا بيكسل"
    " | megapixels | megapixel | بيكسل | بكسل | pixels | فرنك | فرنكا | francs | برميل | براميل | barrels"
    " | درجة مئوية | درجات مئوية | درجة | درجات | degrees celsius | degrees | °c | درجه سانتیگراد",
}


#: Currency signs and codes written before a number.
UNIT_BEFORE = {"%": "percent", "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
               "aed": "AED", "irr": "IRR", "try": "TRY",
               **{code: code.upper() for code in ["sar", "qar", "omr", "kwd", "bhd", "jod", "iqd", "egp", "gbp", "cny", "rmb", "amd", "azn", "inr", "pkr", "rub", "chf", "jpy", "yer", "lbp", "tnd", "mad", "dzd", "lyd"]}}
UNIT_BEFORE["rmb"] = "CNY"

#: A bare currency word names the currency of the country the figure concerns: "٩ مليارات
#: ريال" about Saudi Arabia is SAR, "50 مليون دينار" about Jordan JOD; the unit it reads as
#: alone (IRR, IQD, AED, TRY, EGP) stays for Iran, Iraq... and when the country is unknown.
NATIONAL_CURRENCY = {
    "IRR": {"SAU": "SAR", "QAT": "QAR", "OMN": "OMR", "YEM": "YER"},
    "IQD": {"KWT": "KWD", "JOR": "JOD", "BHR": "BHD", "LBY": "LYD", "TUN": "TND", "DZA": "DZD"},
    "AED": {"MAR": "MAD"},
    "TRY": {"LBN": "LBP", "SYR": "SYP"},
    "INR": {"PAK": "PKR"},
    "EGP": {"SDN": "SDG", "GBR": "GBP"},
}


#: A number followed by one of these counts time: a duration, an age or a date, not a figure.
TIME_WORDS = {
    "ar": "يوم يوما أيام يومين أسبوع أسابيع أسبوعين شهر شهرا أشهر شهور شهرين سنة سنوات سنين عام عاما"
    " أعوام عامين سنتين عقد عقود ساعة ساعات دقيقة دقائق ثانية ثوان قرن قرون مرة مرات بتوقيت توقيت غرينتش",
    "fa": "روز روزه هفته ماه ماهه سال ساله سالگی دهه ساعت دقیقه ثانیه قرن بار",
    "en": "day days week weeks month months year years decade decades hour hours minute minutes"
    " second seconds century centuries times gmt",
}


MONTHS = (
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر"
    " كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين"
    " فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه فوریه مارس آوریل مه"
    " ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر محرم صفر رمضان شوال"
    " جانفي فيفري أفريل ماي جوان جويلية أوت"
    " january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)


#: The Afghan solar months (Dari news dates by them: "۱۶ ثور"), read as a month only after a
#: number: before one, "حمل" and "جدی" are common words (transport, serious).
AFGHAN_MONTHS = "حمل ثور جوزا سرطان سنبله عقرب قوس جدی دلو حوت"


#: Words just before a number that make it an identifier, a clock time or an ordinal.
ID_BEFORE = (
    "رقم رقمه شماره number no nr المادة المادة ماده بند article resolution قرار قطعنامه فقرة اصل"
    " paragraph clause version نسخه نسخة الإصدار الدورة دوره session edition round الجولة جولة"
    " الساعة ساعت tel phone fax هاتف تلفن فاكس فکس كود کد code عدد العدد page صفحه صفحة hall"
    " سالن قاعة stand booth غرفه غرفة cop g d"
    " ص ب ext الدقيقة الشوط"
    " آيفون ايفون أيفون جالاكسي غالاكسي سنابدراغون ويندوز أندرويد اندرويد آيباد ايباد بلايستيشن"
)


#: Counted nouns that make "two ..." a referring phrase, not a figure.
REFERRING = (
    "countries country sides side nations nation parties party states governments ministers"
    " presidents leaders كشور کشور طرف جانب ملت دولت دولة بلد"
)


#: Number words that are also common words: figures only with a unit or scale.
AMBIGUOUS_WORDS = "نه ده سی ست احد واحد one یک a"


#: Words that soften a figure ("more than 100" is 100) or link it to its measure.
APPROX = (
    "نحو حوالي حوالى قرابة أكثر اكثر من أقل زهاء ما يقارب يقارب يزيد عن بنسبة بقيمة بمبلغ بحجم إلى الى"
    " حدود حدودا بیش بیشتر کمتر از بالغ بر حدود تقریبا نزدیک به حدوداً میزان"
    " about around nearly almost approximately more than less over under some up to of by at worth"
    " valued to roughly estimated an additional reached reach reaching hit hits totalled totaled"
    " amounted stood stands rose grew increased fell dropped topped exceeded surpassed"
    " بلغ بلغت وصل وصلت يبلغ تبلغ ارتفع ارتفعت تجاوز تجاوزت سجل سجلت رسید رسیده می‌رسد است بود"
    " يقرب قارب قاربت يقارب بمعدل بواقع قدره قدرها قيمته قيمتها مقداره مقدارها بسعر بتكلفة بكلفة"
    " البالغ البالغة إجمالية نسبته نسبتها نسبتهم"
)


#: Verbs of amount: a bare number after one is still a figure ("sales topped 150,000").
REACH_VERBS = (
    "reached topped exceeded surpassed hit totalled totaled stood بلغ بلغت تجاوز تجاوزت تخطى تخطت وصل وصلت"
    " رسید رسیده بالغ"
)


LINKERS = "من of از from among في in for للـ ل برای"


#: Function words: never what a figure counts, and where a measure phrase stops.
FUNCTION_WORDS = (
    "في من على إلى الى عن مع أن ان إن لا ما لم لن قد كان كانت هذا هذه ذلك تلك التي الذي الذين"
    " و او أو ثم بين حتى خلال بعد قبل عند منذ لدى حيث كما كل بعض غير أي وفي ومن وعلى وإلى"
    " وقد وأن وكان به بها له لها فيه فيها منه منها عليه عليها إليه هو هي هم نحو حوالي اكثر أكثر"
    " در از به با که را و یا تا برای این آن هر هم نیز بر های ها است بود شد شده می باشد کرد"
    " کند کنند دارد دارند هستند بین پس پیش روی زیر طی ای یک وی او ما منهم منها منهن آنها"
    " نفس ذات"
)


ENGLISH_STOP = (
    "a an the of in on at to for from by with and or but as is are was were be been has have had"
    " will would can could this that these those it its their his her they he she we which who"
    " than more less over under about around nearly some up into per also said says"
    " been being not no such other each both all any"
)


ENGLISH_VERBS = (
    "signed attended took participated joined registered reached received were are have has"
    " will would visited set launched opened held said announced"
)


YEAR_WORDS = frozenset(normalise(w) for w in ["عام", "سنة", "سنه", "العام", "سال", "year", "in", "since", "until", "from", "by"])


PERSIAN_VERBS = frozenset(normalise(w) for w in ["است", "هستند", "هست", "بود", "بودند", "شد", "شدند", "شده", "دارد", "دارند", "داشت", "داشتند", "کرد", "کردند", "کند", "کنند", "آماده", "رسید", "رسیده", "حضور", "فعال", "فعالند"])


#: Arabic words that end a measure phrase read backwards from its number: relative pronouns,
#: complementisers and clause openers ("... التي تبلغ 25 بالمئة", "رغم إعلان ...").
CLAUSE_WORDS = (
    "التي الذي الذين اللذين اللتين اللذان اللتان والتي والذي والذين أن ان أنه انه إنه بأن لأن"
    " وأن حين عندما بينما رغم ورغم إذ اذ حيث وحيث لكن ولكن وذلك وهي وهو وهذا وهذه كما وكما"
    " مقابل لدى عند قد وقد لقد بعدما وبعدما منذ مقارنة مقارنه بالمقارنة وبالتالي إما اما"
)


#: Time words that are no measure ("في الشهر", "نفس الشهر من عام", "الساعة الواحدة").
TIME_NOUNS = (
    "الشهر الشهري الشهرية شهريا العام السنة سنويا السنوي السنوية اليوم يوميا الأسبوع الساعة"
    " الدقيقة الماضي الماضية المقبل المقبلة الحالي الحالية الجاري نهاية بداية مطلع أواخر أوائل منتصف"
    " الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"
)


#: Nouns after a number that make it a fraction or a multiple, not a figure ("ثلاثة أرباع",
#: "ستة أمثاله", "ثلاثة أضعاف").
PARTS = "أرباع أثلاث أخماس أعشار أمثال أمثاله أمثالها أضعاف أضعافا أضعافه أضعافها"


#: Words that alone say only that something is measured (with a pronoun: "حجمه", "نسبتها").
GENERIC_MEASURES = (
    "نسبة نسبته نسبتها مستوى مستويات معدل قيمة قيمته قيمتها حجم حجمه حجمها مبلغ إجمالي بدوره بدورها"
    " آخرين أخرى آخر الاستبيان التسوية أكثر بأكثر بدلا بدل عوضا"
)


#: Nouns of change: alone they do not say what rose or fell ("بانخفاض 6 ملايين").
CHANGE_NOUNS = "انخفاض ارتفاع زيادة تراجع نمو هبوط صعود تقلص انكماش"


def verb_forms(form: str, kind: str) -> set[str]:
    """Return the normalised written forms of an Arabic verb of ``data/reference/verbs.csv``.

    ``past``: the third person past (بلغ → بلغت, بلغوا, وبلغ, فبلغت); ``present``: the third
    person present (يبلغ → تبلغ, يبلغون, سيبلغ, لتبلغ, ويبلغ); ``fixed``: that form, with و / ف.
    """
    out = {form}
    if kind == "past":
        base = form[:-1] if form.endswith(("ى", "ا")) else form
        out |= {base + "ت", base + "وا", base + "تا"} | ({form + "ا"} if base == form else set())
    elif kind == "present":
        out.add("ت" + form[1:])
        out |= {f[:-1] + "ون" if f.endswith(("ي", "و")) else f + "ون" for f in out}
        out |= {"س" + f for f in out} | {"ل" + f for f in out}
    out |= {"و" + f for f in out} | {"ف" + f for f in out}
    return {normalise(f) for f in out}


@cache
def arabic_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Return the written forms of the common news verbs of ``data/reference/verbs.csv``, and
    those of its verbs of amount (بلغ, ارتفع, تجاوز ...: their subject is what a figure measures)."""
    from techdiplomacy.reference import load

    forms: set[str] = set()
    amount: set[str] = set()
    for row in load("verbs").itertuples():
        if row.language == "ar":
            written = verb_forms(row.form, row.kind)
            forms |= written
            if row.amount == "yes":
                amount |= written
    return frozenset(forms), frozenset(amount)


def _number_words(units: dict[tuple[str, ...], str]) -> frozenset[str]:
    """Number words, scale words and one-word units: the pieces of another figure."""
    from techdiplomacy.extract.numerals import word_tables

    numbers, scales = word_tables()
    one_word = {phrase[0] for phrase in units if len(phrase) == 1}
    return frozenset(numbers) | frozenset(scales) | one_word | _norm_words("% ٪ المئة المائة بالمئة بالمائة")


def _norm_words(text: str) -> frozenset[str]:
    return frozenset(normalise(w) for w in text.split())


@cache
def word_sets() -> dict:
    stop = set(_norm_words(FUNCTION_WORDS)) | _norm_words(ENGLISH_STOP)
    units: dict[tuple[str, ...], str] = {}
    for unit, phrases in UNIT_AFTER.items():
        for phrase in phrases.split("|"):
            toks = tuple(TOKEN.findall(normalise(phrase.strip())))
            if toks:
                units[toks] = unit
    return {
        "stop": frozenset(stop),
        "units": units,
        "max_unit": max(len(k) for k in units),
        "unit_starts": frozenset(k[0] for k in units),  # no unit phrase starts with another word
        "time": {lang: _norm_words(words) for lang, words in TIME_WORDS.items()},
        "months": _norm_words(MONTHS),
        "months_after": _norm_words(MONTHS) | _norm_words(AFGHAN_MONTHS),
        "id_before": _norm_words(ID_BEFORE),
        "referring": _norm_words(REFERRING),
        "ambiguous": _norm_words(AMBIGUOUS_WORDS),
        "approx": _norm_words(APPROX),
        "linkers": _norm_words(LINKERS),
        "reach": _norm_words(REACH_VERBS),
        "en_verbs": _norm_words(ENGLISH_VERBS),
        "clause": _norm_words(CLAUSE_WORDS),
        "time_nouns": _norm_words(TIME_NOUNS) | _norm_words(MONTHS),
        "verbs": arabic_verbs()[0],
        "amount_verbs": arabic_verbs()[1],
        "change": _norm_words(CHANGE_NOUNS),
        "parts": _norm_words(PARTS),
        "generic": _norm_words(GENERIC_MEASURES),
        "number_words": _number_words(units),
    }


TOKEN = re.compile(r"\d+(?:[.,/]\d+)*|[^\W\d_]+(?:[-.'][^\W\d_]+)*|[%$€£]|[^\w\s]")


PUNCT = set(".,،;؛:!?؟()[]«»\"“”'|/\\-–—")


CURRENCY_UNITS = {"USD", "EUR", "IRR", "IRT", "SAR", "OMR", "QAR", "AED", "IQD", "KWD", "TRY", "RUB", "XOF",
                   "CNY", "AMD", "AZN", "INR", "GBP", "JOD", "BHD", "LYD", "TND", "DZD", "EGP", "MAD", "YER",
                   "LBP", "SYP", "PKR", "CHF", "JPY", "SDG"}


#: Characters read around a number for its unit and measure.
WINDOW_BEFORE, WINDOW_AFTER = 90, 160


#: :data:`TOKEN` as one group, for ``re.split``: [gap, token, gap, token, ..., gap].
#: :data:`TOKEN` as one group for ``re.split``, written to run faster with the same matches:
#: words first (most tokens are), possessive repeats (no backtracking to try), and a
#: look-ahead that lets the engine pass over spaces at once (tests/test_fast_paths.py).
_TOKEN_SPLIT = re.compile(r"(?=\S)([^\W\d_]++(?:[-.'][^\W\d_]++)*+|\d++(?:[.,/]\d++)*+|[%$€£]|[^\w\s])")


def tokens(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Return (start, end, token) of every :data:`TOKEN` match in ``norm[start:end]``.

    The same triples as ``TOKEN.finditer(norm, start, end)`` (the pattern has no anchors or
    look-arounds, so a slice reads the same), but the spans are summed from ``re.split``'s
    pieces in C rather than asked of every match object.
    """
    return split_spans(_TOKEN_SPLIT, norm, start, len(norm) if end is None else end)


def token_columns(norm: str, start: int = 0, end: int | None = None) -> tuple[list[int], list[int], list[str]]:
    """Return the starts, the ends and the texts of the :func:`tokens` of ``norm[start:end]``."""
    return split_columns(_TOKEN_SPLIT, norm, start, len(norm) if end is None else end)


def split_spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Return (start, end, match) of every match of ``pattern`` (one group around the whole
    pattern, never an empty match) in ``text[start:end]``, offsets into ``text``."""
    return list(zip(*split_columns(pattern, text, start, end)))


def split_columns(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """Return the starts, the ends and the texts of the matches :func:`split_spans` returns."""
    parts = pattern.split(text[start:end] if start or end != len(text) else text)
    bounds = list(accumulate(map(len, parts), initial=start))
    # parts alternate gap, match, gap, ...: match i spans bounds[2i + 1] .. bounds[2i + 2]
    return bounds[1:-2:2], bounds[2::2], parts[1::2]


def window_columns(norm: str, start: int, end: int, before: int = WINDOW_BEFORE,
                   after: int = WINDOW_AFTER) -> tuple[list[int], list[int], list[str]]:
    """The :func:`token_columns` of ``norm`` around [start, end), from a word boundary."""
    ws = max(0, start - before)
    if ws > 0:
        space = norm.find(" ", ws, start)
        ws = space + 1 if space >= 0 else start
    we = min(len(norm), end + after)
    if we < len(norm):
        space = norm.rfind(" ", end, we)
        we = space if space >= 0 else we
    return token_columns(norm, ws, we)


def index_at(starts: list[int], start: int) -> int | None:
    """Return the index of the token starting at ``start`` (``starts``: the tokens' starts)."""
    i = bisect.bisect_left(starts, start)
    return i if i < len(starts) and starts[i] == start else None


@lru_cache(maxsize=65536)
def strip_proclitics(word: str) -> str:
    """Drop Arabic proclitics و ب ل ف and the article from a word for lexicon look-ups."""
    for prefix in ("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word
