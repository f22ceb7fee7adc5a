import Foundation
import GRDB
import PrecisHTML
import PrecisSite

/// The embedded article store: one SQLite file through GRDB, in WAL mode so that readers never wait
/// for the writer and never see a half-written article (each save is one transaction).
///
/// The schema is created and migrated on open (``migrator``); summaries are cached in a table keyed
/// by content hash, method and length, so they survive restarts and are recomputed when the content
/// changes.
public final class SQLiteArticleStore: ArticleStore {
    private let writer: any DatabaseWriter

    /// Opens (creating and migrating if needed) the store at `path`.
    public init(path: String) throws {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            writer = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw SiteError(.storeUnavailable, "the article store at \(path) could not be opened (\(error.resultCode))")
        }
    }

    /// A store in memory, for tests and trials.
    public init() throws {
        do {
            writer = try DatabaseQueue()
            try Self.migrator.migrate(writer)
        } catch {
            throw SiteError(.storeUnavailable, "an in-memory article store could not be made")
        }
    }

    /// Versioned migrations; a new version is a new `registerMigration`, never an edit of an old one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: articles and summaries") { db in
            try db.execute(
                sql: """
                    CREATE TABLE article (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL UNIQUE,
                        url TEXT UNIQUE,
                        title TEXT NOT NULL,
                        byline TEXT,
                        published INTEGER,
                        language TEXT,
                        site TEXT,
                        description TEXT,
                        blocks TEXT NOT NULL,
                        contentHash TEXT NOT NULL,
                        importedAt INTEGER NOT NULL,
                        sortDate INTEGER NOT NULL
                    );
                    CREATE INDEX article_order ON article(sortDate, id);
                    CREATE INDEX article_title ON article(title);
                    CREATE TABLE summary (
                        contentHash TEXT NOT NULL,
                        method TEXT NOT NULL,
                        length TEXT NOT NULL,
                        json BLOB NOT NULL,
                        createdAt INTEGER NOT NULL,
                        PRIMARY KEY (contentHash, method, length)
                    );
                    """)
        }
        return migrator
    }

    public func save(_ draft: ArticleDraft) async throws -> SaveOutcome {
        try draft.validate()
        // Dates are kept to the millisecond; so is the draft, so that saving it again changes nothing.
        var rounded = draft
        rounded.published = draft.published.map { Date(timeIntervalSince1970: Double(Self.milliseconds($0)) / 1000) }
        let draft = rounded
        let hash = draft.contentHash
        let blocks = try Self.encode(draft.blocks)
        let now = Self.milliseconds(Date())
        return try await write { db in
            let existing: Row?
            if let url = draft.url {
                existing = try Row.fetchOne(db, sql: "SELECT * FROM article WHERE url = ?", arguments: [url])
            } else {
                existing = try Row.fetchOne(
                    db, sql: "SELECT * FROM article WHERE url IS NULL AND title = ? ORDER BY id LIMIT 1",
                    arguments: [draft.title])
            }
            if let existing {
                let stored = try Self.article(existing)
                if stored.draft == draft { return .unchanged(stored) }
                let importedAt = Date(timeIntervalSince1970: Double(now) / 1000)
                try db.execute(
                    sql: """
                        UPDATE article SET title = ?, byline = ?, published = ?, language = ?, site = ?,
                            description = ?, blocks = ?, contentHash = ?, importedAt = ?, sortDate = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        draft.title, draft.byline, draft.published.map(Self.milliseconds), draft.language, draft.site,
                        draft.description, blocks, hash, now,
                        Self.milliseconds(draft.published ?? importedAt), stored.id,
                    ])
                if stored.contentHash != hash { try Self.dropUnusedSummaries(db, hash: stored.contentHash) }
                return .updated(
                    StoredArticle(
                        id: stored.id, slug: stored.slug, draft: draft, contentHash: hash, importedAt: importedAt))
            }
            let slug = try Self.freeSlug(db, base: Slug.make(from: draft.title))
            let importedAt = Date(timeIntervalSince1970: Double(now) / 1000)
            try db.execute(
                sql: """
                    INSERT INTO article (slug, url, title, byline, published, language, site, description, blocks,
                        contentHash, importedAt, sortDate)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    slug, draft.url, draft.title, draft.byline, draft.published.map(Self.milliseconds), draft.language,
                    draft.site, draft.description, blocks, hash, now, Self.milliseconds(draft.published ?? importedAt),
                ])
            return .imported(
                StoredArticle(
                    id: db.lastInsertedRowID, slug: slug, draft: draft, contentHash: hash, importedAt: importedAt))
        }
    }

    public func article(slug: String) async throws -> StoredArticle? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM article WHERE slug = ?", arguments: [slug]).map(Self.article)
        }
    }

    public func articles(after cursor: String?, limit: Int) async throws -> ArticlePage {
        guard limit >= 1 else { throw SiteError(.invalidInput, "the limit must be at least 1") }
        let position = try cursor.map(ArticleCursor.parse)
        return try await read { db in
            let rows: [Row]
            if let position {
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM article WHERE sortDate < ? OR (sortDate = ? AND id < ?)
                        ORDER BY sortDate DESC, id DESC LIMIT ?
                        """,
                    arguments: [position.milliseconds, position.milliseconds, position.id, limit + 1])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM article ORDER BY sortDate DESC, id DESC LIMIT ?", arguments: [limit + 1])
            }
            var articles = try rows.map(Self.article)
            var next: String?
            if articles.count > limit {
                articles.removeLast()
                if let last = articles.last { next = ArticleCursor.make(date: last.date, id: last.id) }
            }
            return ArticlePage(articles: articles, nextCursor: next)
        }
    }

    public func neighbours(of article: StoredArticle) async throws -> (previous: ArticleLink?, next: ArticleLink?) {
        let date = Self.milliseconds(article.date)
        return try await read { db in
            let previous = try Row.fetchOne(
                db,
                sql: """
                    SELECT slug, title FROM article WHERE sortDate < ? OR (sortDate = ? AND id < ?)
                    ORDER BY sortDate DESC, id DESC LIMIT 1
                    """,
                arguments: [date, date, article.id])
            let next = try Row.fetchOne(
                db,
                sql: """
                    SELECT slug, title FROM article WHERE sortDate > ? OR (sortDate = ? AND id > ?)
                    ORDER BY sortDate ASC, id ASC LIMIT 1
                    """,
                arguments: [date, date, article.id])
            return (
                previous.map { ArticleLink(slug: $0["slug"], title: $0["title"]) },
                next.map { ArticleLink(slug: $0["slug"], title: $0["title"]) }
            )
        }
    }

    public func count() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }

    public func cachedSummary(_ key: SummaryKey) async throws -> Data? {
        try await read { db in
            try Data.fetchOne(
                db, sql: "SELECT json FROM summary WHERE contentHash = ? AND method = ? AND length = ?",
                arguments: [key.contentHash, key.method, key.length])
        }
    }

    public func cacheSummary(_ json: Data, for key: SummaryKey) async throws {
        let now = Self.milliseconds(Date())
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO summary (contentHash, method, length, json, createdAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (contentHash, method, length) DO UPDATE SET json = excluded.json,
                        createdAt = excluded.createdAt
                    """,
                arguments: [key.contentHash, key.method, key.length, json, now])
        }
    }

    // MARK: - Rows

    private static func article(_ row: Row) throws -> StoredArticle {
        let blocksJSON: String = row["blocks"]
        let blocks: [Article.Block]
        do { blocks = try JSONDecoder().decode([Article.Block].self, from: Data(blocksJSON.utf8)) } catch {
            throw SiteError(.storeUnavailable, "a stored article could not be read")
        }
        let published: Int64? = row["published"]
        let importedAt: Int64 = row["importedAt"]
        let draft = ArticleDraft(
            title: row["title"], url: row["url"], byline: row["byline"],
            published: published.map { Date(timeIntervalSince1970: Double($0) / 1000) }, language: row["language"],
            site: row["site"], description: row["description"], blocks: blocks)
        return StoredArticle(
            id: row["id"], slug: row["slug"], draft: draft, contentHash: row["contentHash"],
            importedAt: Date(timeIntervalSince1970: Double(importedAt) / 1000))
    }

    private static func encode(_ blocks: [Article.Block]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(blocks), as: UTF8.self)
    }

    /// Dates are stored as whole milliseconds, so a stored article compares equal to its draft.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// `base`, or `base-2`, `base-3`, ... whichever is free.
    private static func freeSlug(_ db: Database, base: String) throws -> String {
        let taken = Set(
            try String.fetchAll(
                db, sql: "SELECT slug FROM article WHERE slug = ? OR slug LIKE ? ESCAPE '\\'",
                arguments: [base, base.replacingOccurrences(of: "_", with: "\\_") + "-%"]))
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    private static func dropUnusedSummaries(_ db: Database, hash: String) throws {
        try db.execute(
            sql:
                "DELETE FROM summary WHERE contentHash = ? AND NOT EXISTS (SELECT 1 FROM article WHERE contentHash = ?)",
            arguments: [hash, hash])
    }

    // MARK: - Access, with database errors turned into messages fit for users

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.read(body) } catch let error as SiteError { throw error } catch {
            throw SiteError(.storeUnavailable, "the article store could not be read")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.write(body) } catch let error as SiteError { throw error } catch {
            throw SiteError(.storeUnavailable, "the article store could not be written")
        }
    }
}
