"""English grammar the engine reads claims with: function words and words that change meaning.

Nothing here names a subject area: domain words (kinds of place, event nouns, words that
refer back to an organisation) come from the store's vocabulary. Words are folded (lower
case, no accents) as `text.fold` makes them.
"""

from __future__ import annotations

from enum import StrEnum

from verifier.core.text import word_set as _words

# Words that carry no content of their own: articles, auxiliaries, pronouns, prepositions,
# conjunctions, and adverbs that do not change what a sentence claims ("officially").
# A claim may hold any of them without the store having to account for them.
GRAMMAR = _words(
    """
    a an the this that these those there here
    be am is are was were been being has have had having do does did done
    it its it's they them their theirs he him his she her hers we us our you your i me my
    who whom whose which what where when why how
    of in on at to for by with from into onto upon about as via per
    and or nor but so yet also too as well both either neither
    officially formally currently now today presently still already then eventually
    recently just ever again once together jointly altogether overall total totally
    respectively indeed actually really fully full new since over around across within
    number numbers figure figures count total tally amount some any
    one ones own
    become becomes became becoming remain remains remained remaining
    include includes included including comprise comprises comprised comprising
    consist consists consisted contain contains contained
    count counts counted counting number numbered numbering stand stands stood
    reach reaches reached total totals totalled totaled totalling totaling
    called named so-called other another among amongst sometime far
    time times
    """
)

# Verbs and nouns that only relate a subject to an amount or a share it states: "is worth
# $30 trillion", "produce a fifth of world GDP", "are home to 40% of the population".
# Accounted for when the part states a figure that a fact decides.
AMOUNT_WORDS = _words(
    """
    worth valued value produce produces produced producing make makes made making up
    account accounts accounted accounting home represent represents represented
    amount amounts amounted equal equals equalled equaled hold holds held boast boasts
    generate generates generated contribute contributes contributed share come comes came
    coming put puts putting clock clocks clocked with
    """
)

# Titles that may stand before a person's name without naming anything else.
TITLES = _words(
    """
    president vice prime minister chancellor premier king queen prince princess emperor
    empress pope sir dame lord lady dr doctor mr mrs ms miss prof professor general
    admiral colonel captain senator governor mayor chairman chairwoman chair chief
    secretary secretary-general director ceo founder leader saint st judge justice
    ambassador foreign defence defense deputy acting former late
    """
)

MONTHS_AND_DAYS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """
)

# Words that make "the next one", "its former chair" another than the one spoken of before.
REFERENCE_SHIFTERS = _words(
    "next previous following former latter prior preceding subsequent upcoming succeeding"
)
# Words that restrict a claim to one item: decided against complete lists.
EXCLUSIVES = _words("only sole solely alone exclusively")
# Words that quantify over every item: the store never decides them.
UNIVERSALS = _words("all every each none nobody everyone everybody everything any")
# Ranks and superlatives: accounted for only when the source says the same.
RANKS = _words(
    """
    first last largest biggest smallest oldest youngest newest earliest latest longest
    shortest tallest highest lowest greatest richest poorest most least best worst
    fastest slowest deepest heaviest busiest strongest weakest leading top record
    second third fourth fifth
    """
)
# Modality, prediction and hearsay: unknown unless the source says the same.
MODALS = _words(
    """
    could may might would should can cannot must shall likely unlikely possibly probably
    perhaps maybe reportedly allegedly supposedly apparently rumoured rumored potential
    potentially soon
    """
)
# Verbs that make a claim an intention or a likelihood when "to" follows: "plans to join".
MODAL_VERBS = _words(
    """
    plans plan planning aims aim aimed aiming hopes hope hoped hoping intends intend
    intended intending likely seeking seeks seek wants want wanted trying tries try about
    """
)
# Verbs that put a claim in the future as scheduled when "to" follows: "is expected to
# draw", "is set to open". Decided as "will" is.
SCHEDULE_VERBS = _words(
    "expected expects expect expecting set poised slated scheduled due planned going"
)
FUTURE = _words("will won't wont shall")

# Verbs of change; the value is checked only with a target ("rose to 10").
RISE = _words(
    """
    rise rises rose risen rising grow grows grew grown growing increase increases increased
    increasing climb climbs climbed climbing jump jumps jumped jumping gain gains gained
    gaining double doubles doubled doubling triple triples tripled tripling expand expands
    expanded expanding swell swelled raise raises raised raising boost boosts boosted
    boosting lift lifts lifted lifting soar soared soaring surge surged surging add adds
    added adding enlarge enlarged enlarging
    """
)
FALL = _words(
    """
    fall falls fell fallen falling drop drops dropped dropping decline declines declined
    declining decrease decreases decreased decreasing shrink shrinks shrank shrunk shrinking
    lose loses lost losing cut cuts cutting reduce reduces reduced reducing halve halves
    halved halving sink sank sunk slump slumped plunge plunged plunging dip dipped shed
    lower lowered lowering
    """
)
# Verbs that move something to a new state without saying which way ("took X to ten").
MOVE = _words("bring brings brought bringing take takes took taking push pushed pushing")

# Words that compare the subject with something else.
COMPARATIVES = _words(
    """
    than compared comparison versus vs twice thrice more less fewer
    larger bigger smaller older younger newer higher lower greater richer poorer longer
    shorter taller cheaper dearer faster slower heavier lighter better worse
    same different identical similar unlike
    """
)
# Words that place one event in time relative to another.
TIME_RELATIONS = _words("before after since until till following prior during when while")
# Words that introduce a cause or a purpose as a clause of its own. A verb of causing
# ("X caused 1,200 deaths") is the clause's own verb and is read like any other word.
CAUSES = frozenset(
    {
        "because",
        "because of",
        "due to",
        "owing to",
        "thanks to",
        "as a result of",
        "as a consequence of",
        "in response to",
        "on account of",
        "therefore",
        "thus",
        "hence",
        "consequently",
        "in order to",
        "so that",
        "so as to",
        "in a bid to",
        "in an effort to",
        "aimed at",
        "designed to",
        "intended to",
    }
)
NEGATIONS = _words("not never no n't nor neither")

# English words that say the same for the purpose of matching a claim to a fact's words.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    _words(group)
    for group in (
        "big large huge vast",
        "biggest largest",
        "organization organisation body bloc",
        "small little tiny",
        "smallest tiniest",
        "world global worldwide international planet",
        "country nation state",
        "countries nations states",
        "begin start commence",
        "began started commenced",
        "end finish conclude",
        "found establish create form launch set",
        "founded established created formed launched",
        "city town",
        "chief head leader",
        "firm company business corporation",
        "worker employee staff",
        "workers employees staff",
        "sign ink",
        "win won",
        "hold host",
        "held hosted",
        "attend join",
        "buy purchase acquire",
        "bought purchased acquired",
        "price cost",
        "film movie",
        "home house",
        "ranks is",
    )
)
# Each word's synonyms, itself included: looked up once per word, not group by group.
SYNONYMS_OF: dict[str, frozenset[str]] = {
    word: frozenset().union(*(group for group in SYNONYMS if word in group))
    for word in frozenset().union(*SYNONYMS)
}


class Marker(StrEnum):
    """A kind of word that changes what a claim says."""

    NEGATION = "negation"
    EXCLUSIVE = "exclusive"
    UNIVERSAL = "universal"
    RANK = "rank"
    MODAL = "modal"
    FUTURE = "future"
    CHANGE = "change"
    COMPARISON = "comparison"
    TIME_RELATION = "time-relation"
    CAUSE = "cause"
