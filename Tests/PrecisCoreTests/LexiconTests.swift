import Testing

@testable import PrecisCore

struct LexiconTests {
    /// Tokens and terms of a text analysed with the given lexicon, with stems spelled out.
    private func analyse(_ text: String, lexicon: Lexicon) -> [(term: Int32, stop: Bool)] {
        var analyzer = TermAnalyzer(language: .english, lexicon: lexicon)
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { p in
            analyzer.tokenize(p, 0..<bytes.count, normalized: nil, into: &tokens)
        }
        return tokens.map { ($0.term, $0.isStopword) }
    }

    @Test func aFullLexiconGivesTheSameTermsAsAnEmptyOne() {
        let text = "The runner runs; runners ran and were running. The run was long, and they run again."
        let roomy = analyse(text, lexicon: Lexicon())
        // Two stems fit; every later stem is matched by its bytes within the document.
        let full = Lexicon(capacity: 2)
        let first = analyse(text, lexicon: full)
        let second = analyse(text, lexicon: full)
        #expect(full.stemCount == 2)
        #expect(first.map(\.term) == roomy.map(\.term))
        #expect(first.map(\.stop) == roomy.map(\.stop))
        #expect(second.map(\.term) == roomy.map(\.term))
        // "runs", "running" and "run" share a term.
        #expect(roomy[2].term == roomy[7].term && roomy[7].term == roomy[9].term && roomy[9].term == roomy[14].term)
    }

    /// The lexicon spells each stem back from where its table keeps it: in the slot up to eight bytes,
    /// in the arena beyond.
    @Test func stemsAreSpelledBackWhateverTheirLength() {
        let lexicon = Lexicon()
        let stems =
            (1...20).map { String(repeating: "ab", count: $0 / 2) + ($0 % 2 == 1 ? "c" : "") } + [
                "ёлк", "интернационал", "naïv", "x",
            ]
        let ids = stems.map { lexicon.id(ofStem: Array($0.utf8)) }
        #expect(Set(ids).count == stems.count)
        for (stem, id) in zip(stems, ids) {
            var bytes: [UInt8] = []
            lexicon.appendStem(id, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == stem)
            #expect(lexicon.id(ofStem: Array(stem.utf8)) == id)
        }
    }

    @Test func analysesWithTheirOwnTablesShareTheLexiconsStems() {
        let lexicon = Lexicon()
        let text = Array("Markets rallied as traders bought shares; the markets closed higher.".utf8)
        // Two analyses at once borrow two tables; the second starts empty and stems the same forms again.
        var first = TermAnalyzer(language: .english, lexicon: lexicon)
        var second = TermAnalyzer(language: .english, lexicon: lexicon)
        var firstTokens: [Token] = []
        var secondTokens: [Token] = []
        text.withUnsafeBufferPointer { p in
            first.tokenize(p, 0..<text.count, normalized: nil, into: &firstTokens)
            let recorded = lexicon.stemCount
            second.tokenize(p, 0..<text.count, normalized: nil, into: &secondTokens)
            // The second analysis found every stem in the lexicon instead of recording it again.
            #expect(lexicon.stemCount == recorded)
        }
        #expect(first.stems == second.stems)
        #expect(firstTokens.map(\.term) == secondTokens.map(\.term))
        // Ten tokens, nine forms ("markets" twice), nine stems.
        #expect(firstTokens.count == 10 && lexicon.stemCount == 9)
        first.finish()
        second.finish()
    }

    @Test func aReturnedTableKnowsItsFormsStemsAndStopwords() throws {
        let lexicon = Lexicon()
        var analyzer = TermAnalyzer(language: .english, lexicon: lexicon)
        var tokens: [Token] = []
        let bytes = Array("Markets rallied as markets opened.".utf8)
        bytes.withUnsafeBufferPointer { p in analyzer.tokenize(p, 0..<bytes.count, normalized: nil, into: &tokens) }
        analyzer.finish()
        // The next analysis borrows the table this one gave back.
        let table = lexicon.borrowForms().forms
        let markets = Array("markets".utf8)
        let entry = try #require(table.find(markets, hash: FormTable.hash(markets)))
        #expect(!entry.stop)
        let asForm = Array("as".utf8)
        #expect(table.find(asForm, hash: FormTable.hash(asForm))?.stop == true)
        var stem: [UInt8] = []
        lexicon.appendStem(entry.term, to: &stem)
        #expect(String(decoding: stem, as: UTF8.self) == "market")
        #expect(lexicon.id(ofStem: Array("market".utf8)) == entry.term)
    }

    @Test func aReturnedTableKeepsItsBuffersUnlessAHugeTextGrewThem() {
        let lexicon = Lexicon()
        let small = lexicon.borrowForms()
        lexicon.returnForms(small)
        #expect(lexicon.borrowForms().buffers === small.buffers)

        // One sentence of 100,000 words grows the buffer of words waiting for lookup past the limit.
        var analyzer = TermAnalyzer(language: .english, lexicon: lexicon)
        var tokens: [Token] = []
        let bytes = Array(String(repeating: "word ", count: 100_000).utf8)
        bytes.withUnsafeBufferPointer { p in analyzer.tokenize(p, 0..<bytes.count, normalized: nil, into: &tokens) }
        #expect(tokens.count == 100_000)
        analyzer.finish()
        let next = lexicon.borrowForms()
        // The table is kept, with its one form, and with buffers of the usual size.
        #expect(next.forms.count == 1)
        #expect(next.buffers.areWorthKeeping)
    }
}

struct SentenceVectorTests {
    /// Texts of several hundred terms, so that term ids run past many 64-bit words of the bit set: the
    /// fixture forty times over, each copy with words of its own; and 1,400 made-up words followed by
    /// sentences of two words, one from the start and one new, which span more of the set than their
    /// words justify and are sorted instead, and then one of close terms again.
    static let longTexts: [String] = {
        let repeated = (0..<40).map { Fixtures.harbourBridge + " Sentence \($0) adds its own words." }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let made = (0..<1_400).map { n in "x" + String([letters[n / 676 % 26], letters[n / 26 % 26], letters[n % 26]]) }
        let wide =
            made.joined(separator: " ") + ". "
            + (0..<20).map { "\(made[$0]) zq\(letters[$0])vel." }.joined(separator: " ")
        // Then a sentence of close terms again, read from the bit set that the sorted sentences used too.
        let closeAgain = (0..<10).map { made[2 * $0] }.joined(separator: " ") + "."
        return [repeated.joined(separator: "\n\n"), wide + " " + closeAgain]
    }()

    @Test(arguments: longTexts)
    func eachSentenceHasItsContentTermsInOrderWithTheirCounts(text: String) throws {
        let document = try Document(text)
        let vectors = SentenceVectors(document)
        #expect(document.termCount > 128)
        var frequency = [Int32](repeating: 0, count: document.termCount)
        var sentencesWith = [Int32](repeating: 0, count: document.termCount)
        for sentence in document.sentences {
            var expected: [Int32: Int] = [:]
            for token in document.tokens(of: sentence) where token.isContent { expected[token.term, default: 0] += 1 }
            let range = vectors.offsets[sentence.index]..<vectors.offsets[sentence.index + 1]
            #expect(Array(vectors.terms[range]) == expected.keys.sorted(), "sentence \(sentence.index)")
            #expect(vectors.contentWords[sentence.index] == expected.values.reduce(0, +))
            for (term, count) in expected {
                frequency[Int(term)] += Int32(count)
                sentencesWith[Int(term)] += 1
            }
        }
        #expect(vectors.contentFrequency == frequency)
        #expect(vectors.documentFrequency == sentencesWith)
    }

    @Test(arguments: [1, 3, 128])
    func theCosineBandHoldsThePairwiseCosines(window: Int) throws {
        let vectors = SentenceVectors(try Document(Fixtures.harbourBridge))
        let band = vectors.cosineBand(window: window)
        #expect(band.count == vectors.count * window)
        var nonzero = 0
        for i in 0..<vectors.count {
            for j in (i + 1)..<min(vectors.count, i + window + 1) {
                #expect(band[i * window + (j - i - 1)] == vectors.cosine(i, j), "sentences \(i) and \(j)")
                if vectors.cosine(i, j) > 0 { nonzero += 1 }
            }
        }
        #expect(nonzero > 0)
    }
}
