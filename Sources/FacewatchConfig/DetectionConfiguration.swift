/// The MTCNN face detector's settings (YAML `detection`), shared by every stream.
public struct DetectionConfiguration: Sendable, Equatable {
    /// Smallest face to look for, in pixels; each stream may override it.
    public var minFace = 20
    public var thresholds = CascadeThresholds()
    /// Ratio between successive levels of the image pyramid.
    public var scaleFactor = 0.709

    public static let defaults = DetectionConfiguration()

    public init() {}
}

/// The face-probability thresholds of MTCNN's three networks: a candidate scoring below its stage's threshold
/// is dropped there.
public struct CascadeThresholds: Sendable, Equatable {
    public var pnet = 0.6
    public var rnet = 0.7
    public var onet = 0.7

    public init() {}

    public init(pnet: Double, rnet: Double, onet: Double) {
        self.pnet = pnet
        self.rnet = rnet
        self.onet = onet
    }
}
