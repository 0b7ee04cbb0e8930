"""An executive who writes in Spanish, German, French, Portuguese or Italian is coached in it."""

from __future__ import annotations

from datetime import timedelta

from dialogue_helpers import PROMPTS

SPANISH = [
    "Hola, buenas tardes. Soy directora de una cadena de hoteles pequeños en Oaxaca.",
    "Lo que nos hace únicos es la hospitalidad y los artesanos de cada región.",
    "Las redes sociales las lleva una agencia. Para mí es publicidad, nada más.",
]


def test_a_spanish_speaking_executive_is_coached_in_spanish_with_her_plan_in_her_words(coach, who, monday, store):
    coach.start(who, monday)
    replies = []
    for line in SPANISH:
        replies += coach.reply(who, line, monday)
    english_notice = PROMPTS.text("language", translation="").split("—")[0]
    assert not any(english_notice in r.text for r in replies)
    spanish = PROMPTS.in_language("es")
    asked = {q for qid in ("core_value", "outsourced_value", "value_partners", "relationship_state",
                           "outside_voice", "relationship_path") for q in spanish.get(f"questions.{qid}.ask")}
    assert any(q in r.text for r in replies for q in asked)
    plan = "El jueves voy a visitar el taller de doña Rosa y preguntarle qué piensa de nuestro trabajo."
    confirm = coach.reply(who, plan, monday + timedelta(minutes=1))
    assert "El jueves voy a visitar el taller de doña Rosa" in confirm[-1].text
    close = coach.reply(who, "Gracias, hasta la semana que viene.", monday + timedelta(minutes=2))
    assert [r.kind for r in close] == ["close", "nudge"]
    assert close[-1].text.startswith(spanish.text("listening.nudge_own", commitment="").split("«")[0].strip())
    assert list(store.db["sessions"].rows)[-1]["commitment"].startswith("El jueves voy a visitar")


def test_the_next_week_opens_in_the_language_of_the_last_conversation(coach, who, monday):
    coach.start(who, monday)
    for line in SPANISH + ["El jueves voy a visitar el taller de doña Rosa.", "Gracias, adiós."]:
        coach.reply(who, line, monday)
    opening = coach.start(who, monday + timedelta(days=7))
    welcome_back = PROMPTS.in_language("es").text("listening.recall.commitment", commitment="").split("«")[0]
    assert opening[-1].text.startswith(welcome_back[:12])


def test_a_sentence_of_english_brings_the_coach_back_to_english(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, SPANISH[0], monday)
    replies = coach.reply(who, "Sorry, let me switch to English: our hotels live on word of mouth.", monday)
    english = {q for qid in ("core_value", "outsourced_value", "value_partners", "relationship_state",
                             "outside_voice", "relationship_path") for q in PROMPTS.get(f"questions.{qid}.ask")}
    assert any(q in replies[-1].text for q in english)


def test_a_language_without_wording_gets_the_english_notice_once(coach, who, monday):
    coach.start(who, monday)
    replies = coach.reply(who, "Goedemiddag, ik ben directeur van een verzekeraar in Utrecht en we hebben "
                               "ongeveer achthonderd medewerkers.", monday)
    assert replies[-1].kind == "info"
    assert "English" in replies[-1].text


def test_italian_that_shares_words_with_spanish_is_answered_in_italian(coach, who, monday):
    coach.start(who, monday)
    replies = []
    for line in ("Buongiorno. Sono l'amministratore delegato di un pastificio di famiglia, terza generazione.",
                 "Il nostro valore è la pasta essiccata lentamente, come la faceva mio nonno. La ricetta è nostra, "
                 "il sapere è nostro."):
        replies += coach.reply(who, line, monday)
    topics = ("core_value", "outsourced_value", "value_partners", "relationship_state", "outside_voice",
              "relationship_path")
    everything_spanish = {q for qid in topics for kind in ("ask", "follow_up")
                          for q in PROMPTS.in_language("es").get(f"questions.{qid}.{kind}")}
    everything_italian = {q for qid in topics for kind in ("ask", "follow_up")
                          for q in PROMPTS.in_language("it").get(f"questions.{qid}.{kind}")}
    assert not any(q in r.text for r in replies for q in everything_spanish)
    assert any(q in r.text for r in replies for q in everything_italian)


def test_a_spanish_answer_is_said_back_in_her_own_words_before_the_next_question(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, SPANISH[0], monday)
    replies = coach.reply(who, "Las reseñas negativas las contesta la agencia con un texto estándar. "
                               "Preferimos no entrar en discusiones.", monday)
    said = replies[-1]
    assert "«Las reseñas negativas las contesta la agencia con un texto estándar»" in said.text \
        or "«Preferimos no entrar en discusiones»" in said.text or any(c == "reflection:complex" for c in said.codes)
    assert any(c.startswith("reflection") for c in said.codes)
