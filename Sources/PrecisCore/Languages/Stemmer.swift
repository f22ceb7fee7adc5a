import CStemmer

/// One libstemmer (Snowball) stemmer. libstemmer stemmers keep state between calls, so an instance
/// belongs to one analysis at a time and is not `Sendable`.
///
/// Snowball: M. F. Porter, "Snowball: A language for stemming algorithms" (2001).
/// - Complexity: O(k) per word of k bytes.
final class Stemmer {
    private let handle: OpaquePointer
    /// Snowball's English algorithm in Swift, for the words of ASCII letters, digits and the marks that join
    /// them but the apostrophe, when this is that algorithm.
    private let english = EnglishStemmer()
    private let usesEnglish: Bool

    /// A stemmer for a libstemmer algorithm name, or nil when libstemmer does not have it.
    init?(algorithm: String) {
        guard let handle = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
        self.handle = handle
        usesEnglish = algorithm == "english"
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of a lowercase word given as UTF-8; libstemmer counts its input and output in bytes.
    func stem(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { buffer in withStem(of: buffer) { Array($0) } }
    }

    /// Calls `body` with the stem of a lowercase UTF-8 word, in a buffer (libstemmer's, or the Swift
    /// English stemmer's for words it takes) valid only for the call; with the word itself if libstemmer
    /// fails.
    func withStem<R>(of word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if usesEnglish && english.stem(word) { return english.withStem(body) }
        return withLibstemmerStem(of: word, body)
    }

    /// Calls `body` with libstemmer's stem of `word`, whatever the word.
    func withLibstemmerStem<R>(of word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let base = word.baseAddress, let stemmed = sb_stemmer_stem(handle, base, Int32(word.count)) else {
            return body(word)
        }
        return body(UnsafeBufferPointer(start: stemmed, count: Int(sb_stemmer_length(handle))))
    }
}
