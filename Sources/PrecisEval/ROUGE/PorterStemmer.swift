/// The Porter stemmer as NLTK's `PorterStemmer` runs it in its default mode (`NLTK_EXTENSIONS`), the
/// stemmer Google's `rouge-score` uses.
///
/// M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980, pp. 130–137, with NLTK's
/// departures: a table of irregular forms (skies → sky, dying → die, news → news, ...); words of one or
/// two letters left alone; `ies` → `ie` and `ied` → `ie` in four-letter words (dies, died) and `ied` →
/// `i` otherwise; `y` → `i` only after a consonant that is not the first letter; the two-letter
/// vowel-consonant stem counting as *o; `bli` → `ble` in place of `abli` → `able`; `alli` → `al` tried
/// first and followed by step 2 again; and `fulli` → `ful`, `logi` → `log`.
///
/// Snowball's English stemmer (Porter2) is a different algorithm and gives different ROUGE scores.
///
/// - Complexity: O(k) per word of k letters.
public struct PorterStemmer: Sendable {
    public init() {}

    private static let irregular: [String: String] = [
        "sky": "sky", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
        "innings": "inning", "inning": "inning", "outings": "outing", "outing": "outing",
        "cannings": "canning", "canning": "canning", "howe": "howe", "proceed": "proceed",
        "exceed": "exceed", "succeed": "succeed",
    ]

    /// The stem of a word of lowercase ASCII letters and digits (as the ROUGE tokenizer produces).
    public func stem(_ word: String) -> String {
        if let form = Self.irregular[word] { return form }
        var w = Word(Array(word.utf8))
        guard w.letters.count > 2 else { return word }
        w.step1a()
        w.step1b()
        w.step1c()
        w.step2()
        w.step3()
        w.step4()
        w.step5a()
        w.step5b()
        return String(decoding: w.letters, as: UTF8.self)
    }

    /// A word being stemmed, as ASCII bytes.
    private struct Word {
        var letters: [UInt8]

        init(_ letters: [UInt8]) { self.letters = letters }

        // MARK: Porter's definitions

        /// Whether the letter at `i` of `s` is a consonant: not a, e, i, o, u, and `y` only when it
        /// starts the word or follows a vowel.
        static func isConsonant(_ s: ArraySlice<UInt8>, _ i: Int) -> Bool {
            switch s[i] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
                return false
            case UInt8(ascii: "y"):
                // A run of y's alternates, starting from the letter before the run (a consonant at the start).
                var j = i
                while j > s.startIndex && s[j - 1] == UInt8(ascii: "y") { j -= 1 }
                let runBefore = i - j
                let startsConsonant = j == s.startIndex ? true : !isConsonant(s, j - 1)
                return runBefore % 2 == 0 ? startsConsonant : !startsConsonant
            default:
                return true
            }
        }

        /// m, the number of vowel-consonant sequences in [C](VC)^m[V].
        static func measure(_ s: ArraySlice<UInt8>) -> Int {
            var m = 0
            var previousVowel = false
            for i in s.indices {
                let consonant = isConsonant(s, i)
                if consonant && previousVowel { m += 1 }
                previousVowel = !consonant
            }
            return m
        }

        static func containsVowel(_ s: ArraySlice<UInt8>) -> Bool {
            s.indices.contains { !isConsonant(s, $0) }
        }

        static func endsDoubleConsonant(_ s: ArraySlice<UInt8>) -> Bool {
            s.count >= 2 && s[s.endIndex - 1] == s[s.endIndex - 2] && isConsonant(s, s.endIndex - 1)
        }

        /// *o: consonant-vowel-consonant at the end, the last not w, x or y; or, in NLTK's mode, a
        /// two-letter stem of a vowel and a consonant.
        static func endsCVC(_ s: ArraySlice<UInt8>) -> Bool {
            let e = s.endIndex
            if s.count >= 3 && isConsonant(s, e - 3) && !isConsonant(s, e - 2) && isConsonant(s, e - 1) {
                let last = s[e - 1]
                if last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y") { return true }
            }
            return s.count == 2 && !isConsonant(s, e - 2) && isConsonant(s, e - 1)
        }

        func ends(_ suffix: String) -> Bool {
            let tail = Array(suffix.utf8)
            return letters.count >= tail.count && letters[(letters.count - tail.count)...].elementsEqual(tail)
        }

        func stem(removing suffix: String) -> ArraySlice<UInt8> {
            letters[..<(letters.count - suffix.utf8.count)]
        }

        mutating func replace(_ suffix: String, with replacement: String) {
            letters.removeLast(suffix.utf8.count)
            letters.append(contentsOf: replacement.utf8)
        }

        /// A rule: a suffix, its replacement, and the condition on the stem before the suffix.
        typealias Rule = (suffix: String, replacement: String, condition: (ArraySlice<UInt8>) -> Bool)

        /// Applies the first rule whose suffix the word ends with, if its condition holds; either way no
        /// later rule is tried.
        @discardableResult
        mutating func apply(_ rules: [Rule]) -> Bool {
            for rule in rules where ends(rule.suffix) {
                guard rule.condition(stem(removing: rule.suffix)) else { return false }
                replace(rule.suffix, with: rule.replacement)
                return true
            }
            return false
        }

        static func positive(_ s: ArraySlice<UInt8>) -> Bool { measure(s) > 0 }
        static func aboveOne(_ s: ArraySlice<UInt8>) -> Bool { measure(s) > 1 }
        static func always(_ s: ArraySlice<UInt8>) -> Bool { true }

        // MARK: Steps

        mutating func step1a() {
            if ends("ies") && letters.count == 4 {
                replace("ies", with: "ie")
                return
            }
            apply([
                ("sses", "ss", Self.always), ("ies", "i", Self.always), ("ss", "ss", Self.always),
                ("s", "", Self.always),
            ])
        }

        mutating func step1b() {
            if ends("ied") {
                replace("ied", with: letters.count == 4 ? "ie" : "i")
                return
            }
            if ends("eed") {
                if Self.measure(stem(removing: "eed")) > 0 { replace("eed", with: "ee") }
                return
            }
            var removed = false
            for suffix in ["ed", "ing"] where ends(suffix) {
                if Self.containsVowel(stem(removing: suffix)) {
                    letters.removeLast(suffix.utf8.count)
                    removed = true
                    break
                }
            }
            guard removed else { return }
            if ends("at") {
                replace("at", with: "ate")
            } else if ends("bl") {
                replace("bl", with: "ble")
            } else if ends("iz") {
                replace("iz", with: "ize")
            } else if Self.endsDoubleConsonant(letters[...]) {
                let last = letters[letters.count - 1]
                if last != UInt8(ascii: "l") && last != UInt8(ascii: "s") && last != UInt8(ascii: "z") {
                    letters.removeLast()
                }
            } else if Self.measure(letters[...]) == 1 && Self.endsCVC(letters[...]) {
                letters.append(UInt8(ascii: "e"))
            }
        }

        mutating func step1c() {
            apply([("y", "i", { $0.count > 1 && Self.isConsonant($0, $0.endIndex - 1) })])
        }

        mutating func step2() {
            if ends("alli") && Self.measure(stem(removing: "alli")) > 0 {
                replace("alli", with: "al")
                step2()
                return
            }
            let whole = letters
            apply([
                ("ational", "ate", Self.positive), ("tional", "tion", Self.positive), ("enci", "ence", Self.positive),
                ("anci", "ance", Self.positive), ("izer", "ize", Self.positive), ("bli", "ble", Self.positive),
                ("alli", "al", Self.positive), ("entli", "ent", Self.positive), ("eli", "e", Self.positive),
                ("ousli", "ous", Self.positive), ("ization", "ize", Self.positive), ("ation", "ate", Self.positive),
                ("ator", "ate", Self.positive), ("alism", "al", Self.positive), ("iveness", "ive", Self.positive),
                ("fulness", "ful", Self.positive), ("ousness", "ous", Self.positive), ("aliti", "al", Self.positive),
                ("iviti", "ive", Self.positive), ("biliti", "ble", Self.positive), ("fulli", "ful", Self.positive),
                ("logi", "log", { _ in Self.measure(whole[..<(whole.count - 3)]) > 0 }),
            ])
        }

        mutating func step3() {
            apply([
                ("icate", "ic", Self.positive), ("ative", "", Self.positive), ("alize", "al", Self.positive),
                ("iciti", "ic", Self.positive), ("ical", "ic", Self.positive), ("ful", "", Self.positive),
                ("ness", "", Self.positive),
            ])
        }

        mutating func step4() {
            apply([
                ("al", "", Self.aboveOne), ("ance", "", Self.aboveOne), ("ence", "", Self.aboveOne),
                ("er", "", Self.aboveOne), ("ic", "", Self.aboveOne), ("able", "", Self.aboveOne),
                ("ible", "", Self.aboveOne), ("ant", "", Self.aboveOne), ("ement", "", Self.aboveOne),
                ("ment", "", Self.aboveOne), ("ent", "", Self.aboveOne),
                ("ion", "", { Self.measure($0) > 1 && ($0.last == UInt8(ascii: "s") || $0.last == UInt8(ascii: "t")) }),
                ("ou", "", Self.aboveOne), ("ism", "", Self.aboveOne), ("ate", "", Self.aboveOne),
                ("iti", "", Self.aboveOne), ("ous", "", Self.aboveOne), ("ive", "", Self.aboveOne),
                ("ize", "", Self.aboveOne),
            ])
        }

        mutating func step5a() {
            guard ends("e") else { return }
            let stem = stem(removing: "e")
            let m = Self.measure(stem)
            if m > 1 || (m == 1 && !Self.endsCVC(stem)) { letters.removeLast() }
        }

        mutating func step5b() {
            let whole = letters
            apply([("ll", "l", { _ in Self.measure(whole[..<(whole.count - 1)]) > 1 })])
        }
    }
}
