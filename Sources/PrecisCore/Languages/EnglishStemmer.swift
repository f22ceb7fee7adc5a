/// The English (Porter2) Snowball stemmer, as libstemmer 2.2 computes it, for words of the letters
/// a–z, digits, hyphens, periods and commas ("well-known", "15-year", "3.5"), which are most English
/// word forms; ``Stemmer`` gives every other word (an apostrophe, which the algorithm treats apart, or a
/// letter beyond ASCII) to libstemmer. Porter2 reads every character that is not one of its vowels as a
/// consonant, and so does this implementation.
/// It gives the same stems as libstemmer, in about half the time (profiled over the first sight of
/// cnndm-dev's 15,000 forms), without libstemmer's generic machinery of `among` tables and cursor
/// moves. Tests compare the two word by word, so a libstemmer whose English algorithm changes (as
/// Snowball 3's did) fails them rather than splitting one stem into two.
///
/// M. F. Porter, "The English (Porter2) stemming algorithm", snowballstem.org (2002, revised 2006),
/// the version of Snowball 2.2's `english.sbl`: exceptions, regions R1 and R2 (with the prefixes
/// gener-, commun- and arsen-), steps 1a–5, and the vowel-following y kept apart as Y.
///
/// The word is kept in a fixed buffer after eight zero bytes, so that its last eight letters are one
/// unaligned load, suffixes are compared as 64-bit words and nothing is allocated per word. One
/// instance stems one word at a time; ``Stemmer`` keeps one per analysis.
///
/// - Complexity: O(k) per word of k letters.
final class EnglishStemmer {
    /// Eight zero bytes, then the word being stemmed, where a `Y` (0x59) is a y that acts as a
    /// consonant. No step makes a word longer than it came in.
    private let buffer: UnsafeMutablePointer<UInt8>
    /// The word: `w[0..<count]`, with eight zero bytes before `w[0]`.
    private let w: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var p1 = 0
    private var p2 = 0
    private let tables = Tables.shared

    /// Longer words go to libstemmer, as do words with any byte other than a–z, 0–9, `-`, `.` and `,`.
    static let longestWord = 48

    init() {
        buffer = .allocate(capacity: 8 + Self.longestWord + 8)
        buffer.initialize(repeating: 0, count: 8 + Self.longestWord + 8)
        w = buffer + 8
    }

    deinit { buffer.deallocate() }

    /// Stems `word` when it is of a–z, 0–9, `-`, `.` and `,` and not too long, and tells whether it did;
    /// the stem is then read with ``withStem(_:)``.
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= Self.longestWord, word.allSatisfy(Self.isHandled) else { return false }
        if let base = word.baseAddress { w.update(from: base, count: word.count) }
        count = word.count
        run()
        return true
    }

    /// Calls `body` with the stem of the last word stemmed.
    func withStem<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: w, count: count))
    }

    private func run() {
        if exception1() || count < 3 { return }
        var foundY = false
        if w[0] == Self.y {
            w[0] = Self.Y
            foundY = true
        }
        for i in 1..<count where w[i] == Self.y && Self.isVowel(w[i - 1]) {
            w[i] = Self.Y
            foundY = true
        }
        markRegions()
        apply(tables.step1a, region: 0)
        if !exception2() {
            apply(tables.step1b, region: 0)
            step1c()
            apply(tables.step2, region: p1)
            apply(tables.step3, region: p1)
            apply(tables.step4, region: p2)
            step5()
        }
        if foundY {
            for i in 0..<count where w[i] == Self.Y { w[i] = Self.y }
        }
    }

    // MARK: Letters

    /// Whether a byte is one this stemmer takes: a–z, or one of the other bytes of ASCII that a token
    /// holds besides the apostrophe: `,` `-` `.` and 0–9, which are 0x2C–0x39 without `/` (0x2F).
    @inline(__always)
    private static func isHandled(_ c: UInt8) -> Bool { c &- 0x61 < 26 || (c &- 0x2C < 14 && c != 0x2F) }

    private static let y: UInt8 = 0x79
    /// A y that acts as a consonant, as Snowball marks it.
    private static let Y: UInt8 = 0x59

    /// a, e, i, o, u and y; not Y. Bit k of the mask stands for the k-th letter.
    @inline(__always)
    private static func isVowel(_ c: UInt8) -> Bool { isLetter(c, in: 0x0110_4111) }

    /// Whether `c` is one of the letters a–z whose bits (a the lowest) `mask` sets.
    @inline(__always)
    private static func isLetter(_ c: UInt8, in mask: UInt32) -> Bool {
        let k = c &- 0x61
        return k < 26 && (mask >> UInt32(k)) & 1 != 0
    }

    /// The bits of `letters` for ``isLetter(_:in:)``.
    private static func letterMask(_ letters: String) -> UInt32 {
        letters.utf8.reduce(0) { $0 | 1 << UInt32($1 - 0x61) }
    }

    /// Whether the word before `end` ends in a short syllable: a consonant other than w, x or Y after a
    /// vowel after a consonant, or a vowel and a consonant that are the whole of it.
    private func endsWithShortSyllable(_ end: Int) -> Bool {
        guard end >= 2, !Self.isVowel(w[end - 1]), Self.isVowel(w[end - 2]) else { return false }
        if end == 2 { return true }
        let last = w[end - 1]
        return last != 0x77 && last != 0x78 && last != Self.Y && !Self.isVowel(w[end - 3])
    }

    /// Where R1 or R2 starts: after the first consonant that follows a vowel, from `start`; `vowels` has
    /// a bit for each vowel of the word (``vowelBits()``).
    private func regionStart(from start: Int, vowels: UInt64) -> Int? {
        let fromStart = vowels &>> UInt64(start)
        guard fromStart != 0 else { return nil }
        let firstVowel = start &+ fromStart.trailingZeroBitCount
        // The bits past the word are clear, so a run of vowels to its end stops at `count`.
        let afterVowels = firstVowel &+ (~(vowels &>> UInt64(firstVowel))).trailingZeroBitCount
        return afterVowels < count ? afterVowels + 1 : nil
    }

    /// A bit for each vowel of the word (a, e, i, o, u and y; not Y), the first letter's lowest, found
    /// sixteen letters at a time: the loads start before the word's end, at most at its 33rd letter, and
    /// so end within the longest word's room.
    private func vowelBits() -> UInt64 {
        var bits: UInt64 = 0
        var offset = 0
        while offset < count {
            let letters = ByteVector.load(w, at: offset)
            var vowels = ByteVector.equal(letters, 0x61) .| ByteVector.equal(letters, 0x65)
            vowels = vowels .| ByteVector.equal(letters, 0x69) .| ByteVector.equal(letters, 0x6F)
            vowels = vowels .| ByteVector.equal(letters, 0x75) .| ByteVector.equal(letters, Self.y)
            bits |= UInt64(ByteVector.bits(vowels)) &<< UInt64(offset)
            offset &+= 16
        }
        return bits & (1 &<< UInt64(count) &- 1)
    }

    private func markRegions() {
        p1 = count
        p2 = count
        let head = word()
        let vowels = vowelBits()
        // Only words that start as a prefix does are looked for among the prefixes.
        let prefix =
            Self.isLetter(w[0], in: tables.regionPrefixStarts)
            ? tables.regionPrefixes.first { count >= $0.length && head & $0.mask == $0.letters } : nil
        guard let r1 = prefix?.length ?? regionStart(from: 0, vowels: vowels) else { return }
        p1 = r1
        p2 = regionStart(from: r1, vowels: vowels) ?? count
    }

    // MARK: Words as numbers

    /// A string of at most eight letters as a number, the first letter in the low byte: how
    /// ``word()`` reads the start of the word.
    private struct Spelling {
        let letters: UInt64
        let length: Int
        /// The low `length` bytes.
        var mask: UInt64 { ByteWord.lowBytes(length) }

        init(_ text: String) {
            letters = FormTable.word(text.utf8)
            length = text.utf8.count
        }
    }

    /// The word's first eight letters (or fewer, the rest zero), the first in the low byte.
    @inline(__always)
    private func word() -> UInt64 {
        let loaded = UnsafeRawPointer(w).loadUnaligned(as: UInt64.self)
        return loaded & ByteWord.lowBytes(count)
    }

    /// Whether the word is `spelling`.
    @inline(__always)
    private func equals(_ spelling: Spelling) -> Bool { count == spelling.length && word() == spelling.letters }

    /// Replaces the whole word with `spelling`.
    private func replaceWord(with spelling: Spelling) {
        for k in 0..<spelling.length { w[k] = UInt8(truncatingIfNeeded: spelling.letters >> UInt64(8 * k)) }
        count = spelling.length
    }

    /// The word's last eight letters (or fewer, zeros before them), the last in the low byte, for
    /// ``Rule/matches(_:)``: one load, since eight zero bytes come before the word.
    @inline(__always)
    private func tail() -> UInt64 {
        UInt64(bigEndian: UnsafeRawPointer(w + count - 8).loadUnaligned(as: UInt64.self))
    }

    // MARK: Suffixes

    /// The longest suffix of the word among the table's suffixes, and its rule, as Snowball's `among`
    /// chooses: its condition and action follow, and a failed condition means no shorter one is tried.
    @inline(__always)
    private func longestRule(_ table: RuleTable) -> Rule? {
        guard count > 0 else { return nil }
        let last = w[count - 1]
        guard last &- 0x61 < 26 else { return nil }
        let letter = Int(last &- 0x61)
        // Most words end in two letters that no suffix of the table ends in. Before a one-letter word is
        // one of the zero bytes that precede the word.
        guard table.mayEnd(before: w[count - 2], last: letter) else { return nil }
        let t = tail()
        for k in table.starts[letter]..<table.starts[letter + 1] {
            let rule = table.rules[k]
            if rule.length <= count && rule.matches(t) { return rule }
        }
        return nil
    }

    /// Replaces the last `length` letters with the first `replacementLength` bytes of `replacement`,
    /// the first in the low byte.
    @inline(__always)
    private func replaceSuffix(_ length: Int, with replacement: UInt64, _ replacementLength: Int) {
        count -= length
        for k in 0..<replacementLength { w[count + k] = UInt8(truncatingIfNeeded: replacement >> UInt64(8 * k)) }
        count += replacementLength
    }

    private func replaceSuffix(_ length: Int, with spelling: Spelling) {
        replaceSuffix(length, with: spelling.letters, spelling.length)
    }

    /// Whether a vowel comes before `end`.
    private func hasVowel(before end: Int) -> Bool {
        for i in 0..<end where Self.isVowel(w[i]) { return true }
        return false
    }

    /// A suffix of at most eight letters and what becomes of it; plain values, so that reading the
    /// rule tables costs no reference counting.
    private struct Rule {
        enum Action {
            /// Replaced by the rule's replacement.
            case replace
            case delete
            /// Step 1a's -ied, -ies: i after two letters or more, else ie.
            case iOrIe
            /// Step 1a's -s: deleted when a vowel comes before the letter before it.
            case sAfterVowel
            case keep
            /// Step 1b's -eed, -eedly: ee in R1.
            case eeInR1
            /// Step 1b's -ed, -ing and the like: deleted after a vowel, then the end mended.
            case deleteAfterVowel
            /// Step 2's -ogi: og after l.
            case ogAfterL
            /// Step 2's -li: deleted after c d e g h k m n r t.
            case deleteAfterLI
            /// Step 3's -ative: deleted in R2.
            case deleteInR2
            /// Step 4's -ion: deleted after s or t.
            case deleteAfterST
        }

        /// The suffix's letters, the last in the low byte, and its length.
        let suffix: UInt64
        let length: Int
        let action: Action
        /// The replacement's letters, the first in the low byte, and its length.
        let replacement: UInt64
        let replacementLength: Int

        init(_ suffix: String, _ action: Action, _ replacement: String = "") {
            var code: UInt64 = 0
            for byte in suffix.utf8 { code = code << 8 | UInt64(byte) }
            self.suffix = code
            length = suffix.utf8.count
            self.action = action
            let spelled = Spelling(replacement)
            self.replacement = spelled.letters
            replacementLength = spelled.length
        }

        init(_ suffix: String, _ replacement: String) { self.init(suffix, .replace, replacement) }

        /// Whether a word whose ``EnglishStemmer/tail()`` is `tail`, and which is at least as long as the
        /// suffix, ends with it.
        func matches(_ tail: UInt64) -> Bool {
            tail & ByteWord.lowBytes(length) == suffix
        }
    }

    /// Rules grouped by the suffix's last letter, longest first within a group, so that the first
    /// match is the longest.
    private struct RuleTable {
        /// The rules; those whose suffixes end in letter k are `rules[starts[k]..<starts[k + 1]]`.
        let rules: [Rule]
        let starts: [Int]
        /// A bit for each pair of a byte before the last letter (a–z, or any other as a 27th) and the last
        /// letter that a suffix may end with: a one-letter suffix takes every byte before it.
        private let endings: [UInt64]

        /// Whether some suffix of the table may end a word whose last letter is `last` (0 for a) after the
        /// byte `before`.
        @inline(__always)
        func mayEnd(before: UInt8, last: Int) -> Bool {
            let bit = Self.pair(before, last)
            return endings[bit &>> 6] &>> UInt64(bit & 63) & 1 != 0
        }

        @inline(__always)
        private static func pair(_ before: UInt8, _ last: Int) -> Int {
            let letter = before &- 0x61
            return Int(letter < 26 ? letter : 26) &* 26 &+ last
        }

        init(_ rules: [Rule]) {
            let sorted = rules.sorted {
                ($0.suffix & 0xFF, -$0.length) < ($1.suffix & 0xFF, -$1.length)
            }
            self.rules = sorted
            var starts = [Int](repeating: sorted.count, count: 27)
            for letter in (0..<26).reversed() {
                starts[letter] = sorted.firstIndex { Int($0.suffix & 0xFF) - 0x61 >= letter } ?? sorted.count
            }
            self.starts = starts
            var endings = [UInt64](repeating: 0, count: (27 * 26 + 63) / 64)
            for rule in rules {
                let last = Int(rule.suffix & 0xFF) - 0x61
                let befores: [UInt8] = rule.length == 1 ? Array(0...255) : [UInt8(truncatingIfNeeded: rule.suffix >> 8)]
                for before in befores {
                    let bit = Self.pair(before, last)
                    endings[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            self.endings = endings
        }
    }

    /// The rule tables and word lists, built once per process and held by each stemmer, so that a
    /// word's steps read them through the instance rather than through a static's lazy initialisation.
    private struct Tables {
        static let shared = Tables()

        let step1a = RuleTable([
            Rule("sses", "ss"), Rule("ied", .iOrIe), Rule("ies", .iOrIe), Rule("s", .sAfterVowel), Rule("us", .keep),
            Rule("ss", .keep),
        ])
        let step1b = RuleTable([
            Rule("eed", .eeInR1), Rule("eedly", .eeInR1), Rule("ed", .deleteAfterVowel),
            Rule("edly", .deleteAfterVowel),
            Rule("ing", .deleteAfterVowel), Rule("ingly", .deleteAfterVowel),
        ])
        let step2 = RuleTable([
            Rule("tional", "tion"), Rule("enci", "ence"), Rule("anci", "ance"), Rule("abli", "able"),
            Rule("entli", "ent"), Rule("izer", "ize"), Rule("ization", "ize"), Rule("ational", "ate"),
            Rule("ation", "ate"), Rule("ator", "ate"), Rule("alism", "al"), Rule("aliti", "al"), Rule("alli", "al"),
            Rule("fulness", "ful"), Rule("ousli", "ous"), Rule("ousness", "ous"), Rule("iveness", "ive"),
            Rule("iviti", "ive"), Rule("biliti", "ble"), Rule("bli", "ble"), Rule("ogi", .ogAfterL),
            Rule("fulli", "ful"), Rule("lessli", "less"), Rule("li", .deleteAfterLI),
        ])
        let step3 = RuleTable([
            Rule("tional", "tion"), Rule("ational", "ate"), Rule("alize", "al"), Rule("icate", "ic"),
            Rule("iciti", "ic"), Rule("ical", "ic"), Rule("ful", .delete), Rule("ness", .delete),
            Rule("ative", .deleteInR2),
        ])
        let step4 = RuleTable(
            [
                "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
                "ous",
                "ive", "ize",
            ].map { Rule($0, .delete) } + [Rule("ion", .deleteAfterST)])

        private static let prefixWords = ["gener", "commun", "arsen"]
        let regionPrefixes = Self.prefixWords.map(Spelling.init)
        /// The first letters of ``regionPrefixes``, for ``isLetter(_:in:)``.
        let regionPrefixStarts = EnglishStemmer.letterMask(String(Self.prefixWords.compactMap(\.first)))
        let specialWords = [
            ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("idly", "idl"),
            ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
        ].map { (Spelling($0.0), Spelling($0.1)) }
        let invariantWords = ["sky", "news", "howe", "atlas", "cosmos", "bias", "andes"].map(Spelling.init)
        let stepTwoExceptions = [
            "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
        ].map(Spelling.init)
        /// A bit for the length and first letter of each word of the exceptions (``sieveBit(length:first:)``).
        let exceptionSieve: UInt64
        let doubles = EnglishStemmer.letterMask("bdfgmnprt")
        let validLI = EnglishStemmer.letterMask("cdeghkmnrt")
        /// Step 1b's endings that get an e back once -ed or -ing is gone (luxuriat-e, troubl-e, siz-e), as
        /// ``tail()`` reads two letters.
        let endingsThatTakeE: [UInt64] = [0x6174, 0x626C, 0x697A]
        /// Replacements that the actions spell out.
        let i = Spelling("i")
        let ie = Spelling("ie")
        let ee = Spelling("ee")
        let og = Spelling("og")

        init() {
            let words = specialWords.map(\.0) + invariantWords + stepTwoExceptions
            exceptionSieve = words.reduce(0) {
                $0 | Self.sieveBit(length: $1.length, first: UInt8(truncatingIfNeeded: $1.letters))
            }
        }

        /// One of 64 bits for a word of `length` letters that starts with `first`; words that share a bit
        /// are compared in full.
        @inline(__always)
        static func sieveBit(length: Int, first: UInt8) -> UInt64 {
            1 &<< UInt64(truncatingIfNeeded: (Int(first) &+ length &* 7) & 63)
        }
    }

    // MARK: Steps

    /// Whole words with stems of their own, or none.
    private func exception1() -> Bool {
        guard count <= 6, mayBeException() else { return false }
        for (word, stem) in tables.specialWords where equals(word) {
            replaceWord(with: stem)
            return true
        }
        return tables.invariantWords.contains { equals($0) }
    }

    /// Words left as step 1a leaves them.
    private func exception2() -> Bool {
        count >= 6 && count <= 7 && mayBeException() && tables.stepTwoExceptions.contains { equals($0) }
    }

    /// Whether the word's length and first letter are those of some exception's word
    /// (``Tables/exceptionSieve``), which rules out most words with one test.
    @inline(__always)
    private func mayBeException() -> Bool {
        tables.exceptionSieve & Tables.sieveBit(length: count, first: w[0]) != 0
    }

    /// Applies the rule that the word's longest suffix among `rules` has.
    private func apply(_ rules: RuleTable, region: Int) {
        guard let rule = longestRule(rules) else { return }
        let length = rule.length
        let start = count - length
        guard start >= region else { return }
        switch rule.action {
        case .replace: replaceSuffix(length, with: rule.replacement, rule.replacementLength)
        case .delete: count -= length
        case .iOrIe: replaceSuffix(length, with: start > 1 ? tables.i : tables.ie)
        case .sAfterVowel: if start >= 2 && hasVowel(before: start - 1) { count -= 1 }
        case .keep: break
        case .eeInR1: if start >= p1 { replaceSuffix(length, with: tables.ee) }
        case .deleteAfterVowel:
            guard hasVowel(before: start) else { return }
            count -= length
            if count >= 2 && tables.endingsThatTakeE.contains(tail() & 0xFFFF) {
                w[count] = 0x65
                count += 1
            } else if count >= 2, w[count - 2] == w[count - 1], Self.isLetter(w[count - 1], in: tables.doubles) {
                count -= 1
            } else if p1 == count && endsWithShortSyllable(count) {
                w[count] = 0x65
                count += 1
            }
        case .ogAfterL: if start >= 1 && w[start - 1] == 0x6C { replaceSuffix(length, with: tables.og) }
        case .deleteAfterLI: if start >= 1 && Self.isLetter(w[start - 1], in: tables.validLI) { count -= length }
        case .deleteInR2: if start >= p2 { count -= length }
        case .deleteAfterST: if start >= 1 && (w[start - 1] == 0x73 || w[start - 1] == 0x74) { count -= length }
        }
    }

    private func step1c() {
        guard count >= 3 else { return }
        let last = w[count - 1]
        guard last == Self.y || last == Self.Y, !Self.isVowel(w[count - 2]) else { return }
        w[count - 1] = 0x69
    }

    private func step5() {
        guard count > 0 else { return }
        let last = w[count - 1]
        let start = count - 1
        if last == 0x65 {
            if start >= p2 || (start >= p1 && !endsWithShortSyllable(start)) { count -= 1 }
        } else if last == 0x6C {
            if start >= p2 && start >= 1 && w[start - 1] == 0x6C { count -= 1 }
        }
    }
}
