/// Why verification metrics could not be computed from a set of scored pairs; one line each.
public enum PairEvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    case noSamePairs
    case noDifferentPairs
    /// Distances must be finite numbers; a missing face is a nil distance, not an infinite one.
    case nonFiniteDistance(pairIndex: Int, value: Double)
    /// Cross-validation needs at least two folds: one to test while the others choose the threshold.
    case tooFewFolds(count: Int)
    /// No pair has a distance, so there is nothing to choose a threshold from.
    case noDistances
    /// Every pair outside `fold` lacks a distance, so there is nothing to choose its threshold from.
    case noTrainingDistances(fold: Int)
    /// A fold without pairs of one kind has an undefined validation or false accept rate.
    case foldLacksKind(fold: Int, isSame: Bool)
    case invalidTargetRate(Double)

    public var description: String {
        switch self {
        case .noSamePairs:
            return "pair evaluation: no same-person pairs, so the true accept rate is undefined"
        case .noDifferentPairs:
            return "pair evaluation: no different-person pairs, so the false accept rate is undefined"
        case .nonFiniteDistance(let index, let value):
            return "pair evaluation: pair \(index) has distance \(value); distances must be finite (nil for a missing face)"
        case .tooFewFolds(let count):
            return "pair evaluation: \(count) fold\(count == 1 ? "" : "s"); cross-validation needs at least 2"
        case .noDistances:
            return "pair evaluation: no pair has a distance to choose a threshold from"
        case .noTrainingDistances(let fold):
            return "pair evaluation: fold \(fold): no pair in the other folds has a distance to choose a threshold from"
        case .foldLacksKind(let fold, let isSame):
            return "pair evaluation: fold \(fold) has no \(isSame ? "same" : "different")-person pairs"
        case .invalidTargetRate(let rate):
            return "pair evaluation: target false accept rate \(rate) is not in (0, 1]"
        }
    }
}
