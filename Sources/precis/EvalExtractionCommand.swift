import ArgumentParser
import Foundation
import PrecisEval

struct EvalExtractionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Score article extraction on pages annotated with snippets that must and must not appear.",
        discussion: """
            DIR holds ground-truth.json ({id: {"with": [...], "without": [...], "lang": ...}}) and html/ID.html \
            or html/ID.html.gz, as ../shared/data/pages/trafilatura-eval does. A found "with" snippet is a true \
            positive, a missing one a false negative, a found "without" snippet a false positive.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The directory of the page set.", completion: .directory)
    var directory: String

    @Option(help: "Output format: text or json (json lists every page with its missed and leaked snippets).")
    var format: Format = .text

    @Option(help: "Evaluate only the first N pages (by id).")
    var limit: Int?

    @Option(help: "Print up to this many pages with the most errors.")
    var show = 0

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try Self.reportingFailures {
            let progress = Terminal.stderrIsTerminal ? Progress() : nil
            let report = try ExtractionEvaluation(directory: directory).run(limit: limit) { done, total in
                progress?.tick(done, of: total)
            }
            progress?.finish(report.overall.pages, failed: report.failures)
            switch format {
            case .json:
                print(try JSONOutput.pretty(report))
            case .text:
                print(Self.table(report))
                let worst = report.pages.sorted {
                    $0.counts.falseNegatives + $0.counts.falsePositives
                        > $1.counts.falseNegatives + $1.counts.falsePositives
                }.prefix(show)
                for page in worst {
                    print("\n\(page.id) [\(page.language)] \(page.error ?? "")")
                    for snippet in page.missed { print("  missed: \(snippet)") }
                    for snippet in page.leaked { print("  leaked: \(snippet)") }
                }
            }
        }
    }

    static func table(_ report: ExtractionEvaluation.Report) -> String {
        func row(_ name: String, _ c: ExtractionEvaluation.Counts) -> String {
            name.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(
                    format: "%6d %10.3f %8.3f %8.3f %7d %7d %7d", c.pages, c.precision, c.recall, c.f1,
                    c.truePositives, c.falseNegatives, c.falsePositives)
        }
        var lines = ["language   pages  precision   recall       F1      TP      FN      FP"]
        lines.append(row("all", report.overall))
        for (language, counts) in report.byLanguage.sorted(by: { $0.value.pages > $1.value.pages }) {
            lines.append(row(language, counts))
        }
        let rate = report.extractionSeconds > 0 ? Double(report.overall.pages) / report.extractionSeconds : 0
        let megabytes = Double(report.bytes) / 1_048_576
        lines.append(
            String(
                format: "%d pages without an article; extraction %.2f s for %.1f MB: %.0f pages/s",
                report.failures, report.extractionSeconds, megabytes, rate))
        return lines.joined(separator: "\n")
    }
}
