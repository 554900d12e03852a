"""Review and period idioms written in the words the reader knows, before a question is read (#18).

Applied by :func:`shared.questions.reading.read_question` after the shorthand and
:func:`shared.questions.reviews.satisfaction_as_rating`; each rewrite keeps the rest of the question as typed:

* "which is liked more, A or B?", "is A better liked than B?" -> "which has the higher average rating, A or B?"
  (a comparison of ratings, not of revenue);
* "do our products hold up over time?" -> "... stay durable" (durability, not reviews over time);
* "which do customers prefer, A or B?" -> "which has the higher average rating"; "review volume" -> "number of
  reviews" (a count, not the noise a product makes);
* "pros and cons of X" -> "what do reviewers say about X" (the review summary; "pros" is not the "Pro" in titles);
* "star breakdown", "distribution of stars", "star distribution" -> "star rating breakdown" (reviews per star);
* "are we getting fewer reviews lately?", "is review volume dropping?", "are reviews slowing down?" -> the number
  of reviews in the last 30 days compared with the previous 30 days (when the question names no period);
* "promoters vs detractors", "how many promoters and detractors" -> "star rating breakdown" (both counted from
  the stars in one answer);
* "since the start of the year / month / quarter" -> "this year / month / quarter" (to date, not all data);
* "sentiment by channel (category, brand)" -> "average rating by channel" (each one's stars);
* "runs small", "fits a bit tight", "comes up large" -> the same with "(sizing)" after it (the size/fit aspect);
* "which business / restaurant / hotel has the worst reviews?" -> "which product ..." (a review set's reviewed
  businesses are its products).
* "what's behind it", "what is causing this", "what's driving that", "how come" -> "why" (the cause asked: a
  falling rating with the complaints behind it); "what's dragging down X's rating", "what is hurting our reviews"
  -> "why is the rating of X falling", "why is our reviews falling".

Pure: no I/O.
"""

from __future__ import annotations

from shared import regex as re
from shared.questions.promoters import BOTH as PROMOTERS_AND_DETRACTORS

_COUNT_MOVES = (r"(?:dropping|falling|declining|shrinking|slowing|down|going down|rising|growing|increasing|"
                r"picking up|up|going up|drying up|tailing off|dropping off)")
#: Whether reviews come in faster or slower lately, without a period of the question's own (the rule below skips a
#: question that names one: "fewer reviews this month than last").
_VOLUME_LATELY = re.compile(
    r"\b(?:are|is|am)\s+(?:we|i)\s+(?:getting|receiving|seeing|collecting)\s+(?:fewer|less|more)\s+reviews\b"
    r"(?:\s+(?:lately|recently|these days|than before|than usual|than we used to|now))?|"
    r"\b(?:are|is)\s+(?:fewer|less|more)\s+(?:people|customers|buyers|shoppers)\s+(?:reviewing(?:\s+us)?|leaving\s+"
    r"reviews|writing\s+reviews)\b(?:\s+(?:lately|recently|these days|than before|now))?|"
    r"\b(?:do|did|does)\s+(?:we|i)\s+(?:get|receive|see|collect)\s+(?:fewer|less|more)\s+reviews\b"
    r"(?:\s+(?:lately|recently|these days|than before|than usual|than we used to|now))?|"
    rf"\b(?:is|are)\s+(?:the\s+)?(?:review\s+(?:volume|count|numbers?)|number\s+of\s+reviews|volume\s+of\s+"
    rf"reviews)\s+{_COUNT_MOVES}(?:\s+(?:lately|recently))?|"
    r"\b(?:are|is)\s+(?:(?:the|our|new)\s+)?reviews\s+(?:coming\s+in\s+)?(?:slowing(?:\s+down)?|drying up|"
    r"tailing off|dropping off|picking up|coming in (?:slower|faster))(?:\s+(?:lately|recently))?", re.I)
#: A period the question names itself ("fewer reviews this month than last"): then it is that comparison.
_NAMED_PERIOD = re.compile(r"\b(?:this|last|past|previous|since|during|20\d\d|january|february|march|april|may|june|"
                           r"july|august|september|october|november|december|q[1-4])\b", re.I)
#: "what's dragging down X's rating", "what is hurting the kettle's reviews", "what's pulling our rating down": a
#: falling rating and its cause asked (the verbs say it falls, "what" asks why).
_WEIGHS_ON = (r"\bwhat(?:'s|\u2019s|s|\s+is|\s+are)\s+(?:dragging|pulling|bringing|weighing|pushing|knocking|hurting|"
              r"killing|tanking|sinking|hitting)\s+(?:down\s+)?")
#: "what's behind the", "what caused a", "why the": the cause of what follows asked (a fall of the rating below).
_CAUSE_OF = (r"\b(?:what(?:'s|\u2019s|s|\s+is|\s+was)\s+(?:behind|causing|driving|the\s+reason\s+for)|"
             r"what\s+(?:caused|drove|explains)|why(?:\s+is\s+there|\s+was\s+there)?)\s+"
             r"(?:the\s+|a\s+|this\s+|that\s+)?(?:recent\s+|sudden\s+|big\s+|sharp\s+)?")
_RATING_NOUN = r"(?P<what>ratings?|reviews?|review scores?|scores?|stars?)(?:\s+down)?\b"
_IDIOMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_WEIGHS_ON + r"(?P<who>our|my)\s+" + _RATING_NOUN, re.I), r"why is \g<who> \g<what> falling"),
    (re.compile(_WEIGHS_ON + r"(?P<x>[^?.!]{1,60}?)(?:'s|\u2019s|')?\s+" + _RATING_NOUN, re.I),
     r"why is the \g<what> of \g<x> falling"),
    # "what's behind the drop in ratings on the X?", "what caused the dip in our stars?": a fall of the rating named
    # as a noun and its cause asked, as "why are the ratings of X falling?" (else a rating compared over time); a
    # "drop in reviews" is fewer of them, left as it is
    (re.compile(_CAUSE_OF + r"(?:drop|fall|decline|dip|slide|slump|downturn)\s+in\s+(?P<who>our\s+|my\s+|the\s+)?"
                r"(?:star\s+)?(?P<what>ratings?|review\s+scores?|scores?|stars?)\s+(?:on|of|for)\s+"
                r"(?P<x>[^?.!]{1,80}?)\s*(?=[?.!]|$)", re.I), r"why are the \g<what> of \g<x> falling"),
    (re.compile(_CAUSE_OF + r"(?:drop|fall|decline|dip|slide|slump|downturn)\s+in\s+(?P<who>our|my)\s+"
                r"(?:star\s+)?(?P<what>ratings?|review\s+scores?|scores?|stars?)\b", re.I),
     r"why are \g<who> \g<what> falling"),
    # "is the rating of X going down, and what's behind it?": the cause asked, as "why" asks it
    (re.compile(r"\b(?:what(?:'s|s|\s+is|\s+are|\s+was)\s+(?:behind|causing|driving)|what\s+(?:caused|drove))\s+"
                r"(?:it|this|that|them|these|those)\b|"
                r"\bhow\s+come\b", re.I), "why"),
    # "promoters vs detractors", "promoters minus detractors": both from one star breakdown (its answer opens with
    # both counts and their difference, :mod:`shared.questions.promoters`)
    (PROMOTERS_AND_DETRACTORS, "star rating breakdown"),
    (re.compile(r"\b(?:is|are)\s+(?:liked|loved|preferred)\s+more\b|"
                r"\b(?:is|are)\s+(?:better|more)[- ](?:liked|loved)\b", re.I), "has the higher average rating"),
    (re.compile(r"\b(?:liked|loved|preferred)\s+more\b|\b(?:better|more)[- ](?:liked|loved)\b", re.I),
     "higher in average rating"),
    (re.compile(r"\bwhich\s+(?:one\s+)?do\s+(?:customers|people|buyers|shoppers|reviewers|users)\s+(?:prefer|like "
                r"(?:more|better|best))\b", re.I), "which has the higher average rating"),
    # "which product gets reviewed the most", "our most reviewed product": the most reviews (not the most revenue)
    (re.compile(r"\b(?:gets?|got|is|are|was|were|been)\s+reviewed\s+(?:the\s+)?most\b", re.I), "has the most reviews"),
    (re.compile(r"\bmost[- ]reviewed\b", re.I), "with the most reviews"),
    # "do our products hold up over time?", "stand the test of time": durability (not a trend of reviews over time)
    (re.compile(r"\b(?:hold|holds|held|holding)\s+up(?:\s+(?:over time|well|long[- ]term|in the long run|after "
                r"(?:a while|months|years)))?|\bstands?\s+the\s+test\s+of\s+time\b", re.I), "stay durable"),
    # "review volume", "volume of reviews": how many there are (not the noise a product makes)
    (re.compile(r"\breviews?\s+volumes?\b|\bvolumes?\s+of\s+reviews\b", re.I), "number of reviews"),
    (re.compile(r"\b(?:the\s+)?pros\s+(?:and|&|n)\s+cons\s+(?:of|for|on)\b", re.I), "what do reviewers say about"),
    (re.compile(r"\bstars?\s+(?:rating\s+)?(?:breakdown|distribution|split|spread|histogram)\b(?<!rating breakdown)|"
                r"\b(?:breakdown|distribution|split|spread|histogram)\s+of\s+(?:the\s+)?(?:stars?|star ratings?)\b|"
                # "histogram of ratings for Kitchen", "ratings histogram": the reviews counted per star
                r"\bhistogram\s+of\s+(?:the\s+|our\s+)?(?:ratings|reviews)\b|\b(?:ratings?|reviews?)\s+histogram\b|"
                # "how are ratings spread for Outdoor?"
                r"\bratings\s+(?:are\s+)?(?:spread|split|distributed)(?:\s+out)?\b",
                re.I), "star rating breakdown"),
    # "how does A stack up against B in reviews?": the two products' average ratings side by side
    (re.compile(r"\bhow\s+(?:does|do|did)\s+(?P<a>[^?.!]+?)\s+(?:stack|measure|match)\s+up\s+(?:against|to|with)\s+"
                r"(?P<b>[^?.!]+?)\s+(?:in|on|for|by)\s+(?:(?:customer\s+)?reviews?|ratings?|stars?)\b", re.I),
     r"compare the average rating of \g<a> and \g<b>"),
    # a review set of several reviewed businesses (Yelp's business_id) holds them as its products: "which business /
    # restaurant / hotel has the worst reviews" ranks them as "which product" does
    (re.compile(r"\b(which|what)\s+(?:business(?:es)?|restaurants?|hotels?|venues?|propert(?:y|ies))\b"
                r"(?=[^.?!]*\b(?:reviews?|reviewed|rated|ratings?|stars?|reviewers?)\b)", re.I), r"\1 product"),
    # "which gets better feedback", "the worst customer feedback": feedback judged is the reviews' rating
    (re.compile(r"\b(better|best|worse|worst|higher|lower|highest|lowest)\s+(?:customer\s+)?feedback\b", re.I),
     r"\1 reviews"),
    # "review sentiment by month", "monthly sentiment": the average rating by month (the stars say it; a count of
    # reviews is no sentiment)
    (re.compile(r"\b(?:review\s+|customer\s+)?sentiment(?=\s+(?:trend\s+)?(?:by|per|each|every|over)\s+"
                r"(?:month|week|quarter|day|time)\b|\s+month\s+(?:by|over|on)\s+month\b)|"
                # "is sentiment worse on amazon than on web?": each side's average rating, one against the other
                r"\b(?:review\s+|customer\s+)?sentiment(?=\s+(?:\w+\s+)?(?:better|worse|higher|lower)\b[^?.!]{0,40}?"
                r"\bthan\b)|"
                # "sentiment by channel", "sentiment across categories": each one's average rating
                r"\b(?:review\s+|customer\s+)?sentiment(?=\s+(?:by|per|for\s+each|in\s+each|on\s+each|across|"
                r"broken\s+down\s+by)\s+(?:(?:the|our|all)\s+)?(?:sales\s+)?(?:channels?|categor(?:y|ies)|"
                r"brands?|marketplaces?|platforms?)\b)|"
                # "sentiment for the kettle vs the toaster": each one's average rating, side by side
                r"\b(?:review\s+|customer\s+)?sentiment(?=\s+(?:for|of|on)\s+[^?.!]{1,60}?\s(?:vs\.?|versus|against|"
                r"compared\s+(?:to|with))\s)|"
                r"(?<=\bmonthly\s)(?:review\s+|customer\s+)?sentiment\b|"
                r"(?<=\bweekly\s)(?:review\s+|customer\s+)?sentiment\b", re.I), "average rating"),
    # net-promoter words said of reviews: promoters are the 5-star reviews, detractors the 1-2 star ones (the answer
    # counts stars; a real NPS needs the 0-10 survey, which the unanswerable rule says when "NPS" itself is asked)
    (re.compile(r"(?<!\bnet )\bpromoters?\b(?!\s+score)", re.I), "5 star reviews"),
    (re.compile(r"\bdetractors?\b", re.I), "1 or 2 star reviews"),
    (re.compile(r"\bpassives?\b", re.I), "3 or 4 star reviews"),
    (re.compile(r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(year|month|quarter|week)\b", re.I),
     r"this \1"),
    # "do customers say it runs small?", "does the jacket run a bit large": the size/fit aspect named in its words
    (re.compile(r"\b(?:runs?|running|ran|comes?\s+up|fits?)\s+(?:a\s+(?:bit|little)\s+|too\s+|very\s+|quite\s+)?"
                r"(?:small|large|big|tight|loose|narrow|short|long|true\s+to\s+size)\b(?![^?.!]*\b(?:siz\w*|fit)\b)",
                re.I), r"\g<0> (sizing)"),
)


def review_idioms(text: str) -> str:
    """``text`` with the idioms above written out (unchanged when it has none)."""
    out = text
    if not _NAMED_PERIOD.search(text):
        # "are we getting fewer reviews lately?", "is review volume dropping?", "are reviews slowing down?": how many
        # came in the last 30 days against the 30 before (both windows said)
        out = _VOLUME_LATELY.sub("number of reviews in the last 30 days compared with the previous 30 days", out)
    for pattern, words in _IDIOMS:
        out = pattern.sub(words, out)
    return re.sub(r"\s{2,}", " ", out).strip() if out != text else text
