import Foundation
import FaceTrain
import NeuralEngine
import Testing

@Suite struct CenterLossTests {
    /// Centers c0 = (1, 0), c1 = (0, 2), c2 = (5, 5); α = 0.5 so each sample's step is (1 − α) = 0.5.
    /// Features x0 = (3, 0) and x1 = (1, 1) of class 0, x2 = (0, 0) of class 1.
    ///
    /// Loss: x − c = (2, 0), (0, 1), (0, −2): squares 4 + 1 + 4 = 9 over N·D = 6 values, 1.5.
    /// Gradient 2(x − c)/6: (2/3, 0), (0, 1/3), (0, −2/3).
    /// Centers, deltas summed per class: c0 − 0.5·((1, 0) − (3, 0) + (1, 0) − (1, 1)) = (1, 0) − 0.5·(−2, −1) = (2, 0.5)
    /// (averaging the deltas would give (1.5, 0.25)); c1 − 0.5·((0, 2) − (0, 0)) = (0, 1); c2, absent, stays.
    @Test func handWorkedBatch() throws {
        var loss = CenterLoss(centers: Tensor(shape: [3, 2], values: [1, 0, 0, 2, 5, 5]), alpha: 0.5)
        let features = Tensor(shape: [3, 2], values: [3, 0, 1, 1, 0, 0])
        let labels = [0, 0, 1]
        let result = try loss.evaluate(features: features, labels: labels)
        #expect(result.loss == 1.5)
        let expected: [Float] = [2.0 / 3, 0, 0, 1.0 / 3, 0, -2.0 / 3]
        #expect(zip(result.gradient.values, expected).allSatisfy { abs($0 - $1) < 1e-7 })
        try loss.updateCenters(features: features, labels: labels)
        #expect(loss.centers.values == [2, 0.5, 0, 1, 5, 5])
    }

    /// The combined objective evaluates with the centers from before the batch, then moves them: the same batch
    /// again sees the moved centers. With centers at 0, x = (2, 0) of class 0 and α = 0.75: loss 4/2 = 2, then
    /// c0 = 0 − 0.25·(0 − (2, 0)) = (0.5, 0) and the next loss is 1.5²/2 = 1.125.
    @Test func combinedLossUsesTheCentersFromBeforeTheBatch() throws {
        var combined = SoftmaxCenterLoss(centerLoss: CenterLoss(classCount: 2, featureCount: 2, alpha: 0.75), centerLossWeight: 2)
        let logits = Tensor(shape: [1, 2], values: [0, 0]), features = Tensor(shape: [1, 2], values: [2, 0])
        let first = try combined.evaluate(logits: logits, features: features, labels: [0])
        #expect(first.centerLoss == 2)
        #expect(abs(first.total - (Foundation.log(2.0) + 4)) < 1e-12)
        #expect(combined.centerLoss.centers.values == [0.5, 0, 0, 0])
        let second = try combined.evaluate(logits: logits, features: features, labels: [0])
        #expect(second.centerLoss == 1.125)
    }

    @Test func rejectsBadLabelsAndShapes() {
        let loss = CenterLoss(classCount: 2, featureCount: 3)
        let features = Tensor(shape: [2, 3], repeating: 1)
        #expect(throws: LossInputError.labelOutOfRange(loss: "center loss", row: 1, label: 2, classCount: 2)) {
            try loss.evaluate(features: features, labels: [0, 2])
        }
        #expect(throws: LossInputError.labelCountMismatch(loss: "center loss", labels: 1, rows: 2)) {
            try loss.evaluate(features: features, labels: [0])
        }
        do {
            _ = try loss.evaluate(features: Tensor(shape: [2, 2], repeating: 1), labels: [0, 1])
            Issue.record("a 2-wide feature tensor was accepted for 3-wide centers")
        } catch {
            #expect(error.description == "center loss: features of shape 2×2 must be [N, 3] with N > 0")
        }
    }
}
