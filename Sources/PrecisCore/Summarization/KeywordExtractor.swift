/// Ranks the content words and short phrases of a document.
///
/// A word's weight is its number of occurrences, with occurrences in the first three sentences counting
/// one and a half times and words of the title half again as much, the frequency and location evidence
/// of Edmundson (1969). Phrases are runs of two or three content words with nothing but spaces or
/// hyphens between them (the candidate phrases of RAKE, Rose et al. 2010, "Automatic Keyword
/// Extraction from Individual Documents"); a phrase that occurs at least twice scores its count times
/// the per-occurrence weights of its words. A candidate whose words all belong to a better-ranked one
/// is left out. Scores are scaled so the best keyword has 1.
///
/// Keywords are shown as written: a word in its most frequent spelling (so a word capitalised only at
/// the start of sentences is shown in lowercase), a phrase as at its first occurrence.
///
/// - Complexity: O(w + c log c) for w words and c candidates.
struct KeywordExtractor {
    let count: Int

    /// One to three term ids, stored inline so candidates cost no allocation.
    fileprivate struct Terms {
        var ids: (Int32, Int32, Int32) = (-1, -1, -1)
        var count = 0

        init(_ a: Int32, _ b: Int32 = -1, _ c: Int32 = -1, count: Int) {
            ids = (a, b, c)
            self.count = count
        }

        func contains(_ term: Int32) -> Bool {
            (count > 0 && ids.0 == term) || (count > 1 && ids.1 == term) || (count > 2 && ids.2 == term)
        }

        func isSubset(of other: Terms) -> Bool {
            (count < 1 || other.contains(ids.0)) && (count < 2 || other.contains(ids.1))
                && (count < 3 || other.contains(ids.2))
        }

        var isDistinct: Bool {
            !(count > 1 && ids.0 == ids.1) && !(count > 2 && (ids.0 == ids.2 || ids.1 == ids.2))
        }
    }

    /// What is counted of a term: its occurrences as a keyword token, those in the first three sentences,
    /// its first and last keyword tokens, and whether the title has it.
    ///
    /// Counted in integers and weighed when ranked: every per-occurrence weight (1, 1.5, 2.25) is a
    /// multiple of a quarter, so ``weight`` is exactly the sum of the occurrences' weights.
    private struct TermStats {
        var occurrences: Int32 = 0
        var early: Int32 = 0
        var first: Int32 = -1
        var last: Int32 = -1
        var inTitle = false

        /// Occurrences count 1, or 1.5 in the first three sentences, times 1.5 for a word of the title.
        var weight: Double {
            let base = Double(occurrences - early) + 1.5 * Double(early)
            return inTitle ? 1.5 * base : base
        }
    }

    /// A phrase as counted, before it is known to occur twice.
    fileprivate struct Phrase {
        var terms: Terms
        var first: Int
        var occurrences = 1
    }

    private struct Candidate {
        var terms: Terms
        var occurrences = 0
        var first: Int
        var firstRange: Range<Int>
        var score = 0.0
    }

    func keywords(in document: Document) -> [Summary.Keyword] {
        guard count > 0, !document.tokens.isEmpty else { return [] }
        var text = document.text
        return text.withUTF8 { bytes in
            document.tokens.withUnsafeBufferPointer { tokens in
                document.sentences.withUnsafeBufferPointer { sentences in
                    extract(bytes, tokens, sentences, termCount: document.termCount, title: document.titleTerms)
                }
            }
        }
    }

    private func extract(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>,
        _ sentences: UnsafeBufferPointer<Sentence>, termCount vocabularySize: Int, title titleTerms: [Int32]
    ) -> [Summary.Keyword] {
        let counts = Counts(bytes, tokens, sentences, vocabularySize: vocabularySize, titleTerms: titleTerms)
        let stats = counts.stats
        let phrases = counts.phrases

        // The candidates: the words, numbered by term, then the phrases seen at least twice, numbered
        // after them in order of first sight; a phrase scores its count times the per-occurrence
        // weights of its words. Only the ranking is built for all of them; a candidate itself is made
        // when it is taken.
        func perOccurrence(_ term: Int32) -> Double {
            stats[Int(term)].weight / Double(stats[Int(term)].occurrences)
        }
        func isCandidate(_ phrase: Phrase) -> Bool { phrase.occurrences >= 2 && phrase.terms.isDistinct }
        func score(of phrase: Phrase) -> Double {
            let terms = phrase.terms
            var weight = perOccurrence(terms.ids.0) + perOccurrence(terms.ids.1)
            if terms.count == 3 { weight += perOccurrence(terms.ids.2) }
            return Double(phrase.occurrences) * weight
        }
        func candidate(_ index: Int) -> Candidate {
            if index < vocabularySize {
                let first = Int(stats[index].first)
                return Candidate(
                    terms: Terms(Int32(index), count: 1), occurrences: Int(stats[index].occurrences), first: first,
                    firstRange: tokens[first].range, score: stats[index].weight)
            }
            let phrase = phrases[index - vocabularySize]
            return Candidate(
                terms: phrase.terms, occurrences: phrase.occurrences, first: phrase.first,
                firstRange: tokens[phrase.first].range
                    .lowerBound..<tokens[phrase.first + phrase.terms.count - 1]
                    .range.upperBound,
                score: score(of: phrase))
        }

        // Candidates best first (ties to the earlier one), taken until `count` that no better one covers.
        // Only the best few are sorted, unless covered ones use them up: a histogram of the scores in
        // quarters finds the lowest quarter that, with those above it, holds enough of them, and those
        // are put first. Enough is twice the keywords asked for: on cnndm-dev, fewer are used up more
        // often, and more cost more to sort each time.
        var ranked: [Ranked] = []
        var quarters: [UInt8] = []
        ranked.reserveCapacity(counts.terms.count + phrases.count)
        quarters.reserveCapacity(ranked.capacity)
        func add(_ score: Double, first: Int, index: Int) {
            ranked.append(Ranked(score: score, first: first, index: index))
            quarters.append(score < 63.75 ? UInt8(score * 4) : 255)
        }
        for term in counts.terms {
            add(stats[Int(term)].weight, first: Int(stats[Int(term)].first), index: Int(term))
        }
        for (k, phrase) in phrases.enumerated() where isCandidate(phrase) {
            let score = score(of: phrase)
            if score > 0 { add(score, first: phrase.first, index: vocabularySize + k) }
        }
        var histogram = [Int](repeating: 0, count: 256)
        for q in quarters { histogram[Int(q)] += 1 }
        let head = max(2 * count, 8)
        var threshold = 255
        var atOrAbove = histogram[threshold]
        while threshold > 0 && atOrAbove < head {
            threshold -= 1
            atOrAbove += histogram[threshold]
        }
        var split = 0
        for k in ranked.indices where quarters[k] >= threshold {
            ranked.swapAt(k, split)
            split += 1
        }
        ranked[..<split].sort()
        var chosen: [Candidate] = []
        chosen.reserveCapacity(count)
        var position = 0
        while position < ranked.count && chosen.count < count {
            // Covered candidates used up the best: every other one scores less.
            if position == split { ranked[split...].sort() }
            let candidate = candidate(ranked[position].index)
            position += 1
            if chosen.contains(where: { candidate.terms.isSubset(of: $0.terms) }) { continue }
            chosen.append(candidate)
        }

        // Single words are shown in their most frequent spelling; ties go to the one seen first.
        // Spellings are compared as bytes; only words with non-ASCII bytes or spaces need cleaning.
        let top = chosen.first?.score ?? 1
        var spellings: [Spelling] = []
        spellings.reserveCapacity(8)
        return chosen.map { candidate in
            let text: String
            if candidate.terms.count == 1 {
                text = Self.spelling(bytes, tokens, from: candidate.first, nextSame: counts.nextSame, into: &spellings)
            } else {
                text = Self.surface(bytes, candidate.firstRange)
            }
            return Summary.Keyword(text: text, score: candidate.score / top, count: candidate.occurrences)
        }
    }

    /// What two passes over the tokens count: each term's occurrences and chain of occurrences, and the
    /// phrases of two or three adjacent keyword tokens with their counts.
    ///
    /// Half of a text's tokens are keywords, in no order a branch predictor learns, and so are the first
    /// occurrences among them and the tokens that continue a phrase. So the first pass lists the keyword
    /// tokens, each marked when it continues one, without a branch on either; the second counts the
    /// listed tokens, choosing a term's first token and extending its chain without a branch.
    private struct Counts {
        /// Per term: what ``TermStats`` holds.
        var stats: [TermStats]
        /// Each keyword token's next occurrence of the same term, so that a term's spellings are read
        /// without another pass over the text; -1 ends a chain.
        var nextSame: [Int32]
        /// Phrases in order of first sight, each pair before the triple that starts with it.
        var phrases: [Phrase] = []
        /// The terms of the keyword tokens, in order of first occurrence.
        var terms: [Int32] = []

        /// The mark of a listed keyword token that follows the previous token, a keyword of the same
        /// sentence, with nothing but spaces or hyphens between them.
        private static let continues: UInt64 = 1 << 31

        init(
            _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>,
            _ sentences: UnsafeBufferPointer<Sentence>, vocabularySize: Int, titleTerms: [Int32]
        ) {
            // Copied from `repeatElement` here rather than through `Array(filled:count:)`, which does the
            // same but, inlined here, stores a `TermStats` at a time instead of with vector stores (5,000
            // instructions an article more on cnndm-dev).
            stats = Array(repeatElement(TermStats(), count: vocabularySize))
            for term in titleTerms where Int(term) < vocabularySize { stats[Int(term)].inTitle = true }
            // One more place than tokens, written for a term's first occurrence and never read.
            nextSame = [Int32](filled: -1, count: tokens.count + 1)
            let listed = UnsafeMutableBufferPointer<UInt64>.scratch(capacity: tokens.count + 1)
            defer { listed.freeScratch() }
            var count = 0
            var joinedCount = 0
            for sentence in sentences where !sentence.tokens.isEmpty {
                var previousIsKeyword = 0
                var previousEnd = tokens[sentence.tokens.lowerBound].range.lowerBound
                for t in sentence.tokens {
                    let token = tokens[t]
                    let isKeyword = Counts.isKeyword(token, in: bytes)
                    // A gap of one byte is read without a branch; longer ones only between keywords.
                    let gap = token.range.lowerBound - previousEnd
                    var joined = previousIsKeyword & isKeyword
                    if gap == 1 {
                        joined &= KeywordExtractor.joinsWords(bytes[previousEnd]) ? 1 : 0
                    } else if gap != 0 && joined != 0 {
                        let between = bytes[previousEnd..<token.range.lowerBound]
                        joined = between.allSatisfy(KeywordExtractor.joinsWords) ? 1 : 0
                    }
                    listed[count] =
                        UInt64(UInt32(bitPattern: token.term)) << 32 | UInt64(truncatingIfNeeded: t)
                        | UInt64(truncatingIfNeeded: joined) << 31
                    count &+= isKeyword
                    joinedCount &+= joined
                    previousIsKeyword = isKeyword
                    previousEnd = token.range.upperBound
                }
            }
            // The first three sentences' tokens are those before the fourth's.
            let earlyEnd = sentences.count > 3 ? sentences[3].tokens.lowerBound : tokens.count
            // Phrase keys pack up to three term ids of 21 bits each, and bit 63 tells triples from pairs;
            // longer vocabularies skip phrases.
            let findsPhrases = vocabularySize < 1 << 21
            // A pair ends at each joined token, and at most one triple.
            var index = IndexTable(capacity: findsPhrases ? 2 * joinedCount : 1)
            phrases.reserveCapacity(findsPhrases ? 2 * joinedCount : 0)
            let unused = tokens.count
            let firstSeen = UnsafeMutableBufferPointer<Int32>.scratch(capacity: count + 1)
            defer { firstSeen.freeScratch() }
            var seen = 0
            // Every term id of the document is below `vocabularySize` and every token index below
            // `tokens.count`, so the pass reads and writes through buffers.
            stats.withUnsafeMutableBufferPointer { stats in
                nextSame.withUnsafeMutableBufferPointer { nextSame in
                    for k in 0..<count {
                        let entry = listed[k]
                        let t = Int(truncatingIfNeeded: entry & 0x7FFF_FFFF)
                        let term = Int(truncatingIfNeeded: entry >> 32)
                        let position = Int32(truncatingIfNeeded: t)
                        var stat = stats[term]
                        firstSeen[seen] = Int32(truncatingIfNeeded: term)
                        seen &+= stat.first < 0 ? 1 : 0
                        stat.occurrences &+= 1
                        stat.early &+= t < earlyEnd ? 1 : 0
                        nextSame[stat.last < 0 ? unused : Int(stat.last)] = position
                        stat.first = stat.first < 0 ? position : stat.first
                        stat.last = position
                        stats[term] = stat
                        guard findsPhrases && entry & Counts.continues != 0 else { continue }
                        // A pair ends here, and a triple too when the previous token continues one.
                        let a = tokens[t - 1].term
                        let b = tokens[t].term
                        let pair = UInt64(a) << 42 | UInt64(b) << 21
                        phrases.countOccurrence(of: pair, terms: Terms(a, b, count: 2), first: t - 1, index: &index)
                        if listed[k - 1] & Counts.continues != 0 {
                            let z = tokens[t - 2].term
                            let triple = 1 << 63 | UInt64(z) << 42 | UInt64(a) << 21 | UInt64(b)
                            phrases.countOccurrence(
                                of: triple, terms: Terms(z, a, b, count: 3), first: t - 2, index: &index)
                        }
                    }
                }
            }
            terms = Array(firstSeen[..<seen])
        }

        /// Whether a token is a keyword token, as 0 or 1: a content word of more than one scalar, since a
        /// lone letter ("т" of "т. д.", "x") is no keyword in any script. Found without a branch.
        @inline(__always)
        private static func isKeyword(_ token: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            let first = UTF8Scalar.length(lead: bytes[token.range.lowerBound])
            return token.contentBit & (token.range.count > first ? 1 : 0)
        }
    }

    /// A candidate in the ranking: by score, highest first, then by first occurrence, then by index (words
    /// before phrases), compared as two unsigned integers.
    private struct Ranked: Comparable {
        /// The score's bits inverted, so that a higher score (positive, finite) comes first.
        let order: UInt64
        /// The first occurrence in the high 32 bits, the index in the low ones.
        let tie: UInt64

        init(score: Double, first: Int, index: Int) {
            order = ~score.bitPattern
            tie = UInt64(truncatingIfNeeded: first) << 32 | UInt64(truncatingIfNeeded: index)
        }

        var index: Int { Int(truncatingIfNeeded: tie & 0xFFFF_FFFF) }

        static func < (a: Ranked, b: Ranked) -> Bool { a.order != b.order ? a.order < b.order : a.tie < b.tie }
    }

    /// A spelling of a word: a range of the text, or bytes of its own when the text needed cleaning, and
    /// its number of occurrences.
    private typealias Spelling = (range: Range<Int>, cleaned: [UInt8]?, count: Int)

    /// The most frequent spelling of the word whose occurrences start at token `first` and follow
    /// `nextSame`; of equally frequent ones, the first seen. A possessive 's is not part of it. The
    /// spellings are counted in `spellings`, whose room the keywords of a document share.
    private static func spelling(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, from first: Int,
        nextSame: [Int32], into spellings: inout [Spelling]
    ) -> String {
        spellings.removeAll(keepingCapacity: true)
        func same(_ a: (range: Range<Int>, cleaned: [UInt8]?), _ b: (range: Range<Int>, cleaned: [UInt8]?)) -> Bool {
            switch (a.cleaned, b.cleaned) {
            case (nil, nil): bytes[a.range].elementsEqual(bytes[b.range])
            case (let x?, nil): x.elementsEqual(bytes[b.range])
            case (nil, let y?): bytes[a.range].elementsEqual(y)
            case (let x?, let y?): x == y
            }
        }
        var position = first
        while position >= 0 {
            var range = tokens[position].range
            position = Int(nextSame[position])
            var cleaned: [UInt8]?
            let bare = range.lowerBound..<(range.upperBound - Self.possessiveLength(bytes, range))
            if Self.needsCleaning(bytes[bare]) {
                cleaned = Array(Self.cleanedSurface(bytes, range).utf8)
            } else {
                range = bare
            }
            if let k = spellings.firstIndex(where: { same(($0.range, $0.cleaned), (range, cleaned)) }) {
                spellings[k].count += 1
            } else {
                spellings.append((range, cleaned, 1))
            }
        }
        guard !spellings.isEmpty else { return "" }
        var best = 0
        for k in spellings.indices where spellings[k].count > spellings[best].count { best = k }
        if let cleaned = spellings[best].cleaned { return String(decoding: cleaned, as: UTF8.self) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[spellings[best].range]), as: UTF8.self)
    }

    /// Whether a byte may stand between the words of a phrase: a space or a hyphen.
    @inline(__always)
    private static func joinsWords(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2D }

    /// Whether a token's text may hold soft hyphens, zero-width spaces or line breaks, which
    /// ``surface(_:_:)`` removes: it has a non-ASCII byte or a tab or line break.
    private static func needsCleaning(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        bytes.contains { $0 >= 0x80 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }

    /// The bytes of a final possessive of the text at `range`: 2 for 's, 4 for ’s, else 0.
    private static func possessiveLength(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let end = range.upperBound
        guard range.count >= 2 && bytes[end - 1] == 0x73 else { return 0 }
        if bytes[end - 2] == 0x27 { return 2 }
        // ’ is E2 80 99.
        let curly = range.count >= 4 && bytes[end - 4] == 0xE2 && bytes[end - 3] == 0x80 && bytes[end - 2] == 0x99
        return curly ? 4 : 0
    }

    /// The text at `range` as a keyword shows it: without a final possessive, and cleaned
    /// (``cleanedSurface(_:_:)``) when it ``needsCleaning(_:)``.
    private static func surface(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let bare = range.lowerBound..<(range.upperBound - possessiveLength(bytes, range))
        guard Self.needsCleaning(bytes[bare]) else {
            // ASCII without line breaks but for a final ’s, which `bare` leaves out.
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[bare]), as: UTF8.self)
        }
        return cleanedSurface(bytes, range)
    }

    /// The text at `range` without soft hyphens and zero-width spaces, each run of whitespace one space,
    /// and a final 's or ’s dropped: ``surface(_:_:)`` of a text that ``needsCleaning(_:)``.
    private static func cleanedSurface(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        text = String(text.unicodeScalars.filter { $0 != "\u{AD}" && $0 != "\u{200B}" }.map(Character.init))
        text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if text.hasSuffix("'s") || text.hasSuffix("\u{2019}s") {
            text.removeLast(2)
        }
        return text
    }
}

extension Array where Element == KeywordExtractor.Phrase {
    /// Counts an occurrence of the phrase with `key` (found by `index`) that starts at token `first`,
    /// appending the phrase when it is new.
    @inline(__always)
    fileprivate mutating func countOccurrence(
        of key: UInt64, terms: KeywordExtractor.Terms, first: Int, index: inout IndexTable
    ) {
        if let existing = index.value(for: key, storingIfAbsent: Int32(count)) {
            self[Int(existing)].occurrences += 1
        } else {
            append(KeywordExtractor.Phrase(terms: terms, first: first))
        }
    }
}
