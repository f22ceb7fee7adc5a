import Testing

@testable import PrecisCore

struct NormalizationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let input: String
        let normalized: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ASCII unchanged", input: "Plain text.", normalized: "Plain text."),
        Case(name: "CRLF", input: "one\r\ntwo\rthree", normalized: "one\ntwo\nthree"),
        Case(name: "non-breaking spaces", input: "10\u{A0}km and 5\u{202F}%", normalized: "10 km and 5 %"),
        Case(name: "zero-width space and BOM", input: "\u{FEFF}zero\u{200B}width", normalized: "zerowidth"),
        Case(name: "soft hyphen", input: "inter\u{AD}national", normalized: "international"),
        Case(name: "NFC composition", input: "Cafe\u{301} noir", normalized: "Caf\u{E9} noir"),
        Case(name: "Cyrillic short i", input: "и\u{306}од", normalized: "йод"),
        Case(name: "paragraph separator", input: "a\u{2029}b", normalized: "a\n\nb"),
        Case(name: "control characters", input: "a\u{0}b\u{7}c", normalized: "a b c"),
        Case(name: "emoji with joiner kept", input: "👩‍💻 ok", normalized: "👩‍💻 ok"),
    ]

    @Test(arguments: cases)
    func normalizes(_ c: Case) {
        let text = NormalizedText(c.input)
        #expect(String(decoding: text.bytes, as: UTF8.self) == c.normalized)
    }

    /// A character to replace or drop is found at every offset of a long ASCII run, where the run's end is
    /// looked for sixteen and then one byte at a time, and only it changes.
    @Test func changesAreFoundAtEveryOffsetOfARun() {
        let changes: [(String, String)] = [
            ("\u{7}", " "), ("\t", "\t"), ("\r", "\n"), ("\u{7F}", " "), ("\u{A0}", " "), ("\u{200B}", ""),
            ("é", "é"),
        ]
        var wrong: [String] = []
        for offset in 0..<40 {
            for (input, output) in changes {
                let prefix = String(repeating: "a\n", count: offset / 2) + String(repeating: "b", count: offset % 2)
                let tail = String(repeating: "c", count: 20)
                let text = NormalizedText(prefix + input + tail)
                if String(decoding: text.bytes, as: UTF8.self) != prefix + output + tail && wrong.count < 5 {
                    wrong.append("\(offset) \(input.unicodeScalars.map(\.value))")
                }
            }
        }
        #expect(wrong.isEmpty)
    }

    /// A sentence's text, for every range of a normalised text of one- to four-byte scalars, is the text
    /// of those bytes, a range that cuts a scalar included; and sentences at the same place with the same
    /// text are equal, whatever text surrounds them.
    @Test func sentenceTextsAreTheTextOfTheirBytes() {
        let text = NormalizedText("aé€😀 x\u{301}.")
        let whole = text.string
        func sentence(_ range: Range<Int>, of normalized: String) -> Sentence {
            Sentence(index: 0, paragraph: 0, range: range, normalized: normalized, textRange: range, tokens: 0..<0)
        }
        var wrong: [String] = []
        for a in 0...text.bytes.count {
            for b in a...text.bytes.count {
                let expected = String(decoding: text.bytes[a..<b], as: UTF8.self)
                if sentence(a..<b, of: whole).text != expected && wrong.count < 5 { wrong.append("\(a)..<\(b)") }
            }
        }
        #expect(wrong.isEmpty)
        let other = String(whole.map { $0 == "." ? "!" : $0 })
        #expect(sentence(0..<3, of: whole) == sentence(0..<3, of: other))
        #expect(Set([sentence(0..<3, of: whole), sentence(0..<3, of: other)]).count == 1)
        #expect(sentence(0..<3, of: whole) != sentence(0..<1, of: whole))
        #expect(sentence(14..<15, of: whole) != sentence(14..<15, of: other))
    }

    /// Sentences are normalised text whether or not normalising changed the length: a control
    /// character and a lone CR are replaced in place, a no-break space is an edit, plain text is as given.
    @Test(arguments: [
        ("Bells\u{7}rang today. Then silence.", "Bells rang today."),
        ("Bells rang\rtoday. Then silence.", "Bells rang\ntoday."),
        ("Bells\u{A0}rang today. Then silence.", "Bells rang today."),
        ("Bells rang today. Then silence.", "Bells rang today."),
    ])
    func sentencesAreNormalisedText(text: String, first: String) throws {
        let document = try Document(text, configuration: .init(language: .english, dropsPageWidgets: false))
        #expect(document.sentences.map(\.text) == [first, "Then silence."])
    }

    @Test func mapsOffsetsBackToTheOriginal() {
        let input = "A\u{A0}b\r\nc\u{AD}d e\u{301}f"
        let text = NormalizedText(input)
        let original = Array(input.utf8)
        // Every normalised word maps back to the same word in the original.
        let normalized = String(decoding: text.bytes, as: UTF8.self)
        #expect(normalized == "A b\ncd \u{E9}f")
        let words: [(String, Range<Int>)] = [("A", 0..<1), ("b", 2..<3)]
        for (word, range) in words {
            let back = text.originalRange(range)
            #expect(String(decoding: original[back], as: UTF8.self) == word)
        }
        // "cd" spans the removed soft hyphen.
        let cd = text.originalRange(4..<6)
        #expect(String(decoding: original[cd], as: UTF8.self) == "c\u{AD}d")
        // "éf" maps to the decomposed original.
        let ef = text.originalRange(7..<text.bytes.count)
        #expect(String(decoding: original[ef], as: UTF8.self) == "e\u{301}f")
        #expect(text.originalOffset(text.bytes.count) == original.count)
    }
}

struct WordTests {
    @Test func tokenizesStemsAndFlagsStopwords() throws {
        let document = try Document(
            "The runners were running quickly. Don't stop!", configuration: .init(language: .english))
        let words = document.tokens.map { document.surface($0) }
        #expect(words == ["The", "runners", "were", "running", "quickly", "Don't", "stop"])
        let stems = document.tokens.map { document.stem(of: $0.term) }
        #expect(stems[1] == "runner")
        #expect(stems[3] == "run")
        #expect(document.tokens.map(\.isStopword) == [true, false, true, false, false, true, false])
    }

    @Test func keepsNumbersAbbreviationsAndHyphens() throws {
        let document = try Document(
            "The U.S. paid $1,250.50 for a well-known 15-year deal.", configuration: .init(language: .english))
        let words = document.tokens.map { document.surface($0) }
        #expect(words == ["The", "U.S", "paid", "1,250.50", "for", "a", "well-known", "15-year", "deal"])
    }

    /// A comma or period after a run of ASCII letters and digits joins as the rules say whether the run is
    /// read whole by one sixteen-byte load (followed by at least sixteen bytes) or byte by byte (at the
    /// end of the text).
    @Test(arguments: [
        ("U.S. paid", ["U.S", "paid"]), ("ab, cd", ["ab", "cd"]), ("ab. Cd", ["ab", "Cd"]), ("A.B. c", ["A.B", "c"]),
        ("a, b", ["a", "b"]), ("3, 4", ["3", "4"]), ("1,000 x", ["1,000", "x"]), ("3.5. x", ["3.5", "x"]),
        ("x.y z", ["x.y", "z"]), ("ab.cd e", ["ab", "cd", "e"]), ("a1, b", ["a1", "b"]), ("a1,2 b", ["a1,2", "b"]),
        ("ab1.2 c", ["ab1.2", "c"]), ("ab.2 c", ["ab", "2", "c"]), ("a.2 c", ["a", "2", "c"]),
    ])
    func commasAndPeriodsJoinAlikeOnEitherPath(text: String, tokens: [String]) throws {
        for (input, expected) in [
            (text + String(repeating: " ", count: 20) + "end", tokens + ["end"]), ("end " + text, ["end"] + tokens),
        ] {
            let document = try Document(input, configuration: .init(language: .english))
            #expect(document.tokens.map { document.surface($0) } == expected, "\(input)")
        }
    }

    /// Tokens whose ASCII runs are broken by other scripts, digits or a possessive, read one after
    /// another in one sentence, keep their own forms, flags and terms.
    @Test func mixedRunsKeepTheirFormsAndFlags() throws {
        let document = try Document(
            "Ab12 12ab 1a2 2024 Müller's MÜLLER x1y Café’s café Q3ab",
            configuration: .init(language: try Language.named("german")))
        let words = document.tokens.map { document.surface($0) }
        #expect(words == ["Ab12", "12ab", "1a2", "2024", "Müller's", "MÜLLER", "x1y", "Café’s", "café", "Q3ab"])
        #expect(document.tokens.map(\.hasLetter) == [true, true, true, false, true, true, true, true, true, true])
        #expect(
            document.tokens.map(\.startsUppercase) == [true, false, false, false, true, true, false, true, false, true])
        let terms = document.tokens.map(\.term)
        #expect(terms[4] == terms[5])  // Müller's, MÜLLER
        #expect(terms[7] == terms[8])  // Café’s, café
        #expect(Set(terms).count == 8)
    }

    /// Runs of letters and digits of every length up to 40, at every offset, which the reader takes
    /// sixteen, eight and one byte at a time, give the tokens, forms, flags and joins that the rules give
    /// read a byte at a time: a period joins digits to digits, and a lone letter to a letter.
    @Test func longRunsAreReadWhole() throws {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
        var wrong: [String] = []
        for length in 1...40 {
            for offset in 0..<17 {
                let run = String((0..<length).map { _ in alphabet[random.next(alphabet.count)] })
                let text =
                    String(repeating: " ", count: offset) + "x " + run + " y " + run.uppercased() + ", " + run
                    + "5.1 z " + run + ".b"
                let document = try Document(text, configuration: .init(language: .undetermined))
                let lettersInRun = run.filter(\.isLetter).count
                let lastIsDigit = run.last?.isNumber ?? false
                let joinsLetter = lettersInRun == 1 && !lastIsDigit
                let expected =
                    ["x", run, "y", run.uppercased(), run + "5.1", "z"] + (joinsLetter ? [run + ".b"] : [run, "b"])
                let surfaces = document.tokens.map { document.surface($0) }
                let forms = document.tokens.map { document.stem(of: $0.term) }
                let hasLetter = lettersInRun > 0
                let flags = document.tokens[1...3].map { [$0.hasLetter, $0.startsUppercase] }
                let expectedFlags = [
                    [hasLetter, run.first!.isUppercase], [true, false], [hasLetter, run.first!.isLetter],
                ]
                if surfaces != expected || forms != expected.map({ $0.lowercased() }) || flags != expectedFlags {
                    if wrong.count < 5 { wrong.append(text) }
                }
            }
        }
        #expect(wrong.isEmpty)
    }

    /// Plain words read whole from one sixteen-byte load keep the ranges of the text as given where
    /// normalising changed its length before them: no-break spaces become one byte, soft hyphens go.
    @Test func wordsReadWholeMapBackThroughEdits() throws {
        let words = ["Reporters", "said", "the", "committee", "met", "again", "today", "in", "Brussels", "and"]
        let text =
            words.enumerated().map { k, word in k % 3 == 1 ? "\u{AD}" + word : word }
            .joined(separator: "\u{A0}") + " agreed on nothing at all."
        let document = try Document(text, configuration: .init(language: .english, dropsPageWidgets: false))
        let original = Array(text.utf8)
        let read = document.tokens.prefix(words.count).map {
            String(decoding: original[$0.range], as: UTF8.self).filter { $0 != "\u{AD}" }
        }
        #expect(read == words)
        #expect(document.tokens.prefix(words.count).map(\.startsUppercase) == words.map { $0.first!.isUppercase })
        #expect(document.stem(of: document.tokens[0].term) == "report")
    }

    /// Random texts of short words, digits, joining marks, punctuation and letters beyond ASCII give the
    /// tokens and forms of the joining rules applied a character at a time, whichever way the reader
    /// takes each token: a plain word whole from one sixteen-byte load, or a character at a time.
    @Test func randomTextsFollowTheJoiningRules() throws {
        let pieces = [
            "a", "B", "c", "x", "7", "42", "word", "Plain", "é", " ", " ", " ", "  ", ",", ".", "'", "-", "’",
            "!", "(", "s", "'s",
        ]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var wrong: [String] = []
        for _ in 0..<1_500 {
            let text =
                "Start " + (0..<(20 + random.next(40))).map { _ in pieces[random.next(pieces.count)] }.joined()
                + " end"
            let document = try Document(text, configuration: .init(language: .undetermined, dropsPageWidgets: false))
            let surfaces = document.tokens.map { document.surface($0) }
            let forms = document.tokens.map { document.stem(of: $0.term) }
            let expected = Self.tokens(text)
            let expectedForms = expected.map { token -> String in
                let form = token.lowercased().replacingOccurrences(of: "’", with: "'")
                return form.utf8.count > 2 && form.hasSuffix("'s") ? String(form.dropLast(2)) : form
            }
            if surfaces != expected || forms != expectedForms, wrong.count < 5 { wrong.append(text) }
        }
        #expect(wrong.isEmpty)
    }

    /// The tokens of `text` by the joining rules, read a character at a time: runs of letters and
    /// digits, continued by an apostrophe before a letter, a hyphen before a letter or digit, a period
    /// between digits or after a lone letter before a letter, and a comma between digits.
    private static func tokens(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        var tokens: [String] = []
        var i = 0
        while i < s.count {
            guard isLetter(s[i]) || isDigit(s[i]) else {
                i += 1
                continue
            }
            let start = i
            var lettersSinceJoin = 0
            var previousIsDigit = false
            while true {
                while i < s.count && (isLetter(s[i]) || isDigit(s[i])) {
                    previousIsDigit = isDigit(s[i])
                    lettersSinceJoin += previousIsDigit ? 0 : 1
                    i += 1
                }
                guard i + 1 < s.count else { break }
                let next = s[i + 1]
                let joins: Bool
                switch s[i] {
                case "'", "’": joins = isLetter(next)
                case "-": joins = isLetter(next) || isDigit(next)
                case ".":
                    let afterLoneLetter = lettersSinceJoin == 1 && !previousIsDigit
                    joins = (previousIsDigit && isDigit(next)) || (afterLoneLetter && isLetter(next))
                case ",": joins = previousIsDigit && isDigit(next)
                default: joins = false
                }
                guard joins else { break }
                lettersSinceJoin = 0
                i += 1
            }
            tokens.append(String(String.UnicodeScalarView(s[start..<i])))
        }
        return tokens
    }

    @Test func lowercasesUnicode() throws {
        let document = try Document(
            "ÉCOLE Straße ПРИВЕТ Ёлка", configuration: .init(language: try Language.named("french")))
        let lower = document.tokens.map { document.stem(of: $0.term) }
        #expect(lower[2].hasPrefix("привет"))
        #expect(lower[3].hasPrefix("ёлк"))
        #expect(lower[0].hasPrefix("écol"))
    }

    @Test func russianStemming() throws {
        let document = try Document(
            "Переговоры продолжаются. Переговорам мешают споры.", configuration: .init(language: .russian))
        let stems = document.tokens.map { document.stem(of: $0.term) }
        #expect(stems[0] == stems[2])  // переговоры, переговорам
    }

    @Test(arguments: [
        ("The government said on Monday that the new law would take effect next year.", "en"),
        ("Правительство заявило в понедельник, что новый закон вступит в силу в следующем году.", "ru"),
        ("هذا نص عربي قصير عن الأخبار.", "und"),
        // Long enough that the first hundred words settle it, and English despite a Russian tail.
        (
            String(repeating: "The council voted on the plan to rebuild the old bridge. ", count: 12)
                + String(repeating: "Совет проголосовал за план. ", count: 3), "en"
        ),
    ])
    func detectsTheLanguage(text: String, code: String) throws {
        #expect(try Document(text).language.code == code)
    }

    /// Latin letters against letters of other scripts decide between English and undetermined to the
    /// letter, so every letter and apostrophe must be counted, in words read whole or a character at a time.
    @Test func detectionCountsEveryLatinLetter() throws {
        let english = "The cat's bowl and the dog's don't sit by the river, said café owners. "
        let latin = english.unicodeScalars.filter { $0.properties.isAlphabetic || $0 == "'" }.count
        let arabic = String(repeating: "ب", count: latin)
        #expect(try Document(english + arabic).language.code == "en")
        #expect(try Document(english + arabic + "ب").language.code == "und")
    }

    @Test func namesLanguagesByCodeAndName() throws {
        #expect(try Language.named("en") == .english)
        #expect(try Language.named("Russian") == .russian)
        #expect(try Language.named("de").name == "german")
        #expect(try Language.named("spanish").code == "es")
        #expect(throws: PrecisError.self) { try Language.named("klingon") }
        #expect(!Language.stemmerNames.isEmpty)
    }
}

struct ScalarClassTests {
    /// The ranges answered without a look-up give what the Unicode properties give, for every scalar; the
    /// Cyrillic block is left out, where the rule is by design (its combining marks do not join words).
    @Test func lettersAndDigitsAgreeWithUnicodeProperties() {
        var disagreements: [UInt32] = []
        for v in UInt32(0)...0x10FFFF where !(0x0400...0x04FF).contains(v) {
            if UTF8Scalar.isLetter(v) != UTF8Scalar.isLetterByProperties(v)
                || UTF8Scalar.isDigit(v) != UTF8Scalar.isDigitByProperties(v)
            {
                disagreements.append(v)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { String($0, radix: 16) })")
        #expect(UTF8Scalar.isLetter(0xE9) && !UTF8Scalar.isLetter(0xD7) && !UTF8Scalar.isLetter(0x2019))
    }

    /// The length read from a lead byte is the length of the scalar's UTF-8, for every scalar.
    @Test func lengthsFromLeadBytesAreTheEncodedLengths() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let utf8 = Array(String(Character(scalar)).utf8)
            if UTF8Scalar.length(lead: utf8[0]) != utf8.count { wrong.append(v) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
    }
}
