"""Text -> sparse features, shared by the trainer and the runtime so both see the same thing.

Pure stdlib on purpose: the runtime must stay light (no numpy, no sklearn). The features are
word unigrams and bigrams over crude stems, with three cues that a bag of words would miss:

- negation scope: words after "not / no / never / no longer ..." up to the next clause break
  get a ``~`` prefix, so "isn't just marketing" differs from "is just marketing";
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
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'&][a-z0-9]+)*|[,;:.!?()—–]")
_CONTRAST = frozenset({"but", "rather", "instead", "than", "because", "so", "and", "if", "unless", "while"})
_NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "cannot"}
)
PREFIX = 5  # word prefixes merge "advertising/advertisement", "co-design/co-designed"
_STOP_NEGATION_AFTER = 6  # words; a negation rarely reaches further than this

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(isnt|dont|doesnt|didnt|wont|cant|arent|shouldnt|wouldnt|havent|hasnt)\b"), r"\1 not"),
    (re.compile(r"'(re|ve|ll|d|m|s)\b"), r" \1"),
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
# from any evaluation text. Multi-word keys are matched on the stemmed token sequence.
# "|" separates the keys of one concept.
_CONCEPTS: dict[str, str] = {
    "@promo": (
        "marketing|market|advertis|advert|ad|ads|promo|promotional|promot|pr|publicity|campaign|"
        "brand|megaphone|loudspeaker|billboard|brochure|press|awareness|media buy|content calendar|"
        "tactic|announcement|mix|commercial|lead gen|lead-gen|ad spend|media plan|sponsorship|"
        "sponsor|visibility|image|showcase|shop window|catalogue|sales tool|sales channel|"
        "distribution channel|promotion"
    ),
    "@reduce": (
        "just|only|merely|simply|basically|nothing more|that's all|full stop|simple as that|"
        "end of story|nothing else|no more than|at the end of the day|all it|nothing deeper|"
        "that's it|purely|plain"
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
    "@channel": ("channel|outlet|platform|tool|medium|toolbox"),
    "@model": (
        "business model|philosophy|operat|operating model|way of doing business|way of work|"
        "how we work|how we run|the whole company|the whole business|transform|culture|mindset|"
        "fabric|enterprise|organisation|organization|run the company|running the company|"
        "do business|doing business|how we operate|business philosophy|operating principle|"
        "management philosophy|way we do business|how the company works|how the firm works|reshap|"
        "reinvent|core of the business"
    ),
    "@metric": (
        "follower|followers|likes|impression|reach|view|click|retweet|share|engagement rate|viral|"
        "kpi|roi|metric|count|number|numbers|audience size|traffic|subscriber|fan|fans|download|"
        "lead|conversion|dashboard|scorecard|benchmark|share of voice|page view|mention|hashtag|"
        "trend|analytics|stats|statistic|vanity|reaction|engagement|click-through|cost per|visitor|"
        "like count|follower count"
    ),
    "@trust": (
        "trust|loyal|loyalty|relationship|depth|deep|retention|referral|recommend|advocate|vouch|"
        "repeat|long-term|over time|year|years|month|months|credibility|rely|renewal|value|advocacy|"
        "word of mouth|goodwill|lifetime value|churn|renew|come back|stick with|stay with|faith|"
        "reliab|depend on|long run|long haul|decade|sustain"
    ),
    "@mass": (
        "everyone|everybody|million|millions|mass|masses|as many|widest|wide|biggest|bigger|huge|"
        "largest|every network|everywhere|scale|blast|general public|eyeball|exposure|audience|"
        "broadcast|the lot|blanket|volume|widely|broadly|broad|far and wide|every channel|"
        "every platform|all channels|following|crowd|public|world|viral"
    ),
    "@few": (
        "right people|key|relevant|relevance|few|handful|specific|who matter|that matter|"
        "matter most|closest|closer|small|niche|fewer|top|depth|meaningful|quality|core|key account|"
        "select|targeted|insider|decision maker|those who|the ones who|matter to us"
    ),
    "@dept": (
        "marketing|comm|comms|communication|pr|brand team|agency|social media manager|"
        "community manager|department|silo|press office|corporate affair|digital team|intern|"
        "specialist|centralis|centraliz|central|corporate communication|social media team|"
        "social team|pr team|pr department|marketer|brand manager"
    ),
    "@units": (
        "sale|sales|service|support|engineer|product|operation|hr|finance|r&d|procurement|staff|"
        "employee|every department|every team|every function|cross-functional|cross-departmental|"
        "whole company|whole organisation|whole business|everyone|front line|frontline|technician|"
        "nurse|store|branch|field|account manager|consultant|logistic|business unit|across|"
        "all teams|all department|across the business|across the company|shop floor|engineering|"
        "clinician|doctor|teacher|driver|researcher|each function|everybody"
    ),
    "@busy": (
        "busy|time|assistant|ghost|ghostwriter|ghost-write|on my behalf|delegat|chief of staff|"
        "speechwriter|calendar|sign off|my name|in my voice|beneath|too senior|deputy|no time|"
        "too busy|bandwidth|schedule|in my name|not my job|not my role|low profile|behind the scene|"
        "stay off"
    ),
    "@self": ("myself|personally|my own|first hand|directly|show up|presence|in person"),
    "@control": (
        "control|approv|approval|sign-off|legal|compliance|script|on message|delete|hide|hidden|"
        "remove|policy|official|spokesperson|one voice|consistent|risk|risky|lock down|moderat|"
        "talking point|guideline|authoris|authoriz|permission|bury|buried|manage the narrative|"
        "switch off|off script|first-hand|be there|be present|role model|role-model|lead by example|"
        "go first|my voice|my own word|censor|filter|vet|vetted|gatekeep|on brand|on-brand|"
        "pre-approved|sanction|ban|banned|forbid|restrict|clamp|damage control|contain|suppress|"
        "tight"
    ),
    "@listen": (
        "listen|hear|criticism|critic|complaint|complain|feedback|open|openly|dialogue|conversation|"
        "two-way|honest|unfiltered|behind our back|in the room|own voice|own word|authentic|"
        "among themselves|say about us|messy|human|respond|reply|answer|overhear|pulse|"
        "what they think|what people think|what they say|warts and all|blunt|candid|candour|candor|"
        "transparent|transparency|admit"
    ),
    "@plan": (
        "plan|strategy|business case|roadmap|kpis|playbook|budget|framework|template|case study|"
        "best practice|forecast|spreadsheet|milestone|charter|justification|justify|proven|"
        "step-by-step|execute|execution|document|deck|first|before|fit|existing|current model|"
        "current|proposal|business plan|project plan|timeline|target|okr|blueprint|recipe|checklist|"
        "best practices"
    ),
    "@belief": (
        "mindset|belief|believe|assumption|thinking|think|culture|rethink|unlearn|old way|"
        "take for granted|cart before the horse|head|question|mind-set|worldview|world view|"
        "mental model|paradigm|attitude|way we think|how we think|old thinking|change of heart"
    ),
    "@inhouse": (
        "in-house|internal|internally|lab|r&d|ourselves|inside our wall|our wall|behind closed door|"
        "our own|expert|secret|intellectual property|we design|we decide|we build|we know|push|"
        "one way|spec|our expert|we know best|our lab|proprietary|top-down|from the top|headquarter|"
        "head office"
    ),
    "@cocreate": (
        "co-create|co-creat|co-design|co-develop|together|collaborat|collaborator|idea|ideas|"
        "ecosystem|eco-system|partner|community|joint|with them|with our customer|with our client|"
        "with the people|outside|advisory|co-creator|shape|contribut|input|suggest|user|crowdsourc|"
        "co-own|hackathon|advisory board|user group|feedback loop|ideas from|involve|participat|"
        "alongside|jointly|partnership"
    ),
}


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
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _words, _concepts in sorted(_MULTI.items()):
    _PHRASES_BY_FIRST.setdefault(_words[0], []).append((_words, _concepts))


def tokens(lowered: str) -> list[str]:
    """Stemmed words of a :func:`normalise` d text, with negation marks (``~word``);
    punctuation only bounds negation scope."""
    out: list[str] = []
    scope = 0
    raw = _TOKEN.findall(lowered)
    for i, tok in enumerate(raw):
        if tok in _CLAUSE_BREAK:
            scope = 0
            continue
        tok = _FIX_BARE.get(tok, tok)
        if tok in _NEGATORS or (tok == "longer" and i and raw[i - 1] == "no"):
            scope = _STOP_NEGATION_AFTER
            out.append(tok)
            continue
        if tok in _CONTRAST:
            scope = 0
        word = stem(tok)
        if scope:
            scope -= 1
            out.append("~" + word)
        else:
            out.append(word)
    return out


def features(text: str) -> set[str]:
    """The sparse binary feature set of one sentence or short text."""
    return features_of_normalised(normalise(text))


def features_of_normalised(lowered: str) -> set[str]:
    """:func:`features` for a text already passed through :func:`normalise`."""
    toks = tokens(lowered)
    feats: set[str] = {"^bias"}
    plain = [t.lstrip("~") for t in toks]
    for i, tok in enumerate(toks):
        feats.add(tok)
        if i:
            feats.add(toks[i - 1] + " " + tok)
        if len(plain[i]) >= PREFIX:
            feats.add("#" + plain[i][:PREFIX])
        neg = "~" if tok.startswith("~") else ""
        for concept in _SINGLE.get(plain[i], ()):
            feats.add(neg + concept)
        for words, concepts in _PHRASES_BY_FIRST.get(plain[i], ()):
            if tuple(plain[i : i + len(words)]) == words:
                feats.update(neg + c for c in concepts)
    if toks:
        first = plain[0]
        if first in ("i", "we", "my", "our", "us", "me"):
            feats.add("^first_person")
    return feats
