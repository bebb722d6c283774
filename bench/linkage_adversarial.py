"""Adversarial evaluation set for `qorgau match`, written independently of the engine.

A seeded generator of two lists of the same synthetic caseload -- a "government" list in
Cyrillic (Russian/Kazakh conventions) and a "partner" list in Latin -- with the hard cases of
the region planted at stated rates, and the truth and the phenomena of every true pair (and of
every hard non-pair) written beside them, so that a matcher's quality can be broken down by
phenomenon.  It was written without reading the engine, its name tables or its own generator:
only the input format (docs/guide/matching.md) and the domain brief.

    python bench/linkage_adversarial.py --seed 1 --size 3000 --out DIR [--stats]
    python bench/linkage_adversarial.py --score PAIRS.csv --out DIR

Generation writes DIR/left.csv, DIR/right.csv (columns id, family_name, given_name,
patronymic, sex, date_of_birth, place_of_birth, nationality, document_number), DIR/truth.csv
(left_id,right_id) and DIR/phenomena.csv (left_id,right_id,is_match,tags with tags joined by
"|").  Scoring reads PAIRS.csv (left_id,right_id[,probability], the output of `qorgau match`)
and prints precision, recall and F1, then per tag the recall on true pairs and the false
positives among hard non-pairs.

Population (all names synthetic: pools of common given and family names recombined at random,
never real individuals).  Origins are weighted like a protection caseload in Kazakhstan, but
with refugees over-represented against the 2024 fact sheet (where ~90% are stateless) so that
the Afghan and Ukrainian phenomena have enough support:
    stateless / undetermined nationality, long-term residents: Kazakh 19%, Russian 12%,
    Uzbek 14%, Kyrgyz 5%, Tajik 5%, Uyghur 4%, Turkmen 3%;
    refugees and asylum-seekers: Afghan 22%, Ukrainian 16% (arrived 2022 onwards).

Each person is rendered once on each side by independent noisy processes (government
conventions on the left, the partner's transliteration on the right); a shuffle then decides
who is on both sides (the true matches, --match-rate of the right side), on the left only and
on the right only.  Ids are random and independent on each side; row order is shuffled.

Standard library only; deterministic for a given seed (one random.Random, lists only, no
iteration over sets or hash-ordered containers, no clock).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
from collections import Counter
from typing import Any

# ---------------------------------------------------------------------------------------------
# Rates of the phenomena (per person rendering, i.e. per true pair).  Each is an independent
# draw unless said otherwise; they were set from the phenomena as they occur in the region's
# lists, not from any engine's results.
# ---------------------------------------------------------------------------------------------
RATES = {
    # clusters of confusable people, as a share of all persons generated
    "namesake": 0.045,  # same family, given, patronymic, place; other dates of birth
    "namesake_nopatr": 0.02,  # same without patronymic on anyone in the cluster
    "sibling": 0.08,  # household of 2-4 children of one father, one place
    "twin": 0.015,  # two children, same date, different given names
    # name order and fields (right side; the left, a government list, keeps its fields)
    "name_swap": 0.07,  # family and given swapped
    "swap_nopatr": 0.04,  # swapped and patronymic dropped ("Aigerim Bekova")
    "fullname_in_family": 0.025,  # "Bekova Aigerim Erlanovna" all in family_name
    "patr_in_given": 0.03,  # given_name "Aigerim Erlanovna", patronymic empty
    # patronymic and gendered forms
    "right_patr_present": 0.5,  # partners record a patronymic about half the time
    "patr_style_native": 0.3,  # -uly/-kyzy, ugli/kizi, uulu on the right against -ovich left
    "left_patr_native": 0.25,  # government itself writes Ерланұлы / Алишер угли
    "fem_masc": 0.03,  # woman's family name in the masculine form on the right
    # script
    "kz_lookalike": 0.35,  # Kazakh/Kyrgyz letters typed as Russian look-alikes (left)
    "upper_case": 0.25,  # partner list in capitals (passport style)
    # typos (one side, 1 or 2 edits)
    "typo": 0.08,
    "typo_two_edits": 0.25,  # of the typos
    "typo_with_date": 0.3,  # of the typos: the same record has a year-only/missing date
    # dates, one side, mutually exclusive
    "date_year_only": 0.07,
    "date_jan1": 0.05,  # 01.01.yyyy placeholder (Afghans: AFGHAN_JAN1)
    "date_dm_swap": 0.03,
    "date_pm1_year": 0.04,
    "date_missing": 0.04,
    "date_impossible": 0.012,  # 31.02, a future year, a year before 1900
    # documents
    "doc_holder": 0.45,  # person has a document number known to someone
    "doc_left": 0.55,
    "doc_right": 0.5,  # shown on each side, given holder
    "doc_differ": 0.14,
    "doc_typo": 0.06,  # when shown on both sides
    # sex and nationality
    "sex_missing": 0.05,
    "sex_miscoded": 0.015,
    "nat_missing": 0.12,
    "nat_differ": 0.15,
    # place of birth
    "pob_missing_left": 0.05,
    "pob_missing_right": 0.15,
}
AFGHAN_JAN1 = 0.25
AFGHAN_YEAR_ONLY = 0.10

ORIGINS = [  # (origin, weight, status)
    ("kazakh", 0.19, "stateless"),
    ("russian", 0.12, "stateless"),
    ("uzbek", 0.14, "stateless"),
    ("kyrgyz", 0.05, "stateless"),
    ("tajik", 0.05, "stateless"),
    ("uyghur", 0.04, "stateless"),
    ("turkmen", 0.03, "stateless"),
    ("afghan", 0.22, "refugee"),
    ("ukrainian", 0.16, "refugee"),
]
# former nationality of a stateless person (used on the side that does not say "stateless")
FORMER_NAT = {
    "kazakh": ["UZB", "CHN", "MNG", "KAZ"],
    "russian": ["RUS", "SUN"],
    "uzbek": ["UZB"],
    "kyrgyz": ["KGZ"],
    "tajik": ["TJK"],
    "uyghur": ["CHN"],
    "turkmen": ["TKM"],
    "afghan": ["AFG"],
    "ukrainian": ["UKR"],
}
STATELESS = "XXA"  # ICAO 9303 code of a stateless person
UNDETERMINED = "XXX"  # ICAO 9303: unspecified nationality

# Transliteration systems per origin for the partner (Latin) side, with weights.
TRANSLIT_WEIGHTS = {
    "kazakh": [("icao", 0.40), ("bgn", 0.10), ("informal", 0.25), ("kzlat", 0.25)],
    "russian": [("icao", 0.50), ("bgn", 0.20), ("informal", 0.30)],
    "uzbek": [("icao", 0.35), ("uzlat", 0.35), ("informal", 0.20), ("bgn", 0.10)],
    "kyrgyz": [("icao", 0.50), ("informal", 0.30), ("bgn", 0.20)],
    "tajik": [("icao", 0.35), ("tjlat", 0.30), ("informal", 0.25), ("bgn", 0.10)],
    "uyghur": [("icao", 0.50), ("informal", 0.40), ("bgn", 0.10)],
    "turkmen": [("icao", 0.40), ("tklat", 0.30), ("informal", 0.30)],
    "ukrainian": [("uanat", 0.60), ("icao", 0.20), ("informal", 0.20)],
    "afghan": [("afghan", 1.0)],
}

# ---------------------------------------------------------------------------------------------
# Name pools.  Family names in the masculine form; "ru|uk" for Ukrainian pairs (Russian form,
# Ukrainian form); places "left variants ; right variants" with "|" between variants.
# Kazakh, Uzbek, Tajik, Kyrgyz names in their own Cyrillic letters (ә ғ қ ң ө ұ ү һ і, ў ҳ,
# ҷ ӣ ӯ): the government side may type them as Russian look-alikes.
# ---------------------------------------------------------------------------------------------
POOLS: dict[str, dict[str, Any]] = {
    "kazakh": {
        "family": "Сейтқазиев Жұмабаев Нұрланов Ахметов Омаров Сәрсенбаев Қасымов Төлеуов "
        "Бекмұхамбетов Ержанов Әбдірахманов Мұқанов Оспанов Ысқақов Тұрсынбаев "
        "Серікбаев Жақсылықов Байжанов Өтегенов Құсайынов Ғабдуллин Шәріпов Есенов "
        "Абенов Қалиев Дүйсенбаев Иманғалиев Беков Сейтқали Нұрмұхамбет Жолдасбеков "
        "Смағұлов Әлімжанов Бейсенов Қожахметов",
        "male": "Ерлан Асхат Нұрлан Дәурен Бауыржан Ержан Айдос Ғалым Қайрат Серік Мұрат "
        "Әлихан Темірлан Жандос Ақжол Дархан Бекзат Нұрсұлтан Абай Ербол Талғат Жұмабек "
        "Ілияс Мейірбек Азамат Руслан Арман Еркін Болат Самат Ғани Қанат",
        "female": "Айгерім Гүлнар Әсел Жансая Динара Ақмарал Сәуле Мөлдір Назерке Арайлым "
        "Гүлмира Жанар Айжан Ботагөз Ләззат Айнұр Жібек Толқын Аружан Балнұр Перизат "
        "Меруерт Ғалия Күләш Салтанат Раушан Шынар Айым Үміт Зере",
        "places": [
            "Алматы|г. Алматы|Алма-Ата ; Almaty|Alma-Ata",
            "Шымкент|г. Шымкент ; Shymkent|Chimkent",
            "Қарағанды|Караганда ; Karaganda|Qaraghandy",
            "Тараз|Жамбыл ; Taraz|Zhambyl",
            "Түркістан|Туркестан ; Turkistan|Turkestan",
            "Қызылорда|Кызылорда ; Kyzylorda",
            "Атырау|Гурьев ; Atyrau",
            "Ақтөбе|Актюбинск ; Aktobe|Aktyubinsk",
            "Семей|Семипалатинск ; Semey|Semipalatinsk",
            "Өскемен|Усть-Каменогорск ; Ust-Kamenogorsk|Oskemen",
            "Талдықорған|Талдыкорган ; Taldykorgan",
            "Жезқазған|Жезказган ; Zhezkazgan",
            "Сарыағаш|Сарыагаш ; Saryagash|Saryaghash",
            "Кентау ; Kentau",
            "Баянөлгий, Монголия|Баян-Улгий ; Bayan-Olgii|Bayan-Ulgii, Mongolia",
            "Іле, ҚХР|Или, КНР ; Ili, China|Yili",
        ],
    },
    "russian": {
        "family": "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров "
        "Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев "
        "Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев "
        "Романов Воробьёв Сергеев Кириллов Щербаков Журавлёв Белов Тарасов Беляев "
        "Комаров Гусев Титов Кудрявцев Ковалевский Шишкин Юдин",
        "male": "Александр Сергей Андрей Дмитрий Алексей Николай Владимир Евгений Михаил Игорь "
        "Юрий Виктор Олег Павел Константин Артём Максим Иван Григорий Василий Анатолий "
        "Геннадий Вячеслав Роман Денис Станислав Фёдор Борис Леонид Валерий",
        "female": "Елена Ольга Татьяна Наталья Ирина Светлана Юлия Анна Екатерина Мария Людмила "
        "Галина Надежда Оксана Виктория Ксения Валентина Любовь Евгения Алёна Дарья "
        "Анастасия Вера Лариса Жанна",
        "places": [
            "Петропавловск ; Petropavlovsk|Petropavl",
            "Костанай|Кустанай ; Kostanay|Kustanai",
            "Усть-Каменогорск ; Ust-Kamenogorsk|Oskemen",
            "Новосибирск ; Novosibirsk",
            "Омск ; Omsk",
            "Караганда ; Karaganda",
            "Павлодар ; Pavlodar",
            "Темиртау ; Temirtau",
            "Рудный ; Rudny|Rudnyy",
            "Кокшетау|Кокчетав ; Kokshetau|Kokchetav",
            "Екатеринбург|Свердловск ; Yekaterinburg|Ekaterinburg",
            "Барнаул ; Barnaul",
            "Оренбург ; Orenburg",
        ],
    },
    "uzbek": {
        "family": "Каримов Юсупов Раҳимов Абдуллаев Исмоилов Умаров Турсунов Мирзаев Холматов "
        "Эргашев Назаров Қодиров Ғаниев Хўжаев Носиров Саидов Тўйчиев Азимов Алимов "
        "Султонов Файзуллаев Шукуров Усмонов Аҳмедов Юлдашев Расулов",
        "male": "Рустам Алишер Шерзод Жасур Ботир Фаррух Улуғбек Отабек Даврон Баҳодир Ғайрат "
        "Ўткир Нодир Санжар Жамшид Азиз Бобур Дилшод Илҳом Сардор Зафар Тимур Шуҳрат Анвар",
        "female": "Гулнора Дилноза Нилуфар Мафтуна Шаҳноза Зулфия Мадина Феруза Севара Гулчеҳра "
        "Дилфуза Нодира Малика Моҳира Умида Юлдуз Ўғилой Саодат Гавҳар Мунира",
        "places": [
            "Ташкент|Тошкент ; Tashkent|Toshkent",
            "Самарканд|Самарқанд ; Samarkand|Samarqand",
            "Бухара|Бухоро ; Bukhara|Buxoro",
            "Андижан|Андижон ; Andijan|Andijon",
            "Наманган ; Namangan",
            "Фергана|Фарғона ; Fergana|Farg'ona",
            "Карши|Қарши ; Karshi|Qarshi",
            "Джизак|Жиззах ; Jizzakh|Jizzax",
            "Сарыагаш ; Saryagash",
            "Шымкент|Чимкент ; Shymkent|Chimkent",
            "Туркестан ; Turkestan|Turkistan",
        ],
    },
    "kyrgyz": {
        "family": "Асанов Токтогулов Жээнбеков Мамытов Абдыкадыров Үсөнов Бообеков Осмонов Ташиев "
        "Садыров Жумабеков Кадыров Турдубаев Сыдыков Эсенгулов Бекболотов Мукашев Өмүрбеков",
        "male": "Нурбек Азамат Бакыт Эрлан Талант Улан Канат Мирлан Эркин Бекташ Чыңгыз Айбек "
        "Адилет Максат Нурлан Үсөн Төлөгөн Элдияр",
        "female": "Айпери Бегимай Жылдыз Гүлзат Нургүл Айжамал Чолпон Мээрим Бермет Айзада Асель "
        "Динара Назгүл Элиза Сезим Үмүт",
        "places": [
            "Бишкек|Фрунзе ; Bishkek|Frunze",
            "Ош ; Osh",
            "Жалал-Абад|Джалал-Абад ; Jalal-Abad|Dzhalal-Abad",
            "Каракол|Пржевальск ; Karakol",
            "Токмок ; Tokmok|Tokmak",
            "Нарын ; Naryn",
            "Талас ; Talas",
            "Баткен ; Batken",
        ],
    },
    "tajik": {
        "family": "Раҳмонов Саидов Қурбонов Назаров Шарипов Ҷумаев Мирзоев Каримов Сафаров "
        "Ҳакимов Давлатов Алиев Холов Исмоилов Раҷабов Ашуров Зиёев Раҳмон Сафарзода Назарзода",
        "male": "Фаррух Шамсиддин Далер Бахтиёр Фирдавс Ҷамшед Рустам Меҳроҷ Сомон Парвиз Исмоил "
        "Комрон Суҳроб Умед Манучеҳр Наврӯз Шаҳбоз Зафар",
        "female": "Мадина Нигина Таҳмина Зарина Фарзона Шаҳло Меҳрангез Гулнора Сабрина Дилором "
        "Мижгона Муниса Фотима Парвина Ситора Шабнам",
        "places": [
            "Душанбе ; Dushanbe",
            "Худжанд|Хуҷанд|Ленинабад ; Khujand|Khudzhand",
            "Куляб|Кӯлоб ; Kulob|Kulyab",
            "Бохтар|Курган-Тюбе ; Bokhtar|Kurgan-Tyube",
            "Истаравшан|Ура-Тюбе ; Istaravshan",
            "Пенджикент|Панҷакент ; Panjakent|Penjikent",
        ],
    },
    "uyghur": {
        "family": "Турсунов Абдурахманов Масимов Хасанов Исмаилов Мамутов Нурахунов Касымов "
        "Розахунов Садыров Юнусов Ахметов Кадыров Абдуллаев Тохтиев",
        "male": "Абдурахим Мемет Турсун Ахмет Нурмамат Ильхам Адил Рустам Эркин Арслан Мурат "
        "Алимжан Ахмеджан Дильшат Шавкат Абдугаппар",
        "female": "Гульнара Зульфия Мадина Рахиля Айгуль Патигуль Мунира Назугум Дильназ Гульмира "
        "Айнур Зухра Хурсан",
        "places": [
            "Чунджа|Шонжы ; Chundzha|Shonzhy",
            "Жаркент|Панфилов ; Zharkent|Panfilov",
            "Урумчи ; Urumqi|Urumchi",
            "Кульджа|Инин ; Ghulja|Yining|Kulja",
            "Алматы ; Almaty",
            "Талгар ; Talgar",
        ],
    },
    "turkmen": {
        "family": "Бердыев Атаев Мурадов Аннаев Овезов Гельдиев Чарыев Байрамов Нурмухаммедов "
        "Хыдыров Ходжаев Реджепов Оразов Аманов Дурдыев",
        "male": "Мерген Берди Довлет Арслан Бегенч Ата Мекан Сердар Батыр Ходжа Максат Язмурад "
        "Бахтияр Керим",
        "female": "Огулджан Айна Мая Гульшат Дженнет Огулгерек Сельби Бахар Лейли Энеджан "
        "Аннагуль Мяхри",
        "places": [
            "Ашхабад ; Ashgabat|Ashkhabad",
            "Мары ; Mary",
            "Дашогуз|Ташауз ; Dashoguz|Tashauz",
            "Туркменабат|Чарджоу ; Turkmenabat|Chardzhou",
            "Балканабат|Небит-Даг ; Balkanabat",
            "Жанаозен|Новый Узень ; Zhanaozen|Zhanaozen",
            "Актау|Шевченко ; Aktau",
        ],
    },
    "ukrainian": {
        "family": "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олейник|Олійник Шевчук "
        "Полищук|Поліщук Коваль Бойко Мельник Ковальчук Марченко Лысенко|Лисенко Руденко "
        "Савченко Петренко Клименко Павленко Гончаренко Мороз Кузьменко Литвиненко "
        "Сидоренко Яковенко Кравец|Кравець Пономаренко Гриценко Левченко Ильченко|Ільченко "
        "Гребенюк Зинченко|Зінченко",
        "male": "Николай|Микола Алексей|Олексій Григорий|Григорій Александр|Олександр "
        "Сергей|Сергій Андрей|Андрій Дмитрий|Дмитро Владимир|Володимир Юрий|Юрій "
        "Виктор|Віктор Иван|Іван Михаил|Михайло Евгений|Євген Олег|Олег Павел|Павло "
        "Пётр|Петро Василий|Василь Богдан|Богдан Тарас|Тарас Игорь|Ігор Анатолий|Анатолій "
        "Виталий|Віталій Роман|Роман Максим|Максим Артём|Артем",
        "female": "Ольга|Ольга Елена|Олена Наталья|Наталія Татьяна|Тетяна Ирина|Ірина "
        "Светлана|Світлана Юлия|Юлія Анна|Ганна Екатерина|Катерина Мария|Марія "
        "Людмила|Людмила Галина|Галина Надежда|Надія Оксана|Оксана Виктория|Вікторія "
        "Валентина|Валентина Любовь|Любов Анастасия|Анастасія Дарья|Дарина Алина|Аліна",
        "places": [
            "Харьков|Харків ; Kharkiv|Kharkov",
            "Киев|Київ ; Kyiv|Kiev",
            "Одесса|Одеса ; Odesa|Odessa",
            "Мариуполь|Маріуполь ; Mariupol",
            "Днепропетровск|Днепр|Дніпро ; Dnipro|Dnipropetrovsk",
            "Запорожье|Запоріжжя ; Zaporizhzhia|Zaporozhye",
            "Херсон ; Kherson",
            "Николаев|Миколаїв ; Mykolaiv|Nikolaev",
            "Донецк|Донецьк ; Donetsk",
            "Луганск|Луганськ ; Luhansk|Lugansk",
            "Львов|Львів ; Lviv|Lvov",
        ],
    },
    # Afghan names are concepts: "Cyrillic variants = Latin variants"; the first variant is the
    # commonest.  Compound given names carry their joined/split forms as variants.
    "afghan": {
        "family": [
            "Ахмади=Ahmadi",
            "Рахими=Rahimi|Rahemi",
            "Хакими=Hakimi",
            "Карими=Karimi",
            "Нури=Noori|Nuri",
            "Султани=Sultani",
            "Хашими|Хашеми=Hashimi|Hashemi",
            "Станекзай|Станикзай=Stanikzai|Stanekzai",
            "Попалзай=Popalzai",
            "Вардак=Wardak|Wardag",
            "Хайдари=Haidari|Haidary|Haydari",
            "Джалали=Jalali",
            "Садат=Sadat|Sadaat",
            "Мохаммади|Мухаммади=Mohammadi|Muhammadi",
            "Расули=Rasuli|Rasooli",
            "Амири=Amiri",
            "Азизи=Azizi",
            "Сафи=Safi",
            "Ниязи=Niazi|Niyazi",
            "Юсуфзай=Yousafzai|Yusufzai",
            "Кадири=Qaderi|Qadiri",
            "Назари=Nazari",
            "Хабиби=Habibi",
            "Хусайни|Хосейни=Hussaini|Hosseini",
            "Рахмани=Rahmani",
            "Зазай=Zazai",
            "Шинвари=Shinwari",
            "Мангал=Mangal",
        ],
        "male": [
            "Ахмад|Ахмед=Ahmad|Ahmed",
            "Али=Ali",
            "Хамид=Hamid",
            "Насир=Nasir|Naseer",
            "Карим=Karim|Kareem",
            "Рахим=Rahim|Raheem",
            "Фарид=Farid|Fareed",
            "Джавад=Jawad|Javad",
            "Забихулла|Забиулла=Zabihullah|Zabiullah",
            "Хекматулла|Хикматулла=Hekmatullah|Hikmatullah",
            "Наджибулла=Najibullah",
            "Саид|Сайед=Sayed|Sayyed|Said|Syed",
            "Гуль=Gul",
            "Рахматулла=Rahmatullah",
            "Вахид=Wahid|Waheed",
            "Башир=Bashir|Basheer",
            "Хабиб=Habib",
            "Халид=Khalid|Khaled",
            "Омид=Omid|Umed",
            "Самиулла=Samiullah",
            "Навид=Navid|Naweed",
            "Ахмад Шах|Ахмадшах=Ahmad Shah|Ahmadshah|Ahmad-Shah",
            "Гуль Ахмад|Гульахмад=Gul Ahmad|Gulahmad",
            "Шах Махмуд=Shah Mahmood|Shah Mahmud|Shahmahmood",
            "Абдул Рахман|Абдурахман=Abdul Rahman|Abdurrahman|Abdul-Rahman",
            "Абдул Карим|Абдулкарим=Abdul Karim|Abdulkarim",
            "Абдул Вахид=Abdul Wahid|Abdulwahid",
            "Нур Мохаммад|Нурмохаммад=Noor Mohammad|Nur Muhammad|Noormohammad",
            "Мир Вайс|Мирвайс=Mir Wais|Mirwais",
            "Гулам Сахи=Ghulam Sakhi|Gholam Sakhi",
        ],
        "female": [
            "Фатима=Fatima|Fatema",
            "Захра=Zahra|Zahra",
            "Марьям|Мариам=Maryam|Mariam",
            "Наргис=Nargis|Nargess",
            "Шабнам=Shabnam",
            "Парвана=Parwana|Parvana",
            "Фариштa|Ферешта=Fereshta|Freshta",
            "Зайнаб|Зейнаб=Zainab|Zaynab",
            "Лейла|Лайла=Laila|Layla|Leila",
            "Мурсал=Mursal",
            "Марзия=Marzia|Marziya",
            "Сима=Sima|Seema",
            "Хадия=Hadia|Hadiya",
            "Назанин=Nazanin",
            "Роя=Roya",
            "Фарзана=Farzana",
            "Хадиджа=Khadija|Khadijah|Hadija",
            "Сорая|Сурайя=Soraya|Suraya",
            "Мина=Mina|Meena",
            "Гульалай=Gulalai|Gul Alai",
        ],
        "places": [
            "Кабул ; Kabul",
            "Мазари-Шариф|Мазар-и-Шариф ; Mazar-i-Sharif|Mazar-e-Sharif|Mazar-e Sharif",
            "Герат ; Herat",
            "Кундуз ; Kunduz|Kondoz",
            "Кандагар ; Kandahar|Qandahar",
            "Джелалабад|Джалалабад ; Jalalabad",
            "Газни ; Ghazni",
            "Баглан ; Baghlan",
            "Бамиан|Бамиан ; Bamyan|Bamiyan",
            "Файзабад ; Faizabad|Fayzabad",
            "Талукан ; Taloqan|Taluqan",
            "Пули-Хумри ; Pul-e-Khumri|Puli Khumri",
        ],
    },
}
MOHAMMAD = "Мохаммад|Мухаммад|Мохаммед|Мухаммед=Mohammad|Muhammad|Mohamad|Mohammed|Muhammed"
AFGHAN_MOHAMMAD_PREFIX = 0.35  # share of Afghan men whose given name starts with Mohammad
AFGHAN_NO_FAMILY = 0.30  # Afghans without a family name at all

# ---------------------------------------------------------------------------------------------
# Scripts: letters of the region typed as Russian look-alikes, and the romanisations.
# ---------------------------------------------------------------------------------------------
RUSSIANIZE = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
    "ў": "у",
    "ҳ": "х",
    "ҷ": "дж",
    "ӣ": "и",
    "ӯ": "у",
}
VOWELS = "аеёиоуыэюяәөұүіїєӣӯў"

ICAO = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    # Kazakh passports (ә→A, ғ→G, қ→K, ң→N, ө→O, ұ→U, ү→U, һ→H, і→I), other letters alike
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
    "ї": "i",
    "є": "ie",
    "ґ": "g",
    "ў": "u",
    "ҳ": "kh",
    "ҷ": "j",
    "ӣ": "i",
    "ӯ": "u",
    "'": "",
}
BGN = dict(
    ICAO,
    **{
        "й": "y",
        "ю": "yu",
        "я": "ya",
        "ё": "ë",
        "ъ": "",
        "ә": "ä",
        "ғ": "gh",
        "қ": "q",
        "ң": "ng",
        "ө": "ö",
        "ұ": "ū",
        "ү": "ü",
        "і": "ī",
    },
)
KZLAT = dict(
    ICAO,
    **{
        "ә": "ä",
        "ғ": "ğ",
        "ж": "j",
        "қ": "q",
        "ң": "ñ",
        "ө": "ö",
        "ұ": "ū",
        "ү": "ü",
        "х": "h",
        "һ": "h",
        "ц": "s",
        "ч": "ç",
        "ш": "ş",
        "щ": "şş",
        "ъ": "",
        "і": "ı",
        "ё": "io",
    },
)
UANAT = dict(
    ICAO,
    **{
        "г": "h",
        "и": "y",
        "і": "i",
        "ї": "i",
        "є": "ie",
        "й": "i",
        "ю": "iu",
        "я": "ia",
        "ь": "",
        "ґ": "g",
    },
)
UANAT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UZLAT = dict(
    ICAO,
    **{
        "ғ": "g'",
        "ж": "j",
        "й": "y",
        "қ": "q",
        "ў": "o'",
        "х": "x",
        "ҳ": "h",
        "щ": "sh",
        "ъ": "'",
        "ы": "i",
        "ю": "yu",
        "я": "ya",
        "ё": "yo",
    },
)
TJLAT = dict(
    ICAO,
    **{
        "ҷ": "j",
        "ҳ": "h",
        "қ": "q",
        "ғ": "gh",
        "ӣ": "i",
        "ӯ": "u",
        "й": "y",
        "ю": "yu",
        "я": "ya",
        "ё": "yo",
    },
)
TKLAT = dict(
    ICAO,
    **{
        "ж": "j",
        "ш": "ş",
        "ч": "ç",
        "й": "ý",
        "х": "h",
        "ю": "ýu",
        "я": "ýa",
        "ң": "ň",
        "ө": "ö",
        "ү": "ü",
        "ә": "ä",
        "ё": "ýo",
        "ц": "s",
    },
)
TABLES = {
    "icao": ICAO,
    "bgn": BGN,
    "kzlat": KZLAT,
    "uanat": UANAT,
    "uzlat": UZLAT,
    "tjlat": TJLAT,
    "tklat": TKLAT,
}
# where "е" is written "ye": at the start of a word and after a vowel (BGN, Uzbek, Tajik...)
YE_SYSTEMS = {"bgn": "ye", "uzlat": "ye", "tjlat": "ye", "tklat": "ýe"}
INFORMAL_CHOICES = {
    "ж": ["zh", "j"],
    "х": ["kh", "h"],
    "ю": ["yu", "iu", "u"],
    "я": ["ya", "ia"],
    "е*": ["ye", "e"],
    "ц": ["ts", "c"],
    "щ": ["shch", "sch"],
    "й": ["y", "i", "j"],
    "ё": ["yo", "e"],
    "ы": ["y", "i"],
    "ә": ["a", "ae"],
    "ғ": ["g", "gh"],
    "қ": ["k", "q"],
    "ң": ["n", "ng"],
    "ө": ["o", "oe"],
    "ү": ["u", "ue"],
    "ҷ": ["j", "dzh"],
    "ҳ": ["h", "kh"],
}


def transliterate(text: str, system: str, rng: random.Random) -> str:
    """Romanise a Cyrillic text with one system; `informal` draws its choices once per call
    (one typist keeps their habits within a record)."""
    if system == "informal":
        table = dict(ICAO)
        picks = {k: rng.choice(v) for k, v in sorted(INFORMAL_CHOICES.items())}
        table.update({k: v for k, v in picks.items() if k != "е*"})
        ye = picks["е*"]
    else:
        table = TABLES[system]
        ye = YE_SYSTEMS.get(system, "")
    out: list[str] = []
    prev = " "
    low = text.lower()
    for _i, ch in enumerate(low):
        start = not prev.isalpha()
        if ch in ("е", "ё") and ye and (start or prev in VOWELS or prev in "ъь"):
            lat = ye if ch == "е" else ye[:-1] + ("ë" if system == "bgn" else "o")
        elif system == "uanat" and start and ch in UANAT_INITIAL:
            lat = UANAT_INITIAL[ch]
        elif system == "uanat" and ch == "г" and prev == "з":
            lat = "gh"
        elif ch in table:
            lat = table[ch]
        else:
            lat = ch
        out.append(lat)
        prev = ch
    return "".join(out)


def title(s: str) -> str:
    """Capitalise each word (also after a hyphen), as partner lists do."""

    def cap(w: str) -> str:
        return w[:1].upper() + w[1:]

    return " ".join("-".join(cap(p) for p in w.split("-")) for w in s.split(" "))


def russianize(s: str) -> str:
    """Type the letters of the region as their Russian look-alikes (Сейтқазиев → Сейтказиев)."""
    out: list[str] = []
    for c in s:
        low = c.lower()
        if low in RUSSIANIZE:
            r = RUSSIANIZE[low]
            out.append(r.capitalize() if c != low else r)
        else:
            out.append(c)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Gendered forms and patronymics.
# ---------------------------------------------------------------------------------------------
RU_PATR_IRREGULAR = {
    "Дмитрий": "Дмитриев",
    "Михаил": "Михайлов",
    "Пётр": "Петров",
    "Павел": "Павлов",
    "Лев": "Львов",
    "Григорий": "Григорьев",
    "Юрий": "Юрьев",
    "Василий": "Васильев",
    "Анатолий": "Анатольев",
    "Виталий": "Витальев",
    "Евгений": "Евгеньев",
    "Геннадий": "Геннадьев",
    "Валерий": "Валерьев",
    "Станислав": "Станиславов",
}
UK_PATR_IRREGULAR = {"Григорій": "Григор"}


def feminine(family: str) -> str:
    """Feminine form of a family name (-ов/-ев/-ин → -ова/-ева/-ина, -ский → -ская)."""
    if family.endswith("ский"):
        return family[:-2] + "ая"
    if family.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return family + "а"
    return family


def ru_patronymic(father: str, sex: str) -> str | None:
    """Russian-style patronymic (-ович/-евич/-овна/-евна); None when the name does not take it."""
    if father in RU_PATR_IRREGULAR:
        stem = RU_PATR_IRREGULAR[father]
        return stem + ("ич" if sex == "M" else "на")
    if father.endswith(("ей", "ай", "ой")):
        base = father[:-1] + "ев"
    elif father.endswith("ий"):
        base = father[:-2] + "ьев"
    elif father[-1] in "жшчщц":
        base = father + "ев"
    elif father[-1].lower() in VOWELS or father[-1] in "ьъ":
        return None
    else:
        base = father + "ов"
    return base + ("ич" if sex == "M" else "на")


def uk_patronymic(father: str, sex: str) -> str:
    """Ukrainian-style patronymic (Миколайович/Миколаївна, Іванович/Іванівна)."""
    if father in UK_PATR_IRREGULAR:
        stem = UK_PATR_IRREGULAR[father]
        return stem + ("ович" if sex == "M" else "івна")
    if father.endswith("ій"):
        return father[:-1] + ("йович" if sex == "M" else "ївна")
    if father.endswith("а"):
        return father + ("йович" if sex == "M" else "ївна")
    if father.endswith("о"):
        return father[:-1] + ("ович" if sex == "M" else "івна")
    if father.endswith("ь"):
        return father[:-1] + ("ьович" if sex == "M" else "івна")
    return father + ("ович" if sex == "M" else "івна")


def native_patronymic(origin: str, father: str, sex: str) -> str | None:
    """Patronymic in the origin's own style (Ерланұлы/Ерланқызы, Алишер ўғли, Нурбек уулу)."""
    if origin == "kazakh":
        return father + ("ұлы" if sex == "M" else "қызы")
    if origin == "uzbek":
        return father + (" ўғли" if sex == "M" else " қизи")
    if origin == "kyrgyz":
        return father + (" уулу" if sex == "M" else " кызы")
    return None


NATIVE_PATR_RU = {" ўғли": " угли", " қизи": " кизи"}  # how a Russian-language list types them

# ---------------------------------------------------------------------------------------------
# The population.
# ---------------------------------------------------------------------------------------------


Pools = dict[str, dict[str, list[Any]]]


def split_pool(spec: Any) -> list[Any]:
    return spec.split() if isinstance(spec, str) else list(spec)


def load_pools() -> Pools:
    """Parse POOLS into lists; Ukrainian entries become (ru, uk), Afghan ones (cyr[], lat[])."""
    pools: Pools = {}
    for origin, p in POOLS.items():
        q: dict[str, list[Any]] = {}
        for key in ("family", "male", "female"):
            items = split_pool(p[key])
            if origin == "ukrainian":
                items = [tuple(x.split("|")) if "|" in x else (x, x) for x in items]
            elif origin == "afghan":
                items = [tuple(side.split("|") for side in x.split("=")) for x in items]
            q[key] = items
        q["places"] = [tuple(side.strip().split("|") for side in x.split(";")) for x in p["places"]]
        pools[origin] = q
    return pools


class Person:
    """One synthetic person with canonical (native-script) names and true facts.

    Names are Cyrillic strings, (Russian, Ukrainian) pairs for Ukrainians, and
    (Cyrillic variants, Latin variants) concepts for Afghans; hence `Any`."""

    pid: int
    origin: str
    status: str
    sex: str
    family: Any
    given: Any
    father: Any
    patr_style: str | None
    mohammad: bool
    dob: tuple[int, int, int]
    place: int
    docs: list[str] | None
    nat: str
    former_nat: str
    cluster: int | None
    cluster_kind: str | None


def rand_date(rng: random.Random, y0: int, y1: int) -> tuple[int, int, int]:
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    d = rng.randint(
        1, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    )
    return (y, m, d)


def make_doc(rng: random.Random, origin: str) -> str:
    """A document number in the style of the papers such a person holds (passport, certificate)."""
    if origin == "afghan":
        prefix = "P0"
    elif origin == "ukrainian":
        prefix = rng.choice(["FA", "FE", "EK", ""])
    else:
        prefix = rng.choice(["N", "S", ""])
    n = 9 - len(prefix) if prefix else 9
    return prefix + "".join(str(rng.randint(0, 9)) for _ in range(n))


def new_person(
    rng: random.Random, pools: Pools, pid: int, origin: str | None = None, sex: str | None = None
) -> Person:
    p = Person()
    p.pid = pid
    if origin is None:
        origin = weighted(rng, [(o, w) for o, w, _ in ORIGINS])
    p.origin = origin
    p.status = {o: s for o, _, s in ORIGINS}[origin]
    p.sex = sex or rng.choice("MF")
    q = pools[origin]
    p.mohammad = False
    if origin == "afghan":
        p.family = rng.choice(q["family"]) if rng.random() > AFGHAN_NO_FAMILY else None
        p.given = rng.choice(q["male" if p.sex == "M" else "female"])
        if p.sex == "M" and rng.random() < AFGHAN_MOHAMMAD_PREFIX:
            p.mohammad = True
        p.father = rng.choice(q["male"])
        p.patr_style = None
    else:
        p.family = rng.choice(q["family"])
        p.given = rng.choice(q["male" if p.sex == "M" else "female"])
        p.father = pick_father(rng, q, origin)
        native = {"kazakh": 0.3, "uzbek": 0.25, "kyrgyz": 0.2}.get(origin, 0)
        p.patr_style = "native" if rng.random() < native else "ru"
    if origin == "afghan":
        p.dob = rand_date(rng, 1958, 2021)
    elif origin == "ukrainian":
        p.dob = rand_date(rng, 1945, 2021)
    else:
        p.dob = rand_date(rng, 1940, 2012)
    p.place = rng.randrange(len(q["places"]))
    p.docs = None
    if rng.random() < RATES["doc_holder"]:
        p.docs = [make_doc(rng, origin), make_doc(rng, origin)]  # current and a newer one
    if p.status == "stateless":
        p.nat = STATELESS if rng.random() < 0.85 else UNDETERMINED
        p.former_nat = rng.choice(FORMER_NAT[origin])
    else:
        p.nat = FORMER_NAT[origin][0]
        p.former_nat = STATELESS
    p.cluster = None
    p.cluster_kind = None
    return p


def pick_father(rng: random.Random, q: dict[str, list[Any]], origin: str) -> Any:
    males = q["male"]
    for _ in range(50):
        f = rng.choice(males)
        name = f[0] if origin == "ukrainian" else f
        if ru_patronymic(name, "M"):
            return f
    return males[0]


def weighted(rng: random.Random, pairs: list[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for item, w in pairs:
        r -= w
        if r < 0:
            return item
    return pairs[-1][0]


def build_population(rng: random.Random, pools: Pools, n: int) -> list[Person]:
    """n persons: namesake clusters, sibling households, twins, then single people."""
    people: list[Person] = []
    cluster_id = 0

    def add(p: Person, kind: str) -> None:
        p.cluster, p.cluster_kind = cluster_id, kind
        people.append(p)

    targets = [
        ("namesake", RATES["namesake"]),
        ("namesake_nopatr", RATES["namesake_nopatr"]),
        ("sibling", RATES["sibling"]),
        ("twin", RATES["twin"]),
    ]
    for kind, rate in targets:
        want = round(rate * n)
        made = 0
        while made < want:
            cluster_id += 1
            base = new_person(rng, pools, len(people), origin=None)
            if kind == "namesake_nopatr" and rng.random() < 0.5:
                base = new_person(rng, pools, len(people), origin="afghan")
            k = 2 if kind == "twin" else rng.choice([2, 2, 2, 3, 3, 4])
            k = min(k, want - made) if want - made >= 2 else 2
            used_years = [base.dob[0]]
            add(base, kind)
            for _ in range(k - 1):
                o = new_person(
                    rng,
                    pools,
                    len(people),
                    origin=base.origin,
                    sex=base.sex if kind.startswith("namesake") else None,
                )
                o.family, o.father, o.patr_style, o.place = (
                    base.family,
                    base.father,
                    base.patr_style,
                    base.place,
                )
                o.status, o.former_nat = base.status, base.former_nat
                if kind.startswith("namesake"):
                    o.given, o.mohammad = base.given, base.mohammad
                    while True:  # a different person: born years apart
                        y = rng.randint(base.dob[0] - 25, base.dob[0] + 25)
                        if all(abs(y - u) >= 3 for u in used_years) and 1935 <= y <= 2021:
                            break
                    used_years.append(y)
                    o.dob = (y, *rand_date(rng, y, y)[1:])
                else:
                    q = pools[o.origin]["male" if o.sex == "M" else "female"]
                    while o.given == base.given or any(
                        o.given == x.given for x in people if x.cluster == cluster_id
                    ):
                        o.given = rng.choice(q)
                    if kind == "twin":
                        o.dob = base.dob
                    else:
                        while True:
                            y = base.dob[0] + rng.choice([-1, 1]) * rng.randint(1, 12)
                            if 1935 <= y <= 2021:
                                break
                        o.dob = (y, *rand_date(rng, y, y)[1:])
                add(o, kind)
            made += k
            if kind == "namesake_nopatr":
                for x in people:
                    if x.cluster == cluster_id:
                        x.patr_style = "none"
    while len(people) < n:
        people.append(new_person(rng, pools, len(people)))
    people = people[:n]
    for i, p in enumerate(people):
        p.pid = i
    return people


# ---------------------------------------------------------------------------------------------
# Rendering one person on each side, with the tags of what was done.
# ---------------------------------------------------------------------------------------------


def fmt_date(y: int | None, m: int | None, d: int | None, style: str) -> str:
    if y is None:
        return ""
    if m is None:
        return f"{y:04d}"
    return f"{d:02d}.{m:02d}.{y:04d}" if style == "dmy" else f"{y:04d}-{m:02d}-{d:02d}"


def render_dates(rng: random.Random, p: Person, tags: list[str]) -> tuple[list[str], str | None]:
    """True date, then at most one error on one side.  Returns (left, right) strings."""
    y, m, d = p.dob
    left: list[int | None] = [y, m, d]
    right: list[int | None] = [y, m, d]
    rstyle = "iso" if rng.random() < 0.6 else "dmy"
    side = right if rng.random() < 0.6 else left
    jan1 = AFGHAN_JAN1 if p.origin == "afghan" else RATES["date_jan1"]
    yo = AFGHAN_YEAR_ONLY if p.origin == "afghan" else RATES["date_year_only"]
    errors = [
        ("date_year_only", yo),
        ("date_jan1", jan1),
        ("date_dm_swap", RATES["date_dm_swap"]),
        ("date_pm1_year", RATES["date_pm1_year"]),
        ("date_missing", RATES["date_missing"]),
        ("date_impossible", RATES["date_impossible"]),
    ]
    r = rng.random()
    chosen = None
    for name, rate in errors:
        if r < rate:
            chosen = name
            break
        r -= rate
    raw: tuple[int, int, int] | None = None  # an impossible date is written as a raw string
    if chosen == "date_year_only":
        side[1] = side[2] = None
    elif chosen == "date_jan1":
        if (m, d) == (1, 1):
            chosen = None
        side[1], side[2] = 1, 1
    elif chosen == "date_dm_swap":
        if d <= 12 and d != m:
            side[1], side[2] = d, m
        else:
            chosen = None
    elif chosen == "date_pm1_year":
        side[0] = y + rng.choice([-1, 1])
    elif chosen == "date_missing":
        side[0] = side[1] = side[2] = None
    elif chosen == "date_impossible":
        kind = rng.choice(["feb31", "future", "pre1900"])
        if kind == "feb31":
            raw = (rng.choice([30, 31]), 2, y)
        elif kind == "future":
            raw = (d, m, rng.randint(2031, 2045))
        else:
            raw = (d, m, 1800 + y % 100)  # 1985 typed 1885
    if chosen:
        tags.append(chosen)
        tags.append("date_err_" + ("right" if side is right else "left"))
    out: list[str] = []
    for vals, style in ((left, "dmy"), (right, rstyle)):
        if raw is not None and vals is side:
            dd, mm, yy = raw
            out.append(
                f"{dd:02d}.{mm:02d}.{yy:04d}" if style == "dmy" else f"{yy:04d}-{mm:02d}-{dd:02d}"
            )
        else:
            out.append(fmt_date(vals[0], vals[1], vals[2], style))
    return out, chosen


LAT_ALPHA = "abcdefghijklmnopqrstuvwxyz"
CYR_ALPHA = "абвгдеёжзийклмнопрстуфхцчшщыэюя"


def typo(rng: random.Random, s: str, n_edits: int) -> str:
    """One or two character edits: substitution, deletion, doubling, transposition."""
    if not s:
        return s
    alpha = CYR_ALPHA if any("а" <= c.lower() <= "я" for c in s) else LAT_ALPHA
    for _ in range(n_edits):
        letters = [i for i, c in enumerate(s) if c.isalpha()]
        if len(letters) < 3:
            break
        i = rng.choice(letters[1:])  # keep the initial: people rarely mistype the first letter
        op = rng.choice(["sub", "del", "dbl", "swap"])
        if op == "sub":
            c = rng.choice(alpha)
            c = c.upper() if s[i].isupper() else c
            s = s[:i] + c + s[i + 1 :]
        elif op == "del":
            s = s[:i] + s[i + 1 :]
        elif op == "dbl":
            s = s[:i] + s[i] + s[i:]
        elif i + 1 < len(s) and s[i + 1].isalpha():
            s = s[:i] + s[i + 1] + s[i] + s[i + 2 :]
        else:
            s = s[: i - 1] + s[i] + s[i - 1] + s[i + 1 :]
    return s


def afghan_form(rng: random.Random, concept: Any, script: int, prefer_first: float = 0.6) -> str:
    """One written form of an Afghan name concept (script 0 = Cyrillic, 1 = Latin)."""
    forms = concept[script]
    return forms[0] if rng.random() < prefer_first else rng.choice(forms)


def render(
    rng: random.Random, pools: Pools, p: Person
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(left_row, right_row, tags): the person as the government and as the partner wrote them."""
    tags: list[str] = []
    q = pools[p.origin]
    sex_f = p.sex == "F"
    L: dict[str, str] = {}
    R: dict[str, str] = {}
    system = weighted(rng, TRANSLIT_WEIGHTS[p.origin])
    tags.append("translit_" + system)
    upper = rng.random() < RATES["upper_case"]

    def lat(text: str, sys_: str | None = None) -> str:
        if not text:
            return ""
        t = transliterate(text, sys_ or system, rng)
        return t.upper() if upper else title(t)

    if p.origin == "afghan":
        tags.append("afghan")
        g_left = afghan_form(rng, p.given, 0)
        g_right = afghan_form(rng, p.given, 1)
        if any(" " in f for f in p.given[0] + p.given[1]):
            if (" " in g_left) != (" " in g_right):
                tags.append("afghan_compound_split")
            else:
                tags.append("afghan_compound")
        if p.mohammad:
            tags.append("afghan_mohammad")
            moh = tuple(side.split("|") for side in MOHAMMAD.split("="))
            ml, mr = rng.choice(moh[0]), rng.choice(moh[1])
            drop = rng.random()
            if drop < 0.10:
                tags.append("afghan_mohammad_dropped")
                g_right = mr + " " + g_right
            elif drop < 0.25:
                tags.append("afghan_mohammad_dropped")
                g_left = ml + " " + g_left
            else:
                g_left, g_right = ml + " " + g_left, mr + " " + g_right
        fam_kinds = {}
        for side, _script, probs in (("L", 0, (0.85, 0.6)), ("R", 1, (0.75, 0.4))):
            if p.family is not None:
                r = rng.random()
                kind = (
                    "family"
                    if r < probs[0]
                    else ("father" if r < probs[0] + (1 - probs[0]) / 2 else "none")
                )
            else:
                kind = "father" if rng.random() < probs[1] else "none"
            fam_kinds[side] = kind
        if fam_kinds["L"] != fam_kinds["R"]:
            tags.append(
                "afghan_nofamily"
                if "none" in (fam_kinds["L"], fam_kinds["R"])
                else "afghan_fathername"
            )
        elif fam_kinds["L"] == "none":
            tags.append("afghan_nofamily_both")

        def family_field(side: str, script: int) -> str:
            kind = fam_kinds[side]
            if kind == "family":
                return afghan_form(rng, p.family, script)
            if kind == "father":
                return afghan_form(rng, p.father, script)
            return ""

        L["family_name"] = family_field("L", 0)
        L["given_name"] = g_left
        L["patronymic"] = (
            afghan_form(rng, p.father, 0)
            if (p.patr_style != "none" and rng.random() < 0.25)
            else ""
        )
        R["family_name"] = family_field("R", 1)
        R["given_name"] = g_right
        R["patronymic"] = ""
        if upper:
            R = {k: v.upper() for k, v in R.items()}
            tags.append("upper_case")
        if L["patronymic"]:
            tags.append("patr_missing")
    else:
        ukr = p.origin == "ukrainian"
        fam_c = p.family[0] if ukr else p.family  # canonical Cyrillic (left base)
        giv_c = p.given[0] if ukr else p.given
        fat_c = p.father[0] if ukr else p.father
        # the forms the partner romanises from
        if ukr and system == "uanat":
            fam_r, giv_r, fat_r = p.family[1], p.given[1], p.father[1]
        else:
            fam_r, giv_r, fat_r = fam_c, giv_c, fat_c
        if ukr:
            if rng.random() < 0.25:  # government copied the Ukrainian document
                fam_c, giv_c, fat_c = p.family[1], p.given[1], p.father[1]
                tags.append("ukr_form_left")
            if giv_c != giv_r or fam_c != fam_r:
                tags.append("ukr_ru_vs_uk")
        if sex_f:
            fam_c, fam_r = feminine(fam_c), feminine(fam_r)
        # patronymics
        pat_l: str | None
        pat_r: str | None
        ru_r: str | None
        if p.patr_style == "none":
            pat_l = pat_r = ""
        else:
            ru_l = (
                uk_patronymic(fat_c, p.sex)
                if (ukr and fat_c == p.father[1] and p.father[0] != p.father[1])
                else ru_patronymic(fat_c, p.sex)
            )
            nat_l = native_patronymic(p.origin, fat_c, p.sex)
            pat_l = nat_l if (p.patr_style == "native" and nat_l) else ru_l
            if ukr and system == "uanat":
                ru_r = uk_patronymic(fat_r, p.sex)
            else:
                ru_r = ru_patronymic(fat_r, p.sex)
            nat_r = native_patronymic(p.origin, fat_r, p.sex)
            pat_r = pat_l if fat_r == fat_c else ru_r
            if nat_r and rng.random() < RATES["patr_style_native"]:
                new = nat_r if pat_l != nat_l else ru_r
                if new != pat_r:
                    tags.append("patr_style_diff")
                pat_r = new
            if rng.random() >= RATES["right_patr_present"]:
                pat_r = ""
                tags.append("patr_missing")
        masc_r = (p.family[1] if system == "uanat" else p.family[0]) if ukr else p.family
        if sex_f and fam_r != masc_r and rng.random() < RATES["fem_masc"]:
            fam_r = masc_r  # the partner copied the husband's or father's form
            tags.append("fem_masc")
        # the government's script: Kazakh letters typed as Russian look-alikes
        left_vals = [fam_c, giv_c, pat_l or ""]
        if p.origin in ("uzbek", "tajik", "uyghur", "turkmen"):
            left_vals = [russianize(v) for v in left_vals]
            left_vals = [v.replace(" ўғли", " угли").replace(" қизи", " кизи") for v in left_vals]
        elif p.origin in ("kazakh", "kyrgyz") and rng.random() < RATES["kz_lookalike"]:
            typed = [russianize(v) for v in left_vals]
            if typed != left_vals:
                tags.append("kz_lookalike")
            left_vals = typed
        L["family_name"], L["given_name"], L["patronymic"] = left_vals
        # the partner's romanisation (from Russian-language papers for ICAO/BGN/informal)
        src = [fam_r, giv_r, pat_r or ""]
        if system in ("icao", "bgn", "informal") and p.origin in (
            "uzbek",
            "tajik",
            "uyghur",
            "turkmen",
        ):
            src = [russianize(v) for v in src]
        R["family_name"], R["given_name"], R["patronymic"] = [lat(v) for v in src]
        if upper:
            tags.append("upper_case")

    # name order and fields on the partner side
    r = rng.random()
    fam, giv, pat = R["family_name"], R["given_name"], R["patronymic"]
    if r < RATES["name_swap"]:
        R["family_name"], R["given_name"] = giv, fam
        tags.append("name_swap")
    elif r < RATES["name_swap"] + RATES["swap_nopatr"]:
        R["family_name"], R["given_name"], R["patronymic"] = giv, fam, ""
        tags.append("swap_nopatr")
    elif r < RATES["name_swap"] + RATES["swap_nopatr"] + RATES["fullname_in_family"]:
        R["family_name"] = " ".join(x for x in (fam, giv, pat) if x)
        R["given_name"] = R["patronymic"] = ""
        tags.append("fullname_in_family")
    elif (
        r
        < RATES["name_swap"]
        + RATES["swap_nopatr"]
        + RATES["fullname_in_family"]
        + RATES["patr_in_given"]
    ) and pat:
        R["given_name"] = giv + " " + pat
        R["patronymic"] = ""
        tags.append("patr_in_given")
    if "swap_nopatr" in tags and pat and "patr_missing" not in tags:
        tags.append("patr_missing")

    # typos
    dates, date_err = render_dates(rng, p, tags)
    if rng.random() < RATES["typo"]:
        n = 2 if rng.random() < RATES["typo_two_edits"] else 1
        target = R if rng.random() < 0.7 else L
        field = weighted(rng, [("family_name", 0.5), ("given_name", 0.4), ("patronymic", 0.1)])
        if not target[field]:
            field = "family_name" if target["family_name"] else "given_name"
        before = target[field]
        target[field] = typo(rng, before, n)
        if target[field] != before:
            tags.append(f"typo{n}")
            tags.append("typo_" + ("right" if target is R else "left"))
            if rng.random() < RATES["typo_with_date"] and not date_err:
                which = 0 if target is L else 1
                if rng.random() < 0.5:
                    dates[which] = str(p.dob[0])
                    tags.append("date_year_only")
                else:
                    dates[which] = ""
                    tags.append("date_missing")
                tags.append("typo_with_date")
    L["date_of_birth"], R["date_of_birth"] = dates

    # sex
    L["sex"] = R["sex"] = p.sex
    r = rng.random()
    if r < RATES["sex_missing"]:
        (R if rng.random() < 0.7 else L)["sex"] = ""
        tags.append("sex_missing")
    elif r < RATES["sex_missing"] + RATES["sex_miscoded"]:
        (R if rng.random() < 0.5 else L)["sex"] = "F" if p.sex == "M" else "M"
        tags.append("sex_miscoded")

    # nationality
    L["nationality"], R["nationality"] = p.nat, p.nat
    r = rng.random()
    if r < RATES["nat_missing"]:
        (R if rng.random() < 0.6 else L)["nationality"] = ""
        tags.append("nat_missing")
    elif r < RATES["nat_missing"] + RATES["nat_differ"]:
        (R if rng.random() < 0.7 else L)["nationality"] = p.former_nat
        tags.append("nat_differ")

    # place of birth
    lv, rv = q["places"][p.place]
    L["place_of_birth"] = lv[0] if rng.random() < 0.7 else rng.choice(lv)
    R["place_of_birth"] = rv[0] if rng.random() < 0.7 else rng.choice(rv)
    if upper:
        R["place_of_birth"] = R["place_of_birth"].upper()
    if rng.random() < RATES["pob_missing_left"]:
        L["place_of_birth"] = ""
        tags.append("pob_missing")
    if rng.random() < RATES["pob_missing_right"]:
        R["place_of_birth"] = ""
        if "pob_missing" not in tags:
            tags.append("pob_missing")

    # documents
    L["document_number"] = R["document_number"] = ""
    if p.docs:
        show_l = rng.random() < RATES["doc_left"]
        show_r = rng.random() < RATES["doc_right"]
        if show_l:
            L["document_number"] = p.docs[0]
        if show_r:
            R["document_number"] = p.docs[0]
        if show_l and show_r:
            r = rng.random()
            if r < RATES["doc_differ"]:
                R["document_number"] = p.docs[1]
                tags.append("doc_differ")
            elif r < RATES["doc_differ"] + RATES["doc_typo"]:
                R["document_number"] = doc_typo(rng, p.docs[0])
                tags.append("doc_typo")
            else:
                tags.append("doc_agree")
        elif show_l or show_r:
            tags.append("doc_one_side")
    if p.cluster_kind:
        tags.insert(0, p.cluster_kind)
    tags.insert(0, "origin_" + p.origin)
    return L, R, tags


def doc_typo(rng: random.Random, doc: str) -> str:
    """One wrong digit, or two neighbouring digits transposed, in the last six."""
    i = rng.randrange(len(doc) - 6, len(doc) - 1)
    if rng.random() < 0.5 and doc[i] != doc[i + 1]:
        return doc[:i] + doc[i + 1] + doc[i] + doc[i + 2 :]
    return doc[:i] + str((int(doc[i]) + rng.randint(1, 9)) % 10) + doc[i + 1 :]


# ---------------------------------------------------------------------------------------------
# Generation, output, statistics.
# ---------------------------------------------------------------------------------------------
COLUMNS = [
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "sex",
    "date_of_birth",
    "place_of_birth",
    "nationality",
    "document_number",
]


def make_ids(rng: random.Random, n: int, kind: str) -> list[str]:
    """Opaque ids, independent on each side."""
    seen: dict[str, bool] = {}
    out: list[str] = []
    while len(out) < n:
        if kind == "left":
            v = f"{rng.randint(1, 9)}{rng.randrange(10**11):011d}"  # IIN-like, 12 digits
        else:
            v = "".join(rng.choice("0123456789abcdef") for _ in range(10))
        if v not in seen:
            seen[v] = True
            out.append(v)
    return out


def generate(seed: int, size: int, match_rate: float, out_dir: str, stats: bool) -> None:
    rng = random.Random(seed)
    pools = load_pools()
    n_match = round(size * match_rate)
    n_people = 2 * size - n_match
    people = build_population(rng, pools, n_people)
    rendered = [render(rng, pools, p) for p in people]
    order = list(range(n_people))
    rng.shuffle(order)
    both = order[:n_match]
    left_only = order[n_match:size]
    right_only = order[size:]
    on_left = sorted(both + left_only)
    on_right = sorted(both + right_only)
    left_ids = make_ids(rng, n_people, "left")
    right_ids = make_ids(rng, n_people, "right")
    lid = {i: left_ids[i] for i in on_left}
    rid = {i: right_ids[i] for i in on_right}

    os.makedirs(out_dir, exist_ok=True)
    left_rows = [dict(rendered[i][0], id=lid[i]) for i in on_left]
    right_rows = [dict(rendered[i][1], id=rid[i]) for i in on_right]
    rng.shuffle(left_rows)
    rng.shuffle(right_rows)
    for name, rows in (("left.csv", left_rows), ("right.csv", right_rows)):
        with open(os.path.join(out_dir, name), "w", newline="", encoding="utf-8") as f:
            dw = csv.DictWriter(f, fieldnames=COLUMNS)
            dw.writeheader()
            dw.writerows(rows)
    both_sorted = sorted(both)
    with open(os.path.join(out_dir, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id"])
        for i in both_sorted:
            w.writerow([lid[i], rid[i]])
    # hard non-pairs: a left record and a right record of two different members of a cluster
    members: dict[int, list[int]] = {}
    for p in people:
        if p.cluster is not None:
            members.setdefault(p.cluster, []).append(p.pid)
    nonpairs: list[tuple[str, str, list[str]]] = []
    for c in sorted(members):
        ids = members[c]
        for a in ids:
            for b in ids:
                if a != b and a in lid and b in rid:
                    kind = people[a].cluster_kind
                    t = [kind or "", "origin_" + people[a].origin]
                    if kind == "twin" or people[a].dob == people[b].dob:
                        t.append("same_dob")
                    nonpairs.append((lid[a], rid[b], t))
    with open(os.path.join(out_dir, "phenomena.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id", "is_match", "tags"])
        for i in both_sorted:
            w.writerow([lid[i], rid[i], 1, "|".join(rendered[i][2])])
        for la, rb, t in nonpairs:
            w.writerow([la, rb, 0, "|".join(t)])
    if stats:
        pair_tags: Counter[str] = Counter()
        for i in both_sorted:
            pair_tags.update(rendered[i][2])
        np_tags: Counter[str] = Counter()
        for _, _, t in nonpairs:
            np_tags.update(t)
        origins = Counter(people[i].origin for i in on_left + on_right)
        share = 100.0 * n_match / size
        print(
            f"seed {seed}: {len(left_rows)} left, {len(right_rows)} right, {n_match} true pairs"
            f" ({share:.1f}% of the right side), {len(nonpairs)} hard non-pairs"
        )
        by_origin = ", ".join(
            f"{o} {c} ({100.0 * c / (2 * size):.1f}%)" for o, c in sorted(origins.items())
        )
        print(f"records by origin (both sides): {by_origin}")
        print(f"{'tag':<28} {'pairs':>8} {'% pairs':>7}   hard non-pairs")
        for tag in sorted(set(pair_tags) | set(np_tags)):
            pct = 100.0 * pair_tags[tag] / max(n_match, 1)
            print(f"{tag:<28} {pair_tags[tag]:>8} {pct:>6.1f}%   {np_tags[tag]}")


def score(pairs_path: str, out_dir: str) -> tuple[float, float, float]:
    truth: set[tuple[str, str]] = set()
    with open(os.path.join(out_dir, "truth.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            truth.add((row["left_id"], row["right_id"]))
    pred: set[tuple[str, str]] = set()
    with open(pairs_path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pred.add((row["left_id"], row["right_id"]))
    tp = len(truth & pred)
    fp = len(pred - truth)
    fn = len(truth - pred)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"pairs predicted {len(pred)}, true {len(truth)}: TP {tp} FP {fp} FN {fn}")
    print(f"precision {prec:.4f}  recall {rec:.4f}  F1 {f1:.4f}")
    pos: Counter[str] = Counter()
    found: Counter[str] = Counter()
    neg: Counter[str] = Counter()
    fpos: Counter[str] = Counter()
    hard: set[tuple[str, str]] = set()
    with open(os.path.join(out_dir, "phenomena.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["left_id"], row["right_id"])
            tags = row["tags"].split("|") if row["tags"] else []
            tags = [*tags, "ALL"]
            if row["is_match"] == "1":
                pos.update(tags)
                if key in pred:
                    found.update(tags)
            else:
                hard.add(key)
                neg.update(tags)
                if key in pred:
                    fpos.update(tags)
    other_fp = len((pred - truth) - hard)
    print(
        f"false positives among the hard non-pairs: {fpos['ALL']} of {neg['ALL']};"
        f" elsewhere: {other_fp}"
    )
    print(f"{'tag':<28} {'pairs':>7} {'found':>7} {'recall':>8}   {'non-pairs':>9} {'FP':>6}")
    for t in sorted(set(pos) | set(neg)):
        r = f"{found[t] / pos[t]:.4f}" if pos[t] else "-"
        print(f"{t:<28} {pos[t]:>7} {found[t]:>7} {r:>8}   {neg[t]:>9} {fpos[t]:>6}")
    return prec, rec, f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=3000, help="records per side")
    ap.add_argument(
        "--match-rate",
        type=float,
        default=0.68,
        help="share of the right side with a true match on the left (0.60-0.75)",
    )
    ap.add_argument("--out", required=True, help="directory for the CSV files")
    ap.add_argument("--stats", action="store_true", help="print counts per phenomenon")
    ap.add_argument("--score", metavar="PAIRS.csv", help="score a matcher's pairs against --out")
    a = ap.parse_args(argv)
    if a.score:
        score(a.score, a.out)
        return 0
    generate(a.seed, a.size, a.match_rate, a.out, a.stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
