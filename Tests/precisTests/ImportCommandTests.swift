import Foundation
import Hummingbird
import HummingbirdTesting
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

    }

    /// A feed whose entries carry only teasers, and the pages they link to, served on 127.0.0.1.
    @Test func importsFeedsAndPagesByURLFromARealServer() async throws {
        let router = Router()
        router.get("/feed.xml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/rss+xml"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: """
                            <?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title>
                            <item><title>Lighthouse keeper retires</title><link>/moved</link>
                            <description>Teaser only.</description><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate></item>
                            <item><title>Broken link</title><link>/missing</link></item>
                            </channel></rss>
                            """)))
        }
        router.get("/moved") { _, _ in Response(status: .movedPermanently, headers: [.location: "/lighthouse.html"]) }
        router.get("/lighthouse.html") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ExtractCommandTests.page)))
        }
        router.get("/loop") { _, _ in Response(status: .found, headers: [.location: "/loop"]) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "precis-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("site.sqlite").path

        try await Application(router: router).test(.live) { client in
            let base = "http://127.0.0.1:\(client.port ?? 0)"
            let refused = try await CommandTests.runOffPool(["import", "\(base)/feed.xml", "--database", database])
            #expect(refused.status == 2 && refused.stderr.contains("private or local address"))

            let feed = try await CommandTests.runOffPool([
                "import", "\(base)/feed.xml", "--database", database, "--allow-private",
            ])
            #expect(feed.stdout == "imported 1, updated 0, unchanged 0, failed 1\n", "\(feed.stderr)")
            #expect(feed.stderr.contains("Broken link") && feed.stderr.contains("404"))

            let again = try await CommandTests.runOffPool([
                "import", "\(base)/lighthouse.html", "\(base)/loop", "--database", database, "--allow-private",
            ])
            // The same article (the address it redirected to), now with the page's own title: an update.
            #expect(again.stdout == "imported 0, updated 1, unchanged 0, failed 1\n", "\(again.stderr)")
            #expect(again.stderr.contains("more than 5 redirects"))
        }
    }
}

struct StoreOptionTests {
    @Test func aPostgreSQLURLIsRefusedClearly() throws {
        for command in [["import", "-"], ["serve"]] {
            let result = try CommandTests.run(command + ["--database", "postgres://db.example/precis"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("PostgreSQL store is not available yet"))
        }
    }
}
