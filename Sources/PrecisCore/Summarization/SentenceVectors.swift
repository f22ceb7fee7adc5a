import Foundation

/// The content terms of each sentence as sparse vectors, the shared input of the rankers.
///
/// Stored in compressed-row form: the terms of sentence `i` are `terms[offsets[i]..<offsets[i + 1]]`,
/// sorted by id, with their counts and their tf-idf weights normalised to unit length, so a cosine
/// similarity is one merge of two sorted lists.
///
/// idf is computed over the document's sentences: idf(t) = ln((1 + N) / (1 + df(t))) + 1.
struct SentenceVectors {
    let count: Int
    let offsets: [Int]
    let terms: [Int32]
    let weights: [Float]
    /// Number of sentences that contain each term, by term id.
    let documentFrequency: [Int32]
    /// Number of content words in each sentence.
    let contentWords: [Int]
    /// Number of occurrences of each term as a content word in the document, by term id.
    let contentFrequency: [Int32]

    /// - Complexity: O(w) for w words in sentences whose terms lie close together in id (each sentence
    ///   reads the 64-bit words of a bit set between its lowest term and its highest), O(w log w) when
    ///   they do not and their ids are sorted instead.
    init(_ document: borrowing Document) {
        let n = document.sentences.count
        var contentWords = [Int](filled: 0, count: n)
        var offsets = [Int](filled: 0, count: n + 1)
        // At most one entry per token: the sentences' terms and their counts, `entries` of them so far.
        let entryTerms = UnsafeMutableBufferPointer<Int32>.scratch(capacity: document.tokens.count)
        defer { entryTerms.freeScratch() }
        let entryCounts = UnsafeMutableBufferPointer<Float>.scratch(capacity: document.tokens.count)
        defer { entryCounts.freeScratch() }
        var entries = 0
        // A sentence's content terms are marked in a bit set of the document's terms and counted, then
        // read in ascending order from the marked words: no two terms are compared, so there is no
        // branch on their order to mispredict. Words are cleared as they are read. A sentence whose
        // terms span more words of the set than a few per term (a long text's new words beside its
        // first ones) has its terms sorted instead, so that no sentence costs more than its words.
        let termCount = document.termCount
        let marks = UnsafeMutableBufferPointer<UInt64>.scratch(capacity: termCount / 64 + 1)
        marks.initialize(repeating: 0)
        defer { marks.freeScratch() }
        let occurrences = UnsafeMutableBufferPointer<Int32>.scratch(capacity: termCount + 1)
        occurrences.initialize(repeating: 0)
        defer { occurrences.freeScratch() }
        let scratch = UnsafeMutableBufferPointer<Int32>.scratch(capacity: document.tokens.count)
        defer { scratch.freeScratch() }
        // The entries, and each term's document and content frequencies, are written through buffers
        // rather than arrays, whose checks on every write cost as much as the work: every term is below
        // `termCount`, and there is room for an entry a token.
        let df = UnsafeMutableBufferPointer<Int32>.scratch(capacity: termCount)
        df.initialize(repeating: 0)
        defer { df.freeScratch() }
        let frequency = UnsafeMutableBufferPointer<Int32>.scratch(capacity: termCount)
        frequency.initialize(repeating: 0)
        defer { frequency.freeScratch() }
        document.tokens.withUnsafeBufferPointer { tokens in
            for (s, sentence) in document.sentences.enumerated() {
                var k = 0
                var lowest = termCount
                var highest = 0
                for t in sentence.tokens {
                    // Written for every token; a token that is no content word marks and counts nothing.
                    let content = tokens[t].contentBit
                    let term = Int(tokens[t].term)
                    let bit = UInt64(truncatingIfNeeded: content) << UInt64(term & 63)
                    marks[term >> 6] |= bit
                    occurrences[term] &+= Int32(truncatingIfNeeded: content)
                    scratch[k] = Int32(truncatingIfNeeded: term)
                    k &+= content
                    lowest = content != 0 ? min(lowest, term) : lowest
                    highest = content != 0 ? max(highest, term) : highest
                }
                contentWords[s] = k
                guard k > 0 else {
                    offsets[s + 1] = entries
                    continue
                }
                // The sentence's distinct terms in ascending order, in `scratch`.
                var distinct = 0
                if (highest >> 6) - (lowest >> 6) <= 4 * k + 8 {
                    for word in (lowest >> 6)...(highest >> 6) {
                        var bits = marks[word]
                        marks[word] = 0
                        while bits != 0 {
                            scratch[distinct] = Int32(truncatingIfNeeded: word << 6 | bits.trailingZeroBitCount)
                            distinct &+= 1
                            bits &= bits &- 1
                        }
                    }
                } else {
                    var sentenceTerms = UnsafeMutableBufferPointer(rebasing: scratch[..<k])
                    sentenceTerms.sort()
                    for i in 0..<k where i == 0 || scratch[i - 1] != scratch[i] {
                        marks[Int(scratch[i]) >> 6] = 0
                        scratch[distinct] = scratch[i]
                        distinct &+= 1
                    }
                }
                for i in 0..<distinct {
                    let term = Int(scratch[i])
                    let count = occurrences[term]
                    occurrences[term] = 0
                    entryTerms[entries &+ i] = Int32(truncatingIfNeeded: term)
                    entryCounts[entries &+ i] = Float(count)
                    df[term] &+= 1
                    frequency[term] &+= count
                }
                entries &+= distinct
                offsets[s + 1] = entries
            }
        }
        let total = Float(n)
        // One logarithm per distinct document frequency, not one per entry.
        // A term's document frequency is at most the number of sentences.
        var idfOfFrequency = [Float](filled: 0, count: n + 1)
        idfOfFrequency.withUnsafeMutableBufferPointer { idfOfFrequency in
            for f in df where f > 0 && idfOfFrequency[Int(f)] == 0 {
                idfOfFrequency[Int(f)] = logf((1 + total) / (1 + Float(f))) + 1
            }
        }
        let terms = Array(entryTerms[..<entries])
        // The sentences' entries tile 0..<entries.
        var weights = [Float](filled: 0, count: entries)
        weights.withUnsafeMutableBufferPointer { weights in
            for s in 0..<n {
                var norm: Float = 0
                for k in offsets[s]..<offsets[s + 1] {
                    let idf = idfOfFrequency[Int(df[Int(terms[k])])]
                    weights[k] = entryCounts[k] * idf
                    norm += weights[k] * weights[k]
                }
                if norm > 0 {
                    let scale = 1 / norm.squareRoot()
                    for k in offsets[s]..<offsets[s + 1] { weights[k] *= scale }
                }
            }
        }
        self.count = n
        self.offsets = offsets
        self.terms = terms
        self.weights = weights
        self.documentFrequency = Array(df)
        self.contentWords = contentWords
        self.contentFrequency = Array(frequency)
    }

    /// The number of distinct terms of sentence `s`.
    func length(_ s: Int) -> Int { offsets[s + 1] - offsets[s] }

    /// Cosine similarity of the tf-idf vectors of two sentences.
    /// - Complexity: O(l₁ + l₂).
    func cosine(_ a: Int, _ b: Int) -> Float {
        var i = offsets[a]
        var j = offsets[b]
        let ie = offsets[a + 1]
        let je = offsets[b + 1]
        var sum: Float = 0
        while i < ie && j < je {
            let x = terms[i]
            let y = terms[j]
            if x == y {
                sum += weights[i] * weights[j]
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The cosine similarities of every pair of sentences at most `window` positions apart, as a band:
    /// the similarity of sentences i < j is `band[i * window + (j - i - 1)]`.
    ///
    /// Computed term by term over each term's list of sentences rather than pair by pair, so terms
    /// found in one sentence cost nothing; sums run in ascending term order, as in ``cosine(_:_:)``, and
    /// give the same values.
    /// - Complexity: O(Σₜ df(t) · min(df(t), window)) time, O(n · window) memory.
    func cosineBand(window: Int) -> [Float] {
        var band = [Float](filled: 0, count: count * window)
        guard window > 0 else { return band }
        // Each term's sentences (ascending) and weights, in compressed-row form by term id, filled and read
        // through buffers: each term's entries lie within its own row, and two sentences of a term at most
        // `window` apart have their cosine in the band, so every index is in range, and an array's checks
        // (uniqueness, bounds, overflow) would cost as much as the work.
        let sentenceOf = UnsafeMutableBufferPointer<Int32>.scratch(capacity: terms.count)
        defer { sentenceOf.freeScratch() }
        let weightOf = UnsafeMutableBufferPointer<Float>.scratch(capacity: terms.count)
        defer { weightOf.freeScratch() }
        // Each term's next free place in its row: its first at the start, and once all are filled the end
        // of its row, where the next term's starts.
        let fill = UnsafeMutableBufferPointer<Int>.scratch(capacity: documentFrequency.count)
        defer { fill.freeScratch() }
        var placed = 0
        for (t, frequency) in documentFrequency.enumerated() {
            fill[t] = placed
            placed &+= Int(frequency)
        }
        for s in 0..<count {
            for k in offsets[s]..<offsets[s + 1] {
                let t = Int(terms[k])
                sentenceOf[fill[t]] = Int32(truncatingIfNeeded: s)
                weightOf[fill[t]] = weights[k]
                fill[t] &+= 1
            }
        }
        band.withUnsafeMutableBufferPointer { band in
            var start = 0
            for t in documentFrequency.indices {
                let end = fill[t]
                defer { start = end }
                guard end &- start > 1 else { continue }
                for a in start..<end {
                    let i = Int(sentenceOf[a])
                    let wa = weightOf[a]
                    var b = a &+ 1
                    while b < end {
                        let j = Int(sentenceOf[b])
                        guard j &- i <= window else { break }
                        band[i &* window &+ (j &- i &- 1)] += wa * weightOf[b]
                        b &+= 1
                    }
                }
            }
        }
        return band
    }

    /// The number of distinct terms two sentences share.
    func overlap(_ a: Int, _ b: Int) -> Int {
        var i = offsets[a]
        var j = offsets[b]
        let ie = offsets[a + 1]
        let je = offsets[b + 1]
        var shared = 0
        while i < ie && j < je {
            let x = terms[i]
            let y = terms[j]
            if x == y {
                shared += 1
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    /// The number of distinct terms of sentence `s` found in a sorted list.
    func overlap(_ s: Int, with sorted: [Int32]) -> Int {
        Self.sharedCount(terms[offsets[s]..<offsets[s + 1]], sorted[...])
    }

    /// The number of ids two sorted lists without repeats have in common, by one merge.
    static func sharedCount(_ x: ArraySlice<Int32>, _ y: ArraySlice<Int32>) -> Int {
        var i = x.startIndex
        var j = y.startIndex
        var shared = 0
        while i < x.endIndex && j < y.endIndex {
            if x[i] == y[j] {
                shared += 1
                i += 1
                j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }
}

/// A symmetric, weighted sentence graph and its stationary distribution under the random surfer of
/// PageRank (Brin & Page 1998).
///
/// To keep the cost near-linear in long texts, each sentence is linked only to the sentences within
/// ``window(count:)`` positions of it: 128 on either side, so a news article of up to 129 sentences gets
/// the full graph, narrowing to 32 in texts of tens of thousands of sentences to bound memory.
///
/// A full graph is held as a dense matrix, whose PageRank steps compute sixteen sentences' sums at once
/// (`SIMD16`); a windowed one as sparse rows. Both give the same scores to the last bit: each sentence's
/// sum runs over its neighbours in ascending order, and a pair without an edge adds an exact zero.
struct SentenceGraph {
    /// The number of neighbours on either side that a sentence of a text of `n` sentences is linked to:
    /// 128, narrowing to 32 in very long texts, and never more than the text has (`n − 1`), so that a
    /// short text's band holds no columns that no pair reaches.
    static func window(count n: Int) -> Int { min(max(32, min(128, 4_000_000 / max(n, 1))), max(n - 1, 0)) }

    private typealias Lanes = SIMD16<Float>

    private enum Edges {
        /// Node i's neighbours, in ascending order, are `targets[first[i]..<first[i + 1]]`, with the edge
        /// weights in `weights` at the same places.
        case sparse(first: [Int], targets: [Int32], weights: [Float])
        /// The weight of every pair, zero for no edge, in rows of `stride` floats (the node count rounded
        /// up to a multiple of ``Lanes``); the padding is zero.
        case dense(weights: [Float], stride: Int)
    }

    let count: Int
    private let edges: Edges

    /// Builds the graph from a band of weights laid out as ``SentenceVectors/cosineBand(window:)`` lays
    /// it out, with `window` no wider than ``window(count:)``; zero weights are no edge. `dense` chooses
    /// the layout, by default dense when the window spans the whole text.
    /// - Complexity: O(n · window).
    init(count n: Int, band: [Float], window: Int, dense: Bool? = nil) {
        count = n
        if dense ?? (window >= n - 1) {
            let stride = (n + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
            var weights = [Float](filled: 0, count: n * stride)
            weights.withUnsafeMutableBufferPointer { weights in
                band.withUnsafeBufferPointer { band in
                    for i in 0..<n {
                        for j in (i + 1)..<min(n, i + window + 1) {
                            // Written without a branch: cosines are never negative, and a zero is no edge.
                            // Indices below n · stride cannot overflow.
                            let w = max(band[i &* window &+ (j &- i &- 1)], 0)
                            weights[i &* stride &+ j] = w
                            weights[j &* stride &+ i] = w
                        }
                    }
                }
            }
            edges = .dense(weights: weights, stride: stride)
            return
        }
        // Two passes over the band: one counts each node's degree, one fills the rows. Pairs come in
        // ascending order of (i, j), so each row fills in ascending order of neighbour: first those
        // below the node (as j), then those above it (as i).
        var degree = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            for j in (i + 1)..<min(n, i + window + 1) where band[i * window + (j - i - 1)] > 0 {
                degree[i + 1] += 1
                degree[j + 1] += 1
            }
        }
        for i in 0..<n { degree[i + 1] += degree[i] }
        var targets = [Int32](repeating: 0, count: degree[n])
        var weights = [Float](repeating: 0, count: degree[n])
        var next = degree
        for i in 0..<n {
            for j in (i + 1)..<min(n, i + window + 1) {
                let w = band[i * window + (j - i - 1)]
                guard w > 0 else { continue }
                targets[next[i]] = Int32(j)
                weights[next[i]] = w
                next[i] += 1
                targets[next[j]] = Int32(i)
                weights[next[j]] = w
                next[j] += 1
            }
        }
        edges = .sparse(first: degree, targets: targets, weights: weights)
    }

    /// Builds the graph with `weight(i, j)` for each pair in the window; zero weights are no edge.
    /// - Complexity: O(n · min(n, 2·window) · l) for sentences of l distinct terms.
    init(count n: Int, weight: (Int, Int) -> Float) {
        let window = Self.window(count: n)
        var band = [Float](repeating: 0, count: n * window)
        for i in 0..<n {
            for j in (i + 1)..<min(n, i + window + 1) { band[i * window + (j - i - 1)] = weight(i, j) }
        }
        self.init(count: n, band: band, window: window)
    }

    /// Weighted PageRank: score(i) = (1 − d)/N + d · Σⱼ w(j, i) / Σₖ w(j, k) · score(j), iterated until the
    /// largest change is below `tolerance`. Sentences without edges keep the teleport mass only.
    /// - Complexity: O(iterations · edges), or O(iterations · n²) for a dense graph.
    func pageRank(damping d: Float = 0.85, tolerance: Float = 1e-5, maxIterations: Int = 100) -> [Float] {
        let n = count
        guard n > 0 else { return [] }
        // Each node's total weight, and each edge's share of its source's, w(j, i) / Σₖ w(j, k), taken once.
        var outWeight = [Float](filled: 0, count: n)
        let share: [Float]
        switch edges {
        case .sparse(let first, let targets, let weights):
            for i in 0..<n {
                for k in first[i]..<first[i + 1] { outWeight[i] += weights[k] }
            }
            share = (0..<weights.count).map { weights[$0] / outWeight[Int(targets[$0])] }
        case .dense(let weights, let stride):
            share = Self.denseShares(weights, count: n, stride: stride, outWeight: &outWeight)
        }
        var score = [Float](filled: 1 / Float(n), count: n)
        var next = score
        let isolated = (0..<n).filter { outWeight[$0] == 0 }
        for _ in 0..<maxIterations {
            var dangling: Float = 0
            for i in isolated { dangling += score[i] }
            let base = (1 - d) / Float(n) + d * dangling / Float(n)
            let change = step(from: score, into: &next, share: share, base: base, damping: d)
            swap(&score, &next)
            if change < tolerance { break }
        }
        return score
    }

    /// The sixteen floats at `offset` (in floats) of `base`.
    @inline(__always)
    private static func lanes(_ base: UnsafePointer<Float>, at offset: Int) -> Lanes {
        UnsafeRawPointer(base + offset).loadUnaligned(as: Lanes.self)
    }

    /// The shares of a dense graph, and each node's total weight in `outWeight`: row j holds the shares of
    /// j's edges, w(j, i) / Σₖ w(j, k) at column i, what j gives each i.
    ///
    /// The matrix is symmetric, so each row's total is its column's, summed for sixteen rows at once in the
    /// same ascending order as a sparse row's; a pair without an edge is an exact zero in both.
    private static func denseShares(_ weights: [Float], count n: Int, stride: Int, outWeight: inout [Float])
        -> [Float]
    {
        [Float](unsafeUninitializedCapacity: weights.count) { share, initialized in
            weights.withUnsafeBufferPointer { weights in
                guard let base = weights.baseAddress, let out = share.baseAddress else { return }
                for j in Swift.stride(from: 0, to: n, by: Lanes.scalarCount) {
                    var total = Lanes()
                    for i in 0..<n { total += lanes(base, at: i * stride + j) }
                    for k in 0..<min(Lanes.scalarCount, n - j) { outWeight[j + k] = total[k] }
                }
                for j in 0..<n {
                    // Zero divided by a positive total is zero: no test per pair.
                    let total = Lanes(repeating: outWeight[j] > 0 ? outWeight[j] : 1)
                    for i in Swift.stride(from: 0, to: stride, by: Lanes.scalarCount) {
                        UnsafeMutableRawPointer(out + j * stride + i).storeBytes(
                            of: lanes(base, at: j * stride + i) / total, as: Lanes.self)
                    }
                }
            }
            initialized = weights.count
        }
    }

    /// One PageRank iteration, next(i) = base + d · Σ share · score(j) over i's edges, read through buffers:
    /// every index was made in range by the initialiser, and bounds checks in the innermost loop cost as
    /// much as its work. Returns the largest change of a score.
    private func step(from score: [Float], into next: inout [Float], share: [Float], base: Float, damping d: Float)
        -> Float
    {
        share.withUnsafeBufferPointer { share in
            score.withUnsafeBufferPointer { score in
                next.withUnsafeMutableBufferPointer { next in
                    switch edges {
                    case .sparse(let first, let targets, _):
                        first.withUnsafeBufferPointer { first in
                            targets.withUnsafeBufferPointer { targets in
                                Self.sparseStep(first, targets, share, score, next, base: base, damping: d)
                            }
                        }
                    case .dense(_, let stride):
                        Self.denseStep(share, stride: stride, score, next, base: base, damping: d)
                    }
                }
            }
        }
    }

    private static func sparseStep(
        _ first: UnsafeBufferPointer<Int>, _ targets: UnsafeBufferPointer<Int32>, _ share: UnsafeBufferPointer<Float>,
        _ score: UnsafeBufferPointer<Float>, _ next: UnsafeMutableBufferPointer<Float>, base: Float, damping d: Float
    ) -> Float {
        var change: Float = 0
        for i in 0..<score.count {
            var sum: Float = 0
            for k in first[i]..<first[i + 1] { sum += share[k] * score[Int(targets[k])] }
            next[i] = base + d * sum
            change = max(change, abs(next[i] - score[i]))
        }
        return change
    }

    /// Sixteen sentences' sums at a time, each over j in ascending order, as in a sparse row; a zero share
    /// adds an exact zero, since scores are positive and finite.
    private static func denseStep(
        _ share: UnsafeBufferPointer<Float>, stride: Int, _ score: UnsafeBufferPointer<Float>,
        _ next: UnsafeMutableBufferPointer<Float>, base: Float, damping d: Float
    ) -> Float {
        guard let shares = share.baseAddress else { return 0 }
        let n = score.count
        var change: Float = 0
        // Offsets are below the matrix's n · stride floats: wrapping arithmetic, which cannot wrap, saves
        // the overflow checks of the innermost loop.
        for i in Swift.stride(from: 0, to: n, by: Lanes.scalarCount) {
            var sum = Lanes()
            for j in 0..<n { sum += lanes(shares, at: j &* stride &+ i) * Lanes(repeating: score[j]) }
            for lane in 0..<min(Lanes.scalarCount, n &- i) {
                next[i &+ lane] = base + d * sum[lane]
                change = max(change, abs(next[i &+ lane] - score[i &+ lane]))
            }
        }
        return change
    }
}
