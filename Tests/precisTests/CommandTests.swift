import Foundation
import Testing

/// Runs the built `precis` executable as a user would, on inputs written here.
struct CommandTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [here, here.deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("precis")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return here.appendingPathComponent("precis")
    }

    static func run(_ arguments: [String], stdin: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Runs the command on a thread of its own rather than one of the few cooperative threads, which a
    /// server in this test process needs free to answer the command while it waits.
    static func runOffPool(_ arguments: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try run(arguments) }) }
        }
    }

    static func temporaryFile(_ contents: Data, suffix: String = ".txt") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "precis-test-\(UUID().uuidString)\(suffix)")
        try contents.write(to: url)
        return url
    }

    static let article = """
        Lighthouse Keeper Retires After Forty Years

        The last keeper of the Grey Point lighthouse retired on Friday after forty years of tending the light, which will now be run automatically from the mainland.

        Arthur Penrose, 71, took the job in 1985 when the lighthouse still needed someone to wind its clockwork every four hours. He said he would miss the storms most of all.

        The coastguard said the automated system had been tested for two years and was more reliable than the old equipment. A museum will open in the keeper's cottage next summer.

        Penrose plans to move to a village inland. "I have seen enough of the sea," he said, laughing.
        """

    @Test func summarizePrintsOneSentencePerLineAndNothingElse() throws {
        let file = try Self.temporaryFile(Data(Self.article.utf8))
        let result = try Self.run(["summarize", file.path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3)
        for line in lines { #expect(Self.article.contains(line)) }
        #expect(result.stderr.isEmpty)
    }

    @Test func summarizeJSONFollowsTheSchema() throws {
        let file = try Self.temporaryFile(Data(Self.article.utf8))
        let result = try Self.run(["summarize", "--format", "json", "--sentences", "2", file.path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["language"] as? String == "en")
        #expect(object["method"] as? String == "news")
        #expect(object["title"] as? String == "Lighthouse Keeper Retires After Forty Years")
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.count == 2)
        let bytes = Array(Self.article.utf8)
        for sentence in sentences {
            let start = try #require(sentence["start"] as? Int)
            let end = try #require(sentence["end"] as? Int)
            #expect(String(decoding: bytes[start..<end], as: UTF8.self) == sentence["text"] as? String)
            #expect(sentence["index"] is Int)
            #expect(sentence["score"] is Double)
        }
        let keywords = try #require(object["keywords"] as? [[String: Any]])
        #expect(!keywords.isEmpty)
        let stats = try #require(object["stats"] as? [String: [String: Int]])
        #expect(stats["article"]?["reading_time_seconds"] != nil)
        #expect(stats["summary"]?["words"] != nil)
    }

    @Test func summarizeMarkdownAndStandardInput() throws {
        let result = try Self.run(
            ["summarize", "--format", "markdown", "--words", "60", "-"], stdin: Data(Self.article.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Lighthouse Keeper Retires After Forty Years"))
        #expect(result.stdout.contains("**Keywords:**"))
    }

    @Test(arguments: ["lead", "luhn", "textrank", "lexrank", "news"])
    func everyMethodRuns(_ method: String) throws {
        let result = try Self.run(
            ["summarize", "--method", method, "--ratio", "0.5", "-"], stdin: Data(Self.article.utf8))
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }

    @Test func batchModeReportsBadLinesAndGoesOn() throws {
        let lines = [
            #"{"id": "a1", "article": "The mayor opened the new library on Monday. Hundreds of people came. The library has 40,000 books.", "title": "Library opens"}"#,
            #"{"id": "a2", "article": "   "}"#,
            #"this is not JSON"#,
            #"{"id": 7, "article": "Only one sentence here."}"#,
            #"{"id": "a5"}"#,
        ]
        let file = try Self.temporaryFile(Data(lines.joined(separator: "\n").utf8), suffix: ".jsonl")
        let result = try Self.run(["summarize", "--jsonl", file.path, "--sentences", "2"])
        #expect(result.status == 0)
        let outputs = result.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(outputs.count == 5)
        #expect(outputs[0]["id"] as? String == "a1")
        #expect((outputs[0]["summary"] as? [String])?.count == 2)
        #expect(outputs[1]["id"] as? String == "a2")
        #expect((outputs[1]["error"] as? [String: Any])?["code"] as? String == "emptyInput")
        #expect(outputs[2]["error"] != nil)
        #expect(outputs[2]["line"] as? Int == 3)
        #expect(outputs[3]["id"] as? Int == 7)
        #expect((outputs[3]["summary"] as? [String]) == ["Only one sentence here."])
        #expect(outputs[4]["error"] != nil)
    }

    /// Lines that cross the reader's 256 KiB buffer, one longer than it, and output many times the writer's
    /// 64 KiB block: every line gets its summary, in order.
    @Test func batchModeReadsAndWritesPastItsBuffers() throws {
        let sentence = "The council met on Tuesday to discuss the new bridge over the river. "
        var lines = (0..<400).map { n in
            #"{"id": \#(n), "article": "\#(String(repeating: sentence, count: 12)) Vote \#(n) passed."}"#
        }
        lines[200] = #"{"id": 200, "article": "\#(String(repeating: sentence, count: 4_000))"}"#
        let file = try Self.temporaryFile(Data(lines.joined(separator: "\n").utf8), suffix: ".jsonl")
        let result = try Self.run(["summarize", "--jsonl", file.path, "--sentences", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count > 4 << 16)
        let outputs = result.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(outputs.map { $0["id"] as? Int } == (0..<400).map { $0 })
        #expect(outputs.allSatisfy { ($0["summary"] as? [String])?.count == 1 })
    }

    @Test func sentencesCommand() throws {
        let text = "Dr. Smith arrived at 5 p.m. on Friday. He left early!\n\nNew paragraph here"
        let plain = try Self.run(["sentences", "--keep-all-lines", "-"], stdin: Data(text.utf8))
        #expect(plain.stdout == "Dr. Smith arrived at 5 p.m. on Friday.\nHe left early!\nNew paragraph here\n")
        let json = try Self.run(["sentences", "--format", "json", "-"], stdin: Data(text.utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.count == 3)
        #expect(sentences[2]["paragraph"] as? Int == 1)
    }

    @Test func keywordsCommand() throws {
        let result = try Self.run(["keywords", "--count", "5", "-"], stdin: Data(Self.article.utf8))
        #expect(result.status == 0)
        let keywords = result.stdout.split(separator: "\n")
        #expect(keywords.count == 5)
        #expect(keywords.contains { $0.lowercased().contains("lighthouse") || $0.contains("keeper") })
    }

    @Test func invalidUTF8IsRepairedAndReportedOnce() throws {
        var bytes = Array("The first sentence is fine. ".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(" The second has bad bytes. The third \u{FE} too ".utf8) + [0xFE, 0xFF] + Array(" here.".utf8)
        let result = try Self.run(["summarize", "-"], stdin: Data(bytes))
        #expect(result.status == 0)
        #expect(result.stderr.components(separatedBy: "not valid UTF-8").count == 2)
        #expect(result.stdout.contains("\u{FFFD}"))
    }

    @Test(arguments: ["", "   \n\t\n  "])
    func emptyInputExitsWithTwo(_ text: String) throws {
        let result = try Self.run(["summarize", "-"], stdin: Data(text.utf8))
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("empty"))
    }

    @Test func inputOverTheLimitIsAClearError() throws {
        let result = try Self.run(
            ["summarize", "--max-input-bytes", "1000", "-"], stdin: Data(String(repeating: "Word. ", count: 500).utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("limit of 1000 bytes"))
    }

    @Test func missingFileAndBadOptionsAreErrors() throws {
        let missing = try Self.run(["summarize", "/nonexistent/article.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let language = try Self.run(["summarize", "--language", "klingon", "-"], stdin: Data(Self.article.utf8))
        #expect(language.status != 0)
        #expect(language.stderr.contains("unknown language"))
        let both = try Self.run(
            ["summarize", "--sentences", "2", "--words", "50", "-"], stdin: Data(Self.article.utf8))
        #expect(both.status != 0)
        let zero = try Self.run(["summarize", "--sentences", "0", "-"], stdin: Data(Self.article.utf8))
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("at least 1"))
    }

    @Test func languageOverride() throws {
        let result = try Self.run(
            ["summarize", "--language", "german", "--format", "json", "-"],
            stdin: Data(
                "Der Zug kommt heute später. Die Bahn entschuldigt sich. Morgen fährt er wieder pünktlich.".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""language" : "de""#))
    }
}
