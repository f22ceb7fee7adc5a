import Foundation
import PrecisHTML
import PrecisSQLite
import Testing

@testable import PrecisSite

/// The contract every ``ArticleStore`` keeps, run on SQLite in memory and in a file.
struct StoreContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, file
        var testDescription: String { rawValue }
    }

    /// A store of the given kind, with the path of its file when it has one.
    static func makeStore(_ kind: Kind) throws -> (any ArticleStore, URL?) {
        switch kind {
        case .memory:
            return (try SQLiteArticleStore(), nil)
        case .file:
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "precis-store-\(UUID().uuidString).sqlite")
            return (try SQLiteArticleStore(path: url.path), url)
        }
    }

    static func draft(
        _ title: String, url: String? = nil, day: Int? = nil,
        body: String = "The council met on Monday and agreed the plan."
    ) -> ArticleDraft {
        ArticleDraft(
            title: title, url: url, byline: "Ann Lee",
            published: day.map { Date(timeIntervalSince1970: Double($0) * 86_400 + 0.123_4) }, language: "en",
            site: "Courier", description: nil, blocks: [.init(.paragraph, body), .init(.heading, "More")])
    }

    @Test(arguments: Kind.allCases)
    func savingTheSameArticleTwiceNeverDuplicatesIt(_ kind: Kind) async throws {
        let (store, _) = try Self.makeStore(kind)
        let first = try await store.save(Self.draft("Ferry strike ends", url: "https://c.example/a", day: 1))
        guard case .imported(let article) = first else { Issue.record("expected an import, got \(first)"); return }
        #expect(article.slug == "ferry-strike-ends")
        #expect(
            try await store.save(Self.draft("Ferry strike ends", url: "https://c.example/a", day: 1))
                == .unchanged(article))
        let changed = try await store.save(
            Self.draft(
                "Ferry strike ends", url: "https://c.example/a", day: 1, body: "Crews returned to work on Tuesday."))
        guard case .updated(let updated) = changed else { Issue.record("expected an update, got \(changed)"); return }
        #expect(updated.id == article.id && updated.slug == article.slug)
        #expect(updated.contentHash != article.contentHash)
        #expect(try await store.count() == 1)
        #expect(
            try await store.article(slug: "ferry-strike-ends")?.draft.blocks.first?.text
                == "Crews returned to work on Tuesday.")

        // Without a URL the title identifies the article; another URL with the same title is another one.
        _ = try await store.save(Self.draft("Budget passes", day: 2))
        #expect(try await store.save(Self.draft("Budget passes", day: 2)).article.slug == "budget-passes")
        let other = try await store.save(Self.draft("Ferry strike ends", url: "https://c.example/b", day: 3))
        #expect(other.article.slug == "ferry-strike-ends-2")
        #expect(try await store.count() == 3)
    }

    @Test(arguments: Kind.allCases)
    func pagesRunNewestFirstAndNeighboursFollowTheDates(_ kind: Kind) async throws {
        let (store, _) = try Self.makeStore(kind)
        // Saved out of order; days 1 to 7.
        for day in [4, 1, 7, 2, 6, 3, 5] { _ = try await store.save(Self.draft("Story of day \(day)", day: day)) }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await store.articles(after: cursor, limit: 3)
            #expect(page.articles.count <= 3)
            seen += page.articles.map(\.draft.title)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == (1...7).reversed().map { "Story of day \($0)" })

        let middle = try #require(try await store.article(slug: "story-of-day-4"))
        let (previous, next) = try await store.neighbours(of: middle)
        #expect(previous?.title == "Story of day 3")
        #expect(next?.title == "Story of day 5")
        let oldest = try #require(try await store.article(slug: "story-of-day-1"))
        #expect(try await store.neighbours(of: oldest).previous == nil)
        let newest = try #require(try await store.article(slug: "story-of-day-7"))
        #expect(try await store.neighbours(of: newest).next == nil)

        await #expect(throws: SiteError.self) { _ = try await store.articles(after: "not-a-cursor", limit: 3) }
        await #expect(throws: SiteError.self) { _ = try await store.articles(after: nil, limit: 0) }
    }

    @Test(arguments: Kind.allCases)
    func summariesAreCachedByContentAndDroppedWhenItChanges(_ kind: Kind) async throws {
        let (store, _) = try Self.makeStore(kind)
        let article = try await store.save(Self.draft("Ferry strike ends", url: "https://c.example/a", day: 1)).article
        let key = SummaryKey(contentHash: article.contentHash, method: "news", length: "sentences=3")
        #expect(try await store.cachedSummary(key) == nil)
        try await store.cacheSummary(Data("{\"sentences\":[]}".utf8), for: key)
        #expect(try await store.cachedSummary(key) == Data("{\"sentences\":[]}".utf8))
        #expect(
            try await store.cachedSummary(
                SummaryKey(contentHash: article.contentHash, method: "news", length: "sentences=1")) == nil)
        _ = try await store.save(
            Self.draft("Ferry strike ends", url: "https://c.example/a", day: 1, body: "New text of the story."))
        #expect(try await store.cachedSummary(key) == nil)
    }

    @Test func theFileStoreKeepsArticlesAndSummariesAcrossRestarts() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "precis-store-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let key: SummaryKey
        do {
            let store = try SQLiteArticleStore(path: url.path)
            let article = try await store.save(Self.draft("Ночные поезда возвращаются", day: 1)).article
            #expect(article.slug == "nochnye-poezda-vozvrashchayutsya")
            key = SummaryKey(contentHash: article.contentHash, method: "news", length: "sentences=3")
            try await store.cacheSummary(Data("cached".utf8), for: key)
        }
        let reopened = try SQLiteArticleStore(path: url.path)
        #expect(try await reopened.count() == 1)
        #expect(try await reopened.cachedSummary(key) == Data("cached".utf8))
        let article = try #require(try await reopened.article(slug: "nochnye-poezda-vozvrashchayutsya"))
        #expect(article.draft == Self.draftRounded(Self.draft("Ночные поезда возвращаются", day: 1)))
    }

    @Test(arguments: Kind.allCases)
    func draftsWithoutTitleOrTextAreRefused(_ kind: Kind) async throws {
        let (store, _) = try Self.makeStore(kind)
        await #expect(throws: SiteError(.invalidInput, "an article needs a title")) {
            _ = try await store.save(ArticleDraft(title: "  ", blocks: [.init(.paragraph, "Text.")]))
        }
        await #expect(throws: SiteError(.invalidInput, "an article needs body text")) {
            _ = try await store.save(ArticleDraft(title: "Title", blocks: [.init(.paragraph, " ")]))
        }
        #expect(try await store.count() == 0)
    }

    @Test func readersNeverSeeAHalfWrittenArticle() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "precis-store-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try SQLiteArticleStore(path: url.path)
        let body = String(repeating: "A long paragraph of the article. ", count: 200)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for n in 0..<40 {
                    _ = try await store.save(
                        Self.draft("Story \(n)", url: "https://c.example/\(n % 10)", day: n, body: body + "\(n)"))
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<40 {
                        for article in try await store.articles(after: nil, limit: 50).articles {
                            // Every article read is whole: its hash is that of what was read.
                            #expect(article.draft.contentHash == article.contentHash)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.count() == 10)
    }

    static func draftRounded(_ draft: ArticleDraft) -> ArticleDraft {
        var rounded = draft
        rounded.published = draft.published.map {
            Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000)
        }
        return rounded
    }
}

struct SlugTests {
    @Test(arguments: [
        ("Harbour ferry strike ends after three days", "harbour-ferry-strike-ends-after-three-days"),
        ("Ночные поезда возвращаются в Европу", "nochnye-poezda-vozvrashchayutsya-v-evropu"),
        ("Grüße aus Zürich: Café öffnet", "grusse-aus-zurich-cafe-offnet"),
        ("It's 2026 — what's next?", "its-2026-whats-next"),
        ("中文标题", "article"),
        ("", "article"),
    ])
    func slugsAreReadableASCII(_ title: String, _ slug: String) {
        #expect(Slug.make(from: title) == slug)
    }

    @Test func longTitlesAreCutAtAWord() {
        let slug = Slug.make(from: String(repeating: "word ", count: 40))
        #expect(slug.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-") && slug.hasSuffix("word"))
    }
}

struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
