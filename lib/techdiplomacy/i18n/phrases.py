"""UI phrases of the pages (titles, widget labels, captions) in en, ar and fa.

Chart titles and filter sentences live in :mod:`techdiplomacy.i18n.labels`; :func:`t` looks there
when a key is not a page phrase, so pages use one function for every phrase.
"""

from __future__ import annotations

from techdiplomacy.i18n import labels

PAGE_TEXT: dict[str, dict[str, str]] = {
    "app_title": {"en": "Iran's technology diplomacy", "ar": "دبلوماسية التكنولوجيا الإيرانية", "fa": "دیپلماسی فناوری ایران"},
    "page_overview": {"en": "Overview", "ar": "نظرة عامة", "fa": "نمای کلی"},
    "page_countries": {"en": "Countries", "ar": "البلدان", "fa": "کشورها"},
    "page_sectors": {"en": "Sectors", "ar": "القطاعات", "fa": "بخش‌ها"},
    "page_officials": {"en": "Officials", "ar": "المسؤولون", "fa": "مقامات"},
    "page_figures": {"en": "Figures", "ar": "الأرقام", "fa": "ارقام"},
    "page_topics": {"en": "Topics", "ar": "المواضيع", "fa": "موضوع‌ها"},
    "page_articles": {"en": "Articles", "ar": "المقالات", "fa": "مقاله‌ها"},
    "page_data": {"en": "Data", "ar": "البيانات", "fa": "داده‌ها"},
    "page_cooperation": {"en": "Cooperation", "ar": "التعاون", "fa": "همکاری"},
    "page_add": {"en": "Add articles", "ar": "إضافة مقالات", "fa": "افزودن مقاله"},
    "filters": {"en": "Filters", "ar": "المرشحات", "fa": "فیلترها"},
    "display_language": {"en": "Display language", "ar": "لغة العرض", "fa": "زبان نمایش"},
    "partner_country": {"en": "Partner country", "ar": "البلد الشريك", "fa": "کشور شریک"},
    "date_range": {"en": "Date range", "ar": "الفترة", "fa": "بازه زمانی"},
    "search": {"en": "Search the text", "ar": "ابحث في النص", "fa": "جستجو در متن"},
    "clear_filters": {"en": "Clear filters", "ar": "مسح المرشحات", "fa": "پاک کردن فیلترها"},
    "countries_n": {"en": "Countries", "ar": "البلدان", "fa": "کشورها"},
    "figures_n": {"en": "Figures", "ar": "الأرقام", "fa": "ارقام"},
    "topics_n": {"en": "Topics", "ar": "المواضيع", "fa": "موضوع‌ها"},
    "evidence": {"en": "Evidence sentences", "ar": "جمل الأدلة", "fa": "جمله‌های شاهد"},
    "evidence_hint": {
        "en": "Select bars, cells or points in a chart to filter by them; the sentences behind the selection show here.",
        "ar": "حدد أعمدة أو خلايا أو نقاطاً في رسم بياني للتصفية بها؛ تظهر هنا الجمل التي تستند إليها.",
        "fa": "ستون‌ها، خانه‌ها یا نقطه‌های نمودار را انتخاب کنید تا بر اساس آن‌ها فیلتر شود؛ جمله‌های پشتوانه اینجا نمایش داده می‌شوند.",
    },
    "downloads": {"en": "Download", "ar": "تنزيل", "fa": "دانلود"},
    "bilateral": {"en": "Bilateral view", "ar": "العلاقات الثنائية", "fa": "نمای دوجانبه"},
    "choose_partner": {"en": "Partner", "ar": "الشريك", "fa": "شریک"},
    "choose_sector": {"en": "Sector", "ar": "القطاع", "fa": "بخش"},
    "choose_unit": {"en": "Unit", "ar": "الوحدة", "fa": "واحد"},
    "ledger": {"en": "Ledger of figures", "ar": "سجل الأرقام", "fa": "دفتر ارقام"},
    "representative": {"en": "Representative passages", "ar": "فقرات تمثيلية", "fa": "بندهای نماینده"},
    "read_article": {"en": "Read an article", "ar": "اقرأ مقالاً", "fa": "خواندن مقاله"},
    "near_duplicates": {"en": "Near-duplicates of this article", "ar": "نسخ شبه مكررة من هذا المقال", "fa": "نسخه‌های تقریباً تکراری این مقاله"},
    "no_articles": {
        "en": "No articles yet: add some on the Add articles page or run `techdiplomacy build`.",
        "ar": "لا توجد مقالات بعد: أضف مقالات من صفحة إضافة مقالات أو شغّل `techdiplomacy build`.",
        "fa": "هنوز مقاله‌ای نیست: از صفحه افزودن مقاله اضافه کنید یا `techdiplomacy build` را اجرا کنید.",
    },
    "errors_read": {"en": "Files that could not be read", "ar": "ملفات تعذرت قراءتها", "fa": "فایل‌هایی که خوانده نشدند"},
    "store_busy": {
        "en": "The store is being built or updated by another program; reload the page in a moment.",
        "ar": "يجري بناء المخزن أو تحديثه من برنامج آخر؛ أعد تحميل الصفحة بعد لحظات.",
        "fa": "پایگاه داده در حال ساخت یا به‌روزرسانی توسط برنامه دیگری است؛ چند لحظه بعد صفحه را دوباره بارگذاری کنید.",
    },
    "rows_shown": {"en": "Rows {first}–{last} of {total}", "ar": "الصفوف {first}–{last} من {total}", "fa": "ردیف‌های {first}–{last} از {total}"},
    "page_number": {"en": "Page", "ar": "الصفحة", "fa": "صفحه"},
    "full_csv": {"en": "all {total} rows", "ar": "كل الصفوف ({total})", "fa": "همه ردیف‌ها ({total})"},
    "people": {"en": "People", "ar": "الأشخاص", "fa": "افراد"},
    # the Cooperation page (issue 17)
    "milestones": {"en": "Newest signings and implementations", "ar": "أحدث التوقيعات وعمليات التنفيذ", "fa": "تازه‌ترین امضاها و اجراها"},
    "no_milestones": {"en": "No signing or implementation under these filters.", "ar": "لا توقيع ولا تنفيذ ضمن هذه المرشحات.", "fa": "با این فیلترها امضا یا اجرایی نیست."},
    "thread_list": {"en": "Threads", "ar": "المسارات", "fa": "رشته‌ها"},
    "thread_evidence": {"en": "Evidence of a thread", "ar": "أدلة مسار", "fa": "شواهد یک رشته"},
    "undated_threads": {
        "en": "{n} of {total} threads have no date and are not on the timeline (they are in the tables).",
        "ar": "{n} من أصل {total} مساراً بلا تاريخ فلا تظهر على الخط الزمني (هي في الجداول).",
        "fa": "{n} رشته از {total} رشته تاریخ ندارند و روی خط زمانی نیستند (در جدول‌ها هستند).",
    },
    "col_published": {"en": "Date", "ar": "التاريخ", "fa": "تاریخ"},
    "col_partners": {"en": "Partners", "ar": "الشركاء", "fa": "شریکان"},
    "col_stage": {"en": "Stage", "ar": "المرحلة", "fa": "مرحله"},
    "col_gloss": {"en": "In brief", "ar": "باختصار", "fa": "به اختصار"},
    "col_sentence": {"en": "Evidence as written", "ar": "الدليل كما ورد", "fa": "شاهد به همان صورت"},
    "col_article_id": {"en": "Article", "ar": "المقال", "fa": "مقاله"},
    "col_stages": {"en": "Stages", "ar": "المراحل", "fa": "مراحل"},
    "col_sectors": {"en": "Sectors", "ar": "القطاعات", "fa": "بخش‌ها"},
    "col_first": {"en": "First", "ar": "الأول", "fa": "نخستین"},
    "col_latest": {"en": "Latest", "ar": "الأخير", "fa": "آخرین"},
    "col_n_articles": {"en": "Articles", "ar": "المقالات", "fa": "مقاله‌ها"},
    "map_sample": {
        "en": "The map shows a fixed sample of {shown} of the {total} articles.",
        "ar": "تعرض الخريطة عينة ثابتة من {shown} من أصل {total} مقالاً.",
        "fa": "نقشه نمونه‌ای ثابت از {shown} مقاله از {total} مقاله را نشان می‌دهد.",
    },
}


def t(key: str, lang: str = "en", **fields) -> str:
    """Return the phrase ``key`` in ``lang`` (English if missing), formatted with ``fields``."""
    entry = PAGE_TEXT.get(key)
    if entry is None:
        return labels.message(key, lang, **fields)
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text
