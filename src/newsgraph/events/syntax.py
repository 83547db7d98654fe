"""Small dependency-parse helpers over spaCy tokens, shared by the event coder's modules."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
CLAUSE_DEPS = ("relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj")
# Nouns that only quantify the noun in their "of" phrase ("a series of bombs", "part of the town").
QUANTITY_NOUNS = frozenset({
    "part", "parts", "half", "most", "much", "some", "all", "series", "number", "wave", "string", "spate",
    "barrage", "volley", "salvo", "pair", "couple", "dozen", "dozens", "hundred", "hundreds", "thousand",
    "thousands", "group", "lot", "lots", "score", "scores", "batch", "round", "kind", "type", "host",
    "handful", "majority", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "control", "deployment", "patch", "contingent", "first", "set", "ton", "tons", "tonne", "tonnes",
    "kilogram", "kilograms", "barrel", "barrels", "litre", "litres", "liter", "liters", "worth", "amount",
    "quantity", "sum", "load", "consignment", "bit", "piece", "pieces", "element", "unit", "units",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "night", "nights",
    "dose", "doses", "truckload", "truckloads", "planeload", "planeloads", "shipload", "container",
    "containers", "crate", "crates", "bag", "bags", "sack", "sacks", "convoy", "convoys", "team", "teams",
    "collection", "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "franc", "francs",
    "mark", "marks",
})
# Words that act as a verb particle even when the parser makes them a preposition with no object
# ("pulled [out] of the city") or an adverb ("pulled [back] from").
PARTICLES = frozenset({"out", "off", "back", "down", "up", "away", "over", "in"})
# Irregular past forms the lemmatizer misses under a prefix ("retook", "overtook").
IRREGULAR_PAST = {
    "took": "take", "taken": "take", "ran": "run", "drew": "draw", "drawn": "draw", "threw": "throw",
    "thrown": "throw", "built": "build", "gave": "give", "given": "give", "sent": "send", "struck": "strike",
    "fought": "fight", "caught": "catch", "wrote": "write", "written": "write", "sold": "sell", "won": "win",
    "forgave": "forgive", "forgiven": "forgive", "froze": "freeze", "frozen": "freeze", "swore": "swear",
    "sworn": "swear", "stole": "steal", "stolen": "steal", "withheld": "withhold", "forbade": "forbid",
}
VERB_PREFIXES = ("", "re", "over", "under", "out", "with", "up")
WANTED = frozenset({"suspect", "want", "accuse", "indict", "charge", "convict"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def verb_bases(verb: Token) -> list[str]:
    """The lemma, and for a past form the "-d" reading the lemmatizer may miss ("staged": "stag", "stage")
    or the irregular past it leaves alone ("forgave", "retook")."""
    base = lemma(verb)
    word = verb.lower_
    if verb.tag_ in ("VBD", "VBN") and word.endswith("ed") and word[:-1] != base:
        return [base, word[:-1]]
    if base == word:
        for prefix in VERB_PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and rest in IRREGULAR_PAST:
                return [prefix + IRREGULAR_PAST[rest]]
    return [base]


def particles(verb: Token) -> list[Token]:
    """A verb's particles, also those parsed as an object-less preposition or an adverb ("pulled out of")."""
    return [
        c for c in verb.children
        if c.dep_ == "prt"
        or c.lower_ in PARTICLES and c.i == verb.i + 1 and c.dep_ in ("prep", "advmod") and pobj(c) is None
    ]


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def pobj(prep: Token) -> Token | None:
    return child(prep, "pobj", "pcomp")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def is_negated(tok: Token) -> bool:
    return any(
        c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in tok.children
    )


def auxiliaries(tok: Token) -> set[str]:
    """Lower-cased auxiliaries and modals of a verb ("will", "could", "have to" gives "have")."""
    out = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.dep_ == "xcomp":
        head = tok.head
        if head.lemma_ in ("have", "need", "ought") or head.lower_ == "going":
            out.add("have" if head.lemma_ != "going" else "will")
    return out


def direct_object(verb: Token) -> Token | None:
    """The thing acted on: the direct object, or the subject of a passive verb."""
    obj = child(verb, "dobj", "obj")
    if obj is None and is_passive(verb):
        obj = child(verb, "nsubjpass")
    doc = verb.doc
    if obj is None and verb.i + 1 < len(doc) and doc[verb.i + 1].dep_ == "cc":
        # "beat and detained demonstrators": verbs joined back to back share their object
        shared = (child(c, "dobj") for c in verb.children if c.dep_ == "conj")
        obj = next((o for o in shared if o is not None), None)
    return unquantify(obj) if obj is not None else None


def unquantify(noun: Token) -> Token:
    """Skip quantity nouns: "a series of bombs" acts through "bombs"."""
    for _ in range(3):
        if noun.lower_ not in QUANTITY_NOUNS and noun.pos_ != "NUM":
            break
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = pobj(prep) if prep is not None else None
        if inner is None:
            break
        noun = inner
    return noun


def noun_keys(noun: Token) -> list[str]:
    """Lexicon keys for a noun, longest first: "joint military exercise", "exercise", "state of emergency"."""
    doc = noun.doc
    head = lemma(noun)
    keys = []
    start = max(noun.left_edge.i, noun.i - 4)
    for i in range(start, noun.i):
        if doc[i].pos_ in ("DET", "NUM", "PRON", "PUNCT") or doc[i].dep_ == "poss":
            continue
        keys.append((doc[i : noun.i].text_with_ws.lower() + head).replace("- ", "-"))
    # One modifier with the head: "joint naval exercises" also reads as "joint exercise".
    keys += [f"{lemma(doc[i])} {head}" for i in range(start, noun.i - 1) if doc[i].pos_ in ("ADJ", "NOUN")]
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = pobj(of) if of is not None else None
    if inner is not None:
        keys.insert(0, f"{head} of {lemma(inner)}")
    keys.append(head)
    if noun.lower_ != head:
        keys.append(noun.lower_)
    # The modifier alone, last: "mediation efforts" acts like "mediation".
    keys += [lemma(c) for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1]
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS"):
        keys.append("<people>")  # "thousands of Moslems", "two Britons"
    if noun.ent_type_ == "PERSON":
        keys.append("<person>")  # "hosted Prime Minister Ryutaro Hashimoto"
    if noun.ent_type_ in ("GPE", "LOC") or noun.pos_ == "PROPN" and noun.ent_type_ == "FAC":
        keys.append("<place>")  # "sealed off the West Bank", "shelled Srebrenica"
    if any(c.dep_ == "acl" and lemma(c) in WANTED for c in noun.children):
        keys.append("<suspect>")  # "three men suspected of bombings"
    return keys


def verb_keys(verb: Token) -> Iterator[tuple[str, Token | None]]:
    """Phrasal readings of a verb with the noun each reading acts on, longest first.

    "set fire to the office" yields ("set fire to", office), ..., ("set", fire).
    """
    for base in verb_bases(verb):
        yield from _keys(verb, base)


def _keys(verb: Token, base: str) -> Iterator[tuple[str, Token | None]]:
    prts = particles(verb)
    preps = [
        c
        for c in verb.children
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP" and c not in prts
        and not temporal(pobj(c))
    ]
    preps += [c for prt in prts for c in prt.children if c.dep_ == "prep" and not temporal(pobj(c))]
    obj = direct_object(verb)
    if obj is not None and not is_passive(verb):
        for p in preps + [c for c in obj.children if c.dep_ == "prep"]:
            target = pobj(p)
            if target is not None:
                yield f"{base} {lemma(obj)} {p.lower_}", unquantify(target)
        yield f"{base} {lemma(obj)}", None
    for prt in prts:
        for p in preps:
            target = pobj(p)
            if target is not None:
                yield f"{base} {prt.lower_} {p.lower_}", unquantify(target)
        yield f"{base} {prt.lower_}", obj
    for p in preps:
        target = pobj(p)
        if target is not None:
            yield f"{base} {p.lower_}", unquantify(target)
    yield base, obj


def temporal(noun: Token | None) -> bool:
    """A time phrase ("on Friday"), which never completes a phrasal verb; "months of protests" is
    about the protests."""
    return noun is not None and noun.ent_type_ in ("DATE", "TIME") and unquantify(noun).i == noun.i


def subject(verb: Token) -> Token | None:
    """The grammatical subject, inherited through coordination, control and relative clauses."""
    tok = verb
    for _ in range(6):
        subj = child(tok, "nsubj", "nsubjpass", "csubj")
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        else:
            return None
    return None


def agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb."""
    by = child(verb, "agent")
    return pobj(by) if by is not None else None


def clause_tokens(head: Token) -> list[Token]:
    """The tokens of a noun phrase without its relative and participial clauses."""
    out = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "parataxis"))
    return sorted(out, key=lambda t: t.i)


def own_clause(head: Token) -> list[Token]:
    """The tokens of a verb's own clause: not its coordinated or subordinate clauses."""
    out = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(
            c for c in tok.children
            if c.dep_ not in ("relcl", "advcl", "ccomp", "parataxis")
            and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
        )
    return sorted(out, key=lambda t: t.i)


def conjuncts(tok: Token) -> list[Token]:
    """A token and its coordinated and appositive siblings ("the US and Japan")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(conjuncts(c))
    return out
