import Foundation
import PrecisCore
import PrecisHTML
import PrecisSite

/// An article as the JSON API shows it.
struct ArticleJSON: Encodable {
    var slug: String
    var title: String
    var url: String?
    var byline: String?
    /// ISO 8601, UTC.
    var published: String?
    var language: String?
    var site: String?
    var description: String?
    var words: Int
    var readingTimeSeconds: Int
    /// The body, in the article page only.
    var blocks: [Article.Block]?

    enum CodingKeys: String, CodingKey {
        case slug, title, url, byline, published, language, site, description, words, blocks
        case readingTimeSeconds = "reading_time_seconds"
    }

    init(_ article: StoredArticle, withBody: Bool) {
        let draft = article.draft
        slug = article.slug
        title = draft.title
        url = draft.url
        byline = draft.byline
        published = draft.published.map(ArticleJSON.iso8601)
        language = draft.language
        site = draft.site
        description = draft.description
        words = ArticleJSON.wordCount(draft.blocks)
        readingTimeSeconds = (words * 60 + Summarizer.wordsPerMinute - 1) / Summarizer.wordsPerMinute
        blocks = withBody ? draft.blocks : nil
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Words as runs of letters and digits, counted the way reading times count them.
    static func wordCount(_ blocks: [Article.Block]) -> Int {
        var count = 0
        for block in blocks {
            var inWord = false
            for scalar in block.text.unicodeScalars {
                let wordy = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                if wordy && !inWord { count += 1 }
                inWord = wordy
            }
        }
        return count
    }
}

struct ArticleListJSON: Encodable {
    var articles: [ArticleJSON]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case articles
        case nextCursor = "next_cursor"
    }
}

/// The body of `POST /api/v1/summaries`: text or a page, and how to summarise it.
struct SummaryRequest: Decodable {
    var text: String?
    var html: String?
    var title: String?
    var method: String?
    var sentences: Int?
    var words: Int?
    var ratio: Double?
}

/// The body of `POST /api/v1/articles`: as a line of `precis import`'s JSONL.
typealias ArticleRequest = DraftReader.Line

/// `{"error": {"code", "message"}}`, the body of every error.
struct ErrorJSON: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
    }
    var error: Detail
}
