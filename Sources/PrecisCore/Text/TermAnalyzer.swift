/// Splits sentences into tokens and maps each token to a term: its lowercase form, without a final
/// possessive `'s`, stemmed by the language's Snowball stemmer.
///
/// A token is a run of letters and digits; an apostrophe or hyphen between letters or digits
/// ("don't", "well-known", "15-year") and a period or comma between digits ("3.14", "1,000") or after a
/// single letter ("U.S.") continue it.
///
/// Each term is a stem of the language's ``Lexicon``, whose ids are the same in every document; a
/// document numbers its own terms from 0 in order of first appearance and keeps the lexicon's id of
/// each (``stems``). Forms go through a private table borrowed from the lexicon, so a word met in an
/// earlier document costs one lookup and no lock.
///
/// - Complexity: O(n) in the length of the text, one ``FormTable`` lookup per token, and one stemmer
///   call and one ``Lexicon`` lookup per form new to the borrowed table.
struct TermAnalyzer {
    private let stopwords: ByteSet
    private let algorithm: String?
    private let lexicon: Lexicon
    /// Forms met so far, with the lexicon's stem id and the stopword flag, and the map from the
    /// lexicon's stem ids to this document's term ids; borrowed from the lexicon.
    private var cache: FormCache
    /// Forms whose stems a full lexicon does not know, and those stems, with this document's term ids;
    /// made for the first such form, which most analyses never meet.
    private var unknownForms: FormTable?
    private var unknownStems: FormTable?
    /// For each term of the document, the lexicon's stem id, or `-(k + 1)` for the k-th stem that a
    /// full lexicon does not know (its bytes are `unknownStemBytes[unknownStemEnds[k - 1]..<unknownStemEnds[k]]`).
    /// Valid until ``finish()``, which returns it.
    var stems: [Int32] { Array(stemIDs.elements) }
    /// ``stems`` as they are numbered.
    private let stemIDs: GrowableBuffer<Int32>
    private(set) var unknownStemBytes: [UInt8] = []
    private(set) var unknownStemEnds: [Int32] = []
    private var scratch: GrowableBuffer<UInt8>

    /// An analyzer for `language` that shares `lexicon`, by default the language's own. Call
    /// ``finish()`` when done, to give the borrowed form table back.
    init(language: borrowing Language, lexicon: Lexicon? = nil) {
        stopwords = language.stopwordBytes
        self.lexicon = lexicon ?? language.lexicon
        algorithm = language.stemmer
        cache = self.lexicon.borrowForms()
        cache.terms.beginDocument()
        // The cache's buffers, held here too so that the per-token paths reach each with one load.
        stemIDs = cache.buffers.stemIDs
        scratch = cache.buffers.scratch
        pending = cache.buffers.pending
        stemIDs.removeAll()
    }

    /// Gives the borrowed form table back to the lexicon, and returns ``stems``, which the next analysis
    /// to borrow the table writes over; the analyzer is not used afterwards.
    @discardableResult
    mutating func finish() -> [Int32] {
        let stems = self.stems
        lexicon.returnForms(cache)
        // No reference to the table stays here, so the next analysis to borrow it changes it in place.
        cache = FormCache.returned
        return stems
    }

    /// A token read but not yet looked up: where it is, where its lowercase form is in `scratch`, and
    /// the form's hash and, when it has at most eight bytes, its ``FormTable/word(_:)``.
    fileprivate struct Pending: BitwiseCopyable {
        /// The token's range: bounds rather than a `Range`, which is not `BitwiseCopyable`.
        var start: Int
        var end: Int
        var formStart: Int
        var formLength: Int
        var word: UInt64
        var hash: UInt32
        var hasLetter: Bool
        var startsUppercase: Bool
    }
    private let pending: GrowableBuffer<Pending>
    /// What ``FormTable/touch(hash:)`` read, kept so that the reads are made.
    private var touched: UInt8 = 0

    /// Appends the tokens of `range` of `p` to `tokens`, with ranges mapped back through `normalized`.
    ///
    /// The tokens are read first, each lowercase form into `scratch` with its hash; then a loop touches
    /// the form table where each will be looked up (``FormTable/touch(hash:)``), so that the cache misses
    /// of a large table overlap instead of coming one per token; then the forms are looked up in order.
    mutating func tokenize(
        _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, normalized: NormalizedText?, into tokens: inout [Token]
    ) {
        pending.removeAll()
        scratch.removeAll()
        read(p, range, normalized: normalized)
        var touched: UInt8 = 0
        for token in pending.elements { touched ^= cache.forms.touch(hash: token.hash) }
        self.touched ^= touched
        // Each token numbers one term at most.
        stemIDs.reserve(pending.count)
        for token in pending.elements {
            let (term, stop) = lookup(token)
            // `read` made the bounds in order, so the range needs no check of them.
            tokens.append(
                Token(
                    range: Range(uncheckedBounds: (token.start, token.end)), term: term, isStopword: stop,
                    hasLetter: token.hasLetter, startsUppercase: token.startsUppercase))
        }
    }

    /// Reads the tokens of `range` into `pending`, their lowercase forms one after another in `scratch`.
    private mutating func read(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, normalized: NormalizedText?) {
        // Offsets map back to the input only where normalising edited it.
        let mapsRanges = normalized?.hasEdits ?? false
        var i = range.lowerBound
        let hi = range.upperBound
        while i < hi {
            // Spaces and punctuation are skipped sixteen ASCII bytes at a time, to the first letter, digit or
            // byte of another script.
            skip: if let base = p.baseAddress, i &+ 16 <= hi {
                // Most tokens end at a space that the next one follows: that space is stepped over with a
                // look at the byte after it, where the scan below would find the next token at the same place.
                let next = base[i &+ 1]
                if base[i] == 0x20 && ((next | 0x20) &- 0x61 < 26 || next &- 0x30 < 10) {
                    i &+= 1
                    break skip
                }
                let vector = ByteVector.load(base, at: i)
                let starts = ByteVector.bits(
                    ByteVector.within(vector | 0x20, 0x61, 0x7A) .| ByteVector.within(vector, 0x30, 0x39)
                        .| ByteVector.atLeast(0x80, vector))
                if starts == 0 {
                    i &+= 16
                    continue
                }
                i &+= starts.trailingZeroBitCount
            }
            let start = i
            let formStart = scratch.count
            if let base = p.baseAddress, i &+ 16 <= hi {
                // Most tokens are a run of ASCII letters and digits that ends, within sixteen bytes, at an
                // ASCII byte that ends it (``endsRun(_:before:)``): one load reads such a token whole, and
                // its form, hash and flags come from that load.
                let bytes = SixteenBytes(base, at: i)
                let run = bytes.run
                if run > 0 && run < 16 && Self.endsRun(bytes, before: base[i &+ run]) {
                    scratch.reserve(16)
                    bytes.storeLowercased(at: scratch.base + formStart)
                    scratch.advance(by: run)
                    i &+= run
                    append(
                        start: start, end: i, formStart: formStart, formLength: run,
                        word: run <= 8 ? bytes.firstWord & ByteWord.lowBytes(run) : 0,
                        hasLetter: bytes.lettersInRun != 0, startsUppercase: base[start] &- 0x41 < 26,
                        mapsRanges: mapsRanges, normalized: normalized)
                    continue
                }
            }
            let c: UInt32
            var hasLetter = false
            // Letters since the token's start or its last joining mark: exact up to one, and more than
            // one once there are more.
            var segmentLetters = 0
            var previousWasDigit = false
            if p[i] < 0x80 {
                // An ASCII letter or digit starts a run that the loop below reads, from this byte.
                c = UInt32(p[i])
                guard (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 else {
                    i += 1
                    continue
                }
            } else {
                let (scalar, length) = UTF8Scalar.decode(p, at: i)
                let letter = UTF8Scalar.isLetter(scalar)
                guard letter || UTF8Scalar.isDigit(scalar) else {
                    i += length
                    continue
                }
                c = scalar
                hasLetter = letter
                segmentLetters = letter ? 1 : 0
                previousWasDigit = !letter
                UTF8Scalar.appendLowercased(c, to: &scratch)
                i += length
            }
            while i < hi {
                if p[i] < 0x80 {
                    // A run of ASCII letters and digits, the bulk of most text, copied without decoding
                    // straight into room made for the rest of the range: sixteen bytes at a time while
                    // they last (``ByteVector``), then eight (``ByteWord/letters(_:)``), whose letters and
                    // digits are found as bit masks, so that the end of a word costs no branch per byte.
                    scratch.reserve(hi - i)
                    let out = scratch.base + scratch.count
                    let lettersBefore = segmentLetters
                    var n = 0
                    if let base = p.baseAddress {
                        // Set when a sixteen-byte step has found the end of the run.
                        var ended = false
                        while i + 16 <= hi {
                            let bytes = SixteenBytes(base, at: i)
                            let run = bytes.run
                            bytes.storeLowercased(at: out + n)
                            if run > 0 {
                                segmentLetters &+= Self.noneOneOrMore(bytes.lettersInRun)
                                // The run's last byte is a letter or else a digit.
                                previousWasDigit = bytes.letters &>> UInt32(run &- 1) & 1 == 0
                            }
                            n &+= run
                            i &+= run
                            if run < 16 {
                                ended = true
                                break
                            }
                        }
                        while !ended && i + 8 <= hi {
                            let word = ByteWord.load(base, at: i)
                            let letters = ByteWord.letters(word)
                            let digits = ByteWord.digits(word)
                            let run = (~(letters | digits) & ByteWord.high).trailingZeroBitCount &>> 3
                            // Letters get their 0x20 bit; bytes past the run are written and then written over.
                            UnsafeMutableRawPointer(out + n).storeBytes(of: word | letters &>> 2, as: UInt64.self)
                            if run > 0 {
                                segmentLetters &+= Self.noneOneOrMore(letters & ByteWord.lowBytes(run))
                                previousWasDigit = digits &>> UInt64(run &* 8 &- 1) & 1 != 0
                            }
                            n &+= run
                            i &+= run
                            if run < 8 { break }
                        }
                    }
                    while i < hi {
                        let b = p[i]
                        let folded = b | 0x20
                        if folded &- 0x61 < 26 {
                            segmentLetters &+= 1
                            previousWasDigit = false
                            out[n] = folded
                        } else if b &- 0x30 < 10 {
                            previousWasDigit = true
                            out[n] = b
                        } else {
                            break
                        }
                        n &+= 1
                        i &+= 1
                    }
                    scratch.advance(by: n)
                    if segmentLetters != lettersBefore { hasLetter = true }
                    guard i < hi else { break }
                    // An ASCII byte other than the four that may join two parts ends the token.
                    if Self.endsToken(p[i]) { break }
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
            let end = scratch.count
            if end - formStart > 2 && scratch.base[end - 1] == 0x73 && scratch.base[end - 2] == 0x27 {
                scratch.removeLast(2)
            }
            let formLength = scratch.count - formStart
            append(
                start: start, end: i, formStart: formStart, formLength: formLength,
                word: formLength <= 8 ? scratch.word(at: formStart, length: formLength) : 0, hasLetter: hasLetter,
                startsUppercase: UTF8Scalar.isUppercase(c), mapsRanges: mapsRanges, normalized: normalized)
        }
    }

    /// Sixteen bytes of text read for a run of ASCII letters and digits, with bit masks (``ByteVector``),
    /// so that the end of a word costs no branch per byte: the letters' bits (the first byte's lowest),
    /// the run's length from the first byte, and the bytes with each letter lowercased.
    private struct SixteenBytes {
        let letters: UInt32
        let run: Int
        private let lowercased: ByteVector.Vector

        @inline(__always)
        init(_ base: UnsafePointer<UInt8>, at i: Int) {
            let vector = ByteVector.load(base, at: i)
            let letterMask = ByteVector.within(vector | 0x20, 0x61, 0x7A)
            letters = ByteVector.bits(letterMask)
            run = (~(letters | ByteVector.bits(ByteVector.within(vector, 0x30, 0x39)))).trailingZeroBitCount
            lowercased = vector | ByteVector.byte(0x20, where: letterMask)
        }

        /// The bits of the letters within the run.
        var lettersInRun: UInt32 { letters & (1 &<< UInt32(run) &- 1) }

        /// The first eight bytes, lowercased, as ``FormTable/word(_:)`` reads them.
        var firstWord: UInt64 { unsafeBitCast(lowercased, to: SIMD2<UInt64>.self)[0] }

        /// Writes all sixteen bytes, lowercased, at `out`; those past the run are written over later.
        @inline(__always)
        func storeLowercased(at out: UnsafeMutablePointer<UInt8>) {
            UnsafeMutableRawPointer(out).storeBytes(of: lowercased, as: ByteVector.Vector.self)
        }
    }

    /// Whether the byte that ends a run of ASCII letters and digits also ends the token: it is ASCII and
    /// none of the four that may join two parts (' - . ,), whose rules the general path applies.
    @inline(__always)
    private static func endsToken(_ b: UInt8) -> Bool {
        b < 0x80 && b != 0x27 && b != 0x2D && b != 0x2E && b != 0x2C
    }

    /// Whether the byte after a run of ASCII letters and digits, read in `bytes`, ends the token as the
    /// joining rules of the general path would: an ASCII byte that joins nothing (``endsToken(_:)``), a
    /// comma after a letter (a comma joins digits only), or a period after a letter when the run has
    /// another (a period joins digits, or follows a lone letter, as in "U.S.").
    @inline(__always)
    private static func endsRun(_ bytes: SixteenBytes, before next: UInt8) -> Bool {
        if endsToken(next) { return true }
        let endsWithLetter = bytes.letters &>> UInt32(truncatingIfNeeded: bytes.run &- 1) & 1 != 0
        let letters = bytes.lettersInRun
        return endsWithLetter && (next == 0x2C || (next == 0x2E && letters & (letters &- 1) != 0))
    }

    /// Appends to `pending` the token at `start..<end` of the text, whose lowercase form is the
    /// `formLength` bytes of `scratch` from `formStart`, with their ``FormTable/word(_:)`` when they are at
    /// most eight; with its range mapped back through `normalized` when `mapsRanges`.
    @inline(__always)
    private mutating func append(
        start: Int, end: Int, formStart: Int, formLength: Int, word: UInt64, hasLetter: Bool, startsUppercase: Bool,
        mapsRanges: Bool, normalized: NormalizedText?
    ) {
        let hash =
            formLength <= 8
            ? FormTable.hash(word: word, length: formLength)
            : FormTable.hash(UnsafeBufferPointer(start: scratch.base + formStart, count: formLength))
        let range = mapsRanges ? normalized?.originalRange(start..<end) ?? start..<end : start..<end
        pending.append(
            Pending(
                start: range.lowerBound, end: range.upperBound, formStart: formStart, formLength: formLength,
                word: word, hash: hash, hasLetter: hasLetter, startsUppercase: startsUppercase))
    }

    /// 0, 1 or 2 for no bit set, one, or more: the letters of a step of a run counted as the joining rules
    /// ask, where a population count is a dozen instructions on the baseline x86-64 that Swift builds for.
    @inline(__always)
    private static func noneOneOrMore<Bits: FixedWidthInteger>(_ bits: Bits) -> Int {
        (bits != 0 ? 1 : 0) &+ (bits & (bits &- 1) != 0 ? 1 : 0)
    }

    @inline(__always)
    private mutating func lookup(_ token: Pending) -> (Int32, Bool) {
        let known =
            token.formLength <= 8
            ? cache.forms.find(word: token.word, tag: FormTable.tag(hash: token.hash, length: token.formLength))
            : cache.forms.find(
                UnsafeBufferPointer(start: scratch.base + token.formStart, count: token.formLength), hash: token.hash)
        if let known { return (term(ofStem: known.term), known.stop) }
        return insert(
            UnsafeBufferPointer(start: scratch.base + token.formStart, count: token.formLength), hash: token.hash)
    }

    /// This document's term for the lexicon's stem `id`, numbered on first sight. Half of a text's tokens
    /// are the first of their term, which no branch predicts, so the new term's number is chosen and
    /// counted without a branch: the id is written to the next place whether or not it is new.
    @inline(__always)
    private mutating func term(ofStem id: Int32) -> Int32 {
        let next = Int32(truncatingIfNeeded: stemIDs.count)
        let term = cache.terms.term(ofStem: id, next: next)
        stemIDs.append(id, if: term == next)
        return term
    }

    /// Numbers the next term for a stem the lexicon does not know, given as `-(k + 1)`.
    private mutating func newTerm(unknown id: Int32) -> Int32 {
        let term = Int32(truncatingIfNeeded: stemIDs.count)
        stemIDs.append(id)
        return term
    }

    /// Stems and classifies a form new to the borrowed table, and records it there with its stem's id
    /// in the ``Lexicon``.
    private mutating func insert(_ form: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (Int32, Bool) {
        if let known = unknownForms?.find(form, hash: hash) { return (known.term, known.stop) }
        var stop = stopwords.contains(form, hash: hash)
        if !stop, let apostrophe = form.firstIndex(of: 0x27) {
            // Contractions of function words: we're, it'll, don't, isn't.
            stop = stopwords.contains(form[..<apostrophe]) || form.suffix(3).elementsEqual("n't".utf8)
        }
        // The stemmer (libstemmer, with the Swift English one for most English words) is made on the first
        // form new to the borrowed table, and kept with it for the analyses that borrow it next.
        if let algorithm, cache.stemmer?.algorithm != algorithm {
            cache.stemmer = Stemmer(algorithm: algorithm).map {
                FormCache.OwnedStemmer(algorithm: algorithm, stemmer: $0)
            }
        }
        guard algorithm != nil, let stemmer = cache.stemmer?.stemmer else {
            return record(form, hash: hash, stem: form, isStopword: stop)
        }
        return stemmer.withStem(of: form) { stem in record(form, hash: hash, stem: stem, isStopword: stop) }
    }

    /// Records a form in the borrowed table with its stem's id in the lexicon, or, when a full lexicon
    /// does not know the stem, matches the stem by its bytes in this document.
    private mutating func record(
        _ form: UnsafeBufferPointer<UInt8>, hash: UInt32, stem: UnsafeBufferPointer<UInt8>, isStopword: Bool
    ) -> (Int32, Bool) {
        let id = lexicon.id(ofStem: stem)
        if id >= 0 {
            cache.forms.insert(form, hash: hash, FormTable.Value(term: id, stop: isStopword))
            return (term(ofStem: id), isStopword)
        }
        let stemHash = FormTable.hash(stem)
        if unknownStems == nil { (unknownStems, unknownForms) = (FormTable(capacity: 8), FormTable(capacity: 8)) }
        let term: Int32
        if let known = unknownStems?.find(stem, hash: stemHash) {
            term = known.term
        } else {
            unknownStemBytes.append(contentsOf: stem)
            unknownStemEnds.append(Int32(unknownStemBytes.count))
            term = newTerm(unknown: -Int32(unknownStemEnds.count))
            unknownStems?.insert(stem, hash: stemHash, FormTable.Value(term: term, stop: false))
        }
        unknownForms?.insert(form, hash: hash, FormTable.Value(term: term, stop: isStopword))
        return (term, isStopword)
    }
}

extension TermAnalyzer {
    /// The buffers an analysis reads and numbers its words in, kept with the borrowed form table
    /// (``FormCache``) so that the analyses after the first allocate and grow none of their own.
    final class Buffers: @unchecked Sendable {
        // Unchecked: like the table that holds them, only the analysis that has borrowed it uses them.
        fileprivate let stemIDs = GrowableBuffer<Int32>(capacity: 256)
        fileprivate let scratch = GrowableBuffer<UInt8>(capacity: 1024)
        fileprivate let pending = GrowableBuffer<Pending>(capacity: 64)

        /// The most bytes of buffers worth keeping for the next analysis: the buffers of a huge text grow
        /// with it, and a server should not hold on to them after it.
        static let keptByteLimit = 4 << 20

        /// Whether the buffers are within ``keptByteLimit``.
        var areWorthKeeping: Bool {
            stemIDs.byteCapacity + scratch.byteCapacity + pending.byteCapacity <= Self.keptByteLimit
        }
    }
}
