/// Substring search over UTF-8 bytes, for the short texts that extraction matches against word lists
/// (class names, charset labels, boilerplate markers) without building `String`s or going through
/// Foundation.
enum ByteSearch {
    /// The index in `haystack` where `needle` first starts, or nil; an empty needle is never found.
    ///
    /// - Complexity: O(n · m) in the worst case for n haystack and m needle bytes, O(n) on text.
    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        while i + needle.count <= haystack.endIndex {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension Array where Element == Article.Block {
    /// The characters of all the blocks' text.
    var characterCount: Int { reduce(0) { $0 + $1.text.count } }
}
