import Foundation
import FaceTrain
import NeuralEngine
import Testing

/// The losses' gradients against central differences of their values.
@Suite struct LossGradientTests {
    @Test func softmaxCrossEntropy() throws {
        var generator = SeededGenerator(seed: 40)
        let logits = randomTensor([4, 5], using: &generator)
        let labels = [0, 3, 4, 3]
        let analytic = try SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels).gradient
        let numeric = try numericGradient(of: { try SoftmaxCrossEntropy.evaluate(logits: $0, labels: labels).loss }, at: logits)
        #expect(relativeError(numeric, analytic.values) < 1e-4)
    }

    /// −log softmax of [0, ln 3] at class 1 is log(4/3); at class 0, log 4. Huge logits must not overflow.
    @Test func softmaxCrossEntropyValue() throws {
        let logits = Tensor(shape: [2, 2], values: [0, Float(Foundation.log(3.0)), 1000, 1000 + Float(Foundation.log(3.0))])
        let result = try SoftmaxCrossEntropy.evaluate(logits: logits, labels: [1, 0])
        #expect(abs(result.loss - (Foundation.log(4.0 / 3) + Foundation.log(4.0)) / 2) < 1e-5)
        // Row 0: softmax [1/4, 3/4] − onehot(1) = [1/4, −1/4], over 2 rows.
        #expect(abs(result.gradient.values[0] - 0.125) < 1e-6 && abs(result.gradient.values[1] + 0.125) < 1e-6)
    }

    @Test func centerLossWithRespectToFeatures() throws {
        var generator = SeededGenerator(seed: 41)
        let loss = CenterLoss(centers: randomTensor([3, 4], using: &generator), alpha: 0.9)
        let features = randomTensor([5, 4], using: &generator)
        let labels = [2, 0, 2, 1, 0]
        let analytic = try loss.evaluate(features: features, labels: labels).gradient
        let numeric = try numericGradient(of: { try loss.evaluate(features: $0, labels: labels).loss }, at: features)
        #expect(relativeError(numeric, analytic.values) < 1e-4)
    }

    /// Embeddings whose hinges sit at least 0.05 from zero, so ±h never switches a triplet on or off: triplets with
    /// a positive at 0.1 and negatives at 0.2 (active) or 0.8 (inactive) from the anchor along random directions.
    @Test func tripletLossAwayFromTheHinge() throws {
        var generator = SeededGenerator(seed: 42)
        var rows: [Float] = []
        for t in 0..<4 {
            let anchor = randomTensor([3], using: &generator).values
            let toPositive = randomTensor([3], using: &generator).values, toNegative = randomTensor([3], using: &generator).values
            func along(_ direction: [Float], _ length: Float) -> [Float] {
                let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return zip(anchor, direction).map { $0 + $1 / norm * length }
            }
            rows += anchor + along(toPositive, 0.1) + along(toNegative, t % 2 == 0 ? 0.2 : 0.8)
        }
        let embeddings = Tensor(shape: [12, 3], values: rows)
        let loss = TripletLoss(margin: 0.2)
        let result = try loss.evaluate(embeddings: embeddings)
        #expect(result.activeTriplets == 2 && result.tripletCount == 4)
        let numeric = try numericGradient(of: { try loss.evaluate(embeddings: $0).loss }, at: embeddings)
        #expect(relativeError(numeric, result.gradient.values) < 1e-3)
    }

    @Test func softmaxWithCenterLossAddsTheWeightedTerm() throws {
        var generator = SeededGenerator(seed: 43)
        let logits = randomTensor([3, 4], using: &generator), features = randomTensor([3, 2], using: &generator)
        let centers = randomTensor([4, 2], using: &generator)
        var combined = SoftmaxCenterLoss(centerLoss: CenterLoss(centers: centers, alpha: 0.5), centerLossWeight: 0.25)
        let labels = [1, 3, 1]
        let result = try combined.evaluate(logits: logits, features: features, labels: labels)
        let crossEntropy = try SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
        let center = try CenterLoss(centers: centers, alpha: 0.5).evaluate(features: features, labels: labels)
        #expect(abs(result.total - (crossEntropy.loss + 0.25 * center.loss)) < 1e-12)
        #expect(result.logitsGradient == crossEntropy.gradient)
        #expect(result.featuresGradient.values == center.gradient.values.map { $0 * 0.25 })
        #expect(combined.centerLoss.centers != centers, "the centers moved after the batch")
    }
}
