import FaceTrain
import Testing

@Suite struct ROCCurveTests {
    private func point(_ fpr: Double, _ tpr: Double) -> ROCCurve.Point {
        ROCCurve.Point(falsePositiveRate: fpr, truePositiveRate: tpr)
    }

    /// All twelve pairs pooled, by distance: 1S 2S 3D 4S 5D 6S 7S 8D 9D 10S 11D 12D (in sixths below). Same pairs
    /// below each different one: 2, 3, 5, 5, 6, 6 → AUC 27/36. FPR + TPR first reaches 1 at (2/6, 4/6): EER 1/3.
    @Test func handWorkedExample() throws {
        let curve = try ROCCurve(HandWorkedPairs.pairs)
        let sixths: [(Double, Double)] = [(0, 0), (0, 1), (0, 2), (1, 2), (1, 3), (2, 3), (2, 4), (2, 5), (3, 5),
                                          (4, 5), (4, 6), (5, 6), (6, 6)]
        #expect(curve.points == sixths.map { point($0.0 / 6, $0.1 / 6) })
        #expect(abs(curve.areaUnderCurve - 0.75) < 1e-12)
        #expect(abs(curve.equalErrorRate - 1.0 / 3.0) < 1e-12)
        #expect(curve.truePositiveRate(atFalsePositiveRate: 0) == 2.0 / 6)
        #expect(curve.truePositiveRate(atFalsePositiveRate: 1.5 / 6) == 0.5)
    }

    @Test func perfectSeparation() throws {
        let pairs = [0.1, 0.2, 0.3].map { ScoredPair(distance: $0, isSame: true) }
            + [0.7, 0.8].map { ScoredPair(distance: $0, isSame: false) }
        let curve = try ROCCurve(pairs)
        #expect(curve.areaUnderCurve == 1)
        #expect(curve.equalErrorRate == 0)
        #expect(curve.truePositiveRate(atFalsePositiveRate: 0) == 1)
    }

    @Test func tiesStepDiagonally() throws {
        let curve = try ROCCurve([ScoredPair(distance: 1, isSame: true), ScoredPair(distance: 1, isSame: false)])
        #expect(curve.points == [point(0, 0), point(1, 1)])
        #expect(curve.areaUnderCurve == 0.5)
        #expect(curve.equalErrorRate == 0.5)
    }

    /// The interpolated crossing: (0, 0) → (0.5, 0.25) → (1, 1); FPR + TPR − 1 goes −1 → −0.25 → 1, reaching 0 a
    /// fifth of the way along the second segment: FPR = 0.5 + 0.2 · 0.5.
    @Test func equalErrorRateInterpolates() {
        let curve = ROCCurve(points: [point(0, 0), point(0.5, 0.25), point(1, 1)])
        #expect(abs(curve.equalErrorRate - 0.6) < 1e-12)
        #expect(curve.truePositiveRate(atFalsePositiveRate: 0.75) == 0.625)
    }

    /// Missing faces are infinitely distant: accepted only in the last step to (1, 1).
    @Test func missingFacesJoinOnlyAtTheEnd() throws {
        let curve = try ROCCurve([ScoredPair(distance: 1, isSame: true), ScoredPair(distance: nil, isSame: true),
                                  ScoredPair(distance: 2, isSame: false)])
        #expect(curve.points == [point(0, 0), point(0, 0.5), point(1, 0.5), point(1, 1)])
        #expect(curve.areaUnderCurve == 0.5)
    }

    /// The area is the Mann–Whitney probability that a same pair lies closer than a different one, ties half.
    @Test func areaIsTheRankStatistic() throws {
        var generator = SeededGenerator(seed: 11)
        let pairs = (0..<600).map { _ in
            let isSame = Bool.random(using: &generator)
            return ScoredPair(distance: Double(Int.random(in: 0..<10, using: &generator) + (isSame ? 0 : 2)),
                              isSame: isSame)
        }
        let same = pairs.filter(\.isSame).map { $0.distance! }, different = pairs.filter { !$0.isSame }.map { $0.distance! }
        var wins = 0.0
        for s in same {
            for d in different { wins += s < d ? 1 : (s == d ? 0.5 : 0) }
        }
        let expected = wins / Double(same.count * different.count)
        let curve = try ROCCurve(pairs)
        #expect(abs(curve.areaUnderCurve - expected) < 1e-12)
        #expect(expected > 0.6 && expected < 0.9)
    }

    @Test func randomLabelsGiveChance() throws {
        var generator = SeededGenerator(seed: 5)
        let pairs = (0..<20_000).map { index in
            ScoredPair(distance: Double.random(in: 0..<1, using: &generator), isSame: Bool.random(using: &generator),
                       fold: index % 10)
        }
        let curve = try ROCCurve(pairs)
        #expect(abs(curve.areaUnderCurve - 0.5) < 0.02)
        #expect(abs(curve.equalErrorRate - 0.5) < 0.02)
    }

    @Test func summaryCombinesTheMetrics() throws {
        let evaluation = try PairEvaluation(HandWorkedPairs.pairs + [ScoredPair(distance: nil, isSame: true, fold: 2)],
                                            targetFalseAcceptRate: 0.3)
        #expect(evaluation.pairCount == 13)
        #expect(evaluation.missingFaceCount == 1)
        #expect(evaluation.accuracy.folds.count == 3)
        #expect(evaluation.validation.targetFalseAcceptRate == 0.3)
        #expect(evaluation.areaUnderCurve == evaluation.roc.areaUnderCurve)
        #expect(evaluation.equalErrorRate == evaluation.roc.equalErrorRate)
        #expect(throws: PairEvaluationError.noSamePairs) {
            try PairEvaluation(HandWorkedPairs.pairs.filter { !$0.isSame })
        }
    }
}
