/// Bounds how deeply a page's elements nest before the HTML5 parser sees it.
///
/// The parsing algorithm looks through the stack of open elements for many start tags, so a page of
/// 100,000 nested `<div>`s costs a quadratic number of steps. Browsers cap the depth of the tree
/// (Blink at 512 and attaches deeper elements higher up); Precis drops the start and end tags of
/// elements nested deeper than ``limit`` and keeps their text. Depth is counted with a light scan of
/// the tags (comments, raw-text elements and quoted attribute values are skipped whole); elements whose
/// end tag is optional (`p`, `li`, `td`, ...) and void elements are not counted.
///
/// - Complexity: O(n) in the length of the page.
enum NestingLimiter {
    static let limit = 512

    /// The page with tags deeper than `limit` removed, or nil when no element nests that deeply.
    static func limited(_ bytes: [UInt8], limit: Int = NestingLimiter.limit) -> [UInt8]? {
        var none: [UInt8]? = nil
        guard scan(bytes, limit: limit, output: &none) else { return nil }
        var output: [UInt8]? = []
        output?.reserveCapacity(bytes.count)
        _ = scan(bytes, limit: limit, output: &output)
        return output
    }

    /// Walks the tags; returns whether the depth ever exceeds `limit`. With an output buffer, copies
    /// every byte except the tags too deep.
    private static func scan(_ b: [UInt8], limit: Int, output: inout [UInt8]?) -> Bool {
        var depth = 0
        var exceeded = false
        var i = 0
        let n = b.count
        var copied = 0
        func drop(_ range: Range<Int>) {
            guard output != nil else { return }
            output?.append(contentsOf: b[copied..<range.lowerBound])
            copied = range.upperBound
        }
        while i < n {
            guard b[i] == 0x3C, i + 1 < n else {
                i += 1
                continue
            }
            let start = i
            if b[i + 1] == 0x21 {
                // A comment or doctype: skip to its end.
                if i + 3 < n && b[i + 2] == 0x2D && b[i + 3] == 0x2D {
                    i = index(of: [0x2D, 0x2D, 0x3E], in: b, from: i + 4).map { $0 + 3 } ?? n
                } else {
                    i = index(of: [0x3E], in: b, from: i + 2).map { $0 + 1 } ?? n
                }
                continue
            }
            let closing = b[i + 1] == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            guard nameStart < n, isLetter(b[nameStart]) else {
                i += 1
                continue
            }
            var j = nameStart
            while j < n && (isLetter(b[j]) || (b[j] >= 0x30 && b[j] <= 0x39) || b[j] == 0x2D) { j += 1 }
            let name = b[nameStart..<j].map { $0 | 0x20 }
            // The end of the tag, skipping quoted attribute values.
            var quote: UInt8 = 0
            while j < n {
                let c = b[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x3E {
                    break
                }
                j += 1
            }
            let end = min(j + 1, n)
            let selfClosing = j > 0 && j < n && b[j - 1] == 0x2F
            let counted = !uncounted.contains(name)
            if closing {
                if counted {
                    if depth > limit { drop(start..<end) }
                    depth = max(0, depth - 1)
                }
                i = end
                continue
            }
            if counted && !selfClosing {
                depth += 1
                if depth > limit {
                    exceeded = true
                    drop(start..<end)
                }
            }
            i = end
            if rawText.contains(name) {
                // Skip the element's text up to its end tag, which the next turn of the loop reads.
                var k = i
                while k < n {
                    if b[k] == 0x3C && k + 1 < n && b[k + 1] == 0x2F
                        && b[(k + 2)..<min(n, k + 2 + name.count)].map({ $0 | 0x20 }) == name
                    {
                        break
                    }
                    k += 1
                }
                i = k
            }
        }
        output?.append(contentsOf: b[copied..<n])
        return exceeded
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private static func index(of needle: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= b.count {
            if b[i] == needle[0] && b[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static let uncounted: Set<[UInt8]> = Set(
        [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
            "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
            "rp", "rt", "colgroup", "caption", "html", "head", "body",
        ].map { Array($0.utf8) })

    private static let rawText: Set<[UInt8]> = Set(
        ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"].map {
            Array($0.utf8)
        })
}
