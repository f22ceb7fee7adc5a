// Written by scripts/train-news-sets: listwise softmax regression over the sets of three among the first
// six sentences of each CNN/DailyMail dev article (../shared/data/summaries/cnndm-dev.jsonl), towards
// softmax(ROUGE-1 / 0.05), L2 0.03. Its output gives the held-out figures; the README has them.

extension NewsModel {
    /// The weights of ``LeadSets``' features, in ``NewsRanker/setFeatureNames`` order.
    static let setWeights: [Double] = [
        0.011106,  // sum of first
        0.202068,  // sum of second
        0.168653,  // sum of third
        0.119141,  // sum of inverseIndex
        -0.113044,  // sum of relativePosition
        0.011106,  // sum of paragraphStart
        0.000000,  // sum of inverseParagraph
        0.295168,  // sum of centrality
        0.093095,  // sum of centroid
        0.207808,  // sum of positionCentrality
        0.000000,  // sum of title
        -0.026903,  // sum of lede
        -0.103310,  // sum of length
        -0.108110,  // sum of lengthSquared
        -0.007961,  // sum of short
        -0.013552,  // sum of long
        -0.103768,  // sum of quoted
        -0.147070,  // sum of startsWithQuote
        0.102990,  // sum of digits
        0.098504,  // sum of capitalised
        -0.040536,  // sum of endsWithPunctuation
        -0.098569,  // words
        -0.248527,  // wordsSquared
        -0.103372,  // shortest
        -0.159174,  // largestOverlap
        -0.111385,  // meanOverlap
        0.119348,  // coverage
        0.098104,  // density
        0.224973,  // coveragePerWord
    ]
}
