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
    private struct Terms {
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

    /// What is counted of a term.
    private struct TermStats {
        var weight = 0.0
        var occurrences: Int32 = 0
        var first: Int32 = -1
        var last: Int32 = -1
        var inTitle = false
    }

    /// A phrase as counted, before it is known to occur twice.
    private struct Phrase {
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

    /// Content words of more than one scalar: a lone letter ("т" of "т. д.", "x") is no keyword in any
    /// script.
    @inline(__always)
    fileprivate static func isKeywordToken(_ token: Token, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        token.isContent && UTF8Scalar.decode(bytes, at: token.range.lowerBound).length < token.range.count
    }

    private func extract(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>,
        _ sentences: UnsafeBufferPointer<Sentence>, termCount vocabularySize: Int, title titleTerms: [Int32]
    ) -> [Summary.Keyword] {
        var counts = Counts(tokens: tokens, vocabularySize: vocabularySize, titleTerms: titleTerms)
        counts.count(bytes, sentences)
        let stats = counts.stats
        let nextSame = counts.nextSame
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
        // Only the best few are sorted unless covered ones use them up.
        typealias Ranked = (score: Double, first: Int, index: Int)
        func before(_ a: Ranked, _ b: Ranked) -> Bool {
            a.score != b.score ? a.score > b.score : a.first != b.first ? a.first < b.first : a.index < b.index
        }
        var ranked: [Ranked] = []
        ranked.reserveCapacity(vocabularySize + phrases.count)
        for term in 0..<vocabularySize where stats[term].occurrences > 0 && stats[term].weight > 0 {
            ranked.append((stats[term].weight, Int(stats[term].first), term))
        }
        for (k, phrase) in phrases.enumerated() where isCandidate(phrase) {
            let score = score(of: phrase)
            if score > 0 { ranked.append((score, phrase.first, vocabularySize + k)) }
        }
        let head = min(ranked.count, max(4 * count, 16))
        Self.partiallySort(&ranked, head: head, by: before)
        var chosen: [Candidate] = []
        chosen.reserveCapacity(count)
        var position = 0
        while position < ranked.count && chosen.count < count {
            if position == head { ranked[head...].sort(by: before) }
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
                text = Self.spelling(bytes, tokens, from: candidate.first, nextSame: nextSame, into: &spellings)
            } else {
                text = Self.surface(bytes, candidate.firstRange, strippingPossessive: true)
            }
            return Summary.Keyword(text: text, score: candidate.score / top, count: candidate.occurrences)
        }
    }

    /// What one pass over the tokens counts: each term's weight, occurrences and chain of occurrences,
    /// and the phrases of two or three adjacent keyword tokens with their counts.
    ///
    /// A struct whose pass is a mutating method, so that its state is accessed in place: the same
    /// state captured by nested closures is boxed and checked for exclusive access at run time on
    /// every access.
    private struct Counts {
        let tokens: UnsafeBufferPointer<Token>
        /// Per term: its weight, its number of occurrences, its first and last keyword tokens.
        var stats: [TermStats]
        /// Each keyword token's next occurrence of the same term, so that a term's spellings are read
        /// without another pass over the text; -1 ends a chain.
        var nextSame: [Int32]
        /// Phrases in order of first sight, and their index by key. Phrase keys pack up to three term ids
        /// of 21 bits each; longer vocabularies skip phrases.
        var phrases: [Phrase] = []
        private var phraseIndex: IndexTable
        private let findsPhrases: Bool
        /// The first token of the run of adjacent keyword tokens being read, or -1, and its last token.
        private var runStart = -1
        private var previous = -1

        init(tokens: UnsafeBufferPointer<Token>, vocabularySize: Int, titleTerms: [Int32]) {
            self.tokens = tokens
            stats = [TermStats](repeating: TermStats(), count: vocabularySize)
            for term in titleTerms where Int(term) < vocabularySize { stats[Int(term)].inTitle = true }
            nextSame = [Int32](repeating: -1, count: tokens.count)
            findsPhrases = vocabularySize < 1 << 21
            phrases.reserveCapacity(findsPhrases ? tokens.count / 2 : 0)
            phraseIndex = IndexTable(capacity: findsPhrases ? tokens.count / 2 : 1)
        }

        /// Counts the keyword tokens of `sentences` and the phrases found as each run of them ends.
        mutating func count(_ bytes: UnsafeBufferPointer<UInt8>, _ sentences: UnsafeBufferPointer<Sentence>) {
            for sentence in sentences {
                let early = sentence.index < 3 ? 1.5 : 1.0
                for t in sentence.tokens {
                    let token = tokens[t]
                    guard KeywordExtractor.isKeywordToken(token, in: bytes) else {
                        phrasesOfRun(ending: previous + 1)
                        continue
                    }
                    let term = Int(token.term)
                    stats[term].weight += early * (stats[term].inTitle ? 1.5 : 1.0)
                    stats[term].occurrences += 1
                    if stats[term].first < 0 {
                        stats[term].first = Int32(t)
                    } else {
                        nextSame[Int(stats[term].last)] = Int32(t)
                    }
                    stats[term].last = Int32(t)
                    if runStart >= 0 && KeywordExtractor.adjacent(bytes, tokens[previous].range, token.range) {
                        previous = t
                        continue
                    }
                    phrasesOfRun(ending: previous + 1)
                    runStart = t
                    previous = t
                }
                phrasesOfRun(ending: previous + 1)
            }
        }

        /// Counts the phrases of the run that ends before token `end`, pairs first, and ends the run.
        private mutating func phrasesOfRun(ending end: Int) {
            guard runStart >= 0 else { return }
            defer { runStart = -1 }
            let runLength = end - runStart
            guard findsPhrases, runLength >= 2 else { return }
            for length in 2...3 where runLength >= length {
                for start in runStart...(end - length) {
                    let a = tokens[start].term
                    let b = tokens[start + 1].term
                    let c = length == 3 ? tokens[start + 2].term : -1
                    // Bit 63 tells three-word keys from two-word ones.
                    var key = UInt64(a) << 42 | UInt64(b) << 21
                    if length == 3 { key |= 1 << 63 | UInt64(c) }
                    if let existing = phraseIndex[key] {
                        phrases[Int(existing)].occurrences += 1
                    } else {
                        phraseIndex.set(key, Int32(phrases.count))
                        phrases.append(Phrase(terms: Terms(a, b, c, count: length), first: start))
                    }
                }
            }
        }
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
            if Self.needsCleaning(bytes[range]) {
                cleaned = Array(Self.surface(bytes, range, strippingPossessive: true).utf8)
            } else if range.count > 2 && bytes[range.upperBound - 2] == 0x27 && bytes[range.upperBound - 1] == 0x73 {
                range = range.lowerBound..<(range.upperBound - 2)
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

    /// Puts the `head` first elements in order at the front, leaving the rest in any order after them.
    /// - Complexity: O(n · head) in the worst case, about O(n) when head is small.
    private static func partiallySort<T>(_ items: inout [T], head: Int, by before: (T, T) -> Bool) {
        guard head > 0 else { return }
        guard head < items.count else {
            items.sort(by: before)
            return
        }
        // Keep the best `head` in order in the front, moving each better newcomer into place.
        items[0..<head].sort(by: before)
        for i in head..<items.count where before(items[i], items[head - 1]) {
            let item = items[i]
            items[i] = items[head - 1]
            var j = head - 1
            while j > 0 && before(item, items[j - 1]) {
                items[j] = items[j - 1]
                j -= 1
            }
            items[j] = item
        }
    }

    /// Whether only spaces or hyphens separate two tokens.
    @inline(__always)
    fileprivate static func adjacent(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.upperBound < b.lowerBound else { return a.upperBound == b.lowerBound }
        for i in a.upperBound..<b.lowerBound where bytes[i] != 0x20 && bytes[i] != 0x2D { return false }
        return true
    }

    /// Whether a token's text may hold soft hyphens, zero-width spaces or line breaks, which
    /// ``surface(_:_:strippingPossessive:)`` removes: it has a non-ASCII byte or a tab or line break.
    private static func needsCleaning(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        bytes.contains { $0 >= 0x80 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }

    private static func surface(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, strippingPossessive: Bool)
        -> String
    {
        guard Self.needsCleaning(bytes[range]) else {
            // ASCII without line breaks, where every byte is a character: a final 's is the last two bytes.
            var end = range.upperBound
            if strippingPossessive && range.count >= 2 && bytes[end - 1] == 0x73 && bytes[end - 2] == 0x27 { end -= 2 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<end]), as: UTF8.self)
        }
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        text = String(text.unicodeScalars.filter { $0 != "\u{AD}" && $0 != "\u{200B}" }.map(Character.init))
        text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if strippingPossessive, text.hasSuffix("'s") || text.hasSuffix("\u{2019}s") {
            text.removeLast(2)
        }
        return text
    }
}
