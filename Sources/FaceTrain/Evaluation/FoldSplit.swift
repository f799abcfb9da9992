/// Scored pairs grouped by fold for cross-validation: for each fold, the pairs to test and the pairs of all other
/// folds to choose a threshold from.
struct FoldSplit {
    /// The distinct fold ids, ascending.
    let folds: [Int]
    private let pairs: [ScoredPair]

    init(_ pairs: [ScoredPair]) throws(PairEvaluationError) {
        folds = Set(pairs.map(\.fold)).sorted()
        guard folds.count >= 2 else { throw .tooFewFolds(count: folds.count) }
        self.pairs = pairs
    }

    func testing(_ fold: Int) -> [ScoredPair] { pairs.filter { $0.fold == fold } }

    func training(without fold: Int) -> [ScoredPair] { pairs.filter { $0.fold != fold } }
}
