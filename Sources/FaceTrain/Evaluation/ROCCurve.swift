/// The receiver operating characteristic of a set of scored pairs, all folds pooled: the true and false accept
/// rates of every threshold, from accepting nothing at (0, 0) to accepting everything at (1, 1).
///
/// Pairs of equal distance are accepted together, so ties give a diagonal step (and count half in the area, as in
/// the Mann–Whitney statistic). A pair without a distance counts as infinitely distant: accepted only at the
/// final point (1, 1).
public struct ROCCurve: Sendable, Equatable, Hashable, Codable {
    /// A point of the curve.
    public struct Point: Sendable, Equatable, Hashable, Codable {
        public let falsePositiveRate: Double
        public let truePositiveRate: Double

        public init(falsePositiveRate: Double, truePositiveRate: Double) {
            self.falsePositiveRate = falsePositiveRate
            self.truePositiveRate = truePositiveRate
        }
    }

    /// Non-decreasing in both rates, from (0, 0) to (1, 1).
    public let points: [Point]

    /// A curve from given points, which must run from (0, 0) to (1, 1) without decreasing in either rate.
    public init(points: [Point]) {
        precondition(points.first == Point(falsePositiveRate: 0, truePositiveRate: 0)
                     && points.last == Point(falsePositiveRate: 1, truePositiveRate: 1),
                     "ROCCurve: points must run from (0, 0) to (1, 1)")
        precondition(zip(points, points.dropFirst()).allSatisfy {
            $0.falsePositiveRate <= $1.falsePositiveRate && $0.truePositiveRate <= $1.truePositiveRate
        }, "ROCCurve: points must not decrease in either rate")
        self.points = points
    }

    public init(_ pairs: [ScoredPair]) throws(PairEvaluationError) {
        try PairEvaluation.validate(pairs)
        let sameTotal = pairs.count(where: \.isSame), differentTotal = pairs.count - sameTotal
        let sorted = pairs.map { (distance: $0.distance ?? .infinity, isSame: $0.isSame) }
            .sorted { $0.distance < $1.distance }
        var points = [Point(falsePositiveRate: 0, truePositiveRate: 0)]
        var sameAccepted = 0, differentAccepted = 0
        var index = 0
        while index < sorted.count {
            let value = sorted[index].distance
            while index < sorted.count, sorted[index].distance == value {
                if sorted[index].isSame { sameAccepted += 1 } else { differentAccepted += 1 }
                index += 1
            }
            points.append(Point(falsePositiveRate: Double(differentAccepted) / Double(differentTotal),
                                truePositiveRate: Double(sameAccepted) / Double(sameTotal)))
        }
        self.init(points: points)
    }

    /// The area under the curve, by the trapezoid rule.
    public var areaUnderCurve: Double {
        zip(points, points.dropFirst()).reduce(0) { area, segment in
            let (a, b) = segment
            return area + (b.falsePositiveRate - a.falsePositiveRate) * (a.truePositiveRate + b.truePositiveRate) / 2
        }
    }

    /// The equal error rate: the false positive rate where it equals the false negative rate (1 − TPR), linearly
    /// interpolated along the segment where FPR + TPR − 1, which never falls along the curve, first reaches 0.
    public var equalErrorRate: Double {
        func excess(_ point: Point) -> Double { point.falsePositiveRate + point.truePositiveRate - 1 }
        let crossing = points.indices.first { excess(points[$0]) >= 0 }!
        let a = points[crossing - 1], b = points[crossing]
        let fraction = -excess(a) / (excess(b) - excess(a))
        return a.falsePositiveRate + fraction * (b.falsePositiveRate - a.falsePositiveRate)
    }

    /// The highest true positive rate at a false positive rate of at most `falsePositiveRate`, interpolating
    /// linearly along the curve.
    public func truePositiveRate(atFalsePositiveRate target: Double) -> Double {
        var best = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            if b.falsePositiveRate <= target {
                best = max(best, b.truePositiveRate)
            } else if a.falsePositiveRate <= target {
                let fraction = (target - a.falsePositiveRate) / (b.falsePositiveRate - a.falsePositiveRate)
                best = max(best, a.truePositiveRate + fraction * (b.truePositiveRate - a.truePositiveRate))
            }
        }
        return best
    }
}
