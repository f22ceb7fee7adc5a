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
}

struct SentenceVectorTests {
    @Test func termsAreSortedAtEveryLength() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for length in 0...100 {
            var terms = (0..<length).map { _ in
                // A 64-bit linear congruential generator (Knuth's MMIX constants), with repeats.
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int32(truncatingIfNeeded: (state >> 33) % 40)
            }
            let expected = terms.sorted()
            terms.append(-1)  // past the count, left where it is
            terms.withUnsafeMutableBufferPointer { sortTerms($0, count: length) }
            #expect(Array(terms.prefix(length)) == expected && terms.last == -1, "length \(length)")
        }
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
