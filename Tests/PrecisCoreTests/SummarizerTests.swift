import Testing

@testable import PrecisCore

struct SummarizerTests {
    static let methods = Summarizer.Method.allCases

    @Test(arguments: methods)
    func everyMethodReturnsSentencesInDocumentOrder(_ method: Summarizer.Method) throws {
        let document = try Document(Fixtures.harbourBridge)
        let summary = try Summarizer(method: method).summarize(document)
        #expect(summary.sentences.count == 3)
        #expect(summary.sentences.map(\.index) == summary.sentences.map(\.index).sorted())
        #expect(summary.method == method.rawValue)
        let utf8 = Array(Fixtures.harbourBridge.utf8)
        for sentence in summary.sentences {
            #expect(String(decoding: utf8[sentence.start..<sentence.end], as: UTF8.self) == sentence.text)
            #expect(sentence.text == document.sentences[sentence.index].text)
        }
    }

    @Test(arguments: methods)
    func isDeterministic(_ method: Summarizer.Method) throws {
        let summarizer = try Summarizer(method: method)
        let first = summarizer.summarize(try Document(Fixtures.harbourBridge))
        let second = summarizer.summarize(try Document(Fixtures.harbourBridge))
        #expect(first == second)
    }

    @Test func newsTakesTheHeadlineAsTitleAndLeadsWithTheNews() throws {
        let document = try Document(Fixtures.harbourBridge)
        #expect(document.title == "City council approves new harbour bridge after decade of debate")
        let summary = try Summarizer().summarize(document)
        #expect(summary.sentences.first?.index == 0)
        #expect(!summary.sentences.contains { $0.text.contains("Whatever happens next") })
    }

    @Test func leadIsTheFirstSentences() throws {
        let document = try Document(Fixtures.harbourBridge)
        let summary = try Summarizer(method: .lead, length: .sentences(2)).summarize(document)
        #expect(summary.sentences.map(\.index) == [0, 1])
    }

    @Test func nearDuplicatesAreNeverBothChosen() throws {
        let text = """
            The central bank raised interest rates by half a point on Thursday to fight inflation.
            The central bank raised interest rates by half a point on Thursday, to fight inflation.
            Markets fell sharply after the announcement, with bank shares leading the decline.
            Economists had expected a smaller rise of a quarter point.
            The bank said further rises were likely this year if prices keep climbing.
            """
        let document = try Document(text, configuration: .init(dropsPageWidgets: false))
        #expect(document.sentences.count == 5)
        let summary = try Summarizer().summarize(document)
        let indices = Set(summary.sentences.map(\.index))
        #expect(!(indices.contains(0) && indices.contains(1)))
        #expect(summary.sentences.count == 3)
    }

    @Test func wordBudgetIsNeverExceeded() throws {
        let document = try Document(Fixtures.harbourBridge)
        for budget in [40, 60, 100, 150] {
            let summary = try Summarizer(length: .words(budget)).summarize(document)
            #expect(!summary.sentences.isEmpty)
            #expect(summary.stats.summary.words <= budget)
        }
        // With 20 words, the best sentence (34 words) does not fit and is returned alone.
        let tight = try Summarizer(length: .words(20)).summarize(document)
        #expect(tight.sentences.count == 1)
    }

    @Test func aFirstSentenceLongerThanTheBudgetIsReturnedAlone() throws {
        let document = try Document(Fixtures.harbourBridge)
        let summary = try Summarizer(length: .words(5)).summarize(document)
        #expect(summary.sentences.count == 1)
        #expect(summary.stats.summary.words > 5)
    }

    @Test func ratioKeepsAShareOfTheSentences() throws {
        let document = try Document(Fixtures.harbourBridge)
        let summary = try Summarizer(length: .ratio(0.2)).summarize(document)
        let expected = max(1, Int((0.2 * Double(document.sentences.count)).rounded()))
        #expect(summary.sentences.count == expected)
    }

    @Test(arguments: [
        "One sentence only.",
        "no punctuation here at all",
        "Hi",
        "???",
        "🎉🎉🎉",
    ])
    func neverEmptyForTextWithASentence(_ text: String) throws {
        let document = try Document(text)
        for method in Summarizer.Method.allCases {
            let summary = try Summarizer(method: method).summarize(document)
            #expect(summary.sentences.count == 1, "\(method) on \(text)")
        }
    }

    @Test(arguments: ["", "   ", "\n\n\t \u{A0}\u{200B}"])
    func emptyInputIsAnError(_ text: String) {
        #expect(throws: PrecisError.emptyInput()) { try Document(text) }
    }

    @Test func invalidOptionsAreErrors() {
        #expect(throws: PrecisError.self) { try Summarizer(length: .sentences(0)) }
        #expect(throws: PrecisError.self) { try Summarizer(length: .ratio(1.5)) }
        #expect(throws: PrecisError.self) { try Summarizer(length: .ratio(0)) }
        #expect(throws: PrecisError.self) { try Summarizer(length: .words(-1)) }
    }

    @Test func inputLargerThanTheLimitIsAnError() {
        let text = String(repeating: "Words. ", count: 100)
        #expect(throws: PrecisError.self) { try Document(text, configuration: .init(maximumInputBytes: 100)) }
    }

    @Test func russianArticle() throws {
        let document = try Document(Fixtures.russianStory)
        #expect(document.language == .russian)
        let summary = try Summarizer().summarize(document)
        #expect(summary.sentences.count == 3)
        #expect(summary.language == "ru")
        #expect(summary.keywords.contains { $0.text.lowercased().hasPrefix("мост") })
    }

    @Test func countsAndReadingTimes() throws {
        let document = try Document(Fixtures.harbourBridge)
        let summary = try Summarizer().summarize(document)
        let words = summary.stats.article.words
        #expect(words == document.tokens.count)
        #expect(summary.stats.article.readingTimeSeconds == (words * 60 + 229) / 230)
        #expect(
            summary.stats.summary.words
                == summary.sentences.reduce(0) { $0 + document.sentences[$1.index].tokens.count })
        #expect(summary.stats.article.sentences == document.sentences.count)
    }

    @Test func keywordsAreContentWordsInTheirWrittenForm() throws {
        let summary = try Summarizer().summarize(try Document(Fixtures.harbourBridge))
        let texts = summary.keywords.map(\.text)
        #expect(texts.contains("bridge") || texts.contains("harbour bridge"))
        #expect(texts.contains("council"))
        #expect(!texts.contains { ["the", "The", "and", "said"].contains($0) })
        #expect(summary.keywords.first?.score == 1)
        #expect(summary.keywords.map(\.score) == summary.keywords.map(\.score).sorted(by: >))
    }

    @Test func keywordsPastTheBestScoredAreRankedToo() throws {
        // Four phrases of three words, three times each, all in the first three sentences: they score
        // 13.5, their pairs 9 and their words 4.5, twenty-four candidates, more than the twenty that are
        // sorted first for five keywords. The pairs and words are covered by the phrases, so the fifth
        // keyword is the best of the rest: "quartz", twice.
        let sentence =
            "Amber basalt cobalt and dolomite emerald feldspar with the garnet hematite jasper of kyanite lazurite malachite."
        let text =
            Array(repeating: sentence, count: 3).joined(separator: " ") + " Miners found quartz, then more quartz."
        let keywords = try Summarizer(configuration: .init(keywordCount: 5)).summarize(try Document(text)).keywords
        #expect(
            keywords.map(\.text) == [
                "Amber basalt cobalt", "dolomite emerald feldspar", "garnet hematite jasper",
                "kyanite lazurite malachite", "quartz",
            ])
        #expect(keywords.map(\.count) == [3, 3, 3, 3, 2])
        #expect(keywords.last?.score == 2 / 13.5)
    }

    @Test func keywordsLeaveOutLoneLettersInEveryScript() throws {
        let text = """
            Завод в г. Казань выпустил станки, насосы и т. д. Станки ушли в г. Пермь.
            Насосы и т. д. ждут весны. Завод строит новый цех, станки и т. п. тоже.
            Plan x was dropped. Plan x cost too much, and plan y is next; x is gone.
            """
        let keywords = try Summarizer().summarize(try Document(text, configuration: .init(language: .russian)))
            .keywords.map(\.text)
        #expect(keywords.contains("станки") || keywords.contains("Станки"))
        #expect(!keywords.contains { ["т", "г", "п", "x", "y"].contains($0) })
        #expect(!keywords.contains { $0.count < 2 })
    }

    @Test func keywordsTakeTheMostFrequentSpellingWithoutPossessive() throws {
        let text = """
            Kestrel's engineers tested the turbine on Monday. The turbine spun for an hour.
            Engineers at KESTREL said the turbine was quiet. Kestrel plans a second turbine.
            Turbine makers watch Kestrel's work, and kestrel is the name on every blade.
            The tur\u{AD}bine will ship next year, Kestrel said.
            """
        let keywords = try Summarizer().summarize(try Document(text)).keywords
        let byText = Dictionary(uniqueKeysWithValues: keywords.map { ($0.text, $0) })
        // "Kestrel" four times (twice as "Kestrel's"), "KESTREL" and "kestrel" once each.
        #expect(byText["Kestrel"]?.count == 6)
        // Lowercase five times (once with a soft hyphen, shown without it), capitalised once.
        #expect(byText["turbine"]?.count == 6)
        #expect(!keywords.contains { $0.text.contains("'s") || $0.text.contains("\u{AD}") })
    }

    @Test(arguments: ["'", "\u{2019}"])
    func wordKeywordsLoseAFinalPossessive(apostrophe: String) throws {
        // The possessive spelling is the most frequent one, so the keyword is shown as it without the 's.
        let text = """
            Kestrel\(apostrophe)s turbines are tall. Kestrel\(apostrophe)s engineers built them. The grid took \
            Kestrel\(apostrophe)s power. KESTREL said so.
            """
        let keywords = try Summarizer().summarize(try Document(text)).keywords
        let kestrel = try #require(keywords.first { $0.text.lowercased().hasPrefix("kestrel") })
        #expect(kestrel.text == "Kestrel")
        #expect(kestrel.count == 4)
    }

    @Test(arguments: ["'", "\u{2019}"])
    func phraseKeywordsLoseAFinalPossessive(apostrophe: String) throws {
        // The phrase's first occurrence, which it is shown as, is the possessive one.
        let text = """
            The harbour authority\(apostrophe)s board met on Monday. Critics of the harbour authority spoke.
            The harbour authority said the plan was sound. Dredging starts in March, the harbour authority said.
            """
        let keywords = try Summarizer().summarize(try Document(text)).keywords.map(\.text)
        #expect(keywords.contains("harbour authority"))
        #expect(!keywords.contains { $0.hasSuffix("s") && $0.dropLast().hasSuffix(apostrophe) })
    }

    @Test(arguments: [
        ("plain words", false, false), ("He said \"yes\"", true, false), ("“Curly” 4 you", true, true),
        ("«Ёлки» в 2024", true, true), ("лыжи и ёлки", false, false), ("room 101", false, true),
        ("it’s ‘single’", false, false),
    ])
    func quotationMarksAndDigitsAreFoundInTheBytes(text: String, quoted: Bool, digits: Bool) {
        #expect(NewsRanker.quotesAndDigits(text) == (quoted, digits))
    }

    /// Long texts are read sixteen bytes at a time: a mark at any offset must be seen, and the bytes just
    /// outside the digits ("/" and ":") or near a quote ("!" and "#") must not count.
    @Test func quotationMarksAndDigitsAreFoundAtEveryOffset() {
        for offset in 0..<40 {
            let before = String(repeating: "a", count: offset)
            let after = String(repeating: "z", count: 40 - offset)
            for (mark, quoted, digits) in [
                ("0", false, true), ("9", false, true), ("\"", true, false), ("“", true, false), ("»", true, false),
                ("/:!#", false, false), ("é", false, false),
            ] {
                let result = NewsRanker.quotesAndDigits(before + mark + after)
                #expect(result == (quoted, digits), "\(mark) at \(offset)")
            }
        }
    }

    /// A sentence's first scalar and its last ones are read from its UTF-8 bytes: an opening quotation
    /// mark of one to three bytes starts it, and closing marks and brackets before a final sentence mark,
    /// of one to three bytes too, are skipped.
    @Test(arguments: [
        ("“Yes,” she said.", true, true), ("\"No.\"", true, true), ("‘Maybe’ (later)", true, false),
        ("«Да».", true, true), ("„Ja“ sagte er…", true, true), ("It ended。", false, true),
        ("Really？”", false, true), ("He said: \"no\"", false, false), ("a ’", false, false),
        ("x.]", false, true), ("", false, false), ("Ä", false, false),
    ])
    func sentenceMarksAreReadFromBothEnds(text: String, startsWithQuote: Bool, endsWithPunctuation: Bool) {
        var text = text
        let marks = text.withUTF8(NewsRanker.marks)
        #expect(marks.startsWithQuote == startsWithQuote)
        #expect(marks.endsWithPunctuation == endsWithPunctuation)
    }

    /// 10,000 sentences: the windowed graph and lazy MMR keep this near-linear. Correctness only; speed is
    /// measured by the benchmarks.
    @Test(arguments: Summarizer.Method.allCases)
    func longInputs(_ method: Summarizer.Method) throws {
        var text = ""
        for i in 0..<10_000 {
            text += "Sentence \(i) talks about topic \(i % 97) and the river number \(i % 13) today. "
            if i % 8 == 7 { text += "\n\n" }
        }
        let document = try Document(text)
        #expect(document.sentences.count == 10_000)
        let summary = try Summarizer(method: method, length: .sentences(5)).summarize(document)
        #expect(summary.sentences.count == 5)
    }

    @Test func twentyMegabytes() throws {
        let paragraph = Fixtures.harbourBridge + "\n\n"
        var text = ""
        text.reserveCapacity(21 << 20)
        while text.utf8.count < 20_000_000 { text += paragraph }
        let document = try Document(text)
        let summary = try Summarizer(method: .news).summarize(document)
        #expect(summary.sentences.count == 3)
    }

    @Test func repairedInvalidBytesAreSummarised() throws {
        var bytes = Array("Valid start. Then a bad byte ".utf8)
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += Array(" appears here. And the text goes on.".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let document = try Document(text)
        #expect(document.sentences.count == 3)
        #expect(document.sentences[1].text.contains("\u{FFFD}"))
    }
}

/// The stem cache is shared by every analysis in the process; concurrent analyses must agree with a
/// sequential one.
struct ConcurrencyTests {
    @Test func concurrentAnalysesAgree() async throws {
        let texts = [Fixtures.harbourBridge, Fixtures.russianStory, PageCleanerTests.copiedPage]
        let expected = try texts.map { try Summarizer().summarize(try Document($0)) }
        let results = try await withThrowingTaskGroup(of: (Int, Summary).self) { group in
            for round in 0..<24 {
                let index = round % texts.count
                let text = texts[index]
                group.addTask { (index, try Summarizer().summarize(try Document(text))) }
            }
            var all: [(Int, Summary)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 24)
        for (index, summary) in results { #expect(summary == expected[index]) }
    }
}
