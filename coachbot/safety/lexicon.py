"""Hand-written cues, matched on :func:`~coachbot.safety.normalize.fold` ed text.

Three kinds, per category:

- ``STRONG``: first-person or direct disclosures ("kill myself", "my husband hit me",
  "me quiero morir"). One of them is enough to flag, whatever the classifier says, and no
  idiom can cancel it: a missed disclosure costs far more than a needless pointer.
- ``WEAK``: the topic's vocabulary ("suicide", "lawyer", "diagnosed"). Weak cues are features
  for the classifier, which learns from the training texts how much each one counts.
- ``IDIOMS``: the same words in their business senses ("commercial suicide", "killing us",
  "harassment policy training"). An idiom lowers the classifier's score; it never touches a
  strong cue.

Patterns are written for folded text: lower case, no accents, apostrophes as ``'``, letter
runs of three or more cut to two. Common misspellings are part of the patterns (``sui?ci?de``).
The six main languages have broad lists; ``OTHER_LANGUAGES`` holds the most direct phrases in
further languages so that a plain statement of risk is caught in them too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coachbot.safety.gate import PatternSet

# Shared fragments.
_ME = r"(?:i|i'm|i am|i've|i have|i'd|i was|i keep|i just|i still|i really|me|my|myself)"
_SELF_VERB = r"(?:kill|hurt|harm|cut|burn|hit|punish|starve|injure|shoot|hang|drown|poison)"
_PARTNER_EN = (
    r"(?:husband|hubby|wife|partner|boyfriend|girlfriend|bf|gf|spouse|fiance|fiancee|ex|ex-husband|"
    r"ex-wife|ex-partner|ex-boyfriend|ex-girlfriend|other half|stepfather|stepdad|father|dad|mother|"
    r"mum|mom|son|daughter|brother|sister|in-laws?|mother-in-law|father-in-law)"
)
_HURT_EN = (
    r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch\w*|slap\w*|chok\w*|strangl\w*|kick\w*|rap(?:e|ed|es)|"
    r"smash\w* (?:me|my)|bruis\w*|stalk\w*|abus\w*|terrif\w*|forbid\w*|won't let me|doesn't let me|not allowed|"
    r"(?:push\w*|shov\w*|grabb?\w*|threw \w+ at|throws \w+ at|threat\w*|lock\w*|hurt\w*|attack\w*|scream\w* at|"
    r"control\w*|track\w*|check\w*|spie?\w* on|insult\w*) (?:me|my (?:phone|money|location|emails?|messages|bank|salary|card)))\b"
)

STRONG: dict[str, tuple[str, ...]] = {
    "self_harm": (
        # English
        r"\b(?:kill|killing|killed|unalive|off|end|ending|hurt|hurting|harm|harming|cut|cutting|hang|hanging|"
        r"drown|drowning|poison|poisoning|shoot|shooting|starve|starving|burn|burning|punish|punishing)"
        r" ?(?:my ?self|myself|my self)\b(?! in the (?:foot|feet)| out of (?:the|a) (?:market|job|deal))",
        r"\bk+i*l+i*n*g* ?(?:my ?s[ei]l?f|my ?slef|mysefl)\b",
        r"\b(?:think\w*|thought|thoughts|consider\w*|contemplat\w*|commit\w*|attempt\w*|plan\w*) (?:about |of |on )?"
        r"(?:su+i?c+i?d+e|taking my (?:own )?life)\b|\bsu+i?c+i?d+e (?:attempt|plan|is an option|crossed my mind|seems)\b",
        r"\b(?:i'm|i am|i feel|i felt|i was|i've been|i have been|i get|i keep getting|feeling|been feeling) (?:really |so |quite |a bit |kind of |very )?su+i?c+i?d+a?l\b",
        r"\bsuicidal (?:thoughts?|thinking|ideation|feelings?|urges?)\b",
        r"\b(?:attempted|tried) (?:suicide|to kill myself|to end (?:it|my life))\b",
        r"\bend(?:ing)? (?:it all|my (?:own )?life|my days|everything|things for good|it for good|the pain for good)\b",
        r"\bend (?:it|things)(?:,| -)? (?:for real|permanently|tonight|for good)\b",
        r"\b(?:thinking|thought|think|thoughts|fantasi[sz]\w*|dream\w*) (?:about|of) (?:ending (?:it|things|my life|everything)|"
        r"dying|death|not being here|not being alive|not existing|disappearing for good|killing myself|suicide|"
        r"taking my (?:own )?life|jumping|ending it all|my funeral|driving off)\b",
        r"\btak(?:e|ing) my (?:own )?life\b",
        r"\bnot wanting to (?:be here|live|wake up|be alive|exist|go on)\b|\b(?:no|any) reason to (?:get up|keep going|carry on|wake up)\b",
        r"\b(?:don't|do not|dont|won't|not) (?:plan|intend|expect|going) (?:on|to) (?:being|be) (?:around|here|alive)\b",
        r"\b(?:how|when|where) i(?:'d| would| could| will| might| should) do it\b|\bthink\w* about how (?:i'd|i would|to) (?:do it|end it|go about it)\b",
        r"\bas if i (?:won't|will not|wont|wasn't going to|am not going to) be (?:here|around|alive)\b|\bas if i(?:'m| am) leaving\b.{0,40}\bnot (?:the company|the job|leaving the company)\b",
        r"\b(?:don't|do not|can't|cannot) see (?:a|any) (?:version|future|way|world|scenario)\b.{0,50}\b(?:i'm|i am|me) (?:still )?(?:here|alive|around|in it)\b",
        r"\bnot (?:like|as in) (?:fired|leaving the company|quitting|resigning)\b.{0,20}\blike\b|\bnot (?:the company|the job)\. (?:everything|life|me)\b",
        r"\bfur alle (?:einfacher|leichter|besser)\b.{0,40}\bnicht mehr da\b|\bwenn ich (?:\w+ ){0,2}nicht mehr da (?:ware|bin|sein|waere)\b|\bnicht mehr da sein\b",
        r"\b(?:want|wanted|wanting|wish|wished|long|longing|hope|hoping|going|need) (?:to )?(?:just )?"
        r"(?:die(?! on this hill| laughing)|be dead|not exist|stop existing|not be (?:here|alive|around)|disappear (?:for good|forever|"
        r"permanently)|vanish (?:for good|forever)|sleep forever|go to sleep forever|not wake up|end it all|"
        r"end my life|kill myself)\b",
        r"\bwish (?:i|i'd) (?:was|were|had been|'d been)? ?(?:dead|gone|never born|not alive|not here|not around)\b",
        r"\bwish (?:i|i'd) (?:could )?(?:die|just die|not wake up|didn't wake up|hadn't woken up|would die|never woke up)\b",
        r"\b(?:don't|do not|didn't|dont|no longer) (?:really )?(?:want|wanna|wish) to (?:live|be alive|be here|"
        r"exist|wake up|go on|carry on|keep living|keep going|be around|stay alive)\b",
        r"\bnot (?:sure|certain) (?:i|if i|whether i) (?:want to|wanna|can) (?:live|be alive|be here|go on|keep living|stay alive)\b",
        r"\b(?:no|nothing|any) (?:left )?(?:reason|point|will) (?:to|in|for) (?:live|living|go on|going on|"
        r"carry on|carrying on|stay alive|staying alive|being alive|keep going|keep living)\b",
        r"\bnothing (?:left )?to live for\b",
        r"\b(?:lost|losing|lose) (?:the|my|all) will to live\b",
        r"\bbetter off (?:dead|without me|if i (?:was|were)(?:n't| not)? ?(?:dead|gone|around|here|alive|no longer (?:here|around))\b|"
        r"if i (?:died|disappeared|didn't exist|left for good|never woke up))",
        r"\bbetter off (?:with me )?(?:dead|gone)\b",
        r"\b(?:if|when) i(?:'m| am| was| were)? (?:gone|dead|not around|no longer around|not here anymore|no longer here|to die)\b",
        r"\bwithout me (?:around|here|alive)?\b.{0,40}\bbetter\b|\bbetter\b.{0,30}\bwithout me\b",
        r"\b(?:nobody|no one|no-one|anyone|who) (?:would|will|'d) (?:even )?(?:miss|notice|care)(?: me)?\b.{0,40}"
        r"\b(?:gone|dead|disappeared|died|vanished|not here|not around)\b",
        r"\b(?:i'm|i am|feel like|being) (?:just )?a burden\b",
        r"\b(?:tired|sick|exhausted) of (?:living|being alive|life|existing|being me)\b",
        r"\b(?:done|finished) with (?:life|living|everything|it all|being alive)\b",
        r"\b(?:life|living) (?:is|isn't|is not|feels|seems) (?:not )?(?:worth (?:living|it)|pointless|meaningless)\b",
        r"\b(?:rather|prefer to) (?:be )?(?:die|dead|not exist)\b(?! than (?:go back to|buy|pay|use|outsource))",
        r"\bself[- ]?harm\w*|\bself[- ]?injur\w*|\bself[- ]?mutilat\w*\b",
        r"\b(?:cutting|cut|burning|burned|burnt|scratch\w*|hitting|hit|punch\w*) (?:myself|my (?:arms?|wrists?|legs?|skin|thighs?))\b",
        r"\b(?:started|been|am|i'm|back to) cutting (?:again|myself)?\b",
        r"\b(?:i |i've |i have |i had |i almost |i nearly |took an? |taking an? )over ?dos\w*\b(?! on (?:campaigns|marketing|meetings|coffee|content))",
        r"\b(?:stockpil\w*|sav\w*|hoard\w*|collect\w*|count\w*|took|taken|swallowed|all (?:of )?my|whole (?:pack|bottle|box))"
        r" ?.{0,25}\b(?:pills|tablets|meds|medication|sleeping pills|painkillers)\b",
        r"\b(?:pills|tablets|meds)\b.{0,30}\b(?:too many|in front of me|enough to|lethal|all of them)\b",
        r"\b(?:jump|jumping|step|stepping|throw myself|throwing myself)\b.{0,25}\b(?:off|from|in front of|under)\b.{0,25}"
        r"\b(?:bridge|roof|balcony|building|train|bus|truck|lorry|cliff|window|tracks|floor|platform)\b",
        r"\b(?:on|at) the (?:edge of the (?:roof|bridge|cliff|platform)|ledge|railing of the bridge)\b|\bsat on the edge\b.{0,40}\b(?:cliff|roof|bridge|hours)\b",
        r"\b(?:suicide|goodbye) (?:note|letter)s?\b|\b(?:wrote|written|writing|write) (?:a |the |my )?"
        r"(?:note|letters?|goodbye)\b.{0,30}\b(?:kids|children|wife|husband|family|everyone|goodbye|just in case)\b",
        r"\b(?:putting|put|getting|got) my affairs in order\b(?! (?:at work|for the|before (?:the|my) (?:sabbatical|holiday|leave|move)))|\bgiving (?:my|all my) (?:things|stuff|belongings) away\b",
        r"\bnot (?:be )?(?:around|here|alive) (?:much|for) (?:much )?longer\b|\bwon't be (?:around|here|alive) (?:much )?(?:long|longer)\b",
        r"\b(?:a )?danger to myself\b|\bscared of what i might do to myself\b",
        r"\b(?:pain|it all|everything) to stop (?:for good|permanently|forever)\b|\bpermanent (?:solution|way out|exit|escape|sleep)\b",
        r"\b(?:disappear|vanish)(?:ing)? (?:for good|forever|permanently|and never come back)\b",
        r"\bmy (?:own )?funeral\b",
        r"\b(?:drive|driving|drove|crash|crashing|steer\w*|put|putting|swerv\w*) (?:the car |my car )?(?:off|into) (?:the |a )?(?:road|bridge|barrier|crash barrier|central reservation|wall|tree|cliff|motorway|highway|oncoming|lorry|truck|river)\b",
        r"\b(?:in|inside) (?:the|my) (?:garage|car)\b.{0,40}\bengine (?:running|on)\b|\bengine running\b.{0,40}\b(?:garage|door shut|doors shut|doors closed|hose)\b|\bhose (?:to|from|on) the exhaust\b",
        r"\bhalf of me wanted to\b|\bpart of me (?:wants|wanted|hopes|hoped) (?:to die|it would end|the plane|to disappear|to not)\b",
        r"\bdisappointed (?:that )?(?:i )?woke up\b|\bwake up (?:and )?(?:wish|wishing|disappointed)\b",
        r"\b(?:rope|noose|razor|blade|gun|knife)\b.{0,40}\b(?:use it|myself|on my|in my hand|decided)\b",
        r"\b(?:i'm|i am|i feel) (?:so )?(?:worthless|hopeless)\b.{0,60}\b(?:end|die|dead|gone|live|living|point)\b",
        # Spanish
        r"\b(?:quiero|quisiera|deseo|ganas de|quiere|queria) (?:me )?morir(?:me)?\b|\bme quiero morir\b|\bme muero de ganas de morir\b",
        r"\b(?:quitarme|quitare|quite|quitar) la vida\b|\bsuicidarme\b|\bme (?:quiero|voy a) (?:matar|suicidar)\b|\b(?:quiero|voy a|pienso en|pensado en|pensando en|ganas de) matarme\b",
        r"\bacabar con (?:todo|mi vida|mi existencia)\b|\bterminar con (?:todo|mi vida)\b|\bquitarme de en medio\b",
        r"\bno (?:quiero|deseo) (?:seguir )?(?:vivir|viviendo|estar aqui|existir|despertar|seguir)\b|\bno quiero estar aqui\b",
        r"\bojala (?:no )?(?:despertara|me muriera|estuviera muert|no despert)\w*",
        r"\b(?:estarian|estaria|vivirian) mejor sin mi\b|\bmejor(?:es)? si (?:yo )?no estuviera\b|\bsi yo no estuviera (?:aqui|viv\w*|mas)\b|\bsi (?:me muriera|desapareciera)\b",
        r"\bdesaparecer para siempre\b|\bharto de vivir\b|\bno (?:le )?veo sentido a (?:la vida|vivir|seguir)\b",
        r"\b(?:me (?:he |vuelvo a |volvi a )?(?:corto|corte|cortar|cortado)|autolesion\w*|hacerme dano|me hago dano|lastimarme)\b",
        r"\b(?:pensamientos|ideas|ideacion) suicidas?\b|\bintente suicidarme\b",
        r"\btirarme (?:del|de la|por|al|a las)\b|\b(?:carta|nota) de despedida\b|\bpreferiria morir\b|\bprefiero morir\w*\b",
        r"\bno (?:me )?importa si vivo o (?:me )?muero\b|\bdormirme y no despertar\b",
        # Portuguese
        r"\b(?:quero|queria|vontade de) morrer\b|\b(?:quero|vou|penso em|pensei em|pensando em|vontade de|queria) me matar\b|\bmatar-me\b|\bsuicidar-me\b|\bme suicidar\b",
        r"\btirar a (?:minha )?(?:propria )?vida\b|\bacabar com (?:tudo|a minha vida|minha vida)\b",
        r"\bnao (?:quero|aguento) (?:mais )?(?:viver|estar aqui|existir|acordar)\b",
        r"\b(?:estariam|ficariam) melhor sem mim\b|\bmelhor(?:es)? se eu nao (?:estivesse|existisse)\b|\bse eu nao existisse\b|\bse eu nao estivesse (?:aqui|viv\w*|mais)\b|\bqueria nao acordar\b",
        r"\b(?:me (?:corto|cortar|cortei|machuco|machucar)|automutil\w*|machucar-me|cortar-me)\b|\bvoltei a me cortar\b",
        r"\bpensamentos suicidas\b|\btentei (?:o )?suicidio\b|\bdesaparecer para sempre\b|\bpular (?:da|do|de)\b",
        r"\bbilhete de despedida\b|\bprefiro morrer\b|\btanto faz se eu vivo\b|\bdormir e nunca mais acordar\b",
        # French
        r"\b(?:envie de|veux|voudrais|vais|pense a|penser a|pense a|j'ai pense a) (?:mourir|me tuer|me suicider|en finir)\b|\bme suicider\b",
        r"\bmettre fin a (?:mes jours|ma vie)\b|\ben finir\b|\bme foutre en l'air\b",
        r"\b(?:ne )?(?:veux|veut|voulais) plus (?:vivre|etre la|exister|me reveiller)\b|\bje veux plus vivre\b",
        r"\bmieux sans moi\b|\bsi je n'etais plus la\b(?! (?:pour|a|en|le))|\bne pas me reveiller\b|\bdisparaitre pour toujours\b",
        r"\b(?:me (?:fais|faire|suis fait) du mal|scarifi\w*|mutile\w*|automutil\w*|me couper|me suis coupe\w*)\b",
        r"\bidees (?:suicidaires|noires)\b|\btentative de suicide\b|\blettre d'adieu\b|\bsauter (?:du|de la|par la)\b",
        r"\bprefere mourir\b|\begal de vivre ou de mourir\b|\bplus de raison de vivre\b",
        # Italian
        r"\b(?:voglio|vorrei) morire\b|\b(?:uccidermi|ammazzarmi|suicidarmi)\b|\bmi (?:voglio|vorrei) (?:ammazzare|uccidere)\b",
        r"\btogliermi la vita\b|\bfarla finita\b|\bnon (?:voglio|vorrei) piu (?:vivere|esserci|svegliarmi)\b",
        r"\b(?:starebbero|starebbe) meglio senza di me\b|\bse (?:io )?non ci fossi piu\b|\bmeglio se (?:io )?non ci fossi\b|\bnon svegliarmi\b",
        r"\b(?:farmi del male|mi faccio del male|mi sono tagliat\w*|tagliarmi|autolesion\w*)\b",
        r"\bpensieri suicidi\b|\btentato il suicidio\b|\blettera d'addio\b|\bbuttarmi (?:dal|da|giu|sotto)\b",
        r"\bla (?:faccio|faro|farei|voglio fare) finita\b|\bfarla finita\b|\bqueria sumir\b|\bquero sumir\b|\bsumir (?:de vez|para sempre)\b|\bschluss machen\b.{0,30}\b(?:mit allem|mit dem leben|nicht mit dem job)\b|\bmit allem schluss\b",
        r"\bsparire per sempre\b|\bpreferisco morire\b|\bmotivo per vivere\b",
        # German
        r"\b(?:mich|mir) (?:umbringen|umzubringen|toten|das leben nehmen|das leben zu nehmen|was antun|etwas antun)\b",
        r"\b(?:will|mochte|moechte|wurde gern|wuensche mir zu) (?:nicht mehr leben|sterben|tot sein)\b|\bnicht mehr leben\b",
        r"\b(?:suizid|selbstmord)gedanken\b|\b(?:an|uber) (?:suizid|selbstmord) (?:nach|denke|gedacht)\w*|\bdenke (?:oft |standig |taglich )?an (?:suizid|selbstmord)\b|\bsuizidal\b|\bsuizidversuch\b|\blebensmud\w*|\bverletze mich selbst\b|\bselbst ?verletz\w*|\b(?:mich|habe mich) (?:wieder )?geritzt\b|\britze mich\b",
        r"\bverletze mich (?:selbst)?\b|\bnicht mehr aufwachen\b|\bbesser (?:dran )?ohne mich\b|\bohne mich besser\b",
        r"\bwenn ich nicht mehr da (?:ware|bin|sein)\b|\ballem ein ende\b|\bfur immer verschwinden\b|\babschiedsbrief\b",
        r"\bkeinen (?:sinn|grund) mehr (?:zu leben|im leben)\b|\bkeinen grund mehr zu leben\b|\blieber (?:sterbe|tot)\b",
    ),
    "violence": (
        r"\bdeath threats?\b|\bthreat\w* (?:to|that (?:he|she|they)(?:'d| would| will)?) (?:kill|hurt|shoot|stab|beat|attack|harm|burn) (?:me|my|us)\b",
        r"\bthreat\w* (?:me|my (?:family|kids|children|wife|husband))\b(?! with (?:legal|a lawsuit|court))",
        r"\b(?:knows?|found out) where i live\b|\bknows? (?:which|what) school my\b",
        r"\b(?:could|want to|going to|will|i'll|i'd like to|tempted to|fantasi[sz]\w* about|imagin\w*|thinking about)"
        r" (?:really |actually |literally )?(?:kill|hurt|strangle|stab|shoot|punch|beat up|smash|strangling|hurting|killing|stabbing|shooting|punching)"
        r" (?:him|her|them|someone|somebody|people|my (?:boss|cfo|ceo|co-?founder|partner|business partner|colleague|manager|chairman|chair))\b",
        r"\b(?:hurt|harm|kill) (?:someone|somebody|people|a colleague)\b",
        r"\b(?:bring|bringing|come back with|coming with|show up with) (?:a |his |my )?(?:gun|weapon|knife|rifle)\b|\bshoot up\b",
        r"\bi(?: was|'ve been| have been| got| had been) (?:physically |violently )?(?:attacked|assaulted|mugged|beaten(?: up)?|punched|stabbed|shoved|hit|jumped|threatened)\b",
        r"\b(?:he|she|they|someone|somebody|a man|a guy|a protester|one of them) (?:attacked|assaulted|hit|punched|grabbed|shoved|stabbed|followed|cornered|slapped|spat at) me\b",
        r"\b(?:follow\w*|stalk\w*) me (?:home|to|from|everywhere)|\bbeing (?:stalked|followed)\b",
        r"\b(?:i|i've|i just) (?:pushed|shoved|hit|punched|slapped|kicked|threw \w+ at|grabbed) (?:my |a |the )?(?:assistant|colleague|employee|co-?worker|report|him|her|someone)\b",
        r"\b(?:with|has|had|got|bought|carry|carrying|keep) (?:a |his |my )?(?:gun|knife|weapon|firearm|rifle|pistol)\b(?! to (?:our|my|the|their) heads?)",
        r"\b(?:complicar(?:se|le)? la vida|pasar(?:le)? algo|ocurrir(?:le)? algo|succedere qualcosa|arriver quelque chose|acontecer (?:alguma coisa|algo))\b.{0,40}\b(?:familia|famiglia|famille|hijos|figli|enfants|filhos)\b",
        r"\bsomething (?:will|would|could|might|is going to) happen to (?:my|our|your|the) (?:people|family|kids|children|wife|husband|staff|team|daughter|son)\b|\b(?:be a )?shame if something (?:happened|were to happen)\b|\baccidents happen\b|\bwatch your back\b",
        r"\b(?:put|throw|slam) (?:him|her|them) (?:through|into|against) (?:the |a )?(?:glass|wall|window|door|table)\b|\bnot a metaphor\b.{0,30}\b(?:close|serious|hurt|kill)\b",
        r"\b(?:le|te) (?:parto|rompo|reviento) la (?:cara|boca|cabeza)\b|\bquebr(?:o|ar|aria) a cara dele\b|\b(?:je vais |je vais lui |lui )?cass(?:er|e|erai) la (?:gueule|figure)\b|\b(?:gli|le) spacc(?:o|herei|are) la faccia\b|\b(?:hau|schlag)\w* ihm (?:eine rein|die fresse|ins gesicht)\b",
        r"\b(?:me amenazo|me ha amenazado|mi ha minacciato|m'a menace|me ameacou|hat (?:mir|mich) (?:gedroht|bedroht))\b.{0,60}\b(?:matar|muerte|uccid\w*|morte|tuer|mort|umbringen|tot|hurt|pegar|picchi\w*|frapper|bater|schlagen|familia|famiglia|famille|familie|hijos|figli|enfants|filhos|kinder)\b",
        r"\bpreso per il collo\b|\bpaura di (?:quello|cio|cosa) (?:che )?potrei fare\b|\bmiedo de lo que (?:pueda|podria|puedo) hacer\b|\bpeur de ce que je (?:pourrais|pourrait|peux) faire\b|\bmedo do que (?:eu )?(?:posso|possa|poderia) fazer\b|\bangst,? was ich (?:\w+ )?(?:antun|antue|tun|tue)\b",
        r"\b(?:agarre|agarro|pille|cogi) (?:del cuello|por el cuello)\b|\bam kragen gepackt\b|\bpar le col\b|\bpelo pescoco\b",
        r"\b(?:he|she|they)(?:'ll| will| would|'d|'s going to| is going to| are going to) (?:kill|hurt|get|come for|find|deal with|beat|finish|shoot|stab|destroy) me\b|\b(?:threatening|threatened) to (?:kill|hurt|beat|shoot|stab|attack|burn|come after)\b",
        r"\b(?:break|broke) my (?:legs|neck|arms|face)\b|\bwatch my back\b|\bi'll (?:be|end up) dead\b|\bwant(?:s|ed)? me dead\b",
        r"\b(?:rage|angry|furious)\b.{0,40}\b(?:hurt|kill|hit|violent|snap)\b",
        # Other languages
        r"\bamenaz\w* de muerte\b|\bme (?:amenaz\w*|agredi\w*|golpe\w*|pegaron|han pegado|siguen)\b|\bsabe donde vivo\b|\bromperia las piernas\b",
        r"\b(?:podria|voy a|quiero) (?:matarlo|matarla|hacerle dano|pegarle)\b|\bhacerle dano a alguien\b|\bvenir armado\b|\b(?:traeria|traer) un arma\b",
        r"\bmorddrohung\w*|\bbedroh\w*|\bweiss, wo ich wohne\b|\bweiss wo ich wohne\b|\bbreche mir die beine\b|\bumbringen konnte\b",
        r"\b(?:jemandem|ihm) (?:weh tun|wehtun|weh|etwas antun)\b|\bbewaffnet\b|\beine waffe\b|\bangegriffen\b|\bgeschlagen\b",
        r"\bmenaces? de mort\b|\bme menac\w*|\bsait ou j'habite\b|\bcasserait les jambes\b|\bpourrais le tuer\b|\blui faire du mal\b",
        r"\bblesser quelqu'un\b|\bvenir arme\b|\bune arme\b|\b(?:j'ai ete|je me suis fait|on m'a|ete) agresse\w*|\bagression\b|\bm'a frappe\b|\bon m'a frappe\b",
        r"\bameac\w* de morte\b|\bme ameac\w*|\bsabe onde eu moro\b|\bquebraria as minhas pernas\b|\bcapaz de mata-lo\b|\bmachucar alguem\b",
        r"\bvir armado\b|\buma arma\b|\bfui agredid\w*|\bme bateram\b",
        r"\bminacce di morte\b|\bmi minacc\w*|\bsa dove abito\b|\bspezzera le gambe\b|\bpotrei ucciderlo\b|\bfare del male a qualcuno\b",
        r"\bvenire armato\b|\bun'arma\b|\bstato aggredit\w*|\bmi hanno picchiat\w*",
    ),
    "domestic_abuse": (
        rf"\bmy {_PARTNER_EN}\b.{{0,50}}\b{_HURT_EN}",
        r"\b(?:he|she) (?:hit|hits|beat|beats|punched|slapped|choked|chokes|strangled|pushed|shoved|kicked|raped|grabbed|"
        r"threatened|throttled|smacked|bit) me\b",
        r"\b(?:took|takes|hid|hides|taken) my (?:car )?keys\b.{0,60}\b(?:leave|go|wouldn't|won't|so i)\b|\b(?:wouldn't|won't|doesn't|didn't) let me (?:leave|out of) (?:the house|home|the flat|the apartment|the room)\b|\bgets worse (?:every time|whenever) i (?:get promoted|succeed|earn more)\b",
        r"\b(?:pushed|shoved|threw|slammed|kicked|dragged) me (?:into|against|down|onto|over|across|to the) (?:the |a )?(?:wall|door|dresser|wardrobe|table|stairs|floor|ground|cupboard|mirror|glass|car|bed|counter|fridge)\b",
        r"\b(?:partner|husband|wife|boyfriend|girlfriend|spouse|fiance|ex)\b.{0,15}\b(?:strangled|choked|throttled|raped|punched|beat (?:her|him|them|me)|slapped|kicked)\b",
        r"\b(?:he'll|she'll|he will|she will) make sure i never see (?:the|my) (?:kids|children)\b|\b(?:he's|she's|he has|she has) (?:hurt|hit) me before\b|\bwhich version of (?:him|her) i'll get\b",
        r"\bforces? (?:himself|herself|me to have sex)\b|\bmy duty as his wife\b|\bmarital rape\b",
        r"\b(?:scared|afraid|terrified|frightened) (?:to go|of going|to be) (?:back )?home\b|\b(?:home|house) (?:isn't|is not|doesn't feel|does not feel) safe\b|\bnot safe at home\b|\bsafer than (?:being )?at home\b",
        r"\babusive (?:relationship|marriage|partner|husband|wife|boyfriend|girlfriend|ex|home)\b|\b(?:i'm|i am|i've been|victim of|experiencing|suffering|living with|there's|there is|it's|this is) domestic (?:violence|abuse)\b|\bcoercive control\b",
        r"\b(?:afraid|scared|terrified|frightened) of (?:my )?(?:own )?(?:husband|wife|partner|boyfriend|girlfriend|spouse|ex)\b",
        r"\b(?:checks|reads|goes through|tracks|monitors|controls) (?:all )?(?:my|our) (?:phone|emails?|messages|location|money|bank|finances|salary|card)\b",
        r"\b(?:not allowed|won't let me|doesn't let me|forbids me) to (?:see|go|travel|leave|have|talk|spend)\b",
        rf"\bmy {_PARTNER_EN} (?:is|was|has been|gets|can be|became) (?:violent|abusive|controlling|aggressive|dangerous|physical)\b|\b(?:afraid|scared|terrified) of (?:him|her) (?:at home|when (?:he|she) drinks)\b",
        r"\bwalking on eggshells\b|\brestraining order\b|\bprotection order\b|\bexplain(?:ing)? (?:away )?the bruises\b|\bexcuses for the bruises\b",
        r"\b(?:bruise|black eye|bruises)\b.{0,60}\b(?:he|she|husband|wife|partner|home)\b",
        r"\b(?:he|she) (?:got|gets|gets really|was getting|is getting) (?:physical|violent|rough)\b",
        r"\bwhen (?:he|she) drinks\b.{0,30}\b(?:hit|violent|physical|hurt)\b|\bgets (?:physical|violent) (?:when|with me|at home)\b",
        r"\b(?:sleeping|sleep|slept|hid|hiding|stay\w*) (?:in|at) (?:the office|my sister's|a friend's|my car|the car)\b.{0,40}\b(?:home|he|she|him|her)\b",
        # Other languages
        r"\bmi (?:marido|esposo|mujer|esposa|pareja|novio|novia|ex|exmarido|padre|hijo)\b.{0,50}\b(?:peg\w*|golpe\w*|empuj\w*|agarr\w*|amenaz\w*|insult\w*|control\w*|revisa|tiro|maltrat\w*|viol\w*)\b",
        r"\b(?:sufro maltrato|me maltrata|relacion (?:de maltrato|abusiva))\b|\bmiedo (?:de|a) (?:volver|ir) a casa\b|\ben casa no estoy segur\w*\b",
        r"\b(?:mein (?:mann|ehemann|partner|freund|ex|vater|sohn)|meine (?:frau|partnerin|freundin|ex))\b.{0,50}\b(?:schlagt|geschlagen|schlug|gewurgt|wurgt|gestossen|stosst|droht|gedroht|bedroht|kontrolliert|beleidigt|vergewaltigt)\b",
        r"\b(?:ojo morado|moratones|moraton|oeil au beurre noir|des bleus|occhio nero|lividi|olho roxo|hematomas?|roxos)\b.{0,80}\b(?:el|mi marido|mi pareja|il|mon mari|mon compagnon|lui|mio marito|ele|o meu marido|meu marido|fue el|c'est lui|e stato lui|foi ele)\b",
        r"\b(?:fue el|fue mi marido|c'est lui|c'etait lui|e stato lui|foi ele|foi o meu marido|war er)\b.{0,40}\b(?:ojo|oeil|occhio|olho|auge|moraton|bleu|livido|roxo|fleck|golpe|coup|colpo|pancada)\b",
        r"\bmein (?:mann|freund|partner|ex|ehemann) war'?s\b|\b(?:mann|frau|partner|freund)\b.{0,30}\bwar'?s\b|\bblaues auge\b.{0,80}\b(?:mann|frau|partner|freund|zu hause)\b|\b(?:mann|frau|partner|freund)\b.{0,80}\bblaues auge\b",
        r"\b(?:erlebe|opfer von) hausliche\w* gewalt\b|\bgewalttatige\w* beziehung\b|\bangst,? (?:heute abend )?nach hause\b|\bzu hause (?:nicht sicher|eskaliert|handgreiflich)\b",
        r"\b(?:mon (?:mari|conjoint|compagnon|copain|ex|pere|fils)|ma (?:femme|compagne|copine))\b.{0,50}\b(?:frapp\w*|battu\w*|bat|etrangl\w*|pouss\w*|menac\w*|control\w*|fouille|insult\w*|viol\w*|lance)\b",
        r"\b(?:je subis|victime de|subir) (?:des )?violences? conjugales?\b|\brelation violente\b|\bpeur de rentrer\b|\bpas en securite a la maison\b",
        r"\b(?:o )?meu (?:marido|companheiro|namorado|ex|pai|filho)\b.{0,50}\b(?:bat\w*|bateu|empurr\w*|amea\w*|control\w*|revista|apertou|insult\w*)\b",
        r"\ba minha (?:mulher|esposa|companheira|namorada)\b.{0,50}\b(?:bat\w*|bateu|empurr\w*|amea\w*|control\w*|atirou)\b",
        r"\b(?:sofro|vitima de) violencia domestica\b|\brelacao abusiva\b|\bmedo de voltar para casa\b|\bem casa nao estou segur\w*\b",
        r"\b(?:mio (?:marito|compagno|ragazzo|ex|padre|figlio)|mia moglie|la mia (?:compagna|ragazza)|il mio (?:compagno|ragazzo|ex))\b.{0,50}\b(?:picchi\w*|spint\w*|minacci\w*|controll\w*|stretto il collo|insult\w*|tirato)\b",
        r"\b(?:subisco|vittima di) violenza domestica\b|\brelazione violenta\b|\bpaura di tornare a casa\b|\bnon sono al sicuro\b",
    ),
    "harassment": (
        r"\b(?:harass\w*|harrass\w*|haras\w*) me\b|\b(?:been|being|was|am|i'm|getting|got) (?:sexually )?(?:harass\w*|harrass\w*)\b|\bsexual(?:ly)? harass\w*",
        r"\b(?:bull(?:y|ies|ied|ying)|intimidat\w*|belittl\w*|humiliat\w*|mock\w*) (?:me|him|her)\b|\b(?:being|been|was|got|getting) bullied\b",
        r"\b(?:grop\w*|fondl\w*|touch\w*|hand on|hands on|rubs?|rubbing) (?:me|my (?:knee|leg|thigh|back|shoulders?|bum|bottom|breasts?|waist|hair))\b",
        r"\b(?:comments?|remarks?|jokes?|texts?|messages?) (?:about|on) my (?:body|looks|legs|weight|chest|breasts|figure|appearance|clothes|sex life|accent|age|religion|race|skin)\b",
        r"\bdiscriminat\w* (?:against )?(?:me|because|for being|on the basis)\b|\b(?:being|been|was|am|feel) discriminated\b",
        r"\bbecause (?:i'm|i am|i was|of my) (?:pregnant|black|gay|a woman|female|muslim|jewish|disabled|old|too old|trans|"
        r"disability|religion|race|age|accent|gender|ethnicity|skin colour|skin color|sexuality)\b",
        r"\b(?:racist|sexist|homophobic|transphobic|antisemitic|islamophobic|ableist|misogynist\w*) (?:remarks?|comments?|jokes?|slurs?|abuse|messages?)\b|\bslurs?\b",
        r"\bcall(?:ing|ed|s)? (?:me|her|him) (?:a |an )?(?:dyke|fag\w*|queer|tranny|retard\w*|bitch|slut|whore|paki|chink|terrorist|monkey|ape|gypsy|kike|spic|wetback|cunt|nigg\w*)\b",
        r"\b(?:anonymous|hate) (?:notes?|letters?|messages?|mail)\b.{0,60}\b(?:calling me|telling me to (?:quit|leave|go)|slur|because i'm)\b",
        r"\b(?:photo|picture|pic|image|video)s? of (?:his|her|their) (?:genitals|penis|privates|crotch|naked body)\b|\bdick pics?\b|\bsent me (?:nudes|a nude|naked)\b",
        r"\b(?:after|since|because|when) i (?:started |began )?(?:wearing|wore|wear|to wear) (?:a |my |the )?(?:hijab|headscarf|head scarf|turban|kippah|yarmulke|niqab|veil)\b|\b(?:my|her|his) (?:hijab|headscarf|turban|kippah|veil) (?:is|was) (?:a problem|distracting|unprofessional|not appropriate)\b",
        r"\b(?:made|makes|making) a pass at me\b|\bexplicit (?:pictures|photos|images|messages)\b|\b(?:his|her) hotel room\b|\bforced a kiss\b",
        r"\b(?:unwanted|inappropriate|unwelcome) (?:touching|touches|advances|comments|messages|photos|pictures|texts|hugs|kisses|attention|remarks)\b|\bsexual(?:ly)? (?:explicit|charged)? ?(?:jokes|messages|texts|remarks|innuendo|propositions?)\b",
        r"\bhostile work environment\b|\bsexual (?:comments|advances|favou?rs)\b|\bpaid (?:\d+% )?less than (?:my )?(?:male|white|peers)\b",
        r"\b(?:pass(?:ed)? over|didn't get|not promoted|denied)\b.{0,60}\b(?:pregnan\w*|woman|female|gay|black|age|too old|disab\w*|religio\w*|muslim|emotional)\b",
        # Other languages
        r"\b(?:me acos\w*|sufro acoso|acosa sexualmente|la acosa|lo acosa|me manosea|(?:estoy|soy|fui|siendo) acosad\w*|me discrimin\w*|(?:me |soy |estoy |fui )discriminad\w*|insulto racista|me humilla)\b",
        r"\b(?:belastigt (?:mich|sie|ihn)|sexuell belastig\w*|werde belastigt|mobbt mich|mobbt|werde gemobbt|gemobbt|begrapsch\w*|werde diskriminiert|diskriminiert mich|rassistische beleidigung|fasst mich|hand aufs knie)\b",
        r"\b(?:me harcel\w*|(?:je suis|suis|etre|j'ai ete) harcel\w*|harcelee?s? (?:par|au)|subis du harcelement|me touche|attouchement\w*|(?:je suis|suis|etre|j'ai ete) discrimine\w*|insulte raciste|m'humilie)\b",
        r"\b(?:me assedi\w*|sofro assedio|a assedia|o assedia|me apalpa|(?:sou|fui|estou sendo) (?:discriminad\w*|assediad\w*)|insulto racista|me humilha)\b",
        r"\b(?:mi molest\w*|molestat[ao]|molestie (?:da|dal|dalla|sessuali da)|mi fa mobbing|subisco mobbing|palpeggi\w*|mi tocca|(?:sono|vengo|venivo|essere) discriminat\w*|mi discrimina\w*|insult\w* razzist\w*|mi umilia)\b",
        r"\b(?:porque|weil|parce que|perche|porque) (?:estoy|ich|je suis|sono|estou) (?:embarazada|schwanger|enceinte|incinta|gravida)\b",
    ),
    "medical": (
        r"\bchest (?:pain|pains|tightness|is tight|feels tight|hurts)\b|\bpains? in my (?:chest|heart|jaw|arm)\b|\btight chest\b",
        r"\b(?:my )?(?:left )?arm (?:went |goes |is |has gone |keeps going )?numb\b|\b(?:face|side|half of my face) (?:went|is|has gone) numb\b|\bslurred\b",
        r"\b(?:having|had|have|get|getting) (?:a )?(?:heart attack|stroke(?! of)|seizures?|panic attacks?|anxiety attacks?|(?:nervous |mental )?breakdown(?! of)|mini[- ]stroke)\b",
        r"\bpanic attacks?\b|\banxiety attacks?\b|\bcan't breathe\b|\bcannot breathe\b|\bcan't catch my breath\b",
        r"\b(?:i|i've|i have|i just) (?:fainted|passed out|blacked out|collapsed)\b|\bfell asleep at the wheel\b",
        r"\bdiagnosed (?:with|as)\b|\bfound a lump\b|\b(?:i have|i've got|my) (?:cancer|tumou?r|diabetes|multiple sclerosis|parkinson\w*|ptsd|bipolar|adhd|epilepsy)\b",
        r"\b(?:i'm|i am|i feel|i think i'm|been|feeling) (?:really |so |very |pretty |completely |totally )?(?:depressed|burned out|burnt out|anxious all the time)\b(?! (?:about|on|with) )",
        r"\b(?:(?:my|i have|i've got|with|from|suffer\w* from|fighting|battling) depression|anxiety disorder|eating disorder|bulimi\w*|anorexi\w*|binge (?:eating|drinking)|purging|insomnia)\b",
        r"\b(?:haven't|have not|can't|cannot) (?:slept|sleep)\b.{0,30}\b(?:weeks?|months?|days|nights?|anymore|at all|hours)\b|\bsleep(?:ing)? (?:two|three|2|3) hours\b",
        r"\b(?:drink|drinking|drank)\b.{0,40}\b(?:every (?:night|day|morning)|bottle|before (?:work|meetings|the board|stand-ups)|too much|to sleep|to cope|myself to sleep)\b",
        r"\b(?:addict\w* to (?:alcohol|drink|drugs|pills|sleeping pills|painkillers|cocaine|gambling|opioids|benzos|xanax|weed|porn)|(?:i'm|i am) (?:an? )?(?:addict|alcoholic)|my (?:addiction|drinking)|alcoholism|(?:dependent|hooked) on (?:alcohol|drink|pills|sleeping pills|painkillers|opioids|cocaine|xanax|benzos)|relapsed|hangover every|problem with (?:alcohol|drink|drinking|drugs|pills|gambling))\b",
        r"\b(?:i'm|i am|i've been|i have been) (?:drinking|using|taking pills) (?:too much|way too much|heavily|every (?:day|night)|more and more|before)\b|\bcan't stop (?:shaking|crying|throwing up)\b|\bhaven't eaten (?:properly )?(?:in|for) (?:days|a week)\b",
        r"\b(?:can't|cannot|couldn't) stop (?:drinking|using|gambling|taking|eating|smoking)\b|\bhands shake\b.{0,30}\bdrink\b",
        r"\b(?:cocaine|(?:using|doing|on|some|a line of) coke|xanax|valium|adderall|ritalin|opioids?|oxycodone|oxycontin|fentanyl|benzos?|ketamine|mdma|smoke weed|cannabis|sleeping pills|painkillers|pills to (?:sleep|get through|cope))\b",
        r"\b(?:two|three|four|2|3|4|a|one|half a) bottles? (?:of \w+ )?(?:a|every|each|per) (?:night|day|evening)\b|\b(?:\d+|six|seven|eight|ten) (?:drinks|glasses|pints|beers) (?:a|every|each|per) (?:night|day)\b",
        r"\b(?:black|dark|tarry|bloody) (?:almost black |black )?stools?\b|\bblood in (?:my )?(?:stool|urine|pee|poo)\b|\b(?:\d+|eight|ten)[- ]?\d* (?:ambien|zolpidem|xanax|valium|sleeping pills|painkillers|pills)\b",
        r"\bcrying (?:spells|fits|every day)\b|\bcan't stop crying\b|\bsob(?:bing)? (?:for|in the car|every|uncontrollabl\w*)\b|\bneed (?:a|a few|two) drinks? to (?:\w+ ){0,3}(?:start|get through|face|function)\b|\bhands shake until\b",
        r"\bheart (?:pounds|pounding|hammer\w*)\b|\b(?:convinced|sure|certain|think|thought) i(?:'m| am| was)? (?:about to|going to) (?:die|have a heart attack|pass out)\b",
        r"\b(?:vomiting|coughing|peeing) blood\b|\bmy blood pressure\b|\b(?:dizzy|dizziness|vertigo)\b|\bheart (?:races|racing|pounding|palpitations)\b|\bpalpitations\b",
        r"\b(?:my )?(?:doctor|therapist|psychiatrist|gp|oncologist|cardiologist) (?:found|changed|is worried|wants me to (?:stop|slow|rest|take)|told me to (?:stop|slow|rest))\b|\bmy (?:therapist|psychiatrist)\b",
        r"\bhearing (?:things|voices)\b|\bmemory is going\b|\bforgetting (?:words|names)\b|\bstopped (?:taking )?my (?:meds|medication|antidepressants)\b",
        # Other languages
        r"\bdolor(?:es)? (?:en el|de|del) pecho\b|\bataques? de (?:panico|ansiedad)\b|\bno puedo respirar\b|\bme desmaye\b|\bme diagnosticaron\b",
        r"\b(?:tengo|creo que tengo|con) (?:depresion|ansiedad|cancer|un tumor)\b|\bquemadisim\w*|\badicto\b|\bproblema con el alcohol\b|\bno puedo dejar de beber\b",
        r"\b(?:se me (?:durmio|duerme|quedo dormido)|tengo dormido) (?:medio |el )?brazo\b|\bbraccio (?:intorpidito|addormentato)\b|\bbras (?:engourdi|paralyse)\b|\bbraco (?:dormente|adormecido)\b|\barm (?:ist |war )?(?:taub|eingeschlafen)\b",
        r"\b(?:veia|veo|vejo|vedevo|vedo|sehe|voyais|vois) (?:doble|dupla|doppio|doppelt|double)\b|\bperdi a visao\b|\bperdi la vista\b|\bperdu la vue\b",
        r"\b(?:eine line|ne line|una raya|una linea|une ligne|un rail|uma linha|una riga|una pista)\b.{0,40}\b(?:koks|kokain|coca|cocaina|coke|sonst|antes|avant|prima|before|vor)\b|\b(?:zieh|ziehe) mir (?:eine |ne )?line\b|\bme meto (?:una )?raya\b|\bcheir\w* (?:po|cocaina|uma linha)\b|\btir\w* (?:di )?coca\b|\bsniff\w* (?:de la )?coke\b",
        r"\b(?:bebo|trinke|je bois|bevo)\b.{0,30}\b(?:cada (?:dia|noche)|todas las noches|jeden (?:abend|tag|morgen)|tous les (?:soirs|jours|matins)|todas as noites|ogni (?:sera|giorno|mattina)|por la manana|morgens|le matin|de manha|la mattina)\b",
        r"\b(?:sin|ohne|sans|sem|senza) (?:las |meine |mes |os |i )?(?:pastillas|schlaftabletten|somniferes|comprimidos|remedios|sonniferi|tabletten)\b.{0,20}\b(?:no puedo|kann ich nicht|je ne peux|nao consigo|non riesco)\b",
        r"\bkopfschmerzen (?:jeden|seit|standig|taglich)\b|\bvergesse (?:mitten|standig|immer|dauernd)\b|\bgedachtnis(?:lucken|probleme)\b|\bwusste\b.{0,40}\bnicht mehr\b.{0,40}\b(?:namen|name|was ich)\b",
        r"\bbrustschmerz\w*|\bschmerzen in der brust\b|\bpanikattack\w*|\bkeine luft\b|\bohnmachtig\b|\bdiagnostiziert\b|\bausgebrannt\b",
        r"\b(?:habe|hab|ich bin im|bin im|mit) (?:eine |einen |ein )?(?:depression|krebs|burnout)\b|\balkoholproblem\b|\bvom alkohol nicht los\b|\babhangig von\b|\bam steuer eingeschlafen\b",
        r"\bdouleurs? (?:dans|a) la poitrine\b|\bcrises? d'angoisse\b|\bcrises? de panique\b|\bn'arrive (?:pas|plus) a respirer\b|\bevanoui\w*",
        r"\bdiagnostique\w*|\b(?:je suis en|mon|un) burn-?out\b|\bprobleme avec l'alcool\b|\barreter de boire\b|\bdependant\w* (?:aux|a l)\b",
        r"\bdor(?:es)? no peito\b|\bataques? de panico\b|\bnao consigo respirar\b|\bdesmaiei\b|\bdiagnosticad\w*|\bproblema com (?:o )?alcool\b|\bparar de beber\b|\bdependente de\b",
        r"\bdolor[ei] al petto\b|\battacchi di panico\b|\bnon riesco a respirare\b|\bsvenut\w*|\bdiagnosticat\w*|\bproblema con l'alcol\b|\bsmettere di bere\b|\bdipendente dai\b",
    ),
    "legal_hr": (
        r"\b(?:wrongful(?:ly)?|unfair(?:ly)?|illegal(?:ly)?|unlawful(?:ly)?) (?:dismiss\w*|terminat\w*|fired|sacked|let go|demoted)\b|\bconstructive(?:ly)? dismiss\w*",
        r"\b(?:i |i've |i have |i had |i'm |after |since |for )(?:blew|blown|blow|blowing|being|been) the whistle\b|\b(?:i'm|i am|as) a whistle ?-?blower\b|\bwhistle ?-?blow(?:er|ing) (?:on|against|about|came to me|retaliation)\b",
        r"\bretaliat\w* (?:against|for|after|because)\b|\b(?:it's|is|feels like|as) (?:retaliation|payback|revenge)\b",
        r"\b(?:suing|sue|sued|suit against) (?:me|my employer|my company|my boss|my former employer)\b|\bsue me personally\b|\btake (?:them|my employer|the company) to court\b",
        r"\b(?:my|an|i have an?|i've got an?) (?:employment )?tribunal\b|\bdisciplinary (?:case|hearing|process|action|proceedings) against me\b|\bopened a disciplinary\b|\bdisciplinary against me\b",
        r"\b(?:fired|let go|dismissed|sacked|terminated|walked out|laid off)\b.{0,40}\b(?:without|no|zero) (?:notice|cause|reason|warning|explanation)\b",
        r"\b(?:settlement agreement|severance|garden leave|non-?compete|nda)\b.{0,50}\b(?:sign|refus\w*|enforc\w*|lawyer|withheld|threat\w*|by friday|tomorrow)\b",
        r"\b(?:force|forcing|forced|push|pushing|pushed|squeeze|squeezing|walk) me out\b|\bmake (?:me|my role) (?:resign|impossible)\b",
        r"\b(?:demoted|frozen out|sidelined|excluded|cut my bonus|bonus (?:was )?cut)\b.{0,60}\b(?:after|since|because) (?:i )?(?:reported|raised|complained|blew|flagged|testified|spoke up)\b",
        r"\bi (?:reported|raised|flagged|blew the whistle on|exposed|escalated|refused)\b.{0,60}\b(?:since then|ever since|now|and then|after that|so now)\b.{0,40}\b(?:frozen out|sidelined|excluded|demoted|cut|isolated|ignored|pushed out|punished|targeted|moved|removed|threaten\w*)",
        r"\b(?:since|after|because) (?:i|i've) (?:reported|raised|flagged|complained|blew the whistle|spoke up|refused to sign)\b",
        r"\b(?:backfill\w*|fill(?:ing)? in|fill(?:ing)? out|fak\w*|mak\w* up|doctor\w*|invent\w*|forg\w*) (?:the |our |last month's |those )?(?:safety |inspection |maintenance |test |audit |training |quality )?(?:logs?|records?|certificates?|timesheets?|protocols?|inspection reports?|test results?)\b",
        r"\b(?:misleading|false|fake|cooked|inflated|doctored) (?:numbers|figures|accounts|statements|data|results|revenue|invoices)\b.{0,60}\b(?:sign|approve|present|lenders?|auditors?|investors?|board|regulator)\b|\bsign (?:off )?(?:on )?(?:misleading|false|fake) \w+",
        r"\b(?:pressur\w*|push\w*|forc\w*|told|wants?|asked|asking) me to (?:approve|sign|hide|delete|ignore|backdate|change|falsify|alter|bury|cover up|shred|destroy)\b.{0,80}\b(?:without|or else|or i'll|or he'll|or they'll|career|my job|fired|replace me|due diligence|illegal)\b",
        r"\b(?:waive|give up|sign away) my right to (?:talk|speak|report|go) to (?:any |the )?(?:regulator|authorities|police|press|sec)\b|\bgag (?:clause|order)\b.{0,40}\b(?:regulator|report|illegal)\b",
        r"\bme (?:obligan|piden|quieren obligar) a (?:firmar|mentir|ocultar|falsificar)\b|\bmi (?:obbligano|chiedono) di (?:firmare|mentire|nascondere|falsificare)\b|\bon (?:m'oblige|me demande|me force) a (?:signer|mentir|cacher|falsifier)\b|\bme (?:obrigam|pedem|forcam) a (?:assinar|mentir|esconder|falsificar)\b|\b(?:zwingt|zwingen) mich,? (?:zu )?(?:unterschreiben|lugen|verschweigen|falschen)\b",
        r"\bthink (?:of|about) your (?:career|job|family|future)\b|\bor you(?:'ll| will) (?:lose|be out of) (?:your|a) job\b",
        r"\bwithhold\w* (?:my )?(?:final )?(?:pay|paycheck|pay cheque|salary|wages|commission|bonus|severance)\b|\b(?:won't|refuse to|refusing to) pay (?:me )?(?:my )?(?:final )?(?:salary|wages|commission|bonus|severance)\b",
        r"\b(?:protokoll\w*|prufbericht\w*|nachweis\w*|unterlagen|messwerte|prufungen)\b.{0,50}\b(?:nachtraglich|gefalscht|falschen|frisier\w*|manipulier\w*|nie stattgefunden)\b|\bnachtraglich (?:ausfullen|andern|erstellen|unterschreiben)\b",
        r"\b(?:registros|informes|actas|protocolos|registres|rapports|registri|verbali|relatorios)\b.{0,50}\b(?:que nunca se hicieron|falsos|falsificad\w*|a posteriori|jamais faits|mai fatt\w*|nunca feit\w*)\b",
        r"\b(?:lie|lying) to (?:the )?(?:auditors?|regulators?|investors?|board)\b|\bcook\w* the books\b|\bbackdat\w*|\bfalsif\w* (?:the |our )?(?:data|records|accounts|numbers|emissions|results|reports|test)|\bembezzl\w*",
        r"\bi (?:reported|raised|flagged|blew the whistle on|exposed|escalated|have evidence of|know about)\b.{0,40}\b(?:misconduct|fraud|violations?|irregularit\w*|bribery|cover-?up|concerns?)\b|\b(?:need|want|going|afraid|scared) to report\b",
        r"\b(?:filed|made|raised|lodged|submitted|file|make|raise|lodge) a (?:formal )?(?:grievance|complaint) (?:against|about) (?:my|the|a)\b|\bmy (?:formal )?grievance\b|\bfiled a (?:formal )?(?:grievance|complaint)\b|\bfile a complaint against\b",
        r"\b(?:legally|personally) liable\b|\bgo to (?:jail|prison)\b|\bneed (?:a|my own) lawyer\b|\bsee(?:n)? a lawyer\b|\blaw firm\b.{0,30}\b(?:sued|suing|defamation)\b",
        r"\b(?:fired|dismissed|let go|terminated|demoted|sacked)(?: me)? (?:after|because|for) (?:i |reporting|raising|complaining|refusing|being|testifying|speaking up|taking)\b",
        r"\b(?:should i|do i need to|need to|going to|want to) (?:get|hire|call|see|talk to|speak to|find) (?:a|an|my own) (?:lawyer|attorney|solicitor|employment lawyer|legal advice)\b",
        r"\b(?:put on|placed on) (?:garden leave|leave|administrative leave|suspension)\b|\bsuspended (?:me|pending)\b|\bpretext to fire\b",
        r"\b(?:fired|dismissed|sacked) me\b|\bi (?:got|was|have been|'ve been|am being) (?:fired|sacked|dismissed|let go|made redundant|forced out)\b",
        # Other languages
        r"\bdespid\w* (?:de forma )?(?:improcedente|injust\w*|sin (?:preaviso|causa|motivo))\b|\bme (?:han )?despedido\b|\bquiero demandar\b|\bme ha demandado\b|\brepresalia\w*",
        r"\bexpediente disciplinario\b|\bdenunci(?:e|ar) (?:irregularidades|sobornos|un encubrimiento)\b|\bacuerdo de salida\b|\bjuicio laboral\b|\bindemnizacion\b",
        r"\b(?:mir (?:wurde )?(?:heute )?(?:fristlos )?gekundigt|meine kundigung|abmahnung gegen mich|arbeitsgericht|vergeltung|aufhebungsvertrag|freigestellt|verklagt mich|will klagen)\b",
        r"\blicenci\w* (?:abusiv\w*|sans)\b|\bprud'?hommes\b|\brepresailles\b|\bprocedure disciplinaire\b|\brupture conventionnelle\b|\bmis a pied\b|\b(?:j'ai ete|je suis|m'ont|on m'a) vire\w*|\bme poursuit\b",
        r"\bdemitid\w* (?:sem|injust\w*)\b|\bjusta causa\b|\bretaliac\w*|\bprocesso disciplinar\b|\bme processando\b|\bprocessar a empresa\b|\bacordo de rescisao\b|\bpagar a minha indeniza\w*",
        r"\blicenziat\w* (?:ingiust\w*|senza)\b|\britorsion\w*|\bprocedimento disciplinare\b|\bmi ha(?:nno)? fatto causa\b|\bvoglio fare causa\b|\bdemansionat\w*|\bpagarmi la liquidazione\b|\btribunale del lavoro\b",
    ),
}

WEAK: dict[str, tuple[str, ...]] = {
    "self_harm": (
        r"\bsuicid\w*|\bsucid\w*|\bsuicd\w*|\bsuizid\w*|\bselbstmord\w*|\bsuicidio\b",
        r"\b(?:die|dying|dead|death|end it|ending it|not be here|disappear|vanish|burden|pointless|hopeless|worthless|numb|empty|darkness|dark thoughts)\b",
        r"\b(?:pills|tablets|overdose|bridge|roof|tracks|balcony|rope|razor|blade|wrists?|note)\b",
        r"\b(?:can't go on|can't do this anymore|can't cope|give up|no way out|way out|no future|done|tired of everything|what's the point)\b",
        r"\b(?:morir|muerte|muerto|matar|vida|desaparecer|morrer|morte|mourir|mort|finir|disparaitre|morire|morte|sparire|sterben|tot|verschwinden)\b",
        r"\b(?:no puedo mas|nao aguento mais|n'en peux plus|non ce la faccio piu|kann nicht mehr|ich will nicht mehr)\b",
    ),
    "violence": (
        r"\b(?:threat\w*|gun|knife|weapon|kill|killing|hurt|attack\w*|violent|violence|punch\w*|stab\w*|shoot\w*|beat|rage|fight|assault\w*|stalk\w*|dangerous|unsafe|scared|afraid)\b",
        r"\b(?:amenaz\w*|arma|matar|agredi\w*|drohung|waffe|gewalt|menace\w*|arme|tuer|ameaca\w*|minacc\w*|uccidere)\b",
    ),
    "domestic_abuse": (
        r"\b(?:husband|wife|partner|boyfriend|girlfriend|spouse|home|at home|marriage|bruise\w*|black eye|scared|afraid|controls?|locked)\b",
        r"\b(?:marido|esposa|pareja|mujer|novio|mann|frau|partner|mari|femme|conjoint|marito|moglie|companheiro|casa|zuhause|maison)\b",
    ),
    "harassment": (
        r"\b(?:harass\w*|bully\w*|bullied|discriminat\w*|racis\w*|sexis\w*|inappropriate|creepy|uncomfortable|touch\w*|comments|pregnan\w*|excluded|humiliat\w*|slur|abuse)\b",
        r"\b(?:acoso|acosa|hostigamiento|belastigung|mobbing|harcelement|assedio|molestie|discrimin\w*)\b",
    ),
    "medical": (
        r"\b(?:pain|doctor|hospital|sick|ill|illness|symptoms?|diagnos\w*|medication|meds|prescription|therapy|therapist|drink\w*|alcohol|drugs?|sleep\w*|exhausted|burn\w* ?out|anxiety|depress\w*|heart|breath\w*|dizzy|faint\w*|scan|lump|blood)\b",
        r"\b(?:dolor|medico|hospital|alcohol|beber|pastillas|schmerz\w*|arzt|alkohol|douleur|medecin|alcool|dor|medico|alcol|dolore)\b",
    ),
    "legal_hr": (
        r"\b(?:lawyer|attorney|legal action|lawsuit|suing|tribunal|grievance|dismiss\w*|fired|terminat\w*|retaliat\w*|whistle\w*|complain\w*|report\w*|contract|severance|settlement|investigation|disciplinary|fraud|illegal|unfair)\b",
        r"\b(?:abogado|despido|demanda|denuncia|anwalt|kundigung|klage|avocat|licenciement|plainte|advogado|demissao|processo|avvocato|licenziamento|denuncia)\b",
    ),
}

# Business senses of risk words. Matched spans are blanked before weak cues are read and
# add an ``@idiom`` feature; they never cancel a STRONG cue.
IDIOMS: tuple[str, ...] = (
    r"\b(?:commercial|corporate|financial|career|political|market|brand|economic|business|professional|reputational) suicide\b",
    r"\bsuicid(?:e|al) (?:mission|move|strategy|pricing|plan|launch|idea|decision|timeline)\b|\bkamikaze\b",
    r"\bsuicidio (?:comercial|empresarial|financiero|economico|commerciale|profesional)\b|\bsuicide commercial\b|\bsuicidaire pour\b",
    r"\b(?:kommerzieller|wirtschaftlicher|finanzieller) selbstmord\b|\bselbstmord fur (?:uns|die firma)\b|\bsuicidio para\b|\bun suicidio per\b|\bsuicidio comercial\b",
    r"\b(?:is|are|was|were|been|it's|that's|they're|its) (?:absolutely |really |just |slowly )?(?:killing|murdering|strangling) (?:us|me|our|the|it|them|growth|margins|demand|sales)\b",
    r"\b(?:will|would|'ll|'d|could|might|going to) (?:kill|murder) (?:us|our|the|demand|growth|margins|sales|it|the deal)\b",
    r"\bkill(?:ed|ing)? (?:off |two birds|some time|time|it\b|the (?:project|meeting|idea|feature|report|product|deal|initiative|programme|program|weekly|status|pilot|app|campaign|messenger|vanity|old))",
    r"\bkill(?:er|ers) (?:feature|app|product|idea|deal|headache|instinct|argument|pitch)\b|\bkilled it\b|\bkilling it\b|\bkill for\b|\bi'd kill for\b",
    r"\b(?:back|feet|knees?|jet lag|commute|calls?|meetings?|emails?) (?:is|are) (?:killing|murdering) me\b|\bthe commute is murder\b|\bmurder a (?:coffee|pint|beer|burger)\b",
    r"\bdead (?:on arrival|in the water|tired|set|wood|end|cert|weight|heat|duck|easy|serious|right)\b|\bdying (?:to|on the vine)\b|\bto die for\b|\bdie on this hill\b|\bover my dead body\b|\bnearly died laughing\b",
    r"\b(?:attack|attacking|attacked) (?:the|a|our|new|this) (?:market|segment|mid-market|sector|category|problem|competition|backlog|opportunity)\b",
    r"\b(?:cyber|phishing|ransomware|ddos|hacker|informatico|hackerangriff|cyberattaque|informatico|hacker) ?-?attac\w*|\bataque (?:informatico|hacker)\b|\battacco informatico\b|\bhackerangriff\b|\bcyberattaque\b",
    r"\bexecut\w* (?:the|our|on|a|this|that|three|two|it|plan|strategy|turnaround|migration)\b|\b(?:contract|agreement|deal|order|trade) (?:was |is |were )?executed\b",
    r"\bbloodbath\b|\bmassacre\b|\bcarnage\b|\bblutbad\b|\bmasacre\b|\bmassacro\b",
    r"\b(?:i )?(?:got |been |was )?stabbed (?:me )?in the back\b|\b(?:a |the )?gun to (?:our|my|the|their) heads?\b|\b(?:going to |gonna |will )?die on (?:this|that) hill\b",
    r"\b(?:vont|vais|va) me tuer\b|\b(?:vao|vai) me matar\b|\bme (?:van|va) a matar\b|\bvan a matarme\b|\bbringen mich (?:noch )?um\b|\bmi ammazzano\b|\bmi uccideranno\b",
    r"\bshoot(?:ing)? (?:myself|ourselves|ourself|yourself) in the (?:foot|feet)\b|\bkill(?:ing)? myself (?:laughing|with work)\b",
    r"\bshoot(?:ing)? the messenger\b|\bpull(?:ed)? the (?:trigger|plug)\b|\bshot (?:down|to pieces)\b|\bshoot for the moon\b|\bbite the bullet\b|\bsilver bullet\b|\bbullet ?points?\b|\bbulletproof\b",
    r"\b(?:hit|hitting) (?:the ground|our numbers|our targets|the target|the numbers|the gym|a wall|the market)\b|\bhit rate\b|\btook a hit\b|\bhard-hitting\b",
    r"\b(?:harassment|harrassment|anti-harassment|discrimination|anti-discrimination|grievance|whistleblowing|whistleblower|whistle-blowing|bribery|anti-bribery|bullying|anti-bullying|code of conduct|diversity|equality|safeguarding|wellbeing|well-being|mental health|health and safety|domestic violence|domestic abuse)"
    r" (?:policy|policies|training|module|modules|procedure|procedures|process|hotline|channel|programme|program|week|awareness|report|reporting|directive|first aiders?|shelter|charity|charities|campaign|talks?|course|workshop|survey)\b",
    r"\b(?:price|pricing) discrimination\b|\bdiscriminate (?:between|better)\b|\bcan't discriminate between\b",
    r"\b(?:threat|threats) (?:of a recession|landscape|to our|are|from|model)\b|\bthreatened (?:a proxy fight|fines|to (?:walk|leave|stop deliveries|stop|move|cancel|raise|pull|switch|sue))\b",
    r"\b(?:cut|cutting) (?:costs?|prices?|the crap|my losses|our losses|the budget|budgets|headcount|spend|corners|the meeting|my team's)\b|\bcutting-edge\b|\bcut-throat\b|\bcut (?:the )?dead wood\b",
    r"\b(?:cross|jump off|jump|burn) (?:that|the) bridges? when we come to it\b|\bburn(?:ing|ed)? (?:our |my )?bridges\b|\broof terrace\b|\bon the bridge of the ship\b",
    r"\bjump (?:on a call|at the chance|the gun|through hoops)\b|\bsales jumped\b|\bbridge (?:loan|between|financing)\b",
    r"\b(?:on life support|needs? a defibrillator|in (?:the )?icu|en la uci|na uti|auf der intensivstation|en soins intensifs|in terapia intensiva)\b",
    r"\b(?:nos estan matando|nos esta matando|me esta matando|me estan matando|nous tuent|ca me tue|ci stanno uccidendo|mi sta uccidendo|bringt mich um|bringt uns um|bringen mich um|bringen uns um)\b|\bvan a matar\b|\bme mata que\b",
    r"\bmuerto de (?:cansancio|sueno|risa)\b|\bmorto de (?:cansaco|sono|rir)\b|\bmort de (?:fatigue|rire)\b|\bstanco morto\b|\btodmude\b|\bme muero de ganas\b|\bmorrendo de curiosidade\b|\bje meurs d'envie\b|\bmuoio dalla voglia\b",
    r"\bc'est mort (?:pour|cote)\b|\bc'est mort,\b|\bes ist tot,\b|\bestá muerto,\b|\bnacio muerto\b|\bnasceu morto\b|\bmort-ne\b|\bnato morto\b|\btotgeburt\b|\bsuicide mission\b",
    r"\b(?:i'm|i am|we're|he's|she's) (?:dead|sick) (?:tired|and tired|set)\b|\bsick of (?:hearing|the|our|these|this|it)\b",
    r"\b(?:depressing|depressed) (?:numbers|market|results|prices|demand|quarter)\b|\bmarket is depressed\b|\b(?:numbers|results|nps) (?:are|is) depressing\b",
    r"\bheadache from\b|\bkiller headache\b|\bmy head is going to explode\b|\bgoing crazy with\b|\blosing (?:our|my) minds? over\b",
    r"\b(?:under|in the) (?:fire|firing line|crosshairs)\b|\bthrew me under the bus\b|\bstabbed (?:me )?in the back\b|\bthrown to the (?:wolves|lions)\b|\ba los leones\b|\baos leoes\b|\bai leoni\b|\bans messer\b",
    r"\b(?:price|trade|turf|talent|bidding) war\b|\bwar footing\b|\bwar ?zone\b|\bguerra de precios\b|\bpreiskampf\b|\bguerre des prix\b|\bguerra (?:de|dei) prec?zi?os?\b",
    r"\blegal (?:team|department|says|framework|review|challenges)\b|\bour lawyers\b|\b(?:trademark|patent|tax|commercial) (?:case|dispute)\b|\bbreach of contract\b|\bcase against (?:the company|our competitor)\b",
    r"\b(?:claim|case|lawsuit|suit) (?:was |were )?dismissed\b|\bdismissed the (?:case|claim|idea|feedback)\b|\bdismissed (?:the|that) idea\b",
    r"\b(?:we|they) (?:fired|dismissed|let go) (?:our|the|a) (?:agency|pr agency|vendor|supplier|sales rep|contractor|consultants?)\b|\bfired the old ceo\b",
    r"\b(?:customers?|staff|employees|clients?|users) (?:complain|complained|complaining)\b|\bthe main complaint\b|\bcomplaint from a customer\b",
    r"\bsick leave after\b|\boff with (?:covid|flu|a cold)\b|\bunder the weather\b|\bcold, nothing serious\b|\broutine (?:operation|check-up|surgery|op)\b|\bannual physical\b",
    r"\b(?:medical|pharma|pharmacy|health|healthcare|hospital|clinic|insurance|drug discovery|cardiology|patient)\b (?:devices?|client|clients|chain|insurer|insurance|premiums|partnership|app|conference|wards?|sector|company|companies|market)\b",
    r"\b(?:a few|some|couple of) drinks with\b|\bgrab a drink\b|\bglass of wine and call it a night\b|\bcelebrat\w* (?:the release )?with drinks\b",
    r"\b(?:addicted to|overdosed on|overdose of) (?:the )?(?:dashboard|campaigns?|marketing|metrics|coffee|data|meetings)\b|\bdrug of choice\b",
)

# Most direct phrases in further languages: enough to flag a plain statement of risk.
# Dutch and Polish have a list per category (first person, the usual euphemisms, common
# inflections); the other languages the most direct phrases. Written with accents where the
# language has them: :func:`_plain` folds them as :func:`fold` folds the text.
OTHER_LANGUAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "self_harm": (
            r"\bzelfmoord\w*|\bsuicida(?:al|le)\b|\bmezelf (?:van kant (?:te )?maken|doden|iets aan(?:doen)?|pijn (?:te )?doen|snijden|verwonden|ophangen|iets aan te doen)\b|\bmijn leven (?:beeindigen|te beeindigen|nemen)\b|\ber een (?:einde|eind) aan (?:maken|te maken|gemaakt)\b|\bmaak er een (?:einde|eind) aan\b",
            r"\b(?:wil|ik wil) (?:niet meer (?:leven|verder|wakker worden|hier zijn)|dood|er niet meer zijn|verdwijnen)\b|\bniet meer (?:willen )?leven\b|\bbeter af zonder mij\b|\bdood wil\b|\bdood (?:zijn|te zijn)\b.{0,20}\b(?:wou|wens|liever)\b",
            r"\b(?:ik ga|wil|ga) springen\b|\bop het dak\b|\bvan de brug\b|\bvoor de trein\b|\bafscheidsbrie\w*|\bsnijd (?:mezelf|in mijn)\b|\bpillen (?:gespaard|verzameld|genomen|opgespaard|liggen klaar)\b|\bniet meer wakker\b",
            r"\bzie het (?:echt )?niet meer zitten\b|\blevensmoe\b|\bhet leven (?:moe|heeft geen zin)\b|\bgeen zin (?:meer )?(?:in|om te) leven\b|\bniemand (?:zou|zal) me missen\b|\bzonder mij (?:beter|makkelijker)\b|\bal mijn pillen\b|\bstrop\b|\bmezelf wat aandoen\b|\bdood te gaan\b",
        ),
        "violence": (
            r"\bdoodsbedreiging\w*|\bbedreigd\b|\bbedreigt (?:mij|me)\b|\bdreig\w* (?:mij|me|mijn|te)\b|\bbij de keel\b|\bin elkaar (?:geslagen|slaan|te slaan|sla)\b|\bmishandel\w*|\baangevallen\b|\bgestoken\b|\bneergestoken\b",
            r"\b(?:iets aandoe|pijn doe|vermoord|vermoorden|neersteken|neerschieten|afmaken|maak hem af|maak haar af)\b|\bmet een (?:mes|pistool|wapen|knuppel|honkbalknuppel)\b|\bweet waar ik woon\b|\bbang dat ik (?:het )?(?:opnieuw|weer)\b|\bgeschopt\b|\b(?:een )?klap (?:gegeven|verkocht)\b|\bik sla (?:hem|haar)\b|\bstaat (?:voor|bij) mijn (?:deur|huis)\b|\bwacht me op\b|\bheb (?:hem|haar) geslagen\b|\bop de vuist\b",
        ),
        "domestic_abuse": (
            r"\bmijn (?:man|vrouw|partner|vriend|vriendin|ex|vader|zoon|echtgeno\w*)\b.{0,60}\b(?:slaat|sloeg|geslagen|geschopt|schopt|duwt|duwde|geduwd|wurgt|gewurgd|bedreigt|dreigt|controleert|sluit me op|opgesloten|verkracht|pijn|knijpt|kneep|afgepakt|laat me niet)\b",
            r"\bhuiselijk geweld\b|\bblauwe plekken\b|\bblauw oog\b|\bbang om naar huis\b|\bdurf (?:niet )?(?:meer )?naar huis\b|\bthuis (?:niet veilig|is het niet veilig|ben ik niet veilig)\b|\b(?:hij|ze) (?:slaat|sloeg|schopt|schopte|duwt|duwde|wurgde|kneep) (?:me|mij)\b|\bbang voor mijn (?:man|vrouw|partner|vriend)\b|\bkeel dichtgeknepen\b",
        ),
        "harassment": (
            r"\bseksuele intimidatie\b|\bintimideer\w*|\b(?:word|werd|wordt) (?:gepest|geintimideerd|gediscrimineerd|betast|lastiggevallen|uitgescholden|nagestaard)\b|\bgediscrimineerd\b|\bdiscriminatie\b(?! ?beleid)|\bgepest\b|\bhandtastelijk\b|\bschuine (?:opmerkingen|grappen)\b",
            r"\bnoemen (?:mij|me)\b|\bnoemt (?:mij|me)\b|\bvanwege mijn (?:huidskleur|afkomst|geloof|geaardheid|leeftijd|zwangerschap|handicap|hoofddoek|accent)\b|\bbetast\b|\bongewenste intimiteiten\b|\bracistisch\w*|\bseksuele (?:opmerkingen|berichten|toespelingen|foto)\b|\bzwanger\b.{0,40}\b(?:promotie|functie|ontslag)\b|\bomdat ik (?:een )?(?:vrouw|zwanger|homo|moslim|zwart)\b|\bzit(?:te)? (?:steeds |telkens )?aan (?:me|mij|mijn)\b|\bnaar zijn (?:hotel)?kamer\b",
        ),
        "medical": (
            r"\bflauwgevallen\b|\bpijn (?:op|in) (?:de|mijn) borst\b|\bhartaanval\b|\bpaniekaanval\w*|\bkan niet (?:meer )?ademen\b|\bhart slaat\b|\bhartkloppingen\b|\bduizelig\b|\bgevoelloos\b|\bbenauwd\b|\bbloed (?:opgehoest|in mijn)\b|\bknobbel\b",
            r"\bdepressie\b|\bdepressief\b|\bik (?:heb|zit in) een burn-?out\b|\bverslaafd\b|\bte veel (?:drinken|alcohol|drank)\b|\bik heb kanker\b|\bslaap (?:al|nauwelijks|niet meer)\b|\bslaappillen\b|\bcocaine\b|\belke (?:avond|ochtend|dag) (?:drinken|een fles|wijn|drank)\b|\bdrink (?:elke|iedere) (?:avond|dag|ochtend)\b|\bkan niet (?:meer )?zonder (?:drank|alcohol|pillen|wijn)\b|\bkan (?:al weken )?niet (?:meer )?slapen\b",
        ),
        "legal_hr": (
            r"\bklokkenluider\w*|\bmisstand\w*|\bontslag op staande voet\b|\bbuitengesloten\b|\bwraak\b|\brechtszaak\b|\bgedegradeerd\b|\bvergelding\b|\brepresailles\b|\bgemeld\b.{0,40}\b(?:sindsdien|nu)\b|\bop non-?actief\b|\bvaststellingsovereenkomst\b",
            r"\bvervalsen\b|\bvervalst\w*|\bfraude (?:gemeld|ontdekt|melden)\b|\bliegen tegen de (?:accountant|toezichthouder|inspectie)\b|\baanklacht\b|\bonterecht ontslag\b|\bgedwongen (?:te tekenen|ontslag)\b|\bzwijgen\b.{0,30}\b(?:baan|ontslag)\b|\b(?:cijfers|boeken|resultaten) (?:aanpassen|mooier maken|verdoezelen)\b|\b(?:word|werd) ontslagen\b|\bwillen me eruit (?:werken|hebben)\b|\bverlof (?:geweigerd|afgewezen)\b",
        ),
    },
    "pl": {
        "self_harm": (
            r"\bsamobój\w*|\b(?:zabić|zabiję|zabiłbym|zabiłabym|zabić) się\b|\bodebrać sobie życie\b|\bnie chcę (?:już )?(?:żyć|tu być|się obudzić|dłużej żyć)\b|\bchcę umrzeć\b|\bskończ\w* ze sobą\b|\bskończ\w* z tym wszystkim\b|\bpowiesić się\b|\bpowieszę się\b",
            r"\blist pożegnalny\b|\bskoczę\b|\bskoczyć z\b|\btnę się\b|\bpocięł\w* się\b|\bokaleczam\b|\bsamookalecz\w*|\blepiej beze mnie\b|\bbeze mnie (?:byłoby )?lepiej\b|\btabletki\b.{0,40}\b(?:wszystkie|zbieram|odkładam|wziąłem|wzięłam|mam przed sobą)\b|\bna dachu\b|\bz mostu\b|\bpod pociąg\b",
            r"\bnie widzę sensu (?:życia|żyć|dalej)\b|\bnie ma sensu żyć\b|\bmyśl\w* o (?:śmierci|samobójstwie|tym, żeby (?:umrzeć|zniknąć))\b|\bzniknąć na zawsze\b|\bmam dość życia\b|\bnikt (?:by )?nie (?:zauważy|zauważyłby|będzie tęsknił)\b|\bchciał(?:bym|abym) (?:umrzeć|zniknąć|nie żyć|się nie obudzić)\b",
        ),
        "violence": (
            r"\bgrozi\w* (?:mi|mnie|że)\b|\bgroźb\w*|\bgroził\w* (?:mi )?śmiercią\b|\buderzył\w*|\bpobił\w*|\bzabiję (?:go|ją|cię|was|mnie)\b|\bnapad\w*|\bzaatakował\w*|\bnożem\b|\bz bronią\b|\bboję się, że (?:zrobię|to zrobię|znowu)\b|\bw twarz\b|\bwie, gdzie mieszkam\b|\bwie gdzie mieszkam\b",
            r"\bzrobię (?:mu|jej) krzywdę\b|\bczeka na mnie (?:pod|przed)\b|\brzucił\w* się na\b|\bpoturbował\w*|\bpięścią\b|\bkopnął\w* (?:mnie|go|ją)\b|\bpoderżnę\b|\bzastrzelę\b|\bnóż\b",
        ),
        "domestic_abuse": (
            r"\b(?:mąż|żona|partner|partnerka|chłopak|dziewczyna|były|była|ojciec|syn|teść|teściowa)\b.{0,60}\b(?:bije|bił|biła|uderzył\w*|popchnął\w*|popchnęła|dusił\w*|grozi|kontroluje|zamknął\w*|zabrał\w* mi|szarpał\w*|kopnął\w*|zgwałcił\w*|nie pozwala mi|sprawdza mój)\b",
            r"\bprzemoc\w* domow\w*|\bboję się wrócić do domu\b|\bboję się (?:męża|żony|partnera|partnerki)\b|\bsiniak\w*|\bpodbite oko\b|\bw domu nie jestem bezpieczn\w*|\b(?:mnie|mną) (?:bije|szarpie|dusi|poniża)\b",
        ),
        "harassment": (
            r"\bmolestuje\b|\bmolestow\w*|\bmobbing\w*|\bmobbinguje\b|\bnękan\w*|\bnęka mnie\b|\bdyskrymin\w*|\bpodteks\w* seksual\w*|\bdotyka mnie\b|\bdotykał\w* mnie\b|\bwyzywa\w*|\brasistowsk\w*|\bponiża\w*|\bprzezywa\w*|\bseksualn\w* (?:uwagi|wiadomości|propozycj\w*|komentarz\w*|żart\w*)\b|\bbo jestem (?:kobietą|w ciąży|gejem|muzułmaninem|muzułmanką|czarn\w*)\b",
            r"\b(?:w ciąży|ciążę)\b.{0,40}\b(?:awans\w*|stanowisk\w*|zwolni\w*)\b|\bdo (?:jego|swojego) pokoju hotelowego\b|\bklepie mnie\b|\bobmacuje\b|\bobmacywa\w*",
        ),
        "medical": (
            r"\bnapi(?:ć|ja) (?:się )?wódki\b|\bpiję (?:codziennie|co wieczór|rano|coraz więcej)\b|\btrzęs\w* (?:mi )?ręce\b|\bból w klatce\b|\bzawał\w*|\batak\w* paniki\b|\bdepresj\w*|\bwypaleni\w*|\buzależni\w*|\bzemdlał\w*|\bnie mogę oddychać\b|\bnie śpię\b|\bnowotw[oó]r\w*|\bmam raka\b|\bkokain\w*|\btabletki nasenne\b|\bdrętwieje\b|\bzawroty głowy\b",
            r"\bkołatani\w* serca\b|\bduszności\b|\bnie mogę (?:przestać pić|spać|bez alkoholu)\b|\bbez (?:alkoholu|wódki|tabletek) nie (?:mogę|daję rady)\b|\bguz\w*\b|\bkrew w\b",
        ),
        "legal_hr": (
            r"\bukryć wyniki\b|\bstracę pracę\b|\bodwet\w*|\bsygnalist\w*|\bzgłosił\w* (?:nadużyci\w*|nieprawidłowości|oszustw\w*)\b|\bsfałszow\w*|\bfałszow\w*|\bsąd pracy\b|\bdyscyplinarn\w*|\bkłamać\b|\bokła\w* audytor\w*|\bkaże mi\b.{0,40}\b(?:ukryć|podpisać|kłamać|zmienić)\b|\binaczej stracę\b",
            r"\bzwolnili mnie\b|\bzostał\w* zwolnion\w*\b.{0,40}\b(?:po tym|bo|za to)\b|\bzdegradowa\w*|\bkażą mi podpisać\b|\bporozumienie stron\b|\błapówk\w*|\bwymusza\w*|\bukry\w* (?:przed|straty|dane|wyniki|błąd)\b|\bprawnik\w*\b.{0,40}\b(?:zwolnien\w*|pracodawc\w*|sąd)\b",
        ),
    },
    "ja": {
        "self_harm": (
            r"自殺|死にた|死のう|消えた|消えてしまいた|生きていたく|生きたくな|生きる意味|自傷|リストカット|命を絶|遺書|飛び降り|首を吊|楽になりたい|いなくなれば|薬をため|睡眠薬を",
        ),
        "violence": (
            r"殴ってしまい|殴られ|殴り|脅迫|脅され|殺す|殺され|殺してや|刺す|刺され|暴力|手が出|ナイフ|包丁|襲われ|待ち伏せ|家を知って",
        ),
        "domestic_abuse": (
            r"(?<![a-z])dv(?![a-z])|家庭内暴力|夫に|妻に|彼氏に|彼女に|恋人に|包丁を向け|殴られ|蹴られ|家に帰るのが怖|夫が怖|妻が怖|首を絞め",
        ),
        "harassment": (
            r"差別|セクハラ|パワハラ|マタハラ|嫌がらせ|ハラスメント|いじめ|侮辱|触られ|性的な|ホテルの部屋",
        ),
        "medical": (
            r"息ができな|発作|胸の痛み|胸が痛|動悸|倒れ|めまい|うつ|鬱|眠れな|不眠|依存|飲まないと|パニック|癌|がんと|気を失",
        ),
        "legal_hr": (
            r"内部通報|告発|報復|閑職|解雇|降格|不正|改ざん|改竄|隠蔽|粉飾|弁護士|訴え|左遷|追いやられ|クビ|退職を迫|退職勧奨",
        ),
    },
    "ru": {
        "self_harm": (
            r"суицид|самоубийств|покончить с собой|убить себя|убью себя|не хочу жить|хочу умереть|порезать себя|режу себя|прыгнуть с крыши|предсмертн|жить не хочу|лучше без меня",
        ),
        "domestic_abuse": (
            r"муж (?:меня )?бь[её]т|жена (?:меня )?бь[её]т|домашнее насилие|избил меня|бьет меня|бьёт меня|боюсь идти домой|душил меня",
        ),
        "violence": (
            r"угрожа\w* (?:убить|мне|расправ)|угрозы убийством|напал на меня|убью его|убью её|с ножом|знает, где я живу|знает где я живу|ударил\w* (?:его|её|коллегу)",
        ),
        "harassment": (r"домогательств|дискриминац|травл|домогается|лапает|сексуальн\w* намёк|сексуальн\w* намек",),
        "medical": (
            r"боль в груди|сердечный приступ|панические атаки|паническая атака|потерял сознание|потеряла сознание|не могу дышать|депресси|пью каждый день|не могу бросить пить|бессонниц",
        ),
        "legal_hr": (
            r"уволили меня|меня уволили|подделать отч[её]т|фальсифи|скрыть от аудитор|доносчик|месть за жалобу|принуждают подписать|разоблач",
        ),
    },
    "uk": {
        "self_harm": (r"самогубств|покінчити з собою|не хочу жити|хочу померти|вбити себе",),
        "domestic_abuse": (r"чоловік (?:мене )?б'є|домашнє насильство",),
    },
    "tr": {
        "self_harm": (
            r"\bintihar\w*|\bkendimi (?:oldur\w*|asmak|asacagim)\b|\byasamak istemiyorum\b|\bolmek istiyorum\b|\bhayatima son\b|\bolsem daha iyi\b|\bbensiz daha iyi\b",
        ),
        "domestic_abuse": (
            r"\b(?:esim|kocam|karim) (?:beni )?(?:dov\w*|vur\w*|tehdit\w*)\b|\baile ici siddet\b|\beve gitmekten korkuyorum\b",
        ),
        "violence": (r"\bolum tehdidi\b|\bbeni oldurmekle tehdit\b|\bonu oldurecegim\b|\bbicakla\b",),
        "harassment": (r"\bcinsel taciz\b|\btaciz\w*|\bmobbing\b|\bayrimcilik\b",),
        "medical": (
            r"\bgogus agrisi\b|\bpanik atak\w*|\bbayildim\b|\bnefes alamiyorum\b|\bdepresyon\w*|\bher gun iciyorum\b",
        ),
        "legal_hr": (r"\bbeni kovdular\b|\bihbar ettim\b|\bmisilleme\b|\bsahte (?:fatura|rapor)\w*",),
    },
    "sv": {
        "self_harm": (
            r"\bsjalvmord\w*|\bta livet av mig\b|\bvill inte leva\b|\bvill do\b|\bskada mig sjalv\b|\bskar mig\b|\balla vore battre utan mig\b",
        ),
        "domestic_abuse": (
            r"\b(?:min man|min fru|min sambo|min pojkvan|min flickvan) (?:slar|slog|hotar|hotade)\b|\bvald i nara relationer\b|\bslar mig\b",
        ),
        "violence": (r"\bdodshot\b|\bhotar att doda\b|\bhotade att doda\b|\bmed kniv\b",),
        "harassment": (r"\bsexuella trakasserier\b|\btrakasser\w*|\bdiskriminer\w*|\bkranker\w* sarbehandling\b",),
        "medical": (
            r"\bbrostsmartor?\b|\bpanikattack\w*|\bsvimmade\b|\bkan inte andas\b|\bdepression\b|\bdricker varje (?:dag|kvall)\b",
        ),
    },
    "da": {"self_harm": (r"\bselvmord\w*|\bvil ikke leve\b|\bvil do\b|\btage mit (?:eget )?liv\b",)},
    "no": {"self_harm": (r"\bselvmord\w*|\bvil ikke leve\b|\bta livet mitt\b|\bta livet av meg\b",)},
    "ro": {"self_harm": (r"\bsinucid\w*|\bnu mai vreau sa traiesc\b|\bvreau sa mor\b",)},
    "cs": {"self_harm": (r"\bsebevra\w*|\bnechci (?:uz )?zit\b|\bchci umrit\b|\bzabit se\b",)},
    "el": {"self_harm": (r"αυτοκτον\w*|θελω να πεθανω|δεν θελω να ζω",)},
    "ar": {
        "self_harm": (
            r"انتحار|أنتحر|انتحر|اقتل نفسي|أقتل نفسي|لا أريد أن أعيش|لا اريد ان اعيش|اريد ان اموت|أريد أن أموت|أنهي حياتي|انهي حياتي|إيذاء نفسي",
        ),
        "domestic_abuse": (r"زوجي يضربني|زوجتي تضربني|عنف أسري|عنف منزلي|يضربني",),
        "violence": (r"هددني بالقتل|تهديد بالقتل|سأقتله|بسكين",),
        "harassment": (r"تحرش|تمييز|تنمر",),
        "medical": (r"ألم في الصدر|نوبة قلبية|نوبات هلع|فقدت الوعي|لا أستطيع التنفس|اكتئاب",),
    },
    "he": {"self_harm": (r"התאבדות|להתאבד|לא רוצה לחיות|רוצה למות",)},
    "hi": {
        "self_harm": (r"आत्महत्या|खुदकुशी|मरना चाहता|मरना चाहती|जीना नहीं चाहता|जीना नहीं चाहती|खुद को मार|अपनी जान ले",),
        "domestic_abuse": (r"पति मुझे मारता|पत्नी मुझे मारती|घरेलू हिंसा|मुझे पीटता",),
        "violence": (r"जान से मारने की धमकी|मार डालूंगा|चाकू",),
        "harassment": (r"यौन उत्पीड़न|उत्पीड़न|भेदभाव",),
        "medical": (r"सीने में दर्द|दिल का दौरा|बेहोश|सांस नहीं|डिप्रेशन|अवसाद",),
    },
    "zh": {
        "self_harm": (
            r"自杀|自殺|不想活|想死|结束生命|結束生命|结束自己|結束自己|轻生|輕生|自残|自殘|跳楼|跳樓|遗书|遺書|安眠药|安眠藥",
        ),
        "domestic_abuse": (r"家暴|家庭暴力|老公打我|丈夫打我|老婆打我|妻子打我|男朋友打我|他打我",),
        "violence": (r"威胁要杀|威脅要殺|死亡威胁|死亡威脅|杀了他|殺了他|拿刀",),
        "harassment": (r"性骚扰|性騷擾|歧视|歧視|霸凌|职场欺凌|職場欺凌",),
        "medical": (r"胸痛|心脏病发作|心臟病發作|惊恐发作|驚恐發作|晕倒|暈倒|喘不过气|喘不過氣|抑郁|抑鬱|每天喝酒",),
        "legal_hr": (r"举报|舉報|报复|報復|被开除|被開除|做假账|做假賬|造假",),
    },
    "ko": {
        "self_harm": (r"자살|죽고 싶|살고 싶지 않|자해|목숨을 끊|유서",),
        "domestic_abuse": (r"가정폭력|남편이 때|아내가 때|남자친구가 때",),
        "violence": (r"죽이겠다|살해 협박|칼로",),
        "harassment": (r"성희롱|성추행|차별|괴롭힘|갑질",),
        "medical": (r"가슴 통증|공황 발작|공황장애|기절|숨을 쉴 수|우울증",),
        "legal_hr": (r"내부 고발|보복|해고당|부당 해고|분식회계",),
    },
    "id": {"self_harm": (r"\bbunuh diri\b|\bingin mati\b|\btidak ingin hidup\b|\bgak mau hidup\b",)},
}


def _plain(pattern: str) -> str:
    """A pattern in the folded alphabet (no combining marks, lower case), as :func:`fold` leaves text."""
    import unicodedata

    from coachbot.safety.normalize import _SPECIAL

    text = unicodedata.normalize("NFKC", pattern).casefold().translate(_SPECIAL)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Signs that risk is now: a time, a plan, means at hand, someone at the door.
IMMINENT = re.compile(
    "|".join(
        (
            r"\b(?:right now|as we speak|tonight|this evening|in an hour|in front of me|in my hand|on the (?:roof|ledge|edge|tracks|platform|bridge)|standing on|"
            r"(?:took|taken|swallowed|drank) (?:a |the |all |some |way too many |too many |a whole |a lot of )?(?:\w+ )?(?:pills|tablets|bottle|pack)|"
            r"just (?:took|cut|hit|swallowed|drank|grabbed|punched)|(?:written|wrote|left) (?:the|a|my) (?:note|letter)|my (?:last|final) message|"
            r"this is (?:it|goodbye)|saying goodbye|made up my mind|i've decided|i have decided|everything is arranged|tonight's the night|"
            r"going to (?:do it|jump|end it|kill|hurt|finally)|i'm going to (?:kill|jump|end|hurt)|bought (?:a gun|a rope|the pills|what i need)|"
            r"have (?:a|the|my) (?:gun|rope|knife|pills|razor) (?:here|with me|ready|on the desk)|"
            r"(?:is|he's|she's|they're|someone is|a man is|there's a man) (?:outside|in the lobby|at the door|at the gate|in reception|in the car park|in the house|downstairs|coming for me)|"
            r"still in the house|locked (?:myself|me) in|(?:i'm |we're )?hiding|engine running|won't stop bleeding|can't breathe|with a (?:gun|knife|weapon|bat|bar|machete)|armed)\b",
            r"\b(?:ahora mismo|esta noche|ya lo he decidido|lo he decidido|lo voy a hacer|delante de mi|acabo de|en la azotea|nota de despedida|carta de despedida|escondid\w*|encerrad\w*|sigue en casa|armado|con un cuchillo|con una pistola)\b",
            r"\b(?:jetzt|gerade|heute nacht|heute abend|entschieden|vor mir|abschiedsbrief|versteckt|eingeschlossen|noch in der wohnung|auf dem dach|bewaffnet|mit einem messer|mit einer waffe)\b",
            r"\b(?:maintenant|en ce moment|ce soir|cette nuit|c'est decide|j'ai pris ma decision|devant moi|je viens de|lettre d'adieu|caches|enfermee?|sur le toit|arme|avec un couteau)\b",
            r"\b(?:agora|esta noite|ja decidi|na minha frente|acabei de|bilhete de despedida|escondidos|tranquei|ainda esta em casa|no telhado|no terraco|armado|com uma faca|no portao)\b",
            r"\b(?:adesso|proprio ora|stanotte|stasera|ho deciso|davanti a me|ho appena|lettera d'addio|nascosti|chius[oa] in (?:bagno|ufficio|casa|macchina)|ancora in casa|sul tetto|armato|con un coltello|con una spranga)\b",
            r"\b(?:nu|vannacht|vanavond|op het dak|ik ga springen|teraz|dzisiaj w nocy|na dachu)\b|今|今夜|今すぐ|屋上",
            # Means at hand, a place of danger, a time that is now, in any of the languages.
            r"\b(?:i'm|i am) (?:holding|at the (?:train )?station|on the (?:bridge|roof|platform|ledge)|in the (?:garage|car) with|ready|sitting in the (?:garage|car))\b|"
            r"\b(?:a|the) (?:razor|blade|knife|gun|rope|noose|pills?) (?:now|in my (?:bag|hand|pocket|car))\b|\b(?:knife|gun|weapon) in my (?:bag|car|pocket|hand)\b|"
            r"\bstep in front of\b|\bthe next (?:train|one)\b|\bwaiting for (?:him|her) (?:in|at|outside)\b|\b(?:going|heading|driving) to (?:his|her|their) (?:house|home|office|place) (?:now|tonight)\b|"
            r"\b(?:he|she|they) (?:just )?said (?:he|she|they) (?:has|have) a (?:gun|knife)\b|\b(?:coming|on (?:his|her|their) way) (?:to|here)\b.{0,30}\b(?:gun|knife|kill|hurt)\b|"
            r"\b(?:just went|gone|going) numb\b|\bspeech is slurred\b|\bslurr\w*|\bcan't feel my (?:arm|face|legs?)\b|\b(?:for|the last) (?:twenty|thirty|\d+) minutes\b|"
            r"\b(?:tomorrow|in the morning) i(?:'m| am)? ?(?:going to|will|gonna)? ?(?:hurt|kill|hit|shoot|stab)\b|\bmy (?:mind is made up|decision is made)\b|\blast (?:time|goodbye|message)\b|"
            r"\bby the time (?:you|anyone|someone) (?:read|reads|see|sees)\b|\bwon't be (?:here|around|alive) (?:tomorrow|by morning|in the morning)\b|\bkeys and the note\b",
            r"\b(?:no puedo respirar|pecho (?:oprimido|apretado)|voy a (?:saltar|tirarme|hacerlo)|le voy a hacer dano|lo tengo decidido|en el puente|en la estacion|en el parking|todas las pastillas|con las pastillas|esta noche se acaba|ya no estare)\b",
            r"\b(?:keine luft|brust (?:ist )?(?:\w+ )?eng|das steht fest|ich springe|auf der brucke|am bahnhof|vor den zug|alle tabletten|die tabletten (?:liegen|vor mir)|heute (?:ist es so weit|mache ich schluss))\b",
            r"\b(?:je viens d'|n'arrive plus a respirer|poitrine serree|toujours a la maison|il est encore la|sur le pont|a la gare|toute une boite|tous les cachets|ce soir j'en finis|je vais sauter)\b",
            r"\b(?:non riesco a respirare|petto stretto|sul ponte|alla stazione|tutte le pastiglie|tutte le pillole|stasera la faccio finita|la faccio finita|mi butto|sta arrivando)\b",
            r"\b(?:nao consigo respirar|peito apertado|na ponte|na estacao|todos os comprimidos|hoje a noite acabo|vou pular|vou me jogar|ainda esta aqui|esta vindo)\b",
            r"\b(?:ik sta (?:nu )?op|ik spring|alle pillen|vanavond maak ik|ik heb een mes|hij staat voor de deur|nu meteen|stoje na|skocze|wszystkie tabletki|dzis w nocy|stoi pod drzwiami|ma noz|ma bron)\b|"
            r"今夜|今日で|遺書を書|飛び降り|ホームに|橋の上|包丁を持|сейчас|сегодня ночью|на крыше|на мосту|现在|今晚|楼顶|天台|지금|오늘 밤|옥상",
        )
    )
)


def _top_level(pattern: str) -> list[str]:
    """A pattern split at its top-level ``|``: each branch gets its own, tighter gate."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return [p for p in parts if p]


# One registry of every pattern: (kind, category, language) per pattern, kind being
# "strong", "weak", "idiom" or "other" (a further language's direct phrase).
_LABELS: list[tuple[str, str, str]] = []
_PATTERNS: list[str] = []
for _cat, _pats in STRONG.items():
    for _p in _pats:
        for _branch in _top_level(_p):
            _LABELS.append(("strong", _cat, ""))
            _PATTERNS.append(_branch)
for _cat, _pats in WEAK.items():
    for _p in _pats:
        _LABELS.append(("weak", _cat, ""))
        _PATTERNS.append(_p)
for _p in IDIOMS:
    for _branch in _top_level(_p):
        _LABELS.append(("idiom", "", ""))
        _PATTERNS.append(_branch)
for _lang, _cats in OTHER_LANGUAGES.items():
    for _cat, _pats in _cats.items():
        for _p in _pats:
            for _branch in _top_level(_plain(_p)):
                _LABELS.append(("other", _cat, _lang))
                _PATTERNS.append(_branch)
_SET = PatternSet(_PATTERNS)
# The signs of "now", each top-level branch gated like the cues: most windows have none.
_IMMINENT_SET = PatternSet(_top_level(IMMINENT.pattern))


@lru_cache(maxsize=1 << 14)
def sounds_imminent(folded: str) -> bool:
    """Whether a folded text has a sign that risk is now (:data:`IMMINENT`)."""
    found = _IMMINENT_SET.present(folded)
    gated = _IMMINENT_SET.gated
    return any(gated[i].regex.search(folded) for i in _IMMINENT_SET.candidates(found, folded.isascii()))


def idiom_spans(folded: str) -> list[tuple[int, int]]:
    """Character spans of business idioms in a folded text."""
    g = _SET.present(folded)
    return sorted(
        m.span() for i in _SET.candidates(g) if _LABELS[i][0] == "idiom" for m in _SET.gated[i].regex.finditer(folded)
    )


def without_idioms(folded: str, spans: list[tuple[int, int]] | None = None) -> tuple[str, bool]:
    """The text with idiom spans blanked out, and whether there were any."""
    spans = idiom_spans(folded) if spans is None else spans
    if not spans:
        return folded, False
    out, last = [], 0
    for a, b in spans:
        out.append(folded[last:a] if a > last else "")
        out.append(" ")
        last = max(last, b)
    out.append(folded[last:])
    return "".join(out), True


@lru_cache(maxsize=1 << 14)
def cues(folded: str) -> tuple[frozenset[str], frozenset[str], bool, str | None]:
    """(categories with a strong cue, categories with a weak cue outside idioms, whether an
    idiom occurs, the language of a matched further-language phrase or None)."""
    candidates = _SET.candidates(_SET.present(folded), folded.isascii())
    gated = _SET.gated
    spans = sorted(m.span() for i in candidates if _LABELS[i][0] == "idiom" for m in gated[i].regex.finditer(folded))
    strong: set[str] = set()
    other_lang = None
    risky = [i for i in candidates if _LABELS[i][0] in ("strong", "other")]
    for i in risky:
        kind, cat, lang = _LABELS[i]
        if cat in strong and kind == "strong":
            continue
        for m in gated[i].regex.finditer(folded):
            # A cue counts unless its words are wholly part of an idiom ("stabbed in the back"):
            # an idiom next to a risk cue never cancels it.
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                strong.add(cat)
                if kind == "other":
                    other_lang = other_lang or lang
                break
    rest, idiom = without_idioms(folded, spans)
    weak = {_LABELS[i][1] for i in candidates if _LABELS[i][0] == "weak" and gated[i].regex.search(rest)}
    return frozenset(strong), frozenset(weak), idiom, other_lang
