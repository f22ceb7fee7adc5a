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

        var first: Int32 { ids.0 }
        var array: [Int32] { Array([ids.0, ids.1, ids.2].prefix(count)) }

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
                extract(
                    bytes, tokens, document.sentences.map { ($0.index, $0.tokens) }, termCount: document.termCount,
                    title: document.titleTerms)
            }
        }
    }

    private static func isKeywordToken(_ token: Token) -> Bool { token.isContent && token.range.count > 1 }

    private func extract(
        _ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>,
        _ sentences: [(index: Int, tokens: Range<Int>)],
        termCount vocabularySize: Int, title titleTerms: [Int32]
    ) -> [Summary.Keyword] {
        var weight = [Double](repeating: 0, count: vocabularySize)
        var occurrences = [Int](repeating: 0, count: vocabularySize)
        var firstToken = [Int](repeating: -1, count: vocabularySize)
        var inTitle = [Bool](repeating: false, count: vocabularySize)
        for term in titleTerms where Int(term) < vocabularySize { inTitle[Int(term)] = true }

        for sentence in sentences {
            let early = sentence.index < 3 ? 1.5 : 1.0
            for t in sentence.tokens {
                let token = tokens[t]
                guard Self.isKeywordToken(token) else { continue }
                let term = Int(token.term)
                weight[term] += early * (inTitle[term] ? 1.5 : 1.0)
                occurrences[term] += 1
                if firstToken[term] < 0 { firstToken[term] = t }
            }
        }

        var candidates: [Candidate] = []
        candidates.reserveCapacity(vocabularySize * 2)
        for term in 0..<vocabularySize where occurrences[term] > 0 {
            candidates.append(
                Candidate(
                    terms: Terms(Int32(term), count: 1), occurrences: occurrences[term], first: firstToken[term],
                    firstRange: tokens[firstToken[term]].range, score: weight[term]))
        }

        // Phrases of two or three adjacent content words, found as each run of such words ends.
        // Phrase keys pack up to three term ids of 21 bits each; longer vocabularies skip phrases.
        var phrases = IndexTable(capacity: vocabularySize)
        if vocabularySize < 1 << 21 {
            var runStart = -1
            var previous = -1
            func phrasesOfRun(ending end: Int) {
                guard runStart >= 0 else { return }
                defer { runStart = -1 }
                let runLength = end - runStart
                guard runLength >= 2 else { return }
                for length in 2...3 where runLength >= length {
                    for start in runStart...(end - length) {
                        let a = tokens[start].term
                        let b = tokens[start + 1].term
                        let c = length == 3 ? tokens[start + 2].term : -1
                        // Bit 63 tells three-word keys from two-word ones.
                        var key = UInt64(a) << 42 | UInt64(b) << 21
                        if length == 3 { key |= 1 << 63 | UInt64(c) }
                        if let existing = phrases[key] {
                            candidates[Int(existing)].occurrences += 1
                        } else {
                            phrases.set(key, Int32(candidates.count))
                            candidates.append(
                                Candidate(
                                    terms: Terms(a, b, c, count: length), occurrences: 1, first: start,
                                    firstRange: tokens[start].range
                                        .lowerBound..<tokens[start + length - 1]
                                        .range.upperBound))
                        }
                    }
                }
            }
            for sentence in sentences {
                for t in sentence.tokens {
                    let token = tokens[t]
                    if Self.isKeywordToken(token) {
                        if runStart >= 0 && Self.adjacent(bytes, tokens[previous].range, token.range) {
                            previous = t
                            continue
                        }
                        phrasesOfRun(ending: previous + 1)
                        runStart = t
                        previous = t
                    } else {
                        phrasesOfRun(ending: previous + 1)
                    }
                }
                phrasesOfRun(ending: previous + 1)
            }
        }
        for stored in phrases.storedValues {
            let index = Int(stored)
            let phrase = candidates[index]
            guard phrase.occurrences >= 2, phrase.terms.isDistinct else { continue }
            var perOccurrence = 0.0
            for term in phrase.terms.array { perOccurrence += weight[Int(term)] / Double(occurrences[Int(term)]) }
            candidates[index].score = Double(phrase.occurrences) * perOccurrence
        }

        // Candidates best first (ties to the earlier one), taken until `count` that no better one covers.
        // Only the best few are sorted unless covered ones use them up.
        typealias Ranked = (score: Double, first: Int, index: Int)
        func before(_ a: Ranked, _ b: Ranked) -> Bool {
            a.score != b.score ? a.score > b.score : a.first != b.first ? a.first < b.first : a.index < b.index
        }
        var ranked: [Ranked] = []
        ranked.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() where candidate.score > 0 {
            ranked.append((candidate.score, candidate.first, index))
        }
        let head = min(ranked.count, max(4 * count, 16))
        Self.partiallySort(&ranked, head: head, by: before)
        var chosen: [Candidate] = []
        var position = 0
        while position < ranked.count && chosen.count < count {
            if position == head { ranked[head...].sort(by: before) }
            let candidate = candidates[ranked[position].index]
            position += 1
            if chosen.contains(where: { candidate.terms.isSubset(of: $0.terms) }) { continue }
            chosen.append(candidate)
        }

        // Single words are shown in their most frequent spelling; ties go to the one seen first.
        // Spellings are compared as bytes; only words with non-ASCII bytes or spaces need cleaning.
        var spellings: [Int32: [(text: [UInt8], count: Int, first: Int)]] = [:]
        var wanted = [Bool](repeating: false, count: vocabularySize)
        for candidate in chosen where candidate.terms.count == 1 {
            spellings[candidate.terms.first] = []
            wanted[Int(candidate.terms.first)] = true
        }
        if !spellings.isEmpty {
            for position in tokens.indices {
                let token = tokens[position]
                guard wanted[Int(token.term)], Self.isKeywordToken(token) else { continue }
                var range = token.range
                let plain = !bytes[range].contains(where: { $0 >= 0x80 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D })
                let cleaned: [UInt8]?
                if plain {
                    if range.count > 2 && bytes[range.upperBound - 2] == 0x27 && bytes[range.upperBound - 1] == 0x73 {
                        range = range.lowerBound..<(range.upperBound - 2)
                    }
                    cleaned = nil
                } else {
                    cleaned = Array(Self.surface(bytes, range, strippingPossessive: true).utf8)
                }
                let form = cleaned.map { $0[...] } ?? ArraySlice(UnsafeBufferPointer(rebasing: bytes[range]))
                if let k = spellings[token.term]?.firstIndex(where: { $0.text[...] == form }) {
                    spellings[token.term]?[k].count += 1
                } else {
                    spellings[token.term]?.append((Array(form), 1, position))
                }
            }
        }
        let top = chosen.first?.score ?? 1
        return chosen.map { candidate in
            let text: String
            if candidate.terms.count == 1 {
                let best = spellings[candidate.terms.first]?.max { a, b in
                    a.count != b.count ? a.count < b.count : a.first > b.first
                }
                text = best.map { String(decoding: $0.text, as: UTF8.self) } ?? ""
            } else {
                text = Self.surface(bytes, candidate.firstRange, strippingPossessive: true)
            }
            return Summary.Keyword(text: text, score: candidate.score / top, count: candidate.occurrences)
        }
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
    private static func adjacent(_ bytes: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.upperBound < b.lowerBound else { return a.upperBound == b.lowerBound }
        for i in a.upperBound..<b.lowerBound where bytes[i] != 0x20 && bytes[i] != 0x2D { return false }
        return true
    }

    private static func surface(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, strippingPossessive: Bool)
        -> String
    {
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        if bytes[range].contains(where: { $0 >= 0x80 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            text = String(text.unicodeScalars.filter { $0 != "\u{AD}" && $0 != "\u{200B}" }.map(Character.init))
            text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        if strippingPossessive, text.hasSuffix("'s") || text.hasSuffix("\u{2019}s") {
            text.removeLast(2)
        }
        return text
    }
}
