/// How two descriptors are compared. Smaller is always more alike.
public enum DistanceMetric: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ‖a − b‖: dlib's ResNet descriptors, which are not normalised (same person under about 0.6).
    case euclidean
    /// 1 − cos(a, b): embedders whose descriptors are compared by angle (ArcFace and its kind).
    case cosine

    public var description: String { rawValue }
}
