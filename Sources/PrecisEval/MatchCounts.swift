/// Counts of matches against a gold standard, and the precision, recall and F1 they give.
public protocol MatchCounts {
    var truePositives: Int { get }
    var falsePositives: Int { get }
    var falseNegatives: Int { get }
    /// The precision or recall when there is nothing to divide by (nothing predicted or nothing
    /// expected).
    static var emptyRatio: Double { get }
}

extension MatchCounts {
    public var precision: Double {
        truePositives + falsePositives == 0
            ? Self.emptyRatio : Double(truePositives) / Double(truePositives + falsePositives)
    }

    public var recall: Double {
        truePositives + falseNegatives == 0
            ? Self.emptyRatio : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}
