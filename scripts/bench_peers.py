"""The measuring behind scripts/bench-peers; see there."""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PRECIS = os.environ.get("PRECIS", "")
DATA = os.environ.get("DATA", "")
SPEED = os.environ.get("SPEED", "")
LIMIT = int(os.environ.get("LIMIT", "0") or 0)
SENTENCES = 3
PEERS = ["sumy-lexrank", "sumy-textrank", "sumy-luhn", "summa-textrank", "newspaper4k"]
DEV_SETS = ["cnndm-dev", "writers-dev", "bbc-dev", "xsum-dev"]


def load(path):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    return rows[:LIMIT] if LIMIT else rows


def make_peer(name):
    """A function from (text, title) to a list of summary sentences, set up as the peer's users set it up."""
    if name.startswith("sumy-"):
        from sumy.nlp.stemmers import Stemmer
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
        kind = {"sumy-lexrank": LexRankSummarizer, "sumy-textrank": TextRankSummarizer, "sumy-luhn": LuhnSummarizer}[name]
        summarizer = kind(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        tokenizer = Tokenizer("english")

        def run(text, title):
            parser = PlaintextParser.from_string(text, tokenizer)
            return [str(s) for s in summarizer(parser.document, SENTENCES)]
        return run
    if name == "summa-textrank":
        from summa import summarizer
        from summa.preprocessing.textcleaner import clean_text_by_sentences

        def run(text, title):
            count = len(clean_text_by_sentences(text, "english"))
            if count == 0:
                return []
            ratio = min(1.0, SENTENCES / count)
            return summarizer.summarize(text, ratio=ratio, split=True)[:SENTENCES]
        return run
    if name == "newspaper4k":
        import nltk
        import newspaper.nlp
        from newspaper import Article
        from newspaper.article import ArticleDownloadState
        # newspaper4k 0.9 caches NLTK's English Punkt tokenizer on first use, loading it from the old pickle
        # format; hand it the same model from punkt_tab, which is what this NLTK reads.
        newspaper.nlp.split_sentences._tokenizer = nltk.tokenize.PunktTokenizer("english")

        def run(text, title):
            article = Article("https://example.invalid/article", language="en")
            article.config.max_summary_sent = SENTENCES
            article.download_state = ArticleDownloadState.SUCCESS
            article.is_parsed = True
            article.text = text
            # nlp() returns no summary without a title; a data set without titles gets the first sentence,
            # as a page's headline usually restates its lede.
            first = newspaper.nlp.split_sentences(text)[:1]
            article.title = title or (first[0] if first else "")
            article.nlp()
            return [s for s in article.summary.split("\n") if s]
        return run
    raise SystemExit(f"unknown peer {name}")


def worker(name, path, out_path):
    """Summarises every article of `path` with one peer, in this process alone."""
    run = make_peer(name)
    latencies, outputs = [], []
    started = time.perf_counter()
    for row in load(path):
        t = time.perf_counter()
        try:
            summary = run(row["article"], row.get("title"))
        except Exception as error:  # a peer's own failure on an article is recorded, not fatal
            summary = []
            print(f"{name}: {row['id']}: {error}", file=sys.stderr)
        latencies.append(time.perf_counter() - t)
        outputs.append({"id": row["id"], "summary": summary})
    total = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({"latencies": latencies, "total": total, "rss": rss, "outputs": outputs}, open(out_path, "w"))


def pinned(command):
    return ["taskset", "-c", "0"] + command


def run_peer(name, path):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    subprocess.run(pinned([sys.executable, __file__, "--worker", name, path, out]), check=True)
    result = json.load(open(out))
    os.unlink(out)
    return result


def run_precis(path):
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as f:
        source = f.name
        for row in load(path):
            f.write((json.dumps({"id": row["id"], "article": row["article"], "title": row.get("title")}) + "\n").encode())
    done = subprocess.run(
        pinned(["/usr/bin/time", "-f", "peak-rss-kb %M", PRECIS, "summarize", "--jsonl", source, "--timings",
                "--sentences", str(SENTENCES)]),
        capture_output=True, text=True, check=True)
    os.unlink(source)
    outputs = [json.loads(line) for line in done.stdout.splitlines()]
    stats = {}
    for line in done.stderr.splitlines():
        if line.startswith("peak-rss-kb"):
            stats["rss"] = int(line.split()[1]) / 1024
        elif "articles/s" in line:
            # "N articles (F failed) in T s: R articles/s; per article median M µs, p99 P µs, worst W µs"
            parts = line.replace(",", "").replace(";", "").split()
            stats["rate"] = float(parts[parts.index("articles/s") - 1])
            stats["median"] = float(parts[parts.index("median") + 1]) / 1e6
            stats["p99"] = float(parts[parts.index("p99") + 1]) / 1e6
    return {"outputs": [{"id": o["id"], "summary": o.get("summary", [])} for o in outputs], **stats}


def speed_table(path):
    print(f"Speed on {os.path.basename(path)} ({len(load(path))} articles), one core (taskset -c 0), {SENTENCES} sentences")
    print(f"{'method':16} {'articles/s':>11} {'median':>10} {'p99':>10} {'peak RSS':>9} {'Precis is':>11}")
    # A pass of Precis over a dev set takes a fraction of a second, where a pass of a peer takes seconds;
    # on a shared machine, whose speed swings by a third from one second to the next, one pass or a few
    # in a row see one spell. So Precis's passes are spread through the run, three before each peer and
    # three after the last, and its figure is the median pass: the same spells the peers run through.
    passes = []
    peers = {}
    for name in PEERS:
        passes += [run_precis(path) for _ in range(3)]
        peers[name] = run_peer(name, path)
    passes += [run_precis(path) for _ in range(3)]
    passes.sort(key=lambda run: run["rate"])
    precis = passes[len(passes) // 2]
    rows = [("precis news", precis["rate"], precis["median"], precis["p99"], precis["rss"])]
    for name in PEERS:
        result = peers[name]
        lat = sorted(result["latencies"])
        rows.append((name, len(lat) / result["total"], statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))],
                     result["rss"]))
    for name, rate, median, p99, rss in rows:
        ratio = "" if name == "precis news" else f"{precis['rate'] / rate:,.0f}× faster"
        print(f"{name:16} {rate:11,.1f} {median * 1e3:8.3f} ms {p99 * 1e3:7.3f} ms {rss:6.0f} MB {ratio:>11}")
    print(f"Precis: the median of {len(passes)} passes spread through the run; they ranged from "
          f"{passes[0]['rate']:,.0f} to {passes[-1]['rate']:,.0f} articles/s")
    return rows


def long_article_rss():
    demo = open(os.path.join(os.path.dirname(__file__), "..", "examples", "demo-article.txt")).read()
    body = "\n\n".join(demo.split("\n\n")[2:-4])
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n\n".join(f"Part {i + 1}\n\n{body}" for i in range(20)))
        path = f.name
    words = len(open(path).read().split())
    done = subprocess.run(["/usr/bin/time", "-f", "%M %e", PRECIS, "summarize", path], capture_output=True, text=True, check=True)
    os.unlink(path)
    kb, seconds = done.stderr.split()[-2:]
    print(f"precis summarize on a {words:,}-word article: peak RSS {int(kb) / 1024:.0f} MB, {float(seconds) * 1000:.0f} ms for the whole process")


def rouge_tables():
    from rouge_score import rouge_scorer
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    print("\nROUGE F1 × 100 (rouge-score 0.1.2, stemming, first reference), 3 sentences each")
    header = f"{'method':16}" + "".join(f" {name:>22}" for name in DEV_SETS)
    print(header)
    print(f"{'':16}" + "".join(f" {'R1 / R2 / RLsum':>22}" for _ in DEV_SETS))
    table = {}
    for dev in DEV_SETS:
        path = os.path.join(DATA, dev + ".jsonl")
        if not os.path.exists(path):
            continue
        references = {row["id"]: row["references"][0] for row in load(path)}
        results = {"precis news": run_precis(path)}
        for name in PEERS:
            results[name] = run_peer(name, path)
        for name, result in results.items():
            scores = [scorer.score(references[o["id"]], "\n".join(o["summary"])) for o in result["outputs"]]
            table.setdefault(name, {})[dev] = tuple(
                100 * statistics.mean(s[k].fmeasure for s in scores) for k in ("rouge1", "rouge2", "rougeLsum"))
    for name, by_dev in table.items():
        cells = "".join(
            f" {by_dev[d][0]:6.2f} /{by_dev[d][1]:6.2f} /{by_dev[d][2]:6.2f}" if d in by_dev else f" {'':>22}" for d in DEV_SETS)
        print(f"{name:16}{cells}")


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    speed_table(SPEED)
    long_article_rss()
    rouge_tables()


if __name__ == "__main__":
    main()
