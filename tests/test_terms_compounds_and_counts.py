"""The classes the sixth held-out set (fresh5) found, each tested on sentences of its own besides
the held-out case, with wrong renderings of the class that stay flagged (issue 12): a country as
half of a compound, a title inside a longer title, states counted before a Chinese title, Arabic
duals, and a kept name changed by one letter (accented names included)."""

from __future__ import annotations

from term_verdicts import accepted_test, flagged_test

ACCEPTED = [
    # 1. the Forum on China-Africa Cooperation is a name of its own (the held-out cases)
    (
        "zh",
        "The Forum on China-Africa Cooperation summit was held in Beijing.",
        "中非合作论坛峰会在北京举行。",
    ),
    (
        "ru",
        "The summit of the Forum on China-Africa Cooperation opened in Beijing.",
        "В Пекине открылся саммит Форума китайско-африканского сотрудничества.",
    ),
    (
        "fr",
        "President Xi Jinping opened the Forum on China-Africa Cooperation summit in Beijing.",
        "Le président Xi Jinping a ouvert à Pékin le sommet du Forum sur la coopération "
        "sino-africaine.",
    ),
    ("es", "FOCAC ministers met in Dakar.", "Los ministros del FOCAC se reunieron en Dakar."),
    # ... and a country as half of any compound is written as the language writes such a half
    ("zh", "China-Africa cooperation has deepened.", "中非合作不断深化。"),
    ("zh", "China-Europe freight trains keep running.", "中欧班列持续运行。"),
    ("zh", "The China-Africa Summit opened.", "中非峰会开幕。"),
    ("zh", "The China-Latin America forum met.", "中拉论坛举行会议。"),
    ("ru", "China-Africa trade grew by 5 percent.", "Китайско-африканская торговля выросла на 5%."),
    (
        "ru",
        "Russia-China relations are at their best.",
        "Российско-китайские отношения находятся на высшем уровне.",
    ),
    (
        "fr",
        "China-Africa trade grew by 5 percent.",
        "Le commerce sino-africain a progressé de 5 %.",
    ),
    ("es", "China-Africa trade grew by 5 percent.", "El comercio chino-africano creció un 5 %."),
    ("es", "China-Africa trade grew by 5 percent.", "El comercio sino-africano creció un 5 %."),
    (
        "ar",
        "China-Africa trade grew by 5 percent.",
        "نمت التجارة الصينية-الأفريقية بنسبة 5 في المائة.",
    ),
    # 2. the title itself, and a longer title of the same office with a name inside
    (
        "zh",
        "Premier Li Qiang met the visiting president.",
        "国务院总理李强会见了来访的总统。",
    ),
    (
        "zh",
        "Premier Li Qiang and Vice Premier Ding Xuexiang attended.",
        "国务院总理李强和国务院副总理丁薛祥出席。",
    ),
    ("zh", "Secretary-General Antonio Guterres spoke.", "联合国秘书长古特雷斯发表讲话。"),
    (
        "ru",
        "He met the UN Secretary-General in Geneva.",
        "Он встретился с генсеком ООН в Женеве.",
    ),
    # 3. states counted before a Chinese title; Arabic duals
    (
        "zh",
        "The six heads of state pledged to build a China-Central Asia community with a "
        "shared future.",
        "六国元首承诺构建中国—中亚命运共同体。",
    ),
    ("zh", "The two heads of state held talks.", "两国元首举行会谈。"),
    ("zh", "The heads of state of the member states met.", "成员国元首举行会晤。"),
    (
        "ar",
        "China and Kazakhstan are permanent comprehensive strategic partners.",
        "الصين وكازاخستان شريكان استراتيجيان شاملان دائمان.",
    ),
    (
        "ar",
        "Wang said China and Russia are comprehensive strategic partners.",
        "وقال وانغ إن الصين وروسيا شريكين استراتيجيين شاملين.",
    ),
    ("ar", "The two ambassadors presented their credentials.", "قدم السفيران أوراق اعتمادهما."),
    # 4. a kept name with accents, kept exactly
    (
        "es",
        "Photo shows the ceremony in Buenos Aires. (Xinhua/Martín Zabala)",
        "La foto muestra la ceremonia en Buenos Aires. (Xinhua/Martín Zabala)",
    ),
    # 5. postings and short forms the glossary now lists
    (
        "zh",
        "China's Permanent Representative to the African Union attended.",
        "中国常驻非盟代表出席仪式。",
    ),
    (
        "zh",
        "China's Permanent Representative to the UN Office at Geneva and Other International "
        "Organizations in Switzerland Chen Xu spoke.",
        "中国常驻联合国日内瓦办事处和瑞士其他国际组织代表陈旭发言。",
    ),
]


test_correct_renderings_of_the_fresh5_classes_are_accepted = accepted_test(ACCEPTED)


FLAGGED = [
    # a compound of another country, or no compound, does not render China
    ("ru", "China-Africa trade grew.", "Японско-африканская торговля выросла.", "'China'"),
    ("fr", "China-Africa trade grew.", "Le commerce nippo-africain a progressé.", "'China'"),
    ("fr", "China and Africa trade more.", "Le commerce sino-africain a progressé.", "'China'"),
    ("es", "China-Africa trade grew.", "El comercio afro-japonés creció.", "'China'"),
    ("zh", "China-Africa cooperation has deepened.", "日非合作不断深化。", "'China'"),
    # two names that begin alike make no compound (中国 and 中亚: 中国—中亚, never 中中)
    ("zh", "China-Central Asia trade grew.", "中中贸易增长。", "'China'"),
    # a title inside a longer title of another office is that office
    (
        "zh",
        "Premier Li Qiang met the visiting president.",
        "国务院副总理李强会见了来访的总统。",
        "'Premier'",
    ),
    ("zh", "The ambassador attended.", "大使馆出席了活动。", "'ambassador'"),
    ("ru", "Premier Li Qiang spoke.", "Вице-премьер Госсовета КНР Ли Цян выступил.", "'Premier'"),
    (
        "fr",
        "Premier Li Qiang spoke.",
        "Le vice-Premier ministre chinois Li Qiang a parlé.",
        "'Premier'",
    ),
    ("ar", "Premier Li Qiang spoke.", "تحدث نائب رئيس مجلس الدولة الصيني لي تشيانغ.", "'Premier'"),
    # a count before another office is not a head of state
    ("zh", "The two heads of state held talks.", "两国总统举行会谈。", "'heads of state'"),
    ("zh", "The two heads of state held talks.", "两国元帅举行会谈。", "'heads of state'"),
    # a dual of other words, or a word of the term dropped, stays flagged
    (
        "ar",
        "China and Russia are comprehensive strategic partners.",
        "الصين وروسيا شريكان تجاريان شاملان.",
        "comprehensive strategic partners",
    ),
    (
        "ar",
        "China and Russia are comprehensive strategic partners.",
        "الصين وروسيا شريكان استراتيجيان.",
        "comprehensive strategic partners",
    ),
    # one letter changed in a kept name, or its accent dropped
    (
        "es",
        "Photo shows the ceremony. (Xinhua/Martín Zabala)",
        "La foto muestra la ceremonia. (Xinhua/Martín Zavala)",
        "name-changed: the name 'Martín Zabala'",
    ),
    (
        "fr",
        "Photo shows the ceremony. (Xinhua/Martín Zabala)",
        "La photo montre la cérémonie. (Xinhua/Martin Zabala)",
        "name-changed: the name 'Martín Zabala'",
    ),
    (
        "es",
        "Dr. Zoé Dubois spoke.",
        "La Dra. Zoe Dubois habló.",
        "name-changed: the name 'Zoé Dubois'",
    ),
]


test_wrong_renderings_of_the_fresh5_classes_stay_flagged = flagged_test(FLAGGED)
