import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrecisHTML
import PrecisSQLite
import PrecisServer
import PrecisSite
import Testing

/// The pages a reader sees, rendered by the server in process.
struct PageTests {
    static func server() async throws -> SiteServer {
        let store = try SQLiteArticleStore()
        let titles = ["Oldest <story>", "Middle story", "Newest story"]
        for (day, title) in titles.enumerated() {
            _ = try await store.save(
                ArticleDraft(
                    title: title, url: "https://c.example/\(day)", byline: "Ann & Lee",
                    published: Date(timeIntervalSince1970: Double(day + 1) * 86_400), language: "en",
                    blocks: APITests.body.map { .init(.paragraph, $0) } + [
                        .init(.heading, "Back on <b>the</b> water"), .init(.listItem, "One"), .init(.listItem, "Two"),
                        .init(.quote, "We are glad to be back."),
                    ]))
        }
        return try SiteServer(store: store)
    }

    static func html(_ client: some TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(uri)")
        return (response.status, String(buffer: response.body))
    }

    @Test func theIndexListsArticlesNewestFirst() async throws {
        try await Application(router: try await Self.server().router()).test(.router) { client in
            let (status, page) = try await Self.html(client, "/")
            #expect(status == .ok)
            let newest = try #require(page.range(of: "Newest story"))
            let oldest = try #require(page.range(of: "Oldest &lt;story&gt;"))
            #expect(newest.lowerBound < oldest.lowerBound)
            #expect(page.contains("Ann &amp; Lee") && page.contains("min read") && page.contains("<time datetime="))
            #expect(!page.contains("<story>"))
        }
    }

    @Test func anArticleHasTheButtonItsBodyAndItsNeighbours() async throws {
        try await Application(router: try await Self.server().router()).test(.router) { client in
            let (status, page) = try await Self.html(client, "/articles/middle-story")
            #expect(status == .ok)
            #expect(page.contains(#"href="/articles/middle-story/summary">No time to read? Get a summary</a>"#))
            #expect(page.contains("Back on &lt;b&gt;the&lt;/b&gt; water") && !page.contains("<b>the</b>"))
            #expect(page.contains(#"<ul><li class="block" id="b5""#) && page.contains("<blockquote"))
            #expect(
                page.contains(
                    #"rel="prev" href="/articles/oldest-story">Previous Article<br><span>Oldest &lt;story&gt;</span>"#))
            #expect(
                page.contains(#"rel="next" href="/articles/newest-story">Next Article<br><span>Newest story</span>"#))
            // Block ranges are UTF-8 offsets in the body text that summaries point into.
            #expect(page.contains(#"id="b0" data-start="0" data-end="\#(APITests.body[0].utf8.count)""#))

            let (_, oldest) = try await Self.html(client, "/articles/oldest-story")
            #expect(!oldest.contains("Previous Article") && oldest.contains("Next Article"))
            let (_, newest) = try await Self.html(client, "/articles/newest-story")
            #expect(newest.contains("Previous Article") && !newest.contains("Next Article"))

            let (missing, notFound) = try await Self.html(client, "/articles/no-such-story")
            #expect(missing == .notFound && notFound.contains("no article has the slug"))
        }
    }

    @Test func theSummaryPageWorksWithoutJavaScript() async throws {
        try await Application(router: try await Self.server().router()).test(.router) { client in
            let (status, page) = try await Self.html(client, "/articles/middle-story/summary?length=short")
            #expect(status == .ok)
            #expect(page.components(separatedBy: #"class="summary-sentence""#).count - 1 == 1)
            #expect(page.contains(#"href="/articles/middle-story#b0""#))
            let (_, long) = try await Self.html(client, "/articles/middle-story/summary?length=long")
            #expect(long.components(separatedBy: #"class="summary-sentence""#).count - 1 == 5)
            let (bad, _) = try await Self.html(client, "/articles/middle-story/summary?length=huge")
            #expect(bad == .badRequest)
        }
    }
}
