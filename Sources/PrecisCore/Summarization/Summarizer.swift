/// Turns a ``Document`` into a ``Summary``: ranks its sentences with the chosen method, picks as many as
/// the length allows, and returns them in document order with keywords and reading times.
///
/// Selection is Maximal Marginal Relevance (J. Carbonell and J. Goldstein, "The Use of MMR,
/// Diversity-Based Reranking for Reordering Documents and Producing Summaries", SIGIR 1998): the next
/// sentence maximises (1 − λ) · relevance − λ · (largest cosine similarity to a chosen sentence), with
/// λ the ranker's ``SentenceRanker/redundancyPenalty``; when λ > 0 a sentence whose similarity to a
/// chosen one reaches ``Configuration/duplicateThreshold`` is never chosen. Because a candidate's MMR
/// value only falls as sentences are chosen, candidates sit in a max-heap and are re-scored lazily
/// when popped, and similarities are updated through an inverted index. The `news` method chooses a
/// summary of three to six sentences as a whole set instead (``LeadSets``), under the same duplicate rule.
///
/// - Complexity: ranking as the method states, plus O(n log n + Σₜ df(t)) for selection, with terms in
///   more than 1,000 sentences left out of the redundancy check.
public struct Summarizer: Sendable {
    public enum Method: String, Sendable, CaseIterable, Codable {
        case news, lead, luhn, textrank, lexrank

        public var ranker: any SentenceRanker {
            switch self {
            case .news: NewsRanker()
            case .lead: LeadRanker()
            case .luhn: LuhnRanker()
            case .textrank: TextRankRanker()
            case .lexrank: LexRankRanker()
            }
        }
    }

    /// How long a summary may be.
    public enum Length: Sendable, Equatable {
        /// At most this many sentences.
        case sentences(Int)
        /// This share of the document's sentences, rounded, at least one.
        case ratio(Double)
        /// At most this many words; a first chosen sentence longer than this is returned alone.
        case words(Int)
    }

    public struct Configuration: Sendable {
        public var method: Method
        public var length: Length
        /// How many keywords to return.
        public var keywordCount: Int
        /// Cosine similarity at which two sentences count as duplicates.
        public var duplicateThreshold: Double

        public init(
            method: Method = .news, length: Length = .sentences(3), keywordCount: Int = 10,
            duplicateThreshold: Double = 0.6
        ) {
            self.method = method
            self.length = length
            self.keywordCount = keywordCount
            self.duplicateThreshold = duplicateThreshold
        }

        /// Checks that the length is a positive count, a ratio in (0, 1] or a positive word budget.
        public func validate() throws {
            switch length {
            case .sentences(let n) where n < 1:
                throw PrecisError(.invalidOption, "the number of sentences must be at least 1 (got \(n))")
            case .words(let n) where n < 1:
                throw PrecisError(.invalidOption, "the word budget must be at least 1 (got \(n))")
            case .ratio(let r) where !(r > 0 && r <= 1):
                throw PrecisError(.invalidOption, "the ratio must be greater than 0 and at most 1 (got \(r))")
            default:
                break
            }
            if keywordCount < 0 { throw PrecisError(.invalidOption, "the keyword count must not be negative") }
        }
    }

    /// Words per minute for reading times.
    public static let wordsPerMinute = 230

    public var configuration: Configuration
    /// The ranker of ``Configuration/method``, or one given in its place.
    public let ranker: any SentenceRanker
    /// The ranker when it reads sentence vectors, cast once rather than per document.
    private let vectorRanker: (any VectorRanker)?

    public init(configuration: Configuration, ranker: (any SentenceRanker)? = nil) throws {
        try configuration.validate()
        self.configuration = configuration
        self.ranker = ranker ?? configuration.method.ranker
        vectorRanker = self.ranker as? any VectorRanker
    }

    public init(method: Method = .news, length: Length = .sentences(3)) throws {
        try self.init(configuration: Configuration(method: method, length: length))
    }

    public func summarize(_ document: Document) -> Summary {
        let penalty = ranker.redundancyPenalty
        let vectors = penalty > 0 || vectorRanker != nil ? SentenceVectors(document) : nil
        let scores: [Double]
        var set: [Int]?
        if let vectorRanker, let vectors {
            var count: Int?
            if case .sentences(let k) = configuration.length { count = k }
            (scores, set) = vectorRanker.scores(
                for: document, vectors: vectors, count: count, duplicateThreshold: configuration.duplicateThreshold)
        } else {
            scores = ranker.scores(for: document)
        }
        let chosen = set ?? select(document, scores: scores, penalty: penalty, vectors: penalty > 0 ? vectors : nil)
        let sentences = chosen.map { index in
            let sentence = document.sentences[index]
            return Summary.Sentence(
                text: sentence.text, index: index, start: sentence.range.lowerBound, end: sentence.range.upperBound,
                score: scores[index])
        }
        let summaryWords = chosen.reduce(0) { $0 + document.sentences[$1].tokens.count }
        return Summary(
            method: configuration.method.rawValue, language: document.language.code, title: document.title,
            sentences: sentences,
            keywords: KeywordExtractor(count: configuration.keywordCount).keywords(in: document),
            stats: Summary.Stats(
                article: Summary.Counts(sentences: document.sentences.count, words: document.wordCount),
                summary: Summary.Counts(sentences: sentences.count, words: summaryWords)))
    }

    /// The indices of the chosen sentences, in document order.
    /// `vectors` are the document's sentence vectors when `penalty` > 0, and nil otherwise.
    func select(_ document: Document, scores: [Double], penalty: Double, vectors: SentenceVectors?) -> [Int] {
        let n = document.sentences.count
        guard n > 0 else { return [] }
        // Sentences with words are the candidates; a text of only symbols falls back to all.
        var candidates = document.sentences.indices.filter { !document.sentences[$0].tokens.isEmpty }
        if candidates.isEmpty { candidates = Array(0..<n) }

        let limit: Int
        var budget = Int.max
        switch configuration.length {
        case .sentences(let k): limit = k
        case .ratio(let r): limit = max(1, Int((r * Double(n)).rounded()))
        case .words(let w):
            limit = n
            budget = w
        }

        let top = candidates.map { scores[$0] }.max() ?? 0
        let relevance: (Int) -> Double = { top > 0 ? scores[$0] / top : scores[$0] }
        var similarity = [Float](repeating: 0, count: vectors == nil ? 0 : n)
        // The inverted index in compressed form: the postings of term t, (sentence, weight) pairs, are at
        // postings[first[t]..<first[t + 1]]. Terms in more than 1,000 sentences are left out.
        var first: [Int] = []
        var postingSentences: [Int32] = []
        var postingWeights: [Float] = []
        if let vectors {
            first = [Int](repeating: 0, count: document.termCount + 1)
            for s in candidates {
                for k in vectors.offsets[s]..<vectors.offsets[s + 1]
                where vectors.documentFrequency[Int(vectors.terms[k])] <= 1_000 {
                    first[Int(vectors.terms[k]) + 1] += 1
                }
            }
            for t in 0..<document.termCount { first[t + 1] += first[t] }
            var next = first
            postingSentences = [Int32](repeating: 0, count: first[document.termCount])
            postingWeights = [Float](repeating: 0, count: postingSentences.count)
            for s in candidates {
                for k in vectors.offsets[s]..<vectors.offsets[s + 1]
                where vectors.documentFrequency[Int(vectors.terms[k])] <= 1_000 {
                    let t = Int(vectors.terms[k])
                    postingSentences[next[t]] = Int32(s)
                    postingWeights[next[t]] = vectors.weights[k]
                    next[t] += 1
                }
            }
        }
        var accumulated = [Float](repeating: 0, count: vectors == nil ? 0 : n)
        var touched: [Int] = []
        func value(_ s: Int) -> Double {
            let redundancy = vectors == nil ? 0 : Double(similarity[s])
            return (1 - penalty) * relevance(s) - penalty * redundancy
        }

        var heap = Heap(candidates.map { Heap.Entry(value: value($0), index: $0) })
        var chosen: [Int] = []
        var words = 0
        while chosen.count < limit, let entry = heap.pop() {
            let s = entry.index
            let current = value(s)
            if current < entry.value - 1e-12 {
                heap.push(Heap.Entry(value: current, index: s))
                continue
            }
            if vectors != nil && !chosen.isEmpty && Double(similarity[s]) >= configuration.duplicateThreshold {
                continue
            }
            let length = document.sentences[s].tokens.count
            if budget != Int.max {
                if chosen.isEmpty && length > budget {
                    chosen.append(s)
                    break
                }
                if words + length > budget { continue }
            }
            chosen.append(s)
            words += length
            if let vectors {
                // Raise the similarity to the chosen set of every candidate that shares a term with s.
                for k in vectors.offsets[s]..<vectors.offsets[s + 1] {
                    let t = Int(vectors.terms[k])
                    let w = vectors.weights[k]
                    for p in first[t]..<first[t + 1] {
                        let o = Int(postingSentences[p])
                        if accumulated[o] == 0 { touched.append(o) }
                        accumulated[o] += w * postingWeights[p]
                    }
                }
                for o in touched {
                    similarity[o] = max(similarity[o], accumulated[o])
                    accumulated[o] = 0
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
        return chosen.sorted()
    }
}

/// A binary max-heap of candidates ordered by value, ties by earlier position (Williams 1964).
/// - Complexity: O(log n) per push and pop.
struct Heap {
    struct Entry {
        var value: Double
        var index: Int

        func precedes(_ other: Entry) -> Bool {
            value != other.value ? value > other.value : index < other.index
        }
    }

    private var items: [Entry]

    init(_ entries: [Entry]) {
        items = entries
        var i = items.count / 2 - 1
        while i >= 0 {
            siftDown(i)
            i -= 1
        }
    }

    mutating func push(_ entry: Entry) {
        items.append(entry)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].precedes(items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        if !items.isEmpty { siftDown(0) }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let left = 2 * i + 1
            let right = left + 1
            var best = i
            if left < items.count && items[left].precedes(items[best]) { best = left }
            if right < items.count && items[right].precedes(items[best]) { best = right }
            if best == i { return }
            items.swapAt(i, best)
            i = best
        }
    }
}
