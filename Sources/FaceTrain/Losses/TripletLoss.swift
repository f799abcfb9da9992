import NeuralEngine

/// The triplet loss of FaceNet (Schroff et al. 2015) on L2-normalised embeddings (normalise them in the model, with
/// `L2NormalizeLayer`): the mean over triplets of max(‖a − p‖² − ‖a − n‖² + α, 0).
///
/// The embeddings come as `[3·T, D]` with each triplet's rows together, anchor, positive, negative (the order in
/// which facenet batches them). A triplet contributes a gradient only while its hinge is active (strictly above 0):
/// 2(n − p)/T to the anchor, 2(p − a)/T to the positive, 2(a − n)/T to the negative.
public struct TripletLoss: Sendable, Equatable {
    /// α, the margin; 0.2 by default, as in facenet.
    public let margin: Float

    /// The loss, its gradient, and how many triplets still violate the margin.
    public struct Evaluation: Sendable, Equatable {
        public var loss: Double
        public var gradient: Tensor
        public var activeTriplets: Int
        public var tripletCount: Int
    }

    public init(margin: Float = 0.2) { self.margin = margin }

    public func evaluate(embeddings: Tensor) throws(LossInputError) -> Evaluation {
        guard embeddings.rank == 2, embeddings.shape[0] > 0, embeddings.shape[0] % 3 == 0, embeddings.shape[1] > 0 else {
            throw .unexpectedShape(loss: "triplet loss", input: "embeddings", shape: embeddings.shape,
                                   expected: "[3·T, D] (anchor, positive, negative rows per triplet)")
        }
        let width = embeddings.shape[1], triplets = embeddings.shape[0] / 3
        let x = embeddings.values
        var gradient = [Float](repeating: 0, count: embeddings.count)
        var total = 0.0
        var active = 0
        let scale = 2 / Double(triplets)
        for t in 0..<triplets {
            let a = 3 * t * width, p = a + width, n = p + width
            var positive = 0.0, negative = 0.0
            for j in 0..<width {
                let dp = Double(x[a + j]) - Double(x[p + j]), dn = Double(x[a + j]) - Double(x[n + j])
                positive += dp * dp
                negative += dn * dn
            }
            let hinge = positive - negative + Double(margin)
            guard hinge > 0 else { continue }
            total += hinge
            active += 1
            for j in 0..<width {
                let anchor = Double(x[a + j]), pos = Double(x[p + j]), neg = Double(x[n + j])
                gradient[a + j] = Float(scale * (neg - pos))
                gradient[p + j] = Float(scale * (pos - anchor))
                gradient[n + j] = Float(scale * (anchor - neg))
            }
        }
        return Evaluation(loss: total / Double(triplets), gradient: Tensor(shape: embeddings.shape, values: gradient),
                          activeTriplets: active, tripletCount: triplets)
    }
}
