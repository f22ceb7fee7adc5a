import Foundation
import PrecisCore
import Testing

@testable import precis

struct JSONLineWriterTests {
    @Test(arguments: [
        "Plain text. With \"quotes\", a back\\slash and a tab\there.\n\nСтрока по-русски. Emoji 🎉 too.",
        "Headline\n\nOne sentence only.",
    ])
    func matchesJSONEncoder(_ text: String) throws {
        let summary = try Summarizer(method: .news, length: .sentences(2)).summarize(try Document(text))
        // Ids with every escape at every offset from a sixteen-byte boundary, and one longer than the buffer.
        let escapes = (0..<33).map { offset in
            BatchSummarizer.ID.string(String(repeating: "a", count: offset) + "q\"\\\u{01}\u{08}\u{0C}\u{1F}\n\r\tü€𝄞z")
        }
        let long = BatchSummarizer.ID.string(String(repeating: "é\"", count: 3_000))
        let ids = [BatchSummarizer.ID.string("a/1"), .number(7), .number(-12), .number(1_000_000), .number(0), nil]
        for id in ids + escapes + [long] {
            var writer = JSONLineWriter()
            writer.summaryLine(id: id, summary: summary)
            let ours = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? NSDictionary
            let encoded = try JSONOutput.compact.encode(BatchSummarizer.Output(id: id, summary: summary))
            let theirs = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
            #expect(ours != nil)
            #expect(ours == theirs)
        }
    }

    /// Numbers that are not whole are written as Swift prints them: the shortest form that reads back
    /// as the same `Double`.
    @Test(arguments: [
        0.1, -2.5e-7, 1e300, 0.12345678901234568, 1.7976931348623157e308, .leastNonzeroMagnitude, 123456.789,
        1e15 + 0.5,
    ])
    func numbersAreWrittenAsSwiftPrintsThem(_ value: Double) throws {
        let summary = try Summarizer(method: .news, length: .sentences(1)).summarize(try Document("One sentence."))
        var writer = JSONLineWriter()
        writer.summaryLine(id: .number(value), summary: summary)
        let line = String(decoding: writer.bytes, as: UTF8.self)
        #expect(line.hasPrefix("{\"id\":\(value.description),"))
    }
}
