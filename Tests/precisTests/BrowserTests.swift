import Foundation
import Testing

/// The site in real headless Chromium, driven through the W3C WebDriver protocol by chromedriver:
/// `precis serve --demo` runs as a user would start it, on a fresh database.
///
/// Runs where Debian's `chromium` and `chromium-driver` are installed (`.ci/run` installs them and sets
/// `PRECIS_REQUIRE_BROWSER=1`, which turns a missing browser into a failure).
@Suite(.serialized)
struct BrowserTests {
    static let chromedriver = "/usr/bin/chromedriver"
    static let chromium = "/usr/bin/chromium"
    static var available: Bool {
        [chromedriver, chromium, "/usr/bin/curl"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func browserIsThereWhenRequired() {
        if ProcessInfo.processInfo.environment["PRECIS_REQUIRE_BROWSER"] == "1" {
            #expect(Self.available, "PRECIS_REQUIRE_BROWSER=1 but chromium, chromedriver or curl is missing")
        } else if !Self.available {
            print(
                "BrowserTests: skipped, chromium, chromedriver or curl is missing (apt-get install chromium chromium-driver curl)"
            )
        }
    }

    @Test(.enabled(if: BrowserTests.available))
    func readerGetsASummaryFollowsItAndPagesThroughArticles() async throws {
        let site = try await Site.start()
        defer { site.stop() }
        let driver = try await WebDriver.start()
        defer { driver.stop() }

        let session = try await driver.session(javaScript: true)
        let article = "\(site.base)/articles/harbour-ferry-strike-ends-after-three-days"
        try await session.go(article)
        try await session.click(try await session.find("#summary-button"))
        try await session.waitUntil(
            "document.querySelectorAll('#summary-sentences li').length === 3 && !document.getElementById('summary').hidden"
        )

        // Short: one sentence, and the choice is remembered.
        try await session.click(try await session.find("input[name=length][value='1']"))
        try await session.waitUntil("document.querySelectorAll('#summary-sentences li').length === 1")
        try await session.go(article)
        try await session.click(try await session.find("#summary-button"))
        try await session.waitUntil("document.querySelectorAll('#summary-sentences li').length === 1")
        #expect(
            try await session.run("return document.querySelector(\"input[name=length]:checked\").value") as? String
                == "1")

        // The sentence links to its place, which is highlighted.
        let sentence =
            try await session.run("return document.querySelector('.summary-sentence').textContent") as? String
        try await session.click(try await session.find(".summary-sentence"))
        try await session.waitUntil(
            "location.hash.indexOf('#b') === 0 && document.querySelectorAll('#body mark').length === 1")
        #expect(try await session.run("return document.querySelector('#body mark').textContent") as? String == sentence)

        // Next Article, then Previous Article back.
        let next = try #require(
            try await session.run("return document.querySelector('a.next').getAttribute('href')") as? String)
        try await session.click(try await session.find("a.next"))
        try await session.waitUntil("location.pathname === \(Self.literal(next))")
        try await session.click(try await session.find("a.previous"))
        try await session.waitUntil("location.pathname === '/articles/harbour-ferry-strike-ends-after-three-days'")
        try await session.close()

        // Without JavaScript the button is a link to the summary page.
        let plain = try await driver.session(javaScript: false)
        try await plain.go(article)
        try await plain.click(try await plain.find("#summary-button"))
        try await plain.waitForURL { $0.hasSuffix("/articles/harbour-ferry-strike-ends-after-three-days/summary") }
        #expect(try await plain.findAll(".summary-sentence").count == 3)
        try await plain.close()
    }

    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}

/// `precis serve --demo` on a free port with a database of its own.
struct Site {
    let process: Process
    let base: String
    let directory: URL

    static func start() async throws -> Site {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "precis-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for attempt in 0..<5 {
            let port = Int.random(in: 20_000..<45_000)
            let process = Process()
            process.executableURL = CommandTests.executable
            process.arguments = [
                "serve", "--demo", "--port", String(port), "--database",
                directory.appendingPathComponent("site.sqlite").path,
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let base = "http://127.0.0.1:\(port)"
            if try await HTTP.waitUntilReady("\(base)/health", process: process) {
                return Site(process: process, base: base, directory: directory)
            }
            process.terminate()
            if attempt == 4 { break }
        }
        throw BrowserTestFailure("precis serve did not start")
    }

    func stop() {
        Processes.stop(process)
        try? FileManager.default.removeItem(at: directory)
    }
}

enum Processes {
    /// Ends a process: SIGTERM, then SIGKILL if it is still there after two seconds (chromedriver does
    /// not always exit on SIGTERM).
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<20 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct BrowserTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// HTTP through Debian's curl: FoundationNetworking's URLSession fails on chromedriver's answers
/// ("Failed writing header").
enum HTTP {
    static func request(_ method: String, _ url: String, _ body: Any? = nil) async throws -> Any? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "-f", "-m", "60", "-X", method, url]
        let input = Pipe()
        if body != nil { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        process.arguments = arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let body { input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: body)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BrowserTestFailure(
                "\(method) \(url): curl exit \(process.terminationStatus) \(String(decoding: data, as: UTF8.self))")
        }
        return data.isEmpty ? nil : try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// Polls `url` until it answers, or the process exits, for at most 20 seconds.
    static func waitUntilReady(_ url: String, process: Process) async throws -> Bool {
        for _ in 0..<200 {
            if !process.isRunning { return false }
            if (try? await request("GET", url)) != nil { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// A chromedriver process and the sessions it drives.
struct WebDriver {
    let process: Process
    let base: String

    static func start() async throws -> WebDriver {
        let port = Int.random(in: 45_000..<60_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BrowserTests.chromedriver)
        process.arguments = ["--port=\(port)"]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("chromedriver-\(port).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        let base = "http://127.0.0.1:\(port)"
        guard try await HTTP.waitUntilReady("\(base)/status", process: process) else {
            process.terminate()
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw BrowserTestFailure("chromedriver did not start (running: \(process.isRunning)): \(output)")
        }
        return WebDriver(process: process, base: base)
    }

    func session(javaScript: Bool) async throws -> Session {
        var arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        if !javaScript { arguments.append("--blink-settings=scriptEnabled=false") }
        let answer = try await HTTP.request(
            "POST", "\(base)/session",
            [
                "capabilities": [
                    "alwaysMatch": [
                        "browserName": "chrome",
                        "goog:chromeOptions": ["binary": BrowserTests.chromium, "args": arguments],
                    ]
                ]
            ])
        guard let value = (answer as? [String: Any])?["value"] as? [String: Any], let id = value["sessionId"] as? String
        else { throw BrowserTestFailure("no WebDriver session: \(String(describing: answer))") }
        return Session(url: "\(base)/session/\(id)")
    }

    func stop() { Processes.stop(process) }

    struct Session {
        let url: String
        static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

        @discardableResult
        func call(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any? {
            let answer = try await HTTP.request(method, url + path, body) as? [String: Any]
            if let error = (answer?["value"] as? [String: Any])?["error"] as? String {
                throw BrowserTestFailure("WebDriver \(path): \(error)")
            }
            return answer?["value"]
        }

        func go(_ address: String) async throws { try await call("POST", "/url", ["url": address]) }

        func find(_ selector: String) async throws -> String {
            let value = try await call("POST", "/element", ["using": "css selector", "value": selector])
            guard let id = (value as? [String: Any])?[Self.elementKey] as? String else {
                throw BrowserTestFailure("no element \(selector)")
            }
            return id
        }

        func findAll(_ selector: String) async throws -> [String] {
            let value = try await call("POST", "/elements", ["using": "css selector", "value": selector])
            return (value as? [[String: Any]] ?? []).compactMap { $0[Self.elementKey] as? String }
        }

        func click(_ element: String) async throws {
            try await call("POST", "/element/\(element)/click", [String: Any]())
        }

        func run(_ script: String) async throws -> Any? {
            try await call("POST", "/execute/sync", ["script": script, "args": [Any]()])
        }

        /// Waits up to ten seconds for a JavaScript condition to hold.
        func waitUntil(_ condition: String) async throws {
            for _ in 0..<100 {
                if try await run("return Boolean(\(condition))") as? Bool == true { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw BrowserTestFailure("timed out waiting for \(condition)")
        }

        func waitForURL(_ accept: (String) -> Bool) async throws {
            for _ in 0..<100 {
                if let current = try await call("GET", "/url") as? String, accept(current) { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw BrowserTestFailure("timed out waiting for the page to change")
        }

        func close() async throws { try await call("DELETE", "") }
    }
}
