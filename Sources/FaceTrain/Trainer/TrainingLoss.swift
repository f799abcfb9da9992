/// The objective a run trains with, and its settings.
public enum TrainingLoss: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Softmax cross-entropy over the people plus λ (`weight`) times the center loss on the bottleneck; the
    /// centers move with rate 1 − `alpha` (facenet: `center_loss_factor`, `center_loss_alfa`).
    case center(weight: Float, alpha: Float)
    /// Triplet loss with margin α on the L2-normalised embeddings; triplets chosen each round from
    /// `peoplePerBatch` × `imagesPerPerson` images under `rule`.
    case triplet(margin: Float, rule: TripletSelectionRule, peoplePerBatch: Int, imagesPerPerson: Int)

    public var name: String {
        switch self {
        case .center: return "center"
        case .triplet: return "triplet"
        }
    }

    public var description: String {
        switch self {
        case let .center(weight, alpha):
            return "softmax + center loss (λ \(weight), α \(alpha))"
        case let .triplet(margin, rule, people, images):
            return "triplet loss (α \(margin), \(rule) selection, \(people) people × \(images) images per round)"
        }
    }
}
