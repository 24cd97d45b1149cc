"""Offline language detection by script and stopword profile."""

from __future__ import annotations

import pytest

from claimdesk.ingest import detect_language, read_document

SAMPLES = {
    "en": "The minister said on Tuesday that the troops had arrived in the region.",
    "de": "Der Minister sagte am Dienstag, dass die Truppen in der Region angekommen seien.",
    "fr": "Le ministre a déclaré mardi que les troupes étaient arrivées dans la région.",
    "es": "El ministro dijo el martes que las tropas habían llegado a la región.",
    "it": "Il ministro ha detto martedì che le truppe sono arrivate nella regione.",
    "pt": "O ministro disse na terça-feira que as tropas chegaram à região e não saíram.",
    "nl": "De minister zei dinsdag dat de troepen in de regio zijn aangekomen.",
    "ru": "Министр заявил во вторник, что войска прибыли в регион.",
    "uk": "Міністр заявив у вівторок, що війська прибули до регіону.",
    "zh": "部长周二表示，部队已抵达该地区。",
    "ja": "大臣は火曜日、部隊がその地域に到着したと述べた。",
    "ko": "장관은 화요일 군대가 그 지역에 도착했다고 말했다.",
    "ar": "قال الوزير يوم الثلاثاء إن القوات وصلت إلى المنطقة.",
    "el": "Ο υπουργός δήλωσε την Τρίτη ότι τα στρατεύματα έφτασαν στην περιοχή.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects(lang):
    assert detect_language(SAMPLES[lang]) == lang


@pytest.mark.parametrize("text", ["", "Hello", "Kursk 2024", "12 345 678", "Olaf Scholz"])
def test_too_short_to_tell(text):
    assert detect_language(text) is None


def test_english_with_foreign_names_is_english():
    text = "Olaf Scholz met Emmanuel Macron in Paris, where the leaders discussed the budget."
    assert detect_language(text) == "en"


def test_demo_article_is_english(demo_text):
    assert detect_language(demo_text) == "en"


def test_every_article_gets_lang():
    art = read_document("de.txt", SAMPLES["de"].encode())
    assert art.lang == "de"
