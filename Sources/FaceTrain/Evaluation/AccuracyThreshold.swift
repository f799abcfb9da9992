/// The distance threshold that maximises verification accuracy on a set of pairs, found exactly.
///
/// Rule: a pair is judged "same" when `distance < threshold`. The candidates are every threshold that splits the
/// sorted distinct distances differently: the smallest distance (accept none), the midpoints between neighbouring
/// distinct distances, and the next representable number above the largest (accept all). Among candidates of equal
/// accuracy the smallest wins (as facenet's `argmax` over its ascending grid). Pairs without a distance take no part
/// in choosing, since no threshold can make them right, but they count as wrong in `accuracy`.
public struct AccuracyThreshold: Sendable, Equatable, Hashable, Codable {
    public let threshold: Double
    /// Accuracy on the pairs the threshold was chosen from, missing faces counted wrong.
    public let accuracy: Double

    public init(bestFor pairs: [ScoredPair]) throws(PairEvaluationError) {
        let scored = pairs.compactMap { pair in pair.distance.map { (distance: $0, isSame: pair.isSame) } }
            .sorted { $0.distance < $1.distance }
        guard let smallest = scored.first else { throw .noDistances }

        var correct = scored.count(where: { !$0.isSame })
        var bestCorrect = correct
        var bestThreshold = smallest.distance
        var index = 0
        while index < scored.count {
            let value = scored[index].distance
            while index < scored.count, scored[index].distance == value {
                correct += scored[index].isSame ? 1 : -1
                index += 1
            }
            if correct > bestCorrect {
                bestCorrect = correct
                bestThreshold = index < scored.count
                    ? value + (scored[index].distance - value) / 2
                    : value.nextUp
            }
        }
        threshold = bestThreshold
        accuracy = Double(bestCorrect) / Double(pairs.count)
    }

    /// The fraction of `pairs` judged correctly at `threshold`; a pair without a distance is always wrong.
    public static func accuracy(of pairs: [ScoredPair], threshold: Double) -> Double {
        guard !pairs.isEmpty else { return .nan }
        let correct = pairs.count { pair in
            guard let distance = pair.distance else { return false }
            return (distance < threshold) == pair.isSame
        }
        return Double(correct) / Double(pairs.count)
    }
}
