import PrecisCore

/// Writes a batch output line by hand: the same object, keys sorted, that `JSONEncoder` makes of
/// ``BatchSummarizer/Output``, at a fraction of its cost. `CommandTests` checks the two agree.
struct JSONLineWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func summaryLine(id: BatchSummarizer.ID?, summary: Summary) {
        raw("{")
        key("id")
        switch id {
        case .string(let text)?: string(text)
        case .number(let number)?: self.number(number)
        case nil: raw("null")
        }
        raw(",")
        key("keywords")
        array(summary.keywords) { writer, keyword in
            writer.raw("{")
            writer.key("count")
            writer.integer(keyword.count)
            writer.raw(",")
            writer.key("score")
            writer.number(keyword.score)
            writer.raw(",")
            writer.key("text")
            writer.string(keyword.text)
            writer.raw("}")
        }
        raw(",")
        key("language")
        string(summary.language)
        raw(",")
        key("method")
        string(summary.method)
        raw(",")
        key("sentences")
        array(summary.sentences) { writer, sentence in
            writer.raw("{")
            writer.key("end")
            writer.integer(sentence.end)
            writer.raw(",")
            writer.key("index")
            writer.integer(sentence.index)
            writer.raw(",")
            writer.key("score")
            writer.number(sentence.score)
            writer.raw(",")
            writer.key("start")
            writer.integer(sentence.start)
            writer.raw(",")
            writer.key("text")
            writer.string(sentence.text)
            writer.raw("}")
        }
        raw(",")
        key("stats")
        raw("{")
        key("article")
        counts(summary.stats.article)
        raw(",")
        key("summary")
        counts(summary.stats.summary)
        raw("},")
        key("summary")
        array(summary.sentences) { writer, sentence in writer.string(sentence.text) }
        if let title = summary.title {
            raw(",")
            key("title")
            string(title)
        }
        raw("}")
    }

    private mutating func counts(_ counts: Summary.Counts) {
        raw("{")
        key("reading_time_minutes")
        integer(counts.readingTimeMinutes)
        raw(",")
        key("reading_time_seconds")
        integer(counts.readingTimeSeconds)
        raw(",")
        key("sentences")
        integer(counts.sentences)
        raw(",")
        key("words")
        integer(counts.words)
        raw("}")
    }

    private mutating func array<T>(_ items: [T], _ body: (inout JSONLineWriter, T) -> Void) {
        raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            body(&self, item)
        }
        raw("]")
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func key(_ name: StaticString) {
        raw("\"")
        raw(name)
        raw("\":")
    }

    /// An integer in decimal, its digits written last first and then put in order, with no `String`.
    private mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        // Swapped in place: reversing the slice `bytes[start...]` would copy the array.
        var (a, b) = (start, bytes.count - 1)
        while a < b {
            bytes.swapAt(a, b)
            a += 1
            b -= 1
        }
    }

    /// A finite number as Swift prints it (shortest round-trip form); whole numbers without a fraction.
    private mutating func number(_ value: Double) {
        guard value.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied whole.
            var run = 0
            for (i, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    raw("\\u00")
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
