/// A grouped bar chart of a ``SummaryEvaluation/Report`` as a standalone SVG: one group per system, one
/// bar per measure with its 95% interval as a whisker, values printed on the bars.
public struct ResultChart: Sendable {
    public let report: SummaryEvaluation.Report
    public let title: String

    public init(report: SummaryEvaluation.Report, title: String) {
        self.report = report
        self.title = title
    }

    public var svg: String {
        let measures: [(String, KeyPath<SummaryEvaluation.SystemSummary, SummaryEvaluation.Estimate>, String)] = [
            ("ROUGE-1", \.rouge1, "#1f5fa8"), ("ROUGE-2", \.rouge2, "#e08a1e"), ("ROUGE-Lsum", \.rougeLsum, "#3a9a5b"),
        ]
        let systems = report.systems
        let barWidth = 22.0
        let groupWidth = barWidth * Double(measures.count) + 24
        let left = 56.0
        let top = 56.0
        let plotHeight = 280.0
        let width = left + groupWidth * Double(max(systems.count, 1)) + 24
        let height = top + plotHeight + 90
        let maximum = max(
            10, ((systems.flatMap { s in measures.map { s[keyPath: $0.1].high } }.max() ?? 10) / 10).rounded(.up) * 10)
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / maximum) }
        func f(_ v: Double) -> String { String(Int((v * 10).rounded())).withDecimal }

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Int(left))" y="24" font-size="16" font-weight="bold">\(escape(title)): ROUGE F1 × 100, \(report.articles) articles</text>

            """
        for (index, measure) in measures.enumerated() {
            let x = left + Double(index) * 110
            out += "<rect x=\"\(Int(x))\" y=\"34\" width=\"12\" height=\"12\" fill=\"\(measure.2)\"/>"
            out += "<text x=\"\(Int(x) + 16)\" y=\"45\">\(measure.0)</text>\n"
        }
        var tick = 0.0
        while tick <= maximum {
            out +=
                "<line x1=\"\(Int(left))\" x2=\"\(Int(width) - 16)\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(Int(left) - 6)\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(Int(tick))</text>\n"
            tick += 10
        }
        for (g, system) in systems.enumerated() {
            let x0 = left + 12 + Double(g) * groupWidth
            for (index, measure) in measures.enumerated() {
                let estimate = system[keyPath: measure.1]
                let x = x0 + Double(index) * barWidth
                out += "<rect x=\"\(f(x))\" y=\"\(f(y(estimate.mean)))\" width=\"\(f(barWidth - 3))\" "
                out += "height=\"\(f(y(0) - y(estimate.mean)))\" fill=\"\(measure.2)\"/>"
                let center = x + (barWidth - 3) / 2
                out +=
                    "<line x1=\"\(f(center))\" x2=\"\(f(center))\" y1=\"\(f(y(estimate.low)))\" y2=\"\(f(y(estimate.high)))\" stroke=\"black\"/>"
                out +=
                    "<text x=\"\(f(center))\" y=\"\(f(y(estimate.high) - 4))\" text-anchor=\"middle\" font-size=\"9\">"
                out += "\(f(estimate.mean))</text>\n"
            }
            let label = x0 + (groupWidth - 24) / 2
            out += "<text x=\"\(f(label))\" y=\"\(f(y(0) + 18))\" text-anchor=\"end\" "
            out += "transform=\"rotate(-30 \(f(label)) \(f(y(0) + 18)))\">\(escape(system.system))</text>\n"
        }
        out +=
            "<line x1=\"\(Int(left))\" x2=\"\(Int(width) - 16)\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"black\"/>\n"
        out += "</svg>\n"
        return out
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension String {
    /// "123" (tenths) → "12.3".
    fileprivate var withDecimal: String {
        var digits = self
        let negative = digits.hasPrefix("-")
        if negative { digits.removeFirst() }
        while digits.count < 2 { digits = "0" + digits }
        return (negative ? "-" : "") + digits.dropLast() + "." + digits.suffix(1)
    }
}
