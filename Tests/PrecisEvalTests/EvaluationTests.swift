import PrecisCore
import Testing

@testable import PrecisEval

struct EvaluationTests {
    static let examples = [
        SummaryEvaluation.Example(
            id: "1",
            article: """
                The city council approved a new harbour bridge on Tuesday. The bridge will cost $480 million. \
                Construction starts next spring. Critics said buses would be cheaper. The mayor welcomed the vote.
                """,
            references: ["The council approved a $480 million harbour bridge.\nConstruction starts next spring."],
            systemOutputs: ["copy": "The city council approved a new harbour bridge on Tuesday."]),
        SummaryEvaluation.Example(
            id: "2",
            article: """
                Dock workers accepted a new contract on Sunday, ending a nine-day strike. Wages rise 14 percent \
                over three years. Ships had waited offshore for days. The port reopens on Monday.
                """,
            references: ["Dock workers accept contract, ending strike.\nPort reopens Monday.", "The strike is over."],
            systemOutputs: ["copy": ""]),
    ]

    @Test func reportsEverySystemWithIntervals() throws {
        var configuration = SummaryEvaluation.Configuration()
        configuration.methods = [.news, .lead]
        configuration.bootstrapSamples = 200
        let report = try SummaryEvaluation(configuration: configuration).evaluate(Self.examples)
        #expect(report.systems.map(\.system) == ["news", "lead", "lead-3", "copy", "oracle"])
        #expect(report.details.count == 2 * 5)
        for system in report.systems {
            #expect(system.rouge1.low <= system.rouge1.mean && system.rouge1.mean <= system.rouge1.high)
            #expect(system.articles == 2)
        }
        let oracle = try #require(report.systems.first { $0.system == "oracle" })
        let lead = try #require(report.systems.first { $0.system == "lead-3" })
        #expect(oracle.rouge1.mean + oracle.rouge2.mean >= lead.rouge1.mean + lead.rouge2.mean)
        // An empty system output scores zero.
        let empty = try #require(report.details.first { $0.system == "copy" && $0.id == "2" })
        #expect(empty.scores.rouge1.f1 == 0)
    }

    @Test func scoresAgainstTheFirstOrTheBestReference() throws {
        var configuration = SummaryEvaluation.Configuration()
        configuration.includesOracle = false
        let first = try SummaryEvaluation(configuration: configuration).evaluate([Self.examples[1]])
        configuration.references = .all
        let all = try SummaryEvaluation(configuration: configuration).evaluate([Self.examples[1]])
        #expect(first.details[0].references.count == 1)
        #expect(all.details[0].references.count == 2)
        #expect(all.systems[0].rouge1.mean >= first.systems[0].rouge1.mean)
    }

    @Test func chartIsStandaloneSVG() throws {
        let report = try SummaryEvaluation().evaluate(Self.examples)
        let svg = ResultChart(report: report, title: "fixture <test>").svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("fixture &lt;test&gt;"))
        #expect(svg.contains("oracle"))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func segmentationScores() {
        let examples = [
            SegmentationEvaluation.Example(
                id: "a", text: "Dr. Smith came home. He slept. Then he left",
                sentences: ["Dr. Smith came home.", "He slept.", "Then he left"],
                parStarts: [0, 2]),
            SegmentationEvaluation.Example(
                id: "b", text: "It rained Today was bad", sentences: ["It rained", "Today was bad"], parStarts: [0]),
        ]
        let report = SegmentationEvaluation(language: .english).evaluate(examples, errorSamples: 5)
        // Flat: both boundaries of "a" are found; the one without punctuation in "b" is not.
        #expect(report.flat.truePositives == 2)
        #expect(report.flat.falseNegatives == 1)
        #expect(report.flat.falsePositives == 0)
        #expect(report.flat.correctDocuments == 1)
        // Per paragraph the boundary at the paragraph break does not count.
        #expect(report.paragraphs.truePositives == 1)
        #expect(report.paragraphs.falseNegatives == 1)
        #expect(report.paragraphs.correctDocuments == 1)
        #expect(report.errors.count == 1)
        #expect(abs(report.paragraphs.f1 - 2.0 / 3.0) < 1e-9)
    }
}
