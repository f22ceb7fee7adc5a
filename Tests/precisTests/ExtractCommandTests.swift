import Foundation
import Testing

/// `precis extract`, and `precis summarize` on pages, run as a user would.
struct ExtractCommandTests {
    static let page = """
        <!doctype html><html lang="en"><head><title>Lighthouse keeper retires after forty years - Coast News</title>
        <meta name="author" content="Ann Lee"></head><body>
        <nav><a href="/">Home</a> <a href="/local">Local</a></nav>
        <article><h1>Lighthouse keeper retires after forty years</h1>
        <p><a href="#s">No time to read? Get a summary</a></p>
        <p>The last keeper of the Grey Point lighthouse retired on Friday after forty years of tending the light,
        which will now be run automatically from the mainland.</p>
        <p>Arthur Penrose, 71, took the job in 1985 when the lighthouse still needed someone to wind its
        clockwork every four hours. He said he would miss the storms most of all.</p>
        <p>The coastguard said the automated system had been tested for two years and was more reliable than the
        old equipment. A museum will open in the keeper's cottage next summer.</p>
        </article>
        <p><a href="/p">Previous Article</a> <a href="/n">Next Article</a></p></body></html>
        """

    @Test func extractWritesTitleThenParagraphs() throws {
        let file = try CommandTests.temporaryFile(Data(Self.page.utf8), suffix: ".html")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try CommandTests.run(["extract", file.path])
        #expect(text.status == 0)
        let parts = text.stdout.components(separatedBy: "\n\n")
        #expect(parts.first == "Lighthouse keeper retires after forty years")
        #expect(parts.count == 4)
        #expect(!text.stdout.contains("Previous Article") && !text.stdout.contains("Get a summary"))

        let json = try CommandTests.run(
            ["extract", "--format", "json", "--url", "https://coast.example/l", "-"],
            stdin: Data(Self.page.utf8))
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["byline"] as? String == "Ann Lee")
        #expect(object?["url"] as? String == "https://coast.example/l")
        #expect((object?["paragraphs"] as? [String])?.count == 3)
        #expect(((object?["blocks"] as? [[String: Any]])?.first?["kind"]) as? String == "paragraph")
    }

    @Test func extractFailsClearlyOnPagesWithoutAnArticle() throws {
        let result = try CommandTests.run(
            ["extract", "-"], stdin: Data("<html><body><nav>Home</nav></body></html>".utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("no article found"))
        let binary = try CommandTests.run(["extract", "-"], stdin: Data((0..<4096).map { UInt8($0 % 7) }))
        #expect(binary.status == 2)
        #expect(binary.stderr.contains("binary"))
        let charset = try CommandTests.run(["extract", "--charset", "ebcdic", "-"])
        #expect(charset.status != 0)
    }

    @Test func summarizeReadsPagesAndJSONLinesWithHTML() throws {
        let summary = try CommandTests.run(["summarize", "--sentences", "1", "-"], stdin: Data(Self.page.utf8))
        #expect(summary.status == 0)
        #expect(summary.stdout.hasPrefix("The last keeper of the Grey Point lighthouse"))

        let page = try JSONSerialization.data(withJSONObject: ["id": "p1", "html": Self.page])
        let empty = try JSONSerialization.data(withJSONObject: ["id": "p2", "html": "<html><body></body></html>"])
        let lines = page + Data("\n".utf8) + empty + Data("\n".utf8)
        let batch = try CommandTests.run(["summarize", "--jsonl", "-", "--sentences", "2"], stdin: lines)
        #expect(batch.status == 0)
        let outputs = batch.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        #expect(outputs.count == 2)
        #expect((outputs[0]?["summary"] as? [String])?.count == 2)
        #expect(outputs[0]?["title"] as? String == "Lighthouse keeper retires after forty years")
        #expect((outputs[1]?["error"] as? [String: Any])?["code"] as? String == "noArticle")
    }
}
