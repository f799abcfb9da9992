import NeuralEngine

/// The classifier objective of facenet's softmax training: softmax cross-entropy on the logits plus λ times the
/// center loss on the features (the embedding layer the logits are computed from).
///
/// `evaluate` computes both losses with the centers as they were before the batch, then updates the centers. The
/// features' gradient it returns is only the center-loss part, λ·∂center/∂x; the trainer adds it to the gradient
/// the logits' gradient brings back through the classifier layer.
public struct SoftmaxCenterLoss: Sendable, Equatable {
    public var centerLoss: CenterLoss
    /// λ, the center loss's weight in the total.
    public let centerLossWeight: Float

    /// The losses of one batch and their gradients.
    public struct Evaluation: Sendable, Equatable {
        /// Cross-entropy + λ · center loss.
        public var total: Double
        public var crossEntropy: Double
        /// Unweighted.
        public var centerLoss: Double
        public var logitsGradient: Tensor
        /// λ·∂(center loss)/∂features.
        public var featuresGradient: Tensor
    }

    public init(centerLoss: CenterLoss, centerLossWeight: Float) {
        self.centerLoss = centerLoss
        self.centerLossWeight = centerLossWeight
    }

    public mutating func evaluate(logits: Tensor, features: Tensor, labels: [Int]) throws(LossInputError) -> Evaluation {
        guard logits.rank == 2, features.rank == 2, logits.shape[0] == features.shape[0] else {
            throw .unexpectedShape(loss: "softmax + center loss", input: "logits", shape: logits.shape,
                                   expected: "[N, classes] for the \(features.shape.first ?? 0) feature rows")
        }
        let crossEntropy = try SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
        let center = try centerLoss.evaluate(features: features, labels: labels)
        try centerLoss.updateCenters(features: features, labels: labels)
        let weight = centerLossWeight
        return Evaluation(
            total: crossEntropy.loss + Double(weight) * center.loss,
            crossEntropy: crossEntropy.loss,
            centerLoss: center.loss,
            logitsGradient: crossEntropy.gradient,
            featuresGradient: Tensor(shape: features.shape, values: center.gradient.values.map { $0 * weight }))
    }
}
