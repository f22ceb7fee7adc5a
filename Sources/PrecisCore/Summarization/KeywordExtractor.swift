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

        init<S: Sequence>(_ terms: S) where S.Element == Int32 {
            for term in terms.prefix(3) {
                switch count {
                case 0: ids.0 = term
                case 1: ids.1 = term
                default: ids.2 = term
                }
                count += 1
            }
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
        return text.withUTF8 { bytes in extract(document, bytes) }
    }

    private func extract(_ document: Document, _ bytes: UnsafeBufferPointer<UInt8>) -> [Summary.Keyword] {
        let vocabularySize = document.termCount
        var weight = [Double](repeating: 0, count: vocabularySize)
        var occurrences = [Int](repeating: 0, count: vocabularySize)
        var firstToken = [Int](repeating: -1, count: vocabularySize)
        let titleTerms = Set(document.titleTerms)

        func isKeywordToken(_ token: Token) -> Bool { token.isContent && token.range.count > 1 }

        for sentence in document.sentences {
            let early = sentence.index < 3 ? 1.5 : 1.0
            for t in sentence.tokens {
                let token = document.tokens[t]
                guard isKeywordToken(token) else { continue }
                let term = Int(token.term)
                weight[term] += early * (titleTerms.contains(token.term) ? 1.5 : 1.0)
                occurrences[term] += 1
                if firstToken[term] < 0 { firstToken[term] = t }
            }
        }

        var candidates: [Candidate] = []
        for term in 0..<vocabularySize where occurrences[term] > 0 {
            let token = document.tokens[firstToken[term]]
            candidates.append(
                Candidate(
                    terms: Terms(CollectionOfOne(Int32(term))), occurrences: occurrences[term], first: firstToken[term],
                    firstRange: token.range, score: weight[term]))
        }

        // Phrases of two or three adjacent content words.
        // Phrase keys pack up to three term ids of 21 bits each; longer vocabularies skip phrases.
        var phrases: [UInt64: Int] = [:]
        let packable = vocabularySize < 1 << 21
        var run: [Int] = []
        for sentence in document.sentences {
            func flush() {
                if run.count >= 2 && packable {
                    for length in 2...3 where run.count >= length {
                        for start in 0...(run.count - length) {
                            let slice = run[start..<(start + length)]
                            var key: UInt64 = UInt64(length)
                            for t in slice { key = key << 21 | UInt64(document.tokens[t].term) }
                            if let existing = phrases[key] {
                                candidates[existing].occurrences += 1
                            } else {
                                let first = document.tokens[slice[slice.startIndex]]
                                let last = document.tokens[slice[slice.endIndex - 1]]
                                phrases[key] = candidates.count
                                candidates.append(
                                    Candidate(
                                        terms: Terms(slice.lazy.map { document.tokens[$0].term }), occurrences: 1,
                                        first: slice[slice.startIndex],
                                        firstRange: first.range.lowerBound..<last.range.upperBound))
                            }
                        }
                    }
                }
                run.removeAll(keepingCapacity: true)
            }
            for t in sentence.tokens {
                let token = document.tokens[t]
                if isKeywordToken(token), let previous = run.last,
                    Self.adjacent(bytes, document.tokens[previous].range, token.range)
                {
                    run.append(t)
                } else {
                    flush()
                    if isKeywordToken(token) { run.append(t) }
                }
            }
            flush()
        }
        for index in phrases.values {
            let phrase = candidates[index]
            guard phrase.occurrences >= 2, phrase.terms.isDistinct else { continue }
            let perOccurrence = phrase.terms.array.reduce(0.0) { $0 + weight[Int($1)] / Double(occurrences[Int($1)]) }
            candidates[index].score = Double(phrase.occurrences) * perOccurrence
        }

        var order: [(score: Double, first: Int, index: Int)] = []
        order.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() where candidate.score > 0 {
            order.append((candidate.score, candidate.first, index))
        }
        order.sort { $0.score != $1.score ? $0.score > $1.score : $0.first < $1.first }
        let ranked = order.lazy.map(\.index)
        var chosen: [Candidate] = []
        for index in ranked {
            let candidate = candidates[index]
            if chosen.contains(where: { candidate.terms.isSubset(of: $0.terms) }) { continue }
            chosen.append(candidate)
            if chosen.count == count { break }
        }
        let top = chosen.first?.score ?? 1
        return chosen.map { candidate in
            let text: String
            if candidate.terms.count == 1 {
                // The most frequent spelling; ties go to the one seen first.
                var forms: [String: (count: Int, first: Int)] = [:]
                for (position, token) in document.tokens.enumerated()
                where token.term == candidate.terms.first && isKeywordToken(token) {
                    let form = Self.surface(bytes, token.range, strippingPossessive: true)
                    forms[form, default: (0, position)].count += 1
                }
                text =
                    forms.max { a, b in
                        a.value.count != b.value.count ? a.value.count < b.value.count : a.value.first > b.value.first
                    }?.key ?? ""
            } else {
                text = Self.surface(bytes, candidate.firstRange, strippingPossessive: true)
            }
            return Summary.Keyword(text: text, score: candidate.score / top, count: candidate.occurrences)
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
