/// Splits a paragraph into sentences with rules over the characters around each candidate boundary.
///
/// A candidate is a run of terminal punctuation (`.`, `!`, `?`, `…`, `...`, and the CJK full stops),
/// with the closing quotes and brackets after it, or a line break. Whether a candidate is a boundary
/// depends on the word before it and the word after it, in the manner of the rule-based segmenters
/// surveyed by Read et al. (2012, "Sentence Boundary Detection: A Long Solved Problem?", COLING) and
/// the orthographic heuristics of Punkt (Kiss & Strunk 2006, Computational Linguistics 32(4)):
///
/// - a lowercase next word is never the start of a sentence, so `"No." he said.` is one sentence;
/// - after `!`, `?` and an ellipsis, a capitalised word or a digit starts a sentence;
/// - after `.`, the word before decides: a title (`Mr.`, `Gen.`) never ends a sentence; an abbreviation
///   that stands before numbers (`No.`, `p.`) does not when a digit follows; an initial (`J.`, `В.`), a
///   word with inner periods (`U.S.`, `a.m.`) or a listed abbreviation (`Inc.`, `Jan.`) ends one only
///   when the next word is a common sentence opener (a capitalised stopword such as "The" or "He");
///   any other word ends one when a capitalised word, a digit or a symbol follows;
/// - with no space after the period (`today.The`), a boundary only between a lowercase word and a
///   capitalised one, and never inside a URL, an e-mail address or a file name;
/// - a line that ends without terminal punctuation ends a sentence when the next line starts with a
///   capital, a digit, a quote or a list bullet (headings, list items, datelines), unless it ends in a
///   comma, a hyphen or a function word, as hard-wrapped prose does;
/// - a separator line such as `***` is a sentence of its own.
///
/// The language's ``SegmentationRules`` supply the word lists; nothing here tests for a language.
///
/// - Complexity: O(n) in the length of the paragraph; each byte is visited a bounded number of times.
public struct SentenceSegmenter: Sendable {
    public let rules: SegmentationRules
    /// The rules' word lists and the stopwords, as byte sets.
    private let words: SegmentationWords
    private let stopwords: ByteSet

    public init(language: borrowing Language) {
        self.rules = language.segmentation
        self.words = language.segmentationWords
        self.stopwords = language.stopwordBytes
    }

    /// The sentences of a text, as strings, with paragraphs found at blank lines. A convenience over
    /// ``Document`` for callers that only want the text.
    public func sentences(in text: String) -> [String] {
        let normalized = NormalizedText(text)
        var result: [String] = []
        for paragraph in Paragraphs.find(in: normalized.bytes) {
            for range in split(normalized.bytes, paragraph: paragraph) {
                result.append(normalized.string(range))
            }
        }
        return result
    }

    /// The sentence ranges within `paragraph`, a range of `bytes`, in order and trimmed of whitespace.
    public func split(_ bytes: [UInt8], paragraph: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { split($0, paragraph, into: &out) }
        return out
    }

    func split(_ p: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>, into out: inout [Range<Int>]) {
        let hi = paragraph.upperBound
        var start = paragraph.lowerBound
        var i = start

        func emit(_ from: Int, _ to: Int) {
            var a = from
            var b = to
            while a < b && Self.isSpaceByte(p[a]) { a += 1 }
            while b > a && Self.isSpaceByte(p[b - 1]) { b -= 1 }
            if a < b { out.append(a..<b) }
        }
        /// Ends the current sentence at `end` and starts the next one at `next`.
        func cut(_ end: Int, resumingAt next: Int) {
            emit(start, end)
            start = next
            i = next
        }

        let captionRule = !rules.unpunctuatedOpeners.isEmpty
        let base = p.baseAddress
        while i < hi {
            // The bytes that the cases below look at are found sixteen at a time, or eight near the end
            // (``candidates(_:_:_:)``), and the loop goes straight to the first of them.
            if let base, i + 17 <= hi {
                let found = Self.candidates(
                    ByteVector.load(base, at: i), ByteVector.load(base, at: i + 1), captionRule)
                if found == 0 {
                    i += 16
                    continue
                }
                i += found.trailingZeroBitCount
            } else if let base, i + 9 <= hi {
                let found = Self.candidates(ByteWord.load(base, at: i), ByteWord.load(base, at: i + 1), captionRule)
                if found == 0 {
                    i += 8
                    continue
                }
                i += found.trailingZeroBitCount &>> 3
            }
            let b = p[i]
            // . ! ? …
            if b == 0x2E || b == 0x21 || b == 0x3F || (b == 0xE2 && i + 2 < hi && p[i + 1] == 0x80 && p[i + 2] == 0xA6)
            {
                let (isBoundary, end, next) = terminator(p, at: i, sentenceStart: start, limit: hi)
                if isBoundary { cut(end, resumingAt: next) } else { i = end }
                continue
            }
            switch b {
            case 0xE3 where i + 2 < hi && p[i + 1] == 0x80 && p[i + 2] == 0x82,  // 。
                0xEF where i + 2 < hi && p[i + 1] == 0xBC && (p[i + 2] == 0x81 || p[i + 2] == 0x9F):  // ！ ？
                var end = i + 3
                while end < hi, let length = Self.closerLength(p, at: end, limit: hi) { end += length }
                cut(end, resumingAt: end)
            case 0x0A:
                if let next = lineBreak(p, at: i, sentenceStart: start, limit: hi) {
                    cut(i, resumingAt: next)
                } else {
                    i += 1
                }
            case 0x2A, 0x3D, 0x5F, 0x7E, 0x23, 0x2D:  // * = _ ~ # -
                if i == paragraph.lowerBound || Self.isSpaceByte(p[i - 1]),
                    let end = separatorEnd(p, at: i, limit: hi)
                {
                    emit(start, i)
                    start = i
                    cut(end, resumingAt: end)
                } else {
                    i += 1
                }
            case 0x20
            where captionRule && i > start && i + 1 < hi && p[i - 1] >= 0x61 && p[i - 1] <= 0x7A
                && p[i + 1] >= 0x41 && p[i + 1] <= 0x5A:
                if let next = unpunctuatedBoundary(p, at: i, sentenceStart: start, limit: hi) {
                    cut(i, resumingAt: next)
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
        emit(start, hi)
    }

    /// The high bit of each of the eight bytes of `word` that ``split(_:_:into:)`` must look at: terminal
    /// punctuation, line feeds, the characters of separator lines, the lead bytes (E2 and above) of
    /// ellipses and CJK stops, and, for the caption rule, spaces before a capital; `next` is the word one
    /// byte further on. Every other byte starts no candidate. The sixteen-byte `candidates` below finds the
    /// same bytes; a test checks both against one byte-by-byte list.
    @inline(__always)
    static func candidates(_ word: UInt64, _ next: UInt64, _ captionRule: Bool) -> UInt64 {
        var found = ByteWord.equal(word, 0x2E) | ByteWord.equal(word, 0x21) | ByteWord.equal(word, 0x3F)
        found |= ByteWord.equal(word, 0x0A)
        found |= ByteWord.equal(word, 0x2A) | ByteWord.equal(word, 0x3D) | ByteWord.equal(word, 0x5F)
        found |= ByteWord.equal(word, 0x7E) | ByteWord.equal(word, 0x23) | ByteWord.equal(word, 0x2D)
        found |= ByteWord.atLeast(0xE2, word)
        if captionRule { found |= ByteWord.equal(word, 0x20) & ByteWord.uppercase(next) }
        return found
    }

    /// The bytes that the eight-byte `candidates` finds, among sixteen: one bit each, the first byte's
    /// lowest.
    @inline(__always)
    static func candidates(_ vector: ByteVector.Vector, _ next: ByteVector.Vector, _ captionRule: Bool) -> UInt32 {
        var found = ByteVector.equal(vector, 0x2E) .| ByteVector.equal(vector, 0x21) .| ByteVector.equal(vector, 0x3F)
        found = found .| ByteVector.equal(vector, 0x0A)
        found = found .| ByteVector.equal(vector, 0x2A) .| ByteVector.equal(vector, 0x3D)
            .| ByteVector.equal(vector, 0x5F)
        found = found .| ByteVector.equal(vector, 0x7E) .| ByteVector.equal(vector, 0x23)
            .| ByteVector.equal(vector, 0x2D)
        found = found .| ByteVector.atLeast(0xE2, vector)
        if captionRule { found = found .| (ByteVector.equal(vector, 0x20) .& ByteVector.within(next, 0x41, 0x5A)) }
        return ByteVector.bits(found)
    }

    // MARK: Terminal punctuation

    /// Decides the candidate at `i`. Returns whether it is a boundary, where the sentence ends (after
    /// the punctuation and any closing quotes) and where the next one starts.
    private func terminator(_ p: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Int, limit hi: Int)
        -> (Bool, Int, Int)
    {
        var j = i
        var periods = 0
        var strong = false
        var ellipsis = false
        var closers = false
        while j < hi {
            let c = p[j]
            if c == 0x2E {
                periods += 1
                j += 1
            } else if c == 0x21 || c == 0x3F {
                strong = true
                j += 1
            } else if c == 0xE2 && j + 2 < hi && p[j + 1] == 0x80 && p[j + 2] == 0xA6 {
                ellipsis = true
                j += 3
            } else if let length = Self.closerLength(p, at: j, limit: hi) {
                closers = true
                j += length
            } else {
                break
            }
        }
        if periods >= 2 { ellipsis = true }
        var end = j
        var k = j
        var sawNewline = false
        while k < hi && Self.isSpaceByte(p[k]) {
            if p[k] == 0x0A { sawNewline = true }
            k += 1
        }
        if k >= hi { return (true, end, hi) }

        if k == end {
            // No space after the punctuation: a boundary only in "today.The".
            let ok = !closers && !ellipsis && missingSpaceBoundary(p, period: i, next: k, limit: hi)
            return (ok, end, k)
        }

        // An emoticon after the punctuation belongs to the sentence it ends.
        if let emoticon = emoticonEnd(p, at: k, limit: hi) {
            end = emoticon
            k = emoticon
            while k < hi && Self.isSpaceByte(p[k]) {
                if p[k] == 0x0A { sawNewline = true }
                k += 1
            }
            if k >= hi { return (true, end, hi) }
        }

        var q = k
        while q < hi, let length = Self.openerLength(p, at: q, limit: hi) { q += length }
        if q >= hi { return (true, end, k) }
        let (c, _) = UTF8Scalar.decode(p, at: q)
        let lower = UTF8Scalar.isLowercase(c)
        let upper = UTF8Scalar.isUppercase(c) || UTF8Scalar.isCaselessLetter(c)
        let digit = UTF8Scalar.isDigit(c)

        if strong {
            // "Why? because ..." starts a sentence; '"No!" he said' does not.
            return (!lower || !closers, end, k)
        }
        if ellipsis {
            return (!lower && (upper || sawNewline || (!digit && !UTF8Scalar.isLetter(c))), end, k)
        }

        // A single period: the word before it decides.
        let word = previousWord(p, before: i, from: sentenceStart)
        if word.isEmpty {
            // A spaced ellipsis ". . ." continues; a stray period before a capital ends a sentence.
            return (p[k] != 0x2E && !lower, end, k)
        }
        if p[k] == 0x2E { return (false, end, k) }
        // The closures take the word sets, not `self`, whose copy would retain every field.
        let words = self.words
        let lists = withLowercased(p, word) { words.beforePeriods.lists($0, hash: $1) }
        let title = lists & SegmentationWords.title != 0
        let beforeNumber = lists & SegmentationWords.beforeNumber != 0
        let listed = lists & SegmentationWords.abbreviation != 0
        if title { return (false, end, k) }
        // "1. Open the box": a list number opening the sentence.
        if word.lowerBound == sentenceStart && word.count <= 3 && word.allSatisfy({ p[$0] >= 0x30 && p[$0] <= 0x39 }) {
            return (false, end, k)
        }
        if beforeNumber && (digit || lower) { return (false, end, k) }
        let abbreviation =
            isInitial(p, word) || isDotted(p, word) || listed || isTwoWordAbbreviation(p, word, from: sentenceStart)
        if abbreviation {
            let isOpener = upper && nextWordIsOpener(p, at: q, limit: hi) && !nextIsInitial(p, at: q, limit: hi)
            return (isOpener || (sawNewline && upper), end, k)
        }
        // An ordinary word: a boundary before anything but a continuation after a closing quote.
        return (!(lower && closers), end, k)
    }

    /// Whether a word with inner periods is an abbreviation (U.S., a.m., Ph.D., W.H.S.): each part has at
    /// most two letters. Domain names and file names (adobe.com, report.pdf) are not.
    private func isDotted(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        var part = 0
        var dotted = false
        var x = word.lowerBound
        while x < word.upperBound {
            let (c, length) = UTF8Scalar.decode(p, at: x)
            if c == 0x2E {
                dotted = true
                part = 0
            } else if c == 0x2F || c == 0x40 {
                return false
            } else {
                part += 1
                if part > 2 { return false }
            }
            x += length
        }
        return dotted
    }

    /// The end of an emoticon (":)", ":-(", ";)", ":P", ":D", "<3") that starts at `k` and stands alone.
    private func emoticonEnd(_ p: UnsafeBufferPointer<UInt8>, at k: Int, limit hi: Int) -> Int? {
        guard p[k] == 0x3A || p[k] == 0x3B || p[k] == 0x3D else { return nil }  // : ; =
        var j = k + 1
        if j < hi && (p[j] == 0x2D || p[j] == 0x27) { j += 1 }  // - '
        guard j < hi else { return nil }
        switch p[j] {
        case 0x29, 0x28, 0x50, 0x70, 0x44, 0x2F, 0x7C, 0x5D, 0x5B, 0x4F, 0x6F, 0x2A: j += 1  // ) ( P p D / | ] [ O o *
        default: return nil
        }
        while j < hi && (p[j] == 0x29 || p[j] == 0x28) { j += 1 }
        guard j == hi || Self.isSpaceByte(p[j]) else { return nil }
        return j
    }

    /// "today.The": a lowercase word of two or more letters, a period, then a capital and a lowercase
    /// letter; never within a token that looks like a URL, an e-mail address or a file path.
    private func missingSpaceBoundary(_ p: UnsafeBufferPointer<UInt8>, period: Int, next: Int, limit hi: Int) -> Bool {
        guard period + 1 == next else { return false }
        let (c1, l1) = UTF8Scalar.decode(p, at: next)
        guard UTF8Scalar.isUppercase(c1), next + l1 < hi else { return false }
        let (c2, _) = UTF8Scalar.decode(p, at: next + l1)
        guard UTF8Scalar.isLowercase(c2) else { return false }
        var letters = 0
        var j = period
        while j > 0 {
            let s = UTF8Scalar.previousStart(p, before: j)
            let (c, _) = UTF8Scalar.decode(p, at: s)
            if UTF8Scalar.isLowercase(c) {
                letters += 1
                j = s
            } else {
                break
            }
        }
        guard letters >= 2 else { return false }
        // "Newsfeed.Com", "Example.Org": a domain, not two sentences.
        var e = next
        while e < hi && p[e] < 0x80 && UTF8Scalar.isLetter(UInt32(p[e])) { e += 1 }
        if withLowercased(p, next..<e, { Self.domainEndings.contains($0, hash: $1) }) { return false }
        // Reject URL-, path- and address-like tokens, and tokens too long to be words.
        var a = j
        while a > 0 && !Self.isSpaceByte(p[a - 1]) {
            a -= 1
            if j - a > 64 { return false }
        }
        var b = next
        while b < hi && !Self.isSpaceByte(p[b]) {
            b += 1
            if b - next > 64 { return false }
        }
        var sawUpperAfterStart = false
        for x in a..<b {
            switch p[x] {
            case 0x40, 0x2F, 0x5C, 0x3A, 0x3D, 0x5F: return false  // @ / \ : = _
            default: break
            }
            if x > a && x < j && p[x] >= 0x41 && p[x] <= 0x5A { sawUpperAfterStart = true }
        }
        if sawUpperAfterStart { return false }  // camelCase identifiers such as "myFile.Name"
        if b - a >= 4 && p[a] == 0x77 && p[a + 1] == 0x77 && p[a + 2] == 0x77 { return false }  // www
        return true
    }

    /// "… on her face An 86-year-old nun was …": a caption run into the text without punctuation. A
    /// boundary at the space when a lowercase word ends before it and after it stands one of the
    /// language's ``SegmentationRules/unpunctuatedOpeners``, capitalised, followed by a lowercase word.
    private func unpunctuatedBoundary(_ p: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Int, limit hi: Int)
        -> Int?
    {
        guard i > sentenceStart, i + 3 < hi, p[i - 1] >= 0x61, p[i - 1] <= 0x7A, p[i + 1] >= 0x41, p[i + 1] <= 0x5A
        else { return nil }
        var e = i + 2
        while e < hi && p[e] >= 0x61 && p[e] <= 0x7A { e += 1 }
        guard e + 1 < hi, p[e] == 0x20, p[e + 1] >= 0x61, p[e + 1] <= 0x7A, e - i - 1 <= 8 else { return nil }
        let openers = words.unpunctuatedOpeners
        return withLowercased(p, (i + 1)..<e) { openers.contains($0, hash: $1) } ? i + 1 : nil
    }

    // MARK: Line breaks and separators

    /// Decides a line break inside a paragraph; returns where the next sentence starts if it is a boundary.
    private func lineBreak(_ p: UnsafeBufferPointer<UInt8>, at i: Int, sentenceStart: Int, limit hi: Int) -> Int? {
        var k = i + 1
        while k < hi && Self.isSpaceByte(p[k]) { k += 1 }
        guard k < hi else { return nil }
        var e = i
        while e > sentenceStart && Self.isSpaceByte(p[e - 1]) { e -= 1 }
        guard e > sentenceStart else { return nil }
        // A line that ends in terminal punctuation was decided by the punctuation rule.
        var t = e
        while t > sentenceStart {
            let s = UTF8Scalar.previousStart(p, before: t)
            if Self.closerLength(p, at: s, limit: hi) != nil { t = s } else { break }
        }
        if t > sentenceStart {
            let last = p[t - 1]
            if last == 0x2E || last == 0x21 || last == 0x3F { return nil }
            if t >= 3 && p[t - 3] == 0xE2 && p[t - 2] == 0x80 && p[t - 1] == 0xA6 { return nil }
        }
        if bulletLength(p, at: k, limit: hi) != nil { return k }
        let last = p[e - 1]
        if last == 0x2C || last == 0x2D || last == 0x3B || last == 0x26 { return nil }  // , - ; &
        let word = previousWord(p, before: e, from: sentenceStart)
        let stopwords = self.stopwords
        if !word.isEmpty && withLowercased(p, word, { stopwords.contains($0, hash: $1) }) { return nil }
        var q = k
        while q < hi, let length = Self.openerLength(p, at: q, limit: hi) { q += length }
        guard q < hi else { return nil }
        let (c, _) = UTF8Scalar.decode(p, at: q)
        if UTF8Scalar.isUppercase(c) || UTF8Scalar.isCaselessLetter(c) || UTF8Scalar.isDigit(c) { return k }
        return nil
    }

    /// The length of a list bullet (`-`, `*`, `•`, `–`, `—`, `1.`, `2)`) followed by a space at `k`.
    private func bulletLength(_ p: UnsafeBufferPointer<UInt8>, at k: Int, limit hi: Int) -> Int? {
        var j = k
        let b = p[k]
        if b == 0x2D || b == 0x2A || b == 0x2B {
            j += 1
        } else if b == 0xE2 && k + 2 < hi && p[k + 1] == 0x80
            && (p[k + 2] == 0xA2 || p[k + 2] == 0x93 || p[k + 2] == 0x94)
        {
            j += 3
        } else if b >= 0x30 && b <= 0x39 {
            while j < hi && j - k < 3 && p[j] >= 0x30 && p[j] <= 0x39 { j += 1 }
            guard j < hi && (p[j] == 0x2E || p[j] == 0x29) else { return nil }
            j += 1
        } else {
            return nil
        }
        guard j < hi && (p[j] == 0x20 || p[j] == 0x09) else { return nil }
        return j - k
    }

    /// The end of a separator token such as `***`, `====` or `----` at `i`, if it is one.
    private func separatorEnd(_ p: UnsafeBufferPointer<UInt8>, at i: Int, limit hi: Int) -> Int? {
        let b = p[i]
        var j = i
        while j < hi && p[j] == b { j += 1 }
        let count = j - i
        guard count >= (b == 0x2D ? 4 : 3) else { return nil }
        guard j == hi || Self.isSpaceByte(p[j]) else { return nil }
        return j
    }

    // MARK: Words around a candidate

    /// The whitespace-delimited word that ends at `end`, without opening or closing quotes and brackets.
    private func previousWord(_ p: UnsafeBufferPointer<UInt8>, before end: Int, from lower: Int) -> Range<Int> {
        var a = end
        while a > lower && !Self.isSpaceByte(p[a - 1]) { a -= 1 }
        var b = end
        while b > a {
            let s = UTF8Scalar.previousStart(p, before: b)
            if Self.closerLength(p, at: s, limit: end) != nil { b = s } else { break }
        }
        while a < b, let length = Self.openerLength(p, at: a, limit: b) { a += length }
        return a..<b
    }

    private func isInitial(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        let (c, length) = UTF8Scalar.decode(p, at: word.lowerBound)
        return word.lowerBound + length == word.upperBound && UTF8Scalar.isLetter(c)
    }

    private func contains(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, _ byte: UInt8) -> Bool {
        for x in word where p[x] == byte { return true }
        return false
    }

    /// The endings of domain names that "Example.Org" is read as.
    private static let domainEndings = ByteSet([
        "com", "net", "org", "edu", "gov", "info", "biz", "io", "co", "uk", "ru", "de",
    ])

    /// Calls `body` with the lowercase bytes of `word` (’ read as ') and their ``FormTable`` hash, for
    /// lookups in the word lists. With `before`, the bytes are those of the word before, ". " and
    /// `word`, as multi-word abbreviations are listed. The bytes are written to the stack, or to an
    /// array when they do not fit there.
    private func withLowercased<R>(
        _ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, after before: Range<Int>? = nil,
        _ body: (UnsafeBufferPointer<UInt8>, UInt32) -> R
    ) -> R {
        func write<Sink: ByteSink>(to out: inout Sink) {
            if let before {
                Self.appendLowercased(p, before, to: &out)
                out.append(0x2E)
                out.append(0x20)
            }
            Self.appendLowercased(p, word, to: &out)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var fixed = FixedBytes(buffer)
            write(to: &fixed)
            if !fixed.overflowed {
                let key = UnsafeBufferPointer(rebasing: buffer[..<fixed.count])
                return body(key, FormTable.hash(key))
            }
            var bytes: [UInt8] = []
            write(to: &bytes)
            return bytes.withUnsafeBufferPointer { body($0, FormTable.hash($0)) }
        }
    }

    private static func appendLowercased<Sink: ByteSink>(
        _ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, to out: inout Sink
    ) {
        var x = word.lowerBound
        while x < word.upperBound {
            let (c, length) = UTF8Scalar.decode(p, at: x)
            if c == 0x2019 { out.append(0x27) } else { UTF8Scalar.appendLowercased(c, to: &out) }
            x += length
        }
    }

    /// Whether `word` and the abbreviated word before it form a listed abbreviation ("т. д" for the
    /// `д` of "т. д."), which is listed with a space between its parts.
    private func isTwoWordAbbreviation(_ p: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, from lower: Int) -> Bool {
        var e = word.lowerBound
        while e > lower && Self.isSpaceByte(p[e - 1]) { e -= 1 }
        guard e > lower, e < word.lowerBound, p[e - 1] == 0x2E else { return false }
        let previous = previousWord(p, before: e - 1, from: lower)
        guard !previous.isEmpty else { return false }
        let beforePeriods = words.beforePeriods
        return withLowercased(p, word, after: previous) {
            beforePeriods.lists($0, hash: $1) & SegmentationWords.abbreviation != 0
        }
    }

    /// Whether a single letter and a period stand at `q` ("В." in "В. В. Путин").
    private func nextIsInitial(_ p: UnsafeBufferPointer<UInt8>, at q: Int, limit hi: Int) -> Bool {
        let (c, length) = UTF8Scalar.decode(p, at: q)
        return UTF8Scalar.isLetter(c) && q + length < hi && p[q + length] == 0x2E
    }

    /// Whether the capitalised word at `q` is one that commonly opens a sentence.
    private func nextWordIsOpener(_ p: UnsafeBufferPointer<UInt8>, at q: Int, limit hi: Int) -> Bool {
        var e = q
        while e < hi {
            let (c, length) = UTF8Scalar.decode(p, at: e)
            guard UTF8Scalar.isLetter(c) || c == 0x27 || c == 0x2019 else { break }
            e += length
        }
        guard e > q else { return false }
        let (stopwords, openers) = (self.stopwords, words.openers)
        return withLowercased(p, q..<e) { stopwords.contains($0, hash: $1) || openers.contains($0, hash: $1) }
    }

    // MARK: Character classes

    @inline(__always)
    static func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 }

    /// Closing quotes and brackets: " ' ) ] } ” ’ » ›.
    @inline(__always)
    static func closerLength(_ p: UnsafeBufferPointer<UInt8>, at j: Int, limit hi: Int) -> Int? {
        switch p[j] {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D: return 1
        case 0xC2 where j + 1 < hi && p[j + 1] == 0xBB: return 2
        case 0xE2 where j + 2 < hi && p[j + 1] == 0x80 && (p[j + 2] == 0x9D || p[j + 2] == 0x99 || p[j + 2] == 0xBA):
            return 3
        default: return nil
        }
    }

    /// Opening quotes and brackets: " ' ( [ { “ ‘ « „ ‹ ¿ ¡.
    @inline(__always)
    static func openerLength(_ p: UnsafeBufferPointer<UInt8>, at j: Int, limit hi: Int) -> Int? {
        switch p[j] {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B: return 1
        case 0xC2 where j + 1 < hi && (p[j + 1] == 0xAB || p[j + 1] == 0xBF || p[j + 1] == 0xA1): return 2
        case 0xE2
        where j + 2 < hi && p[j + 1] == 0x80
            && (p[j + 2] == 0x9C || p[j + 2] == 0x98 || p[j + 2] == 0x9E || p[j + 2] == 0xB9):
            return 3
        default: return nil
        }
    }
}

/// Paragraphs are separated by blank lines (lines of only spaces and tabs count as blank).
enum Paragraphs {
    /// The non-blank lines of a text, as ranges without their line feed.
    static func lines(in bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { p in
            while let i = p.firstIndex(of: 0x0A, from: start) {
                result.append(start..<i)
                start = i + 1
            }
        }
        result.append(start..<bytes.count)
        return result
    }

    static func isBlank(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        for i in line where bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
        return true
    }

    /// Paragraph ranges: maximal runs of non-blank lines.
    static func find(in bytes: [UInt8]) -> [Range<Int>] {
        let lines = lines(in: bytes)
        return group(lines, keep: lines.map { !isBlank(bytes, $0) })
    }

    /// Groups consecutive kept lines into paragraphs; a line that is not kept ends a paragraph.
    static func group(_ lines: [Range<Int>], keep: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var runStart: Int?
        for index in lines.indices {
            if keep[index] {
                if runStart == nil { runStart = lines[index].lowerBound }
            } else if let start = runStart {
                result.append(start..<lines[index - 1].upperBound)
                runStart = nil
            }
        }
        if let start = runStart, let last = lines.last { result.append(start..<last.upperBound) }
        return result
    }
}

/// The word lists of ``SegmentationRules`` as byte sets, built once per ``Language``.
final class SegmentationWords: Sendable {
    /// The titles, the words before numbers and the abbreviations in one set, since the word before a
    /// period is looked up in all three: ``ByteSet/lists(_:hash:)`` gives a word's lists as the bits
    /// ``title``, ``beforeNumber`` and ``abbreviation``, one per list in the order the initialiser gives them.
    let beforePeriods: ByteSet
    static let title: UInt32 = 1 << 0
    static let beforeNumber: UInt32 = 1 << 1
    static let abbreviation: UInt32 = 1 << 2
    let openers: ByteSet
    let unpunctuatedOpeners: ByteSet

    init(_ rules: SegmentationRules) {
        // In the order of the bits above.
        beforePeriods = ByteSet(lists: [rules.titles, rules.beforeNumbers, rules.abbreviations].map(Array.init))
        openers = ByteSet(rules.openers)
        unpunctuatedOpeners = ByteSet(rules.unpunctuatedOpeners)
    }
}
