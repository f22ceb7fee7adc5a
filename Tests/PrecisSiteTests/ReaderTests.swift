import Foundation
import PrecisHTML
import Testing

@testable import PrecisSite

struct DateTests {
    @Test(arguments: [
        ("2026-03-04", 1_772_582_400.0),
        ("2026-03-04T08:30", 1_772_613_000.0),
        ("2026-03-04T08:30:00Z", 1_772_613_000.0),
        ("2026-03-04 09:30:00+01:00", 1_772_613_000.0),
        ("2026-03-04T03:30:00.500-0500", 1_772_613_000.5),
        ("Wed, 04 Mar 2026 08:30:00 GMT", 1_772_613_000.0),
        ("Wed, 4 Mar 2026 10:30:00 +0200", 1_772_613_000.0),
    ])
    func datesAsPagesAndFeedsWriteThem(_ text: String, _ seconds: Double) {
        #expect(Dates.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "2026-02-30T25:00", "04/03/2026"])
    func notDates(_ text: String) {
        #expect(Dates.parse(text) == nil)
    }
}

struct FeedTests {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment -->
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Courier</title>
        <item><title>Harbour reopens</title><link>https://c.example/harbour</link>
        <pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator>
        <description>Short teaser.</description>
        <content:encoded><![CDATA[<p>The harbour reopened on Tuesday after repairs to the sea wall.</p><p>Ferries run again.</p>]]></content:encoded></item>
        <item><title>Only a link</title><guid>https://c.example/only</guid></item>
        </channel></rss>
        """

    static let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
        <entry><title>Bridge opens</title><link rel="alternate" href="https://c.example/bridge"/>
        <link rel="edit" href="https://c.example/edit/1"/><published>2026-03-05T09:00:00Z</published>
        <author><name>Bo Kim</name></author>
        <content type="html">&lt;p&gt;The new bridge opened to traffic on Thursday morning.&lt;/p&gt;</content></entry>
        </feed>
        """

    @Test func rssItemsWithTheirFullText() throws {
        #expect(FeedReader.looksLikeFeed(Array(Self.rss.utf8)))
        let entries = try FeedReader.entries(Array(Self.rss.utf8))
        #expect(entries.count == 2)
        #expect(entries[0].title == "Harbour reopens")
        #expect(entries[0].link == "https://c.example/harbour")
        #expect(entries[0].author == "Ann Lee")
        #expect(entries[0].published == Dates.parse("2026-03-03T08:00:00Z"))
        #expect(entries[0].content?.hasPrefix("<p>The harbour reopened") == true)
        #expect(entries[1].link == "https://c.example/only" && entries[1].content == nil)
        let draft = try DraftReader().draft(entry: entries[0])
        #expect(
            draft.blocks.map(\.text) == [
                "The harbour reopened on Tuesday after repairs to the sea wall.", "Ferries run again.",
            ])
        #expect(
            draft.title == "Harbour reopens" && draft.byline == "Ann Lee" && draft.url == "https://c.example/harbour")
        #expect(throws: SiteError.self) { try DraftReader().draft(entry: entries[1]) }
    }

    @Test func atomEntries() throws {
        #expect(FeedReader.looksLikeFeed(Array(Self.atom.utf8)))
        let entries = try FeedReader.entries(Array(Self.atom.utf8))
        #expect(entries.count == 1)
        #expect(entries[0].link == "https://c.example/bridge")
        #expect(entries[0].author == "Bo Kim")
        #expect(
            try DraftReader().draft(entry: entries[0]).blocks.first?.text
                == "The new bridge opened to traffic on Thursday morning.")
    }

    @Test func pagesAndBrokenFeedsAreNotFeeds() {
        #expect(!FeedReader.looksLikeFeed(Array("<!doctype html><html><body><p>rss</p></body></html>".utf8)))
        #expect(throws: SiteError.self) { try FeedReader.entries(Array("<rss><channel><item>".utf8)) }
    }
}

struct DraftReaderTests {
    @Test func jsonLinesWithTextOrHTML() throws {
        let reader = DraftReader()
        let text = try reader.draft(
            line: .init(
                title: "Night trains", article: "First paragraph.\n\nSecond\nparagraph.", published: "2026-01-02"))
        #expect(text.blocks.map(\.text) == ["First paragraph.", "Second paragraph."])
        #expect(text.published == Dates.parse("2026-01-02"))
        let page = try reader.draft(
            line: .init(
                html:
                    "<html><head><title>From a page</title></head><body><p>The text of the page, long enough.</p></body></html>"
            ))
        #expect(page.title == "From a page")
        #expect(throws: SiteError.self) { try reader.draft(line: .init(title: "No body")) }
        #expect(throws: SiteError.self) {
            try reader.draft(line: .init(title: "Bad date", article: "Text.", published: "soon"))
        }
    }
}

extension DraftReader.Line {
    init(title: String? = nil, article: String? = nil, html: String? = nil, published: String? = nil) {
        self.init(
            title: title, article: article, html: html, url: nil, published: published, byline: nil, language: nil)
    }
}
