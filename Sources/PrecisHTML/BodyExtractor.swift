import CGumbo

/// Finds the article's body in a page and returns it as blocks in reading order.
///
/// The method is that of Readability (Arc90, 2009, as kept in Mozilla's readability.js), rebuilt for a
/// flat tree: scripts, navigation, hidden elements and elements whose class or id names a page part
/// (comments, share bars, related links, newsletters, cookie notices, ads) are set aside; every block of
/// text scores by its length and commas, and gives its score to its parent, half to its grandparent and
/// less further up; an element's score, plus a prior from its tag, semantics (`<article>`, `<main>`,
/// `itemprop=articleBody`) and class hints, is scaled by one minus its link density (the share of its
/// text inside links, Kohlschütter et al., "Boilerplate Detection using Shallow Text Features", WSDM
/// 2010). The best element and those of its siblings that score near it hold the article; within them,
/// link lists and widget lines ("Read more", "Previous Article") are dropped. Long, link-free paragraphs
/// elsewhere on the page (not set aside) are kept too: pages often split an article over containers
/// that no single element holds.
///
/// - Complexity: O(n) in the number of nodes, plus O(b · h) for b blocks and scoring height h ≤ 5.
struct BodyExtractor {
    let tree: HTMLTree
    /// Whether class and id hints may set elements aside. A first pass uses them; when it finds less
    /// than ``retryBelow`` characters, a second pass does without (Readability's retry).
    var usesHints = true

    static let retryBelow = 500
    /// Blocks outside the chosen elements with at least this many characters, and few of them in
    /// links, are kept as article text.
    static let strayProseLength = 80

    private var nodes: [HTMLTree.Node] { tree.nodes }

    struct TextBlock {
        var element: Int
        var kind: Article.Block.Kind
        var text: String
        var linkCharacters: Int
    }

    func blocks() -> [Article.Block] {
        let first = extract()
        guard usesHints, first.characterCount < Self.retryBelow else { return first }
        let second = BodyExtractor(tree: tree, usesHints: false).extract()
        return second.characterCount > first.characterCount ? second : first
    }

    private func extract() -> [Article.Block] {
        let n = nodes.count
        guard n > 0 else { return [] }
        let excluded = exclusions()

        // Forward pass: the nearest block ancestor and the context of each node.
        var blockOf = [Int](repeating: 0, count: n)
        var inLink = [Bool](repeating: false, count: n)
        var inQuote = [Bool](repeating: false, count: n)
        var inCaption = [Bool](repeating: false, count: n)
        var inPre = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let node = nodes[i]
            let parent = node.parent
            let isBlock = !node.isText && Self.blockTags.contains(node.tag)
            blockOf[i] = isBlock || parent < 0 ? i : blockOf[parent]
            let inherited = parent >= 0
            inLink[i] = (inherited && inLink[parent]) || (!node.isText && node.tag == GUMBO_TAG_A)
            inQuote[i] = (inherited && inQuote[parent]) || (!node.isText && node.tag == GUMBO_TAG_BLOCKQUOTE)
            inCaption[i] =
                (inherited && inCaption[parent])
                || (!node.isText && (node.tag == GUMBO_TAG_FIGCAPTION || node.tag == GUMBO_TAG_CAPTION))
            inPre[i] = (inherited && inPre[parent]) || (!node.isText && node.tag == GUMBO_TAG_PRE)
        }

        // Blocks: runs of text under one block element, broken by any block element or <br>.
        var blocks: [TextBlock] = []
        var current: TextBlock?
        func flush() {
            if var block = current {
                block.text = block.text.collapsingWhitespace
                if !block.text.isEmpty { blocks.append(block) }
            }
            current = nil
        }
        var i = 0
        while i < n {
            if excluded[i] {
                i = nodes[i].end
                continue
            }
            let node = nodes[i]
            if !node.isText {
                if Self.blockTags.contains(node.tag) || node.tag == GUMBO_TAG_BR { flush() }
                i += 1
                continue
            }
            let element = blockOf[i]
            if let open = current, open.element != element { flush() }
            if current == nil {
                current = TextBlock(
                    element: element, kind: kind(of: element, i, inQuote, inCaption, inPre), text: "",
                    linkCharacters: 0)
            }
            current?.text += node.text
            if inLink[i] { current?.linkCharacters += node.text.unicodeScalars.count }
            i += 1
        }
        flush()
        guard !blocks.isEmpty else { return [] }

        // Subtree text and link text, for link densities.
        var textLength = [Int](repeating: 0, count: n)
        var linkLength = [Int](repeating: 0, count: n)
        for block in blocks {
            textLength[block.element] += block.text.unicodeScalars.count
            linkLength[block.element] += block.linkCharacters
        }
        for j in stride(from: n - 1, through: 1, by: -1) {
            let parent = nodes[j].parent
            guard parent >= 0 else { continue }
            textLength[parent] += textLength[j]
            linkLength[parent] += linkLength[j]
        }
        func linkDensity(_ j: Int) -> Double {
            textLength[j] > 0 ? Double(linkLength[j]) / Double(textLength[j]) : 1
        }

        // Scores, given by each block to its ancestors.
        var score = [Double](repeating: 0, count: n)
        var isCandidate = [Bool](repeating: false, count: n)
        for block in blocks {
            let length = block.text.unicodeScalars.count
            let density = Double(block.linkCharacters) / Double(max(length, 1))
            guard length >= 25, density < 0.5 else { continue }
            var commas = 0
            for scalar in block.text.unicodeScalars where scalar == "," || scalar == "\u{060C}" || scalar == "\u{3001}"
            {
                commas += 1
            }
            let value = 1 + Double(commas) + min(Double(length) / 100, 3)
            var ancestor = block.element
            var level = 0
            // The block element itself when it is a container (text straight in a <div>), then up to five
            // ancestors.
            if Self.containerTags.contains(nodes[ancestor].tag) {
                score[ancestor] += value
                isCandidate[ancestor] = true
            }
            ancestor = nodes[ancestor].parent
            while ancestor >= 0 && level < 5 {
                let divider = level == 0 ? 1 : level == 1 ? 2 : Double(level * 3)
                score[ancestor] += value / divider
                isCandidate[ancestor] = true
                ancestor = nodes[ancestor].parent
                level += 1
            }
        }
        var best = -1
        var bestScore = -Double.infinity
        var finalScore = [Double](repeating: 0, count: n)
        for j in 0..<n where isCandidate[j] {
            // A prior at most doubles what the element's text earned, so a promising class name on a
            // teaser does not outweigh the article.
            // On a short element (a teaser, a caption box) a prior can at most double what its text
            // earned, so a promising class name does not outweigh the article.
            let prior = prior(j)
            let value = (score[j] + (textLength[j] < 200 ? min(prior, score[j]) : prior)) * (1 - linkDensity(j))
            finalScore[j] = value
            if value > bestScore {
                bestScore = value
                best = j
            }
        }
        guard best >= 0 else {
            return blocks.filter { keeps($0) }.map { Article.Block($0.kind, $0.text) }
        }
        // A top element that is a lone child holds no more than its parent: take the parent.
        while nodes[best].parent >= 0, tree.children(of: nodes[best].parent).filter({ textLength[$0] > 0 }).count == 1,
            nodes[nodes[best].parent].tag != GUMBO_TAG_BODY
        {
            best = nodes[best].parent
        }

        // The top element and the siblings that look like part of the same article.
        var roots = [best]
        let parent = nodes[best].parent
        if parent >= 0 {
            let threshold = max(10, bestScore * 0.2)
            for sibling in tree.children(of: parent) where sibling != best && !excluded[sibling] {
                if isCandidate[sibling] && finalScore[sibling] >= threshold {
                    roots.append(sibling)
                } else if !nodes[sibling].isText && nodes[sibling].tag == GUMBO_TAG_P {
                    let length = textLength[sibling]
                    if length > 80 && linkDensity(sibling) < 0.25 { roots.append(sibling) }
                }
            }
        }
        roots.sort()
        var kept = [Bool](repeating: false, count: blocks.count)
        var r = 0
        for (b, block) in blocks.enumerated() {
            while r < roots.count && block.element >= nodes[roots[r]].end { r += 1 }
            // Blocks of the chosen elements only; text straight inside their parent is not theirs.
            guard r < roots.count, block.element >= roots[r] else { continue }
            kept[b] = keeps(block)
        }
        // Paragraphs of prose that the chosen elements miss (a recipe's steps beside its story, an
        // article split over sibling containers) are taken wherever they stand, unless set aside.
        for (b, block) in blocks.enumerated() where !kept[b] {
            let length = block.text.unicodeScalars.count
            let density = Double(block.linkCharacters) / Double(max(length, 1))
            if length >= Self.strayProseLength && density < 0.1 && keeps(block) { kept[b] = true }
        }
        var result = blocks.indices.filter { kept[$0] }.map { Article.Block(blocks[$0].kind, blocks[$0].text) }
        // A heading that no text follows heads nothing of the article ("Related posts", "Comments").
        var k = result.count - 1
        var textFollows = false
        while k >= 0 {
            if result[k].kind == .heading {
                if !textFollows { result.remove(at: k) }
                textFollows = false
            } else {
                textFollows = true
            }
            k -= 1
        }
        return result
    }

    /// Whether a block inside the article is text rather than a link list or a widget.
    private func keeps(_ block: TextBlock) -> Bool {
        let length = block.text.unicodeScalars.count
        let density = Double(block.linkCharacters) / Double(max(length, 1))
        if density > 0.5 && block.kind != .heading { return false }
        if length < 60 && Self.isWidget(block.text) { return false }
        return true
    }

    private func kind(of element: Int, _ text: Int, _ inQuote: [Bool], _ inCaption: [Bool], _ inPre: [Bool])
        -> Article.Block.Kind
    {
        if inPre[text] { return .preformatted }
        if inCaption[text] { return .caption }
        if inQuote[text] { return .quote }
        switch nodes[element].tag {
        case GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6: return .heading
        case GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT: return .listItem
        default: return .paragraph
        }
    }

    /// The score an element starts with: its tag, its semantics and the hints in its class and id.
    private func prior(_ j: Int) -> Double {
        let node = nodes[j]
        var value = 0.0
        switch node.tag {
        case GUMBO_TAG_ARTICLE: value += 10
        case GUMBO_TAG_MAIN: value += 5
        case GUMBO_TAG_DIV, GUMBO_TAG_SECTION: value += 5
        case GUMBO_TAG_PRE, GUMBO_TAG_TD, GUMBO_TAG_BLOCKQUOTE: value += 3
        case GUMBO_TAG_ADDRESS, GUMBO_TAG_OL, GUMBO_TAG_UL, GUMBO_TAG_DL, GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI,
            GUMBO_TAG_FORM:
            value -= 3
        case GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_TH,
            GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER, GUMBO_TAG_ASIDE:
            value -= 5
        default: break
        }
        if let itemprop = node.attribute("itemprop")?.lowercased(), itemprop.contains("articlebody") { value += 30 }
        if node.hints.contains(.positive) { value += 25 }
        if node.hints.contains(.negative) { value -= 25 }
        return value
    }

    /// Which elements are set aside with everything in them.
    func exclusions() -> [Bool] {
        let n = nodes.count
        var excluded = [Bool](repeating: false, count: n)
        // Characters of paragraph text in each subtree: an element holding most of it is not set aside
        // for its name alone ("container hasSkyscraper").
        var paragraphText = [Int](repeating: 0, count: n)
        for i in 0..<n where nodes[i].isText {
            var ancestor = nodes[i].parent
            var inParagraph = false
            var steps = 0
            while ancestor >= 0 && steps < 3 {
                if nodes[ancestor].tag == GUMBO_TAG_P {
                    inParagraph = true
                    break
                }
                ancestor = nodes[ancestor].parent
                steps += 1
            }
            if inParagraph { paragraphText[i] = nodes[i].text.utf8.count }
        }
        for j in stride(from: n - 1, through: 1, by: -1) where nodes[j].parent >= 0 {
            paragraphText[nodes[j].parent] += paragraphText[j]
        }
        let pageParagraphText = paragraphText[0]
        for i in 0..<n {
            let node = nodes[i]
            if node.parent >= 0 && excluded[node.parent] {
                excluded[i] = true
                continue
            }
            guard !node.isText else { continue }
            if Self.removedTags.contains(node.tag) || Self.isHidden(node) {
                excluded[i] = true
                continue
            }
            switch node.tag {
            case GUMBO_TAG_HTML, GUMBO_TAG_BODY, GUMBO_TAG_MAIN, GUMBO_TAG_ARTICLE:
                continue
            default: break
            }
            guard usesHints else { continue }
            if node.attribute("itemprop")?.lowercased().contains("articlebody") == true { continue }
            if pageParagraphText > 200 && paragraphText[i] * 2 > pageParagraphText { continue }
            if node.hints == .negative || node.hints == [.negative, .byline] || node.hints.contains(.aside) {
                excluded[i] = true
            }
        }
        return excluded
    }

    private static func isHidden(_ node: HTMLTree.Node) -> Bool {
        if node.attribute("hidden") != nil { return true }
        if node.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let style = node.attribute("style")?.lowercased().filter({ $0 != " " }),
            style.contains("display:none") || style.contains("visibility:hidden")
        {
            return true
        }
        return false
    }

    /// Whether a short block is a page widget rather than article text.
    static func isWidget(_ text: String) -> Bool {
        let key = text.lowercased().filter { $0.isLetter || $0 == " " }.collapsingWhitespace
        guard !key.isEmpty else { return true }
        for phrase in widgetPhrases where key == phrase || (key.hasPrefix(phrase) && key.count < phrase.count + 30) {
            return true
        }
        return false
    }

    static let widgetPhrases: [String] = [
        "read more", "read also", "see also", "related", "related articles", "more stories", "recommended",
        "previous article", "next article", "previous", "next", "no time to read", "get a summary", "share",
        "share this", "share this article", "tweet", "email", "print", "comments", "leave a comment",
        "advertisement", "sponsored", "subscribe", "sign up", "newsletter", "follow us", "back to top",
        "skip to content", "cookie", "we use cookies", "accept", "loading", "click here", "continue reading",
        "читать также", "читайте также", "читать далее", "предыдущая статья", "следующая статья", "поделиться",
        "реклама", "подписаться", "нет времени читать", "weiterlesen", "mehr zum thema", "teilen", "anzeige",
        "lesen sie auch", "zurück", "weiter",
    ]

    /// Elements dropped with their content.
    static let removedTags: Set<GumboTag> = [
        GUMBO_TAG_HEAD, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_SVG,
        GUMBO_TAG_MATH, GUMBO_TAG_IFRAME, GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_CANVAS, GUMBO_TAG_BUTTON,
        GUMBO_TAG_SELECT, GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_NAV, GUMBO_TAG_VIDEO, GUMBO_TAG_AUDIO,
        GUMBO_TAG_MAP, GUMBO_TAG_LABEL, GUMBO_TAG_ASIDE, GUMBO_TAG_FOOTER, GUMBO_TAG_MENU,
    ]

    /// Elements that start a new block of text.
    static let blockTags: Set<GumboTag> = [
        GUMBO_TAG_P, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_LI,
        GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_CAPTION,
        GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_DIV, GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN,
        GUMBO_TAG_BODY, GUMBO_TAG_HTML, GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER, GUMBO_TAG_ASIDE, GUMBO_TAG_FIGURE,
        GUMBO_TAG_TABLE, GUMBO_TAG_TR, GUMBO_TAG_UL, GUMBO_TAG_OL, GUMBO_TAG_DL, GUMBO_TAG_ADDRESS,
        GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS, GUMBO_TAG_SUMMARY, GUMBO_TAG_FORM, GUMBO_TAG_FIELDSET, GUMBO_TAG_HR,
        GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT,
    ]

    /// Blocks whose own text makes them candidates for the article.
    static let containerTags: Set<GumboTag> = [
        GUMBO_TAG_DIV, GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN, GUMBO_TAG_TD, GUMBO_TAG_BLOCKQUOTE,
    ]
}

/// The page part that an element's class and id name, read as words (`article-body`, `shareBar`):
/// computed once per element from the attribute bytes.
struct Hints: OptionSet, Sendable {
    let rawValue: UInt8

    static let positive = Hints(rawValue: 1)
    static let negative = Hints(rawValue: 2)
    static let byline = Hints(rawValue: 4)
    /// A part that is never the article, whatever else the names say: an author's box or biography, a
    /// disclaimer (`author-bio text-lg`, `author-box--content`).
    static let aside = Hints(rawValue: 8)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(classAndID value: String) {
        var flags: Hints = []
        let words = Self.words(value)
        for word in words {
            if Self.negativeWords.contains(word) || Self.negativeParts.contains(where: { Self.contains(word, $0) }) {
                flags.insert(.negative)
            }
            if Self.positiveWords.contains(word) || Self.positiveParts.contains(where: { Self.contains(word, $0) }) {
                flags.insert(.positive)
            }
            if word == Array("byline".utf8) || word == Array("author".utf8) { flags.insert(.byline) }
            if Self.asideWords.contains(word) { flags.insert([.aside, .negative]) }
        }
        if flags.contains(.byline) && words.contains(where: { Self.authorPartWords.contains($0) }) {
            flags.insert([.aside, .negative])
        }
        self = flags
    }

    /// Lowercase ASCII words, split at other bytes and at lower-to-upper case changes.
    static func words(_ value: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        var previousLower = false
        for byte in value.utf8 {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isUpper || isLower || isDigit {
                if isUpper && previousLower && !word.isEmpty {
                    words.append(word)
                    word.removeAll(keepingCapacity: true)
                }
                word.append(isUpper ? byte | 0x20 : byte)
                previousLower = isLower
            } else {
                if !word.isEmpty { words.append(word) }
                word.removeAll(keepingCapacity: true)
                previousLower = false
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    private static func contains(_ word: [UInt8], _ part: [UInt8]) -> Bool {
        ByteSearch.firstIndex(of: part, in: word[...]) != nil
    }

    private static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    static let negativeWords: Set<[UInt8]> = Set(
        bytes([
            "ad", "ads", "nav", "menu", "footer", "widget", "modal", "tags", "tag", "sidebar", "share", "sharing",
            "social", "related", "promo", "banner", "masthead", "pagination", "pager", "breadcrumb", "breadcrumbs",
            "popup", "combx", "disqus", "rss", "shoutbox", "skyscraper", "sponsor", "sponsored", "teaser", "toolbar",
            "print", "login", "signup", "hidden", "meta", "byline", "author", "dateline", "header", "comments",
            "comment", "cookie", "cookies", "consent", "newsletter", "subscribe", "subscription", "outbrain",
            "taboola", "recommended", "recommendations", "recirculation", "more", "navigation", "topbar", "flyout",
            "overlay", "paywall", "gdpr", "infobox",
        ]))
    static let negativeParts = bytes([
        "comment", "share", "social", "related", "promo", "newsletter", "subscri", "cookie", "sidebar", "breadcrumb",
        "advert", "sponsor", "outbrain", "taboola", "recommend", "footer", "navbar", "popup", "banner",
    ])
    static let asideWords: Set<[UInt8]> = Set(
        bytes(["bio", "bios", "biography", "authorbio", "authorbox", "authorinfo", "disclaimer", "disclosure"]))
    /// Words that make an author's name into an author's box: `author-card`, `about-author`.
    static let authorPartWords: Set<[UInt8]> = Set(
        bytes(["box", "bio", "card", "info", "about", "profile", "details", "description", "teaser"]))
    static let positiveWords: Set<[UInt8]> = Set(
        bytes([
            "article", "content", "story", "entry", "text", "body", "main", "post", "blog", "news", "prose", "page",
        ]))
    static let positiveParts = bytes(["article", "content", "story", "entry", "storytext", "articlebody", "postbody"])
}
