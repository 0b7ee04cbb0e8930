"""Text -> sparse features, shared by the trainer and the runtime so both see the same thing.

Pure stdlib on purpose: the runtime must stay light (no numpy, no sklearn). The features are
word unigrams and bigrams over crude stems, with three cues that a bag of words would miss:

- negation scope: words after "not / no / never / no longer ..." up to the next clause break
  get a ``~`` prefix, so "isn't just marketing" differs from "is just marketing"; the scope
  passes over "I don't think I can..." to what it denies, and "wrong to think X" and "more than
  a X" deny X the same way (in es/de/fr/pt/it too);
- concept cues: a small hand-written lexicon maps words the training data may never contain
  onto the ideas each belief pole is about ("retweets" -> metric), which is what lets the
  model generalise beyond the phrasing it was trained on;
- the first-person frame ("I", "we") versus others;
- five-letter word prefixes, a cheap stand-in for morphology (+0.02 out-of-fold macro-F1).
"""

from __future__ import annotations

import re
from functools import lru_cache

_CLAUSE_BREAK = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–"})
# Letters of any script (es/de/fr/pt/it accents included), digits, and the clause marks.
_TOKEN = re.compile(r"[^\W_]+(?:[-'&][^\W_]+)*|[,;:.!?()—–]")
_CONTRAST = frozenset(
    {"but", "rather", "instead", "than", "because", "so", "and", "if", "unless", "while", "whereas", "yet"}
    # es/pt/fr/de/it/nl: but, rather, because
    | {"pero", "sino", "mas", "mais", "aber", "sondern", "ma", "bensì", "porque", "parce", "weil", "perché"}
    | {"maar", "omdat"}
)
_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "cannot"}
    # es/pt: no, never, nothing, without, not even; fr: ne...pas/jamais/rien, sans; de: nicht, kein,
    # nie, nichts, ohne; it: non, mai, niente, senza
    | {"nunca", "nada", "sin", "ni", "nadie", "ninguno", "ninguna", "não", "nao", "sem", "nem", "ninguém"}
    | {"ne", "pas", "jamais", "rien", "sans", "personne"}
    | {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals", "nichts", "ohne"}
    | {"non", "mai", "niente", "nulla", "senza", "nessuno", "nessuna"}
    # nl: niet, geen, nooit, niets, niemand, zonder, nee; de: nein
    | {"niet", "geen", "nooit", "niets", "niemand", "zonder", "nee", "nein"}
)
PREFIX = 5  # word prefixes merge "advertising/advertisement", "co-design/co-designed"
_STOP_NEGATION_AFTER = 6  # content words; a negation rarely reaches further than this
_MAX_NEGATION_AFTER = 12  # words of any kind
# Words a negation passes over without using up its reach: "I don't think I can leave this to
# marketing" denies "marketing" (negation raised over a verb of thinking), as does "je ne pense
# pas qu'on puisse le laisser au marketing".
_TRANSPARENT = frozenset(
    " ".join(
        (
            "think believe reckon suppose expect feel see imagine say sure convinced necessarily really honestly",
            "i we you it this that they he she one can could should would will shall may might must be is are",
            "was were do does did have has the a an to of any just quite",
            "creo pienso que yo nosotros se lo la el los las es puede podemos",  # es
            "glaube denke dass ich wir es das der die kann können man ist sind",  # de
            "pense crois qu que on je nous ça ce c le la les peut est",  # fr
            "acho penso que eu nós isso o a os as pode podemos é",  # pt
            "credo penso che io noi si lo la il possa possiamo è",  # it
        )
    ).split()
)
# "I was wrong to think followers meant anything" denies what follows like a "not" does; so do
# "me equivoqué al pensar", "j'avais tort de croire", "sbagliavo a pensare", "estava errado em
# achar", "ich lag falsch zu glauben".
_DENYING_FRAMES = frozenset(
    {"wrong", "mistake", "mistaken", "naive", "naïve", "silly", "stupid", "foolish", "misguided"}
    | {"equivoqué", "equivoque", "equivocado", "equivocada", "equivocaba", "error", "errado", "errada"}
    | {"tort", "trompé", "trompe", "trompais", "sbagliavo", "sbagliato", "sbagliata", "errore", "enganado"}
    | {"enganada", "falsch", "geirrt", "fehler", "irrtum"}
)
_DENYING_LINKS = frozenset({"to", "in", "about", "al", "de", "a", "à", "em", "ao", "zu", "nel", "di"})
_THINKING = frozenset(
    {"think", "believe", "assume", "thought", "believed", "assumed", "imagine", "expect", "thinking"}
    | {"believing", "assuming", "see", "seeing", "treat", "treating", "view", "viewing", "trust"}
    | {"pensar", "creer", "suponer", "penser", "croire", "pensare", "credere", "achar", "acreditar"}
    | {"glauben", "denken", "annehmen", "meinen"}
)
# "More than a channel", "mehr als nur Werbung", "bien plus qu'un outil", "más que un canal", "più
# di un canale", "mais do que um canal": what follows is what the speaker says it is not only.
_MORE = frozenset({"more", "bigger", "much", "mehr", "größer", "más", "mas", "mucho", "plus", "più", "mais"})
_THAN = frozenset({"than", "als", "que", "qu", "di", "che"})
_KIND_OF = frozenset(
    {"a", "an", "just", "merely", "simply", "only", "mere", "another", "some", "ein", "eine", "einen", "nur"}
    | {"un", "una", "uno", "une", "um", "uma", "solo", "sólo", "juste", "seulement", "só", "apenas", "simplement"}
)
_QUANTITY = frozenset(
    {"million", "millions", "thousand", "hundred", "few", "couple", "dozen", "lot", "bit", "little", "year"}
    | {"month", "week", "day", "hour", "minute", "half", "third", "quarter", "percent", "mio", "millón", "million"}
)
_COMPLEMENTIZERS = frozenset({"dass", "daß", "que", "qu", "che"})
_STOP_NEGATION_BEFORE = 5  # words before a negation in its clause: "followers mean nothing"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(isnt|dont|doesnt|didnt|wont|cant|arent|shouldnt|wouldnt|havent|hasnt)\b"), r"\1 not"),
    (re.compile(r"'(re|ve|ll|d|m|s)\b"), r" \1"),
    # French and Italian elision: "n'est" reads "ne est", "l'entreprise" reads "l entreprise".
    (re.compile(r"\bn'(?=[^\W\d_])"), "ne "),
    (re.compile(r"\b(l|d|j|m|s|t|c|qu|dell|all|nell|dall|sull|un)'(?=[^\W\d_])"), r"\1 "),
    # A spaced hyphen is a dash: "not the likes - the trust".
    (re.compile(r"\s+-{1,2}\s+"), " — "),
)
_FIX_BARE = {
    "isnt": "is",
    "dont": "do",
    "doesnt": "does",
    "didnt": "did",
    "wont": "will",
    "cant": "can",
    "arent": "are",
    "shouldnt": "should",
    "wouldnt": "would",
    "havent": "have",
    "hasnt": "has",
}


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to merge "follower/followers", "listen/listening"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in ("ations", "ation", "ments", "ment", "ingly", "ings", "ing", "ies", "ers", "ed", "ly", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    return word


# Concept cues: stem or phrase -> concept. Written from the belief dimensions in BRIEF.md, not
# from any evaluation text; the Spanish, German, French, Portuguese and Italian keys are our own
# translations of the English ones, so a message in those languages reaches the same concepts.
# Multi-word keys are matched on the stemmed token sequence.
# "|" separates the keys of one concept.
_CONCEPTS: dict[str, str] = {
    "@promo": (
        "marketing|market|advertis|advert|ad|ads|promo|promotional|promot|pr|publicity|campaign|"
        "brand|megaphone|loudspeaker|billboard|brochure|press|awareness|media buy|content calendar|"
        "tactic|announcement|mix|commercial|lead gen|lead-gen|ad spend|media plan|sponsorship|"
        "sponsor|visibility|image|showcase|shop window|catalogue|sales tool|sales channel|"
        "distribution channel|promotion|"
        "werbung|werbekanal|werbemittel|reklame|publicidad|publicitario|anuncio|anuncios|propaganda|"
        "publicité|publicitaire|pub|réclame|publicidade|anúncio|pubblicità|pubblicitario|promozione|"
        "promoción|promoção|vitrina|vitrine|schaufenster|vetrina|escaparate|marca|marke|marque|"
        "marchio|campaña|kampagne|campagne|campanha|campagna|difusión|difusão|diffusione|mercadeo|"
        "mercadotecnia"
        "|reclame|advertentie|promotie|merk"
    ),
    "@reduce": (
        "just|only|merely|simply|basically|nothing more|that's all|full stop|simple as that|"
        "end of story|nothing else|no more than|at the end of the day|all it|nothing deeper|"
        "that's it|purely|plain|"
        "solo|sólo|nur|bloß|lediglich|seulement|juste|uniquement|simplement|apenas|só|somente|"
        "soltanto|solamente|semplicemente|simplemente|nada más|nichts weiter|rien de plus|nada mais|"
        "niente di più|nient'altro|punto|punkt|point final|ponto final"
        "|alleen|gewoon|slechts|niets meer|puur"
    ),
    "@contrast": (
        "rather than|instead of|more than|less about|more about|beat|beats|over|not just|rather|"
        "instead|worth more|matter more|matters more|far less|less"
    ),
    "@change": (
        "anymore|any more|no longer|used to|starting to|beginning to|realis|realiz|changed my mind|"
        "now|come to|coming to|stopped|learn|wrong|mistake|new view"
    ),
    "@leader": (
        "ceo|executive|leader|leadership|chairman|managing partner|senior|boss|my account|my post|"
        "my profile|my linkedin|my blog|under my name|personally|myself|my own"
    ),
    "@people": (
        "customer|client|user|patient|member|guest|buyer|consumer|student|partner|supplier|"
        "distributor|dealer|employee|staff|community|people"
    ),
    "@channel": (
        "channel|outlet|platform|tool|medium|toolbox|"
        "canal|kanal|canale|outil|herramienta|ferramenta|strumento|werkzeug|plataforma|plattform|"
        "plateforme|piattaforma"
        "|kanaal|middel|platform"
    ),
    "@model": (
        "business model|philosophy|operat|operating model|way of doing business|way of work|"
        "how we work|how we run|the whole company|the whole business|transform|culture|mindset|"
        "fabric|enterprise|organisation|organization|run the company|running the company|"
        "do business|doing business|how we operate|business philosophy|operating principle|"
        "management philosophy|way we do business|how the company works|how the firm works|reshap|"
        "reinvent|core of the business|"
        "modelo de negocio|modelo de negócio|geschäftsmodell|modèle économique|modèle d'affaires|"
        "modello di business|modello di business|cultura|kultur|forma de trabajar|forma de trabalhar|"
        "façon de travailler|manière de travailler|arbeitsweise|modo di lavorare|cómo trabajamos|"
        "wie wir arbeiten|como trabalhamos|come lavoriamo|filosofía|philosophie|filosofia|"
        "transformación|transformação|trasformazione|toda la empresa|ganze unternehmen|"
        "toute l'entreprise|toda a empresa|tutta l'azienda|haltung|unternehmensführung"
        "|bedrijfsmodel|manier van werken|cultuur|filosofie|hele bedrijf|hoe we werken"
    ),
    "@metric": (
        "follower|followers|likes|impression|reach|view|click|retweet|share|engagement rate|viral|"
        "kpi|roi|metric|count|number|numbers|audience size|traffic|subscriber|fan|fans|download|"
        "lead|conversion|dashboard|scorecard|benchmark|share of voice|page view|mention|hashtag|"
        "trend|analytics|stats|statistic|vanity|reaction|engagement|click-through|cost per|visitor|"
        "like count|follower count|"
        "seguidores|abonnés|me gusta|curtidas|mi piace|alcance|reichweite|portée|portata|impresiones|"
        "impressionen|visualizaciones|aufrufe|vues|visualizações|visualizzazioni|clics|klicks|"
        "cliques|clic|números|zahlen|chiffres|numeri|cifras|métricas|kennzahlen|métriques|metriche|"
        "interacciones|interaktionen|fans"
        "|volgers|bereik|weergaven|cijfers|kliks|vind-ik-leuks|kpi's"
    ),
    "@trust": (
        "trust|loyal|loyalty|relationship|depth|deep|retention|referral|recommend|advocate|vouch|"
        "repeat|long-term|over time|year|years|month|months|credibility|rely|renewal|value|advocacy|"
        "word of mouth|goodwill|lifetime value|churn|renew|come back|stick with|stay with|faith|"
        "reliab|depend on|long run|long haul|decade|sustain|"
        "confianza|vertrauen|confiance|confiança|fiducia|relación|relaciones|beziehung|beziehungen|"
        "relation|relations|relação|relações|relazione|relazioni|lealtad|loyalität|fidélité|"
        "fidelidade|fedeltà|largo plazo|langfristig|long terme|longo prazo|lungo termine|años|jahre|"
        "ans|anos|anni|valor|wert|valeur|valore|recomendación|empfehlung|recommandation|recomendação|"
        "passaparola|bouche-à-oreille|boca a boca"
        "|vertrouwen|relatie|relaties|lange termijn|waarde|loyaliteit"
    ),
    "@mass": (
        "everyone|everybody|million|millions|mass|masses|as many|widest|wide|biggest|bigger|huge|"
        "largest|every network|everywhere|scale|blast|general public|eyeball|exposure|audience|"
        "broadcast|the lot|blanket|volume|widely|broadly|broad|far and wide|every channel|"
        "every platform|all channels|following|crowd|public|world|viral|"
        "todos|todo el mundo|alle|jeder|tout le monde|tous|todo mundo|tutti|millones|millionen|"
        "millions|milhões|milioni|masivo|masse|massa|audiencia|publikum|público|pubblico|größte|"
        "gigante|enorme|máximo|maximal|massimo|lo más posible|möglichst viele|le plus possible|"
        "o máximo|più possibile"
        "|iedereen|zo veel mogelijk|zoveel mogelijk|miljoenen|massa|publiek|heel nederland"
    ),
    "@few": (
        "right people|key|relevant|relevance|few|handful|specific|who matter|that matter|"
        "matter most|closest|closer|small|niche|fewer|top|depth|meaningful|quality|core|key account|"
        "select|targeted|insider|decision maker|those who|the ones who|matter to us|"
        "personas adecuadas|richtigen leute|richtigen menschen|bonnes personnes|pessoas certas|"
        "persone giuste|clave|wichtigsten|clés|chave|chiave|pocos|wenige|peu|poucos|pochi|relevante|"
        "relevant|pertinent|pertinente|rilevante|profundidad|tiefe|profondeur|profundidade|"
        "profondità"
        "|juiste mensen|belangrijkste|weinig|relevante|diepgang"
    ),
    "@dept": (
        "marketing|comm|comms|communication|pr|brand team|agency|social media manager|"
        "community manager|department|silo|press office|corporate affair|digital team|intern|"
        "specialist|centralis|centraliz|central|corporate communication|social media team|"
        "social team|pr team|pr department|marketer|brand manager|"
        "comunicación|kommunikation|comunicação|comunicazione|departamento|abteilung|département|"
        "dipartimento|ufficio stampa|agencia|agentur|agence|agência|agenzia|prensa|presse|imprensa|"
        "stampa|relaciones públicas|relations publiques|relações públicas|pr-abteilung|"
        "marketingabteilung"
        "|service communication|service com|service marketing|service de presse|dircom|direction de la communication|"
        "departamento de comunicación|departamento de marketing|ufficio comunicazione|ufficio marketing|"
        "kommunikationsabteilung|pressestelle|assessoria|assessoria de imprensa|"
        "|communicatie|afdeling|marketingafdeling|voorlichting|communicatieteam|communicatieadviseur|persvoorlichter|bureau"
    ),
    "@units": (
        "sale|sales|service|support|engineer|product|operation|hr|finance|r&d|procurement|staff|"
        "employee|every department|every team|every function|cross-functional|cross-departmental|"
        "whole company|whole organisation|whole business|everyone|front line|frontline|technician|"
        "nurse|store|branch|field|account manager|consultant|logistic|business unit|across|"
        "all teams|all department|across the business|across the company|shop floor|engineering|"
        "clinician|doctor|teacher|driver|researcher|each function|everybody|"
        "ventas|vertrieb|ventes|vendas|vendite|kundenservice|service client|atendimento|assistenza|"
        "ingenieros|ingenieure|ingénieurs|engenheiros|ingegneri|empleados|mitarbeiter|mitarbeitende|"
        "employés|salariés|collaborateurs|funcionários|colaboradores|dipendenti|collaboratori|"
        "todos los equipos|alle teams|toutes les équipes|todas as equipes|tutti i team|"
        "jede abteilung|chaque service|cada área|ogni reparto"
        "|medewerkers|klantenservice|technici|monteurs|verkoop|collega's|winkelpersoneel"
    ),
    "@busy": (
        "busy|time|assistant|ghost|ghostwriter|ghost-write|on my behalf|delegat|chief of staff|"
        "speechwriter|calendar|sign off|my name|in my voice|beneath|too senior|deputy|no time|"
        "too busy|bandwidth|schedule|in my name|not my job|not my role|low profile|behind the scene|"
        "stay off|"
        "ocupado|ocupada|beschäftigt|keine zeit|occupé|pas le temps|sem tempo|occupato|non ho tempo|"
        "no tengo tiempo|asistente|assistent|assistente|secretaria|sekretärin|secrétaire|secretária|"
        "segretaria|tiempo|zeit|temps|tempo|delegar|delegieren|déléguer|delegare|en mi nombre|"
        "in meinem namen|en mon nom|em meu nome|a mio nome|plume"
        "|geen tijd|druk|assistent|namens mij|mijn naam"
    ),
    "@self": (
        "myself|personally|my own|first hand|directly|show up|presence|in person|"
        "be me|up to me|on me|my level|my job|me personally|i go myself|yo mismo|yo misma|"
        "personalmente|persönlich|selbst|moi-même|personnellement|eu mesmo|eu mesma|pessoalmente|"
        "io stesso|io stessa|en persona|en personne|di persona|a mi nivel|à moi|a mim|tocca a me|"
        "me toca"
        "|zelf|persoonlijk|ikzelf"
    ),
    "@control": (
        "control|approv|approval|sign-off|legal|compliance|script|on message|delete|hide|hidden|"
        "remove|policy|official|spokesperson|one voice|consistent|risk|risky|lock down|moderat|"
        "talking point|guideline|authoris|authoriz|permission|bury|buried|manage the narrative|"
        "switch off|off script|first-hand|be there|be present|role model|role-model|lead by example|"
        "go first|my voice|my own word|censor|filter|vet|vetted|gatekeep|on brand|on-brand|"
        "pre-approved|sanction|ban|banned|forbid|restrict|clamp|damage control|contain|suppress|"
        "tight|"
        "controlar|kontrolle|kontrollieren|contrôle|contrôler|controle|controllo|controllare|"
        "aprobación|freigabe|genehmigung|validation|valider|aprovação|approvazione|jurídico|"
        "rechtsabteilung|juridique|legale|borrar|löschen|supprimer|apagar|cancellare|ocultar|"
        "verstecken|cacher|esconder|nascondere|una sola voz|eine stimme|une seule voix|uma só voz|"
        "una sola voce|mensaje|botschaft|mensagem|messaggio|riesgo|risiko|risque|risco|rischio|"
        "censura|zensur|censure|unica voce|voce unica|controllata|controllato|kontrolliert|un seul message|"
        "schadet|ruf|reputation|reputación|reputazione|réputation|reputação|schaadt|imago"
        "|controle|goedkeuring|juridisch|verwijderen|één stem|boodschap|risico|uitzetten"
    ),
    "@listen": (
        "listen|hear|criticism|critic|complaint|complain|feedback|open|openly|dialogue|conversation|"
        "two-way|honest|unfiltered|behind our back|in the room|own voice|own word|authentic|"
        "among themselves|say about us|messy|human|respond|reply|answer|overhear|pulse|"
        "what they think|what people think|what they say|warts and all|blunt|candid|candour|candor|"
        "transparent|transparency|admit|"
        "escuchar|zuhören|hören|écouter|ouvir|escutar|ascoltare|críticas|crítica|kritik|critiques|"
        "critique|critiche|critica|quejas|beschwerden|plaintes|reclamações|reclami|diálogo|dialog|"
        "dialogo|conversación|gespräch|conversa|conversazione|abierto|offen|ouvert|aberto|aperto|"
        "honesto|ehrlich|honnête|onesto|responder|antworten|répondre|rispondere|opinión|meinung|avis|"
        "opinião|opinione|lo que dicen|was sie sagen|ce qu'ils disent|o que dizem|cosa dicono"
        "|luisteren|horen|kritiek|klachten|gesprek|dialoog|eerlijk|wat ze zeggen|wat ze over ons zeggen"
    ),
    "@plan": (
        "plan|strategy|business case|roadmap|kpis|playbook|budget|framework|template|case study|"
        "best practice|forecast|spreadsheet|milestone|charter|justification|justify|proven|"
        "step-by-step|execute|execution|document|deck|first|before|fit|existing|current model|"
        "current|proposal|business plan|project plan|timeline|target|okr|blueprint|recipe|checklist|"
        "best practices|"
        "plano|piano|estrategia|strategie|stratégie|estratégia|strategia|caso de negocio|presupuesto|"
        "orçamento|hoja de ruta|fahrplan|feuille de route|roteiro|objetivos|ziele|objectifs|metas|"
        "obiettivi|primero|zuerst|d'abord|primeiro|prima|antes|vorher|avant|rentabilidad|rendite|"
        "rentabilité|rentabilidade|redditività|geschäftsplan|plan de negocio|plano de negócios|"
        "piano industriale"
        "|strategie|begroting|eerst|businesscase|stappenplan|plan van aanpak"
    ),
    "@belief": (
        "mindset|belief|believe|assumption|thinking|think|culture|rethink|unlearn|old way|"
        "take for granted|cart before the horse|head|question|mind-set|worldview|world view|"
        "mental model|paradigm|attitude|way we think|how we think|old thinking|change of heart|"
        "mentalidad|denkweise|einstellung|mentalité|état d'esprit|mentalidade|mentalità|creencias|"
        "überzeugungen|croyances|crenças|convinzioni|pensar|denken|penser|pensamento|pensiero|cabeza|"
        "kopf|tête|cabeça|testa|suposiciones|annahmen|hypothèses|pressupostos|presupposti|umdenken"
        "|denken|mentaliteit|houding|manier van denken|anders denken"
    ),
    "@inhouse": (
        "in-house|internal|internally|lab|r&d|ourselves|inside our wall|our wall|behind closed door|"
        "our own|expert|secret|intellectual property|we design|we decide|we build|we know|push|"
        "one way|spec|our expert|we know best|our lab|proprietary|top-down|from the top|headquarter|"
        "head office|"
        "internamente|intern|en interne|nosotros sabemos|wir wissen|nous savons|nós sabemos|"
        "noi sappiamo|laboratorio|labor|laboratoire|laboratório|expertos|experten|especialistas|"
        "esperti|en casa|im haus|in casa|selbst entwickeln"
        "|intern|zelf ontwikkelen|ingenieurs|bedenken wij"
    ),
    "@cocreate": (
        "co-create|co-creat|co-design|co-develop|together|collaborat|collaborator|idea|ideas|"
        "ecosystem|eco-system|partner|community|joint|with them|with our customer|with our client|"
        "with the people|outside|advisory|co-creator|shape|contribut|input|suggest|user|crowdsourc|"
        "co-own|hackathon|advisory board|user group|feedback loop|ideas from|involve|participat|"
        "alongside|jointly|partnership|"
        "juntos|gemeinsam|zusammen|ensemble|insieme|co-crear|cocrear|co-creación|co-kreation|"
        "co-création|cocriação|co-creazione|colaborar|zusammenarbeiten|collaborer|collaborare|"
        "con los clientes|mit kunden|mit den kunden|avec les clients|avec nos clients|"
        "com os clientes|con i clienti|ideen|idées|ideias|idee|comunidad|gemeinschaft|communauté|"
        "comunidade|comunità|socios|partenaires|parceiros"
        "|samen|samenwerken|co-creatie|ideeën|gemeenschap|samen met"
    ),
    # Implicit views name no metric or department: who "handles" it, whether the leader "goes",
    # whether the organisation announces or talks with people, and who is on the front line.
    "@handoff": (
        "handle|handles|handled|deal with|deals with|take care of|takes care of|look after|"
        "looks after|leave it to|leave that to|leave it with|their job|their thing|their area|"
        "their lane|my lane|have people for|got people for|people for that|pay someone|someone else|"
        "in charge|hand it to|hand it over|hand over|pass it to|outsourc|"
        "se encargan|se encarga|se ocupan|se ocupa|kümmern sich|kümmert sich|zuständig|s'occupent|"
        "s'occupe|gèrent|se ne occupano|se ne occupa|ci pensano|cuidam|cuida disso|regelen|regelt|"
        "hun werk|hun taak|son trabajo|ihr job|leur métier|il loro lavoro|o trabalho deles"
    ),
    "@presence": (
        "be there|show up|showed up|turn up|sit in|sat in|drop in|dropped in|dropping in|walk the floor|"
        "visit|in the room|on the floor|face to face|with my own ears|first-hand|first hand|in person|"
        "i go|if i go|i went|go myself|went myself|join them|joined them|"
        "si no voy|voy yo|selbst hingehe|hingehen|vor ort|j'y vais|moi-même|ci vado io|vado io|"
        "se eu não for|pessoalmente|zelf naartoe|er zelf"
    ),
    "@announce": (
        "announce|announcement|inform|notify|statement|press release|letter|memo|newsletter|bulletin|"
        "tell them|we tell|send out|push out|broadcast|one-way|one way|transmit|"
        "anunciamos|comunicamos|informamos|verkünden|informieren|mitteilen|annonçons|annonce|"
        "informer|annunciamo|informiamo|comunichiamo|anunciamos|comunicamos|kondigen|aankondigen|"
        "informeren"
    ),
    "@converse": (
        "talk with|talking with|talk to|discuss|discussion|ask them|ask the|asked the|asking|back and forth|"
        "exchange|chat with|hear from|hear what|conversation with|"
        "hablar con|hablamos con|discutir|reden mit|sprechen mit|diskutieren|parler avec|discuter|"
        "parlare con|parliamo con|discutere|conversar com|falar com|conversamos|praten met|bespreken"
    ),
    "@frontline": (
        "claims handler|handler|cashier|counter|call centre|call center|contact centre|front desk|"
        "reception|receptionist|shop floor|night staff|floor staff|crew|agent|shift|porter|teller|"
        "pharmacist|adviser|advisor|engineer|driver|nurse|teacher|technician|installer|the people on|"
        "atención al cliente|cajeros|kundendienst|schalter|conseillers|guichet|sinistri|sportello|"
        "atendimento|balcão|schadebehandelaars|klantenservice|loket"
    ),
    "@insiders": (
        "who deliver|who supply|who buy from us|who refer|regulars|installers|growers|farmers|producers|"
        "the ones that matter|the ones who matter|that's who|who actually|the right ones|those few|"
        "agricultores|productores|bauern|lieferanten|producteurs|agriculteurs|allevatori|produttori|"
        "produtores|boeren|leveranciers"
    ),
}


# Words that mark a view rather than a report: modals, opinion verbs, evaluations, comparisons,
# hedges (en, es, de, fr, pt, it). A unit with none of them and no negation gets ``^flat``, which
# lets the model learn that "We build logistics software for retailers" describes and does not
# argue, so it gets no confident belief however many domain words it has.
_STANCE_CUES = (
    "should|must|need|needs|have to|has to|got to|gotta|ought|want|wants|wish|hope|think|thinks|believe|"
    "feel|feels|guess|suppose|reckon|maybe|perhaps|probably|might|honestly|frankly|personally|"
    "matter|matters|important|priority|only|just|merely|care|rather|better|best|worse|worst|real|"
    "really|truly|wrong|right|prefer|point|too|instead|worth|waste|pointless|useless|mean|means|"
    "key|true|job|role|responsib|belong|belongs|up to|count|counts|why|lesson|realis|realiz|learn|"
    "learned|learnt|clear|obvious|convinced|sure|doubt|insist|enough|nonsense|vanity|distraction|"
    "let|lets|shall|will|would|could|can|it's about|about|is for|are for|all about|first|"
    "deber|debe|debemos|tiene que|tenemos que|creo|pienso|importa|importante|solo|sólo|mejor|"
    "sollte|sollten|müssen|muss|glaube|denke|wichtig|nur|lieber|besser|eigentlich|"
    "doit|doivent|devons|faut|pense|crois|important|seulement|mieux|plutôt|"
    "deve|devemos|devo|precisa|precisamos|acho|penso|apenas|só|importa|melhor|"
    "dobbiamo|devono|credo|conta|soltanto|meglio|piuttosto|forse|quizás|vielleicht|peut-être|talvez|"
    # what contractions leave behind ("I'd", "we'll") and plain likes, wants and verdicts
    "moet|moeten|vind|denk|belangrijk|liever|beter|eigenlijk|"
    "d|ll|like|love|hate|see|please|pls|give me|bring me|good|bad|great|simple|win|wins|always|ever"
)
_NUMBER = re.compile(r"\d")


def normalise(text: str) -> str:
    """Lower-case, unify apostrophes and split contractions so "isn't" reads "is not"."""
    text = text.lower().translate(_APOSTROPHES)
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return text


def _build_lexicon() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]]:
    """Concept keys as stemmed token sequences, split into one-word and multi-word tables."""
    single: dict[str, set[str]] = {}
    multi: dict[tuple[str, ...], set[str]] = {}
    for concept, keys in _CONCEPTS.items():
        for key in keys.split("|"):
            words = tuple(stem(_FIX_BARE.get(w, w)) for w in _TOKEN.findall(normalise(key)))
            if len(words) == 1:
                single.setdefault(words[0], set()).add(concept)
            elif words:
                multi.setdefault(words, set()).add(concept)
    return (
        {k: tuple(sorted(v)) for k, v in single.items()},
        {k: tuple(sorted(v)) for k, v in multi.items()},
    )


_SINGLE, _MULTI = _build_lexicon()
_CUE_SINGLE: frozenset[str] = frozenset(
    stem(w) for key in _STANCE_CUES.split("|") if " " not in key for w in _TOKEN.findall(normalise(key))
)
_CUE_MULTI: tuple[tuple[str, ...], ...] = tuple(
    tuple(stem(w) for w in _TOKEN.findall(normalise(key))) for key in _STANCE_CUES.split("|") if " " in key
)
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _words, _concepts in sorted(_MULTI.items()):
    _PHRASES_BY_FIRST.setdefault(_words[0], []).append((_words, _concepts))


def tokens(lowered: str) -> list[str]:
    """Stemmed words of a :func:`normalise` d text, with negation marks; punctuation only
    bounds negation scope.

    Words after a negator ("not / no / never / nicht / pas ...") get ``~`` ("isn't just
    marketing"); words before it in the same clause get ``!``, since executives negate after
    the noun as often as before it ("followers mean nothing", "the business case can't come
    first"). A contrast word ("but", "and", "rather", "sondern" ...) ends either scope.
    """
    out: list[str] = []
    scope = 0
    reach = 0  # words of any kind the current negation may still cover
    framed = False  # the current negation is a denying frame ("wrong to think"), not a "not"
    clause_start = 0  # index in ``out`` where the current clause began
    raw = _TOKEN.findall(lowered)
    for i, tok in enumerate(raw):
        if tok in _CLAUSE_BREAK:
            # A comma straight after the negation or the denying verb does not end its reach:
            # "ich glaube nicht, dass...", "ich lag falsch zu glauben, wir könnten...".
            # A "No," that opens a reply is a word of its own and ends there ("No, it has to be me").
            nxt = raw[i + 1] if i + 1 < len(raw) else ""
            if not (scope and reach == _MAX_NEGATION_AFTER and tok == "," and (framed or nxt in _COMPLEMENTIZERS)):
                scope = 0
            clause_start = len(out)
            continue
        tok = _FIX_BARE.get(tok, tok)
        if scope == 0 and (
            (tok in _THINKING and _after_denying_frame(raw, i)) or (tok in _THAN and _more_than_a_kind(raw, i))
        ):
            # "wrong to think X", "a mistake to believe X", "wrong in thinking X": X is denied;
            # so is the X of "more than just X" ("it's more than a marketing channel").
            out.append(stem(tok))
            scope, reach, framed = _STOP_NEGATION_AFTER, _MAX_NEGATION_AFTER, True
            clause_start = len(out)
            continue
        if tok in _NEGATORS or (tok == "longer" and i and raw[i - 1] == "no"):
            if scope == 0:
                for j in range(max(clause_start, len(out) - _STOP_NEGATION_BEFORE), len(out)):
                    if out[j][0] not in "~!" and out[j] not in _NEGATORS:
                        out[j] = "!" + out[j]
            scope, reach, framed = _STOP_NEGATION_AFTER, _MAX_NEGATION_AFTER, False
            out.append(tok)
            clause_start = len(out)
            continue
        if tok in _CONTRAST:
            scope = 0
            clause_start = len(out)
        word = stem(tok)
        if scope:
            reach -= 1
            if tok not in _TRANSPARENT:
                scope -= 1
            if reach <= 0:
                scope = 0
            out.append("~" + word)
        else:
            out.append(word)
    return out


_COMPOUND_MIN_WORD = 10
_COMPOUND_MIN_PART = 6


@lru_cache(maxsize=1 << 16)
def _compound_concepts(word: str) -> tuple[str, ...]:
    """Concepts of a long word that starts or ends with a concept key: German compounds
    ("followerzahl", "marketingabteilung", "reichweitenbericht") and run-together chat words."""
    if len(word) < _COMPOUND_MIN_WORD or not word.isalpha():
        return ()
    found: set[str] = set()
    for n in range(_COMPOUND_MIN_PART, len(word) - 2):
        found.update(_SINGLE.get(word[:n], ()))
        found.update(_SINGLE.get(word[-n:], ()))
    return tuple(sorted(found))


def _more_than_a_kind(raw: list[str], i: int) -> bool:
    """Is ``raw[i]`` the "than" of "more than a channel" (not of "more than a million views")?"""
    before = raw[max(0, i - 3) : i]
    after = raw[i + 1 : i + 3]
    if not before or not any(w in _MORE for w in before[-2:]) or not after or after[0] not in _KIND_OF:
        return False
    return not (len(after) > 1 and (after[1] in _QUANTITY or after[1].isdigit()))


def _after_denying_frame(raw: list[str], i: int) -> bool:
    """Is ``raw[i]`` (a verb of thinking) the "think" of "wrong to think", "mistaken in thinking"?"""
    before = raw[max(0, i - 3) : i]
    return len(before) >= 2 and before[-1] in _DENYING_LINKS and any(w in _DENYING_FRAMES for w in before[:-1])


def features(text: str) -> set[str]:
    """The sparse binary feature set of one sentence or short text."""
    return features_of_normalised(normalise(text))


def features_of_normalised(lowered: str) -> set[str]:
    """:func:`features` for a text already passed through :func:`normalise`."""
    marked = tokens(lowered)
    feats: set[str] = {"^bias"}
    plain = [t.lstrip("~!") for t in marked]
    # Words before a negation keep their own features (so "customers don't know what they want"
    # still reads as being about customers); only their concepts also get the ``!`` mark.
    toks = [t[1:] if t[0] == "!" else t for t in marked]
    for i, tok in enumerate(toks):
        feats.add(tok)
        if i:
            feats.add(toks[i - 1] + " " + tok)
        if len(plain[i]) >= PREFIX:
            feats.add("#" + plain[i][:PREFIX])
        neg = marked[i][0] if marked[i][0] in "~!" else ""
        for concept in _SINGLE.get(plain[i], ()) or _compound_concepts(plain[i]):
            feats.add(neg + concept)
            if neg == "!":
                feats.add(concept)
        for words, concepts in _PHRASES_BY_FIRST.get(plain[i], ()):
            if tuple(plain[i : i + len(words)]) == words:
                feats.update(neg + c for c in concepts)
                if neg == "!":
                    feats.update(concepts)
    if toks:
        first = plain[0]
        if first in ("i", "we", "my", "our", "us", "me"):
            feats.add("^first_person")
        if not _has_stance_cue(marked, plain):
            feats.add("^flat")
    if _NUMBER.search(lowered):
        feats.add("^number")
    return feats


def _has_stance_cue(toks: list[str], plain: list[str]) -> bool:
    """Does the unit say what someone thinks, wants or values, or deny something?"""
    if any(t[0] in "~!" or t in _NEGATORS for t in toks):
        return True
    if any(w in _CUE_SINGLE for w in plain):
        return True
    joined = " " + " ".join(plain) + " "
    return any(" " + " ".join(words) + " " in joined for words in _CUE_MULTI)
