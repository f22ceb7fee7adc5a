"""The fitting behind scripts/train-news; see there. Reads ../shared data through `precis`, writes nothing
into the repository unless WRITE=1."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

PRECIS = os.environ["PRECIS"]
DATA = os.environ["DATA"]
WRITE = os.environ.get("WRITE") == "1"
TRAIN = os.path.join(DATA, "cnndm-dev.jsonl")
CHECKS = [os.path.join(DATA, name) for name in ("writers-dev.jsonl", "bbc-dev.jsonl")]
PENALTIES = [0.0, 0.1, 0.2, 0.3]
L2 = 1.0


def fold_of(article_id):
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2


def features(path):
    out = subprocess.run([PRECIS, "eval", "features", path], capture_output=True, check=True, text=True).stdout
    lines = out.splitlines()
    names = json.loads(lines[0])["names"]
    return names, [json.loads(line) for line in lines[1:]]


def fit(articles, dimension):
    """L2-regularised logistic regression by Newton's method (IRLS); the bias is not penalised."""
    x = np.array([s["features"] for a in articles for s in a["sentences"]], dtype=float)
    y = np.array([1.0 if s["oracle"] else 0.0 for a in articles for s in a["sentences"]])
    w = np.zeros(dimension)
    penalty = np.full(dimension, L2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty) + 1e-9 * np.eye(dimension)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def evaluate(path, weights, penalty):
    return evaluate_model(path, {"weights": list(weights), "redundancyPenalty": penalty})


def evaluate_model(path, model):
    """ROUGE-1/2/Lsum F1 of `news` with `model` (as --news-model reads it) and of Lead-3 on `path`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(model, f)
        model_path = f.name
    out = subprocess.run(
        [PRECIS, "eval", "summaries", path, "--method", "news", "--news-model", model_path, "--no-oracle", "--format",
         "json"],
        capture_output=True, check=True, text=True).stdout
    os.unlink(model_path)
    systems = {s["system"]: s for s in json.loads(out)["systems"]}
    return {name: (systems[name]["rouge1"]["mean"], systems[name]["rouge2"]["mean"], systems[name]["rougeLsum"]["mean"])
            for name in ("news", "lead-3")}


def subset(path, ids, directory, name):
    target = os.path.join(directory, name)
    with open(path) as source, open(target, "w") as out:
        for line in source:
            if json.loads(line)["id"] in ids:
                out.write(line)
    return target


def main():
    names, articles = features(TRAIN)
    dimension = len(names)
    print(f"{len(articles)} articles, {sum(len(a['sentences']) for a in articles)} sentences, {dimension} features")
    with tempfile.TemporaryDirectory() as directory:
        held_out = []
        for fold in (0, 1):
            train = [a for a in articles if fold_of(a["id"]) != fold]
            test_ids = {a["id"] for a in articles if fold_of(a["id"]) == fold}
            train_path = subset(TRAIN, {a["id"] for a in train}, directory, f"train-{fold}.jsonl")
            test_path = subset(TRAIN, test_ids, directory, f"test-{fold}.jsonl")
            w = fit(train, dimension)
            penalty = max(PENALTIES, key=lambda lam: evaluate(train_path, w, lam)["news"][0])
            scores = evaluate(test_path, w, penalty)
            held_out.append((len(test_ids), scores))
            news, lead = scores["news"], scores["lead-3"]
            print(f"fold {fold}: fitted on {len(train)}, scored on {len(test_ids)} (λ={penalty}): "
                  f"news R1 {news[0]:.2f} R2 {news[1]:.2f} RLsum {news[2]:.2f} | "
                  f"lead-3 R1 {lead[0]:.2f} R2 {lead[1]:.2f} RLsum {lead[2]:.2f} | ΔR1 {news[0] - lead[0]:+.2f}")
        total = sum(n for n, _ in held_out)
        mean = lambda system, k: sum(n * s[system][k] for n, s in held_out) / total
        print(f"held out, both folds: news R1 {mean('news', 0):.2f} R2 {mean('news', 1):.2f} RLsum {mean('news', 2):.2f}; "
              f"lead-3 R1 {mean('lead-3', 0):.2f} R2 {mean('lead-3', 1):.2f} RLsum {mean('lead-3', 2):.2f}; "
              f"ΔR1 {mean('news', 0) - mean('lead-3', 0):+.2f}")

        w = fit(articles, dimension)
        penalty = max(PENALTIES, key=lambda lam: evaluate(TRAIN, w, lam)["news"][0])
        print(f"final model on all {len(articles)} articles, λ={penalty}:")
        for name, value in zip(names, w):
            print(f"  {name:20} {value:+.4f}")
        checks = {}
        for path in CHECKS:
            if os.path.exists(path):
                scores = evaluate(path, w, penalty)
                checks[os.path.basename(path)] = scores
                print(f"  {os.path.basename(path)}: news R1 {scores['news'][0]:.2f} vs lead-3 {scores['lead-3'][0]:.2f}")
    if WRITE:
        write_model(names, w, penalty, held_out, checks, mean)


def write_model(names, w, penalty, held_out, checks, mean):
    lines = [
        "// Written by scripts/train-news: logistic regression on the sentences of the CNN/DailyMail dev set",
        "// (../shared/data/summaries/cnndm-dev.jsonl), labelled by the greedy ROUGE oracle.",
        f"// Held out (2-fold cross-validation by id): news ROUGE-1 {mean('news', 0):.2f}, ROUGE-2 {mean('news', 1):.2f}, "
        f"ROUGE-Lsum {mean('news', 2):.2f}",
        f"// against Lead-3 {mean('lead-3', 0):.2f} / {mean('lead-3', 1):.2f} / {mean('lead-3', 2):.2f}.",
    ]
    for name, scores in checks.items():
        lines.append(f"// Not fitted on, {name}: news ROUGE-1 {scores['news'][0]:.2f} against Lead-3 {scores['lead-3'][0]:.2f}.")
    lines += [
        "",
        "/// The weights of ``NewsRanker``'s model, in ``NewsRanker/Feature`` order, fitted offline; see the",
        "/// comment at the top of the file.",
        "public enum NewsModel {",
        "    public static let weights = NewsRanker.Model(",
        "        weights: [",
    ]
    for name, value in zip(names, w):
        lines.append(f"            {value:.6f},  // {name}")
    lines += [
        "        ],",
        f"        redundancyPenalty: {penalty},",
        "        setWeights: setWeights)",
        "}",
        "",
    ]
    path = os.path.join("Sources", "PrecisCore", "Summarization", "NewsModel.swift")
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
