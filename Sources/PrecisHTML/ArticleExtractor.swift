import CGumbo

/// Turns a saved news page into an ``Article``: decodes its bytes (``PageDecoder``), parses them with
/// an HTML5 parser (``HTMLTree``), reads the metadata (``MetadataReader``) and finds the body
/// (``BodyExtractor``).
public struct ArticleExtractor: Sendable {
    /// The largest page accepted, in bytes.
    public var maximumPageBytes: Int

    public init(maximumPageBytes: Int = 16 << 20) {
        self.maximumPageBytes = maximumPageBytes
    }

    /// Extracts the article from a page's bytes.
    /// - Parameters:
    ///   - url: where the page came from, used when it names no canonical URL.
    ///   - contentType: the HTTP `Content-Type` header, whose charset wins over the page's own.
    /// - Throws: ``HTMLError`` when the page is too large, is not HTML, or holds no article text.
    public func extract(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws -> Article {
        try checkSize(bytes.count)
        guard !Self.looksBinary(bytes) else { throw HTMLError(.notHTML, "the input is binary data, not an HTML page") }
        let (text, _) = PageDecoder.decode(bytes, header: contentType)
        return try extract(html: text, url: url)
    }

    /// Extracts the article from a page already decoded to text.
    public func extract(html: String, url: String? = nil) throws -> Article {
        try checkSize(html.utf8.count)
        let tree = HTMLTree(parsing: html)
        var article = Article()
        let articleBody = MetadataReader(tree: tree).read(into: &article, pageURL: url)
        var blocks = Boilerplate.trimmed(BodyExtractor(tree: tree).blocks())
        // The headline repeated in the body, with the short lines above it (a section name, a kicker).
        if let title = article.title?.lowercased(),
            let headline = blocks.prefix(4).firstIndex(where: { $0.kind == .heading && $0.text.lowercased() == title }),
            blocks[..<headline].allSatisfy({ $0.text.count < 40 })
        {
            blocks.removeFirst(headline + 1)
        }
        // A template stands in only for a body that is all but empty: pages keep widgets in templates too.
        let structuredBody =
            articleBody ?? (blocks.characterCount < 200 ? Self.templateBody(in: tree) : nil)
        if let structuredBody, var fallback = Self.blocks(of: structuredBody, inPlaceOf: blocks) {
            // The standfirst that the page shows above the article is rarely part of its articleBody.
            if let description = article.description, description.count >= 40,
                !structuredBody.contains(description)
            {
                fallback.insert(Article.Block(.paragraph, description), at: 0)
            }
            blocks = fallback
        }
        article.blocks = blocks
        guard blocks.contains(where: { $0.kind != .heading && $0.text.count >= 2 }) else {
            throw HTMLError(.noArticle, "no article found: the page has no block of text that reads as one")
        }
        return article
    }

    /// The longest `<script type="text/template">` that holds paragraphs: Blogger pages ship their posts
    /// that way and render them with JavaScript.
    static func templateBody(in tree: HTMLTree) -> String? {
        tree.nodes.indices.lazy.filter { i in
            let node = tree.nodes[i]
            return !node.isText && node.tag == GUMBO_TAG_SCRIPT
                && node.attribute("type")?.lowercased() == "text/template"
        }.map { tree.text(of: $0) }.filter { $0.contains("<p") || $0.contains("<br") }.max { $0.count < $1.count }
    }

    /// The paragraphs of a JSON-LD `articleBody` or a template (``templateBody(in:)``), when the page's
    /// markup holds much less text than it: the page renders its article with JavaScript, and the markup
    /// has only a teaser or nothing. A body in HTML is parsed as a page of its own.
    static func blocks(of structuredBody: String, inPlaceOf blocks: [Article.Block]) -> [Article.Block]? {
        let length = structuredBody.count
        guard length >= 500, blocks.characterCount * 3 < length else { return nil }
        let fallback: [Article.Block]
        if structuredBody.contains("<p") || structuredBody.contains("<br") {
            fallback = Boilerplate.trimmed(BodyExtractor(tree: HTMLTree(parsing: structuredBody)).blocks())
        } else {
            fallback = structuredBody.split(whereSeparator: \.isNewline).map { String($0).collapsingWhitespace }
                .filter { !$0.isEmpty }.map { Article.Block(.paragraph, $0) }
        }
        return fallback.isEmpty ? nil : fallback
    }

    private func checkSize(_ size: Int) throws {
        guard size <= maximumPageBytes else {
            throw HTMLError(.pageTooLarge, "the page is \(size) bytes; the limit is \(maximumPageBytes) bytes")
        }
    }

    /// Whether bytes look like binary data: many control bytes other than whitespace near the start,
    /// with no UTF-16 byte-order mark to explain them.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
        let sample = bytes.prefix(8192)
        guard !sample.isEmpty else { return false }
        var controls = 0
        for byte in sample where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
            controls += 1
        }
        return controls * 10 > sample.count
    }
}
