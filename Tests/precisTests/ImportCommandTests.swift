import Foundation
import Testing

/// `precis import`, run as a user would, into a store in a temporary directory.
struct ImportCommandTests {
    @Test func importsPagesLinesAndFeedsOnceAndReportsEachFailure() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "precis-import-\(UUID().uuidString)")
        let pages = directory.appendingPathComponent("pages/sub")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(ExtractCommandTests.page.utf8).write(to: pages.appendingPathComponent("lighthouse.html"))
        try Data("<html><body><nav>Home</nav></body></html>".utf8).write(to: pages.appendingPathComponent("empty.html"))
        let line = try JSONSerialization.data(withJSONObject: [
            "title": "Night trains return", "article": "Night trains are back.\n\nOperators add routes.",
            "url": "https://x.example/n", "published": "2026-01-02T10:00:00Z",
        ])
        try (line + Data("\nnot json\n".utf8)).write(to: directory.appendingPathComponent("corpus.jsonl"))
        let feed = """
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>C</title><item><title>Harbour reopens</title><link>https://x.example/h</link>
            <content:encoded><![CDATA[<p>The harbour reopened on Tuesday after repairs to the sea wall.</p>]]></content:encoded>
            </item></channel></rss>
            """
        try Data(feed.utf8).write(to: directory.appendingPathComponent("feed.xml"))
        let database = directory.appendingPathComponent("site.sqlite").path
        let arguments = [
            "import", directory.appendingPathComponent("pages").path,
            directory.appendingPathComponent("corpus.jsonl").path,
            directory.appendingPathComponent("feed.xml").path, "--database", database,
        ]

        let first = try CommandTests.run(arguments)
        #expect(first.status == 2)
        #expect(first.stdout == "imported 3, updated 0, unchanged 0, failed 2\n")
        #expect(first.stderr.contains("empty.html: no article found"))
        #expect(first.stderr.contains("corpus.jsonl line 2: not a JSON object"))

        let second = try CommandTests.run(arguments)
        #expect(second.stdout == "imported 0, updated 0, unchanged 3, failed 2\n")

        let url = try CommandTests.run(["import", "https://x.example/feed", "--database", database])
        #expect(url.status != 0 && url.stderr.contains("not available yet"))
    }
}
