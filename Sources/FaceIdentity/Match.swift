/// The answer to "who is this face?": the nearest enrolled person if close enough, otherwise unknown.
public struct Match: Sendable, Equatable {
    /// The recognised person; nil means unknown.
    public let person: String?
    /// The closest enrolled person however far away; nil only when the gallery is empty.
    public let nearest: NearestPerson?
    public let threshold: Float

    /// Known exactly when the nearest distance is below `threshold` (dlib's ResNet: 0.6).
    public init(nearest: NearestPerson?, threshold: Float) {
        self.nearest = nearest
        self.threshold = threshold
        if let nearest, nearest.distance < threshold {
            person = nearest.person
        } else {
            person = nil
        }
    }

    public var isKnown: Bool { person != nil }
    public var distance: Float? { nearest?.distance }
}
