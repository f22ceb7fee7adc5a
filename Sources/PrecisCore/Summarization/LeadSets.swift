/// Chooses a short news summary (three to six sentences) as a whole set: every way of taking k of the
/// first k + 3 sentences is scored by a linear model over the set, and the best set wins.
///
/// A news summary is judged as a whole, not sentence by sentence. Which lede sentences to keep depends on
/// the others: two sentences that tell the same fact are worth one, and three long sentences cost more
/// precision than three short ones. Scoring whole sets sees those interactions. Scoring sentences one at
/// a time cannot. The sets are limited to the head of the article, where an inverted pyramid puts the
/// news (See et al. 2017: Lead-3 is hard to beat on CNN/DailyMail).
///
/// A set's features (``featureNames``) are:
/// - the sums of its sentences' ``NewsRanker/Feature``s, the bias left out;
/// - its length in words, the length squared, and its shortest sentence;
/// - the largest and the mean word overlap between two of its sentences;
/// - its coverage, the share of the article's content-word occurrences whose stem the set contains, in
///   the spirit of SumBasic's frequency argument (Nenkova and Vanderwende 2005);
/// - distinct content stems per word, and coverage per hundred words.
///
/// The weights are ``NewsRanker/Model/setWeights``. `scripts/train-news-sets` fits them offline by listwise
/// softmax regression (ListNet: Cao et al. 2007, "Learning to rank: from pairwise approach to listwise
/// approach", ICML). Each article's sets are fitted towards a softmax of their ROUGE-1 against the
/// reference. That fits the model to the choice it makes, which labels of single sentences do not.
///
/// - Complexity: O(w) to prepare, plus O(C(k + 3, 3) · k²) for the sets and their overlaps, k ≤ 6.
struct LeadSets {
    /// Sets are drawn from this many sentences more than the summary's length.
    static let extraCandidates = 3
    /// Summaries of fewer or more sentences are chosen one sentence at a time instead. The weights are
    /// fitted on sets of three; on one or two sentences they lose to a one-at-a-time choice on writers-dev
    /// (a lede alone, or the lede and one more, is hard to improve on), and past six the sets grow too many.
    static let smallestCount = 3
    static let largestCount = 6

    /// The features of a set besides the sums of its sentences' features.
    private static let ownFeatureNames = [
        "words", "wordsSquared", "shortest", "largestOverlap", "meanOverlap", "coverage", "density",
        "coveragePerWord",
    ]

    /// The names of the set features, in weight order; made when asked for, since a name made with
    /// `String(describing:)` costs a reflection.
    static var featureNames: [String] {
        NewsRanker.Feature.allCases.dropFirst().map { "sum of \($0.name)" } + ownFeatureNames
    }

    /// The number of set features: one sum per sentence feature but the bias, then the set's own.
    static let featureCount = NewsRanker.Feature.allCases.count - 1 + ownFeatureNames.count

    /// The candidate sentences' indices in the document, in order.
    let pool: [Int]
    /// The candidates' sentence features without the bias, row after row.
    private let sums: [Double]
    private let words: [Int]
    /// The word overlap of candidates a and b at `overlaps[a * pool.count + b]`.
    private let overlaps: [Double]
    /// The content terms of any candidate, grouped by the candidates that hold them (bit c for candidate
    /// c): per group, the number of terms and their occurrences as content words in the article; and the
    /// article's content-word occurrences. A set covers a group's terms together, and most terms of a
    /// lede are held by one candidate, so there are a few groups for dozens of terms.
    private let coverGroups: [(holders: UInt16, terms: Int32, occurrences: Int32)]
    private let contentTotal: Int
    private static let sumCount = NewsRanker.Feature.allCases.count - 1

    /// The candidates for a summary of `count` sentences: the first `count + extraCandidates` sentences
    /// that have words, or nil when there are no more of them than `count` or `count` is out of range.
    static func pool(_ document: Document, count: Int) -> [Int]? {
        guard count >= smallestCount && count <= largestCount else { return nil }
        let sentences = document.sentences
        let pool = Array(
            sentences.indices.lazy.filter { !sentences[$0].tokens.isEmpty }.prefix(count + extraCandidates))
        return pool.count > count ? pool : nil
    }

    /// The sets drawn from `pool`, whose sentences have the ``NewsRanker`` feature rows without the bias
    /// in `sums`, row after row.
    ///
    /// Which candidates hold each term is kept as a bit mask per term, so that the overlaps of all pairs
    /// and the coverage of every set are counted over the candidates' terms once, with no sorting and no
    /// merging of term lists.
    init(_ document: borrowing Document, vectors: borrowing SentenceVectors, pool: [Int], sums: [Double]) {
        self.pool = pool
        self.sums = sums
        words = pool.map { document.sentences[$0].tokens.count }
        let n = pool.count
        // At most largestCount + extraCandidates, nine, candidates: one bit each in a 16-bit mask.
        precondition(n <= 16, "a pool of at most 16 candidates")
        // Overlap counts every distinct term, stopwords too; coverage only the content terms, which are the
        // sentence vectors' terms.
        var holders = [UInt16](filled: 0, count: document.termCount)
        // Each pass lists at most one term a token of the candidates.
        let seen = UnsafeMutableBufferPointer<Int32>.scratch(
            capacity: pool.reduce(0) { $0 + document.sentences[$1].tokens.count })
        defer { seen.freeScratch() }
        var seenCount = 0
        // Each candidate's distinct terms, and those of each pair a < b at `shared[a * n + b]`; candidates
        // are below n, so every place written is within them.
        let distinct = UnsafeMutableBufferPointer<Int>.scratch(capacity: n)
        distinct.initialize(repeating: 0)
        defer { distinct.freeScratch() }
        let shared = UnsafeMutableBufferPointer<Int>.scratch(capacity: n * n)
        shared.initialize(repeating: 0)
        defer { shared.freeScratch() }
        var coverGroups: [(holders: UInt16, terms: Int32, occurrences: Int32)] = []
        holders.withUnsafeMutableBufferPointer { holders in
            /// Notes that the candidates of `bits` hold `term`, listing each term once in `seen`: written to
            /// the next place every time, and counted when it is new, without a branch.
            func hold(_ term: Int32, _ bits: UInt16) {
                seen[seenCount] = term
                seenCount &+= holders[Int(term)] == 0 ? 1 : 0
                holders[Int(term)] |= bits
            }
            for (c, sentence) in pool.enumerated() {
                for token in document.tokens[document.sentences[sentence].tokens] { hold(token.term, 1 << UInt16(c)) }
            }
            for term in seen[..<seenCount] {
                var rest = holders[Int(term)]
                while rest != 0 {
                    let a = rest.trailingZeroBitCount
                    rest &= rest - 1
                    distinct[a] += 1
                    var later = rest
                    while later != 0 {
                        shared[a * n + later.trailingZeroBitCount] += 1
                        later &= later - 1
                    }
                }
                holders[Int(term)] = 0
            }
            seenCount = 0
            for (c, sentence) in pool.enumerated() {
                for k in vectors.offsets[sentence]..<vectors.offsets[sentence + 1] {
                    hold(vectors.terms[k], 1 << UInt16(c))
                }
            }
            // The groups in order of first sight, found through a table by holders.
            let groupOf = UnsafeMutableBufferPointer<Int32>.scratch(capacity: 1 << n)
            defer { groupOf.freeScratch() }
            groupOf.initialize(repeating: -1)
            for term in seen[..<seenCount] {
                let mask = holders[Int(term)]
                let occurrences = vectors.contentFrequency[Int(term)]
                let group = Int(groupOf[Int(mask)])
                if group >= 0 {
                    coverGroups[group].terms += 1
                    coverGroups[group].occurrences += occurrences
                } else {
                    groupOf[Int(mask)] = Int32(coverGroups.count)
                    coverGroups.append((mask, 1, occurrences))
                }
            }
        }
        var overlaps = [Double](filled: 0, count: n * n)
        overlaps.withUnsafeMutableBufferPointer { overlaps in
            for a in 0..<n {
                for b in (a + 1)..<n {
                    let overlap = Double(shared[a * n + b]) / Double(max(1, min(distinct[a], distinct[b])))
                    overlaps[a * n + b] = overlap
                    overlaps[b * n + a] = overlap
                }
            }
        }
        self.overlaps = overlaps
        self.coverGroups = coverGroups
        contentTotal = vectors.contentWords.reduce(0, +)
    }

    /// The chosen candidates (indices into ``pool``) of the best-scoring set without a pair of
    /// `duplicates`, or nil when every set has one; ties go to the earlier set in lexicographic order, so
    /// equal scores keep the lede.
    func best(count: Int, weights: [Double], duplicates: (Int, Int) -> Bool) -> [Int]? {
        var duplicate = [Bool](filled: false, count: pool.count * pool.count)
        duplicate.withUnsafeMutableBufferPointer { duplicate in
            for a in pool.indices {
                for b in pool.indices where b > a { duplicate[a * pool.count + b] = duplicates(pool[a], pool[b]) }
            }
        }
        var best: [Int]?
        var bestScore = -Double.infinity
        forEachSet(count: count) { chosen, features in
            for a in 0..<count {
                for b in (a + 1)..<count where duplicate[chosen[a] * pool.count + chosen[b]] { return }
            }
            var score = 0.0
            for (w, f) in zip(weights, features) { score += w * f }
            if score > bestScore {
                bestScore = score
                best = chosen
            }
        }
        return best
    }

    /// Calls `body` with each set of `count` candidates (indices into ``pool``, in lexicographic order)
    /// and its features, in ``featureNames`` order, in a buffer valid for the call.
    func forEachSet(count: Int, _ body: ([Int], UnsafeBufferPointer<Double>) -> Void) {
        let n = pool.count
        guard count >= 1 && count <= n else { return }
        let sumCount = Self.sumCount
        let buffer = UnsafeMutableBufferPointer<Double>.scratch(capacity: Self.featureCount)
        defer { buffer.freeScratch() }
        var chosen = Array(0..<count)
        while true {
            buffer.update(repeating: 0)
            var total = 0
            var shortest = Int.max
            var members: UInt16 = 0
            for i in chosen {
                for k in 0..<sumCount { buffer[k] += sums[i * sumCount + k] }
                total += words[i]
                shortest = min(shortest, words[i])
                members |= UInt16(1) << UInt16(i)
            }
            // The set's distinct content terms and their occurrences in the article, counted without a
            // branch on each group.
            var covered = 0
            var distinct = 0
            for group in coverGroups {
                let held = group.holders & members != 0 ? 1 : 0
                covered &+= held &* Int(group.occurrences)
                distinct &+= held &* Int(group.terms)
            }
            var largest = 0.0
            var overlapSum = 0.0
            for a in 0..<count {
                for b in (a + 1)..<count {
                    let overlap = overlaps[chosen[a] * n + chosen[b]]
                    largest = max(largest, overlap)
                    overlapSum += overlap
                }
            }
            let pairs = count * (count - 1) / 2
            let coverage = contentTotal > 0 ? Double(covered) / Double(contentTotal) : 0
            let length = Double(total) / 100
            buffer[sumCount] = length
            buffer[sumCount + 1] = length * length
            buffer[sumCount + 2] = Double(shortest) / 30
            buffer[sumCount + 3] = largest
            buffer[sumCount + 4] = pairs > 0 ? overlapSum / Double(pairs) : 0
            buffer[sumCount + 5] = coverage
            buffer[sumCount + 6] = Double(distinct) / Double(max(total, 1))
            buffer[sumCount + 7] = coverage / (Double(max(total, 1)) / 100)
            body(chosen, UnsafeBufferPointer(buffer))

            // The next set in lexicographic order.
            var position = count - 1
            while position >= 0 && chosen[position] == n - count + position { position -= 1 }
            if position < 0 { return }
            chosen[position] += 1
            for later in (position + 1)..<count { chosen[later] = chosen[later - 1] + 1 }
        }
    }
}
