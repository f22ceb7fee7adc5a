/// ROUGE (C.-Y. Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", ACL workshop 2004),
/// computed exactly as Google's `rouge-score` 0.1.2 computes it, since published numbers use that:
///
/// - tokens: the text lowercased, every run of characters other than a–z and 0–9 a separator, and, with
///   stemming, tokens longer than three characters stemmed by ``PorterStemmer``;
/// - ROUGE-N: clipped n-gram overlap over the candidate's and the reference's n-gram counts;
/// - ROUGE-L: the longest common subsequence of the two token sequences;
/// - ROUGE-Lsum: over newline-separated sentences, the union LCS of each reference sentence with every
///   candidate sentence, each token counted at most as often as it occurs on both sides;
/// - several references: for each measure, the scores against the reference with the highest F1 (the
///   first such).
///
/// - Complexity: O(n + m) for ROUGE-N, O(n · m) for ROUGE-L and ROUGE-Lsum, in tokens.
public struct Rouge: Sendable {
    /// Precision, recall and F1 of one measure.
    public struct Score: Sendable, Codable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public static let zero = Score(precision: 0, recall: 0, f1: 0)

        init(precision: Double, recall: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }

        public init(precision: Double, recall: Double, f1: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
        }
    }

    /// The four measures for one candidate.
    public struct Scores: Sendable, Codable, Equatable {
        public var rouge1: Score
        public var rouge2: Score
        public var rougeL: Score
        public var rougeLsum: Score
    }

    public enum Measure: String, Sendable, CaseIterable, Codable {
        case rouge1, rouge2, rougeL, rougeLsum
    }

    public let usesStemmer: Bool
    private let stemmer = PorterStemmer()

    public init(stemming: Bool = true) {
        usesStemmer = stemming
    }

    // MARK: Tokens

    /// The tokens of a text, as rouge-score's default tokenizer makes them.
    public func tokenize(_ text: String) -> [String] {
        var cache: [String: String] = [:]
        return tokenize(text, cache: &cache)
    }

    func tokenize(_ text: String, cache: inout [String: String]) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            let token = String(decoding: current, as: UTF8.self)
            current.removeAll(keepingCapacity: true)
            if usesStemmer && token.utf8.count > 3 {
                if let stemmed = cache[token] {
                    tokens.append(stemmed)
                } else {
                    let stemmed = stemmer.stem(token)
                    cache[token] = stemmed
                    tokens.append(stemmed)
                }
            } else {
                tokens.append(token)
            }
        }
        // Python's str.lower() is Unicode's full lowercase mapping, like Swift's; after it only ASCII
        // letters and digits survive.
        for byte in text.lowercased().utf8 {
            if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            {
                current.append(byte)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    // MARK: Scoring

    /// Scores a candidate against one reference.
    public func score(reference: String, candidate: String) -> Scores {
        var cache: [String: String] = [:]
        return score(reference: Prepared(reference, self, &cache), candidate: Prepared(candidate, self, &cache))
    }

    /// Scores a candidate against several references, keeping for each measure the reference with the
    /// best F1 (the first of equals), as rouge-score's `score_multi` does.
    public func score(references: [String], candidate: String) -> Scores {
        var cache: [String: String] = [:]
        let prepared = Prepared(candidate, self, &cache)
        let all = references.map { score(reference: Prepared($0, self, &cache), candidate: prepared) }
        guard var best = all.first else {
            return Scores(rouge1: .zero, rouge2: .zero, rougeL: .zero, rougeLsum: .zero)
        }
        for scores in all.dropFirst() {
            if scores.rouge1.f1 > best.rouge1.f1 { best.rouge1 = scores.rouge1 }
            if scores.rouge2.f1 > best.rouge2.f1 { best.rouge2 = scores.rouge2 }
            if scores.rougeL.f1 > best.rougeL.f1 { best.rougeL = scores.rougeL }
            if scores.rougeLsum.f1 > best.rougeLsum.f1 { best.rougeLsum = scores.rougeLsum }
        }
        return best
    }

    /// A text tokenised whole and by lines, with tokens as integer ids for fast comparison.
    struct Prepared {
        var tokens: [Int]
        var sentences: [[Int]]

        init(_ text: String, _ rouge: Rouge, _ cache: inout [String: String]) {
            var ids: [String: Int] = [:]
            func intern(_ tokens: [String]) -> [Int] {
                tokens.map { token in
                    if let id = ids[token] { return id }
                    let id = Rouge.globalID(token)
                    ids[token] = id
                    return id
                }
            }
            tokens = intern(rouge.tokenize(text, cache: &cache))
            sentences = text.split(separator: "\n", omittingEmptySubsequences: true).map {
                intern(rouge.tokenize(String($0), cache: &cache))
            }
        }
    }

    /// A stable id for a token, the same in every `Prepared` text: a 64-bit FNV-1a hash, which is
    /// injective in practice on word-sized ASCII tokens.
    static func globalID(_ token: String) -> Int {
        var h: UInt64 = 14_695_981_039_346_656_037
        for byte in token.utf8 { h = (h ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int(truncatingIfNeeded: h)
    }

    func score(reference: Prepared, candidate: Prepared) -> Scores {
        Scores(
            rouge1: Self.ngrams(reference.tokens, candidate.tokens, n: 1),
            rouge2: Self.ngrams(reference.tokens, candidate.tokens, n: 2),
            rougeL: Self.lcs(reference.tokens, candidate.tokens),
            rougeLsum: Self.summaryLevelLCS(reference.sentences, candidate.sentences))
    }

    static func ngrams(_ reference: [Int], _ candidate: [Int], n: Int) -> Score {
        func counts(_ tokens: [Int]) -> [[Int]: Int] {
            var result: [[Int]: Int] = [:]
            if tokens.count >= n {
                for i in 0...(tokens.count - n) { result[Array(tokens[i..<(i + n)]), default: 0] += 1 }
            }
            return result
        }
        let r = counts(reference)
        let c = counts(candidate)
        var overlap = 0
        for (gram, count) in r { overlap += min(count, c[gram] ?? 0) }
        let referenceTotal = max(0, reference.count - n + 1)
        let candidateTotal = max(0, candidate.count - n + 1)
        return Score(
            precision: Double(overlap) / Double(max(candidateTotal, 1)),
            recall: Double(overlap) / Double(max(referenceTotal, 1)))
    }

    /// The LCS dynamic-programming table, (m + 1) × (n + 1), row-major.
    static func lcsTable(_ a: [Int], _ b: [Int]) -> [Int32] {
        let width = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in 1...max(a.count, 1) where i <= a.count {
            for j in 1...max(b.count, 1) where j <= b.count {
                table[i * width + j] =
                    a[i - 1] == b[j - 1]
                    ? table[(i - 1) * width + j - 1] + 1
                    : max(table[(i - 1) * width + j], table[i * width + j - 1])
            }
        }
        return table
    }

    static func lcs(_ reference: [Int], _ candidate: [Int]) -> Score {
        guard !reference.isEmpty, !candidate.isEmpty else { return .zero }
        let length = Double(lcsTable(reference, candidate).last ?? 0)
        return Score(precision: length / Double(candidate.count), recall: length / Double(reference.count))
    }

    /// The indices into `reference` of one LCS, found by walking the table back the way rouge-score
    /// does (on a tie, step back in the reference).
    static func lcsIndices(_ reference: [Int], _ candidate: [Int]) -> [Int] {
        let table = lcsTable(reference, candidate)
        let width = candidate.count + 1
        var i = reference.count
        var j = candidate.count
        var indices: [Int] = []
        while i > 0 && j > 0 {
            if reference[i - 1] == candidate[j - 1] {
                indices.append(i - 1)
                i -= 1
                j -= 1
            } else if table[i * width + j - 1] > table[(i - 1) * width + j] {
                j -= 1
            } else {
                i -= 1
            }
        }
        return indices.reversed()
    }

    static func summaryLevelLCS(_ reference: [[Int]], _ candidate: [[Int]]) -> Score {
        guard !reference.isEmpty, !candidate.isEmpty else { return .zero }
        let m = reference.reduce(0) { $0 + $1.count }
        let n = candidate.reduce(0) { $0 + $1.count }
        guard m > 0, n > 0 else { return .zero }
        var referenceCounts: [Int: Int] = [:]
        var candidateCounts: [Int: Int] = [:]
        for sentence in reference { for token in sentence { referenceCounts[token, default: 0] += 1 } }
        for sentence in candidate { for token in sentence { candidateCounts[token, default: 0] += 1 } }
        var hits = 0
        for sentence in reference {
            var union = Set<Int>()
            for other in candidate { union.formUnion(lcsIndices(sentence, other)) }
            for index in union.sorted() {
                let token = sentence[index]
                if let c = candidateCounts[token], c > 0, let r = referenceCounts[token], r > 0 {
                    hits += 1
                    candidateCounts[token] = c - 1
                    referenceCounts[token] = r - 1
                }
            }
        }
        return Score(precision: Double(hits) / Double(n), recall: Double(hits) / Double(m))
    }
}
