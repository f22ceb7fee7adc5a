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
        // Ids with every escape at every offset from an eight-byte boundary, and one longer than the buffer.
        let escapes = (0..<17).map { offset in
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
}
