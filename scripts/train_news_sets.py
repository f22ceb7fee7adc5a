"""The fitting behind scripts/train-news-sets; see there. Reads ../shared data through `precis`, writes
nothing into the repository unless WRITE=1."""
import hashlib
import json
import os
import subprocess
import tempfile

import numpy as np
from rouge_score import rouge_scorer
from scipy.optimize import minimize

from train_news import evaluate_model, subset

PRECIS = os.environ["PRECIS"]
DATA = os.environ["DATA"]
WRITE = os.environ.get("WRITE") == "1"
NESTED = os.environ.get("NESTED") == "1"
FOLDS = 5
SALTS = ("", "a", "b")
L2 = 0.004
TEMPERATURE = 0.05
# How much a writers-dev article counts against a cnndm-dev one. Their references differ in kind (CNN/DailyMail
# highlights against summaries by professional writers, which keep the lede more often); fitting on the
# highlights alone at this L2 loses to Lead-3 on writers-dev.
WRITERS_WEIGHT = 0.1
# The grid that --nested chooses L2 and the writers weight from, inside each training fold.
GRID = [(l2, writers_weight) for writers_weight in (0.1, 0.25, 0.5) for l2 in (0.004, 0.01, 0.03)]
INNER_FOLDS = 4
SCORER = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)


def load(name, source):
    """The compiled-in model, the set feature names, and each article's sets: features and ROUGE-1 F1, with
    `source` ("cnndm" or "writers") for the weight its loss counts."""
    path = os.path.join(DATA, name)
    references = {}
    with open(path) as f:
        for line in f:
            record = json.loads(line)
            references[record["id"]] = record["references"][0]
    lines = subprocess.run([PRECIS, "eval", "features", path], capture_output=True, check=True,
                           text=True).stdout.splitlines()
    header = json.loads(lines[0])
    articles = []
    for line in lines[1:]:
        record = json.loads(line)
        if not record["sets"]:
            continue
        texts = [s["text"] for s in record["sentences"]]
        reference = references[record["id"]]
        rouge = [SCORER.score(reference, "\n".join(texts[i] for i in s["sentences"]))["rouge1"].fmeasure
                 for s in record["sets"]]
        articles.append({"id": record["id"], "source": source,
                         "x": np.array([s["features"] for s in record["sets"]]), "rouge": np.array(rouge)})
    return header, articles


def fit(articles, l2=L2, writers_weight=WRITERS_WEIGHT):
    """Listwise softmax regression (ListNet, Cao et al. 2007) towards softmax(ROUGE-1 / T), by L-BFGS. A
    writers-dev article's loss counts `writers_weight`, a cnndm-dev one's 1. Articles with fewer sets are
    padded with sets of no probability."""
    sets = max(len(a["rouge"]) for a in articles)
    dimension = articles[0]["x"].shape[1]
    x = np.zeros((len(articles), sets, dimension))
    mask = np.zeros((len(articles), sets), dtype=bool)
    target = np.zeros((len(articles), sets))
    for i, a in enumerate(articles):
        n = len(a["rouge"])
        x[i, :n], mask[i, :n] = a["x"], True
        t = np.exp((a["rouge"] - a["rouge"].max()) / TEMPERATURE)
        target[i, :n] = t / t.sum()
    weight = np.array([writers_weight if a["source"] == "writers" else 1.0 for a in articles])
    weight /= weight.sum()

    def loss(w):
        s = np.where(mask, x @ w, -np.inf)
        s -= s.max(axis=1, keepdims=True)
        log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        p = np.exp(log_p)
        value = l2 * w @ w - (weight * np.where(mask, target * log_p, 0).sum(axis=1)).sum()
        gradient = 2 * l2 * w + np.einsum("i,isd,is->d", weight, x, p - target)
        return value, gradient

    return minimize(loss, np.zeros(dimension), jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x


def fold_of(article_id, salt, folds=FOLDS):
    return int(hashlib.sha1((salt + article_id).encode()).hexdigest(), 16) % folds


def chosen_rouge(articles, w):
    """The summed ROUGE-1 of the sets that weights `w` choose, ties to the first set as in LeadSets. Scored in
    Python from each set's ROUGE, without LeadSets' near-duplicate rule."""
    return sum(a["rouge"][int(np.argmax(a["x"] @ w))] for a in articles)


def inner_scores(train, salt, l2, writers_weight):
    """Summed ROUGE-1 over an inner cross-validation of `train`: of cnndm-dev's chosen sets, of writers-dev's,
    and of writers-dev's Lead-3."""
    fold = {a["id"]: fold_of(a["id"], "inner" + salt, INNER_FOLDS) for a in train}
    cnndm, writers, lead = 0.0, 0.0, 0.0
    for j in range(INNER_FOLDS):
        w = fit([a for a in train if fold[a["id"]] != j], l2, writers_weight)
        part = [a for a in train if fold[a["id"]] == j]
        cnndm += chosen_rouge([a for a in part if a["source"] == "cnndm"], w)
        writers += chosen_rouge([a for a in part if a["source"] == "writers"], w)
        lead += sum(a["rouge"][0] for a in part if a["source"] == "writers")
    return cnndm, writers, lead


def nested(cnndm, writers):
    """Nested cross-validation: in each outer training fold, L2 and the writers weight are chosen from GRID by
    an inner cross-validation (the best cnndm-dev score among the points not below Lead-3 on writers-dev, or
    else the best writers-dev score), then fitted there and scored on the outer fold."""
    data = (("cnndm-dev", cnndm), ("writers-dev", writers))
    lead = {name: 100 * np.mean([a["rouge"][0] for a in articles]) for name, articles in data}
    for salt in SALTS:
        scored = {name: 0.0 for name, _ in data}
        picks = []
        for k in range(FOLDS):
            train = [a for a in cnndm + writers if fold_of(a["id"], salt) != k]

            def preference(point):
                inner_cnndm, inner_writers, inner_lead = inner_scores(train, salt, *point)
                safe = inner_writers >= inner_lead
                return safe, inner_cnndm if safe else inner_writers

            # max keeps the first of equal points, as the grid lists them.
            l2, writers_weight = max(GRID, key=preference)
            picks.append(f"L2 {l2}, writers {writers_weight}")
            w = fit(train, l2, writers_weight)
            for name, articles in data:
                scored[name] += chosen_rouge([a for a in articles if fold_of(a["id"], salt) == k], w)
        line = "; ".join(f"{name} news R1 {100 * scored[name] / len(articles):.2f} against Lead-3 {lead[name]:.2f} "
                         f"({100 * scored[name] / len(articles) - lead[name]:+.2f})" for name, articles in data)
        print(f"nested, hash {salt or 'plain'}: {line}; chose {' | '.join(picks)}", flush=True)


def main():
    header, cnndm = load("cnndm-dev.jsonl", "cnndm")
    _, writers = load("writers-dev.jsonl", "writers")
    model = header["model"]
    weighting = "L2 and writers weight chosen in each fold" if NESTED else f"each counting {WRITERS_WEIGHT}, L2 {L2}"
    print(f"fitted on cnndm-dev ({len(cnndm)} articles) and writers-dev ({len(writers)}, {weighting}); "
          f"{cnndm[0]['x'].shape[1]} set features, T {TEMPERATURE}")
    print(f"best set of the first six, the ceiling: ROUGE-1 {100 * np.mean([a['rouge'].max() for a in cnndm]):.2f}")
    if NESTED:
        nested(cnndm, writers)
        return
    paths = {name: os.path.join(DATA, f"{name}.jsonl") for name in ("cnndm-dev", "writers-dev")}
    with tempfile.TemporaryDirectory() as directory:
        for salt in SALTS:
            held = {name: [np.zeros(3), np.zeros(3), 0] for name in paths}
            for k in range(FOLDS):
                w = fit([a for a in cnndm + writers if fold_of(a["id"], salt) != k])
                for name, articles in (("cnndm-dev", cnndm), ("writers-dev", writers)):
                    test_ids = {a["id"] for a in articles if fold_of(a["id"], salt) == k}
                    if not test_ids:
                        continue
                    test_path = subset(paths[name], test_ids, directory, "test.jsonl")
                    scores = evaluate_model(test_path, dict(model, setWeights=list(w)))
                    held[name][0] += len(test_ids) * np.array(scores["news"])
                    held[name][1] += len(test_ids) * np.array(scores["lead-3"])
                    held[name][2] += len(test_ids)
            for name, (news, lead, n) in held.items():
                news, lead = news / n, lead / n
                print(f"held out, {FOLDS} folds (hash {salt or 'plain'}), {name}: news R1 {news[0]:.2f} R2 {news[1]:.2f} "
                      f"RLsum {news[2]:.2f}; Lead-3 R1 {lead[0]:.2f} R2 {lead[1]:.2f} RLsum {lead[2]:.2f}; "
                      f"ΔR1 {news[0] - lead[0]:+.2f}", flush=True)
    w = fit(cnndm + writers)
    print("final weights, fitted on all of cnndm-dev and writers-dev:")
    for name, value in zip(header["setNames"], w):
        print(f"  {name:28} {value:+.4f}")
    for name in ("cnndm-dev.jsonl", "writers-dev.jsonl", "bbc-dev.jsonl", "xsum-dev.jsonl"):
        path = os.path.join(DATA, name)
        if os.path.exists(path):
            scores = evaluate_model(path, dict(model, setWeights=list(w)))
            fitted = " (fitted on)" if name in ("cnndm-dev.jsonl", "writers-dev.jsonl") else " (never seen)"
            print(f"  {name}{fitted}: news R1 {scores['news'][0]:.2f} against Lead-3 {scores['lead-3'][0]:.2f}")
    if WRITE:
        write(header["setNames"], w)


def write(names, w):
    lines = [
        "// Written by scripts/train-news-sets: listwise softmax regression over the sets of three among the first",
        "// six sentences of each article of ../shared/data/summaries/cnndm-dev.jsonl and writers-dev.jsonl (a",
        f"// writers-dev article counting {WRITERS_WEIGHT}), towards softmax(ROUGE-1 / {TEMPERATURE}), L2 {L2}. Its output",
        "// gives the held-out figures; the README has them.",
        "",
        "extension NewsModel {",
        "    /// The weights of ``LeadSets``' features, in ``NewsRanker/setFeatureNames`` order.",
        "    static let setWeights: [Double] = [",
    ]
    for name, value in zip(names, w):
        lines.append(f"        {value:.6f},  // {name}")
    lines += ["    ]", "}", ""]
    path = os.path.join("Sources", "PrecisCore", "Summarization", "NewsSetWeights.swift")
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
