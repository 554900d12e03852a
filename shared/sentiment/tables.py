"""Warehouse tables owned by the sentiment agent: each review text's reading and its accurate-head score, kept.

See ``shared.sentiment.readings`` and ``shared.sentiment.kept_readings``.
"""

from __future__ import annotations

from shared.models.tables import Column, TableSpec, register_table

REVIEW_SCORES = register_table(
    TableSpec(
        "review_scores",
        (
            Column("tenant_id", "STRING", "REQUIRED"),
            Column("text_key", "STRING", "REQUIRED", "BLAKE2b-128 of the text read (the review's title and body)."),
            Column("scorer", "STRING", "REQUIRED", "Version of the scorer's code, lexicons and models that read it."),
            Column("lexicon_score", "FLOAT64", "REQUIRED", "The rule scorer's text polarity in [-1, 1]."),
            Column("evidence", "INT64", "REQUIRED", "Opinion expressions the rule scorer found."),
            Column("fast_score", "FLOAT64", "NULLABLE", "The fast head's text polarity, 2 p(positive) - 1."),
            Column("aspects", "STRING", "REQUIRED", "JSON object: aspect -> clause polarity."),
            Column("terms", "STRING", "REQUIRED", "JSON list of [opinion expression, valence] fired."),
            Column("topic_words", "STRING", "REQUIRED", "JSON list of candidate complaint / praise topic words."),
            Column("requests", "STRING", "REQUIRED", "JSON list of feature requests the text makes."),
            Column("readable", "INT64", "REQUIRED", "0 English words to read, 1 no words, 2 another language."),
            Column("scored_at", "TIMESTAMP", "REQUIRED", "When it was read (retention ages the row by it)."),
        ),
        "scored_at",
        ("tenant_id", "scorer", "text_key"),
        "Each review text's reading by the sentiment scorer, kept so a question does not read it again.",
    )
)

REVIEW_ACCURATE_SCORES = register_table(
    TableSpec(
        "review_accurate_scores",
        (
            Column("tenant_id", "STRING", "REQUIRED"),
            Column("text_key", "STRING", "REQUIRED", "BLAKE2b-128 of the text read (the review's title and body)."),
            Column("scorer", "STRING", "REQUIRED", "Version of the accurate model (encoder, heads and the reading)."),
            Column("score", "FLOAT64", "REQUIRED", "The accurate head's text polarity, 2 p(positive) - 1."),
            Column("scored_at", "TIMESTAMP", "REQUIRED", "When it was scored (retention ages the row by it)."),
        ),
        "scored_at",
        ("tenant_id", "scorer", "text_key"),
        "Each review text's accurate-head (sentence embedding) score, kept so a question does not embed it again.",
    )
)
