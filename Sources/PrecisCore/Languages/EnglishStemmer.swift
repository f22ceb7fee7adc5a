/// The English (Porter2) Snowball stemmer, as libstemmer 2.2 computes it, for words of the letters
/// a–z alone, which are most English word forms; ``Stemmer`` gives every other word to libstemmer.
/// It gives the same stems as libstemmer, in about half the time (profiled over the first sight of
/// cnndm-dev's 15,000 forms), without libstemmer's generic machinery of `among` tables and cursor
/// moves. Tests compare the two word by word, so a libstemmer whose English algorithm changes (as
/// Snowball 3's did) fails them rather than splitting one stem into two.
///
/// M. F. Porter, "The English (Porter2) stemming algorithm", snowballstem.org (2002, revised 2006),
/// the version of Snowball 2.2's `english.sbl`: exceptions, regions R1 and R2 (with the prefixes
/// gener-, commun- and arsen-), steps 1a–5, and the vowel-following y kept apart as Y.
///
/// - Complexity: O(k) per word of k letters.
struct EnglishStemmer {
    /// The word being stemmed; a `Y` (0x59) is a y that acts as a consonant.
    private var w: [UInt8] = []
    private var p1 = 0
    private var p2 = 0

    /// Longer words go to libstemmer, as do words with any byte other than a–z.
    static let longestWord = 48

    /// Stems `word` when it is of a–z alone and not too long, and tells whether it did; the stem is then
    /// read with ``withStem(_:)``.
    mutating func stem(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= Self.longestWord, word.allSatisfy({ $0 &- 0x61 < 26 }) else { return false }
        w.removeAll(keepingCapacity: true)
        w.append(contentsOf: word)
        run()
        return true
    }

    /// Calls `body` with the stem of the last word stemmed.
    func withStem<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { w.withUnsafeBufferPointer(body) }

    private mutating func run() {
        if exception1() || w.count < 3 { return }
        var foundY = false
        if w[0] == Self.y {
            w[0] = Self.Y
            foundY = true
        }
        for i in 1..<w.count where w[i] == Self.y && Self.isVowel(w[i - 1]) {
            w[i] = Self.Y
            foundY = true
        }
        markRegions()
        apply(Self.step1a, region: 0)
        if !exception2() {
            apply(Self.step1b, region: 0)
            step1c()
            apply(Self.step2, region: p1)
            apply(Self.step3, region: p1)
            apply(Self.step4, region: p2)
            step5()
        }
        if foundY {
            for i in w.indices where w[i] == Self.Y { w[i] = Self.y }
        }
    }

    // MARK: Letters

    private static let y: UInt8 = 0x79
    /// A y that acts as a consonant, as Snowball marks it.
    private static let Y: UInt8 = 0x59

    /// a, e, i, o, u and y; not Y.
    private static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true
        default: false
        }
    }

    /// Whether the word before `end` ends in a short syllable: a consonant other than w, x or Y after a
    /// vowel after a consonant, or a vowel and a consonant that are the whole of it.
    private func endsWithShortSyllable(_ end: Int) -> Bool {
        guard end >= 2, !Self.isVowel(w[end - 1]), Self.isVowel(w[end - 2]) else { return false }
        if end == 2 { return true }
        let last = w[end - 1]
        return last != 0x77 && last != 0x78 && last != Self.Y && !Self.isVowel(w[end - 3])
    }

    /// Where R1 or R2 starts: after the first consonant that follows a vowel, from `start`.
    private func regionStart(from start: Int) -> Int? {
        var i = start
        while i < w.count && !Self.isVowel(w[i]) { i += 1 }
        while i < w.count && Self.isVowel(w[i]) { i += 1 }
        return i < w.count ? i + 1 : nil
    }

    private mutating func markRegions() {
        p1 = w.count
        p2 = w.count
        let prefix = Self.regionPrefixes.first { hasPrefix($0) }
        guard let r1 = prefix?.count ?? regionStart(from: 0) else { return }
        p1 = r1
        p2 = regionStart(from: r1) ?? w.count
    }

    // MARK: Suffixes

    private func hasPrefix(_ s: [UInt8]) -> Bool {
        s.count <= w.count && zip(w, s).allSatisfy { $0 == $1 }
    }

    private func hasSuffix(_ s: [UInt8]) -> Bool {
        guard s.count <= w.count else { return false }
        var i = w.count - s.count
        for c in s {
            if w[i] != c { return false }
            i += 1
        }
        return true
    }

    /// The word's last eight letters (or fewer), the last in the low byte, for ``Rule/matches(_:)``.
    private func tail() -> UInt64 {
        var t: UInt64 = 0
        var i = w.count - 1
        var shift: UInt64 = 0
        while i >= 0 && shift < 64 {
            t |= UInt64(w[i]) << shift
            shift += 8
            i -= 1
        }
        return t
    }

    /// The longest suffix of the word among the table's suffixes, and its rule, as Snowball's `among`
    /// chooses: its condition and action follow, and a failed condition means no shorter one is tried.
    private func longestRule(_ table: RuleTable) -> Rule? {
        guard let last = w.last, last &- 0x61 < 26 else { return nil }
        let t = tail()
        let letter = Int(last &- 0x61)
        for k in table.starts[letter]..<table.starts[letter + 1] {
            let rule = table.rules[k]
            if rule.length <= w.count && rule.matches(t) { return rule }
        }
        return nil
    }

    private mutating func replaceSuffix(_ length: Int, with replacement: [UInt8]) {
        w.removeLast(length)
        w.append(contentsOf: replacement)
    }

    private func equals(_ s: [UInt8]) -> Bool { w.count == s.count && hasSuffix(s) }

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
            var spelled: UInt64 = 0
            for (k, byte) in replacement.utf8.enumerated() { spelled |= UInt64(byte) << UInt64(8 * k) }
            self.replacement = spelled
            replacementLength = replacement.utf8.count
        }

        init(_ suffix: String, _ replacement: String) { self.init(suffix, .replace, replacement) }

        /// Whether a word whose ``EnglishStemmer/tail()`` is `tail`, and which is at least as long as the
        /// suffix, ends with it.
        func matches(_ tail: UInt64) -> Bool {
            let mask = length >= 8 ? ~UInt64(0) : (UInt64(1) << UInt64(8 * length)) &- 1
            return tail & mask == suffix
        }

        /// Appends the replacement to `word`.
        func appendReplacement(to word: inout [UInt8]) {
            for k in 0..<replacementLength { word.append(UInt8(truncatingIfNeeded: replacement >> UInt64(8 * k))) }
        }
    }

    /// Rules grouped by the suffix's last letter, longest first within a group, so that the first
    /// match is the longest.
    private struct RuleTable {
        /// The rules; those whose suffixes end in letter k are `rules[starts[k]..<starts[k + 1]]`.
        let rules: [Rule]
        let starts: [Int]

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
        }
    }

    private static let step1a = RuleTable([
        Rule("sses", "ss"), Rule("ied", .iOrIe), Rule("ies", .iOrIe), Rule("s", .sAfterVowel), Rule("us", .keep),
        Rule("ss", .keep),
    ])
    private static let step1b = RuleTable([
        Rule("eed", .eeInR1), Rule("eedly", .eeInR1), Rule("ed", .deleteAfterVowel), Rule("edly", .deleteAfterVowel),
        Rule("ing", .deleteAfterVowel), Rule("ingly", .deleteAfterVowel),
    ])
    private static let step2 = RuleTable([
        Rule("tional", "tion"), Rule("enci", "ence"), Rule("anci", "ance"), Rule("abli", "able"),
        Rule("entli", "ent"), Rule("izer", "ize"), Rule("ization", "ize"), Rule("ational", "ate"),
        Rule("ation", "ate"), Rule("ator", "ate"), Rule("alism", "al"), Rule("aliti", "al"), Rule("alli", "al"),
        Rule("fulness", "ful"), Rule("ousli", "ous"), Rule("ousness", "ous"), Rule("iveness", "ive"),
        Rule("iviti", "ive"), Rule("biliti", "ble"), Rule("bli", "ble"), Rule("ogi", .ogAfterL),
        Rule("fulli", "ful"), Rule("lessli", "less"), Rule("li", .deleteAfterLI),
    ])
    private static let step3 = RuleTable([
        Rule("tional", "tion"), Rule("ational", "ate"), Rule("alize", "al"), Rule("icate", "ic"),
        Rule("iciti", "ic"), Rule("ical", "ic"), Rule("ful", .delete), Rule("ness", .delete),
        Rule("ative", .deleteInR2),
    ])
    private static let step4 = RuleTable(
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
            "ive", "ize",
        ].map { Rule($0, .delete) } + [Rule("ion", .deleteAfterST)])

    private static let regionPrefixes = ["gener", "commun", "arsen"].map { Array($0.utf8) }
    private static let specialWords = [
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("idly", "idl"),
        ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }
    private static let invariantWords = ["sky", "news", "howe", "atlas", "cosmos", "bias", "andes"].map {
        Array($0.utf8)
    }
    private static let stepTwoExceptions = [
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    ].map { Array($0.utf8) }
    private static let doubles = Array("bdfgmnprt".utf8)
    /// Step 1b's endings that get an e back once -ed or -ing is gone (luxuriat-e, troubl-e, siz-e).
    private static let endingsThatTakeE = ["at", "bl", "iz"].map { Array($0.utf8) }
    /// Replacements that the actions spell out, made once rather than as literals on each call.
    private static let i = Array("i".utf8)
    private static let ie = Array("ie".utf8)
    private static let ee = Array("ee".utf8)
    private static let og = Array("og".utf8)
    private static let validLI = Array("cdeghkmnrt".utf8)

    // MARK: Steps

    /// Whole words with stems of their own, or none.
    private mutating func exception1() -> Bool {
        guard w.count <= 6 else { return false }
        for (word, stem) in Self.specialWords where equals(word) {
            w = stem
            return true
        }
        return Self.invariantWords.contains { equals($0) }
    }

    /// Words left as step 1a leaves them.
    private func exception2() -> Bool {
        w.count >= 6 && w.count <= 7 && Self.stepTwoExceptions.contains { equals($0) }
    }

    /// Applies the rule that the word's longest suffix among `rules` has.
    private mutating func apply(_ rules: RuleTable, region: Int) {
        guard let rule = longestRule(rules) else { return }
        let length = rule.length
        let start = w.count - length
        guard start >= region else { return }
        switch rule.action {
        case .replace:
            w.removeLast(length)
            rule.appendReplacement(to: &w)
        case .delete: w.removeLast(length)
        case .iOrIe: replaceSuffix(length, with: start > 1 ? Self.i : Self.ie)
        case .sAfterVowel: if start >= 2 && w[..<(start - 1)].contains(where: Self.isVowel) { w.removeLast() }
        case .keep: break
        case .eeInR1: if start >= p1 { replaceSuffix(length, with: Self.ee) }
        case .deleteAfterVowel:
            guard w[..<start].contains(where: Self.isVowel) else { return }
            w.removeLast(length)
            if Self.endingsThatTakeE.contains(where: hasSuffix) {
                w.append(0x65)
            } else if w.count >= 2, let last = w.last, w[w.count - 2] == last, Self.doubles.contains(last) {
                w.removeLast()
            } else if p1 == w.count && endsWithShortSyllable(w.count) {
                w.append(0x65)
            }
        case .ogAfterL: if start >= 1 && w[start - 1] == 0x6C { replaceSuffix(length, with: Self.og) }
        case .deleteAfterLI: if start >= 1 && Self.validLI.contains(w[start - 1]) { w.removeLast(length) }
        case .deleteInR2: if start >= p2 { w.removeLast(length) }
        case .deleteAfterST: if start >= 1 && (w[start - 1] == 0x73 || w[start - 1] == 0x74) { w.removeLast(length) }
        }
    }

    private mutating func step1c() {
        guard w.count >= 3, let last = w.last, last == Self.y || last == Self.Y, !Self.isVowel(w[w.count - 2]) else {
            return
        }
        w[w.count - 1] = 0x69
    }

    private mutating func step5() {
        guard let last = w.last else { return }
        let start = w.count - 1
        if last == 0x65 {
            if start >= p2 || (start >= p1 && !endsWithShortSyllable(start)) { w.removeLast() }
        } else if last == 0x6C {
            if start >= p2 && start >= 1 && w[start - 1] == 0x6C { w.removeLast() }
        }
    }
}
