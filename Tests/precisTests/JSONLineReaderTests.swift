import Foundation
import Testing

@testable import precis

struct JSONLineReaderTests {
    private func read(_ text: String) -> (line: BatchSummarizer.Line, failure: JSONLineReader.Failure?) {
        JSONLineReader.read(Array(text.utf8))
    }

    @Test func readsTheWantedMembersAndSkipsTheRest() {
        let (line, failure) = read(
            #" { "references": ["a \"quoted\" one", "b"], "id" : "x/1", "system_outputs": {"bart": "t\u00e9", "n": [1, -2.5e3, true, false, null, {}, []]}, "article": "Caf\u00e9 \ud83c\udf89 \"ok\"\\\n\t/\/", "title": null } "#
        )
        #expect(failure == nil)
        #expect(line.id == .string("x/1"))
        #expect(line.article == "Café 🎉 \"ok\"\\\n\t//")
        #expect(line.title == nil)
        #expect(line.html == nil)
    }

    @Test func numbersAreIDsAndTheFirstOfTwoMembersWins() {
        #expect(read(#"{"id": -0.5, "article": "a", "article": "b"}"#).line.article == "a")
        #expect(read(#"{"id": -0.5}"#).line.id == .number(-0.5))
        #expect(read(#"{"id": 12e2}"#).line.id == .number(1200))
        #expect(read("{}").failure == nil)
        #expect(read("\u{FEFF}{\"id\": \"bom\"}").line.id == .string("bom"))
    }

    /// Long strings go through the sixteen-byte scan: a quote, backslash or control character at every
    /// offset of a step must still be seen.
    @Test func longStringsAreScannedExactly() {
        for offset in 0..<36 {
            let padding = String(repeating: "a", count: offset)
            let quoted = read(#"{"article": "\#(padding)\"x\"\#(padding)"}"#)
            #expect(quoted.line.article == padding + "\"x\"" + padding)
            let control = read("{\"article\": \"\(padding)\u{1}\(padding)\"}")
            #expect(control.failure == .syntax("a control character in a string", at: 13 + offset))
            let end = read(#"{"article": "\#(padding)"}"#)
            #expect(end.line.article == padding)
        }
    }

    @Test(arguments: [
        "", "   ", "[1]", "\"text\"", "{", "{\"id\"}", "{\"id\": }", "{\"id\": 1,}", "{\"id\": 1} x", "{'id': 1}",
        "{\"a\": tru}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": -}", "{\"a\": 1e}", "{\"a\": \"\\x\"}",
        "{\"a\": \"\\u12\"}",
        "{\"a\": \"open}", "{\"a\": [1 2]}", "{\"a\": {\"b\" 1}}", "{\"a\": [}", "{\"article\": \"tab\there\"}",
    ])
    func malformedLinesAreSyntaxErrors(_ text: String) {
        let (_, failure) = read(text)
        guard case .syntax? = failure else {
            Issue.record("\(text.debugDescription) gave \(String(describing: failure))")
            return
        }
    }

    @Test func wrongTypesAreReportedWithTheID() {
        let article = read(#"{"article": 5, "id": "k"}"#)
        #expect(article.failure == .type(member: "article"))
        #expect(article.line.id == .string("k"))
        #expect(read(#"{"id": true, "article": "a"}"#).failure == .type(member: "id"))
        #expect(read(#"{"id": 1e400}"#).failure == .type(member: "id"))
        #expect(read(#"{"title": ["a"]}"#).failure == .type(member: "title"))
        let lone = read(#"{"id": 3, "article": "\ud800 alone"}"#)
        #expect(lone.failure == .encoding(member: "article"))
        #expect(lone.line.id == .number(3))
        let bytes = Array(#"{"id": "u", "article": "bad "#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(JSONLineReader.read(bytes).failure == .encoding(member: "article"))
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let shallow = "{\"a\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(read(shallow).failure == nil)
        let deep = "{\"a\": " + String(repeating: "[", count: 100_000) + "}"
        guard case .syntax("nested too deeply", _)? = read(deep).failure else {
            Issue.record("deep nesting was not refused")
            return
        }
    }

    /// Every line that JSONSerialization reads as an object gives the same article and id.
    @Test func agreesWithJSONSerialization() throws {
        let lines = [
            #"{"id": "a", "article": "Plain text."}"#, #"{"id": 7, "article": "\u041f\u0440\u0438\u0432\u0435\u0442"}"#,
            #"{"article": "Line\nbreak \\ slash \/ and \"quotes\"", "references": [{"x": [[], {}]}]}"#,
            #"{"id": 1.25, "html": "<p>x</p>", "title": "T\u00edtulo"}"#,
        ]
        for text in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let (line, failure) = read(text)
            #expect(failure == nil)
            #expect(line.article == object["article"] as? String)
            #expect(line.html == object["html"] as? String)
            #expect(line.title == object["title"] as? String)
            switch line.id {
            case .string(let id)?: #expect(id == object["id"] as? String)
            case .number(let id)?: #expect(id == (object["id"] as? NSNumber)?.doubleValue)
            case nil: #expect(object["id"] == nil)
            }
        }
    }
}
