/// One training triplet as indices into a round's images: an anchor, another image of the same person, and an
/// image of someone else.
public struct Triplet: Sendable, Hashable, Comparable {
    public var anchor: Int
    public var positive: Int
    public var negative: Int

    public init(anchor: Int, positive: Int, negative: Int) {
        self.anchor = anchor
        self.positive = positive
        self.negative = negative
    }

    public static func < (lhs: Triplet, rhs: Triplet) -> Bool {
        (lhs.anchor, lhs.positive, lhs.negative) < (rhs.anchor, rhs.positive, rhs.negative)
    }
}
