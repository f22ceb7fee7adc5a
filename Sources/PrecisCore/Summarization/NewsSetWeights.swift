// Written by scripts/train-news-sets: listwise softmax regression over the sets of three among the first
// six sentences of each article of ../shared/data/summaries/cnndm-dev.jsonl and writers-dev.jsonl (a
// writers-dev article counting 0.1), towards softmax(ROUGE-1 / 0.05), L2 0.004. Its output
// gives the held-out figures; the README has them.

extension NewsModel {
    /// The weights of ``LeadSets``' features, in ``NewsRanker/setFeatureNames`` order.
    static let setWeights: [Double] = [
        -0.009072,  // sum of first
        0.152382,  // sum of second
        0.161033,  // sum of third
        0.209815,  // sum of inverseIndex
        -0.327485,  // sum of relativePosition
        -0.150829,  // sum of paragraphStart
        0.209941,  // sum of inverseParagraph
        0.524236,  // sum of centrality
        0.153334,  // sum of centroid
        0.361534,  // sum of positionCentrality
        -0.000447,  // sum of title
        -0.053468,  // sum of lede
        -0.128281,  // sum of length
        -0.092965,  // sum of lengthSquared
        -0.063326,  // sum of short
        0.130166,  // sum of long
        -0.228201,  // sum of quoted
        -0.205292,  // sum of startsWithQuote
        0.112404,  // sum of digits
        0.148587,  // sum of capitalised
        -0.046300,  // sum of endsWithPunctuation
        -0.106569,  // words
        -0.433092,  // wordsSquared
        -0.304862,  // shortest
        -0.369632,  // largestOverlap
        -0.402987,  // meanOverlap
        0.601081,  // coverage
        0.383560,  // density
        0.918336,  // coveragePerWord
    ]
}
