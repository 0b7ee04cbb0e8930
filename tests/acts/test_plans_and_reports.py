"""What the coach keeps as the executive's plan, and how it reads a report of last week.

A plan said in one sentence is kept whole: every action in it and the people it names,
whatever the language. It stops where the plan stops: at the next sentence, at how they will
judge it ("I'll know it worked if..."), or at a clause about something else ("..., but I'm not
posting"). A description of the business, in any language, is never taken for a plan, nor is
a report of what happened. Texts are written for these tests, not taken from any data set."""

from __future__ import annotations

import pytest

from coachbot.acts import has, understand


@pytest.mark.parametrize(
    "text",
    [
        # an apposition, then the next action
        "On Friday I'll have lunch with Mr Osei, our head of logistics, and ask him to walk me through a "
        "typical delivery day",
        # two asides in a row, then the next action
        "On Monday I'll ring Mrs Adeyemi, the client who has been with us the longest, since the nineties, and "
        "ask her what she hears about our invoices",
        # a list of actions
        "Next week I will call the former finance director, thank her for the handover notes and ask whether "
        "she would review our pricing memo",
        "I'm going to visit the Leeds depot, sit with the dispatchers for an hour and listen to the calls",
        "Giovedì chiamerò il nostro agente di Chicago, lo ringrazierò per gli ordini e gli chiederò cosa dicono "
        "i clienti",
        "Mardi je vais appeler deux distributeurs, les remercier et leur demander ce qui leur manque",
        "El lunes voy a llamar a tres clientes, agradecerles la paciencia y preguntarles qué echan de menos",
        "Am Mittwoch werde ich die Schichtleiterin bitten, mir die Beschwerden der Kunden zu zeigen",
    ],
)
def test_a_plan_of_several_actions_is_kept_whole(text):
    u = understand(text, offered=True)
    assert u.commitment == text


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("This week I'll call the two installers, thank them and ask what customers complain about, and I'll "
         "know it worked if I hear something new.",
         "This week I'll call the two installers, thank them and ask what customers complain about"),
        ("I'll call the two installers on Monday. It will have worked if they tell me one thing I didn't know.",
         "I'll call the two installers on Monday"),
        ("I'll read the supplier forum every morning, but I'm not posting anything.",
         "I'll read the supplier forum every morning"),
        ("I'll phone the plant manager tomorrow, thank you, see you next week",
         "I'll phone the plant manager tomorrow"),
        ("I'll visit the Sheffield plant on Thursday, work permitting", "I'll visit the Sheffield plant on Thursday"),
        ("I'll sit in on the Monday sales call, camera off, just listening", "I'll sit in on the Monday sales call"),
        # when, with a clock time and what it comes before, is part of the plan; the extra is not
        ("This week I'll sit with the night shift properly, Tuesday at 10 before the handover, and I'll bring "
         "coffee", "This week I'll sit with the night shift properly, Tuesday at 10 before the handover"),
    ],
)
def test_the_plan_stops_before_how_it_will_be_judged_or_another_thought(text, plan):
    assert understand(text, offered=True).commitment == plan


@pytest.mark.parametrize(
    "text",
    [
        "Mañana iré a la planta de Valencia y hablaré con el jefe de turno",
        "El jueves tendré un café con la jefa de compras y le pediré su opinión",
        "Giovedì andrò in magazzino e parlerò con i carrellisti del turno di notte",
        "Domani vedrò la responsabile acquisti e le chiederò cosa manca",
        "Jeudi j'irai à l'usine de Lyon et je parlerai avec l'équipe de nuit",
        "Amanhã farei uma visita à fábrica do Porto",
        "Na quinta vou ligar para dois clientes e perguntar o que falta",
        "Nächste Woche werde ich mit den Monteuren frühstücken",
    ],
)
def test_a_first_person_future_is_a_plan_in_each_language_irregular_verbs_too(text):
    u = understand(text)
    assert has(u, "commitment")
    assert u.commitment == text


@pytest.mark.parametrize(
    "text",
    [
        "I clienti sono i distributori esteri e qualche catena di supermercati, soprattutto in Germania.",
        "I clienti sono i distributori esteri, qualche catena di supermercati e da qualche anno i ristoranti, "
        "soprattutto a Londra. I consumatori finali non li conosciamo.",
        "Nuestros clientes son distribuidores en Francia y Alemania, y algunos hoteles.",
        "Unsere Kunden sind vor allem Händler in Österreich und der Schweiz.",
        "Nos clients sont surtout des grossistes et quelques restaurants.",
        "Os nossos clientes são sobretudo distribuidores e alguns supermercados.",
        "Los martes tenemos comité de dirección, siempre a las nueve.",
        "El lunes tengo consejo, como cada mes.",
        "Il martedì abbiamo la riunione di produzione, di solito dura due ore.",
        "Mia nipote si occupa dei social, pubblica foto dello stabilimento e ricette.",
        "Our customers are the regional wholesalers and a few hospital groups.",
    ],
)
def test_a_description_of_the_business_is_never_a_plan(text):
    for offered in (False, True):
        assert understand(text, offered=offered).commitment is None


@pytest.mark.parametrize(
    "text",
    [
        "Three drivers, Monday, at the depot. It took twenty minutes and they said the new app logs them out "
        "twice a shift.",
        "Two plant managers, Wednesday afternoon, on the shop floor. It took an hour and they showed me the "
        "broken scanners.",
        "OK so I did the calls and I did way more than three, I ended up ringing nine customers and one of them "
        "told me we lost her over a single invoice, honestly the best part of my month",
    ],
)
def test_a_report_of_what_happened_is_not_a_plan(text):
    for kw in ({}, {"expecting_report": True}, {"offered": True}):
        assert understand(text, **kw).commitment is None


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("I did the calls and I did way more than three, I ended up ringing nine customers, and it was the best "
         "part of my week", "done"),
        ("Did the store visit and it was honestly the best part of my week", "done"),
        ("Fatto tutto, e anche di più: ho scritto a tre chef invece di uno", "done"),
        ("Did it on Thursday, stayed two hours instead of thirty minutes", "done"),
        ("went on friday and did four hours not two, they kept showing me things", "done"),
        ("Did it, but 15 minutes instead of the hour", "partly"),
        ("I did the calls, but only three of the nine", "partly"),
        ("I did the reading part, not the replying", "partly"),
        # the outcome said plainly after an interjection
        ("Well! Partly. I rang the first supplier but the second one never picked up", "partly"),
        ("Hmm, not really. The week got away from me", "not_done"),
        # after a short topic lead, and a plain "not done" anywhere in a short report
        ("Zum Experiment: teilweise. Mit der Filialleiterin habe ich gesprochen, mit dem Fahrer nicht.", "partly"),
        ("Allora, ti dico la verità: il giro in magazzino non l'ho fatto, settimana impossibile.", "not_done"),
    ],
)
def test_a_report_is_partly_only_when_it_says_part_was_done(text, outcome):
    u = understand(text, expecting_report=True)
    assert u.report is not None and u.report.outcome == outcome


@pytest.mark.parametrize(
    "text",
    [
        "Six nurses, Friday night, on ward 4. It took an hour and they told me the new rota splits every team.",
        "Dos comerciales, el lunes, en la oficina. Tardamos una hora y me contaron que los clientes no entienden "
        "las facturas.",
    ],
)
def test_a_report_that_opens_with_the_scene_is_heard_as_done_while_the_experiment_awaits_its_report(text):
    u = understand(text, expecting_report=True)
    assert has(u, "report") and u.commitment is None
    assert u.report is not None and u.report.outcome == "done"


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("Fine, a small one. Before the quarterly review I'll call four customers who left us.",
         "Before the quarterly review I'll call four customers who left us"),
        ("At the dealer conference in Leipzig on Friday I'll ask five dealers what they hear about us online.",
         "At the dealer conference in Leipzig on Friday I'll ask five dealers what they hear about us online"),
        ("My plan: from Monday I'll answer the installers' questions in the group myself.",
         "from Monday I'll answer the installers' questions in the group myself"),
        ("Bueno, algo pequeño: el viernes en Sevilla voy a comer con los dos encargados de tienda.",
         "el viernes en Sevilla voy a comer con los dos encargados de tienda"),
        ("I think I'll call the two agents on Monday.", "I'll call the two agents on Monday"),
    ],
)
def test_where_and_when_said_before_the_subject_belong_to_the_plan(text, plan):
    assert understand(text, offered=True).commitment == plan


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("saturday i'll host a 20 min call with the three loudest customers 🎧", "saturday i'll host a 20 min call "
         "with the three loudest customers"),
        ("I'll ask the warehouse lead on Tuesday for last month's returns so I can see the pattern.",
         "I'll ask the warehouse lead on Tuesday for last month's returns"),
    ],
)
def test_an_emoji_or_the_reason_after_the_plan_is_not_part_of_it(text, plan):
    assert understand(text, offered=True).commitment == plan


@pytest.mark.parametrize(
    "text",
    [
        "Customers kept asking si vamos a cerrar la tienda del centro, because of a rumour.",
        "I'd like to know who reads these notes before I say anything else.",
        "I'll have to explain all of this to the shareholders, which is another conversation.",
        "Oui, c'est stressant. Mais si personne ne se moque de moi et qu'un client répond, I'll call it a win.",
        "did the visits. phoned two on monday and then a third one rang me on thursday because word got round",
    ],
)
def test_a_reported_question_an_obligation_a_success_criterion_or_a_report_is_no_plan(text):
    assert understand(text, offered=True).commitment is None


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("I should really visit the Antwerp site myself. But I can't before the merger closes.", None),
        ("I could ask the two planners on Monday, but not this month, we're in the middle of the audit.", None),
        ("I could ask the two planners on Monday, though I'm a bit nervous about it.",
         "I could ask the two planners on Monday"),
        ("I will ask the two planners on Monday, but I won't make a big thing of it.",
         "I will ask the two planners on Monday"),
    ],
)
def test_a_hedged_plan_taken_back_at_once_is_no_plan_but_a_firm_one_stands(text, plan):
    assert understand(text, offered=True).commitment == plan
