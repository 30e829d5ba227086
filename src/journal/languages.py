"""The one table of languages: ISO 639-1 codes, their ISO 639-2/B codes (DOAJ, MARC), English
names and writing direction. Made from the iso-codes package's ISO 639-2 list."""

from __future__ import annotations

import re

_TABLE = (
    "aa:aar:Afar ab:abk:Abkhazian ae:ave:Avestan af:afr:Afrikaans ak:aka:Akan am:amh:Amharic "
    "an:arg:Aragonese ar:ara:Arabic as:asm:Assamese av:ava:Avaric ay:aym:Aymara "
    "az:aze:Azerbaijani ba:bak:Bashkir be:bel:Belarusian bg:bul:Bulgarian bh:bih:Bihari "
    "bi:bis:Bislama bm:bam:Bambara bn:ben:Bengali bo:tib:Tibetan br:bre:Breton bs:bos:Bosnian "
    "ca:cat:Catalan ce:che:Chechen ch:cha:Chamorro co:cos:Corsican cr:cre:Cree cs:cze:Czech "
    "cu:chu:Church_Slavic cv:chv:Chuvash cy:wel:Welsh da:dan:Danish de:ger:German dv:div:Divehi "
    "dz:dzo:Dzongkha ee:ewe:Ewe el:gre:Greek en:eng:English eo:epo:Esperanto es:spa:Spanish "
    "et:est:Estonian eu:baq:Basque fa:per:Persian ff:ful:Fulah fi:fin:Finnish fj:fij:Fijian "
    "fo:fao:Faroese fr:fre:French fy:fry:Western_Frisian ga:gle:Irish gd:gla:Scottish_Gaelic "
    "gl:glg:Galician gn:grn:Guarani gu:guj:Gujarati gv:glv:Manx ha:hau:Hausa he:heb:Hebrew "
    "hi:hin:Hindi ho:hmo:Hiri_Motu hr:hrv:Croatian ht:hat:Haitian hu:hun:Hungarian "
    "hy:arm:Armenian hz:her:Herero ia:ina:Interlingua id:ind:Indonesian ie:ile:Interlingue "
    "ig:ibo:Igbo ii:iii:Sichuan_Yi ik:ipk:Inupiaq io:ido:Ido is:ice:Icelandic it:ita:Italian "
    "iu:iku:Inuktitut ja:jpn:Japanese jv:jav:Javanese ka:geo:Georgian kg:kon:Kongo "
    "ki:kik:Kikuyu kj:kua:Kuanyama kk:kaz:Kazakh kl:kal:Kalaallisut km:khm:Khmer kn:kan:Kannada "
    "ko:kor:Korean kr:kau:Kanuri ks:kas:Kashmiri ku:kur:Kurdish kv:kom:Komi kw:cor:Cornish "
    "ky:kir:Kirghiz la:lat:Latin lb:ltz:Luxembourgish lg:lug:Ganda li:lim:Limburgan "
    "ln:lin:Lingala lo:lao:Lao lt:lit:Lithuanian lu:lub:Luba-Katanga lv:lav:Latvian "
    "mg:mlg:Malagasy mh:mah:Marshallese mi:mao:Maori mk:mac:Macedonian ml:mal:Malayalam "
    "mn:mon:Mongolian mr:mar:Marathi ms:may:Malay mt:mlt:Maltese my:bur:Burmese na:nau:Nauru "
    "nb:nob:Norwegian_Bokmål nd:nde:North_Ndebele ne:nep:Nepali ng:ndo:Ndonga nl:dut:Dutch "
    "nn:nno:Norwegian_Nynorsk no:nor:Norwegian nr:nbl:South_Ndebele nv:nav:Navajo "
    "ny:nya:Chichewa oc:oci:Occitan oj:oji:Ojibwa om:orm:Oromo or:ori:Oriya os:oss:Ossetian "
    "pa:pan:Punjabi pi:pli:Pali pl:pol:Polish ps:pus:Pashto pt:por:Portuguese qu:que:Quechua "
    "rm:roh:Romansh rn:run:Rundi ro:rum:Romanian ru:rus:Russian rw:kin:Kinyarwanda "
    "sa:san:Sanskrit sc:srd:Sardinian sd:snd:Sindhi se:sme:Northern_Sami sg:sag:Sango "
    "si:sin:Sinhala sk:slo:Slovak sl:slv:Slovenian sm:smo:Samoan sn:sna:Shona so:som:Somali "
    "sq:alb:Albanian sr:srp:Serbian ss:ssw:Swati st:sot:Southern_Sotho su:sun:Sundanese "
    "sv:swe:Swedish sw:swa:Swahili ta:tam:Tamil te:tel:Telugu tg:tgk:Tajik th:tha:Thai "
    "ti:tir:Tigrinya tk:tuk:Turkmen tl:tgl:Tagalog tn:tsn:Tswana to:ton:Tonga tr:tur:Turkish "
    "ts:tso:Tsonga tt:tat:Tatar tw:twi:Twi ty:tah:Tahitian ug:uig:Uighur uk:ukr:Ukrainian "
    "ur:urd:Urdu uz:uzb:Uzbek ve:ven:Venda vi:vie:Vietnamese vo:vol:Volapük wa:wln:Walloon "
    "wo:wol:Wolof xh:xho:Xhosa yi:yid:Yiddish yo:yor:Yoruba za:zha:Zhuang zh:chi:Chinese "
    "zu:zul:Zulu"
)
_ROWS = [item.split(":") for item in _TABLE.split()]
NAMES: dict[str, str] = {code: name.replace("_", " ") for code, _, name in _ROWS}
"""Every ISO 639-1 code → the language's English name."""
BIBLIOGRAPHIC: dict[str, str] = {code: code3 for code, code3, _ in _ROWS}
"""ISO 639-1 → ISO 639-2/B (the three letters DOAJ wants), e.g. "fr" → "fre"."""

RIGHT_TO_LEFT = frozenset({"ar", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})
"""Languages written right to left: their text gets `dir="rtl"`."""


TAG = re.compile(r"^([a-z]{2})(?:-(?:[A-Z]{2}|[0-9]{3}|[A-Z][a-z]{3}))?$", re.ASCII)
"""A language tag as articles write it: an ISO 639-1 code, optionally with a region or a script
(BCP 47: "pt-BR", "es-419", "zh-Hant")."""


def base(tag: str) -> str:
    """The ISO 639-1 code of a tag: "pt" of "pt-BR"."""
    return tag.split("-", 1)[0]


def name_of(tag: str) -> str:
    """The language's English name, with the rest of the tag: "Portuguese (BR)"."""
    rest = tag.partition("-")[2]
    return NAMES[base(tag)] + (f" ({rest})" if rest else "")


def direction(tag: str) -> str:
    """ "rtl" or "ltr", for the HTML `dir` attribute."""
    return "rtl" if base(tag) in RIGHT_TO_LEFT and not tag.endswith("-Latn") else "ltr"
