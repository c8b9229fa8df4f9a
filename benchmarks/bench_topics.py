"""Topic quality and time on ANT (7,400 labelled Arabic news articles), against plain TF-IDF.

    .venv/bin/python benchmarks/bench_topics.py [--seeds 0 1 2] [--limit N] [--mentions extract]
        [--no-ablation] [--no-auto] [--large-path] [--weights S,C ...] [--threads 1]

Prints, in one run and with the same seeds: NMI and ARI against the labels (mean ± sd over the
seeds) and the time of

- the baseline: ``TfidfVectorizer()`` + ``KMeans(k=7, random_state=seed)``;
- each step added on the way to the method (normalisation + sublinear TF, stop words and light
  stems or character n-grams, LSA, k-means restarts), clustering articles only;
- the method: ``fit_topics(articles, mentions, k=7)``, the whole topic build (paragraphs,
  labels, projection included) timed end to end;
- the method with automatic k (silhouette); with ``--weights``, other sector/country weights
  (with ``--mentions extract`` this shows how country features pull topics towards geography);
  with ``--large-path``, the sample-then-assign path that corpora above
  ``TopicSettings.large`` take.

Threads default to one (``--threads``) so times are single-core. Mentions are empty unless
``--mentions extract`` runs the project's country/place/sector extractors first (timed apart).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _threads_from_argv() -> str:
    if "--threads" in sys.argv:
        return sys.argv[sys.argv.index("--threads") + 1]
    return "1"


# Thread counts must be fixed before numpy loads its BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, _threads_from_argv())

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from common import ant_news  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.decomposition import TruncatedSVD  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402
from sklearn.preprocessing import Normalizer  # noqa: E402

from techdiplomacy import schema  # noqa: E402
from techdiplomacy.text.normalisation import normalise  # noqa: E402
from techdiplomacy.topics.features import text_vectorizer  # noqa: E402
from techdiplomacy.topics.model import TopicSettings, fit_topics  # noqa: E402

K = 7


def score(labels, predicted) -> tuple[float, float]:
    return normalized_mutual_info_score(labels, predicted), adjusted_rand_score(labels, predicted)


def summary(name: str, runs: list[dict], baseline: float | None = None) -> str:
    nmi = np.array([r["nmi"] for r in runs])
    ari = np.array([r["ari"] for r in runs])
    secs = np.array([r["seconds"] for r in runs])
    cpu = np.array([r["cpu"] for r in runs])
    line = (
        f"{name:<46} NMI {nmi.mean():.3f} ± {nmi.std(ddof=1) if len(nmi) > 1 else 0:.3f}   "
        f"ARI {ari.mean():.3f} ± {ari.std(ddof=1) if len(ari) > 1 else 0:.3f}   "
        f"wall {secs.mean():5.1f} s  cpu {cpu.mean():5.1f} s"
    )
    if baseline is not None:
        line += f"   ΔNMI {nmi.mean() - baseline:+.3f}"
    if "k" in runs[0]:
        line += f"   k={[r['k'] for r in runs]}"
    return line


def vectorised_steps(texts: list[str], labels: list[str], seeds: list[int]) -> list[tuple[str, list[dict]]]:
    """Return (step, runs) for the baseline and each step towards the method (articles only)."""
    n = len(texts)

    def vectorise(make):
        start, cpu = time.perf_counter(), time.process_time()
        X = make().fit_transform(texts)
        return X, (time.perf_counter() - start, time.process_time() - cpu)

    def cluster(X, spent, *, lsa: int = 0, n_init="auto") -> list[dict]:
        runs = []
        for seed in seeds:
            start, cpu = time.perf_counter(), time.process_time()
            Z = X
            if lsa:
                Z = Normalizer().fit_transform(TruncatedSVD(lsa, random_state=seed).fit_transform(X))
            predicted = KMeans(K, random_state=seed, n_init=n_init).fit_predict(Z)
            nmi, ari = score(labels, predicted)
            runs.append({"nmi": nmi, "ari": ari, "seconds": spent[0] + time.perf_counter() - start,
                         "cpu": spent[1] + time.process_time() - cpu})
        return runs

    out = []
    X, t = vectorise(TfidfVectorizer)
    out.append(("baseline: TfidfVectorizer() + KMeans(7)", cluster(X, t)))
    X, t = vectorise(lambda: TfidfVectorizer(preprocessor=normalise, sublinear_tf=True))
    out.append(("+ normalise + sublinear TF", cluster(X, t)))
    X, t = vectorise(lambda: text_vectorizer(n, "word"))
    out.append(("+ stop words + light stems + df bounds", cluster(X, t)))
    out.append(("  + LSA(100) + l2", cluster(X, t, lsa=100)))
    out.append(("  + LSA(100) + l2 + n_init=10", cluster(X, t, lsa=100, n_init=10)))
    out.append(("  + LSA(100) + l2 + n_init=30", cluster(X, t, lsa=100, n_init=30)))
    out.append(("  + LSA(50) + l2 + n_init=30  (method)", cluster(X, t, lsa=50, n_init=30)))
    X, t = vectorise(lambda: text_vectorizer(n, "char_wb"))
    out.append(("+ stop words + char_wb 3-5 + df bounds", cluster(X, t)))
    out.append(("  + LSA(50) + l2 + n_init=30", cluster(X, t, lsa=50, n_init=30)))
    return out


def method_runs(articles, mentions, labels_by_id, seeds, *, k, settings=TopicSettings()) -> list[dict]:
    runs = []
    for seed in seeds:
        start, cpu = time.perf_counter(), time.process_time()
        result = fit_topics(articles, mentions, k=k, random_state=seed, settings=settings)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        dominant = result.article_topics[result.article_topics["rank"] == 1]
        nmi, ari = score([labels_by_id[a] for a in dominant["article_id"]], dominant["topic_id"].astype(int))
        runs.append({"nmi": nmi, "ari": ari, "seconds": seconds, "cpu": cpu, "k": len(result.topics),
                     "passages": len(result.passage_topics), "result": result})
    return runs


def extracted_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    from techdiplomacy.extract import places, sectors
    from techdiplomacy.text.document import Document

    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        doc = Document(text, article_id=article_id, language="ar")
        rows.extend(places.extract(doc))
        rows.extend(sectors.extract(doc))
    return schema.conform("mentions", rows)


def scale(articles: pd.DataFrame, n: int, exact: bool = False) -> None:
    """Time the whole topic build on ``n`` articles (repeats of ANT), e.g. past the sample threshold."""
    from common import peak_rss_mb

    copies = -(-n // len(articles))
    big = pd.concat(
        [articles.assign(article_id=articles["article_id"] + f"#{i}") for i in range(copies)], ignore_index=True
    ).head(n)
    settings = TopicSettings(large=n) if exact else TopicSettings()
    path = "sample then assign" if n > settings.large else "exact"
    start, cpu = time.perf_counter(), time.process_time()
    result = fit_topics(big, schema.empty("mentions"), k=K, settings=settings)
    print(f"{n} articles ({path}): wall {time.perf_counter() - start:.1f} s, cpu {time.process_time() - cpu:.1f} s, "
          f"peak RSS {peak_rss_mb():.0f} MB, {len(result.article_topics)} article rows, "
          f"{len(result.passage_topics)} paragraph rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--mentions", choices=["none", "extract"], default="none")
    parser.add_argument("--no-ablation", action="store_true", help="skip the step-by-step table")
    parser.add_argument("--no-auto", action="store_true", help="skip the automatic-k runs")
    parser.add_argument("--large-path", action="store_true", help="also run the sample-then-assign path")
    parser.add_argument("--threads", default="1", help="BLAS/OpenMP threads (default 1: one core)")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="only time fit_topics on N articles (ANT repeated under new ids)")
    parser.add_argument("--exact", action="store_true", help="with --scale: fit on every article")
    parser.add_argument("--weights", nargs="*", default=[], metavar="S,C",
                        help="also run k=7 with these sector,country weights (e.g. 0.5,0.6)")
    args = parser.parse_args()

    rows = ant_news(args.limit)
    texts = [r["text"] for r in rows]
    labels = [r["label"] for r in rows]
    articles = schema.conform(
        "articles", [{"article_id": r["docno"], "text": r["text"], "title": r["title"]} for r in rows]
    )
    labels_by_id = dict(zip(articles["article_id"], labels))
    print(f"ANT: {len(rows)} articles, {len(set(labels))} labels, seeds {args.seeds}, "
          f"threads {os.environ['OMP_NUM_THREADS']}")

    if args.scale:
        scale(articles, args.scale, exact=args.exact)
        return

    mentions = schema.empty("mentions")
    if args.mentions == "extract":
        start = time.perf_counter()
        mentions = extracted_mentions(articles)
        print(f"mentions extracted: {len(mentions)} rows in {time.perf_counter() - start:.1f} s (not in the times below)")

    baseline = None
    if not args.no_ablation:
        print("\n-- steps, clustering articles only (time = vectorise + cluster, per seed)")
        for name, runs in vectorised_steps(texts, labels, args.seeds):
            baseline = np.mean([r["nmi"] for r in runs]) if baseline is None else baseline
            print(summary(name, runs, baseline), flush=True)

    print("\n-- method: fit_topics, whole topic build (articles + paragraphs + labels + map)")
    runs = method_runs(articles, mentions, labels_by_id, args.seeds, k=K)
    print(summary(f"fit_topics(k={K}), mentions={args.mentions}", runs, baseline), flush=True)
    print(f"   paragraphs assigned: {runs[0]['passages']}; topics (seed {args.seeds[0]}):")
    topics = runs[0]["result"].topics
    for row in topics.itertuples():
        print(f"   {row.topic_id}  size {row.size:5d}  {row.label}   [{row.sectors}] [{row.countries}]")
    if not args.no_auto:
        auto = method_runs(articles, mentions, labels_by_id, args.seeds, k=None)
        print(summary("fit_topics(k=None): silhouette k", auto, baseline), flush=True)
    for pair in args.weights:
        sector, country = (float(x) for x in pair.split(","))
        settings = TopicSettings(sector_weight=sector, country_weight=country)
        runs = method_runs(articles, mentions, labels_by_id, args.seeds, k=K, settings=settings)
        print(summary(f"fit_topics(k={K}), sector {sector}, country {country}", runs, baseline), flush=True)
    if args.large_path:
        settings = TopicSettings(large=len(articles) // 2, fit_sample=len(articles) // 4)
        large = method_runs(articles, mentions, labels_by_id, args.seeds, k=K, settings=settings)
        print(summary(f"sample path (fit on {settings.fit_sample}, assign all)", large, baseline), flush=True)


if __name__ == "__main__":
    main()
