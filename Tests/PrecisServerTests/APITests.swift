import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PrecisHTML
import PrecisSQLite
import PrecisServer
import PrecisSite
import Testing

/// The JSON API, in process and over a real socket, on an SQLite store in memory.
struct APITests {
    static let body = [
        "Ferry crews in the harbour returned to work on Tuesday after union leaders accepted a pay offer of 6 percent, ending a three-day strike.",
        "The agreement, reached after twelve hours of talks, also includes a review of rostering rules that crews said left them working long split shifts.",
        "The operator said full timetables would resume on Wednesday morning, and that season-ticket holders would be refunded for the days lost.",
        "Commuters had crowded onto buses and trains during the stoppage, and road traffic into the city centre rose by a fifth.",
    ]

    static func server(token: String? = nil, maximumBodyBytes: Int = 1 << 20) async throws -> SiteServer {
        let store = try SQLiteArticleStore()
        for day in 1...3 {
            _ = try await store.save(
                ArticleDraft(
                    title: "Harbour story \(day)", url: "https://c.example/\(day)", byline: "Ann Lee",
                    published: Date(timeIntervalSince1970: Double(day) * 86_400), language: "en",
                    blocks: body.map { .init(.paragraph, $0) }))
        }
        return try SiteServer(store: store, configuration: .init(apiToken: token, maximumBodyBytes: maximumBodyBytes))
    }

    static func app(_ server: SiteServer) -> some ApplicationProtocol {
        Application(router: server.router())
    }

    static func object(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }

    @Test func listsArticlesNewestFirstWithCursors() async throws {
        try await Self.app(try await Self.server()).test(.router) { client in
            let first = try await client.execute(uri: "/api/v1/articles?limit=2", method: .get)
            #expect(first.status == .ok)
            let page = Self.object(first.body)
            let articles = page["articles"] as? [[String: Any]] ?? []
            #expect(articles.map { $0["slug"] as? String } == ["harbour-story-3", "harbour-story-2"])
            #expect(articles.first?["reading_time_seconds"] as? Int ?? 0 > 0)
            let cursor = try #require(page["next_cursor"] as? String)
            let second = try await client.execute(uri: "/api/v1/articles?limit=2&cursor=\(cursor)", method: .get)
            let rest = Self.object(second.body)
            #expect((rest["articles"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["harbour-story-1"])
            #expect(rest["next_cursor"] == nil)
            let bad = try await client.execute(uri: "/api/v1/articles?limit=zero", method: .get)
            #expect(bad.status == .badRequest)
            #expect((Self.object(bad.body)["error"] as? [String: Any])?["code"] as? String == "invalidInput")
        }
    }

    @Test func summariesAreComputedOnceAndShareTheCommandsSchema() async throws {
        let server = try await Self.server()
        try await Self.app(server).test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/articles/harbour-story-1/summary?sentences=2", method: .get)
            #expect(response.status == .ok)
            let summary = Self.object(response.body)
            let sentences = summary["sentences"] as? [[String: Any]] ?? []
            #expect(sentences.count == 2)
            for key in ["text", "index", "start", "end", "score"] { #expect(sentences.first?[key] != nil, "\(key)") }
            #expect(summary["keywords"] != nil && summary["language"] as? String == "en")
            let article = try #require(try await server.store.article(slug: "harbour-story-1"))
            let key = SummaryKey(contentHash: article.contentHash, method: "news", length: "sentences=2")
            #expect(try await server.store.cachedSummary(key) == Data(buffer: response.body))

            for (uri, status) in [
                ("/api/v1/articles/harbour-story-1/summary?sentences=0", HTTPResponse.Status.badRequest),
                ("/api/v1/articles/harbour-story-1/summary?method=magic", .badRequest),
                ("/api/v1/articles/harbour-story-1/summary?sentences=2&words=10", .badRequest),
                ("/api/v1/articles/no-such-story/summary", .notFound),
                ("/api/v1/nothing-here", .notFound),
            ] {
                let failed = try await client.execute(uri: uri, method: .get)
                #expect(failed.status == status, "\(uri)")
                let message = (Self.object(failed.body)["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(!message.isEmpty && !message.contains("/work") && !message.contains("SQLite"), "\(uri)")
            }
        }
    }

    @Test func summariesOfPostedTextAndPages() async throws {
        try await Self.app(try await Self.server(maximumBodyBytes: 4096)).test(.router) { client in
            let text = ByteBuffer(string: Self.body.joined(separator: "\n\n"))
            let plain = try await client.execute(
                uri: "/api/v1/summaries?sentences=1", method: .post, headers: [.contentType: "text/plain"], body: text)
            #expect(plain.status == .ok)
            #expect((Self.object(plain.body)["sentences"] as? [Any])?.count == 1)

            let request = try JSONSerialization.data(withJSONObject: [
                "html": "<html><head><title>Strike ends</title></head><body><article>"
                    + Self.body.map { "<p>\($0)</p>" }.joined() + "</article></body></html>",
                "sentences": 2,
            ])
            let page = try await client.execute(
                uri: "/api/v1/summaries", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: request))
            #expect(page.status == .ok)
            #expect(Self.object(page.body)["title"] as? String == "Strike ends")

            let huge = try await client.execute(
                uri: "/api/v1/summaries", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: String(repeating: "Words. ", count: 2000)))
            #expect(huge.status == .contentTooLarge)
            let broken = try await client.execute(
                uri: "/api/v1/summaries", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"text\": 3"))
            #expect(broken.status == .badRequest)
            let empty = try await client.execute(
                uri: "/api/v1/summaries", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer())
            #expect(empty.status == .badRequest)
        }
    }

    @Test func writingNeedsTheConfiguredToken() async throws {
        let line = try JSONSerialization.data(withJSONObject: [
            "title": "New story", "article": Self.body.joined(separator: "\n\n"),
        ])
        try await Self.app(try await Self.server()).test(.router) { client in
            let off = try await client.execute(uri: "/api/v1/articles", method: .post, body: ByteBuffer(bytes: line))
            #expect(off.status == .forbidden)
        }
        try await Self.app(try await Self.server(token: "s3cret")).test(.router) { client in
            let missing = try await client.execute(
                uri: "/api/v1/articles", method: .post, body: ByteBuffer(bytes: line))
            #expect(missing.status == .unauthorized)
            let created = try await client.execute(
                uri: "/api/v1/articles", method: .post, headers: [.authorization: "Bearer s3cret"],
                body: ByteBuffer(bytes: line))
            #expect(created.status == .created)
            #expect(Self.object(created.body)["slug"] as? String == "new-story")
            let again = try await client.execute(
                uri: "/api/v1/articles", method: .post, headers: [.authorization: "Bearer s3cret"],
                body: ByteBuffer(bytes: line))
            #expect(again.status == .ok)
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        try await Self.app(try await Self.server()).test(.router) { client in
            let response = try await client.execute(uri: "/api/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            let document = String(buffer: response.body)
            #expect(document.hasPrefix("openapi: 3.1.0"))
            for path in [
                "/health:", "/api/v1/articles:", "/api/v1/articles/{slug}:", "/api/v1/articles/{slug}/summary:",
                "/api/v1/summaries:",
            ] {
                #expect(document.contains("\n  \(path)"), "\(path)")
            }
        }
    }

    @Test func servesOverARealSocket() async throws {
        try await Self.app(try await Self.server()).test(.live) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(Self.object(health.body)["articles"] as? String == "3")
            let article = try await client.execute(uri: "/api/v1/articles/harbour-story-2", method: .get)
            #expect((Self.object(article.body)["blocks"] as? [Any])?.count == 4)
        }
    }
}
