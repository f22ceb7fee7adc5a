import Testing

@testable import PrecisCore

/// Hard cases of sentence segmentation, one phenomenon per row, written for Precis.
struct SegmentationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let sentences: [String]
        var testDescription: String { name }
    }

    static let english: [Case] = [
        Case(
            name: "titles", text: "Mr. Smith met Dr. Jones and Gen. Patel. They talked.",
            sentences: ["Mr. Smith met Dr. Jones and Gen. Patel.", "They talked."]),
        Case(
            name: "military ranks", text: "She drove Army Spc. Caleb Barnes and Pfc. Ann Lee to a concert. It rained.",
            sentences: ["She drove Army Spc. Caleb Barnes and Pfc. Ann Lee to a concert.", "It rained."]),
        Case(
            name: "political titles", text: "Sen. Warren, Gov. Newsom and Rep. Ocasio-Cortez spoke. Nobody else did.",
            sentences: ["Sen. Warren, Gov. Newsom and Rep. Ocasio-Cortez spoke.", "Nobody else did."]),
        Case(
            name: "country abbreviation mid-sentence", text: "The U.S. economy grew. The U.K. economy shrank.",
            sentences: ["The U.S. economy grew.", "The U.K. economy shrank."]),
        Case(
            name: "country abbreviation at the end", text: "He moved to the U.S. The move was hard.",
            sentences: ["He moved to the U.S.", "The move was hard."]),
        Case(
            name: "corporate suffixes", text: "Apple Inc. said sales rose. Acme Corp. Chief Executive Jane Doe agreed.",
            sentences: ["Apple Inc. said sales rose.", "Acme Corp. Chief Executive Jane Doe agreed."]),
        Case(
            name: "number abbreviation", text: "He lives at No. 10 Downing Street. It is famous.",
            sentences: ["He lives at No. 10 Downing Street.", "It is famous."]),
        Case(
            name: "saint and street", text: "They flew to St. Louis on Main St. The trip was short.",
            sentences: ["They flew to St. Louis on Main St.", "The trip was short."]),
        Case(
            name: "months", text: "The law takes effect Jan. 1 and ends Dec. 31. Critics object.",
            sentences: ["The law takes effect Jan. 1 and ends Dec. 31.", "Critics object."]),
        Case(
            name: "times", text: "The polls close at 8 p.m. Eastern time. Results follow at 9 a.m. The count is slow.",
            sentences: ["The polls close at 8 p.m. Eastern time.", "Results follow at 9 a.m.", "The count is slow."]),
        Case(
            name: "etc.", text: "Bring pens, paper, etc. to the exam. Do not be late.",
            sentences: ["Bring pens, paper, etc. to the exam.", "Do not be late."]),
        Case(
            name: "initials", text: "Donald Sterling spoke with V. Stiviano about it. She declined.",
            sentences: ["Donald Sterling spoke with V. Stiviano about it.", "She declined."]),
        Case(
            name: "several initials", text: "J. R. R. Tolkien wrote it. It sold well.",
            sentences: ["J. R. R. Tolkien wrote it.", "It sold well."]),
        Case(
            name: "decimals and money", text: "Shares rose 3.5% to $12.75 on Friday. Bonds fell 0.2 points.",
            sentences: ["Shares rose 3.5% to $12.75 on Friday.", "Bonds fell 0.2 points."]),
        Case(
            name: "number at the end", text: "The company was founded in 1998. It has 4,500 employees.",
            sentences: ["The company was founded in 1998.", "It has 4,500 employees."]),
        Case(
            name: "ordinals", text: "She finished 2nd. He was 3rd in the 100m.",
            sentences: ["She finished 2nd.", "He was 3rd in the 100m."]),
        Case(
            name: "versions", text: "Upgrade to version 2.4.1 today. Version 3.0 is in beta.",
            sentences: ["Upgrade to version 2.4.1 today.", "Version 3.0 is in beta."]),
        Case(
            name: "ellipsis before lowercase", text: "He paused... and then he left. Nobody followed.",
            sentences: ["He paused... and then he left.", "Nobody followed."]),
        Case(
            name: "ellipsis before capital", text: "We waited and waited… Then the bus came.",
            sentences: ["We waited and waited…", "Then the bus came."]),
        Case(
            name: "quote ends with period, speech tag follows", text: "\"No.\" he said. \"Never.\"",
            sentences: ["\"No.\" he said.", "\"Never.\""]),
        Case(
            name: "exclamation in quotes", text: "\"Run!\" she shouted. They ran.",
            sentences: ["\"Run!\" she shouted.", "They ran."]),
        Case(
            name: "multi-sentence quotation",
            text: "\"We are ready. We have the votes. We will win,\" the senator said.",
            sentences: ["\"We are ready.", "We have the votes.", "We will win,\" the senator said."]),
        Case(
            name: "curly quotes", text: "“It is over.” The crowd cheered.",
            sentences: ["“It is over.”", "The crowd cheered."]),
        Case(
            name: "brackets", text: "The bill passed (by one vote.) Its fate is unclear.",
            sentences: ["The bill passed (by one vote.)", "Its fate is unclear."]),
        Case(
            name: "question and exclamation", text: "Why now? Nobody knows! Officials declined to comment.",
            sentences: ["Why now?", "Nobody knows!", "Officials declined to comment."]),
        Case(name: "interrobang run", text: "Really?! Yes.", sentences: ["Really?!", "Yes."]),
        Case(
            name: "URL", text: "Details are at https://example.com/report.html?id=3. Read them.",
            sentences: ["Details are at https://example.com/report.html?id=3.", "Read them."]),
        Case(
            name: "e-mail address", text: "Write to press.office@example.org today. We answer fast.",
            sentences: ["Write to press.office@example.org today.", "We answer fast."]),
        Case(
            name: "file names", text: "Open budget.xlsx and notes.txt first. Then reply.",
            sentences: ["Open budget.xlsx and notes.txt first.", "Then reply."]),
        Case(
            name: "missing space after period", text: "It rained today.The match was cancelled.",
            sentences: ["It rained today.", "The match was cancelled."]),
        Case(
            name: "domain is not a missing space", text: "Visit Newsfeed.Com for more.",
            sentences: ["Visit Newsfeed.Com for more."]),
        Case(
            name: "heading line without punctuation", text: "Storm hits coast\nThousands lost power overnight.",
            sentences: ["Storm hits coast", "Thousands lost power overnight."]),
        Case(
            name: "list items", text: "What to pack:\n- a torch\n- water\n- a radio",
            sentences: ["What to pack:", "- a torch", "- water", "- a radio"]),
        Case(
            name: "numbered list", text: "Steps\n1. Open the box.\n2. Plug it in.",
            sentences: ["Steps", "1. Open the box.", "2. Plug it in."]),
        Case(
            name: "hard-wrapped prose",
            text: "The minister said the plan, which was announced\non Monday, would cost more than expected.",
            sentences: ["The minister said the plan, which was announced\non Monday, would cost more than expected."]),
        Case(
            name: "wrapped line ending in a function word", text: "He walked into the\nRoyal Albert Hall alone.",
            sentences: ["He walked into the\nRoyal Albert Hall alone."]),
        Case(
            name: "paragraph break ends a sentence", text: "First paragraph without a stop\n\nsecond paragraph",
            sentences: ["First paragraph without a stop", "second paragraph"]),
        Case(
            name: "separator line", text: "Part one ends here. *** Part two begins.",
            sentences: ["Part one ends here.", "***", "Part two begins."]),
        Case(
            name: "emoticon stays with its sentence", text: "Loved it. :) See you soon.",
            sentences: ["Loved it. :)", "See you soon."]),
        Case(
            name: "lowercase start in web text", text: "i am going out tonight. you should come.",
            sentences: ["i am going out tonight.", "you should come."]),
        Case(
            name: "no punctuation at all", text: "just some words without any punctuation",
            sentences: ["just some words without any punctuation"]),
        Case(
            name: "dateline", text: "WASHINGTON (AP) — The Senate voted 52-48 on Tuesday. The House is next.",
            sentences: ["WASHINGTON (AP) — The Senate voted 52-48 on Tuesday.", "The House is next."]),
        Case(
            name: "Ph.D. and middle initial", text: "Jane Q. Public earned a Ph.D. in physics. She teaches.",
            sentences: ["Jane Q. Public earned a Ph.D. in physics.", "She teaches."]),
        Case(name: "CJK full stop", text: "今日は晴れです。明日は雨です。", sentences: ["今日は晴れです。", "明日は雨です。"]),
        Case(
            name: "right-to-left text", text: "هذا نص عربي. وهذه جملة ثانية.",
            sentences: ["هذا نص عربي.", "وهذه جملة ثانية."]),
        Case(
            name: "emoji", text: "We won! 🎉🎉 The final was tense.", sentences: ["We won!", "🎉🎉 The final was tense."]),
    ]

    static let russian: [Case] = [
        Case(
            name: "initials", text: "В. В. Путин провёл совещание. Оно длилось час.",
            sentences: ["В. В. Путин провёл совещание.", "Оно длилось час."]),
        Case(
            name: "т. е. and т. д.", text: "Он купил фрукты, т. е. яблоки, груши и т. д. Потом ушёл домой.",
            sentences: ["Он купил фрукты, т. е. яблоки, груши и т. д.", "Потом ушёл домой."]),
        Case(
            name: "year abbreviation", text: "Закон принят в 2020 г. Он вступил в силу сразу.",
            sentences: ["Закон принят в 2020 г.", "Он вступил в силу сразу."]),
        Case(
            name: "street", text: "Офис находится на ул. Ленина. Вход со двора.",
            sentences: ["Офис находится на ул. Ленина.", "Вход со двора."]),
        Case(
            name: "guillemets", text: "«Мы готовы», — сказал министр. Переговоры продолжатся.",
            sentences: ["«Мы готовы», — сказал министр.", "Переговоры продолжатся."]),
        Case(name: "question", text: "Что дальше? Никто не знает.", sentences: ["Что дальше?", "Никто не знает."]),
        Case(
            name: "millions", text: "Бюджет составил 5 млн руб. в год. Это много.",
            sentences: ["Бюджет составил 5 млн руб. в год.", "Это много."]),
    ]

    @Test(arguments: english)
    func englishCases(_ c: Case) {
        #expect(SentenceSegmenter(language: .english).sentences(in: c.text) == c.sentences)
    }

    @Test(arguments: russian)
    func russianCases(_ c: Case) {
        #expect(SentenceSegmenter(language: .russian).sentences(in: c.text) == c.sentences)
    }

    @Test func emptyAndWhitespaceHaveNoSentences() {
        let segmenter = SentenceSegmenter(language: .english)
        #expect(segmenter.sentences(in: "").isEmpty)
        #expect(segmenter.sentences(in: " \n\t\n ").isEmpty)
    }

    @Test func rangesCoverTheSentenceText() throws {
        let text = "  First one.  Second one!\n\nThird?  "
        let document = try Document(text, configuration: .init(dropsPageWidgets: false))
        let utf8 = Array(text.utf8)
        for sentence in document.sentences {
            #expect(String(decoding: utf8[sentence.range], as: UTF8.self) == sentence.text)
        }
        #expect(document.sentences.map(\.text) == ["First one.", "Second one!", "Third?"])
        #expect(document.paragraphs.count == 2)
    }

    /// Inputs that would be quadratic for a segmenter that scans whole tokens at every candidate.
    @Test(arguments: [
        String(repeating: "ab.Cd", count: 200_000),
        String(repeating: ".", count: 1_000_000),
        String(repeating: "x. ", count: 300_000),
        String(repeating: "\"", count: 500_000) + ". A",
        String(repeating: "\n", count: 300_000) + "A",
    ])
    func hostileInputsFinish(_ text: String) throws {
        let document = try Document(text)
        #expect(!document.sentences.isEmpty)
    }

    /// A caption run into its story with no period ("in the city The river") ends where the opener
    /// starts, at every alignment of the text against the eight-byte blocks the segmenter skips.
    @Test func captionsEndWithoutAPeriodAtEveryOffset() {
        let segmenter = SentenceSegmenter(language: .english)
        for pad in 0..<17 {
            let lead = String(repeating: "x", count: pad + 1) + " flooded streets in the city"
            #expect(
                segmenter.sentences(in: lead + " The river rose overnight.") == [lead, "The river rose overnight."])
            #expect(segmenter.sentences(in: lead + " Then river rose overnight.").count == 1)
            #expect(segmenter.sentences(in: lead + ". Then it rose.") == [lead + ".", "Then it rose."])
        }
    }

    /// The eight- and sixteen-byte searches for candidates agree with a byte-by-byte one on words that
    /// mix letters, spaces, capitals and every byte a candidate can start with.
    @Test func candidateBytesAreFoundExactly() {
        let bytes: [UInt8] = [
            0x0A, 0x20, 0x21, 0x23, 0x2A, 0x2C, 0x2D, 0x2E, 0x3D, 0x3F, 0x41, 0x5A, 0x5F, 0x61, 0x7A, 0x7E, 0x80,
            0xD0, 0xE1, 0xE2, 0xE3, 0xEF, 0xFF, 0x00, 0x40, 0x5B,
        ]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var wrong: [String] = []
        for caption in [false, true] {
            for _ in 0..<100_000 {
                var window: [UInt8] = []
                for _ in 0..<17 {
                    // Mostly letters and spaces, as in text.
                    let pick = random.next(64)
                    window.append(pick < 30 ? 0x61 + UInt8(pick % 26) : pick < 40 ? 0x20 : bytes[pick % bytes.count])
                }
                var expected: UInt32 = 0
                for k in 0..<16 {
                    let byte = window[k]
                    let next = window[k + 1]
                    let found =
                        [0x2E, 0x21, 0x3F, 0x0A, 0x2A, 0x3D, 0x5F, 0x7E, 0x23, 0x2D].contains(byte) || byte >= 0xE2
                        || (caption && byte == 0x20 && next >= 0x41 && next <= 0x5A)
                    if found { expected |= 1 << k }
                }
                let (word, vector) = window.withUnsafeBufferPointer { p in
                    (
                        SentenceSegmenter.candidates(
                            ByteWord.load(p.baseAddress!, at: 0), ByteWord.load(p.baseAddress!, at: 1), caption),
                        SentenceSegmenter.candidates(
                            ByteVector.load(p.baseAddress!, at: 0), ByteVector.load(p.baseAddress!, at: 1), caption)
                    )
                }
                // The word's high bits, one a byte, are the first eight of the vector's bits.
                var wordBits: UInt32 = 0
                for k in 0..<8 where word >> UInt64(8 * k + 7) & 1 == 1 { wordBits |= 1 << k }
                if (wordBits != expected & 0xFF || vector != expected) && wrong.count < 5 { wrong.append("\(window)") }
            }
        }
        #expect(wrong.isEmpty)
    }

    /// Each kind of boundary at every offset from a sixteen-byte boundary, so that none falls between the
    /// blocks the candidate search reads.
    @Test func boundariesAreFoundAtEveryOffset() {
        let segmenter = SentenceSegmenter(language: .english)
        for pad in 0..<33 {
            let lead = String(repeating: "x", count: pad + 1) + " the river rose"
            #expect(segmenter.sentences(in: lead + "! The town flooded.") == [lead + "!", "The town flooded."])
            #expect(segmenter.sentences(in: lead + "? The town flooded.") == [lead + "?", "The town flooded."])
            #expect(
                segmenter.sentences(in: lead + "\u{2026} The town flooded.") == [
                    lead + "\u{2026}", "The town flooded.",
                ])
            #expect(segmenter.sentences(in: lead + "\nThe town flooded.") == [lead, "The town flooded."])
            #expect(segmenter.sentences(in: lead + " *** the town flooded.") == [lead, "***", "the town flooded."])
            #expect(
                segmenter.sentences(in: lead + "\u{3002}The town flooded.") == [lead + "\u{3002}", "The town flooded."])
            #expect(segmenter.sentences(in: lead + " and the town flooded.").count == 1)
        }
    }

    @Test func languageWithoutRulesStillSplits() throws {
        let german = try Language.named("german")
        #expect(german.stemmer == "german")
        let sentences = SentenceSegmenter(language: german).sentences(in: "Das ist gut. Wir gehen jetzt.")
        #expect(sentences == ["Das ist gut.", "Wir gehen jetzt."])
    }
}
