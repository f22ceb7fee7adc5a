import Foundation

/// Scores the sentences of a document for extraction; higher is better. The ``Summarizer`` picks
/// sentences by these scores under a length limit and returns them in document order.
public protocol SentenceRanker: Sendable {
    /// One score per sentence of `document`, in document order.
    func scores(for document: Document) -> [Double]
    /// How much the selection step penalises a sentence for repeating one already chosen, from 0
    /// (never) to 1; see ``Summarizer``.
    var redundancyPenalty: Double { get }
}

extension SentenceRanker {
    public var redundancyPenalty: Double { 0 }
}

/// A ranker that works on the sentences' tf-idf vectors, which the ``Summarizer`` also needs for its
/// redundancy check: it builds them once and hands them to both.
protocol VectorRanker: SentenceRanker {
    func scores(for document: Document, vectors: SentenceVectors) -> [Double]

    /// The scores; and, for a summary of `count` sentences (nil for other lengths), the sentences a
    /// ranker that chooses whole sets picks, in document order, with no two whose cosine similarity
    /// reaches `duplicateThreshold`; nil leaves the choice to the ``Summarizer``.
    func scores(for document: Document, vectors: SentenceVectors, count: Int?, duplicateThreshold: Double)
        -> (scores: [Double], set: [Int]?)
}

extension VectorRanker {
    func scores(for document: Document, vectors: SentenceVectors, count: Int?, duplicateThreshold: Double)
        -> (scores: [Double], set: [Int]?)
    {
        (scores(for: document, vectors: vectors), nil)
    }
}

/// The first sentences: the baseline that news summarizers must beat, because journalists put the news
/// first (the inverted pyramid; on CNN/DailyMail, Lead-3 beats most unsupervised extractive methods,
/// see See et al. 2017, "Get To The Point", ACL).
///
/// - Complexity: O(n).
public struct LeadRanker: SentenceRanker {
    public init() {}

    public func scores(for document: Document) -> [Double] {
        document.sentences.map { 1 / Double(1 + $0.index) }
    }
}

/// Luhn's method (H. P. Luhn, "The Automatic Creation of Literature Abstracts", IBM Journal of Research
/// and Development 2(2), 1958): words that are frequent in the text but not function words are
/// significant; a sentence scores by its densest cluster of significant words, (significant words in
/// the cluster)² / (words the cluster spans), where a cluster ends after more than four insignificant
/// words.
///
/// Significant words here are stems that occur at least twice and rank among the most frequent tenth
/// of the text's content stems (at least ten of them).
///
/// - Complexity: O(w + v log v) for w words and v distinct stems.
public struct LuhnRanker: SentenceRanker {
    /// Insignificant words allowed inside a cluster.
    public var gap = 4

    public init() {}

    public func scores(for document: Document) -> [Double] {
        var frequency = [Int](repeating: 0, count: document.termCount)
        for token in document.tokens where token.isContent { frequency[Int(token.term)] += 1 }
        let ranked = frequency.indices.filter { frequency[$0] >= 2 }.sorted {
            frequency[$0] != frequency[$1] ? frequency[$0] > frequency[$1] : $0 < $1
        }
        let keep = max(10, ranked.count / 10)
        var significant = [Bool](repeating: false, count: frequency.count)
        for term in ranked.prefix(keep) { significant[term] = true }

        return document.sentences.map { sentence in
            var best = 0.0
            var clusterStart = -1
            var lastSignificant = -1
            var inCluster = 0
            for (position, token) in document.tokens[sentence.tokens].enumerated() {
                guard token.isContent && significant[Int(token.term)] else { continue }
                if clusterStart < 0 || position - lastSignificant - 1 > gap {
                    clusterStart = position
                    inCluster = 0
                }
                inCluster += 1
                lastSignificant = position
                let span = Double(lastSignificant - clusterStart + 1)
                best = max(best, Double(inCluster * inCluster) / span)
            }
            return best
        }
    }
}

/// TextRank (R. Mihalcea and P. Tarau, "TextRank: Bringing Order into Texts", EMNLP 2004): weighted
/// PageRank over a graph of sentences, with the similarity of two sentences the number of content stems
/// they share divided by log |S₁| + log |S₂|.
///
/// - Complexity: O(n · w · l) to build the windowed graph (``SentenceGraph``, w ≤ 256 neighbours), plus
///   O(iterations · edges) for PageRank; linear in n for long texts.
public struct TextRankRanker: SentenceRanker {
    public init() {}

    public func scores(for document: Document) -> [Double] {
        let vectors = SentenceVectors(document)
        let graph = SentenceGraph(count: vectors.count) { i, j in
            let li = vectors.length(i)
            let lj = vectors.length(j)
            guard li > 1 || lj > 1 else { return li == 1 && lj == 1 && vectors.overlap(i, j) == 1 ? 1 : 0 }
            let shared = vectors.overlap(i, j)
            guard shared > 0 else { return 0 }
            return Float(shared) / (logf(Float(max(li, 1))) + logf(Float(max(lj, 1))))
        }
        return graph.pageRank().map(Double.init)
    }
}

/// Continuous LexRank (G. Erkan and D. R. Radev, "LexRank: Graph-based Lexical Centrality as Salience in
/// Text Summarization", JAIR 22, 2004): PageRank over the graph whose edge weights are the idf-modified
/// cosine similarities of the sentences' tf-idf vectors.
///
/// - Complexity: as ``TextRankRanker``.
public struct LexRankRanker: SentenceRanker {
    public init() {}

    public func scores(for document: Document) -> [Double] {
        Self.centrality(SentenceVectors(document)).map(Double.init)
    }

    static func centrality(_ vectors: SentenceVectors) -> [Float] { centralityAndCosines(vectors).centrality }

    /// The centrality, and the cosines of the sentence pairs within ``SentenceGraph/window(count:)`` of
    /// each other as ``SentenceVectors/cosineBand(window:)`` lays them out, for callers that need some.
    static func centralityAndCosines(_ vectors: SentenceVectors) -> (
        centrality: [Float], band: [Float], window: Int
    ) {
        let window = SentenceGraph.window(count: vectors.count)
        let band = vectors.cosineBand(window: window)
        let graph = SentenceGraph(count: vectors.count, band: band, window: window)
        return (graph.pageRank(), band, window)
    }
}
