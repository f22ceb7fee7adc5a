// Written by scripts/train-news; see the comment below for the data and the held-out scores.

/// The weights of ``NewsRanker``'s model.
public enum NewsModel {
    /// Hand-set weights: a lede prior, centrality and title overlap, until the model is fitted.
    public static let fitted = NewsRanker.Model(
        weights: [
            0, 0.3, 0.1, 0.05, 0.3, -0.1,
            0.05, 0.05,
            0.15, 0.1, 0.1,
            0.15, 0.1,
            0.2, 0, -0.3, -0.1,
            -0.05, 0, 0, 0, 0.2,
        ],
        redundancyPenalty: 0.3)
}
