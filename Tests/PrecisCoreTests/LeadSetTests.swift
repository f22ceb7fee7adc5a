import Testing

@testable import PrecisCore

/// Choosing a news summary of three to six sentences as a set (`LeadSets`).
struct LeadSetTests {
    /// Eight sentences of different lengths; the second and fifth tell the same fact.
    static let article = """
        The river burst its banks on Sunday and flooded the lower town. \
        Rescue crews moved three hundred families from the lower town to the school overnight. \
        Rain fell. \
        The mayor asked drivers to keep off the river road. \
        Rescue crews moved three hundred families from the lower town to the school overnight, officials said. \
        Forecasters expect more rain on Tuesday across the whole valley and the hills above it. \
        Schools stay shut. \
        The last flood of this size came in 1998.
        """

    static func summarizer(_ setWeights: [Double]?, sentences: Int = 3, duplicateThreshold: Double = 0.6) throws
        -> Summarizer
    {
        let model = NewsRanker.Model(
            weights: NewsModel.weights.weights, redundancyPenalty: NewsModel.weights.redundancyPenalty,
            setWeights: setWeights)
        return try Summarizer(
            configuration: .init(
                method: .news, length: .sentences(sentences), duplicateThreshold: duplicateThreshold),
            ranker: NewsRanker(model: model))
    }

    /// Weights that are zero but for the named set features.
    static func weights(_ values: [String: Double]) -> [Double] {
        NewsRanker.setFeatureNames.map { values[$0] ?? 0 }
    }

    @Test func everySetOfTheFirstSentencesIsWeighedInOrder() throws {
        let document = try Document(Self.article, title: "Flood")
        #expect(document.sentences.count == 8)
        let sets = NewsRanker.setFeatures(for: document, count: 3)
        // Three of the first six: C(6, 3).
        #expect(sets.count == 20)
        #expect(sets.first?.sentences == [0, 1, 2])
        #expect(sets.last?.sentences == [3, 4, 5])
        #expect(sets.map(\.sentences) == sets.map(\.sentences).sorted { $0.lexicographicallyPrecedes($1) })
        #expect(sets.allSatisfy { $0.features.count == NewsRanker.setFeatureNames.count })
        #expect(NewsRanker.setFeatures(for: document, count: 4).count == 35)
    }

    @Test func featuresDescribeTheSet() throws {
        let document = try Document(Self.article, title: "Flood")
        let names = NewsRanker.setFeatureNames
        func feature(_ name: String, _ sentences: [Int]) -> Double? {
            guard let index = names.firstIndex(of: name) else { return nil }
            return NewsRanker.setFeatures(for: document, count: 3).first { $0.sentences == sentences }?
                .features[index]
        }
        let words = [0, 1, 2].map { document.sentences[$0].tokens.count }.reduce(0, +)
        #expect(feature("words", [0, 1, 2]) == Double(words) / 100)
        #expect(feature("shortest", [0, 1, 2]) == 2.0 / 30)  // "Rain fell."
        #expect(feature("sum of first", [0, 1, 2]) == 1)
        #expect(feature("sum of first", [1, 2, 3]) == 0)
        // Sentence 4 repeats sentence 1 and adds two words: every word of the shorter is in the longer.
        #expect(feature("largestOverlap", [1, 3, 4]) == 1)
        #expect((feature("largestOverlap", [0, 2, 3]) ?? 1) < 1)
        let coverage = try #require(feature("coverage", [0, 1, 2]))
        #expect(coverage > 0 && coverage < 1)
    }

    /// Coverage and density, counted from their definitions for every set: the distinct content stems of
    /// the set's sentences, and those stems' content-word occurrences in the whole article.
    @Test func coverageAndDensityCountEachStemOnce() throws {
        let document = try Document(Self.article, title: "Flood")
        let names = NewsRanker.setFeatureNames
        let coverageIndex = try #require(names.firstIndex(of: "coverage"))
        let densityIndex = try #require(names.firstIndex(of: "density"))
        let content = document.tokens.filter(\.isContent)
        var occurrences: [Int32: Int] = [:]
        for token in content { occurrences[token.term, default: 0] += 1 }
        let sets = NewsRanker.setFeatures(for: document, count: 3)
        #expect(sets.count == 20)
        for set in sets {
            let stems = Set(
                set.sentences.flatMap { document.tokens(of: document.sentences[$0]) }.filter(\.isContent).map(\.term))
            let words = set.sentences.map { document.sentences[$0].tokens.count }.reduce(0, +)
            let covered = stems.map { occurrences[$0] ?? 0 }.reduce(0, +)
            #expect(set.features[coverageIndex] == Double(covered) / Double(content.count), "\(set.sentences)")
            #expect(set.features[densityIndex] == Double(stems.count) / Double(words), "\(set.sentences)")
        }
    }

    @Test func theBestSetIsChosen() throws {
        let document = try Document(Self.article, title: "Flood")
        // Shorter is better: the three shortest of the first six.
        let short = try Self.summarizer(Self.weights(["words": -1])).summarize(document)
        #expect(short.sentences.map(\.index) == [0, 2, 3])
        // Longer is better, but a sentence and its near-repetition (cosine ≥ 0.6) are never both chosen.
        let long = try Self.summarizer(Self.weights(["words": 1])).summarize(document)
        #expect(long.sentences.map(\.index) == [0, 4, 5])
        // Without that rule the longest three are the pair and sentence 5.
        let unchecked = try Self.summarizer(Self.weights(["words": 1]), duplicateThreshold: 2).summarize(document)
        #expect(unchecked.sentences.map(\.index) == [1, 4, 5])
        // The overlap feature alone keeps them apart too, when it weighs more than two words.
        let varied = try Self.summarizer(
            Self.weights(["words": 1, "largestOverlap": -0.5]), duplicateThreshold: 2
        ).summarize(document)
        let chosen = Set(varied.sentences.map(\.index))
        #expect(chosen.count == 3 && !chosen.isSuperset(of: [1, 4]))
        // Equal scores keep the lede.
        let flat = try Self.summarizer(Self.weights([:])).summarize(document)
        #expect(flat.sentences.map(\.index) == [0, 1, 2])
    }

    @Test func otherLengthsAreChosenOneSentenceAtATime() throws {
        let document = try Document(Self.article, title: "Flood")
        let shortest = Self.weights(["words": -1])
        for count in [1, 2, 7] {
            let withSets = try Self.summarizer(shortest, sentences: count).summarize(document)
            let without = try Self.summarizer(nil, sentences: count).summarize(document)
            #expect(withSets == without)
        }
        #expect(NewsRanker.setFeatures(for: document, count: 2).isEmpty)
        #expect(NewsRanker.setFeatures(for: document, count: 7).isEmpty)
    }

    @Test func aShortArticleOrAMismatchedModelFallsBack() throws {
        let short = try Document("One fact came first. A second fact followed. A third fact ended it.")
        #expect(NewsRanker.setFeatures(for: short, count: 3).isEmpty)
        let summary = try Self.summarizer(Self.weights(["words": -1])).summarize(short)
        #expect(summary.sentences.map(\.index) == [0, 1, 2])
        // Set weights of the wrong length are not used.
        let document = try Document(Self.article, title: "Flood")
        let mismatched = try Self.summarizer([-1]).summarize(document)
        #expect(mismatched == (try Self.summarizer(nil).summarize(document)))
    }

    @Test func theShippedModelWeighsEverySetFeature() {
        #expect(NewsModel.weights.setWeights?.count == NewsRanker.setFeatureNames.count)
    }
}
