"""Indirect speech: "X argued that <clause>", "<clause>, X said", "<clause>, according to X".

The quote is the reported content clause, without the complementizer and without a
comma-separated trailing adverbial ("..., transforming the forces into ..."), which
annotators leave out as the writer's elaboration. Clauses holding quote marks are left to
the direct/partial pass, so the quoted words are attributed once.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.quotes.aside import parenthetical
from newsgraph.quotes.lexicon import INDIRECT_CUES, QUESTION_MARKERS, SPEECH_ACTS, WEAK_CUES, words
from newsgraph.quotes.syntax import can_speak, subject_of
from newsgraph.quotes.view import DocView, Found

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_TRIM_DEPS = frozenset({"advcl", "acl", "npadvmod"})
_TELL_VERBS = frozenset({"tell", "inform", "assure", "warn", "remind", "notify", "brief"})
_SURFACE_CUES = words("say tell add report confirm state write claim warn note")
_NP_POS = frozenset({"DET", "ADJ", "NUM", "PUNCT", "PART"})
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _set_apart(view: DocView, clause: Token, cue: Token) -> bool:
    """A clause before the cue behind a semicolon or colon is not what was said ("It is unlikely;
    the team says she will return")."""
    lo, hi = sorted((clause.right_edge.i, cue.i))
    return clause.i < cue.i and any(view.doc[i].text in (";", ":") for i in range(lo, hi))


def _asks(clause: Token) -> bool:
    """An indirect question: a wh-word before the clause's subject ("reveals just how swift it is")."""
    subjects = [c.i for c in clause.children if c.dep_ in _SUBJECTS]
    end = min(subjects) if subjects else clause.i
    doc = clause.doc
    lead = doc[clause.left_edge.i : end]
    return any(t.tag_ in ("WRB", "WP", "WP$") or t.lower_ == "whether" for t in lead)


def _statement(view: DocView, clause: Token, here: int) -> bool:
    """A finite clause with its own subject, not a question, not a relative clause, in this paragraph."""
    if clause.i in view.quoted or view.paragraph_of(clause.idx) != here or clause.pos_ not in ("VERB", "AUX"):
        return False  # "declared it responsible" has no reported clause
    kids = list(clause.children)
    if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS for c in kids):
        return False
    if (clause.left_edge.lower_ in QUESTION_MARKERS and clause.left_edge.lower_ != "that") or _asks(clause):
        return False
    if any(c.dep_ in _SUBJECTS and c.tag_ in ("WDT", "WP") and c.lower_ != "that" for c in kids):
        return False  # "which he said led to ...": the content is a relative clause
    return _has_subject(clause)


def _content_clause(view: DocView, cue: Token) -> Token | None:
    """The reported clause under a cue verb, if it is a statement (not a question)."""
    if cue.lemma_.lower() == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in cue.children):
        return None
    here = view.paragraph_of(cue.idx)
    for clause in sorted(cue.children, key=lambda c: c.i < cue.i):  # a clause after the cue first
        if clause.dep_ == "ccomp" and _statement(view, clause, here) and not _set_apart(view, clause, cue):
            return clause
    # "told a weekly briefing that commanders would meet": the parser hung the clause on the
    # object; a "tell X that" verb takes X and a content clause, so read it as one.
    if cue.lemma_.lower() not in _TELL_VERBS:
        return None
    for obj in cue.children:
        if obj.dep_ not in ("dobj", "dative"):
            continue
        for clause in obj.rights:
            opens = clause.left_edge.lower_ == "that" and clause.dep_ in ("relcl", "acl", "ccomp")
            if opens and _statement(view, clause, here) and not _that_is_subject(clause):
                return clause
    return None


def _that_is_subject(clause: Token) -> bool:
    return any(c.dep_ in _SUBJECTS and c.lower_ == "that" for c in clause.children)


def _fronted(view: DocView, cue: Token) -> tuple[int, int] | None:
    """Token bounds of "<clause>, the governor said." however the parser attached the clause."""
    doc = view.doc
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children) or not subjects:
        return None
    end = view.sent_of[cue.i][1]
    if cue.head.i != cue.i or any(not doc[i].is_punct for i in range(cue.right_edge.i + 1, end)):
        return None  # the attribution must close the sentence: "..., the governor said on Sunday."
    subject = min(subjects, key=lambda c: abs(c.i - cue.i))
    comma = subject.left_edge.i - 1 if subject.i < cue.i else cue.i - 1
    first = view.sent_of[cue.i][0]
    if comma <= first or doc[comma].text != ",":
        return None
    for i in range(comma - 1, first - 1, -1):
        if "\n" in doc[i].text:
            first = i + 1
            break
    if not _main_clause(view, first, comma, cue):
        return None
    if not any(doc[i].tag_ in _FINITE for i in range(first, comma)):
        return None
    return first, comma - 1


def _reports_for(cue: Token) -> bool:
    """ "Glorioso reports for the Daily News", "reported from Osaka", "which reported on the
    decision": a job, a place or a topic, not a statement."""
    preps = {c.lower_ for c in cue.children if c.dep_ == "prep"}
    return cue.lemma_.lower() == "report" and bool(preps & {"for", "from", "on"})


def _gapped(cue: Token) -> bool:
    """ "the impact it said the law would have": the reported clause lacks the noun it describes."""
    if cue.dep_ != "relcl":
        return False
    return not any(t.tag_ in ("WDT", "WP", "WP$") for left in cue.lefts for t in left.subtree)


def _clause_after_phrase(view: DocView, first: int, comma: int) -> bool:
    """ "By way of Interstate 75, Tampa has ..., Schale says": a fronted phrase, then a clause."""
    doc = view.doc
    inner = next((i for i in range(first + 1, comma) if doc[i].text == ","), None)
    return inner is not None and any(doc[i].tag_ in _FINITE for i in range(inner + 1, comma))


def _main_clause(view: DocView, first: int, comma: int, cue: Token) -> bool:
    """Whether the words before "..., X said" can be what X said, not "Asked whether ..., X said:"."""
    doc = view.doc
    lead = doc[first]
    if lead.tag_ in ("IN", "WRB") or lead.lower_ in QUESTION_MARKERS:
        return lead.dep_ == "prep" and _clause_after_phrase(view, first, comma)
    if lead.tag_ in ("VBN", "VBG") and (lead.dep_ == "advcl" or lead.head.i == cue.i):
        return False  # "Speaking to reporters, X said", "Asked about it, X said"
    return not any(t.text == ":" or t.i in view.quoted for t in doc[cue.i + 1 : view.sent_of[cue.i][1]])


def _surface_fronted(view: DocView, cue: Token) -> tuple[int, int, Token] | None:
    """"<clause>, <noun phrase> <cue> [on Friday]." read off the words when the parse is broken.

    Returns the content bounds and the head of the speaker phrase (its last noun before a
    verb, a relative pronoun or the cue).
    """
    doc = view.doc
    first, end = view.sent_of[cue.i]
    if cue.tag_ not in _FINITE | {"VBN"} or any(t.pos_ in ("VERB", "AUX") for t in doc[cue.i + 1 : end]):
        return None
    comma = next((i for i in range(cue.i - 1, first, -1) if doc[i].text in (",", ";")), None)
    if comma is None or comma == cue.i - 1:
        return None
    if cue.lemma_.lower() not in _SURFACE_CUES:
        return None
    head = None
    if doc[comma + 1].tag_ in ("WDT", "WP"):
        return None  # "the funding system, which advocates say hurts schools": a relative clause
    for tok in doc[comma + 1 : cue.i]:
        if tok.tag_ in ("WDT", "WP") and head is not None:
            break  # "the agency that manages the reef confirmed"
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            head = tok
        elif tok.pos_ not in _NP_POS and tok.tag_ != "POS":
            return None
    for i in range(comma - 1, first - 1, -1):
        if "\n" in doc[i].text:
            first = i + 1
            break
    if head is None or not _main_clause(view, first, comma, cue):
        return None
    if not any(doc[i].tag_ in _FINITE | {"VBN"} for i in range(first, comma)):
        return None
    return first, comma - 1, head


def _trim(view: DocView, first: int, last: int, clause: Token) -> tuple[int, int]:
    """Token bounds without the complementizer, edge punctuation and a trailing ", <adverbial>"."""
    doc = view.doc
    rights = [c for c in clause.rights if c.left_edge.i > first]
    for child in rights:
        if child.dep_ == "conj" and child.lemma_.lower() in SPEECH_ACTS and not _has_subject(child):
            last = min(last, child.left_edge.i - 1)  # "... and urged supporters": the reporter's act
            break
    if rights:
        child = rights[-1]
        before = doc[child.left_edge.i - 1]
        dependent_lead = child.left_edge.lower_ in ("according", "especially", "though", "although")
        # "X said A discouraged it, saying it was unusual": A's words inside what X said, kept;
        # "..., though she stressed that ..." has its own subject and is a statement of its own.
        nested = child.lemma_.lower() in INDIRECT_CUES and not _has_subject(child)
        trims = child.dep_ in _TRIM_DEPS or (child.dep_ == "prep" and dependent_lead)
        if before.text == "," and trims and not nested:
            last = min(last, before.i - 1)
    return _trim_edges(view, first, last)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def _found(view: DocView, first: int, last: int, cue: Token, speaker: Token, cue_text: str) -> Found | None:
    if first > last or any(view.quote_of[i] >= 0 for i in range(first, last + 1)):
        return None
    doc = view.doc
    return Found(doc[first].idx, doc[last].idx + len(doc[last]), "indirect", cue, cue_text, speaker)


def _cue_quotes(view: DocView) -> list[Found]:
    out = []
    for cue in view.doc:
        lemma = cue.lemma_.lower()
        if cue.pos_ != "VERB" or lemma not in INDIRECT_CUES or view.quote_of[cue.i] >= 0:
            continue
        if any(c.dep_ == "neg" for c in cue.children) or _gapped(cue) or _reports_for(cue):
            continue
        clause = _content_clause(view, cue)
        bounds = _fronted(view, cue) if clause is None else None
        speaker = subject_of(cue, view.quoted) if clause is not None or bounds is not None else None
        if clause is None and bounds is None:
            surface = _surface_fronted(view, cue) or parenthetical(view, cue)
            if surface is not None:
                bounds, speaker = (surface[0], surface[1]), surface[2]
        if speaker is None or not can_speak(speaker, strict=lemma in WEAK_CUES):
            continue
        if clause is not None:
            if any(view.quote_of[i] >= 0 for i in range(clause.left_edge.i, clause.right_edge.i + 1)):
                continue  # a clause holding quoted words is told by its fragments
            first, last = _trim(view, clause.left_edge.i, clause.right_edge.i, clause)
        else:
            assert bounds is not None
            first, last = _trim_edges(view, bounds[0], bounds[1])
        found = _found(view, first, last, cue, speaker, "point out" if lemma == "point" else lemma)
        if found is not None:
            out.append(found)
    return out


def _according_to(view: DocView, taken: list[Found]) -> list[Found]:
    out = []
    busy = {view.sent_of[view.token_at(f.start)][0] for f in taken}
    for tok in view.doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(view.doc) or view.doc[tok.i + 1].lower_ != "to":
            continue
        objects = [c for c in view.doc[tok.i + 1].children if c.dep_ == "pobj"]
        sent = view.sentence(tok)
        if not objects or not can_speak(objects[0], strict=True):
            continue
        if sent.start in busy and not _is_person(view, objects[0]):
            continue  # "X said ..., according to Interfax": the agency only carried X's words
        if any(view.quote_of[i] >= 0 for i in range(sent.start, sent.end)):
            continue
        lo, hi = tok.left_edge.i, tok.right_edge.i
        first, last = sent.start, sent.end - 1
        if lo <= first + 1:
            first = hi + 1
        elif hi >= last - 1:
            last = lo - 1
        first, last = _trim_edges(view, first, last)
        found = _found(view, first, last, tok, objects[0], "according to")
        if found is not None:
            out.append(found)
    return out


def _is_person(view: DocView, tok: Token) -> bool:
    """A person source ("according to the minister") outranks a reporting verb in its sentence."""
    entity = view.discourse.resolve(tok)
    return entity is not None and entity.kind == "person"


def _trim_edges(view: DocView, first: int, last: int) -> tuple[int, int]:
    """Without a dateline ("NAGOYA -"), the complementizer "that", edge punctuation and conjunctions."""
    doc = view.doc
    dash = next((j for j in range(first, min(first + 6, last)) if doc[j].text in _DASHES), None)
    if dash is not None and doc[first].is_alpha and doc[first].is_upper and len(doc[first]) > 1:
        first = dash + 1
    while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "mark"):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    return first, last


def indirect_quotes(view: DocView) -> list[Found]:
    """Reported speech outside quote marks, one per cue verb or "according to"."""
    found = _cue_quotes(view)
    return found + _according_to(view, found)
