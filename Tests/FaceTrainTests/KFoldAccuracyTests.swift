import FaceTrain
import Testing

@Suite struct KFoldAccuracyTests {
    /// Fold 0 is chosen on folds 1+2: sorted 2S 5D 6S 7S 9D 10S 11D 12D; accepting up to 7 gets 6 of 8 right at
    /// threshold 8, and so does accepting up to 10 (10.5), so the smaller wins. On fold 0, "same when d < 8" gets
    /// 1S 4S 8D right and 3D wrong. Fold 1 (from 1S 3D 4S 7S 8D 10S 11D 12D) gets 7.5, 3 of 4. Fold 2 (from
    /// 1S 2S 3D 4S 5D 6S 8D 9D) gets 2.5, which rejects both its same pairs: 2 of 4.
    @Test func handWorkedExample() throws {
        let result = try KFoldAccuracy(HandWorkedPairs.pairs)
        #expect(result.folds.map(\.fold) == [0, 1, 2])
        #expect(result.folds.map(\.threshold) == [8, 7.5, 2.5])
        #expect(result.folds.map(\.trainingAccuracy) == [0.75, 0.75, 0.75])
        #expect(result.folds.map(\.accuracy) == [0.75, 0.75, 0.5])
        #expect(result.folds.map(\.pairCount) == [4, 4, 4])
        #expect(abs(result.accuracy.mean - 2.0 / 3.0) < 1e-12)
        // Population deviation: deviations 1/12, 1/12, −1/6 → variance 2/144 (the sample one would be 3/144).
        #expect(abs(result.accuracy.standardDeviation - 2.0.squareRoot() / 12) < 1e-12)
    }

    /// Chosen on all twelve pairs, the best threshold would be 7.5 (9 of 12 right), which gets 3 of fold 2's pairs
    /// right instead of 2: fold 2's own pairs must not take part in choosing its threshold.
    @Test func thresholdIgnoresTheTestedFold() throws {
        let pooled = try AccuracyThreshold(bestFor: HandWorkedPairs.pairs)
        #expect(pooled.threshold == 7.5)
        #expect(AccuracyThreshold.accuracy(of: HandWorkedPairs.pairs.filter { $0.fold == 2 }, threshold: 7.5) == 0.75)

        let result = try KFoldAccuracy(HandWorkedPairs.pairs)
        #expect(result.folds[2].threshold == 2.5)
        #expect(result.folds[2].accuracy == 0.5)
    }

    @Test func changingATestFoldNeverMovesItsThreshold() throws {
        var generator = SeededGenerator(seed: 7)
        let pairs = (0..<400).map { index in
            let isSame = index % 2 == 0
            return ScoredPair(distance: Double.random(in: 0..<1, using: &generator) + (isSame ? 0 : 0.4),
                              isSame: isSame, fold: index % 5)
        }
        let original = try KFoldAccuracy(pairs)
        for fold in 0..<5 {
            var scrambled = pairs
            for index in scrambled.indices where scrambled[index].fold == fold {
                scrambled[index].distance = Double.random(in: 0..<2, using: &generator)
                scrambled[index].isSame.toggle()
            }
            let changed = try KFoldAccuracy(scrambled)
            #expect(changed.folds[fold].threshold == original.folds[fold].threshold)
            #expect(changed.folds[fold].accuracy != original.folds[fold].accuracy)
        }
    }

    /// A different-person pair of fold 0 without a face: wrong on fold 0 (3 of 5), left out of choosing the other folds'
    /// thresholds (unchanged) but counted in their training accuracy (6 of 9).
    @Test func missingFaceCountsAsWrong() throws {
        let pairs = HandWorkedPairs.pairs + [ScoredPair(distance: nil, isSame: false, fold: 0)]
        let result = try KFoldAccuracy(pairs)
        #expect(result.folds.map(\.threshold) == [8, 7.5, 2.5])
        #expect(result.folds[0].accuracy == 0.6)
        #expect(result.folds[0].pairCount == 5)
        #expect(result.folds[1].trainingAccuracy == 6.0 / 9.0)
    }

    @Test func perfectSeparationIsFullyAccurate() throws {
        let pairs = (0..<40).map { index in
            ScoredPair(distance: index % 2 == 0 ? Double(index) / 100 : 1 + Double(index) / 100,
                       isSame: index % 2 == 0, fold: index / 2 % 4)
        }
        let result = try KFoldAccuracy(pairs)
        #expect(result.folds.allSatisfy { $0.accuracy == 1 && $0.trainingAccuracy == 1 })
        #expect(result.accuracy == Spread(of: [1, 1, 1, 1]))
        #expect(result.accuracy.standardDeviation == 0)
    }

    @Test func randomLabelsGiveChanceAccuracy() throws {
        var generator = SeededGenerator(seed: 42)
        let pairs = (0..<20_000).map { index in
            ScoredPair(distance: Double.random(in: 0..<1, using: &generator),
                       isSame: Bool.random(using: &generator), fold: index % 10)
        }
        let result = try KFoldAccuracy(pairs)
        #expect(abs(result.accuracy.mean - 0.5) < 0.02)
    }

    @Test func exactCandidatesIncludeAcceptingEverythingAndNothing() throws {
        let sameFar = [ScoredPair(distance: 9, isSame: true), ScoredPair(distance: 1, isSame: false),
                       ScoredPair(distance: 2, isSame: false)]
        let acceptNone = try AccuracyThreshold(bestFor: sameFar)
        #expect(acceptNone.threshold == 1)
        #expect(abs(acceptNone.accuracy - 2.0 / 3.0) < 1e-12)

        let sameOnly = try AccuracyThreshold(bestFor: [ScoredPair(distance: 2, isSame: true)])
        #expect(sameOnly.threshold == Double(2).nextUp && sameOnly.accuracy == 1)
    }

    @Test func tiedDistancesShareOneDecision() throws {
        let pairs = [ScoredPair(distance: 1, isSame: true), ScoredPair(distance: 2, isSame: true),
                     ScoredPair(distance: 2, isSame: false), ScoredPair(distance: 2, isSame: false)]
        let choice = try AccuracyThreshold(bestFor: pairs)
        #expect(choice.threshold == 1.5)
        #expect(choice.accuracy == 0.75)
    }

    @Test func refusesWhatItCannotEvaluate() {
        let oneFold = HandWorkedPairs.pairs.map { ScoredPair(distance: $0.distance, isSame: $0.isSame, fold: 0) }
        #expect(throws: PairEvaluationError.tooFewFolds(count: 1)) { try KFoldAccuracy(oneFold) }
        #expect(throws: PairEvaluationError.noDifferentPairs) {
            try KFoldAccuracy(HandWorkedPairs.pairs.filter(\.isSame))
        }
        var infinite = HandWorkedPairs.pairs
        infinite[3].distance = .infinity
        #expect(throws: PairEvaluationError.nonFiniteDistance(pairIndex: 3, value: .infinity)) {
            try KFoldAccuracy(infinite)
        }
        var blind = HandWorkedPairs.pairs
        for index in blind.indices where blind[index].fold != 0 { blind[index].distance = nil }
        #expect(throws: PairEvaluationError.noTrainingDistances(fold: 0)) { try KFoldAccuracy(blind) }
    }

    @Test func errorDescriptionsAreOneLine() {
        let errors: [PairEvaluationError] = [
            .noSamePairs, .noDifferentPairs, .nonFiniteDistance(pairIndex: 3, value: .nan), .tooFewFolds(count: 1),
            .noDistances, .noTrainingDistances(fold: 2), .foldLacksKind(fold: 1, isSame: true),
            .invalidTargetRate(0),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("pair evaluation: "))
            #expect(!error.description.contains("\n"))
        }
        #expect(PairEvaluationError.tooFewFolds(count: 1).description.contains("1 fold;"))
    }
}
