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
    "choose_measure": {"en": "Measure (the most frequent in this unit)", "ar": "المقياس (الأكثر تكرارًا بهذه الوحدة)", "fa": "سنجه (پرتکرارترین‌ها در این واحد)"},
    "period": {"en": "Period", "ar": "الفترة", "fa": "دوره"},
    "period_D": {"en": "Day", "ar": "يوم", "fa": "روز"},
    "period_W": {"en": "Week", "ar": "أسبوع", "fa": "هفته"},
    "period_M": {"en": "Month", "ar": "شهر", "fa": "ماه"},
    "period_Y": {"en": "Year", "ar": "سنة", "fa": "سال"},
    "measure_shown": {"en": "Show", "ar": "اعرض", "fa": "نمایش"},
    "measure_count": {"en": "Articles", "ar": "عدد المقالات", "fa": "تعداد مقاله‌ها"},
    "measure_share": {"en": "Share of the view", "ar": "النسبة من العرض", "fa": "سهم از این نما"},
    "table_csv": {"en": "CSV", "ar": "CSV", "fa": "CSV"},
    "table_articles": {"en": "Articles", "ar": "المقالات", "fa": "مقاله\u200cها"},
    "table_mentions": {"en": "Mentions of countries, places, sectors and organisations", "ar": "إشارات البلدان والأماكن والقطاعات والجهات", "fa": "اشاره به کشورها، مکان\u200cها، بخش\u200cها و سازمان\u200cها"},
    "table_officials": {"en": "Officials", "ar": "المسؤولون", "fa": "مقامات"},
    "table_figures": {"en": "Figures", "ar": "الأرقام", "fa": "ارقام"},
    "table_article_topics": {"en": "Topics of each article", "ar": "مواضيع كل مقال", "fa": "موضوع\u200cهای هر مقاله"},
    "table_passage_topics": {"en": "Topics of each passage", "ar": "مواضيع كل فقرة", "fa": "موضوع\u200cهای هر بند"},
    "table_near_duplicates": {"en": "Near-duplicate groups", "ar": "مجموعات النسخ شبه المكررة", "fa": "گروه\u200cهای تقریباً تکراری"},
    "table_topics": {"en": "Topics", "ar": "المواضيع", "fa": "موضوع\u200cها"},
    "table_cooperation": {"en": "Cooperation", "ar": "التعاون", "fa": "همکاری"},
    "table_cooperation_threads": {"en": "Cooperation threads", "ar": "مسارات التعاون", "fa": "رشته\u200cهای همکاری"},
    "upload_limits": {
        "en": "Up to {upload_mb} MB per file. JSON Lines, CSV, Parquet and WARC files are read record by record, "
              "each article up to {record_mb} MB; other files are read whole, up to {file_mb} MB once decompressed.",
        "ar": "حتى {upload_mb} ميغابايت للملف. تُقرأ ملفات JSONL وCSV وParquet وWARC سجلًا سجلًا، وكل مقال حتى "
              "{record_mb} ميغابايت؛ وتُقرأ الملفات الأخرى كاملة، حتى {file_mb} ميغابايت بعد فك الضغط.",
        "fa": "تا {upload_mb} مگابایت برای هر پرونده. پرونده‌های JSONL، CSV، Parquet و WARC رکورد به رکورد خوانده "
              "می‌شوند و هر مقاله تا {record_mb} مگابایت؛ پرونده‌های دیگر کامل خوانده می‌شوند، تا {file_mb} مگابایت پس از گشودن.",
    },
    "backup": {"en": "Backup", "ar": "نسخة احتياطية", "fa": "پشتیبان"},
    "backup_button": {"en": "⬇ Back up the whole store (zip of CSVs and a manifest; restore with techdiplomacy import)", "ar": "⬇ نسخة احتياطية من المخزن كله (ملف zip من جداول CSV وبيان؛ للاستعادة: techdiplomacy import)", "fa": "⬇ پشتیبان از کل پایگاه داده (zip از جدول\u200cهای CSV و فهرست؛ بازیابی با techdiplomacy import)"},
    "tab_upload": {"en": "Upload files", "ar": "رفع ملفات", "fa": "بارگذاری فایل"},
    "tab_paste": {"en": "Paste text", "ar": "لصق نص", "fa": "چسباندن متن"},
    "tab_link": {"en": "Web page", "ar": "صفحة ويب", "fa": "صفحه وب"},
    "tab_feeds": {"en": "RSS/Atom feeds", "ar": "خلاصات RSS/Atom", "fa": "خوراک\u200cهای RSS/Atom"},
    "upload_label": {"en": "Articles (txt, md, json, jsonl, csv, html, xml, zip)", "ar": "مقالات (txt وmd وjson وjsonl وcsv وhtml وxml وzip)", "fa": "مقاله\u200cها (txt، md، json، jsonl، csv، html، xml، zip)"},
    "upload_button": {"en": "Choose files", "ar": "اختر ملفات", "fa": "انتخاب فایل\u200cها"},
    "upload_hint": {
        "en": "or drag them here · up to {upload_mb} MB per file",
        "ar": "أو اسحبها إلى هنا · حتى {upload_mb} ميغابايت للملف",
        "fa": "یا آن\u200cها را اینجا بکشید · هر فایل تا {upload_mb} مگابایت",
    },
    "upload_dragging": {"en": "Drop the files here", "ar": "أفلت الملفات هنا", "fa": "فایل\u200cها را اینجا رها کنید"},
    "add_files": {"en": "Add files", "ar": "أضف الملفات", "fa": "افزودن فایل\u200cها"},
    "article_text": {"en": "Article text", "ar": "نص المقال", "fa": "متن مقاله"},
    "title_optional": {"en": "Title (optional)", "ar": "العنوان (اختياري)", "fa": "عنوان (اختیاری)"},
    "date_optional": {"en": "Date (optional, e.g. 2024-08-12 or ۲۲ مرداد ۱۴۰۳)", "ar": "التاريخ (اختياري، مثل 2024-08-12 أو ۲۲ مرداد ۱۴۰۳)", "fa": "تاریخ (اختیاری، مثلاً ۲۲ مرداد ۱۴۰۳ یا 2024-08-12)"},
    "source_optional": {"en": "Source (optional)", "ar": "المصدر (اختياري)", "fa": "منبع (اختیاری)"},
    "url_optional": {"en": "URL (optional)", "ar": "الرابط (اختياري)", "fa": "نشانی (اختیاری)"},
    "add_text": {"en": "Add text", "ar": "أضف النص", "fa": "افزودن متن"},
    "page_url": {"en": "Web page URL (http or https)", "ar": "رابط صفحة الويب (http أو https)", "fa": "نشانی صفحه وب (http یا https)"},
    "fetch_and_add": {"en": "Fetch and add", "ar": "اجلب وأضف", "fa": "دریافت و افزودن"},
    "fetching": {"en": "Fetching…", "ar": "جارٍ الجلب…", "fa": "در حال دریافت…"},
    "only_http": {"en": "Only http(s) addresses can be fetched.", "ar": "لا يمكن جلب إلا عناوين http(s).", "fa": "فقط نشانی\u200cهای http(s) دریافت می\u200cشوند."},
    "feed_url": {"en": "Feed URL (RSS or Atom)", "ar": "رابط الخلاصة (RSS أو Atom)", "fa": "نشانی خوراک (RSS یا Atom)"},
    "follow_feed": {"en": "Follow feed and fetch it now", "ar": "تابع الخلاصة واجلبها الآن", "fa": "دنبال کردن خوراک و دریافت آن اکنون"},
    "fetching_feed": {"en": "Fetching the feed…", "ar": "جارٍ جلب الخلاصة…", "fa": "در حال دریافت خوراک…"},
    "refresh_feeds": {"en": "Refresh feeds", "ar": "حدّث الخلاصات", "fa": "به\u200cروزرسانی خوراک\u200cها"},
    "refreshing_feeds": {"en": "Refreshing feeds…", "ar": "جارٍ تحديث الخلاصات…", "fa": "در حال به\u200cروزرسانی خوراک\u200cها…"},
    "adding": {"en": "Adding…", "ar": "جارٍ الإضافة…", "fa": "در حال افزودن…"},
    "add_progress": {"en": "{stage}: {done} of {total}", "ar": "{stage}: {done} من {total}", "fa": "{stage}: {done} از {total}"},
    "add_result": {"en": "{added} added, {duplicate} duplicate, {rejected} rejected", "ar": "أضيف: {added}، مكرر: {duplicate}، مرفوض: {rejected}", "fa": "افزوده: {added}، تکراری: {duplicate}، ردشده: {rejected}"},
    "private_refused": {"en": "Addresses on this machine's own network (loopback, private ranges) are refused; set TECHDIPLOMACY_ALLOW_PRIVATE=1 to allow them.", "ar": "تُرفض عناوين الشبكة الخاصة بهذا الجهاز (loopback والنطاقات الخاصة)؛ للسماح بها اضبط TECHDIPLOMACY_ALLOW_PRIVATE=1.", "fa": "نشانی\u200cهای شبکه خود این دستگاه (loopback و بازه\u200cهای خصوصی) پذیرفته نمی\u200cشوند؛ برای اجازه، TECHDIPLOMACY_ALLOW_PRIVATE=1 را تنظیم کنید."},
    "articles_in_store": {"en": "Articles in the store: {n}", "ar": "المقالات في المخزن: {n}", "fa": "مقاله\u200cهای پایگاه داده: {n}"},
    "store_in_use": {
        "en": "Store: {path} (another: techdiplomacy dashboard --store PATH)",
        "ar": "المخزن: {path} (لفتح غيره: techdiplomacy dashboard --store PATH)",
        "fa": "پایگاه داده: {path} (برای دیگری: techdiplomacy dashboard --store PATH)",
    },
    "choose": {"en": "Type or choose", "ar": "اكتب أو اختر", "fa": "بنویسید یا انتخاب کنید"},
    "facet_option": {"en": "{option} — {n}", "ar": "{option} — {n}", "fa": "{option} — {n}"},
    "facet_help": {
        "en": "The number after each option: the articles it selects under the other filters.",
        "ar": "الرقم بعد كل خيار: عدد المقالات التي يختارها مع بقية المرشحات.",
        "fa": "عدد کنار هر گزینه: شمار مقاله‌هایی که با بقیه فیلترها برمی‌گزیند.",
    },
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
    "partners_from_cooperation": {
        "en": "Partners are the states party to a cooperation with Iran in these articles, and their fields are the fields of that cooperation; a country only named in passing is no partner.",
        "ar": "الشركاء هم الدول الطرف في تعاون مع إيران في هذه المقالات، ومجالاتهم هي مجالات ذلك التعاون؛ والدولة التي يرد اسمها عرضاً ليست شريكاً.",
        "fa": "شریکان کشورهایی‌اند که در این مقاله‌ها طرف همکاری با ایران‌اند و حوزه‌هایشان حوزه‌های همان همکاری است؛ کشوری که فقط نامش در گذر آمده شریک نیست.",
    },
    "partners_from_mentions": {
        "en": "This store holds no cooperation rows: partners here are the countries the articles name (a city alone does not make its country a partner), and their fields the sectors those articles mention.",
        "ar": "لا يضم هذا المخزن صفوف تعاون: الشركاء هنا هم الدول التي تسميها المقالات (ذكر مدينة وحده لا يجعل دولتها شريكاً)، ومجالاتهم القطاعات التي تذكرها تلك المقالات.",
        "fa": "این مخزن هیچ ردیف همکاری ندارد: شریکان اینجا کشورهایی‌اند که مقاله‌ها نام می‌برند (نام یک شهر به‌تنهایی کشورش را شریک نمی‌کند) و حوزه‌هایشان بخش‌هایی که آن مقاله‌ها ذکر می‌کنند.",
    },
    "thread_click_hint": {
        "en": "Click a mark on the timeline to read its thread's evidence here.",
        "ar": "انقر على علامة في الخط الزمني لتقرأ أدلة مساره هنا.",
        "fa": "روی نشانه‌ای در خط زمانی کلیک کنید تا شواهد رشته‌اش را اینجا بخوانید.",
    },
    "no_partners": {"en": "No partner in these articles.", "ar": "لا شريك في هذه المقالات.", "fa": "در این مقاله‌ها شریکی نیست."},
    "partner_cooperation": {"en": "Cooperation with {partner}", "ar": "التعاون مع {partner}", "fa": "همکاری با {partner}"},
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
    "store_damaged": {
        "en": "The store {path} is damaged and cannot be read: restore it from a backup or build it again.",
        "ar": "المخزن {path} تالف ولا يمكن قراءته: استعده من نسخة احتياطية أو ابنه من جديد.",
        "fa": "پایگاه داده {path} آسیب دیده و خواندنی نیست: آن را از نسخه پشتیبان بازگردانید یا دوباره بسازید.",
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
    "col_countries": {"en": "Countries", "ar": "البلدان", "fa": "کشورها"},
    "col_sectors": {"en": "Sectors", "ar": "القطاعات", "fa": "بخش‌ها"},
    "col_first": {"en": "First", "ar": "الأول", "fa": "نخستین"},
    "col_latest": {"en": "Latest", "ar": "الأخير", "fa": "آخرین"},
    "col_n_articles": {"en": "Articles", "ar": "المقالات", "fa": "مقاله‌ها"},
    "map_sample": {
        "en": "The map shows a fixed sample of {shown} of the {total} articles.",
        "ar": "تعرض الخريطة عينة ثابتة من {shown} من أصل {total} مقالاً.",
        "fa": "نقشه نمونه‌ای ثابت از {shown} مقاله از {total} مقاله را نشان می‌دهد.",
    },
    "data_csv": {"en": "Data (CSV)", "ar": "البيانات (CSV)", "fa": "داده‌ها (CSV)"},
    "evidence_zip": {"en": "Evidence bundle (zip)", "ar": "حزمة الأدلة (zip)", "fa": "بسته شواهد (zip)"},
    "no_image_export": {
        "en": "PNG and SVG downloads are off on this machine: {reason}. The other downloads work; the evidence bundle comes without images.",
        "ar": "تنزيل PNG وSVG غير متاح على هذا الجهاز: {reason}. التنزيلات الأخرى تعمل، وتأتي حزمة الأدلة بلا صور.",
        "fa": "دانلود PNG و SVG روی این دستگاه ممکن نیست: {reason}. دانلودهای دیگر کار می‌کنند و بسته شواهد بدون تصویر است.",
    },
    "download_failed": {
        "en": "The last {what} download failed: {reason}",
        "ar": "فشل آخر تنزيل بصيغة {what}: {reason}",
        "fa": "آخرین دانلود {what} ناموفق بود: {reason}",
    },
}


def t(key: str, lang: str = "en", **fields) -> str:
    """Return the phrase ``key`` in ``lang`` (English if missing), formatted with ``fields``."""
    entry = PAGE_TEXT.get(key)
    if entry is None:
        return labels.message(key, lang, **fields)
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


#: Progress stages by name (the part of a stage before any ":").
PROGRESS_STAGES: dict[str, dict[str, str]] = {
    "extract": {"en": "extract", "ar": "الاستخراج", "fa": "استخراج"},
    "re-extract": {"en": "re-extract", "ar": "إعادة الاستخراج", "fa": "استخراج دوباره"},
    "add": {"en": "add", "ar": "الإضافة", "fa": "افزودن"},
    "topics": {"en": "topics", "ar": "المواضيع", "fa": "موضوع\u200cها"},
    "near-duplicates": {"en": "near-duplicates", "ar": "النسخ شبه المكررة", "fa": "تقریباً تکراری\u200cها"},
    "dashboard tables": {"en": "dashboard tables", "ar": "جداول لوحة المعلومات", "fa": "جدول\u200cهای داشبورد"},
}
#: What the number of each progress stage counts ("extract: 1500" reads as 1500 articles read).
PROGRESS_UNITS: dict[str, dict[str, str]] = {
    "extract": {"en": "articles read", "ar": "مقالًا مقروءًا", "fa": "مقاله خوانده شد"},
    "re-extract": {"en": "articles re-extracted", "ar": "مقالًا أعيد استخراجه", "fa": "مقاله دوباره استخراج شد"},
    "add": {"en": "articles added", "ar": "مقالًا مضافًا", "fa": "مقاله افزوده شد"},
    "topics: articles scored": {"en": "articles scored", "ar": "مقالًا مصنفًا", "fa": "مقاله امتیاز گرفت"},
    "topics: articles with paragraphs scored": {"en": "articles with paragraphs scored", "ar": "مقالًا صُنّفت فقراته", "fa": "مقاله که بندهایش امتیاز گرفت"},
    "near-duplicates: texts signed": {"en": "texts signed", "ar": "نصًا موقّعًا", "fa": "متن امضا شد"},
    "near-duplicates: candidate pairs to verify": {"en": "candidate pairs to verify", "ar": "زوجًا مرشحًا للتحقق", "fa": "جفت نامزد برای بررسی"},
}
PROGRESS_WORDS: dict[str, dict[str, str]] = {
    "started": {"en": "started", "ar": "بدأ", "fa": "آغاز شد"},
    "done": {"en": "done", "ar": "تم", "fa": "انجام شد"},
    "of": {"en": "{done} of {total}", "ar": "{done} من {total}", "fa": "{done} از {total}"},
    "building": {
        "en": "Building the store from the shipped articles…",
        "ar": "جارٍ بناء المخزن من المقالات المرفقة…",
        "fa": "در حال ساختن پایگاه داده از مقاله\u200cهای همراه…",
    },
}


def progress_text(stage: str, done: int, total: int | None, lang: str = "en") -> str:
    """Return a progress line in ``lang`` that says what it counts: "extract: 1,500 articles
    read", "add: 3 of 10 articles added", "near-duplicates: 5 of 10 texts signed", "topics:
    started" (a stage announced with nothing done yet). A stage unknown here keeps its name."""
    def word(key: str, **fields) -> str:
        entry = PROGRESS_WORDS[key]
        return (entry.get(lang) or entry["en"]).format(**fields)

    head = stage.split(":", 1)[0].strip()
    name = PROGRESS_STAGES.get(head, {}).get(lang) or head
    if not done and not total:
        return f"{name}: {word('started')}"
    unknown = stage.split(":", 1)[1].strip() if ":" in stage else word("done")
    unit = PROGRESS_UNITS.get(stage, {}).get(lang) or PROGRESS_UNITS.get(stage, {}).get("en") or unknown
    count = word("of", done=f"{done:,}", total=f"{total:,}") if total else f"{done:,}"
    return f"{name}: {count} {unit}"
