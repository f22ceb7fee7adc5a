/// Finds the lines of a copied web page that are not article text: the headline at the top, and the
/// widgets around the text ("No time to read?", "Get a summary", "Previous Article", "Next Article" and
/// the linked titles after them, "Share", "Read more", ...).
///
/// A widget line is short (at most eight words) and starts with one of the language's
/// ``Language/widgetPhrases``. Widgets are looked for in the head of the page (the lines before the
/// first line that reads like prose: twelve or more words, or eight or more ending in terminal
/// punctuation) and its tail (the lines after the last such line); a line that is exactly a widget
/// phrase is dropped anywhere. In the tail, once a widget has been seen, short lines without terminal
/// punctuation are dropped too: they are the titles that "Previous Article" and "Next Article" link to.
///
/// - Complexity: O(n) in the length of the text.
enum PageCleaner {
    /// The widget phrases of every catalog language: a copied page's widgets need not be in the
    /// language of its text.
    static let phrases: [[UInt8]] = Language.catalog.flatMap(\.widgetPhrases).map { Array($0.utf8) }

    struct Result {
        /// Whether each line is kept as text.
        var keep: [Bool]
        /// The line taken as the headline, if any.
        var title: Int?
    }

    static func clean(_ bytes: [UInt8], lines: [Range<Int>], findTitle: Bool) -> Result {
        var keep = lines.map { !Paragraphs.isBlank(bytes, $0) }
        let shapes = lines.map { LineShape(bytes, $0) }
        let prose = lines.indices.filter { keep[$0] && shapes[$0].isProse }
        guard let firstProse = prose.first, let lastProse = prose.last else {
            return Result(keep: keep, title: nil)
        }
        var folded: [[UInt8]] = []
        folded.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            folded.append(shapes[index].words <= 8 && keep[index] ? Self.fold(bytes[line]) : [])
        }

        for index in lines.indices where keep[index] && shapes[index].words <= 8 {
            let inEdge = index < firstProse || index > lastProse
            if Self.isWidget(folded[index], exact: !inEdge) { keep[index] = false }
        }
        var sawWidget = false
        for index in (lastProse + 1)..<lines.count {
            if !keep[index] && !folded[index].isEmpty { sawWidget = true }
            if sawWidget && keep[index] && shapes[index].words <= 15 && !shapes[index].endsSentence {
                keep[index] = false
            }
        }
        var title: Int?
        if findTitle, let first = lines.indices.first(where: { keep[$0] }), first <= firstProse,
            shapes[first].words <= 25, !shapes[first].endsWithPeriod, !shapes[first].hasInnerSentenceEnd,
            lines.indices.contains(where: { $0 > first && keep[$0] })
        {
            let nextKept = lines.indices.first(where: { $0 > first && keep[$0] }) ?? first
            // A headline stands alone: a blank or dropped line follows it.
            if nextKept > first + 1 {
                title = first
                keep[first] = false
            }
        }
        return Result(keep: keep, title: title)
    }

    private static func isWidget(_ line: [UInt8], exact: Bool) -> Bool {
        guard !line.isEmpty else { return false }
        for phrase in Self.phrases {
            if exact {
                if line == phrase { return true }
            } else if line.count >= phrase.count && line[0..<phrase.count].elementsEqual(phrase)
                && (line.count == phrase.count || line[phrase.count] == 0x20)
            {
                return true
            }
        }
        return false
    }

    /// Lowercase letters and digits with single spaces between words.
    static func fold(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var pendingSpace = false
        var i = line.startIndex
        while i < line.endIndex {
            let (c, length) = UTF8Scalar.decode(line, at: i)
            if UTF8Scalar.isLetter(c) || UTF8Scalar.isDigit(c) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                UTF8Scalar.appendLowercased(c, to: &out)
            } else {
                pendingSpace = true
            }
            i += length
        }
        return out
    }
}

/// Word count and final punctuation of one line.
struct LineShape {
    /// Lines longer than this many words are prose whatever else they hold, so counting stops there.
    static let wordLimit = 26

    /// The number of words, up to ``wordLimit``.
    var words = 0
    var endsSentence = false
    var endsWithPeriod = false
    /// Whether terminal punctuation followed by a space occurs before the end: more than one sentence.
    var hasInnerSentenceEnd = false

    init(_ bytes: [UInt8], _ line: Range<Int>) {
        var inWord = false
        var i = line.lowerBound
        var last: UInt32 = 0x20
        var pendingEnd = false
        while i < line.upperBound {
            let (c, length) = UTF8Scalar.decode(bytes, at: i)
            let letter = UTF8Scalar.isLetter(c) || UTF8Scalar.isDigit(c)
            if letter && !inWord {
                words += 1
                if words == Self.wordLimit {
                    // Only the final punctuation still matters.
                    var j = line.upperBound
                    while j > i {
                        j = UTF8Scalar.previousStart(bytes, before: j)
                        let (e, _) = UTF8Scalar.decode(bytes, at: j)
                        if !UTF8Scalar.isSpace(e) && !Self.isClosingQuote(e) {
                            last = e
                            break
                        }
                    }
                    break
                }
            }
            inWord = letter || (inWord && (c == 0x27 || c == 0x2019 || c == 0x2D))
            if UTF8Scalar.isSpace(c) {
                if last == 0x2E || last == 0x21 || last == 0x3F { pendingEnd = true }
            } else if pendingEnd {
                hasInnerSentenceEnd = true
            }
            if !UTF8Scalar.isSpace(c) && !Self.isClosingQuote(c) { last = c }
            i += length
        }
        endsWithPeriod = last == 0x2E || last == 0x2026
        endsSentence = endsWithPeriod || last == 0x21 || last == 0x3F
    }

    var isProse: Bool { words >= 12 || (words >= 8 && endsSentence) }

    private static func isClosingQuote(_ c: UInt32) -> Bool {
        c == 0x22 || c == 0x27 || c == 0x29 || c == 0x201D || c == 0x2019 || c == 0xBB
    }
}
