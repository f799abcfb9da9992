/// The four dimensions dlib gives every tensor: samples, channels, rows, columns (NCHW).
/// Alone it is what dlib stores for an `alias_tensor` (a view into a layer's parameters).
public struct DlibTensorShape: Sendable, Hashable, CustomStringConvertible {
    public var samples: Int
    public var channels: Int
    public var rows: Int
    public var columns: Int

    public init(samples: Int, channels: Int, rows: Int, columns: Int) {
        self.samples = samples
        self.channels = channels
        self.rows = rows
        self.columns = columns
    }

    public var count: Int { samples * channels * rows * columns }

    public var description: String { "\(samples)×\(channels)×\(rows)×\(columns)" }
}

/// A dlib tensor as stored (`resizable_tensor`): its shape and float32 values in NCHW order.
public struct DlibTensor: Sendable, Equatable {
    public var shape: DlibTensorShape
    public var values: [Float]

    public init(shape: DlibTensorShape, values: [Float]) {
        precondition(shape.count == values.count, "DlibTensor: \(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }
}
