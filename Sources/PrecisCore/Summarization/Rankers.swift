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
        var frequency = [Int](repeating: 0, count: document.vocabulary.count)
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
/// - Complexity: O(n · min(n, 256) · l) to build the windowed graph (``SentenceGraph``), plus
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

    static func centrality(_ vectors: SentenceVectors) -> [Float] {
        let graph = SentenceGraph(count: vectors.count) { i, j in vectors.cosine(i, j) }
        return graph.pageRank()
    }
}

/// The default ranker for news: lexical centrality combined with what is known about how news is
/// written.
///
/// The score of a sentence is a weighted sum of
/// - a lede prior that decays with position, since the inverted pyramid puts the news first (the
///   position signal that makes Lead-3 a strong baseline; PacSum, Zheng and Lapata 2019, "Sentence
///   Centrality Revisited for Unsupervised Summarization", ACL, weights centrality by position for the
///   same reason);
/// - continuous LexRank centrality (Erkan and Radev 2004), scaled to the best sentence;
/// - the share of the title's content stems that the sentence contains (Edmundson 1969, "New Methods in
///   Automatic Extracting", JACM 16(2): title words as evidence of salience);
/// - the cosine similarity to the first sentence, which states the story;
///
/// multiplied by a length prior that discounts fragments (under six words), run-on sentences (over 60)
/// and lines without terminal punctuation (bylines, captions, headings). The ``Summarizer`` then picks
/// sentences by Maximal Marginal Relevance (Carbonell and Goldstein 1998) with ``redundancyPenalty``, so
/// a sentence that repeats a chosen one is passed over, and near-duplicates are never both chosen.
///
/// - Complexity: that of ``LexRankRanker``; near-linear in the number of sentences.
public struct NewsRanker: SentenceRanker {
    public struct Weights: Sendable {
        public var position = 0.45
        public var centrality = 0.25
        public var title = 0.15
        public var lede = 0.15
        /// The position prior is 1 / (1 + index / positionScale).
        public var positionScale = 2.0

        public init() {}
    }

    public var weights = Weights()
    public var redundancyPenalty: Double { 0.3 }

    public init() {}

    public func scores(for document: Document) -> [Double] {
        let vectors = SentenceVectors(document)
        let centrality = LexRankRanker.centrality(vectors)
        let maxCentrality = Double(centrality.max() ?? 1)
        let titleTerms = document.titleTerms
        let first = document.sentences.firstIndex { vectors.length($0.index) > 0 }
        return document.sentences.map { sentence in
            let i = sentence.index
            let position = 1 / (1 + Double(i) / weights.positionScale)
            let central = maxCentrality > 0 ? Double(centrality[i]) / maxCentrality : 0
            let title = titleTerms.isEmpty ? 0 : Double(vectors.overlap(i, with: titleTerms)) / Double(titleTerms.count)
            let lede = first.map { $0 == i ? 1 : Double(vectors.cosine(i, $0)) } ?? 0
            var score =
                weights.position * position + weights.centrality * central + weights.title * title
                + weights.lede * lede
            let words = sentence.tokens.count
            if words < 6 { score *= 0.5 } else if words > 60 { score *= 0.7 }
            if !Self.endsWithPunctuation(sentence.text) { score *= 0.6 }
            return score
        }
    }

    static func endsWithPunctuation(_ text: String) -> Bool {
        for scalar in text.unicodeScalars.reversed() {
            switch scalar {
            case "\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{BB}": continue
            case ".", "!", "?", "\u{2026}", "\u{3002}", "\u{FF01}", "\u{FF1F}": return true
            default: return false
            }
        }
        return false
    }
}
