/// One verification pair as the evaluation sees it: how far apart the two faces' descriptors are (smaller means
/// more alike), whether the pictures show the same person, and the cross-validation fold it belongs to.
///
/// A pair is judged "same" when `distance < threshold`. A nil distance means a face was missing from either
/// picture; such a pair counts as a wrong answer in accuracy, whichever its kind, and as never accepted
/// (an infinite distance) in the validation rate and the ROC curve. See `PairEvaluation`.
public struct ScoredPair: Sendable, Equatable, Hashable, Codable {
    public var distance: Double?
    public var isSame: Bool
    public var fold: Int

    public init(distance: Double?, isSame: Bool, fold: Int = 0) {
        self.distance = distance
        self.isSame = isSame
        self.fold = fold
    }
}
