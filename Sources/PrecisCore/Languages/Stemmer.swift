import CStemmer

/// One libstemmer (Snowball) stemmer. libstemmer stemmers keep state between calls, so an instance
/// belongs to one analysis at a time and is not `Sendable`.
///
/// Snowball: M. F. Porter, "Snowball: A language for stemming algorithms" (2001).
/// - Complexity: O(k) per word of k bytes.
final class Stemmer {
    private let handle: OpaquePointer

    /// A stemmer for a libstemmer algorithm name, or nil when libstemmer does not have it.
    init?(algorithm: String) {
        guard let handle = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of a lowercase word given as UTF-8; libstemmer counts its input and output in bytes.
    func stem(_ word: [UInt8]) -> [UInt8] {
        let result: [UInt8]? = word.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                let stemmed = sb_stemmer_stem(handle, base, Int32(buffer.count))
            else { return nil }
            let length = Int(sb_stemmer_length(handle))
            return Array(UnsafeBufferPointer(start: stemmed, count: length))
        }
        return result ?? word
    }
}
