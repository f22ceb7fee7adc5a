import Testing

@testable import PrecisCore

struct PageCleanerTests {
    /// Shaped like a page a reader copies from a news site: a headline, the summary widget, the article,
    /// and the widgets after it with the titles they link to.
    static let copiedPage = """
        Port Strike Ends After Workers Accept New Contract

        No time to read?
        Get a summary

        Dock workers at the city's container port voted on Sunday to accept a new three-year contract, ending a strike that had halted shipping for nine days and left dozens of vessels waiting offshore.

        The agreement raises wages by 14 percent over three years and limits the use of automated cranes, the union said. Port managers said operations would resume on Monday morning.

        Shippers had warned that the strike was costing regional businesses millions of dollars a day, and retailers said shelves were running short of imported goods ahead of the holidays.

        No time to read?
        Get a summary
        Previous Article

        Farmers Market Moves to the Old Rail Yard

        Next Article

        Library Extends Weekend Opening Hours
        """

    @Test func dropsWidgetsAndLinkedTitles() throws {
        let document = try Document(Self.copiedPage)
        #expect(document.title == "Port Strike Ends After Workers Accept New Contract")
        let all = document.sentences.map(\.text).joined(separator: "\n")
        for widget in [
            "No time to read", "Get a summary", "Previous Article", "Next Article", "Farmers Market", "Library Extends",
        ] {
            #expect(!all.contains(widget), "\(widget) was kept")
        }
        #expect(document.sentences.first?.text.hasPrefix("Dock workers") == true)
        #expect(document.sentences.count == 4)
        #expect(document.droppedLines.count == 8)
        for method in Summarizer.Method.allCases {
            let summary = try Summarizer(method: method, length: .sentences(10)).summarize(document)
            #expect(!summary.sentences.contains { $0.text.contains("summary") || $0.text.contains("Article") })
        }
    }

    @Test func keepAllLinesKeepsThem() throws {
        let document = try Document(Self.copiedPage, configuration: .init(dropsPageWidgets: false))
        #expect(document.title == nil)
        #expect(document.sentences.contains { $0.text == "Previous Article" })
    }

    @Test func russianWidgets() throws {
        let page = """
            Нет времени читать?
            Получить краткое содержание

            Городской совет утвердил строительство нового моста через гавань во вторник вечером после долгих споров. Решение приняли девятью голосами против двух.

            Предыдущая статья
            Фермерский рынок переезжает
            Следующая статья
            Библиотека продлила часы работы
            """
        let document = try Document(page)
        let all = document.sentences.map(\.text).joined(separator: "\n")
        #expect(document.sentences.count == 2)
        #expect(!all.contains("статья"))
        #expect(!all.contains("Библиотека"))
    }

    @Test func ordinaryTextIsUntouched() throws {
        let text = "Short line\n\nA real paragraph of text that goes on for a while and ends properly with a full stop."
        let document = try Document(text, title: "Given title")
        #expect(document.title == "Given title")
        #expect(document.sentences.count == 2)
    }

    @Test func aSingleLineIsNotTakenAsTitle() throws {
        let document = try Document("Breaking news without punctuation")
        #expect(document.title == nil)
        #expect(document.sentences.count == 1)
    }
}
