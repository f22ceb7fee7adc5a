import Benchmark
import Foundation
import PrecisCore
import PrecisEval
import PrecisHTML

/// The demo article that ships with Precis, found from this file's place in the repository.
private let demoArticle: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return (try? String(contentsOf: root.appendingPathComponent("examples/demo-article.txt"), encoding: .utf8)) ?? ""
}()

/// About 10,000 words: the demo article's body twenty times, each copy its own paragraphs.
private let longArticle: String = {
    let body = demoArticle.components(separatedBy: "\n\n").dropFirst(2).dropLast(4).joined(separator: "\n\n")
    return (0..<20).map { "Part \($0 + 1)\n\n" + body }.joined(separator: "\n\n")
}()

/// The demo article as a news page: a head with metadata and a script, navigation, the article, a
/// related-links list and a footer, about 14 KB.
private let demoPage: [UInt8] = {
    let paragraphs = demoArticle.components(separatedBy: "\n\n").dropFirst(2)
    let navigation = (1...60).map { "<li><a href=\"/section/\($0)\">Section \($0)</a></li>" }.joined()
    let related = (1...20).map { "<li><a href=\"/story/\($0)\">Another story about trains, number \($0)</a></li>" }
        .joined()
    let script = String(repeating: "window.data = window.data || []; window.data.push({id: 1});\n", count: 100)
    let page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Night trains return | Courier</title>
        <meta property="og:title" content="Night trains return"><script>\(script)</script></head><body>
        <header><nav><ul>\(navigation)</ul></nav></header><main><article class="story-body">
        <h1>Night trains return</h1>\(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
        </article><aside class="related"><ul>\(related)</ul></aside></main>
        <footer><p>© Courier. All rights reserved.</p></footer></body></html>
        """
    return Array(page.utf8)
}()

private let reference = """
    Overnight trains are returning across Europe as travellers look for alternatives to flying.
    Austria's railway saw sleeper passengers rise by almost a fifth and has ordered new carriages.
    High costs, track charges and complicated booking remain obstacles.
    """

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 10,
        maxDuration: .seconds(3))

    let segmenter = SentenceSegmenter(language: .english)
    let bytes = NormalizedText(longArticle).bytes
    Benchmark(
        "Segmentation, 10,000 words (\(bytes.count) bytes)",
        configuration: .init(metrics: [.wallClock, .throughput])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(segmenter.split(bytes, paragraph: 0..<bytes.count))
        }
    }

    let extractor = ArticleExtractor()
    Benchmark(
        "Extraction, demo article as a news page (\(demoPage.count) bytes)",
        configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try extractor.extract(demoPage))
        }
    }

    Benchmark("Document analysis, demo article") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Document(demoArticle))
        }
    }

    let summarizer = try? Summarizer(method: .news)
    Benchmark("news summary, demo article (about 500 words)") { benchmark in
        for _ in benchmark.scaledIterations {
            if let summarizer { blackHole(summarizer.summarize(try Document(demoArticle))) }
        }
    }

    Benchmark("news summary, 10,000-word article") { benchmark in
        for _ in benchmark.scaledIterations {
            if let summarizer { blackHole(summarizer.summarize(try Document(longArticle))) }
        }
    }

    let rouge = Rouge()
    let candidate = (try? Summarizer(method: .lead).summarize(try Document(demoArticle)).text) ?? ""
    Benchmark("ROUGE-1, -2, -L and -Lsum of a 3-sentence summary") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(rouge.score(reference: reference, candidate: candidate))
        }
    }
}
