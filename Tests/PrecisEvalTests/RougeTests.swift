import Testing

@testable import PrecisEval

struct RougeTests {
    @Test(arguments: RougeFixtures.cases)
    func matchesRougeScore(_ c: RougeFixtures.Case) {
        let scores = Rouge().score(reference: c.reference, candidate: c.candidate)
        let ours = [scores.rouge1, scores.rouge2, scores.rougeL, scores.rougeLsum]
        for (measure, (score, expected)) in zip(["rouge1", "rouge2", "rougeL", "rougeLsum"], zip(ours, c.expected)) {
            #expect(abs(score.precision - expected.0) < 1e-9, "\(measure) precision")
            #expect(abs(score.recall - expected.1) < 1e-9, "\(measure) recall")
            #expect(abs(score.f1 - expected.2) < 1e-9, "\(measure) F1")
        }
    }

    @Test func porterStemmerMatchesNLTK() {
        let stemmer = PorterStemmer()
        for (word, stem) in RougeFixtures.stems {
            #expect(stemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func tokenizerKeepsOnlyASCIILettersAndDigits() {
        let rouge = Rouge(stemming: false)
        #expect(rouge.tokenize("U.S. stocks FELL 3.5%!") == ["u", "s", "stocks", "fell", "3", "5"])
        #expect(rouge.tokenize("Zürich") == ["z", "rich"])
        #expect(rouge.tokenize("") == [])
    }

    @Test func bestReferenceIsChosenPerMeasure() {
        let rouge = Rouge()
        let candidate = "the mayor opened the library"
        let one = rouge.score(reference: "the mayor opened the new library on monday", candidate: candidate)
        let other = rouge.score(reference: "a library opened", candidate: candidate)
        let best = rouge.score(
            references: ["a library opened", "the mayor opened the new library on monday"], candidate: candidate)
        #expect(best.rouge1.f1 == max(one.rouge1.f1, other.rouge1.f1))
        #expect(best.rouge2.f1 == max(one.rouge2.f1, other.rouge2.f1))
    }

    @Test func bootstrapIntervalContainsTheMean() {
        var random = SplitMix64(seed: 1)
        let values = (0..<200).map { _ in Double(random.next() % 1000) / 10 }
        let resamples = (0..<500).map { _ in (0..<200).map { _ in Int(random.next() % 200) } }
        let estimate = SummaryEvaluation.bootstrap(values, resamples: resamples)
        #expect(estimate.low < estimate.mean && estimate.mean < estimate.high)
        #expect(estimate.high - estimate.low < 20)
    }
}
