import FaceTrain
import Testing

@Suite struct ValidationRateTests {
    /// Target 0.3 with 4 training impostors: p = 1.2, so the threshold is n₁ + 0.2·(n₂ − n₁).
    /// Fold 0: impostors 5 9 11 12 → 5.8; same 1 4 both accepted, different 3 accepted, 8 not.
    /// Fold 1: impostors 3 8 11 12 → 4; same 2 accepted, 6 not; different 5 9 rejected.
    /// Fold 2: impostors 3 5 8 9 → 3.4; same 7 10 rejected; different 11 12 rejected.
    @Test func handWorkedExample() throws {
        let result = try ValidationRate(HandWorkedPairs.pairs, targetFalseAcceptRate: 0.3)
        #expect(result.targetFalseAcceptRate == 0.3)
        let thresholds = result.folds.map(\.threshold)
        for (threshold, expected) in zip(thresholds, [5.8, 4, 3.4]) {
            #expect(abs(threshold - expected) < 1e-12)
        }
        #expect(result.folds.map(\.trainingFalseAcceptRate) == [0.25, 0.25, 0.25])
        #expect(result.folds.map(\.validationRate) == [1, 0.5, 0])
        #expect(result.folds.map(\.falseAcceptRate) == [0.5, 0, 0])
        #expect(result.validationRate.mean == 0.5)
        #expect(abs(result.validationRate.standardDeviation - (1.0 / 6).squareRoot()) < 1e-12)
        #expect(abs(result.falseAcceptRate.mean - 0.5 / 3) < 1e-12)
    }

    /// Below one impostor's worth (p < 1) the threshold is the closest impostor, which is itself rejected; at an
    /// exact knot p = k the threshold lies just above n_k, accepting k: the training rate never exceeds the target,
    /// and comes within one impostor of it.
    @Test func thresholdStaysAtOrBelowTheTarget() throws {
        let tiny = try ValidationRate(HandWorkedPairs.pairs, targetFalseAcceptRate: 1e-3)
        #expect(tiny.folds.map(\.threshold) == [5, 3, 3])
        #expect(tiny.folds.allSatisfy { $0.trainingFalseAcceptRate == 0 })

        let knot = try ValidationRate(HandWorkedPairs.pairs, targetFalseAcceptRate: 0.5)
        #expect(knot.folds.map(\.threshold) == [Double(9).nextUp, Double(8).nextUp, Double(5).nextUp])
        #expect(knot.folds.map(\.trainingFalseAcceptRate) == [0.5, 0.5, 0.5])

        var generator = SeededGenerator(seed: 3)
        let pairs = (0..<3_000).map { index in
            ScoredPair(distance: Double.random(in: 0..<1, using: &generator), isSame: index % 3 == 0, fold: index % 10)
        }
        for target in [1e-3, 0.01, 0.05, 0.37] {
            let result = try ValidationRate(pairs, targetFalseAcceptRate: target)
            #expect(result.folds.allSatisfy { $0.trainingFalseAcceptRate <= target })
            #expect(result.folds.allSatisfy { $0.trainingFalseAcceptRate >= target - 1.0 / 1_800 - 1e-12 })
        }
    }

    /// Missing faces are never accepted: a same pair lowers VAL, a different pair counts as rejected, and missing
    /// training impostors still count in the training rate's denominator.
    @Test func missingFacesAreNeverAccepted() throws {
        let pairs = HandWorkedPairs.pairs + [ScoredPair(distance: nil, isSame: true, fold: 0),
                                             ScoredPair(distance: nil, isSame: false, fold: 1)]
        let result = try ValidationRate(pairs, targetFalseAcceptRate: 0.3)
        // Fold 0: training impostors 5 9 11 12 ∞ → p = 1.5 → 7; same 1 4 accepted, missing not: 2 of 3.
        #expect(abs(result.folds[0].threshold - 7) < 1e-12)
        #expect(result.folds[0].validationRate == 2.0 / 3.0)
        #expect(result.folds[0].trainingFalseAcceptRate == 0.2)
        // Fold 1: different 5 9 and the missing one, none accepted at 4.
        #expect(result.folds[1].falseAcceptRate == 0)
    }

    /// Same pairs at 0.00…0.38, different ones at 1.01…1.39. At 1e-3 each threshold is the other folds' closest
    /// impostor, above every same pair: VAL is 1. Only fold 0 holds an impostor (1.01) closer than the others' closest
    /// (1.03), so its FAR is 1 of 5 and the mean 0.05.
    @Test func perfectSeparationValidatesEverything() throws {
        let pairs = (0..<40).map { index in
            ScoredPair(distance: index % 2 == 0 ? Double(index) / 100 : 1 + Double(index) / 100,
                       isSame: index % 2 == 0, fold: index / 2 % 4)
        }
        let result = try ValidationRate(pairs)
        #expect(result.validationRate.mean == 1)
        #expect(result.folds.map(\.falseAcceptRate) == [0.2, 0, 0, 0])
        #expect(result.falseAcceptRate.mean == 0.05)
    }

    @Test func refusesWhatItCannotEvaluate() {
        #expect(throws: PairEvaluationError.invalidTargetRate(0)) {
            try ValidationRate(HandWorkedPairs.pairs, targetFalseAcceptRate: 0)
        }
        let foldWithoutSame = HandWorkedPairs.pairs.filter { $0.fold != 1 || !$0.isSame }
        #expect(throws: PairEvaluationError.foldLacksKind(fold: 1, isSame: true)) {
            try ValidationRate(foldWithoutSame)
        }
        let oneFold = HandWorkedPairs.pairs.map { ScoredPair(distance: $0.distance, isSame: $0.isSame, fold: 0) }
        #expect(throws: PairEvaluationError.tooFewFolds(count: 1)) { try ValidationRate(oneFold) }
    }
}
