import Testing

@testable import PrecisCore

/// PageRank over sentence graphs (`SentenceGraph`), held dense or sparse.
struct SentenceGraphTests {
    /// A band of `n` sentences with every pair in the window, as `cosineBand` lays it out: weights
    /// between 0 and 1 that vary from pair to pair, and no edge where `isEdge` says so.
    static func band(count n: Int, isEdge: (Int, Int) -> Bool) -> (band: [Float], window: Int) {
        let window = SentenceGraph.window(count: n)
        var band = [Float](repeating: 0, count: n * window)
        for i in 0..<n {
            for j in (i + 1)..<min(n, i + window + 1) where isEdge(i, j) {
                band[i * window + (j - i - 1)] = Float((i * 31 + j * 17) % 97 + 1) / 98
            }
        }
        return (band, window)
    }

    @Test(arguments: [1, 2, 3, 15, 16, 17, 24, 33, 64, 129])
    func denseAndSparseGraphsScoreAlikeToTheLastBit(count n: Int) {
        // Edges for about two pairs in three, and sentence 0 without any once there are three.
        let (band, window) = Self.band(count: n) { i, j in i > 0 && (i * 7 + j * 13) % 3 != 0 || n < 3 }
        #expect(window == max(n - 1, 0))
        let dense = SentenceGraph(count: n, band: band, window: window, dense: true).pageRank()
        let sparse = SentenceGraph(count: n, band: band, window: window, dense: false).pageRank()
        #expect(dense.count == n)
        #expect(dense == sparse)
        #expect(SentenceGraph(count: n, band: band, window: window).pageRank() == dense)
        #expect(abs(dense.reduce(0, +) - 1) < 1e-4)
    }

    @Test func aRealTextScoresAlikeDenseAndSparse() throws {
        let vectors = SentenceVectors(try Document(Fixtures.harbourBridge))
        let window = SentenceGraph.window(count: vectors.count)
        #expect(window == vectors.count - 1)
        let band = vectors.cosineBand(window: window)
        let dense = SentenceGraph(count: vectors.count, band: band, window: window, dense: true).pageRank()
        let sparse = SentenceGraph(count: vectors.count, band: band, window: window, dense: false).pageRank()
        #expect(dense == sparse)
        #expect(Set(dense).count > 1)
    }

    @Test(arguments: [true, false])
    func theHubOfAStarLeadsAndALoneSentenceKeepsTheTeleportMass(dense: Bool) {
        // Sentence 0 is linked to 1...5; sentence 6 to none.
        let n = 7
        let (band, window) = Self.band(count: n) { i, j in i == 0 && j < 6 }
        let scores = SentenceGraph(count: n, band: band, window: window, dense: dense).pageRank()
        #expect(scores.count == n)
        for i in 1..<n { #expect(scores[0] > scores[i]) }
        // A sentence without edges gets the teleport share and the spread of every dangling sentence's.
        let damping: Float = 0.85
        #expect(abs(scores[6] - ((1 - damping) / 7 + damping * scores[6] / 7)) < 1e-4)
        #expect(abs(scores.reduce(0, +) - 1) < 1e-4)
    }

    @Test func anEmptyGraphHasNoScores() {
        #expect(SentenceGraph(count: 0, band: [], window: 0).pageRank().isEmpty)
    }
}
