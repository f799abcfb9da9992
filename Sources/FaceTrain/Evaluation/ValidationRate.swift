/// VAL@FAR as facenet reports it: for each fold, the threshold at which the other folds' false accept rate equals
/// the target, then the validation rate (true accept rate) and false accept rate of that threshold on the fold.
///
/// Threshold rule (same when `distance < threshold`): with the other folds' N different-person pairs sorted by
/// distance n₁ ≤ … ≤ n_N (a missing face counting as an infinite distance), and p = target · N, k = ⌊p⌋:
/// the threshold is n₁ when k = 0, otherwise n_k + (p − k)·(n_{k+1} − n_k), linear interpolation between the
/// order statistics, moved to the next number above n_k when it would land on n_k itself (an exact knot p = k)
/// while n_{k+1} is larger. Above n_k and below or at n_{k+1} exactly k of those pairs are accepted (fewer where
/// distances tie), so the training false accept rate never exceeds the target, and equals it at a knot. When
/// n_{k+1} does not exist or is a missing face, the threshold is just above the largest finite n. On the tested
/// fold a pair without a distance is never accepted.
public struct ValidationRate: Sendable, Equatable, Hashable, Codable {
    /// One fold's result.
    public struct Fold: Sendable, Equatable, Hashable, Codable {
        public let fold: Int
        public let threshold: Double
        /// The false accept rate of `threshold` on the other folds, at most the target.
        public let trainingFalseAcceptRate: Double
        public let validationRate: Double
        public let falseAcceptRate: Double
    }

    public let targetFalseAcceptRate: Double
    /// Ordered by fold id.
    public let folds: [Fold]
    public let validationRate: Spread
    public let falseAcceptRate: Spread

    public init(_ pairs: [ScoredPair], targetFalseAcceptRate target: Double = 1e-3) throws(PairEvaluationError) {
        guard target > 0, target <= 1 else { throw .invalidTargetRate(target) }
        try PairEvaluation.validate(pairs)
        let split = try FoldSplit(pairs)
        var results: [Fold] = []
        for fold in split.folds {
            let test = split.testing(fold)
            let same = test.filter(\.isSame), different = test.filter { !$0.isSame }
            guard !same.isEmpty else { throw .foldLacksKind(fold: fold, isSame: true) }
            guard !different.isEmpty else { throw .foldLacksKind(fold: fold, isSame: false) }
            let training = split.training(without: fold).filter { !$0.isSame }
            guard !training.isEmpty else { throw .foldLacksKind(fold: fold, isSame: false) }
            guard let threshold = Self.threshold(target: target, impostors: training) else {
                throw .noTrainingDistances(fold: fold)
            }
            results.append(Fold(fold: fold, threshold: threshold,
                                trainingFalseAcceptRate: Self.acceptedFraction(training, below: threshold),
                                validationRate: Self.acceptedFraction(same, below: threshold),
                                falseAcceptRate: Self.acceptedFraction(different, below: threshold)))
        }
        targetFalseAcceptRate = target
        folds = results
        validationRate = Spread(of: results.map(\.validationRate))
        falseAcceptRate = Spread(of: results.map(\.falseAcceptRate))
    }

    /// The interpolated threshold described above; nil when no different-person pair has a distance.
    static func threshold(target: Double, impostors: [ScoredPair]) -> Double? {
        let finite = impostors.compactMap(\.distance).sorted()
        guard let largest = finite.last else { return nil }
        let position = target * Double(impostors.count)
        let k = Int(position.rounded(.down))
        if k == 0 { return finite[0] }
        guard k < finite.count else { return largest.nextUp }
        let lower = finite[k - 1], upper = finite[k]
        let threshold = lower + (position - Double(k)) * (upper - lower)
        return threshold == lower && upper > lower ? lower.nextUp : threshold
    }

    static func acceptedFraction(_ pairs: [ScoredPair], below threshold: Double) -> Double {
        Double(pairs.count { ($0.distance ?? .infinity) < threshold }) / Double(pairs.count)
    }
}
