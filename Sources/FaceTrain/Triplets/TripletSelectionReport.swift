/// What one round of triplet selection found, for the training log.
public struct TripletSelectionReport: Sendable, Equatable, CustomStringConvertible {
    public var rule: TripletSelectionRule
    public var people: Int
    public var images: Int
    /// Anchor–positive pairs considered (each unordered pair of one person's images once).
    public var anchorPositivePairs: Int
    /// Negatives the rule admitted, summed over the anchor–positive pairs.
    public var candidateNegatives: Int
    /// Pairs that found a negative, one triplet each; the others were dropped.
    public var triplets: Int
    /// Wall-clock time of the selection itself (distances and choice), not of the embedding pass.
    public var seconds: Double

    public var description: String {
        let time = (seconds * 1000).rounded() / 1000
        return "triplet selection (\(rule.rawValue)): \(people) people, \(images) images, "
            + "\(anchorPositivePairs) anchor-positive pairs, \(candidateNegatives) candidate negatives, "
            + "\(triplets) triplets, \(time) s"
    }
}
