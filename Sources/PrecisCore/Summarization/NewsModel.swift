/// The weights of ``NewsRanker``'s model, in ``NewsRanker/Feature`` order, and the weights with which a
/// summary of three to six sentences is chosen as a set (``setWeights``, fitted by
/// `scripts/train-news-sets`).
///
/// The sentence weights rank the sentences (each summary sentence's score) and choose longer summaries.
/// They are set by hand as a prior (a lede that decays with position, centrality, the title, the
/// first sentence, and discounts for fragments, quotes and unpunctuated lines), not fitted: the
/// logistic regression that `scripts/train-news` fits on the CNN/DailyMail dev set scores below Lead-3 on
/// the half it was not fitted on, while these weights score above it on both dev sets (README, "Quality
/// and speed"). `scripts/train-news --write` replaces this file with a fitted model.
public enum NewsModel {
    public static let weights = NewsRanker.Model(
        weights: [
            0,  // bias
            0.3,  // first
            0.1,  // second
            0.05,  // third
            0.3,  // inverseIndex
            -0.1,  // relativePosition
            0.05,  // paragraphStart
            0.05,  // inverseParagraph
            0.15,  // centrality
            0.1,  // centroid
            0.1,  // positionCentrality
            0.15,  // title
            0.1,  // lede
            0.2,  // length
            0,  // lengthSquared
            -0.3,  // short
            -0.1,  // long
            -0.05,  // quoted
            0,  // startsWithQuote
            0,  // digits
            0,  // capitalised
            0.2,  // endsWithPunctuation
        ],
        redundancyPenalty: 0.3,
        setWeights: setWeights)
}
