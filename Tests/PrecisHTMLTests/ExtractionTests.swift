import Foundation
import Testing

@testable import PrecisHTML

/// Pages written for these tests.
enum Pages {
    /// A news page shaped like ../shared/seed/article-page.txt, with its widgets as markup.
    static let news = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Harbour ferry strike ends after three days | The Daily Courier</title>
        <meta property="og:site_name" content="The Daily Courier">
        <meta property="og:image" content="https://courier.example/ferry.jpg">
        <link rel="canonical" href="https://courier.example/news/ferry-strike-ends">
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Courier"},
         {"@type": "NewsArticle", "headline": "Harbour ferry strike ends after three days",
          "author": [{"@type": "Person", "name": "Jane Smith"}], "datePublished": "2026-03-04T08:30:00Z",
          "description": "Crews accept a 6 percent pay offer."}]}
        </script>
        <style>p { color: #333 }</style>
        </head><body>
        <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
        <div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
        <main><article>
        <h1>Harbour ferry strike ends after three days</h1>
        <p class="byline">By Jane Smith</p>
        <p><a href="#summary">No time to read? Get a summary</a></p>
        <p>Ferry crews in the harbour returned to work on Tuesday after union leaders accepted a pay offer of
        6 percent, ending a three-day strike that stranded thousands of commuters.</p>
        <p>The agreement, reached after twelve hours of talks, also includes a review of rostering rules,
        which crews said left them working split shifts of up to fourteen hours.</p>
        <h2>Back on the water</h2>
        <blockquote><p>We are glad to be back, and we hope the review brings real change.</p></blockquote>
        <figure><img src="crew.jpg" alt=""><figcaption>Crews at the ferry terminal on Tuesday.</figcaption></figure>
        <p>The operator said full timetables would resume on Wednesday morning, and that season-ticket holders
        would receive a refund for the days lost.</p>
        <ul><li>Services resume on Wednesday at 6 a.m.</li><li>Refunds are paid automatically.</li></ul>
        <p>Commuters had crowded onto buses and trains during the stoppage, and road traffic into the city
        centre rose by a fifth, according to the transport authority.</p>
        <div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
        </article></main>
        <aside class="related"><h3>Related</h3><ul><li><a href="/a">Bus drivers to vote on new contract</a></li>
        <li><a href="/b">Council approves new ferry wharf</a></li></ul></aside>
        <p class="pager"><a href="/prev">Previous Article</a> <a href="/next">Next Article</a></p>
        <div id="comments"><h3>3 comments</h3><p>First! This strike was a disgrace and the union should pay.</p></div>
        <div class="newsletter">Subscribe to our newsletter for the morning briefing every day.</div>
        <footer>© 2026 The Daily Courier. All rights reserved.</footer>
        <script>window.analytics = {track: function() {}};</script>
        </body></html>
        """

    static func extract(_ html: String) throws -> Article { try ArticleExtractor().extract(Array(html.utf8)) }
}

struct ExtractionTests {
    @Test func theArticleBodyComesWithoutTheWidgets() throws {
        let article = try Pages.extract(Pages.news)
        let body = article.bodyText
        #expect(body.hasPrefix("Ferry crews in the harbour returned to work on Tuesday"))
        #expect(body.contains("road traffic into the city centre rose by a fifth"))
        for widget in [
            "Home", "cookies", "No time to read", "Get a summary", "Previous Article", "Next Article", "Related",
            "Bus drivers", "Share", "First!", "newsletter", "All rights reserved", "analytics", "color: #333",
            "By Jane Smith",
        ] {
            #expect(!body.contains(widget), "\(widget) leaked into the body")
        }
    }

    @Test func blocksKeepTheirKindsAndOrder() throws {
        let blocks = try Pages.extract(Pages.news).blocks
        let kinds = blocks.map(\.kind)
        #expect(
            kinds == [
                .paragraph, .paragraph, .heading, .quote, .caption, .paragraph, .listItem, .listItem, .paragraph,
            ])
        #expect(blocks[2].text == "Back on the water")
        #expect(blocks[4].text == "Crews at the ferry terminal on Tuesday.")
        // Line breaks in the markup are spaces in the text.
        #expect(blocks[0].text.contains("offer of 6 percent"))
    }

    @Test func metadataComesFromJSONLDFirst() throws {
        let article = try Pages.extract(Pages.news)
        #expect(article.title == "Harbour ferry strike ends after three days")
        #expect(article.byline == "Jane Smith")
        #expect(article.published == "2026-03-04T08:30:00Z")
        #expect(article.site == "The Daily Courier")
        #expect(article.language == "en")
        #expect(article.description == "Crews accept a 6 percent pay offer.")
        #expect(article.image == "https://courier.example/ferry.jpg")
        #expect(article.url == "https://courier.example/news/ferry-strike-ends")
    }

    @Test func metadataFallsBackToMetaTagsAndTheTitleElement() throws {
        let page = """
            <html lang="de-AT"><head><title>Neue Brücke eröffnet – Stadtblatt</title>
            <meta property="og:site_name" content="Stadtblatt">
            <meta name="author" content="Von Karl Huber"><meta name="date" content="2025-11-02 14:05">
            </head><body><div class="article-body">
            <p>Die neue Brücke über den Fluss wurde am Sonntag nach zwei Jahren Bauzeit für den Verkehr freigegeben.</p>
            <p>Sie verbindet die beiden Stadtteile und soll die Innenstadt vom Durchgangsverkehr entlasten.</p>
            </div></body></html>
            """
        let article = try Pages.extract(page)
        #expect(article.title == "Neue Brücke eröffnet")
        #expect(article.byline == "Karl Huber")
        #expect(article.published == "2025-11-02T14:05")
        #expect(article.language == "de-AT")
        #expect(article.url == nil)
        #expect(
            try ArticleExtractor().extract(Array(page.utf8), url: "https://x.example/b").url == "https://x.example/b")
        #expect(article.blocks.count == 2)
    }

    @Test func anArticleSplitOverContainersIsKeptWhole() throws {
        let page = """
            <html><body><div class="story">
            <p>The city's new tram line opened on Saturday, seven years after work began and two years late.</p>
            <p>Thousands of people queued at the first stop, and the mayor rode the first tram along the river.</p>
            </div>
            <div class="promo-box"><a href="/subscribe">Subscribe for 1 euro a month</a></div>
            <div class="recipe"><ul><li><a href="/a">Tram timetable</a></li></ul>
            <p>The line carries up to 60,000 passengers a day and links the station with the university campus.</p>
            </div></body></html>
            """
        let body = try Pages.extract(page).bodyText
        #expect(body.contains("The city's new tram line opened"))
        #expect(body.contains("links the station with the university campus"))
        #expect(!body.contains("Subscribe") && !body.contains("timetable"))
    }

    @Test func headingsThatHeadNothingAreDropped() throws {
        let page = """
            <html><body><article><h2>The vote</h2>
            <p>The council approved the budget on Monday by a narrow margin, after a debate of six hours.</p>
            <h3>Related posts</h3><h3>Leave a reply</h3></article></body></html>
            """
        let blocks = try Pages.extract(page).blocks
        #expect(blocks.map(\.kind) == [.heading, .paragraph])
        #expect(blocks[0].text == "The vote")
    }

    @Test func oldStylePagesWithBreaksAndNoParagraphs() throws {
        let page = """
            <html><body><table><tr><td><a href="/">Start</a> | <a href="/archiv">Archiv</a></td></tr>
            <tr><td class="text">Der Gemeinderat hat am Montag den Haushalt für das kommende Jahr beschlossen, nach
            einer langen Debatte über die Kosten der Schulen.<br><br>Die Opposition stimmte dagegen, weil sie die
            Schulden für zu hoch hält, und kündigte einen eigenen Vorschlag an.</td></tr></table></body></html>
            """
        let article = try Pages.extract(page)
        #expect(article.blocks.count == 2)
        #expect(article.blocks[1].text.hasPrefix("Die Opposition stimmte dagegen"))
        #expect(!article.bodyText.contains("Archiv"))
    }
}

struct CharsetTests {
    @Test func windows1251PagesAreDecodedFromTheirMetaTag() throws {
        let text = "Правительство утвердило новый бюджет, который вступит в силу с первого января следующего года."
        var bytes = Array(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">".utf8)
        bytes += Array("<title>Бюджет</title></head><body><p>".utf8)
        bytes += text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar.value {
            case 0x0410...0x044F: UInt8(scalar.value - 0x0410 + 0xC0)
            case 0x0451: 0xB8
            default: UInt8(scalar.value)
            }
        }
        bytes += Array("</p></body></html>".utf8)
        let (decoded, charset) = PageDecoder.decode(bytes)
        #expect(charset == .windows1251)
        #expect(decoded.contains(text))
        // Without the declaration, detection finds it too.
        let undeclared = Array(bytes[bytes.firstIndex(of: 0x3E)! + 1..<bytes.count])
        #expect(PageDecoder.detect(undeclared) == .windows1251)
        #expect(try ArticleExtractor().extract(bytes).bodyText == text)
    }

    @Test func windows1252AndLatin1Pages() {
        let bytes: [UInt8] =
            Array("<meta charset=\"ISO-8859-1\"><p>Gr".utf8) + [0xFC, 0xDF, 0x65, 0x20, 0x93] + Array("x".utf8)
            + [0x94]
        let (decoded, charset) = PageDecoder.decode(bytes)
        #expect(charset == .windows1252)
        #expect(decoded.hasSuffix("Grüße “x”"))
        #expect(PageDecoder.detect([0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x61, 0x6C, 0x6C, 0x65]) == .windows1252)
    }

    @Test func theHeaderWinsThenTheByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<meta charset=windows-1251><p>é</p>".utf8)
        #expect(PageDecoder.decode(bytes).charset == .utf8)
        #expect(PageDecoder.decode(bytes, header: "text/html; charset=\"koi8-r\"").charset == .koi8R)
        #expect(PageDecoder.decode(Array("<!-- <meta charset=koi8-r> --><p>x</p>".utf8)).charset == .utf8)
        #expect(Charset(label: " Latin1 ") == .windows1252)
        #expect(Charset(label: "ebcdic") == nil)
    }

    @Test func centralEuropeanAndChinesePagesAreDecodedThroughIconv() {
        // "Zażółć gęślą jaźń" in windows-1250, and "中文新闻" in GBK.
        let polish: [UInt8] = [
            0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6, 0x20, 0x67, 0xEA, 0x9C, 0x6C, 0xB9, 0x20, 0x6A, 0x61, 0x9F, 0xF1,
        ]
        let page = Array("<meta charset=windows-1250><p>".utf8) + polish
        #expect(PageDecoder.decode(page).charset == .windows1250)
        #expect(PageDecoder.decode(page).text.hasSuffix("Zażółć gęślą jaźń"))
        let chinese: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0xD0, 0xC2, 0xCE, 0xC5]
        let declared = Array("<meta http-equiv=Content-Type content='text/html; charset=gb2312'><p>".utf8) + chinese
        #expect(PageDecoder.decode(declared).charset == .gb18030)
        #expect(PageDecoder.decode(declared).text.hasSuffix("中文新闻"))
        // A byte sequence that is not GBK becomes one replacement character, and decoding goes on.
        #expect(Charset.gb18030.decode([0xD6, 0xD0, 0xFF, 0x41][...]) == "中\u{FFFD}A")
        // Every charset decoded through iconv is one the C library has.
        let iconvCharsets: [Charset] = [
            .windows1250, .iso8859_2, .windows1253, .windows1254, .windows1257, .windows1258, .gb18030, .big5,
            .shiftJIS, .eucJP, .iso2022JP, .eucKR,
        ]
        for charset in iconvCharsets { #expect(charset.decode(Array("News, 2026.".utf8)[...]) == "News, 2026.") }
        #expect(Charset(label: "Shift_JIS") == .shiftJIS)
        #expect(Charset(label: "latin2") == .iso8859_2)
    }
}

struct BoilerplateTests {
    static let story = """
        <p>The city council voted on Monday to close the old market hall, which has stood empty since the roof
        failed an inspection two winters ago.</p>
        <p>Traders said they would move to the square outside until a new hall is built, a plan the council
        expects to cost about four million euros.</p>
        <p>Published figures show that the market drew more than a million visitors a year before it closed.</p>
        """

    @Test func creditsDatesAndReadingTimesAreNotArticleText() throws {
        let article = try Pages.extract(
            """
            <html><body><article><h1>Market hall to close</h1>
            <p>4 min read</p><p>Updated: 11.04.2020, 10:27</p>
            \(Self.story)
            <p>The empty hall in March. Photo: Jan Kowalski / Courier</p>
            <p>Source: City of Ostrava</p>
            <p>This post contains affiliate links; we may earn a commission when you buy through them.</p>
            <p>© 2020 The Courier</p>
            </article></body></html>
            """)
        let text = article.bodyText
        #expect(text.contains("The city council voted"))
        #expect(text.contains("Published figures show"))
        for leak in ["4 min read", "Updated:", "Photo:", "Source:", "affiliate", "©"] {
            #expect(!text.contains(leak), "\(leak)")
        }
    }

    @Test func aClosingHeadingEndsTheArticle() throws {
        let article = try Pages.extract(
            """
            <html><body><article><h1>Market hall to close</h1>\(Self.story)
            <h3>About the author</h3>
            <p>Jan Kowalski has covered the city council for the Courier since 2009, and before that wrote about
            schools and transport for a regional weekly.</p>
            </article></body></html>
            """)
        #expect(article.bodyText.hasSuffix("a million visitors a year before it closed."))
        #expect(!article.bodyText.contains("Kowalski"))
    }

    @Test func aClosingPhraseEarlyInTheArticleIsText() {
        let blocks = ["Comments", "A", "B", "C"].map { Article.Block(.paragraph, $0) }
        #expect(Boilerplate.trimmed(blocks).count == 4)
        #expect(Boilerplate.trimmed(blocks + [Article.Block(.heading, "Related articles:")]).count == 4)
        #expect(Boilerplate.trimmed([Article.Block(.heading, "Share prices fall")]).count == 1)
        #expect(Boilerplate.trimmed([Article.Block(.paragraph, "Share")]).isEmpty)
        // News that uses the words of notices and closing headings is text.
        let news = [
            "Advertising spending fell by a tenth, the bill sponsored by two senators passed.",
            "A", "B", "Comments by the mayor drew criticism.",
        ].map { Article.Block(.paragraph, $0) }
        #expect(Boilerplate.trimmed(news) == news)
    }

    @Test func authorBoxesAreSetAsideWhateverTheirOtherClassNames() throws {
        let article = try Pages.extract(
            """
            <html><body><div class="post-content">\(Self.story)
            <p>The hall's clock tower, which the council lists as a protected monument, will stay standing and
            be repaired first, so that the square keeps its landmark while the rest of the site is cleared.</p>
            <div class="author-bio text-lg"><p>Jan Kowalski is the Courier's city reporter. Before joining the
            paper he spent ten years at a news agency, covering courts, councils and the regional parliament.</p>
            </div></div></body></html>
            """)
        #expect(article.bodyText.contains("The city council voted"))
        #expect(!article.bodyText.contains("Kowalski"))
        #expect(Hints(classAndID: "author-box--content").contains(.aside))
        #expect(!Hints(classAndID: "article-content").contains(.aside))
    }
}

struct StructuredBodyTests {
    static let paragraphs = [
        "The regional rail operator will run night trains between the capital and the coast from June, the first such service in twenty years.",
        "Tickets go on sale next week, and the operator expects most of the two hundred sleeper berths to be booked for the summer months.",
        "Unions welcomed the plan but asked for more staff on board, saying the night shifts would otherwise fall on the crews who already work weekends.",
        "The ministry said it would review the timetable after the first season, when passenger numbers and the cost of the subsidy are known.",
    ]

    static func page(markupBody: String, articleBody: String) -> String {
        let escaped = articleBody.replacingOccurrences(of: "\n", with: "\\n")
        return """
            <html><head><title>Night trains return</title>
            <meta name="description" content="Sleeper services between the capital and the coast resume in June.">
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Night trains return",
            "articleBody": "\(escaped)"}</script></head>
            <body><div id="app"><h1>Night trains return</h1>\(markupBody)</div></body></html>
            """
    }

    @Test func aPageRenderedByScriptGetsItsArticleFromJSONLD() throws {
        let article = try Pages.extract(
            Self.page(
                markupBody: "<p>Sleeper services between the capital and the coast resume in June.</p>",
                articleBody: Self.paragraphs.joined(separator: "\n")))
        #expect(
            article.paragraphs == ["Sleeper services between the capital and the coast resume in June."]
                + Self.paragraphs)
    }

    @Test func aPostShippedInATemplateIsReadFromIt() throws {
        let post = Self.paragraphs.map { "<p>\($0)</p>" }.joined()
        let article = try Pages.extract(
            """
            <html><body><h2>Night trains return</h2><div class="post-body" itemprop="articleBody">
            <script type="text/template">\(post)</script></div>
            <script type="text/template"><p>Sign in to comment.</p></script></body></html>
            """)
        #expect(article.paragraphs == Self.paragraphs)
    }

    @Test func aPageWithItsArticleInTheMarkupKeepsIt() throws {
        let markup = Self.paragraphs.map { "<p>\($0)</p>" }.joined()
        let article = try Pages.extract(
            Self.page(markupBody: markup, articleBody: Self.paragraphs.joined(separator: " ") + " And more."))
        #expect(article.paragraphs == Self.paragraphs)
    }
}

struct HostilePageTests {
    @Test func deepNestingIsParsedWithoutRecursion() throws {
        let depth = 100_000
        let page =
            "<html><body>" + String(repeating: "<div>", count: depth)
            + "<p>Deep inside the page, this paragraph is still the article, with enough words to count.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let article = try Pages.extract(page)
        #expect(article.bodyText.hasPrefix("Deep inside the page"))
        let inline = "<html><body>" + String(repeating: "<span>", count: depth) + "Inline text, also deep enough."
        #expect(try Pages.extract(inline).bodyText == "Inline text, also deep enough.")
    }

    @Test func pagesWithoutArticleTextAreAClearError() {
        for page in [
            "", "<html><head><title>Only a title</title></head><body></body></html>", "<nav><a>Home</a></nav>",
        ] {
            #expect(throws: HTMLError.self) { try Pages.extract(page) }
            do { _ = try Pages.extract(page) } catch let error as HTMLError { #expect(error.code == .noArticle) } catch
            {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func binaryDataAndOversizedPagesAreRefused() {
        var random = SystemRandomNumberGenerator()
        let binary = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(throws: HTMLError(.notHTML, "the input is binary data, not an HTML page")) {
            try ArticleExtractor().extract(binary)
        }
        #expect(throws: HTMLError.self) { try ArticleExtractor(maximumPageBytes: 1000).extract(Array(Pages.news.utf8)) }
    }

    @Test func controlBytesUnclosedTagsAndStrayMarkupDoNotBreakExtraction() throws {
        let page =
            "<html><body><div><p>The council met on Monday\u{0}\u{1} and voted for the plan<b>, which"
            + " passes <i>now to the mayor <p>for a final <table><td>signature</div></div></div></span>"
            + "</html></html><<<>>><!-- unterminated"
        let article = try Pages.extract(page)
        #expect(article.bodyText.contains("The council met on Monday"))
        #expect(!article.bodyText.contains("\u{0}"))
    }
}
