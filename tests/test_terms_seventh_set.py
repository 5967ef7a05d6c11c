"""Correct copy the seventh held-out set (fresh6) found flagged, by class, each tested on
sentences of its own besides the held-out cases, with wrong renderings that must stay flagged:
a deputy's title is not the title; a rendering that names a second term of the source renders
both; Russian names and places in -ь decline and a place may be its relational adjective;
Spanish plurals of «primer»; an Arabic dual keeps its number; the press's short forms."""

from __future__ import annotations

from term_verdicts import accepted_test, flagged_test

ACCEPTED = [
    # A deputy's office is another office: "Foreign Minister" inside it is not required.
    (
        "es",
        "Deputy Foreign Minister Ma Zhaoxu received the envoy in Beijing.",
        "El viceministro de Relaciones Exteriores Ma Zhaoxu recibió al enviado en Pekín.",
    ),
    ("zh", "Vice Foreign Minister Ma Zhaoxu received the envoy.", "外交部副部长马朝旭会见了特使。"),
    (
        "zh",
        "China's deputy permanent representative to the UN spoke at the open debate.",
        "中国常驻联合国副代表在公开辩论会上发言。",
    ),
    # A rendering that names a term the source names apart renders both.
    (
        "zh",
        "The leaders attended the meeting of the Council of Heads of State of the SCO in Astana.",
        "领导人出席了在阿斯塔纳举行的上合组织成员国元首理事会会议。",
    ),
    (
        "ru",
        "Premier Li Qiang of China arrived in Astana.",
        "Премьер Госсовета КНР Ли Цян прибыл в Астану.",
    ),
    # Russian: a name or place in a consonant or -ь declines; a relational adjective.
    (
        "ru",
        "Wang Yi held talks with Premier Li Qiang.",
        "Ван И провел переговоры с премьером Госсовета КНР Ли Цяном.",
    ),
    ("ru", "The forum opened in Tianjin.", "Форум открылся в Тяньцзине."),
    ("ru", "Delegates gathered in New York.", "Делегаты собрались в Нью-Йорке."),
    (
        "ru",
        "The envoy met Antonio Guterres.",
        "Посланник встретился с Антониу Гутерришем.",
    ),
    (
        "ru",
        "The ministers signed the Beijing Declaration.",
        "Министры подписали Пекинскую декларацию.",
    ),
    # Spanish: «primer» before a noun, «primeros» in the plural.
    (
        "es",
        "The premiers of the two countries met in Beijing.",
        "Los primeros ministros de los dos países se reunieron en Pekín.",
    ),
    # Arabic: a dual rendering with a proclitic.
    (
        "ar",
        "Delegates arrived in Beijing for the two sessions.",
        "وصل المندوبون إلى بكين للمشاركة في الدورتين.",
    ),
    # The press's short forms: 访华 (to China), КНР, глава МИД, 两会, 使馆, المندوب الدائم.
    ("zh", "The president's visit to China was a success.", "总统此次访华取得圆满成功。"),
    ("ru", "The delegation of China arrived.", "Прибыла делегация КНР."),
    (
        "ru",
        "The foreign ministers met in Astana.",
        "Главы МИД встретились в Астане.",
    ),
    ("zh", "The two sessions closed in Beijing.", "两会在北京闭幕。"),
    ("zh", "The embassy issued a notice.", "使馆发布了通知。"),
    (
        "ar",
        "The Permanent Representative spoke at the Security Council.",
        "تحدث المندوب الدائم أمام مجلس الأمن.",
    ),
]


test_correct_copy_is_not_flagged = accepted_test(ACCEPTED)


FLAGGED = [
    # The plain title rendered as the deputy's is wrong.
    (
        "es",
        "Foreign Minister Wang Yi received the envoy.",
        "El viceministro de Relaciones Exteriores Wang Yi recibió al enviado.",
    ),
    ("zh", "Foreign Minister Wang Yi received the envoy.", "外交部副部长王毅会见了特使。"),
    # The CPC inside «Comité Central del PCCh» is still the committee's, not a second CPC.
    (
        "es",
        "The CPC Central Committee praised the CPC members.",
        "El Comité Central del PCCh elogió a los miembros.",
    ),
    # An Arabic dual rendered in the singular is another thing.
    (
        "ar",
        "More than 2,000 deputies attended the two sessions.",
        "حضر أكثر من 2000 نائب الدورة.",
    ),
    # A name that declines is still the name: another person is flagged.
    ("ru", "Wang Yi held talks with Premier Li Qiang.", "Ван И провел переговоры с Ли Кэцяном."),
]


test_wrong_copy_stays_flagged = flagged_test(FLAGGED)
