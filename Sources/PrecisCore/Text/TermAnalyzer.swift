/// Splits sentences into tokens and maps each token to a term: its lowercase form, without a final
/// possessive `'s`, stemmed by the language's Snowball stemmer.
///
/// A token is a run of letters and digits; an apostrophe or hyphen between letters or digits
/// ("don't", "well-known", "15-year") and a period or comma between digits ("3.14", "1,000") or after a
/// single letter ("U.S.") continue it.
///
/// - Complexity: O(n) in the length of the text, one ``FormTable`` lookup per token and one stemmer call
///   per distinct lowercase form.
struct TermAnalyzer {
    private let stopwords: ByteSet
    private let algorithm: String?
    private var stemmer: Stemmer?
    private let cache: StemCache
    private var forms = FormTable()
    private var stems = FormTable()
    /// The stems by term id, as UTF-8 in one arena: stem t is `stemBytes[stemEnds[t - 1]..<stemEnds[t]]`.
    private(set) var stemBytes: [UInt8] = []
    private(set) var stemEnds: [Int32] = []
    private var scratch: [UInt8] = []

    init(language: Language) {
        stopwords = language.stopwordBytes
        cache = language.stems
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

    private mutating func lookup() -> (Int32, Bool) {
        let hash = FormTable.hash(scratch)
        if let known = forms.find(scratch, hash: hash) { return (known.term, known.stop) }
        var stop = stopwords.contains(scratch, hash: hash)
        if !stop, let apostrophe = scratch.firstIndex(of: 0x27) {
            // Contractions of function words: we're, it'll, don't, isn't.
            stop = stopwords.contains(Array(scratch[..<apostrophe])) || scratch.suffix(3).elementsEqual("n't".utf8)
        }
        let stem: [UInt8]
        if let algorithm {
            let form = scratch
            stem = cache.stem(form, hash: hash) {
                // A libstemmer instance is made on the first cache miss only.
                if stemmer == nil { stemmer = Stemmer(algorithm: algorithm) }
                return stemmer?.stem(form) ?? form
            }
        } else {
            stem = scratch
        }
        let stemHash = FormTable.hash(stem)
        let term: Int32
        if let known = stems.find(stem, hash: stemHash) {
            term = known.term
        } else {
            term = Int32(stemEnds.count)
            stems.insert(stem, hash: stemHash, FormTable.Value(term: term, stop: false))
            stemBytes.append(contentsOf: stem)
            stemEnds.append(Int32(stemBytes.count))
        }
        forms.insert(scratch, hash: hash, FormTable.Value(term: term, stop: stop))
        return (term, stop)
    }
}
