import Foundation

/// The default ranker for news: a linear model over what is known about how news is written.
///
/// Each sentence is described by cheap features (``Feature``):
/// - its position, since news is written as an inverted pyramid with the news first (the signal that
///   makes Lead-3 a strong baseline, See et al. 2017) and its place in its paragraph;
/// - its continuous LexRank centrality (Erkan and Radev 2004) and its similarity to the document's
///   centroid (Radev et al. 2004, "Centroid-based summarization of multiple documents");
///   position-aware centrality as in PacSum (Zheng and Lapata 2019, ACL) enters as the product of the
///   two kinds of feature;
/// - the share of the title's content stems it contains (Edmundson 1969, JACM 16(2)) and its similarity
///   to the first sentence, which states the story;
/// - its length, quotation, digits, capitalised words and final punctuation, which tell news sentences
///   from captions, bylines, datelines and quotes.
///
/// The score is a linear predictor, bias + Σ wₖ·fₖ, with the weights of ``NewsModel``, compiled in;
/// nothing is loaded at run time. `scripts/train-news` fits them as a logistic regression on sentences
/// labelled by the greedy ROUGE oracle (Nallapati et al. 2017, SummaRuNNer) and reports the fit on data it
/// was not fitted on. A summary of three to six sentences is chosen as a whole set among the first
/// sentences (``LeadSets``, with the model's ``Model/setWeights``); other summaries are chosen by the
/// ``Summarizer`` by Maximal Marginal Relevance (Carbonell and Goldstein 1998) with the model's
/// ``redundancyPenalty``. Either way near-duplicates are never both chosen.
///
/// - Complexity: that of ``LexRankRanker`` plus O(w) for the features: near-linear in the text.
public struct NewsRanker: SentenceRanker, VectorRanker {
    /// The features, in the order of ``Model/weights``.
    public enum Feature: Int, CaseIterable, Sendable {
        case bias
        case first, second, third, inverseIndex, relativePosition
        case paragraphStart, inverseParagraph
        case centrality, centroid, positionCentrality
        case title, lede
        case length, lengthSquared, short, long
        case quoted, startsWithQuote, digits, capitalised, endsWithPunctuation
    }

    /// A linear model over ``Feature``s.
    public struct Model: Sendable, Codable, Equatable {
        /// One weight per feature, in ``Feature`` order.
        public var weights: [Double]
        /// The λ of maximal marginal relevance.
        public var redundancyPenalty: Double
        /// Weights over ``LeadSets`` features, one per name of ``setFeatureNames``, for choosing a summary
        /// of three to six sentences as a set; nil to choose every summary by maximal marginal relevance.
        public var setWeights: [Double]?

        public init(weights: [Double], redundancyPenalty: Double, setWeights: [Double]? = nil) {
            self.weights = weights
            self.redundancyPenalty = redundancyPenalty
            self.setWeights = setWeights
        }
    }

    public var model: Model
    public var redundancyPenalty: Double { model.redundancyPenalty }

    public init(model: Model = NewsModel.weights) {
        self.model = model
    }

    public func scores(for document: Document) -> [Double] {
        scores(for: document, vectors: SentenceVectors(document))
    }

    func scores(for document: Document, vectors: SentenceVectors) -> [Double] {
        scores(for: document, vectors: vectors, count: nil, duplicateThreshold: 1).scores
    }

    /// The sentences' scores; and, for a summary of `count` sentences when the model has set weights
    /// and ``LeadSets`` applies, the indices of the best set in document order that has no two sentences
    /// whose cosine similarity reaches `duplicateThreshold`. When a set is returned, only the scores of
    /// the sentences it was drawn from are computed, and the others read zero: a summary shows the
    /// scores of its own sentences only.
    func scores(
        for document: Document, vectors: SentenceVectors, count: Int?, duplicateThreshold: Double
    ) -> (scores: [Double], set: [Int]?) {
        let n = vectors.count
        guard n > 0 else { return ([], nil) }
        let weights = model.weights
        let features = FeatureRows(document, vectors: vectors)
        let f = UnsafeMutableBufferPointer<Double>.scratch(capacity: Feature.allCases.count)
        defer { f.freeScratch() }
        /// The weighted sum of the row in `f`.
        func weighted() -> Double {
            var score = 0.0
            for (w, x) in zip(weights, f) { score += w * x }
            return score
        }
        let setWeights = model.setWeights.flatMap { $0.count == LeadSets.featureCount ? $0 : nil }
        if let setWeights, let count, let pool = LeadSets.pool(document, count: count) {
            var scores = [Double](filled: 0, count: n)
            var rows: [Double] = []
            rows.reserveCapacity(pool.count * (Feature.allCases.count - 1))
            for i in pool {
                features.row(i, into: f)
                scores[i] = weighted()
                rows.append(contentsOf: f.dropFirst())
            }
            let sets = LeadSets(document, vectors: vectors, pool: pool, sums: rows)
            let chosen = sets.best(count: count, weights: setWeights) {
                Double(features.cosine($0, $1)) >= duplicateThreshold
            }
            if let chosen { return (scores, chosen.map { pool[$0] }) }
        }
        let scores = (0..<n).map { i -> Double in
            features.row(i, into: f)
            return weighted()
        }
        return (scores, nil)
    }

    /// The names of the set features that ``Model/setWeights`` weigh, in order.
    public static var setFeatureNames: [String] { LeadSets.featureNames }

    /// Every set that would be weighed for a summary of `count` sentences: its sentences' indices and its
    /// features, in ``setFeatureNames`` order; empty when the document has no more than `count`
    /// sentences with words or `count` is not between 3 and 6.
    public static func setFeatures(for document: Document, count: Int) -> [(sentences: [Int], features: [Double])] {
        guard let pool = LeadSets.pool(document, count: count) else { return [] }
        let vectors = SentenceVectors(document)
        let all = features(for: document, vectors: vectors)
        let sets = LeadSets(document, vectors: vectors, pool: pool, sums: pool.flatMap { all[$0].dropFirst() })
        var out: [(sentences: [Int], features: [Double])] = []
        sets.forEachSet(count: count) { chosen, features in out.append((chosen.map { pool[$0] }, Array(features))) }
        return out
    }

    /// The feature vectors of the document's sentences, in ``Feature`` order.
    public static func features(for document: Document) -> [[Double]] {
        features(for: document, vectors: SentenceVectors(document))
    }

    static func features(for document: Document, vectors: SentenceVectors) -> [[Double]] {
        guard vectors.count > 0 else { return [] }
        let features = FeatureRows(document, vectors: vectors)
        let f = UnsafeMutableBufferPointer<Double>.scratch(capacity: Feature.allCases.count)
        defer { f.freeScratch() }
        return (0..<vectors.count).map { i in
            features.row(i, into: f)
            return Array(f)
        }
    }

    /// What the features of a document's sentences are computed from: the sentence vectors, LexRank
    /// centrality, the centroid, the title and the first sentence, prepared once for any of its rows.
    ///
    /// It keeps the four arrays of the document that rows read, not the document: a copy of a `Document`
    /// retains each of its many arrays and strings.
    private struct FeatureRows {
        let sentences: [Sentence]
        let paragraphs: [Paragraph]
        let tokens: [Token]
        let titleTerms: [Int32]
        let vectors: SentenceVectors
        let centrality: [Float]
        /// The cosines of sentences within `window` of each other, as the centrality's graph was built from.
        private let band: [Float]
        private let window: Int
        let maxCentrality: Double
        /// The centroid of the sentences' unit tf-idf vectors, and its length.
        let centroid: [Float]
        let centroidNorm: Float
        let firstWithWords: Int?
        let lastIndex: Double

        /// For a document with at least one sentence.
        init(_ document: borrowing Document, vectors: borrowing SentenceVectors) {
            sentences = document.sentences
            paragraphs = document.paragraphs
            tokens = document.tokens
            titleTerms = document.titleTerms
            self.vectors = copy vectors
            (centrality, band, window) = LexRankRanker.centralityAndCosines(vectors)
            maxCentrality = Double(centrality.max() ?? 0)
            // Every term id of the document is below its term count.
            var centroid = [Float](filled: 0, count: document.termCount)
            centroid.withUnsafeMutableBufferPointer { centroid in
                for k in 0..<vectors.terms.count { centroid[Int(vectors.terms[k])] += vectors.weights[k] }
            }
            self.centroid = centroid
            centroidNorm = centroid.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            firstWithWords = sentences.firstIndex { vectors.length($0.index) > 0 }
            lastIndex = Double(max(vectors.count - 1, 1))
        }

        /// The cosine similarity of sentences `i` and `j`: read from the band when they are within its
        /// window, which holds the same values as ``SentenceVectors/cosine(_:_:)``.
        func cosine(_ i: Int, _ j: Int) -> Float {
            let (a, b) = i < j ? (i, j) : (j, i)
            guard a != b, b - a <= window else { return vectors.cosine(i, j) }
            return band[a * window + (b - a - 1)]
        }

        /// Writes the features of sentence `i`, in ``Feature`` order, to `f`.
        func row(_ i: Int, into f: UnsafeMutableBufferPointer<Double>) {
            let sentence = sentences[i]
            f.update(repeating: 0)
            func set(_ feature: Feature, _ value: Double) { f[feature.index] = value }
            set(.bias, 1)
            set(.first, i == 0 ? 1 : 0)
            set(.second, i == 1 ? 1 : 0)
            set(.third, i == 2 ? 1 : 0)
            set(.inverseIndex, 1 / Double(1 + i))
            set(.relativePosition, Double(i) / lastIndex)
            let paragraph = paragraphs[sentence.paragraph]
            set(.paragraphStart, paragraph.sentences.lowerBound == i ? 1 : 0)
            set(.inverseParagraph, 1 / Double(1 + sentence.paragraph))

            let central = maxCentrality > 0 ? Double(centrality[i]) / maxCentrality : 0
            set(.centrality, central)
            var dot: Float = 0
            for k in vectors.offsets[i]..<vectors.offsets[i + 1] {
                dot += vectors.weights[k] * centroid[Int(vectors.terms[k])]
            }
            set(.centroid, centroidNorm > 0 ? Double(dot / centroidNorm) : 0)
            set(.positionCentrality, central / Double(1 + i))
            set(
                .title, titleTerms.isEmpty ? 0 : Double(vectors.overlap(i, with: titleTerms)) / Double(titleTerms.count)
            )
            set(.lede, firstWithWords.map { $0 == i ? 1 : Double(cosine(i, $0)) } ?? 0)

            let words = sentence.tokens.count
            let length = Double(min(words, 60)) / 60
            set(.length, length)
            set(.lengthSquared, length * length)
            set(.short, words < 8 ? 1 : 0)
            set(.long, words > 45 ? 1 : 0)

            let marks = sentence.withUTF8(NewsRanker.marks)
            set(.quoted, marks.quoted ? 1 : 0)
            set(.startsWithQuote, marks.startsWithQuote ? 1 : 0)
            set(.digits, marks.digits ? 1 : 0)
            var capitalised = 0
            for position in sentence.tokens.dropFirst() where tokens[position].startsUppercase {
                capitalised += 1
            }
            set(.capitalised, words > 1 ? Double(capitalised) / Double(words - 1) : 0)
            set(.endsWithPunctuation, marks.endsWithPunctuation ? 1 : 0)
        }
    }

    /// What the features read of a sentence's characters, all from its UTF-8 bytes: whether
    /// it has a double quotation mark and an ASCII digit (``quotesAndDigits(_:)``), whether it starts with
    /// an opening quotation mark, and whether it ends with a sentence mark, before any closing quotation
    /// marks or brackets.
    static func marks(_ bytes: UnsafeBufferPointer<UInt8>) -> (
        quoted: Bool, digits: Bool, startsWithQuote: Bool, endsWithPunctuation: Bool
    ) {
        let (quoted, digits) = quotesAndDigits(bytes)
        let startsWithQuote = !bytes.isEmpty && opensQuote(UTF8Scalar.decode(bytes, at: 0).scalar)
        return (quoted, digits, startsWithQuote, endsWithPunctuation(bytes))
    }

    /// Whether the text has a double quotation mark (" “ ” « ») and whether it has an ASCII digit.
    static func quotesAndDigits(_ text: String) -> (quoted: Bool, digits: Bool) {
        var text = text
        return text.withUTF8 { quotesAndDigits($0) }
    }

    /// ``quotesAndDigits(_:)`` read from UTF-8 bytes: a lead byte always starts a character, so a mark's
    /// lead byte followed by the rest of its bytes is that mark. Runs of ASCII are read sixteen bytes at
    /// a time (``ByteVector``).
    private static func quotesAndDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> (quoted: Bool, digits: Bool) {
        var quoted = false
        var digits = false
        guard let base = bytes.baseAddress else { return (false, false) }
        var i = 0
        let n = bytes.count
        while i < n && !(quoted && digits) {
            if i &+ 16 <= n {
                let vector = ByteVector.load(base, at: i)
                if ByteVector.bits(ByteVector.atLeast(0x80, vector)) == 0 {
                    if ByteVector.bits(ByteVector.equal(vector, 0x22)) != 0 { quoted = true }
                    if ByteVector.bits(ByteVector.within(vector, 0x30, 0x39)) != 0 { digits = true }
                    i &+= 16
                    continue
                }
            }
            let byte = bytes[i]
            i += 1
            if byte < 0x80 {
                if byte == 0x22 { quoted = true } else if byte >= 0x30 && byte <= 0x39 { digits = true }
            } else if byte == 0xE2 {
                // “ and ” are E2 80 9C and E2 80 9D.
                if i + 1 < n && bytes[i] == 0x80 && (bytes[i + 1] == 0x9C || bytes[i + 1] == 0x9D) { quoted = true }
            } else if byte == 0xC2 {
                // « and » are C2 AB and C2 BB.
                if i < n && (bytes[i] == 0xAB || bytes[i] == 0xBB) { quoted = true }
            }
        }
        return (quoted, digits)
    }

    /// Whether a scalar opens a quotation: " ' “ ‘ « „.
    private static func opensQuote(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x22, 0x27, 0x201C, 0x2018, 0xAB, 0x201E: return true
        default: return false
        }
    }

    /// Whether UTF-8 text ends with . ! ? … 。 ！ or ？, before any of " ' ) ] ” ’ », its scalars read from
    /// the end: a scalar starts at the last byte before it that is not a continuation byte (10xxxxxx).
    private static func endsWithPunctuation(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count
        while end > 0 {
            var start = end - 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            switch UTF8Scalar.decode(bytes, at: start).scalar {
            case 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0xBB: end = start
            case 0x2E, 0x21, 0x3F, 0x2026, 0x3002, 0xFF01, 0xFF1F: return true
            default: return false
            }
        }
        return false
    }
}

extension NewsRanker.Feature {
    /// The position of the feature in a feature vector.
    public var index: Int { rawValue }
    /// The feature's name, as the training script prints it.
    public var name: String { String(describing: self) }
}
