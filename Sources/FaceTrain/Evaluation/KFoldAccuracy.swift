/// LFW's headline figure: verification accuracy by k-fold cross-validation. For each fold, the threshold is the
/// `AccuracyThreshold` of the pairs in all other folds, and accuracy is measured on the fold itself; pairs without a
/// distance (a missing face) count as wrong answers. The spread is the mean and population standard deviation of
/// the per-fold accuracies.
public struct KFoldAccuracy: Sendable, Equatable, Hashable, Codable {
    /// One fold's result: the threshold chosen without it and the accuracy on it.
    public struct Fold: Sendable, Equatable, Hashable, Codable {
        public let fold: Int
        public let threshold: Double
        /// Accuracy of `threshold` on the other folds' pairs, from which it was chosen.
        public let trainingAccuracy: Double
        public let accuracy: Double
        public let pairCount: Int
    }

    /// Ordered by fold id.
    public let folds: [Fold]
    public let accuracy: Spread

    public init(_ pairs: [ScoredPair]) throws(PairEvaluationError) {
        try PairEvaluation.validate(pairs)
        let split = try FoldSplit(pairs)
        var results: [Fold] = []
        for fold in split.folds {
            let choice: AccuracyThreshold
            do throws(PairEvaluationError) {
                choice = try AccuracyThreshold(bestFor: split.training(without: fold))
            } catch .noDistances {
                throw .noTrainingDistances(fold: fold)
            }
            let test = split.testing(fold)
            results.append(Fold(fold: fold, threshold: choice.threshold, trainingAccuracy: choice.accuracy,
                                accuracy: AccuracyThreshold.accuracy(of: test, threshold: choice.threshold),
                                pairCount: test.count))
        }
        folds = results
        accuracy = Spread(of: results.map(\.accuracy))
    }
}
