import Foundation

/// Where articles live. Implementations: SQLite (embedded, the default) in `PrecisSQLite`; the server
/// and the importer see only this protocol.
///
/// Saving is idempotent: a draft with the URL of a stored article (or, without a URL, its title)
/// updates that article rather than adding another, and saving the same content again changes
/// nothing. Readers never see a half-written article.
public protocol ArticleStore: Sendable {
    /// Stores a draft, as a new article or over the one it matches.
    func save(_ draft: ArticleDraft) async throws -> SaveOutcome
    func article(slug: String) async throws -> StoredArticle?
    /// Articles newest first (by ``StoredArticle/date``, then id), `limit` at a time.
    func articles(after cursor: String?, limit: Int) async throws -> ArticlePage
    /// The articles just before and just after one, in date order: previous is older, next is newer.
    func neighbours(of article: StoredArticle) async throws -> (previous: ArticleLink?, next: ArticleLink?)
    func count() async throws -> Int
    /// A cached summary (as the JSON the API serves), if one was stored for this key.
    func cachedSummary(_ key: SummaryKey) async throws -> Data?
    func cacheSummary(_ json: Data, for key: SummaryKey) async throws
}

/// Positions in the newest-first order, as opaque strings for URLs.
public enum ArticleCursor {
    /// A cursor that resumes after the article with this date and id.
    public static func make(date: Date, id: Int64) -> String {
        "\(Int64((date.timeIntervalSince1970 * 1000).rounded()))-\(id)"
    }

    /// The date (in milliseconds since 1970) and id of a cursor.
    public static func parse(_ cursor: String) throws -> (milliseconds: Int64, id: Int64) {
        let parts = cursor.split(separator: "-", omittingEmptySubsequences: false)
        // A date before 1970 is negative, so the id is always the last part.
        guard parts.count >= 2, let id = Int64(parts[parts.count - 1]),
            let milliseconds = Int64(parts.dropLast().joined(separator: "-"))
        else { throw SiteError(.invalidInput, "the cursor '\(cursor)' is not one this site gave out") }
        return (milliseconds, id)
    }
}
