import NeuralEngine

/// Center loss (Wen et al. 2016, as facenet implements it): one center per class, moved towards the class's
/// features after each batch rather than trained by gradient.
///
/// For features x `[N, D]` with labels y, the loss is the mean over the batch and the feature dimensions of
/// (x_i − c_{y_i})², computed with the centers as they were before the batch; its gradient with respect to the
/// features is 2(x_i − c_{y_i}) / (N·D), the centers held fixed.
///
/// Center update: every sample contributes its own delta `(1 − α)(c_y − x_i)`, computed from the centers before
/// the batch, and the deltas of one class are summed, not averaged:
///
///     c_y ← c_y − (1 − α) · Σ_{i : y_i = y} (c_y − x_i)
///
/// This is what facenet's `tf.scatter_sub` does with repeated labels. A class with k samples in the batch thus
/// moves k times as far as with one, and overshoots its samples' mean when k(1 − α) > 1; keep α close to 1
/// (facenet's default is 0.95) when a batch holds many images per class.
public struct CenterLoss: Sendable, Equatable {
    /// `[classes, D]`; all zero at the start, as in facenet.
    public var centers: Tensor
    /// The centers' inertia α in [0, 1]: 1 never moves them, 0 moves a lone sample's center onto it.
    public let alpha: Float

    public var classCount: Int { centers.shape[0] }
    public var featureCount: Int { centers.shape[1] }

    public init(classCount: Int, featureCount: Int, alpha: Float = 0.95) {
        precondition(classCount > 0 && featureCount > 0, "CenterLoss: needs at least one class and one feature")
        centers = Tensor(shape: [classCount, featureCount])
        self.alpha = alpha
    }

    public init(centers: Tensor, alpha: Float) {
        precondition(centers.rank == 2 && centers.count > 0, "CenterLoss: centers must be [classes, D], got \(centers)")
        self.centers = centers
        self.alpha = alpha
    }

    /// The loss and its gradient with respect to `features`, the centers held fixed.
    public func evaluate(features: Tensor, labels: [Int]) throws(LossInputError) -> LossEvaluation {
        try check(features: features, labels: labels)
        let rows = features.shape[0], width = featureCount
        let scale = 1 / Double(rows * width)
        var total = 0.0
        var gradient = [Float](repeating: 0, count: features.count)
        for r in 0..<rows {
            let center = labels[r] * width
            for j in 0..<width {
                let difference = Double(features.values[r * width + j]) - Double(centers.values[center + j])
                total += difference * difference
                gradient[r * width + j] = Float(2 * difference * scale)
            }
        }
        return LossEvaluation(loss: total * scale, gradient: Tensor(shape: features.shape, values: gradient))
    }

    /// Moves the centers of the batch's classes towards their samples (summed deltas; see the type's notes).
    public mutating func updateCenters(features: Tensor, labels: [Int]) throws(LossInputError) {
        try check(features: features, labels: labels)
        let width = featureCount, step = 1 - alpha
        let before = centers.values
        var after = before
        for (r, label) in labels.enumerated() {
            for j in 0..<width {
                after[label * width + j] -= step * (before[label * width + j] - features.values[r * width + j])
            }
        }
        centers.values = after
    }

    private func check(features: Tensor, labels: [Int]) throws(LossInputError) {
        guard features.rank == 2, features.shape[1] == featureCount, features.shape[0] > 0 else {
            throw .unexpectedShape(loss: "center loss", input: "features", shape: features.shape,
                                   expected: "[N, \(featureCount)] with N > 0")
        }
        try LossInputError.checkLabels(labels, rows: features.shape[0], classCount: classCount, loss: "center loss")
    }
}
