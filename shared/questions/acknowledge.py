"""Turns that carry no question: an acknowledgement ("thanks!", "great", "ok cool") and a bare "is it good?".

In a conversation merchants thank, nod and move on: "thanks!" between "revenue last month" and "and on amazon?" is
no question, and reading it as one (the agents' overview) both answers nothing asked and replaces the context the
next follow-up leans on. A pure acknowledgement is answered briefly and leaves the session as it was.

A question that only points back ("is it good?", "is that normal?") with no turn before it has nothing to point at:
it is asked what it refers to rather than answered with an overview of everything. Pure: two regular expressions.
"""

from __future__ import annotations

from shared import regex as re

#: Words that acknowledge an answer; a turn made only of them (and punctuation, emoji) is an acknowledgement.
_ACK_WORD = (r"(?:ok(?:ay)?|k|kk|cool|great|good|nice|neat|perfect|super|sweet|awesome|brilliant|excellent|"
             r"lovely|amazing|fantastic|wonderful|wow|interesting|fine|right|alright|sure|yes|yep|yeah|ah|oh|"
             r"thanks?|thank\s+you|thx|ty|cheers|ta|much\s+appreciated|appreciated|got\s+it|noted|understood|"
             r"makes\s+sense|sounds\s+good|fair\s+enough|that(?:'s|\s+is)\s+(?:great|good|helpful|useful|perfect|"
             r"interesting|clear|nice)|(?:very|so|really)\s+(?:much|helpful|useful)|helpful|useful|"
             r"a\s+lot|for\s+that|for\s+this|for\s+the\s+help|all\s+good|"
             # closings: "that's all I needed", "that's it for now", "bye", "all set"
             r"that(?:'s|\s+is|\s+will\s+do|'ll\s+do)(?:\s+(?:all|it|everything))?(?:\s+(?:i|we)\s+(?:needed|wanted"
             r"|need|want))?(?:\s+for\s+(?:now|today))?|(?:i'?m|we'?re)\s+(?:all\s+)?(?:set|done|good)|all\s+set|"
             r"bye|goodbye|see\s+you|later|have\s+a\s+good\s+(?:one|day))")
_ACKNOWLEDGEMENT = re.compile(rf"^[\s,.!:;)(-]*(?:{_ACK_WORD}[\s,.!:;)(\-]*|[\U0001F300-\U0001FAFF\u2600-\u27BF]+"
                              rf"[\s,.!]*)+$", re.I)
#: A question about "it" or "that" and nothing else: a judgement of an answer the session has not given.
_ONLY_POINTS_BACK = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:is|was|are|were|isn'?t|wasn'?t)\s+(?:it|that|this|"
                               r"those|these|they|that\s+number|that\s+figure)\s+(?:any\s+)?(?:good|bad|ok(?:ay)?|"
                               r"fine|normal|high|low|healthy|worrying|a\s+lot|much|great|decent|better|worse|"
                               r"enough|right|correct|too\s+(?:high|low|much|little))\s*[?.!]*\s*$", re.I)


def is_acknowledgement(question: str) -> bool:
    """Whether ``question`` only acknowledges an answer ("thanks!", "great", "ok cool", "thank you 👍")."""
    return bool(question.strip()) and bool(_ACKNOWLEDGEMENT.match(question))


def only_points_back(question: str) -> bool:
    """Whether ``question`` only judges what an earlier answer said ("is it good?", "is that normal?")."""
    return bool(_ONLY_POINTS_BACK.match(question))
