/// LFW-style verification results for a set of scored pairs, everything the `validate` command reports:
/// k-fold accuracy (`KFoldAccuracy`), VAL@FAR (`ValidationRate`), and the pooled ROC curve with its area and
/// equal error rate (`ROCCurve`).
///
/// Missing faces (pairs with a nil distance): a wrong answer in accuracy whichever the pair's kind; in the
/// validation rate and the ROC curve a pair that is never accepted (an infinite distance), so a missing same-person
/// pair lowers VAL and TPR while a missing different-person pair is a correct rejection.
public struct PairEvaluation: Sendable, Equatable, Encodable {
    public let pairCount: Int
    public let missingFaceCount: Int
    public let accuracy: KFoldAccuracy
    public let validation: ValidationRate
    public let areaUnderCurve: Double
    public let equalErrorRate: Double
    /// Not part of the encoded form, which stays a summary; plot it with `ROCPlot`.
    public let roc: ROCCurve

    private enum CodingKeys: String, CodingKey {
        case pairCount, missingFaceCount, accuracy, validation, areaUnderCurve, equalErrorRate
    }

    public init(_ pairs: [ScoredPair], targetFalseAcceptRate: Double = 1e-3) throws(PairEvaluationError) {
        try Self.validate(pairs)
        pairCount = pairs.count
        missingFaceCount = pairs.count { $0.distance == nil }
        accuracy = try KFoldAccuracy(pairs)
        validation = try ValidationRate(pairs, targetFalseAcceptRate: targetFalseAcceptRate)
        roc = try ROCCurve(pairs)
        areaUnderCurve = roc.areaUnderCurve
        equalErrorRate = roc.equalErrorRate
    }

    /// Checks what every metric needs: both kinds of pair present, and every distance finite.
    static func validate(_ pairs: [ScoredPair]) throws(PairEvaluationError) {
        guard pairs.contains(where: \.isSame) else { throw .noSamePairs }
        guard pairs.contains(where: { !$0.isSame }) else { throw .noDifferentPairs }
        if let index = pairs.firstIndex(where: { $0.distance.map { !$0.isFinite } ?? false }) {
            throw .nonFiniteDistance(pairIndex: index, value: pairs[index].distance!)
        }
    }
}
