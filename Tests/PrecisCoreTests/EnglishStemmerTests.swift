import Foundation
import Testing

@testable import PrecisCore

/// The Swift English stemmer must give libstemmer's stems exactly: both run here, word by word.
struct EnglishStemmerTests {
    /// The words of `words` whose Swift stem differs from libstemmer's, as "word: swift ≠ libstemmer".
    private func mismatches(_ words: some Sequence<[UInt8]>) throws -> [String] {
        let libstemmer = try #require(Stemmer(algorithm: "english"))
        let swift = EnglishStemmer()
        var out: [String] = []
        for word in words {
            let theirs = word.withUnsafeBufferPointer { p in libstemmer.withLibstemmerStem(of: p) { Array($0) } }
            let handled = word.withUnsafeBufferPointer { swift.stem($0) }
            guard handled else {
                out.append("\(String(decoding: word, as: UTF8.self)): not stemmed")
                continue
            }
            let ours = swift.withStem { Array($0) }
            if ours != theirs {
                out.append(
                    "\(String(decoding: word, as: UTF8.self)): \(String(decoding: ours, as: UTF8.self)) ≠ "
                        + String(decoding: theirs, as: UTF8.self))
            }
        }
        return out
    }

    /// Stems and endings that reach every rule: the exceptions, the R1 prefixes, y after a vowel,
    /// doubled letters, short syllables and each step's suffixes.
    @Test func everyRuleGivesLibstemmersStem() throws {
        let bases = [
            "", "a", "y", "ay", "sky", "ski", "news", "atlas", "bias", "andes", "cosmos", "howe", "die", "lie", "tie",
            "gener", "commun", "arsen", "general", "communic", "arsenal", "run", "hop", "tap", "fil", "plan",
            "bless", "fizz", "agre", "fe", "proce", "exce", "succe", "inn", "out", "cann", "herr", "earr", "cry",
            "say", "play", "happ", "enjoy", "yell", "boy", "employ", "nation", "relat", "condit", "hope", "car",
            "sens", "ration", "format", "organ", "univers", "dog", "fox", "snow", "tax", "bet", "bee", "sea",
            "fluent", "rigor", "depend", "adjust", "electr", "decis", "analog", "geolog", "nobl", "abl", "ugl",
            "earl", "onl", "singl", "gentl", "id", "ly", "uy", "yyy", "ayyy", "sayy", "ey", "eye", "oy", "hyster",
            "luxur", "defens", "revers", "controll", "roll", "kill", "bell", "tell", "mile", "smile",
            // Digits and joining marks, which the algorithm reads as consonants.
            "well-", "self-", "co-", "re-", "x-", "15-year-", "3", "1,2", "2.5", "a1", "y2", "e-", "-", "u.s",
            // Long words whose regions start near the sixteenth and thirty-second letters.
            String(repeating: "b", count: 14) + "ab", String(repeating: "b", count: 15) + "ab",
            String(repeating: "b", count: 16) + "ab", String(repeating: "c", count: 30) + "erb",
            String(repeating: "c", count: 31) + "erb", "strengthlessnes" + String(repeating: "s", count: 16) + "ab",
        ]
        let endings = [
            "", "s", "es", "ies", "ied", "ss", "us", "sses", "'s", "ed", "ing", "ingly", "edly", "eed", "eedly", "ly",
            "li", "ness", "ful", "fulness", "fulli", "ation", "ational", "tional", "ization", "izer", "ize", "al",
            "ally", "alli", "alism", "aliti", "ality", "iviti", "ive", "iveness", "able", "ably", "abli", "ible",
            "ance", "ence", "anci", "enci", "ancy", "ency", "ment", "ement", "ent", "entli", "ant", "ion", "tion",
            "sion", "ous", "ously", "ousli", "ousness", "ism", "ist", "iti", "ity", "ic", "ical", "icate", "iciti",
            "ative", "alize", "er", "est", "ogy", "ogi", "bli", "biliti", "lessli", "y", "yed", "ying", "e", "ll",
            "le", "at", "bl", "iz", "ator", "ated", "ating", "ement", "ements", "izing", "ization",
        ]
        var words = Set<[UInt8]>()
        for base in bases {
            for ending in endings where !ending.contains("'") {
                words.insert(Array((base + ending).utf8))
            }
        }
        words.remove([])
        let different = try mismatches(words.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(different.isEmpty, "\(different.count) of \(words.count): \(different.prefix(20))")
    }

    /// Words strung together from letters and the pieces the rules look for, by a fixed-seed generator,
    /// so that odd combinations (yy, eeed, a suffix on a two-letter word) are tried the same way each run.
    @Test func randomWordsGiveLibstemmersStems() throws {
        let pieces = [
            "a", "e", "i", "o", "u", "y", "b", "c", "d", "g", "l", "m", "n", "r", "s", "t", "w", "x", "z", "ss",
            "ed", "ing", "ly", "eed", "ies", "ion", "al", "ic", "ate", "iti", "ous", "ful", "li", "bl", "at", "iz",
            "gener", "commun", "arsen", "tion", "ness", "ement", "-", "1", "2024", ".", ",", "-year", "-old",
        ]
        // A 64-bit linear congruential generator (Knuth's MMIX constants).
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var words = Set<[UInt8]>()
        while words.count < 20_000 {
            var word = ""
            for _ in 0...next(5) { word += pieces[next(pieces.count)] }
            if word.utf8.count <= EnglishStemmer.longestWord { words.insert(Array(word.utf8)) }
        }
        let different = try mismatches(words.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(different.isEmpty, "\(different.count) of \(words.count): \(different.prefix(20))")
    }

    @Test func otherWordsGoToLibstemmer() throws {
        let swift = EnglishStemmer()
        for word in ["don't", "café", "x/ray", "Capital", "Yes", String(repeating: "a", count: 49)] {
            let bytes = Array(word.utf8)
            #expect(!bytes.withUnsafeBufferPointer { swift.stem($0) }, "\(word)")
        }
        // Through `Stemmer`, such words still get libstemmer's stems.
        let stemmer = try #require(Stemmer(algorithm: "english"))
        #expect(String(decoding: stemmer.stem(Array("cafés".utf8)), as: UTF8.self) == "café")
        #expect(String(decoding: stemmer.stem(Array("running".utf8)), as: UTF8.self) == "run")
    }

    /// Every run of a–z, 0–9 and `-`, `.`, `,` in the dev sets' files (tens of thousands of real word forms
    /// and numbers), when they are there.
    @Test func devSetWordsGiveLibstemmersStems() throws {
        // Beside the repository, as ../shared/data/summaries, unless PRECIS_SHARED_DATA names the directory.
        let besideRepository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory =
            ProcessInfo.processInfo.environment["PRECIS_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
            ?? besideRepository.appendingPathComponent("shared/data/summaries")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter {
            $0.hasSuffix(".jsonl")
        }
        guard let files, !files.isEmpty else {
            print("EnglishStemmerTests: dev-set words skipped, no JSONL files in \(directory.path)")
            return
        }
        var words = Set<[UInt8]>()
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            var word: [UInt8] = []
            for byte in data {
                let folded = byte | 0x20
                if byte < 0x80 && folded &- 0x61 < 26 {
                    word.append(folded)
                } else if byte &- 0x2C < 14 && byte != 0x2F {
                    word.append(byte)
                } else if !word.isEmpty {
                    if word.count <= EnglishStemmer.longestWord { words.insert(word) }
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        let different = try mismatches(words)
        #expect(different.isEmpty, "\(different.count) of \(words.count): \(different.prefix(20))")
    }
}
