import Foundation
import PrecisCore
import PrecisHTML

/// `precis summarize --jsonl`: one summary per input line, errors per line, progress on a terminal.
struct BatchSummarizer {
    let summarizer: Summarizer
    let configuration: Document.Configuration
    /// Print throughput and per-article latency to standard error at the end.
    var reportsTimings = false
    /// Extracts articles from lines that give a page as "html".
    var extractor = ArticleExtractor()

    /// An article's id as given: a string or a number.
    enum ID: Encodable, Equatable {
        case string(String)
        case number(Double)

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let string): try container.encode(string)
            case .number(let number):
                if number == number.rounded(), abs(number) < 1e15 {
                    try container.encode(Int64(number))
                } else {
                    try container.encode(number)
                }
            }
        }
    }

    struct Line {
        var id: ID?
        var article: String?
        /// A page, extracted when no "article" is given.
        var html: String?
        var title: String?
    }

    struct Output: Encodable {
        var id: ID?
        var summary: Summary

        enum CodingKeys: String, CodingKey { case id, summary }

        func encode(to encoder: Encoder) throws {
            try summary.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(summary.sentences.map(\.text), forKey: .summary)
        }
    }

    struct LineError: Error {
        var code: String
        var message: String
    }

    struct Failure: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }
        var id: ID?
        var line: Int
        var error: Detail
    }

    func run(path: String) throws {
        let reader = try LineReader(path: path)
        let encoder = JSONOutput.compact
        let output = BufferedOutput()
        let progress = Terminal.stderrIsTerminal ? Progress() : nil
        var number = 0
        var failed = 0
        var latencies: [Duration] = []
        var stages = [Duration](repeating: .zero, count: 4)
        // The languages' word lists are process set-up, like parsing the arguments: built before the clock
        // starts rather than inside the first article.
        Language.prepareCatalog()
        let clock = ContinuousClock()
        let started = clock.now
        while let bytes = try reader.next() {
            number += 1
            let lineStarted = clock.now
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            var id: ID?
            let encoded: [UInt8]
            do {
                let (line, failure) = JSONLineReader.read(bytes)
                id = line.id
                switch failure {
                case .syntax(let problem, let offset)?:
                    throw LineError(
                        code: "invalidLine",
                        message: "line \(number) is not valid JSON: \(problem) at byte \(offset + 1)")
                case .type(let member)?:
                    throw LineError(
                        code: "invalidLine",
                        message: member == "id"
                            ? "line \(number): \"id\" must be a string or a finite number"
                            : "line \(number): \"\(member)\" must be a string")
                case .encoding(let member)?:
                    throw LineError(code: "invalidLine", message: "line \(number): \"\(member)\" is not valid Unicode")
                case nil: break
                }
                var text: String
                var title = line.title
                if let article = line.article {
                    text = article
                } else if let html = line.html {
                    let extracted = try extractor.extract(html: html)
                    text = extracted.bodyText
                    title = title ?? extracted.title
                } else {
                    throw LineError(
                        code: "missingArticle", message: "line \(number) has neither \"article\" nor \"html\"")
                }
                let parsed = clock.now
                let document = try Document(text, title: title, configuration: configuration)
                let analysed = clock.now
                let summary = summarizer.summarize(document)
                let summarised = clock.now
                var writer = JSONLineWriter()
                writer.summaryLine(id: id, summary: summary)
                encoded = writer.bytes
                if reportsTimings {
                    stages[0] += parsed - lineStarted
                    stages[1] += analysed - parsed
                    stages[2] += summarised - analysed
                    stages[3] += clock.now - summarised
                }
            } catch {
                failed += 1
                let detail: Failure.Detail
                switch error {
                case let error as LineError: detail = .init(code: error.code, message: error.message)
                case let error as PrecisError:
                    detail = .init(code: error.code.rawValue, message: "line \(number): \(error.message)")
                case let error as HTMLError:
                    detail = .init(code: error.code.rawValue, message: "line \(number): \(error.message)")
                default: detail = .init(code: "invalidLine", message: "line \(number) could not be summarised")
                }
                encoded = Array(try encoder.encode(Failure(id: id, line: number, error: detail)))
            }
            output.write(encoded)
            if reportsTimings { latencies.append(clock.now - lineStarted) }
            progress?.tick(number)
        }
        output.flush()
        progress?.finish(number, failed: failed)
        if reportsTimings { Self.report(latencies, stages: stages, total: clock.now - started, failed: failed) }
    }

    private static func report(_ latencies: [Duration], stages: [Duration], total: Duration, failed: Int) {
        func microseconds(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) * 1e-12
        }
        let sorted = latencies.map(microseconds).sorted()
        guard !sorted.isEmpty else { return }
        let seconds = microseconds(total) / 1e6
        let line = String(
            format:
                "%d articles (%d failed) in %.3f s: %.0f articles/s; per article median %.1f µs, p99 %.1f µs, worst %.1f µs\n",
            sorted.count, failed, seconds, Double(sorted.count) / seconds, sorted[sorted.count / 2],
            sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], sorted[sorted.count - 1])
        let count = Double(sorted.count)
        let breakdown = String(
            format: "mean per article: JSON in %.1f µs, analysis %.1f µs, summary %.1f µs, JSON out %.1f µs\n",
            microseconds(stages[0]) / count, microseconds(stages[1]) / count, microseconds(stages[2]) / count,
            microseconds(stages[3]) / count)
        FileHandle.standardError.write(Data((line + breakdown).utf8))
    }
}

/// Reads lines from a file or standard input in chunks, without holding the whole input.
///
/// The chunks are read with `read(2)` into one buffer that is reused, so reading a large file touches
/// the buffer's memory once instead of a new megabyte for each chunk.
final class LineReader {
    private let path: String
    private let descriptor: Int32
    private let closes: Bool
    /// `buffer[position..<filled]` is read and not yet handed out; the rest is room for the next read.
    private var buffer = [UInt8](repeating: 0, count: 1 << 18)
    private var position = 0
    private var filled = 0
    private var finished = false

    init(path: String) throws {
        self.path = path
        if path == "-" {
            descriptor = STDIN_FILENO
            closes = false
        } else {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw CommandFailure("\(path): no such file or not readable")
            }
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw Self.failure(path) }
            closes = true
        }
    }

    deinit { if closes { close(descriptor) } }

    /// The failure of the system call just made on `path`, with the C library's message for `errno`.
    private static func failure(_ path: String) -> CommandFailure {
        CommandFailure("\(path): \(String(cString: strerror(errno)))")
    }

    /// The index of the first line feed in `start..<filled`.
    private func newline(from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { p in
            UnsafeBufferPointer(rebasing: p[..<filled]).firstIndex(of: 0x0A, from: start)
        }
    }

    /// The next line, without its line feed, as a slice of the buffer: valid, and not copied, until the
    /// next call.
    func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = newline(from: position) {
                let line = buffer[position..<newline]
                position = newline + 1
                return line
            }
            if finished {
                guard position < filled else { return nil }
                let line = buffer[position..<filled]
                position = filled
                return line
            }
            try refill()
        }
    }

    /// Moves the unread bytes to the front, makes room when a line fills the buffer, and reads more.
    private func refill() throws {
        if position > 0 {
            buffer.withUnsafeMutableBytes { p in
                guard let base = p.baseAddress else { return }
                memmove(base, base + position, filled - position)
            }
            filled -= position
            position = 0
        }
        if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let room = buffer.count - filled
        let count = buffer.withUnsafeMutableBytes { p in
            var n: Int
            repeat { n = read(descriptor, p.baseAddress.map { $0 + filled }, room) } while n < 0 && errno == EINTR
            return n
        }
        guard count >= 0 else { throw Self.failure(path) }
        if count == 0 { finished = true } else { filled += count }
    }
}

/// Standard output through one buffer of bytes, written in large blocks with `write(2)`.
final class BufferedOutput {
    private static let block = 1 << 16
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(Self.block + 4096) }

    func write(_ line: some Collection<UInt8>) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count >= Self.block { flush() }
    }

    /// Writes what the buffer holds, all of it unless standard output fails (a closed pipe), in which
    /// case the rest is dropped as nothing can take it.
    func flush() {
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var written = 0
            while written < bytes.count {
                let n = Foundation.write(STDOUT_FILENO, base + written, bytes.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                written += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A one-line progress report on standard error, redrawn at most four times a second.
final class Progress {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var last: ContinuousClock.Instant

    init() {
        start = clock.now
        last = start
    }

    func tick(_ count: Int, of total: Int? = nil) {
        let now = clock.now
        guard now - last > .milliseconds(250) else { return }
        last = now
        draw(count, suffix: total.map { " (of \($0))" } ?? "")
    }

    func finish(_ count: Int, failed: Int) {
        draw(count, suffix: failed > 0 ? ", \(failed) failed\n" : "\n")
    }

    private func draw(_ count: Int, suffix: String) {
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = seconds > 0 ? Int(Double(count) / seconds) : 0
        FileHandle.standardError.write(Data("\r\(count) articles, \(rate)/s\(suffix)".utf8))
    }
}
