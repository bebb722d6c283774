"""Synthetic personal names for the population generator, and the ways people misspell them.

ALL NAMES ARE SYNTHETIC. Each background has pools of common given names and family names;
a person's name combines draws from these pools at random, so no generated record describes
a real person.

What the module provides, and why it looks the way it does:

* :func:`draw_name` gives a name *as written on the person's documents*: Kazakh, Russian,
  Uzbek, Kyrgyz, Tajik and Ukrainian names in Cyrillic (with the national letters, or with the
  Russian look-alikes that older Soviet-era and Russian-language documents use), Afghan names
  in the Latin spelling of their passports. Registry staff copy names from these documents, so
  this is what the registry holds before anyone misspells it.
* Pools are weighted Zipf-like (weight ``1 / rank ** s``): a few names are very frequent, as in
  real registries. Record linkage weighs agreement on a rare name more than on ``Мухаммад``;
  uniform pools would hide exactly the case it has to handle.
* :func:`latin_spelling` and :func:`typo` produce the variants of one name that appear in
  messy source lists (test data for identity resolution).

Speed: the generator creates 20,000+ people a second, so everything that can be is computed
at import (cumulative weights, feminine family names, patronymics, russified spellings) and the
hot path is a few ``rng.random()`` calls, ``bisect`` and dictionary look-ups. Randomness always
comes from the :class:`random.Random` passed in, so a seed reproduces the population.

Pure Python on purpose: no Django, so it can be used and tested on its own.
"""

import random
from bisect import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate
from typing import Final, Self

from qorgau.names import transliterate

__all__ = [
    "Background",
    "LatinHabit",
    "PersonName",
    "background_for_origin",
    "draw_family_root",
    "draw_given_name",
    "draw_name",
    "family_name_for",
    "latin_spelling",
    "patronymic_for",
    "russian_patronymic",
    "russify",
    "spell_latin",
    "typo",
    "ukrainian_patronymic",
]


class Background(StrEnum):
    """The naming tradition of a person: decides pools, script and name forms."""

    KAZAKH = "kazakh"
    RUSSIAN = "russian"
    UZBEK = "uzbek"
    KYRGYZ = "kyrgyz"
    TAJIK = "tajik"
    AFGHAN_DARI = "afghan_dari"
    AFGHAN_PASHTO = "afghan_pashto"
    UKRAINIAN = "ukrainian"


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as on the person's documents; empty strings where the documents have none.

    For Afghan people ``patronymic`` holds the "father's name" field of their documents (the
    father's given name), which Afghan passports and tazkiras carry instead of a patronymic.
    """

    family_name: str
    given_name: str
    patronymic: str


def _is_female(sex: str) -> bool:
    """``True`` for ``"female"``, ``False`` for ``"male"``; names need one of the two."""
    if sex == "female":
        return True
    if sex == "male":
        return False
    raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")


# --------------------------------------------------------------------------------------------
# Pools. Most frequent first: the order is the Zipf rank. All entries are common, ordinary
# names; the combinations drawn from them are random.
# --------------------------------------------------------------------------------------------

_KAZAKH_MALE: Final = (
    "Нұрлан", "Ерлан", "Серік", "Асқар", "Бауыржан", "Қайрат", "Ержан", "Марат", "Дәурен",
    "Ғалым", "Нұрсұлтан", "Алмас", "Бақыт", "Ермек", "Асылбек", "Мұрат", "Арман", "Бекзат",
    "Данияр", "Дастан", "Болат", "Айдос", "Нұржан", "Ерболат", "Талғат", "Жандос", "Әлібек",
    "Ерғали", "Мейрам", "Руслан", "Санжар", "Тимур", "Әділет", "Ақжол", "Бағдат", "Олжас",
    "Сұлтан", "Ернар", "Рустем", "Нұрбол", "Мұхтар", "Жанболат", "Ілияс", "Айбек", "Темірлан",
    "Әлихан", "Мақсат", "Қуаныш", "Серікбай", "Жақсылық",
)  # fmt: skip
_KAZAKH_FEMALE: Final = (
    "Әлия", "Жанар", "Гүлнар", "Айгерім", "Мәдина", "Салтанат", "Динара", "Гүлмира", "Айнұр",
    "Назерке", "Жансая", "Ақерке", "Сәуле", "Әсел", "Индира", "Ләззат", "Ботагөз", "Гүлжан",
    "Анар", "Меруерт", "Аружан", "Дана", "Жазира", "Айжан", "Нұргүл", "Райхан", "Шынар",
    "Айдана", "Жұлдыз", "Гүлнұр", "Алма", "Қарлығаш", "Бибігүл", "Роза", "Мөлдір", "Камила",
    "Томирис", "Дариға", "Ұлжан", "Айслу", "Баян", "Күләш", "Эльмира", "Зарина", "Ақмарал",
)  # fmt: skip
_KAZAKH_FAMILY: Final = (
    "Ахметов", "Омаров", "Қасымов", "Жұмабеков", "Сүлейменов", "Нұрланов", "Оспанов", "Ибраев",
    "Сейтқазиев", "Жақыпов", "Бейсенов", "Серікбаев", "Әбдірахманов", "Мұқанов", "Кенжебаев",
    "Төлеуов", "Тоқтаров", "Исабеков", "Байжанов", "Жұмабаев", "Нұрпейісов", "Есенов",
    "Қалиев", "Сағындықов", "Әлімжанов", "Әубәкіров", "Тұрсынов", "Садықов", "Мұратов",
    "Смағұлов", "Шәріпов", "Темірханов", "Қожахметов", "Ержанов", "Құрманов", "Бекмұхамбетов",
    "Ысқақов", "Мамыров", "Рахимов", "Тілеубаев", "Дүйсенов", "Әміров", "Болатұлы", "Серікұлы",
    "Нұрланұлы",
)  # fmt: skip

_RUSSIAN_MALE: Final = (
    "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир", "Евгений", "Иван",
    "Михаил", "Николай", "Максим", "Артём", "Денис", "Игорь", "Юрий", "Павел", "Олег", "Виктор",
    "Роман", "Антон", "Вячеслав", "Константин", "Василий", "Никита", "Илья", "Кирилл", "Егор",
    "Владислав", "Анатолий", "Геннадий", "Валерий", "Виталий", "Вадим", "Георгий", "Станислав",
    "Фёдор", "Пётр", "Григорий", "Леонид", "Борис", "Лев", "Яков", "Даниил", "Тимофей",
    "Матвей", "Аркадий", "Семён", "Степан", "Эдуард",
)  # fmt: skip
_RUSSIAN_FEMALE: Final = (
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Екатерина",
    "Юлия", "Людмила", "Галина", "Надежда", "Марина", "Анастасия", "Евгения", "Оксана",
    "Валентина", "Лариса", "Любовь", "Вера", "Нина", "Тамара", "Алина", "Дарья", "Виктория",
    "Ксения", "Полина", "Софья", "Александра", "Кристина", "Яна", "Инна", "Лидия", "Зинаида",
    "Раиса", "Маргарита", "Алёна", "Елизавета", "Вероника", "Олеся", "Жанна", "Валерия", "Диана",
)  # fmt: skip
#: Russian-speaking Kazakhstan: Korean surnames (Ким, Пак, Цой, Ли, Тен) are among the most
#: common in the country and are written the same for women.
_RUSSIAN_FAMILY: Final = (
    "Иванов", "Ким", "Кузнецов", "Смирнов", "Попов", "Петров", "Васильев", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Пак", "Цой", "Ильин", "Сорокин", "Калинин", "Фомин", "Щербаков", "Черных",
    "Ковальский", "Покровский", "Жуковский", "Белый", "Толстой", "Ли", "Тен",
)  # fmt: skip

_UZBEK_MALE: Final = (
    "Муҳаммад", "Алишер", "Баҳтиёр", "Жасур", "Санжар", "Шерзод", "Фаррух", "Дилшод", "Рустам",
    "Улуғбек", "Ботир", "Ҳасан", "Ҳусан", "Акмал", "Азиз", "Абдулла", "Шоҳрух", "Отабек",
    "Бобур", "Жамшид", "Нодир", "Равшан", "Ғайрат", "Ўткир", "Илҳом", "Аброр", "Зафар",
    "Баҳодир", "Шуҳрат", "Анвар", "Исмоил", "Тимур", "Фарҳод", "Мирзо", "Комил", "Собир",
    "Эркин", "Дониёр", "Иброҳим", "Искандар", "Ойбек", "Хуршид", "Шавкат", "Ғулом", "Сардор",
    "Жаҳонгир", "Бекзод", "Умид",
)  # fmt: skip
_UZBEK_FEMALE: Final = (
    "Дилноза", "Гулноза", "Нилуфар", "Мадина", "Шаҳноза", "Феруза", "Дилфуза", "Зулфия", "Малика",
    "Моҳира", "Гулчеҳра", "Нодира", "Севара", "Камола", "Мафтуна", "Зарина", "Лола", "Саида",
    "Гулбаҳор", "Барно", "Дилором", "Муҳаббат", "Ойгул", "Нигора", "Санобар", "Шоира", "Юлдуз",
    "Гўзал", "Наргиза", "Хуршида", "Дилдора", "Умида", "Ширин", "Раъно", "Ҳилола", "Мунира",
    "Зебо", "Гулшан", "Нафиса", "Дилбар", "Азиза", "Фотима", "Ойша",
)  # fmt: skip
_UZBEK_FAMILY: Final = (
    "Раҳимов", "Каримов", "Усмонов", "Юсупов", "Алиев", "Тошматов", "Абдуллаев", "Исмоилов",
    "Мирзаев", "Ҳасанов", "Умаров", "Холматов", "Жўраев", "Эргашев", "Турсунов", "Назаров",
    "Саидов", "Султонов", "Сафаров", "Қодиров", "Аҳмедов", "Норматов", "Собиров", "Рустамов",
    "Азимов", "Қосимов", "Мамадалиев", "Файзуллаев", "Иброҳимов", "Бобоев", "Шарипов",
    "Маҳмудов", "Ғуломов", "Ниёзов", "Рўзиев", "Хўжаев", "Давлатов", "Йўлдошев", "Тўхтаев",
    "Мусаев", "Абдураҳмонов", "Шукуров", "Валиев", "Зокиров", "Қурбонов",
)  # fmt: skip

_KYRGYZ_MALE: Final = (
    "Азамат", "Бакыт", "Нурбек", "Талант", "Улан", "Мирлан", "Эрмек", "Айбек", "Максат", "Канат",
    "Нурлан", "Эркин", "Алмаз", "Жыргалбек", "Медер", "Элдияр", "Адилет", "Бекболот",
    "Нурсултан", "Чыңгыз", "Тилек", "Дастан", "Курманбек", "Жаныбек", "Кубанычбек", "Түгөлбай",
    "Сыймык", "Эмил", "Мелис", "Байэл", "Бакай", "Калыс", "Нурдин", "Өмүрбек", "Төлөгөн",
    "Асан", "Үсөн", "Темирлан", "Руслан", "Исмаил", "Данияр", "Арстан", "Жоомарт", "Бектур",
    "Азиз",
)  # fmt: skip
_KYRGYZ_FEMALE: Final = (
    "Айгүл", "Айжан", "Бермет", "Гүлнара", "Айпери", "Нургүл", "Жылдыз", "Чолпон", "Мээрим",
    "Айзада", "Асел", "Динара", "Элмира", "Жазгүл", "Назгүл", "Бактыгүл", "Айнура", "Гүлзат",
    "Салтанат", "Чынара", "Үмүт", "Акылай", "Айдана", "Алтынай", "Бегимай", "Мунара", "Нурайым",
    "Замира", "Гүлмира", "Канышай", "Элнура", "Каныкей", "Жибек", "Айсулуу", "Нуриза", "Толкун",
    "Эркинай", "Айзирек", "Сезим", "Бурул", "Роза",
)  # fmt: skip
_KYRGYZ_FAMILY: Final = (
    "Асанов", "Токтогулов", "Абдыкеримов", "Мамытов", "Осмонов", "Сыдыков", "Жумабаев",
    "Исаков", "Кадыров", "Эсенов", "Турдубаев", "Абдылдаев", "Токтосунов", "Мамбетов",
    "Сатыбалдиев", "Бейшеналиев", "Үсөнов", "Төлөгөнов", "Өмүрбеков", "Дүйшөнбаев",
    "Сооронбаев", "Нурматов", "Алымкулов", "Касымов", "Шаршеев", "Керимбеков", "Молдокматов",
    "Орозбеков", "Калыков", "Маматов", "Абдраимов", "Эшимов", "Бообеков", "Сагынбаев",
    "Жусупов", "Каримов", "Токторов", "Бектурсунов", "Сүйүнбаев", "Асан уулу", "Бакыт уулу",
    "Талант уулу",
)  # fmt: skip

_TAJIK_MALE: Final = (
    "Муҳаммад", "Фирдавс", "Далер", "Фарҳод", "Шоҳрух", "Баҳром", "Суҳроб", "Ҷамшед", "Рустам",
    "Манучеҳр", "Исмоил", "Абдулло", "Фаррух", "Зафар", "Умед", "Комрон", "Сиёвуш", "Шерзод",
    "Хуршед", "Меҳрубон", "Ҳасан", "Ҳусейн", "Нозим", "Парвиз", "Алишер", "Бахтиёр", "Дилшод",
    "Ҷаҳонгир", "Искандар", "Саид", "Абдураҳмон", "Аҳмад", "Давлат", "Азиз", "Шодмон",
    "Рашид", "Нуриддин", "Қурбон", "Файзулло", "Илҳом", "Амирҷон", "Меҳрон", "Сафар", "Носир",
    "Алӣ",
)  # fmt: skip
_TAJIK_FEMALE: Final = (
    "Мадина", "Нилуфар", "Гулнора", "Зарина", "Шаҳло", "Фарзона", "Гулрухсор", "Нигина",
    "Парвина", "Мунира", "Фируза", "Зулфия", "Малика", "Дилноза", "Шабнам", "Ситора",
    "Меҳрангез", "Таҳмина", "Гулчеҳра", "Сабоҳат", "Насиба", "Рухшона", "Шоира", "Наргис",
    "Дилафрӯз", "Ҳилола", "Гулбаҳор", "Мавҷуда", "Фотима", "Ойша", "Зебо", "Сурайё", "Моҳира",
    "Сарвиноз", "Нозанин", "Ширин", "Умеда", "Лайло", "Мижгона", "Бунафша", "Гавҳар",
)  # fmt: skip
_TAJIK_FAMILY: Final = (
    "Раҳимов", "Шарипов", "Саидов", "Каримов", "Назаров", "Сафаров", "Қурбонов", "Мирзоев",
    "Давлатов", "Азизов", "Ҳасанов", "Холов", "Ҷалолов", "Исмоилов", "Одинаев", "Раҷабов",
    "Усмонов", "Шарифов", "Набиев", "Ёров", "Иброҳимов", "Файзуллоев", "Сангинов", "Ҳамроев",
    "Бобоев", "Қодиров", "Ашуров", "Маҳмадов", "Зиёев", "Гулов", "Раҳмонзода", "Шарифзода",
    "Қурбонзода", "Саидзода", "Назарзода", "Ҳакимзода", "Исмоилзода", "Абдуллоев", "Алиев",
    "Юсуфов", "Нуров", "Амонов", "Шоев",
)  # fmt: skip

_UKRAINIAN_MALE: Final = (
    "Олександр", "Сергій", "Андрій", "Володимир", "Дмитро", "Іван", "Микола", "Олег", "Юрій",
    "Віктор", "Василь", "Михайло", "Петро", "Павло", "Максим", "Богдан", "Тарас", "Ярослав",
    "Віталій", "Євген", "Ігор", "Роман", "Анатолій", "Олексій", "Денис", "Артем", "Костянтин",
    "Вадим", "Валерій", "Степан", "Григорій", "Руслан", "Назар", "Владислав", "Антон", "Леонід",
    "Федір", "Ілля", "Тимофій", "Остап", "Данило", "Кирило", "Ростислав", "Святослав", "Борис",
    "Яків", "Мирослав",
)  # fmt: skip
_UKRAINIAN_FEMALE: Final = (
    "Олена", "Наталія", "Тетяна", "Ірина", "Оксана", "Світлана", "Юлія", "Марія", "Людмила",
    "Ганна", "Катерина", "Анастасія", "Ольга", "Вікторія", "Галина", "Надія", "Лариса",
    "Валентина", "Інна", "Алла", "Дарина", "Софія", "Христина", "Яна", "Віра", "Любов", "Зоя",
    "Ніна", "Тамара", "Олександра", "Лілія", "Мирослава", "Соломія", "Богдана", "Іванна",
    "Євгенія", "Ярослава", "Аліна", "Вероніка", "Уляна", "Поліна", "Діана", "Марина", "Кіра",
)  # fmt: skip
_UKRAINIAN_FAMILY: Final = (
    "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук",
    "Коваль", "Поліщук", "Бондар", "Ткачук", "Мельник", "Марченко", "Лисенко", "Руденко",
    "Савченко", "Петренко", "Мороз", "Клименко", "Павленко", "Кравчук", "Кузьменко",
    "Левченко", "Харченко", "Бойко", "Ковальчук", "Мельничук", "Швець", "Романенко",
    "Литвиненко", "Гончаренко", "Сидоренко", "Карпенко", "Остапенко", "Пономаренко", "Кравець",
    "Яковенко", "Гаврилюк", "Савчук", "Захарченко", "Ковальський", "Вишневський", "Білий",
    "Приходько", "Мазур", "Іваненко", "Федоренко", "Лозовий", "Гордієнко", "Ковалів",
)  # fmt: skip

_DARI_MALE: Final = (
    "Mohammad", "Ahmad", "Ali", "Mahmood", "Hamid", "Abdul Rahim", "Karim", "Wahid", "Farid",
    "Najib", "Habib", "Jawad", "Nasir", "Sayed", "Hussain", "Hassan", "Mustafa", "Omar",
    "Ghulam Sakhi", "Khalil", "Jamshid", "Fawad", "Bashir", "Nazir", "Shafiq", "Rafiq",
    "Javed", "Zabihullah", "Hekmatullah", "Ezatullah", "Rahmatullah", "Masoud", "Sohrab",
    "Yousuf", "Idris", "Ismail", "Farhad", "Mohammad Nabi", "Abdul Qadir", "Sharif", "Mirza",
    "Reza", "Mehdi", "Sultan", "Qasim",
)  # fmt: skip
_DARI_FEMALE: Final = (
    "Fatima", "Maryam", "Zahra", "Shabana", "Farzana", "Mariam", "Nazia", "Parwana", "Laila",
    "Soraya", "Fariba", "Hamida", "Roya", "Sima", "Shakila", "Nargis", "Freshta", "Mursal",
    "Sadaf", "Tahmina", "Mina", "Nilofar", "Homa", "Hasina", "Nasrin", "Shirin", "Sakina",
    "Zainab", "Khadija", "Aisha", "Rahima", "Karima", "Habiba", "Latifa", "Marzia", "Sabira",
    "Masooma", "Gulnaz", "Halima", "Nooria", "Fawzia", "Najiba", "Zakia", "Shukria", "Wahida",
    "Mahbooba", "Rukhsana", "Parisa", "Shabnam",
)  # fmt: skip
_DARI_FAMILY: Final = (
    "Ahmadi", "Mohammadi", "Hashimi", "Hussaini", "Rahimi", "Karimi", "Sultani", "Azizi",
    "Sadat", "Haidari", "Jafari", "Rezaei", "Nazari", "Amiri", "Akbari", "Noori", "Hakimi",
    "Habibi", "Rasuli", "Qaderi", "Faizi", "Safi", "Sharifi", "Yousufi", "Samadi", "Hamidi",
    "Hassani", "Rahmani", "Mahmoodi", "Kohistani", "Panjshiri", "Badakhshani", "Herawi",
    "Kabuli", "Mirzaei", "Saberi", "Naseri", "Alavi", "Mousavi", "Hosseini", "Ebrahimi",
    "Rostami", "Yaqubi", "Wahidi", "Zahedi", "Parwani",
)  # fmt: skip

_PASHTO_MALE: Final = (
    "Mohammad", "Ahmad", "Gul Ahmad", "Noor", "Zabihullah", "Naqibullah", "Rahmatullah",
    "Hekmatullah", "Mirwais", "Ajmal", "Zalmai", "Wali", "Sher", "Amanullah", "Asadullah",
    "Samiullah", "Habibullah", "Hamidullah", "Ezatullah", "Shafiqullah", "Rahmanullah",
    "Noorullah", "Sayed", "Jan", "Shah", "Bakht", "Ismail", "Yousuf", "Omar", "Bilal", "Hamza",
    "Jawed", "Sohail", "Fazal", "Aziz", "Khalid", "Janan", "Baryalai", "Sharif", "Hayat",
    "Nasrullah", "Lutfullah", "Wahidullah", "Obaidullah", "Kamal",
)  # fmt: skip
_PASHTO_FEMALE: Final = (
    "Fatima", "Malalai", "Zarghona", "Gulalai", "Palwasha", "Storai", "Shabana", "Maryam",
    "Zainab", "Bibi Gul", "Nazo", "Mursal", "Sadaf", "Laila", "Pashtana", "Spogmai", "Wagma",
    "Nargis", "Rabia", "Hasina", "Khadija", "Aisha", "Halima", "Shaista", "Rahima", "Farzana",
    "Nazia", "Sharifa", "Gulnaz", "Sima", "Sabira", "Marwa", "Muska", "Zarmina", "Breshna",
    "Nooria", "Shakila", "Zahra", "Hamida", "Tahira", "Salma", "Amina", "Masooma",
)  # fmt: skip
_PASHTO_FAMILY: Final = (
    "Ahmadzai", "Yousufzai", "Stanikzai", "Mohmand", "Shinwari", "Afridi", "Khan", "Durrani",
    "Barakzai", "Popalzai", "Alizai", "Noorzai", "Achakzai", "Kakar", "Mangal", "Zadran",
    "Niazi", "Sherzad", "Hotak", "Wardak", "Popal", "Safi", "Momand", "Khogyani", "Tanai",
    "Jalalzai", "Zazai", "Ludin", "Samadi", "Rahimi", "Karimi", "Amin", "Ahmadi", "Mohammadi",
    "Hamidi", "Sultani", "Noori", "Baheer", "Wazir", "Sapai", "Logari", "Nangarhari",
    "Kandahari", "Paktiawal", "Khalil", "Ishaqzai",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Russification.
# --------------------------------------------------------------------------------------------

#: Kazakh letter → Russian look-alike (Kyrgyz ``ң ө ү`` are covered too).
_KAZAKH_TO_RUSSIAN: Final[dict[str, str]] = {
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
}  # fmt: skip
#: Uzbek (``ў ҳ``) and Tajik (``ӣ ӯ ҷ``) letters, russified the same way on Soviet documents.
_OTHER_TO_RUSSIAN: Final[dict[str, str]] = {"ў": "у", "ҳ": "х", "ӣ": "и", "ӯ": "у", "ҷ": "дж"}


def _russify_table() -> dict[int, str]:
    """Build the ``str.translate`` table of :func:`russify` (both cases)."""
    table: dict[int, str] = {}
    for letter, russian in (_KAZAKH_TO_RUSSIAN | _OTHER_TO_RUSSIAN).items():
        table[ord(letter)] = russian
        table[ord(letter.upper())] = russian.capitalize()
    return table


RUSSIFY: Final = _russify_table()


def russify(text: str) -> str:
    """Replace national Cyrillic letters by the Russian look-alikes of older documents.

    Soviet and many Russian-language documents wrote Kazakh ``Сейтқазиев`` as
    ``Сейтказиев``: ``ә ғ қ ң ө ұ ү һ і`` become ``а г к н о у у х и``. Uzbek ``ў ҳ`` and Tajik
    ``ӣ ӯ ҷ`` are russified too (``ҷ`` → ``дж``), since their documents did the same. Do not
    call it on Ukrainian text: Ukrainian ``і`` is not a Kazakh letter.

    >>> russify("Әлия Жұмабекқызы")
    'Алия Жумабеккызы'
    """
    return text.translate(RUSSIFY)


# --------------------------------------------------------------------------------------------
# Patronymics and feminine family names.
# --------------------------------------------------------------------------------------------

_RU_VOWELS: Final = frozenset("аеёиоуыэюяәөұүіїєӣӯў")
_HUSHING: Final = frozenset("жшчщц")

#: Russian names whose patronymic is irregular: (masculine, feminine).
_RUSSIAN_PATRONYMIC_EXCEPTIONS: Final[dict[str, tuple[str, str]]] = {
    "Павел": ("Павлович", "Павловна"),
    "Лев": ("Львович", "Львовна"),
    "Пётр": ("Петрович", "Петровна"),
    "Петр": ("Петрович", "Петровна"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Даниил": ("Данилович", "Даниловна"),
    "Гавриил": ("Гаврилович", "Гавриловна"),
    "Илья": ("Ильич", "Ильинична"),
    "Никита": ("Никитич", "Никитична"),
    "Фома": ("Фомич", "Фоминична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Лука": ("Лукич", "Лукинична"),
    "Савва": ("Саввич", "Саввична"),
    "Иннокентий": ("Иннокентьевич", "Иннокентьевна"),
}


def russian_patronymic(father_given: str, sex: str) -> str:
    """Russian-style patronymic (``-ович``/``-евич``/``-овна``/``-евна``) of any given name.

    Rules, in order: the irregular names above (``Павел`` → ``Павлович``, ``Илья`` →
    ``Ильич``/``Ильинична``); ``-ий`` after two consonants → ``-иевич`` (``Дмитриевич``),
    after one → ``-ьевич`` (``Юрьевич``); other ``-й`` → ``-евич`` (``Сергеевич``,
    ``Серікбаевич``); ``-ь`` → ``-евич`` (``Игоревич``); a vowel or ``ж ш ч щ ц`` → add
    ``-евич`` (Central Asian ``Мұса`` → ``Мұсаевич``, ``Қуаныш`` → ``Қуанышевич``); any other
    consonant → add ``-ович`` (``Иванович``, ``Серікович``). The letters of the father's name
    are kept, so a Kazakh name keeps its Kazakh letters until :func:`russify`.
    """
    female = _is_female(sex)
    irregular = _RUSSIAN_PATRONYMIC_EXCEPTIONS.get(father_given)
    if irregular is not None:
        return irregular[female]
    if not father_given:
        return ""
    last = father_given[-1]
    if last == "й":
        stem = father_given[:-1]
        if stem.endswith("и") and len(stem) >= 3:
            base = stem[:-1]
            tail = base[-2:].lower()
            if tail[0] not in _RU_VOWELS and tail[1] not in _RU_VOWELS:
                return base + ("иевна" if female else "иевич")
            return base + ("ьевна" if female else "ьевич")
        return stem + ("евна" if female else "евич")
    if last == "ь":
        return father_given[:-1] + ("евна" if female else "евич")
    if last in _RU_VOWELS or last in _HUSHING:
        return father_given + ("евна" if female else "евич")
    return father_given + ("овна" if female else "ович")


#: Ukrainian names whose patronymic is irregular: (masculine, feminine).
_UKRAINIAN_PATRONYMIC_EXCEPTIONS: Final[dict[str, tuple[str, str]]] = {
    "Микола": ("Миколайович", "Миколаївна"),
    "Ілля": ("Ілліч", "Іллівна"),
    "Федір": ("Федорович", "Федорівна"),
    "Григорій": ("Григорович", "Григорівна"),
    "Яків": ("Якович", "Яківна"),
    "Лев": ("Львович", "Львівна"),
    "Лука": ("Лукич", "Луківна"),
    "Кузьма": ("Кузьмич", "Кузьмівна"),
    "Хома": ("Хомич", "Хомівна"),
    "Сава": ("Савович", "Савівна"),
}


def ukrainian_patronymic(father_given: str, sex: str) -> str:
    """Ukrainian patronymic: ``-ович`` for men, ``-івна`` for women.

    ``Іван`` → ``Іванович``/``Іванівна``; ``Сергій`` → ``Сергійович``/``Сергіївна``; ``Дмитро``
    → ``Дмитрович``/``Дмитрівна``; ``Василь`` → ``Васильович``/``Василівна``; irregular:
    ``Микола`` → ``Миколайович``/``Миколаївна``, ``Ілля`` → ``Ілліч``, ``Федір`` →
    ``Федорович``, ``Григорій`` → ``Григорович``.
    """
    female = _is_female(sex)
    irregular = _UKRAINIAN_PATRONYMIC_EXCEPTIONS.get(father_given)
    if irregular is not None:
        return irregular[female]
    if not father_given:
        return ""
    last = father_given[-1]
    if last == "й":
        return father_given[:-1] + "ївна" if female else father_given + "ович"
    if last == "ь":
        return father_given[:-1] + "івна" if female else father_given + "ович"
    if last in "оая":
        stem = father_given[:-1]
        return stem + ("івна" if female else "ович")
    return father_given + ("івна" if female else "ович")


def _kazakh_patronymic(father_given: str, female: bool) -> str:
    """Kazakh form, written as one word: ``Серікұлы`` (son), ``Серікқызы`` (daughter)."""
    return father_given + ("қызы" if female else "ұлы")


def _uzbek_patronymic(father_given: str, female: bool) -> str:
    """Uzbek form, two words: ``Баҳтиёр ўғли`` (son), ``Баҳтиёр қизи`` (daughter)."""
    return father_given + (" қизи" if female else " ўғли")


def _kyrgyz_patronymic(father_given: str, female: bool) -> str:
    """Kyrgyz form, two words: ``Асан уулу`` (son), ``Асан кызы`` (daughter)."""
    return father_given + (" кызы" if female else " уулу")


def _no_patronymic(father_given: str, female: bool) -> str:
    """Tajik documents since the 2000s often have none."""
    return ""


def _father_name(father_given: str, female: bool) -> str:
    """Afghan documents: the "father's name" field is the father's given name itself."""
    return father_given


def _ukrainian_native(father_given: str, female: bool) -> str:
    return ukrainian_patronymic(father_given, "female" if female else "male")


def _russian_form(father_given: str, female: bool) -> str:
    return russian_patronymic(father_given, "female" if female else "male")


#: Feminine family name endings, longest first: (masculine ending, feminine ending).
_FEMININE_ENDINGS: Final[tuple[tuple[str, str], ...]] = (
    ("ұлы", "қызы"),  # Kazakh family names made from an ancestor's name: a daughter is -қызы
    ("улы", "кызы"),  # ... and the same, russified
    (" уулу", " кызы"),  # Kyrgyz
    (" ўғли", " қизи"),  # Uzbek
    ("ский", "ская"),
    ("цкий", "цкая"),
    ("ський", "ська"),
    ("цький", "цька"),
    ("ской", "ская"),
    ("ов", "ова"),
    ("ев", "ева"),
    ("ёв", "ёва"),
    ("єв", "єва"),
    ("ин", "ина"),
    ("ын", "ына"),
    ("ін", "іна"),
)


def _feminine_family_name(background: Background, root: str) -> str:
    """Apply the rules of :func:`family_name_for` for a woman (no cache)."""
    if background in (Background.AFGHAN_DARI, Background.AFGHAN_PASHTO):
        return root
    for masculine, feminine in _FEMININE_ENDINGS:
        if root.endswith(masculine):
            return root[: -len(masculine)] + feminine
    if background == Background.UKRAINIAN:
        if root.endswith("ий"):  # Білий → Біла, Лозовий → Лозова
            return root[:-2] + "а"
        return root  # -енко, -ук, -чук, Мельник, Коваль: the same for women
    if root.endswith(("ый", "ой")) and len(root) >= 5:  # Белый → Белая, Толстой → Толстая
        return root[:-2] + "ая"
    return root  # Ким, Цой, Черных, -зода, ...: the same for women


# --------------------------------------------------------------------------------------------
# Per-background style, precomputed.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pool:
    """Names with cumulative Zipf weights normalised to end at exactly 1.0."""

    names: tuple[str, ...]
    cum: tuple[float, ...]

    @classmethod
    def zipf(cls, names: Iterable[str], exponent: float) -> Self:
        unique = tuple(dict.fromkeys(names))
        weights = [1.0 / (rank**exponent) for rank in range(1, len(unique) + 1)]
        total = sum(weights)
        cum = [weight / total for weight in accumulate(weights)]
        cum[-1] = 1.0  # rng.random() < 1.0, so bisect always lands inside the pool
        return cls(unique, tuple(cum))


@dataclass(frozen=True, slots=True)
class _Style:
    """Everything :func:`draw_name` needs for one background."""

    male: _Pool
    female: _Pool
    family: _Pool
    #: Share of people whose documents use russified spellings (per person).
    russified_share: float
    #: Share of national-form patronymics among people with national / russified spellings.
    native_share: float
    native_share_russified: float
    #: Share of people (households) without a family name.
    no_family_share: float
    native: Callable[[str, bool], str]
    russian: Callable[[str, bool], str]
    #: Russified pool spelling → national spelling, to write a name given by the caller in
    #: the script of this person's documents.
    national: Mapping[str, str]
    feminine: Mapping[str, str]
    #: Father's given name → (native male, native female, russian male, russian female).
    patronymics: Mapping[str, tuple[str, str, str, str]]

    def patronymic(self, father_given: str, female: bool, native: bool) -> str:
        forms = self.patronymics.get(father_given)
        if forms is None:
            if native:
                return self.native(father_given, female)
            return self.russian(father_given, female)
        return forms[(0 if native else 2) + female]

    def feminine_of(self, background: Background, root: str) -> str:
        feminine = self.feminine.get(root)
        return _feminine_family_name(background, root) if feminine is None else feminine


def _derived_family_names(male_names: Iterable[str]) -> list[str]:
    """Family names made from a grandfather's given name, as most Central Asian ones are.

    ``Ерлан`` → ``Ерланов``, ``Серікбай`` → ``Серікбаев``, ``Мирзо`` → ``Мирзоев``,
    ``Қуаныш`` → ``Қуанышев``. Only single-word names ending in a letter that takes a clean
    suffix are used.
    """
    derived = []
    for name in male_names:
        if " " in name or name.endswith(("ь", "ӣ")):
            continue
        last = name[-1]
        if last == "й":
            derived.append(name[:-1] + "ев")
        elif last in _RU_VOWELS or last in _HUSHING:
            derived.append(name + "ев")
        else:
            derived.append(name + "ов")
    return derived


def _style(
    background: Background,
    *,
    male: tuple[str, ...],
    female: tuple[str, ...],
    family: Iterable[str],
    given_exponent: float = 0.7,
    female_exponent: float | None = None,
    family_exponent: float = 0.6,
    russified_share: float = 0.0,
    native_share: float = 1.0,
    native_share_russified: float = 1.0,
    no_family_share: float = 0.0,
    native: Callable[[str, bool], str] = _russian_form,
    russian: Callable[[str, bool], str] = _russian_form,
) -> _Style:
    """Precompute a background's pools, spellings, feminine forms and patronymics."""
    male_pool = _Pool.zipf(male, given_exponent)
    family_pool = _Pool.zipf(family, family_exponent)
    russifies = russified_share > 0
    national: dict[str, str] = {}
    if russifies:
        russified: dict[str, list[str]] = {}
        for name in (*male, *female, *family_pool.names):
            russified.setdefault(russify(name), []).append(name)
        national = {
            spelled: names[0]
            for spelled, names in russified.items()
            if len(names) == 1 and spelled != names[0]
        }
    roots = family_pool.names + tuple(national) if russifies else family_pool.names
    feminine = {root: _feminine_family_name(background, root) for root in roots}
    fathers = male_pool.names + tuple(n for n in national if national[n] in male_pool.names)
    patronymics = {
        father: (
            native(father, False),
            native(father, True),
            russian(father, False),
            russian(father, True),
        )
        for father in fathers
    }
    return _Style(
        male=male_pool,
        female=_Pool.zipf(female, female_exponent or given_exponent),
        family=family_pool,
        russified_share=russified_share,
        native_share=native_share,
        native_share_russified=native_share_russified,
        no_family_share=no_family_share,
        native=native,
        russian=russian,
        national=national,
        feminine=feminine,
        patronymics=patronymics,
    )


def _central_asian_family(explicit: tuple[str, ...], male: tuple[str, ...]) -> list[str]:
    """The explicit family names first (the frequent ones), then names derived from ``male``."""
    return [*explicit, *_derived_family_names(male)]


#: Shares are estimates: in Kazakhstan roughly a third of the documents met in registration
#: carry russified spellings and a minority of Kazakhs (younger, mostly) have -ұлы/-қызы
#: patronymics; Uzbek and Kyrgyz documents of the Soviet and early independence period are
#: largely russified; Tajik documents often drop the patronymic; about 40% of Afghan
#: documents have no family name.
STYLES: Final[dict[Background, _Style]] = {
    Background.KAZAKH: _style(
        Background.KAZAKH,
        male=_KAZAKH_MALE,
        female=_KAZAKH_FEMALE,
        family=_central_asian_family(_KAZAKH_FAMILY, _KAZAKH_MALE),
        russified_share=0.35,
        native_share=0.40,
        native_share_russified=0.10,
        native=_kazakh_patronymic,
    ),
    Background.RUSSIAN: _style(
        Background.RUSSIAN,
        male=_RUSSIAN_MALE,
        female=_RUSSIAN_FEMALE,
        family=_RUSSIAN_FAMILY,
        native=_russian_form,
    ),
    Background.UZBEK: _style(
        Background.UZBEK,
        male=_UZBEK_MALE,
        female=_UZBEK_FEMALE,
        family=_central_asian_family(_UZBEK_FAMILY, _UZBEK_MALE),
        russified_share=0.50,
        native_share=0.70,
        native_share_russified=0.10,
        native=_uzbek_patronymic,
    ),
    Background.KYRGYZ: _style(
        Background.KYRGYZ,
        male=_KYRGYZ_MALE,
        female=_KYRGYZ_FEMALE,
        family=_central_asian_family(_KYRGYZ_FAMILY, _KYRGYZ_MALE),
        russified_share=0.40,
        native_share=0.55,
        native_share_russified=0.10,
        native=_kyrgyz_patronymic,
    ),
    Background.TAJIK: _style(
        Background.TAJIK,
        male=_TAJIK_MALE,
        female=_TAJIK_FEMALE,
        family=_central_asian_family(_TAJIK_FAMILY, _TAJIK_MALE),
        russified_share=0.50,
        native_share=0.50,
        native_share_russified=0.25,
        native=_no_patronymic,
    ),
    Background.AFGHAN_DARI: _style(
        Background.AFGHAN_DARI,
        male=_DARI_MALE,
        female=_DARI_FEMALE,
        family=_DARI_FAMILY,
        given_exponent=1.0,
        female_exponent=0.8,
        no_family_share=0.40,
        native=_father_name,
        russian=_father_name,
    ),
    Background.AFGHAN_PASHTO: _style(
        Background.AFGHAN_PASHTO,
        male=_PASHTO_MALE,
        female=_PASHTO_FEMALE,
        family=_PASHTO_FAMILY,
        given_exponent=1.0,
        female_exponent=0.8,
        no_family_share=0.40,
        native=_father_name,
        russian=_father_name,
    ),
    Background.UKRAINIAN: _style(
        Background.UKRAINIAN,
        male=_UKRAINIAN_MALE,
        female=_UKRAINIAN_FEMALE,
        family=_UKRAINIAN_FAMILY,
        native=_ukrainian_native,
        russian=_ukrainian_native,
    ),
}

#: Share of national-form patronymics over the whole population of a background, for
#: :func:`patronymic_for` (which does not know whether the person's documents are russified).
_OVERALL_NATIVE_SHARE: Final[dict[Background, float]] = {
    background: style.russified_share * style.native_share_russified
    + (1 - style.russified_share) * style.native_share
    for background, style in STYLES.items()
}


# --------------------------------------------------------------------------------------------
# Drawing names.
# --------------------------------------------------------------------------------------------


def draw_given_name(rng: random.Random, background: Background, sex: str) -> str:
    """Draw a given name of ``background`` (national spelling), frequent names more often."""
    style = STYLES[background]
    pool = style.female if _is_female(sex) else style.male
    return pool.names[bisect(pool.cum, rng.random())]


def _draw_root(style: _Style, rng: random.Random) -> str:
    if rng.random() < style.no_family_share:
        return ""
    return style.family.names[bisect(style.family.cum, rng.random())]


def draw_family_root(rng: random.Random, background: Background) -> str:
    """Draw the masculine (base) family name of a household, in national spelling.

    For Afghan households it is ``""`` in about 40% of draws: many Afghans have no family name
    on their documents, and the whole household shares that.
    """
    return _draw_root(STYLES[background], rng)


def family_name_for(background: Background, root: str, sex: str) -> str:
    """The family name a person of ``sex`` carries for the household's ``root``.

    Women: ``-ов``/``-ев``/``-ин`` → ``-ова``/``-ева``/``-ина``, ``-ский`` → ``-ская``
    (Ukrainian ``-ський`` → ``-ська``, ``-ий`` → ``-а``). Kazakh family names made with
    ``-ұлы`` ("son of") become ``-қызы`` ("daughter of"), Kyrgyz ``… уулу`` → ``… кызы``; other
    forms are the same for both sexes: Ukrainian ``-енко``, ``-ук``, ``Мельник``, Korean ``Ким``,
    Tajik ``-зода`` and all Afghan family names.
    """
    if not _is_female(sex) or not root:
        return root
    return STYLES[background].feminine_of(background, root)


def patronymic_for(rng: random.Random, background: Background, father_given: str, sex: str) -> str:
    """The patronymic (or "father's name") of a child of ``father_given``.

    Russian: ``-ович``/``-евич``/``-овна``/``-евна`` (:func:`russian_patronymic`). Ukrainian:
    ``-ович``/``-івна`` (:func:`ukrainian_patronymic`). Kazakh: ``Серікұлы``/``Серікқызы`` in
    about 30% of draws, else ``Серікович``/``Сериковна``-style; Uzbek: ``Баҳтиёр ўғли``/``…
    қизи`` or ``-ович``; Kyrgyz: ``Асан уулу``/``… кызы`` or ``-ович``; Tajik: ``-ович`` or
    none (``""``); Afghan: the father's given name itself.

    The spelling of ``father_given`` is kept: :func:`draw_name` russifies whole names.
    """
    female = _is_female(sex)
    native = rng.random() < _OVERALL_NATIVE_SHARE[background]
    return STYLES[background].patronymic(father_given, female, native)


def draw_name(
    rng: random.Random,
    background: Background,
    sex: str,
    *,
    father_given: str | None = None,
    family_root: str | None = None,
) -> PersonName:
    """Draw a full name as written on the person's documents.

    ``family_root`` (the household's base family name, from :func:`draw_family_root`) and
    ``father_given`` (the father's given name) are drawn when not given. Kazakh, Uzbek, Kyrgyz
    and Tajik people have, per person, either national spellings or russified ones (Kazakh:
    about 35% russified), and the whole name follows: a name passed in either spelling is
    written the way this person's documents write it.
    """
    style = STYLES[background]
    female = _is_female(sex)
    pool = style.female if female else style.male
    given = pool.names[bisect(pool.cum, rng.random())]
    national = style.national
    if family_root is None:
        family_root = _draw_root(style, rng)
    elif national:
        family_root = national.get(family_root, family_root)
    if father_given is None:
        father_given = style.male.names[bisect(style.male.cum, rng.random())]
    elif national:
        father_given = national.get(father_given, father_given)
    russified = rng.random() < style.russified_share
    native = rng.random() < (style.native_share_russified if russified else style.native_share)
    patronymic = style.patronymic(father_given, female, native)
    family = style.feminine_of(background, family_root) if female and family_root else family_root
    if russified:
        return PersonName(
            family.translate(RUSSIFY), given.translate(RUSSIFY), patronymic.translate(RUSSIFY)
        )
    return PersonName(family, given, patronymic)


ORIGIN_BACKGROUNDS: Final[dict[str, Background]] = {
    "UKR": Background.UKRAINIAN,
    "UZB": Background.UZBEK,
    "KGZ": Background.KYRGYZ,
    "TJK": Background.TAJIK,
}
#: Stateless people and people from Kazakhstan, Russia and other former Soviet republics:
#: the mix of the stateless population in Kazakhstan ("other" are counted as Ukrainian).
MIXED: Final = (
    Background.KAZAKH,
    Background.RUSSIAN,
    Background.UZBEK,
    Background.KYRGYZ,
    Background.TAJIK,
    Background.UKRAINIAN,
)
MIXED_CUM: Final = (0.45, 0.70, 0.85, 0.90, 0.95, 1.0)


def background_for_origin(rng: random.Random, iso3: str) -> Background:
    """Draw the naming background of a person from country of origin ``iso3``.

    ``AFG`` → Dari (70%) or Pashto (30%); ``UKR``, ``UZB``, ``KGZ``, ``TJK`` → their own;
    ``KAZ``, ``RUS``, other former Soviet republics and unknown or stateless codes → Kazakh 45%,
    Russian 25%, Uzbek 15%, Kyrgyz 5%, Tajik 5%, other (Ukrainian) 5%.
    """
    code = iso3.upper()
    if code == "AFG":
        return Background.AFGHAN_DARI if rng.random() < 0.7 else Background.AFGHAN_PASHTO
    own = ORIGIN_BACKGROUNDS.get(code)
    if own is not None:
        return own
    return MIXED[bisect(MIXED_CUM, rng.random())]


# --------------------------------------------------------------------------------------------
# Latin spellings.
# --------------------------------------------------------------------------------------------


class LatinHabit(StrEnum):
    """A way of writing a Cyrillic name in Latin letters, as met in real documents and lists.

    ``fold`` (:func:`qorgau.names.fold`) gives every spelling of the first four habits the key
    of the Cyrillic original. The last two do not, on purpose: they are real habits that
    record linkage must tolerate by fuzzy comparison, not by the fold key.
    """

    #: ICAO Doc 9303 (machine-readable passports), via :func:`qorgau.names.transliterate`.
    ICAO = "icao"
    #: BGN/PCGN-like: ``й`` y, ``ю`` yu, ``я`` ya, ``х`` kh, ``ж`` zh, ``ё`` yo, ``ы`` y, ``ь``
    #: dropped, ``е`` → ``ye`` at the start of a word and after a vowel.
    BGN = "bgn"
    #: Mixed habits of Central Asian documents and lists: Zh/J, Kh/H, Yu/Iu/Ju, Ya/Ia,
    #: -iy/-y/-ii/-i endings, Ye/E, q for қ... drawn independently for each spelling.
    REGIONAL = "regional"
    #: The Kazakh Latin alphabet of 2021 (ä ğ q ñ ö ū ü ı ş ç), for Kazakh names.
    KAZAKH_2021 = "kazakh_2021"
    #: German/Polish-style glides: ``Natalja``, ``Jurij``, ``Sergej`` (not fold-equal: ``fold``
    #: reads ``j`` as ``ж``).
    GERMAN = "german"
    #: Ukrainian national transliteration of 2010 (Ukrainian passports): ``г`` → ``h``,
    #: ``и`` → ``y`` (``Hryhorii``; not fold-equal: ``fold`` reads ``h`` as ``х``).
    UKRAINIAN_2010 = "ukrainian_2010"


#: Cyrillic vowels (and signs) after which ``е`` is iotated.
_IOTATING: Final = frozenset("аеёиоуыэюяәөұүіїєьъй")

_BGN_LETTERS: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ҳ": "h", "ӣ": "i", "ӯ": "u", "ҷ": "j",
}  # fmt: skip

_KAZAKH_2021_LETTERS: Final[dict[str, str]] = _BGN_LETTERS | {
    "ё": "e", "ж": "j", "и": "i", "й": "i", "х": "h", "ч": "ç", "ш": "ş", "щ": "ş", "ы": "y",
    "ю": "iu", "я": "ia", "ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü",
    "і": "ı",
}  # fmt: skip

_GERMAN_LETTERS: Final[dict[str, str]] = _BGN_LETTERS | {
    "ё": "jo", "й": "j", "ю": "ju", "я": "ja", "є": "je", "ї": "ji",
}  # fmt: skip

_UKRAINIAN_2010_LETTERS: Final[dict[str, str]] = _BGN_LETTERS | {
    "г": "h", "и": "y", "й": "i", "ї": "i", "є": "ie", "ю": "iu", "я": "ia",
}  # fmt: skip
_UKRAINIAN_2010_INITIAL: Final[dict[str, str]] = {
    "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Scheme:
    """A letter table plus the few context rules real romanisations have."""

    letters: Mapping[str, str]
    #: Values at the start of a word.
    initial: Mapping[str, str]
    #: Value of ``е`` at the start of a word and after a vowel (``Yerlan``, ``Sergeyev``).
    iotated_e: str
    #: Word-final ``ий``/``ый`` (``Yuriy``, ``Yury``, ``Yurii``).
    endings: Mapping[str, str]


_BGN: Final = _Scheme(_BGN_LETTERS, {}, "ye", {"ий": "iy", "ый": "yy"})
_KAZAKH_2021: Final = _Scheme(_KAZAKH_2021_LETTERS, {}, "e", {})
_GERMAN: Final = _Scheme(_GERMAN_LETTERS, {}, "je", {"ий": "ij", "ый": "yj"})
_UKRAINIAN_2010: Final = _Scheme(_UKRAINIAN_2010_LETTERS, _UKRAINIAN_2010_INITIAL, "e", {})

#: Letters after which ``й`` written ``y`` would make ``ye``/``yo``, which read as ``е``/``ё``.
_YE_YO: Final = frozenset("еэоё")

#: Last Latin letters after which ``h`` for ``х`` would merge into another sound (``с`` + ``х``
#: as ``sh`` would read ``ш``): there every habit writes ``kh``.
_H_GUARD: Final = frozenset("szgcşçh")


def _romanize_word(word: str, scheme: _Scheme) -> str:
    """Romanise one word of Cyrillic letters with ``scheme``, keeping its capitalisation."""
    lower = word.lower()
    all_caps = len(word) > 1 and word.isupper()
    letters, initial, endings = scheme.letters, scheme.initial, scheme.endings
    pieces: list[str] = []
    last_out = ""
    previous = ""
    index, length = 0, len(lower)
    while index < length:
        letter = lower[index]
        step = 1
        if index == length - 2 and endings and lower[index:] in endings:
            latin, step = endings[lower[index:]], 2
        elif letter == "е" and (index == 0 or previous in _IOTATING):
            latin = scheme.iotated_e
        elif index == 0 and letter in initial:
            latin = initial[letter]
        else:
            latin = letters.get(letter, letter)
            if latin == "y" and letter == "й" and lower[index + 1 : index + 2] in _YE_YO:
                # "Bayel", "Sergiyovych" would read as ye/yo (е/ё): "Baiel" keeps the fold key.
                latin = "i"
        if latin == "h" and letter in "хһҳ" and last_out in _H_GUARD:
            latin = "kh"
        if latin:
            if all_caps:
                latin = latin.upper()
            elif word[index].isupper():
                latin = latin.capitalize()
            pieces.append(latin)
            last_out = latin[-1].lower()
        previous = lower[index + step - 1]
        index += step
    return "".join(pieces)


def _romanize(text: str, scheme: _Scheme) -> str:
    """Romanise every word (run of letters) of ``text``; other characters pass through."""
    out: list[str] = []
    word_start = -1
    for position, char in enumerate(text):
        if char.isalpha():
            if word_start < 0:
                word_start = position
        else:
            if word_start >= 0:
                out.append(_romanize_word(text[word_start:position], scheme))
                word_start = -1
            out.append(char)
    if word_start >= 0:
        out.append(_romanize_word(text[word_start:], scheme))
    return "".join(out)


def _pick[T](rng: random.Random, options: tuple[tuple[T, float], ...]) -> T:
    """Draw one of ``(value, probability)`` pairs (probabilities summing to 1)."""
    point = rng.random()
    for value, probability in options:
        point -= probability
        if point < 0:
            return value
    return options[-1][0]


def _regional_scheme(rng: random.Random) -> _Scheme:
    """Draw one writer's set of habits; every choice keeps the ``fold`` key."""
    letters = dict(_BGN_LETTERS)
    letters["ж"] = _pick(rng, (("zh", 0.55), ("j", 0.45)))
    letters["х"] = _pick(rng, (("kh", 0.6), ("h", 0.4)))
    letters["ю"] = _pick(rng, (("yu", 0.55), ("iu", 0.3), ("ju", 0.15)))
    letters["я"] = _pick(rng, (("ya", 0.65), ("ia", 0.35)))
    letters["й"] = _pick(rng, (("y", 0.6), ("i", 0.4)))
    letters["ы"] = _pick(rng, (("y", 0.8), ("i", 0.2)))
    letters["щ"] = _pick(rng, (("shch", 0.5), ("sch", 0.3), ("sh", 0.2)))
    letters["ё"] = _pick(rng, (("yo", 0.6), ("e", 0.4)))
    letters["ь"] = _pick(rng, (("", 0.85), ("'", 0.15)))
    letters["қ"] = _pick(rng, (("k", 0.8), ("q", 0.2)))
    letters["ғ"] = _pick(rng, (("g", 0.85), ("gh", 0.15)))
    endings = {
        "ий": _pick(rng, (("iy", 0.35), ("y", 0.3), ("ii", 0.2), ("i", 0.15))),
        "ый": _pick(rng, (("yy", 0.4), ("iy", 0.3), ("y", 0.3))),
    }
    iotated_e = _pick(rng, (("ye", 0.5), ("e", 0.5)))
    return _Scheme(letters, {}, iotated_e, endings)


_KAZAKH_ONLY: Final = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")
_UKRAINIAN_ONLY: Final = frozenset("їєґЇЄҐ")

#: Habit weights: (habit, probability) for plain, Kazakh and Ukrainian text.
type _Weighted = tuple[tuple[LatinHabit, float], ...]
_HABITS_PLAIN: Final[_Weighted] = (
    (LatinHabit.ICAO, 0.40),
    (LatinHabit.BGN, 0.20),
    (LatinHabit.REGIONAL, 0.35),
    (LatinHabit.GERMAN, 0.05),
)
_HABITS_KAZAKH: Final[_Weighted] = (
    (LatinHabit.ICAO, 0.35),
    (LatinHabit.BGN, 0.15),
    (LatinHabit.REGIONAL, 0.35),
    (LatinHabit.KAZAKH_2021, 0.12),
    (LatinHabit.GERMAN, 0.03),
)
_HABITS_UKRAINIAN: Final[_Weighted] = (
    (LatinHabit.UKRAINIAN_2010, 0.40),
    (LatinHabit.ICAO, 0.25),
    (LatinHabit.BGN, 0.10),
    (LatinHabit.REGIONAL, 0.20),
    (LatinHabit.GERMAN, 0.05),
)

#: Common Latin spelling variants of Afghan names (passports, UN and NGO lists).
_AFGHAN_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "Mohammad": ("Muhammad", "Mohammed", "Mohamad", "Muhammed", "Mohd"),
    "Ahmad": ("Ahmed",),
    "Mahmood": ("Mahmud", "Mahmoud"),
    "Yousuf": ("Yusuf", "Yousef", "Yosuf"),
    "Hussain": ("Husain", "Hussein", "Hosain"),
    "Hassan": ("Hasan",),
    "Hamid": ("Hameed",),
    "Rahim": ("Raheem",),
    "Karim": ("Kareem",),
    "Wahid": ("Waheed",),
    "Farid": ("Fareed",),
    "Najib": ("Najeeb",),
    "Habib": ("Habeeb",),
    "Nasir": ("Naseer", "Nassir"),
    "Bashir": ("Basheer",),
    "Nazir": ("Nazeer",),
    "Shafiq": ("Shafeeq", "Shafik"),
    "Rafiq": ("Rafeeq", "Rafik"),
    "Javed": ("Jawed", "Javid"),
    "Jawad": ("Javad",),
    "Masoud": ("Masood", "Masud"),
    "Sayed": ("Said", "Syed", "Sayyed"),
    "Noor": ("Nur", "Nour"),
    "Omar": ("Umar",),
    "Qadir": ("Qader", "Kadir"),
    "Fatima": ("Fatema", "Fatimah"),
    "Khadija": ("Khadijah", "Khadeja"),
    "Aisha": ("Ayesha", "Aysha"),
    "Zainab": ("Zaynab",),
    "Laila": ("Leila", "Layla"),
    "Soraya": ("Suraya", "Suraiya"),
    "Ahmadi": ("Ahmady",),
    "Mohammadi": ("Muhammadi", "Mohammady"),
    "Hashimi": ("Hashemi",),
    "Hussaini": ("Husaini", "Hosseini"),
    "Yousufzai": ("Yousafzai", "Yusufzai"),
    "Noori": ("Nouri", "Nuri"),
    "Haidari": ("Heidari", "Haydari"),
    "Sultani": ("Soltani",),
    "Rasuli": ("Rasooli", "Rasouli"),
}
_ULLAH_VARIANTS: Final = ("ulla", "ollah", "ullah")


def _afghan_variant(rng: random.Random, text: str) -> str:
    """Respell the Latin words of an Afghan name: ``Mohammad`` → ``Muhammad``, ``-ullah`` →
    ``-ulla``. Unknown words are kept, so the text may come back unchanged."""
    words = text.split(" ")
    for index, word in enumerate(words):
        variants = _AFGHAN_VARIANTS.get(word)
        if variants is not None and rng.random() < 0.6:
            words[index] = variants[int(rng.random() * len(variants))]
        elif word.endswith("ullah") and rng.random() < 0.5:
            words[index] = word[:-5] + _ULLAH_VARIANTS[int(rng.random() * 3)]
    return " ".join(words)


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def spell_latin(rng: random.Random, text: str, habit: LatinHabit) -> str:
    """Write the Cyrillic ``text`` in Latin letters following ``habit``.

    ``rng`` is used by :attr:`LatinHabit.REGIONAL` only, which draws its choices.
    """
    if habit == LatinHabit.ICAO:
        return transliterate(text)
    if habit == LatinHabit.BGN:
        return _romanize(text, _BGN)
    if habit == LatinHabit.REGIONAL:
        return _romanize(text, _regional_scheme(rng))
    if habit == LatinHabit.KAZAKH_2021:
        return _romanize(text, _KAZAKH_2021)
    if habit == LatinHabit.GERMAN:
        return _romanize(text, _GERMAN)
    return _romanize(text, _UKRAINIAN_2010)


def latin_spelling(rng: random.Random, text: str, *, background: Background | None = None) -> str:
    """One Latin spelling of a name, following a habit drawn at random.

    Cyrillic text: ICAO, BGN/PCGN-like, regional (Zh/J, Kh/H, Yu/Iu/Ju, -iy/-y/-ii), rarely
    German-style; Kazakh names (Kazakh letters, or ``background=KAZAKH``) also the 2021 Kazakh
    Latin alphabet; Ukrainian names (``ї є ґ``, or ``background=UKRAINIAN``) mostly the
    Ukrainian passport system. See :class:`LatinHabit` for which habits keep the ``fold`` key.
    Latin text (Afghan names) gets the common English spelling variants (``Muhammad``,
    ``Ahmed``, ``-ulla``), which ``fold`` does *not* always equate, or comes back unchanged.
    """
    if not _has_cyrillic(text):
        return _afghan_variant(rng, text)
    if background == Background.UKRAINIAN or any(char in _UKRAINIAN_ONLY for char in text):
        habits = _HABITS_UKRAINIAN
    elif background == Background.KAZAKH or any(char in _KAZAKH_ONLY for char in text):
        habits = _HABITS_KAZAKH
    else:
        habits = _HABITS_PLAIN
    return spell_latin(rng, text, _pick(rng, habits))


# --------------------------------------------------------------------------------------------
# Typos.
# --------------------------------------------------------------------------------------------


def _keyboard_neighbours(rows: tuple[str, ...]) -> dict[str, set[str]]:
    """Left and right neighbours of every key on a keyboard of ``rows``."""
    neighbours: dict[str, set[str]] = {}
    for row in rows:
        for index, key in enumerate(row):
            near = neighbours.setdefault(key, set())
            if index > 0:
                near.add(row[index - 1])
            if index < len(row) - 1:
                near.add(row[index + 1])
    return neighbours


#: Sound-alike confusions of people copying or hearing names (both directions).
_PHONETIC_PAIRS: Final = (
    "еэ", "иы", "шщ", "ао", "еи", "зс", "бп", "дт", "вф", "гк", "жш", "ёе", "йи", "ьъ",
    "iy", "ei", "ou", "ae", "kq", "sz", "vw", "jy",
)  # fmt: skip
#: A national letter typed as its Russian look-alike (a Russian keyboard has none of them).
_LOOK_ALIKE_SLIPS: Final = _KAZAKH_TO_RUSSIAN | {"ў": "у", "ҳ": "х", "ӣ": "и", "ӯ": "у", "ҷ": "ж"}


def _typo_neighbours() -> dict[str, tuple[str, ...]]:
    """Lower-case letter → the letters it is mistyped or misheard as (sorted, deterministic)."""
    neighbours = _keyboard_neighbours(
        ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю", "qwertyuiop", "asdfghjkl", "zxcvbnm")
    )
    for first, second in _PHONETIC_PAIRS:
        neighbours.setdefault(first, set()).add(second)
        neighbours.setdefault(second, set()).add(first)
    for national, russian in _LOOK_ALIKE_SLIPS.items():
        neighbours.setdefault(national, set()).add(russian)
    return {letter: tuple(sorted(near)) for letter, near in neighbours.items()}


_TYPO_NEIGHBOURS: Final = _typo_neighbours()


def _with_case(letter: str, model: str) -> str:
    return letter.upper() if model.isupper() else letter


def typo(rng: random.Random, text: str) -> str:
    """One realistic error in ``text``: a letter dropped, doubled, swapped or replaced.

    Replacements are keyboard neighbours (ЙЦУКЕН and QWERTY) or sound-alikes (``е/э``,
    ``и/ы``, ``ш/щ``, ``а/о``, ``i/y``, Kazakh letter / Russian look-alike...). Only letters
    are touched. The result always differs from ``text`` and is never empty; a text without
    letters raises :class:`ValueError`. Typos are meant *not* to keep the ``fold`` key.
    """
    positions = [index for index, char in enumerate(text) if char.isalpha()]
    if not positions:
        raise ValueError(f"no letter to misspell in {text!r}")
    for _ in range(8):
        kind = rng.random()
        index = positions[int(rng.random() * len(positions))]
        char = text[index]
        if kind < 0.25:  # drop
            if len(positions) < 2:
                continue
            rest = text[index + 1 :]
            if char.isupper() and rest[:1].islower():
                rest = rest[0].upper() + rest[1:]
            return text[:index] + rest
        if kind < 0.45:  # double
            return text[: index + 1] + char.lower() + text[index + 1 :]
        if kind < 0.70:  # swap with the next letter, keeping the case pattern
            following = index + 1
            if following >= len(text) or not text[following].isalpha():
                continue
            first, second = char.lower(), text[following].lower()
            if first == second:
                continue
            swapped = _with_case(second, char) + _with_case(first, text[following])
            return text[:index] + swapped + text[following + 1 :]
        near = _TYPO_NEIGHBOURS.get(char.lower())  # replace
        if not near:
            continue
        replacement = near[int(rng.random() * len(near))]
        return text[:index] + _with_case(replacement, char) + text[index + 1 :]
    index = positions[int(rng.random() * len(positions))]
    return text[: index + 1] + text[index].lower() + text[index + 1 :]
