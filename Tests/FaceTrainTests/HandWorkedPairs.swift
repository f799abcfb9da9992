import FaceTrain

/// A small three-fold example worked out by hand in the tests' comments: integer distances, so that every
/// candidate threshold (a midpoint) is exact.
///
///     fold 0: same 1, 4   different 3, 8
///     fold 1: same 2, 6   different 5, 9
///     fold 2: same 7, 10  different 11, 12
enum HandWorkedPairs {
    static let pairs: [ScoredPair] = [
        ScoredPair(distance: 1, isSame: true, fold: 0), ScoredPair(distance: 4, isSame: true, fold: 0),
        ScoredPair(distance: 3, isSame: false, fold: 0), ScoredPair(distance: 8, isSame: false, fold: 0),
        ScoredPair(distance: 2, isSame: true, fold: 1), ScoredPair(distance: 6, isSame: true, fold: 1),
        ScoredPair(distance: 5, isSame: false, fold: 1), ScoredPair(distance: 9, isSame: false, fold: 1),
        ScoredPair(distance: 7, isSame: true, fold: 2), ScoredPair(distance: 10, isSame: true, fold: 2),
        ScoredPair(distance: 11, isSame: false, fold: 2), ScoredPair(distance: 12, isSame: false, fold: 2),
    ]
}
