"""A cheap language guess: function words for Latin-script languages, the script otherwise."""

from __future__ import annotations

import re

from coachbot.safety.normalize import fold

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and is are i i'm i've me my you it that this to of in with was not have be just what "
        "we our they he she his her don't can't about would been so but at for on",
        "es": "el la los las y es que de en un una por para con no me mi yo estoy esta pero muy lo se "
        "del al como mas todo ya porque cuando quiero tengo",
        "de": "der die das und ist ich nicht ein eine mit mein meine mich mir sich zu auf fur von dass "
        "es wir sie er aber auch noch nur wenn habe bin war",
        "fr": "le la les et est je ne pas un une des du de que qui avec mon ma mes moi il elle nous "
        "vous sur pour dans c'est j'ai suis plus tout en au aux ce cette ai mais ou depuis tres on n'est "
        "m'a qu'il",
        "pt": "o a os as e que de do da em um uma nao com meu minha eu para por se mais ele ela voce "
        "isso estou esta muito ja tudo quero tenho",
        "it": "il lo la gli le e che di un una non con mio mia io per sono ho mi ti ci si del della "
        "anche ma piu tutto questo voglio",
        "nl": "de het een en is ik niet met mijn mij je we zijn van dat op voor maar ook",
        "pl": "nie i w na jest sie ze to jak mnie moj moja ja",
        "tr": "ve bir bu ben benim degil icin ile cok",
        "sv": "och att det ar jag inte en som pa med min mig",
    }.items()
}
_SCRIPTS = (
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
)
# Letters that point to one language when the function words tie.
_LETTERS = (("ñ¿¡", "es"), ("ãõ", "pt"), ("äöüß", "de"), ("èêëçœ", "fr"), ("ìò", "it"))


def guess(text: str) -> str:
    """ISO 639-1 code of the text's likely language ('en' when unsure)."""
    for rx, code in _SCRIPTS:
        if rx.search(text):
            if code == "ru" and re.search(r"[іїєґ]", text.lower()):
                return "uk"
            return code
    scores = latin_scores(text)
    best = max(scores, key=lambda k: (scores[k], k == "en"))
    return best if scores[best] > 0 else "en"


def latin_scores(text: str) -> dict[str, float]:
    """Per Latin-script language, how many of the text's words are its function words (plus a
    little for letters only it uses)."""
    counts: dict[str, int] = {}
    for w in _WORD.findall(fold(text)):
        counts[w] = counts.get(w, 0) + 1
    # One set intersection per language (in C), not one membership test per word and language.
    scores = {lang: float(sum(counts[w] for w in fw.intersection(counts))) for lang, fw in _FUNCTION_WORDS.items()}
    lowered = text.lower()
    for letters, lang in _LETTERS:
        if any(ch in lowered for ch in letters):
            scores[lang] += 1.5
    return scores
