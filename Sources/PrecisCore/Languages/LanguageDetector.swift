/// Chooses the language of a text among the ``Language/catalog``.
///
/// The script decides first (a mostly Cyrillic text is Russian among today's catalog); within a script,
/// the share of each language's stopwords among the first few hundred words decides, as in the
/// stopword-profile method of Grefenstette (1995, "Comparing two language identification schemes").
/// A text in which no catalog language finds its stopwords, and that is not in Latin or Cyrillic
/// script (Arabic, Hebrew, Chinese, ...), gets ``Language/undetermined``: no stemming, no stopwords.
///
/// - Complexity: O(min(n, 8 KiB)): the first 8 KiB (up to 300 words) decide.
enum LanguageDetector {
    /// Every catalog language's stopwords in one set; each word's lists (``ByteSet/lists(_:hash:)``) have
    /// bit k set when it is a stopword of the k-th catalog language (of the first 31), so a word costs one
    /// lookup whatever the catalog's size. Each language's words are sorted, so that the table is laid
    /// out the same in every process.
    private static let stopwords = ByteSet(lists: Language.catalog.prefix(31).map { $0.stopwords.sorted() })

    /// Builds the catalog's languages (their word lists as byte sets) and the detector's table now, as a
    /// process's set-up, instead of in the first text that needs them.
    static func prepare() {
        _ = Language.catalog
        _ = stopwords
    }

    static func detect(_ bytes: [UInt8]) -> Language {
        let limit = min(bytes.count, 8_192)
        let languages = min(Language.catalog.count, 32)
        var latin = 0
        var cyrillic = 0
        var other = 0
        var words = 0
        var hits = [Int](repeating: 0, count: languages)
        var leading = 0
        var current = GrowableBuffer<UInt8>()
        let stopwords = Self.stopwords
        var i = 0
        // One step past the limit reads as a space, so that the last word is counted too.
        while i <= limit && words < 300 {
            // A word of ASCII letters and apostrophes that an ASCII byte ends within sixteen bytes is read
            // whole, and that byte ends it below.
            if current.count == 0, i &+ 16 <= limit,
                let vector = bytes.withUnsafeBufferPointer({ $0.baseAddress.map { ByteVector.load($0, at: i) } })
            {
                let folded = vector | 0x20
                let run = (~ByteVector.bits(ByteVector.within(folded, 0x61, 0x7A) .| ByteVector.equal(vector, 0x27)))
                    .trailingZeroBitCount
                if run > 0 && run < 16 && bytes[i &+ run] < 0x80 {
                    latin &+= run
                    current.reserve(16)
                    UnsafeMutableRawPointer(current.base).storeBytes(of: folded, as: ByteVector.Vector.self)
                    current.advance(by: run)
                    i &+= run
                    continue
                }
            }
            if i < limit, bytes[i] < 0x80 {
                // ASCII letters and apostrophes (0x27 | 0x20 is 0x27) without decoding.
                let folded = bytes[i] | 0x20
                if (folded >= 0x61 && folded <= 0x7A) || bytes[i] == 0x27 {
                    latin += 1
                    current.append(folded)
                    i += 1
                    continue
                }
            }
            let (c, length) = i < limit ? UTF8Scalar.decode(bytes, at: i) : (0x20, 1)
            if i < limit && (UTF8Scalar.isLetter(c) || c == 0x27 || c == 0x2019) {
                if c < 0x250 { latin += 1 } else if c >= 0x400 && c < 0x530 { cyrillic += 1 } else { other += 1 }
                UTF8Scalar.appendLowercased(c == 0x2019 ? 0x27 : c, to: &current)
            } else if current.count > 0 {
                words += 1
                let word = current.elements
                var mask = stopwords.lists(word, hash: FormTable.hash(word))
                while mask != 0 {
                    let k = mask.trailingZeroBitCount
                    hits[k] += 1
                    leading = max(leading, hits[k])
                    mask &= mask - 1
                }
                current.removeAll()
                // A hundred words in which one language has a quarter of its stopwords settle it.
                if words >= 100 && leading * 4 >= words { break }
            }
            i += length
        }

        var best: Language?
        var bestHits = 0
        for (language, count) in zip(Language.catalog, hits) where count > bestHits {
            best = language
            bestHits = count
        }
        if cyrillic > latin && cyrillic >= other { return .russian }
        if let best, bestHits * 50 >= words, latin + cyrillic >= other { return best }
        if other > latin + cyrillic { return .undetermined }
        return best ?? .english
    }
}

extension Language {
    /// A text whose language is not in the catalog and could not be guessed: words are lowercased but
    /// not stemmed, and only the universal segmentation rules apply.
    public static let undetermined = Language(
        code: "und", name: "undetermined", stemmer: nil, stopwords: [], segmentation: .universal)
}
