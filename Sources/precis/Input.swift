import ArgumentParser
import Foundation
import PrecisCore
import PrecisEval
import PrecisHTML
import PrecisSite

/// Options that every command reading one text shares.
struct InputOptions: ParsableArguments {
    @Argument(help: "The text file to read, or - for standard input.", completion: .file())
    var file: String = "-"

    @Option(help: "The language (en, ru, or any Snowball stemmer: german, fr, ...). Detected by default.")
    var language: String?

    @Flag(help: "Keep every line: do not drop page widgets (\"Get a summary\", \"Next Article\") or take a headline.")
    var keepAllLines = false

    @Option(help: "The largest input accepted, in bytes.")
    var maxInputBytes = 32 << 20

    @Flag(help: "Read the input as an HTML page and summarise the article extracted from it (detected by default).")
    var html = false

    func validate() throws {
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
        if let language { _ = try Language.named(language) }
    }

    func documentConfiguration() throws -> Document.Configuration {
        Document.Configuration(
            language: try language.map(Language.named), dropsPageWidgets: !keepAllLines,
            maximumInputBytes: maxInputBytes)
    }

    /// Reads and analyses the input; an empty input throws a ``PrecisError`` that
    /// ``ParsableCommand/reportingFailures(_:)`` turns into exit code 2.
    /// An HTML page (given with --html or recognised by its markup) is read through the article
    /// extractor: the document is then its body, with its title.
    func document(title: String? = nil) throws -> Document {
        let bytes = try InputReader.readBytes(file, limit: maxInputBytes)
        if html || Article.looksLikeHTML(bytes) {
            let article = try ArticleExtractor(maximumPageBytes: maxInputBytes).extract(bytes)
            return try Document(
                article.bodyText, title: title ?? article.title, configuration: try documentConfiguration())
        }
        let text = InputReader.decode(bytes, source: file == "-" ? "standard input" : file)
        return try Document(text, title: title, configuration: try documentConfiguration())
    }
}

/// A failure caused by the input: printed as one line on standard error, exit code 2.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// The errors of Precis's modules, whose messages are written for users (no paths to source, no stack
/// traces, no database text).
protocol UserFacingError: Error {
    var message: String { get }
}

extension CommandFailure: UserFacingError {}
extension PrecisError: UserFacingError {}
extension EvaluationError: UserFacingError {}
extension HTMLError: UserFacingError {}
extension SiteError: UserFacingError {}

extension ParsableCommand {
    /// Runs `body`, turning input and data failures into a one-line message and exit code 2.
    @discardableResult
    static func reportingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as any UserFacingError {
            Terminal.error(error.message)
            throw ExitCode(2)
        }
    }
}

enum InputReader {
    /// Reads a file or standard input (`-`) as bytes, failing when it is larger than `limit`.
    static func readBytes(_ path: String, limit: Int) throws -> [UInt8] {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("\(path): no such file")
            }
            guard !isDirectory.boolValue else { throw CommandFailure("\(path): is a directory") }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure("\(path): cannot be read (permission denied?)")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw CommandFailure("\(path == "-" ? "standard input" : path): read failed")
            }
            guard let chunk, !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
            if bytes.count > limit {
                throw CommandFailure(
                    "\(path == "-" ? "standard input" : path) is larger than the limit of \(limit) bytes; "
                        + "raise it with --max-input-bytes")
            }
        }
        return bytes
    }

    /// Text from bytes, replacing invalid UTF-8 with U+FFFD and saying so once on standard error.
    static func decode(_ bytes: [UInt8], source: String) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        Terminal.warning("\(source) is not valid UTF-8; invalid bytes were replaced with U+FFFD")
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("precis: error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("precis: warning: \(message)\n".utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
