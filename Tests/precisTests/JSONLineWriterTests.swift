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
        for id in [BatchSummarizer.ID.string("a/1"), .number(7), .number(-12), .number(1_000_000), .number(0), nil] {
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
