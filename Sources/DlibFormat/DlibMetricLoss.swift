/// The loss a metric-learning network was trained with (dlib `loss_metric_`): descriptors of the same
/// identity lie closer than `distanceThreshold` (Euclidean), by at least `margin` where training could.
public struct DlibMetricLoss: Sendable, Equatable {
    public var margin: Float
    public var distanceThreshold: Float

    public init(margin: Float, distanceThreshold: Float) {
        self.margin = margin
        self.distanceThreshold = distanceThreshold
    }
}

extension DlibMetricLoss {
    static let storedName = "loss_metric_2"

    /// Reads the name `loss_metric_2`, the margin, then the distance threshold.
    init(reading reader: inout DlibByteReader) throws(DlibFormatError) {
        try reader.expectString(Self.storedName, of: "loss name")
        self.init(margin: Float(try reader.readFloat("margin")),
                  distanceThreshold: Float(try reader.readFloat("distance threshold")))
    }
}
