"""Word lists for reported speech in news English.

The lists are chosen for precision: a verb is a cue for *indirect* speech only when
"X <verb> that <clause>" reports what X said or wrote. Cognition verbs (think, believe,
hope, fear) and outcome verbs (show, find) are left out on purpose.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one string, for readability."""
    return frozenset(text.split())


# Verbs whose content clause is reported speech ("X argued that ...").
INDIRECT_CUES = words("""
    say tell add note warn claim argue stress insist suggest emphasize emphasise state report
    charge explain acknowledge admit confirm assert contend allege reiterate declare write
    predict caution complain concede remark reveal testify recall observe underline underscore
    counter reply retort respond answer assure inform boast lament mention disclose comment
    maintain point affirm opine posit aver
    """)

# Cues that also need a speaker-like subject: "the data suggest that" is not speech.
WEAK_CUES = words("suggest report note point confirm reveal state read post write")

# Verbs that introduce or frame a direct quote next to it ("...," she laughed).
DIRECT_CUES = INDIRECT_CUES | words("""
    ask shout yell scream whisper tweet post joke laugh sigh recount put continue begin conclude
    quip muse wonder exclaim cry plead urge demand vow pledge promise declare announce add
    interject chant sing read describe call text email brief warn""")
# Verbs of belief: not reported speech, but quoted words in their clause are the believer's
# ("she believes he 'surrounds himself with smart people'").
BELIEF_VERBS = words("believe think feel")
# Frame verbs that say nothing about whose words a fragment below them is ("would continue").
FRAME_ONLY = words("continue begin put read conclude")

# Verbs whose object or complement is someone's wording: a quoted fragment under them is
# that subject's ("condemned the move as 'reckless'", "what they called 'provocative'").
SPEECH_ACTS = (DIRECT_CUES | words("""
    condemn criticize criticise denounce decry slam blast rip hail praise welcome accuse blame label
    brand dub term characterize characterise describe call refer cite point express voice vow
    pledge promise demand urge reject dismiss deny question defend threaten predict
    insist stress emphasize emphasise highlight portray frame depict liken compare reference invoke
    """)) - FRAME_ONLY

# Nouns naming an utterance: a quoted fragment under "Lavrov's accusation of US 'destruction'"
# belongs to the possessor.
SPEECH_NOUNS = words("""
    accusation remark comment word statement claim description warning criticism call pledge
    promise assertion charge denial characterization characterisation reference vow demand
    appeal praise threat message verdict assessment speech address interview testimony
    letter post tweet argument complaint allegation insistence description label phrase term
    """)

# Subjects that are sources but not people: the speaker is the outlet named in them
# ("earlier coverage in Rossiyskaya Gazeta suggested ...").
SOURCE_CARRIERS = words("""
    coverage report reporting article story editorial piece broadcast statement letter release memo
    communique communiqué post tweet brief filing complaint lawsuit suit motion submission petition
    affidavit indictment memorandum ruling study survey analysis audit review ad advertisement website
    transcript email
    """)

# Common nouns for people by role: an appositive name next to one is a person's name
# ("Iceland's foreign minister, Gudrun Olafsdottir"), whatever the entity tagger thought.
PERSON_NOUNS = words("""
    official spokesman spokeswoman spokesperson representative minister secretary president
    premier chancellor leader governor mayor senator lawmaker legislator diplomat ambassador
    envoy general commander officer policeman policewoman prosecutor judge lawyer attorney
    barrister solicitor counsel defendant witness victim analyst economist expert researcher
    scientist author professor doctor nurse teacher student chairman chairwoman chair director
    manager executive chief founder owner investor trader resident neighbour neighbor farmer
    worker employee activist protester campaigner critic supporter opponent voter candidate
    member organizer organiser coach player striker captain clerk guard soldier fighter rebel
    militant rival aide adviser advisor insider observer monitor inspector investigator detective
    sheriff constable lieutenant sergeant colonel admiral pilot driver passenger rider courier
    customer client patient parent child pupil fan mother father son daughter wife husband
    friend colleague partner head deputy commissioner administrator consul negotiator reviewer
    commentator columnist historian scholar academic pundit blogger journalist reporter
    correspondent editor writer novelist artist musician singer actor actress producer
    filmmaker villager bystander onlooker eyewitness survivor refugee migrant auditor
    accountant consultant strategist pollster forecaster meteorologist seismologist
    volcanologist epidemiologist virologist physician surgeon paramedic firefighter ranger
    engineer architect planner developer landlord tenant homeowner shopkeeper shopper consumer
    motorist commuter traveller traveler tourist visitor spectator ceo boss chairperson
    councillor councilor alderman mp mep delegate emissary mediator king queen prince princess
    monarch pope bishop priest imam rabbi cleric pastor veteran athlete referee umpire
    goalkeeper defender midfielder batsman bowler jockey trainer cyclist runner swimmer boxer
    champion winner challenger contender incumbent nominee dean principal headteacher
    superintendent sprinter skier golfer chemist biologist physicist psychologist psychiatrist lecturer miner
    congressman congresswoman congressperson rep justice host anchor lobbyist operative staffer proponent
    advocate backer donor businessman businesswoman entrepreneur mogul plaintiff suspect inmate prisoner
    detainee hostage citizen man woman girl boy treasurer comptroller registrar provost marshal
    """)

# Groups, institutions, documents and media that can be the source of a statement.
SOURCE_NOUNS = words("""
    officials sources police team club company firm group government administration department
    agency bank board council committee commission authority court tribunal party regulator
    watchdog military army navy force forces service office embassy source media press outlet
    newspaper broadcaster channel network statement report study survey poll document filing
    letter memo communique communiqué release paper journal website blog coverage article
    editorial story people public family relative staff spokesmen organisation organization
    institute foundation association federation ministry kremlin pentagon parliament congress
    senate house cabinet caucus delegation mission union state country nation city town county
    province municipality school university college hospital
    """)

AGENT_NOUNS = PERSON_NOUNS | SOURCE_NOUNS

# Heads that are never speakers, even of strong cues ("the league table", "data").
NON_AGENT_NOUNS = words("""
    data table figure figures number numbers chart map graph result results finding findings
    evidence record records minute minutes estimate estimates forecast price prices index
    rate rates trend trends law rule rules plan plans schedule calendar standings
    """)

# Generic nouns that re-mention a known person by a broader role ("the diplomat" for a
# foreign minister). Each entry is a role head, optionally with a modifier ("foreign minister").
_OFFICIAL = "minister secretary official director spokesman spokeswoman spokesperson deputy head chief"
ROLE_HYPERNYMS: dict[str, tuple[str, ...]] = {
    "diplomat": ("ambassador", "envoy", "diplomat", "consul", "foreign minister", "foreign secretary"),
    "lawmaker": ("senator", "representative", "congressman", "congresswoman", "mp", "legislator"),
    "legislator": ("senator", "representative", "congressman", "congresswoman", "mp", "lawmaker"),
    "official": tuple(sorted(words(_OFFICIAL + " commissioner administrator ambassador governor mayor"))),
    "executive": ("executive", "ceo", "chairman", "chairwoman", "president", "founder", "director"),
    "leader": ("president", "premier", "chancellor", "leader", "chairman", "prime minister"),
    "politician": ("senator", "minister", "president", "governor", "mayor", "lawmaker", "mp", "leader"),
    "officer": tuple(words("officer constable detective lieutenant sergeant captain inspector sheriff")),
    "lawyer": ("attorney", "barrister", "solicitor", "counsel"),
    "premier": ("prime minister",),
    "spokesman": ("spokeswoman", "spokesperson"),
    "spokeswoman": ("spokesman", "spokesperson"),
    "spokesperson": ("spokesman", "spokeswoman"),
    "boss": ("manager", "coach", "chief", "executive"),
    "congressman": ("rep", "representative", "congresswoman", "lawmaker"),
    "congresswoman": ("rep", "representative", "congressman", "lawmaker"),
    "judge": ("justice",),
    "justice": ("judge",),
    "nominee": ("candidate",),
    "candidate": ("nominee",),
}

# Nouns that re-mention an organisation already named ("the company said").
ORG_ANAPHORS = words("company firm group carrier maker retailer lender bank insurer airline")

# Titles writers use as epithets for the person a story is about ("the Republican nominee
# said" after "Donald Trump"), even when no role words in the text say so.
EPITHETS = words("""
    nominee candidate president senator governor leader chancellor premier minister mayor
    congressman congresswoman lawmaker businessman businesswoman billionaire mogul tycoon magnate
    chairman chairwoman incumbent challenger frontrunner
    """)

# Nouns that re-mention whatever body was named last ("the agency said", "the network said").
BODY_NOUNS = words("""
    agency organization organisation body network outlet institution union association federation
    coalition alliance bloc authority regulator watchdog fund broadcaster channel newspaper
    """)

# Words in organisation names that mark institutions, not businesses.
INSTITUTION_WORDS = words("""
    agency ministry department commission council court police university party union committee
    office service authority government parliament army forces navy school hospital
    """)

# Person nouns that an organisation can also be ("the owner, Sable Resources").
NOT_ONLY_PEOPLE = words("owner investor partner member client customer critic supporter opponent parent")
HONORIFICS = words("mr mrs ms miss dr prof sir dame lord lady")

PERSONAL_PRONOUNS = frozenset({"he", "she"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
QUANTIFIERS = words("many some most several few all both none one each any either neither half majority")
QUESTION_MARKERS = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who", "which", "whom"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# Titles in quote marks are names, not words said: "the film 'Winter Light'", "the 'AI Act'".
# A capitalised quote with no speaker after one of these words is dropped ("the", "a" included:
# a title-case phrase in the writer's voice is a name).
TITLE_NOUNS = words("""
    film drama movie documentary book novel memoir album song single show series play opera
    anthem hymn ballad track poem
    musical exhibition painting poem bill act law operation programme program campaign project
    initiative slogan hashtag motto brand strategy doctrine plan scheme report the a
    """)
TITLE_SMALL_WORDS = words("a an the of and or in on for to with at by")
NAMING_PHRASES = ("known as", "dubbed", "titled", "entitled", "named", "nicknamed", "code-named", "codenamed")
