"""What a question says about its asker rather than its data, taken out before it is read.

Merchants paste questions from Slack and e-mail: "following up on yesterday's call - can you pull revenue by
channel for last month", "how many orders did we do last week? need it for the board deck", "quick q before my
3pm: ...". Three kinds of aside name a day, a time or a thing the reader would take for a period or a product:

- a meeting or message dated by a day ("yesterday's call", "Monday's stand-up", "this morning's email") or by how
  often it is held ("the weekly sync"): the day is when the asker talked, not the period asked about, and "weekly"
  no breakdown by week;
- a clock time ("before my 3pm", "by 5:30 pm") or what the asker does next ("presenting to the board
  tomorrow"): a deadline, not a number or a period;
- what the answer is for ("need it for the board deck", "for the investor update", "it's for a slide"): the
  deck, the board and the slide are not the tenant's products.

An apology before the question ("sorry if this is a basic question but ..."), an opener that asks for a short
answer ("bottom line:", "TL;DR -": not the accounts' bottom line) and small talk ("hope your weekend was good",
"happy friday!") go too: their words are no name, and a weekend hoped for is no period.
Each aside is removed whole (or, for the dated meeting, its day alone), so the rest reads as if typed plainly.
Pure and cheap: three regular expressions.
"""

from __future__ import annotations

from shared import regex as re

#: Things people talk in or write for: the nouns a dated aside or a purpose clause ends on.
_TALK = (r"(?:call|meeting|chat|e-?mail|message|note|stand-?up|catch[- ]?up|sync(?:[- ]up)?|huddle|presentation|"
         r"conversation|discussion|review|session|1:1|one[- ]on[- ]one|check[- ]?in|thread|post|slack)")
_OUTPUT = (r"(?:deck|slides?|presentation|update|report|pack|review|meeting|call|email|e-mail|memo|summary|"
           r"newsletter|dashboard|spreadsheet|sheet|doc|document|board|investors?|forecast model|budget)")
#: "yesterday's call", "this morning's email", "Monday's stand-up": the day the asker talked.
_DATED_TALK = re.compile(rf"\b(?:yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|"
                         rf"last\s+week|(?:mon|tues|wednes|thurs|fri|satur|sun)day)'s\s+(?=(?:\w+\s+){{0,2}}{_TALK}\b)",
                         re.I)
#: "before the weekly sync", "for our monthly review": how often a meeting is held, not a breakdown by week or month.
_EVERY = r"(?:daily|weekly|fortnightly|monthly|quarterly|annual|yearly)"
#: Without "for"/"before" a "monthly review" is the reviews by month ("monthly review count"), not a meeting.
_BARE_TALK = _TALK.replace("|review|", "|")
_MEETING_EVERY = re.compile(rf"\b(?:for|before|after|ahead\s+of|at|in|during)\s+"
                            rf"(?:the\s+|our\s+|my\s+|this\s+|next\s+)?{_EVERY}\s+(?:[\w'-]+\s+)?{_TALK}\b"
                            rf"|\b{_EVERY}\s+(?=(?:[\w'-]+\s+)?{_BARE_TALK}\b)", re.I)
#: "before my 3pm", "by 5:30 pm", "at 10am call": a clock time.
_CLOCK = re.compile(r"\b(?:before|after|by|at|until|till|ahead\s+of)\s+(?:my\s+|our\s+|the\s+)?"
                    r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'?clock)\b", re.I)
#: A clock time right after what was sold is when it sold ("what did we sell after 6pm", "revenue before 10am"): the
#: question's hours of the day (``shared.questions.time_of_day``), not an aside.
_SOLD_AT = re.compile(r"\b(?:sell|sells|sold|selling|make|made|revenue|sales|orders|units|takings|earn|earned|"
                      r"bring|brought|brings|items|customers|get|got|take|took|taken|have|had|receive|received|came\s+in|"
                      r"come\s+in|do|did|does|done)\s+$", re.I)
_MINE = re.compile(r"(?:by|at|ahead)\b|\w+\s+(?:my|our|the)\b", re.I)  # "by 5pm", "before my 3pm": asides
#: "need it for the board deck", "(this is) for the investor update", "for a slide": what the answer is for.
_PURPOSE = re.compile(rf"(?:^|(?<=[\s,.;:!?(-]))(?:(?:i|we|they|he|she|my\s+\w+)\s+)?(?:need|needs|want|wants|"
                      rf"needed|am\s+using|will\s+use)\s+(?:it|this|that|these|them|the\s+(?:numbers?|figures?|data))"
                      rf"\s+for\s+(?:a|an|the|my|our)\s+(?:[\w'-]+\s+){{0,3}}?{_OUTPUT}\b(?:\s+{_OUTPUT}\b)*"
                      rf"|(?:^|(?<=[\s,.;:!?(-]))(?:(?:it'?s|this\s+is|that'?s)\s+)?for\s+(?:a|an|the|my|our)\s+"
                      rf"(?:board|investor|weekly|monthly|quarterly|team|exec\w*|management|finance|leadership|"
                      rf"ops|sales|all[- ]hands)(?:\s+[\w'-]+){{0,2}}?\s+{_OUTPUT}\b(?:\s+{_OUTPUT}\b)*"
                      rf"|(?:^|(?<=[\s,.;:!?(-]))for\s+(?:a|the|my|our)\s+(?:slide|deck)\b", re.I)


#: "Hope your weekend was good.", "how was your weekend?", "happy friday!": small talk around the question.
_PLEASANTRY = re.compile(r"(?:^|(?<=[.!?,;:]))\s*(?:(?:i|we)\s+)?hope\s+(?:you|your|you're|u|ur|all|everyone|things|"
                         r"this|the)\b[^.!?;:]*?(?:[.!?;:]+|\s[-–]\s|,|$)"
                         r"|\bhow\s+(?:was|were|is|are)\s+(?:your|ur|the)\s+(?:weekend|week|day|holidays?|break|trip|"
                         r"morning|evening)\b[^.!?;:]*?(?:[.!?;:]+|\s[-–]\s|,|$)"
                         r"|\b(?:happy|have\s+an?\s+(?:good|great|nice|lovely))\s+(?:(?:mon|tues|wednes|thurs|fri|satur|"
                         r"sun)day|weekend|week|day|holidays?|new\s+year)\b[!.,]*", re.I)
#: "sorry if this is a basic question but ...", "apologies, ...": an apology before the question.
_APOLOGY = re.compile(r"^\s*(?:(?:so\s+)?sorry|apologies|apologi[sz]e|forgive\s+me|excuse\s+me|pardon\s+me)\b"
                      r"[^?]{0,80}?(?:\bbut\b|,|:|\s-)\s*", re.I)
#: "presenting to the board tomorrow", "I'm meeting the bank on Friday": what the asker does next, not the period.
_ASKER_NEXT = re.compile(r"(?:^|(?<=[\s,.;:!?(-]))(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+)?(?:presenting|meeting|"
                         r"reporting|pitching|briefing|talking|speaking|seeing)\s+(?:to\s+|with\s+|at\s+)?"
                         r"(?:[\w'-]+\s+){0,3}?(?:tomorrow|today|tonight|later(?:\s+today)?|this\s+(?:morning|"
                         r"afternoon|evening)|next\s+week|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)


#: "bottom line: how far below us is X?", "TL;DR -": how short the answer should be, not the accounts' bottom line.
_SHORT_ANSWER_OPENER = re.compile(r"^\s*(?:the\s+)?(?:bottom[- ]line|tl;?\s?dr|long\s+story\s+short|in\s+short|"
                                  r"in\s+a\s+nutshell|short\s+version|quick\s+one)\s*(?::|,|\s[-\u2013]\s*)\s*", re.I)


def without_chatter(question: str) -> str:
    """``question`` with dated meetings, clock times and what the answer is for taken out (see the module)."""
    question_only = _SHORT_ANSWER_OPENER.sub("", question)
    text = _MEETING_EVERY.sub("", _DATED_TALK.sub("", _APOLOGY.sub("", _PLEASANTRY.sub(" ", question_only).strip())))
    text = _ASKER_NEXT.sub(" ", text)
    text = _CLOCK.sub(lambda m: m.group(0) if _SOLD_AT.search(text[:m.start()]) and not _MINE.match(m.group(0))
                      else " ", text)
    text = _PURPOSE.sub(" ", text)
    return re.sub(r"\s{2,}", " ", text).strip() if text != question else question
