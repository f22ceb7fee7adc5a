/// Splits sentences into tokens and maps each token to a term: its lowercase form, without a final
/// possessive `'s`, stemmed by the language's Snowball stemmer.
///
/// A token is a run of letters and digits; an apostrophe or hyphen between letters or digits
/// ("don't", "well-known", "15-year") and a period or comma between digits ("3.14", "1,000") or after a
/// single letter ("U.S.") continue it.
///
/// - Complexity: O(n) in the length of the text, one ``FormTable`` lookup per token, one ``Lexicon``
///   lookup per distinct lowercase form, and one stemmer call per form new to the process.
struct TermAnalyzer {
    private let stopwords: ByteSet
    private let algorithm: String?
    private var stemmer: Stemmer?
    private let lexicon: Lexicon
    /// This document's forms, with their term ids.
    private var forms = FormTable()
    /// The lexicon's stem ids, mapped to this document's term ids.
    private var terms = IndexTable(capacity: 256)
    /// Stems that a full lexicon does not know, with this document's term ids.
    private var unknownStems = FormTable(capacity: 8)
    /// The stems by term id, as UTF-8 in one arena: stem t is `stemBytes[stemEnds[t - 1]..<stemEnds[t]]`.
    private(set) var stemBytes: [UInt8] = []
    private(set) var stemEnds: [Int32] = []
    private var scratch: [UInt8] = []

    /// An analyzer for `language` that shares `lexicon`, by default the language's own.
    init(language: Language, lexicon: Lexicon? = nil) {
        stopwords = language.stopwordBytes
        self.lexicon = lexicon ?? language.lexicon
        algorithm = language.stemmer
    }

    mutating func tokenize(
        _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, normalized: NormalizedText?, into tokens: inout [Token]
    ) {
        var i = range.lowerBound
        let hi = range.upperBound
        while i < hi {
            let (c, length) = UTF8Scalar.decode(p, at: i)
            let letter = UTF8Scalar.isLetter(c)
            guard letter || UTF8Scalar.isDigit(c) else {
                i += length
                continue
            }
            let start = i
            var hasLetter = letter
            var segmentLetters = letter ? 1 : 0
            var previousWasDigit = !letter
            scratch.removeAll(keepingCapacity: true)
            UTF8Scalar.appendLowercased(c, to: &scratch)
            i += length
            while i < hi {
                let b = p[i]
                if b < 0x80 {
                    // ASCII letters and digits, the bulk of most text, without decoding.
                    let folded = b | 0x20
                    if folded >= 0x61 && folded <= 0x7A {
                        hasLetter = true
                        segmentLetters += 1
                        previousWasDigit = false
                        scratch.append(folded)
                        i += 1
                        continue
                    }
                    if b >= 0x30 && b <= 0x39 {
                        previousWasDigit = true
                        scratch.append(b)
                        i += 1
                        continue
                    }
                }
                let (d, dl) = UTF8Scalar.decode(p, at: i)
                if UTF8Scalar.isLetter(d) {
                    hasLetter = true
                    segmentLetters += 1
                    previousWasDigit = false
                    UTF8Scalar.appendLowercased(d, to: &scratch)
                    i += dl
                    continue
                }
                if UTF8Scalar.isDigit(d) {
                    previousWasDigit = true
                    UTF8Scalar.appendScalar(d, to: &scratch)
                    i += dl
                    continue
                }
                guard i + dl < hi else { break }
                let (e, _) = UTF8Scalar.decode(p, at: i + dl)
                let nextLetter = UTF8Scalar.isLetter(e)
                let nextDigit = UTF8Scalar.isDigit(e)
                var joins = false
                switch d {
                case 0x27, 0x2019: joins = nextLetter
                case 0x2D, 0x2010, 0x2011: joins = nextLetter || nextDigit
                case 0x2E:
                    joins = (previousWasDigit && nextDigit) || (segmentLetters == 1 && nextLetter && !previousWasDigit)
                case 0x2C: joins = previousWasDigit && nextDigit
                default: joins = false
                }
                guard joins else { break }
                UTF8Scalar.appendScalar(d == 0x2019 ? 0x27 : (d == 0x2010 || d == 0x2011 ? 0x2D : d), to: &scratch)
                segmentLetters = 0
                i += dl
            }
            // Drop a possessive 's.
            if scratch.count > 2 && scratch[scratch.count - 1] == 0x73 && scratch[scratch.count - 2] == 0x27 {
                scratch.removeLast(2)
            }
            let (term, stop) = lookup()
            let original =
                normalized.map { $0.originalRange(start..<i) } ?? (start..<i)
            tokens.append(
                Token(
                    range: original, term: term, isStopword: stop, hasLetter: hasLetter,
                    startsUppercase: UTF8Scalar.isUppercase(c)))
        }
    }

    @inline(__always)
    private mutating func lookup() -> (Int32, Bool) {
        let hash = FormTable.hash(scratch)
        if let known = forms.find(scratch, hash: hash) { return (known.term, known.stop) }
        return insert(hash: hash)
    }

    /// Gives a form seen for the first time in this document its term id, through the language's
    /// ``Lexicon`` (stemming and classifying the form when the lexicon does not know it).
    private mutating func insert(hash: UInt32) -> (Int32, Bool) {
        var entry = lexicon.find(scratch, hash: hash)
        var stem: [UInt8]? = nil
        if entry == nil {
            var stop = stopwords.contains(scratch, hash: hash)
            if !stop, let apostrophe = scratch.firstIndex(of: 0x27) {
                // Contractions of function words: we're, it'll, don't, isn't.
                stop =
                    stopwords.contains(Array(scratch[..<apostrophe])) || scratch.suffix(3).elementsEqual("n't".utf8)
            }
            let stemmed: [UInt8]
            if let algorithm {
                // A libstemmer instance is made on the first form the lexicon does not know.
                if stemmer == nil { stemmer = Stemmer(algorithm: algorithm) }
                stemmed = stemmer?.stem(scratch) ?? scratch
            } else {
                stemmed = scratch
            }
            entry = lexicon.insert(scratch, hash: hash, stem: stemmed, isStopword: stop)
            stem = stemmed
        }
        guard let entry else { return (0, false) }
        let term: Int32
        if entry.stem >= 0 {
            // A stem the lexicon knows: its id maps to this document's term.
            if let known = terms[UInt64(entry.stem)] {
                term = known
            } else {
                term = Int32(stemEnds.count)
                terms.set(UInt64(entry.stem), term)
                if let stem {
                    stemBytes.append(contentsOf: stem)
                } else {
                    lexicon.appendStem(entry.stem, to: &stemBytes)
                }
                stemEnds.append(Int32(stemBytes.count))
            }
        } else {
            // The lexicon is full and has never seen this stem: match it by its bytes in this document.
            let bytes = stem ?? scratch
            let stemHash = FormTable.hash(bytes)
            if let known = unknownStems.find(bytes, hash: stemHash) {
                term = known.term
            } else {
                term = Int32(stemEnds.count)
                unknownStems.insert(bytes, hash: stemHash, FormTable.Value(term: term, stop: false))
                stemBytes.append(contentsOf: bytes)
                stemEnds.append(Int32(stemBytes.count))
            }
        }
        forms.insert(scratch, hash: hash, FormTable.Value(term: term, stop: entry.isStopword))
        return (term, entry.isStopword)
    }
}
