"""``ecomintel sentiment``: score a CSV of reviews offline (no backend needed).

Input columns: ``id``, ``text`` and optionally ``rating`` (1-5 stars) and ``title``; headers are compared
case-, space- and punctuation-insensitively with the spellings review exports use (``Review Text``,
``reviews.text``, ``sentence``). Without an id column each row's number (1-based) is its id. Output columns:
``id,label,score,confidence,aspects`` with ``label`` in positive/negative/neutral, ``score`` in
[-1, 1], ``confidence`` 0-100 and ``aspects`` a JSON object {aspect: score}. Rows keep input order.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
from pathlib import Path
from typing import Any

#: Accepted header spellings (case-insensitive) for each input column.
TEXT_COLUMNS = ("text", "review", "review_text", "body", "content", "review_body", "review_content",
                "reviews_text", "sentence", "comment", "review_comment_message")
RATING_COLUMNS = ("rating", "stars", "star_rating", "review_rating", "review_score", "reviews_rating", "overall")
ID_COLUMNS = ("id", "review_id", "reviewid", "reviews_id")
#: Inputs longer than this show a progress bar on stderr.
PROGRESS_MIN_ROWS = 5_000
_CHUNK = 2_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``sentiment``."""
    p = sub.add_parser("sentiment", help="Score reviews in a CSV (id,text[,rating]) without any backend.")
    p.add_argument("--input", required=True, help="CSV with columns id,text and optionally rating,title.")
    p.add_argument("--output", required=True, help="CSV to write: id,label,score,confidence,aspects.")
    p.add_argument("--no-progress", action="store_true", help="Never show the progress bar.")
    p.add_argument(
        "--method",
        choices=("auto", "accurate", "fast", "lexicon"),
        default="auto",
        help="Polarity method: accurate (embedding model), fast (n-grams + lexicon), lexicon (rules); "
        "auto picks by volume and --deadline.",
    )
    p.add_argument("--deadline", type=float, default=None, help="Seconds scoring may take (auto mode).")
    p.set_defaults(func=run_batch)


def _fail(message: str) -> Exception:
    from shared.cli.main import CliError

    return CliError(message)


def _pick(columns: dict[str, str], names: tuple[str, ...]) -> str | None:
    from shared.ingest.names import normalise_header

    for n in names:
        if normalise_header(n) in columns:
            return columns[normalise_header(n)]
    return None


def parse_rating(raw: str, row: int, column: str) -> float | None:
    """A 1-5 star rating from a cell (blank or NA means none); anything else is a one-line error."""
    value = raw.strip()
    if value.lower() in ("", "na", "n/a", "nan", "null", "none", "-"):
        return None
    try:
        rating = float(value)
    except ValueError:
        raise _fail(f"row {row}, column '{column}': rating {value!r} is not a number (expected 1-5)") from None
    if not math.isfinite(rating) or not 1.0 <= rating <= 5.0:
        raise _fail(f"row {row}, column '{column}': rating {value!r} is outside 1-5")
    return rating


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM); otherwise the encoding charset-normalizer detects, said on stderr."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise _fail(f"{path}: not text in a known encoding ({exc.reason} at byte {exc.start})") from None
        sys.stderr.write(f"{path}: not UTF-8, read as {best.encoding}\n")
        return str(best)


def read_reviews(path: Path) -> tuple[list[str], list[str], list[float | None]]:
    """Ids, texts (title prepended when present) and ratings from the input CSV, validated."""
    import pandas as pd

    if not path.is_file():
        raise _fail(f"input file not found: {path}")
    text = decode_text(path.read_bytes(), path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise _fail(f"{path}: empty file (expected a header with id,text)") from None
    except pd.errors.ParserError as exc:
        raise _fail(f"{path}: malformed CSV: {str(exc).strip().splitlines()[-1]}") from None
    from shared.ingest.names import normalise_header

    columns: dict[str, str] = {}
    for c in frame.columns:
        columns.setdefault(normalise_header(str(c)), str(c))
    id_col = _pick(columns, ID_COLUMNS)
    text_col = _pick(columns, TEXT_COLUMNS)
    if text_col is None:
        raise _fail(f"{path}: missing column 'text' (found: {', '.join(map(str, frame.columns))})")
    rating_col = _pick(columns, RATING_COLUMNS)
    title_col = _pick(columns, ("title", "summary"))
    if id_col is None:  # a plain list of texts: the row number is the id, said on stderr
        sys.stderr.write("ecomintel: note: no id column; each row's number (1-based) is its id\n")
        frame = frame.assign(**{"#": [str(k + 1) for k in range(len(frame))]})
        id_col = "#"
    ids = frame[id_col].tolist()
    texts = frame[text_col].tolist()
    titles = frame[title_col].tolist() if title_col else None
    ratings: list[float | None] = []
    raw_ratings = frame[rating_col].tolist() if rating_col else None
    for k in range(len(frame)):
        row = k + 1
        if not str(ids[k]).strip():
            raise _fail(f"row {row}, column '{id_col}': empty id")
        ratings.append(
            parse_rating(raw_ratings[k], row, rating_col) if raw_ratings is not None and rating_col else None
        )
        if titles is not None and titles[k].strip():
            texts[k] = f"{titles[k].strip()}. {texts[k]}"
    return ids, texts, ratings


def score_rows(
    texts: list[str], ratings: list[float | None], *, progress: bool, method: str = "lexicon"
) -> list[dict[str, Any]]:
    """Scores for every row, in chunks (so a progress bar can follow long inputs)."""
    from tqdm import tqdm

    from shared.sentiment.scoring import score_reviews

    out: list[dict[str, Any]] = []
    bar = tqdm(total=len(texts), unit="review", file=sys.stderr, disable=not progress, mininterval=0.5)
    try:
        for start in range(0, len(texts), _CHUNK):
            batch = score_reviews(texts[start : start + _CHUNK], ratings[start : start + _CHUNK], method=method)
            labels = batch.labels
            for j in range(len(batch)):
                out.append(
                    {
                        "label": labels[j],
                        "score": round(float(batch.score[j]), 4),
                        "confidence": int(batch.confidence[j]),
                        "aspects": json.dumps(
                            {a: round(v, 3) for a, v in sorted(batch.aspects[j].items())}, separators=(",", ":")
                        ),
                    }
                )
            bar.update(len(batch))
    finally:
        bar.close()
    return out


def run_batch(args: argparse.Namespace) -> int:
    """Read, score and write; returns the exit code."""
    import csv

    ids, texts, ratings = read_reviews(Path(args.input))
    from shared.sentiment.modes import choose_method, model_name

    progress = not args.no_progress and len(texts) >= PROGRESS_MIN_ROWS
    choice = choose_method(len(texts), requested=args.method, deadline_s=args.deadline)
    sys.stderr.write(f"method: {choice.method} ({model_name(choice.method)}; {choice.reason})\n")
    scored = score_rows(texts, ratings, progress=progress, method=choice.method)
    out_path = Path(args.output)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with out_path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "label", "score", "confidence", "aspects"])
            for rid, s in zip(ids, scored, strict=True):
                writer.writerow([rid, s["label"], f"{s['score']:.4f}", s["confidence"], s["aspects"]])
    except OSError as exc:
        raise _fail(f"cannot write {out_path}: {exc.strerror}") from None
    sys.stderr.write(f"scored {len(scored)} reviews -> {out_path}\n")
    return 0
